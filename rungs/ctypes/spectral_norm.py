"""spectral-norm (shared/spec/problems.md): the c rung's kernel, called
through ctypes.

kernels_spectral_norm() of libkernels.so (spectral_compute() of
rungs/c/spectral_norm_kernel.h, exported by kernels.c) does all the work in
one call, without the GIL; Python allocates its three vectors as ctypes
arrays of doubles.
"""
from __future__ import annotations

import ctypes

from library import LIBRARY, int_constant

MAX_N = int_constant("kernels_spectral_norm_max_n")

_compute = LIBRARY.kernels_spectral_norm
_compute.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_double),
                     ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double)]
_compute.restype = ctypes.c_double


def spectral_norm(n: int) -> float:
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n must be from 1 to {MAX_N}, not {n}")
    vector = ctypes.c_double * n
    norm: float = _compute(n, vector(), vector(), vector())
    return norm
