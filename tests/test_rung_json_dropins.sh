#!/usr/bin/env bash
# Tests the drop-in parser rungs, ujson and pysimdjson, through the
# harness, as a user runs them: `ladder run` at the quick sizes installs
# each rung's pinned package into .venvs/<interpreter id> and must verify
# the pipeline and show every other problem as not applicable
# (tests/check_rung.py). Then each, in that environment, on the input where
# a parser could differ from json.loads, which the cpython rung's code
# after it assumes (tests/check_python_rung.py):
# tests/data/pipeline-edge.json (duplicate keys, escapes, non-ASCII, an
# integer beyond 64 bits, which simdjson cannot represent) and a page
# holding a NUL and a lone surrogate (which simdjson refuses) must give the
# reference's result, and an event the cpython rung refuses must be
# refused in the cpython rung's words.
#
#   bash tests/test_rung_json_dropins.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when a rung cannot run
# here (pip cannot install its package). Results go to a temporary folder,
# never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
rungs=(ujson pysimdjson)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" "${rungs[@]}"
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac

printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "a\\u0000b\\ud800"}}]' \
    >"$work/page-with-nul-and-lone-surrogate.json"
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00", "metadata": {}}]' \
    >"$work/timestamp-without-utc-offset.json"
for rung in "${rungs[@]}"; do
    check_rung_pipeline "$work/run.json" "$rung" --matches tests/data/pipeline-edge.json \
        --matches "$work/page-with-nul-and-lone-surrogate.json" --refuses "$work/timestamp-without-utc-offset.json" \
        "error ValueError: timestamp '2025-04-01T00:00:00' has no UTC offset \(event 0\)" || fail=1
done
exit "$fail"
