#!/usr/bin/env bash
# Tests the mojo rung through the harness, as a user runs it: `ladder run
# --size quick --rung mojo --python baseline --no-baseline --repeat 2`
# installs the rung's pinned packages (mojo: the compiler and its runtime)
# into .venvs/<interpreter id>, builds the extension modules
# (rungs/mojo/Makefile) and must verify every problem the rung declares and
# show every not-applicable one so, with its reason (tests/check_rung.py).
# Then what is the rung's own:
#
# - no row is suspect: the modules are compiled ahead of time (warmup =
#   none), so a cold iteration far above the warm ones would be a bug;
# - building again with nothing changed compiles nothing (a Mojo build
#   takes seconds a module) and leaves the modules as they were.
#
#   bash tests/test_rung_mojo.sh      (tests/run runs it from the root)
#
# Exits 77 (skipped), with the harness's reason, when the rung cannot run
# here: pip cannot install mojo for the baseline interpreter (its wheels
# need glibc 2.34 or newer), or there is no C compiler to link with.
# Results go to a temporary folder, never results/.
set -u
. "$(dirname "$0")/lib.sh"
cd "$root" || exit 2
rung=mojo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run_rung_quick "$work/run.json" "$rung"
case $? in 0) ;; 77) exit 77 ;; *) fail=1 ;; esac

python3 - "$work/run.json" "$rung" <<'PY' || fail=1
import json, sys
rows = [m for m in json.load(open(sys.argv[1], encoding="utf-8"))["measurements"]
        if m["rung"] == sys.argv[2] and m["status"] == "verified"]
suspect = [f"{m['problem']}: {m['suspect']}" for m in rows if m["suspect"] is not None]
print(("FAIL  suspect rows: " + "; ".join(suspect)) if suspect else
      f"ok    {sys.argv[2]}: no row suspect (compiled ahead of time)")
sys.exit(1 if suspect else 0)
PY

python=$(rung_where "$work/run.json" "$rung" python) &&
    build=$(rung_where "$work/run.json" "$rung" build) || exit 1
before=$(ls -l --time-style=full-iso "$build" 2>&1)
if make -C "$root" -f rungs/mojo/Makefile OUT="$build" PYTHON="$python" >"$work/rebuild.log" 2>&1; then
    check "$rung: building again with nothing changed compiles nothing" \
        "$(grep -c 'mojo build' "$work/rebuild.log")" 0
    check "$rung: building again with nothing changed leaves the modules as they were" \
        "$(ls -l --time-style=full-iso "$build" 2>&1)" "$before"
else
    echo "FAIL  $rung: building again failed:"
    sed 's/^/    | /' "$work/rebuild.log"
    fail=1
fi
exit "$fail"
