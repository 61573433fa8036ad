#!/usr/bin/env bash
# Runs you can trust: each hostile-but-realistic case of the "runs you can
# trust" issue, replayed on a throw-away project, must give a clear error or a
# correct result: outputs that are devices, links or directories; rungs that
# lie about their times; interrupts with hung rungs and escaped children;
# bogus and huge sizes; two runs at once; bad results files; broken
# declarations.
set -u
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
cleanup() { pkill -f "sleep 100[0-2]" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export LADDER_ROOT=$work LADDER_RESULTS_DIR=$work/results

mkdir -p "$work/problems" "$work/rungs" "$work/harness"
touch "$work/harness/main.c"
cp -r "$root/problems/nbody" "$work/problems/"
rm -f "$work/problems/nbody/"*.py

# make_rung NAME RANK 'shell run for each "run" line' [extra conf lines]
make_rung() {
    local name=$1 rank=$2 body=$3 extra=${4:-}
    mkdir -p "$work/rungs/$name"
    printf 'title = %s\nrank = %s\ncost = test rung\nproblems = nbody\nrun = sh {rung_dir}/rung.sh\n%s\n' \
        "$name" "$rank" "$extra" >"$work/rungs/$name/rung.conf"
    printf 'echo ready\nn=0\nwhile read -r line; do\nn=$((n+1))\n%s\ndone\n' "$body" \
        >"$work/rungs/$name/rung.sh"
}
answer='printf "result %s 26\n-0.169075164\n-0.169087605\n"'
# An honest rung: it works (a busy loop, not a sleep) for about 20 ms. Every
# rung that works reports the time it measured, never a fixed one: a faster
# machine would make a fixed time longer than the round trip.
work_20ms='i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done'
honest="s=\$(date +%s%N); $work_20ms; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
make_rung good 0 "$honest"

run() {  # run OUT ARGS...: runs ladder, stdout+stderr in OUT; returns its status
    local out=$1; shift
    "$ladder" run --size quick "$@" >"$out" 2>&1
}
row() {  # row JSON RUNG: "status|reason|suspect" of that rung's row
    python3 -c '
import json, sys
rows = [m for m in json.load(open(sys.argv[1]))["measurements"] if m["rung"] == sys.argv[2]]
m = rows[0]
print("%s|%s|%s" % (m["status"], m["reason"], m["suspect"] or ""))' "$1" "$2"
}
contains() { case "$2" in *"$3"*) echo "ok    $1" ;; *) echo "FAIL  $1: '$2' lacks '$3'"; fail=1 ;; esac; }

# --- outputs are never destroyed ---------------------------------------------
run "$work/o1.txt" --rung good --repeat 2 --json /dev/null
check "--json /dev/null: exit status" "$?" 0
[ -c /dev/null ] && check "--json /dev/null: still a character device" yes yes ||
    check "--json /dev/null: still a character device" no yes
echo '{}' >"$work/target.json"
ln -s target.json "$work/link.json"
run "$work/o2.txt" --rung good --repeat 2 --json "$work/link.json"
check "--json link.json: exit status" "$?" 0
[ -L "$work/link.json" ] && check "--json link.json: still a link" yes yes ||
    check "--json link.json: still a link" no yes
grep -q '"measurements"' "$work/target.json" && check "--json link.json: its target written" yes yes ||
    check "--json link.json: its target written" no yes
"$ladder" report "$work/target.json" -o "$work/link.md" >/dev/null 2>&1
ln -sf target.md "$work/link2.md"
"$ladder" report "$work/target.json" -o "$work/link2.md" >/dev/null 2>&1
[ -L "$work/link2.md" ] && [ -f "$work/target.md" ] && check "report -o link: link kept, target written" yes yes ||
    check "report -o link: link kept, target written" no yes
mkdir "$work/adir"
run "$work/o3.txt" --rung good --json "$work/adir"
check "--json DIR: exit status" "$?" 1
contains "--json DIR: says so" "$(cat "$work/o3.txt")" "is a directory"
run "$work/o4.txt" --rung good --json "$work/same" --report "$work/same"
check "--json X --report X: exit status" "$?" 1
contains "--json X --report X: says so" "$(cat "$work/o4.txt")" "name the same file"
LADDER_RESULTS_DIR=/proc/ladder-no-such-dir run "$work/o5.txt" --rung good --repeat 2
check "an unwritable results folder: exit status" "$?" 1
contains "an unwritable results folder: names it" "$(cat "$work/o5.txt")" "/proc/ladder-no-such-dir"

