/*
 * mandelbrot_kernel.h - the Benchmarks Game's mandelbrot
 * (shared/spec/problems.md) as its plain C programs compute it: eight
 * pixels (one output byte) at a time, z = z^2 + c iterated for all eight
 * until none is left in the set or 50 iterations are done. One thread, no
 * intrinsics: GCC unrolls the eight lanes into eight independent chains of
 * arithmetic, which the CPU overlaps (it does not vectorize them; forcing it
 * to, with the bounds test in a loop of its own, was twice as slow). Shared
 * by the c rung (a program) and the c-ext rung (an extension module), so
 * the two differ only in how they are called.
 *
 *     unsigned char *rows = malloc(MANDELBROT_ROWS_BYTES(n));
 *     mandelbrot_compute(n, rows);       // n rows of (n + 7) / 8 bytes
 *
 * Everything here is static; the caller owns the bitmap. n must be from
 * MANDELBROT_MIN_N to MANDELBROT_MAX_N (the caller checks).
 *
 * Why the lanes need no care: a point whose |z|^2 exceeded 4 never comes
 * back (every c here has |c| < 2), so a lane is simply left to run on with
 * the others. It may overflow to inf and then NaN, which is why a lane
 * counts as in the set only while |z|^2 <= 4 is true: NaN <= 4 is false.
 */
#ifndef LADDER_MANDELBROT_KERNEL_H
#define LADDER_MANDELBROT_KERNEL_H

#include <stddef.h>

/* The sizes problems/mandelbrot/problem.conf accepts: 32000 is a 128 MB
 * bitmap, twice the Benchmarks Game's side. */
#define MANDELBROT_MIN_N 1
#define MANDELBROT_MAX_N 32000

#define MANDELBROT_ITERATIONS 50
#define MANDELBROT_LIMIT_SQUARED 4.0
/* Pixels per output byte, most significant bit first. */
#define MANDELBROT_LANES 8

/* The bitmap's size in bytes: n rows of (n + 7) / 8 bytes. */
#define MANDELBROT_ROW_BYTES(n) (((size_t)(n) + MANDELBROT_LANES - 1) / MANDELBROT_LANES)
#define MANDELBROT_ROWS_BYTES(n) ((size_t)(n) * MANDELBROT_ROW_BYTES(n))

/* The byte of eight pixels on the row of ci, whose real parts are cr[]. */
static unsigned char mandelbrot_byte(const double cr[MANDELBROT_LANES], double ci)
{
    double zr[MANDELBROT_LANES] = {0}, zi[MANDELBROT_LANES] = {0};
    double tr[MANDELBROT_LANES] = {0}, ti[MANDELBROT_LANES] = {0};   /* zr^2, zi^2 */
    unsigned char byte = 0;

    for (int i = 0; i < MANDELBROT_ITERATIONS; i++) {
        int bounded = 0;
        for (int k = 0; k < MANDELBROT_LANES; k++) {
            zi[k] = 2.0 * zr[k] * zi[k] + ci;
            zr[k] = tr[k] - ti[k] + cr[k];
            tr[k] = zr[k] * zr[k];
            ti[k] = zi[k] * zi[k];
            bounded |= tr[k] + ti[k] <= MANDELBROT_LIMIT_SQUARED;
        }
        if (!bounded)
            return 0;
    }
    for (int k = 0; k < MANDELBROT_LANES; k++)
        byte = (unsigned char)(byte << 1 | (tr[k] + ti[k] <= MANDELBROT_LIMIT_SQUARED));
    return byte;
}

/* Writes the n x n bitmap into rows (MANDELBROT_ROWS_BYTES(n) bytes): row y
 * has ci = 2y/n - 1, column x cr = 2x/n - 1.5; the pixels past the right
 * edge of a row's last byte are left out (zero bits). */
static void mandelbrot_compute(int n, unsigned char *rows)
{
    size_t row_bytes = MANDELBROT_ROW_BYTES(n);

    for (int y = 0; y < n; y++) {
        double ci = 2.0 * y / n - 1.0;
        unsigned char *row = rows + (size_t)y * row_bytes;
        for (size_t b = 0; b < row_bytes; b++) {
            double cr[MANDELBROT_LANES];
            int x0 = (int)(b * MANDELBROT_LANES);
            for (int k = 0; k < MANDELBROT_LANES; k++)
                cr[k] = 2.0 * (x0 + k) / n - 1.5;
            unsigned char byte = mandelbrot_byte(cr, ci);
            /* Columns from n on are padding, whatever they computed. */
            int past = x0 + MANDELBROT_LANES - n;
            if (past > 0)
                byte = (unsigned char)(byte & (0xFFu << past));
            row[b] = byte;
        }
    }
}

#endif /* LADDER_MANDELBROT_KERNEL_H */
