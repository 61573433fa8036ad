"""fannkuch-redux: the Benchmarks Game's algorithm in plain Python, as a function.

Every permutation of range(n) in the order of the "count" algorithm: the
next permutation rotates the shortest prefix of perm1 that still has
rotations left (count[r] says how many). Each permutation is copied and
flipped with a reversed slice, as the Benchmarks Game's Python program
does, including its shortcut: a flip that would bring 0 to the front is
counted, not done. One process, no multiprocessing.
"""
from __future__ import annotations


def fannkuch_redux(n: int) -> tuple[int, int]:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    perm1 = list(range(n))
    count = [0] * n
    checksum = max_flips = 0
    even = True   # the permutation's index is even: its flips count positively
    r = n
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
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        even = not even
