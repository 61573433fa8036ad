#!/usr/bin/env bash
# Interpreters as a dimension of the ladder: every interpreter found is
# listed with its id and status; `--python all` gives the cpython rung a
# verified row on each usable one, with its interpreter in the results;
# a bad --python is a clear error. PyPy and GraalPy rows are checked where
# they are installed (tests/test_graalpy.sh builds GraalPy itself).
set -u
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results

contains() { case "$2" in *"$3"*) echo "ok    $1" ;; *) echo "FAIL  $1: '$3' not in output"; fail=1 ;; esac; }

list=$("$ladder" interpreters 2>&1)
check "ladder interpreters: exit status" "$?" 0
contains "the baseline is marked" "$list" "* cpython-3."
baseline=$(printf '%s\n' "$list" | sed -n 's/^\* \(cpython-[^ ]*\).*/\1/p')
[ -n "$baseline" ] || { echo "FAIL  no baseline CPython found"; exit 1; }
if printf '%s\n' "$list" | grep -q "cpython-3\.[0-9]\." ; then
    old=$(printf '%s\n' "$list" | grep -c "out of range" || true)
    echo "note: $old interpreter(s) out of range here"
fi

# Every usable interpreter, one row each, on n-body at the quick size.
"$ladder" run --size quick --problem nbody --rung cpython --python all --budget 0.5 \
    --warmup-min 2 --max-runs 10 --json "$work/all.json" >"$work/all.txt" 2>&1
check "--python all: exit status" "$?" 0
python3 - "$work/all.json" "$baseline" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rows = doc["measurements"]
baseline = sys.argv[2]
assert doc["settings"]["baseline_interpreter"] == baseline, doc["settings"]
ids = [m["interpreter"]["id"] for m in rows]
assert len(ids) == len(set(ids)) and baseline in ids, ids
for m in rows:
    i = m["interpreter"]
    assert m["status"] == "verified", (i["id"], m["reason"])
    for key in ("id", "name", "implementation", "version", "executable", "jit",
                "free_threaded", "build_flags"):
        assert key in i, (key, i)
    assert m["rung_title"] == i["name"], (m["rung_title"], i["name"])
    if i["implementation"] == "cpython":
        major, minor = map(int, i["version"].split(".")[:2])
        assert (major, minor) >= (3, 10), i
    if i["jit"]:
        assert m["jit"] and m["warmup_iterations"] >= 1, m
    assert (m["speedup"] or 0) > 0, m
print("ok    --python all: %d rows, each verified with its interpreter: %s" % (len(rows), " ".join(ids)))
PY
[ $? -eq 0 ] || fail=1

# A version names the newest build of it; a path names itself.
"$ladder" run --size quick --problem nbody --rung cpython --python "${baseline#cpython-}" --repeat 2 \
    --json "$work/one.json" >/dev/null 2>&1
check "--python VERSION: exit status" "$?" 0
check "--python VERSION: one row" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["measurements"]))' "$work/one.json")" 1

# Another interpreter alone still gets its speedup: the baseline row stays
# on the baseline interpreter (it used to be left out, and with it every
# speedup), unless --no-baseline.
other=$(printf '%s\n' "$list" | awk '$1 ~ /^cpython-3\.[1-9][0-9]\./ {print $1}' | grep -vx "$baseline" | head -1)
if [ -n "$other" ]; then
    "$ladder" run --size quick --problem nbody --rung cpython --python "$other" --repeat 2 \
        --json "$work/other.json" >/dev/null 2>&1
    check "--python $other: exit status" "$?" 0
    check "--python $other: its row and the baseline's, with a speedup" "$(python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["measurements"]
print(sorted(m["interpreter"]["id"] for m in rows), all((m["speedup"] or 0) > 0 for m in rows))' "$work/other.json")" \
        "$(python3 -c 'import sys; print(sorted(sys.argv[1:]), True)' "$other" "$baseline")"
    "$ladder" run --size quick --problem nbody --rung cpython --python "$other" --no-baseline --repeat 2 \
        --json "$work/alone.json" >/dev/null 2>&1
    check "--python $other --no-baseline: one row" "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["measurements"]))' "$work/alone.json")" 1
else
    echo "note: one CPython here: the baseline-row check under --python is left out"
fi
exe=$(printf '%s\n' "$list" | awk -v id="$baseline" '$2 == id {print $NF}')
"$ladder" run --size quick --problem nbody --rung cpython --python "$exe" --repeat 2 \
    --json "$work/path.json" >/dev/null 2>&1
check "--python PATH: exit status" "$?" 0

# Mistakes are clear errors, before anything runs.
out=$("$ladder" run --size quick --problem nbody --python 2.5 2>&1)
check "--python 2.5: a usage error" "$?" 2
contains "--python 2.5: lists what there is" "$out" "names no interpreter found here; there are:"
if printf '%s\n' "$list" | grep -q "cpython-3\.9\..*"; then
    out=$("$ladder" run --size quick --problem nbody --python 3.9 2>&1)
    check "--python 3.9: refused" "$?" 2
    contains "--python 3.9: out of range" "$out" "out of range"
fi
out=$("$ladder" run --size quick --problem nbody --python /no/such/python 2>&1)
check "--python /no/such/python: refused" "$?" 1
contains "--python /no/such/python: says so" "$out" "cannot run the Python interpreter '/no/such/python'"

# A C extension runs on CPython only: asked for on PyPy, its row says why.
if printf '%s\n' "$list" | grep -q "^  pypy-"; then
    "$ladder" run --size quick --problem nbody --rung c-ext --python pypy --no-baseline \
        --repeat 2 --json "$work/pypy.json" >/dev/null 2>&1
    reason=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["measurements"][0]; print(m["status"], m["reason"])' "$work/pypy.json")
    contains "c-ext on PyPy: skipped with the reason" "$reason" "skipped runs on cpython only"
else
    echo "note: no PyPy here (apt-get install pypy3 pypy3-venv): its checks are left out"
fi
exit "$fail"
