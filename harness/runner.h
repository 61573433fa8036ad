/*
 * runner.h - runs one row: starts a rung process, drives it through the
 * protocol (docs/protocol.md), verifies every output, and decides how many
 * iterations to time.
 *
 *     runner_outcome out;
 *     runner_run(&job, &policy, &out);
 *     if (out.verified) ... out.cold_ns, out.times_ns[0 .. out.runs)
 *     else ... out.reason.data says what went wrong
 *     runner_outcome_release(&out);
 *
 * Iterations: the first is the cold one (imports warm, caches cold, JITs
 * compiling) and is reported apart. Then warm iterations until the timed
 * total reaches the budget, at least min_runs and at most max_runs of them,
 * as hyperfine does; a row whose single iteration already exceeds the
 * budget gets RUNNER_SLOW_ROW_RUNS warm runs instead, so a minute-long
 * iteration costs minutes, not ten. fixed_runs overrides all of that.
 *
 * Failures never abort the caller: a rung that cannot start, crashes,
 * hangs past the timeout, breaks the protocol or computes a wrong answer
 * comes back as verified = 0 with a reason, its process group killed.
 * The process's peak RSS, CPU time and wall time come from wait4().
 */
#ifndef LADDER_RUNNER_H
#define LADDER_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "harness/buf.h"
#include "harness/verify.h"

#define RUNNER_SLOW_ROW_RUNS 2

typedef struct runner_policy {
    double budget_s;     /* timed seconds to aim for, warm runs only */
    int min_runs;
    int max_runs;
    int fixed_runs;      /* > 0: exactly this many warm runs */
    double timeout_s;    /* for start-up, and for each iteration */
} runner_policy;

typedef struct runner_job {
    const char *command;        /* for /bin/sh -c, arguments included */
    const char *cwd;            /* NULL: the current directory */
    const verify_rule *rule;
    const char *expected;       /* the reference output */
    size_t expected_len;
    const char *label;          /* shown in progress lines */
    int progress;               /* 1: live progress on stderr */
} runner_job;

typedef struct runner_outcome {
    int verified;               /* 1: every output matched the reference */
    buf reason;                 /* why not, when verified == 0 */
    int64_t cold_ns;            /* the first iteration; -1 if none ran */
    int64_t *times_ns;          /* the warm iterations (owned) */
    size_t runs;
    int64_t max_rss_bytes;      /* -1 if unknown */
    int64_t wall_ns;            /* the whole process, start to exit */
    int64_t cpu_ns;             /* user + system time of the process */
} runner_outcome;

/* Runs the job. Returns 0 when it ran (verified or not; see out), -1 only
 * if the harness itself failed (out of memory, no fork); out is filled
 * either way and must be released. */
int runner_run(const runner_job *job, const runner_policy *policy, runner_outcome *out);

void runner_outcome_release(runner_outcome *out);

#endif /* LADDER_RUNNER_H */
