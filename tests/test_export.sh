#!/usr/bin/env bash
# `ladder export`: a synthetic results file as CSV (the header, one line per
# row, RFC 4180 quoting) and as pyperf JSON files that pyperf itself reads:
# `python -m pyperf stats` prints the rows' own median, mean and counts, and
# `python -m pyperf compare_to` pairs the same row of two exports and sees
# the one made twice as slow. The pyperf half needs pyperf in .venv-dev
# (requirements-dev.txt); without it the test says so and exits 77.
set -eu
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
SKIP_STATUS=77

python3 - "$work" <<'PY'
import copy, json, random, sys

work = sys.argv[1]
rng = random.Random(7)

def interpreter(id, implementation, name, version, impl_version, jit=False):
    return {"id": id, "name": name, "implementation": implementation, "version": version,
            "implementation_version": impl_version, "executable": f"/opt/{id}/bin/python",
            "jit": jit, "free_threaded": False, "build_flags": "'--enable-optimizations'"}

CPYTHON = interpreter("cpython-3.13.0", "cpython", "CPython 3.13.0", "3.13.0", "3.13.0")
PYPY = interpreter("pypy-7.3.11", "pypy", "PyPy 7.3.11 (Python 3.9)", "3.9.18", "7.3.11", jit=True)

def row(problem, rung, title, interp, median_ns, runs=15, warmups=1, status="verified",
        reason=""):
    times = [int(median_ns * (1 + rng.gauss(0, 0.01))) for _ in range(runs)]
    before = [int(median_ns * (3 - i * 0.2)) for i in range(warmups)]
    verified = status == "verified"
    return {
        "problem": problem, "problem_title": problem, "rung": rung, "rung_title": title,
        "interpreter": interp, "cost": "test", "size": "quick", "argument": "1000",
        "parameter": "steps", "status": status, "reason": reason, "suspect": None,
        "notes": "", "cold_ns": before[0] if verified else None,
        "iterations_ns": before + times if verified else [],
        "warmup_iterations": warmups if verified else 0, "jit": warmups > 1,
        "times_ns": times if verified else [], "rounds": [0] * runs if verified else [],
        "max_rss_bytes": 12_345_678, "wall_ns": 1, "cpu_ns": 1, "source_lines": 42,
        "output_sha256": "cd" * 32 if verified else None,
    }

doc = {
    "format": 2, "created": "2026-12-01T09:00:00Z", "state": "complete", "command": "ladder run",
    "machine": {"cpu_model": "Test CPU @ 3.00GHz", "cores": 2, "memory_bytes": 1 << 30,
                "governor": "performance", "load_average": 0.25, "kernel": "Linux 6.1 x86_64",
                "os": "Debian GNU/Linux 12", "compiler": "cc 12.2", "hostname": "testhost"},
    "settings": {"baseline": "cpython", "baseline_interpreter": "cpython-3.13.0",
                 "baseline_title": "CPython 3.13.0", "budget_s": 5, "min_runs": 3,
                 "max_runs": 100, "timeout_s": 600},
    "measurements": [
        row("nbody", "cpython", "CPython 3.13.0", CPYTHON, 27.3e6),
        row("nbody", "c", "C (gcc -O3, -march=native)", None, 142e3),
        row("nbody", "cpython", "PyPy 7.3.11 (Python 3.9)", PYPY, 1.9e6, warmups=12),
        row("nbody", "cython", "Cython (CPython 3.13.0)", CPYTHON, 0, status="failed",
            reason='printed "-0.1690", expected -0.169075164, then crashed'),
        row("spectral-norm", "jax", "JAX (CPython 3.13.0)", CPYTHON, 0, status="skipped",
            reason="jax is not installed"),
    ],
}
with open(f"{work}/old.json", "w") as f:
    json.dump(doc, f, indent=1)
slow = copy.deepcopy(doc)
for m in slow["measurements"]:
    if m["rung"] == "c":
        m["times_ns"] = [2 * t for t in m["times_ns"]]
with open(f"{work}/slow.json", "w") as f:
    json.dump(slow, f, indent=1)
PY

fail() { echo "FAILED: $*"; exit 1; }
run_export() {  # NAME ARGS...
    local name=$1; shift
    set +e
    "$ladder" export "$@" >"$work/$name.out" 2>"$work/$name.err"
    echo $? >"$work/$name.status"
    set -e
    cat "$work/$name.err"
}

