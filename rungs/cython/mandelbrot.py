"""mandelbrot in Cython's pure-Python mode: one pixel at a time, in C doubles.

z = z^2 + c iterated at most MAX_ITERATIONS times, |z|^2 tested after every
iteration (the pixel is left unset as soon as it exceeds 4), eight pixels
packed into each byte, most significant bit first. The bitmap is a
bytearray written through a typed memoryview, without the GIL.
"""
# mypy: ignore-errors
# Cython source in Python syntax, so mypy is told to skip it: its
# annotations are C types -- doubles, bytes, a typed memoryview -- which
# mypy cannot read; the Cython compiler checks them when the rung is built.
import cython

MAX_ITERATIONS = cython.declare(cython.const[cython.int], 50)
ESCAPE_RADIUS_SQUARED = cython.declare(cython.const[cython.double], 4.0)
BITS_PER_BYTE = cython.declare(cython.const[cython.int], 8)
# A 128 MB bitmap, twice the Benchmarks Game's side.
MAX_N = cython.declare(cython.const[cython.int], 32000)


@cython.cfunc
@cython.inline
@cython.nogil
@cython.exceptval(check=False)
def in_set(cr: cython.double, ci: cython.double) -> cython.int:
    """1 if c = cr + i*ci stays within the escape radius for MAX_ITERATIONS."""
    zr: cython.double = 0.0
    zi: cython.double = 0.0
    next_zr: cython.double
    i: cython.int
    for i in range(MAX_ITERATIONS):
        next_zr = zr * zr - zi * zi + cr
        zi = 2.0 * zr * zi + ci
        zr = next_zr
        if zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED:
            return 0
    return 1


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.cdivision(True)
def draw(n: cython.int, rows: cython.uchar[::1]) -> cython.void:
    x: cython.int
    y: cython.int
    bits: cython.int
    byte: cython.int
    at: cython.Py_ssize_t = 0
    ci: cython.double
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        byte = 0
        bits = 0
        for x in range(n):
            byte = (byte << 1) | in_set(2.0 * x / n - 1.5, ci)
            bits += 1
            if bits == BITS_PER_BYTE:
                rows[at] = byte
                at += 1
                byte = 0
                bits = 0
        if bits > 0:
            rows[at] = byte << (BITS_PER_BYTE - bits)
            at += 1


def mandelbrot(n: cython.int) -> bytearray:
    """Returns the n x n bitmap's rows, (n + 7) // 8 bytes each."""
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n must be in 1..{MAX_N}")
    rows = bytearray(n * ((n + BITS_PER_BYTE - 1) // BITS_PER_BYTE))
    view: cython.uchar[::1] = rows
    with cython.nogil:
        draw(n, view)
    return rows
