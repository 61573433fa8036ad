"""fannkuch-redux as one Taichi kernel: blocks of permutations, on every core.

The Benchmarks Game's multi-threaded programs split the n! permutations
into blocks, and so does this kernel: its top-level loop over the blocks
is spread over the CPU's threads. A block starts at the permutation its
first index numbers in the "count" algorithm's order -- index p has, for
each prefix length r + 1, the digit d_r = (p // r!) mod (r + 1), how many
times that prefix has been rotated, and is the identity with each prefix
rotated d_r times, the longest first -- with the rotation counters set to
match, and then walks its share exactly as the cpython rung does: copy
the permutation, flip the prefix up to its first element until that is 0
(the flip that would bring 0 to the front counted, not done), add the
flips with the sign of the index's parity, rotate to the next one. Each
block adds its checksum and its most flips into a two-element array,
atomically.

Permutation indices are i64 (16! passes 2^31); Taichi's range-for takes
i32 bounds only, so the walk is a `while` loop. The local arrays are
Taichi vectors of MAX_N elements, indexed at run time. The first call
compiles the kernel (the cold iteration); ti.sync() waits for it.
"""
# mypy: disable-error-code="valid-type, index, untyped-decorator, no-untyped-def"
# The kernels are Taichi's language in Python's syntax: their annotations
# are Taichi types, which mypy cannot read as types (so indexing their
# values means nothing to it either), ti.kernel and ti.func are untyped,
# and a kernel that returns nothing must not say `-> None` (Taichi refuses
# it). Those checks are off; everything else is checked.
# No `from __future__ import annotations`: Taichi reads the kernels'
# annotations as objects (types), not as strings.
from math import factorial

import numpy as np
import taichi as ti  # type: ignore[import-untyped, unused-ignore]

import taichi_cpu

# Integers only: fast math changes nothing here.
taichi_cpu.init(fast_math=False)

MAX_N = 16   # the problem's largest n
# Enough blocks that two threads (or many) share the work evenly, though
# their permutations take different numbers of flips.
BLOCKS = 4096

# A permutation, or its rotation counters: one slot per element.
Row = ti.types.vector(MAX_N, ti.i32)
Factorials = ti.types.ndarray(dtype=ti.i64, ndim=1)
Sums = ti.types.ndarray(dtype=ti.i64, ndim=1)


@ti.func
def count_flips(perm1: Row) -> ti.i32:
    """The flips that bring 0 to the front of perm1 (left as it is)."""
    flips = 0
    first = perm1[0]
    if first != 0:
        perm = perm1
        flips = 1
        after = perm[first]
        while after != 0:
            lo = 0
            hi = first
            while lo < hi:
                perm[lo], perm[hi] = perm[hi], perm[lo]
                lo += 1
                hi -= 1
            flips += 1
            first = after
            after = perm[first]
    return flips


@ti.kernel
def walk(n: ti.i32, total: ti.i64, per_block: ti.i64, blocks: ti.i32,
         factorials: Factorials, sums: Sums):
    for block in range(blocks):
        start = ti.i64(block) * per_block
        end = ti.min(start + per_block, total)
        perm1 = Row(0)
        count = Row(0)
        for k in range(n):
            perm1[k] = k
        # The permutation numbered `start`, and its counters.
        rest = start
        for step in range(n - 1):
            r = n - 1 - step
            rotations = ti.i32(rest // factorials[r])
            rest = rest % factorials[r]
            count[r] = r + 1 - rotations
            rotated = perm1
            for k in range(r + 1):
                rotated[k] = perm1[(k + rotations) % (r + 1)]
            perm1 = rotated
        checksum = ti.i64(0)
        max_flips = 0
        index = start
        while index < end:
            flips = count_flips(perm1)
            max_flips = ti.max(max_flips, flips)
            checksum += flips if index % 2 == 0 else -flips
            # The next permutation: rotate the shortest prefix with
            # rotations left, restarting the shorter ones' counters.
            r = 1
            while r < n:
                first = perm1[0]
                for k in range(r):
                    perm1[k] = perm1[k + 1]
                perm1[r] = first
                count[r] -= 1
                if count[r] > 0:
                    break
                count[r] = r + 1
                r += 1
            index += 1
        ti.atomic_add(sums[0], checksum)
        ti.atomic_max(sums[1], ti.i64(max_flips))


def fannkuch_redux(n: int) -> tuple[int, int]:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    total = factorial(n)
    per_block = -(-total // BLOCKS)
    blocks = -(-total // per_block)
    factorials = np.array([factorial(r) for r in range(MAX_N)], dtype=np.int64)
    sums = np.zeros(2, dtype=np.int64)
    walk(n, total, per_block, blocks, factorials, sums)
    ti.sync()
    return int(sums[0]), int(sums[1])
