/*
 * team.c - the thread team of team.h, on POSIX threads.
 *
 * The members started for a run wait at a gate until the calling thread
 * knows how many of them the system let it start; only then is the
 * barrier sized and the gate opened, so a task never waits at the barrier
 * for a member that was refused.
 */
#include "rungs/c-simd/team.h"

#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* The team's size before the gate opens. */
#define TEAM_SIZE_UNKNOWN (-1)

struct csimd_team {
    pthread_mutex_t lock;       /* guards size */
    pthread_cond_t opened;      /* signalled when size is known */
    int size;                   /* TEAM_SIZE_UNKNOWN, then 0 (do not run) or the count */
    pthread_barrier_t barrier;  /* for csimd_team_sync(), sized `size` */
    csimd_task task;
    void *ctx;
};

/* What a started thread is given. */
typedef struct team_member {
    csimd_team *team;
    int index;
} team_member;

int csimd_cores(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    if (cores < 1)
        return 1;
    return cores > CSIMD_MAX_WORKERS ? CSIMD_MAX_WORKERS : (int)cores;
}

/* Waits for the gate, then runs the task if the team has room for index. */
static void team_enter(csimd_team *team, int index)
{
    int size;

    pthread_mutex_lock(&team->lock);
    while (team->size == TEAM_SIZE_UNKNOWN)
        pthread_cond_wait(&team->opened, &team->lock);
    size = team->size;
    pthread_mutex_unlock(&team->lock);
    if (index < size) {
        csimd_worker self = {index, size, team};
        team->task(team->ctx, &self);
    }
}

static void *team_member_main(void *arg)
{
    const team_member *member = arg;

    team_enter(member->team, member->index);
    return NULL;
}

int csimd_team_run(int workers, csimd_task task, void *ctx, rung_error *err)
{
    csimd_team team = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
                       TEAM_SIZE_UNKNOWN, .task = task, .ctx = ctx};
    pthread_t threads[CSIMD_MAX_WORKERS];
    team_member members[CSIMD_MAX_WORKERS];
    int started = 1;   /* the calling thread is member 0 */
    int size, rc, status = 0;

    if (workers < 1)
        workers = 1;
    if (workers > CSIMD_MAX_WORKERS)
        workers = CSIMD_MAX_WORKERS;
    for (; started < workers; started++) {
        members[started] = (team_member){&team, started};
        if (pthread_create(&threads[started], NULL, team_member_main,
                           &members[started]) != 0)
            break;   /* a smaller team: the task splits by its size */
    }

    size = started;
    rc = pthread_barrier_init(&team.barrier, NULL, (unsigned)size);
    if (rc != 0) {
        size = 0;   /* the started members leave without running */
        status = rung_error_set(err, "cannot make a barrier for %d threads: %s",
                                started, strerror(rc));
    }
    pthread_mutex_lock(&team.lock);
    team.size = size;
    pthread_cond_broadcast(&team.opened);
    pthread_mutex_unlock(&team.lock);

    team_enter(&team, 0);
    for (int i = 1; i < started; i++)
        pthread_join(threads[i], NULL);
    if (size > 0)
        pthread_barrier_destroy(&team.barrier);
    pthread_cond_destroy(&team.opened);
    pthread_mutex_destroy(&team.lock);
    return status;
}

void csimd_team_sync(const csimd_worker *self)
{
    pthread_barrier_wait(&self->team->barrier);
}
