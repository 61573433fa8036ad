"""How Python-hosted rungs are called for mandelbrot (docs/protocol.md).

    mandelbrot(n: int) -> bytes-like    # the n rows of the bitmap, (n + 7) // 8 bytes each

The function returns the bitmap's rows only (bytes, bytearray, memoryview,
or anything with the buffer protocol, such as a NumPy uint8 array); the
output is the PBM file: the header "P4\\n<n> <n>\\n", then those bytes.
"""
from __future__ import annotations


def read_argument(text: str) -> int:
    return int(text)


def format_result(result: object, n: int) -> bytes:
    try:
        rows = memoryview(result).cast("B")  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"mandelbrot() returned {type(result).__name__}, not bytes") from None
    want = n * ((n + 7) // 8)
    if rows.nbytes != want:
        raise ValueError(f"mandelbrot({n}) returned {rows.nbytes} bytes, not {want}")
    return b"P4\n%d %d\n" % (n, n) + rows.tobytes()
