"""numba.njit as mypy should see it: a decorator that keeps the function's type.

Every jitted function of this rung is decorated with `njit` from here rather
than from numba directly, only so that `mypy --strict` can check the
functions and their callers. numba 0.68's own stubs make mypy read `@njit`
on a function as the decorator-factory form (the function is taken for a
signature), so every call of a jitted function fails to type-check; and
where numba is not installed (the project's type check without .venv), an
untyped decorator makes the whole function untyped. At run time this is
numba.njit itself: lazy compilation on the first call, in nopython mode,
no signature given, no cache.
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar, cast

import numba

Function = TypeVar("Function", bound=Callable[..., Any])


def njit(function: Function) -> Function:
    """numba.njit(function): compiled for each new set of argument types on
    the first call with them, and called as compiled code after that."""
    return cast(Function, numba.njit(function))
