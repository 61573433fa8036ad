"""The JSON event pipeline with Numba: encoded in Python, aggregated by @njit.

What the study did for Numba, made exact. Numba cannot touch dicts or
strings at speed, so Python does what needs them: json.loads, reading and
checking each event (the cpython rung's own code, imported from
rungs/cpython/pipeline.py, so the checks and error messages are the
baseline's), the filter, and encoding each kept event into integers:
users and pages get codes in the order they are first kept, the five kept
event types fixed codes. Five NumPy arrays of kept events go to one jitted
call that aggregates them per user.

The jitted code groups the kept events by user with a counting sort,
which keeps each user's events in input order, then walks each user's
events: sums added in input order, as the baseline adds them, and the top
event type and page counted in a scratch array and chosen so that a tie
goes to the key counted first for the user, as Counter.most_common(1)
does. (The study's version broke ties by code order instead: a different
answer for many users.) Time and memory stay linear in the kept events
and the distinct pages. The total over users is summed in
first-kept order, the order of the codes; rounding is Python's
round(x, 2), after the jitted call.

The first call compiles the jitted functions (seconds, on a busy machine:
more than the pipeline itself at 100K events): that is the rung's cold
iteration.
"""
from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from typed_jit import njit

Codes: TypeAlias = npt.NDArray[np.int64]
Floats: TypeAlias = npt.NDArray[np.float64]
# Per user (by code): event count, sum of amounts, high-value count, first
# and last seen, top event type's code, top page's code; then the total.
Aggregates: TypeAlias = tuple[Codes, Floats, Codes, Floats, Floats, Codes, Codes, float]


