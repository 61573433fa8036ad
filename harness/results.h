/*
 * results.h - the results of a run: one measurement per (problem, rung)
 * row, the machine, the settings; saved as JSON and read back for
 * `ladder report`.
 *
 * The JSON keeps every raw iteration time, so any statistic can be
 * recomputed later. Each measurement object has at least: problem, rung,
 * size, status ("verified", "failed" or "skipped"), reason, times_ns,
 * median_ns, max_rss_bytes (other tools read these names; see README).
 *
 * Ownership: a results owns its measurements and every string in them
 * (results_release frees all). results_add copies what it is given.
 */
#ifndef LADDER_RESULTS_H
#define LADDER_RESULTS_H

#include <stddef.h>
#include <stdint.h>

#include "harness/buf.h"
#include "harness/machine.h"
#include "harness/stats.h"

#define RESULTS_FORMAT_VERSION 1

typedef enum measurement_status {
    MEASUREMENT_VERIFIED,
    MEASUREMENT_FAILED,
    MEASUREMENT_SKIPPED
} measurement_status;

typedef struct measurement {
    char *problem;            /* problem name */
    char *problem_title;
    char *rung;               /* rung name */
    char *rung_title;
    char *cost;               /* "What it costs you" */
    char *size;               /* profile: quick, study, game, or a number */
    char *argument;           /* the size argument: steps, N, events */
    char *parameter;          /* what the argument counts */
    measurement_status status;
    char *reason;             /* failed/skipped: why; "" otherwise */
    char *enable;             /* skipped: the command that would enable it */
    int64_t cold_ns;          /* -1 if none */
    int64_t *times_ns;        /* warm iterations */
    size_t runs;
    stats stats;              /* of times_ns, when runs > 0 */
    int64_t max_rss_bytes;    /* -1 if unknown */
    int64_t wall_ns;
    int64_t cpu_ns;
    long source_lines;        /* -1 if unknown */
    double speedup;           /* baseline median / this median; 0 if none */
    int noisy;
} measurement;

typedef struct results {
    machine_info machine;
    char *created;            /* ISO 8601, UTC */
    char *baseline;           /* the rung speedups are measured against */
    double budget_s;
    int min_runs;
    int max_runs;
    double timeout_s;
    measurement *items;
    size_t count;
} results;

/* Adds a copy of m (strings and times are copied; stats computed here).
 * Returns the stored measurement, or NULL if memory ran out. */
measurement *results_add(results *r, const measurement *m);

/* Fills every speedup: baseline median / row median, for verified rows
 * whose problem and size have a verified baseline row. */
void results_compute_speedups(results *r);

/* Writes the JSON document (atomically). -1 with err filled on failure. */
int results_save(const results *r, const char *path, char *err, size_t errlen);

/* Reads a document written by results_save. -1 with err filled. */
int results_load(const char *path, results *r, char *err, size_t errlen);

void results_release(results *r);

const char *measurement_status_name(measurement_status s);

#endif /* LADDER_RESULTS_H */
