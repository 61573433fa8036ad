"""mandelbrot (shared/spec/problems.md): the c rung's kernel, called through
ctypes.

kernels_mandelbrot() of libkernels.so (mandelbrot_compute() of
rungs/c/mandelbrot_kernel.h, exported by kernels.c) writes the whole bitmap
in one call, without the GIL, into a ctypes array that Python allocates
and hands back as it is (it has the buffer protocol: no copy).
"""
from __future__ import annotations

import ctypes

from library import LIBRARY, int_constant

MIN_N = int_constant("kernels_mandelbrot_min_n")
MAX_N = int_constant("kernels_mandelbrot_max_n")
# Pixels per byte: a row is (n + LANES - 1) // LANES bytes.
LANES = int_constant("kernels_mandelbrot_lanes")

_compute = LIBRARY.kernels_mandelbrot
_compute.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_ubyte)]
_compute.restype = None


def mandelbrot(n: int) -> ctypes.Array[ctypes.c_ubyte]:
    if not MIN_N <= n <= MAX_N:
        raise ValueError(f"n must be from {MIN_N} to {MAX_N}, not {n}")
    rows = (ctypes.c_ubyte * (n * ((n + LANES - 1) // LANES)))()
    _compute(n, rows)
    return rows
