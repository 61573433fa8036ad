"""The JSON event pipeline in Cython's pure-Python mode, from json.loads' dicts.

The study's "Cython (dict optimized)" row: json.loads builds the dicts as in
the baseline (the same strict UTF-8 and NaN refusal), then one typed loop
reads each event with direct dict access (borrowed references from
PyDict_GetItemWithError, no KeyError raised and caught), reads the
timestamp in C (isotime.pxd; datetime.fromisoformat only for other forms),
and aggregates into a @cython.cclass per user whose counters are C arrays:
the five kept event types by index, the pages by an id interned once per
call. Python objects are made again only for the result.

Ties for the top event type and page go to the one counted first for the
user, as Counter.most_common(1) does; sums are added in input order, the
total over users in first-seen order; rounding is Python's round(x, 2).
Bad input raises ValueError, with the same messages as the baseline.
"""
# mypy: ignore-errors
# Cython source in Python syntax, so mypy is told to skip it: its
# annotations are C types -- C arrays, pointers, borrowed references --
# which mypy cannot read; the Cython compiler checks them when the rung is
# built.
import json
from datetime import datetime, timezone

import cython
from cython.cimports import isotime
from cython.cimports.cpython.dict import PyDict_GetItemWithError
from cython.cimports.cpython.mem import PyMem_Free, PyMem_Realloc
from cython.cimports.cpython.object import PyObject
from cython.cimports.cpython.unicode import PyUnicode_AsUTF8AndSize
from cython.cimports.libc.math import isfinite

# The kept event types, by index, and how they are counted (upper-cased).
KEPT_TYPES = cython.declare(
    dict, {"page_view": 0, "purchase": 1, "click": 2, "search": 3, "add_to_cart": 4})
KEPT_UPPER = cython.declare(list, ["PAGE_VIEW", "PURCHASE", "CLICK", "SEARCH", "ADD_TO_CART"])
WINDOW_START = cython.declare(
    cython.double, datetime(2025, 3, 1, tzinfo=timezone.utc).timestamp())
WINDOW_END = cython.declare(
    cython.double, datetime(2025, 9, 30, 23, 59, 59, tzinfo=timezone.utc).timestamp())
HIGH_VALUE = cython.declare(cython.const[cython.double], 100.0)
# A user's page counters start with room for this many pages, then double.
FIRST_PAGE_CAPACITY = cython.declare(cython.const[cython.Py_ssize_t], 8)


@cython.cclass
class UserStats:
    first_seen: cython.double
    last_seen: cython.double
    event_count: cython.Py_ssize_t
    amount: cython.double
    high_value_count: cython.Py_ssize_t
    # Counts by kept-type index, and the indices in the order first counted.
    type_counts: cython.Py_ssize_t[5]  # len(KEPT_TYPES): an array's length must be a literal here
    type_order: cython.int[5]
    n_types: cython.int
    # Page ids and their counts, in the order first counted.
    page_ids: cython.p_int
    page_counts: cython.pointer[cython.Py_ssize_t]
    n_pages: cython.Py_ssize_t
    page_capacity: cython.Py_ssize_t

    def __cinit__(self, seconds: cython.double):
        self.first_seen = seconds
        self.last_seen = seconds

    def __dealloc__(self):
        PyMem_Free(self.page_ids)
        PyMem_Free(self.page_counts)

    @cython.cfunc
    @cython.boundscheck(False)
    @cython.wraparound(False)
    def count_type(self, kind: cython.int) -> cython.void:
        if self.type_counts[kind] == 0:
            self.type_order[self.n_types] = kind
            self.n_types += 1
        self.type_counts[kind] += 1

    @cython.cfunc
    @cython.boundscheck(False)
    @cython.wraparound(False)
    def count_page(self, page_id: cython.int) -> cython.int:
        """Counts one view of the page (MemoryError if memory runs out)."""
        i: cython.Py_ssize_t
        for i in range(self.n_pages):
            if self.page_ids[i] == page_id:
                self.page_counts[i] += 1
                return 0
        if self.n_pages == self.page_capacity:
            self.grow_pages()
        self.page_ids[self.n_pages] = page_id
        self.page_counts[self.n_pages] = 1
        self.n_pages += 1
        return 0

    @cython.cfunc
    def grow_pages(self) -> cython.int:
        """Doubles the room for page counters (MemoryError if it cannot)."""
        capacity: cython.Py_ssize_t = max(FIRST_PAGE_CAPACITY, 2 * self.page_capacity)
        ids: cython.p_int = cython.cast(
            cython.p_int, PyMem_Realloc(self.page_ids, capacity * cython.sizeof(cython.int)))
        if not ids:
            raise MemoryError()
        self.page_ids = ids
        counts: cython.pointer[cython.Py_ssize_t] = cython.cast(
            cython.pointer[cython.Py_ssize_t],
            PyMem_Realloc(self.page_counts, capacity * cython.sizeof(cython.Py_ssize_t)))
        if not counts:
            raise MemoryError()
        self.page_counts = counts
        self.page_capacity = capacity
        return 0

    @cython.cfunc
    def top_type(self) -> cython.int:
        """The most counted type; on a tie, the one counted first."""
        best: cython.int = self.type_order[0]
        i: cython.int
        for i in range(1, self.n_types):
            if self.type_counts[self.type_order[i]] > self.type_counts[best]:
                best = self.type_order[i]
        return best

    @cython.cfunc
    def top_page(self) -> cython.int:
        """The most viewed page's id; on a tie, the one counted first."""
        best: cython.Py_ssize_t = 0
        i: cython.Py_ssize_t
        for i in range(1, self.n_pages):
            if self.page_counts[i] > self.page_counts[best]:
                best = i
        return self.page_ids[best]


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _load_events(data: bytes) -> list:
    # Decoded here rather than by json.loads, which would also take UTF-16
    # and encoded surrogates: the input must be UTF-8.
    try:
        events = json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(events, list):
        raise ValueError("expected a JSON array of events")
    return events


