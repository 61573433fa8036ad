#!/usr/bin/env bash
# `ladder pipeline FILE`: every y_ fixture's result on stdout, exit 0, with
# one thread and with all; every n_ fixture refused on stderr as
# "error: <what> at byte <offset>", naming the offset the fixture expects,
# with exit status 1 and nothing on stdout.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for fixture in tests/engine/y_*.json; do
    case "$fixture" in *.expected.json) continue ;; esac
    expected=${fixture%.json}.expected.json
    for threads in 1 0; do
        "$ladder" pipeline "$fixture" --threads "$threads" >"$tmp/out" 2>"$tmp/err" &&
            status=0 || status=$?
        check "$(basename "$fixture") --threads $threads" \
            "$status $(sha256sum <"$tmp/out")" "0 $(sha256sum <"$expected")"
    done
done
for fixture in tests/engine/n_*.json; do
    "$ladder" pipeline "$fixture" >"$tmp/out" 2>"$tmp/err" && status=0 || status=$?
    offset_file=${fixture%.json}.expected
    message=$(cat "$tmp/err")
    want_offset='[0-9]+'
    [ -f "$offset_file" ] && want_offset=$(tr -d '\n' <"$offset_file")
    shape=bad
    [[ "$message" =~ ^error:\ .+\ at\ byte\ $want_offset(\ \(event\ [0-9]+\))?\ in\ \' ]] && shape=ok
    check "$(basename "$fixture") is refused at byte $want_offset" \
        "$status $shape $(wc -c <"$tmp/out")" "1 ok 0"
    [ "$shape" = ok ] || echo "      got: $message"
done
"$ladder" pipeline "$tmp/missing.json" 2>"$tmp/err" && status=0 || status=$?
check "a missing file is an error naming it" \
    "$status $(grep -c "missing.json" "$tmp/err")" "1 1"
exit "$fail"
