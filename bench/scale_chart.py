#!/usr/bin/env python3
"""The scale sweep's chart and table: time per event against the number of
events, one line per rung, from the files bench/scale.py wrote.

    scale_chart.py [DIR] [-o CHART.svg] [--table TABLE.md]

DIR (default results/scale) holds pipeline-N.json (ladder run --json, one
per size), floor-N.json (bench/floor) and skipped.json. The chart plots
nanoseconds per event (median time / events) on a log-log scale, with the
memory floor (summing the input's bytes in memory) as a dashed line; only
verified rows are drawn. The table gives the same numbers, the rows left
out and why, and the all-threads speedup over one thread at each size.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from matplotlib.figure import Figure  # no pyplot: files only, no display

from results import Floor, Row, load_floor, load_rows, machine_line


def load(directory: Path) -> tuple[list[Row], list[Floor], list[dict[str, str]]]:
    rows = [
        row
        for path in sorted(directory.glob("pipeline-*.json"))
        for row in load_rows(path)
    ]
    floors = sorted(
        (load_floor(p) for p in directory.glob("floor-*.json")), key=lambda f: f.events
    )
    skipped_path = directory / "skipped.json"
    skipped = json.loads(skipped_path.read_text()) if skipped_path.exists() else []
    return rows, floors, skipped


def rung_order(rows: list[Row]) -> list[str]:
    """Rungs in the order the harness ran them (lowest rung first)."""
    order: list[str] = []
    for row in rows:
        if row.rung not in order:
            order.append(row.rung)
    return order


def chart(rows: list[Row], floors: list[Floor], machine: str, path: Path) -> None:
    fig = Figure(figsize=(11, 6), layout="constrained")
    ax = fig.subplots()
    titles = {row.rung: row.title for row in rows}
    for rung in rung_order(rows):
        points = sorted(
            (row.events, row.median_ns / row.events)
            for row in rows
            if row.rung == rung and row.verified and row.median_ns is not None
        )
        if points:
            xs, ys = zip(*points)
            ax.plot(xs, ys, marker="o", label=titles[rung])
    if floors:
        ax.plot(
            [f.events for f in floors],
            [f.touch_ns / f.events for f in floors],
            linestyle="--",
            color="black",
            label="floor: sum the bytes in memory",
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("events")
    ax.set_ylabel("time per event (ns), median")
    ax.set_title(f"JSON pipeline: time per event as the input grows ({machine})")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.savefig(path)


def table(rows: list[Row], floors: list[Floor], skipped: list[dict[str, str]]) -> str:
    sizes = sorted({row.events for row in rows})
    by_key = {(row.rung, row.events): row for row in rows}
    skip_reasons = {(int(s["events"]), s["rung"]): s["reason"] for s in skipped}
    lines = [
        "## JSON pipeline: time per event (ns, median) as the input grows",
        "",
        "| Approach | " + " | ".join(f"{n:,}" for n in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    titles = {row.rung: row.title for row in rows}
    rungs = rung_order(rows) + sorted({s["rung"] for s in skipped} - set(titles))
    for rung in rungs:
        cells = []
        for n in sizes:
            row = by_key.get((rung, n))
            if row is not None and row.verified and row.median_ns is not None:
                cells.append(f"{row.median_ns / n:,.1f}")
            elif (n, rung) in skip_reasons:
                cells.append("skipped")
            elif row is not None:
                cells.append(row.status)
            else:
                cells.append("—")
        lines.append(f"| {titles.get(rung, rung)} | " + " | ".join(cells) + " |")
    floor_by_size = {f.events: f for f in floors}
    lines.append(
        "| *floor: sum the bytes in memory* | "
        + " | ".join(
            f"{floor_by_size[n].touch_ns / n:,.2f}" if n in floor_by_size else "—"
            for n in sizes
        )
        + " |"
    )
    lines.append("")

    speedups = []
    for n in sizes:
        one, all_ = by_key.get(("c", n)), by_key.get(("c-threads", n))
        if (
            one is not None
            and all_ is not None
            and one.verified
            and all_.verified
            and one.median_ns is not None
            and all_.median_ns is not None
        ):
            speedups.append(f"{n:,} events: {one.median_ns / all_.median_ns:.2f}x")
    if speedups:
        lines += [
            "All threads over one thread (c-threads vs c): "
            + "; ".join(speedups)
            + ".",
            "",
        ]
    notes = [
        f"- {s['rung']} at {int(s['events']):,} events: {s['reason']}" for s in skipped
    ]
    failed = [
        f"- {row.rung} at {row.events:,} events: {row.status}: {row.reason}"
        for row in rows
        if not row.verified
    ]
    if notes or failed:
        lines += ["Rows without a time:", ""] + notes + failed + [""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "directory", nargs="?", type=Path, default=Path("results/scale")
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("results/scale.svg"))
    parser.add_argument("--table", type=Path, default=Path("results/SCALE.md"))
    args = parser.parse_args()

    rows, floors, skipped = load(args.directory)
    if not rows:
        print(
            f"scale_chart: no pipeline-*.json results in '{args.directory}'",
            file=sys.stderr,
        )
        return 1
    machine = machine_line(max(args.directory.glob("pipeline-*.json")))
    chart(rows, floors, machine, args.output)
    text = table(rows, floors, skipped)
    args.table.write_text(text)
    print(text)
    print(f"scale_chart: wrote {args.output} and {args.table}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
