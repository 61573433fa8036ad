/*
 * timestamp.c - datetime.fromisoformat, ported from CPython's C code path
 * by path (Modules/_datetimemodule.c: _find_isoformat_datetime_separator,
 * parse_isoformat_date, parse_hh_mm_ss_ff, parse_isoformat_time), so that
 * the odd corners agree too. The CPython code reads a NUL-terminated UTF-8
 * buffer and relies on the NUL in places (an embedded "\u0000" ends some
 * checks early), so the slow path copies the string into one.
 */
#include "engine/timestamp.h"

#include <stdlib.h>
#include <string.h>

#define TS_MIN_YEAR 1
#define TS_MAX_YEAR 9999
#define TS_MIN_CODEPOINTS 7        /* shorter strings are never valid */
#define TS_US_PER_S TIMESTAMP_US_PER_S
#define TS_S_PER_DAY INT64_C(86400)
#define TS_FRACTION_DIGITS 6
#define TS_STACK_COPY 128
#define TS_PADDING 16               /* NULs after the copy: reads stay inside */
#define TS_FAST_LEN 25              /* YYYY-MM-DDTHH:MM:SS+HH:MM */

static int ts_is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in each month of a common year. */
static const int ts_month_days[12] = {31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};

static int ts_days_in_month(int y, int m)
{
    return m == 2 && ts_is_leap(y) ? 29 : ts_month_days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static int64_t ts_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void ts_civil_from_days(int64_t z, int *year, int *month, int *day)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *day = d;
}

/* 0 = Monday, as CPython's weekday(); 1970-01-01 was a Thursday. */
static int ts_weekday(int64_t days)
{
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int ts_is_digit(char c)
{
    return (unsigned)(c - '0') < 10;
}

/* CPython parse_digits: exactly n digits or NULL. */
static const char *ts_digits(const char *p, int *var, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(*p++ - '0');
        if (d > 9)
            return NULL;
        *var = *var * 10 + (int)d;
    }
    return p;
}