@cython.cfunc
def _field(event: dict, name: str) -> object:
    """event[name] (a new reference to a borrowed one); ValueError if missing."""
    value: cython.pointer[PyObject] = PyDict_GetItemWithError(event, name)
    if not value:
        raise ValueError(f"event has no {name!r}")
    return cython.cast(object, value)


@cython.cfunc
def _epoch_seconds(timestamp: object) -> cython.double:
    length: cython.Py_ssize_t
    seconds: cython.double
    if not isinstance(timestamp, str):
        raise ValueError("timestamp is not a string")
    text: cython.p_const_char = PyUnicode_AsUTF8AndSize(timestamp, cython.address(length))
    if isotime.read(text, length, cython.address(seconds)):
        return seconds
    moment = datetime.fromisoformat(timestamp)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {timestamp!r} has no UTC offset")
    return moment.timestamp()


@cython.cfunc
def _user_id(value: object) -> cython.longlong:
    """The user id as a C integer; ValueError if it is not an int of 64 bits."""
    if type(value) is not int:
        raise ValueError("user_id is not a 64-bit integer")
    try:
        return value
    except OverflowError:
        raise ValueError("user_id is not a 64-bit integer") from None


@cython.cfunc
def _amount(metadata: dict) -> cython.double:
    value: cython.pointer[PyObject] = PyDict_GetItemWithError(metadata, "amount")
    amount: cython.double
    if not value:
        return 0.0
    obj: object = cython.cast(object, value)
    if type(obj) is not float and type(obj) is not int:
        raise ValueError("amount is not a number")
    try:
        amount = obj
    except OverflowError:
        raise ValueError("amount is out of range") from None
    if not isfinite(amount):
        raise ValueError("amount is out of range")
    return amount


@cython.cfunc
def _page(metadata: dict) -> str:
    value: cython.pointer[PyObject] = PyDict_GetItemWithError(metadata, "page")
    if not value:
        return ""
    page: object = cython.cast(object, value)
    if not isinstance(page, str):
        raise ValueError("page is not a string")
    return page


@cython.cfunc
def _aggregate(events: list, users: dict, page_ids: dict) -> cython.void:
    index: cython.Py_ssize_t
    seconds: cython.double
    amount: cython.double
    kind: cython.int
    page_id: cython.int
    stats: UserStats
    for index in range(len(events)):
        event = events[index]
        try:
            if not isinstance(event, dict):
                raise ValueError("event is not an object")
            user_id = _field(event, "user_id")
            event_type = _field(event, "event_type")
            timestamp = _field(event, "timestamp")
            metadata = _field(event, "metadata")
            _user_id(user_id)  # checked only: the users dict is keyed by the int itself
            if not isinstance(event_type, str):
                raise ValueError("event_type is not a string")
            seconds = _epoch_seconds(timestamp)
            if not isinstance(metadata, dict):
                raise ValueError("metadata is not an object")
            page = _page(metadata)
            amount = _amount(metadata)
        except ValueError as error:
            raise ValueError(f"{error} (event {index})") from None

        kept = cython.cast(cython.pointer[PyObject],
                           PyDict_GetItemWithError(KEPT_TYPES, event_type))
        if not kept or not WINDOW_START <= seconds <= WINDOW_END:
            continue
        kind = cython.cast(object, kept)

        found = cython.cast(cython.pointer[PyObject], PyDict_GetItemWithError(users, user_id))
        if found:
            stats = cython.cast(UserStats, found)
        else:
            stats = UserStats(seconds)
            users[user_id] = stats
        stats.event_count += 1
        stats.amount += amount
        if amount > HIGH_VALUE:
            stats.high_value_count += 1
        stats.first_seen = min(stats.first_seen, seconds)
        stats.last_seen = max(stats.last_seen, seconds)
        stats.count_type(kind)

        known = cython.cast(cython.pointer[PyObject], PyDict_GetItemWithError(page_ids, page))
        if known:
            page_id = cython.cast(object, known)
        else:
            page_id = len(page_ids)
            page_ids[page] = page_id
        stats.count_page(page_id)


def pipeline(data: bytes) -> dict:
    events: list = _load_events(data)
    users: dict = {}      # user_id -> UserStats, in first-seen order
    page_ids: dict = {}   # page -> its id, in the order first seen
    _aggregate(events, users, page_ids)
    pages: list = list(page_ids)

    # Users' sums added one after the other in first-seen order, as the spec says.
    total_amount: cython.double = 0.0
    total_events: cython.Py_ssize_t = 0
    total_high_value: cython.Py_ssize_t = 0
    stats: UserStats
    for stats in users.values():
        total_amount += stats.amount
        total_events += stats.event_count
        total_high_value += stats.high_value_count

    result_users: list = []
    for user_id in sorted(users):
        stats = users[user_id]
        result_users.append({
            "user_id": user_id,
            "event_count": stats.event_count,
            "total_amount": round(stats.amount, 2),
            "high_value_count": stats.high_value_count,
            "duration_seconds": round(stats.last_seen - stats.first_seen, 2),
            "top_event_type": KEPT_UPPER[stats.top_type()],
            "top_page": pages[stats.top_page()],
        })
    return {
        "total_users": len(users),
        "total_events": total_events,
        "total_amount": round(total_amount, 2),
        "total_high_value": total_high_value,
        "users": result_users,
    }
