#!/usr/bin/env bash
# Tests the cffi rung through the harness, as a user runs it: `ladder run`
# at the quick sizes installs the rung's pinned packages (cffi,
# setuptools) into .venvs/<interpreter id>, builds its modules
# (rungs/cffi/build.py) into build/rungs/cffi/<interpreter id> and must
# verify every problem it declares (tests/check_rung.py). Then the pipeline
# through the built module, started as the rung's `run` line does, on what
# the rung's Python adds to the engine, turning its C strings into str
# (tests/check_python_rung.py): tests/data/pipeline-edge.json (non-ASCII
# pages, a surrogate pair) and a page holding a NUL and a lone surrogate
# must give the reference's result, and bad input the engine's error,
# naming the byte.
#
#   bash tests/test_rung_cffi.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when the rung cannot run
# here: no C compiler, no Python.h, or pip cannot install its packages.
# Results go to a temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" cffi
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac

printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "a\\u0000b\\ud800"}}]' \
    >"$work/page-with-nul-and-lone-surrogate.json"
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/timestamp-without-utc-offset.json"
build=$(rung_where "$work/run.json" cffi build) || exit 1
check_rung_pipeline "$work/run.json" cffi --modules rungs/cffi --env "PYTHONPATH=$build" \
    --matches tests/data/pipeline-edge.json --matches "$work/page-with-nul-and-lone-surrogate.json" \
    --refuses "$work/timestamp-without-utc-offset.json" 'error ValueError: .*UTC offset at byte [0-9]+ \(event 0\)' || fail=1
exit "$fail"
