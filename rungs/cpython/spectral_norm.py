"""spectral-norm: the Benchmarks Game's Python program, as a function.

A is never stored: eval_A computes each entry when it is needed, and the
products A.u and At.u are plain loops over Python floats.
"""
from __future__ import annotations

from math import sqrt

ROUNDS = 10


def eval_A(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def eval_A_times_u(u: list[float]) -> list[float]:
    result = []
    for i in range(len(u)):
        partial_sum = 0.0
        for j, u_j in enumerate(u):
            partial_sum += eval_A(i, j) * u_j
        result.append(partial_sum)
    return result


def eval_At_times_u(u: list[float]) -> list[float]:
    result = []
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
    u = [1.0] * n
    v = u
    for _ in range(ROUNDS):
        v = eval_AtA_times_u(u)
        u = eval_AtA_times_u(v)
    vBv = vv = 0.0
    for ue, ve in zip(u, v):
        vBv += ue * ve
        vv += ve * ve
    return sqrt(vBv / vv)
