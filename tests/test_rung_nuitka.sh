#!/usr/bin/env bash
# Tests the nuitka rung through the harness, as a user runs it: `ladder run
# --size quick --rung nuitka --python baseline --no-baseline` installs the
# rung's pinned package (nuitka) into .venvs/<interpreter id>, compiles the
# cpython rung's six modules, unchanged, with Nuitka (build.py) and must
# verify every problem (tests/check_rung.py). Then: building again with
# nothing changed compiles nothing.
#
# All six problems, not a subset: the first run takes minutes (~35 s of CPU
# a module, two at a time), but it is the build that takes them, and the
# build line compiles every module whatever --problem says. Later runs find
# the modules cached in build/rungs/nuitka/ and take seconds.
#
#   bash tests/test_rung_nuitka.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when the rung cannot run
# here (pip cannot install nuitka for the baseline interpreter, no C
# compiler, no Python.h). Results go to a temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
rung=nuitka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/quick.json" "$rung"
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac

python=$(rung_where "$work/quick.json" "$rung" python) &&
    build=$(rung_where "$work/quick.json" "$rung" build) || exit 1
sources=()
for module in nbody spectral_norm pipeline fannkuch_redux mandelbrot binary_trees; do
    sources+=("rungs/cpython/$module.py")
done
"$python" "rungs/$rung/build.py" "$build" "${sources[@]}" >"$work/rebuild.log" 2>&1 || fail=1
check "$rung: building again with nothing changed compiles nothing" \
    "$(grep -c 'is up to date' "$work/rebuild.log")" "${#sources[@]}"
exit "$fail"
