#!/usr/bin/env bash
# Tests the cython, cython-pow and cython-raw rungs: in a scratch virtual
# environment with their pinned packages (cython, setuptools), builds each
# as its rung.conf says (cython-raw fetching yyjson's source from PyPI) and
# checks every problem each declares at quick sizes through the shared
# driver against the references, then the two pipelines on their edge
# cases and bad input (tests/check_python_rung.py), and last the one input
# where they differ by design: an escaped lone surrogate, which json.loads
# (the cython rung) reads and yyjson (cython-raw) refuses, naming the byte.
# Nothing here measures speed: cython-pow's slowness is a benchmark's
# business, not a test's.
#
#   bash tests/test_rung_cython.sh      (tests/run runs it from the root)
#
# The interpreter is PYTHON, else ~/.pyenv's newest CPython 3, else
# python3. Exits 77 (skipped), saying why, when that interpreter has no
# Python.h, there is no C compiler, or pip cannot install the packages.
# pip's cache is used; the environment and the builds are removed after.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2

python=${PYTHON:-}
if [ -z "$python" ]; then
    python=$(ls -d "$HOME"/.pyenv/versions/3.*/bin/python3 2>/dev/null | sort -V | tail -n 1)
    [ -n "$python" ] || python=$(command -v python3)
fi
[ -n "$python" ] || { echo "skip: no python3 (set PYTHON)"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$python" tests/check_python_rung.py --work "$work" --python "$python" --ladder "$ladder" \
    --edge-cases ${LADDER_REQUIREMENTS:+--requirements "$LADDER_REQUIREMENTS"} \
    cython cython-pow cython-raw
status=$?
[ "$status" -eq 0 ] || exit "$status"

# A page that is a lone surrogate, as CPython's json reads it ("\ud800").
printf '[{"user_id": 1, "event_type": "click", "timestamp": "2025-04-01T00:00:00+00:00", "metadata": {"page": "\\ud800"}}]' \
    >"$work/surrogate.json"
venv=$work/venv/bin/python
answer() {   # answer RUNG: the protocol's second line for the surrogate input
    printf 'run\n' | "$venv" rungs/_python/driver.py "$work/build/$1" pipeline \
        "$work/surrogate.json" 2>/dev/null | sed -n 2p
}
check "cython reads a lone surrogate as json.loads does" \
    "$(answer cython | cut -d' ' -f1)" result
got=$(answer cython-raw)
[[ $got =~ ^error\ ValueError:\ .*surrogate.*\ at\ byte\ [0-9]+$ ]] && got=refused
check "cython-raw refuses a lone surrogate, naming the byte" "$got" refused
exit "$fail"