def _load_cpython_rung() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "cpython" / "pipeline.py"
    spec = importlib.util.spec_from_file_location("cpython_pipeline", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the cpython rung from {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_cpython = _load_cpython_rung()

# The kept event types and their codes; counted upper-cased.
TYPE_CODES = {"page_view": 0, "purchase": 1, "click": 2, "search": 3, "add_to_cart": 4}
TYPE_NAMES = [event_type.upper() for event_type in TYPE_CODES]
N_TYPES = len(TYPE_CODES)   # a global int: a constant to Numba, as a list is not
WINDOW_START: float = _cpython.WINDOW_START
WINDOW_END: float = _cpython.WINDOW_END
HIGH_VALUE = 100.0


@njit
def group_by_user(users: Codes, n_users: int) -> tuple[Codes, Codes]:
    """The events' indices grouped by user, each group in input order (a
    counting sort), and where each user's group starts (n_users + 1
    offsets: user u's events are order[starts[u]:starts[u + 1]])."""
    starts = np.zeros(n_users + 1, dtype=np.int64)
    for user in users:
        starts[user + 1] += 1
    for user in range(n_users):
        starts[user + 1] += starts[user]
    order = np.empty(len(users), dtype=np.int64)
    filled = np.zeros(n_users, dtype=np.int64)
    for i in range(len(users)):
        user = users[i]
        order[starts[user] + filled[user]] = i
        filled[user] += 1
    return order, starts


@njit
def top_key(group: Codes, keys: Codes, counts: Codes) -> int:
    """The key counted most often over the events of `group` (in input
    order); on a tie, the one counted first. `counts` is zeroed scratch,
    one per possible key, and is left zeroed."""
    for i in group:
        counts[keys[i]] += 1
    # Walking in input order, the first event whose key has the highest
    # count is that key's first: only a strictly higher count replaces it.
    top = int(keys[group[0]])
    for i in group:
        if counts[keys[i]] > counts[top]:
            top = int(keys[i])
    for i in group:
        counts[keys[i]] = 0
    return top


@njit
def aggregate(users: Codes, types: Codes, pages: Codes, seconds: Floats, amounts: Floats,
              n_users: int, n_pages: int) -> Aggregates:
    """Aggregates the kept events (one array element each, in input order)
    per user code; every user has at least one event."""
    order, starts = group_by_user(users, n_users)
    event_count = np.empty(n_users, dtype=np.int64)
    amount = np.empty(n_users)
    high_value_count = np.empty(n_users, dtype=np.int64)
    first_seen = np.empty(n_users)
    last_seen = np.empty(n_users)
    top_type = np.empty(n_users, dtype=np.int64)
    top_page = np.empty(n_users, dtype=np.int64)
    type_counts = np.zeros(N_TYPES, dtype=np.int64)
    page_counts = np.zeros(n_pages, dtype=np.int64)
    total_amount = 0.0
    for user in range(n_users):
        group = order[starts[user]:starts[user + 1]]
        total = 0.0
        high = 0
        first = last = seconds[group[0]]
        for i in group:
            total += amounts[i]
            if amounts[i] > HIGH_VALUE:
                high += 1
            first = min(first, seconds[i])
            last = max(last, seconds[i])
        event_count[user] = len(group)
        amount[user] = total
        high_value_count[user] = high
        first_seen[user] = first
        last_seen[user] = last
        top_type[user] = top_key(group, types, type_counts)
        top_page[user] = top_key(group, pages, page_counts)
        # Codes are given in first-kept order: the order the spec sums in.
        total_amount += total
    return (event_count, amount, high_value_count, first_seen, last_seen,
            top_type, top_page, total_amount)


@dataclass
class KeptEvents:
    """The kept events as arrays of codes and values, in input order, and
    what the codes stand for."""

    users: Codes
    types: Codes
    pages: Codes
    seconds: Floats
    amounts: Floats
    user_ids: list[int]      # by user code: in the order first kept
    page_names: list[str]    # by page code


def encode(events: list[Any]) -> KeptEvents:
    """Reads and checks every event (ValueError naming the event if one is
    bad), filters, and encodes the kept ones."""
    user_codes: dict[int, int] = {}
    page_codes: dict[str, int] = {}
    users: list[int] = []
    types: list[int] = []
    pages: list[int] = []
    seconds: list[float] = []
    amounts: list[float] = []
    for index, raw_event in enumerate(events):
        try:
            user_id, event_type, moment, page, amount = _cpython._read_event(raw_event)
        except ValueError as error:
            raise ValueError(f"{error} (event {index})") from None
        type_code = TYPE_CODES.get(event_type)
        if type_code is None or not WINDOW_START <= moment <= WINDOW_END:
            continue
        users.append(user_codes.setdefault(user_id, len(user_codes)))
        types.append(type_code)
        pages.append(page_codes.setdefault(page, len(page_codes)))
        seconds.append(moment)
        amounts.append(amount)
    return KeptEvents(
        np.array(users, dtype=np.int64), np.array(types, dtype=np.int64),
        np.array(pages, dtype=np.int64), np.array(seconds, dtype=np.float64),
        np.array(amounts, dtype=np.float64), list(user_codes), list(page_codes))


def pipeline(data: bytes) -> dict[str, Any]:
    kept = encode(_cpython._load_events(data))
    (event_count, amount, high_value_count, first_seen, last_seen,
     top_type, top_page, total_amount) = aggregate(
        kept.users, kept.types, kept.pages, kept.seconds, kept.amounts,
        len(kept.user_ids), len(kept.page_names))

    # Python numbers from here on, for round() and json.dumps.
    user_ids = kept.user_ids
    counts = event_count.tolist()
    sums = amount.tolist()
    highs = high_value_count.tolist()
    durations = (last_seen - first_seen).tolist()
    top_types = top_type.tolist()
    top_pages = top_page.tolist()
    return {
        "total_users": len(user_ids),
        "total_events": len(kept.users),
        "total_amount": round(total_amount, 2),
        "total_high_value": sum(highs),
        "users": [
            {
                "user_id": user_ids[code],
                "event_count": counts[code],
                "total_amount": round(sums[code], 2),
                "high_value_count": highs[code],
                "duration_seconds": round(durations[code], 2),
                "top_event_type": TYPE_NAMES[top_types[code]],
                "top_page": kept.page_names[top_pages[code]],
            }
            for code in sorted(range(len(user_ids)), key=user_ids.__getitem__)
        ],
    }
