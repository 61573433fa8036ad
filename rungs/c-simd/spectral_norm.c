/*
 * spectral_norm.c - the Benchmarks Game's spectral-norm with AVX-512 or
 * AVX2 and threads: each of the 20 products AᵀA·x made in one pass over
 * A's rows, the rows shared among the cores, A's entries computed eight
 * (AVX-512) or four (AVX2) at a time as they are needed, each reciprocal
 * from the CPU's estimate refined to a double's precision instead of a
 * division. Problem: shared/spec/problems.md.
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
 * Why no division: the divider was the bottleneck (vdivpd takes a
 * 4-double vector every 8 cycles or so, a 512-bit one every 16). The
 * estimate instructions (_mm512_rcp14_pd, _mm_rcp_ps) and a few FMAs (the
 * comment above the reciprocals says how many, and why they are enough)
 * run on the pipelined units instead; the denominators come from two adds
 * a vector (spectral_row_start), not multiplications. On the machine this
 * was measured on (2 cores of a Sapphire Rapids Xeon, shared, so the
 * numbers are the best of several), one product at N = 2000 on one core
 * took 3.5 ms with the division, 1.6 ms with the AVX-512 kernel and 2.7 ms
 * with the AVX2 one; the whole run (ladder run --size study, 2 threads)
 * went from 0.60 of the numpy rung's median time to 0.24-0.39 (four runs
 * on the busy machine).
 *
 * Why two loops a row, the dot product and then the add: with the
 * division gone, the AVX-512 kernel is bound by memory. One loop doing row
 * r's dot product and row r-1's add (two row buffers, in turn, as this
 * file did to overlap the adds with the divider) streams four vectors,
 * 64 kB at N = 2000, through a 48 kB L1 cache, and took 0.65-0.8 ns an
 * entry on one core; the two loops stream three (48 kB) and took
 * 0.40-0.53, near the 0.35-0.40 of N = 500, where all fits. Computing row
 * r-1's entries again in the one loop, to stream only x and y, took 0.62:
 * the second reciprocal costs more than it saves. (The AVX2 kernel, bound
 * by its arithmetic, ran as fast either way; it has the same two loops.)
 *
 * Why A is not precomputed (N^2 doubles, 32 MB at N = 2000, read 20 times
 * a run): the product is then bound by memory, not arithmetic. On the
 * 2-core machine this was first written on, which reads about 12 GB/s
 * from a 32 MB array, that version took 25-30% more CPU time than the
 * one-pass one, when it still divided.
 *
 * The sums run in another order than the reference's (lanes, the
 * workers' partial vectors), and the reciprocals are within an ulp of the
 * division's, which moves the last bits of the products but not the 9
 * printed digits; the tests check N = 100, 2000, 5500.
 *
 * The vectors and row buffers are padded to a multiple of SPECTRAL_PAD
 * doubles, so that the SIMD kernels have no tail loops and load aligned.
 * The padding entries of x are kept 0 (the column sums write 0 there), so
 * the padding adds nothing to a dot product, whatever the row buffer holds
 * there. The kernel is chosen in setup: AVX-512 where the CPU has it
 * (LADDER_NO_AVX512=1 keeps it out, to test the AVX2 one), else AVX2; the
 * portable kernel (LADDER_PORTABLE=1 or a CPU without AVX2) is the same
 * pass in plain C, with the division, one row at a time.
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
/* Per kernel: doubles per vector; vectors per step of a row (independent
 * denominators and sums, to hide the adds' and FMAs' latency: two are
 * enough for AVX2's longer step, and more would spill its 16 registers;
 * AVX-512 has 32, and ran as fast with eight as with four); doubles per
 * step. */
#define SPECTRAL_AVX2_LANES 4
#define SPECTRAL_AVX2_UNROLL 2
#define SPECTRAL_AVX2_BLOCK (SPECTRAL_AVX2_LANES * SPECTRAL_AVX2_UNROLL)
#define SPECTRAL_AVX512_LANES 8
#define SPECTRAL_AVX512_UNROLL 4
#define SPECTRAL_AVX512_BLOCK (SPECTRAL_AVX512_LANES * SPECTRAL_AVX512_UNROLL)
/* The vectors are padded to a multiple of this, every kernel's step. */
#define SPECTRAL_PAD SPECTRAL_AVX512_BLOCK
_Static_assert(SPECTRAL_PAD % SPECTRAL_AVX2_BLOCK == 0, "a padded vector is whole AVX2 steps");
/* Alignment of every array: a cache line, which is also an AVX-512
 * vector's alignment (and more than an AVX2 one's). */
#define SPECTRAL_ALIGN 64

/* For rows [row0, row1) of A: adds (A[r]·x) A[r] into y. row is scratch
 * of stride doubles; x's padding is 0; y's padding may be left anything. */
typedef void (*spectral_rows_fn)(int n, size_t stride, int row0, int row1,
                                 const double *x, double *y, double *row);

