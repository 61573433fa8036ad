/*
 * mandelbrot.c - the Benchmarks Game's mandelbrot with AVX2 and threads,
 * as its fastest C programs compute it: four pixels per vector of doubles,
 * four output bytes (32 pixels) iterated together, the escape tested only
 * every few iterations, and the rows shared among the cores in blocks.
 * Problem: shared/spec/problems.md.
 *
 * Argument: n. Output: the binary PBM file, "P4\n<n> <n>\n" and n rows of
 * (n + 7) / 8 bytes, most significant bit first.
 *
 * Why testing |z|^2 <= 4 only after the 50th iteration gives the same bits
 * as testing it after every one: every c here has |c| <= |-1.5 - i| < 1.81,
 * and once |z| > 2, |z^2 + c| >= |z|^2 - |c| > |z| + 0.19, so an escaped z
 * never comes back; it grows to inf, and then inf - inf makes NaN. The
 * test is written as "<= 4" (ordered: false for NaN), never as "not > 4",
 * so inf and NaN count as escaped: the NaN trap of problems.md. The checks
 * every MANDEL_CHECK_EVERY iterations only stop early when all 32 pixels
 * have escaped, which then cannot change the bits.
 *
 * The arithmetic is the specification's, no FMA (Zr = Zr^2 - Zi^2 + Cr,
 * Zi = 2 Zr Zi + Ci): the bits then do not depend on what the compiler
 * fuses. The portable kernel (LADDER_PORTABLE=1 or a CPU without AVX2) is
 * the plain loop, a pixel at a time, with the same threads.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c-simd/cpu.h"
#include "rungs/c-simd/team.h"

/* The sizes problems/mandelbrot/problem.conf accepts. */
#define MANDEL_MAX_N 32000
#define MANDEL_ITERATIONS 50
#define MANDEL_LIMIT 4.0
#define MANDEL_PIXELS_PER_BYTE 8
/* Rows a worker takes at a time: enough that taking them costs nothing
 * next to computing them, few enough that the cores finish together
 * (rows through the set take far longer than rows outside it). */
#define MANDEL_ROWS_PER_BLOCK 4
/* Doubles per AVX2 vector; vectors per group (four output bytes: eight
 * independent chains of multiplies in flight, which ran faster than four
 * or six, each iteration being a chain of three dependent operations);
 * pixels per group; iterations between the all-escaped checks (50 is a
 * multiple of it; checking every 2 or 10 ran slower). */
#define MANDEL_LANES 4
#define MANDEL_VECTORS 8
#define MANDEL_GROUP (MANDEL_LANES * MANDEL_VECTORS)
#define MANDEL_CHECK_EVERY 5
_Static_assert(MANDEL_GROUP % MANDEL_PIXELS_PER_BYTE == 0 && MANDEL_GROUP <= 64,
               "a group is whole bytes, its bits one uint64_t");
/* Alignment of the cr table: an AVX2 vector's. */
#define MANDEL_ALIGN 32

typedef struct mandel_state mandel_state;

/* Computes row y of the bitmap into out (row_bytes bytes). */
typedef void (*mandel_row_fn)(const mandel_state *st, int y, uint8_t *out);

struct mandel_state {
    int n;
    size_t row_bytes;       /* (n + 7) / 8 */
    int workers;
    mandel_row_fn row;
    double *cr;             /* the real part of c for each x, padded (see setup) */
    size_t cr_count;
    int reverse_lanes;      /* cr in the AVX2 kernel's order (mandel_group_avx2) */
    uint8_t *bitmap;        /* n rows of row_bytes: the last run's answer */
    atomic_int next_block;  /* the next block of rows nobody has taken */
};

/* The coordinates of pixel (x, y), as problems.md writes them. */
static double mandel_cr(int x, int n)
{
    return 2.0 * x / n - 1.5;
}

static double mandel_ci(int y, int n)
{
    return 2.0 * y / n - 1.0;
}

