#!/usr/bin/env bash
# Every Python file of the rungs, the problems and the benches is
# `mypy --strict` clean. With a project environment (.venvs/, made by ladder run) the
# third-party packages' own types are checked too; without it, their
# imports are taken as untyped.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$root"
mypy=.venv-dev/bin/mypy
[ -x "$mypy" ] || { echo "no $mypy: run scripts/setup"; exit 1; }

# The newest CPython's environment holds the most rungs' packages (whichever
# rungs have run here); packages it does not hold are taken as untyped.
venv=$(ls -d .venvs/cpython-3.* 2>/dev/null | grep -v -- '-jit\|t$' | sort -V | tail -n 1)
packages=(--ignore-missing-imports --allow-subclassing-any)
if [ -n "$venv" ] && [ -x "$venv/bin/python" ]; then
    packages+=(--python-executable "$venv/bin/python")
else
    echo "note: no .venvs/cpython-*, so the rungs' packages are taken as untyped"
fi
# One file at a time: every rung has its own module called pipeline.
for file in $(git ls-files 'rungs/*.py' 'problems/*.py' 'bench/*.py' 'examples/*.py'); do
    out=$("$mypy" --strict "${packages[@]}" --cache-dir build/mypy-cache --no-error-summary \
        "$file" 2>&1) && status=0 || status=1
    check "mypy --strict $file" "$status${out:+: $out}" 0
done
exit "$fail"
