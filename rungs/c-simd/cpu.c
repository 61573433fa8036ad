/*
 * cpu.c - the run-time choice of kernels (cpu.h).
 */
#include "rungs/c-simd/cpu.h"

#include <stdlib.h>
#include <string.h>

int csimd_use_avx2(void)
{
    const char *portable = getenv(CSIMD_PORTABLE_ENV);

    if (portable != NULL && strcmp(portable, "1") == 0)
        return 0;
#if CSIMD_X86
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

int csimd_use_avx512(void)
{
    const char *no_avx512 = getenv(CSIMD_NO_AVX512_ENV);

    if (!csimd_use_avx2() || (no_avx512 != NULL && strcmp(no_avx512, "1") == 0))
        return 0;
#if CSIMD_X86
    /* libgcc's check includes the OS's: XGETBV says it saves the zmm state. */
    return __builtin_cpu_supports("avx512f");
#else
    return 0;
#endif
}
