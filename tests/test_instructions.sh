#!/usr/bin/env bash
# `ladder run --instructions`: each verified row's instructions per timed
# call, counted under callgrind (or perf where the kernel allows): two runs
# of the same rows must agree within 0.1%, for a native rung and a
# Python-hosted one, and a rung's count must not include its start-up (the
# cpython rung's count grows with the size, from near zero).
set -u
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null 2>&1; then
    echo "no valgrind here (apt-get install valgrind): instructions cannot be counted"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LADDER_RESULTS_DIR=$work/results

count() {  # count JSON RUNG: its instructions per iteration
    python3 -c 'import json, sys
rows = [m for m in json.load(open(sys.argv[1]))["measurements"] if m["rung"] == sys.argv[2]]
print(int(rows[0]["instructions"] or -1))' "$1" "$2"
}
for i in 1 2; do
    "$ladder" run --instructions --size quick --rung c --rung cpython --problem nbody \
        --python baseline --repeat 2 --json "$work/run$i.json" >"$work/run$i.txt" 2>&1
    check "run $i: exit status" "$?" 0
done
for rung in c cpython; do
    a=$(count "$work/run1.json" "$rung")
    b=$(count "$work/run2.json" "$rung")
    [ "$a" -gt 0 ] && check "$rung: counted" yes yes || check "$rung: counted" "no ($a)" yes
    agree=$(python3 -c "print('yes' if abs($a - $b) <= 0.001 * $a else 'no: $a vs $b')")
    check "$rung: two runs agree within 0.1%" "$agree" yes
done
# Ten times the steps, about ten times the instructions: the timed call is
# what is counted, not the interpreter starting.
"$ladder" run --instructions --size 10000 --rung cpython --problem nbody --python baseline \
    --repeat 2 --json "$work/big.json" >/dev/null 2>&1
small=$(count "$work/run1.json" cpython)
big=$(count "$work/big.json" cpython)
ratio=$(python3 -c "print(round($big / $small, 1))")
python3 -c "import sys; sys.exit(0 if 8 <= $ratio <= 12 else 1)" &&
    check "10x the steps: about 10x the instructions ($ratio)" yes yes ||
    check "10x the steps: about 10x the instructions" "$ratio" "8..12"
exit "$fail"
