/*
 * spectral_norm.c - the Benchmarks Game's spectral-norm with AVX2 and
 * threads: each of the 20 products AᵀA·x made in one pass over A's rows,
 * the rows shared among the cores, A's entries computed four at a time
 * as they are needed, with one division each, as in the reference.
 * Problem: shared/spec/problems.md.
 *
 * Argument: N. Output: the norm, %.9f.
 *
 * Why one pass: row r of A gives both (A·x)[r] = A[r]·x and, as soon as
 * that is known, its term (A·x)[r] · A[r] of Aᵀ(A·x). A worker keeps the
 * row's entries in a buffer of its own while it takes the dot product,
 * then adds the row's term into its own partial vector; after a barrier
 * the workers sum the partial vectors, each for a share of the columns, in
 * worker order, so that the result does not depend on timing. Each entry
 * is then computed once per product instead of twice.
 *
 * Why one loop for two rows: the AVX2 kernel takes row r's dot product and
 * adds row r-1's term in the same loop (two row buffers, in turn), so that
 * the other units do the adding while the divider, the bottleneck, works
 * on row r. This ran 10-15% faster than the two loops one after another.
 *
 * Why A is not precomputed (N^2 doubles, 32 MB at N = 2000, read 20 times
 * a run): the product is then bound by memory, not arithmetic. On the
 * 2-core machine this was written on, which reads about 12 GB/s from a
 * 32 MB array, that version took 25-30% more CPU time than this one.
 *
 * The sums run in another order than the reference's (four lanes, the
 * workers' partial vectors), which moves the last bits of the products
 * but not the 9 printed digits; the tests check N = 100, 2000, 5500.
 *
 * The vectors and row buffers are padded to a multiple of SPECTRAL_BLOCK
 * doubles, so that the AVX2 kernel has no tail loops and loads aligned.
 * The padding entries of x are kept 0 (the column sums write 0 there), so
 * the padding adds nothing to a dot product, whatever the row buffer holds
 * there. The portable kernel (LADDER_PORTABLE=1 or a CPU without AVX2) is
 * the same pass in plain C, one row at a time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c-simd/cpu.h"
#include "rungs/c-simd/team.h"

/* The power iteration's rounds, as the Benchmarks Game fixes them: each
 * makes two products (v = AᵀA·u, u = AᵀA·v). */
#define SPECTRAL_ROUNDS 10
#define SPECTRAL_PRODUCTS (2 * SPECTRAL_ROUNDS)
/* The sizes problems/spectral-norm/problem.conf accepts. */
#define SPECTRAL_MAX_N 23000
/* Doubles per AVX2 vector; vectors per step of the dot product (four
 * independent sums, to hide the FMA's latency); doubles per step. */
#define SPECTRAL_LANES 4
#define SPECTRAL_UNROLL 4
#define SPECTRAL_BLOCK (SPECTRAL_LANES * SPECTRAL_UNROLL)
/* Alignment of every array: a cache line, which is also an AVX2 vector's
 * alignment. */
#define SPECTRAL_ALIGN 64
/* Row buffers per worker: the row being computed and the one before. */
#define SPECTRAL_ROW_BUFFERS 2

/* For rows [row0, row1) of A: adds (A[r]·x) A[r] into y. rows is scratch
 * of SPECTRAL_ROW_BUFFERS * stride doubles, zeroed once in setup (the AVX2
 * kernel's first loop adds 0 times it); x's padding is 0; y's padding may
 * be left anything. */
typedef void (*spectral_rows_fn)(int n, size_t stride, int row0, int row1,
                                 const double *x, double *y, double *rows);

typedef struct spectral_state {
    int n;
    size_t stride;        /* doubles per vector: n, padded */
    int workers;          /* the team asked for */
    spectral_rows_fn kernel;
    double *u, *v;        /* stride doubles each */
    double *partial;      /* workers vectors of stride doubles */
    double *rows;         /* workers * SPECTRAL_ROW_BUFFERS buffers of stride doubles */
    double norm;          /* the last run's answer */
} spectral_state;

/* d for A[i][j]; in double, as an exact integer. */
static double spectral_denominator(int i, int j)
{
    double k = (double)i + (double)j;

    return k * (k + 1) / 2 + i + 1;
}

static void spectral_rows_portable(int n, size_t stride, int row0, int row1,
                                   const double *x, double *y, double *rows)
{
    double *row = rows;

    (void)stride;
    for (int r = row0; r < row1; r++) {
        double t = 0;

        for (int c = 0; c < n; c++) {
            row[c] = 1.0 / spectral_denominator(r, c);
            t += row[c] * x[c];
        }
        for (int c = 0; c < n; c++)
            y[c] += t * row[c];
    }
}

#if CSIMD_X86
CSIMD_AVX2 static double spectral_sum_lanes(__m256d v)
{
    __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));

    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

/* y += t * row over the whole padded vector. */
CSIMD_AVX2 static void spectral_add_row(size_t stride, double t, const double *row, double *y)
{
    const __m256d tv = _mm256_set1_pd(t);

    for (size_t c = 0; c < stride; c += SPECTRAL_LANES)
        _mm256_store_pd(y + c, _mm256_fmadd_pd(tv, _mm256_load_pd(row + c),
                                               _mm256_load_pd(y + c)));
}

