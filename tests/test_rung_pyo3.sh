#!/usr/bin/env bash
# Tests the pyo3 rung (rungs/pyo3) through the harness, as a user runs it:
# `ladder run` at the quick sizes installs its pinned package (maturin)
# into .venvs/<interpreter id>, builds its modules into
# build/rungs/pyo3/<interpreter id> and must verify every problem
# (tests/check_rung.py); then the pipeline the harness built, on its edge
# cases and bad input (tests/check_python_rung.py --edge-cases); then what
# is the rung's own, on the same build:
#
# - more sizes of the Benchmarks Game problems, against their reference.c;
# - the pipeline against the cpython rung on generated events with every
#   feature the spec allows (ties, duplicate keys, escapes, any amounts),
#   and the one input where the two differ by design, a lone surrogate;
# - that each function releases the GIL (another thread runs meanwhile);
# - the crates' unit tests, `cargo clippy --all-targets -D warnings` and
#   `cargo fmt --check`.
#
#   bash tests/test_rung_pyo3.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), saying why, when cargo is missing or the crates
# (crates.io) or maturin (PyPI) cannot be had. The unit tests' and clippy's
# target folder is build/rungs/pyo3/test, kept so that the next run builds
# only what changed (the harness's build keeps its own); results go to a
# temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
command -v cargo >/dev/null || { echo "skip: no cargo on PATH (install Rust with rustup)"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! (cd rungs/pyo3 && cargo fetch --locked) >"$work/fetch.log" 2>&1; then
    echo "skip: cargo cannot fetch the crates of rungs/pyo3/Cargo.lock: $(tail -n 1 "$work/fetch.log")"
    exit 77
fi

run_rung_quick "$work/run.json" pyo3
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac
check_rung_pipeline "$work/run.json" pyo3 --edge-cases || fail=1
# What the harness installed and built for the row's interpreter.
python=$(rung_where "$work/run.json" pyo3 python) || exit 1
modules=$(rung_where "$work/run.json" pyo3 build) || exit 1

# --- more sizes, against the problems' own references -----------------------
cases=("fannkuch-redux 1" "fannkuch-redux 2" "fannkuch-redux 8"
       "mandelbrot 1" "mandelbrot 9" "mandelbrot 203" "binary-trees 0" "binary-trees 11")
for problem in fannkuch-redux mandelbrot binary-trees; do
    ${CC:-gcc} -std=c11 -O2 -ffp-contract=off -o "$work/$problem" "problems/$problem/reference.c" \
        || { echo "FAIL  the $problem reference does not build"; fail=1; }
done
for case in "${cases[@]}"; do
    read -r problem size <<<"$case"
    want=$("$work/$problem" "$size" | sha256sum)
    got=$(printf 'run\n' | "$python" rungs/_python/driver.py "$modules" "$problem" "$size" |
        tail -n +3 | sha256sum)
    check "pyo3 $case is the reference's output" "$got" "$want"
done

# --- the pipeline against the cpython rung, and the lone surrogate ----------
"$python" - "$modules" <<'EOF' || fail=1
"""Random events with everything the spec allows, read by the pyo3 rung and
by the cpython rung: the results must be equal, to the last bit."""
import importlib.util
import json
import random
import sys

sys.path.insert(0, sys.argv[1])
import pipeline as pyo3_pipeline

spec = importlib.util.spec_from_file_location("cpython_pipeline", "rungs/cpython/pipeline.py")
assert spec is not None and spec.loader is not None
cpython_pipeline = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = cpython_pipeline  # its dataclass looks itself up there
spec.loader.exec_module(cpython_pipeline)

TYPES = ["page_view", "purchase", "click", "search", "add_to_cart", "logout", "Click", "p\\u0061ge_view"]
PAGES = ["/a", "/b", "/caf\\u00e9", "/\u65e5\u672c", "\\ud83d\\ude00", "", "/\\\"q\\\""]
OFFSETS = ["+00:00", "-05:30", "+14:00", "+01:30:15"]
FRACTIONS = ["", ".250000", ".123"]
if sys.version_info >= (3, 11):  # what fromisoformat reads from 3.11 on
    OFFSETS.append("Z")
    FRACTIONS.append(".5")


def event(rng: random.Random) -> str:
    month, day = rng.randint(2, 10), rng.randint(1, 28)
    hour, minute, second = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    fraction = rng.choice(FRACTIONS)
    timestamp = f"2025-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{rng.choice(OFFSETS)}"
    amount = rng.choice([str(rng.randint(0, 300)), repr(rng.uniform(0, 500)), repr(round(rng.uniform(0, 500), 2)),
                         f"{rng.uniform(0, 5):.3e}", "100", "100.0", "1e2", "-0.0", "2.675"])
    metadata = [f'"page": "{rng.choice(PAGES)}"'] if rng.random() < 0.9 else []
    if rng.random() < 0.6:
        metadata.append(f'"amount": {amount}')
    if rng.random() < 0.1:
        metadata.append('"page": "/dup"')
    if rng.random() < 0.2:
        metadata.append('"x": [1, {"y": "\\ud800"}, null]')
    fields = [f'"user_id": {rng.choice([rng.randint(1, 40), -rng.randint(1, 9), 2**63 - 1])}',
              f'"event_type": "{rng.choice(TYPES)}"', f'"timestamp": "{timestamp}"',
              '"metadata": {' + ", ".join(metadata) + "}"]
    if rng.random() < 0.1:
        fields.append('"user_id": 7')
    rng.shuffle(fields)
    return "{" + ", ".join(fields) + "}"


failed = 0
for seed in range(40):
    rng = random.Random(seed)
    data = ("[" + ",\n ".join(event(rng) for _ in range(rng.randint(0, 400))) + "]").encode()
    want = cpython_pipeline.pipeline(data)
    got = pyo3_pipeline.pipeline(data)
    if got != want or json.dumps(got) != json.dumps(want):
        failed += 1
        print(f"FAIL  pipeline on random events (seed {seed}) differs from the cpython rung's")
if not failed:
    print("ok    pipeline on 40 sets of random events: the cpython rung's results, bit for bit")

surrogate = (b'[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", '
             b'"metadata": {"page": "\\ud800"}}]')
try:
    pyo3_pipeline.pipeline(surrogate)
    print("FAIL  a lone surrogate in a page is read, not refused")
    failed += 1
except ValueError as error:
    ok = "surrogate" in str(error) and "(event 0) at byte " in str(error)
    print(("ok    " if ok else "FAIL  ") + f"a lone surrogate in a page is refused: {error}")
    failed += not ok
sys.exit(1 if failed else 0)
EOF

# --- the GIL is released around the Rust work --------------------------------
"$python" - "$modules" <<'EOF' || fail=1
"""While a module's function runs, another Python thread must run too: a
function that kept the GIL would stop it for the whole call."""
import sys
import threading
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, sys.argv[1])
import binary_trees, fannkuch_redux, mandelbrot, nbody, pipeline, spectral_norm

