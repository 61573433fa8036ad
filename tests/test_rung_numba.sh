#!/usr/bin/env bash
# Tests the numba rung through the harness, as a user runs it: `ladder run`
# at the quick sizes installs the rung's pinned packages (numba, numpy)
# into .venvs/<interpreter id> and must verify every problem the rung
# declares (tests/check_rung.py), each with its cold iteration holding the
# compile (warmup = compile: the first call compiles, so the cold iteration
# is several times a warm one). Then the pipeline in that environment on
# what its encoding and its jitted tie-breaking must get right
# (tests/check_python_rung.py): tests/data/pipeline-edge.json, input made
# to be full of ties and an input where no event is kept, each the
# reference's result; and a bad event, refused with the baseline's message.
#
#   bash tests/test_rung_numba.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), saying why, when the harness skips the rung here (pip
# cannot install numba for the baseline interpreter). Results go to a
# temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
# A warm iteration at a quick size is milliseconds, compiling is seconds.
MIN_COLD_OVER_WARM=5
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" numba -- --min-cold-ratio "$MIN_COLD_OVER_WARM"
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac

printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/timestamp-without-utc-offset.json"
check_rung_pipeline "$work/run.json" numba --matches tests/data/pipeline-edge.json \
    --aggregation-cases --refuses "$work/timestamp-without-utc-offset.json" \
    "error ValueError: timestamp '2025-04-01T00:00:00' has no UTC offset \(event 0\)" || fail=1
exit "$fail"
