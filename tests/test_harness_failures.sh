#!/usr/bin/env bash
# A rung that crashes, hangs, answers wrongly, babbles, cannot be built or
# cannot run here must become a row that says so - and the run goes on,
# keeping what was measured. Runs the harness on a throw-away project.
set -eu
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/problems/nbody" "$work/rungs"
cp "$root/problems/nbody/problem.conf" "$work/problems/nbody/"

# make_rung NAME RANK 'shell body run for each "run" line' [extra conf lines]
make_rung() {
    local name=$1 rank=$2 body=$3 extra=${4:-}
    mkdir -p "$work/rungs/$name"
    cat >"$work/rungs/$name/rung.conf" <<CONF
title = $name
rank = $rank
cost = test rung
problems = nbody
run = sh {rung_dir}/rung.sh
$extra
CONF
    cat >"$work/rungs/$name/rung.sh" <<SH
echo ready
while read -r line; do
$body
done
SH
}
good='printf "result 1000 26\n-0.169075164\n-0.169087605\n"'
make_rung good 0 "$good"
make_rung crash 10 'kill -SEGV $$'
make_rung hang 20 'sleep 30'
make_rung wrong 30 'printf "result 1000 26\n-0.169075164\n-0.169096567\n"'
make_rung babble 40 'echo "hello there"'
make_rung gives-up 50 'echo "error cannot import numpy"; exit 1'
make_rung unbuildable 60 "$good" 'build = echo "nbody.c:1: error: oops" >&2; false'
make_rung elsewhere 70 "$good" 'requires = command:no-such-tool-here
enable = apt-get install no-such-tool'
make_rung late 80 "$good"

out="$work/out.txt"
set +e
LADDER_ROOT="$work" "$ladder" run --size quick --repeat 3 --timeout 2 --baseline good \
    --json "$work/r.json" --report "$work/r.md" >"$out" 2>"$work/err.txt"
code=$?
set -e
cat "$out"

fail() { echo "FAILED: $*"; exit 1; }
[ "$code" -eq 1 ] || fail "exit status $code, expected 1 (rows failed)"
expect_row() {  # NAME STATUS REASON-SUBSTRING
    python3 - "$work/r.json" "$@" <<'PY' || fail "row $1: expected $2 with '$3'"
import json, sys
doc = json.load(open(sys.argv[1]))
_, rung, status, reason = sys.argv[1:]
rows = [m for m in doc["measurements"] if m["rung"] == rung]
assert len(rows) == 1, rows
m = rows[0]
assert m["status"] == status, m
assert reason in m["reason"], m["reason"]
if status == "verified":
    assert len(m["times_ns"]) == 3 and m["median_ns"] == 1000 and m["cold_ns"] == 1000, m
    assert m["max_rss_bytes"] > 0, m
else:
    assert m["times_ns"] == [] and m["median_ns"] is None and m["speedup"] is None, m
PY
}
expect_row good verified ""
expect_row crash failed "signal 11"
expect_row hang failed "timed out after 2 s"
expect_row wrong failed "wrong answer"
expect_row wrong failed "-0.169087605"
expect_row babble failed "unexpected output: 'hello there'"
expect_row gives-up failed "rung error: cannot import numpy"
expect_row unbuildable failed "build failed"
expect_row unbuildable failed "error: oops"
expect_row elsewhere skipped "'no-such-tool-here' is not on PATH"
expect_row late verified ""
grep -q "apt-get install no-such-tool" "$work/r.md" || fail "the report names the enable command"
grep -q "FAILED" "$work/r.md" || fail "the report shows failed rows"
grep -q "9 rows: 2 verified, 6 failed, 1 skipped" "$out" || fail "summary line"

# The report can be made again from the saved results.
mkdir "$work/again"
"$ladder" report "$work/r.json" -o "$work/again/r.md"
cmp -s "$work/r.md" "$work/again/r.md" || fail "ladder report reproduces the report card"
cmp -s "$work/r-nbody-quick.svg" "$work/again/r-nbody-quick.svg" || fail "and its chart"
grep -q '!\[n-body: speedups\](r-nbody-quick.svg)' "$work/r.md" || fail "the report shows the chart"
"$ladder" report "$work/r.json" | grep -q "^## n-body" || fail "ladder report prints to stdout"

# Misuse is a usage error with a helpful message, not a crash.
set +e
LADDER_ROOT="$work" "$ladder" run --rung nope >/dev/null 2>"$work/usage.txt"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q "no rung 'nope'; there are:" "$work/usage.txt" || fail "unknown rung"
echo "all failure modes reported"
