/*
 * mt19937.c - the Mersenne Twister (Matsumoto and Nishimura's reference
 * algorithm, MT19937 with init_by_array) and CPython's primitives on top of
 * it, as _randommodule.c and random.py define them. See mt19937.h.
 */
#include "gen/mt19937.h"

#include <assert.h>

/* The algorithm's parameters, named as in the reference implementation. */
#define MT_N MT19937_STATE_WORDS
#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfU   /* the twist matrix's last row */
#define MT_UPPER_MASK 0x80000000U /* most significant bit of a word */
#define MT_LOWER_MASK 0x7fffffffU /* the 31 other bits */

/* init_genrand's and init_by_array's multipliers and the seed they start
 * from: constants of the reference code, not tunables. */
#define MT_INIT_MULT 1812433253U
#define MT_ARRAY_MULT1 1664525U
#define MT_ARRAY_MULT2 1566083941U
#define MT_ARRAY_SEED 19650218U

/* The tempering transform's masks. */
#define MT_TEMPER_B 0x9d2c5680U
#define MT_TEMPER_C 0xefc60000U

#define WORD_BITS 32

/* random()'s construction: 27 + 26 = 53 bits, a / 2**26 scale and 2**53. */
#define RANDOM_HIGH_SHIFT 5              /* keep 27 bits of the first draw */
#define RANDOM_LOW_SHIFT 6               /* keep 26 bits of the second */
#define RANDOM_HIGH_SCALE 67108864.0     /* 2**26 */
#define RANDOM_DENOMINATOR 9007199254740992.0 /* 2**53 */

static void mt_init_genrand(mt19937 *mt, uint32_t seed)
{
    mt->state[0] = seed;
    for (int i = 1; i < MT_N; i++) {
        uint32_t prev = mt->state[i - 1];
        mt->state[i] = MT_INIT_MULT * (prev ^ (prev >> 30)) + (uint32_t)i;
    }
    mt->index = MT_N;
}

void mt19937_seed_array(mt19937 *mt, const uint32_t *key, size_t key_length)
{
    assert(key_length >= 1);
    mt_init_genrand(mt, MT_ARRAY_SEED);

    /* Mixes the key into the state: first max(N, key_length) steps, then
     * N - 1 more, as the reference code does. */
    size_t i = 1, j = 0;
    size_t k = key_length > MT_N ? key_length : MT_N;
    for (; k > 0; k--) {
        uint32_t prev = mt->state[i - 1];
        mt->state[i] = (mt->state[i] ^ ((prev ^ (prev >> 30)) * MT_ARRAY_MULT1))
                       + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) {
            mt->state[0] = mt->state[MT_N - 1];
            i = 1;
        }
        if (j >= key_length)
            j = 0;
    }
    for (k = MT_N - 1; k > 0; k--) {
        uint32_t prev = mt->state[i - 1];
        mt->state[i] = (mt->state[i] ^ ((prev ^ (prev >> 30)) * MT_ARRAY_MULT2))
                       - (uint32_t)i;
        i++;
        if (i >= MT_N) {
            mt->state[0] = mt->state[MT_N - 1];
            i = 1;
        }
    }
    mt->state[0] = MT_UPPER_MASK; /* non-zero initial state is assured */
    mt->index = MT_N;
}

void mt19937_seed(mt19937 *mt, uint64_t seed)
{
    /* CPython's random_seed(): the absolute value's 32-bit words, least
     * significant first, as few as hold it (at least one, so 0 is [0]). */
    uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> WORD_BITS)};
    mt19937_seed_array(mt, key, key[1] != 0 ? 2 : 1);
}

/* Regenerates all MT_N words of state at once (the reference "twist"). */
static void mt_twist(mt19937 *mt)
{
    static const uint32_t mag01[2] = {0, MT_MATRIX_A};
    uint32_t *s = mt->state;
    int i = 0;
    for (; i < MT_N - MT_M; i++) {
        uint32_t y = (s[i] & MT_UPPER_MASK) | (s[i + 1] & MT_LOWER_MASK);
        s[i] = s[i + MT_M] ^ (y >> 1) ^ mag01[y & 1];
    }
    for (; i < MT_N - 1; i++) {
        uint32_t y = (s[i] & MT_UPPER_MASK) | (s[i + 1] & MT_LOWER_MASK);
        s[i] = s[i + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1];
    }
    uint32_t y = (s[MT_N - 1] & MT_UPPER_MASK) | (s[0] & MT_LOWER_MASK);
    s[MT_N - 1] = s[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1];
    mt->index = 0;
}

uint32_t mt19937_next32(mt19937 *mt)
{
    if (mt->index >= MT_N)
        mt_twist(mt);
    uint32_t y = mt->state[mt->index++];
    y ^= y >> 11;
    y ^= (y << 7) & MT_TEMPER_B;
    y ^= (y << 15) & MT_TEMPER_C;
    y ^= y >> 18;
    return y;
}

uint32_t mt19937_getrandbits(mt19937 *mt, int k)
{
    assert(k >= 1 && k <= WORD_BITS);
    return mt19937_next32(mt) >> (WORD_BITS - k);
}

/* Python's int.bit_length() for a non-zero 32-bit value. */
static int bit_length32(uint32_t n)
{
#if defined(__GNUC__)
    return WORD_BITS - __builtin_clz(n);
#else
    int bits = 0;
    while (n != 0) {
        bits++;
        n >>= 1;
    }
    return bits;
#endif
}

uint32_t mt19937_randbelow(mt19937 *mt, uint32_t n)
{
    assert(n >= 1);
    int k = bit_length32(n);
    uint32_t r = mt19937_getrandbits(mt, k);
    while (r >= n)
        r = mt19937_getrandbits(mt, k);
    return r;
}

int64_t mt19937_randint(mt19937 *mt, int64_t a, int64_t b)
{
    assert(a <= b && (uint64_t)b - (uint64_t)a < UINT32_MAX);
    uint32_t width = (uint32_t)((uint64_t)b - (uint64_t)a) + 1;
    return a + (int64_t)mt19937_randbelow(mt, width);
}

double mt19937_random(mt19937 *mt)
{
    /* Two separate statements: C leaves the order of evaluation of the
     * operands of + unspecified, and CPython draws a first. */
    uint32_t a = mt19937_next32(mt) >> RANDOM_HIGH_SHIFT;
    uint32_t b = mt19937_next32(mt) >> RANDOM_LOW_SHIFT;
    return (a * RANDOM_HIGH_SCALE + b) / RANDOM_DENOMINATOR;
}

double mt19937_uniform(mt19937 *mt, double a, double b)
{
    /* Two roundings, like Python's a + (b - a) * random(): a fused
     * multiply-add would round once and could change the last bit. ISO C
     * allows contraction only within one expression, so the product gets a
     * statement of its own (and -std=c11 makes GCC contract nothing). */
    double scaled = (b - a) * mt19937_random(mt);
    return a + scaled;
}
