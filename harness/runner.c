/* runner.c - one row: process, protocol, verification, timing (see runner.h). */
#include "harness/runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/protocol.h"

#define NS_PER_SEC 1000000000LL
/* After its stdin closes, a rung gets this long to exit before SIGKILL. */
#define RUNNER_EXIT_GRACE_NS (10 * NS_PER_SEC)
/* How much of the rung's stderr a failure shows. */
#define RUNNER_STDERR_TAIL 600
#define RUNNER_READ_CHUNK 65536
/* Rungs start through /bin/sh, which reports a command killed by signal N
 * as exit status 128 + N. */
#define SHELL_SIGNAL_BASE 128

typedef struct child {
    pid_t pid;
    int to_child;      /* its stdin */
    int from_child;    /* its stdout */
    FILE *errors;      /* its stderr, kept in an unlinked temporary file */
    int64_t started_ns;
    int reaped;
    int wstatus;
    struct rusage usage;
    buf inbox;         /* bytes read from its stdout, not yet parsed */
} child;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

static int child_start(child *c, const char *command, const char *cwd, buf *why)
{
    int in[2] = {-1, -1}, out[2] = {-1, -1};
    memset(c, 0, sizeof *c);
    c->pid = -1;
    c->to_child = c->from_child = -1;
    c->errors = tmpfile();
    if (c->errors == NULL || pipe(in) != 0 || pipe(out) != 0) {
        buf_printf(why, "cannot set up the rung's pipes: %s", strerror(errno));
        goto fail;
    }
    c->started_ns = now_ns();
    c->pid = fork();
    if (c->pid < 0) {
        buf_printf(why, "cannot start the rung: %s", strerror(errno));
        goto fail;
    }
    if (c->pid == 0) {
        /* Its own process group, so a timeout kills its children too. */
        setpgid(0, 0);
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(fileno(c->errors), STDERR_FILENO);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        if (cwd != NULL && chdir(cwd) != 0)
            _exit(127);
        signal(SIGPIPE, SIG_DFL);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    setpgid(c->pid, c->pid);
    close(in[0]);
    close(out[1]);
    c->to_child = in[1];
    c->from_child = out[0];
    fcntl(c->from_child, F_SETFL, fcntl(c->from_child, F_GETFL) | O_NONBLOCK);
    return 0;
fail:
    for (int i = 0; i < 2; i++) {
        if (in[i] >= 0)
            close(in[i]);
        if (out[i] >= 0)
            close(out[i]);
    }
    return -1;
}

static void child_reap(child *c, int blocking)
{
    if (c->reaped || c->pid <= 0)
        return;
    pid_t got;
    do
        got = wait4(c->pid, &c->wstatus, blocking ? 0 : WNOHANG, &c->usage);
    while (got < 0 && errno == EINTR);
    if (got == c->pid)
        c->reaped = 1;
}

static void child_kill(child *c)
{
    if (c->pid > 0 && !c->reaped) {
        kill(-c->pid, SIGKILL);
        kill(c->pid, SIGKILL);
        child_reap(c, 1);
    }
}

/* Closes stdin and waits for a clean exit (or kills after the grace time). */
static void child_finish(child *c)
{
    if (c->to_child >= 0) {
        close(c->to_child);
        c->to_child = -1;
    }
    int64_t deadline = now_ns() + RUNNER_EXIT_GRACE_NS;
    while (!c->reaped && now_ns() < deadline) {
        child_reap(c, 0);
        if (!c->reaped) {
            struct timespec pause = {0, 2000000};
            nanosleep(&pause, NULL);
        }
    }
    child_kill(c);
    /* Anything a subprocess of the rung left behind goes with the group. */
    if (c->pid > 0)
        kill(-c->pid, SIGKILL);
}

static void child_release(child *c)
{
    if (c->to_child >= 0)
        close(c->to_child);
    if (c->from_child >= 0)
        close(c->from_child);
    if (c->errors)
        fclose(c->errors);
    buf_release(&c->inbox);
}

/* Appends the last lines of the rung's stderr to why, if there are any. */
static void append_stderr_tail(child *c, buf *why)
{
    if (c->errors == NULL)
        return;
    fflush(c->errors);
    long size = ftell(c->errors);
    if (fseek(c->errors, 0, SEEK_END) == 0)
        size = ftell(c->errors);
    if (size <= 0)
        return;
    long from = size > RUNNER_STDERR_TAIL ? size - RUNNER_STDERR_TAIL : 0;
    char tail[RUNNER_STDERR_TAIL + 1];
    fseek(c->errors, from, SEEK_SET);
    size_t n = fread(tail, 1, (size_t)(size - from), c->errors);
    tail[n] = '\0';
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == ' '))
        tail[--n] = '\0';
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

