#!/usr/bin/env bash
# REPORT.html in a real browser: a run on a throw-away project (verified,
# failed, skipped, not-applicable and JIT rows), its report opened in
# headless Chromium (Debian's; the test setup installs it), the DOM checked
# for every row and section, the page's console checked for errors (a page
# with a deliberate error proves the check can fail), and a screenshot
# saved under the build folder for a person to look at.
set -u
. "$(dirname "$0")/lib.sh"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "no chromium here: apt-get install chromium (scripts/setup tries to)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shots=$root/${LADDER_TEST_BUILD:-build/san}/report-html
mkdir -p "$shots"

export LADDER_ROOT=$work LADDER_RESULTS_DIR=$work/results
mkdir -p "$work/problems" "$work/rungs" "$work/harness"
touch "$work/harness/main.c"
cp -r "$root/problems/nbody" "$work/problems/"
make_rung() {  # NAME RANK TITLE BODY [extra conf lines]
    mkdir -p "$work/rungs/$1"
    printf 'title = %s\nrank = %s\ncost = costs, with a comma\nproblems = nbody\nrun = sh {rung_dir}/rung.sh\n%s\n' \
        "$3" "$2" "${5:-}" >"$work/rungs/$1/rung.conf"
    printf 'echo ready\nn=0\nwhile read -r line; do\nn=$((n+1))\n%s\ndone\n' "$4" >"$work/rungs/$1/rung.sh"
    printf '# a comment\nx = 1\n' >"$work/rungs/$1/nbody.py"
    echo "source.nbody = nbody.py" >>"$work/rungs/$1/rung.conf"
}
busy='i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done'
answer='printf "result %s 26\n-0.169075164\n-0.169087605\n"'
make_rung base 0 "Baseline <b>" "s=\$(date +%s%N); $busy; $busy; $busy; $busy; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
make_rung fast 10 "Fast & small" "s=\$(date +%s%N); $busy; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')"
# Slow at first, then steady: a JIT's curve.
make_rung warming 20 "Warming JIT" "s=\$(date +%s%N); k=\$((8 - n)); while [ \$k -gt 0 ]; do $busy; k=\$((k-1)); done; $busy; e=\$(date +%s%N); $(printf "$answer" '$((e-s))')" "warmup = jit"
make_rung broken 30 "Broken" 'kill -SEGV $$'
make_rung elsewhere 40 "Elsewhere" "$busy" 'requires = command:no-such-tool-here
enable = apt-get install no-such-tool'
mkdir -p "$work/problems/other"
sed 's/^title .*/title = other problem/' "$root/problems/nbody/problem.conf" >"$work/problems/other/problem.conf"
sed -i 's/^problems = nbody$/problems = nbody\nnot-applicable.other = does not fit, for a reason/' "$work/rungs/fast/rung.conf"

"$ladder" run --size quick --problem nbody --problem other --baseline base --budget 0.3 \
    --json "$work/r.json" --report "$work/out/REPORT.md" >"$work/run.txt" 2>&1
check "the run: exit status (a failed row)" "$?" 1
[ -f "$work/out/REPORT.html" ] && check "REPORT.html beside REPORT.md" yes yes ||
    check "REPORT.html beside REPORT.md" no yes
grep -q 'src=\|href="http\|<link' "$work/out/REPORT.html" &&
    check "self-contained: no external assets" no yes || check "self-contained: no external assets" yes yes

browse() {  # browse PAGE DOM-OUT LOG-OUT [SCREENSHOT]: headless Chromium, flags as the probe found them
    local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
                 --disable-background-networking --disable-component-update --disable-sync
                 --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
    timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$1" >"$2" 2>"$3"
    [ -z "${4:-}" ] || timeout 120 "$chromium" "${flags[@]}" --window-size=1300,2400 \
        --screenshot="$4" "file://$1" >/dev/null 2>&1
}
console_errors() { grep -E 'CONSOLE.*(Uncaught|Error)' "$1" | head -n 3; }

# The check catches a page that throws.
printf '<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>' \
    >"$work/broken.html"
browse "$work/broken.html" "$work/broken.dom" "$work/broken.log"
[ -n "$(console_errors "$work/broken.log")" ] && check "a page that throws is caught" yes yes ||
    check "a page that throws is caught" no yes

browse "$work/out/REPORT.html" "$work/dom.html" "$work/console.log" "$shots/REPORT.png"
check "REPORT.html: no errors in the console" "$(console_errors "$work/console.log")" ""
python3 - "$work/dom.html" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
def ok(what, cond):
    print(("ok    " if cond else "FAIL  ") + what)
    return cond
good = all([
    ok("a section per problem", 'id="p-nbody-quick"' in dom and 'id="p-other-quick"' in dom),
    ok("a row per measured rung", all(f'data-rung="{r}"' in dom for r in ("base", "fast", "warming", "broken"))),
    ok("titles escaped", "Baseline &lt;b&gt;" in dom and "Fast &amp; small" in dom),
    ok("the failed row, with its reason", re.search(r'failed-label">FAILED</span>: [^<]*signal 11', dom) is not None),
    ok("the skipped row, with its enable command", "<code>apt-get install no-such-tool</code>" in dom),
    ok("the not-applicable row, with its reason", "does not fit, for a reason" in dom),
    ok("the charts: speedups, effort, warm-up", dom.count("<svg") >= 3 and "warming up" in dom and "against effort" in dom),
    ok("sortable columns", 'class="sortable card"' in dom and dom.count("data-value=") > 10),
])
sys.exit(0 if good else 1)
PY
[ $? -eq 0 ] || fail=1
[ -s "$shots/REPORT.png" ] && echo "ok    screenshot: $shots/REPORT.png" || { echo "FAIL  no screenshot"; fail=1; }
exit "$fail"
