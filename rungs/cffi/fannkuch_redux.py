"""fannkuch-redux (shared/spec/problems.md): the c rung's kernel, called
through cffi.

fannkuch_compute() of rungs/c/fannkuch_redux_kernel.h, compiled into the
extension module _fannkuch_redux by build.py (cffi's API mode), runs every
permutation in one call, without the GIL. Its arrays are sized by
FANNKUCH_MAX_N, so n is checked here before C sees it.
"""
from __future__ import annotations

# Built by build.py into the build folder, which rung.conf's run line puts
# on PYTHONPATH; no type information: ffi and lib are Any to mypy.
from _fannkuch_redux import ffi, lib  # type: ignore[import-not-found, unused-ignore]


def fannkuch_redux(n: int) -> tuple[int, int]:
    if not lib.FANNKUCH_MIN_N <= n <= lib.FANNKUCH_MAX_N:
        raise ValueError(f"n must be from {lib.FANNKUCH_MIN_N} to {lib.FANNKUCH_MAX_N}, not {n}")
    checksum = ffi.new("long long *")
    max_flips = ffi.new("int *")
    lib.fannkuch_compute(n, checksum, max_flips)
    return int(checksum[0]), int(max_flips[0])
