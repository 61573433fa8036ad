"""Builds the cffi rung's extension modules (cffi's API mode) for one interpreter.

    build.py BUILD_DIR

For each problem, NAME.cdef (the C declarations Python may call) is
compiled by cffi against the C code that implements them, the c rung's
kernel header (rungs/c/NAME_kernel.h) or, for the pipeline, the engine
(engine/pipeline.h and engine/*.c), into the extension module
BUILD_DIR/_NAME<EXT_SUFFIX>. The rung's NAME.py imports it (`from _NAME
import ffi, lib`); rung.conf puts BUILD_DIR on PYTHONPATH for that.

API mode, not ABI mode: cffi writes a C file that includes the header and
calls the declared functions from C, so the compiler checks every
declaration against the header (a wrong argument type or struct layout is
a build error, not a crash), and the kernels' functions, `static` in their
headers, are called where they are compiled. No second copy of the C: the
c rung's headers are included as they are.

Compiler flags: setuptools compiles with the interpreter's own CFLAGS
(sysconfig: -O3 for CPython's release builds); the ones added make the
kernels' code the c rung's (rungs/c/Makefile), instruction for
instruction: -march=native; -std=c11, whose ISO mode contracts no a*b+c
into a fused multiply-add, as the c rung's arithmetic does not; and
-fno-wrapv, since CPython's CFLAGS make signed overflow wrap
(-fno-strict-overflow from 3.12, -fwrapv before), which CPython's own C
needs and the kernels do not, and which made spectral-norm's inner loops
run 38% more instructions (callgrind, N = 500). No -ffast-math
(spectral-norm must match its reference digit for digit).

The C files cffi generates go to BUILD_DIR/c, objects to BUILD_DIR/obj.
Rebuilding is incremental: cffi rewrites a generated file only when the
declarations change, and build_ext skips a module newer than its sources,
headers and this file.

Runs from anywhere: paths are the repository's (this file is
ROOT/rungs/cffi/build.py).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

# cffi and setuptools ship no type information mypy reads, and without the
# rung's packages installed they are not there at all: hence the ignores,
# either way.
import cffi  # type: ignore[import-untyped, unused-ignore]
from setuptools import setup  # type: ignore[import-untyped, unused-ignore]

RUNG_DIR = Path(__file__).resolve().parent
ROOT = RUNG_DIR.parent.parent
ENGINE_SOURCES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "engine").glob("*.c"))
ENGINE_HEADERS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "engine").glob("*.h"))

EXTRA_COMPILE_ARGS = ["-std=c11", "-march=native", "-fno-wrapv", "-pthread"]
# The engine uses POSIX and GNU calls (files, threads, locales), as the c
# rung compiles it.
ENGINE_MACROS = [("_GNU_SOURCE", None)]
EXTRA_LINK_ARGS = ["-pthread"]
# The machine is shared: at most two compile jobs at once.
JOBS = 2


@dataclass(frozen=True)
class Module:
    """One problem's extension module: its declarations (NAME.cdef), the
    header that defines them, and any C sources to compile with it."""

    name: str
    header: str
    sources: list[str] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)
    macros: list[tuple[str, None]] = field(default_factory=list)


MODULES = [
    Module("nbody", "rungs/c/nbody_kernel.h"),
    Module("spectral_norm", "rungs/c/spectral_norm_kernel.h"),
    Module("fannkuch_redux", "rungs/c/fannkuch_redux_kernel.h"),
    Module("mandelbrot", "rungs/c/mandelbrot_kernel.h"),
    Module("binary_trees", "rungs/c/binary_trees_kernel.h"),
    Module("pipeline", "engine/pipeline.h", sources=ENGINE_SOURCES, depends=ENGINE_HEADERS,
           macros=ENGINE_MACROS),
]


def extension(module: Module, c_dir: Path) -> object:
    """The setuptools Extension of one module, its C file (re)generated in
    c_dir if its declarations changed."""
    ffibuilder = cffi.FFI()
    ffibuilder.cdef((RUNG_DIR / f"{module.name}.cdef").read_text(encoding="utf-8"))
    ffibuilder.set_source(
        f"_{module.name}",
        f'#include "{module.header}"',
        sources=module.sources,
        include_dirs=[str(ROOT)],
        define_macros=module.macros,
        depends=[module.header, *module.depends, str(RUNG_DIR / f"{module.name}.cdef"),
                 __file__],
        extra_compile_args=EXTRA_COMPILE_ARGS,
        extra_link_args=EXTRA_LINK_ARGS,
        libraries=["m"],
    )
    return ffibuilder.distutils_extension(tmpdir=str(c_dir), verbose=False)


def build(build_dir: Path) -> None:
    build_dir = build_dir.resolve()
    # The headers are included, and the engine's sources named, from the
    # repository's root.
    os.chdir(ROOT)
    extensions = [extension(module, build_dir / "c") for module in MODULES]
    setup(
        name="ladder-cffi-rung",
        ext_modules=extensions,
        script_name=sys.argv[0],
        script_args=["--quiet", "build_ext", "--build-lib", str(build_dir),
                     "--build-temp", str(build_dir / "obj"), "--parallel", str(JOBS)],
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: build.py BUILD_DIR", file=sys.stderr)
        return 2
    build(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
