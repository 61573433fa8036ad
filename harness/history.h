/*
 * history.h - what earlier runs on this machine measured, for the time
 * plan (plan.h) and the progress line's estimates: the newest finished
 * run that has a row, not just the newest finished run. A card
 * (`make bench`) after `ladder run --rung c` then still knows every row
 * the card before it measured.
 *
 *     history h;
 *     history_load(&h, "results", &this_machine, HISTORY_MAX_RUNS);
 *     const measurement *m = history_find(&h, "nbody", "cpython", "50000", "cpython-3.13.0");
 *     ...
 *     history_release(&h);
 *
 * The runs are the JSON files of results/runs/ (every run is kept there), newest
 * first by name (their names begin with the time, in UTC), and only
 * finished ones (not interrupted, not still running) from a machine
 * with the same CPU model and number of cores. A checkout whose runs/
 * folder holds none of those falls back to results/latest.json. A file
 * that cannot be read is left out: the plan is a guess, never a reason
 * to fail. The history owns its runs; history_find's measurement is
 * borrowed from it.
 */
#ifndef LADDER_HISTORY_H
#define LADDER_HISTORY_H

#include <stddef.h>

#include "harness/machine.h"
#include "harness/results.h"

/* Where a results folder keeps them: every run in HISTORY_RUNS_FOLDER as
 * <time><HISTORY_RUN_SUFFIX>, the newest finished one also as
 * HISTORY_LATEST (cmd_run.c writes them). */
#define HISTORY_RUNS_FOLDER "runs"
#define HISTORY_RUN_SUFFIX ".json"
#define HISTORY_LATEST "latest.json"

/* The newest runs read, at most: a card's file is 1-3 MB. */
#define HISTORY_MAX_RUNS 30

typedef struct history {
    results *runs;      /* newest first */
    size_t count;
} history;

/* Reads the finished runs of machine m under results_dir (see above).
 * Returns -1 only when memory ran out (h is then empty). */
int history_load(history *h, const char *results_dir, const machine_info *m, size_t max_runs);

/* The newest row of (problem, rung, argument, interpreter) - interp_id
 * NULL for a native row - that was measured (verified or failed); else
 * the newest one at all (skipped, not applicable); else NULL. */
const measurement *history_find(const history *h, const char *problem, const char *rung,
                                const char *argument, const char *interp_id);

void history_release(history *h);

#endif /* LADDER_HISTORY_H */
