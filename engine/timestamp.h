/*
 * timestamp.h - timestamps read as CPython's datetime.fromisoformat reads
 * them (the C implementation of CPython 3.11 to 3.13, which agree).
 *
 * Accepted, as there: dates YYYY-MM-DD, YYYYMMDD, ISO week dates YYYY-Www,
 * YYYY-Www-D, YYYYWww, YYYYWwwD; any one character (a code point, also a
 * lone surrogate) between date and time; times HH, HH:MM, HH:MM:SS, HHMM,
 * HHMMSS, with a fraction after '.' or ',' of any length (digits past the
 * sixth are dropped, not rounded); offsets Z, +HH, +HHMM, +HH:MM,
 * +HH:MM:SS[.ffffff], +HHMMSS[.ffffff] and the same with '-'. Offsets only
 * need to be within a day (so "+05:99" is 6:39, as in CPython). A
 * fractional offset that is under a second in total is UTC, as in CPython.
 * Checks: year 1..9999, real calendar days (no Feb 30), hour < 24,
 * minute < 60, second < 60.
 *
 * The pipeline refuses a timestamp without an offset (CPython would make
 * it naive and use the local time zone).
 */
#ifndef LADDER_ENGINE_TIMESTAMP_H
#define LADDER_ENGINE_TIMESTAMP_H

#include <stddef.h>
#include <stdint.h>

typedef enum timestamp_status {
    TIMESTAMP_OK = 0,
    TIMESTAMP_INVALID = -1,    /* fromisoformat would raise ValueError */
    TIMESTAMP_NAIVE = -2,      /* valid, but without a UTC offset */
    TIMESTAMP_NOMEM = -3       /* a very long string could not be copied */
} timestamp_status;

/* Parses the decoded string s (len bytes, WTF-8 as utf8.h says; need not be
 * NUL-terminated) into microseconds since 1970-01-01T00:00:00Z, UTC offset
 * applied. The exact form YYYY-MM-DDTHH:MM:SS+HH:MM takes a fast path. */
timestamp_status timestamp_parse(const char *s, size_t len, int64_t *epoch_us);

/* Microseconds per second. */
#define TIMESTAMP_US_PER_S INT64_C(1000000)

/* The length of the common form YYYY-MM-DDTHH:MM:SS+HH:MM. */
#define TIMESTAMP_PLAIN_LEN 25

/* The fast path alone: reads exactly TIMESTAMP_PLAIN_LEN bytes at s of
 * the form YYYY-MM-DDTHH:MM:SS+HH:MM (digits and separators only, values in
 * range). Returns 0 with *epoch_us, or -1: then timestamp_parse() decides.
 * The caller makes sure the bytes are there. */
int timestamp_parse_plain(const char *s, int64_t *epoch_us);

/* Epoch seconds as CPython's aware datetime.timestamp() gives them: the
 * microseconds divided by 10^6, one correctly rounded division (exact for
 * every timestamp within about 285 years of 1970, so for every one the
 * pipeline's window can keep). Inline: it runs for every kept event. */
static inline double timestamp_seconds(int64_t epoch_us)
{
    return (double)epoch_us / (double)TIMESTAMP_US_PER_S;
}

#endif /* LADDER_ENGINE_TIMESTAMP_H */
