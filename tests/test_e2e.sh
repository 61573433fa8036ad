#!/usr/bin/env bash
# End to end: `ladder run --size quick` over the three rungs of the harness
# issue, on the three problems; every row must be verified.
set -eu
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$ladder" run --size quick --rung cpython --rung c --rung c-ext \
    --budget 0.5 --max-runs 10 --json "$work/quick.json" --report "$work/quick.md"

python3 - "$work/quick.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc["measurements"]
got = sorted((m["problem"], m["rung"], m["status"]) for m in rows)
want = sorted((p, r, "verified") for p in ("nbody", "spectral-norm", "pipeline")
              for r in ("cpython", "c", "c-ext"))
assert got == want, f"rows: {got}"
for m in rows:
    assert len(m["times_ns"]) >= 3 and m["median_ns"] > 0, m
    assert m["max_rss_bytes"] > 0 and m["cold_ns"] > 0, m
    if m["rung"] != "cpython":
        assert m["speedup"] and m["speedup"] > 1, f"{m['rung']} {m['problem']}: {m['speedup']}"
assert doc["machine"]["python"]["version"].startswith("3."), doc["machine"]
print("9 rows verified")
PY
grep -q "^## n-body" "$work/quick.md"
grep -q "^## spectral-norm" "$work/quick.md"
grep -q "^## JSON pipeline" "$work/quick.md"
