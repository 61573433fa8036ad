#!/usr/bin/env bash
# The pipeline's stored expectations (problems/pipeline/expected/): the
# 10000-event one is recomputed with reference.py from freshly generated
# input and must be identical; the 100000-event one must carry the four
# totals that shared/spec/pipeline.md section 3 states; and bad input must
# give "error: ..." and exit status 1.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$root"

python=${PYTHON:-python3}
reference=problems/pipeline/reference.py
expected=problems/pipeline/expected

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { "$ladder" gen events --count "$1" --seed "$2"; }

gen 10000 42 >"$tmp/events-10000-42.json"
"$python" "$reference" "$tmp/events-10000-42.json" >"$tmp/result.json"
check "reference.py reproduces $expected/events-10000-42.json" \
    "$(sha256sum <"$tmp/result.json")" "$(sha256sum <"$expected/events-10000-42.json")"

totals=$("$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["total_users"], r["total_events"], r["total_amount"], r["total_high_value"],
      len(r["users"]))' "$expected/events-100000-42.json")
check "the spec's totals in $expected/events-100000-42.json" \
    "$totals" "4986 29326 1461676.16 4681 4986"

for f in "$expected"/*.json; do
    check "$f is one line" "$(wc -l <"$f" | tr -d ' ')" 1
done

# Bad input: a message on stderr naming the event, exit status 1.
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$tmp/naive.json"
set +e
"$python" "$reference" "$tmp/naive.json" >"$tmp/out" 2>"$tmp/err"
status=$?
set -e
check "a timestamp without a UTC offset: exit status" "$status" 1
check "a timestamp without a UTC offset: message" \
    "$(cat "$tmp/err")" "error: 'timestamp' has no UTC offset: '2025-04-01T00:00:00' (event 0)"
check "a timestamp without a UTC offset: nothing on stdout" "$(cat "$tmp/out")" ""

exit "$fail"
