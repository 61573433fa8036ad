/* interrupt.c - a stop request from a signal (see interrupt.h). */
#include "harness/interrupt.h"

#include <signal.h>
#include <string.h>

/* Exit statuses follow the shell's convention for a command killed by a
 * signal. */
#define INTERRUPT_EXIT_BASE 128

static volatile sig_atomic_t received;

static void record(int sig)
{
    if (received == 0)
        received = sig;
}

void interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = record;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int interrupt_signal(void)
{
    return received;
}

int interrupt_exit_code(void)
{
    return received ? INTERRUPT_EXIT_BASE + received : 0;
}
