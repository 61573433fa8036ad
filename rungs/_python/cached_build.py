"""Compiles Python modules into extension modules, each once: the part the
ahead-of-time rungs whose compiler is slow (nuitka, pythran) share.

    build_all(argv, compiler, compile_module) -> exit status

argv is a build script's command line, BUILD_DIR SOURCE...: each SOURCE
becomes the extension module BUILD_DIR/<stem><EXT_SUFFIX>, which the
driver (rungs/_python/driver.py BUILD_DIR ...) imports. compile_module(
source, target) runs the compiler, writing nothing at target until the
module is whole, and returns None on success, else the compiler's output.

A module is rebuilt only when its key changes: the source, `compiler` (the
caller's flags and the versions the module is compiled against) and the
interpreter. The key is kept beside the module (<stem>.key), written only
after the module is in place, so an interrupted build is redone. Two
modules compile at a time (the machine is shared). Each module's line
("compiled", "is up to date") goes to stdout in the sources' order, and
each failure's output to stderr, ending with a line that names the module
(the harness shows a failed build's last line).

Python 3.10+ (the interpreters these rungs run on).
"""
from __future__ import annotations

import hashlib
import sys
import sysconfig
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Optional

# The machine is shared: at most two compile jobs at once.
JOBS = 2

CompileModule = Callable[[Path, Path], Optional[str]]


def module_key(source: Path, compiler: str) -> str:
    """What the compiled module depends on; a different key means rebuild."""
    digest = hashlib.sha256(source.read_bytes())
    for part in (compiler, sys.version, sys.executable):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def build_module(build_dir: Path, source: Path, compiler: str,
                 compile_module: CompileModule) -> tuple[str, str | None]:
    """Compiles source unless its key is unchanged; returns the line that
    says what was done, and None on success, else what the compiler printed."""
    target = build_dir / (source.stem + sysconfig.get_config_var("EXT_SUFFIX"))
    stamp = build_dir / (source.stem + ".key")
    key = module_key(source, compiler)
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        return f"build.py: {target.name} is up to date", None
    stamp.unlink(missing_ok=True)
    failure = compile_module(source, target)
    if failure is not None:
        return (f"build.py: cannot compile {target.name}",
                failure + f"build.py: cannot compile {source}\n")
    stamp.write_text(key)
    return f"build.py: compiled {target.name}", None


def build_all(argv: list[str], compiler: str, compile_module: CompileModule) -> int:
    """The build script's main: 0 when every module is in place, 1 when one
    failed, 2 for a bad command line."""
    if len(argv) < 2:
        print("usage: build.py BUILD_DIR SOURCE...", file=sys.stderr)
        return 2
    build_dir = Path(argv[0]).resolve()
    build_dir.mkdir(parents=True, exist_ok=True)
    sources = [Path(source).resolve() for source in argv[1:]]
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        outcomes = list(pool.map(
            lambda source: build_module(build_dir, source, compiler, compile_module), sources))
    # Printed here, in the sources' order: the threads' lines would interleave.
    for line, _ in outcomes:
        print(line)
    failures = [log for _, log in outcomes if log]
    for log in failures:
        print(log, end="", file=sys.stderr)
    return 1 if failures else 0
