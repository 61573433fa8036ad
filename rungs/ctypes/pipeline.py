"""The JSON event pipeline (shared/spec/pipeline.md): the project's engine,
called through ctypes.

pipeline_run_buffer() of engine/pipeline.h, linked into libkernels.so,
reads the bytes in place (ctypes passes a bytes object to a `char *`
argument without a copy) and runs with the GIL released. Python then turns
the engine's C result into the spec's dict, one ctypes field read at a
time, and frees it.

What ctypes costs here is the ABI restated by hand: the engine's structs
below are pipeline.h's again, member for member, with no compiler to check
them. A member out of step would be read from the wrong bytes, silently;
the sizes the library exports (kernels.c) are compared with these at
import, which catches a member added or dropped on one side.
"""
from __future__ import annotations

import ctypes
from typing import Any, NoReturn

from library import LIBRARY, int_constant, size_constant

# char message[200] in pipeline.h: a literal there, so one here too.
ERROR_MESSAGE_BYTES = 200
ERR_MEMORY = int_constant("kernels_pipeline_err_memory")
ERROR_TEXT_MAX = int_constant("kernels_pipeline_error_text_max")


class PipelineError(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_int),   # enum pipeline_error_code
        ("message", ctypes.c_char * ERROR_MESSAGE_BYTES),
        ("byte_offset", ctypes.c_int64),
        ("event_index", ctypes.c_int64),
    ]


class PipelineOptions(ctypes.Structure):
    _fields_ = [
        ("threads", ctypes.c_int),
        ("portable", ctypes.c_int),
        ("min_share", ctypes.c_size_t),
        ("window", ctypes.c_size_t),
    ]


# Strings as pointers to char, not c_char_p: c_char_p would stop at the
# first NUL, and a page may hold one (from a \u0000 escape).
class PipelineUser(ctypes.Structure):
    _fields_ = [
        ("user_id", ctypes.c_int64),
        ("event_count", ctypes.c_int64),
        ("total_amount", ctypes.c_double),
        ("high_value_count", ctypes.c_int64),
        ("duration_seconds", ctypes.c_double),
        ("top_event_type", ctypes.POINTER(ctypes.c_char)),
        ("top_event_type_len", ctypes.c_size_t),
        ("top_page", ctypes.POINTER(ctypes.c_char)),
        ("top_page_len", ctypes.c_size_t),
    ]


class PipelineResult(ctypes.Structure):
    _fields_ = [
        ("total_users", ctypes.c_int64),
        ("total_events", ctypes.c_int64),
        ("total_amount", ctypes.c_double),
        ("total_high_value", ctypes.c_int64),
        ("user_count", ctypes.c_size_t),
        ("users", ctypes.POINTER(PipelineUser)),
    ]


def _check_layouts() -> None:
    for struct, exported in [(PipelineError, "kernels_sizeof_pipeline_error"),
                             (PipelineOptions, "kernels_sizeof_pipeline_options"),
                             (PipelineUser, "kernels_sizeof_pipeline_user"),
                             (PipelineResult, "kernels_sizeof_pipeline_result")]:
        if ctypes.sizeof(struct) != size_constant(exported):
            raise ImportError(f"{struct.__name__} is {ctypes.sizeof(struct)} bytes here but "
                              f"{size_constant(exported)} in engine/pipeline.h: restate it")


_check_layouts()

_run_buffer = LIBRARY.pipeline_run_buffer
_run_buffer.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(PipelineOptions),
                        ctypes.POINTER(PipelineError)]
_run_buffer.restype = ctypes.POINTER(PipelineResult)

_result_free = LIBRARY.pipeline_result_free
_result_free.argtypes = [ctypes.POINTER(PipelineResult)]
_result_free.restype = None

_error_describe = LIBRARY.pipeline_error_describe
_error_describe.argtypes = [ctypes.POINTER(PipelineError), ctypes.c_char_p, ctypes.c_size_t]
_error_describe.restype = ctypes.c_int


def _text(chars: Any, length: int) -> str:
    # A slice of a pointer to char is the bytes themselves (twice as fast
    # as ctypes.string_at, itself a foreign call). The engine keeps a lone
    # surrogate from a \u escape as its 3-byte encoding, which only
    # "surrogatepass" reads back, as json.loads would.
    text: str = chars[:length].decode("utf-8", "surrogatepass")
    return text


def _user(user: PipelineUser) -> dict[str, Any]:
    return {
        "user_id": user.user_id,
        "event_count": user.event_count,
        "total_amount": user.total_amount,
        "high_value_count": user.high_value_count,
        "duration_seconds": user.duration_seconds,
        "top_event_type": _text(user.top_event_type, user.top_event_type_len),
        "top_page": _text(user.top_page, user.top_page_len),
    }


def _raise(error: PipelineError) -> NoReturn:
    if error.code == ERR_MEMORY:
        raise MemoryError("pipeline: out of memory")
    text = ctypes.create_string_buffer(ERROR_TEXT_MAX)
    _error_describe(ctypes.byref(error), text, len(text))
    raise ValueError(text.value.decode("utf-8", "replace"))


def pipeline(data: bytes) -> dict[str, Any]:
    # PIPELINE_OPTIONS_INIT: one thread; ctypes zeroes the rest (defaults).
    options = PipelineOptions(threads=1)
    error = PipelineError(byte_offset=-1, event_index=-1)
    result = _run_buffer(data, len(data), ctypes.byref(options), ctypes.byref(error))
    if not result:
        _raise(error)
    try:
        res = result.contents
        return {
            "total_users": res.total_users,
            "total_events": res.total_events,
            "total_amount": res.total_amount,
            "total_high_value": res.total_high_value,
            "users": [_user(user) for user in res.users[:res.user_count]],
        }
    finally:
        _result_free(result)
