# spectral_norm.mojo - the `spectral_norm` extension module of the mojo
# rung: the Benchmarks Game's spectral-norm (shared/spec/problems.md) in
# Mojo, called from Python.
#
#     >>> import spectral_norm
#     >>> spectral_norm.spectral_norm(100)
#     1.2742199912349306
#
# A is computed on the fly, as the c rung does (rungs/c/
# spectral_norm_kernel.h), but a SIMD vector of rows at a time: each lane
# keeps its own row's sum and adds its terms in index order, so every row's
# sum is the scalar program's, term by term, and the norm matches the
# reference digit for digit. The rows that do not fill a vector are done
# by the same function instantiated for width 1. A's denominators are whole
# numbers below 2^53, so computing them in float64 is exact. The work runs
# with the GIL released.
from std.math import iota, sqrt
from std.os import abort
from std.python import Python, PythonObject
from std.python._cpython import GILReleased
from std.python.bindings import PythonModuleBuilder
from std.sys import simd_width_of

from pyarg import int_argument

comptime WIDTH = simd_width_of[DType.float64]()
# w float64 lanes: the rows of a block, or one row (w = 1).
comptime Doubles[w: Int] = SIMD[DType.float64, w]
# The power iteration's rounds, as the Benchmarks Game fixes them.
comptime ROUNDS = 10
# problems/spectral-norm/problem.conf's bound.
comptime MAX_N = 23000


@always_inline
def eval_a[w: Int](i: Doubles[w], j: Doubles[w]) -> Doubles[w]:
    """A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1)."""
    var s = i + j
    return 1.0 / (s * (s + 1) * 0.5 + i + 1)


def times_rows[
    width: Int, transposed: Bool
](n: Int, u: Span[Float64, _], au: Span[mut=True, Float64, _], first: Int):
    """Rows first .. first+width-1 of A*u (or of A'*u, if transposed)."""
    var i = iota[DType.float64, width](Float64(first))
    var sum = Doubles[width](0)
    for j in range(n):
        var jv = Doubles[width](Float64(j))
        comptime if transposed:
            sum += eval_a(jv, i) * u[j]
        else:
            sum += eval_a(i, jv) * u[j]
    comptime for lane in range(width):
        au[first + lane] = sum[lane]


def times[
    transposed: Bool
](n: Int, u: Span[Float64, _], au: Span[mut=True, Float64, _]):
    """Sets au to A*u (or to A'*u, if transposed)."""
    var whole = n - n % WIDTH
    for first in range(0, whole, WIDTH):
        times_rows[WIDTH, transposed](n, u, au, first)
    for first in range(whole, n):
        times_rows[1, transposed](n, u, au, first)


def compute(n: Int) -> Float64:
    """The spectral norm of the n x n matrix A."""
    var u = List[Float64](length=n, fill=1.0)
    var v = List[Float64](length=n, fill=0.0)
    var tmp = List[Float64](length=n, fill=0.0)
    for _ in range(ROUNDS):
        # v = A'A u, then u = A'A v.
        times[False](n, u, tmp)
        times[True](n, tmp, v)
        times[False](n, v, tmp)
        times[True](n, tmp, u)
    var vbv: Float64 = 0
    var vv: Float64 = 0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return sqrt(vbv / vv)


def spectral_norm(n_arg: PythonObject) raises -> PythonObject:
    """Python: spectral_norm(n) -> float."""
    var n = int_argument(n_arg, "n", 1, MAX_N)
    var norm: Float64
    with GILReleased(Python()):
        norm = compute(n)
    return PythonObject(norm)


@export
def PyInit_spectral_norm() abi("C") -> PythonObject:
    try:
        var module = PythonModuleBuilder("spectral_norm")
        module.def_function[spectral_norm](
            "spectral_norm",
            docstring=(
                "The spectral norm of the n x n matrix A of the Benchmarks"
                " Game."
            ),
        )
        return module.finalize()
    except e:
        abort(String("cannot create the spectral_norm module: ", e))