typedef struct spectral_state {
    int n;
    size_t stride;        /* doubles per vector: n, padded */
    int workers;          /* the team asked for */
    spectral_rows_fn kernel;
    double *u, *v;        /* stride doubles each */
    double *partial;      /* workers vectors of stride doubles */
    double *rows;         /* workers row buffers of stride doubles */
    double norm;          /* the last run's answer */
} spectral_state;

/* d for A[i][j]; in double, as an exact integer. */
static double spectral_denominator(int i, int j)
{
    double k = (double)i + (double)j;

    return k * (k + 1) / 2 + i + 1;
}

static void spectral_rows_portable(int n, size_t stride, int row0, int row1,
                                   const double *x, double *y, double *row)
{
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

/* The denominators along a row, without a multiplication: with k = r + c,
 * d(c) = k (k + 1) / 2 + r + 1 grows by k + 1 from column c to c + 1, so by
 * step(c) = B k + B (B + 1) / 2 from c to c + B, and step(c) itself grows by
 * B^2. A kernel keeps, for each column of its step of B = block columns,
 * d and step, and moves them on with two adds. Every value is an integer
 * below 2^53 (d < 1.1e9 at SPECTRAL_MAX_N), so the adds are exact and d is,
 * bit for bit, the portable kernel's. This fills d and step for row r's
 * first `block` columns. */
static void spectral_row_start(int r, int block, double *d, double *step)
{
    for (int c = 0; c < block; c++) {
        double k = (double)r + c;

        d[c] = spectral_denominator(r, c);
        step[c] = block * k + (double)block * (block + 1) / 2;
    }
}

static double spectral_step_growth(int block)
{
    return (double)block * block;
}

#if CSIMD_X86
/* The reciprocals: 1/d = x / (1 - e) = x (1 + e + e^2 + ...) for any
 * estimate x, with e = 1 - d x. So one e (one FMA, exact but for its last
 * rounding) and the terms e .. e^m of the series take an estimate good to
 * b bits (|e| <= 2^-b) to about (m + 1) b bits, at one FMA a term, plus
 * one for x + x (e + ... + e^m): m = 1 is a Newton-Raphson step,
 * x (2 - d x); m = 3 is two of them, x (1 + e)(1 + e^2), with one
 * operation fewer. The result is 1/d to within one ulp (a test of every d
 * of N = 2000 and a sample up to N = 23000 found about 1 in 1000 one ulp
 * off the correctly rounded 1/d, none further), which moves the norm's
 * last bits as the sums' order does (see the header). */

/* AVX2 has no double estimate: _mm_rcp_ps's float one is good to 1.5 *
 * 2^-12 (d, below 1.1e9, fits a float). e + e^2 + e^3 + e^4 leaves e^5, at
 * most 2^-57. */
CSIMD_AVX2 static __m256d spectral_reciprocal_avx2(__m256d d)
{
    const __m256d one = _mm256_set1_pd(1.0);
    __m256d x = _mm256_cvtps_pd(_mm_rcp_ps(_mm256_cvtpd_ps(d)));
    __m256d e = _mm256_fnmadd_pd(d, x, one);
    __m256d e_plus_e2 = _mm256_fmadd_pd(e, e, e);
    __m256d series = _mm256_fmadd_pd(e_plus_e2, _mm256_mul_pd(e, e), e_plus_e2);

    return _mm256_fmadd_pd(x, series, x);
}

CSIMD_AVX2 static double spectral_sum_lanes(__m256d v)
{
    __m128d pair = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd(v, 1));

    return _mm_cvtsd_f64(_mm_add_sd(pair, _mm_unpackhi_pd(pair, pair)));
}

CSIMD_AVX2 static void spectral_rows_avx2(int n, size_t stride, int row0, int row1,
                                          const double *x, double *y, double *row)
{
    const __m256d growth = _mm256_set1_pd(spectral_step_growth(SPECTRAL_AVX2_BLOCK));

    (void)n;
    for (int r = row0; r < row1; r++) {
        double d0[SPECTRAL_AVX2_BLOCK], step0[SPECTRAL_AVX2_BLOCK];
        __m256d d[SPECTRAL_AVX2_UNROLL], step[SPECTRAL_AVX2_UNROLL];
        __m256d s[SPECTRAL_AVX2_UNROLL];
        __m256d t;

        spectral_row_start(r, SPECTRAL_AVX2_BLOCK, d0, step0);
        for (int u = 0; u < SPECTRAL_AVX2_UNROLL; u++) {
            d[u] = _mm256_loadu_pd(d0 + u * SPECTRAL_AVX2_LANES);
            step[u] = _mm256_loadu_pd(step0 + u * SPECTRAL_AVX2_LANES);
            s[u] = _mm256_setzero_pd();
        }
        for (size_t c = 0; c < stride; c += SPECTRAL_AVX2_BLOCK)
            for (int u = 0; u < SPECTRAL_AVX2_UNROLL; u++) {
                size_t at = c + (size_t)u * SPECTRAL_AVX2_LANES;
                __m256d a = spectral_reciprocal_avx2(d[u]);

                _mm256_store_pd(row + at, a);
                s[u] = _mm256_fmadd_pd(a, _mm256_load_pd(x + at), s[u]);
                d[u] = _mm256_add_pd(d[u], step[u]);
                step[u] = _mm256_add_pd(step[u], growth);
            }
        t = _mm256_set1_pd(spectral_sum_lanes(_mm256_add_pd(s[0], s[1])));
        for (size_t c = 0; c < stride; c += SPECTRAL_AVX2_LANES)
            _mm256_store_pd(y + c, _mm256_fmadd_pd(t, _mm256_load_pd(row + c),
                                                   _mm256_load_pd(y + c)));
    }
}
_Static_assert(SPECTRAL_AVX2_UNROLL == 2, "spectral_rows_avx2 sums two vectors");

