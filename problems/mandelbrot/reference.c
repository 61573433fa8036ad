/*
 * reference.c - the trusted mandelbrot (shared/spec/problems.md): the output
 * every rung is verified against, for sizes problem.conf stores no digest
 * for.
 *
 *     reference N        writes the N x N bitmap as a binary PBM file on stdout
 *
 * Plain C, one thread, one pixel at a time, written for clarity rather than
 * speed: z = z^2 + c in IEEE doubles, |z|^2 tested after every iteration,
 * and the pixel set only if it never exceeded 4. Built with
 * -ffp-contract=off (problem.conf), so that no fused multiply-add changes a
 * rounding, on any target. Nothing is shared with the rungs. A bad argument
 * prints a message on stderr and exits 2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* The argument's range, as problem.conf declares it: 32000 is a 128 MB
 * bitmap, twice the Benchmarks Game's side. */
#define MIN_N 1
#define MAX_N 32000

#define MAX_ITERATIONS 50
#define ESCAPE_RADIUS_SQUARED 4.0
#define BITS_PER_BYTE 8

/* Whether c = cr + i*ci stays in the set for MAX_ITERATIONS iterations. */
static int in_set(double cr, double ci)
{
    double zr = 0.0, zi = 0.0;

    for (int i = 0; i < MAX_ITERATIONS; i++) {
        double next_zr = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = next_zr;
        if (zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED)
            return 0;
    }
    return 1;
}

/* Writes one row of pixels, most significant bit first, the last byte
 * padded with zero bits. Returns 0, or -1 if stdout fails. */
static int write_row(int n, int y)
{
    double ci = 2.0 * y / n - 1.0;
    int byte = 0, bits = 0;

    for (int x = 0; x < n; x++) {
        double cr = 2.0 * x / n - 1.5;
        byte = (byte << 1) | in_set(cr, ci);
        if (++bits == BITS_PER_BYTE) {
            if (putchar(byte) == EOF)
                return -1;
            byte = bits = 0;
        }
    }
    if (bits > 0 && putchar(byte << (BITS_PER_BYTE - bits)) == EOF)
        return -1;
    return 0;
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
    printf("P4\n%ld %ld\n", n, n);
    for (int y = 0; y < n; y++)
        if (write_row((int)n, y) != 0)
            return 1;
    return fflush(stdout) == 0 ? 0 : 1;
}
