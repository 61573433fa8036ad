"""spectral-norm as one Taichi kernel: A computed on the fly, on every core.

eval_a is the spec's A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1), the
denominator in integers (i32 holds it up to N = 23,000, the problem's
limit). Each product is a top-level `for i in range(n)`, which Taichi
spreads over the CPU's threads, one row's sum per i; a kernel's top-level
loops run one after the other, so the ten rounds (ti.static unrolls them:
40 products) and the two closing dot products are one kernel and one
launch. With Taichi's fast math, LLVM vectorizes each row's sum (the
additions reordered). The vectors are NumPy arrays the kernel works in.
The first call compiles the kernel (the cold iteration); the float
returned is the kernel's result, so the work is done when it returns.
"""
# mypy: disable-error-code="valid-type, index, untyped-decorator, no-untyped-def"
# The kernels are Taichi's language in Python's syntax: their annotations
# are Taichi types, which mypy cannot read as types (so indexing their
# values means nothing to it either), ti.kernel and ti.func are untyped,
# and a kernel that returns nothing must not say `-> None` (Taichi refuses
# it). Those checks are off; everything else is checked.
# No `from __future__ import annotations`: Taichi reads the kernels'
# annotations as objects (types), not as strings.
import numpy as np
import taichi as ti  # type: ignore[import-untyped, unused-ignore]

import taichi_cpu

# Only the sums' order changes: taichi_cpu says why this problem keeps it.
taichi_cpu.init(fast_math=True)

ROUNDS = 10

Vector = ti.types.ndarray(dtype=ti.f64, ndim=1)


@ti.func
def eval_a(i: ti.i32, j: ti.i32) -> ti.f64:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


@ti.func
def a_times(u: ti.template(), out: ti.template(), n: ti.i32):
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(i, j) * u[j]
        out[i] = total


@ti.func
def at_times(u: ti.template(), out: ti.template(), n: ti.i32):
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += eval_a(j, i) * u[j]
        out[i] = total


@ti.kernel
def power_iteration(n: ti.i32, u: Vector, v: Vector,
                    scratch: Vector) -> ti.f64:
    for _ in ti.static(range(ROUNDS)):
        a_times(u, scratch, n)
        at_times(scratch, v, n)
        a_times(v, scratch, n)
        at_times(scratch, u, n)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return ti.sqrt(vbv / vv)


def spectral_norm(n: int) -> float:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    return float(power_iteration(n, np.ones(n), np.empty(n), np.empty(n)))
