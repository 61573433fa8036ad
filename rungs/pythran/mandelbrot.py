"""mandelbrot for Pythran: the baseline's pixel loop, compiled ahead of time into a NumPy byte array.

One pixel at a time, as rungs/cpython/mandelbrot.py: z = z*z + c with the
real and imaginary parts written out (IEEE doubles; build.py compiles with
no -ffast-math, so the arithmetic is exactly the spec's), at most 50
iterations, the pixel set when |z|^2 never exceeded 4. Eight pixels make a
byte, most significant bit first; the last byte of a row is padded with
zero bits. The rows are a NumPy uint8 array, which the driver takes as
bytes. Single-threaded, as the c rung runs.

The file is also plain Python; the export line is Pythran's signature of
the function Python calls. The return annotation is a string: Pythran
reads annotations as its own type declarations and knows no numpy.typing,
and leaves a string alone (mypy still checks it).
"""
from __future__ import annotations

import numpy as np

#pythran export mandelbrot(int)

MAX_ITERATIONS = 50
ESCAPE_RADIUS_SQUARED = 4.0
BITS_PER_BYTE = 8


def in_set(cr: float, ci: float) -> bool:
    """Whether c stays bounded for MAX_ITERATIONS iterations."""
    zr = zi = 0.0
    for _ in range(MAX_ITERATIONS):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED:
            return False
    return True


def mandelbrot(n: int) -> "np.typing.NDArray[np.uint8]":
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    row_bytes = (n + BITS_PER_BYTE - 1) // BITS_PER_BYTE
    rows = np.zeros(n * row_bytes, dtype=np.uint8)
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        at = y * row_bytes
        byte = bits = 0
        for x in range(n):
            byte = (byte << 1) | in_set(2.0 * x / n - 1.5, ci)
            bits += 1
            if bits == BITS_PER_BYTE:
                rows[at] = byte
                at += 1
                byte = bits = 0
        if bits:
            rows[at] = byte << (BITS_PER_BYTE - bits)
    return rows
