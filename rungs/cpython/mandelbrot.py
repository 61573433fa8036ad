"""mandelbrot: the Benchmarks Game's algorithm in plain Python, as a function.

One pixel at a time: z = z*z + c in Python floats (IEEE doubles, the
real and imaginary parts written out so that the arithmetic is exactly the
spec's), at most 50 iterations, the pixel set when |z|^2 never exceeded 4.
Eight pixels make a byte, most significant bit first; the last byte of a
row is padded with zero bits. Returns the rows, without the PBM header.
"""
from __future__ import annotations

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


def mandelbrot(n: int) -> bytes:
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    rows = bytearray()
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        byte = bits = 0
        for x in range(n):
            byte = (byte << 1) | in_set(2.0 * x / n - 1.5, ci)
            bits += 1
            if bits == BITS_PER_BYTE:
                rows.append(byte)
                byte = bits = 0
        if bits:
            rows.append(byte << (BITS_PER_BYTE - bits))
    return bytes(rows)
