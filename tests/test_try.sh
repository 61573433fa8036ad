#!/usr/bin/env bash
# `ladder try`: a user's function up the rungs that need no rewrite. An
# example module runs on the baseline, on PyPy where it is installed, and
# compiled by mypyc and Cython, with Numba wrapping it, every row verified
# or with its reason, and the advice line; then each failure the issue names
# is its own case: a result that differs on one interpreter, a function that
# raises on one, a module mypyc cannot compile, an import that is missing.
set -u
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results
data=$root/tests/data/try
contains() { case "$2" in *"$3"*) echo "ok    $1" ;; *) echo "FAIL  $1: '$3' not in '$2'"; fail=1 ;; esac; }
row() {  # row JSON RUNG [INTERPRETER-ID-PREFIX]: "status|reason"
    python3 -c '
import json, sys
rows = [m for m in json.load(open(sys.argv[1]))["measurements"]
        if m["rung"] == sys.argv[2] and m["interpreter"]["id"].startswith(sys.argv[3])]
print("%s|%s" % (rows[0]["status"], rows[0]["reason"]) if rows else "none|")' "$1" "$2" "${3:-}"
}
pythons=(--python baseline)
"$ladder" interpreters 2>/dev/null | grep -q "^  pypy-" && pythons+=(--python pypy)

# The example: every rung, options after the arguments as before them.
"$ladder" try "$root/examples/collatz.py" longest_chain 3000 "${pythons[@]}" --rung cpython \
    --rung mypyc --rung cython --rung numba --budget 0.3 --json "$work/collatz.json" \
    >"$work/collatz.txt" 2>&1
check "collatz: exit status" "$?" 0
python3 - "$work/collatz.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rows = {(m["rung"], m["interpreter"]["implementation"]): m for m in doc["measurements"]}
ok = True
def say(what, cond):
    global ok
    print(("ok    " if cond else "FAIL  ") + what)
    ok = ok and cond
say("the same measurement objects as ladder run", all(
    {"problem", "rung", "interpreter", "status", "speedup", "times_ns", "output_sha256"} <= set(m)
    for m in doc["measurements"]))
say("problem names the function", all(m["problem"] == "longest_chain" for m in doc["measurements"]))
for rung in ("cpython", "mypyc", "cython"):
    m = rows.get((rung, "cpython"))
    say(f"{rung}: verified", m is not None and m["status"] == "verified")
m = rows.get(("numba", "cpython"))
say("numba: verified, or not applicable with its reason",
    m is not None and (m["status"] == "verified" or (m["status"] == "not-applicable" and m["reason"])))
if ("cpython", "pypy") in rows:
    say("PyPy: verified", rows[("cpython", "pypy")]["status"] == "verified")
sys.exit(0 if ok else 1)
PY
[ $? -eq 0 ] || fail=1
contains "the advice line" "$(cat "$work/collatz.txt")" "Advice: "

# --setup, and --profile first.
"$ladder" try --profile --setup sample_text --python baseline --rung cpython --repeat 2 \
    "$root/examples/wordfreq.py" top_words --json "$work/words.json" >"$work/words.txt" 2>&1
check "wordfreq with --setup: exit status" "$?" 0
contains "--profile: the top functions" "$(cat "$work/words.txt")" "own time  share"
contains "--profile: the function itself" "$(cat "$work/words.txt")" "top_words (wordfreq.py"

# Failures: each a row with its reason; the run goes on.
other=$("$ladder" interpreters 2>/dev/null | awk '$1 ~ /^cpython-3\.1[0-2]\./ {print $1; exit}')
if [ -n "$other" ]; then
    "$ladder" try "$data/differs.py" version_sum 10 --python baseline --python "$other" \
        --rung cpython --repeat 2 --json "$work/differs.json" >/dev/null 2>&1
    check "a result that differs: exit status" "$?" 1
    contains "a result that differs: FAILED with the difference" "$(row "$work/differs.json" cpython "$other")" \
        "failed|wrong answer (iteration 1): the result"
else
    echo "note: only one CPython here: the differing-result case needs a second"
fi
if "$ladder" interpreters 2>/dev/null | grep -q "^  cpython-3\.12\."; then
    "$ladder" try "$data/raises.py" triangle 10 --python baseline --python 3.12 --rung cpython \
        --repeat 2 --json "$work/raises.json" >/dev/null 2>&1
    check "raises on 3.12: exit status" "$?" 1
    contains "raises on 3.12: a failed row with the exception" "$(row "$work/raises.json" cpython cpython-3.12)" \
        "failed|rung error: RuntimeError: no triangles on 3.12"
    contains "raises on 3.12: the baseline row still verified" "$(row "$work/raises.json" cpython "$(printf '%s' "$("$ladder" interpreters | sed -n 's/^\* \([^ ]*\).*/\1/p')")")" "verified|"
else
    echo "note: no CPython 3.12 here: the raising case is left out"
fi
"$ladder" try "$data/badtypes.py" double 3 --python baseline --rung cpython --rung mypyc \
    --repeat 2 --json "$work/bad.json" >/dev/null 2>&1
check "mypyc refuses: exit status" "$?" 1
contains "mypyc refuses: its first error" "$(row "$work/bad.json" mypyc)" \
    "failed|mypyc cannot compile the module: "
contains "mypyc refuses: the line and the error" "$(row "$work/bad.json" mypyc)" "badtypes.py:5: error: Incompatible"
"$ladder" try "$data/needs.py" f 1 --python baseline --rung cpython --repeat 2 >"$work/needs.txt" 2>&1
check "a missing import on the baseline: exit status" "$?" 1
contains "a missing import: names the module" "$(cat "$work/needs.txt")" "ladder_no_such_package_here"
"$ladder" try "$root/examples/collatz.py" longest_chain "not a literal" --rung cpython --python baseline >"$work/lit.txt" 2>&1
check "an argument that is not a literal: exit status" "$?" 1
contains "an argument that is not a literal: says so" "$(cat "$work/lit.txt")" "is not a Python literal"
exit "$fail"