event = (b'{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", '
         b'"metadata": {"page": "/a"}}')
events = b"[" + b", ".join([event] * 200_000) + b"]"
calls: dict[str, Callable[[], object]] = {
    "nbody": lambda: nbody.nbody(300_000),
    "spectral_norm": lambda: spectral_norm.spectral_norm(700),
    "fannkuch_redux": lambda: fannkuch_redux.fannkuch_redux(9),
    "mandelbrot": lambda: mandelbrot.mandelbrot(1500),
    "binary_trees": lambda: binary_trees.binary_trees(15),
    "pipeline": lambda: pipeline.pipeline(events),
}
ticks = 0
done = False


def tick() -> None:
    global ticks
    while not done:
        ticks += 1
        time.sleep(0.001)


ticker = threading.Thread(target=tick)
ticker.start()
failed = 0
# The GIL is handed over every 5 ms (sys.getswitchinterval()): a call that
# keeps it lets the other thread tick at most once or twice.
for name, call in calls.items():
    for attempt in range(3):
        before = ticks
        start = time.perf_counter()
        call()
        elapsed, during = time.perf_counter() - start, ticks - before
        if during >= 5:
            break
    ok = during >= 5
    failed += not ok
    print(("ok    " if ok else "FAIL  ")
          + f"{name} releases the GIL: {during} ticks of another thread in {elapsed * 1000:.0f} ms")
done = True
ticker.join()
sys.exit(1 if failed else 0)
EOF

# --- the crates: unit tests, clippy, rustfmt --------------------------------
export PYO3_PYTHON=$python CARGO_TARGET_DIR=$root/build/rungs/pyo3/test
cd rungs/pyo3 || exit 2
# The unit tests link libpython, which an interpreter built without a
# shared library does not have.
if "$python" -c 'import sys, sysconfig; sys.exit(not sysconfig.get_config_var("Py_ENABLE_SHARED"))'; then
    cargo test --workspace --locked --quiet >"$work/test.log" 2>&1 && result=passed || result=failed
    check "cargo test: the crates' unit tests" "$result" passed
    [ "$result" == passed ] || tail -n 30 "$work/test.log"
else
    echo "note: $python has no shared libpython, so the crates' unit tests are not run"
fi
cargo clippy --workspace --all-targets --locked --quiet -- -D warnings >"$work/clippy.log" 2>&1 \
    && result=clean || result=warnings
check "cargo clippy --all-targets -- -D warnings" "$result" clean
[ "$result" == clean ] || head -n 40 "$work/clippy.log"
cargo fmt --all --check >"$work/fmt.log" 2>&1 && result=formatted || result=unformatted
check "cargo fmt --check" "$result" formatted
[ "$result" == formatted ] || head -n 40 "$work/fmt.log"
exit "$fail"
