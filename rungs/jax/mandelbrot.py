"""mandelbrot in JAX: every pixel of a row iterated at once.

Each row is one array expression: z = z² + c over all of its pixels
together, 50 times with no early exit (as the Benchmarks Game's SIMD
programs do), the escape recorded after every iteration as the spec's
test is: a diverged z goes on to inf and NaN, whose comparison with 4.0 is
false, but by then the pixel is marked. jnp.packbits makes the bytes,
most significant bit first, a row's last byte padded with zero bits.

lax.map runs the rows in turn, so memory stays a row's worth at any n:
the whole n x n grid at once took 5x longer at n = 1,000 (its arrays leave
the caches), and bands of 8 or 64 rows were no faster than one.

The pixels' coordinates are computed by NumPy and passed in: XLA rewrites
a division by a scalar, 2.0 * x / n, into a multiplication by the
reciprocal, which rounds differently and moves pixels on the set's edge
(at n = 200, pixel 150 of row 0 escapes). The jit compiles once per n (the
shapes depend on it): the first call, the cold iteration. np.asarray() of
the result waits for XLA to finish.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import numpy.typing as npt
from jax import lax

from x64 import require_x64

require_x64()

MAX_ITERATIONS = 50
ESCAPE_RADIUS_SQUARED = 4.0

Orbit = tuple[jax.Array, jax.Array, jax.Array]   # zr, zi, escaped: one row's pixels


@jax.jit  # type: ignore[untyped-decorator, unused-ignore]
def bitmap(cr: jax.Array, ci: jax.Array) -> jax.Array:
    """The bitmap's (len(ci), (len(cr) + 7) // 8) bytes: pixel (x, y) is
    c = cr[x] + i ci[y]."""

    def row(ci_row: jax.Array) -> jax.Array:
        def iterate(_: int, orbit: Orbit) -> Orbit:
            zr, zi, escaped = orbit
            zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci_row
            return zr, zi, escaped | (zr * zr + zi * zi > ESCAPE_RADIUS_SQUARED)

        start = (jnp.zeros_like(cr), jnp.zeros_like(cr), jnp.zeros(cr.shape, dtype=bool))
        _, _, escaped = lax.fori_loop(0, MAX_ITERATIONS, iterate, start)
        return jnp.packbits(~escaped)

    rows: jax.Array = lax.map(row, ci)
    return rows


def mandelbrot(n: int) -> npt.NDArray[np.uint8]:
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    steps = 2.0 * np.arange(n) / n
    return np.asarray(bitmap(steps - 1.5, steps - 1.0))
