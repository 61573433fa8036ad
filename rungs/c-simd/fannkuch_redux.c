/*
 * fannkuch_redux.c - the Benchmarks Game's fannkuch-redux with threads and
 * byte shuffles, as its fastest programs compute it: the n! permutations
 * cut into blocks of consecutive indices, each worker taking the next block
 * and starting at its first permutation decoded from the index, and a
 * permutation held in one 16-byte vector, so that a flip (reversing a
 * prefix) and the step to the next permutation (rotating a prefix) are
 * each one byte shuffle. Problem: shared/spec/problems.md.
 *
 * Argument: n. Output: the checksum, then "Pfannkuchen(<n>) = <maxflips>".
 *
 * The order is the "count" algorithm's: permutation p is reached by the
 * rotations its factorial-base digits count (fannkuch_decode), so a block
 * starting at any index continues exactly as one sequential pass would.
 * Each permutation's sign comes from its own index's parity, and the
 * workers' sums and maxima are combined after the team has finished: the
 * output does not depend on the number of threads or on timing.
 *
 * The portable kernel (LADDER_PORTABLE=1 or a CPU without AVX2) is the same
 * walk on a byte array, flipping with a swap loop.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c-simd/cpu.h"
#include "rungs/c-simd/team.h"

/* The sizes problems/fannkuch-redux/problem.conf accepts; 16 is also the
 * most that fit one 16-byte vector. */
#define FANNKUCH_MIN_N 1
#define FANNKUCH_MAX_N 16
/* Blocks per run: far more than the cores, so that they finish together,
 * and at n = 10 still thousands of permutations each (a block's start
 * costs an O(n^2) decode). Fewer when n! is smaller. */
#define FANNKUCH_BLOCKS 512

/* One worker's share of the answer. */
typedef struct fannkuch_result {
    long long checksum;
    int max_flips;
} fannkuch_result;

typedef struct fannkuch_state fannkuch_state;

/* Takes blocks until none is left; stores their permutations' tally in
 * *out (kept in a local until then: the workers' slots share cache
 * lines). */
typedef void (*fannkuch_worker_fn)(fannkuch_state *st, fannkuch_result *out);

struct fannkuch_state {
    int n;
    long long permutations;   /* n! */
    long long block_size;
    fannkuch_worker_fn worker;
    atomic_llong next_block;
    fannkuch_result results[CSIMD_MAX_WORKERS];   /* one per team member */
    fannkuch_result answer;                       /* the last run's */
};

/* The first permutation of the next block nobody has taken: its index, or
 * -1 when all are taken; *end is one past the block's last index. */
static long long fannkuch_take_block(fannkuch_state *st, long long *end)
{
    long long block = atomic_fetch_add_explicit(&st->next_block, 1, memory_order_relaxed);
    long long first;

    if (block >= (st->permutations + st->block_size - 1) / st->block_size)
        return -1;
    first = block * st->block_size;
    *end = first + st->block_size < st->permutations ? first + st->block_size
                                                     : st->permutations;
    return first;
}

/* Permutation number `index` of the count order, and its counters. The
 * count algorithm rotates the prefix [0..i] left by one when the counters
 * below i wrap, and count[i] (0..i) is how many times it has since the
 * last wrap of i itself: the digits of the index in the factorial base
 * (index = sum of count[i] * i!). Full cycles of the lower prefixes leave
 * them as they were, so the permutation is the identity with each prefix
 * rotated by its digit, the longest first. */
static void fannkuch_decode(int n, long long index, uint8_t perm[FANNKUCH_MAX_N],
                            uint8_t count[FANNKUCH_MAX_N])
{
    long long factorial[FANNKUCH_MAX_N];

    factorial[0] = 1;
    for (int i = 1; i < n; i++)
        factorial[i] = factorial[i - 1] * i;
    memset(perm, 0, FANNKUCH_MAX_N);
    memset(count, 0, FANNKUCH_MAX_N);
    for (int i = 0; i < n; i++)
        perm[i] = (uint8_t)i;
    for (int i = n - 1; i > 0; i--) {
        uint8_t rotated[FANNKUCH_MAX_N];
        int digit = (int)(index / factorial[i]);

        index %= factorial[i];
        count[i] = (uint8_t)digit;
        for (int j = 0; j <= i; j++)
            rotated[j] = perm[(j + digit) % (i + 1)];
        memcpy(perm, rotated, (size_t)i + 1);
    }
}

/* Adds a permutation's flips into *out, with the sign of its index. */
static void fannkuch_tally(fannkuch_result *out, long long index, int flips)
{
    out->checksum += index % 2 == 0 ? flips : -flips;
    if (flips > out->max_flips)
        out->max_flips = flips;
}

