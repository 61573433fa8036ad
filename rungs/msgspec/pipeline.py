"""The JSON event pipeline with msgspec: typed decoding into Structs.

msgspec's idiomatic fast path: declare the schema as Structs and let
msgspec.json.decode validate and convert while it parses. No dicts are built
for the events, timestamps arrive as aware datetimes (an offset is required),
and metadata keys the pipeline does not use are skipped, not materialized.
The pipeline after the parse is the same Python as the cpython rung's.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

import msgspec

KEEP_TYPES = frozenset({"page_view", "purchase", "click", "search", "add_to_cart"})
WINDOW_START = datetime.fromisoformat("2025-03-01T00:00:00+00:00").timestamp()
WINDOW_END = datetime.fromisoformat("2025-09-30T23:59:59+00:00").timestamp()
HIGH_VALUE = 100.0


class Metadata(msgspec.Struct):
    page: str = ""
    amount: float = 0.0


class Event(msgspec.Struct):
    user_id: int
    event_type: str
    timestamp: Annotated[datetime, msgspec.Meta(tz=True)]
    metadata: Metadata


DECODER = msgspec.json.Decoder(list[Event])


@dataclass(slots=True)
class UserStats:
    first_seen: float
    last_seen: float
    event_count: int = 0
    amount: float = 0.0
    high_value_count: int = 0
    event_types: Counter[str] = field(default_factory=Counter)
    pages: Counter[str] = field(default_factory=Counter)


def pipeline(data: bytes) -> dict[str, Any]:
    users: dict[int, UserStats] = {}
    for event in DECODER.decode(data):
        if event.event_type not in KEEP_TYPES:
            continue
        seconds = event.timestamp.timestamp()
        if not WINDOW_START <= seconds <= WINDOW_END:
            continue
        amount = event.metadata.amount
        stats = users.get(event.user_id)
        if stats is None:
            stats = users[event.user_id] = UserStats(seconds, seconds)
        stats.event_count += 1
        stats.amount += amount
        stats.high_value_count += amount > HIGH_VALUE
        stats.first_seen = min(stats.first_seen, seconds)
        stats.last_seen = max(stats.last_seen, seconds)
        stats.event_types[event.event_type.upper()] += 1
        stats.pages[event.metadata.page] += 1

    return {
        "total_users": len(users),
        "total_events": sum(s.event_count for s in users.values()),
        "total_amount": round(sum(s.amount for s in users.values()), 2),
        "total_high_value": sum(s.high_value_count for s in users.values()),
        "users": [
            {
                "user_id": user_id,
                "event_count": s.event_count,
                "total_amount": round(s.amount, 2),
                "high_value_count": s.high_value_count,
                "duration_seconds": round(s.last_seen - s.first_seen, 2),
                "top_event_type": s.event_types.most_common(1)[0][0],
                "top_page": s.pages.most_common(1)[0][0],
            }
            for user_id, s in sorted(users.items())
        ],
    }
