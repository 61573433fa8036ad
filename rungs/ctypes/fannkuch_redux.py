"""fannkuch-redux (shared/spec/problems.md): the c rung's kernel, called
through ctypes.

kernels_fannkuch_redux() of libkernels.so (fannkuch_compute() of
rungs/c/fannkuch_redux_kernel.h, exported by kernels.c) runs every
permutation in one call, without the GIL. Its arrays are sized by the
largest n, so n is checked here before C sees it.
"""
from __future__ import annotations

import ctypes

from library import LIBRARY, int_constant

MIN_N = int_constant("kernels_fannkuch_redux_min_n")
MAX_N = int_constant("kernels_fannkuch_redux_max_n")

_compute = LIBRARY.kernels_fannkuch_redux
_compute.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_longlong),
                     ctypes.POINTER(ctypes.c_int)]
_compute.restype = None


def fannkuch_redux(n: int) -> tuple[int, int]:
    if not MIN_N <= n <= MAX_N:
        raise ValueError(f"n must be from {MIN_N} to {MAX_N}, not {n}")
    checksum = ctypes.c_longlong()
    max_flips = ctypes.c_int()
    _compute(n, ctypes.byref(checksum), ctypes.byref(max_flips))
    return checksum.value, max_flips.value
