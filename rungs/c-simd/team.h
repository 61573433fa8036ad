/*
 * team.h - a team of threads for one parallel section of a run: the calling
 * thread and up to workers - 1 threads started for it, all running the same
 * task on their share of the work, joined before csimd_team_run() returns.
 *
 *     static void task(void *ctx, const csimd_worker *self)
 *     {
 *         for (long i = self->index; i < n; i += self->count)
 *             ...;                            // this worker's share
 *         csimd_team_sync(self);              // wait for the others
 *         ...
 *     }
 *
 *     if (csimd_team_run(csimd_cores(), task, &ctx, err) != 0)
 *         return -1;
 *
 * A task learns the team's size (self->count) before any member starts,
 * and must split the work by it: when the system refuses a thread the team
 * is simply smaller, never waits for a member that does not exist. Threads
 * are started and joined inside each run, so nothing outlives it (starting
 * two threads costs tens of microseconds, far below any run's time).
 */
#ifndef LADDER_CSIMD_TEAM_H
#define LADDER_CSIMD_TEAM_H

#include "rungs/_native/rung_main.h"

/* More workers than this are not started, whatever the core count. */
#define CSIMD_MAX_WORKERS 256

typedef struct csimd_team csimd_team;

/* What a task is told about itself. */
typedef struct csimd_worker {
    int index;          /* 0 (the calling thread) to count - 1 */
    int count;          /* the team's size, at least 1 */
    csimd_team *team;   /* for csimd_team_sync() */
} csimd_worker;

typedef void (*csimd_task)(void *ctx, const csimd_worker *self);

/* The online cores (sysconf), from 1 to CSIMD_MAX_WORKERS. */
int csimd_cores(void);

/* Runs task(ctx, self) on a team of up to `workers` members (clamped to 1
 * .. CSIMD_MAX_WORKERS) and returns when every member has returned.
 * Returns 0, or -1 with *err filled if the team's barrier cannot be made
 * (then the task has not run at all). */
int csimd_team_run(int workers, csimd_task task, void *ctx, rung_error *err);

/* Waits until every member of the team has called it (a barrier): the
 * writes each member made before it are then visible to all. */
void csimd_team_sync(const csimd_worker *self);

#endif /* LADDER_CSIMD_TEAM_H */
