#!/usr/bin/env python3
"""The side-by-side pipeline comparison, as ratios: prints each target of
the comparison and whether this run meets it, and the memory floor beside
the times. Every ratio comes from one results file, so from one run.

    summary.py RESULTS.json [--floor FLOOR.json] [--report FILE.md]

With --report, the same text is appended to the report card (the harness
writes the card; this adds a section to it).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from results import Floor, Row, format_ns, load_floor, load_rows

# The thread target is stated at this size: below it, a thread's share of
# the input is too small for the threads to pay for themselves fully.
THREADS_TARGET_EVENTS = 10_000_000


@dataclass(frozen=True)
class Target:
    """faster must be at least `ratio` times faster than slower."""

    text: str
    faster: str
    slower: str
    ratio: float
    events: int | None = None  # the size the target is stated at; None: any


TARGETS = [
    Target("engine, 1 thread, vs CPython json + Python", "c", "cpython", 50.0),
    Target("engine, 1 thread, no slower than simdjson On-Demand", "c", "simdjson", 1.0),
    Target("C extension vs CPython json + Python", "c-ext", "cpython", 40.0),
    Target("engine, 1 thread, vs DuckDB", "c", "duckdb", 10.0),
    Target(
        "engine, all threads, vs 1 thread", "c-threads", "c", 1.6, THREADS_TARGET_EVENTS
    ),
]


def evaluate(target: Target, by_rung: dict[str, Row], events: int) -> tuple[str, str]:
    """The measured ratio and the verdict, as text."""
    faster, slower = by_rung.get(target.faster), by_rung.get(target.slower)
    missing = [
        r
        for r, row in ((target.faster, faster), (target.slower, slower))
        if row is None or not row.verified
    ]
    if missing:
        return "—", f"not measured (no verified time for {', '.join(missing)})"
    assert faster is not None and slower is not None
    assert faster.median_ns is not None and slower.median_ns is not None
    ratio = slower.median_ns / faster.median_ns
    if target.events is not None and events != target.events:
        # Measured here for information; the verdict belongs to its own size.
        return f"{ratio:.2f}x", (
            f"judged at {target.events:,} events: make bench-scale"
        )
    return f"{ratio:.2f}x", "met" if ratio >= target.ratio else "NOT met"


def render(rows: list[Row], floor: Floor | None) -> str:
    events = rows[0].events
    by_rung = {row.rung: row for row in rows}
    lines = [f"## Pipeline targets ({events:,} events)", ""]
    lines += ["| Target | Wanted | Measured | Verdict |", "|---|---:|---:|---|"]
    for target in TARGETS:
        measured, verdict = evaluate(target, by_rung, events)
        lines.append(
            f"| {target.text} | ≥ {target.ratio:g}x | {measured} | {verdict} |"
        )
    lines.append("")

    if floor is not None:
        lines += [
            (
                f"Memory floor ({floor.bytes:,} bytes, bench/floor, median): "
                f"reading the file from the page cache into memory "
                f"{format_ns(floor.read_ns)} ({floor.bytes / floor.read_ns:.2f} GB/s); "
                f"summing every byte already in memory {format_ns(floor.touch_ns)} "
                f"({floor.bytes / floor.touch_ns:.2f} GB/s)."
            ),
            "",
            "| Approach | Time | Throughput | × the in-memory floor |",
            "|---|---:|---:|---:|",
        ]
        for row in rows:
            if row.verified and row.median_ns is not None:
                lines.append(
                    f"| {row.title} | {format_ns(row.median_ns)} "
                    f"| {floor.bytes / row.median_ns * 1000:.0f} MB/s "
                    f"| {row.median_ns / floor.touch_ns:.1f} |"
                )
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "results", type=Path, help="a results file from ladder run --json"
    )
    parser.add_argument(
        "--floor", type=Path, help="the floor file from bench/floor --json"
    )
    parser.add_argument(
        "--report", type=Path, help="append the summary to this Markdown file"
    )
    args = parser.parse_args()

    rows = load_rows(args.results)
    if not rows:
        print(f"summary: no pipeline rows in '{args.results}'", file=sys.stderr)
        return 1
    if len({row.events for row in rows}) > 1:
        print(
            f"summary: '{args.results}' mixes sizes; ratios need one size",
            file=sys.stderr,
        )
        return 1
    floor = load_floor(args.floor) if args.floor else None
    text = render(rows, floor)
    print(text)
    if args.report is not None:
        with args.report.open("a") as report:
            report.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
