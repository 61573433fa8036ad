/* worker.c - a rung process behind the protocol (see worker.h). */
#include "harness/worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/interrupt.h"
#include "harness/protocol.h"

#define NS_PER_MS 1000000LL
#define NS_PER_SEC 1000000000LL
/* How much of the rung's stderr a failure shows. */
#define WORKER_STDERR_TAIL 600
#define WORKER_READ_CHUNK 65536
/* poll() waits at most this long at a time, so that an interrupt is seen. */
#define WORKER_POLL_MAX_MS 200

int worker_start(worker *w, const char *command, const char *dir, const char *const *env,
                 buf *why)
{
    memset(w, 0, sizeof *w);
    w->proc = (child)CHILD_INIT;
    w->errors = tmpfile();
    if (w->errors == NULL) {
        buf_printf(why, "cannot keep the rung's stderr: %s", strerror(errno));
        return -1;
    }
    w->proc.shell = command;
    w->proc.dir = dir;
    w->proc.env = env;
    w->proc.in = CHILD_PIPE;
    w->proc.out = CHILD_PIPE;
    w->proc.err = CHILD_FD;
    w->proc.err_fd = fileno(w->errors);
    if (child_start(&w->proc, why) != 0)
        return -1;
    fcntl(w->proc.out_fd, F_SETFL, fcntl(w->proc.out_fd, F_GETFL) | O_NONBLOCK);
    w->alive = 1;
    return 0;
}

/* Appends the last lines of the rung's stderr to why, if there are any. */
static void append_stderr_tail(worker *w, buf *why)
{
    if (w->errors == NULL)
        return;
    fflush(w->errors);
    if (fseek(w->errors, 0, SEEK_END) != 0)
        return;
    long size = ftell(w->errors);
    if (size <= 0)
        return;
    long from = size > WORKER_STDERR_TAIL ? size - WORKER_STDERR_TAIL : 0;
    char tail[WORKER_STDERR_TAIL + 1];
    fseek(w->errors, from, SEEK_SET);
    size_t n = fread(tail, 1, (size_t)(size - from), w->errors);
    tail[n] = '\0';
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == ' '))
        tail[--n] = '\0';
    if (n == 0)
        return;
    /* One line in a table cell: newlines become " | ". */
    buf_puts(why, " — stderr: ");
    if (from > 0)
        buf_puts(why, "...");
    for (char *p = tail; *p; p++) {
        if (*p == '\n')
            buf_puts(why, " | ");
        else
            buf_append(why, p, 1);
    }
}

typedef enum wait_result { WAIT_MESSAGE, WAIT_TIMEOUT, WAIT_EOF, WAIT_FAILED, WAIT_INTERRUPTED } wait_result;

/* Waits for the next whole message until deadline. */
static wait_result next_message(worker *w, int64_t deadline, protocol_message *m)
{
    for (;;) {
        if (protocol_parse(w->inbox.data ? w->inbox.data : "", w->inbox.len, m) != PROTOCOL_NEED_MORE)
            return WAIT_MESSAGE;
        if (interrupt_signal() != 0)
            return WAIT_INTERRUPTED;
        int64_t left = deadline - child_now_ns();
        if (left <= 0)
            return WAIT_TIMEOUT;
        struct pollfd pfd = {w->proc.out_fd, POLLIN, 0};
        int64_t left_ms = left / NS_PER_MS + 1;
        int ready = poll(&pfd, 1, left_ms > WORKER_POLL_MAX_MS ? WORKER_POLL_MAX_MS : (int)left_ms);
        if (ready < 0 && errno != EINTR)
            return WAIT_FAILED;
        if (ready <= 0)
            continue;
        if (buf_reserve(&w->inbox, WORKER_READ_CHUNK) != 0)
            return WAIT_FAILED;
        ssize_t n = read(w->proc.out_fd, w->inbox.data + w->inbox.len, WORKER_READ_CHUNK);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return WAIT_EOF;
        w->inbox.len += (size_t)n;
        w->inbox.data[w->inbox.len] = '\0';
    }
}

/* Explains a wait that did not produce the wanted message, in why; the
 * rung is ended. */
