"""How Python-hosted rungs are called for fannkuch-redux (docs/protocol.md).

    fannkuch_redux(n: int) -> tuple[int, int]    # checksum, maxflips

The output is the Benchmarks Game's two lines: the checksum, then
"Pfannkuchen(n) = maxflips".
"""
from __future__ import annotations


def read_argument(text: str) -> int:
    return int(text)


def format_result(result: object, n: int) -> bytes:
    if not (isinstance(result, tuple) and len(result) == 2):
        raise TypeError(f"fannkuch_redux() returned {type(result).__name__}, not a pair of ints")
    checksum, maxflips = result
    # int() accepts NumPy's integer scalars too; a float would be a bug, not a number.
    if isinstance(checksum, float) or isinstance(maxflips, float):
        raise TypeError("fannkuch_redux() returned floats, not ints")
    return b"%d\nPfannkuchen(%d) = %d\n" % (int(checksum), n, int(maxflips))
