# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The JSON event pipeline in Cython from the raw bytes, through yyjson.

The study's "Cython (yyjson, from bytes)" row. yyjson (a general-purpose C
parser: RFC 8259, UTF-8 checked) parses the whole input into its own tree;
Cython walks that tree with C pointers, filters and aggregates into C
structs (a hash table of users, pages interned by their bytes, counters in
C arrays), and builds Python objects only for the result. No dict is made
per event, and json.loads never runs.

What the result follows exactly: ties for the top event type and page go to
the one counted first for the user (Counter.most_common(1)); amounts are
summed in input order and the total over users in first-seen order;
rounding is Python's round(x, 2); a timestamp is read as
datetime.fromisoformat reads it (the generator's shape in C, isotime.pxd,
any other by fromisoformat itself), its offset applied, and one without an
offset is an error. Duplicate keys: the last one wins, as in json.loads.

Bad input raises ValueError: yyjson's message and byte offset for input
that is not JSON, the baseline's messages (with the event's index) for
events that are not as expected. Unlike json.loads, yyjson refuses an
escaped lone surrogate ("\\ud800" without its pair) as invalid Unicode.
"""
from libc.stdint cimport INT64_MAX, int64_t, uint64_t
from libc.math cimport isfinite
from libc.stdlib cimport calloc, free, malloc, qsort, realloc
from libc.string cimport memcmp, memset, strlen
from cpython.unicode cimport PyUnicode_DecodeUTF8

cimport isotime
from yyjson cimport (YYJSON_READ_BIGNUM_AS_RAW, yyjson_arr_iter, yyjson_arr_iter_init,
                     yyjson_arr_iter_next, yyjson_doc, yyjson_doc_free, yyjson_doc_get_root,
                     yyjson_get_len, yyjson_get_raw, yyjson_get_real, yyjson_get_sint,
                     yyjson_get_str, yyjson_get_uint, yyjson_is_arr, yyjson_is_obj,
                     yyjson_is_raw, yyjson_is_real, yyjson_is_sint, yyjson_is_str,
                     yyjson_is_uint, yyjson_obj_iter, yyjson_obj_iter_get_val,
                     yyjson_obj_iter_init, yyjson_obj_iter_next, yyjson_read_err,
                     yyjson_read_opts, yyjson_val)

from datetime import datetime, timezone

cdef double WINDOW_START = datetime(2025, 3, 1, tzinfo=timezone.utc).timestamp()
cdef double WINDOW_END = datetime(2025, 9, 30, 23, 59, 59, tzinfo=timezone.utc).timestamp()
cdef const double HIGH_VALUE = 100.0

# The kept event types, by index: their bytes, and how they are counted.
cdef enum:
    N_KEPT = 5
cdef const char *KEPT_TYPES[N_KEPT]
KEPT_TYPES[:] = [b"page_view", b"purchase", b"click", b"search", b"add_to_cart"]
cdef size_t KEPT_LENGTHS[N_KEPT]
for _kind in range(N_KEPT):
    KEPT_LENGTHS[_kind] = strlen(KEPT_TYPES[_kind])
KEPT_UPPER = ("PAGE_VIEW", "PURCHASE", "CLICK", "SEARCH", "ADD_TO_CART")

cdef enum:
    # Hash indexes start with this many slots (a power of two) and double
    # whenever they become half full; the users' and pages' arrays start
    # with room for as many items.
    FIRST_SLOTS = 1024
    # A user's page counters start with room for this many pages, then double.
    FIRST_USER_PAGES = 8

# splitmix64's finalizer, which spreads user ids over the table's slots.
cdef uint64_t MIX_1 = 0xbf58476d1ce4e5b9ULL
cdef uint64_t MIX_2 = 0x94d049bb133111ebULL
# 64-bit FNV-1a, for pages' bytes.
cdef uint64_t FNV_OFFSET = 0xcbf29ce484222325ULL
cdef uint64_t FNV_PRIME = 0x100000001b3ULL


cdef struct PageCount:
    Py_ssize_t page         # the page's id in Tables.pages
    Py_ssize_t count

cdef struct User:
    int64_t user_id
    double first_seen
    double last_seen
    double amount           # summed in input order
    Py_ssize_t event_count
    Py_ssize_t high_value_count
    Py_ssize_t type_counts[N_KEPT]   # by kept-type index
    int type_order[N_KEPT]           # kept-type indices, in the order first counted
    int n_types
    PageCount *pages                 # in the order first counted
    Py_ssize_t n_pages
    Py_ssize_t page_capacity

cdef struct Page:
    const char *text        # into the yyjson document (or a constant for "")
    size_t length

cdef struct Event:
    int64_t user_id
    int kind                # kept-type index, or -1: not kept
    double seconds
    const char *page
    size_t page_length
    double amount

cdef struct SortKey:
    int64_t user_id
    Py_ssize_t user         # index in Tables.users


cdef inline uint64_t mix(uint64_t x) noexcept nogil:
    x = (x ^ (x >> 30)) * MIX_1
    x = (x ^ (x >> 27)) * MIX_2
    return x ^ (x >> 31)


cdef inline uint64_t hash_bytes(const char *text, size_t length) noexcept nogil:
    cdef uint64_t h = FNV_OFFSET
    cdef size_t i
    for i in range(length):
        h = (h ^ <unsigned char>text[i]) * FNV_PRIME
    return h


cdef inline bint equals(const char *text, size_t length, const char *name) noexcept nogil:
    """Whether text[0:length] is the C string name (the compiler folds
    strlen of a literal once this is inlined)."""
    return length == strlen(name) and memcmp(text, name, length) == 0


cdef inline bint is_key(yyjson_val *key, const char *name) noexcept nogil:
    return equals(yyjson_get_str(key), yyjson_get_len(key), name)


cdef int kept_index(const char *text, size_t length) noexcept nogil:
    cdef int i
    for i in range(N_KEPT):
        if length == KEPT_LENGTHS[i] and memcmp(text, KEPT_TYPES[i], length) == 0:
            return i
    return -1


cdef void *grow(void *array, Py_ssize_t *capacity, Py_ssize_t first, size_t size) except NULL:
    """realloc to twice *capacity items of size bytes (first, to begin with),
    updating *capacity; MemoryError if it fails (array is then unchanged)."""
    cdef Py_ssize_t count = max(first, 2 * capacity[0])
    cdef void *grown = realloc(array, count * size)
    if grown == NULL:
        raise MemoryError()
    capacity[0] = count
    return grown


cdef struct Slot:
    uint64_t hash
    Py_ssize_t item         # the item's index + 1; 0: the slot is empty

cdef struct Index:
    # An open-addressing hash index over an array of items, probed
    # linearly from hash & (count - 1); at most half full. The caller probes
    # and compares items itself: the index knows only their hashes.
    Slot *slots
    Py_ssize_t count        # a power of two, or 0 before the first item


cdef int index_make_room(Index *index, Py_ssize_t items) except -1:
    """Makes sure the index has room for one more than `items` items."""
    cdef Py_ssize_t count, i, at
    cdef Slot *slots
    if 2 * (items + 1) <= index.count:
        return 0
    count = max(<Py_ssize_t>FIRST_SLOTS, 2 * index.count)
    slots = <Slot *>calloc(count, sizeof(Slot))
    if slots == NULL:
        raise MemoryError()
    for i in range(index.count):
        if index.slots[i].item:
            at = index.slots[i].hash & (count - 1)
            while slots[at].item:
                at = (at + 1) & (count - 1)
            slots[at] = index.slots[i]
    free(index.slots)
    index.slots, index.count = slots, count
    return 0


cdef class Tables:
    """The aggregation's C state: the users in first-seen order with an
    index by user_id, the pages in first-seen order with an index by their
    bytes. Freed with the object."""
    cdef User *users
    cdef Py_ssize_t n_users, user_capacity
    cdef Index user_index
    cdef Page *pages
    cdef Py_ssize_t n_pages, page_capacity
    cdef Index page_index

    def __dealloc__(self):
        cdef Py_ssize_t i
        for i in range(self.n_users):
            free(self.users[i].pages)
        free(self.users)
        free(self.user_index.slots)
        free(self.pages)
        free(self.page_index.slots)

    cdef User *user(self, int64_t user_id, double seconds) except NULL:
        """The user's counters, new (first seen at `seconds`) if needed.
        The pointer is valid until the next call."""
        cdef uint64_t h = mix(<uint64_t>user_id)
        cdef Py_ssize_t at
        cdef Slot *slot
        cdef User *new
        index_make_room(&self.user_index, self.n_users)
        at = h & (self.user_index.count - 1)
        slot = &self.user_index.slots[at]
        while slot.item:
            if slot.hash == h and self.users[slot.item - 1].user_id == user_id:
                return &self.users[slot.item - 1]
            at = (at + 1) & (self.user_index.count - 1)
            slot = &self.user_index.slots[at]
        if self.n_users == self.user_capacity:
            self.users = <User *>grow(self.users, &self.user_capacity, FIRST_SLOTS, sizeof(User))
        new = &self.users[self.n_users]
        memset(new, 0, sizeof(User))
        new.user_id = user_id
        new.first_seen = new.last_seen = seconds
        self.n_users += 1
        slot[0] = Slot(h, self.n_users)
        return new

    cdef Py_ssize_t page(self, const char *text, size_t length) except -1:
        """The page's id, interned on first sight (text must outlive self)."""
        cdef uint64_t h = hash_bytes(text, length)
        cdef Py_ssize_t at
        cdef Slot *slot
        cdef const Page *page
        index_make_room(&self.page_index, self.n_pages)
        at = h & (self.page_index.count - 1)
        slot = &self.page_index.slots[at]
        while slot.item:
            page = &self.pages[slot.item - 1]
            if slot.hash == h and page.length == length and memcmp(page.text, text, length) == 0:
                return slot.item - 1
            at = (at + 1) & (self.page_index.count - 1)
            slot = &self.page_index.slots[at]
        if self.n_pages == self.page_capacity:
            self.pages = <Page *>grow(self.pages, &self.page_capacity, FIRST_SLOTS, sizeof(Page))
        self.pages[self.n_pages] = Page(text, length)
        self.n_pages += 1
        slot[0] = Slot(h, self.n_pages)
        return self.n_pages - 1


