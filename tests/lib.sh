# Sourced by the tests/test_*.sh scripts: where the project is, which
# `ladder` is under test (the sanitized build when tests/run runs us, else
# ./ladder), and one way to report a check.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ladder="$root/${LADDER_TEST_BUILD:-build/san}/ladder"
[ -x "$ladder" ] || ladder="$root/ladder"
[ -x "$ladder" ] || { echo "no ladder binary: run 'make' first"; exit 1; }

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

# The rung tests' one way to run a rung: through the harness, as a user
# does, so that they share its environments (.venvs/<interpreter id>) and
# builds (build/rungs/...) instead of making their own.
#
# run_rung_quick JSON RUNG... [-- OPTION...]: `ladder run` of the rungs at
# the quick sizes on the baseline interpreter, two timed runs a row, into
# JSON (the run's other results go to JSON's folder, never results/), then
# tests/check_rung.py on JSON: every declared problem verified, every
# not-applicable one shown so. Returns check_rung.py's status (77: the
# harness skips a rung here), showing the end of ladder's log (JSON with
# .log for .json) on a failure. OPTIONs go to ladder run (a --size replaces
# the quick sizes); --problem P also restricts the check, and
# --min-cold-ratio X is the check's own (tests/check_rung.py).
run_rung_quick() {
    local json=$1; shift
    local names=() run_options=() check_options=() sized=
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        names+=("$1"); run_options+=(--rung "$1"); shift
    done
    [ $# -gt 0 ] && shift
    while [ $# -gt 0 ]; do
        case $1 in
            --problem) run_options+=("$1" "$2"); check_options+=("$1" "$2"); shift 2 ;;
            --min-cold-ratio) check_options+=("$1" "$2"); shift 2 ;;
            --size) sized=1; run_options+=("$1" "$2"); shift 2 ;;
            *) run_options+=("$1"); shift ;;
        esac
    done
    [ -n "$sized" ] || run_options+=(--size quick)
    local log=${json%.json}.log
    rm -f "$json"
    LADDER_RESULTS_DIR=$(dirname "$json")/results "$ladder" run "${run_options[@]}" \
        --python baseline --no-baseline --repeat 2 --json "$json" >"$log" 2>&1
    if [ ! -s "$json" ]; then
        sed 's/^/    | /' "$log" | tail -n 20
        echo "FAIL  ladder run ${run_options[*]} wrote no results"
        return 1
    fi
    python3 "$root/tests/check_rung.py" ${check_options[@]+"${check_options[@]}"} \
        "$json" "${names[@]}"
    local status=$?
    [ "$status" -ne 1 ] || sed 's/^/    | /' "$log" | tail -n 20
    return "$status"
}

# rung_where JSON RUNG WHAT: a path of what the harness made for the rung's
# rows in JSON (tests/check_rung.py --where): WHAT is python (the row's
# {python}, its environment's), build (its {build_dir}, or the rung's own
# folder when it has no build) or interpreter (the row's interpreter id).
rung_where() {
    python3 "$root/tests/check_rung.py" --where "$3" "$1" "$2"
}

# check_rung_pipeline JSON RUNG [OPTION...]: tests/check_python_rung.py on
# the rung's pipeline, started with the python and module folder the
# harness made for it in JSON (an OPTION --modules or --env overrides or
# adds to them).
check_rung_pipeline() {
    local json=$1 rung=$2; shift 2
    local python modules
    python=$(rung_where "$json" "$rung" python) && modules=$(rung_where "$json" "$rung" build) ||
        return 1
    python3 "$root/tests/check_python_rung.py" --python "$python" --modules "$modules" \
        --label "$rung" "$@"
}
