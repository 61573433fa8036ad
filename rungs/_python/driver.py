"""The harness protocol (docs/protocol.md) for rungs whose code Python calls.

    driver.py MODULE_DIR PROBLEM ARGUMENT

Imports the problem's module from MODULE_DIR (the problem's name with '-'
as '_': nbody, spectral_norm, fannkuch_redux, ...) and its function of the
same name. What the argument is and what the output looks like is the
problem's own knowledge, in problems/PROBLEM/python_io.py: its
read_argument() prepares the argument (for the pipeline, reads the input
file into memory) before the clock starts, and its format_result() turns
the function's result into the output after the clock stops. The driver
prints "ready", then answers each "run" line on stdin with

    result <elapsed_ns> <nbytes>
    <nbytes bytes of output>

where elapsed_ns is time.perf_counter_ns() around the call alone. Exits 0
when stdin closes; on any failure prints "error <message>" and exits 1,
with the traceback on stderr.

Runs unchanged on every interpreter of the ladder (CPython 3.10+, PyPy's
Python 3.9, GraalPy), so it keeps to Python 3.9 syntax.
"""
from __future__ import annotations

import ctypes
import importlib
import importlib.util
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

# The project's root: this file is ROOT/rungs/_python/driver.py.
ROOT = Path(__file__).resolve().parent.parent.parent


class DriverError(Exception):
    """The driver was used wrongly; the message says how."""


@dataclass(frozen=True)
class Problem:
    """How the command-line argument becomes the call's argument, and the
    call's result the protocol's output (from problems/NAME/python_io.py)."""

    read_argument: Callable[[str], object]
    format_result: Callable[[object, object], bytes]


def load_problem(problem_name: str) -> Problem:
    """Loads problems/PROBLEM/python_io.py by its path: it never joins
    sys.path, where its name could shadow a rung's module."""
    path = ROOT / "problems" / problem_name / "python_io.py"
    if "/" in problem_name or problem_name.startswith(".") or not path.is_file():
        raise DriverError(f"unknown problem {problem_name!r}")
    spec = importlib.util.spec_from_file_location(
        "ladder_problem_" + problem_name.replace("-", "_"), path)
    if spec is None or spec.loader is None:
        raise DriverError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Problem(module.read_argument, module.format_result)


def load(module_dir: str, problem_name: str) -> Callable[[object], object]:
    """Imports MODULE_DIR/<module> (a .py file or a compiled extension)
    and returns its function."""
    name = problem_name.replace("-", "_")
    sys.path.insert(0, str(Path(module_dir).resolve()))
    module = importlib.import_module(name)
    solve: object = getattr(module, name, None)
    if not callable(solve):
        raise DriverError(f"{module.__file__} has no function {name}()")
    return solve


def no_region() -> None:
    """Nothing to mark: an ordinary run."""


def no_count() -> int:
    return -1


def region_markers() -> tuple[Callable[[], None], Callable[[], int]]:
    """What marks the timed call for `ladder run --instructions`: the
    region library's begin and end (rungs/_native/region.h), loaded with
    ctypes when the harness asks for a count; otherwise nothing."""
    library = os.environ.get("LADDER_REGION_LIB")
    if not library or not os.environ.get("LADDER_COUNT_INSTRUCTIONS"):
        return no_region, no_count
    region = ctypes.CDLL(library)
    region.ladder_region_end.restype = ctypes.c_longlong
    begin: Callable[[], None] = region.ladder_region_begin
    end: Callable[[], int] = region.ladder_region_end
    return begin, end


def serve(solve: Callable[[object], object], argument: object, problem: Problem,
          commands: BinaryIO, out: BinaryIO) -> None:
    """Answers "run" lines until the harness closes stdin."""
    begin, end = region_markers()
    out.write(b"ready\n")
    out.flush()
    for line in commands:
        command = line.strip()
        if command != b"run":
            raise DriverError(f"unknown command {command.decode('utf-8', 'replace')!r}")
        begin()
        start = time.perf_counter_ns()
        result = solve(argument)
        elapsed = time.perf_counter_ns() - start
        instructions = end()
        text = problem.format_result(result, argument)
        if instructions >= 0:
            out.write(b"result %d %d %d\n" % (elapsed, len(text), instructions) + text)
        else:
            out.write(b"result %d %d\n" % (elapsed, len(text)) + text)
        out.flush()
        # Freed here, not by the next iteration's assignment inside the
        # timed region (tearing down 5,000 user dicts takes ~0.5 ms).
        del result, text


def report_error(out: BinaryIO, message: str) -> int:
    """Sends the protocol's one-line error; returns the exit status."""
    one_line = " ".join(message.split())
    out.write(b"error " + one_line.encode("utf-8", "replace") + b"\n")
    out.flush()
    return 1


def main(argv: list[str]) -> int:
    # The protocol owns stdout; anything the rung's code prints goes to
    # stderr, where the harness keeps it for the failure report.
    out = sys.stdout.buffer
    sys.stdout = sys.stderr
    try:
        if len(argv) != 4:
            raise DriverError("usage: driver.py MODULE_DIR PROBLEM ARGUMENT")
        module_dir, problem_name, raw_argument = argv[1:]
        problem = load_problem(problem_name)
        solve = load(module_dir, problem_name)
        argument = problem.read_argument(raw_argument)
        serve(solve, argument, problem, sys.stdin.buffer, out)
    except DriverError as e:
        print(f"driver.py: {e}", file=sys.stderr)
        return report_error(out, str(e))
    except Exception as e:
        traceback.print_exc()
        return report_error(out, f"{type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
