"""Reading ladder's results files (ladder run --json) and bench/floor's, for
the bench scripts. Standard library only.

A results file is a JSON object whose "measurements" array has one row per
(problem, rung, size): problem, rung, rung_title, size, argument, status
("verified", "failed" or "skipped"), reason, times_ns, median_ns,
max_rss_bytes, ... Only verified rows have times worth reading.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVENTS_FILE = re.compile(r"events-(\d+)-\d+\.json$")


@dataclass(frozen=True)
class Row:
    """One pipeline measurement."""

    rung: str
    title: str
    events: int
    status: str
    reason: str
    median_ns: float | None
    max_rss_bytes: int | None

    @property
    def verified(self) -> bool:
        return self.status == "verified" and self.median_ns is not None


@dataclass(frozen=True)
class Floor:
    """bench/floor's numbers for one input file."""

    events: int
    bytes: int
    read_ns: float
    touch_ns: float


def events_of(argument: str, size: str) -> int:
    """The number of events a row ran on: its argument is the count (or,
    from older harnesses, the input's path), its size may be the count."""
    for text in (argument, size):
        if text.isdigit():
            return int(text)
        match = EVENTS_FILE.search(text)
        if match:
            return int(match.group(1))
    raise ValueError(f"cannot tell the event count of argument {argument!r}")


def load_rows(path: Path, problem: str = "pipeline") -> list[Row]:
    """The rows of one problem in a results file, in the file's order."""
    document: dict[str, Any] = json.loads(path.read_text())
    measurements = document.get("measurements")
    if not isinstance(measurements, list):
        raise TypeError(f"'{path}' is not a ladder results file (no measurements list)")
    rows = []
    for m in measurements:
        if m.get("problem") != problem:
            continue
        rows.append(
            Row(
                rung=m["rung"],
                title=m.get("rung_title") or m["rung"],
                events=events_of(str(m.get("argument", "")), str(m.get("size", ""))),
                status=m.get("status", ""),
                reason=m.get("reason") or "",
                median_ns=m.get("median_ns"),
                max_rss_bytes=m.get("max_rss_bytes"),
            )
        )
    return rows


def load_floor(path: Path) -> Floor:
    """A floor file written by bench/floor --json."""
    document: dict[str, Any] = json.loads(path.read_text())
    return Floor(
        events=events_of(document["file"], ""),
        bytes=int(document["bytes"]),
        read_ns=float(document["read_median_ns"]),
        touch_ns=float(document["touch_median_ns"]),
    )


def machine_line(path: Path) -> str:
    """One line naming the machine and interpreter a results file came from."""
    machine: dict[str, Any] = json.loads(path.read_text()).get("machine") or {}
    python = machine.get("python") or {}
    return (
        f"{machine.get('cpu_model', 'unknown CPU')}, {machine.get('cores', '?')} cores; "
        f"CPython {python.get('version', '?')}"
    )


def format_ns(ns: float) -> str:
    """A time with a unit that keeps three significant digits."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"
