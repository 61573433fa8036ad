"""spectral-norm (shared/spec/problems.md): the c rung's kernel, called
through cffi.

spectral_compute() of rungs/c/spectral_norm_kernel.h, compiled into the
extension module _spectral_norm by build.py (cffi's API mode), does all the
work in one call, without the GIL; Python allocates its three vectors as
C arrays (cffi owns and frees them).
"""
from __future__ import annotations

# Built by build.py into the build folder, which rung.conf's run line puts
# on PYTHONPATH; no type information: ffi and lib are Any to mypy.
from _spectral_norm import ffi, lib  # type: ignore[import-not-found, unused-ignore]


def spectral_norm(n: int) -> float:
    if not 1 <= n <= lib.SPECTRAL_MAX_N:
        raise ValueError(f"n must be from 1 to {lib.SPECTRAL_MAX_N}, not {n}")
    u = ffi.new("double[]", n)
    v = ffi.new("double[]", n)
    tmp = ffi.new("double[]", n)
    return float(lib.spectral_compute(n, u, v, tmp))
