#!/usr/bin/env bash
# The problems' declarations and references (problems/*/problem.conf,
# docs/declaring.md): every key is one the schema knows and every size is
# inside `argument`; each `reference`, built with its own `reference.build`,
# reproduces every stored `expect.ARG` under the problem's `compare` rule
# (text, float-abs, sha256, or the verifier), refuses arguments outside
# `argument`, and gives output of the right shape at sizes nothing is stored
# for. Also the pipeline's verifier (problems/pipeline/verify.py) on wrong
# and unreadable results.
#
#   bash tests/test_problems.sh      (tests/run runs it from the root)
#
# The C references are built with the sanitizers when tests/run asks for
# them (LADDER_TEST_BUILD=build/san), and -Werror always. Stored answers
# for sizes above a problem's size.study (the Benchmarks Game's sizes:
# fannkuch-redux 12 alone takes the reference most of a minute) are
# checked only with LADDER_TEST_LARGE=1, which builds the references as
# the harness does, without the sanitizers.
set -eu
. "$(dirname "$0")/lib.sh"
cd "$root"

test_build=${LADDER_TEST_BUILD:-build/san}
build=$root/$test_build/test-problems
python=${PYTHON:-python3}
large=${LADDER_TEST_LARGE:-0}
sanitize=""
case "$test_build" in build/san | build/san/*) [ "$large" = 1 ] || sanitize=address,undefined ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$build"

# {cc} for reference.build: the compiler, warnings as errors, sanitizers
# when asked. The harness passes a plain compiler here.
cc=$tmp/cc
{
    echo '#!/bin/sh'
    if [ -n "$sanitize" ]; then
        echo "exec ${CC:-gcc} -Werror -fsanitize=$sanitize -fno-omit-frame-pointer -g \"\$@\""
    else
        echo "exec ${CC:-gcc} -Werror \"\$@\""
    fi
} >"$cc"
chmod +x "$cc"

"$python" - "$root" "$build" "$tmp" "$cc" "$python" "$ladder" "$large" <<'EOF' || fail=1
import hashlib
import re
import shlex
import subprocess
import sys
from pathlib import Path

root, build, tmp, cc, python, ladder, large = sys.argv[1:]
root_path, build_path, tmp_path = Path(root), Path(build), Path(tmp)
failures = 0

# docs/declaring.md: every key of problem.conf, and the required ones.
KEYS = {"title", "summary", "parameter", "argument", "input", "input.command",
        "input.file", "input.bytes", "output", "compare", "verifier", "size.quick",
        "size.study", "size.game", "reference", "reference.build"}
REQUIRED = {"title", "summary", "parameter", "argument", "compare", "size.quick",
            "size.study", "size.game", "reference"}
# How long one reference run may take here.
TIMEOUT_SECONDS = 300


def check(ok: bool, what: str, detail: str = "") -> None:
    global failures
    print(("ok    " if ok else "FAIL  ") + what + ("" if ok or not detail else ": " + detail))
    failures += not ok


def read_conf(path: Path) -> dict[str, str]:
    """key = value lines; '#' starts a comment at a line's start or after
    whitespace (so '#' inside a value, like 'P#', stays)."""
    conf = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = re.sub(r"(^|\s)#.*", "", line).strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"{path}:{number}: not 'key = value'")
        conf[key.strip()] = value.strip()
    return conf


def unescape(text: str) -> bytes:
    """An expect.ARG text: \\n and \\t stand for a newline and a tab."""
    return re.sub(r"\\([nt\\])", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}[m[1]],
                  text).encode()


def expand(command: str, values: dict[str, str], quote: bool = True) -> str:
    """Placeholders, each value quoted for /bin/sh (in commands), as the
    harness does."""
    def one(m: re.Match[str]) -> str:
        if m[1] not in values:
            raise KeyError(f"placeholder {{{m[1]}}} is not available here")
        return shlex.quote(values[m[1]]) if quote else values[m[1]]
    return re.sub(r"\{([a-z_]+)\}", one, command)


def sh(command: str, cwd: Path, timeout: int = TIMEOUT_SECONDS) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["/bin/sh", "-c", command], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def numbers(data: bytes) -> list[float]:
    return [float(word) for word in data.split()]


def same(rule: str, want: bytes, got: bytes, values: dict[str, str], conf: dict[str, str],
         name: str) -> tuple[bool, str]:
    """Whether got is the answer want under the rule; and if not, why."""
    if want.startswith(b"sha256:"):
        digest = hashlib.sha256(got).hexdigest()
        return digest == want[len(b"sha256:"):].decode(), f"sha256 {digest}"
    if rule == "exact" or rule == "sha256":
        return want.rstrip() == got.rstrip(), f"{got[:200]!r}"
    if rule.startswith("float-abs "):
        tolerance = float(rule.split()[1])
        w, g = numbers(want), numbers(got)
        ok = len(w) == len(g) and all(abs(a - b) <= tolerance for a, b in zip(w, g))
        return ok, f"{got[:200]!r}"
    if rule == "verifier":
        expected, actual = tmp_path / f"{name}.expected", tmp_path / f"{name}.actual"
        expected.write_bytes(want)
        actual.write_bytes(got)
        command = expand(conf["verifier"], values) + " " + shlex.quote(str(expected)) + \
            " " + shlex.quote(str(actual))
        done = sh(command, root_path)
        return done.returncode == 0, done.stdout.decode(errors="replace").strip()
    return False, f"unknown rule {rule!r}"


def check_problem(conf_path: Path) -> None:
    problem_dir = conf_path.parent
    name = problem_dir.name
    conf = read_conf(conf_path)
    unknown = sorted(k for k in conf if k not in KEYS and not k.startswith("expect."))
    check(not unknown, f"{name}: every key is in the schema", f"unknown {unknown}")
    missing = sorted(REQUIRED - conf.keys())
    check(not missing, f"{name}: the required keys are there", f"missing {missing}")
    if missing:
        return
    kind, low, high = conf["argument"].split()
    low_n, high_n = int(low), int(high)
    check(kind == "integer" and low_n <= high_n, f"{name}: argument = integer MIN MAX")
    sizes = {k: int(conf[k]) for k in ("size.quick", "size.study", "size.game")}
    expects = {k[len("expect."):]: v for k, v in conf.items() if k.startswith("expect.")}
    inside = all(low_n <= n <= high_n for n in list(sizes.values()) + [int(a) for a in expects])
    check(inside, f"{name}: every size and expect.ARG is inside argument")

    out_dir = build_path / name
    out_dir.mkdir(parents=True, exist_ok=True)
    values = {"root": root, "problem_dir": str(problem_dir), "build_dir": str(out_dir),
              "python": python, "cc": cc, "ladder": ladder}
    if "reference.build" in conf:
        done = sh(expand(conf["reference.build"], values), out_dir)
        check(done.returncode == 0, f"{name}: reference.build",
              done.stderr.decode(errors="replace")[-2000:])
        if done.returncode != 0:
            return
    generated = conf.get("input", "none") == "generated"

    def reference(argument: str) -> subprocess.CompletedProcess[bytes]:
        args = dict(values, argument=argument)
        if generated:
            data = tmp_path / expand(conf["input.file"], args, quote=False)
            if not data.exists():
                made = sh(expand(conf["input.command"], dict(args, output=str(data))), root_path)
                assert made.returncode == 0, made.stderr
            args["input"] = str(data)
        return sh(expand(conf["reference"], args), out_dir)

    for argument, expect in sorted(expects.items(), key=lambda item: int(item[0])):
        if int(argument) > sizes["size.study"] and large != "1":
            print(f"skip  {name} {argument}: above size.study (LADDER_TEST_LARGE=1 checks it)")
            continue
        want = ((problem_dir / expect[1:]).read_bytes() if expect.startswith("@")
                else expect.encode() if expect.startswith("sha256:") else unescape(expect))
        done = reference(argument)
        ok, why = same(conf["compare"], want, done.stdout, dict(values, argument=argument),
                       conf, f"{name}-{argument}")
        check(done.returncode == 0 and ok, f"{name} {argument}: the reference gives expect.{argument}",
              f"exit {done.returncode}, {why} {done.stderr.decode(errors='replace')[-500:]}")

    if not generated:
        for bad in (str(low_n - 1), str(high_n + 1), "ten"):
            done = reference(bad)
            check(done.returncode != 0 and not done.stdout and b"error" in done.stderr,
                  f"{name}: the reference refuses {bad!r}",
                  f"exit {done.returncode}, {done.stderr[-200:]!r}")
    return None


def output_of(name: str, argument: str) -> bytes:
    done = sh(shlex.quote(str(build_path / name / "reference")) + " " + argument, root_path)
    assert done.returncode == 0, done.stderr
    return done.stdout


for conf_path in sorted(root_path.glob("problems/*/problem.conf")):
    check_problem(conf_path)

