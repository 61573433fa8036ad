#!/usr/bin/env bash
# Tests the taichi rung through the harness, as a user runs it: `ladder run`
# at the quick sizes installs its pinned packages into .venvs/<interpreter
# id> and must verify every problem the rung declares and show the others
# as not applicable, with rung.conf's reasons (tests/check_rung.py). Then
# two sizes whose edges the quick ones miss -- mandelbrot 1001 (rows ending
# in a partial byte) and fannkuch-redux 8 (blocks of several permutations
# each) -- and last Taichi's own warning: no kernel may have a 64-bit loop
# bound that Taichi casts to 32 bits ("Casting range_for boundary values
# from i64 to i32").
#
#   bash tests/test_rung_taichi.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), saying why, when the harness skips the rung here: the
# baseline interpreter is newer than the CPython 3.13 Taichi 1.7.4 has
# wheels for, or pip cannot install it. Results go to a temporary folder,
# never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" taichi
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac
run_rung_quick "$work/mandelbrot-1001.json" taichi -- --problem mandelbrot --size 1001 || fail=1
run_rung_quick "$work/fannkuch-8.json" taichi -- --problem fannkuch-redux --size 8 || fail=1

python=$(rung_where "$work/run.json" taichi python) || exit 1
for problem in nbody spectral-norm mandelbrot fannkuch-redux; do
    size=$(sed -n 's/^size.quick *= *//p' "problems/$problem/problem.conf")
    printf 'run\n' | "$python" rungs/_python/driver.py rungs/taichi "$problem" "$size" \
        >/dev/null 2>"$work/stderr"
    got=$(grep -c "Casting range_for" "$work/stderr")
    check "$problem: no loop bound cast to i32" "$got" 0
done
exit "$fail"