# --- every run is kept; latest follows the newest finished one -----------------
run "$work/o6.txt" --rung good --repeat 2
check "a finished run: exit status" "$?" 0
runs=$(ls "$work/results/runs" | wc -l)
[ "$runs" -ge 1 ] && check "the run is in the history" yes yes || check "the run is in the history" no yes
cp "$work/results/latest.json" "$work/latest.before"
run "$work/o7.txt" --size bogus
check "--size bogus: a usage error" "$?" 2
contains "--size bogus: says what sizes are" "$(cat "$work/o7.txt")" "is not a size of nbody"
cmp -s "$work/results/latest.json" "$work/latest.before" && check "--size bogus: latest.json intact" yes yes ||
    check "--size bogus: latest.json intact" no yes
[ "$(ls "$work/results/runs" | wc -l)" -eq "$runs" ] && check "--size bogus: nothing written" yes yes ||
    check "--size bogus: nothing written" no yes
run "$work/o8.txt" --size 99999999999999999999999
check "a 23-digit size: refused" "$?" 2
contains "a 23-digit size: says the range" "$(cat "$work/o8.txt")" "from 0 to"

# --- lying rungs ----------------------------------------------------------------
make_rung liar-1ns 10 "$work_20ms; $(printf "$answer" 1)"
make_rung liar-zero 11 "$work_20ms; $(printf "$answer" 0)"
make_rung liar-negative 12 "$work_20ms; $(printf "$answer" -5)"
make_rung liar-inflated 13 "$work_20ms; $(printf "$answer" 900000000)"
# Does its work before starting its clock: 300 ms of work (on a machine
# twice as fast, still past the rule's 50 ms of slack), 1 ms reported.
make_rung liar-outside 14 "i=0; while [ \$i -lt 300000 ]; do i=\$((i+1)); done; $(printf "$answer" 1000000)"
# Computes once, then answers from a cache in no time.
make_rung liar-cached 15 "if [ \$n -eq 1 ]; then s=\$(date +%s%N); $work_20ms; $work_20ms; $work_20ms; $work_20ms; $work_20ms; e=\$(date +%s%N); $(printf "$answer" '$((e-s))'); else $(printf "$answer" 2000); fi"
# Reports the time it slept as time it worked.
make_rung liar-sleeper 16 "s=\$(date +%s%N); sleep 0.2; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
# Honest, with one long pause between two iterations (a garbage collector,
# a JIT): 300 ms outside the timed call once (past the 50 ms of slack, as
# liar-outside's), a 1 ms time reported.
work_1ms='i=0; while [ $i -lt 1000 ]; do i=$((i+1)); done'
make_rung pauses-once 17 "if [ \$n -eq 2 ]; then i=0; while [ \$i -lt 300000 ]; do i=\$((i+1)); done; fi; s=\$(date +%s%N); $work_1ms; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
# The same pause, then a wrong answer: the reason is the answer's alone.
make_rung pauses-wrong 18 "if [ \$n -eq 2 ]; then i=0; while [ \$i -lt 300000 ]; do i=\$((i+1)); done; printf 'result 1000 4\\nbad\\n'; else s=\$(date +%s%N); $work_1ms; e=\$(date +%s%N); $(printf "$answer" '$((e-s))'); fi"
run "$work/lies.txt" --repeat 3 --baseline good --json "$work/lies.json"
check "lying rungs: the run fails" "$?" 1
contains "1 ns is refused" "$(row "$work/lies.json" liar-1ns)" "failed|reported 1 ns for iteration 1: below 1 µs"
contains "0 ns is refused" "$(row "$work/lies.json" liar-zero)" "failed|reported a time of 0 ns"
contains "a negative time is refused" "$(row "$work/lies.json" liar-negative)" "failed|protocol error"
contains "a time longer than the round trip is refused" "$(row "$work/lies.json" liar-inflated)" "the time cannot be right"
contains "work outside the timed call is refused" "$(row "$work/lies.json" liar-outside)" "the work is not inside the timed call"
contains "one pause outside the timed call is not a lie" "$(row "$work/lies.json" pauses-once)" "verified|"
row_pauses_wrong=$(row "$work/lies.json" pauses-wrong)
contains "a pause, then a wrong answer: a wrong answer" "$row_pauses_wrong" "failed|wrong answer (iteration 2)"
check "a pause, then a wrong answer: no word of the pause" \
    "$(printf '%s\n' "$row_pauses_wrong" | grep -c 'timed call')" 0
