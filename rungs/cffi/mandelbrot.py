"""mandelbrot (shared/spec/problems.md): the c rung's kernel, called through
cffi.

mandelbrot_compute() of rungs/c/mandelbrot_kernel.h, compiled into the
extension module _mandelbrot by build.py (cffi's API mode), writes the
whole bitmap in one call, without the GIL, into a C array that Python
allocates and hands back as a buffer (no copy).
"""
from __future__ import annotations

# Built by build.py into the build folder, which rung.conf's run line puts
# on PYTHONPATH; no type information: ffi and lib are Any to mypy.
from _mandelbrot import ffi, lib  # type: ignore[import-not-found, unused-ignore]


def mandelbrot(n: int) -> memoryview:
    if not lib.MANDELBROT_MIN_N <= n <= lib.MANDELBROT_MAX_N:
        raise ValueError(
            f"n must be from {lib.MANDELBROT_MIN_N} to {lib.MANDELBROT_MAX_N}, not {n}")
    row_bytes = (n + lib.MANDELBROT_LANES - 1) // lib.MANDELBROT_LANES
    rows = ffi.new("unsigned char[]", n * row_bytes)
    lib.mandelbrot_compute(n, rows)
    return memoryview(ffi.buffer(rows))