# Sizes nothing is stored for: the output's shape.
pbm = output_of("mandelbrot", "1001")
header = b"P4\n1001 1001\n"
rows = pbm[len(header):]
check(pbm.startswith(header) and len(rows) == 1001 * 126,
      "mandelbrot 1001: the header and 1001 rows of 126 bytes", f"{pbm[:20]!r}, {len(pbm)} bytes")
check(all(rows[i * 126 + 125] & 0x7F == 0 for i in range(1001)),
      "mandelbrot 1001: the last byte of each row is padded with zero bits")
trees = output_of("binary-trees", "12").decode().splitlines()
check(trees[0] == "stretch tree of depth 13\t check: 16383" and len(trees) == 7
      and trees[-1] == "long lived tree of depth 12\t check: 8191",
      "binary-trees 12: depth 13 first, 12 last", f"{trees!r}")
small = output_of("binary-trees", "0").decode().splitlines()
check(small[0] == "stretch tree of depth 7\t check: 255",
      "binary-trees 0: max_depth is at least 6", f"{small!r}")
for n, want in (("1", b"0\nPfannkuchen(1) = 0\n"), ("2", b"-1\nPfannkuchen(2) = 1\n"),
                ("8", b"1616\nPfannkuchen(8) = 22\n")):
    got = output_of("fannkuch-redux", n)
    check(got == want, f"fannkuch-redux {n}", f"{got!r}")
