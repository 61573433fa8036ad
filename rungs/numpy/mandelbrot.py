"""mandelbrot with NumPy: the 50 iterations as array operations over blocks of rows.

Every pixel of a block of rows iterates at once, z = z*z + c with the
real and imaginary parts written out (IEEE doubles, no fused
multiply-add: exactly the spec's arithmetic), all 50 times; |z|^2 is
tested once, after the last iteration, and np.packbits makes the bytes
(most significant bit first, each row padded with zero bits).

Testing only at the end gives the spec's answer because every c here has
|c| < 1.81: once |z| > 2, |z| grows by more than 0.2 an iteration and
never comes back, so a pixel that ever had |z|^2 > 4 still has it at the
end -- as a huge number, or inf, or NaN once inf - inf is reached. The
test is written `<= 4.0`, which is False for all three (`> 4.0` would be
False for NaN, and would set the pixel: the trap the spec warns of).

A block holds about BLOCK_PIXELS pixels, so that its arrays stay in the
core's cache; one array for the whole image (8 MB each at n = 1000) ran
about twice as slowly here, and one row at a time pays NumPy's per-call
cost a thousand times more.
"""
from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

Grid: TypeAlias = npt.NDArray[np.float64]   # one value per pixel of a block

MAX_ITERATIONS = 50
ESCAPE_RADIUS_SQUARED = 4.0
# 32K doubles (256 KB) an array: the few live at once fit in L2.
BLOCK_PIXELS = 1 << 15


def mandelbrot(n: int) -> npt.NDArray[np.uint8]:
    """Returns the n rows of the n x n bitmap, (n + 7) // 8 bytes each."""
    cr = 2.0 * np.arange(n) / n - 1.5
    ci = 2.0 * np.arange(n) / n - 1.0
    rows = np.empty((n, (n + 7) // 8), dtype=np.uint8)
    block = max(1, BLOCK_PIXELS // n)
    # Diverged pixels overflow to inf and then NaN, as intended (see above).
    with np.errstate(over="ignore", invalid="ignore"):
        for top in range(0, n, block):
            block_ci = ci[top:top + block, np.newaxis]
            zr: Grid = np.zeros((len(block_ci), n))
            zi: Grid = np.zeros((len(block_ci), n))
            for _ in range(MAX_ITERATIONS):
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + block_ci
            rows[top:top + block] = np.packbits(
                zr * zr + zi * zi <= ESCAPE_RADIUS_SQUARED, axis=1)
    return rows
