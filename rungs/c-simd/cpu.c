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
