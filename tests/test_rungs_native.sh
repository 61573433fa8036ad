#!/usr/bin/env bash
# Tests the c and c-ext rungs: builds them (the c rung under the sanitizers
# when tests/run asks for them), drives the c rung through the protocol by
# hand and calls the c-ext modules from Python, on small sizes and on a
# small events file whose answer is worked out below. fannkuch-redux,
# mandelbrot and binary-trees are checked byte for byte against their
# problems' reference programs (problems/*/reference.c, built here, with the
# sanitizers too), at the quick sizes and at the edges: the smallest sizes,
# a bitmap whose rows end inside a byte, an odd depth.
#
#   bash tests/test_rungs_native.sh      (tests/run runs it from the root)
#
# The c-ext half is skipped, with a note, when no interpreter with headers
# is found (PYTHON, else ~/.pyenv's newest 3.x, else python3).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
build=${LADDER_TEST_BUILD:-build/san}/test-rungs-native
sanitize=""
case "$build" in build/san/*) sanitize=address,undefined ;; esac

failed=0
fail() { echo "FAIL: $*"; failed=1; }
check() {   # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok: $1"; else
        fail "$1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A small events file: user 2 buys (high value) then searches; user 1
# clicks; a logout, an event outside the window and an error are dropped;
# user 4's page is a lone surrogate (as \ud800) and then a surrogate pair.
cat >"$tmp/events.json" <<'EOF'
[{"user_id": 2, "event_type": "purchase", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "/cart", "amount": 150.5, "currency": "USD"}},
 {"user_id": 1, "event_type": "click", "timestamp": "2025-05-01T10:00:00+00:00", "metadata": {"page": "/home"}},
 {"user_id": 2, "event_type": "search", "timestamp": "2025-04-02T00:00:00+00:00", "metadata": {"page": "/search", "query": "x"}},
 {"user_id": 3, "event_type": "logout", "timestamp": "2025-04-02T00:00:00+00:00", "metadata": {"page": "/home"}},
 {"user_id": 1, "event_type": "click", "timestamp": "2025-01-01T00:00:00+00:00", "metadata": {"page": "/home"}},
 {"user_id": 4, "event_type": "page_view", "timestamp": "2025-06-01T00:00:00+00:00", "metadata": {"page": "\ud800"}},
 {"user_id": 4, "event_type": "page_view", "timestamp": "2025-06-01T00:00:01+00:00", "metadata": {"page": "\ud83d\ude00"}},
 {"user_id": 4, "event_type": "page_view", "timestamp": "2025-06-01T00:00:02+00:00", "metadata": {"page": "\ud800"}}]
EOF
printf '[{"user_id": 1, "event_type": "click", "timestamp": ' >"$tmp/truncated.json"

# --- the c rung -----------------------------------------------------------
if ! make -s -C "$root" -f rungs/c/Makefile OUT="$build/c" SANITIZE="$sanitize"; then
    fail "the c rung does not build"; exit 1
fi
rung=$build/c/rung-c

check "c nbody 1000, two runs" \
    "ready|-0.169075164|-0.169087605|-0.169075164|-0.169087605|" \
    "$(printf 'run\nrun\n' | "$rung" nbody 1000 | grep -v '^result' | tr '\n' '|')"
check "c spectral-norm 100" "ready|1.274219991|" \
    "$(printf 'run\n' | "$rung" spectral-norm 100 | grep -v '^result' | tr '\n' '|')"
header=$(printf 'run\n' | "$rung" spectral-norm 100 | sed -n 2p)
[[ $header =~ ^result\ [0-9]+\ 12$ ]] && echo "ok: c result line" || fail "c result line: '$header'"

out=$(printf 'run\n' | "$rung" pipeline "$tmp/events.json" 2>/dev/null)
totals=$(printf '%s' "$out" | sed -n 3p | grep -o '"total_[a-z_]*": *[0-9.]*' | head -n 4 | tr -d ' ' | tr '\n' ' ')
check "c pipeline totals" \
    '"total_users":3 "total_events":6 "total_amount":150.5 "total_high_value":1 ' "$totals"

expect_error() {   # expect_error NAME PATTERN COMMAND...
    local name=$1 pattern=$2 line rc; shift 2
    printf 'run\n' | "$@" >"$tmp/out" 2>/dev/null; rc=$?
    line=$(grep '^error' "$tmp/out")
    if [[ $line =~ $pattern ]] && [ "$rc" -ne 0 ]; then echo "ok: $name"
    else fail "$name: rc=$rc line='$line'"; fi
}
expect_error "c unknown problem" "^error unknown problem 'fft'$" "$rung" fft 10
expect_error "c bad size" "^error 'ten' is not an integer" "$rung" nbody ten
expect_error "c missing file" "^error cannot open" "$rung" pipeline "$tmp/none.json"
expect_error "c bad json" "^error .* at byte [0-9]+" "$rung" pipeline "$tmp/truncated.json"
line=$(printf 'walk\n' | "$rung" nbody 10 2>/dev/null | tail -n 1)
check "c unknown command" "error unknown command 'walk'" "$line"
printf '' | "$rung" nbody 10 >/dev/null 2>&1 && echo "ok: c exits 0 on EOF" || fail "c exits 0 on EOF"

# --- the references of the Benchmarks Game problems -------------------------
# Built as their problem.conf's reference.build does, under the sanitizers
# when asked (-ffp-contract=off is mandelbrot's; the others have no floats).
sanitize_flags=()
[ -z "$sanitize" ] || sanitize_flags=(-fsanitize="$sanitize" -fno-omit-frame-pointer -g)
mkdir -p "$build/references"
for problem in fannkuch-redux mandelbrot binary-trees; do
    if ! ${CC:-gcc} -std=c11 -O2 -ffp-contract=off -Wall -Wextra -Werror "${sanitize_flags[@]}" \
            -o "$build/references/$problem" "problems/$problem/reference.c"; then
        fail "the $problem reference does not build"; exit 1
    fi
done
# The sizes compared: the quick size first, then the edges.
cases=("fannkuch-redux 7" "fannkuch-redux 1" "fannkuch-redux 2" "fannkuch-redux 8"
       "mandelbrot 200" "mandelbrot 1" "mandelbrot 9" "mandelbrot 203"
       "binary-trees 10" "binary-trees 0" "binary-trees 11")
mkdir -p "$tmp/want"
for case in "${cases[@]}"; do
    set -- $case
    "$build/references/$1" "$2" >"$tmp/want/$1-$2" || fail "reference $case"
done

# split_runs FILE: the answers of a protocol transcript, as $tmp/run1, ...;
# prints how many. (read and head -c take exactly what they are asked for.)
split_runs() {
    local ready word ns nbytes i=0
    exec 3<"$1"
    read -r ready <&3
    while read -r word ns nbytes <&3 && [ "$word" == result ]; do
        i=$((i + 1))
        head -c "$nbytes" <&3 >"$tmp/run$i"
    done
    exec 3<&-
    echo "$i"
}
for case in "${cases[@]}"; do
    set -- $case
    printf 'run\nrun\n' | "$rung" "$1" "$2" >"$tmp/transcript" 2>"$tmp/stderr"
    runs=$(split_runs "$tmp/transcript")
    if [ "$runs" == 2 ] && cmp -s "$tmp/run1" "$tmp/want/$1-$2" && cmp -s "$tmp/run2" "$tmp/want/$1-$2"
    then echo "ok: c $case, two runs, each the reference's output"
    else fail "c $case: $runs runs, not the reference's output"; head -c 300 "$tmp/transcript"; cat "$tmp/stderr"; fi
done
expect_error "c fannkuch-redux 17" "^error '17' is not an integer from 1 to 16$" "$rung" fannkuch-redux 17
expect_error "c mandelbrot 0" "^error '0' is not an integer from 1 to 32000$" "$rung" mandelbrot 0
expect_error "c binary-trees 25" "^error '25' is not an integer from 0 to 24$" "$rung" binary-trees 25

# --- the c-ext rung -------------------------------------------------------
python=${PYTHON:-}
if [ -z "$python" ]; then
    python=$(ls -d "$HOME"/.pyenv/versions/3.*/bin/python3 2>/dev/null | sort -V | tail -n 1)
    [ -n "$python" ] || python=$(command -v python3)
