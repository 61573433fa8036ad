#!/usr/bin/env bash
# Tests the ctypes rung through the harness, as a user runs it: `ladder run
# --size quick --rung ctypes` on the baseline interpreter builds its shared
# library (rungs/ctypes/Makefile) and runs every problem it declares,
# checking each answer against the problem's reference: every one must
# come back verified. Then the pipeline through the built library on what
# the rung's Python adds to the engine, reading its C structs through
# ctypes and its C strings into str: tests/data/pipeline-edge.json
# (non-ASCII pages, a surrogate pair) and a page holding a NUL and a lone
# surrogate must give the reference's result, and bad input the engine's
# error, naming the byte.
#
#   bash tests/test_rung_ctypes.sh      (tests/run runs it from the root)
#
# The results go to a scratch folder (LADDER_RESULTS_DIR), never results/.
# Exits 77 (skipped), with the harness's reason, when the rung cannot run
# here (no C compiler).
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2

rung=ctypes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! LADDER_RESULTS_DIR=$work "$ladder" run --size quick --rung "$rung" --python baseline \
        --no-baseline --repeat 3 --json "$work/run.json" >"$work/log" 2>&1 && [ ! -s "$work/run.json" ]; then
    tail -n 20 "$work/log"
    echo "FAIL  ladder run wrote no results"
    exit 1
fi

# results FIELD: "PROBLEM VALUE" for every row of the run, where FIELD is
# status ("verified", or e.g. "skipped: <reason>"), interpreter (its id)
# or executable (its path).
results() {
    python3 - "$work/run.json" "$1" <<'EOF'
import json, sys
for row in json.load(open(sys.argv[1], encoding="utf-8"))["measurements"]:
    reason = " ".join(row["reason"].split())
    interpreter = row["interpreter"] or {}   # none for a row that did not run
    value = {"status": row["status"] + (": " + reason if reason else ""),
             "interpreter": interpreter.get("id", "-"),
             "executable": interpreter.get("executable", "-")}
    print(row["problem"], value[sys.argv[2]])
EOF
}
statuses=$(results status)
skipped=$(grep -m 1 -o ' skipped: .*' <<<"$statuses")
if [ -n "$skipped" ]; then
    echo "skip: the $rung rung cannot run here:${skipped# skipped:}"
    exit 77
fi
for problem in $(sed -n 's/^problems *= *//p' "rungs/$rung/rung.conf"); do
    check "$rung $problem, quick size, through ladder run" \
        "$(grep "^$problem " <<<"$statuses")" "$problem verified"
done
[ "$fail" -eq 0 ] || tail -n 30 "$work/log"

# What the harness built for the row's interpreter (docs/declaring.md:
# {build_dir}; with no `packages`, {python} is the interpreter itself),
# started as the rung's `run` line does.
python=$(results executable | awk 'NR == 1 { print $2 }')
build=$root/build/rungs/$rung/$(results interpreter | awk 'NR == 1 { print $2 }')
answer() {   # answer FILE: the rung's output for the pipeline on FILE, or its error line
    printf 'run\n' | env LADDER_CTYPES_LIBRARY="$build/libkernels.so" "$python" \
        rungs/_python/driver.py "rungs/$rung" pipeline "$1" 2>/dev/null | sed -n '/^error /p; 3p'
}
matches_reference() {   # matches_reference FILE: "same", or how the answer differs
    answer "$1" >"$work/got.json"
    python3 problems/pipeline/reference.py "$1" >"$work/want.json"
    python3 problems/pipeline/verify.py "$work/want.json" "$work/got.json" | head -n 1 | grep . ||
        echo same
}

check "$rung pipeline, the edge cases: the reference's result" \
    "$(matches_reference tests/data/pipeline-edge.json)" same
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "a\\u0000b\\ud800"}}]' \
    >"$work/surrogate.json"
check "$rung pipeline, a page with a NUL and a lone surrogate: the reference's result" \
    "$(matches_reference "$work/surrogate.json")" same
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/naive.json"
got=$(answer "$work/naive.json")
[[ $got =~ ^error\ ValueError:\ .*UTC\ offset\ at\ byte\ [0-9]+\ \(event\ 0\)$ ]] && got=refused
check "$rung pipeline, a timestamp without a UTC offset: refused, naming the byte" "$got" refused
exit "$fail"
