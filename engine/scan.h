/*
 * scan.h - the schema-directed JSON scanner.
 *
 * One pass, no tree, no recursion. scan_event() reads one array element,
 * which must be an event object, validating every byte of it as RFC 8259
 * JSON (structure, number grammar, escapes, strict UTF-8, no raw control
 * characters, nesting at most PIPELINE_MAX_DEPTH), and keeps only what the
 * pipeline needs: where user_id, event_type, timestamp and metadata.page /
 * metadata.amount are, and their raw or decoded text. Everything else is
 * skipped as fast as it can be validated. Duplicate keys: the last one wins,
 * as in CPython (a metadata object replaces the previous one whole).
 *
 *     scan s;
 *     scan_init(&s, find);                  // simd_pick()
 *     scan_reset(&s, base, end, pos);       // the bytes, where to start
 *     if (scan_event(&s, &ev) != 0) ...     // s.err says why; s.eof if the
 *                                           // bytes ran out first
 *     scan_release(&s);
 *
 * Speed: an event of the exact shape json.dumps writes for the generator
 * ({"user_id": N, "event_type": "...", "timestamp": "...", "metadata":
 * {...}} with single spaces, plain ASCII strings, scalar metadata values)
 * is read by a fast path that expects each key in turn and parses user_id
 * and the timestamp on the way; at the first byte that does not fit, the
 * event is read again from its start by the general scanner, which alone
 * decides errors. tests/test_engine.c checks the two agree byte by byte.
 *
 * Strings without escapes point into the input; strings with escapes are
 * decoded into buffers the scanner owns, valid until the next scan_event().
 * The scanner never reads at or past end.
 *
 * Errors: -1 with s.err filled (code, message, byte_offset relative to
 * base; event_index is left to the caller). s.eof = 1 means the input ended
 * inside the value: with more input to come, read more and scan again.
 */
#ifndef LADDER_ENGINE_SCAN_H
#define LADDER_ENGINE_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "engine/pipeline.h"
#include "engine/simd.h"

/* A growable byte buffer for decoded strings. */
typedef struct scan_buf {
    uint8_t *data;
    size_t len, cap;
} scan_buf;

/* A string value: raw input bytes or a decoded copy (WTF-8, utf8.h). */
typedef struct scan_text {
    const char *ptr;
    size_t len;
} scan_text;

typedef enum scan_field_state {
    SCAN_MISSING = 0,
    SCAN_PRESENT,             /* of the expected JSON type */
    SCAN_WRONG_TYPE
} scan_field_state;

/* What scan_event() found in one event. Offsets are relative to base. */
typedef struct scan_fields {
    size_t start;                       /* the '{' */
    scan_field_state user_state;        /* PRESENT: a JSON number */
    const uint8_t *user_num;            /* the literal */
    size_t user_len;
    int user_is_int;                    /* no fraction, no exponent */
    int user_parsed;                    /* 1: user_value already read */
    int64_t user_value;
    size_t user_at;
    scan_field_state type_state;        /* PRESENT: a string */
    scan_text type;
    size_t type_at;
    scan_field_state ts_state;
    scan_text ts;
    size_t ts_at;
    int ts_parsed;                      /* 1: ts_epoch_us already read */
    int64_t ts_epoch_us;
    scan_field_state md_state;          /* PRESENT: an object */
    size_t md_at;
    scan_field_state page_state;        /* of the last metadata object */
    scan_text page;
    size_t page_at;
    scan_field_state amount_state;      /* PRESENT: a JSON number */
    const uint8_t *amount_num;
    size_t amount_len;
    size_t amount_at;
} scan_fields;

typedef struct scan {
    const uint8_t *base, *end, *p;
    simd_find_fn find;
    int quick;                /* 1: the fast path may use SSE2 (0 when the
                                 portable scanner is forced) */
    scan_buf key, type, ts, page;
    pipeline_error err;
    int eof;
} scan;

void scan_init(scan *s, simd_find_fn find);
void scan_release(scan *s);

/* Points the scanner at [base, end), reading from base + pos. */
void scan_reset(scan *s, const uint8_t *base, const uint8_t *end, size_t pos);

/* Skips JSON whitespace. Returns 0, or -1 (s->eof set) at end. */
int scan_ws(scan *s);

/* Reads the event object at s->p (whitespace already skipped), leaving
 * s->p just after its '}'. Returns 0, or -1 with s->err (and s->eof). */
int scan_event(scan *s, scan_fields *ev);

/* Validates and skips any JSON value at s->p, nested inside depth open
 * containers. Returns 0 or -1. */
int scan_skip(scan *s, int depth);

/* Records an error at byte position at; always returns -1. */
int scan_fail(scan *s, pipeline_error_code code, const uint8_t *at,
              const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif /* LADDER_ENGINE_SCAN_H */
