"""How Python-hosted rungs are called for spectral-norm (docs/protocol.md).

    spectral_norm(n: int) -> float

The output is the norm on one line, %.9f.
"""
from __future__ import annotations


def read_argument(text: str) -> int:
    return int(text)


def format_result(result: object, n: int) -> bytes:
    # NumPy, JAX and Taichi return their own float scalars: any real number will do.
    try:
        value = float(result)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise TypeError(f"spectral_norm() returned {type(result).__name__}, not a float") from None
    return b"%.9f\n" % value
