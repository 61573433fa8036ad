#!/usr/bin/env bash
# Tests the c-simd rung: builds it (under the sanitizers when tests/run asks
# for them) and drives it through the protocol on every problem at quick
# sizes, once with its SIMD kernels (AVX-512 where the CPU has it), once with
# the portable ones forced (LADDER_PORTABLE=1), and spectral-norm, the one
# problem with an AVX-512 kernel, once more with its AVX2 kernel forced
# (LADDER_NO_AVX512=1), checking each output against the reference.
#
#   bash tests/test_rung_c_simd.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped) when there is no C compiler. On a CPU without AVX2
# both passes run the portable kernels, and the test says so.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=${LADDER_TEST_BUILD:-build/san}/test-rung-c-simd
sanitize=""
case "$build" in build/san/*) sanitize=address,undefined ;; esac

cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "skip: no C compiler ('$cc' is not on PATH)"
    exit 77
fi

failed=0
fail() { echo "FAIL: $*"; failed=1; }
check() {   # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok: $1"; else
        fail "$1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! make -s -C "$root" -f rungs/c-simd/Makefile OUT="$build" SANITIZE="$sanitize" CC="$cc"; then
    fail "the c-simd rung does not build"; exit 1
fi
rung=$build/rung-c-simd

# The SHA-256 of mandelbrot's output (the PBM file): 200 from problems.md;
# 1001, whose rows end in a partial byte, from problems/mandelbrot/reference.c.
mandelbrot_200=97610473750700638fc63d13cfa49d339b67c18e7f26b3f9c9acb61e746472d5
mandelbrot_1001=2013d35281bd5e4bdfd097a94665161e215cc0b611d68fc675da089a557ee8d3
binary_trees_10=$(printf '%s\n' \
    "stretch tree of depth 11	 check: 4095" \
    "1024	 trees of depth 4	 check: 31744" \
    "256	 trees of depth 6	 check: 32512" \
    "64	 trees of depth 8	 check: 32704" \
    "16	 trees of depth 10	 check: 32752" \
    "long lived tree of depth 10	 check: 2047")

# run_twice PORTABLE PROBLEM ARG: two iterations through the protocol; leaves
# each iteration's output in $tmp/out.1 and $tmp/out.2 and returns 0 if the
# protocol was followed ("ready", then per run "result <ns> <nbytes>" and
# exactly that many bytes).
run_twice() {
    local portable=$1 problem=$2 arg=$3 i header ns nbytes
    printf 'run\nrun\n' | LADDER_PORTABLE=$portable LADDER_NO_AVX512=${no_avx512:-0} \
        "$rung" "$problem" "$arg" \
        >"$tmp/stdout" 2>"$tmp/stderr" || { cat "$tmp/stderr"; return 1; }
    exec 3<"$tmp/stdout"
    IFS= read -r header <&3
    [ "$header" == ready ] || { exec 3<&-; return 1; }
    for i in 1 2; do
        IFS=' ' read -r header ns nbytes <&3
        if [ "$header" != result ] || ! [[ $ns =~ ^[0-9]+$ && $nbytes =~ ^[0-9]+$ ]]; then
            exec 3<&-; return 1
        fi
        head -c "$nbytes" <&3 >"$tmp/out.$i"
        [ "$(wc -c <"$tmp/out.$i")" -eq "$nbytes" ] || { exec 3<&-; return 1; }
    done
    [ "$(head -c 1 <&3 | wc -c)" -eq 0 ] || { exec 3<&-; return 1; }   # nothing after
    exec 3<&-
}

# expect MODE PORTABLE PROBLEM ARG EXPECTED [sha256]: both iterations print
# EXPECTED (or, with sha256, have it as their digest).
expect() {
    local mode=$1 portable=$2 problem=$3 arg=$4 want=$5 how=${6:-text} i got
    if ! run_twice "$portable" "$problem" "$arg"; then
        fail "$mode $problem $arg: protocol"; return
    fi
    for i in 1 2; do
        if [ "$how" == sha256 ]; then got=$(sha256sum <"$tmp/out.$i" | cut -d' ' -f1)
        else got=$(cat "$tmp/out.$i"); fi
        check "$mode $problem $arg, run $i" "$want" "$got"
    done
}

# nbody's energies within 1e-8 of the reference, as problems.md allows.
expect_nbody() {
    local mode=$1 portable=$2 i
    if ! run_twice "$portable" nbody 1000; then fail "$mode nbody 1000: protocol"; return; fi
    for i in 1 2; do
        if awk 'BEGIN { want[1] = -0.169075164; want[2] = -0.169087605; ok = 1 }
                { d = $1 - want[NR]; if (d < 0) d = -d; if (d > 1e-8) ok = 0 }
                END { exit !(ok && NR == 2) }' "$tmp/out.$i"; then
            echo "ok: $mode nbody 1000, run $i"
        else
            fail "$mode nbody 1000, run $i: $(tr '\n' ' ' <"$tmp/out.$i")"
        fi
    done
}

if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
    avx2=avx2
else
    avx2="avx2 (this CPU has none: portable)"
    echo "note: this CPU has no AVX2, so both passes run the portable kernels"
fi
for pass in "$avx2=0" "portable=1"; do
    mode=${pass%=*} portable=${pass##*=}
    expect_nbody "$mode" "$portable"
    expect "$mode" "$portable" spectral-norm 100 1.274219991
    expect "$mode" "$portable" fannkuch-redux 7 "228
Pfannkuchen(7) = 16"
    expect "$mode" "$portable" mandelbrot 200 "$mandelbrot_200" sha256
    expect "$mode" "$portable" mandelbrot 1001 "$mandelbrot_1001" sha256
    expect "$mode" "$portable" binary-trees 10 "$binary_trees_10"
done
# The study's size too: the reciprocal estimates must hold over N^2 entries.
expect simd 0 spectral-norm 2000 1.274224152
no_avx512=1 expect "avx2 (no avx-512)" 0 spectral-norm 100 1.274219991
no_avx512=1 expect "avx2 (no avx-512)" 0 spectral-norm 2000 1.274224152

expect_error() {   # expect_error NAME PATTERN COMMAND...
    local name=$1 pattern=$2 line rc; shift 2
    printf 'run\n' | "$@" >"$tmp/out" 2>/dev/null; rc=$?
    line=$(grep '^error' "$tmp/out")
    if [[ $line =~ $pattern ]] && [ "$rc" -ne 0 ]; then echo "ok: $name"
    else fail "$name: rc=$rc line='$line'"; fi
}
expect_error "c-simd unknown problem" "^error unknown problem 'pipeline'$" "$rung" pipeline x
expect_error "c-simd fannkuch-redux 17" "^error '17' is not an integer from 1 to 16$" \
    "$rung" fannkuch-redux 17
expect_error "c-simd mandelbrot 0" "^error '0' is not an integer from 1 to 32000$" \
    "$rung" mandelbrot 0
exit $failed
