#!/usr/bin/env bash
# Tests the numpy rung through the harness, as a user runs it: `ladder run`
# at the quick sizes installs the rung's pinned packages (numpy,
# threadpoolctl) into .venvs/<interpreter id> and must verify every problem
# the rung declares and show binary-trees as not applicable, with
# rung.conf's reason (tests/check_rung.py). Then sizes whose edges the
# quick ones miss: fannkuch-redux 9 (several blocks of 8! permutations; 7
# fits in one) and mandelbrot 1001 (rows ending in a partial byte). Then
# the pipeline in that environment (tests/check_python_rung.py):
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
# temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" numpy
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac
run_rung_quick "$work/fannkuch-9.json" numpy -- --problem fannkuch-redux --size 9 || fail=1
run_rung_quick "$work/mandelbrot-1001.json" numpy -- --problem mandelbrot --size 1001 || fail=1

printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/timestamp-without-utc-offset.json"
check_rung_pipeline "$work/run.json" numpy --matches tests/data/pipeline-edge.json \
    --aggregation-cases --refuses "$work/timestamp-without-utc-offset.json" \
    "error ValueError: timestamp '2025-04-01T00:00:00' has no UTC offset \(event 0\)" || fail=1

# blas_info() names at least one BLAS, its version and a thread count.
python=$(rung_where "$work/run.json" numpy python) || exit 1
got=$("$python" rungs/numpy/blas_info.py | python3 -c 'import json, sys
blas = json.load(sys.stdin)
print("described" if blas and all(b["library"] and b["version"] and b["threads"] >= 1
                                  for b in blas) else blas)')
check "blas_info.py describes the BLAS NumPy loaded" "$got" described
exit "$fail"
