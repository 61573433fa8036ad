"""fannkuch-redux with NumPy: a block of permutations made and flipped at once.

The Benchmarks Game's "count" algorithm orders the permutations as a
mixed-radix counter: digit r (r = 1 .. n-1) runs through 0 .. r, each step
rotating the first r + 1 elements left by one, so that a full turn of a
digit leaves its prefix as it was. So the permutation at index p is the
identity with, for r from n-1 down to 1, its first r + 1 elements rotated
left by digit r of p (p = sum of digit_r * r!), the formula the Benchmarks
Game's multi-threaded programs use to start each thread at its own index;
and the m! permutations from index q * m! on are the one at q * m! with
its first m elements reordered by the table of the m! permutations of
range(m), in the same order. Here that table is built once (for m = BLOCK
elements, or n if fewer), and each block of m! permutations is one gather.

The flips are counted as the spec says, one prefix reversal at a time,
for every row of a block at once: each round reverses the first
perm[0] + 1 elements of the rows whose first element is not yet 0 (a
gather through a table of the n reversals, by perm[0]), and the rows that
reach 0 leave with the round's number as their count. The checksum adds
each permutation's flips with the sign of its index's parity, as the
sequential program does.
"""
from __future__ import annotations

import math
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

Permutations: TypeAlias = npt.NDArray[np.int8]   # one permutation a row
Counts: TypeAlias = npt.NDArray[np.int64]

# Permutations are made in blocks of BLOCK! (40,320): one table of 8-byte
# rows, a third of a megabyte, and a block's gathers stay within a few MB.
BLOCK = 8


def count_order(m: int) -> Permutations:
    """The m! permutations of range(m), in the count algorithm's order."""
    table: Permutations = np.zeros((1, 1), dtype=np.int8)
    for k in range(1, m):
        # Digit k of the k + 1 elements is the most significant: block d
        # is the identity rotated left d times, then reordered by the table
        # of its first k elements.
        blocks = []
        for d in range(k + 1):
            rotated = np.roll(np.arange(k + 1, dtype=np.int8), -d)
            block = np.empty((len(table), k + 1), dtype=np.int8)
            block[:, :k] = rotated[:k][table]
            block[:, k] = rotated[k]
            blocks.append(block)
        table = np.concatenate(blocks)
    return table


def permutation_at(index: int, n: int, low_digits: int) -> Permutations:
    """The permutation at `index` in the count order, from its digits
    n-1 down to low_digits (the lower digits are 0)."""
    perm = np.arange(n, dtype=np.int8)
    for r in range(n - 1, low_digits - 1, -1):
        digit = index // math.factorial(r) % (r + 1)
        perm[:r + 1] = np.roll(perm[:r + 1], -digit)
    return perm


def count_flips(perms: Permutations) -> Counts:
    """How many prefix reversals bring each row's first element to 0."""
    n = perms.shape[1]
    # reversals[k] is the column order that reverses the first k + 1 elements.
    columns = np.arange(n)
    reversals = np.where(columns <= columns[:, np.newaxis], columns[:, np.newaxis] - columns,
                         columns)
    flips = np.zeros(len(perms), dtype=np.int64)
    rows = np.flatnonzero(perms[:, 0])
    live = perms[rows]
    reversal = 0
    while len(rows):
        reversal += 1
        # One gather over the flattened rows: row i's columns start at i * n.
        flat = reversals[live[:, 0]] + n * np.arange(len(live))[:, np.newaxis]
        live = live.ravel()[flat]
        done = live[:, 0] == 0
        flips[rows[done]] = reversal
        rows = rows[~done]
        live = live[~done]
    return flips


def fannkuch_redux(n: int) -> tuple[int, int]:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    m = min(n, BLOCK)
    table = count_order(m)
    # Index q * m! + s has the parity of s: m! is even (or 1, for n = 1).
    signs = np.where(np.arange(len(table)) % 2 == 0, 1, -1)
    block = np.empty((len(table), n), dtype=np.int8)
    checksum = max_flips = 0
    for start in range(0, math.factorial(n), len(table)):
        first = permutation_at(start, n, m)
        block[:, :m] = first[:m][table]
        block[:, m:] = first[m:]
        flips = count_flips(block)
        checksum += int(signs @ flips)
        max_flips = max(max_flips, int(flips.max()))
    return checksum, max_flips