echo "--- CSV"
run_export csv --csv "$work/rows.csv" "$work/old.json"
check "--csv: exit 0" "$(cat "$work/csv.status")" 0
check "--csv: the header" "$(head -n 1 "$work/rows.csv" | tr -d '\r')" \
    "problem,rung,title,interpreter,size,argument,status,median_ns,speedup,speedup_low,speedup_high,runs,max_rss_bytes,output_sha256,reason"
check "--csv: a header and one line per row" "$(wc -l <"$work/rows.csv")" 6
check "--csv: every line ends in CRLF" "$(grep -c $'\r$' "$work/rows.csv")" 6
check "--csv: a title with a comma is quoted" \
    "$(grep -c '^nbody,c,"C (gcc -O3, -march=native)",,quick,1000,verified,' "$work/rows.csv")" 1
check "--csv: a quote in a field is doubled" \
    "$(grep -c ',"printed ""-0.1690"", expected -0.169075164, then crashed"'$'\r''$' "$work/rows.csv")" 1
check "--csv: read back by Python's csv module" "$(python3 - "$work/rows.csv" "$work/old.json" <<'PY'
import csv, json, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
doc = json.load(open(sys.argv[2]))
problems = []
for line, m in zip(rows, doc["measurements"]):
    assert line["title"] == m["rung_title"], (line, m)
    assert line["interpreter"] == (m["interpreter"]["id"] if m["interpreter"] else ""), line
    assert line["status"] == m["status"] and line["reason"] == m["reason"], line
    if m["status"] == "verified":
        assert float(line["median_ns"]) == statistics.median(m["times_ns"]), line
        assert int(line["runs"]) == len(m["times_ns"]) and line["max_rss_bytes"] == "12345678"
        assert line["output_sha256"] == m["output_sha256"]
    else:
        assert line["median_ns"] == "" and line["runs"] == "0", line
# The baseline's speedup over itself is 1; the others' come from the medians.
speedups = {(l["rung"], l["interpreter"]): l["speedup"] for l in rows}
assert float(speedups[("cpython", "cpython-3.13.0")]) == 1.0, speedups
assert float(speedups[("c", "")]) > 100, speedups
print(len(rows))
PY
)" 5
run_export csv-stdout --csv - "$work/old.json"
check "--csv -: to standard output" "$(cmp -s "$work/csv-stdout.out" "$work/rows.csv" && echo same)" same

echo "--- bad input"
run_export none "$work/old.json"
check "neither --pyperf nor --csv: usage error" "$(cat "$work/none.status")" 2
run_export missing --csv "$work/x.csv" "$work/no-such.json"
check "a missing results file: exit 1" "$(cat "$work/missing.status")" 1
check "...named" "$(grep -c "cannot read '$work/no-such.json'" "$work/missing.err")" 1
touch "$work/a-file"
run_export not-a-folder --pyperf "$work/a-file" "$work/old.json"
check "--pyperf onto a file: exit 1" "$(cat "$work/not-a-folder.status")" 1
check "...named" "$(grep -c "'$work/a-file' is not a folder" "$work/not-a-folder.err")" 1

echo "--- pyperf JSON"
run_export pyperf --pyperf "$work/old" "$work/old.json"
check "--pyperf: exit 0" "$(cat "$work/pyperf.status")" 0
check "--pyperf: one file per verified row" "$(cd "$work/old" && ls | tr '\n' ' ')" \
    "nbody-c-quick.json nbody-cpython-cpython-3.13.0-quick.json nbody-cpython-pypy-7.3.11-quick.json "
check "--pyperf: says how many" \
    "$(grep -c "3 verified rows of 5 written to '$work/old'" "$work/pyperf.err")" 1
run_export pyperf-slow --pyperf "$work/slow" "$work/slow.json"
run_export suite --pyperf-suite "$work/old-suite.json" "$work/old.json"
check "--pyperf-suite: exit 0" "$(cat "$work/suite.status")" 0
run_export suite-slow --pyperf-suite "$work/slow-suite.json" "$work/slow.json"

python=$root/.venv-dev/bin/python
if ! "$python" -c 'import pyperf' 2>/dev/null; then
    [ "$fail" -eq 0 ] || exit 1
    echo "skip: pyperf is not importable from $python (requirements-dev.txt; run scripts/setup)"
    exit "$SKIP_STATUS"
fi
echo "pyperf $("$python" -c 'import pyperf; print(pyperf.__version__)')"

