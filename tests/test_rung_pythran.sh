#!/usr/bin/env bash
# Tests the pythran rung through the harness, as a user runs it: `ladder
# run --size quick --rung pythran --python baseline --no-baseline` installs
# the rung's pinned packages (pythran, numpy) into .venvs/<interpreter id>,
# compiles the four modules (build.py) and must verify every problem the
# rung declares and show binary-trees and the pipeline as not applicable,
# with rung.conf's reasons (tests/check_rung.py). Then what is the rung's
# own:
#
# - mandelbrot 1001, whose rows end in a partial byte (the quick size's 200
#   pixels are 25 whole bytes);
# - building again with nothing changed compiles nothing (a module takes
#   seconds of g++).
#
#   bash tests/test_rung_pythran.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when the rung cannot run
# here (pip cannot install pythran for the baseline interpreter, no g++, no
# Python.h). Results go to a temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
rung=pythran
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/quick.json" "$rung"
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac
run_rung_quick "$work/mandelbrot.json" "$rung" -- --problem mandelbrot --size 1001 || fail=1

python=$(rung_where "$work/quick.json" "$rung" python) &&
    build=$(rung_where "$work/quick.json" "$rung" build) || exit 1
modules="nbody spectral_norm fannkuch_redux mandelbrot"
sources=()
for module in $modules; do sources+=("rungs/$rung/$module.py"); done
"$python" "rungs/$rung/build.py" "$build" "${sources[@]}" >"$work/rebuild.log" 2>&1 || fail=1
check "$rung: building again with nothing changed compiles nothing" \
    "$(grep -c 'is up to date' "$work/rebuild.log")" "${#sources[@]}"
exit "$fail"
