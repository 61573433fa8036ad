/*
 * mandelbrot.c - the Benchmarks Game's mandelbrot as a plain C program: the
 * computation is rungs/c/mandelbrot_kernel.h. Problem: shared/spec/problems.md.
 *
 * Argument: n. Output: the binary PBM file, "P4\n<n> <n>\n" and the rows.
 */
#include <stdlib.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c/mandelbrot_kernel.h"

typedef struct mandelbrot_state {
    int n;
    unsigned char *rows;   /* the bitmap, allocated once in setup */
} mandelbrot_state;

static void mandelbrot_teardown(void *state)
{
    mandelbrot_state *st = state;

    if (st == NULL)
        return;
    free(st->rows);
    free(st);
}

static int mandelbrot_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    mandelbrot_state *st;

    if (rung_parse_size(arg, MANDELBROT_MIN_N, MANDELBROT_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->n = (int)n;
    st->rows = malloc(MANDELBROT_ROWS_BYTES(n));
    if (st->rows == NULL) {
        mandelbrot_teardown(st);
        return rung_error_set(err, "out of memory");
    }
    *state = st;
    return 0;
}

/* Every byte of the bitmap is written afresh. */
static int mandelbrot_run(void *state, rung_error *err)
{
    mandelbrot_state *st = state;

    (void)err;
    mandelbrot_compute(st->n, st->rows);
    return 0;
}

static int mandelbrot_write(void *state, FILE *out, rung_error *err)
{
    const mandelbrot_state *st = state;
    size_t size = MANDELBROT_ROWS_BYTES(st->n);

    fprintf(out, "P4\n%d %d\n", st->n, st->n);
    if (fwrite(st->rows, 1, size, out) != size)
        return rung_error_set(err, "cannot write the bitmap");
    return 0;
}

RUNG_PROBLEM(mandelbrot, "mandelbrot", mandelbrot_setup, mandelbrot_run, mandelbrot_write,
             mandelbrot_teardown);