static void fannkuch_worker_portable(fannkuch_state *st, fannkuch_result *out)
{
    uint8_t perm[FANNKUCH_MAX_N], count[FANNKUCH_MAX_N];
    fannkuch_result mine = {0, 0};
    long long index, end;

    while ((index = fannkuch_take_block(st, &end)) >= 0) {
        fannkuch_decode(st->n, index, perm, count);
        for (;;) {
            uint8_t flipped[FANNKUCH_MAX_N];
            int flips = 0, first;

            memcpy(flipped, perm, sizeof flipped);   /* a constant size: two moves */
            while ((first = flipped[0]) != 0) {
                for (int i = 0, j = first; i < j; i++, j--) {
                    uint8_t t = flipped[i];
                    flipped[i] = flipped[j];
                    flipped[j] = t;
                }
                flips++;
            }
            fannkuch_tally(&mine, index, flips);
            if (++index == end)
                break;
            /* The next permutation: rotate [0..i] left by one for the
             * shortest prefix whose counter does not wrap. */
            for (int i = 1;; i++) {
                uint8_t head = perm[0];
                for (int j = 0; j < i; j++)
                    perm[j] = perm[j + 1];
                perm[i] = head;
                if (++count[i] <= i)
                    break;
                count[i] = 0;
            }
        }
    }
    *out = mine;
}

#if CSIMD_X86
/* Bytes per shuffle vector. */
#define FANNKUCH_LANES 16

/* rotate[i] rotates bytes 0..i left by one and keeps the others in place,
 * as an _mm_shuffle_epi8 control: byte j of the result is byte control[j]
 * of the input. */
CSIMD_AVX2 static void fannkuch_rotations(__m128i rotate[FANNKUCH_LANES])
{
    for (int i = 0; i < FANNKUCH_LANES; i++) {
        uint8_t control[FANNKUCH_LANES];
        for (int j = 0; j < FANNKUCH_LANES; j++)
            control[j] = (uint8_t)(j < i ? j + 1 : j == i ? 0 : j);
        rotate[i] = _mm_loadu_si128((const __m128i *)(const void *)control);
    }
}

/* The flips that bring perm's first byte to 0. The control that reverses
 * bytes 0..k is made from k in the vector unit (k - j up to k, then j)
 * rather than loaded from a table by k: a table needs k moved out to an
 * integer register and back, which doubled the latency of each flip, and
 * the flips of one permutation are a chain. */
CSIMD_AVX2 static int fannkuch_flips_avx2(__m128i perm)
{
    const __m128i iota = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const __m128i zero = _mm_setzero_si128();
    __m128i first = _mm_shuffle_epi8(perm, zero);   /* perm[0] in every byte */
    int flips = 0;

    while (!_mm_testz_si128(first, first)) {
        __m128i past = _mm_cmpgt_epi8(iota, first);
        __m128i control = _mm_blendv_epi8(_mm_sub_epi8(first, iota), iota, past);
        perm = _mm_shuffle_epi8(perm, control);
        first = _mm_shuffle_epi8(perm, zero);
        flips++;
    }
    return flips;
}

CSIMD_AVX2 static void fannkuch_worker_avx2(fannkuch_state *st, fannkuch_result *out)
{
    __m128i rotate[FANNKUCH_LANES];
    uint8_t bytes[FANNKUCH_MAX_N], count[FANNKUCH_MAX_N];
    fannkuch_result mine = {0, 0};
    long long index, end;

    fannkuch_rotations(rotate);
    while ((index = fannkuch_take_block(st, &end)) >= 0) {
        __m128i perm;

        fannkuch_decode(st->n, index, bytes, count);
        perm = _mm_loadu_si128((const __m128i *)(const void *)bytes);
        for (;;) {
            fannkuch_tally(&mine, index, fannkuch_flips_avx2(perm));
            if (++index == end)
                break;
            for (int i = 1;; i++) {
                perm = _mm_shuffle_epi8(perm, rotate[i]);
                if (++count[i] <= i)
                    break;
                count[i] = 0;
            }
        }
    }
    *out = mine;
}
#endif

static void fannkuch_task(void *ctx, const csimd_worker *self)
{
    fannkuch_state *st = ctx;

    st->worker(st, &st->results[self->index]);
}

static int fannkuch_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    fannkuch_state *st;

    if (rung_parse_size(arg, FANNKUCH_MIN_N, FANNKUCH_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->n = (int)n;
    st->permutations = 1;
    for (int i = 2; i <= n; i++)
        st->permutations *= i;
    st->block_size = (st->permutations + FANNKUCH_BLOCKS - 1) / FANNKUCH_BLOCKS;
    st->worker = fannkuch_worker_portable;
#if CSIMD_X86
    if (csimd_use_avx2())
        st->worker = fannkuch_worker_avx2;
#endif
    *state = st;
    return 0;
}

static int fannkuch_run(void *state, rung_error *err)
{
    fannkuch_state *st = state;

    memset(st->results, 0, sizeof st->results);
    atomic_store(&st->next_block, 0);
    if (csimd_team_run(csimd_cores(), fannkuch_task, st, err) != 0)
        return -1;
    st->answer = (fannkuch_result){0, 0};
    for (int w = 0; w < CSIMD_MAX_WORKERS; w++) {
        st->answer.checksum += st->results[w].checksum;
        if (st->results[w].max_flips > st->answer.max_flips)
            st->answer.max_flips = st->results[w].max_flips;
    }
    return 0;
}

static int fannkuch_write(void *state, FILE *out, rung_error *err)
{
    const fannkuch_state *st = state;

    (void)err;
    fprintf(out, "%lld\nPfannkuchen(%d) = %d\n", st->answer.checksum, st->n,
            st->answer.max_flips);
    return 0;
}

static void fannkuch_teardown(void *state)
{
    free(state);
}

RUNG_PROBLEM(fannkuch_redux, "fannkuch-redux", fannkuch_setup, fannkuch_run, fannkuch_write,
             fannkuch_teardown);
