"""How Python-hosted rungs are called for binary-trees (docs/protocol.md).

    binary_trees(n: int) -> sequence of ints
        [stretch tree's check, the check sum for each depth d = 4, 6, ...,
         max_depth, the long-lived tree's check]

The output is the Benchmarks Game's text, which depends on n only through
these numbers (shared/spec/problems.md).
"""
from __future__ import annotations

import operator

MIN_DEPTH = 4


def read_argument(text: str) -> int:
    return int(text)


def format_result(result: object, n: int) -> bytes:
    max_depth = max(MIN_DEPTH + 2, n)
    depths = range(MIN_DEPTH, max_depth + 1, 2)
    # operator.index() takes ints and NumPy's integer scalars; a float (or a
    # string's characters) would be a bug, not a count.
    try:
        checks = [operator.index(c) for c in result]  # type: ignore[attr-defined]
    except TypeError:
        raise TypeError(f"binary_trees() returned {type(result).__name__}, not ints") from None
    if len(checks) != len(depths) + 2:
        raise ValueError(f"binary_trees({n}) returned {len(checks)} numbers, not {len(depths) + 2}")
    lines = [f"stretch tree of depth {max_depth + 1}\t check: {checks[0]}"]
    for d, check in zip(depths, checks[1:-1]):
        iterations = 2 ** (max_depth - d + MIN_DEPTH)
        lines.append(f"{iterations}\t trees of depth {d}\t check: {check}")
    lines.append(f"long lived tree of depth {max_depth}\t check: {checks[-1]}")
    return ("\n".join(lines) + "\n").encode("ascii")
