/*
 * simd.c - the string-byte finders of simd.h.
 */
#include "engine/simd.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SIMD_X86 1
#include <immintrin.h>
#else
#define SIMD_X86 0
#endif

/* Bytes per step of each finder. */
enum { SIMD_AVX2_STEP = 32, SIMD_SWAR_STEP = 8 };

/* The smallest byte that is not a control character. */
#define SIMD_FIRST_PRINTABLE 0x20

static int simd_is_special(uint8_t c)
{
    return c == '"' || c == '\\' || c < SIMD_FIRST_PRINTABLE || c >= 0x80;
}

/* SWAR constants: the byte b repeated in all 8 lanes. */
#define SIMD_REPEAT(b) ((uint64_t)0x0101010101010101ULL * (uint8_t)(b))
#define SIMD_HIGH_BITS SIMD_REPEAT(0x80)

/* High bit set in each lane of x that is zero. Lanes above a zero lane may
 * be flagged falsely (borrows), never lanes below it, so the lowest flag is
 * exact: that is all the finder needs. */
static uint64_t simd_zero_lanes(uint64_t x)
{
    return (x - SIMD_REPEAT(1)) & ~x & SIMD_HIGH_BITS;
}

const uint8_t *simd_find_portable(const uint8_t *p, const uint8_t *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    while (end - p >= SIMD_SWAR_STEP) {
        uint64_t x;
        memcpy(&x, p, sizeof x);
        uint64_t hit = simd_zero_lanes(x ^ SIMD_REPEAT('"'))
                     | simd_zero_lanes(x ^ SIMD_REPEAT('\\'))
                     /* lanes below 0x20, same borrow caveat as above */
                     | ((x - SIMD_REPEAT(SIMD_FIRST_PRINTABLE)) & ~x & SIMD_HIGH_BITS)
                     | (x & SIMD_HIGH_BITS);
        if (hit != 0)
            return p + (__builtin_ctzll(hit) >> 3);
        p += SIMD_SWAR_STEP;
    }
#endif
    while (p < end && !simd_is_special(*p))
        p++;
    return p;
}

#if SIMD_X86
__attribute__((target("avx2")))
static const uint8_t *simd_find_avx2_impl(const uint8_t *p, const uint8_t *end)
{
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i last_control = _mm256_set1_epi8(SIMD_FIRST_PRINTABLE - 1);
    while (end - p >= SIMD_AVX2_STEP) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
        /* max(v, 0x1f) == 0x1f exactly when v <= 0x1f, unsigned */
        __m256i control = _mm256_cmpeq_epi8(_mm256_max_epu8(v, last_control),
                                            last_control);
        __m256i hit = _mm256_or_si256(
            _mm256_or_si256(_mm256_cmpeq_epi8(v, quote),
                            _mm256_cmpeq_epi8(v, backslash)),
            _mm256_or_si256(control, v));   /* v: bytes >= 0x80 */
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(hit);
        if (mask != 0)
            return p + __builtin_ctz(mask);
        p += SIMD_AVX2_STEP;
    }
    return simd_find_portable(p, end);
}

const simd_find_fn simd_find_avx2 = simd_find_avx2_impl;

int simd_have_avx2(void)
{
    return __builtin_cpu_supports("avx2");
}
#else
const simd_find_fn simd_find_avx2 = NULL;

int simd_have_avx2(void)
{
    return 0;
}
#endif

simd_find_fn simd_pick(int portable)
{
    const char *env = getenv("PIPELINE_PORTABLE");
    if (env != NULL && env[0] == '1')
        portable = 1;
    if (!portable && simd_find_avx2 != NULL && simd_have_avx2())
        return simd_find_avx2;
    return simd_find_portable;
}
