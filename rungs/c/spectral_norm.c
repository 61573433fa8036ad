/*
 * spectral_norm.c - the Benchmarks Game's spectral-norm as a plain C
 * program: the computation is rungs/c/spectral_norm_kernel.h.
 * Problem: shared/spec/problems.md.
 *
 * Argument: N. Output: the norm, %.9f.
 */
#include <stdlib.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c/spectral_norm_kernel.h"

typedef struct spectral_state {
    int n;
    double *u, *v, *tmp;   /* N doubles each, allocated once in setup */
    double norm;           /* the last run's answer */
} spectral_state;

static void spectral_teardown(void *state)
{
    spectral_state *st = state;

    if (st == NULL)
        return;
    free(st->u);
    free(st->v);
    free(st->tmp);
    free(st);
}

static int spectral_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    spectral_state *st;

    if (rung_parse_size(arg, 1, SPECTRAL_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->n = (int)n;
    st->u = malloc((size_t)n * sizeof *st->u);
    st->v = malloc((size_t)n * sizeof *st->v);
    st->tmp = malloc((size_t)n * sizeof *st->tmp);
    if (st->u == NULL || st->v == NULL || st->tmp == NULL) {
        spectral_teardown(st);
        return rung_error_set(err, "out of memory");
    }
    *state = st;
    return 0;
}

static int spectral_run(void *state, rung_error *err)
{
    spectral_state *st = state;

    (void)err;
    st->norm = spectral_compute(st->n, st->u, st->v, st->tmp);
    return 0;
}

static int spectral_write(void *state, FILE *out, rung_error *err)
{
    const spectral_state *st = state;

    (void)err;
    fprintf(out, "%.9f\n", st->norm);
    return 0;
}

RUNG_PROBLEM(spectral_norm, "spectral-norm", spectral_setup, spectral_run, spectral_write,
             spectral_teardown);
