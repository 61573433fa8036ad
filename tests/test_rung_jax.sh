#!/usr/bin/env bash
# Tests the jax rung through the harness, as a user runs it: `ladder run`
# at the quick sizes installs its pinned packages into .venvs/<interpreter
# id> and must verify every problem the rung declares and show the others
# as not applicable, with rung.conf's reasons (tests/check_rung.py). Then
# two sizes whose edges the quick ones miss -- mandelbrot 1001 (rows ending
# in a partial byte) and fannkuch-redux 8 (more permutations than one
# block, the last block partly past n!) -- and last the 32-bit guard:
# without JAX_ENABLE_X64 the rung must refuse to run, saying why, rather
# than answer in float32.
#
#   bash tests/test_rung_jax.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), saying why, when the harness skips the rung here (pip
# cannot install jax for the baseline interpreter). Results go to a
# temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" jax
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac
run_rung_quick "$work/mandelbrot-1001.json" jax -- --problem mandelbrot --size 1001 || fail=1
run_rung_quick "$work/fannkuch-8.json" jax -- --problem fannkuch-redux --size 8 || fail=1

python=$(rung_where "$work/run.json" jax python) || exit 1
got=$(printf 'run\n' | env -u JAX_ENABLE_X64 "$python" rungs/_python/driver.py rungs/jax nbody 10 \
    2>/dev/null | head -n 1)
check "without JAX_ENABLE_X64 the rung refuses to run" "$got" \
    "error RuntimeError: JAX is in 32-bit mode: set JAX_ENABLE_X64=1 (rung.conf does)"
exit "$fail"
