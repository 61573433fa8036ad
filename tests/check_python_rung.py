"""Builds Python-hosted rungs as their rung.conf declares and checks every
problem they declare against the references, through their `run` command.

    check_python_rung.py --work DIR [--python PY] [--requirements FILE]
                         [--ladder LADDER] [--runs N] [--edge-cases] RUNG...

What the harness does for a `host = python` rung (docs/declaring.md), in a
scratch folder: makes the environment DIR/venv from PY (default: this
interpreter), installs the rungs' `packages` with pip, each pinned by FILE
(default requirements.txt) as a constraint, runs each rung's `build` into
DIR/build/RUNG, then starts its `run` command for each of its `problems`
at the problem's size.quick, sends N "run" lines (default 2), and checks
that the answers follow docs/protocol.md and that each is the reference of
problems/PROBLEM/problem.conf (`expect.ARG` under its `compare` rule: exact,
float-abs, sha256 or the verifier). A generated input (the pipeline's) is
made with `input.command` by LADDER (default ./ladder).

With --edge-cases, a rung that declares the pipeline also gets
tests/data/pipeline-edge.json (duplicate keys, escapes, non-ASCII pages,
UTC offsets at the window's edges, other fromisoformat forms, integers
beyond 64 bits, ties) and a few thousand events with as many distinct
pages (tables that grow), whose results must be problems/pipeline/reference.py's,
and the inputs of PIPELINE_ERRORS below, each of which must end the rung
with an "error ..." line naming what is wrong (shared/spec/pipeline.md
section 4).

Prints one "ok"/"FAIL" line per check. Exit status: 0 all passed, 1 one
failed, 2 a bad command line or declaration, 77 a toolchain is missing
here (no Python.h, no C compiler, pip cannot install the packages), with
the reason. Standard library only, Python 3.9 syntax.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
# A quick size answers in seconds; a rung that hangs fails instead of blocking.
RUN_TIMEOUT_SECONDS = 300
# Building a rung compiles C (mypyc: ~20 s for six modules on two cores).
BUILD_TIMEOUT_SECONDS = 900
# The exit status by which a test says it could not run here (tests/run).
SKIP = 77


EDGE_EVENTS = ROOT / "tests" / "data" / "pipeline-edge.json"
# Events enough to make the tables grow: this many, each with its own page,
# over MANY_USERS users (so each has a score of pages; the study's data
# has 10 pages in all).
MANY = 3000
MANY_USERS = 150
REFERENCE = ROOT / "problems" / "pipeline" / "reference.py"
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


class BadDeclaration(Exception):
    """A declaration lacks what the check needs; the message says what."""


class Unavailable(Exception):
    """A toolchain cannot be had here; the message says which and why."""


def read_conf(path: Path) -> Dict[str, str]:
    """A key = value file (docs/declaring.md): `#` starts a comment at the
    start of a line or after whitespace."""
    if not path.is_file():
        raise BadDeclaration(f"no {path.relative_to(ROOT)}")
    conf: Dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = re.sub(r"(^|\s)#.*", "", line).strip()
        if text:
            key, _, value = text.partition("=")
            conf[key.strip()] = value.strip()
    return conf


def expand(command: str, values: Dict[str, str]) -> str:
    """A declared command with its placeholders filled in, each value
    quoted for /bin/sh."""
    def value(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name not in values:
            raise BadDeclaration(f"placeholder {{{name}}} is not available in {command!r}")
        return shlex.quote(values[name])
    return re.sub(r"\{([a-z_]+)\}", value, command)


@dataclass(frozen=True)
class Problem:
    name: str
    directory: Path
    conf: Dict[str, str]

    @classmethod
    def load(cls, name: str) -> "Problem":
        directory = ROOT / "problems" / name
        return cls(name, directory, read_conf(directory / "problem.conf"))

    def get(self, key: str) -> str:
        if key not in self.conf:
            raise BadDeclaration(f"problems/{self.name}/problem.conf has no {key!r}")
        return self.conf[key]

    def expected(self, argument: str) -> bytes:
        """The stored reference: the text, the file's bytes, or b"sha256:HEX"."""
        value = self.get(f"expect.{argument}")
        if value.startswith("@"):
            return (self.directory / value[1:]).read_bytes()
        if value.startswith("sha256:"):
            return value.encode("ascii")
        return value.replace("\\n", "\n").replace("\\t", "\t").encode("utf-8")

    def compare(self, want: bytes, got: bytes, scratch: Path) -> Optional[str]:
        """None if `got` is the reference under the problem's rule, else why not."""
        rule = self.get("compare").split()
        if rule[0] == "exact":
            return None if got.rstrip() == want.rstrip() else f"{got[:200]!r} != {want[:200]!r}"
        if rule[0] == "float-abs":
            tolerance = float(rule[1])
            got_numbers = [float(word) for word in got.split()]
            want_numbers = [float(word) for word in want.split()]
            if len(got_numbers) == len(want_numbers) and all(
                    abs(g - w) <= tolerance for g, w in zip(got_numbers, want_numbers)):
                return None
            return f"{got_numbers} != {want_numbers} (within {tolerance})"
        if rule[0] == "sha256":
            digest = "sha256:" + hashlib.sha256(got).hexdigest()
            return None if digest.encode("ascii") == want else f"{digest} != {want.decode()}"
        if rule[0] == "verifier":
            expected_file, actual_file = scratch / "expected", scratch / "actual"
            expected_file.write_bytes(want)
            actual_file.write_bytes(got)
            command = expand(self.get("verifier"), {
                "python": sys.executable, "problem_dir": str(self.directory), "root": str(ROOT)})
            done = subprocess.run(f"{command} {shlex.quote(str(expected_file))} "
                                  f"{shlex.quote(str(actual_file))}", shell=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            lines = done.stdout.decode("utf-8", "replace").splitlines()
            return None if done.returncode == 0 else (lines[0] if lines else "verifier failed")
        raise BadDeclaration(f"problems/{self.name}: unknown compare rule {rule[0]!r}")


def read_answers(stdout: bytes) -> List[bytes]:
    """The outputs of the protocol's answers; ValueError if malformed."""
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


HEADERS_PROBE = "import sysconfig; print(sysconfig.get_paths()['include'])"
VERSION_PROBE = "import sys; print('%d.%d' % sys.version_info[:2])"


class Checker:
    def __init__(self, args: argparse.Namespace) -> None:
        self.work: Path = args.work.resolve()
        self.base_python: str = args.python
        self.requirements: Path = args.requirements.resolve()
        self.ladder: str = args.ladder
        self.runs: int = args.runs
        self.edge_cases: bool = args.edge_cases
        self.python = str(self.work / "venv" / "bin" / "python")
        self.scratch = self.work / "scratch"
        self.version = ""
        self.failed = False

    def report(self, ok: bool, what: str) -> bool:
        print(("ok    " if ok else "FAIL  ") + what)
        self.failed |= not ok
        return ok

    def require(self, rungs: Dict[str, Dict[str, str]]) -> None:
        """Unavailable if what the rungs require is missing here."""
        needs = {word for conf in rungs.values() for word in conf.get("requires", "").split()}
        if "cc" in needs and shutil.which(os.environ.get("CC", "gcc")) is None:
            raise Unavailable("no C compiler (gcc) on PATH")
        if "python-headers" in needs:
            include = subprocess.run([self.base_python, "-c", HEADERS_PROBE],
                                     stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
            if not (Path(include) / "Python.h").is_file():
                raise Unavailable(f"{self.base_python} has no Python.h in {include}")

    def install(self, packages: List[str]) -> None:
        """The environment with the packages, each pinned by the requirements
        (pip's constraints, as the harness installs them)."""
        pins = self.requirements.read_text(encoding="utf-8").lower().replace("_", "-")
        for name in packages:
            if not re.search(rf"^{re.escape(name.lower().replace('_', '-'))}\s*==", pins, re.M):
                raise BadDeclaration(f"package {name!r} has no pin ({name}==VERSION) in "
                                     f"{self.requirements}")
        if not Path(self.python).exists():
            subprocess.run([self.base_python, "-m", "venv", str(self.work / "venv")], check=True)
        if packages:
            done = subprocess.run([self.python, "-m", "pip", "install",
                                   "--disable-pip-version-check", "--no-input", "-q",
                                   "-c", str(self.requirements), *packages],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if done.returncode != 0:
                log = done.stdout.decode("utf-8", "replace").strip().splitlines()
                raise Unavailable(f"pip cannot install {' '.join(packages)}: "
                                  f"{log[-1] if log else 'no output'}")
        self.version = subprocess.run([self.python, "-c", VERSION_PROBE], stdout=subprocess.PIPE,
                                      text=True, check=True).stdout.strip()

    def values(self, rung: str) -> Dict[str, str]:
        """The placeholders of docs/declaring.md for a rung on this environment."""
        return {"root": str(ROOT), "rung_dir": str(ROOT / "rungs" / rung),
                "build_dir": str(self.work / "build" / rung), "python": self.python,
                "python_version": self.version, "interpreter": f"CPython {self.version}",
                "interpreter_id": f"cpython-{self.version}", "cc": os.environ.get("CC", "gcc")}

    def build(self, rung: str, conf: Dict[str, str]) -> bool:
        if "build" not in conf:
            return True
        values = self.values(rung)
        Path(values["build_dir"]).mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(expand(conf["build"], values), shell=True, cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  timeout=BUILD_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return self.report(False, f"{rung}: build takes more than {BUILD_TIMEOUT_SECONDS} s")
        if done.returncode != 0:
            log = done.stdout.decode("utf-8", "replace").strip().splitlines()
            print("\n".join("    | " + line for line in log[-20:]))
        return self.report(done.returncode == 0, f"{rung}: builds")

    def talk(self, rung: str, conf: Dict[str, str], problem: str, argument: str,
             runs: int) -> Tuple[int, bytes, str]:
        """Starts the rung's `run` command for the problem and sends `runs`
        "run" lines: (exit status, stdout, stderr's last line), the status
        -1 if it did not finish in time."""
        command = (f"{expand(conf['run'], self.values(rung))} {shlex.quote(problem)} "
                   f"{shlex.quote(argument)}")
        try:
            done = subprocess.run(command, shell=True, cwd=ROOT, input=b"run\n" * runs,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=RUN_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            return -1, b"", f"no answer in {RUN_TIMEOUT_SECONDS} s"
        stderr = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return done.returncode, done.stdout, stderr[-1] if stderr else ""

    def check(self, rung: str, conf: Dict[str, str], problem: Problem) -> None:
        argument = problem.get("size.quick")
        what = f"{rung} {problem.name} {argument}"
        call_argument = argument
        if problem.conf.get("input") == "generated":
            input_file = self.scratch / problem.get("input.file").replace("{argument}", argument)
            if not input_file.exists():
                command = expand(problem.get("input.command"), {
                    "ladder": self.ladder, "argument": argument, "output": str(input_file)})
                subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
            call_argument = str(input_file)
        status, stdout, last_error = self.talk(rung, conf, problem.name, call_argument, self.runs)
        try:
            outputs = read_answers(stdout)
        except ValueError as error:
            self.report(False, f"{what}: {error}" + (f" ({last_error})" if last_error else ""))
            return
        wrong = [] if status == 0 and len(outputs) == self.runs else [
            f"exit status {status}, {len(outputs)} of {self.runs} answers"]
        want = problem.expected(argument)
        for i, output in enumerate(outputs, 1):
            why = problem.compare(want, output, self.scratch)
            if why is not None:
                wrong.append(f"run {i}: {why}")
        self.report(not wrong, f"{what}: " + ("; ".join(wrong)
                                              or f"{self.runs} runs, each the reference"))

    def check_pipeline_input(self, rung: str, conf: Dict[str, str], events: Path) -> None:
        """The rung's result for the events is the reference's."""
        want = subprocess.run([sys.executable, str(REFERENCE), str(events)],
                              stdout=subprocess.PIPE, check=True).stdout
        _, stdout, last_error = self.talk(rung, conf, "pipeline", str(events), 1)
        try:
            outputs = read_answers(stdout)
            why = (Problem.load("pipeline").compare(want, outputs[0], self.scratch) if outputs
                   else last_error or "no answer")
        except ValueError as error:
            why = str(error)
        self.report(why is None, f"{rung} pipeline {events.name}: "
                    + (why or "the reference's result"))

    def check_pipeline_edges(self, rung: str, conf: Dict[str, str]) -> None:
        self.check_pipeline_input(rung, conf, EDGE_EVENTS)
        many = self.scratch / "pipeline-many.json"
        many.write_bytes(_many_events())
        self.check_pipeline_input(rung, conf, many)
        bad = self.scratch / "bad.json"
        for what, (data, words) in PIPELINE_ERRORS.items():
            bad.write_bytes(data)
            status, stdout, _ = self.talk(rung, conf, "pipeline", str(bad), 1)
            lines = stdout.decode("utf-8", "replace").splitlines()
            last = lines[-1] if lines else ""
            ok = status > 0 and last.startswith("error ") and words in last
            self.report(ok, f"{rung} pipeline refuses {what}: {last or 'no error line'}")

    def main(self, names: List[str]) -> int:
        rungs = {name: read_conf(ROOT / "rungs" / name / "rung.conf") for name in names}
        packages = sorted({p for conf in rungs.values() for p in conf.get("packages", "").split()})
        try:
            self.require(rungs)
            self.install(packages)
        except Unavailable as error:
            print(f"skip: {error}")
            return SKIP
        self.scratch.mkdir(parents=True, exist_ok=True)
        for name, conf in rungs.items():
            if not self.build(name, conf):
                continue
            declared = conf.get("problems", "").split()
            for problem in declared:
                self.check(name, conf, Problem.load(problem))
            if self.edge_cases and "pipeline" in declared:
                self.check_pipeline_edges(name, conf)
        return 1 if self.failed else 0


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--requirements", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument("--ladder", default=str(ROOT / "ladder"))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--edge-cases", action="store_true")
    parser.add_argument("rungs", nargs="+", metavar="RUNG")
    args = parser.parse_args(argv)
    try:
        return Checker(args).main(args.rungs)
    except BadDeclaration as error:
        print(f"check_python_rung.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
