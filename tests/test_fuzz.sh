#!/usr/bin/env bash
# test_fuzz.sh - a short libFuzzer run of the pipeline engine (CI-sized).
#
# Builds tests/fuzz/fuzz_pipeline.c with clang -fsanitize=fuzzer,address,
# undefined and runs it for FUZZ_SECONDS (default 45) from the seed corpus
# tests/fuzz/corpus plus every fixture in tests/engine. Fails if the fuzzer
# finds a crash, a sanitizer report, a leak, or a disagreement between the
# scanner paths or thread counts (the target aborts on those). New corpus
# entries go to a temporary folder; the repository is not changed.
#
# Needs clang with libFuzzer (Debian: clang-14, libclang-rt-14-dev); if they
# are missing it installs them with apt-get when it can, and otherwise says
# why it skips.
#
#   tests/test_fuzz.sh                 # from anywhere
#   FUZZ_SECONDS=600 tests/test_fuzz.sh
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
seconds=${FUZZ_SECONDS:-45}

find_clang() {
    for c in clang-14 clang; do
        command -v "$c" >/dev/null 2>&1 || continue
        if echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' |
            "$c" -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

cc=$(find_clang)
if [ -z "$cc" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "test_fuzz: installing clang-14 and libclang-rt-14-dev (apt-get)"
        apt-get install -y clang-14 libclang-rt-14-dev >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 &&
              apt-get install -y clang-14 libclang-rt-14-dev >/dev/null 2>&1; }
        cc=$(find_clang)
    fi
fi
if [ -z "$cc" ]; then
    echo "test_fuzz: SKIPPED: no clang with libFuzzer (install clang-14 and" \
         "libclang-rt-14-dev, or run as root with apt-get available)"
    exit 77   # tests/run reports it as skipped, never as passed
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=$work/fuzz_pipeline
if ! "$cc" -std=c11 -D_GNU_SOURCE -g -O1 -I. \
        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "$bin" tests/fuzz/fuzz_pipeline.c engine/*.c -lpthread -lm; then
    echo "test_fuzz: FAILED to build the fuzz target"
    exit 1
fi
mkdir -p "$work/corpus"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -dict=tests/fuzz/json.dict -print_final_stats=1 \
    -artifact_prefix="$work/" \
    "$work/corpus" tests/fuzz/corpus tests/engine >"$work/log" 2>&1
rc=$?
tail -n 12 "$work/log"
if [ $rc -ne 0 ]; then
    echo "test_fuzz: FAILED (exit $rc); the input that failed:"
    for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
        [ -f "$a" ] || continue
        mkdir -p build/fuzz-artifacts && cp "$a" build/fuzz-artifacts/
        echo "  build/fuzz-artifacts/$(basename "$a")"
        head -c 400 "$a" | od -c | head -n 8
    done
    exit 1
fi
echo "test_fuzz: ok, ${seconds}s without a finding"
