/*
 * spectral_norm_kernel.h - the Benchmarks Game's spectral-norm
 * (shared/spec/problems.md) as its plain C program computes it: eval_A on
 * the fly, A*u and A'*u as two plain loops, single-threaded, no intrinsics.
 * The sums run in index order, as the reference does, so the result matches
 * it digit for digit (the compiler does not reorder floating-point sums
 * without -ffast-math). Shared by the c rung (a program) and the c-ext rung
 * (an extension module), so the two differ only in how they are called.
 *
 *     double norm = spectral_compute(n, u, v, tmp);   // n doubles each
 *
 * Everything here is static; the caller owns the three vectors.
 */
#ifndef LADDER_SPECTRAL_NORM_KERNEL_H
#define LADDER_SPECTRAL_NORM_KERNEL_H

#include <math.h>

/* The power iteration's rounds, as the Benchmarks Game fixes them. */
#define SPECTRAL_ROUNDS 10
/* eval_A computes (i+j)(i+j+1)/2 in an int, with i+j < 2N: this keeps it
 * below INT_MAX. */
#define SPECTRAL_MAX_N 23000

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

/* u, v and tmp hold n doubles each. Returns the norm. */
static double spectral_compute(int n, double *u, double *v, double *tmp)
{
    double vBv = 0, vv = 0;

    for (int i = 0; i < n; i++)
        u[i] = 1;
    for (int i = 0; i < SPECTRAL_ROUNDS; i++) {
        eval_AtA_times_u(n, u, v, tmp);
        eval_AtA_times_u(n, v, u, tmp);
    }
    for (int i = 0; i < n; i++) {
        vBv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    return sqrt(vBv / vv);
}

#endif /* LADDER_SPECTRAL_NORM_KERNEL_H */
