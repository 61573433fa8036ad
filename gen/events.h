/*
 * events.h - the pipeline's input: the study's event generator, in C.
 *
 * Writes the JSON array of user events that the study's Python generator
 * writes, byte for byte, for any event count and seed
 * (shared/spec/pipeline.md section 1.1): the same MT19937 draws in the same
 * order (gen/mt19937.h), and the text of CPython's json.dumps. The default
 * data set (100,000 events, seed 42) is 14,308,497 bytes with SHA-256
 * bb1d037e7c5740610883a5e1d36089f00ac37312edb3d16a56187ea51d891e07.
 *
 * Calling sequence:
 *
 *     events_error err;
 *     FILE *f = fopen("events-100000-42.json", "wb");
 *     if (f == NULL || events_write(f, 100000, 42, &err) != 0)
 *         ... report err.message (or fopen's errno), remove the file ...
 *     if (f != NULL && fclose(f) != 0)
 *         ... the data may not be on disk ...
 *
 * For the data in memory, write to an open_memstream() or fmemopen() FILE.
 *
 * Cost: O(count) time, about 143 bytes of output per event; memory is
 * bounded (one EVENTS_BUFFER_BYTES buffer), whatever the count. The text is
 * built in that buffer and handed to fwrite in large blocks.
 *
 * Ownership: the caller owns `out`; events_write neither closes it nor
 * changes its buffering. Nothing is allocated that outlives a call.
 *
 * Errors come back: -1 and, if err is not NULL, a code and a lowercase
 * message. Output already written stays written: on error the caller should
 * discard the file.
 *
 * Thread safety: no global mutable state; calls on different FILEs may run
 * at the same time.
 */
#ifndef LADDER_EVENTS_H
#define LADDER_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The size of the output buffer: one fwrite per this many bytes. */
#define EVENTS_BUFFER_BYTES (1u << 20)

/* The number of users the generator draws ids from (1 ... EVENTS_USERS). */
#define EVENTS_USERS 5000

typedef enum events_error_code {
    EVENTS_OK = 0,
    EVENTS_ERR_IO,          /* writing to or flushing `out` failed */
    EVENTS_ERR_MEMORY       /* the output buffer could not be allocated */
} events_error_code;

typedef struct events_error {
    events_error_code code;
    char message[200];      /* lowercase, no trailing newline */
} events_error;

/* Writes `count` events generated from `seed` to `out` as one JSON array,
 * without a trailing newline (count 0 writes "[]"), then flushes `out`.
 * The seed is read as Python's random.Random(seed) reads a non-negative
 * int. Returns 0, or -1 with *err filled (err may be NULL). */
int events_write(FILE *out, uint64_t count, uint64_t seed, events_error *err);

/*
 * The pieces of the text, exposed for the tests.
 */

/* Longest text events_format_cents() writes, without a terminator. */
#define EVENTS_CENTS_MAX_CHARS 24

/* Length of the text events_format_timestamp() writes. */
#define EVENTS_TIMESTAMP_CHARS 25

/* The value of Python's round(x, 2), as a whole number of hundredths:
 * x's exact binary value times 100, rounded to the nearest integer with
 * ties to even (which is what CPython's correctly rounded round() does).
 * round(x, 2) itself is then the double cents / 100.0. Defined for
 * 0 <= x < 2**52. */
int64_t events_round_cents(double x);

/* Writes cents / 100 for cents >= 0, no terminator, and returns its length:
 * the number with two decimals, trailing zeros dropped but one decimal kept
 * ("123.4", "7.0", "0.05"). For cents below 10**15 this is also the
 * shortest text that reads back as the double cents / 100.0, and so
 * CPython's repr of it: below 10**13 neighbouring doubles are at most 2**-9
 * apart, so no other decimal with two or fewer decimals reads back as the
 * same double. tests/test_gen.c checks the claim against a real shortest
 * round trip. buf must hold EVENTS_CENTS_MAX_CHARS bytes. */
size_t events_format_cents(char *buf, int64_t cents);

/* Writes the UTC time `epoch_seconds` (years 0 to 9999) as Python's
 * datetime.isoformat() writes an aware UTC datetime without microseconds,
 * "YYYY-MM-DDTHH:MM:SS+00:00", no terminator. buf must hold
 * EVENTS_TIMESTAMP_CHARS bytes; returns EVENTS_TIMESTAMP_CHARS. */
size_t events_format_timestamp(char *buf, int64_t epoch_seconds);

#endif /* LADDER_EVENTS_H */
