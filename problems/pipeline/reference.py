#!/usr/bin/env python3
"""The JSON event pipeline, written for clarity: the reference every rung's
result is checked against (shared/spec/pipeline.md).

    reference.py EVENTS.json    prints the result as one line of JSON, exit 0;
                                on bad input prints "error: ..." on stderr
                                and exits 1

Nothing here is fast, and nothing is shared with the rungs: it is CPython's
json.loads, datetime.fromisoformat, Counter.most_common and round, used as
the spec words them.

Input that is not as expected is refused, the same way the C engine refuses
it (engine/pipeline.h):

- the bytes must be strict UTF-8 and RFC 8259 JSON (NaN and Infinity, which
  json.loads alone accepts, are refused); the top level must be an array;
- every event is checked, also the ones the filter drops: an object with
  user_id (an int, not a bool, within int64), event_type (a string),
  timestamp (a string that datetime.fromisoformat reads, with a UTC offset)
  and metadata (an object); metadata's page, when present, must be a string
  and its amount, when present, a finite int or float (not a bool).

Timestamps are read by the running interpreter's fromisoformat, which
accepts more forms from Python 3.11 on ("Z", for one); the generator's data
reads the same on every version.
"""
from __future__ import annotations

import json
import math
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NoReturn

KEPT_TYPES = frozenset({"page_view", "purchase", "click", "search", "add_to_cart"})
WINDOW_START = datetime(2025, 3, 1, 0, 0, 0, tzinfo=timezone.utc).timestamp()
WINDOW_END = datetime(2025, 9, 30, 23, 59, 59, tzinfo=timezone.utc).timestamp()
HIGH_VALUE = 100.0
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# json.loads recurses once per nesting level. The engine accepts 1024 levels;
# this limit lets CPython go well past that and refuse deeper input with a
# RecursionError rather than overflow the C stack.
RECURSION_LIMIT = 10_000
# Deeper nesting is refused, as the C engine refuses it (PIPELINE_MAX_DEPTH).
MAX_DEPTH = 1024


class InputError(Exception):
    """The input is not as the spec requires; the message says why."""


@dataclass
class Event:
    """One event, checked and transformed (spec section 2, phase 2)."""

    user_id: int
    event_type: str
    epoch_seconds: float
    page: str
    amount: float


@dataclass
class UserTotals:
    """One user's aggregate (spec section 2, phase 3)."""

    first_seen: float
    last_seen: float
    event_count: int = 0
    amount: float = 0.0
    high_value_count: int = 0
    event_types: Counter[str] = field(default_factory=Counter)
    pages: Counter[str] = field(default_factory=Counter)


def refuse_constant(name: str) -> NoReturn:
    raise InputError(f"invalid JSON: {name} is not JSON")


def parse_json(data: bytes) -> object:
    """Decodes strict UTF-8 and parses RFC 8259 JSON."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"invalid UTF-8 at byte {e.start}") from None
    try:
        return json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as e:
        offset = len(text[: e.pos].encode("utf-8"))
        raise InputError(f"invalid JSON: {e.msg} at byte {offset}") from None
    except RecursionError:
        raise InputError("invalid JSON: nesting too deep") from None


def nesting_depth(value: object) -> int:
    """Levels of arrays and objects, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


def is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_event(raw: object) -> Event:
    """Checks one event and transforms it. Raises InputError."""
    if not isinstance(raw, dict):
        raise InputError("event is not an object")
    for key in ("user_id", "event_type", "timestamp", "metadata"):
        if key not in raw:
            raise InputError(f"missing '{key}'")

    user_id = raw["user_id"]
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise InputError("'user_id' is not an integer")
    if not INT64_MIN <= user_id <= INT64_MAX:
        raise InputError("'user_id' does not fit in 64 bits")

    event_type = raw["event_type"]
    if not isinstance(event_type, str):
        raise InputError("'event_type' is not a string")

    timestamp = raw["timestamp"]
    if not isinstance(timestamp, str):
        raise InputError("'timestamp' is not a string")
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        raise InputError(f"'timestamp' is not ISO 8601: {timestamp!r}") from None
    if moment.tzinfo is None:
        raise InputError(f"'timestamp' has no UTC offset: {timestamp!r}")

    metadata = raw["metadata"]
    if not isinstance(metadata, dict):
        raise InputError("'metadata' is not an object")

    page = metadata.get("page", "")
    if not isinstance(page, str):
        raise InputError("'metadata.page' is not a string")

    amount = metadata.get("amount", 0.0)
    if not is_number(amount):
        raise InputError("'metadata.amount' is not a number")
    try:
        amount = float(amount)
    except OverflowError:
        raise InputError("'metadata.amount' is out of range") from None
    if not math.isfinite(amount):
        raise InputError("'metadata.amount' is out of range")

    return Event(user_id, event_type, moment.timestamp(), page, amount)


def is_kept(event: Event) -> bool:
    """Spec section 2, phase 1: the filter."""
    return (
        event.event_type in KEPT_TYPES
        and WINDOW_START <= event.epoch_seconds <= WINDOW_END
    )


def aggregate(events: list[object]) -> dict[int, UserTotals]:
    """Phases 1 to 3. The dict keeps users in order of first kept event."""
    users: dict[int, UserTotals] = {}
    for index, raw in enumerate(events):
        try:
            event = read_event(raw)
        except InputError as e:
            raise InputError(f"{e} (event {index})") from None
        if not is_kept(event):
            continue
        user = users.get(event.user_id)
        if user is None:
            user = UserTotals(event.epoch_seconds, event.epoch_seconds)
            users[event.user_id] = user
        user.event_count += 1
        user.amount += event.amount
        if event.amount > HIGH_VALUE:
            user.high_value_count += 1
        user.first_seen = min(user.first_seen, event.epoch_seconds)
        user.last_seen = max(user.last_seen, event.epoch_seconds)
        user.event_types[event.event_type.upper()] += 1
        user.pages[event.page] += 1
    return users


def finalize(users: dict[int, UserTotals]) -> dict[str, object]:
    """Phase 4: the result, in the shape and key order of spec section 3."""
    # Added one by one, in the order of each user's first kept event, as the
    # spec says (sum() would compensate rounding errors on Python 3.12+).
    total_amount = 0.0
    for user in users.values():
        total_amount += user.amount

    rows: list[dict[str, object]] = []
    for user_id in sorted(users):
        user = users[user_id]
        rows.append(
            {
                "user_id": user_id,
                "event_count": user.event_count,
                "total_amount": round(user.amount, 2),
                "high_value_count": user.high_value_count,
                "duration_seconds": round(user.last_seen - user.first_seen, 2),
                "top_event_type": user.event_types.most_common(1)[0][0],
                "top_page": user.pages.most_common(1)[0][0],
            }
        )
    return {
        "total_users": len(users),
        "total_events": sum(user.event_count for user in users.values()),
        "total_amount": round(total_amount, 2),
        "total_high_value": sum(user.high_value_count for user in users.values()),
        "users": rows,
    }


def run(data: bytes) -> dict[str, object]:
    events = parse_json(data)
    if nesting_depth(events) > MAX_DEPTH:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels")
    if not isinstance(events, list):
        raise InputError("the top level is not an array")
    return finalize(aggregate(events))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} EVENTS.json", file=sys.stderr)
        return 2
    # Deeply nested and very long numbers in ignored fields are still JSON.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)

    path = argv[1]
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        print(f"error: cannot open '{path}': {e.strerror}", file=sys.stderr)
        return 1
    try:
        result = run(data)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