/* Describes how the process ended (after it has been reaped). */
static void describe_exit(const child *c, buf *why)
{
    if (!c->reaped)
        return;
    if (WIFSIGNALED(c->wstatus))
        buf_printf(why, "killed by signal %d (%s)", WTERMSIG(c->wstatus),
                   strsignal(WTERMSIG(c->wstatus)));
    else if (WIFEXITED(c->wstatus) && WEXITSTATUS(c->wstatus) > SHELL_SIGNAL_BASE &&
             WEXITSTATUS(c->wstatus) < SHELL_SIGNAL_BASE + NSIG)
        buf_printf(why, "killed by signal %d (%s)", WEXITSTATUS(c->wstatus) - SHELL_SIGNAL_BASE,
                   strsignal(WEXITSTATUS(c->wstatus) - SHELL_SIGNAL_BASE));
    else if (WIFEXITED(c->wstatus))
        buf_printf(why, "exited with status %d", WEXITSTATUS(c->wstatus));
}

typedef enum wait_result { WAIT_MESSAGE, WAIT_TIMEOUT, WAIT_EOF, WAIT_FAILED } wait_result;

/* Waits for the next whole message until deadline. */
static wait_result child_next_message(child *c, int64_t deadline, protocol_message *m)
{
    for (;;) {
        if (protocol_parse(c->inbox.data ? c->inbox.data : "", c->inbox.len, m) !=
            PROTOCOL_NEED_MORE)
            return WAIT_MESSAGE;
        int64_t left = deadline - now_ns();
        if (left <= 0)
            return WAIT_TIMEOUT;
        struct pollfd pfd = {c->from_child, POLLIN, 0};
        int64_t left_ms = left / 1000000 + 1;
        int ready = poll(&pfd, 1, left_ms > 60000 ? 60000 : (int)left_ms);
        if (ready < 0 && errno != EINTR)
            return WAIT_FAILED;
        if (ready <= 0)
            continue;
        if (buf_reserve(&c->inbox, RUNNER_READ_CHUNK) != 0)
            return WAIT_FAILED;
        ssize_t n = read(c->from_child, c->inbox.data + c->inbox.len, RUNNER_READ_CHUNK);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return WAIT_EOF;
        c->inbox.len += (size_t)n;
        c->inbox.data[c->inbox.len] = '\0';
    }
}

/* Explains a wait that did not produce the wanted message, in why. */
static void explain_wait(child *c, wait_result r, const protocol_message *m,
                         const char *waiting_for, double timeout_s, buf *why)
{
    switch (r) {
    case WAIT_TIMEOUT:
        buf_printf(why, "timed out after %.0f s waiting for %s", timeout_s, waiting_for);
        child_kill(c);
        break;
    case WAIT_EOF:
        child_finish(c);
        buf_printf(why, "stopped before %s: ", waiting_for);
        describe_exit(c, why);
        break;
    case WAIT_FAILED:
        buf_printf(why, "lost the rung's output: %s", strerror(errno));
        child_kill(c);
        break;
    case WAIT_MESSAGE:
        if (m->kind == PROTOCOL_ERROR)
            buf_printf(why, "rung error: %s", m->text);
        else
            buf_printf(why, "protocol error while waiting for %s: %s", waiting_for, m->text);
        child_kill(c);
        break;
    }
    append_stderr_tail(c, why);
}

