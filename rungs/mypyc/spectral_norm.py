"""spectral-norm for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/spectral_norm.py) with a declared type on
every local, so that mypyc computes eval_A in C integers and doubles and
the partial sums stay unboxed. Compiled by mypyc's mypycify
(rungs/mypyc/build.py); it still runs as plain Python.
"""
from __future__ import annotations

from math import sqrt

ROUNDS = 10


def eval_A(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def eval_A_times_u(u: list[float]) -> list[float]:
    result: list[float] = []
    i: int
    j: int
    u_j: float
    partial_sum: float
    for i in range(len(u)):
        partial_sum = 0.0
        for j, u_j in enumerate(u):
            partial_sum += eval_A(i, j) * u_j
        result.append(partial_sum)
    return result


def eval_At_times_u(u: list[float]) -> list[float]:
    result: list[float] = []
    i: int
    j: int
    u_j: float
    partial_sum: float
    for i in range(len(u)):
        partial_sum = 0.0
        for j, u_j in enumerate(u):
            partial_sum += eval_A(j, i) * u_j
        result.append(partial_sum)
    return result


def eval_AtA_times_u(u: list[float]) -> list[float]:
    return eval_At_times_u(eval_A_times_u(u))


def spectral_norm(n: int) -> float:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    u: list[float] = [1.0] * n
    v: list[float] = u
    ue: float
    ve: float
    vBv: float = 0.0
    vv: float = 0.0
    for _ in range(ROUNDS):
        v = eval_AtA_times_u(u)
        u = eval_AtA_times_u(v)
    for ue, ve in zip(u, v):
        vBv += ue * ve
        vv += ve * ve
    return sqrt(vBv / vv)