# pyperf prints values in its own units, three digits: "27.3 ms", "142 us".
check "pyperf stats: the medians, means and counts of every row" "$("$python" - "$work" <<'PY'
import json, re, statistics, subprocess, sys
work = sys.argv[1]
UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "sec": 1.0}
TOLERANCE = 0.01    # three printed digits
doc = json.load(open(f"{work}/old.json"))
names = {("cpython", "cpython-3.13.0"): "nbody-cpython-cpython-3.13.0-quick",
         ("c", None): "nbody-c-quick", ("cpython", "pypy-7.3.11"): "nbody-cpython-pypy-7.3.11-quick"}

def seconds(text):
    number, unit = text.split()
    return float(number) * UNITS[unit]

def close(printed, exact):
    return abs(seconds(printed) - exact) <= TOLERANCE * exact

for m in doc["measurements"]:
    if m["status"] != "verified":
        continue
    name = names[(m["rung"], m["interpreter"]["id"] if m["interpreter"] else None)]
    out = subprocess.run([sys.executable, "-m", "pyperf", "stats", "--quiet", f"{work}/old/{name}.json"],
                         check=True, capture_output=True, text=True).stdout
    times = [t / 1e9 for t in m["times_ns"]]
    median = re.search(r"^Median \+- MAD:\s+(\S+ \S+) \+- ", out, re.M).group(1)
    mean = re.search(r"^Mean \+- std dev:\s+(\S+ \S+) \+- ", out, re.M).group(1)
    assert close(median, statistics.median(times)), (name, median, statistics.median(times))
    assert close(mean, statistics.mean(times)), (name, mean, statistics.mean(times))
    assert f"Total number of values: {len(times)}\n" in out, out
    assert f"Number of warmup per run: {m['warmup_iterations']}\n" in out, out
    assert "Loop iterations per value: 1\n" in out, out
print("match")
PY
)" match
check "pyperf metadata: the machine and the interpreter under pyperf's keys" "$("$python" -m pyperf metadata \
    "$work/old/nbody-cpython-pypy-7.3.11-quick.json" | grep -E '^- (cpu_model_name|cpu_count|hostname|python_implementation|python_version|mem_max_rss|date|ladder_title): ' | tr '\n' '|')" \
    "- cpu_count: 2|- cpu_model_name: Test CPU @ 3.00GHz|- date: 2026-12-01 09:00:00|- hostname: testhost|- ladder_title: PyPy 7.3.11 (Python 3.9)|- mem_max_rss: 11.8 MiB|- python_implementation: pypy|- python_version: PyPy 7.3.11 (Python 3.9)|"
check "pyperf's API reads the exact values" "$("$python" - "$work" <<'PY'
import json, statistics, sys
import pyperf
work = sys.argv[1]
m = json.load(open(f"{work}/old.json"))["measurements"][0]
bench = pyperf.Benchmark.load(f"{work}/old/nbody-cpython-cpython-3.13.0-quick.json")
assert bench.get_values() == tuple(t / 1e9 for t in m["times_ns"]), bench.get_values()
assert bench.median() == statistics.median(m["times_ns"]) / 1e9
print("exact")
PY
)" exact

out=$("$python" -m pyperf compare_to "$work/old/nbody-c-quick.json" "$work/slow/nbody-c-quick.json")
echo "$out"
check "pyperf compare_to: the row made twice as slow" "$("$python" - "$work" "$out" <<'PY'
import json, re, statistics, sys
work, out = sys.argv[1], sys.argv[2]
mean = lambda path: statistics.mean(next(m for m in json.load(open(path))["measurements"]
                                         if m["rung"] == "c")["times_ns"])
ratio = mean(f"{work}/slow.json") / mean(f"{work}/old.json")
printed = float(re.search(r": (\d+\.\d+)x slower$", out, re.M).group(1))
print("2x slower" if abs(printed - ratio) <= 0.01 and abs(ratio - 2) < 0.05 else f"{printed} vs {ratio}")
PY
)" "2x slower"
out=$("$python" -m pyperf compare_to "$work/old/nbody-cpython-cpython-3.13.0-quick.json" \
    "$work/slow/nbody-cpython-cpython-3.13.0-quick.json")
echo "$out"
check "pyperf compare_to: an unchanged row is not significant" \
    "$(echo "$out" | grep -c 'not significant')" 1
out=$("$python" -m pyperf compare_to "$work/old-suite.json" "$work/slow-suite.json" --table)
echo "$out"
check "pyperf compare_to on two suites: the slower row in the table" \
    "$(echo "$out" | grep -cE '^\| nbody-c-quick +\| 142 us +\| 284 us: 2.0[01]x slower +\|$')" 1
check "pyperf compare_to on two suites: the other two are not significant" \
    "$(echo "$out" | grep -c '^Benchmark hidden because not significant (2): ')" 1
exit "$fail"