fi
if [ -z "$python" ] || ! "$python" -c 'import sysconfig, os, sys
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'; then
    echo "skip: c-ext (no interpreter with Python.h; set PYTHON)"
    exit $failed
fi
if ! make -s -C "$root" -f rungs/c-ext/Makefile OUT="$build/c-ext" PYTHON="$python"; then
    fail "the c-ext rung does not build"; exit 1
fi
# The modules are not built under the sanitizers (that would need the
# interpreter preloaded with them), so they are checked plain.
ASAN_OPTIONS= "$python" - "$build/c-ext" "$tmp" "${cases[@]}" <<'EOF' || failed=1
import importlib.util
import sys
sys.path.insert(0, sys.argv[1])
tmp = sys.argv[2]
cases = [case.split() for case in sys.argv[3:]]
import nbody, spectral_norm, pipeline
import fannkuch_redux, mandelbrot, binary_trees

failed = 0
def check(name, cond):
    global failed
    print(("ok: " if cond else "FAIL: ") + name)
    failed |= not cond

def raises(name, exc, f, *args, match=""):
    try:
        f(*args)
    except exc as e:
        check(name, match in str(e))
        return
    except Exception as e:
        check(name + " (got %r)" % e, False)
        return
    check(name + " (no exception)", False)

before, after = nbody.nbody(1000)
check("c-ext nbody 1000", "%.9f %.9f" % (before, after) == "-0.169075164 -0.169087605")
check("c-ext spectral_norm 100", "%.9f" % spectral_norm.spectral_norm(100) == "1.274219991")
raises("c-ext nbody negative", ValueError, nbody.nbody, -1)
raises("c-ext nbody float", TypeError, nbody.nbody, 1.5)
raises("c-ext spectral_norm 0", ValueError, spectral_norm.spectral_norm, 0)

