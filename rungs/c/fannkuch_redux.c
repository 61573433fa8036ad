/*
 * fannkuch_redux.c - the Benchmarks Game's fannkuch-redux as a plain C
 * program: the computation is rungs/c/fannkuch_redux_kernel.h.
 * Problem: shared/spec/problems.md.
 *
 * Argument: n. Output: the checksum, then "Pfannkuchen(n) = <maxflips>".
 */
#include <stdlib.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c/fannkuch_redux_kernel.h"

typedef struct fannkuch_state {
    int n;
    long long checksum;   /* the last run's answer */
    int max_flips;
} fannkuch_state;

static int fannkuch_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    fannkuch_state *st;

    if (rung_parse_size(arg, FANNKUCH_MIN_N, FANNKUCH_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->n = (int)n;
    *state = st;
    return 0;
}

static int fannkuch_run(void *state, rung_error *err)
{
    fannkuch_state *st = state;

    (void)err;
    fannkuch_compute(st->n, &st->checksum, &st->max_flips);
    return 0;
}

static int fannkuch_write(void *state, FILE *out, rung_error *err)
{
    const fannkuch_state *st = state;

    (void)err;
    fprintf(out, "%lld\nPfannkuchen(%d) = %d\n", st->checksum, st->n, st->max_flips);
    return 0;
}

static void fannkuch_teardown(void *state)
{
    free(state);
}

RUNG_PROBLEM(fannkuch_redux, "fannkuch-redux", fannkuch_setup, fannkuch_run,
             fannkuch_write, fannkuch_teardown);
