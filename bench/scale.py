#!/usr/bin/env python3
"""The scale sweep: the pipeline comparison at growing input sizes.

    scale.py --rungs "cpython orjson ... c-threads" [--sizes 10000 ...]
             [--out results/scale] [--ladder ./ladder] [--floor build/bench/floor]
             [-- extra ladder run options]

For each size, smallest first: `ladder run --problem pipeline --size N` on
the rungs that fit in memory, writing OUT/pipeline-N.json and
OUT/PIPELINE-N.md, then bench/floor on the same input (OUT/floor-N.json).
The harness generates each input (build/data/events-N-42.json) and checks
every result against the reference, as in any run.

Memory: rungs that build Python objects for every event (cpython, orjson,
Polars' frame) need about a kilobyte per event, 10 GB or more at 10M events.
Before each size, a rung's peak memory is extrapolated from its row at the
previous size (linearly in the event count); a rung whose estimate exceeds
the memory available now (MemAvailable, less a margin) is left out of that
size and every larger one, and said so, here and in OUT/skipped.json, which
the chart reads. The reference result is computed by CPython as well, so at
sizes where even it does not fit, every row fails verification: the sweep
says so rather than guessing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from results import Row, load_rows

DEFAULT_SIZES = [10_000, 100_000, 1_000_000, 10_000_000]
SEED = 42
# Leave this fraction of the available memory free: the input file in the
# page cache, the harness and the estimate's error need room too.
MEMORY_MARGIN = 0.15


@dataclass(frozen=True)
class Skip:
    events: int
    rung: str
    reason: str


def available_memory() -> int:
    """MemAvailable from /proc/meminfo, in bytes."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no MemAvailable in /proc/meminfo")


def estimate_rss(previous: Row, events: int) -> int | None:
    """The rung's peak memory at `events`, from its row at a smaller size."""
    if previous.max_rss_bytes is None or previous.events <= 0:
        return None
    return previous.max_rss_bytes * events // previous.events


def plan(
    rungs: list[str], previous: dict[str, Row], events: int, skipped: list[Skip]
) -> list[str]:
    """The rungs to run at `events`; the others are added to skipped."""
    budget = int(available_memory() * (1 - MEMORY_MARGIN))
    chosen = []
    for rung in rungs:
        if any(s.rung == rung for s in skipped):
            skipped.append(Skip(events, rung, "left out at a smaller size"))
            continue
        row = previous.get(rung)
        estimate = estimate_rss(row, events) if row is not None else None
        if estimate is not None and estimate > budget:
            assert row is not None and row.max_rss_bytes is not None
            skipped.append(
                Skip(
                    events,
                    rung,
                    f"needs about {estimate / 1e9:.1f} GB of memory (peak "
                    f"{row.max_rss_bytes / 1e9:.2f} GB at {row.events:,} events), "
                    f"{budget / 1e9:.1f} GB available",
                )
            )
            continue
        chosen.append(rung)
    return chosen


def run(command: list[str]) -> int:
    print("scale: " + " ".join(command), file=sys.stderr, flush=True)
    return subprocess.run(command, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rungs", required=True, help="the rungs, space-separated")
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--out", type=Path, default=Path("results/scale"))
    parser.add_argument("--ladder", default="./ladder")
    parser.add_argument("--floor", default="build/bench/floor")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("build/data"),
        help="where the harness keeps the inputs",
    )
    parser.add_argument(
        "ladder_options", nargs="*", help="passed on to ladder run (after --)"
    )
    args = parser.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    rungs = args.rungs.split()
    skipped: list[Skip] = []
    previous: dict[str, Row] = {}
    status = 0
    for events in sorted(args.sizes):
        chosen = plan(rungs, previous, events, skipped)
        for skip in skipped:
            if skip.events == events:
                print(
                    f"scale: {events:,} events: skipping {skip.rung}: {skip.reason}",
                    file=sys.stderr,
                )
        results = args.out / f"pipeline-{events}.json"
        command = [
            args.ladder,
            "run",
            "--problem",
            "pipeline",
            "--size",
            str(events),
            "--json",
            str(results),
            "--report",
            str(args.out / f"PIPELINE-{events}.md"),
        ]
        for rung in chosen:
            command += ["--rung", rung]
        if run(command + args.ladder_options) != 0:
            status = 1
        if results.exists():
            previous.update({row.rung: row for row in load_rows(results)})
        data = args.data / f"events-{events}-{SEED}.json"
        floor = [
            args.floor,
            str(data),
            "--json",
            str(args.out / f"floor-{events}.json"),
        ]
        if data.exists() and run(floor) != 0:
            status = 1
        (args.out / "skipped.json").write_text(
            json.dumps([asdict(s) for s in skipped], indent=2) + "\n"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
