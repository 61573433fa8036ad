/*
 * reference.c - the trusted spectral-norm (shared/spec/problems.md): the
 * output every rung is verified against, for sizes problem.conf stores no
 * answer for.
 *
 *     reference N        prints the spectral norm of the N x N matrix, %.9f
 *
 * Plain C, one thread, the Benchmarks Game's algorithm written for clarity
 * rather than speed: A computed entry by entry when needed, 10 rounds of
 * v = A'A u, u = A'A v, every sum in index order. Built with
 * -ffp-contract=off (problem.conf), so that no fused multiply-add changes a
 * rounding, on any target. Nothing is shared with the rungs. A bad argument
 * prints a message on stderr and exits 2.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The argument's range, as problem.conf declares it: the rungs compute
 * (i+j)(i+j+1)/2 in an int, which N = 23000 keeps below INT_MAX. */
#define MIN_N 1
#define MAX_N 23000

#define ROUNDS 10

/* A[i][j], indices from 0; the denominator is computed exactly, in 64 bits. */
static double a(long long i, long long j)
{
    return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

/* out = A u, or A' u when transposed. */
static void multiply(int n, int transposed, const double *u, double *out)
{
    for (int i = 0; i < n; i++) {
        double sum = 0.0;
        for (int j = 0; j < n; j++)
            sum += (transposed ? a(j, i) : a(i, j)) * u[j];
        out[i] = sum;
    }
}

/* out = A'A u; tmp is scratch. */
static void multiply_AtA(int n, const double *u, double *out, double *tmp)
{
    multiply(n, 0, u, tmp);
    multiply(n, 1, tmp, out);
}

int main(int argc, char **argv)
{
    char *end = NULL;
    long n;

    if (argc != 2) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    errno = 0;
    n = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || errno != 0 || n < MIN_N || n > MAX_N) {
        fprintf(stderr, "error: '%s' is not an integer from %d to %d\n", argv[1],
                MIN_N, MAX_N);
        return 2;
    }
    double *u = malloc((size_t)n * sizeof *u);
    double *v = malloc((size_t)n * sizeof *v);
    double *tmp = malloc((size_t)n * sizeof *tmp);
    if (u == NULL || v == NULL || tmp == NULL) {
        fprintf(stderr, "error: out of memory\n");
        return 1;
    }
    for (int i = 0; i < n; i++)
        u[i] = 1.0;
    for (int round = 0; round < ROUNDS; round++) {
        multiply_AtA((int)n, u, v, tmp);
        multiply_AtA((int)n, v, u, tmp);
    }
    double uv = 0.0, vv = 0.0;
    for (int i = 0; i < n; i++) {
        uv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    printf("%.9f\n", sqrt(uv / vv));
    free(u);
    free(v);
    free(tmp);
    return fflush(stdout) == 0 ? 0 : 1;
}
