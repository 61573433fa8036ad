/*
 * worker.h - one rung process speaking the protocol (docs/protocol.md):
 * started, waited on until `ready`, asked to `run` one iteration at a
 * time, finished. The measurement (measure.h) keeps several alive at once
 * and alternates between them.
 *
 *     worker w;
 *     buf why = BUF_INIT;
 *     if (worker_start(&w, command, dir, env, &why) != 0 ||
 *         worker_wait_ready(&w, timeout_ns, &why) != 0) ... why: what went wrong
 *     worker_iteration it;
 *     if (worker_iterate(&w, timeout_ns, &it, &why) != 0) ... a failed row
 *     // it.elapsed_ns: what the rung reported; it.round_trip_ns: what the
 *     // harness saw, from writing `run` to reading the last byte of the result
 *     worker_finish(&w, &why);      // stdin closed; 0 if it then exits 0
 *     worker_release(&w);           // kills it if it still runs
 *
 * Errors come back in why, one line, with the tail of the rung's stderr
 * (kept in an unlinked temporary file) where it helps.
 */
#ifndef LADDER_WORKER_H
#define LADDER_WORKER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "harness/buf.h"
#include "harness/child.h"

typedef struct worker {
    child proc;
    FILE *errors;        /* its stderr */
    buf inbox;           /* bytes read from its stdout, not yet parsed */
    size_t consumed;     /* of inbox, by the last iteration's message */
    int alive;
} worker;

typedef struct worker_iteration {
    int64_t elapsed_ns;     /* reported by the rung */
    int64_t round_trip_ns;  /* measured by the harness */
    int64_t instructions;   /* counted by the rung itself (region.h), or -1 */
    const char *output;     /* borrowed: valid until the next call on the worker */
    size_t output_len;
} worker_iteration;

int worker_start(worker *w, const char *command, const char *dir, const char *const *env,
                 buf *why);
int worker_wait_ready(worker *w, int64_t timeout_ns, buf *why);
int worker_iterate(worker *w, int64_t timeout_ns, worker_iteration *it, buf *why);

/* Closes its stdin and gives it grace_ns to exit; 0 if it exited with
 * status 0, else -1 with why saying how it ended. It is reaped either way. */
int worker_finish(worker *w, int64_t grace_ns, buf *why);

/* Kills it (and what it started) if it still runs; frees everything. */
void worker_release(worker *w);

/* The process, for its resource usage once reaped (w->proc.usage). */
static inline const child *worker_process(const worker *w) { return &w->proc; }

#endif /* LADDER_WORKER_H */
