/*
 * chunk.c - the array grammar around scan_event(), the per-event checks of
 * spec section 4, the filter and the transform (section 2), as chunk.h says.
 */
#include "engine/chunk.h"

#include <math.h>
#include <string.h>

#include "engine/number.h"
#include "engine/timestamp.h"

/* Longest excerpt of a bad timestamp quoted in a message. */
#define CHUNK_QUOTE_MAX 40

void chunk_init(chunk *c, const chunk_input *in, size_t start,
                chunk_place place, size_t stop, agg *a)
{
    memset(c, 0, sizeof *c);
    c->in = in;
    c->start = start;
    c->place = place;
    c->stop = stop;
    c->agg = a;
    c->err.byte_offset = -1;
    c->err.event_index = -1;
}

/* Copies up to CHUNK_QUOTE_MAX bytes of t, printable ASCII only. */
static void chunk_quote(const scan_text *t, char *out)
{
    size_t n = t->len < CHUNK_QUOTE_MAX ? t->len : CHUNK_QUOTE_MAX;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)t->ptr[i];
        out[i] = ch >= 0x20 && ch < 0x7f && ch != '\'' ? (char)ch : '?';
    }
    strcpy(out + n, t->len > n ? "..." : "");
}

/* Checks one scanned event and adds it to the aggregate if kept. */
static int chunk_event(chunk *c, scan *s, const scan_fields *f)
{
    const uint8_t *b = s->base;
    const uint8_t *at_event = b + f->start;
    int64_t user_id, us;
    double amount = 0.0;

    /* the required fields, in the spec's order */
    if (f->user_state == SCAN_MISSING)
        return scan_fail(s, PIPELINE_ERR_FIELD, at_event, "event has no \"user_id\"");
    if (f->user_state == SCAN_WRONG_TYPE || !f->user_is_int)
        return scan_fail(s, PIPELINE_ERR_FIELD, b + f->user_at,
                         "\"user_id\" must be an integer");
    if (f->user_parsed)
        user_id = f->user_value;
    else if (number_to_int64(f->user_num, f->user_len, &user_id) != 0)
        return scan_fail(s, PIPELINE_ERR_RANGE, b + f->user_at,
                         "\"user_id\" does not fit in a signed 64-bit integer");
    if (f->type_state == SCAN_MISSING)
        return scan_fail(s, PIPELINE_ERR_FIELD, at_event, "event has no \"event_type\"");
    if (f->type_state == SCAN_WRONG_TYPE)
        return scan_fail(s, PIPELINE_ERR_FIELD, b + f->type_at,
                         "\"event_type\" must be a string");
    if (f->ts_state == SCAN_MISSING)
        return scan_fail(s, PIPELINE_ERR_FIELD, at_event, "event has no \"timestamp\"");
    if (f->ts_state == SCAN_WRONG_TYPE)
        return scan_fail(s, PIPELINE_ERR_FIELD, b + f->ts_at,
                         "\"timestamp\" must be a string");
    if (f->md_state == SCAN_MISSING)
        return scan_fail(s, PIPELINE_ERR_FIELD, at_event, "event has no \"metadata\"");
    if (f->md_state == SCAN_WRONG_TYPE)
        return scan_fail(s, PIPELINE_ERR_FIELD, b + f->md_at,
                         "\"metadata\" must be an object");

    timestamp_status ts = TIMESTAMP_OK;
    if (f->ts_parsed)
        us = f->ts_epoch_us;
    else
        ts = timestamp_parse(f->ts.ptr, f->ts.len, &us);
    if (ts != TIMESTAMP_OK) {
        char quoted[CHUNK_QUOTE_MAX + 4];
        if (ts == TIMESTAMP_NOMEM)
            return scan_fail(s, PIPELINE_ERR_MEMORY, b + f->ts_at, "out of memory");
        chunk_quote(&f->ts, quoted);
        return scan_fail(s, PIPELINE_ERR_TIMESTAMP, b + f->ts_at,
                         ts == TIMESTAMP_NAIVE
                             ? "timestamp '%s' has no UTC offset"
                             : "invalid ISO 8601 timestamp '%s'",
                         quoted);
    }

    /* optional fields: checked for every event too */
    if (f->page_state == SCAN_WRONG_TYPE)
        return scan_fail(s, PIPELINE_ERR_FIELD, b + f->page_at,
                         "\"page\" must be a string");
    if (f->amount_state == SCAN_WRONG_TYPE)
        return scan_fail(s, PIPELINE_ERR_FIELD, b + f->amount_at,
                         "\"amount\" must be a number");
    if (f->amount_state == SCAN_PRESENT) {
        if (number_to_double(f->amount_num, f->amount_len, c->in->c_locale,
                             &amount) != 0)
            return scan_fail(s, PIPELINE_ERR_MEMORY, b + f->amount_at, "out of memory");
        if (!isfinite(amount))
            return scan_fail(s, PIPELINE_ERR_RANGE, b + f->amount_at,
                             "\"amount\" is beyond the range of a double");
    }

    /* phase 1, the filter */
    int type = agg_type_index(f->type.ptr, f->type.len);
    if (type < 0 || us < CHUNK_WINDOW_START_US || us > CHUNK_WINDOW_END_US)
        return 0;

    /* phase 2, the transform, and phase 3 */
    agg_event ev;
    ev.user_id = user_id;
    ev.type = type;
    ev.seconds = timestamp_seconds(us);
    if (f->page_state == SCAN_PRESENT) {
        ev.page = f->page.ptr;
        ev.page_len = f->page.len;
    } else {
        ev.page = "";
        ev.page_len = 0;
    }
    ev.amount = amount;
    if (agg_add(c->agg, &ev) != 0)
        return scan_fail(s, PIPELINE_ERR_MEMORY, at_event, "out of memory");
    return 0;
}

