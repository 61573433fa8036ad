/*
 * result.c - the result as JSON (pipeline_result_write_json), freeing it,
 * and pipeline_round2.
 *
 * The JSON is byte for byte what CPython's json.dumps(result) writes with
 * default settings: ", " and ": " separators, floats as repr() writes them
 * (shortest round-trip digits, ".0" on integral values, exponent form
 * below 1e-4 and from 1e16 on), non-ASCII as \uXXXX escapes (surrogate
 * pairs above U+FFFF, lone surrogates as themselves), Infinity and NaN as
 * json.dumps spells them. So a result can be compared with a CPython
 * reference's output as bytes.
 */
#include "engine/pipeline.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/number.h"
#include "engine/utf8.h"

#define RESULT_MAX_DIGITS 17       /* enough for any double to round-trip */
#define RESULT_FLOAT_BUF 64
#define RESULT_FIXED_MIN_EXP (-4)  /* repr: fixed notation for 1e-4 <= |x| */
#define RESULT_FIXED_MAX_EXP 15    /*       and |x| < 1e16 */

void pipeline_result_free(pipeline_result *res)
{
    free(res);                     /* one block: see agg_finish() */
}

double pipeline_round2(double x)
{
    return number_round2(x);
}

/* Writes x as Python's repr(x) (json.dumps' float form) into out. Needs
 * the "C" numeric locale (the caller sets it). */
static void result_float_repr(double x, char *out)
{
    if (isnan(x)) {
        strcpy(out, "NaN");
        return;
    }
    if (isinf(x)) {
        strcpy(out, x > 0 ? "Infinity" : "-Infinity");
        return;
    }
    char sci[RESULT_FLOAT_BUF];
    /* the shortest %.Ne that reads back as x */
    for (int prec = 1; prec <= RESULT_MAX_DIGITS; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec - 1, x);
        if (strtod(sci, NULL) == x)
            break;
    }
    /* split "-d.ddde+XX" into sign, digits, exponent */
    const char *p = sci;
    char *o = out;
    if (*p == '-')
        *o++ = *p++;
    char digits[RESULT_MAX_DIGITS + 2];
    size_t nd = 0;
    for (; *p != 'e'; p++)
        if (*p != '.')
            digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;                      /* %.Ne pads; repr does not */
    int exp10 = atoi(p + 1);
    if (exp10 >= RESULT_FIXED_MIN_EXP && exp10 <= RESULT_FIXED_MAX_EXP) {
        int decpt = exp10 + 1;     /* digits before the point */
        if (decpt <= 0) {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -decpt; i++)
                *o++ = '0';
            memcpy(o, digits, nd);
            o += nd;
        } else if ((size_t)decpt >= nd) {
            memcpy(o, digits, nd);
            o += nd;
            for (size_t i = nd; i < (size_t)decpt; i++)
                *o++ = '0';
            *o++ = '.';
            *o++ = '0';
        } else {
            memcpy(o, digits, (size_t)decpt);
            o += decpt;
            *o++ = '.';
            memcpy(o, digits + decpt, nd - (size_t)decpt);
            o += nd - (size_t)decpt;
        }
        *o = '\0';
    } else {
        *o++ = digits[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, nd - 1);
            o += nd - 1;
        }
        sprintf(o, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
    }
}

/* Writes a decoded string as json.dumps (ensure_ascii) does. */
static int result_string(const char *s, size_t len, FILE *out)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + len;
    if (putc('"', out) == EOF)
        return -1;
    while (p < end) {
        uint32_t cp;
        p += utf8_next(p, end, &cp);
        int rc;
        switch (cp) {
        case '"': rc = fputs("\\\"", out); break;
        case '\\': rc = fputs("\\\\", out); break;
        case '\n': rc = fputs("\\n", out); break;
        case '\r': rc = fputs("\\r", out); break;
        case '\t': rc = fputs("\\t", out); break;
        case '\b': rc = fputs("\\b", out); break;
        case '\f': rc = fputs("\\f", out); break;
        default:
            if (cp >= 0x20 && cp < 0x7f) {
                rc = putc((int)cp, out);
            } else if (cp < 0x10000) {
                rc = fprintf(out, "\\u%04x", (unsigned)cp);
            } else {
                uint32_t v = cp - 0x10000;
                rc = fprintf(out, "\\u%04x\\u%04x", (unsigned)(0xD800 + (v >> 10)),
                             (unsigned)(0xDC00 + (v & 0x3FF)));
            }
        }
        if (rc < 0)
            return -1;
    }
    return putc('"', out) == EOF ? -1 : 0;
}

int pipeline_result_write_json(const pipeline_result *res, FILE *out)
{
    int status = -1;
    char num[RESULT_FLOAT_BUF];
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = (locale_t)0;
    if (c_locale == (locale_t)0)
        return -1;
    old = uselocale(c_locale);
    result_float_repr(res->total_amount, num);
    if (fprintf(out, "{\"total_users\": %lld, \"total_events\": %lld, "
                     "\"total_amount\": %s, \"total_high_value\": %lld, "
                     "\"users\": [",
                (long long)res->total_users, (long long)res->total_events,
                num, (long long)res->total_high_value) < 0)
        goto cleanup;
    for (size_t i = 0; i < res->user_count; i++) {
        const pipeline_user *u = &res->users[i];
        char dur[RESULT_FLOAT_BUF];
        result_float_repr(u->total_amount, num);
        result_float_repr(u->duration_seconds, dur);
        if (fprintf(out, "%s{\"user_id\": %lld, \"event_count\": %lld, "
                         "\"total_amount\": %s, \"high_value_count\": %lld, "
                         "\"duration_seconds\": %s, \"top_event_type\": ",
                    i > 0 ? ", " : "", (long long)u->user_id,
                    (long long)u->event_count, num,
                    (long long)u->high_value_count, dur) < 0 ||
            result_string(u->top_event_type, u->top_event_type_len, out) != 0 ||
            fputs(", \"top_page\": ", out) < 0 ||
            result_string(u->top_page, u->top_page_len, out) != 0 ||
            putc('}', out) == EOF)
            goto cleanup;
    }
    if (fputs("]}\n", out) < 0 || ferror(out))
        goto cleanup;
    status = 0;
cleanup:
    uselocale(old);
    freelocale(c_locale);
    return status;
}
