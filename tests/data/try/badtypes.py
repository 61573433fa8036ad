"""A module mypy's type checker refuses, so mypyc cannot compile it (tests/test_try.sh)."""


def double(n: int) -> int:
    total: int = "twice"
    return n * 2 + len(total)
