"""The JSON event pipeline for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/pipeline.py), json.loads then a typed loop, as
the study compiled it: a declared type on every local, UserStats a class
mypyc compiles to a native C struct of unboxed fields, and its counters
plain dict[str, int] rather than Counters (Counter's missing-key path and
most_common are Python code, which mypyc does not compile; a dict's get
and set are C calls). The top key is the first one counted among the
highest counts, as Counter.most_common(1) picks it. json.loads, the dicts
it builds and datetime.fromisoformat stay CPython's: this is where mypyc
meets its floor. Compiled by mypyc's mypycify (rungs/mypyc/build.py); it
still runs as plain Python. Bad input raises ValueError with the
baseline's messages.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, NoReturn, Tuple

KEEP_TYPES = frozenset({"page_view", "purchase", "click", "search", "add_to_cart"})
WINDOW_START = datetime(2025, 3, 1, tzinfo=timezone.utc).timestamp()
WINDOW_END = datetime(2025, 9, 30, 23, 59, 59, tzinfo=timezone.utc).timestamp()
HIGH_VALUE = 100.0
INT64_RANGE = range(-(2**63), 2**63)

# user_id, event_type, epoch seconds, page, amount
Event = Tuple[int, str, float, str, float]


@dataclass
class UserStats:
    first_seen: float
    last_seen: float
    event_count: int = 0
    amount: float = 0.0
    high_value_count: int = 0
    event_types: dict[str, int] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)


def _top(counts: dict[str, int]) -> str:
    """The key with the highest count; on a tie, the first one counted."""
    best: str = ""
    best_count: int = 0
    key: str
    count: int
    for key, count in counts.items():
        if count > best_count:
            best, best_count = key, count
    return best


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def _load_events(data: bytes) -> list[Any]:
    # Decoded here rather than by json.loads, which would also take UTF-16
    # and encoded surrogates: the input must be UTF-8.
    try:
        events = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(events, list):
        raise ValueError("expected a JSON array of events")
    return events


def _epoch_seconds(timestamp: object) -> float:
    if not isinstance(timestamp, str):
        raise ValueError("timestamp is not a string")
    moment: datetime = datetime.fromisoformat(timestamp)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {timestamp!r} has no UTC offset")
    return moment.timestamp()


def _read_event(event: object) -> Event:
    if not isinstance(event, dict):
        raise ValueError("event is not an object")
    user_id: object
    event_type: object
    timestamp: object
    metadata: object
    page: object
    amount: object
    seconds: float
    try:
        user_id = event["user_id"]
        event_type = event["event_type"]
        timestamp = event["timestamp"]
        metadata = event["metadata"]
    except KeyError as missing:
        raise ValueError(f"event has no {missing}") from None

    if type(user_id) is not int or user_id not in INT64_RANGE:
        raise ValueError("user_id is not a 64-bit integer")
    if not isinstance(event_type, str):
        raise ValueError("event_type is not a string")
    seconds = _epoch_seconds(timestamp)
    if not isinstance(metadata, dict):
        raise ValueError("metadata is not an object")

    page = metadata.get("page", "")
    if not isinstance(page, str):
        raise ValueError("page is not a string")
    amount = metadata.get("amount", 0.0)
    if not isinstance(amount, (int, float)) or isinstance(amount, bool):
        raise ValueError("amount is not a number")
    value: float
    try:
        value = float(amount)
    except OverflowError:
        raise ValueError("amount is out of range") from None
    if not math.isfinite(value):
        raise ValueError("amount is out of range")
    return user_id, event_type, seconds, page, value


def pipeline(data: bytes) -> dict[str, Any]:
    return aggregate(_load_events(data))


def aggregate(events: list[Any]) -> dict[str, Any]:
    """Filters, transforms and aggregates parsed events (what follows json.loads)."""
    users: dict[int, UserStats] = {}
    index: int
    raw_event: object
    user_id: int
    event_type: str
    seconds: float
    page: str
    amount: float
    kind: str
    stats: UserStats | None
    for index, raw_event in enumerate(events):
        try:
            user_id, event_type, seconds, page, amount = _read_event(raw_event)
        except ValueError as error:
            raise ValueError(f"{error} (event {index})") from None

        if event_type not in KEEP_TYPES or not WINDOW_START <= seconds <= WINDOW_END:
            continue

        stats = users.get(user_id)
        if stats is None:
            stats = users[user_id] = UserStats(first_seen=seconds, last_seen=seconds)
        stats.event_count += 1
        stats.amount += amount
        if amount > HIGH_VALUE:
            stats.high_value_count += 1
        stats.first_seen = min(stats.first_seen, seconds)
        stats.last_seen = max(stats.last_seen, seconds)
        kind = event_type.upper()
        stats.event_types[kind] = stats.event_types.get(kind, 0) + 1
        stats.pages[page] = stats.pages.get(page, 0) + 1

    # Users' sums added one after the other in first-seen order, as the spec
    # says: sum() compensates rounding errors from Python 3.12 on.
    total_amount: float = 0.0
    for stats in users.values():
        total_amount += stats.amount

    return {
        "total_users": len(users),
        "total_events": sum(stats.event_count for stats in users.values()),
        "total_amount": round(total_amount, 2),
        "total_high_value": sum(stats.high_value_count for stats in users.values()),
        "users": [
            {
                "user_id": user_id,
                "event_count": stats.event_count,
                "total_amount": round(stats.amount, 2),
                "high_value_count": stats.high_value_count,
                "duration_seconds": round(stats.last_seen - stats.first_seen, 2),
                "top_event_type": _top(stats.event_types),
                "top_page": _top(stats.pages),
            }
            for user_id, stats in sorted(users.items())
        ],
    }
