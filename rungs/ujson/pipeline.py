"""The JSON event pipeline with ujson.loads in place of json.loads.

A drop-in parser, as the orjson rung is: ujson (UltraJSON, C) builds the
same dicts and lists as json, and everything after the parse is the
cpython rung's own code (rungs/cpython/pipeline.py, imported from there,
checks and all), so the difference between the two rungs is the parser
alone: the news summary's "zero code changes", measured.

Where ujson is not json: it accepts input that RFC 8259 and json refuse
(NaN and Infinity, leading zeros, raw control characters in strings,
surrogates encoded in UTF-8). The cpython rung's checks still refuse a
non-finite amount, but such input elsewhere in an event passes unseen.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import ujson


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
        events = ujson.loads(data)
    except ujson.JSONDecodeError as error:
        raise ValueError(str(error)) from None
    if not isinstance(events, list):
        raise ValueError("expected a JSON array of events")
    result: dict[str, Any] = _cpython.aggregate(events)
    return result
