#!/usr/bin/env bash
# Tests the jax rung through the harness, as a user runs it: `ladder run
# --size quick --rung jax --python baseline --no-baseline` must verify
# every problem the rung declares and show the others as not applicable,
# with rung.conf's reasons. Then two sizes whose edges the quick ones miss
# -- mandelbrot 1001 (rows ending in a partial byte) and fannkuch-redux 8
# (more permutations than one block, the last block partly past n!) -- and
# last the 32-bit guard: without JAX_ENABLE_X64 the rung must refuse to
# run, saying why, rather than answer in float32.
#
#   bash tests/test_rung_jax.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), saying why, when the harness skips the rung here (pip
# cannot install jax for the baseline interpreter). The packages go into
# .venvs/<interpreter id>, as every run installs them; results go to a
# temporary folder.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
rung=jax
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results

# ladder_run NAME ARGS...: one run of the rung into $work/NAME.json.
ladder_run() {
    local name=$1; shift
    "$ladder" run --rung "$rung" --python baseline --no-baseline --budget 0.5 --max-runs 10 \
        --json "$work/$name.json" --report "$work/$name.md" "$@" >"$work/$name.log" 2>&1
}

# check_rows NAME [PROBLEM]: every problem of rungs/$rung/rung.conf (or
# PROBLEM alone) verified in $work/NAME.json, each not-applicable one shown
# so with its reason; exits 77 if the rung's rows were skipped.
check_rows() {
    python3 - "$root/rungs/$rung/rung.conf" "$work/$1.json" "${2:-}" <<'PY'
import json, sys
conf_path, results_path, only = sys.argv[1:]
declared, not_applicable = [], {}
for line in open(conf_path):
    key, _, value = line.partition("=")
    key, value = key.strip(), value.strip()
    if key == "problems":
        declared = value.split()
    elif key.startswith("not-applicable."):
        not_applicable[key.split(".", 1)[1]] = value
if only:
    declared, not_applicable = [only], {}
rows = {m["problem"]: m for m in json.load(open(results_path))["measurements"]}
skipped = [rows[p] for p in declared if rows.get(p, {}).get("status") == "skipped"]
if declared and len(skipped) == len(declared):
    print(f"skip: the harness skips the rung here: {skipped[0]['reason']}")
    sys.exit(77)
failed = 0
def check(what, ok, detail):
    global failed
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f": {detail}"))
    failed |= not ok
for problem in declared:
    m = rows.get(problem, {})
    check(f"{problem} {m.get('argument', '?')} verified", m.get("status") == "verified",
          f"{m.get('status')}: {m.get('reason')}")
    if m.get("status") == "verified":
        check(f"{problem}: a cold iteration and warm ones",
              m["cold_ns"] > 0 and len(m["times_ns"]) >= 1 and m["median_ns"] > 0, m)
for problem, reason in not_applicable.items():
    m = rows.get(problem, {})
    check(f"{problem} not applicable, with the reason",
          m.get("status") == "not-applicable" and m.get("reason") == reason,
          f"{m.get('status')}: {m.get('reason')}")
sys.exit(failed)
PY
}

ladder_run quick --size quick
check_rows quick
status=$?
[ "$status" -eq 77 ] && exit 77
[ "$status" -eq 0 ] || { tail -n 20 "$work/quick.log"; fail=1; }

ladder_run mandelbrot-1001 --problem mandelbrot --size 1001
check_rows mandelbrot-1001 mandelbrot || { tail -n 20 "$work/mandelbrot-1001.log"; fail=1; }
ladder_run fannkuch-8 --problem fannkuch-redux --size 8
check_rows fannkuch-8 fannkuch-redux || { tail -n 20 "$work/fannkuch-8.log"; fail=1; }

# The environment the harness made for the baseline interpreter.
interpreter=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["settings"]["baseline_interpreter"])' "$work/quick.json")
python=.venvs/$interpreter/bin/python
got=$(printf 'run\n' | env -u JAX_ENABLE_X64 "$python" rungs/_python/driver.py rungs/jax nbody 10 \
    2>/dev/null | head -n 1)
check "without JAX_ENABLE_X64 the rung refuses to run" "$got" \
    "error RuntimeError: JAX is in 32-bit mode: set JAX_ENABLE_X64=1 (rung.conf does)"
exit "$fail"
