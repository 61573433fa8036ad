"""How Python-hosted rungs are called for n-body (docs/protocol.md).

    nbody(steps: int) -> tuple[float, float]    # energy before, after

The output is the two energies, one per line, %.9f.
"""
from __future__ import annotations


def read_argument(text: str) -> int:
    return int(text)


def format_result(result: object, steps: int) -> bytes:
    if not (isinstance(result, tuple) and len(result) == 2):
        raise TypeError(f"nbody() returned {type(result).__name__}, not a pair of floats")
    before, after = result
    return b"%.9f\n%.9f\n" % (float(before), float(after))
