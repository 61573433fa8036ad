"""A module that imports a package no environment has (tests/test_try.sh)."""
import ladder_no_such_package_here  # noqa: F401


def f(n: int) -> int:
    return n
