"""fannkuch-redux for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/fannkuch_redux.py), the Benchmarks Game's
Python algorithm with its shortcut (the flip that would bring 0 to the
front is counted, not done), with a declared type on every local, so that
mypyc keeps the counters and indices in C integers. Compiled by mypyc's
mypycify (rungs/mypyc/build.py); it still runs as plain Python.
"""
from __future__ import annotations


def fannkuch_redux(n: int) -> tuple[int, int]:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    perm1: list[int] = list(range(n))
    count: list[int] = [0] * n
    perm: list[int]
    checksum: int = 0
    max_flips: int = 0
    flips: int
    first: int
    after: int
    even: bool = True   # the permutation's index is even: its flips count positively
    r: int = n
    while True:
        # Every prefix shorter than r starts its rotations afresh.
        while r > 1:
            count[r - 1] = r
            r -= 1

        first = perm1[0]
        if first:
            perm = perm1[:]
            flips = 1
            # After reversing perm[:first + 1], perm[first] is in front.
            after = perm[first]
            while after:
                perm[: first + 1] = perm[first::-1]
                flips += 1
                first = after
                after = perm[first]
            max_flips = max(max_flips, flips)
            checksum += flips if even else -flips

        # The next permutation; when no prefix has rotations left, all were seen.
        while True:
            if r == n:
                return checksum, max_flips
            perm1.insert(r, perm1.pop(0))
            # Not `count[r] -= 1`: mypyc compiles an augmented assignment to
            # an item as the generic in-place operator on objects (nbody.py).
            count[r] = count[r] - 1
            if count[r] > 0:
                break
            r += 1
        even = not even
