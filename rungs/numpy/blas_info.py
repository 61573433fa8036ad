"""Which BLAS this rung's NumPy calls, for the results: library, version,
kernel and threads.

The numpy rung's spectral-norm is a BLAS benchmark as much as a NumPy one
(each `a @ u` is a dgemv), so its time means little without the library
that ran it: which implementation, which CPU kernel it picked, and how
many threads it used. threadpoolctl reads that from the libraries NumPy
has loaded, without changing anything (OPENBLAS_CORETYPE and the thread
variables are the environment's business).

    blas_info() -> list of dicts, one per BLAS NumPy loaded:
        {"library": "openblas", "version": "0.3.34.237.2",
         "threads": 2, "architecture": "SkylakeX",
         "threading_layer": "pthreads", "file": "libscipy_openblas64_-....so"}
    describe() -> one line, e.g.
        "openblas 0.3.34.237.2, SkylakeX kernel, 2 threads (pthreads)"

`python blas_info.py` prints blas_info() as JSON on one line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TypeAlias

import numpy  # noqa: F401 -- imported so that its BLAS is loaded for threadpoolctl to see
from threadpoolctl import threadpool_info  # type: ignore[import-untyped, unused-ignore]

BlasInfo: TypeAlias = dict[str, str | int | None]


def _entry(info: dict[str, Any]) -> BlasInfo:
    return {
        "library": info.get("internal_api"),
        "version": info.get("version"),
        "threads": info.get("num_threads"),
        # OpenBLAS's CPU kernel (as OPENBLAS_CORETYPE would name it); other
        # libraries do not report one.
        "architecture": info.get("architecture"),
        "threading_layer": info.get("threading_layer"),
        "file": Path(str(info.get("filepath", ""))).name,
    }


def blas_info() -> list[BlasInfo]:
    """Every BLAS library loaded in this process, as threadpoolctl sees it."""
    return [_entry(info) for info in threadpool_info() if info.get("user_api") == "blas"]


def describe() -> str:
    """blas_info() in one line for a report ("no BLAS found" if empty)."""
    parts = []
    for info in blas_info():
        kernel = f", {info['architecture']} kernel" if info["architecture"] else ""
        layer = f" ({info['threading_layer']})" if info["threading_layer"] else ""
        threads = "1 thread" if info["threads"] == 1 else f"{info['threads']} threads"
        parts.append(f"{info['library']} {info['version']}{kernel}, {threads}{layer}")
    return "; ".join(parts) or "no BLAS found"


if __name__ == "__main__":
    # `--describe`: the one line rung.conf's `describe` records with each row.
    print(describe() if sys.argv[1:] == ["--describe"] else json.dumps(blas_info()))