sys.exit(1 if failures else 0)
EOF

# --- the pipeline's verifier ------------------------------------------------
verify=problems/pipeline/verify.py
want=problems/pipeline/expected/events-10000-42.json
verdict() {   # verdict ACTUAL_FILE [EXPECTED_FILE]: "STATUS first line of stdout"
    local out status
    out=$("$python" "$verify" "${2:-$want}" "$1") && status=0 || status=$?
    echo "$status ${out%%$'\n'*}"
}
"$python" - "$want" "$tmp" <<'EOF'
import json, sys
want, tmp = sys.argv[1], sys.argv[2]
result = json.load(open(want))
def variant(name, change):
    r = json.loads(json.dumps(result))
    change(r)
    with open(f"{tmp}/{name}.json", "w") as f:
        json.dump(r, f)
def unrounded(r):   # the same after rounding to 2 decimals, and 2.0 for 2
    for user in r["users"]:
        user["total_amount"] += 0.004
        user["event_count"] = float(user["event_count"])
    r["users"][0]["something_else"] = 1
def fields(r):
    r["users"][3]["top_page"] = "/nowhere"
    r["users"][8]["total_amount"] += 0.01
def boolean(r):
    r["total_high_value"] = True
def missing_user(r):
    del r["users"][5]
variant("unrounded", unrounded)
variant("fields", fields)
variant("boolean", boolean)
variant("missing-user", missing_user)
EOF
check "verify.py: the reference itself" "$(verdict "$want")" "0 "
check "verify.py: the same after rounding, floats for ints, an extra key" \
    "$(verdict "$tmp/unrounded.json")" "0 "
check "verify.py: two wrong fields" "$(verdict "$tmp/fields.json")" \
    "1 2 differences (got != expected): user 8: top_page '/nowhere' != '/checkout'; user 19: total_amount 0.01 != 0.00"
check "verify.py: a boolean is not a number" "$(verdict "$tmp/boolean.json")" \
    "1 1 difference (got != expected): total_high_value a bool != 446"
check "verify.py: a missing user" "$(verdict "$tmp/missing-user.json")" \
    "1 2 differences (got != expected): 2183 users != 2184; users differ from position 5: user 17 != 11"
printf '{"total_users": NaN}' >"$tmp/nan.json"
check "verify.py: NaN is not JSON" "$(verdict "$tmp/nan.json")" \
    "1 1 difference (got != expected): the output is not JSON (NaN is not JSON)"
head -c 100 "$want" >"$tmp/truncated.json"
case $(verdict "$tmp/truncated.json") in
    "1 1 difference (got != expected): the output is not JSON ("*) echo "ok    verify.py: truncated output" ;;
    *) echo "FAIL  verify.py: truncated output: $(verdict "$tmp/truncated.json")"; fail=1 ;;
esac
check "verify.py: an unreadable reference" "$(verdict "$want" "$tmp/none.json")" \
    "2 cannot verify: cannot read '$tmp/none.json': No such file or directory"
check "verify.py: a reference that is not a result" "$(verdict "$want" "$tmp/nan.json")" \
    "2 cannot verify: the reference is not JSON (NaN is not JSON)"

exit "$fail"
