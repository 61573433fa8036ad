/*
 * instructions.h - the instructions a row's timed call executes: the
 * noise-free second opinion on every time (`ladder run --instructions`).
 *
 *     instructions_counter how;
 *     if (instructions_counter_find(&how, &why) != 0) ... neither works here
 *     double per_iteration;
 *     instructions_count(&how, &job, &per_iteration, &why);
 *
 * The row's command is started again and asked for INSTRUCTIONS_RUNS
 * iterations; only what runs between the rung's region marks is counted
 * (rungs/_native/region.h: the timed call, without start-up, set-up,
 * formatting or the protocol), and the result is the median of the
 * iterations after the first. Two counters:
 *
 *   perf       the kernel's hardware instruction counter, which the rung
 *              reads itself around the call (perf_event_open), where the
 *              kernel allows it;
 *   callgrind  `valgrind --tool=callgrind`, collection switched on and off
 *              by the marks, one dump per iteration: exact and repeatable
 *              on any machine, ~50x slower (use quick sizes).
 *
 * perf is preferred when this process can open the counter; on a VM
 * without hardware counters (perf_event_open fails), callgrind is used.
 */
#ifndef LADDER_INSTRUCTIONS_H
#define LADDER_INSTRUCTIONS_H

#include <stdint.h>

#include "harness/buf.h"

#define INSTRUCTIONS_RUNS 3

typedef enum instructions_counter {
    INSTRUCTIONS_PERF,
    INSTRUCTIONS_CALLGRIND
} instructions_counter;

/* What to run: a row's command (without `exec`), where, with what. */
typedef struct instructions_job {
    const char *command;
    const char *dir;
    const char *const *env;        /* the row's environment additions; may be NULL */
    const char *region_lib;        /* build/lib/libladder_region.so, for Python rungs */
    const char *scratch_dir;       /* for callgrind's dumps */
    int64_t timeout_ns;
} instructions_job;

/* Which counter works here; -1 with why filled if none does. */
int instructions_counter_find(instructions_counter *out, buf *why);

const char *instructions_counter_name(instructions_counter c);

/* Counts; 0 and *per_iteration, or -1 with why filled. */
int instructions_count(instructions_counter how, const instructions_job *job, double *per_iteration,
                       buf *why);

#endif /* LADDER_INSTRUCTIONS_H */
