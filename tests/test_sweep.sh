#!/usr/bin/env bash
# `ladder sweep`: n-body at three sizes on the native rungs; the chart and the
# table are written, with a fitted exponent for each rung, from one
# measurement of every size (interleaved, so drift moves all alike). Whether the
# exponents are near 1 (n-body is linear in its steps) is a benchmark's
# question, not a test's: on a busy machine a long call is preempted and a
# short one is not (README, "ladder sweep").
set -u
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results

"$ladder" sweep --problem nbody --sizes 2000,20000,200000 --rung c --rung c-simd --no-baseline \
    --budget 0.3 -o "$work/sweep" >"$work/out.txt" 2>&1
check "sweep: exit status" "$?" 0
grep -q "n-body (2000, 20000, 200000 steps): 6 rows" "$work/out.txt" &&
    check "sweep: the sizes are measured together" yes yes ||
    check "sweep: the sizes are measured together" no yes
for f in sweep.json sweep.md sweep.svg; do
    [ -s "$work/$f" ] && check "sweep writes $f" yes yes || check "sweep writes $f" no yes
done
grep -q "<polyline" "$work/sweep.svg" && check "the chart has its lines" yes yes ||
    check "the chart has its lines" no yes
python3 - "$work/sweep.md" <<'PY'
import re, sys
rows = re.findall(r"^\| (C[^|]*) \| ([0-9.]+) \|", open(sys.argv[1]).read(), re.M)
assert len(rows) == 2, rows
for title, exponent in rows:
    ok = float(exponent) > 0
    print(("ok    " if ok else "FAIL  ") + f"{title.strip()}: an exponent is fitted ({exponent})")
    if not ok:
        sys.exit(1)
PY
[ $? -eq 0 ] || fail=1
"$ladder" sweep --problem nbody --sizes 1000 >/dev/null 2>&1
check "one size is not a sweep" "$?" 2
exit "$fail"
