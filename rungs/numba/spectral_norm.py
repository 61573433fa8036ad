"""spectral-norm with Numba: the Benchmarks Game's loops, @njit on NumPy vectors.

A is never stored: eval_a computes each entry where it is needed, and the
products A.u and At.u are two plain loops, compiled by Numba
(single-threaded, as the c rung runs; no fastmath, so every sum runs in
index order and the result matches the reference digit for digit). The
vectors are NumPy arrays, and the whole power iteration is one jitted call.

The first call compiles the four functions (seconds, on a busy machine):
that is the rung's cold iteration.
"""
from __future__ import annotations

import math
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from typed_jit import njit

Vector: TypeAlias = npt.NDArray[np.float64]

ROUNDS = 10


@njit
def eval_a(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


@njit
def a_times_u(u: Vector, au: Vector) -> None:
    n = len(u)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(i, j) * u[j]
        au[i] = total


@njit
def at_times_u(u: Vector, atu: Vector) -> None:
    n = len(u)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(j, i) * u[j]
        atu[i] = total


@njit
def power_iteration(n: int) -> float:
    u = np.ones(n)
    v = np.empty(n)
    scratch = np.empty(n)
    for _ in range(ROUNDS):
        a_times_u(u, scratch)
        at_times_u(scratch, v)
        a_times_u(v, scratch)
        at_times_u(scratch, u)
    vbv = vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


def spectral_norm(n: int) -> float:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    return power_iteration(n)
