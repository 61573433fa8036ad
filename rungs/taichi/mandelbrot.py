"""mandelbrot as one Taichi kernel: one byte of a row per iteration, on every core.

The kernel's top-level loop runs over every (row, byte) of the bitmap,
which Taichi spreads over the CPU's threads; each byte is eight pixels
computed one after the other exactly as the spec says -- c = (2.0x/n -
1.5) + i(2.0y/n - 1.0), z = z² + c in IEEE doubles, at most 50 times,
leaving as soon as |z|² > 4 -- most significant bit first, the bits past
the row's end left 0. Fast math is off (taichi_cpu says why). The bytes
land in a NumPy array the kernel writes in place; the first call compiles
the kernel (the cold iteration), and ti.sync() waits for it to finish.
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
import numpy.typing as npt
import taichi as ti  # type: ignore[import-untyped, unused-ignore]

import taichi_cpu

# The spec's arithmetic, not regrouped: taichi_cpu says why.
taichi_cpu.init(fast_math=False)

MAX_ITERATIONS = 50
ESCAPE_RADIUS_SQUARED = 4.0
BITS_PER_BYTE = 8


@ti.func
def in_set(cr: ti.f64, ci: ti.f64) -> ti.i32:
    """1 if c stays bounded for MAX_ITERATIONS iterations, else 0."""
    zr = 0.0
    zi = 0.0
    inside = 1
    for _ in range(MAX_ITERATIONS):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED:
            inside = 0
            break
    return inside


@ti.kernel
def fill(rows: ti.types.ndarray(dtype=ti.u8, ndim=2), n: ti.i32):
    for y, column in ti.ndrange(n, (n + BITS_PER_BYTE - 1) // BITS_PER_BYTE):
        ci = 2.0 * y / n - 1.0
        byte = 0
        for bit in range(BITS_PER_BYTE):
            x = column * BITS_PER_BYTE + bit
            pixel = 0
            if x < n:
                pixel = in_set(2.0 * x / n - 1.5, ci)
            byte = (byte << 1) | pixel
        rows[y, column] = ti.u8(byte)


def mandelbrot(n: int) -> npt.NDArray[np.uint8]:
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    rows = np.empty((n, (n + BITS_PER_BYTE - 1) // BITS_PER_BYTE), dtype=np.uint8)
    fill(rows, n)
    ti.sync()
    return rows
