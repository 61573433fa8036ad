# isotime.pxd - the pipeline's timestamps read in C, for the Cython rungs'
# pipelines (cython: from json.loads' str; cython-raw: from yyjson's bytes).
#
#     cimport isotime                    (pure-Python mode:
#     if isotime.read(text, length, &seconds): ...   from cython.cimports import isotime)
#
# read() understands exactly one shape, the one the generator writes and
# datetime.isoformat() prints: YYYY-MM-DDTHH:MM:SS+HH:MM (or -HH:MM), 25
# ASCII bytes, every field within the range datetime.fromisoformat accepts.
# It returns False for anything else, and the caller then asks
# datetime.fromisoformat, which reads the other forms it knows (they differ
# between Python versions) or raises. So the result is always
# fromisoformat's: read() only takes its common case off the interpreter.
#
# Everything here is `cdef inline`: each module that cimports it gets its
# own copy, and there is no module to import at run time.

# "2025-10-15T23:45:05+00:00": the offsets of its fields.
cdef enum:
    TIMESTAMP_LENGTH = 25
    YEAR_AT = 0
    MONTH_AT = 5
    DAY_AT = 8
    HOUR_AT = 11
    MINUTE_AT = 14
    SECOND_AT = 17
    OFFSET_SIGN_AT = 19
    OFFSET_HOUR_AT = 20
    OFFSET_MINUTE_AT = 23

cdef enum:
    SECONDS_PER_MINUTE = 60
    SECONDS_PER_HOUR = 3600
    SECONDS_PER_DAY = 86400
    # The proleptic Gregorian calendar repeats every 400 years, of 146097 days.
    DAYS_PER_ERA = 146097
    # Days from 0000-03-01 (the era's start, counting years from March) to 1970-01-01.
    EPOCH_DAY_FROM_ERA_START = 719468


cdef inline int digits(const char *text, int count) noexcept nogil:
    """The decimal number in text[0:count], or -1 if a byte is not a digit."""
    cdef int value = 0
    cdef int i, digit
    for i in range(count):
        digit = text[i] - ord('0')
        if not 0 <= digit <= 9:
            return -1
        value = value * 10 + digit
    return value


cdef inline int days_in_month(int year, int month) noexcept nogil:
    if month == 2:
        return 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28
    if month == 4 or month == 6 or month == 9 or month == 11:
        return 30
    return 31


cdef inline long long days_since_epoch(int year, int month, int day) noexcept nogil:
    """Days from 1970-01-01 to the date (year >= 1): years counted from
    March, so that the leap day ends the year."""
    cdef int y = year - 1 if month <= 2 else year
    cdef int era = y // 400
    cdef int year_of_era = y - era * 400
    cdef int march_month = month - 3 if month > 2 else month + 9
    cdef int day_of_year = (153 * march_month + 2) // 5 + day - 1
    cdef int day_of_era = (year_of_era * 365 + year_of_era // 4 - year_of_era // 100
                           + day_of_year)
    return <long long>era * DAYS_PER_ERA + day_of_era - EPOCH_DAY_FROM_ERA_START


cdef inline bint read(const char *text, Py_ssize_t length, double *seconds) noexcept nogil:
    """True with *seconds = the epoch seconds of `text` (its UTC offset
    applied) if it has the generator's shape; False if fromisoformat must
    decide."""
    cdef int year, month, day, hour, minute, second, offset_hour, offset_minute
    cdef long long offset
    if (length != TIMESTAMP_LENGTH or text[YEAR_AT + 4] != b'-' or text[MONTH_AT + 2] != b'-'
            or text[HOUR_AT - 1] != b'T' or text[MINUTE_AT - 1] != b':'
            or text[SECOND_AT - 1] != b':' or text[OFFSET_MINUTE_AT - 1] != b':'
            or (text[OFFSET_SIGN_AT] != b'+' and text[OFFSET_SIGN_AT] != b'-')):
        return False
    year = digits(text + YEAR_AT, 4)
    month = digits(text + MONTH_AT, 2)
    day = digits(text + DAY_AT, 2)
    hour = digits(text + HOUR_AT, 2)
    minute = digits(text + MINUTE_AT, 2)
    second = digits(text + SECOND_AT, 2)
    offset_hour = digits(text + OFFSET_HOUR_AT, 2)
    offset_minute = digits(text + OFFSET_MINUTE_AT, 2)
    # A failed digits() is -1, out of every range below.
    if (year < 1 or not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month)
            or not 0 <= hour <= 23 or not 0 <= minute <= 59 or not 0 <= second <= 59
            or not 0 <= offset_hour <= 23 or not 0 <= offset_minute <= 59):
        return False
    offset = offset_hour * SECONDS_PER_HOUR + offset_minute * SECONDS_PER_MINUTE
    if text[OFFSET_SIGN_AT] == b'-':
        offset = -offset
    seconds[0] = <double>(days_since_epoch(year, month, day) * SECONDS_PER_DAY
                          + hour * SECONDS_PER_HOUR + minute * SECONDS_PER_MINUTE + second
                          - offset)
    return True
