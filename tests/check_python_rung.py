"""Checks a Python-hosted rung's pipeline, through the protocol, on the
inputs its quick run does not meet: what `ladder run` cannot tell.

    check_python_rung.py --python PY --modules DIR [--env NAME=VALUE]...
                         [--label RUNG] [--edge-cases] [--aggregation-cases]
                         [--matches FILE]... [--refuses FILE PATTERN]...

The rung is started as the shared driver starts it, `PY
rungs/_python/driver.py DIR pipeline FILE` with NAME=VALUE added to the
environment, where PY and DIR are what the harness made for the rung's row
(tests/check_rung.py --where python / build: the rung must have been run
by `ladder run` first, which installs, builds, and checks every declared
problem at its size). Each input is the pipeline's and its result must be
problems/pipeline/reference.py's (as problems/pipeline/verify.py compares):

--edge-cases         tests/data/pipeline-edge.json (duplicate keys, escapes,
                     non-ASCII pages, UTC offsets at the window's edges,
                     other fromisoformat forms, integers beyond 64 bits,
                     ties), and a few thousand events with as many distinct
                     pages (tables that grow); then each input of
                     PIPELINE_ERRORS below must end the rung with an "error
                     ..." line in the baseline's words (shared/spec/
                     pipeline.md section 4).
--aggregation-cases  what an aggregation rewritten outside Python must get
                     right: events full of ties (a few per user over many
                     pages: the top page is the one counted first, not the
                     lowest), and events of which none is kept.
--matches FILE       FILE, too.
--refuses FILE PATTERN  the rung must end on FILE with an error line that
                     PATTERN (a Python regular expression) matches whole.

Prints one "ok"/"FAIL" line per check (the lines name the rung by
--label). Exit status: 0 all passed, 1 one failed, 2 a bad command line.
Standard library only, Python 3.9 syntax.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "rungs" / "_python" / "driver.py"
REFERENCE = ROOT / "problems" / "pipeline" / "reference.py"
VERIFIER = ROOT / "problems" / "pipeline" / "verify.py"
# A pipeline of a few thousand events answers in seconds; a rung that
# hangs fails instead of blocking.
RUN_TIMEOUT_SECONDS = 300
# How much of a line that should have been an error the report shows.
SHOWN = 200

EDGE_EVENTS = ROOT / "tests" / "data" / "pipeline-edge.json"
# Events enough to make the tables grow: this many, each with its own page,
# over MANY_USERS users (so each has a score of pages; the study's data
# has 10 pages in all).
MANY = 3000
MANY_USERS = 150
# Ties everywhere: TIES events over TIE_USERS users and TIE_PAGES pages, so
# most users' pages are counted once each and the top page is their first.
TIES = 2000
TIE_USERS = 300
TIE_PAGES = 1500
TIES_SEED = 7
_EVENT = ('{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", '
          '"metadata": {"page": "/a"}}')


def _many_events() -> bytes:
    """MANY events, each with its own page, over MANY_USERS users (negative
    ids too); types, amounts and UTC offsets varied, a few outside the window."""
    kinds = ("page_view", "purchase", "click", "search", "add_to_cart")
    events = []
    for i in range(MANY):
        user = (i % MANY_USERS) * 7919 - MANY
        stamp = f"2025-0{3 + i % 7}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00+0{i % 10}:30"
        events.append(f'{{"user_id": {user}, "event_type": "{kinds[i % 5]}", '
                      f'"timestamp": "{stamp}", "metadata": {{"page": "/p{i}", '
                      f'"amount": {i % 301 * 0.75}}}}}')
    return ("[" + ",\n".join(events) + "]").encode()


def _tied_events() -> bytes:
    """TIES events over TIE_USERS users and TIE_PAGES pages, in the window."""
    rng = random.Random(TIES_SEED)
    kinds = ("page_view", "purchase", "click", "search", "add_to_cart", "logout")
    events = []
    for _ in range(TIES):
        stamp = f"2025-{rng.randint(2, 10):02d}-15T12:00:{rng.randint(0, 59):02d}+00:00"
        events.append(f'{{"user_id": {rng.randint(1, TIE_USERS)}, '
                      f'"event_type": "{rng.choice(kinds)}", "timestamp": "{stamp}", '
                      f'"metadata": {{"page": "/p{rng.randint(1, TIE_PAGES)}", '
                      f'"amount": {rng.choice(["5", "150.5"])}}}}}')
    return ("[" + ", ".join(events) + "]").encode()


NONE_KEPT = (b'[{"user_id": 1, "event_type": "logout", '
             b'"timestamp": "2025-04-01T00:00:00+00:00", "metadata": {}}]')


def _with(field: str, value: str) -> bytes:
    """One event, the field set to the JSON text `value` ("" drops it)."""
    fields = {"user_id": "1", "event_type": '"click"',
              "timestamp": '"2025-04-01T00:00:00+00:00"', "metadata": '{"page": "/a"}'}
    fields[field] = value
    members = ", ".join(f'"{k}": {v}' for k, v in fields.items() if v)
    return f"[{_EVENT}, {{{members}}}]".encode()


# Input the pipeline must refuse, and what the error line must say: the
# baseline's words for events that are not as expected (with the event's
# index), and "error" alone for input that is not JSON, whose wording is
# the parser's.
PIPELINE_ERRORS: Dict[str, Tuple[bytes, str]] = {
    "no UTC offset": (_with("timestamp", '"2025-04-01T00:00:00"'), "has no UTC offset (event 1)"),
    "no such day": (_with("timestamp", '"2025-02-30T00:00:00+00:00"'), "(event 1)"),
    "timestamp not a string": (_with("timestamp", "5"), "timestamp is not a string (event 1)"),
    "user_id a bool": (_with("user_id", "true"), "user_id is not a 64-bit integer (event 1)"),
    "user_id 2**63": (_with("user_id", "9223372036854775808"),
                      "user_id is not a 64-bit integer (event 1)"),
    "user_id a float": (_with("user_id", "1.0"), "user_id is not a 64-bit integer (event 1)"),
    "no user_id": (_with("user_id", ""), "event has no 'user_id' (event 1)"),
    "no metadata": (_with("metadata", ""), "event has no 'metadata' (event 1)"),
    "event_type a number": (_with("event_type", "3"), "event_type is not a string (event 1)"),
    "metadata a list": (_with("metadata", "[]"), "metadata is not an object (event 1)"),
    "page null": (_with("metadata", '{"page": null}'), "page is not a string (event 1)"),
    "amount a string": (_with("metadata", '{"amount": "12"}'), "amount is not a number (event 1)"),
    "amount 1e400": (_with("metadata", '{"amount": 1e400}'), "amount is out of range (event 1)"),
    "amount 10**400": (_with("metadata", '{"amount": 1' + "0" * 400 + "}"),
                       "amount is out of range (event 1)"),
    "event not an object": (f"[{_EVENT}, 7]".encode(), "event is not an object (event 1)"),
    "not an array": (b'{"events": []}', "expected a JSON array of events"),
    "truncated": (f'[{_EVENT}, {{"user_id": 1, "event_'.encode(), ""),
    "NaN": (_with("metadata", '{"amount": NaN}'), ""),
    "trailing garbage": (f"[{_EVENT}] x".encode(), ""),
    "invalid UTF-8": (_with("metadata", '{"page": "/?"}').replace(b"/?", b"/\xff"), ""),
    "empty": (b"", ""),
}


def read_answers(stdout: bytes) -> List[bytes]:
    """The outputs of the protocol's answers (docs/protocol.md); ValueError
    if malformed. An "error ..." line ends them."""
    if not stdout.startswith(b"ready\n"):
        raise ValueError(f"no 'ready' line: {stdout[:80]!r}")
    pos, outputs = len(b"ready\n"), []
    while pos < len(stdout):
        end = stdout.index(b"\n", pos)
        words = stdout[pos:end].split(b" ")
        if len(words) != 3 or words[0] != b"result" or not words[1].isdigit() \
                or not words[2].isdigit():
            raise ValueError(f"not a result line: {stdout[pos:end][:80]!r}")
        nbytes = int(words[2])
        output = stdout[end + 1:end + 1 + nbytes]
        if len(output) != nbytes:
            raise ValueError(f"result says {nbytes} bytes, got {len(output)}")
        outputs.append(output)
        pos = end + 1 + nbytes
    return outputs


@dataclass(frozen=True)
class Answer:
    status: int          # the exit status, -1 if it did not finish in time
    stdout: bytes
    last_error: str      # stderr's last line

    def error_line(self) -> str:
        """The last line of stdout, where the protocol puts "error ..."."""
        lines = self.stdout.decode("utf-8", "replace").splitlines()
        return lines[-1] if lines else ""


class Checker:
    def __init__(self, python: str, modules: Path, env: Dict[str, str], label: str,
                 scratch: Path) -> None:
        self.python = python
        self.modules = modules
        self.env = {**os.environ, **env}
        self.label = label
        self.scratch = scratch
        self.failed = False

    def report(self, ok: bool, what: str) -> None:
        print(("ok    " if ok else "FAIL  ") + f"{self.label} pipeline {what}")
        self.failed |= not ok

    def scratch_file(self, name: str, data: bytes) -> Path:
        path = self.scratch / name
        path.write_bytes(data)
        return path

    def talk(self, events: Path) -> Answer:
        """The rung's answer to one "run" of the pipeline on the events."""
        try:
            done = subprocess.run([self.python, str(DRIVER), str(self.modules), "pipeline",
                                   str(events)], cwd=ROOT, env=self.env, input=b"run\n",
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=RUN_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return Answer(-1, b"", f"no answer in {RUN_TIMEOUT_SECONDS} s")
        stderr = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return Answer(done.returncode, done.stdout, stderr[-1] if stderr else "")

    def why_not_reference(self, events: Path) -> Optional[str]:
        """None if the rung's result for the events is the reference's, else why not."""
        answer = self.talk(events)
        try:
            outputs = read_answers(answer.stdout)
        except ValueError as error:
            return f"{error}" + (f" ({answer.last_error})" if answer.last_error else "")
        if not outputs:
            return answer.error_line() or answer.last_error or "no answer"
        want = self.scratch_file("want.json", subprocess.run(
            [sys.executable, str(REFERENCE), str(events)], stdout=subprocess.PIPE,
            check=True).stdout)
        got = self.scratch_file("got.json", outputs[0])
        verdict = subprocess.run([sys.executable, str(VERIFIER), str(want), str(got)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        lines = verdict.stdout.decode("utf-8", "replace").splitlines()
        return None if verdict.returncode == 0 else (lines[0] if lines else "verifier failed")

    def matches(self, events: Path, what: str) -> None:
        why = self.why_not_reference(events)
        self.report(why is None, f"{what}: " + (why or "the reference's result"))

    def refuses(self, events: Path, what: str, ok_line: "re.Pattern[str]") -> None:
        """The rung ends on the events with an error line that ok_line matches."""
        answer = self.talk(events)
        line = answer.error_line()
        ok = answer.status > 0 and line.startswith("error ") and bool(ok_line.fullmatch(line))
        shown = line[:SHOWN] + ("..." if len(line) > SHOWN else "")
        self.report(ok, f"refuses {what}: {shown or answer.last_error or 'no error line'}")

    def edge_cases(self) -> None:
        self.matches(EDGE_EVENTS, EDGE_EVENTS.name)
        self.matches(self.scratch_file("many-pages.json", _many_events()),
                     f"{MANY} events with as many pages")
        for what, (data, words) in PIPELINE_ERRORS.items():
            self.refuses(self.scratch_file("bad.json", data), what,
                         re.compile(rf"error .*{re.escape(words)}.*"))

    def aggregation_cases(self) -> None:
        self.matches(self.scratch_file("ties.json", _tied_events()),
                     f"{TIES} events full of ties, broken by the page counted first")
        self.matches(self.scratch_file("none-kept.json", NONE_KEPT), "no event kept")


def environment(pairs: Sequence[str]) -> Dict[str, str]:
    """NAME=VALUE words as a mapping; ValueError for a word without "="."""
    env = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise ValueError(f"--env wants NAME=VALUE, not {pair!r}")
        env[name] = value
    return env


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--python", required=True, help="the row's environment's python")
    parser.add_argument("--modules", type=Path, required=True,
                        help="the folder the driver imports the rung's modules from")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--label", default="rung", help="the rung's name, for the lines")
    parser.add_argument("--edge-cases", action="store_true")
    parser.add_argument("--aggregation-cases", action="store_true")
    parser.add_argument("--matches", action="append", default=[], type=Path, metavar="FILE")
    parser.add_argument("--refuses", action="append", default=[], nargs=2,
                        metavar=("FILE", "PATTERN"))
    args = parser.parse_args(argv)
    try:
        env = environment(args.env)
        refusals = [(Path(file), re.compile(pattern)) for file, pattern in args.refuses]
    except (ValueError, re.error) as error:
        parser.error(str(error))
    with tempfile.TemporaryDirectory() as scratch:
        checker = Checker(args.python, args.modules, env, args.label, Path(scratch))
        if args.edge_cases:
            checker.edge_cases()
        if args.aggregation_cases:
            checker.aggregation_cases()
        for events in args.matches:
            checker.matches(events, events.name)
        for events, pattern in refusals:
            checker.refuses(events, events.name, pattern)
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