cdef int count_page(User *user, Py_ssize_t page) except -1:
    cdef Py_ssize_t i
    for i in range(user.n_pages):
        if user.pages[i].page == page:
            user.pages[i].count += 1
            return 0
    if user.n_pages == user.page_capacity:
        user.pages = <PageCount *>grow(user.pages, &user.page_capacity, FIRST_USER_PAGES,
                                       sizeof(PageCount))
    user.pages[user.n_pages] = PageCount(page, 1)
    user.n_pages += 1
    return 0


cdef inline void count_type(User *user, int kind) noexcept nogil:
    if user.type_counts[kind] == 0:
        user.type_order[user.n_types] = kind
        user.n_types += 1
    user.type_counts[kind] += 1


cdef int top_type(const User *user) noexcept nogil:
    """The most counted type; on a tie, the one counted first."""
    cdef int best = user.type_order[0]
    cdef int i
    for i in range(1, user.n_types):
        if user.type_counts[user.type_order[i]] > user.type_counts[best]:
            best = user.type_order[i]
    return best


cdef Py_ssize_t top_page(const User *user) noexcept nogil:
    """The most viewed page's id; on a tie, the one counted first."""
    cdef Py_ssize_t best = 0
    cdef Py_ssize_t i
    for i in range(1, user.n_pages):
        if user.pages[i].count > user.pages[best].count:
            best = i
    return user.pages[best].page


