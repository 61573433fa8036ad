#!/usr/bin/env python3
"""An independent reference for the engine's fixtures: the pipeline of
shared/spec/pipeline.md written plainly with json.loads and
datetime.fromisoformat, so expected results are computed by CPython, not by
the engine under test.

    reference.py FILE           prints the result JSON (one line), exit 0
                                or prints "error: ..." and exits 1

Policy shared with the engine (engine/pipeline.h):
- the bytes must be strict UTF-8 (no encoded surrogates, no BOM);
- nesting deeper than 1024 levels is refused (PIPELINE_MAX_DEPTH);
- NaN, Infinity and -Infinity are refused (json.loads alone accepts them);
- every event is validated, also the ones the filter drops: it must be an
  object with user_id (int, not bool, in int64), event_type (str),
  timestamp (str, fromisoformat, with a UTC offset), metadata (dict); a
  page, when present, must be a str; an amount, when present, a finite
  int or float (not bool).
"""
import json
import sys
from collections import Counter
from datetime import datetime, timezone

KEEP = {"page_view", "purchase", "click", "search", "add_to_cart"}
START_F = datetime(2025, 3, 1, tzinfo=timezone.utc).timestamp()
END_F = datetime(2025, 9, 30, 23, 59, 59, tzinfo=timezone.utc).timestamp()
MAX_DEPTH = 1024   # PIPELINE_MAX_DEPTH: deeper input is refused, by policy
INT64_MIN, INT64_MAX = -2**63, 2**63 - 1


class Bad(Exception):
    pass


def refuse_constant(name):
    raise Bad("not JSON: " + name)


def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def depth(value):
    """Levels of nesting (arrays and objects), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, (list, dict)):
            deepest = max(deepest, d)
            stack.extend((c, d + 1) for c in (v.values() if isinstance(v, dict) else v))
    return deepest


def pipeline(data):
    try:
        text = data.decode("utf-8")
        events = json.loads(text, parse_constant=refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as e:
        raise Bad(str(e))
    if depth(events) > MAX_DEPTH:
        raise Bad(f"nesting deeper than {MAX_DEPTH}")
    if not isinstance(events, list):
        raise Bad("top level is not an array")
    users = {}
    for i, ev in enumerate(events):
        if not isinstance(ev, dict):
            raise Bad(f"event {i} is not an object")
        for key in ("user_id", "event_type", "timestamp", "metadata"):
            if key not in ev:
                raise Bad(f"event {i} has no {key}")
        uid = ev["user_id"]
        if not isinstance(uid, int) or isinstance(uid, bool):
            raise Bad(f"event {i}: user_id is not an integer")
        if not INT64_MIN <= uid <= INT64_MAX:
            raise Bad(f"event {i}: user_id out of range")
        etype = ev["event_type"]
        if not isinstance(etype, str):
            raise Bad(f"event {i}: event_type is not a string")
        if not isinstance(ev["timestamp"], str):
            raise Bad(f"event {i}: timestamp is not a string")
        try:
            dt = datetime.fromisoformat(ev["timestamp"])
        except ValueError as e:
            raise Bad(f"event {i}: {e}")
        if dt.tzinfo is None:
            raise Bad(f"event {i}: timestamp has no UTC offset")
        t = dt.timestamp()
        md = ev["metadata"]
        if not isinstance(md, dict):
            raise Bad(f"event {i}: metadata is not an object")
        page = md.get("page", "")
        if not isinstance(page, str):
            raise Bad(f"event {i}: page is not a string")
        amount = md.get("amount", 0.0)
        if not number(amount):
            raise Bad(f"event {i}: amount is not a number")
        try:
            amount = float(amount)
        except OverflowError:
            raise Bad(f"event {i}: amount out of range")
        if amount != amount or amount in (float("inf"), float("-inf")):
            raise Bad(f"event {i}: amount is not finite")
        if etype not in KEEP or not START_F <= t <= END_F:
            continue
        u = users.get(uid)
        if u is None:
            u = users[uid] = {"count": 0, "sum": 0.0, "high": 0,
                              "first": t, "last": t,
                              "types": Counter(), "pages": Counter()}
        u["count"] += 1
        u["sum"] += amount
        u["high"] += amount > 100.0
        u["first"] = min(u["first"], t)
        u["last"] = max(u["last"], t)
        u["types"][etype.upper()] += 1
        u["pages"][page] += 1
    out = []
    for uid in sorted(users):
        u = users[uid]
        out.append({"user_id": uid, "event_count": u["count"],
                    "total_amount": round(u["sum"], 2),
                    "high_value_count": u["high"],
                    "duration_seconds": round(u["last"] - u["first"], 2),
                    "top_event_type": u["types"].most_common(1)[0][0],
                    "top_page": u["pages"].most_common(1)[0][0]})
    # users in order of their first kept event (dict insertion order), added
    # one by one: not sum(), which since CPython 3.12 compensates rounding
    # errors (Neumaier) and so differs from plain addition on hard inputs
    total = 0.0
    for u in users.values():
        total += u["sum"]
    total = round(total, 2)
    return {"total_users": len(out),
            "total_events": sum(u["event_count"] for u in out),
            "total_amount": total,
            "total_high_value": sum(u["high_value_count"] for u in out),
            "users": out}


def main():
    sys.set_int_max_str_digits(0)   # big ints in ignored fields are JSON too
    sys.setrecursionlimit(100000)
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    try:
        result = pipeline(data)
    except Bad as e:
        print("error:", e)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