/* CPython _find_isoformat_datetime_separator; -1 for invalid. */
static long ts_find_separator(const char *s, size_t len)
{
    if (len == 7)
        return 7;
    if (s[4] == '-') {
        if (s[5] == 'W') {
            if (len < 8)
                return -1;
            if (len > 8 && s[8] == '-') {
                if (len == 9)
                    return -1;
                if (len > 10 && ts_is_digit(s[10]))
                    return 8;
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if (s[4] == 'W') {
        size_t idx = 7;
        while (idx < len && ts_is_digit(s[idx]))
            idx++;
        if (idx < 9)
            return (long)idx;
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
}

/* CPython iso_to_ymd, as days since the epoch; -1 if out of range. */
static int ts_iso_week_days(int year, int week, int wday, int64_t *days)
{
    if (year < TS_MIN_YEAR || year > TS_MAX_YEAR)
        return -1;
    int64_t jan1 = ts_days_from_civil(year, 1, 1);
    int first_weekday = ts_weekday(jan1);
    if (week <= 0 || week >= 53) {
        /* 53 weeks in years starting on a Thursday, and leap years
         * starting on a Wednesday */
        if (!(week == 53 && (first_weekday == 3 ||
                             (first_weekday == 2 && ts_is_leap(year)))))
            return -1;
    }
    if (wday <= 0 || wday >= 8)
        return -1;
    int64_t week1_monday = jan1 - first_weekday;
    if (first_weekday > 3)
        week1_monday += 7;
    *days = week1_monday + (int64_t)(week - 1) * 7 + wday - 1;
    return 0;
}

/* CPython parse_isoformat_date, returning days since the epoch. */
static int ts_parse_date(const char *s, size_t len, int64_t *days)
{
    const char *p = s;
    int year = 0, month = 0, day = 0;
    p = ts_digits(p, &year, 4);
    if (p == NULL)
        return -1;
    int uses_sep = *p == '-';
    if (uses_sep)
        p++;
    if (*p == 'W') {
        int week = 0, wday = 0;
        p = ts_digits(p + 1, &week, 2);
        if (p == NULL)
            return -1;
        if ((size_t)(p - s) < len) {
            if (uses_sep && *p++ != '-')
                return -1;
            p = ts_digits(p, &wday, 1);
            if (p == NULL)
                return -1;
        } else {
            wday = 1;
        }
        if (ts_iso_week_days(year, week, wday, days) != 0)
            return -1;
        /* the result must itself be a valid datetime date */
        int y, m, d;
        ts_civil_from_days(*days, &y, &m, &d);
        return y >= TS_MIN_YEAR && y <= TS_MAX_YEAR ? 0 : -1;
    }
    p = ts_digits(p, &month, 2);
    if (p == NULL)
        return -1;
    if (uses_sep && *p++ != '-')
        return -1;
    p = ts_digits(p, &day, 2);
    if (p == NULL)
        return -1;
    if (year < TS_MIN_YEAR || month < 1 || month > 12 || day < 1 ||
        day > ts_days_in_month(year, month))
        return -1;
    *days = ts_days_from_civil(year, month, day);
    return 0;
}

/* CPython parse_hh_mm_ss_ff: <0 error, 0 at the end, 1 more follows. */
static int ts_parse_hms(const char *tstr, const char *p_end, int *hour,
                        int *minute, int *second, int *us)
{
    static const int correction[TS_FRACTION_DIGITS - 1] = {
        100000, 10000, 1000, 100, 10};
    *hour = *minute = *second = *us = 0;
    const char *p = tstr;
    int *vals[3] = {hour, minute, second};
    int has_sep = 1;
    for (int i = 0; i < 3; i++) {
        p = ts_digits(p, vals[i], 2);
        if (p == NULL)
            return -3;
        char c = *p++;
        if (i == 0)
            has_sep = c == ':';
        if (p >= p_end)
            return c != '\0';
        if (has_sep && c == ':') {
            if (i == 2)
                return -4;
            continue;
        }
        if (c == '.' || c == ',') {
            if (i < 2)
                return -3;
            break;
        }
        if (!has_sep)
            p--;
        else
            return -4;
    }
    size_t remains = (size_t)(p_end - p);
    size_t to_parse = remains >= TS_FRACTION_DIGITS ? TS_FRACTION_DIGITS : remains;
    p = ts_digits(p, us, to_parse);
    if (p == NULL)
        return -3;
    /* CPython indexes correction[to_parse - 1] even for 0 digits; the value
     * is 0 then, so any factor gives the same result */
    if (to_parse > 0 && to_parse < TS_FRACTION_DIGITS)
        *us *= correction[to_parse - 1];
    while (ts_is_digit(*p))
        p++;
    return *p != '\0';
}

/* CPython parse_isoformat_time: <0 error, 0 naive, 1 with *offset_us. */
static int ts_parse_time(const char *s, size_t len, int *hour, int *minute,
                         int *second, int *us, int64_t *offset_us)
{
    const char *p_end = s + len;
    const char *tz = s;
    do {
        if (*tz == 'Z' || *tz == '+' || *tz == '-')
            break;
    } while (++tz < p_end);
    int rv = ts_parse_hms(s, tz, hour, minute, second, us);
    if (rv < 0)
        return rv;
    if (tz == p_end)
        return rv == 1 ? -5 : 0;
    if (*tz == 'Z') {
        *offset_us = 0;
        return tz[1] != '\0' ? -5 : 1;
    }
    int sign = *tz == '-' ? -1 : 1;
    int th = 0, tm = 0, tsec = 0, tus = 0;
    rv = ts_parse_hms(tz + 1, p_end, &th, &tm, &tsec, &tus);
    if (rv != 0)
        return -5;
    int64_t secs = (int64_t)th * 3600 + tm * 60 + tsec;
    /* CPython: a whole-second offset of 0 is UTC, whatever the fraction */
    *offset_us = secs == 0 ? 0 : sign * (secs * TS_US_PER_S + tus);
    if (*offset_us <= -TS_S_PER_DAY * TS_US_PER_S ||
        *offset_us >= TS_S_PER_DAY * TS_US_PER_S)
        return -5;
    return 1;
}

/* Code point count and the byte offset of each of the first few code
 * points, for the surrogate separator rule below. */
static int ts_is_surrogate_at(const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s;
    return i + 2 < len + 0 && u[i] == 0xED && u[i + 1] >= 0xA0;
}

/* CPython's _sanitize_isoformat_str: a lone surrogate is allowed only as
 * the separator (code point 7, 8 or 10), where it is read as 'T'; any other
 * surrogate makes the string invalid (it cannot be encoded as UTF-8). Works
 * on buf (len bytes) in place; returns the new length or -1. */
static long ts_sanitize(char *buf, size_t len)
{
    static const size_t candidates[3] = {7, 8, 10};
    size_t starts[11];              /* byte offsets of code points 0..10 */
    size_t ncp = 0, i = 0;
    long surrogate_cp = -1;
    size_t nsurrogates = 0;
    while (i < len) {
        const unsigned char c = (unsigned char)buf[i];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (ncp < 11)
            starts[ncp] = i;
        if (ts_is_surrogate_at(buf, len, i)) {
            nsurrogates++;
            for (size_t k = 0; k < 3; k++)
                if (surrogate_cp < 0 && candidates[k] == ncp)
                    surrogate_cp = (long)ncp;
        }
        ncp++;
        i += n;
    }
    if (ncp < TS_MIN_CODEPOINTS)
        return -1;
    if (nsurrogates == 0)
        return (long)len;
    /* CPython picks the first candidate position holding a surrogate */
    surrogate_cp = -1;
    for (size_t k = 0; k < 3 && surrogate_cp < 0; k++) {
        size_t pos = candidates[k];
        if (pos < ncp && pos < 11 && ts_is_surrogate_at(buf, len, starts[pos]))
            surrogate_cp = (long)pos;
    }
    if (surrogate_cp < 0 || nsurrogates > 1)
        return -1;
    size_t at = starts[surrogate_cp];
    buf[at] = 'T';
    memmove(buf + at + 1, buf + at + 3, len - at - 3);
    len -= 2;
    memset(buf + len, 0, TS_PADDING);
    return (long)len;
}

static timestamp_status ts_slow(const char *s, size_t len, int64_t *epoch_us)
{
    char stack[TS_STACK_COPY];
    char *buf = len + TS_PADDING <= sizeof stack ? stack
                                                 : malloc(len + TS_PADDING);
    timestamp_status status = TIMESTAMP_INVALID;
    if (buf == NULL)
        return TIMESTAMP_NOMEM;
    memcpy(buf, s, len);
    memset(buf + len, 0, TS_PADDING);

    long clean = ts_sanitize(buf, len);
    if (clean < 0)
        goto cleanup;
    len = (size_t)clean;
    long sep = ts_find_separator(buf, len);
    if (sep < 0)
        goto cleanup;
    int64_t days;
    if (ts_parse_date(buf, (size_t)sep, &days) != 0)
        goto cleanup;
    int hour = 0, minute = 0, second = 0, us = 0, rv = 0;
    int64_t offset_us = 0;
    if (len > (size_t)sep) {
        const char *p = buf + sep;
        unsigned char lead = (unsigned char)p[0];
        if ((lead & 0x80) == 0)
            p += 1;
        else if ((lead & 0xF0) == 0xE0)
            p += 3;
        else if ((lead & 0xF0) == 0xF0)
            p += 4;
        else
            p += 2;
        if (p > buf + len) {        /* a cut multi-byte separator */
            goto cleanup;
        }
        rv = ts_parse_time(p, len - (size_t)(p - buf), &hour, &minute,
                           &second, &us, &offset_us);
        if (rv < 0)
            goto cleanup;
    }
    if (hour > 23 || minute > 59 || second > 59)
        goto cleanup;
    if (rv == 0) {
        status = TIMESTAMP_NAIVE;
        goto cleanup;
    }
    *epoch_us = (days * TS_S_PER_DAY + hour * 3600 + minute * 60 + second)
                * TS_US_PER_S + us - offset_us;
    status = TIMESTAMP_OK;
cleanup:
    if (buf != stack)
        free(buf);
    return status;
}

#if !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)
/* Two ASCII digits at s, or -1. */
static int ts_two(const char *s)
{
    unsigned a = (unsigned)(s[0] - '0'), b = (unsigned)(s[1] - '0');
    return a > 9 || b > 9 ? -1 : (int)(a * 10 + b);
}
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* SWAR constants for the fast path: the byte b in every lane of a mask. */
#define TS_LANES(b) (UINT64_C(0x0101010101010101) * (uint8_t)(b))

static uint64_t ts_load64(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

#if defined(__SSE2__)
#include <emmintrin.h>
#define TS_HAVE_SSE2 1
/* Bytes 0..15 and 9..24 of YYYY-MM-DDTHH:MM:SS+HH:MM: each byte minus
 * its lane's base must be at most its lane's limit (unsigned), so digit
 * lanes ('0' and 9) take '0'..'9' and separator lanes (itself and 0) only
 * the separator. The sign lane takes '+', ',' or '-' here; the caller
 * rules out ','. */
static const uint8_t ts_base[2][16] = {
    {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0'},
    {'0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', '+', '0', '0', ':', '0', '0'}};
static const uint8_t ts_limit[2][16] = {
    {9, 9, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9, 9, 0, 9, 9},
    {9, 0, 9, 9, 0, 9, 9, 0, 9, 9, '-' - '+', 9, 9, 0, 9, 9}};
#define TS_SECOND_STEP 9        /* where the second 16 bytes start */
#define TS_ALL_LANES 0xFFFF

static int ts_shape_ok(const char *s)
{
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + TS_SECOND_STEP));
    __m128i la = _mm_loadu_si128((const __m128i *)(const void *)ts_limit[0]);
    __m128i lb = _mm_loadu_si128((const __m128i *)(const void *)ts_limit[1]);
    a = _mm_sub_epi8(a, _mm_loadu_si128((const __m128i *)(const void *)ts_base[0]));
    b = _mm_sub_epi8(b, _mm_loadu_si128((const __m128i *)(const void *)ts_base[1]));
    __m128i ok = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(a, la), la),
                               _mm_cmpeq_epi8(_mm_max_epu8(b, lb), lb));
    return _mm_movemask_epi8(ok) == TS_ALL_LANES;
}
#else
#define TS_HAVE_SSE2 0
#endif

#if !TS_HAVE_SSE2
/* 1 if the lanes of w selected by digit_lanes (0xFF lanes) are ASCII
 * digits and the others equal the same lanes of seps. Little-endian lane
 * order: lane 0 is the first byte. A digit lane's high nibble must be 3,
 * and adding 6 must keep it 3 (0x3A..0x3F carry into 4); lanes are masked
 * first, so no add carries into its neighbour once the nibble check has
 * passed (and when it has not, the answer is 0 anyway). */
static int ts_lanes_ok(uint64_t w, uint64_t digit_lanes, uint64_t seps)
{
    uint64_t d = w & digit_lanes;
    uint64_t high = TS_LANES(0xF0) & digit_lanes;
    uint64_t three = TS_LANES('0') & digit_lanes;
    return ((d & high) ^ three) == 0 &&
           (((d + (TS_LANES(6) & digit_lanes)) & high) ^ three) == 0 &&
           (w & ~digit_lanes) == seps;
}
#endif

/* v in lane k. */
#define TS_AT(v, k) ((uint64_t)(v) << (8 * (k)))

/* Byte k of w. */
#define TS_LANE(w, k) ((int)(((w) >> (8 * (k))) & 0xFF))

/* Lane k of the result: the two-digit number at lanes k, k+1 of w (digit
 * lanes already checked; a digit lane followed by a non-digit lane gives
 * the digit times 10). */
static uint64_t ts_pairs(uint64_t w, uint64_t digit_lanes)
{
    uint64_t x = (w & digit_lanes) - (TS_LANES('0') & digit_lanes);
    return x * 10 + (x >> 8);
}

#endif

/* Days from 1970-01-01 to the first of each month of a common year. */
static const int ts_month_start[12] = {0, 31, 59, 90, 120, 151, 181, 212,
                                       243, 273, 304, 334};
/* Leap days before 1970 counted by ts_leaps_before(1970). */
#define TS_LEAPS_BEFORE_1970 477
#define TS_EPOCH_YEAR 1970
#define TS_DAYS_PER_YEAR 365

/* y / 100 for any 32-bit y, as a multiply and a shift (the compiler is
 * not always trusted to do this: a hardware divide here costs more than
 * the rest of the parse). */
#define TS_DIV100_MAGIC UINT64_C(1374389535)     /* ceil(2^37 / 100) */
#define TS_DIV100_SHIFT 37

static unsigned ts_div100(unsigned y)
{
    return (unsigned)(((uint64_t)y * TS_DIV100_MAGIC) >> TS_DIV100_SHIFT);
}

/* Leap days in years 1 .. y-1 (y >= 1): p/4 - p/100 + p/400 with p = y-1,
 * where p/400 = (p/100)/4. */
static int64_t ts_leaps_before(unsigned y)
{
    unsigned p = y - 1, c = ts_div100(p);
    return (int64_t)(p / 4 - c + c / 4);
}

static int ts_is_leap_u(unsigned y)
{
    unsigned c = ts_div100(y);
    return (y & 3) == 0 && (y != c * 100 || (c & 3) == 0);
}


int timestamp_parse_plain(const char *s, int64_t *epoch_us)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* "YYYY-MM-" "DDTHH:MM" ":SS+HH:M" "M": 0xFF marks a digit lane */
    uint64_t w0 = ts_load64(s), w1 = ts_load64(s + 8), w2 = ts_load64(s + 16);
    const uint64_t d0 = UINT64_C(0x00FFFF00FFFFFFFF);
    const uint64_t d1 = UINT64_C(0xFFFF00FFFF00FFFF);
    const uint64_t d2 = UINT64_C(0xFF00FFFF00FFFF00);   /* sign lane too */
#if TS_HAVE_SSE2
    /* the same checks as below, two 16-byte steps for all 25 bytes */
    if (!ts_shape_ok(s) || (s[19] != '+' && s[19] != '-'))
        return -1;
#else
    const uint64_t sign_lane = UINT64_C(0x00000000FF000000);
    const uint64_t s0 = (uint64_t)'-' << 32 | (uint64_t)'-' << 56;
    const uint64_t s1 = (uint64_t)'T' << 16 | (uint64_t)':' << 40;
    const uint64_t s2 = (uint64_t)':' | (uint64_t)':' << 48;
    if (!ts_lanes_ok(w0, d0, s0) || !ts_lanes_ok(w1, d1, s1) ||
        !ts_lanes_ok(w2 & ~sign_lane, d2, s2) ||
        (s[19] != '+' && s[19] != '-') || !ts_is_digit(s[24]))
        return -1;
#endif
    /* digit values in the digit lanes, 0 elsewhere (no borrows: digit
     * lanes are >= '0'); then lane k of x * 10 + (x >> 8) is the two-digit
     * number starting at lane k (at most 99: no carries) */
    uint64_t p0 = ts_pairs(w0, d0), p1 = ts_pairs(w1, d1), p2 = ts_pairs(w2, d2);
    int year = TS_LANE(p0, 0) * 100 + TS_LANE(p0, 2);
    int mo = TS_LANE(p0, 5), d = TS_LANE(p1, 0), h = TS_LANE(p1, 3),
        mi = TS_LANE(p1, 6), se = TS_LANE(p2, 1), oh = TS_LANE(p2, 4),
        om = TS_LANE(p2, 7) + (s[24] - '0');
    /* the upper bounds lane by lane: every lane is at most 99, so adding
     * 127 - limit sets a lane's top bit exactly when it is over the limit,
     * with no carry out (lane 7 of p2 is the offset's tens of minutes,
     * times 10) */
    uint64_t over =
        ((p0 + TS_AT(127 - 12, 5)) & TS_AT(0x80, 5)) |
        ((p1 + (TS_AT(127 - 23, 3) | TS_AT(127 - 59, 6))) &
         (TS_AT(0x80, 3) | TS_AT(0x80, 6))) |
        ((p2 + (TS_AT(127 - 59, 1) | TS_AT(127 - 23, 4) | TS_AT(127 - 50, 7))) &
         (TS_AT(0x80, 1) | TS_AT(0x80, 4) | TS_AT(0x80, 7)));
    int bad = (over != 0) | (year < TS_MIN_YEAR) | (mo == 0) | (d < 1);
#else
    if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || (s[19] != '+' && s[19] != '-') || s[22] != ':')
        return -1;
    int c = ts_two(s), yy = ts_two(s + 2), mo = ts_two(s + 5),
        d = ts_two(s + 8), h = ts_two(s + 11), mi = ts_two(s + 14),
        se = ts_two(s + 17), oh = ts_two(s + 20), om = ts_two(s + 23);
    if ((c | yy | mo | d | h | mi | se | oh | om) < 0)
        return -1;
    int year = c * 100 + yy;
    int bad = (year < TS_MIN_YEAR) | ((unsigned)mo - 1 > 11) | (d < 1) |
              (h > 23) | (mi > 59) | (se > 59) | (oh > 23) | (om > 59);
#endif
    /* one branch for all the ranges: these almost never fail (a branch
     * on d > 28 alone would be mispredicted about one time in ten) */
    if (bad)
        return -1;
    int leap = ts_is_leap_u((unsigned)year);
    if (d > ts_month_days[mo - 1] + ((mo == 2) & leap))
        return -1;
    int64_t off = (int64_t)oh * 3600 + om * 60;
    if (s[19] == '-')
        off = -off;
    /* days since the epoch: whole years, their leap days, then the days
     * of this year (its own leap day counts from March) */
    int64_t days = (int64_t)(year - TS_EPOCH_YEAR) * TS_DAYS_PER_YEAR +
                   ts_leaps_before((unsigned)year) - TS_LEAPS_BEFORE_1970 +
                   ts_month_start[mo - 1] + ((mo > 2) & leap) + d - 1;
    *epoch_us = (days * TS_S_PER_DAY + h * 3600 + mi * 60 + se - off)
                * TS_US_PER_S;
    return 0;
}

timestamp_status timestamp_parse(const char *s, size_t len, int64_t *epoch_us)
{
    /* Fast path: YYYY-MM-DDTHH:MM:SS+HH:MM, what every generator writes.
     * Anything unusual, even only out of range, goes the slow way, which
     * decides. */
    if (len == TS_FAST_LEN && timestamp_parse_plain(s, epoch_us) == 0)
        return TIMESTAMP_OK;
    return ts_slow(s, len, epoch_us);
}
