"""A function that raises on one CPython version only (tests/test_try.sh)."""
import sys


def triangle(n: int) -> int:
    if sys.version_info[:2] == (3, 12):
        raise RuntimeError("no triangles on 3.12")
    return sum(range(n + 1))