data = open(tmp + "/events.json", "rb").read()
want = {"total_users": 3, "total_events": 6, "total_amount": 150.5,
        "total_high_value": 1, "users": [
    {"user_id": 1, "event_count": 1, "total_amount": 0.0, "high_value_count": 0,
     "duration_seconds": 0.0, "top_event_type": "CLICK", "top_page": "/home"},
    {"user_id": 2, "event_count": 2, "total_amount": 150.5, "high_value_count": 1,
     "duration_seconds": 86400.0, "top_event_type": "PURCHASE", "top_page": "/cart"},
    {"user_id": 4, "event_count": 3, "total_amount": 0.0, "high_value_count": 0,
     "duration_seconds": 2.0, "top_event_type": "PAGE_VIEW", "top_page": "\ud800"}]}
for kind in (bytes, bytearray, memoryview):
    got = pipeline.pipeline(kind(data))
    check("c-ext pipeline from %s" % kind.__name__, got == want)
got = pipeline.pipeline(data)
check("c-ext pipeline key order", list(got) == list(want)
      and list(got["users"][0]) == list(want["users"][0]))
raises("c-ext pipeline str", TypeError, pipeline.pipeline, data.decode())
raises("c-ext pipeline truncated", ValueError, pipeline.pipeline,
       open(tmp + "/truncated.json", "rb").read(), match="at byte")
raises("c-ext pipeline not an array", ValueError, pipeline.pipeline, b"{}", match="at byte")

# The Benchmarks Game problems: each module's result, made into the output
# by its problem's python_io.py as the driver does, is the reference's.
def python_io(problem):
    spec = importlib.util.spec_from_file_location(
        "io_" + problem.replace("-", "_"), "problems/%s/python_io.py" % problem)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

modules = {"fannkuch-redux": fannkuch_redux.fannkuch_redux,
           "mandelbrot": mandelbrot.mandelbrot, "binary-trees": binary_trees.binary_trees}
for problem, size in cases:
    io = python_io(problem)
    argument = io.read_argument(size)
    got = io.format_result(modules[problem](argument), argument)
    want = open("%s/want/%s-%s" % (tmp, problem, size), "rb").read()
    check("c-ext %s %s is the reference's output" % (problem, size), got == want)
check("c-ext fannkuch_redux returns a tuple of ints",
      fannkuch_redux.fannkuch_redux(7) == (228, 16))
check("c-ext mandelbrot returns bytes", type(mandelbrot.mandelbrot(9)) is bytes)
check("c-ext binary_trees returns a list of ints",
      binary_trees.binary_trees(10) == [4095, 31744, 32512, 32704, 32752, 2047])
raises("c-ext fannkuch_redux 0", ValueError, fannkuch_redux.fannkuch_redux, 0, match="from 1 to 16")
raises("c-ext fannkuch_redux 17", ValueError, fannkuch_redux.fannkuch_redux, 17)
raises("c-ext mandelbrot 0", ValueError, mandelbrot.mandelbrot, 0, match="from 1 to 32000")
raises("c-ext mandelbrot float", TypeError, mandelbrot.mandelbrot, 200.0)
raises("c-ext binary_trees -1", ValueError, binary_trees.binary_trees, -1, match="from 0 to 24")
raises("c-ext binary_trees 25", ValueError, binary_trees.binary_trees, 25)
raises("c-ext binary_trees str", TypeError, binary_trees.binary_trees, "10")
sys.exit(failed)
EOF
exit $failed
