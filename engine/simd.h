/*
 * simd.h - finding the next byte inside a JSON string that needs attention.
 *
 * Inside a string the scanner only has to stop at '"' (the end), '\\' (an
 * escape), a byte below 0x20 (a control character, an error) or a byte of
 * 0x80 and above (UTF-8 to validate). Everything else is copied or skipped
 * in bulk. Two implementations of the same contract:
 *
 *     simd_find_fn find = simd_pick(portable);
 *     p = find(p, end);          // p <= result <= end
 *
 * The AVX2 one runs 32 bytes a step; the portable one 8 bytes a step in
 * plain C (SWAR). Neither reads at or past end: tails shorter than a step
 * are done a byte at a time. simd_pick() chooses at run time, so the engine
 * is built for any x86-64 (and any other CPU) and still uses AVX2 where the
 * CPU has it.
 */
#ifndef LADDER_ENGINE_SIMD_H
#define LADDER_ENGINE_SIMD_H

#include <stdint.h>

/* Returns the first byte in [p, end) that is '"', '\\', < 0x20 or >= 0x80,
 * or end if there is none. */
typedef const uint8_t *(*simd_find_fn)(const uint8_t *p, const uint8_t *end);

/* The AVX2 finder when the CPU supports AVX2 and portable is 0, else the
 * portable one. Also honours the environment variable PIPELINE_PORTABLE=1. */
simd_find_fn simd_pick(int portable);

/* Both finders, for the tests. simd_find_avx2 is NULL where the compiler
 * cannot target AVX2; call it only when simd_have_avx2() says 1. */
const uint8_t *simd_find_portable(const uint8_t *p, const uint8_t *end);
extern const simd_find_fn simd_find_avx2;

/* 1 if the AVX2 finder can run here. */
int simd_have_avx2(void);

#endif /* LADDER_ENGINE_SIMD_H */