cdef int fail(str what, Py_ssize_t index) except -1:
    raise ValueError(f"{what} (event {index})")


cdef str decode(const char *text, size_t length):
    # yyjson has checked the UTF-8 already.
    return PyUnicode_DecodeUTF8(text, length, NULL)


cdef double epoch_seconds(yyjson_val *timestamp, Py_ssize_t index) except? -1.0:
    cdef double seconds
    if not yyjson_is_str(timestamp):
        return fail("timestamp is not a string", index)
    if isotime.read(yyjson_get_str(timestamp), yyjson_get_len(timestamp), &seconds):
        return seconds
    # Not the generator's shape: fromisoformat decides.
    text = decode(yyjson_get_str(timestamp), yyjson_get_len(timestamp))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        return fail(str(error), index)
    if moment.tzinfo is None:
        return fail(f"timestamp {text!r} has no UTC offset", index)
    return moment.timestamp()


cdef double number(yyjson_val *amount, Py_ssize_t index) except? -1.0:
    """metadata's amount as float() reads the JSON number."""
    cdef double value
    if yyjson_is_real(amount):
        return yyjson_get_real(amount)
    if yyjson_is_sint(amount):
        return <double>yyjson_get_sint(amount)
    if yyjson_is_uint(amount):
        return <double>yyjson_get_uint(amount)
    if not yyjson_is_raw(amount):
        return fail("amount is not a number", index)
    # Beyond int64/uint64 or double's range: Python's own float() and int()
    # decide, as json.loads would have read it.
    text = decode(yyjson_get_raw(amount), yyjson_get_len(amount))
    is_integer = "." not in text and "e" not in text and "E" not in text
    try:
        value = float(int(text)) if is_integer else float(text)
    except OverflowError:
        return fail("amount is out of range", index)
    if not isfinite(value):
        return fail("amount is out of range", index)
    return value


