#!/usr/bin/env bash
# Tests the cython, cython-pow and cython-raw rungs through the harness, as
# a user runs them: `ladder run` at the quick sizes installs their pinned
# packages (cython, setuptools) into .venvs/<interpreter id>, builds each
# into build/rungs/RUNG/<interpreter id> (cython-raw fetching yyjson's
# source from PyPI) and must verify every problem each declares and show
# the others as not applicable (tests/check_rung.py). Then the two
# pipelines the harness built, on their edge cases and bad input
# (tests/check_python_rung.py --edge-cases), and last the one input where
# they differ by design: an escaped lone surrogate, which json.loads (the
# cython rung) reads and yyjson (cython-raw) refuses, naming the byte.
# Nothing here measures speed: cython-pow's slowness is a benchmark's
# business, not a test's.
#
#   bash tests/test_rung_cython.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when the rungs cannot run
# here: the baseline interpreter has no Python.h, there is no C compiler,
# or pip cannot install the packages. Results go to a temporary folder,
# never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" cython cython-pow cython-raw
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac

# A page that is a lone surrogate, as CPython's json reads it ("\ud800").
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "\\ud800"}}]' \
    >"$work/page-a-lone-surrogate.json"
check_rung_pipeline "$work/run.json" cython --edge-cases --matches "$work/page-a-lone-surrogate.json" || fail=1
check_rung_pipeline "$work/run.json" cython-raw --edge-cases \
    --refuses "$work/page-a-lone-surrogate.json" 'error ValueError: .*surrogate.* at byte [0-9]+' || fail=1
exit "$fail"
