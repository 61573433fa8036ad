"""Checks what `ladder run --json` found for some rungs: the one verdict
every rung test starts from, so that no test re-implements the harness.

    check_rung.py [--problem P]... [--min-cold-ratio X] RESULTS RUNG...
    check_rung.py --where {python,build,interpreter} RESULTS RUNG

For each RUNG, against its declaration (rungs/RUNG/rung.conf): every
problem of `problems` must have a row in RESULTS, and every such row must
be `verified`, with the SHA-256 of the output it verified and its times (a
cold iteration, warm ones); every `not-applicable.PROBLEM` must be shown as
`not-applicable`, with the declared reason. --problem restricts both to the
problems named (as `ladder run --problem` does); --min-cold-ratio also wants
each verified row's cold iteration to be at least X times its warm median
(a rung whose first call compiles). Prints one "ok"/"FAIL" line per check.

Exit status: 1 if a check failed; else 77 (the tests' "cannot run here")
if every row of a rung was `skipped`, printing the harness's reason (its
toolchain cannot be installed here); else 0. 2 for a bad command line or
an unreadable file.

--where prints a path the tests need to reach what the harness made for
the rung's rows (docs/declaring.md), instead of making their own: `python`,
the row's {python} (the environment .venvs/<interpreter id>, or the
interpreter itself for a rung without `packages`); `build`, its
{build_dir} (build/rungs/RUNG[/<interpreter id>]), or the rung's own folder
for a rung without `build`; `interpreter`, the row's interpreter id.

Standard library only, Python 3.9 syntax.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
# The exit status by which a test says it could not run here (tests/run).
SKIP = 77
# A row of the results file's "measurements" (harness/results.c).
Row = Dict[str, Any]


class Unusable(Exception):
    """A file the check needs is missing or malformed; the message says which."""


def read_conf(path: Path) -> Dict[str, str]:
    """A key = value file (docs/declaring.md): `#` starts a comment at the
    start of a line or after whitespace."""
    if not path.is_file():
        raise Unusable(f"no {path}")
    conf: Dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = re.sub(r"(^|\s)#.*", "", line).strip()
        if text:
            key, _, value = text.partition("=")
            conf[key.strip()] = value.strip()
    return conf


@dataclass(frozen=True)
class Rung:
    """What a rung declares that its rows are checked against."""

    name: str
    problems: List[str]
    not_applicable: Dict[str, str]
    has_packages: bool
    has_build: bool
    python_hosted: bool

    @classmethod
    def load(cls, name: str) -> "Rung":
        conf = read_conf(ROOT / "rungs" / name / "rung.conf")
        prefix = "not-applicable."
        return cls(name, conf.get("problems", "").split(),
                   {key[len(prefix):]: value for key, value in conf.items()
                    if key.startswith(prefix)},
                   bool(conf.get("packages", "").split()), "build" in conf,
                   conf.get("host", "native") == "python")


def load_rows(path: Path) -> List[Row]:
    try:
        with path.open(encoding="utf-8") as results:
            rows = json.load(results)["measurements"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise Unusable(f"cannot read the results {path}: {error}") from error
    if not isinstance(rows, list):
        raise Unusable(f"{path}: 'measurements' is not a list")
    return [row for row in rows if isinstance(row, dict)]


def row_name(row: Row) -> str:
    """"RUNG PROBLEM ARGUMENT on INTERPRETER", as the lines show a row."""
    interpreter = row.get("interpreter") or {}
    where = f" on {interpreter['id']}" if interpreter.get("id") else ""
    return f"{row.get('rung')} {row.get('problem')} {row.get('argument') or '?'}{where}"


def why_not_verified(row: Row, min_cold_ratio: float) -> Optional[str]:
    """None if the row is verified with the evidence of it, else what is missing."""
    if row.get("status") != "verified":
        return f"{row.get('status')}: {' '.join(str(row.get('reason', '')).split())}"
    if not re.fullmatch(r"[0-9a-f]{64}", str(row.get("output_sha256") or "")):
        return "verified, but no output_sha256"
    cold, median, times = row.get("cold_ns"), row.get("median_ns"), row.get("times_ns") or []
    if not cold or not median or not times:
        return f"verified, but missing times (cold {cold}, median {median}, {len(times)} runs)"
    if cold < min_cold_ratio * median:
        return (f"the cold iteration ({cold} ns) is not {min_cold_ratio:g}x the warm median "
                f"({median:.0f} ns): nothing compiled on the first call")
    return None


class Checker:
    def __init__(self, rows: List[Row], problems: List[str], min_cold_ratio: float) -> None:
        self.rows = rows
        self.selected = set(problems)
        self.min_cold_ratio = min_cold_ratio
        self.failed = False
        self.skips: List[str] = []

    def report(self, ok: bool, what: str) -> None:
        print(("ok    " if ok else "FAIL  ") + what)
        self.failed |= not ok

    def wanted(self, problem: str) -> bool:
        return not self.selected or problem in self.selected

    def check(self, rung: Rung) -> None:
        rows = [row for row in self.rows if row.get("rung") == rung.name]
        declared = [problem for problem in rung.problems if self.wanted(problem)]
        ran = [row for row in rows if row.get("problem") in declared]
        if ran and all(row.get("status") == "skipped" for row in ran):
            reason = " ".join(str(ran[0].get("reason", "")).split())
            self.skips.append(f"the harness skips the {rung.name} rung here: {reason}")
            return
        for problem in declared:
            mine = [row for row in ran if row.get("problem") == problem]
            if not mine:
                self.report(False, f"{rung.name} {problem}: no row in the results")
            for row in mine:
                why = why_not_verified(row, self.min_cold_ratio)
                sha = str(row.get("output_sha256"))[:12]
                self.report(why is None, f"{row_name(row)}: "
                            + (why or f"verified (output sha256 {sha}...)"))
        for problem, reason in rung.not_applicable.items():
            if not self.wanted(problem):
                continue
            mine = [row for row in rows if row.get("problem") == problem]
            if not mine:
                self.report(False, f"{rung.name} {problem}: no row in the results")
            for row in mine:
                ok = row.get("status") == "not-applicable" and row.get("reason") == reason
                self.report(ok, f"{rung.name} {problem}: not applicable, with rung.conf's reason"
                            + ("" if ok else f" (got {row.get('status')}: {row.get('reason')})"))

    def status(self) -> int:
        if self.failed:
            return 1
        for skip in self.skips:
            print(f"skip: {skip}")
        return SKIP if self.skips else 0


def where(rows: List[Row], rung: Rung, what: str) -> str:
    """A path of what the harness made for the rung's first row that ran."""
    ran = [row for row in rows if row.get("rung") == rung.name and row.get("interpreter")]
    if not ran:
        raise Unusable(f"no row of the {rung.name} rung ran on an interpreter")
    interpreter: Dict[str, Any] = ran[0]["interpreter"]
    ident = str(interpreter.get("id", ""))
    if what == "interpreter":
        return ident
    if what == "python":
        if rung.has_packages:
            return str(ROOT / ".venvs" / ident / "bin" / "python")
        return str(interpreter.get("executable", ""))
    if not rung.has_build:
        return str(ROOT / "rungs" / rung.name)
    build = ROOT / "build" / "rungs" / rung.name
    return str(build / ident if rung.python_hosted else build)


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--problem", action="append", default=[], metavar="P",
                        help="check only this problem's rows (repeatable)")
    parser.add_argument("--min-cold-ratio", type=float, default=0.0, metavar="X",
                        help="each cold iteration at least X times the warm median")
    parser.add_argument("--where", choices=("python", "build", "interpreter"),
                        help="print that path for the one RUNG instead of checking")
    parser.add_argument("results", type=Path, metavar="RESULTS")
    parser.add_argument("rungs", nargs="+", metavar="RUNG")
    args = parser.parse_args(argv)
    try:
        rows = load_rows(args.results)
        rungs = [Rung.load(name) for name in args.rungs]
        if args.where:
            if len(rungs) != 1:
                parser.error("--where takes one RUNG")
            print(where(rows, rungs[0], args.where))
            return 0
        checker = Checker(rows, args.problem, args.min_cold_ratio)
        for rung in rungs:
            checker.check(rung)
        return checker.status()
    except Unusable as error:
        print(f"check_rung.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
