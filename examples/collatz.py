"""Integer loops: the longest Collatz chain below a limit.

    ladder try examples/collatz.py longest_chain 300000

Plain Python with type annotations, the kind of counting loop that CPython
runs slowly and that PyPy and the compilers run fast.
"""
from __future__ import annotations


def chain_length(start: int) -> int:
    """Steps until start reaches 1 (n -> n/2 if even, 3n+1 if odd)."""
    n = start
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def longest_chain(limit: int) -> tuple[int, int]:
    """The start below limit with the longest chain, and its length."""
    best_start = 1
    best_length = 0
    for start in range(1, limit):
        length = chain_length(start)
        if length > best_length:
            best_start = start
            best_length = length
    return best_start, best_length
