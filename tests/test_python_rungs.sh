#!/usr/bin/env bash
# The Python driver (rungs/_python/driver.py) speaking docs/protocol.md with
# the cpython rung at small sizes: the answers must be the problems'
# references (problems/*/problem.conf, problems/pipeline/reference.py), every
# run must answer afresh, and failures must come back as "error ..." lines
# with a non-zero exit status.
set -eu
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$python" problems/pipeline/reference.py tests/data/events-50-42.json >"$tmp/events-50.expected"

exec "$python" - "$tmp" <<'EOF'
import subprocess
import sys
from pathlib import Path

tmp = Path(sys.argv[1])
DRIVER = ["rungs/_python/driver.py", "rungs/cpython"]
failures = 0


def check(ok: bool, what: str) -> None:
    global failures
    print(("ok    " if ok else "FAIL  ") + what)
    failures += not ok


def talk(problem: str, argument: str, commands: bytes) -> tuple[int, bytes]:
    done = subprocess.run([sys.executable, *DRIVER, problem, argument], input=commands,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return done.returncode, done.stdout


def results(stdout: bytes) -> list[bytes]:
    """Splits the protocol's answers; raises if they are malformed."""
    assert stdout.startswith(b"ready\n"), stdout[:40]
    pos, outputs = len(b"ready\n"), []
    while pos < len(stdout):
        end = stdout.index(b"\n", pos)
        word, elapsed, nbytes = stdout[pos:end].split(b" ")
        assert word == b"result" and int(elapsed) > 0, stdout[pos:end]
        outputs.append(stdout[end + 1 : end + 1 + int(nbytes)])
        pos = end + 1 + int(nbytes)
    return outputs


def expect_answers(problem: str, argument: str, want: bytes, runs: int) -> None:
    status, stdout = talk(problem, argument, b"run\n" * runs)
    try:
        outputs = results(stdout)
    except (AssertionError, ValueError) as e:
        check(False, f"{problem} {argument}: malformed answer: {e!r}")
        return
    check(status == 0, f"{problem} {argument}: exit status 0 at end of input")
    check(outputs == [want] * runs, f"{problem} {argument}: {runs} runs, each the reference")


expect_answers("nbody", "1000", b"-0.169075164\n-0.169087605\n", 2)
expect_answers("spectral-norm", "100", b"1.274219991\n", 2)
expect_answers("pipeline", "tests/data/events-50-42.json",
               (tmp / "events-50.expected").read_bytes(), 3)

# Failures: one "error ..." line, non-zero status.
(tmp / "naive.json").write_text(
    '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00",'
    ' "metadata": {}}]')
cases = [
    ("bad input", "pipeline", str(tmp / "naive.json"), b"run\n",
     b"ready\nerror ValueError: timestamp '2025-04-01T00:00:00' has no UTC offset (event 0)\n"),
    ("missing input file", "pipeline", str(tmp / "none.json"), b"run\n", b"error "),
    ("unknown command", "nbody", "10", b"walk\n", b"ready\nerror unknown command 'walk'\n"),
    ("unknown problem", "fannkuch", "10", b"run\n", b"error unknown problem 'fannkuch'\n"),
]
for what, problem, argument, commands, want in cases:
    status, stdout = talk(problem, argument, commands)
    ok = status != 0 and stdout.startswith(want) and stdout.count(b"\n") == want.count(b"\n") + (
        not want.endswith(b"\n"))
    check(ok, f"{what}: {stdout!r}")

sys.exit(1 if failures else 0)
EOF