static int send_line(child *c, const char *line)
{
    size_t len = strlen(line);
    while (len > 0) {
        ssize_t n = write(c->to_child, line, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        line += n;
        len -= (size_t)n;
    }
    return 0;
}

/* 1 if another warm run should be timed. */
static int want_more(const runner_policy *p, int64_t cold_ns, size_t runs, int64_t warm_total)
{
    if (p->fixed_runs > 0)
        return runs < (size_t)p->fixed_runs;
    int64_t budget_ns = (int64_t)(p->budget_s * NS_PER_SEC);
    if (cold_ns > budget_ns)
        return runs < RUNNER_SLOW_ROW_RUNS;
    if (runs < (size_t)p->min_runs)
        return 1;
    return warm_total < budget_ns && runs < (size_t)p->max_runs;
}

static void progress(const runner_job *job, size_t iteration, int64_t last_ns)
{
    if (!job->progress)
        return;
    fprintf(stderr, "\r\033[K  %s: %s %zu (last %.3f ms)", job->label,
            iteration == 0 ? "cold run" : "run", iteration, (double)last_ns / 1e6);
}

int runner_run(const runner_job *job, const runner_policy *policy, runner_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->cold_ns = -1;
    out->max_rss_bytes = -1;
    child c;
    protocol_message *m = malloc(sizeof *m);
    buf verified_output = BUF_INIT;   /* last output that passed verification */
    size_t capacity = 0;
    int64_t warm_total = 0;
    int status = -1;
    if (m == NULL) {
        buf_puts(&out->reason, "out of memory");
        return -1;
    }
    if (child_start(&c, job->command, job->cwd, &out->reason) != 0) {
        child_release(&c);
        free(m);
        return -1;
    }
    /* On a terminal a live line; in a log one line per row, so a long row
     * never looks like a hang. */
    if (job->progress)
        fprintf(stderr, "\r\033[K  %s: starting", job->label);
    else
        fprintf(stderr, "  %s: running\n", job->label);

    int64_t timeout_ns = (int64_t)(policy->timeout_s * NS_PER_SEC);
    wait_result r = child_next_message(&c, now_ns() + timeout_ns, m);
    if (r != WAIT_MESSAGE || m->kind != PROTOCOL_READY) {
        explain_wait(&c, r, m, "'ready'", policy->timeout_s, &out->reason);
        goto done;
    }
    buf_consume(&c.inbox, m->consumed);

    for (size_t iteration = 0;; iteration++) {
        if (iteration > 0 && !want_more(policy, out->cold_ns, out->runs, warm_total))
            break;
        if (send_line(&c, "run\n") != 0) {
            explain_wait(&c, WAIT_EOF, m, "'run' to be read", policy->timeout_s, &out->reason);
            goto done;
        }
        r = child_next_message(&c, now_ns() + timeout_ns, m);
        if (r != WAIT_MESSAGE || m->kind != PROTOCOL_RESULT) {
            char what[64];
            snprintf(what, sizeof what, "the result of iteration %zu", iteration + 1);
            explain_wait(&c, r, m, what, policy->timeout_s, &out->reason);
            goto done;
        }
        /* The same bytes as an output already verified need no second look. */
        int same = verified_output.len == m->payload_len && verified_output.data &&
                   memcmp(verified_output.data, m->payload, m->payload_len) == 0;
        if (!same) {
            buf why = BUF_INIT;
            int ok = verify_output(job->rule, job->expected, job->expected_len, m->payload,
                                   m->payload_len, &why);
            if (ok != 1) {
                buf_printf(&out->reason, "%s (iteration %zu): %s",
                           ok == 0 ? "wrong answer" : "cannot verify", iteration + 1, why.data);
                buf_release(&why);
                child_kill(&c);
                goto done;
            }
            buf_release(&why);
            buf_clear(&verified_output);
            buf_append(&verified_output, m->payload, m->payload_len);
        }
        if (iteration == 0) {
            out->cold_ns = m->elapsed_ns;
        } else {
            if (out->runs == capacity) {
                capacity = capacity ? capacity * 2 : 16;
                int64_t *grown = realloc(out->times_ns, capacity * sizeof *grown);
                if (grown == NULL) {
                    buf_puts(&out->reason, "out of memory");
                    child_kill(&c);
                    goto done;
                }
                out->times_ns = grown;
            }
            out->times_ns[out->runs++] = m->elapsed_ns;
            warm_total += m->elapsed_ns;
        }
        progress(job, iteration, m->elapsed_ns);
        buf_consume(&c.inbox, m->consumed);
    }
    child_finish(&c);
    if (c.reaped && WIFEXITED(c.wstatus) && WEXITSTATUS(c.wstatus) == 0) {
        out->verified = 1;
    } else {
        buf_puts(&out->reason, "finished its runs, then ");
        describe_exit(&c, &out->reason);
        append_stderr_tail(&c, &out->reason);
    }
done:
    child_kill(&c);
    if (job->progress)
        fprintf(stderr, "\r\033[K");
    if (c.reaped) {
        out->max_rss_bytes = (int64_t)c.usage.ru_maxrss * 1024;
        out->cpu_ns = ((int64_t)c.usage.ru_utime.tv_sec + c.usage.ru_stime.tv_sec) * NS_PER_SEC +
                      ((int64_t)c.usage.ru_utime.tv_usec + c.usage.ru_stime.tv_usec) * 1000;
    }
    out->wall_ns = now_ns() - c.started_ns;
    status = 0;
    child_release(&c);
    buf_release(&verified_output);
    free(m);
    return status;
}

void runner_outcome_release(runner_outcome *out)
{
    buf_release(&out->reason);
    free(out->times_ns);
    out->times_ns = NULL;
    out->runs = 0;
}
