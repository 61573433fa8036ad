"""The JSON event pipeline with NumPy: the events as columns, then array group-bys.

NumPy reads no JSON and has no string operations worth the name, so the
Python part is json.loads and the cpython rung's own event checks
(imported from rungs/cpython/pipeline.py: the same checks and error
messages as the baseline), which turn each event into a row; the rows
become five columns. From there it is whole-array operations:

- the filter is a mask (np.isin for the types, comparisons for the window);
- users, event types and pages become codes with np.unique, which sorts
  the user ids as the result wants them;
- per user, np.bincount counts, and sums the amounts in input order as the
  baseline adds them; np.minimum.at / np.maximum.at give first and last seen;
- the top event type and page: np.unique over the (user, key) pairs counts
  each pair and gives its first event, and np.lexsort orders the pairs by
  user, count (highest first) and first event, so a user's first pair is
  its top key, a tie going to the key counted first for the user, as
  Counter.most_common(1) does;
- the total amount adds the users' sums in the order of their first kept
  event, one after the other (np.cumsum: np.sum would add pairwise).

Rounding is Python's round(x, 2), on the Python numbers of the result.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

Codes: TypeAlias = npt.NDArray[np.int64]


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

KEEP_TYPES = sorted(_cpython.KEEP_TYPES)
WINDOW_START: float = _cpython.WINDOW_START
WINDOW_END: float = _cpython.WINDOW_END
HIGH_VALUE = 100.0
# The columns of an event's row, as the cpython rung reads it.
N_COLUMNS = 5


def read_rows(events: list[Any]) -> list[tuple[int, str, float, str, float]]:
    """Every event as (user_id, event_type, epoch seconds, page, amount);
    ValueError naming the event if one is bad."""
    rows = []
    for index, raw_event in enumerate(events):
        try:
            rows.append(_cpython._read_event(raw_event))
        except ValueError as error:
            raise ValueError(f"{error} (event {index})") from None
    return rows


def top_keys(users: Codes, keys: Codes, n_users: int, n_keys: int) -> Codes:
    """For each user code, the key code counted most often with it; on a
    tie, the one counted first. users[i] and keys[i] are event i's."""
    pairs, first_event, counts = np.unique(
        users * n_keys + keys, return_index=True, return_counts=True)
    pair_users = pairs // n_keys
    # np.lexsort sorts by its last key first: user, then -count, then first event.
    order = np.lexsort((first_event, -counts, pair_users))
    _, user_starts = np.unique(pair_users[order], return_index=True)
    top: Codes = pairs[order[user_starts]] % n_keys
    return top


def pipeline(data: bytes) -> dict[str, Any]:
    rows = read_rows(_cpython._load_events(data))
    columns = list(zip(*rows)) if rows else [()] * N_COLUMNS
    all_user_ids = np.array(columns[0], dtype=np.int64)
    all_types = np.array(columns[1], dtype=object)
    all_seconds = np.array(columns[2], dtype=np.float64)
    all_pages = np.array(columns[3], dtype=object)
    all_amounts = np.array(columns[4], dtype=np.float64)

    kept = (np.isin(all_types, KEEP_TYPES)
            & (all_seconds >= WINDOW_START) & (all_seconds <= WINDOW_END))
    user_ids, users = np.unique(all_user_ids[kept], return_inverse=True)
    type_names, types = np.unique(all_types[kept], return_inverse=True)
    page_names, pages = np.unique(all_pages[kept], return_inverse=True)
    seconds = all_seconds[kept]
    amounts = all_amounts[kept]
    n_users = len(user_ids)

    event_count = np.bincount(users, minlength=n_users)
    amount = np.bincount(users, weights=amounts, minlength=n_users)
    high_value_count = np.bincount(users[amounts > HIGH_VALUE], minlength=n_users)
    first_seen = np.full(n_users, np.inf)
    np.minimum.at(first_seen, users, seconds)
    last_seen = np.full(n_users, -np.inf)
    np.maximum.at(last_seen, users, seconds)
    top_type = top_keys(users, types, n_users, len(type_names))
    top_page = top_keys(users, pages, n_users, len(page_names))
    _, first_kept = np.unique(users, return_index=True)
    in_first_kept_order = amount[np.argsort(first_kept)]
    total_amount = float(np.cumsum(in_first_kept_order)[-1]) if n_users else 0.0

    # Python numbers from here on, for round() and json.dumps.
    ids = user_ids.tolist()
    counts = event_count.tolist()
    sums = amount.tolist()
    highs = high_value_count.tolist()
    durations = (last_seen - first_seen).tolist()
    top_types = [type_names[code].upper() for code in top_type.tolist()]
    top_pages = [page_names[code] for code in top_page.tolist()]
    return {
        "total_users": n_users,
        "total_events": int(kept.sum()),
        "total_amount": round(total_amount, 2),
        "total_high_value": sum(highs),
        "users": [
            {
                "user_id": ids[code],
                "event_count": counts[code],
                "total_amount": round(sums[code], 2),
                "high_value_count": highs[code],
                "duration_seconds": round(durations[code], 2),
                "top_event_type": top_types[code],
                "top_page": top_pages[code],
            }
            for code in range(n_users)
        ],
    }