contains "a cached answer is suspect" "$(row "$work/lies.json" liar-cached)" "verified||its warm median is"
contains "slept time is suspect" "$(row "$work/lies.json" liar-sleeper)" "neither computing nor waiting for a CPU"
python3 - "$work/lies.json" <<'PY' && check "suspect rows get no speedup" yes yes || check "suspect rows get no speedup" no yes
import json, sys
rows = {m["rung"]: m for m in json.load(open(sys.argv[1]))["measurements"]}
assert rows["liar-cached"]["speedup"] is None and rows["liar-sleeper"]["speedup"] is None
assert rows["good"]["speedup"] == 1.0
PY
grep -q "suspect" "$work/results/REPORT.md" 2>/dev/null || grep -q "suspect" "$work/lies.json"
rm -rf "$work/rungs"/liar-* "$work/rungs"/pauses-*

# --- a row slower than its budget ---------------------------------------------------
# 20 ms an iteration against a 5 ms budget: --min-runs runs without a time
# limit; under one, the card's policy of one run (a second would not fit in
# MEASURE_WIDEN_FACTOR budgets). It declares a compile step, so that its
# cold iteration is not taken as its one measured run (MEASURE_COLD_ONLY_FACTOR).
make_rung compiles 5 "$honest" "warmup = compile"
processes() {  # processes JSON RUNG: that row's "processes|runs"
    python3 -c '
import json, sys
m = [m for m in json.load(open(sys.argv[1]))["measurements"] if m["rung"] == sys.argv[2]][0]
print("%s|%d" % (m.get("processes"), len(m["times_ns"])))' "$1" "$2"
}
runs() {  # runs JSON RUNG: how many measured runs that rung's row has
    processes "$1" "$2" | cut -d'|' -f2
}
run "$work/slow1.txt" --rung compiles --budget 0.005 --min-runs 3 --json "$work/slow1.json"
check "a slow row: --min-runs runs" "$(runs "$work/slow1.json" compiles)" 3
# By default 6 (MEASURE_INTERVAL_MIN_RUNS): the least for a 95% interval.
run "$work/slow3.txt" --rung compiles --budget 0.005 --json "$work/slow3.json"
check "a slow row: 6 runs by default" "$(runs "$work/slow3.json" compiles)" 6
check "a rung that compiles on its first call: one process" \
    "$(processes "$work/slow1.json" compiles | cut -d'|' -f1)" 1
run "$work/slow2.txt" --rung compiles --budget 0.005 --time-limit 1h --json "$work/slow2.json"
check "a slow row under a time limit: one run" "$(runs "$work/slow2.json" compiles)" 1
rm -rf "$work/rungs/compiles"

