"""Builds the mypyc rung: type-checks its modules and compiles them with mypycify.

    build.py [--lenient] BUILD_DIR SOURCE...

Each SOURCE (rungs/mypyc/<module>.py) becomes the extension module
BUILD_DIR/<module><EXT_SUFFIX>, which the driver (rungs/_python/driver.py
BUILD_DIR ...) imports; the compiled code of all of them is in one shared
library beside them (mypyc's default: one group). mypy checks them first,
with --strict: mypyc compiles only code that type-checks. --lenient (for
`ladder try`, which compiles a user's module as it is) drops --strict, so
that code without annotations compiles too, on mypyc's generic paths.

Flags are mypycify's own defaults, as the study used it ("no new build
system beyond mypycify()"): opt_level 3, i.e. gcc -O3. The generated C
mostly calls into CPython's runtime, which -march=native would not speed
up. mypy's cache and the generated C go under BUILD_DIR, never into the
working folder; rebuilding is incremental (mypy's cache, and build_ext
skips modules newer than their sources).
"""
from __future__ import annotations

import sys
from pathlib import Path

# setuptools ships no type information mypy reads (its stubs are a separate
# package), and without the rung's packages installed it is not there at
# all: hence the ignore, either way.
from mypyc.build import mypycify
from setuptools import setup  # type: ignore[import-untyped, unused-ignore]

OPT_LEVEL = "3"
# The machine is shared: at most two compile jobs at once.
JOBS = 2


def build(build_dir: Path, sources: list[str], strict: bool = True) -> None:
    build_dir = build_dir.resolve()
    modules = mypycify(
        [*(["--strict"] if strict else []), "--cache-dir", str(build_dir / "mypy-cache"), *sources],
        opt_level=OPT_LEVEL,
        target_dir=str(build_dir / "c"),
    )
    setup(
        name="ladder-mypyc-rung",
        ext_modules=modules,
        script_name=sys.argv[0],
        script_args=["--quiet", "build_ext", "--build-lib", str(build_dir),
                     "--build-temp", str(build_dir / "obj"), "--parallel", str(JOBS)],
    )


def main(argv: list[str]) -> int:
    strict = not (argv and argv[0] == "--lenient")
    if not strict:
        argv = argv[1:]
    if len(argv) < 2:
        print("usage: build.py [--lenient] BUILD_DIR SOURCE...", file=sys.stderr)
        return 2
    build(Path(argv[0]), argv[1:], strict)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
