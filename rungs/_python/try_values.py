"""Return values of `ladder try` as text, and compared as `==` would.

    encode(value) -> str        # one line of JSON with the value's shape
    first_difference(a, b, rel_tol) -> str | None

A value is written with its type where JSON would lose it (a tuple is not a
list, an int is not a float, bytes are not text, a dict's keys are not
strings), so that two interpreters' results can be compared exactly —
except floats (and containers of floats), which are equal within rel_tol,
since a compiler may legitimately reorder floating-point arithmetic.
NumPy values (scalars and arrays) are written as the Python numbers and
lists they hold. Anything else is written by its repr().

Runs on every interpreter of the ladder: Python 3.9 syntax, standard
library only.
"""
from __future__ import annotations

import json
import math
from typing import Any, Optional


def _shape(value: Any) -> Any:
    """A JSON-able description of value (see the module's docstring)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return {"float": repr(value)}
        return value
    if isinstance(value, complex):
        return {"complex": [_shape(value.real), _shape(value.imag)]}
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    if isinstance(value, tuple):
        return {"tuple": [_shape(v) for v in value]}
    if isinstance(value, list):
        return {"list": [_shape(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((_shape(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, dict):
        return {"dict": [[_shape(k), _shape(v)] for k, v in value.items()]}
    tolist = getattr(value, "tolist", None)
    if callable(tolist):    # NumPy arrays and scalars
        return _shape(tolist())
    return {"repr": repr(value)}


def encode(value: Any) -> str:
    return json.dumps(_shape(value), sort_keys=True)


def _describe(shape: Any) -> str:
    text = json.dumps(shape, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def _difference(a: Any, b: Any, rel_tol: float, where: str) -> Optional[str]:
    if isinstance(a, float) and isinstance(b, float):
        if math.isclose(a, b, rel_tol=rel_tol, abs_tol=0.0):
            return None
        return f"{where}: {b!r} != {a!r} (relative difference {abs(a - b) / max(abs(a), abs(b)):.3g}, allowed {rel_tol:g})"
    if type(a) is not type(b):
        return f"{where}: {_describe(b)} != {_describe(a)}"
    if isinstance(a, dict):
        # A tagged value ({"tuple": [...]}, {"int": "7"}): the same tag, then its contents.
        if a.keys() != b.keys():
            return f"{where}: {_describe(b)} != {_describe(a)}"
        for key in sorted(a):
            found = _difference(a[key], b[key], rel_tol, where)
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(b)} items != {len(a)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = _difference(x, y, rel_tol, f"{where}[{i}]")
            if found:
                return found
        return None
    if a != b:
        return f"{where}: {_describe(b)} != {_describe(a)}"
    return None


def first_difference(expected: str, actual: str, rel_tol: float) -> Optional[str]:
    """None if actual equals expected (floats within rel_tol), else where
    they first differ, as "the result[2]: 0.5 != 0.25 (...)": the actual
    value first, then the expected one."""
    return _difference(json.loads(expected), json.loads(actual), rel_tol, "the result")