/* The pixels past the right edge of the last byte are zero bits. */
static void mandel_clear_padding(const mandel_state *st, uint8_t *out)
{
    int used = st->n % MANDEL_PIXELS_PER_BYTE;

    if (used != 0)
        out[st->row_bytes - 1] &= (uint8_t)(0xFF << (MANDEL_PIXELS_PER_BYTE - used));
}

static void mandel_row_portable(const mandel_state *st, int y, uint8_t *out)
{
    double ci = mandel_ci(y, st->n);

    memset(out, 0, st->row_bytes);
    for (int x = 0; x < st->n; x++) {
        double cr = st->cr[x], zr = 0, zi = 0;
        int inside = 1;

        for (int i = 0; i < MANDEL_ITERATIONS; i++) {
            double next_zr = zr * zr - zi * zi + cr;
            zi = (zr + zr) * zi + ci;
            zr = next_zr;
            if (!(zr * zr + zi * zi <= MANDEL_LIMIT)) {
                inside = 0;
                break;
            }
        }
        if (inside)
            out[x / MANDEL_PIXELS_PER_BYTE] |= (uint8_t)(0x80 >> (x % MANDEL_PIXELS_PER_BYTE));
    }
}

#if CSIMD_X86
/* One group's 32 pixels as 32 bits, the first pixel in the highest bit:
 * st->cr holds each 4 pixels' values in reverse lane order, so that
 * movemask puts the first of them in bit 3. */
CSIMD_AVX2 static uint64_t mandel_group_avx2(const double *cr_group, __m256d ci)
{
    const __m256d limit = _mm256_set1_pd(MANDEL_LIMIT);
    __m256d cr[MANDEL_VECTORS], zr[MANDEL_VECTORS], zi[MANDEL_VECTORS];
    uint64_t bits = 0;

    for (int k = 0; k < MANDEL_VECTORS; k++) {
        cr[k] = _mm256_load_pd(cr_group + k * MANDEL_LANES);
        zr[k] = _mm256_setzero_pd();
        zi[k] = _mm256_setzero_pd();
    }
    for (int done = 0; done < MANDEL_ITERATIONS; done += MANDEL_CHECK_EVERY) {
        __m256d inside = _mm256_setzero_pd();

        for (int i = 0; i < MANDEL_CHECK_EVERY; i++)
            for (int k = 0; k < MANDEL_VECTORS; k++) {
                __m256d zr2 = _mm256_mul_pd(zr[k], zr[k]);
                __m256d zi2 = _mm256_mul_pd(zi[k], zi[k]);
                zi[k] = _mm256_add_pd(_mm256_mul_pd(_mm256_add_pd(zr[k], zr[k]), zi[k]), ci);
                zr[k] = _mm256_add_pd(_mm256_sub_pd(zr2, zi2), cr[k]);
            }
        for (int k = 0; k < MANDEL_VECTORS; k++) {
            __m256d mag = _mm256_add_pd(_mm256_mul_pd(zr[k], zr[k]), _mm256_mul_pd(zi[k], zi[k]));
            inside = _mm256_or_pd(inside, _mm256_cmp_pd(mag, limit, _CMP_LE_OQ));
        }
        if (_mm256_testz_pd(inside, inside))
            return 0;   /* all escaped for good */
    }
    for (int k = 0; k < MANDEL_VECTORS; k++) {
        __m256d mag = _mm256_add_pd(_mm256_mul_pd(zr[k], zr[k]), _mm256_mul_pd(zi[k], zi[k]));
        bits = bits << MANDEL_LANES
             | (uint64_t)_mm256_movemask_pd(_mm256_cmp_pd(mag, limit, _CMP_LE_OQ));
    }
    return bits;
}

