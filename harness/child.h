/*
 * child.h - the one way the harness starts a process (git's run-command is
 * the model): the caller fills a child, child_start() forks and execs it,
 * child_wait() reaps it with its resource usage, child_kill() ends it and
 * everything it started.
 *
 *     child c = CHILD_INIT;
 *     c.shell = "make -s -C rungs/c";        // or c.argv = (const char *[]){..., NULL}
 *     c.dir = root;                           // NULL: the current directory
 *     c.env = (const char *[]){"LADDER_X=1", NULL};   // added to ours
 *     c.out = CHILD_PIPE;                     // read c.out_fd
 *     buf why = BUF_INIT;
 *     if (child_start(&c, &why) != 0) ... why says what failed
 *     ...
 *     child_wait(&c, 0);                      // 0: no deadline
 *     child_describe_exit(&c, &why);          // "exited with status 2"
 *     child_release(&c);
 *
 * Or in one call, for a helper command whose output is wanted:
 *
 *     int code = child_capture(&c, &out, CHILD_STDERR_DROP, timeout_ns, &why);
 *
 * Every child gets its own process group, so that child_kill() takes its
 * subprocesses along; child_kill() also finds processes that left the
 * group (a `setsid` grandchild) by walking /proc from the child, and
 * child_kill_strays() ends those whose parent has died, which the kernel
 * hands to us once child_become_subreaper() has been called. Nothing a rung
 * starts outlives the harness.
 *
 * The environment is copied and amended before fork(), so nothing unsafe
 * runs between fork and exec. Strings in a child belong to the caller and
 * must outlive child_start(); the file descriptors belong to the child
 * (child_release closes them).
 */
#ifndef LADDER_CHILD_H
#define LADDER_CHILD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "harness/buf.h"

/* What one of the child's standard streams is connected to. */
typedef enum child_stream {
    CHILD_NULL,      /* /dev/null (the default for stdin) */
    CHILD_INHERIT,   /* ours (the default for stdout and stderr) */
    CHILD_PIPE,      /* a pipe; our end is in_fd / out_fd / err_fd */
    CHILD_FILE,      /* the file at *_path, appended to (created if needed) */
    CHILD_FD,        /* the open descriptor in *_fd (kept open by the caller) */
    CHILD_TO_STDOUT  /* stderr only: wherever stdout goes */
} child_stream;

typedef struct child {
    /* Filled by the caller: exactly one of argv (argv[0] looked up on PATH)
     * and shell (run by /bin/sh -c). */
    const char *const *argv;
    const char *shell;
    const char *dir;                 /* NULL: the current directory */
    const char *const *env;          /* "NAME=value" added to ours; NULL-terminated; may be NULL */
    child_stream in, out, err;
    const char *in_path, *out_path, *err_path;   /* CHILD_FILE */
    int in_fd, out_fd, err_fd;       /* CHILD_FD: the caller's; CHILD_PIPE: ours, after start */

    /* Filled by child_start and child_wait. */
    pid_t pid;                       /* -1 before start */
    int64_t started_ns;              /* CLOCK_MONOTONIC */
    int64_t ended_ns;
    int reaped;
    int wstatus;
    struct rusage usage;             /* of the child, once reaped */
} child;

#define CHILD_INIT                                                                    \
    {.in = CHILD_NULL, .out = CHILD_INHERIT, .err = CHILD_INHERIT, .in_fd = -1,           \
     .out_fd = -1, .err_fd = -1, .pid = -1}

/* Starts the child. 0, or -1 with why filled ("cannot start 'x': ..."). */
int child_start(child *c, buf *why);

/* Reaps the child, waiting until deadline_ns (CLOCK_MONOTONIC; 0: for as
 * long as it takes). Returns 1 once reaped, 0 if still running at the
 * deadline. A signal that interrupts the wait ends it early (returns 0),
 * so that an interrupted harness can clean up. */
int child_wait(child *c, int64_t deadline_ns);

/* SIGKILLs the child's process group, every process descended from it, and
 * the child itself, then reaps it. Does nothing for a reaped child. */
void child_kill(child *c);

/* Ends every process whose parent is this process and that is not one of
 * the pids given (the children still in use): orphans of killed rungs. */
void child_kill_strays(const pid_t *keep, size_t nkeep);

/* Makes this process the reaper of its orphaned descendants (Linux's
 * PR_SET_CHILD_SUBREAPER), so child_kill_strays() can find them. */
void child_become_subreaper(void);

/* The exit status as a shell reports it: 0..255, or 128 + the signal. -1
 * if not reaped. A /bin/sh child killed by signal N also reports 128 + N. */
int child_exit_code(const child *c);

/* "exited with status 2", "killed by signal 11 (Segmentation fault)";
 * appends to out. */
void child_describe_exit(const child *c, buf *out);

/* CPU time (user + system) of the reaped child, in ns. */
int64_t child_cpu_ns(const child *c);

/* The most memory the running child's program has had resident, in bytes
 * (VmHWM in /proc/PID/status), or -1 if it cannot be read. Read it before
 * the child ends: the reaped child's ru_maxrss is no substitute, since
 * Linux carries the memory the child had before its exec - the harness's
 * own, copied by fork - into it (a 37 MB harness made every small rung
 * 37 MB). */
int64_t child_peak_rss(const child *c);

/* What child_capture does with the child's stderr. */
typedef enum child_capture_stderr {
    CHILD_STDERR_DROP,      /* /dev/null */
    CHILD_STDERR_MERGE,     /* into the captured output */
    CHILD_STDERR_KEEP       /* as the caller set c->err */
} child_capture_stderr;

/* Starts the child with its stdout on a pipe, appends everything it writes
 * to out, and reaps it. A child still running after timeout_ns (0: no
 * limit) is killed. Returns child_exit_code(), or -1 with why filled when
 * it could not be started or timed out. */
int child_capture(child *c, buf *out, child_capture_stderr err_mode, int64_t timeout_ns,
                  buf *why);

/* Closes our ends of its pipes. Does not kill: call child_kill first if
 * it may still run. Accepts a child never started. */
void child_release(child *c);

/* Looks name up on PATH (as execvp would). 0 and the path appended to
 * path (which may be NULL), or -1 if not found. A name with a '/' is
 * checked as it is. */
int child_which(const char *name, buf *path);

/* Appends s to out quoted for /bin/sh (single quotes). */
int child_shell_quote(buf *out, const char *s);

/* CLOCK_MONOTONIC, in ns. */
int64_t child_now_ns(void);

#endif /* LADDER_CHILD_H */
