#!/usr/bin/env bash
# The default data set, end to end: `ladder gen events --count 100000
# --seed 42` must write the study's file byte for byte
# (shared/spec/pipeline.md section 1.1: 14,308,497 bytes and this SHA-256).
set -eu
. "$(dirname "$0")/lib.sh"
cd "$root"

want_bytes=14308497
want_sha=bb1d037e7c5740610883a5e1d36089f00ac37312edb3d16a56187ea51d891e07

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { "$ladder" gen events --count "$1" --seed "$2"; }

gen 100000 42 >"$tmp/events.json"
check "100000 events, seed 42: size" "$(wc -c <"$tmp/events.json" | tr -d ' ')" "$want_bytes"
check "100000 events, seed 42: sha256" "$(sha256sum "$tmp/events.json" | cut -d' ' -f1)" "$want_sha"

# The first 50 events are the committed CPython file, plus the separator.
gen 50 42 >"$tmp/events-50.json"
check "50 events, seed 42: the CPython file" \
    "$(sha256sum <"$tmp/events-50.json")" "$(sha256sum <tests/data/events-50-42.json)"

"$ladder" gen events --count 1000 --seed 42 -o "$tmp/o.json"
check "-o FILE writes the same bytes as stdout" \
    "$(sha256sum <"$tmp/o.json")" "$(gen 1000 42 | sha256sum)"

exit "$fail"