# --- a row in several processes ------------------------------------------------------
# Without a time limit a row that compiles nothing runs in MEASURE_PROCESSES
# (3) processes, one after the other; under one, or with --repeat, in one.
make_rung counted 5 "$honest"
sed -i "1i echo started >>$work/starts.txt" "$work/rungs/counted/rung.sh"
: >"$work/starts.txt"
run "$work/proc1.txt" --rung counted --budget 0.3 --json "$work/proc1.json"
check "three processes: the row says so" "$(processes "$work/proc1.json" counted | cut -d'|' -f1)" 3
check "three processes: three were started" "$(wc -l <"$work/starts.txt" | tr -d ' ')" 3
contains "three processes: the row is verified" "$(row "$work/proc1.json" counted)" "verified"
# Exactly three runs, however long an iteration takes on a loaded machine:
# one a process (round 0 shares the first process's block).
: >"$work/starts.txt"
run "$work/proc4.txt" --rung counted --budget 0.3 --min-runs 3 --max-runs 3 --json "$work/proc4.json"
check "three runs: one a process" "$(processes "$work/proc4.json" counted)" "3|3"
check "three runs: three were started" "$(wc -l <"$work/starts.txt" | tr -d ' ')" 3
run "$work/proc2.txt" --rung counted --budget 0.3 --time-limit 1h --json "$work/proc2.json"
check "under a time limit: one process" "$(processes "$work/proc2.json" counted | cut -d'|' -f1)" 1
run "$work/proc3.txt" --rung counted --repeat 4 --json "$work/proc3.json"
check "--repeat 4: one process, four runs" "$(processes "$work/proc3.json" counted)" "1|4"
# A row whose speed depends on its process, as an interpreter's does on its
# memory layout (here: twice the work in every second process), has a wide
# interval: its more runs must come from new processes, not the last one.
make_rung layout 6 "s=\$(date +%s%N); $work_20ms; [ \$((\$(wc -l <$work/starts.txt) % 2)) -eq 0 ] && { $work_20ms; }; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
sed -i "1i echo started >>$work/starts.txt" "$work/rungs/layout/rung.sh"
: >"$work/starts.txt"
run "$work/proc5.txt" --rung layout --baseline good --budget 0.3 --json "$work/proc5.json"
procs=$(processes "$work/proc5.json" layout | cut -d'|' -f1)
[ "$procs" -gt 3 ] && check "more runs for a wide interval: from new processes" yes yes ||
    check "more runs for a wide interval: from new processes" "$procs processes" "more than 3"
# A row's memory is its own program's peak, not the harness's: a forked
# child's ru_maxrss starts at what the harness had resident, so every small
# rung showed the harness's 37 MB once it read its earlier runs.
check "memory: a shell rung's peak is its own (under 8 MB)" "$(python3 -c '
import json, sys
m = [m for m in json.load(open(sys.argv[1]))["measurements"] if m["rung"] == "counted"][0]
print(0 < m["max_rss_bytes"] < 8 << 20)' "$work/proc3.json")" True

# The time plan knows a row from the newest finished run that measured it:
# a run of another rung since (now latest.json) must not leave it planning
# blind (PLAN_BLIND_BUDGET_S, 0.75 s a row) instead of the budget asked for.
run "$work/plan1.txt" --rung good --no-baseline --repeat 2 --json "$work/plan1.json"
run "$work/plan2.txt" --rung counted --no-baseline --budget 2 --max-runs 10 --time-limit 1h \
    --json "$work/plan2.json"
contains "the time plan: a row known from an older run" "$(cat "$work/plan2.txt")" \
    "2 s of runs a row, to end within the time limit"
rm -rf "$work/rungs/counted" "$work/rungs/layout"

