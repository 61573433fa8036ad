#!/usr/bin/env bash
# Tests the numpy rung through the harness, as a user runs it: `ladder run
# --size quick --rung numpy --python baseline --no-baseline` installs the
# rung's pinned packages (numpy, threadpoolctl) into the harness's
# environment for that interpreter and must verify every problem the rung
# declares and show binary-trees as not applicable, with rung.conf's
# reason. Then sizes whose edges the quick ones miss: fannkuch-redux 9
# (several blocks of 8! permutations; 7 fits in one) and mandelbrot 1001
# (rows ending in a partial byte). Then the pipeline in that environment:
# tests/data/pipeline-edge.json, input made to be full of ties (the top
# page is the one counted first for the user, not the lowest code) and an
# input where no event is kept, each the reference's result; a bad event
# refused with the baseline's message. Last, blas_info.py names the BLAS
# NumPy loaded and its threads.
#
#   bash tests/test_rung_numpy.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), saying why, when the harness skips the rung here (pip
# cannot install numpy for the baseline interpreter). Results go to a
# temporary folder (LADDER_RESULTS_DIR), never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
rung=numpy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results

# ladder_run NAME ARGS...: one run of the rung into $work/NAME.json; fails
# the test if it wrote no results.
ladder_run() {
    local name=$1; shift
    "$ladder" run --rung "$rung" --python baseline --no-baseline --budget 0.5 --max-runs 10 \
        --json "$work/$name.json" --report "$work/$name.md" "$@" >"$work/$name.log" 2>&1
    [ -s "$work/$name.json" ] && return 0
    tail -n 20 "$work/$name.log"
    echo "FAIL  ladder run $* wrote no results"
    exit 1
}

# check_rows NAME [PROBLEM]: every problem of rung.conf (or PROBLEM alone)
# verified in $work/NAME.json, every not-applicable one shown so with
# rung.conf's reason. Exits 77 if the rung's rows were skipped.
check_rows() {
    python3 - "$rung" "$work/$1.json" "${2:-}" <<'PY'
import json, sys
rung, results_path, only = sys.argv[1:]
declared, not_applicable = [], {}
for line in open(f"rungs/{rung}/rung.conf", encoding="utf-8"):
    key, _, value = line.partition("=")
    key, value = key.strip(), value.strip()
    if key == "problems":
        declared = value.split()
    elif key.startswith("not-applicable."):
        not_applicable[key.split(".", 1)[1]] = value
if only:
    declared, not_applicable = [only], {}
rows = {m["problem"]: m for m in json.load(open(results_path, encoding="utf-8"))["measurements"]}
skipped = [m for m in rows.values() if m["status"] == "skipped"]
if skipped and len(skipped) == len(declared):
    print(f"skip: the harness skips the {rung} rung here: {skipped[0]['reason']}")
    sys.exit(77)
failed = False
def check(what, ok, detail):
    global failed
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok else f": {detail}"))
    failed |= not ok
for problem in declared:
    m = rows.get(problem, {})
    check(f"{problem} {m.get('argument', '?')} verified", m.get("status") == "verified",
          f"{m.get('status')}: {m.get('reason')}")
for problem, reason in not_applicable.items():
    m = rows.get(problem, {})
    check(f"{problem} not applicable, with the reason",
          m.get("status") == "not-applicable" and m.get("reason") == reason,
          f"{m.get('status')}: {m.get('reason')}")
sys.exit(1 if failed else 0)
PY
}

ladder_run quick --size quick
check_rows quick
status=$?
[ "$status" -eq 77 ] && exit 77
[ "$status" -eq 0 ] || { tail -n 20 "$work/quick.log"; fail=1; }
ladder_run fannkuch-9 --problem fannkuch-redux --size 9
check_rows fannkuch-9 fannkuch-redux || { tail -n 20 "$work/fannkuch-9.log"; fail=1; }
ladder_run mandelbrot-1001 --problem mandelbrot --size 1001
check_rows mandelbrot-1001 mandelbrot || { tail -n 20 "$work/mandelbrot-1001.log"; fail=1; }

# The environment the harness made for the baseline interpreter.
interpreter=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["settings"]["baseline_interpreter"])' "$work/quick.json")
python=.venvs/$interpreter/bin/python

answer() {   # answer FILE: the rung's output for the pipeline on FILE, or its error line
    printf 'run\n' | "$python" rungs/_python/driver.py "rungs/$rung" pipeline "$1" 2>/dev/null |
        sed -n '/^error /p; 3p'
}
matches_reference() {   # matches_reference FILE: "same", or how the answer differs
    answer "$1" >"$work/got.json"
    python3 problems/pipeline/reference.py "$1" >"$work/want.json"
    python3 problems/pipeline/verify.py "$work/want.json" "$work/got.json" | head -n 1 | grep . ||
        echo same
}

# Ties everywhere: 2,000 events over 300 users and 1,500 pages, so most
# users' pages are counted once each and the top page is their first.
python3 - "$work/ties.json" <<'PY'
import json, random, sys
rng = random.Random(7)
kinds = ["page_view", "purchase", "click", "search", "add_to_cart", "logout"]
events = [{"user_id": rng.randint(1, 300), "event_type": rng.choice(kinds),
           "timestamp": f"2025-{rng.randint(2, 10):02d}-15T12:00:{rng.randint(0, 59):02d}+00:00",
           "metadata": {"page": f"/p{rng.randint(1, 1500)}", "amount": rng.choice([5, 150.5])}}
          for _ in range(2000)]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(events, out)
PY
printf '[{"user_id": 1, "event_type": "logout", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {}}]' \
    >"$work/none-kept.json"
check "$rung pipeline, the edge cases: the reference's result" \
    "$(matches_reference tests/data/pipeline-edge.json)" same
check "$rung pipeline, ties broken by the key counted first: the reference's result" \
    "$(matches_reference "$work/ties.json")" same
check "$rung pipeline, no event kept: the reference's result" \
    "$(matches_reference "$work/none-kept.json")" same
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/naive.json"
check "$rung pipeline refuses a timestamp without a UTC offset, naming the event" \
    "$(answer "$work/naive.json")" \
    "error ValueError: timestamp '2025-04-01T00:00:00' has no UTC offset (event 0)"

# blas_info() names at least one BLAS, its version and a thread count.
got=$("$python" rungs/numpy/blas_info.py | python3 -c 'import json, sys
blas = json.load(sys.stdin)
print("described" if blas and all(b["library"] and b["version"] and b["threads"] >= 1
                                  for b in blas) else blas)')
check "blas_info.py describes the BLAS NumPy loaded" "$got" described
exit "$fail"
