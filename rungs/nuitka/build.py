"""Builds the nuitka rung: compiles Python modules, unchanged, with Nuitka, once.

    build.py BUILD_DIR SOURCE...

Each SOURCE (rungs/cpython/<module>.py, or the user's module for `ladder
try`) becomes the extension module BUILD_DIR/<module><EXT_SUFFIX>. The
build is Nuitka's own command for one module, `python -m nuitka --module
SOURCE`, with its default optimisation (gcc -O3, link-time optimisation
where Nuitka finds it works; --lto=yes made no difference to n-body), and
these choices: no .pyi file beside the module, no update check and no
downloads (a build must not reach the network: stdin is /dev/null, so
Nuitka's download prompts are refused), one C compiler job a module (most
of a module's time is one large C file, which a second job would not
split), and Nuitka's cache folder in BUILD_DIR, not the user's home.

A module takes ~30-40 s to compile, so it is rebuilt only when the
source, Nuitka's version, the flags or the interpreter change
(rungs/_python/cached_build.py).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# Nuitka ships no type information; without the rung's packages installed
# it is not there at all: hence the ignore, either way.
from nuitka.Version import getNuitkaVersion  # type: ignore[import-untyped, import-not-found, unused-ignore]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_python"))
from cached_build import build_all  # noqa: E402  (after its folder joins the path)

FLAGS = ["--module", "--no-pyi-file", "--remove-output", "--update-check=never", "--jobs=1"]


def compile_module(source: Path, target: Path) -> str | None:
    # Nuitka writes its C sources and the module into a folder of its own,
    # so that a failed build leaves no half-written module where the driver
    # would import it.
    scratch = target.parent / (source.stem + ".nuitka")
    shutil.rmtree(scratch, ignore_errors=True)
    env = dict(os.environ, NUITKA_CACHE_DIR=str(target.parent / "nuitka-cache"))
    compiled = subprocess.run(
        [sys.executable, "-m", "nuitka", *FLAGS, f"--output-dir={scratch}", str(source)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, check=False)
    built = scratch / target.name
    if compiled.returncode != 0 or not built.exists():
        return compiled.stdout
    os.replace(built, target)
    shutil.rmtree(scratch)
    return None


if __name__ == "__main__":
    compiler = f"nuitka {getNuitkaVersion()} {' '.join(FLAGS)}"
    sys.exit(build_all(sys.argv[1:], compiler, compile_module))
