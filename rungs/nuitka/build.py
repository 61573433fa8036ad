"""Builds the nuitka rung: compiles Python modules, unchanged, with Nuitka, once.

    build.py BUILD_DIR SOURCE...

Each SOURCE (rungs/cpython/<module>.py, or the user's module for `ladder
try`) becomes the extension module BUILD_DIR/<module><EXT_SUFFIX>. The
build is Nuitka's own command for one module, `python -m nuitka --module
SOURCE`, with its default optimisation (gcc -O3 without asserts; Nuitka's
--lto=auto leaves LTO off with gcc 12), and these choices: no .pyi file
beside the module, no update check and no downloads (a build must not
reach the network: stdin is /dev/null, so Nuitka's download prompts are
refused), one C compiler job a module (most of a module's time is one
large C file, which a second job would not split), and Nuitka's cache
folder in BUILD_DIR, not the user's home.

A module takes ~30-40 s to compile, so it is rebuilt only when the
source, Nuitka's version, the flags or the interpreter change
(rungs/_python/cached_build.py).

Why Nuitka is slower than CPython 3.13 here (n-body 0.48x at 100,000
steps, mandelbrot 0.50x at n = 200, spectral-norm 0.76x at N = 100:
`ladder run`, medians). Instructions of 20,000 n-body steps (callgrind,
less the start-up; wall times on this shared machine were too noisy to
tell builds apart), Nuitka 4.3.3 against each interpreter running the
same source:

    CPython          3.10    3.11    3.12    3.13
    interpreter     1,843   1,024   1,103   1,109  million instructions
    Nuitka          1,183   1,205   1,619   1,699

The build is not the cause: the scons command is gcc -O3 -fPIC with
__NUITKA_NO_ASSERT__, no debug mode; --lto=yes gives 1,695 (the hot
calls go into libpython, which LTO cannot reach), --clang (clang 14)
with or without LTO was no faster in time, Nuitka 2.8.10 gives 2,002,
4.3.3 is the newest release, C-level PGO (--pgo-c) is unsupported for
modules, --static-libpython does not apply to them, and the modules have
no assert statements for --python-flag=no_asserts to drop. The cause is
what Nuitka makes of this code (module.nbody.c): it infers no types for
values taken from lists and tuples, so every `x1 - x2` or `dx * b2m` is
BINARY_OPERATION_*_OBJECT_OBJECT_OBJECT, which calls float's nb_* slot in
libpython (float_mul -> PyFloat_FromDouble: a new float each time), and
every `[x1, y1, z1]` target is MAKE_UNPACK_ITERATOR, a tuple or list
iterator allocated and freed. Per n-body step that is 270 new floats (185
made in libpython) and 62 iterators; CPython 3.13's specialising
interpreter (BINARY_OP_MULTIPLY_FLOAT, UNPACK_SEQUENCE_TUPLE/LIST, since
3.11) computes in line, reuses a dying operand for 105 of the 270 results
and makes no iterator. From 3.12 on, libpython's float free list,
obmalloc and GC also find their state through the thread-local thread
state, which in pyenv's --enable-shared (PIC) libpython (-O3, no PGO or
LTO) is a __tls_get_addr call: 210 million of Nuitka's 1,699 above (84
of the interpreter's 1,109), none on 3.10. Mandelbrot and spectral-norm
show the same (interpreter against Nuitka, million instructions: 459 and
841 at n = 120, 897 and 1,042 at N = 100 on 3.13; 826 and 629, 1,278 and
810 on 3.10).
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
