"""A function whose result depends on the interpreter (tests/test_try.sh)."""
import sys


def version_sum(n: int) -> tuple[int, str]:
    return sum(range(n)), "%d.%d" % sys.version_info[:2]