/* AVX-512F's own double estimate, _mm512_rcp14_pd, is good to 2^-14:
 * e + e^2 + e^3 leaves e^4, at most 2^-56, one FMA fewer than AVX2's. */
CSIMD_AVX512 static __m512d spectral_reciprocal_avx512(__m512d d)
{
    const __m512d one = _mm512_set1_pd(1.0);
    __m512d x = _mm512_rcp14_pd(d);
    __m512d e = _mm512_fnmadd_pd(d, x, one);
    __m512d series = _mm512_fmadd_pd(_mm512_fmadd_pd(e, e, e), e, e);

    return _mm512_fmadd_pd(x, series, x);
}

/* spectral_rows_avx2, eight doubles a vector. */
CSIMD_AVX512 static void spectral_rows_avx512(int n, size_t stride, int row0, int row1,
                                              const double *x, double *y, double *row)
{
    const __m512d growth = _mm512_set1_pd(spectral_step_growth(SPECTRAL_AVX512_BLOCK));

    (void)n;
    for (int r = row0; r < row1; r++) {
        double d0[SPECTRAL_AVX512_BLOCK], step0[SPECTRAL_AVX512_BLOCK];
        __m512d d[SPECTRAL_AVX512_UNROLL], step[SPECTRAL_AVX512_UNROLL];
        __m512d s[SPECTRAL_AVX512_UNROLL];
        __m512d t;

        spectral_row_start(r, SPECTRAL_AVX512_BLOCK, d0, step0);
        for (int u = 0; u < SPECTRAL_AVX512_UNROLL; u++) {
            d[u] = _mm512_loadu_pd(d0 + u * SPECTRAL_AVX512_LANES);
            step[u] = _mm512_loadu_pd(step0 + u * SPECTRAL_AVX512_LANES);
            s[u] = _mm512_setzero_pd();
        }
        for (size_t c = 0; c < stride; c += SPECTRAL_AVX512_BLOCK)
            for (int u = 0; u < SPECTRAL_AVX512_UNROLL; u++) {
                size_t at = c + (size_t)u * SPECTRAL_AVX512_LANES;
                __m512d a = spectral_reciprocal_avx512(d[u]);

                _mm512_store_pd(row + at, a);
                s[u] = _mm512_fmadd_pd(a, _mm512_load_pd(x + at), s[u]);
                d[u] = _mm512_add_pd(d[u], step[u]);
                step[u] = _mm512_add_pd(step[u], growth);
            }
        t = _mm512_set1_pd(_mm512_reduce_add_pd(
            _mm512_add_pd(_mm512_add_pd(s[0], s[1]), _mm512_add_pd(s[2], s[3]))));
        for (size_t c = 0; c < stride; c += SPECTRAL_AVX512_LANES)
            _mm512_store_pd(y + c, _mm512_fmadd_pd(t, _mm512_load_pd(row + c),
                                                   _mm512_load_pd(y + c)));
    }
}
_Static_assert(SPECTRAL_AVX512_UNROLL == 4, "spectral_rows_avx512 sums four vectors");
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
    double *row = st->rows + (size_t)self->index * st->stride;
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
        st->kernel(st->n, st->stride, (int)row0, (int)row1, x, mine, row);
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
 * SPECTRAL_PAD, so the size is a multiple of the alignment, as
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
    st->stride = ((size_t)n + SPECTRAL_PAD - 1) / SPECTRAL_PAD * SPECTRAL_PAD;
    st->workers = csimd_cores();
    if (st->workers > n)
        st->workers = (int)n;   /* a row at least each */
    st->kernel = spectral_rows_portable;
#if CSIMD_X86
    if (csimd_use_avx512())
        st->kernel = spectral_rows_avx512;
    else if (csimd_use_avx2())
        st->kernel = spectral_rows_avx2;
#endif
    st->u = spectral_alloc(st->stride);
    st->v = spectral_alloc(st->stride);
    st->partial = spectral_alloc((size_t)st->workers * st->stride);
    st->rows = spectral_alloc((size_t)st->workers * st->stride);
    if (st->u == NULL || st->v == NULL || st->partial == NULL || st->rows == NULL) {
        spectral_teardown(st);
        return rung_error_set(err, "out of memory");
    }
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
