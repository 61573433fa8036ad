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
# Whitespace streams in bounded memory: 300 MB of it before, inside and after
# the array (two windows of the engine's plain build, never the whole file).
python3 - "$tmp/spaces.json" <<'PY'
import sys
event = (b'{"user_id": 7, "event_type": "click", "timestamp": "2025-05-01T00:00:00+00:00", '
         b'"metadata": {"page": "/home"}}')
block = b" \n\t\r" * (1 << 18)    # 1 MB
with open(sys.argv[1], "wb") as f:
    for part in (block * 100, b"[", block * 100, event, block * 50, b",", event, block * 50, b"]",
                 block * 2):
        f.write(part)
PY
root_ladder=$root/ladder
[ -x "$root_ladder" ] || root_ladder=$ladder
/usr/bin/time -f "%M" -o "$tmp/rss" "$root_ladder" pipeline "$tmp/spaces.json" >"$tmp/out" 2>"$tmp/err"
check "300 MB of whitespace around two events: the result" \
    "$(grep -o '"total_events": [0-9]*' "$tmp/out")" '"total_events": 2'
rss_kb=$(cat "$tmp/rss")
check "300 MB of whitespace: under 100 MB of memory" "$([ "$rss_kb" -lt 102400 ] && echo yes || echo "no: $rss_kb KB")" yes

"$ladder" pipeline "$tmp/missing.json" 2>"$tmp/err" && status=0 || status=$?
check "a missing file is an error naming it" \
    "$status $(grep -c "missing.json" "$tmp/err")" "1 1"
exit "$fail"
