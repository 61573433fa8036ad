# Sourced by the tests/test_*.sh scripts: where the project is, which
# `ladder` is under test (the sanitized build when tests/run runs us, else
# ./ladder), and one way to report a check.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ladder="$root/${LADDER_TEST_BUILD:-build/san}/ladder"
[ -x "$ladder" ] || ladder="$root/ladder"
[ -x "$ladder" ] || { echo "no ladder binary: run 'make' first"; exit 1; }

fail=0
# check WHAT GOT WANT
check() {
    if [ "$2" = "$3" ]; then
        echo "ok    $1"
    else
        echo "FAIL  $1: got '$2', want '$3'"
        fail=1
    fi
}
