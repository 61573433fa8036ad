"""n-body (shared/spec/problems.md): the c rung's kernel, called through ctypes.

The whole integration is one C call, kernels_nbody() of libkernels.so
(nbody_simulate() of rungs/c/nbody_kernel.h, exported by kernels.c); ctypes
releases the GIL around it. Python's part is the declaration, two output
cells and the call.
"""
from __future__ import annotations

import ctypes

from library import LIBRARY

_simulate = LIBRARY.kernels_nbody
_simulate.argtypes = [ctypes.c_longlong, ctypes.POINTER(ctypes.c_double),
                      ctypes.POINTER(ctypes.c_double)]
_simulate.restype = None


def nbody(steps: int) -> tuple[float, float]:
    if steps < 0:
        raise ValueError("steps must not be negative")
    before = ctypes.c_double()
    after = ctypes.c_double()
    _simulate(steps, ctypes.byref(before), ctypes.byref(after))
    return before.value, after.value
