"""binary-trees (shared/spec/problems.md): the c rung's kernel, called
through ctypes.

kernels_binary_trees() of libkernels.so (binary_trees_compute() of
rungs/c/binary_trees_kernel.h, exported by kernels.c) builds, walks and
frees every tree in one call, without the GIL, and fills a ctypes array
with the counts, which Python reads back as ints.
"""
from __future__ import annotations

import ctypes

from library import LIBRARY, int_constant

MIN_N = int_constant("kernels_binary_trees_min_n")
MAX_N = int_constant("kernels_binary_trees_max_n")
MAX_CHECKS = int_constant("kernels_binary_trees_max_checks")

_compute = LIBRARY.kernels_binary_trees
_compute.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_longlong),
                     ctypes.POINTER(ctypes.c_size_t)]
_compute.restype = ctypes.c_int


def binary_trees(n: int) -> list[int]:
    if not MIN_N <= n <= MAX_N:
        raise ValueError(f"n must be from {MIN_N} to {MAX_N}, not {n}")
    checks = (ctypes.c_longlong * MAX_CHECKS)()
    count = ctypes.c_size_t()
    if _compute(n, checks, ctypes.byref(count)) != 0:
        raise MemoryError("binary_trees: out of memory")
    return checks[:count.value]
