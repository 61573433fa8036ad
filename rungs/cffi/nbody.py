"""n-body (shared/spec/problems.md): the c rung's kernel, called through cffi.

The whole integration is one C call, nbody_simulate() of
rungs/c/nbody_kernel.h, compiled into the extension module _nbody by
build.py (cffi's API mode); cffi releases the GIL around it. Python's part
is two output cells and the call.
"""
from __future__ import annotations

# Built by build.py into the build folder, which rung.conf's run line puts
# on PYTHONPATH; no type information: ffi and lib are Any to mypy.
from _nbody import ffi, lib  # type: ignore[import-not-found, unused-ignore]


def nbody(steps: int) -> tuple[float, float]:
    if steps < 0:
        raise ValueError("steps must not be negative")
    before = ffi.new("double *")
    after = ffi.new("double *")
    lib.nbody_simulate(steps, before, after)
    return float(before[0]), float(after[0])
