#!/usr/bin/env bash
# `ladder compare`: two results files made from one synthetic one. The same
# data measured again (every row's times resampled, with a little noise) is
# all "not significant"; a row made twice as slow is "slower", and
# --fail-if-slower turns that into exit 1; a machine slower for a whole run
# is no change of any row but the baselines (--time-only: of every row); rows in one file only are
# listed; instruction counts are judged beside the times; a bad file is an
# error that names it.
set -eu
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes base.json and the files derived from it, all in "$work".
python3 - "$work" <<'PY'
import copy, json, random, sys

work = sys.argv[1]
rng = random.Random(42)
RUNS = 20
NOISE = 0.01          # the spread of one row's times
RESAMPLE_NOISE = 0.005  # what "measuring again" adds

def row(problem, rung, title, interp, median_ns, runs=RUNS, instructions=None, status="verified"):
    times = [int(median_ns * (1 + rng.gauss(0, NOISE))) for _ in range(runs)]
    m = {
        "problem": problem, "problem_title": problem, "rung": rung, "rung_title": title,
        "interpreter": None if interp is None else {
            "id": interp, "name": "CPython 3.13.0", "implementation": "cpython",
            "version": "3.13.0", "implementation_version": "3.13.0",
            "executable": "/usr/bin/python3", "jit": False, "free_threaded": False,
            "build_flags": ""},
        "cost": "test", "size": "quick", "argument": "1000", "parameter": "steps",
        "status": status, "reason": "" if status == "verified" else "it was not built",
        "suspect": None, "notes": "", "cold_ns": times[0] * 2,
        "iterations_ns": [times[0] * 2] + times, "warmup_iterations": 1, "jit": False,
        "times_ns": times if status == "verified" else [], "rounds": [0] * len(times),
        "max_rss_bytes": 10_000_000, "wall_ns": 1, "cpu_ns": 1, "source_lines": 10,
        "output_sha256": "ab" * 32,
    }
    if instructions is not None:
        m["instructions"] = instructions
    return m

base = {
    "format": 2, "created": "2026-12-01T09:00:00Z", "state": "complete",
    "command": "ladder run", "machine": {"cpu_model": "Test CPU", "cores": 2,
    "memory_bytes": 1 << 30, "governor": "performance", "load_average": 0.1,
    "kernel": "Linux 6.1 x86_64", "os": "Debian", "compiler": "cc 12", "hostname": "test"},
    "settings": {"baseline": "cpython", "baseline_interpreter": "cpython-3.13.0",
                 "baseline_title": "CPython 3.13.0", "budget_s": 5, "min_runs": 3,
                 "max_runs": 100, "timeout_s": 600},
    "measurements": [
        row("nbody", "cpython", "CPython 3.13.0", "cpython-3.13.0", 27.3e6, instructions=9.5e8),
        row("nbody", "c", "C (gcc -O3, -march=native)", None, 142e3, instructions=4.1e6),
        row("nbody", "numba", "Numba (CPython 3.13.0)", "cpython-3.13.0", 1.1e6),
        row("spectral-norm", "cpython", "CPython 3.13.0", "cpython-3.13.0", 310e6),
        row("spectral-norm", "c", "C (gcc -O3, -march=native)", None, 2.2e6, runs=1),
        row("spectral-norm", "cython", "Cython (CPython 3.13.0)", "cpython-3.13.0", 3.1e6),
        row("fannkuch-redux", "jax", "JAX (CPython 3.13.0)", "cpython-3.13.0", 0,
            status="skipped"),
    ],
}

def remeasured(doc, seed):
    """The same rows measured again: each row's times resampled, with noise."""
    r = random.Random(seed)
    doc = copy.deepcopy(doc)
    doc["created"] = "2026-12-02T09:00:00Z"
    for m in doc["measurements"]:
        m["times_ns"] = [int(r.choice(m["times_ns"]) * (1 + r.uniform(-RESAMPLE_NOISE,
                         RESAMPLE_NOISE))) for _ in m["times_ns"]]
    return doc

def find(doc, problem, rung):
    return next(m for m in doc["measurements"] if m["problem"] == problem and m["rung"] == rung)

