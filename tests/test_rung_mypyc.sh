#!/usr/bin/env bash
# Tests the mypyc rung through the harness, as a user runs it: `ladder run`
# at the quick sizes installs its pinned packages (mypy, setuptools) into
# .venvs/<interpreter id>, builds it into build/rungs/mypyc/<interpreter
# id>, and must verify every problem it declares (tests/check_rung.py).
# Then the pipeline the harness built, on its edge cases and bad input
# (tests/check_python_rung.py --edge-cases).
#
#   bash tests/test_rung_mypyc.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when the rung cannot run
# here: the baseline interpreter has no Python.h, there is no C compiler,
# or pip cannot install the packages. Results go to a temporary folder,
# never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" mypyc
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac
check_rung_pipeline "$work/run.json" mypyc --edge-cases || fail=1
exit "$fail"
