/*
 * cpu.h - which kernels this CPU runs: every problem of the c-simd rung has
 * an AVX2 kernel and a portable one, and picks between them at run time,
 * as the engine does (engine/simd.c), so that one build runs on any x86-64
 * (and compiles, portable only, anywhere else):
 *
 *     #if CSIMD_X86
 *     CSIMD_AVX2 static void kernel_avx2(...) { ... _mm256_... }
 *     #endif
 *     static void kernel_portable(...) { ... plain C ... }
 *
 *     st->use_avx2 = csimd_use_avx2();       // in setup()
 *
 * The program itself is compiled for the baseline x86-64 (no -march): only
 * the functions marked CSIMD_AVX2 use AVX2 and FMA instructions, and they
 * are called only when csimd_use_avx2() said so. A problem that gains from
 * AVX-512 (spectral-norm: its reciprocal estimate) also has a kernel marked
 * CSIMD_AVX512, called only when csimd_use_avx512() says so, and keeps its
 * AVX2 one for the CPUs without.
 */
#ifndef LADDER_CSIMD_CPU_H
#define LADDER_CSIMD_CPU_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CSIMD_X86 1
#include <immintrin.h>
/* Marks a kernel compiled for AVX2 and FMA, whatever the build's -march;
 * the static helpers it calls need the mark too (or be always_inline). */
#define CSIMD_AVX2 __attribute__((target("avx2,fma")))
/* The same for a kernel that uses AVX-512F (which has its own FMA). */
#define CSIMD_AVX512 __attribute__((target("avx512f")))
#else
#define CSIMD_X86 0
#endif

/* The environment variable that forces the portable kernels (when set to
 * "1"), to test and time them on a CPU that has AVX2. */
#define CSIMD_PORTABLE_ENV "LADDER_PORTABLE"

/* 1 if the AVX2 kernels may run: an x86-64 build, a CPU with AVX2 and FMA,
 * and LADDER_PORTABLE not "1". Else 0. Cheap (a getenv and a cached cpuid),
 * but meant to be called once, in setup(). */
int csimd_use_avx2(void);

/* The environment variable that keeps the AVX-512 kernels out (when set
 * to "1"), to test and time the AVX2 ones on a CPU that has AVX-512. */
#define CSIMD_NO_AVX512_ENV "LADDER_NO_AVX512"

/* 1 if the AVX-512 kernels may run: csimd_use_avx2() (so LADDER_PORTABLE=1
 * keeps them out too), a CPU and OS with AVX-512F, and LADDER_NO_AVX512
 * not "1". Else 0. Meant to be called once, in setup(). */
int csimd_use_avx512(void);

#endif /* LADDER_CSIMD_CPU_H */
