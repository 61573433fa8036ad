"""`ladder try --profile`: where the call's time goes, before anything is
measured ("profile before you optimize", the study's last advice).

    try_profile.py MODULE_DIR MODULE FUNCTION [--setup NAME] -- [ARG ...]

Calls FUNCTION once under cProfile and prints the functions that took the
most time of their own, with each one's share of the call, its calls and
its cumulative time. Python 3.9 syntax; standard library only.
"""
from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import try_driver  # noqa: E402  (beside this file)

TOP = 12


def main(argv: list[str]) -> int:
    options = try_driver.parse(argv[1:])
    module = try_driver.import_module(options["dir"], options["module"])
    function = getattr(module, options["function"])
    args = try_driver.arguments(module, options)
    profiler = cProfile.Profile()
    profiler.runcall(function, *args)
    stats = pstats.Stats(profiler)
    total = max(stats.total_tt, 1e-12)  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])  # type: ignore[attr-defined]
    print(f"Profile of {options['module']}.{options['function']} (cProfile, one call: "
          f"{total:.3f} s, with the profiler's overhead)")
    print(f"  {'own time':>10} {'share':>6} {'calls':>9} {'cumulative':>11}  function")
    for (filename, line, name), (_, calls, own, cumulative, _) in rows[:TOP]:
        where = f"{Path(filename).name}:{line}" if line else "built-in"
        print(f"  {own:>9.3f}s {100 * own / total:>5.1f}% {calls:>9} {cumulative:>10.3f}s  {name} ({where})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
