"""The verifier of `ladder try`: is a row's return value the baseline's?

    try_verify.py [--rel-tol X] EXPECTED_FILE ACTUAL_FILE

Each file holds one return value as try_values.encode() writes it. Exit 0
when they are equal (floats, and containers of floats, within the relative
tolerance, default 1e-9), 1 when they differ — the first line of stdout
says where —, 2 when a file cannot be read (the harness's verifier
protocol, docs/declaring.md).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import try_values  # noqa: E402  (beside this file, not installed)

DEFAULT_REL_TOL = 1e-9


def main(argv: list[str]) -> int:
    rel_tol = DEFAULT_REL_TOL
    args = argv[1:]
    if len(args) >= 2 and args[0] == "--rel-tol":
        rel_tol = float(args[1])
        args = args[2:]
    if len(args) != 2:
        print("usage: try_verify.py [--rel-tol X] EXPECTED ACTUAL")
        return 2
    try:
        expected = Path(args[0]).read_text(encoding="utf-8")
        actual = Path(args[1]).read_text(encoding="utf-8")
        difference = try_values.first_difference(expected, actual, rel_tol)
    except (OSError, ValueError) as e:
        print(f"cannot compare: {e}")
        return 2
    if difference is None:
        return 0
    print(difference)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
