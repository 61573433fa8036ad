"""Builds extension modules with Cython: the one build of the Cython rungs.

    build.py BUILD_DIR SOURCE... [--include DIR]... [--c-source FILE]...
             [--annotate]

Each SOURCE (a pure-Python-mode .py file or a .pyx file) becomes the
extension module named after it, BUILD_DIR/<stem><EXT_SUFFIX>, which the
driver (rungs/_python/driver.py BUILD_DIR ...) imports. --include and
--c-source add a C library's header folder and its sources to every module
(the cython-raw rung links yyjson this way); --include is also where
cimported .pxd files are looked for. --annotate also writes Cython's
annotation report beside each generated C file under BUILD_DIR/c
(<stem>.html): the lines that still call into the interpreter are the
yellow ones.

The cython, cython-pow and cython-raw rungs all build through this file
(their rung.conf `build` lines), so they differ only in their sources.

Compiler flags: setuptools compiles with the interpreter's own CFLAGS
(sysconfig), which for CPython's release builds already hold -O3 and
-DNDEBUG (and -fwrapv or -fno-strict-overflow, CPython's own choice for
its C); the build adds -march=native, as the c rung is compiled, so that
the two are compared on the same instruction set. No -ffast-math: it would
let the compiler reorder floating-point sums (spectral-norm must match its
reference digit for digit) and assume that no value is infinite or NaN
(the pipeline's finiteness checks would be compiled away).

Rebuilding is incremental: cythonize skips sources whose C file is newer,
build_ext skips modules newer than their sources.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Neither ships type information mypy reads (setuptools' is a separate
# stub package), and without the rung's packages installed they are not
# there at all: hence the ignores, either way.
from Cython.Build import cythonize  # type: ignore[import-untyped, unused-ignore]
from Cython.Compiler.Errors import CompileError  # type: ignore[import-untyped, unused-ignore]
from setuptools import Extension, setup  # type: ignore[import-untyped, unused-ignore]

EXTRA_COMPILE_ARGS = ["-march=native"]
# The machine is shared: at most two compile jobs at once.
JOBS = 2


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("sources", type=Path, nargs="+", metavar="SOURCE")
    parser.add_argument("--include", type=Path, action="append", default=[], metavar="DIR")
    parser.add_argument("--c-source", type=Path, action="append", default=[], metavar="FILE")
    parser.add_argument("--annotate", action="store_true")
    return parser.parse_args(argv)


def build(args: argparse.Namespace) -> None:
    build_dir: Path = args.build_dir.resolve()
    extensions = [
        Extension(
            source.stem,
            [str(source), *map(str, args.c_source)],
            include_dirs=[str(d) for d in args.include],
            extra_compile_args=EXTRA_COMPILE_ARGS,
        )
        for source in args.sources
    ]
    modules = cythonize(  # type: ignore[no-untyped-call, unused-ignore]
        extensions,
        build_dir=str(build_dir / "c"),
        annotate=args.annotate,
        nthreads=JOBS,
        compiler_directives={"language_level": 3},
        quiet=True,
    )
    setup(
        name="ladder-cython-rung",
        ext_modules=modules,
        script_name=sys.argv[0],
        script_args=["--quiet", "build_ext", "--build-lib", str(build_dir),
                     "--build-temp", str(build_dir / "obj"), "--parallel", str(JOBS)],
    )


def main(argv: list[str]) -> int:
    try:
        build(parse_args(argv))
    except CompileError as error:
        # Cython has printed the errors above; the last line names the file.
        print(f"build.py: Cython cannot compile {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
