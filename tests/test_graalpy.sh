#!/usr/bin/env bash
# GraalPy as an interpreter of the ladder (interpreters/graalpy): builds it
# with its setup script, then checks that build/graalpy/bin/graalpy behaves as
# the harness needs a `python` to: -c and script arguments, exit statuses,
# binary standard input and output, the environment and the current
# directory, the JIT status and check lines (with the compiler, and
# deliberately without), and the cpython rung's n-body at 1000 steps through the driver,
# one "run" at a time as the harness speaks.
#
# Exits 77 (skipped) with the reason when the JDK 25, Maven or Maven Central
# is missing: setup says which. Takes minutes: each GraalPy start costs
# seconds (tens on a busy machine), the first build downloads ~185 MB.
set -u
cd "$(dirname "$0")/.." || exit 1
root=$PWD

SKIP=77
# setup's exit statuses (interpreters/graalpy/setup).
MISSING_TOOLCHAIN=1
NO_NETWORK=2
# How long the rung may take to answer, in seconds: GraalPy starts in
# seconds, and its first n-body iterations run before the JIT has compiled.
ANSWER_TIMEOUT=300

log=$(mktemp)
tmp=$(mktemp -d)
trap 'rm -rf "$log" "$tmp"' EXIT

interpreters/graalpy/setup >"$log" 2>&1
status=$?
# Skipped only for setup's own verdicts: any other failure is a failure.
reason=$(tail -n 1 "$log")
if { [ "$status" -eq "$MISSING_TOOLCHAIN" ] && [[ $reason =~ ^setup:\ (no\ JDK|the\ JDK|Maven\ is\ missing) ]]; } ||
    { [ "$status" -eq "$NO_NETWORK" ] && [[ $reason == "setup: cannot download from Maven Central"* ]]; }; then
    echo "skipped: $reason"
    exit "$SKIP"
fi
if [ "$status" -ne 0 ]; then
    echo "FAIL  interpreters/graalpy/setup exited $status:"
    cat "$log"
    exit 1
fi

graalpy=$root/build/graalpy/bin/graalpy
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

check "setup a second time does nothing" \
    "$(interpreters/graalpy/setup 2>&1)" "setup: build/graalpy is up to date"
missing=$(JAVA25_HOME=$tmp/no-jdk interpreters/graalpy/setup 2>&1)
check "setup without a JDK 25: status 1" "$?" "$MISSING_TOOLCHAIN"
check "setup without a JDK 25: says so, with the install command" \
    "$([[ $missing == "setup: no JDK 25 in $tmp/no-jdk"*"apt-get install -y temurin-25-jdk"* ]] && echo yes)" yes

out=$("$graalpy" -c 'import sys; print(sys.argv, __name__, sys.implementation.name, sys.executable)
raise SystemExit(None)' a 'b c')
check "-c: SystemExit(None) is status 0" "$?" 0
check "-c: sys.argv, __name__, sys.executable is the wrapper" "$out" \
    "['-c', 'a', 'b c'] __main__ graalpy $graalpy"

# A script that reports what CPython would set, copies its standard input
# to its standard output reversed (as bytes), and exits with the status in
# its first argument.
mkdir "$tmp/dir" "$tmp/cwd"
cat >"$tmp/dir/script.py" <<'EOF'
import os
import sys

report = repr((sys.argv, __name__, sys.path[0], os.getcwd(), os.environ.get("LADDER_TEST_VALUE")))
sys.stderr.write(report + "\n")
sys.stdout.buffer.write(sys.stdin.buffer.read()[::-1])
sys.exit(int(sys.argv[1]))
EOF
# Every byte value, CR LF and NUL among them.
for byte in $(seq 0 255); do printf '%b' "\\0$(printf '%03o' "$byte")"; done >"$tmp/bytes"
(cd "$tmp/cwd" && LADDER_TEST_VALUE=seen "$graalpy" ../dir/script.py 7 'x y' \
    <"$tmp/bytes" >"$tmp/reversed" 2>"$tmp/report")
check "script: exit status from SystemExit" "$?" 7
check "script: sys.argv, __name__, sys.path[0], cwd, os.environ" "$(cat "$tmp/report")" \
    "(['../dir/script.py', '7', 'x y'], '__main__', '$tmp/dir', '$tmp/cwd', 'seen')"
check "script: 256 byte values through stdin and stdout" \
    "$(od -An -tx1 "$tmp/reversed" | tr -d ' \n')" \
    "$(od -An -tx1 "$tmp/bytes" | tr -d ' \n' | fold -w2 | tac | tr -d '\n')"

"$graalpy" -c 'import sys; print("out"); raise ValueError("boom")' >"$tmp/out" 2>"$tmp/err"
check "uncaught exception: status 1" "$?" 1
check "uncaught exception: stdout flushed" "$(cat "$tmp/out")" out
check "uncaught exception: traceback on stderr" \
    "$(grep -c -e '^Traceback (most recent call last):' -e '^ValueError: boom$' "$tmp/err")" 2
"$graalpy" "$tmp/missing.py" 2>"$tmp/err"
check "missing script: status 2" "$?" 2
check "missing script: CPython's message" "$(cat "$tmp/err")" \
    "$graalpy: can't open file '$tmp/missing.py': [Errno 2] No such file or directory"

check "JIT status with the compiler" "$("$graalpy" --ladder-jit-status 2>&1)" jit
check "JIT check with the compiler: a hot function is compiled" \
    "$("$graalpy" --ladder-jit-check 2>&1; echo "status $?")" "jit
status 0"
no_jit=$(LADDER_GRAALPY_JIT=off "$graalpy" --ladder-jit-status 2>&1)
check "JIT status without the compiler" "${no_jit%%:*}" interpreter
echo "      ($no_jit)"
check "JIT check without the compiler" \
    "$(LADDER_GRAALPY_JIT=off "$graalpy" --ladder-jit-check 2>&1; echo "status $?")" "$no_jit
status 1"

# The protocol, one exchange at a time: "ready" must come before any input,
# and each answer before the next "run" (prompt flushing).
coproc rung { "$graalpy" rungs/_python/driver.py rungs/cpython nbody 1000 2>"$tmp/rung-err"; }
answers=()
read -r -t "$ANSWER_TIMEOUT" line <&"${rung[0]}" && answers+=("$line")
for _ in 1 2; do
    echo run >&"${rung[1]}"
    read -r -t "$ANSWER_TIMEOUT" word elapsed nbytes <&"${rung[0]}" && answers+=("$word $nbytes")
    read -r -t "$ANSWER_TIMEOUT" before <&"${rung[0]}" && read -r -t "$ANSWER_TIMEOUT" after <&"${rung[0]}" \
        && answers+=("$before $after")
    case ${elapsed:-} in '' | *[!0-9]*) answers+=("bad time '${elapsed:-}'") ;; esac
done
to_rung=${rung[1]}
exec {to_rung}>&-
# shellcheck disable=SC2154  # rung_PID is set by coproc
wait "$rung_PID"
check "driver: exit status 0 when stdin closes" "$?" 0
check "driver: nbody 1000, two runs, each the reference" "${answers[*]}" \
    "ready result 26 -0.169075164 -0.169087605 result 26 -0.169075164 -0.169087605"
[ "$fail" -eq 0 ] || { echo "the rung's stderr:"; tail -n 20 "$tmp/rung-err"; }

exit "$fail"
