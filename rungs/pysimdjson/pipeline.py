"""The JSON event pipeline with simdjson.loads (pysimdjson) in place of
json.loads.

A drop-in parser, as the orjson rung is: pysimdjson's loads() parses with
simdjson (C++, SIMD) and, unlike its Parser.parse() with its lazy proxies,
converts the whole document into real dicts and lists, so everything
after the parse is the cpython rung's own code (rungs/cpython/pipeline.py,
imported from there, checks and all) and the difference between the two
rungs is the parser alone: the news summary's "zero code changes",
measured.

Not quite zero: simdjson refuses JSON that json reads (integers beyond 64
bits, \\u escapes of a lone surrogate), so a swap alone would refuse valid
input (shared/spec/pipeline.md section 4). Whatever simdjson refuses goes
to the cpython rung's pipeline whole, whose json.loads either reads it or
raises the cpython rung's own error for it: the results and errors are
the cpython rung's on every input, at simdjson's speed on the input it
reads (all of the generated data). The one input simdjson reads and json
does not: a UTF-8 byte order mark, which it skips.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import simdjson


def _load_cpython_rung() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "cpython" / "pipeline.py"
    spec = importlib.util.spec_from_file_location("cpython_pipeline", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the cpython rung from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_cpython = _load_cpython_rung()


def pipeline(data: bytes) -> dict[str, Any]:
    try:
        events = simdjson.loads(data)
    except (ValueError, RuntimeError):
        # simdjson raises RuntimeError for what it cannot represent (a big
        # integer, deep nesting), ValueError for the rest.
        result: dict[str, Any] = _cpython.pipeline(data)
        return result
    if not isinstance(events, list):
        raise ValueError("expected a JSON array of events")
    aggregated: dict[str, Any] = _cpython.aggregate(events)
    return aggregated
