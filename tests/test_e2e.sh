#!/usr/bin/env bash
# End to end: `ladder run --size quick` over the cpython, c and c-ext rungs
# on every problem, on the baseline interpreter; every row must be verified,
# with its output's SHA-256 and its interpreter in the results.
set -eu
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results

"$ladder" run --size quick --rung cpython --rung c --rung c-ext --python baseline \
    --budget 0.5 --max-runs 10 --json "$work/quick.json" --report "$work/quick.md"

python3 - "$work/quick.json" "$root" <<'PY'
import json, os, sys
doc = json.load(open(sys.argv[1]))
problems = sorted(os.listdir(os.path.join(sys.argv[2], "problems")))
rows = doc["measurements"]
got = sorted((m["problem"], m["rung"], m["status"]) for m in rows)
want = sorted((p, r, "verified") for p in problems for r in ("cpython", "c", "c-ext"))
assert got == want, f"rows: {got}"
assert doc["format"] == 2 and doc["state"] == "complete", doc["state"]
base = {m["problem"]: m for m in rows if m["rung"] == "cpython"}
for m in rows:
    # A row slower than the budget gets one measured run, and says so.
    assert len(m["times_ns"]) >= (1 if m["slow"] else 3) and m["median_ns"] > 0, m
    assert m["max_rss_bytes"] > 0 and m["cold_ns"] > 0, m
    assert len(m["output_sha256"]) == 64, m
    assert m["iterations_ns"][0] == m["cold_ns"], m
    if m["rung"] == "c":
        assert m["interpreter"] is None, m
    else:
        i = m["interpreter"]
        assert i["implementation"] == "cpython" and i["version"].startswith("3."), i
        assert i["id"] == doc["settings"]["baseline_interpreter"], i
    if m["rung"] != "cpython":
        assert m["speedup"] and m["speedup"] > 1, f"{m['rung']} {m['problem']}: {m['speedup']}"
        # An interval needs runs to resample on both sides; one run has none.
        if len(m["times_ns"]) > 1 and len(base[m["problem"]]["times_ns"]) > 1:
            assert m["speedup_low"] <= m["speedup"] <= m["speedup_high"], m
        else:
            assert m["speedup_low"] is None and m["speedup_high"] is None, m
print(f"{len(rows)} rows verified")
PY
for problem in nbody spectral-norm pipeline fannkuch-redux mandelbrot binary-trees; do
    title=$(sed -n 's/^title *= *//p' "$root/problems/$problem/problem.conf")
    grep -q "^## $title" "$work/quick.md" || { echo "FAIL: no section for $title"; exit 1; }
done
ls "$work/results/runs/"*.json >/dev/null || { echo "FAIL: the run is not in the history"; exit 1; }
# A finished run is the newest: latest.json is it, as --json FILE is.
cmp -s "$work/results/latest.json" "$work/quick.json" ||
    { echo "FAIL: latest.json is not the finished run's --json"; exit 1; }
echo "report card has every problem"
# Rungs known but not buildable here are listed with why, never run.
known=$("$ladder" list)
for name in Codon CinderX; do
    printf '%s\n' "$known" | grep -q "^  $name " || { echo "FAIL: ladder list does not show $name"; exit 1; }
done
echo "ladder list shows the known rungs that cannot be built here"
# Input that would not fit is refused up front, with the size it would take,
# before a byte is generated: no .partial file is left.
set +e
out=$("$ladder" run --problem pipeline --size 1000000000 --rung c --no-baseline 2>&1)
code=$?
set -e
[ "$code" -eq 2 ] || { echo "FAIL: a 143 GB input: exit $code, want 2"; exit 1; }
case "$out" in *"would take 143.1 GB"*) ;; *) echo "FAIL: a 143 GB input: '$out'"; exit 1 ;; esac
if ls "$root/build/data/"*partial* >/dev/null 2>&1; then echo "FAIL: a .partial file was left"; exit 1; fi
echo "an input that would not fit is refused with its size, nothing left behind"
