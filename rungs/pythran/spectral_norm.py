"""spectral-norm for Pythran: the Benchmarks Game's loops on NumPy vectors, compiled ahead of time.

A is never stored: eval_a computes each entry where it is needed, and the
products A.u and At.u are two plain loops, which Pythran compiles to C++
(build.py: pythran -O3 -march=native, no -ffast-math, so every sum runs in
index order and the result matches the reference digit for digit). The
vectors are NumPy arrays; the whole power iteration is one compiled call,
single-threaded (no OpenMP), as the c rung runs.

The file is also plain Python; the export line is Pythran's signature of
the function Python calls. Annotations that name NumPy types are strings:
Pythran reads annotations as its own type declarations and knows no
numpy.typing, and leaves a string alone (mypy still checks it).
"""
from __future__ import annotations

from math import sqrt

import numpy as np

#pythran export spectral_norm(int)

ROUNDS = 10


def eval_a(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def a_times_u(u: "np.typing.NDArray[np.float64]", au: "np.typing.NDArray[np.float64]") -> None:
    n = len(u)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(i, j) * u[j]
        au[i] = total


def at_times_u(u: "np.typing.NDArray[np.float64]", atu: "np.typing.NDArray[np.float64]") -> None:
    n = len(u)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(j, i) * u[j]
        atu[i] = total


def spectral_norm(n: int) -> float:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    u = np.ones(n)
    v = np.empty(n)
    scratch = np.empty(n)
    for _ in range(ROUNDS):
        a_times_u(u, scratch)
        at_times_u(scratch, v)
        a_times_u(v, scratch)
        at_times_u(scratch, u)
    return sqrt(np.sum(u * v) / np.sum(v * v))