# --- sizes measured together: each row against its own size's answer --------------
# good always answers the quick size's energies: right at 1000 steps, wrong at
# 2000, though that output was verified moments before in the same rounds.
run "$work/t1.txt" --rung good --size 2000 --sizes-together --repeat 2 --json "$work/t1.json"
check "sizes together: a wrong size fails the run" "$?" 1
contains "sizes together: one measurement of both sizes" "$(cat "$work/t1.txt")" "n-body (1000, 2000 steps): 2 rows"
sizes=$(python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["measurements"]
print(" ".join("%s:%s:%s" % (m["argument"], m["status"], m["reason"][:12]) for m in rows))' "$work/t1.json")
check "sizes together: right at its size, wrong at the other" "$sizes" "1000:verified: 2000:failed:wrong answer"

# --- interrupts clean up ----------------------------------------------------------
# A rung that starts an escaped child (setsid) at start-up, then hangs.
make_rung hangs 20 'sleep 1000' 'run = sh {rung_dir}/hang.sh'
cat >"$work/rungs/hangs/hang.sh" <<'SH'
setsid sleep 1001.5 &
exec sh "$(dirname "$0")/rung.sh"
SH
cp "$work/results/latest.json" "$work/latest.before"
for sig in INT TERM HUP; do
    "$ladder" run --size quick --repeat 2 --timeout 100 --baseline good >"$work/int.txt" 2>&1 &
    pid=$!
    # Once the rows run (and the good one has its runs), the hung one blocks.
    for _ in $(seq 200); do grep -q "rows$" "$work/int.txt" && break; sleep 0.1; done
    sleep 2
    kill -s "$sig" "$pid"
    wait "$pid"
    code=$?
    case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
    check "SIG$sig: exit status" "$code" "$want"
    sleep 0.5
    survivors=$(pgrep -f "sleep 1001.5|sleep 1000" | wc -l)
    check "SIG$sig: no rung process survives" "$survivors" 0
    cmp -s "$work/results/latest.json" "$work/latest.before" &&
        check "SIG$sig: latest.json is the last finished run" yes yes ||
        check "SIG$sig: latest.json is the last finished run" no yes
    newest=$(ls -t "$work/results/runs"/*.json | head -n 1)
    state=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d["state"], [m["rung"] for m in d["measurements"]], [len(m["iterations_ns"]) for m in d["measurements"]])' "$newest")
    contains "SIG$sig: the run is kept, marked interrupted" "$state" "interrupted ['good', 'hangs']"
    contains "SIG$sig: what was measured is saved" "$state" "[1, 0]"
done
rm -rf "$work/rungs/hangs"

# A normal row whose rung leaves an escaped child behind.
make_rung leaves-child 21 "$honest" 'run = sh {rung_dir}/leave.sh'
cat >"$work/rungs/leaves-child/leave.sh" <<'SH'
setsid sleep 1002.5 &
exec sh "$(dirname "$0")/rung.sh"
SH
run "$work/child.txt" --repeat 2
check "a rung that leaves a child: its row still verifies" "$?" 0
check "a rung that leaves a child: the child is gone" "$(pgrep -f "sleep 1002.5" | wc -l)" 0
rm -rf "$work/rungs/leaves-child"

# --- two runs at once --------------------------------------------------------------
make_rung slow 30 "s=\$(date +%s%N); $work_20ms; $work_20ms; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
run "$work/a.txt" --rung slow --repeat 100 --no-baseline --json "$work/a.json" &
first=$!
# The second starts once the first is measuring (it holds the lock by then).
for _ in $(seq 100); do grep -q "rows$" "$work/a.txt" 2>/dev/null && break; sleep 0.1; done
run "$work/b.txt" --rung good --repeat 2 --json "$work/b.json"
second=$?
wait "$first"
check "two runs at once: the first finishes" "$?" 0
check "two runs at once: the second finishes" "$second" 0
contains "two runs at once: the second waited, saying why" "$(cat "$work/b.txt")" "waiting for"
rm -rf "$work/rungs/slow"

# --- results files that are not ladder's ----------------------------------------------
out=$(timeout 10 "$ladder" report /dev/zero 2>&1)
check "report /dev/zero: ends at once, with an error" "$?" 1
contains "report /dev/zero: says why" "$out" "larger than"
printf '{"format": 99, "measurements": []}' >"$work/future.json"
out=$("$ladder" report "$work/future.json" 2>&1)
check "report format 99: refused" "$?" 1
contains "report format 99: says which formats" "$out" "format 99"

# --- broken declarations hurt only themselves -----------------------------------------
mkdir -p "$work/rungs/empty" "$work/rungs/typo"
: >"$work/rungs/empty/rung.conf"
printf 'title = typo\nrank = 40\ncost = test\nproblems = nbody\nrequries = cc\nrun = true\n' \
    >"$work/rungs/typo/rung.conf"
out=$("$ladder" list 2>&1)
check "ladder list with broken declarations: exit status" "$?" 0
contains "an empty rung.conf: file and line" "$out" "rungs/empty/rung.conf:1: missing required key 'title'"
contains "a misspelt key: file and line" "$out" "rungs/typo/rung.conf:5: unknown key 'requries' (did you mean 'requires'?)"
"$ladder" list --check >/dev/null 2>&1
check "ladder list --check: fails" "$?" 1
run "$work/decl.txt" --repeat 2 --json "$work/decl.json"
check "a run with broken declarations: fails" "$?" 1
contains "the good rung still runs" "$(row "$work/decl.json" good)" "verified"
contains "the misspelt one is a failed row" "$(row "$work/decl.json" typo)" "failed|$work/rungs/typo/rung.conf:5: unknown key"
rm -rf "$work/rungs/empty" "$work/rungs/typo"

exit "$fail"