CSIMD_AVX2 static void mandel_row_avx2(const mandel_state *st, int y, uint8_t *out)
{
    const __m256d ci = _mm256_set1_pd(mandel_ci(y, st->n));
    const size_t group_bytes = MANDEL_GROUP / MANDEL_PIXELS_PER_BYTE;

    for (size_t byte = 0; byte < st->row_bytes; byte += group_bytes) {
        uint64_t bits = mandel_group_avx2(st->cr + byte * MANDEL_PIXELS_PER_BYTE, ci);
        /* The group's first byte is in its highest bits; bytes past the
         * row's end are dropped. */
        for (size_t b = 0; b < group_bytes && byte + b < st->row_bytes; b++)
            out[byte + b] = (uint8_t)(bits >> ((group_bytes - 1 - b) * MANDEL_PIXELS_PER_BYTE));
    }
    mandel_clear_padding(st, out);
}
#endif

/* Every worker takes the next block of rows until none is left. */
static void mandel_task(void *ctx, const csimd_worker *self)
{
    mandel_state *st = ctx;
    int block;

    (void)self;
    while ((block = atomic_fetch_add_explicit(&st->next_block, 1, memory_order_relaxed))
           * MANDEL_ROWS_PER_BLOCK < st->n) {
        int first = block * MANDEL_ROWS_PER_BLOCK;
        int end = first + MANDEL_ROWS_PER_BLOCK < st->n ? first + MANDEL_ROWS_PER_BLOCK : st->n;
        for (int y = first; y < end; y++)
            st->row(st, y, st->bitmap + (size_t)y * st->row_bytes);
    }
}

static void mandel_teardown(void *state)
{
    mandel_state *st = state;

    if (st == NULL)
        return;
    free(st->cr);
    free(st->bitmap);
    free(st);
}

static int mandel_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    mandel_state *st;
    size_t cr_bytes;

    if (rung_parse_size(arg, 1, MANDEL_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->n = (int)n;
    st->row_bytes = ((size_t)n + MANDEL_PIXELS_PER_BYTE - 1) / MANDEL_PIXELS_PER_BYTE;
    st->workers = csimd_cores();
    st->row = mandel_row_portable;
    /* The table covers the last group whole, past the row's end (the AVX2
     * kernel drops those bits). */
    st->cr_count = (st->row_bytes * MANDEL_PIXELS_PER_BYTE + MANDEL_GROUP - 1)
                 / MANDEL_GROUP * MANDEL_GROUP;
    cr_bytes = st->cr_count * sizeof *st->cr;
    st->cr = aligned_alloc(MANDEL_ALIGN, cr_bytes);
    st->bitmap = malloc((size_t)n * st->row_bytes);
    if (st->cr == NULL || st->bitmap == NULL) {
        mandel_teardown(st);
        return rung_error_set(err, "out of memory");
    }
#if CSIMD_X86
    if (csimd_use_avx2()) {
        st->row = mandel_row_avx2;
        st->reverse_lanes = 1;
    }
#endif
    *state = st;
    return 0;
}

static int mandel_run(void *state, rung_error *err)
{
    mandel_state *st = state;

    for (int x = 0; x < (int)st->cr_count; x++) {
        int lane = x % MANDEL_LANES;
        int pixel = st->reverse_lanes ? x - lane + (MANDEL_LANES - 1 - lane) : x;
        st->cr[x] = mandel_cr(pixel, st->n);
    }
    atomic_store(&st->next_block, 0);
    return csimd_team_run(st->workers, mandel_task, st, err);
}

static int mandel_write(void *state, FILE *out, rung_error *err)
{
    const mandel_state *st = state;
    size_t bytes = (size_t)st->n * st->row_bytes;

    fprintf(out, "P4\n%d %d\n", st->n, st->n);
    if (fwrite(st->bitmap, 1, bytes, out) != bytes)
        return rung_error_set(err, "cannot write the bitmap");
    return 0;
}

RUNG_PROBLEM(mandelbrot, "mandelbrot", mandel_setup, mandel_run, mandel_write,
             mandel_teardown);
