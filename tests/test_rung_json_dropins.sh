#!/usr/bin/env bash
# Tests the drop-in parser rungs, ujson and pysimdjson, through the
# harness, as a user runs them: `ladder run --size quick` on the baseline
# interpreter installs each rung's pinned package into the harness's
# environment for that interpreter and runs the pipeline, checking its
# answer against the reference: it must come back verified, and every
# other problem "not applicable". Then each on the input where a parser
# could differ from json.loads, which the cpython rung's code after it
# assumes: tests/data/pipeline-edge.json (duplicate keys, escapes,
# non-ASCII, an integer beyond 64 bits, which simdjson cannot represent)
# and a page holding a NUL and a lone surrogate (which simdjson refuses)
# must give the reference's result, and an event the cpython rung refuses
# must be refused in the cpython rung's words.
#
#   bash tests/test_rung_json_dropins.sh      (tests/run runs it from the root)
#
# The results go to a scratch folder (LADDER_RESULTS_DIR), never results/.
# Exits 77 (skipped), with the harness's reason, when a rung cannot run
# here (pip cannot install its package).
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2

rungs=(ujson pysimdjson)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

selection=()
for rung in "${rungs[@]}"; do selection+=(--rung "$rung"); done
if ! LADDER_RESULTS_DIR=$work "$ladder" run --size quick "${selection[@]}" --python baseline \
        --no-baseline --repeat 3 --json "$work/run.json" >"$work/log" 2>&1 && [ ! -s "$work/run.json" ]; then
    tail -n 20 "$work/log"
    echo "FAIL  ladder run wrote no results"
    exit 1
fi

# results FIELD: "RUNG PROBLEM VALUE" for every row of the run, where
# FIELD is status ("verified", "not-applicable", or e.g. "skipped:
# <reason>") or interpreter (its id).
results() {
    python3 - "$work/run.json" "$1" <<'EOF'
import json, sys
for row in json.load(open(sys.argv[1], encoding="utf-8"))["measurements"]:
    reason = " ".join(row["reason"].split())
    status = row["status"] + (": " + reason if reason and row["status"] != "not-applicable" else "")
    # A row that did not run (not applicable) has no interpreter.
    value = {"status": status, "interpreter": (row["interpreter"] or {}).get("id", "-")}
    print(row["rung"], row["problem"], value[sys.argv[2]])
EOF
}
statuses=$(results status)
skipped=$(grep -m 1 ' skipped: ' <<<"$statuses")
if [ -n "$skipped" ]; then
    echo "skip: ${skipped%% *} cannot run here:${skipped#* skipped:}"
    exit 77
fi
for rung in "${rungs[@]}"; do
    for problem in nbody spectral-norm pipeline fannkuch-redux mandelbrot binary-trees; do
        want="not-applicable"
        [ "$problem" = pipeline ] && want=verified
        check "$rung $problem, quick size, through ladder run" \
            "$(grep "^$rung $problem " <<<"$statuses")" "$rung $problem $want"
    done
done
[ "$fail" -eq 0 ] || tail -n 30 "$work/log"

# The environment the harness installed the packages into, for the row's
# interpreter (docs/declaring.md), started as the rungs' `run` lines do.
id=$(results interpreter | awk '$2 == "pipeline" { print $3; exit }')
python=$root/.venvs/$id/bin/python
answer() {   # answer RUNG FILE: the rung's output for the pipeline on FILE, or its error line
    printf 'run\n' | "$python" rungs/_python/driver.py "rungs/$1" pipeline "$2" 2>/dev/null |
        sed -n '/^error /p; 3p'
}
matches_reference() {   # matches_reference RUNG FILE: "same", or how the answer differs
    answer "$1" "$2" >"$work/got.json"
    python3 problems/pipeline/reference.py "$2" >"$work/want.json"
    python3 problems/pipeline/verify.py "$work/want.json" "$work/got.json" | head -n 1 | grep . ||
        echo same
}

printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "a\\u0000b\\ud800"}}]' \
    >"$work/surrogate.json"
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/naive.json"
for rung in "${rungs[@]}"; do
    check "$rung pipeline, the edge cases: the reference's result" \
        "$(matches_reference "$rung" tests/data/pipeline-edge.json)" same
    check "$rung pipeline, a page with a NUL and a lone surrogate: the reference's result" \
        "$(matches_reference "$rung" "$work/surrogate.json")" same
    check "$rung pipeline, a timestamp without a UTC offset: the cpython rung's error" \
        "$(answer "$rung" "$work/naive.json")" \
        "error ValueError: timestamp '2025-04-01T00:00:00' has no UTC offset (event 0)"
done
exit "$fail"
