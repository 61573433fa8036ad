"""The JSON event pipeline (shared/spec/pipeline.md): the project's engine,
called through cffi.

pipeline_run_buffer() of engine/pipeline.h, compiled with the engine into
the extension module _pipeline by build.py (cffi's API mode), reads the
bytes in place (cffi passes a bytes object to `const char *` without a
copy) and runs with the GIL released. What Python does is what the engine
cannot: turn its C result into the spec's dict, one cffi field read at a
time, and free it. That conversion is the price of calling C this way;
the c-ext rung does the same in C.
"""
from __future__ import annotations

from typing import Any, NoReturn

# Built by build.py into the build folder, which rung.conf's run line puts
# on PYTHONPATH; no type information: ffi and lib are Any to mypy.
from _pipeline import ffi, lib  # type: ignore[import-not-found, unused-ignore]


def _text(chars: Any, length: int) -> str:
    # The engine keeps a lone surrogate from a \u escape as its 3-byte
    # encoding, which only "surrogatepass" reads back, as json.loads would.
    text: str = ffi.unpack(chars, length).decode("utf-8", "surrogatepass")
    return text


def _user(user: Any) -> dict[str, Any]:
    return {
        "user_id": user.user_id,
        "event_count": user.event_count,
        "total_amount": user.total_amount,
        "high_value_count": user.high_value_count,
        "duration_seconds": user.duration_seconds,
        "top_event_type": _text(user.top_event_type, user.top_event_type_len),
        "top_page": _text(user.top_page, user.top_page_len),
    }


def _raise(error: Any) -> NoReturn:
    if error.code == lib.PIPELINE_ERR_MEMORY:
        raise MemoryError("pipeline: out of memory")
    text = ffi.new("char[]", lib.PIPELINE_ERROR_TEXT_MAX)
    lib.pipeline_error_describe(error, text, len(text))
    raise ValueError(ffi.string(text).decode("utf-8", "replace"))


def pipeline(data: bytes) -> dict[str, Any]:
    # PIPELINE_OPTIONS_INIT: one thread; ffi.new zeroes the rest (defaults).
    options = ffi.new("pipeline_options *", {"threads": 1})
    error = ffi.new("pipeline_error *", {"byte_offset": -1, "event_index": -1})
    result = lib.pipeline_run_buffer(data, len(data), options, error)
    if result == ffi.NULL:
        _raise(error)
    try:
        return {
            "total_users": result.total_users,
            "total_events": result.total_events,
            "total_amount": result.total_amount,
            "total_high_value": result.total_high_value,
            "users": [_user(user) for user in result.users[0:result.user_count]],
        }
    finally:
        lib.pipeline_result_free(result)