cdef int read_event(yyjson_val *raw, Py_ssize_t index, Event *event) except -1:
    """Checks one event as the baseline does and fills `event`."""
    cdef yyjson_val *user_id = NULL
    cdef yyjson_val *event_type = NULL
    cdef yyjson_val *timestamp = NULL
    cdef yyjson_val *metadata = NULL
    cdef yyjson_val *page = NULL
    cdef yyjson_val *amount = NULL
    cdef yyjson_val *key
    cdef yyjson_obj_iter members
    cdef uint64_t unsigned_id
    if not yyjson_is_obj(raw):
        return fail("event is not an object", index)
    # Every member is looked at, so that the last of duplicate keys wins.
    yyjson_obj_iter_init(raw, &members)
    key = yyjson_obj_iter_next(&members)
    while key != NULL:
        if is_key(key, "user_id"):
            user_id = yyjson_obj_iter_get_val(key)
        elif is_key(key, "event_type"):
            event_type = yyjson_obj_iter_get_val(key)
        elif is_key(key, "timestamp"):
            timestamp = yyjson_obj_iter_get_val(key)
        elif is_key(key, "metadata"):
            metadata = yyjson_obj_iter_get_val(key)
        key = yyjson_obj_iter_next(&members)
    if user_id == NULL:
        return fail("event has no 'user_id'", index)
    if event_type == NULL:
        return fail("event has no 'event_type'", index)
    if timestamp == NULL:
        return fail("event has no 'timestamp'", index)
    if metadata == NULL:
        return fail("event has no 'metadata'", index)

    if yyjson_is_sint(user_id):
        event.user_id = yyjson_get_sint(user_id)
    elif yyjson_is_uint(user_id) and yyjson_get_uint(user_id) <= <uint64_t>INT64_MAX:
        event.user_id = <int64_t>yyjson_get_uint(user_id)
    else:
        return fail("user_id is not a 64-bit integer", index)
    if not yyjson_is_str(event_type):
        return fail("event_type is not a string", index)
    event.seconds = epoch_seconds(timestamp, index)
    if not yyjson_is_obj(metadata):
        return fail("metadata is not an object", index)

    yyjson_obj_iter_init(metadata, &members)
    key = yyjson_obj_iter_next(&members)
    while key != NULL:
        if is_key(key, "page"):
            page = yyjson_obj_iter_get_val(key)
        elif is_key(key, "amount"):
            amount = yyjson_obj_iter_get_val(key)
        key = yyjson_obj_iter_next(&members)
    if page == NULL:
        event.page, event.page_length = b"", 0
    elif yyjson_is_str(page):
        event.page, event.page_length = yyjson_get_str(page), yyjson_get_len(page)
    else:
        return fail("page is not a string", index)
    event.amount = 0.0 if amount == NULL else number(amount, index)
    event.kind = kept_index(yyjson_get_str(event_type), yyjson_get_len(event_type))
    return 0


