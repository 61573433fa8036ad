"""mandelbrot with Numba: the baseline's pixel loop, @njit, into a NumPy byte array.

One pixel at a time, as rungs/cpython/mandelbrot.py: z = z*z + c with the
real and imaginary parts written out (IEEE doubles, no fastmath, so the
arithmetic is exactly the spec's), at most 50 iterations, the pixel set
when |z|^2 never exceeded 4. Eight pixels make a byte, most significant
bit first; the last byte of a row is padded with zero bits. The rows are a
NumPy uint8 array, which the driver takes as bytes.

The first call compiles in_set and render (seconds, on a busy machine):
that is the rung's cold iteration.
"""
from __future__ import annotations

import numpy as np
import numpy.typing as npt

from typed_jit import njit

MAX_ITERATIONS = 50
ESCAPE_RADIUS_SQUARED = 4.0
BITS_PER_BYTE = 8
FIRST_PIXEL_BIT = 0x80   # a byte's most significant bit is its leftmost pixel


@njit
def in_set(cr: float, ci: float) -> bool:
    """Whether c stays bounded for MAX_ITERATIONS iterations."""
    zr = zi = 0.0
    for _ in range(MAX_ITERATIONS):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED:
            return False
    return True


@njit
def render(n: int) -> npt.NDArray[np.uint8]:
    row_bytes = (n + BITS_PER_BYTE - 1) // BITS_PER_BYTE
    rows = np.zeros(n * row_bytes, dtype=np.uint8)
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        for x in range(n):
            if in_set(2.0 * x / n - 1.5, ci):
                rows[y * row_bytes + x // BITS_PER_BYTE] |= FIRST_PIXEL_BIT >> (x % BITS_PER_BYTE)
    return rows


def mandelbrot(n: int) -> npt.NDArray[np.uint8]:
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    return render(n)
