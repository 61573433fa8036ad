"""How Python-hosted rungs are called for fannkuch-redux (docs/protocol.md).

    fannkuch_redux(n: int) -> tuple[int, int]    # checksum, maxflips

The output is the Benchmarks Game's two lines: the checksum, then
"Pfannkuchen(n) = maxflips".
"""
from __future__ import annotations

import operator


def read_argument(text: str) -> int:
    return int(text)


def format_result(result: object, n: int) -> bytes:
    if not (isinstance(result, tuple) and len(result) == 2):
        raise TypeError(f"fannkuch_redux() returned {type(result).__name__}, not a pair of ints")
    # operator.index() takes ints and NumPy's integer scalars; a float would
    # be a bug, not a number.
    try:
        checksum, maxflips = (operator.index(value) for value in result)
    except TypeError:
        kinds = ", ".join(type(value).__name__ for value in result)
        raise TypeError(f"fannkuch_redux() returned ({kinds}), not a pair of ints") from None
    return b"%d\nPfannkuchen(%d) = %d\n" % (checksum, n, maxflips)
