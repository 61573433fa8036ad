"""The harness protocol (docs/protocol.md) for `ladder try`: the user's own
function, called as it is.

    try_driver.py MODULE_DIR MODULE FUNCTION [--wrap PACKAGE.CALLABLE]
                  [--setup NAME] [--check] -- [ARG ...]

Imports MODULE from MODULE_DIR (the user's folder, or a rung's build of the
module), finds FUNCTION, and prepares its arguments before the clock starts:
each ARG is a Python literal (ast.literal_eval), or, with --setup NAME, the
module's function NAME is called and returns them (a tuple, or one value).
--wrap wraps the function first (numba.njit: a Numba row). Then "ready",
and for each "run": FUNCTION(*args) timed alone, the result written as
try_values.encode() writes it (after the clock stops).

--check only imports: it prints "ok", or "missing NAME" when an import of
the module fails for a missing module, or "error ..." otherwise, and exits.

A wrapper that refuses the function (Numba that cannot compile it) fails on
the first call: the error line says why, in one line. Runs on every
interpreter of the ladder (Python 3.9 syntax).
"""
from __future__ import annotations

import ast
import importlib
import re
import sys
import time
import traceback
from pathlib import Path
from typing import Any, BinaryIO, Callable, List, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent))
import try_values  # noqa: E402  (beside this file)


class DriverError(Exception):
    """The driver was used wrongly, or the module is not as named."""


def parse(argv: Sequence[str]) -> dict[str, Any]:
    if "--" not in argv:
        raise DriverError("usage: try_driver.py MODULE_DIR MODULE FUNCTION [options] -- [ARG ...]")
    split = list(argv).index("--")
    head, literals = list(argv[:split]), list(argv[split + 1:])
    if len(head) < 3:
        raise DriverError("usage: try_driver.py MODULE_DIR MODULE FUNCTION [options] -- [ARG ...]")
    options: dict[str, Any] = {"dir": head[0], "module": head[1], "function": head[2],
                               "wrap": None, "setup": None, "check": False, "args": literals}
    rest = head[3:]
    while rest:
        flag = rest.pop(0)
        if flag == "--check":
            options["check"] = True
        elif flag in ("--wrap", "--setup") and rest:
            options[flag[2:]] = rest.pop(0)
        else:
            raise DriverError(f"unknown option {flag!r}")
    return options


def import_module(directory: str, name: str) -> Any:
    sys.path.insert(0, str(Path(directory).resolve()))
    return importlib.import_module(name)


def arguments(module: Any, options: dict[str, Any]) -> List[Any]:
    if options["setup"] is not None:
        make = getattr(module, options["setup"], None)
        if not callable(make):
            raise DriverError(f"{module.__name__} has no function {options['setup']}() for --setup")
        made = make()
        return list(made) if isinstance(made, tuple) else [made]
    values = []
    for text in options["args"]:
        try:
            values.append(ast.literal_eval(text))
        except (ValueError, SyntaxError):
            raise DriverError(f"argument {text!r} is not a Python literal (quote a string: \"'text'\")") from None
    return values


def wrapped(function: Callable[..., Any], wrap: str) -> Callable[..., Any]:
    package, _, attribute = wrap.rpartition(".")
    wrapper = getattr(importlib.import_module(package), attribute)
    result: Callable[..., Any] = wrapper(function)
    return result


def serve(call: Callable[..., Any], args: List[Any], commands: BinaryIO, out: BinaryIO) -> None:
    out.write(b"ready\n")
    out.flush()
    for line in commands:
        if line.strip() != b"run":
            raise DriverError(f"unknown command {line.strip().decode('utf-8', 'replace')!r}")
        start = time.perf_counter_ns()
        result = call(*args)
        elapsed = time.perf_counter_ns() - start
        text = (try_values.encode(result) + "\n").encode("utf-8")
        out.write(b"result %d %d\n" % (elapsed, len(text)) + text)
        out.flush()
        del result


# Lines of a compiler's message that say where, not why (Numba's frames).
NOT_THE_REASON = ("Failed in ", "During:", "File ", "Resolution failure", "- Resolution", "[1]",
                  "Enable logging", "This error may have been caused")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def reason(e: BaseException) -> str:
    """The exception in one line: its type and the first line that says why
    (a Numba refusal's first lines say only where it failed)."""
    lines = [ANSI_ESCAPE.sub("", line).strip() for line in str(e).splitlines()]
    lines = [line for line in lines if line]
    telling = [line for line in lines if not line.startswith(NOT_THE_REASON)]
    why = (telling or lines or [""])[0]
    return " ".join(f"{type(e).__name__}: {why}".split())


def main(argv: list[str]) -> int:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr   # the protocol owns stdout; the user's prints go to stderr
    try:
        options = parse(argv[1:])
        try:
            module = import_module(options["dir"], options["module"])
        except ModuleNotFoundError as e:
            if options["check"] and e.name != options["module"]:
                out.write(f"missing {e.name}\n".encode())
                return 0
            raise
        function = getattr(module, options["function"], None)
        if not callable(function):
            raise DriverError(f"{options['module']} has no function {options['function']}()")
        if options["check"]:
            out.write(b"ok\n")
            return 0
        args = arguments(module, options)
        call = wrapped(function, options["wrap"]) if options["wrap"] else function
        serve(call, args, sys.stdin.buffer, out)
    except Exception as e:  # the user's code may raise anything: it is the row's reason
        traceback.print_exc()
        out.write(b"error " + reason(e).encode("utf-8", "replace") + b"\n")
        out.flush()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