void chunk_run(chunk *c)
{
    const chunk_input *in = c->in;
    const uint8_t *base = in->base;
    scan s;
    scan_fields f;
    chunk_place place = c->place;
    size_t unit = c->start;          /* where the unit being read began */
    /* 1 while only whitespace between units is read: bytes that run out
     * then need not be carried into the next window (a gigabyte of spaces
     * streams in bounded memory). */
    int between = 0;

    scan_init(&s, in->find);
    scan_reset(&s, base, base + in->len, c->start);
    for (;;) {
        unit = (size_t)(s.p - base);
        switch (place) {
        case CHUNK_AT_START:
            between = 1;
            if (scan_ws(&s) != 0)
                goto fail;
            between = 0;
            if (*s.p != '[') {
                if (*s.p == '{' || *s.p == '"' || *s.p == '-' ||
                    (*s.p >= '0' && *s.p <= '9') || *s.p == 't' ||
                    *s.p == 'f' || *s.p == 'n')
                    scan_fail(&s, PIPELINE_ERR_SCHEMA, s.p,
                              "the input is not a JSON array of events");
                else
                    scan_fail(&s, PIPELINE_ERR_SYNTAX, s.p,
                              "expected '[' to start the array of events");
                goto fail;
            }
            s.p++;
            place = CHUNK_AT_OPENED;
            break;
        case CHUNK_AT_OPENED:
            between = 1;
            if (scan_ws(&s) != 0)
                goto fail;
            between = 0;
            if (*s.p == ']') {
                s.p++;
                place = CHUNK_AT_CLOSED;
            } else {
                place = CHUNK_AT_EVENT;
            }
            break;
        case CHUNK_AT_EVENT:
            between = 1;
            if ((s.p >= s.end || *s.p != '{') && scan_ws(&s) != 0)
                goto fail;
            between = 0;
            unit = (size_t)(s.p - base);
            if (unit >= c->stop) {
                c->status = CHUNK_STOPPED;
                c->end = unit;
                c->end_place = CHUNK_AT_EVENT;
                goto done;
            }
            if (*s.p == ']') {
                scan_fail(&s, PIPELINE_ERR_SYNTAX, s.p,
                          "expected an event after ',', found ']'");
                goto fail;
            }
            if (scan_event(&s, &f) != 0 || chunk_event(c, &s, &f) != 0)
                goto fail;
            c->nevents++;
            place = CHUNK_AT_SEPARATOR;
            break;
        case CHUNK_AT_SEPARATOR:
            /* ", " between events, as json.dumps writes it: the common
             * case without the general whitespace loop */
            if (s.end - s.p > 2 && s.p[0] == ',' && s.p[1] == ' ' &&
                s.p[2] == '{') {
                s.p += 2;
                place = CHUNK_AT_EVENT;
                break;
            }
            between = 1;
            if (scan_ws(&s) != 0)
                goto fail;
            between = 0;
            if (*s.p == ',') {
                s.p++;
                place = CHUNK_AT_EVENT;
            } else if (*s.p == ']') {
                s.p++;
                place = CHUNK_AT_CLOSED;
            } else {
                scan_fail(&s, PIPELINE_ERR_SYNTAX, s.p,
                          "expected ',' or ']' after an event");
                goto fail;
            }
            break;
        case CHUNK_AT_CLOSED:
            while (s.p < s.end && (*s.p == ' ' || *s.p == '\n' ||
                                   *s.p == '\r' || *s.p == '\t'))
                s.p++;
            if (s.p < s.end) {
                scan_fail(&s, PIPELINE_ERR_SYNTAX, s.p,
                          "unexpected data after the array of events");
                goto fail;
            }
            c->status = in->final ? CHUNK_CLOSED : CHUNK_NEED_MORE;
            c->end = (size_t)(s.p - base);
            c->end_place = CHUNK_AT_CLOSED;
            goto done;
        }
    }
fail:
    if (s.eof && !in->final) {
        c->status = CHUNK_NEED_MORE;
        c->end = between ? (size_t)(s.p - base) : unit;
        c->end_place = place;
    } else {
        c->status = CHUNK_FAILED;
        c->err = s.err;
        c->err.byte_offset += in->file_offset;
        c->err.event_index = place == CHUNK_AT_EVENT ? c->nevents : -1;
        c->end = (size_t)(s.p - base);
        c->end_place = place;
    }
done:
    scan_release(&s);
}
