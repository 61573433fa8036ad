"""fannkuch-redux in Cython's pure-Python mode: the baseline's algorithm on C arrays.

The Benchmarks Game's "count" algorithm, as rungs/cpython/fannkuch_redux.py
runs it: the next permutation rotates the shortest prefix of perm1 that
still has rotations left (count[r] says how many), and each permutation is
copied and flipped until its first element is 0, the last flip counted but
not done. Here perm1, count and the copy are C int arrays on the stack, the
flips are C loops, and the whole search runs without the GIL.
"""
# mypy: ignore-errors
# Cython source in Python syntax, so mypy is told to skip it: its
# annotations are C types -- ints, C arrays, pointers -- which mypy cannot
# read; the Cython compiler checks them when the rung is built.
import cython

# The arrays' length: 16! permutations is days of work already.
MAX_N = cython.declare(cython.const[cython.int], 16)

Result = cython.struct(checksum=cython.longlong, max_flips=cython.int)


@cython.cfunc
@cython.inline
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
def count_flips(perm1: cython.p_int, perm: cython.p_int, n: cython.int) -> cython.int:
    """How many prefix reversals bring perm1's first element to 0 (perm is
    scratch). The last flip, the one that would bring 0 to the front, is
    counted, not done."""
    i: cython.int
    j: cython.int
    t: cython.int
    first: cython.int = perm1[0]
    after: cython.int
    flips: cython.int = 1
    if first == 0:
        return 0
    for i in range(n):
        perm[i] = perm1[i]
    # After reversing perm[0..first], perm[first] is in front.
    after = perm[first]
    while after != 0:
        i = 0
        j = first
        while i < j:
            t = perm[i]
            perm[i] = perm[j]
            perm[j] = t
            i += 1
            j -= 1
        flips += 1
        first = after
        after = perm[first]
    return flips


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
def search(n: cython.int) -> Result:
    perm1: cython.int[16]  # MAX_N: an array's length must be a literal here
    perm: cython.int[16]
    count: cython.int[16]
    result: Result
    i: cython.int
    first: cython.int
    flips: cython.int
    r: cython.int = n
    even: cython.bint = True  # the permutation's index is even: its flips count positively
    result.checksum = 0
    result.max_flips = 0
    for i in range(n):
        perm1[i] = i
    while True:
        # Every prefix shorter than r starts its rotations afresh.
        while r > 1:
            count[r - 1] = r
            r -= 1

        flips = count_flips(perm1, perm, n)
        if flips > result.max_flips:
            result.max_flips = flips
        result.checksum += flips if even else -flips

        # The next permutation; when no prefix has rotations left, all were seen.
        while True:
            if r == n:
                return result
            first = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        even = not even


def fannkuch_redux(n: cython.int) -> tuple:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n must be in 1..{MAX_N}")
    result: Result
    with cython.nogil:
        result = search(n)
    return result.checksum, result.max_flips
