#!/usr/bin/env bash
# Tests the mypyc rung: in a scratch virtual environment with its pinned
# packages (mypy, setuptools), builds it as its rung.conf says and checks
# every problem it declares at quick sizes through the shared driver
# against the references, then the pipeline on its edge cases and bad input
# (tests/check_python_rung.py does all of it).
#
#   bash tests/test_rung_mypyc.sh      (tests/run runs it from the root)
#
# The interpreter is PYTHON, else ~/.pyenv's newest CPython 3, else
# python3. Exits 77 (skipped), saying why, when that interpreter has no
# Python.h, there is no C compiler, or pip cannot install the packages.
# pip's cache is used; the environment and the build are removed after.
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
    --edge-cases ${LADDER_REQUIREMENTS:+--requirements "$LADDER_REQUIREMENTS"} mypyc
