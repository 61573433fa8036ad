/*
 * spectral_norm.c - the Benchmarks Game's spectral-norm, as its plain C
 * program writes it: eval_A computed on the fly, A*u and A'*u as two plain
 * loops, single-threaded, no intrinsics. Problem: shared/spec/problems.md.
 *
 * Argument: N. Output: the norm, %.9f. The sums run in index order, as the
 * reference does, so the output matches it digit for digit (the compiler
 * does not reorder floating-point sums without -ffast-math).
 */
#include <math.h>
#include <stdlib.h>

#include "rungs/c/problems.h"

/* The power iteration's rounds, as the Benchmarks Game fixes them. */
#define SPECTRAL_ROUNDS 10
/* eval_A computes (i+j)(i+j+1)/2 in an int, with i+j < 2N: this keeps it
 * below INT_MAX. */
#define SPECTRAL_MAX_N 23000

typedef struct spectral_state {
    int n;
    double *u, *v, *tmp;   /* N doubles each, allocated once in setup */
    double norm;           /* the last run's answer */
} spectral_state;

static double eval_A(int i, int j)
{
    return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}

/* The two products are kept out of line so that GCC compiles their loops
 * alone, the same in the c and c-ext rungs: inlined into the caller, their
 * registers were allocated around the caller's and the loop ran 18% slower
 * in the extension module. */
#define SPECTRAL_KERNEL __attribute__((noinline))

static SPECTRAL_KERNEL void eval_A_times_u(int n, const double u[],
                                           double Au[])
{
    for (int i = 0; i < n; i++) {
        Au[i] = 0;
        for (int j = 0; j < n; j++)
            Au[i] += eval_A(i, j) * u[j];
    }
}

static SPECTRAL_KERNEL void eval_At_times_u(int n, const double u[],
                                            double Au[])
{
    for (int i = 0; i < n; i++) {
        Au[i] = 0;
        for (int j = 0; j < n; j++)
            Au[i] += eval_A(j, i) * u[j];
    }
}

/* AtAu = A' A u; tmp is scratch of n doubles. */
static void eval_AtA_times_u(int n, const double u[], double AtAu[],
                             double tmp[])
{
    eval_A_times_u(n, u, tmp);
    eval_At_times_u(n, tmp, AtAu);
}

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
    int n = st->n;
    double *u = st->u, *v = st->v;
    double vBv = 0, vv = 0;

    (void)err;
    for (int i = 0; i < n; i++)
        u[i] = 1;
    for (int i = 0; i < SPECTRAL_ROUNDS; i++) {
        eval_AtA_times_u(n, u, v, st->tmp);
        eval_AtA_times_u(n, v, u, st->tmp);
    }
    for (int i = 0; i < n; i++) {
        vBv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    st->norm = sqrt(vBv / vv);
    return 0;
}

static int spectral_write(void *state, FILE *out, rung_error *err)
{
    const spectral_state *st = state;

    (void)err;
    fprintf(out, "%.9f\n", st->norm);
    return 0;
}

const rung_problem spectral_norm_problem = {
    "spectral-norm", spectral_setup, spectral_run, spectral_write,
    spectral_teardown,
};