def save(name, doc):
    with open(f"{work}/{name}", "w") as f:
        json.dump(doc, f, indent=1)

save("old.json", base)
save("same.json", remeasured(base, 1))

slow = remeasured(base, 2)
m = find(slow, "nbody", "cpython")
m["times_ns"] = [2 * t for t in m["times_ns"]]
m["instructions"] = 2 * m["instructions"]
save("slow.json", slow)

fast = remeasured(base, 3)
m = find(fast, "spectral-norm", "cython")
m["times_ns"] = [t // 2 for t in m["times_ns"]]
save("fast.json", fast)

changed = remeasured(base, 4)
changed["measurements"] = [m for m in changed["measurements"] if m["rung"] != "numba"]
added = copy.deepcopy(find(changed, "nbody", "cpython"))
added.update(rung="mypyc", rung_title="mypyc, compiled (CPython 3.13.0)")
changed["measurements"].append(added)
m = find(changed, "spectral-norm", "cython")
m.update(status="failed", reason="wrong answer: 1.27 instead of 1.274219991", times_ns=[])
m = find(changed, "nbody", "c")
m["argument"] = "2000"
save("changed.json", changed)

# The machine 15% slower for the whole new run, baseline and all (another
# tenant), and the C rung twice as slow besides.
drift = remeasured(base, 6)
for m in drift["measurements"]:
    m["times_ns"] = [int(1.15 * t) for t in m["times_ns"]]
m = find(drift, "nbody", "c")
m["times_ns"] = [2 * t for t in m["times_ns"]]
save("drift.json", drift)

instr = remeasured(base, 5)
find(instr, "nbody", "cpython")["instructions"] *= 1.05    # 5% more: slower
find(instr, "nbody", "c")["instructions"] *= 1.0005        # 0.05%: unchanged
save("instructions.json", instr)

with open(f"{work}/not-results.json", "w") as f:
    f.write('{"hello": "world"}')
PY

fail() { echo "FAILED: $*"; exit 1; }
# compare NAME ARGS...: runs ladder compare, keeping stdout, stderr and the status.
compare() {
    local name=$1; shift
    set +e
    "$ladder" compare "$@" >"$work/$name.out" 2>"$work/$name.err"
    echo $? >"$work/$name.status"
    set -e
}
show() { cat "$work/$1.out" "$work/$1.err"; }
status_of() { cat "$work/$1.status"; }
# verdicts FILE.json [QUANTITY]: "problem/rung=verdict" of each compared row,
# sorted: the row's verdict, or that of QUANTITY (time, vs_baseline,
# instructions).
verdicts() {
    python3 - "$1" "${2:-}" <<'PY'
import json, sys
doc, what = json.load(open(sys.argv[1])), sys.argv[2]
def verdict(r):
    return r[what]["verdict"] if what else r["verdict"]
print(" ".join(sorted(f"{r['problem']}/{r['rung']}={verdict(r).replace(' ', '-')}"
                      for r in doc["rows"] if r["kind"] == "compared" and (not what or r[what]))))
PY
}

echo "--- the same data, measured again"
compare same "$work/old.json" "$work/same.json" --json "$work/same-cmp.json" --fail-if-slower 0
show same
check "same data: exit 0, even with --fail-if-slower 0" "$(status_of same)" 0
check "same data: every row not significant" "$(verdicts "$work/same-cmp.json")" \
    "nbody/c=not-significant nbody/cpython=not-significant nbody/numba=not-significant spectral-norm/c=not-significant spectral-norm/cpython=not-significant spectral-norm/cython=not-significant"
check "same data: the summary line" \
    "$(grep -c '^0 faster, 0 slower, 6 not significant; geometric mean of the time ratios (new/old) 1.00x$' "$work/same.out")" 1
check "same data: the row verified in neither file is counted" \
    "$(grep -c '^1 verified in neither file$' "$work/same.out")" 1
check "same data: instructions unchanged" \
    "$(grep -c '^instructions: 0 faster, 0 slower, 2 unchanged' "$work/same.out")" 1
check "a row measured once says so, with no interval" \
    "$(grep -c '^spectral-norm .*  [-+][0-9.]*%  *[-+][0-9.]*% \[.*\]  *not significant (1 run)  ' "$work/same.out")" 1
check "a title with a comma is shown whole" "$(grep -c 'C (gcc -O3, -march=native)' "$work/same.out")" 2

echo "--- one row twice as slow"
compare slow "$work/old.json" "$work/slow.json" --json "$work/slow-cmp.json"
show slow
check "slower row: exit 0 without --fail-if-slower" "$(status_of slow)" 0
check "slower row: its verdict" "$(verdicts "$work/slow-cmp.json" | tr ' ' '\n' | grep '=slower')" \
    "nbody/cpython=slower"
check "slower row: the table says so, +100%" \
    "$(grep -c '^nbody  *quick  *CPython 3.13.0  .*  +10[0-9]\.[0-9]% \[.*slower  *+100.00% slower$' "$work/slow.out")" 1
check "slower row: in the summary" "$(grep -c '^0 faster, 1 slower, 5 not significant' "$work/slow.out")" 1
compare slow-fail "$work/old.json" "$work/slow.json" --fail-if-slower 10
check "--fail-if-slower 10: exit 1" "$(status_of slow-fail)" 1
check "--fail-if-slower 10: names the row" \
    "$(grep -c "nbody quick 'CPython 3.13.0' is 10[0-9].[0-9]% slower (limit 10%)" "$work/slow-fail.err")" 1
compare slow-loose "$work/old.json" "$work/slow.json" --fail-if-slower 150
check "--fail-if-slower 150: a 100% slowdown passes" "$(status_of slow-loose)" 0
compare slow-threshold "$work/old.json" "$work/slow.json" --threshold 150% --json "$work/th-cmp.json"
check "--threshold 150%: not significant any more" \
    "$(verdicts "$work/th-cmp.json" | tr ' ' '\n' | grep -c '=not-significant')" 6

echo "--- one row twice as fast"
compare fast "$work/old.json" "$work/fast.json" --json "$work/fast-cmp.json" --fail-if-slower 1
check "faster row: exit 0 with --fail-if-slower" "$(status_of fast)" 0
check "faster row: its verdict" "$(verdicts "$work/fast-cmp.json" | tr ' ' '\n' | grep -v '=not-significant')" \
    "spectral-norm/cython=faster"
check "faster row: -50% in the table" "$(grep -c 'Cython (CPython 3.13.0) .* -50\.[0-9]% \[.*faster' "$work/fast.out")" 1

echo "--- the machine 15% slower in the new run, and one rung twice as slow"
compare drift "$work/old.json" "$work/drift.json" --json "$work/drift-cmp.json" --fail-if-slower 50
show drift
check "drift: by time alone every row is slower" \
    "$(verdicts "$work/drift-cmp.json" time | tr ' ' '\n' | grep -vc '=slower' || true)" 0
check "drift: against the baseline only the doubled rung moved" \
    "$(verdicts "$work/drift-cmp.json" vs_baseline)" \
    "nbody/c=slower nbody/numba=not-significant spectral-norm/c=not-significant spectral-norm/cython=not-significant"
check "drift: the doubled rung and the two baselines (by their time) are slower" \
    "$(verdicts "$work/drift-cmp.json")" \
    "nbody/c=slower nbody/cpython=slower nbody/numba=not-significant spectral-norm/c=not-significant spectral-norm/cpython=slower spectral-norm/cython=not-significant"
check "drift: the table shows the baseline as such" \
    "$(grep -c '^nbody  *quick  *CPython 3.13.0 .* (the baseline)  *slower' "$work/drift.out")" 1
check "drift: --fail-if-slower 50 trips on the doubled rung, by its +100% against the baseline" \
    "$(status_of drift) $(grep -c "nbody quick 'C (gcc -O3, -march=native)' is \(99\|10[0-9]\)\.[0-9]% slower (limit 50%)" "$work/drift.err")" "1 1"
compare drift-time "$work/old.json" "$work/drift.json" --time-only --json "$work/drift-time.json"
check "--time-only: pyperf's rule, every row slower" \
    "$(verdicts "$work/drift-time.json" | tr ' ' '\n' | grep -vc '=slower' || true) $(grep -c 'vs baseline' "$work/drift-time.out" || true)" "0 0"

echo "--- rows added, removed, failed, measured at another size"
compare changed "$work/old.json" "$work/changed.json" --json "$work/changed-cmp.json"
show changed
check "changed: exit 0" "$(status_of changed)" 0
check "an added row is listed" "$(grep -A1 "^added (only in '$work/changed.json'):" "$work/changed.out" | grep -c 'nbody quick  mypyc, compiled (CPython 3.13.0): ')" 1
check "a removed row is listed" "$(grep -A1 "^removed (only in '$work/old.json'):" "$work/changed.out" | grep -c 'nbody quick  Numba (CPython 3.13.0): 1.1[0-9]ms')" 1
check "a row that failed in the new file is not compared, with why" \
    "$(grep -c "spectral-norm quick  Cython (CPython 3.13.0): failed in '$work/changed.json': wrong answer" "$work/changed.out")" 1
check "a row measured at another argument is not compared" \
    "$(grep -c "nbody quick  C (gcc -O3, -march=native): measured at 1000 steps in '$work/old.json', 2000 steps in '$work/changed.json'" "$work/changed.out")" 1
check "changed: the summary counts them" \
    "$(grep -c '^1 added, 1 removed, 2 not compared, 1 verified in neither file$' "$work/changed.out")" 1
check "changed: the JSON kinds" "$(python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
print(" ".join(sorted(r["rung"] + "=" + r["kind"] for r in doc["rows"] if r["kind"] != "compared")))
' "$work/changed-cmp.json")" "c=not-compared cython=not-compared jax=unverified mypyc=added numba=removed"

echo "--- instruction counts"
compare instr "$work/old.json" "$work/instructions.json" --json "$work/instr-cmp.json"
show instr
check "instructions: the time verdicts are all not significant" \
    "$(verdicts "$work/instr-cmp.json" | tr ' ' '\n' | grep -vc '=not-significant' || true)" 0
check "instructions: +5% is slower, +0.05% unchanged" "$(verdicts "$work/instr-cmp.json" instructions)" \
    "nbody/c=unchanged nbody/cpython=slower"
check "instructions: beside the time" "$(grep -c '^nbody .*CPython 3.13.0 .*not significant  *+5.00% slower$' "$work/instr.out")" 1
compare instr-fail "$work/old.json" "$work/instructions.json" --fail-if-slower 3
check "--fail-if-slower counts instructions too" "$(status_of instr-fail)" 1
check "...and says so" "$(grep -c "runs 5.00% more instructions (limit 3%)" "$work/instr-fail.err")" 1

echo "--- bad input"
compare missing "$work/old.json" "$work/no-such.json"
check "a missing file: exit 1" "$(status_of missing)" 1
check "a missing file: named" "$(grep -c "cannot read '$work/no-such.json'" "$work/missing.err")" 1
compare not-results "$work/not-results.json" "$work/old.json"
check "not a results file: exit 1" "$(status_of not-results)" 1
check "not a results file: named" \
    "$(grep -c "'$work/not-results.json' is not a ladder results file" "$work/not-results.err")" 1
compare one-file "$work/old.json"
check "one file: usage error" "$(status_of one-file)" 2
compare bad-pct "$work/old.json" "$work/same.json" --fail-if-slower ten
check "a percentage that is not one: usage error" "$(status_of bad-pct)" 2
check "...named" "$(grep -c "fail-if-slower needs a percentage (0 or more), got 'ten'" "$work/bad-pct.err")" 1
compare negative "$work/old.json" "$work/same.json" --threshold -1
check "a negative threshold: usage error" "$(status_of negative)" 2
compare help --help
check "--help: exit 0" "$(status_of help)" 0
check "--help states the rule" "$(grep -c 'when the interval excludes 1 and |change| exceeds the threshold' "$work/help.out")" 1
exit "$fail"
