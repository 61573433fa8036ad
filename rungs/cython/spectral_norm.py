"""spectral-norm in Cython's pure-Python mode, tuned the way the study tuned it.

The vectors are C arrays (PyMem_Malloc), A's entries are computed by an
inline C function, and the two products are plain C loops with C division
(`cdivision`: no zero-division check in the inner loop), no bounds checks
and no negative-index wrapping. The sums run in index order, as the
baseline's do (no -ffast-math to reorder them), so the printed norm is the
reference's.
"""
# mypy: ignore-errors
# Cython source in Python syntax, so mypy is told to skip it: its
# annotations are C types -- doubles, pointers -- which mypy cannot read;
# the Cython compiler checks them when the rung is built.
import cython
from cython.cimports.cpython.mem import PyMem_Free, PyMem_Malloc
from cython.cimports.libc.math import sqrt

ROUNDS = cython.declare(cython.const[cython.int], 10)
# (i+j)(i+j+1)/2 is computed in a C int, with i+j < 2N: N up to this keeps it
# below INT_MAX.
MAX_N = cython.declare(cython.const[cython.int], 23000)


@cython.cfunc
@cython.inline
@cython.nogil
@cython.exceptval(check=False)
@cython.cdivision(True)
def eval_A(i: cython.int, j: cython.int) -> cython.double:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
def eval_A_times_u(n: cython.int, u: cython.p_double, au: cython.p_double) -> cython.void:
    i: cython.int
    j: cython.int
    partial_sum: cython.double
    for i in range(n):
        partial_sum = 0.0
        for j in range(n):
            partial_sum += eval_A(i, j) * u[j]
        au[i] = partial_sum


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
def eval_At_times_u(n: cython.int, u: cython.p_double, au: cython.p_double) -> cython.void:
    i: cython.int
    j: cython.int
    partial_sum: cython.double
    for i in range(n):
        partial_sum = 0.0
        for j in range(n):
            partial_sum += eval_A(j, i) * u[j]
        au[i] = partial_sum


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
def eval_AtA_times_u(n: cython.int, u: cython.p_double, out: cython.p_double,
                     scratch: cython.p_double) -> cython.void:
    eval_A_times_u(n, u, scratch)
    eval_At_times_u(n, scratch, out)


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
def power_iteration(n: cython.int, u: cython.p_double, v: cython.p_double,
                    scratch: cython.p_double) -> cython.double:
    i: cython.int
    vBv: cython.double = 0.0
    vv: cython.double = 0.0
    for i in range(n):
        u[i] = 1.0
    for i in range(ROUNDS):
        eval_AtA_times_u(n, u, v, scratch)
        eval_AtA_times_u(n, v, u, scratch)
    for i in range(n):
        vBv += u[i] * v[i]
        vv += v[i] * v[i]
    return sqrt(vBv / vv)


def spectral_norm(n: cython.int) -> cython.double:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    if not 0 < n <= MAX_N:
        raise ValueError(f"n must be in 1..{MAX_N}")
    vectors: cython.p_double = cython.cast(
        cython.p_double, PyMem_Malloc(3 * n * cython.sizeof(cython.double)))
    if not vectors:
        raise MemoryError()
    norm: cython.double
    try:
        with cython.nogil:
            norm = power_iteration(n, vectors, vectors + n, vectors + 2 * n)
    finally:
        PyMem_Free(vectors)
    return norm
