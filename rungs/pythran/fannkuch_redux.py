"""fannkuch-redux for Pythran: the baseline's algorithm on NumPy int arrays, compiled ahead of time.

The Benchmarks Game's "count" algorithm, as rungs/cpython/fannkuch_redux.py
runs it: the next permutation rotates the shortest prefix of perm1 that
still has rotations left (count[r] says how many), and each permutation is
copied and flipped until its first element is 0, the last flip counted but
not done. perm1, count and the copy are NumPy arrays and the loops over
them are Pythran's C++ (the flips are swaps: a reversed slice assigned to
its own array would overlap). Single-threaded, in permutation order.

The file is also plain Python; the export line is Pythran's signature of
the function Python calls, which returns the two ints as a tuple.
Annotations that name NumPy types are strings: Pythran reads annotations
as its own type declarations and knows no numpy.typing, and leaves a
string alone (mypy still checks it).
"""
from __future__ import annotations

import numpy as np

#pythran export fannkuch_redux(int)


def count_flips(perm1: "np.typing.NDArray[np.int64]", perm: "np.typing.NDArray[np.int64]") -> int:
    """How many prefix reversals bring perm1's first element to 0 (perm is
    scratch). The last flip, the one that would bring 0 to the front, is
    counted, not done."""
    first = perm1[0]
    if first == 0:
        return 0
    perm[:] = perm1
    flips = 1
    # After reversing perm[:first + 1], perm[first] is in front.
    after = perm[first]
    while after != 0:
        i = 0
        j = first
        while i < j:
            perm[i], perm[j] = perm[j], perm[i]
            i += 1
            j -= 1
        flips += 1
        first = after
        after = perm[first]
    return flips


def fannkuch_redux(n: int) -> tuple[int, int]:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    perm1 = np.arange(n)
    perm = np.empty(n, dtype=np.int64)
    count = np.zeros(n, dtype=np.int64)
    checksum = max_flips = 0
    even = True   # the permutation's index is even: its flips count positively
    r = n
    while True:
        # Every prefix shorter than r starts its rotations afresh.
        while r > 1:
            count[r - 1] = r
            r -= 1

        flips = count_flips(perm1, perm)
        max_flips = max(max_flips, flips)
        checksum += flips if even else -flips

        # The next permutation; when no prefix has rotations left, all were seen.
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        even = not even
