"""Loads the ctypes rung's shared library, libkernels.so, once for every
problem's module.

The library (rungs/ctypes/kernels.c and the engine, built by the rung's
Makefile) is found by the path in the environment variable
LADDER_CTYPES_LIBRARY, which the rung's `run` line sets to the build
folder's copy: the build folder belongs to the harness, not to this one.
Each problem's module declares the argument and result types of the
functions it calls: ctypes cannot read them from the library, and without
them it would pass every int as a C int and read every result as one.
"""
from __future__ import annotations

import ctypes
import os

LIBRARY_VARIABLE = "LADDER_CTYPES_LIBRARY"


def _load() -> ctypes.CDLL:
    path = os.environ.get(LIBRARY_VARIABLE)
    if not path:
        raise ImportError(f"{LIBRARY_VARIABLE} is not set: it names libkernels.so, which "
                          "rungs/ctypes/Makefile builds (rungs/ctypes/rung.conf sets both)")
    return ctypes.CDLL(path)


LIBRARY = _load()


def int_constant(name: str) -> int:
    """An `int` the library exports as data (kernels.c), e.g. a size limit."""
    return ctypes.c_int.in_dll(LIBRARY, name).value


def size_constant(name: str) -> int:
    """A `size_t` the library exports as data (kernels.c)."""
    return ctypes.c_size_t.in_dll(LIBRARY, name).value
