"""The harness protocol (docs/protocol.md) for rungs whose code Python calls.

    driver.py MODULE_DIR PROBLEM ARGUMENT

Imports the problem's module from MODULE_DIR (nbody, spectral_norm or
pipeline: the problem's name with '-' as '_') and its function of the same
name, prepares the argument (for the pipeline, reads the input file into
memory), prints "ready", then answers each "run" line on stdin with

    result <elapsed_ns> <nbytes>
    <nbytes bytes of output>

where elapsed_ns is time.perf_counter_ns() around the call alone: the
output is formatted after the clock stops. Exits 0 when stdin closes; on
any failure prints "error <message>" and exits 1, with the traceback on
stderr.
"""
from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable


class DriverError(Exception):
    """The driver was used wrongly; the message says how."""


def format_nbody(result: object) -> bytes:
    if not (isinstance(result, tuple) and len(result) == 2):
        raise DriverError(f"nbody() returned {type(result).__name__}, not a pair")
    before, after = result
    return b"%.9f\n%.9f\n" % (before, after)


def format_spectral_norm(result: object) -> bytes:
    if not isinstance(result, float):
        raise DriverError(f"spectral_norm() returned {type(result).__name__}, not a float")
    return b"%.9f\n" % result


def format_pipeline(result: object) -> bytes:
    if not isinstance(result, dict):
        raise DriverError(f"pipeline() returned {type(result).__name__}, not a dict")
    return (json.dumps(result) + "\n").encode("utf-8")


def read_steps(argument: str) -> int:
    return int(argument)


def read_input_file(argument: str) -> bytes:
    return Path(argument).read_bytes()


@dataclass(frozen=True)
class Problem:
    """How to turn the command-line argument into the call's argument, and
    the call's result into the protocol's output."""

    read_argument: Callable[[str], object]
    format_result: Callable[[object], bytes]


PROBLEMS = {
    "nbody": Problem(read_steps, format_nbody),
    "spectral-norm": Problem(read_steps, format_spectral_norm),
    "pipeline": Problem(read_input_file, format_pipeline),
}


def load(module_dir: str, problem_name: str) -> Callable[[object], object]:
    """Imports MODULE_DIR/<module>.py and returns its function."""
    name = problem_name.replace("-", "_")
    sys.path.insert(0, str(Path(module_dir).resolve()))
    module = importlib.import_module(name)
    solve: object = getattr(module, name, None)
    if not callable(solve):
        raise DriverError(f"{module.__file__} has no function {name}()")
    return solve


def serve(solve: Callable[[object], object], argument: object, problem: Problem,
          commands: BinaryIO, out: BinaryIO) -> None:
    """Answers "run" lines until the harness closes stdin."""
    out.write(b"ready\n")
    out.flush()
    for line in commands:
        command = line.strip()
        if command != b"run":
            raise DriverError(f"unknown command {command.decode('utf-8', 'replace')!r}")
        start = time.perf_counter_ns()
        result = solve(argument)
        elapsed = time.perf_counter_ns() - start
        text = problem.format_result(result)
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
        problem = PROBLEMS.get(problem_name)
        if problem is None:
            raise DriverError(f"unknown problem {problem_name!r}")
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