cdef int aggregate(yyjson_val *events, Tables tables) except -1:
    cdef yyjson_arr_iter items
    cdef yyjson_val *raw
    cdef Event event
    cdef User *user
    cdef Py_ssize_t index = 0
    memset(&event, 0, sizeof(Event))   # read_event fills it; the compiler cannot tell
    yyjson_arr_iter_init(events, &items)
    raw = yyjson_arr_iter_next(&items)
    while raw != NULL:
        read_event(raw, index, &event)
        if event.kind >= 0 and WINDOW_START <= event.seconds <= WINDOW_END:
            user = tables.user(event.user_id, event.seconds)
            user.event_count += 1
            user.amount += event.amount
            if event.amount > HIGH_VALUE:
                user.high_value_count += 1
            user.first_seen = min(user.first_seen, event.seconds)
            user.last_seen = max(user.last_seen, event.seconds)
            count_type(user, event.kind)
            count_page(user, tables.page(event.page, event.page_length))
        index += 1
        raw = yyjson_arr_iter_next(&items)
    return 0


cdef int by_user_id(const void *a, const void *b) noexcept nogil:
    cdef int64_t x = (<const SortKey *>a).user_id
    cdef int64_t y = (<const SortKey *>b).user_id
    return (x > y) - (x < y)


cdef dict finish(Tables tables):
    """The result, users sorted by user_id (page texts must still be valid)."""
    cdef double total_amount = 0.0
    cdef Py_ssize_t total_events = 0
    cdef Py_ssize_t total_high_value = 0
    cdef Py_ssize_t i, page
    cdef const User *user
    cdef SortKey *order = <SortKey *>malloc(max(tables.n_users, 1) * sizeof(SortKey))
    cdef list page_texts = [None] * tables.n_pages
    cdef list users = []
    if order == NULL:
        raise MemoryError()
    try:
        # Users' sums added one after the other in first-seen order, as the spec says.
        for i in range(tables.n_users):
            user = &tables.users[i]
            total_amount += user.amount
            total_events += user.event_count
            total_high_value += user.high_value_count
            order[i] = SortKey(user.user_id, i)
        qsort(order, tables.n_users, sizeof(SortKey), by_user_id)
        for i in range(tables.n_users):
            user = &tables.users[order[i].user]
            page = top_page(user)
            if page_texts[page] is None:
                page_texts[page] = decode(tables.pages[page].text, tables.pages[page].length)
            users.append({
                "user_id": user.user_id,
                "event_count": user.event_count,
                "total_amount": round(user.amount, 2),
                "high_value_count": user.high_value_count,
                "duration_seconds": round(user.last_seen - user.first_seen, 2),
                "top_event_type": KEPT_UPPER[top_type(user)],
                "top_page": page_texts[page],
            })
    finally:
        free(order)
    return {
        "total_users": tables.n_users,
        "total_events": total_events,
        "total_amount": round(total_amount, 2),
        "total_high_value": total_high_value,
        "users": users,
    }


def pipeline(const unsigned char[::1] data not None):
    """The result of shared/spec/pipeline.md for the JSON bytes (any buffer)."""
    cdef yyjson_read_err error
    cdef yyjson_doc *doc
    cdef yyjson_val *root
    if data.shape[0] == 0:
        raise ValueError("no JSON: the input is empty")
    doc = yyjson_read_opts(<char *>&data[0], data.shape[0], YYJSON_READ_BIGNUM_AS_RAW, NULL,
                           &error)
    if doc == NULL:
        raise ValueError(f"{error.msg.decode('utf-8', 'replace')} at byte {error.pos}")
    try:
        root = yyjson_doc_get_root(doc)
        if not yyjson_is_arr(root):
            raise ValueError("expected a JSON array of events")
        tables = Tables()
        aggregate(root, tables)
        return finish(tables)
    finally:
        yyjson_doc_free(doc)
