/*
 * results.h - the results of a run: one measurement per (problem, rung,
 * interpreter) row, the machine, the settings; saved as JSON and read back
 * for `ladder report`.
 *
 * The JSON keeps every raw iteration time, so any statistic can be
 * recomputed later; its names are documented in the README ("The results
 * file"). Format 2 (this one) added the interpreter, every iteration,
 * speedup intervals and the run's status; format 1 files still load.
 *
 * Ownership: a results owns its measurements and every string in them
 * (results_release frees all). results_add copies what it is given.
 */
#ifndef LADDER_RESULTS_H
#define LADDER_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "harness/buf.h"
#include "harness/digest.h"
#include "harness/machine.h"
#include "harness/stats.h"

#define RESULTS_FORMAT_VERSION 2
#define RESULTS_OLDEST_FORMAT 1
/* A results file larger than this is not read (it would not be ladder's). */
#define RESULTS_MAX_BYTES ((size_t)256 << 20)

typedef enum measurement_status {
    MEASUREMENT_VERIFIED,
    MEASUREMENT_FAILED,
    MEASUREMENT_SKIPPED,
    MEASUREMENT_NOT_APPLICABLE
} measurement_status;

/* The interpreter a Python-hosted row ran on (pyperf records the same). */
typedef struct measurement_interpreter {
    char *id;
    char *name;               /* "CPython 3.13.0", "PyPy 7.3.11 (Python 3.9)" */
    char *implementation;
    char *version;            /* the language version */
    char *impl_version;
    char *executable;
    char *build_flags;
    int jit;
    int free_threaded;
} measurement_interpreter;

typedef struct measurement {
    char *problem;            /* problem name */
    char *problem_title;
    char *rung;               /* rung name */
    char *rung_title;         /* the row's title, interpreter included */
    char *cost;               /* "What it costs you" */
    char *size;               /* profile: quick, study, game, or a number */
    char *argument;           /* the size argument: steps, N, events */
    char *parameter;          /* what the argument counts */
    int has_interpreter;
    measurement_interpreter interp;
    measurement_status status;
    char *reason;             /* failed/skipped/not applicable: why; "" otherwise */
    char *enable;             /* skipped: the command that would enable it */
    char *suspect;            /* verified, but its times are not trusted: why ("" if trusted) */
    char *notes;              /* what a reader should know about its times */
    char *runtime;            /* what the rung's `describe` said (its BLAS, threads), or "" */
    int64_t cold_ns;          /* -1 if none */
    int64_t *iterations_ns;   /* every iteration, cold first */
    size_t iterations;
    size_t warmup_iterations; /* iterations before the measured ones (cold included) */
    int jit;                  /* the row compiles while it runs (warm-up was looked for) */
    int steady;               /* a steady state was found */
    int64_t *times_ns;        /* the measured iterations */
    int *rounds;              /* the round each was measured in (NULL in format 1) */
    size_t runs;
    int slow;                 /* one warm run: slower than the budget */
    int cold_only;            /* ...the cold one (measure.h, MEASURE_COLD_ONLY_FACTOR) */
    double budget_s;          /* the row's budget: the run's, or less under a time limit (plan.h) */
    int processes;            /* the processes it was measured in (0 if unknown) */
    stats stats;              /* of times_ns, when runs > 0 */
    int64_t max_rss_bytes;    /* -1 if unknown */
    int64_t wall_ns;
    int64_t cpu_ns;
    long source_lines;        /* -1 if unknown */
    /* Effort (effort.h), -1 where unknown: the source against the baseline
     * rung's for the same problem, its gzip size, the build's time, and
     * what the row had to install (packages, crates, jars). */
    long lines_added, lines_removed, gzip_bytes;
    double build_s;
    long long installed_bytes;
    char output_sha256[DIGEST_HEX_SIZE];   /* of the verified output; "" if none */
    double instructions;      /* per iteration of the timed call; -1 if not counted */
    char *instructions_counter;   /* "callgrind" or "perf" ("" if not counted) */
    double speedup;           /* baseline median / this median; 0 if none */
    double speedup_low, speedup_high;      /* its 95% interval; 0 if none */
    int noisy;
} measurement;

typedef enum results_state {
    RESULTS_RUNNING,          /* rows are still being measured */
    RESULTS_COMPLETE,         /* the run finished (a subset of rows is a finished run) */
    RESULTS_INTERRUPTED       /* stopped by a signal: what was measured is kept */
} results_state;

typedef struct results {
    machine_info machine;
    char *created;            /* ISO 8601, UTC */
    char *baseline;           /* the rung speedups are measured against */
    char *baseline_interpreter;   /* its interpreter's id ("" if none) */
    char *baseline_title;     /* "CPython 3.13.0" */
    results_state state;
    char *command;            /* the command line of the run */
    double budget_s;
    double time_limit_s;      /* --time-limit; 0: none */
    int min_runs;
    int max_runs;
    double timeout_s;
    measurement *items;
    size_t count;
} results;

/* Adds a copy of m (strings and times are copied; stats computed here).
 * Returns the stored measurement, or NULL if memory ran out. */
measurement *results_add(results *r, const measurement *m);

/* Fills every speedup and its interval: baseline median / row median, for
 * verified rows that are not suspect and whose problem and argument have a
 * verified baseline row (the baseline rung on the baseline interpreter). */
void results_compute_speedups(results *r);

/* Whether m ran on the interpreter with this id ("": a native row, on none). */
int results_same_interpreter(const measurement *m, const char *id);

/* The baseline row of m's problem and argument, or NULL. */
const measurement *results_baseline_of(const results *r, const measurement *m);

/* Writes the JSON document to path (see output.h for how a path is
 * written). -1 with err filled on failure. */
int results_save(const results *r, const char *path, char *err, size_t errlen);

/* Reads a document written by results_save (format 1 or 2, at most
 * RESULTS_MAX_BYTES). -1 with err filled. */
int results_load(const char *path, results *r, char *err, size_t errlen);
/* The same without the speedups (every speedup 0): for what needs only
 * the times. The speedups' bootstrap intervals are most of the time it
 * takes to read a card's file. */
int results_load_times(const char *path, results *r, char *err, size_t errlen);

void results_release(results *r);

const char *measurement_status_name(measurement_status s);
const char *results_state_name(results_state s);

#endif /* LADDER_RESULTS_H */
