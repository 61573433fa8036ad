"""binary-trees (shared/spec/problems.md): the c rung's kernel, called
through cffi.

binary_trees_compute() of rungs/c/binary_trees_kernel.h, compiled into the
extension module _binary_trees by build.py (cffi's API mode), builds, walks
and frees every tree in one call, without the GIL, and fills a C array
with the counts, which Python reads back as ints.
"""
from __future__ import annotations

# Built by build.py into the build folder, which rung.conf's run line puts
# on PYTHONPATH; no type information: ffi and lib are Any to mypy.
from _binary_trees import ffi, lib  # type: ignore[import-not-found, unused-ignore]


def binary_trees(n: int) -> list[int]:
    if not lib.BINARY_TREES_MIN_N <= n <= lib.BINARY_TREES_MAX_N:
        raise ValueError(
            f"n must be from {lib.BINARY_TREES_MIN_N} to {lib.BINARY_TREES_MAX_N}, not {n}")
    checks = ffi.new("long long[]", lib.BINARY_TREES_MAX_CHECKS)
    count = ffi.new("size_t *")
    if lib.binary_trees_compute(n, checks, count) != 0:
        raise MemoryError("binary_trees: out of memory")
    result: list[int] = ffi.unpack(checks, count[0])
    return result
