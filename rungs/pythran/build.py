"""Builds the pythran rung: compiles each module with Pythran, once.

    build.py BUILD_DIR SOURCE...

Each SOURCE (rungs/pythran/<module>.py, with its `#pythran export` line)
becomes the extension module BUILD_DIR/<module><EXT_SUFFIX>. The build is
Pythran's own command, `pythran -O3 -march=native SOURCE -o MODULE`: the
same optimisation and instruction set as the c rung, no -ffast-math (it
would let the compiler reorder spectral-norm's sums), no OpenMP (one core,
as the c rung). g++ 12 warns about a use after free() in Pythran's
reference-counting header (-Wuse-after-free); it is a false positive of
that compiler, and harmless.

A module takes 4-5 s to compile, so it is rebuilt only when the source,
Pythran's or NumPy's version (Pythran's C++ is compiled against both), the
flags or the interpreter change (rungs/_python/cached_build.py).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy
# Pythran ships no type information; without the rung's packages installed
# it is not there at all: hence the ignore, either way.
import pythran  # type: ignore[import-untyped, import-not-found, unused-ignore]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_python"))
from cached_build import build_all  # noqa: E402  (after its folder joins the path)

FLAGS = ["-O3", "-march=native"]


def compile_module(source: Path, target: Path) -> str | None:
    partial = target.with_name(target.name + ".partial")
    compiled = subprocess.run(
        [sys.executable, "-m", "pythran.run", *FLAGS, str(source), "-o", str(partial)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, check=False)
    if compiled.returncode != 0:
        partial.unlink(missing_ok=True)
        return compiled.stdout
    os.replace(partial, target)
    return None


if __name__ == "__main__":
    compiler = f"pythran {pythran.__version__} numpy {numpy.__version__} {' '.join(FLAGS)}"
    sys.exit(build_all(sys.argv[1:], compiler, compile_module))
