"""mandelbrot for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/mandelbrot.py) with a declared type on every
local, so that mypyc keeps z, c and the bit packing in C doubles and
integers. Compiled by mypyc's mypycify (rungs/mypyc/build.py); it still
runs as plain Python.
"""
from __future__ import annotations

MAX_ITERATIONS = 50
ESCAPE_RADIUS_SQUARED = 4.0
BITS_PER_BYTE = 8


def in_set(cr: float, ci: float) -> bool:
    """Whether c stays bounded for MAX_ITERATIONS iterations."""
    zr: float = 0.0
    zi: float = 0.0
    for _ in range(MAX_ITERATIONS):
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        if zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED:
            return False
    return True


def mandelbrot(n: int) -> bytes:
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    rows = bytearray()
    x: int
    y: int
    ci: float
    byte: int
    bits: int
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