CSIMD_AVX2 static void spectral_rows_avx2(int n, size_t stride, int row0, int row1,
                                          const double *x, double *y, double *rows)
{
    const __m256d half = _mm256_set1_pd(0.5), one = _mm256_set1_pd(1.0);
    const __m256d step = _mm256_set1_pd(SPECTRAL_LANES);
    double *row = rows, *previous = rows + stride;
    double t_previous = 0;   /* the zeroed buffer's term adds nothing */

    (void)n;
    for (int r = row0; r < row1; r++) {
        /* k = r + c for the four columns at hand; d = k (k + 1) / 2 + r + 1,
         * exact in doubles (below 2^53). */
        __m256d k = _mm256_add_pd(_mm256_set1_pd(r), _mm256_setr_pd(0, 1, 2, 3));
        const __m256d r_plus_one = _mm256_set1_pd((double)r + 1);
        const __m256d t = _mm256_set1_pd(t_previous);
        __m256d s[SPECTRAL_UNROLL];
        double *swap;

        for (int u = 0; u < SPECTRAL_UNROLL; u++)
            s[u] = _mm256_setzero_pd();
        for (size_t c = 0; c < stride; c += SPECTRAL_BLOCK)
            for (int u = 0; u < SPECTRAL_UNROLL; u++) {
                size_t at = c + (size_t)u * SPECTRAL_LANES;
                __m256d d = _mm256_fmadd_pd(_mm256_mul_pd(k, _mm256_add_pd(k, one)), half,
                                            r_plus_one);
                __m256d a = _mm256_div_pd(one, d);

                _mm256_store_pd(row + at, a);
                s[u] = _mm256_fmadd_pd(a, _mm256_load_pd(x + at), s[u]);
                _mm256_store_pd(y + at, _mm256_fmadd_pd(t, _mm256_load_pd(previous + at),
                                                        _mm256_load_pd(y + at)));
                k = _mm256_add_pd(k, step);
            }
        t_previous = spectral_sum_lanes(
            _mm256_add_pd(_mm256_add_pd(s[0], s[1]), _mm256_add_pd(s[2], s[3])));
        swap = row;
        row = previous;
        previous = swap;
    }
    spectral_add_row(stride, t_previous, previous, y);
}
#endif

/* [first, end) of `total` items for a worker: equal shares, the first
 * ones one item larger when they do not divide evenly. */
static void spectral_share(size_t total, const csimd_worker *self, size_t *first, size_t *end)
{
    size_t count = (size_t)self->count, index = (size_t)self->index;
    size_t extra = total % count;

    *first = total / count * index + (index < extra ? index : extra);
    *end = *first + total / count + (index < extra ? 1 : 0);
}

/* One run, on every worker: the 20 products, two barriers each. */
static void spectral_task(void *ctx, const csimd_worker *self)
{
    const spectral_state *st = ctx;
    double *mine = st->partial + (size_t)self->index * st->stride;
    double *rows = st->rows + (size_t)self->index * SPECTRAL_ROW_BUFFERS * st->stride;
    size_t row0, row1, col0, col1;

    spectral_share((size_t)st->n, self, &row0, &row1);
    spectral_share(st->stride, self, &col0, &col1);

    for (size_t c = col0; c < col1; c++)
        st->u[c] = c < (size_t)st->n ? 1 : 0;
    csimd_team_sync(self);

    for (int p = 0; p < SPECTRAL_PRODUCTS; p++) {
        const double *x = p % 2 == 0 ? st->u : st->v;
        double *y = p % 2 == 0 ? st->v : st->u;

        memset(mine, 0, st->stride * sizeof *mine);
        st->kernel(st->n, st->stride, (int)row0, (int)row1, x, mine, rows);
        csimd_team_sync(self);   /* every partial is complete; x is read */
        for (size_t c = col0; c < col1; c++) {
            double sum = 0;
            for (int w = 0; w < self->count; w++)
                sum += st->partial[(size_t)w * st->stride + c];
            y[c] = c < (size_t)st->n ? sum : 0;
        }
        csimd_team_sync(self);   /* y is complete; the partials are free */
    }
}

static void spectral_teardown(void *state)
{
    spectral_state *st = state;

    if (st == NULL)
        return;
    free(st->u);
    free(st->v);
    free(st->partial);
    free(st->rows);
    free(st);
}

/* count doubles aligned to SPECTRAL_ALIGN, or NULL. count is a multiple of
 * SPECTRAL_BLOCK, so the size is a multiple of the alignment, as
 * aligned_alloc() wants. */
static double *spectral_alloc(size_t count)
{
    return aligned_alloc(SPECTRAL_ALIGN, count * sizeof(double));
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
    st->stride = ((size_t)n + SPECTRAL_BLOCK - 1) / SPECTRAL_BLOCK * SPECTRAL_BLOCK;
    st->workers = csimd_cores();
    if (st->workers > n)
        st->workers = (int)n;   /* a row at least each */
    st->kernel = spectral_rows_portable;
#if CSIMD_X86
    if (csimd_use_avx2())
        st->kernel = spectral_rows_avx2;
#endif
    st->u = spectral_alloc(st->stride);
    st->v = spectral_alloc(st->stride);
    st->partial = spectral_alloc((size_t)st->workers * st->stride);
    st->rows = spectral_alloc((size_t)st->workers * SPECTRAL_ROW_BUFFERS * st->stride);
    if (st->u == NULL || st->v == NULL || st->partial == NULL || st->rows == NULL) {
        spectral_teardown(st);
        return rung_error_set(err, "out of memory");
    }
    memset(st->rows, 0, (size_t)st->workers * SPECTRAL_ROW_BUFFERS * st->stride * sizeof *st->rows);
    *state = st;
    return 0;
}

static int spectral_run(void *state, rung_error *err)
{
    spectral_state *st = state;
    double vBv = 0, vv = 0;

    if (csimd_team_run(st->workers, spectral_task, st, err) != 0)
        return -1;
    for (int i = 0; i < st->n; i++) {
        vBv += st->u[i] * st->v[i];
        vv += st->v[i] * st->v[i];
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

RUNG_PROBLEM(spectral_norm, "spectral-norm", spectral_setup, spectral_run, spectral_write,
             spectral_teardown);
