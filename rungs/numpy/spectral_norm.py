"""spectral-norm with NumPy: the matrix built once, every product a BLAS call.

The study's "Rung 3: NumPy": A is computed whole, in array operations (N x N
doubles: 32 MB at N = 2000, the O(N^2) memory the study mentions), and each
round is `a.T @ (a @ u)`, two matrix-vector products that NumPy hands to
its BLAS (dgemv), on as many threads as the BLAS is allowed (rung.conf
says one, and why; blas_info.py reports the library, kernel and threads).
Building A is part of every call, as computing it on the fly is part of
the others'.
"""
from __future__ import annotations

import math
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

Matrix: TypeAlias = npt.NDArray[np.float64]
Vector: TypeAlias = npt.NDArray[np.float64]

ROUNDS = 10


def build_matrix(n: int) -> Matrix:
    """A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1), every entry as the spec's.

    The denominator is the triangular number of i+j plus i+1: row i of the
    triangular numbers is a window of one vector (a view, no copy), so A
    takes two array operations over N x N. Doubles hold these integers
    exactly (below 2^53 for any N the problem allows), so A is bit for bit
    the matrix of integer denominators."""
    k = np.arange(2 * n - 1, dtype=np.float64)
    triangular = k * (k + 1.0) / 2.0
    windows = sliding_window_view(triangular, n)   # windows[i, j] = triangular[i + j]
    return 1.0 / (windows + np.arange(1.0, n + 1.0)[:, np.newaxis])


def spectral_norm(n: int) -> float:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    a = build_matrix(n)
    u: Vector = np.ones(n)
    v = u
    for _ in range(ROUNDS):
        v = a.T @ (a @ u)
        u = a.T @ (a @ v)
    return math.sqrt(float(u @ v) / float(v @ v))
