/*
 * nbody.c - the Benchmarks Game's n-body as a plain C program: the
 * computation is rungs/c/nbody_kernel.h. Problem: shared/spec/problems.md.
 *
 * Argument: the number of steps. Output: the energy before and after, %.9f.
 */
#include <stdlib.h>

#include "rungs/c/nbody_kernel.h"
#include "rungs/_native/rung_main.h"

/* Steps are counted in a long long; any count the harness would ask for
 * (the Benchmarks Game's is 5e7) is far below this. */
#define NBODY_MAX_STEPS 1000000000000LL

typedef struct nbody_state {
    long long steps;
    double energy_before;
    double energy_after;
} nbody_state;

static int nbody_setup(const char *arg, void **state, rung_error *err)
{
    long long steps;
    nbody_state *st;

    if (rung_parse_size(arg, 0, NBODY_MAX_STEPS, &steps, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->steps = steps;
    *state = st;
    return 0;
}

/* The whole program's work, from the initial state: each run starts over. */
static int nbody_run(void *state, rung_error *err)
{
    nbody_state *st = state;

    (void)err;
    nbody_simulate(st->steps, &st->energy_before, &st->energy_after);
    return 0;
}

static int nbody_write(void *state, FILE *out, rung_error *err)
{
    const nbody_state *st = state;

    (void)err;
    fprintf(out, "%.9f\n%.9f\n", st->energy_before, st->energy_after);
    return 0;
}

static void nbody_teardown(void *state)
{
    free(state);
}

RUNG_PROBLEM(nbody, "nbody", nbody_setup, nbody_run, nbody_write,
             nbody_teardown);
