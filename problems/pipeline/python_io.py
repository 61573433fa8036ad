"""How Python-hosted rungs are called for the JSON pipeline (docs/protocol.md).

    pipeline(data: bytes) -> dict      # the result of shared/spec/pipeline.md §3

The argument is the path of the input file; its bytes are read before the
clock starts. The output is the result as one line of JSON.
"""
from __future__ import annotations

import json
from pathlib import Path


def read_argument(text: str) -> bytes:
    return Path(text).read_bytes()


def format_result(result: object, data: bytes) -> bytes:
    if not isinstance(result, dict):
        raise TypeError(f"pipeline() returned {type(result).__name__}, not a dict")
    return (json.dumps(result) + "\n").encode("utf-8")
