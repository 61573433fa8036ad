/*
 * interrupt.h - SIGINT, SIGTERM and SIGHUP as a request to stop: the
 * handler only records the signal; the loops that wait (child.c, the
 * measurement) see it, kill what runs, save what was measured, and the
 * command exits with 128 + the signal (130 for Ctrl-C, 143 for SIGTERM).
 *
 *     interrupt_install();
 *     ... if (interrupt_signal() != 0) stop, clean up ...
 *     return interrupt_signal() ? interrupt_exit_code() : status;
 *
 * The one piece of global state of the harness: a signal handler has
 * nowhere else to put what it saw.
 */
#ifndef LADDER_INTERRUPT_H
#define LADDER_INTERRUPT_H

/* Installs the handlers (without SA_RESTART, so blocking calls return
 * EINTR and their loops can look). */
void interrupt_install(void);

/* The signal received, or 0. */
int interrupt_signal(void);

/* 128 + the signal received (0 if none). */
int interrupt_exit_code(void);

#endif /* LADDER_INTERRUPT_H */