static void explain(worker *w, wait_result r, const protocol_message *m, const char *waiting_for,
                    int64_t timeout_ns, buf *why)
{
    switch (r) {
    case WAIT_TIMEOUT:
        buf_printf(why, "timed out after %.0f s waiting for %s", (double)timeout_ns / NS_PER_SEC,
                   waiting_for);
        break;
    case WAIT_INTERRUPTED:
        buf_printf(why, "interrupted while waiting for %s", waiting_for);
        break;
    case WAIT_EOF:
        child_wait(&w->proc, child_now_ns() + NS_PER_SEC);
        buf_printf(why, "stopped before %s: ", waiting_for);
        if (w->proc.reaped)
            child_describe_exit(&w->proc, why);
        else
            buf_puts(why, "closed its output");
        break;
    case WAIT_FAILED:
        buf_printf(why, "lost the rung's output: %s", strerror(errno));
        break;
    case WAIT_MESSAGE:
        if (m->kind == PROTOCOL_ERROR)
            buf_printf(why, "rung error: %s", m->text);
        else
            buf_printf(why, "protocol error while waiting for %s: %s", waiting_for, m->text);
        break;
    }
    child_kill(&w->proc);
    w->alive = 0;
    /* A rung that says why it gave up has said it; anything else is
     * explained by what it printed last. */
    if (!(r == WAIT_MESSAGE && m->kind == PROTOCOL_ERROR))
        append_stderr_tail(w, why);
}

int worker_wait_ready(worker *w, int64_t timeout_ns, buf *why)
{
    protocol_message *m = malloc(sizeof *m);
    if (m == NULL) {
        buf_puts(why, "out of memory");
        return -1;
    }
    wait_result r = next_message(w, child_now_ns() + timeout_ns, m);
    int status = 0;
    if (r != WAIT_MESSAGE || m->kind != PROTOCOL_READY) {
        explain(w, r, m, "'ready'", timeout_ns, why);
        status = -1;
    } else {
        buf_consume(&w->inbox, m->consumed);
    }
    free(m);
    return status;
}

static int send_line(worker *w, const char *line)
{
    size_t len = strlen(line);
    while (len > 0) {
        ssize_t n = write(w->proc.in_fd, line, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        line += n;
        len -= (size_t)n;
    }
    return 0;
}

int worker_iterate(worker *w, int64_t timeout_ns, worker_iteration *it, buf *why)
{
    memset(it, 0, sizeof *it);
    if (!w->alive) {
        buf_puts(why, "the rung is not running");
        return -1;
    }
    /* The last iteration's message is dropped only now: its output was
     * borrowed until this call. */
    buf_consume(&w->inbox, w->consumed);
    w->consumed = 0;
    protocol_message *m = malloc(sizeof *m);
    if (m == NULL) {
        buf_puts(why, "out of memory");
        return -1;
    }
    int status = -1;
    int64_t sent = child_now_ns();
    if (send_line(w, "run\n") != 0) {
        explain(w, WAIT_EOF, m, "'run' to be read", timeout_ns, why);
        goto cleanup;
    }
    wait_result r = next_message(w, sent + timeout_ns, m);
    int64_t received = child_now_ns();
    if (r != WAIT_MESSAGE || m->kind != PROTOCOL_RESULT) {
        explain(w, r, m, "the result", timeout_ns, why);
        goto cleanup;
    }
    it->elapsed_ns = m->elapsed_ns;
    it->round_trip_ns = received - sent;
    it->instructions = m->instructions;
    it->output = m->payload;
    it->output_len = m->payload_len;
    w->consumed = m->consumed;
    status = 0;
cleanup:
    free(m);
    return status;
}

int worker_finish(worker *w, int64_t grace_ns, buf *why)
{
    if (w->proc.in_fd >= 0) {
        close(w->proc.in_fd);
        w->proc.in_fd = -1;
    }
    if (!w->proc.reaped && !child_wait(&w->proc, child_now_ns() + grace_ns)) {
        child_kill(&w->proc);
        buf_puts(why, "did not exit when its input closed; killed");
        w->alive = 0;
        return -1;
    }
    /* Whatever it started is not wanted any more. */
    w->alive = 0;
    if (child_exit_code(&w->proc) == 0)
        return 0;
    child_describe_exit(&w->proc, why);
    append_stderr_tail(w, why);
    return -1;
}

void worker_release(worker *w)
{
    child_kill(&w->proc);
    child_release(&w->proc);
    if (w->errors != NULL)
        fclose(w->errors);
    buf_release(&w->inbox);
    memset(w, 0, sizeof *w);
    w->proc.pid = -1;
}
