/*
 * scan.c - the validating, extracting JSON scanner of scan.h.
 *
 * Skipping is a loop over a bit stack of open containers (1 = object), so
 * nesting costs 1 bit per level and never touches the C stack.
 */
#include "engine/scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/timestamp.h"
#include "engine/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#define SCAN_HAVE_SSE2 1
#else
#define SCAN_HAVE_SSE2 0
#endif

#define SCAN_MIN_BUF 64
#define SCAN_STACK_WORDS (PIPELINE_MAX_DEPTH / 64 + 1)
#define SCAN_HEX_DIGITS 4
#define SCAN_ESCAPE_LEN 6           /* \uXXXX */

/* Depth of the containers the pipeline itself opens. */
#define SCAN_EVENT_DEPTH 2          /* inside [ and the event's { */
#define SCAN_METADATA_DEPTH 3       /* ... and metadata's { */

void scan_init(scan *s, simd_find_fn find)
{
    memset(s, 0, sizeof *s);
    s->find = find;
    s->quick = SCAN_HAVE_SSE2 && find != simd_find_portable;
}

void scan_release(scan *s)
{
    if (s == NULL)
        return;
    free(s->key.data);
    free(s->type.data);
    free(s->ts.data);
    free(s->page.data);
    memset(s, 0, sizeof *s);
}

void scan_reset(scan *s, const uint8_t *base, const uint8_t *end, size_t pos)
{
    s->base = base;
    s->end = end;
    s->p = base + pos;
    s->eof = 0;
}

int scan_fail(scan *s, pipeline_error_code code, const uint8_t *at,
              const char *fmt, ...)
{
    va_list ap;
    s->err.code = code;
    s->err.byte_offset = (int64_t)(at - s->base);
    s->err.event_index = -1;
    va_start(ap, fmt);
    vsnprintf(s->err.message, sizeof s->err.message, fmt, ap);
    va_end(ap);
    return -1;
}

/* The input ended inside a value. */
static int scan_fail_eof(scan *s)
{
    s->eof = 1;
    return scan_fail(s, PIPELINE_ERR_SYNTAX, s->end, "unexpected end of input");
}

#define SCAN_LOW7 0x7f7f7f7f7f7f7f7fULL
#define SCAN_HIGH 0x8080808080808080ULL
#define SCAN_REPEAT(byte) (0x0101010101010101ULL * (uint8_t)(byte))

static int scan_is_ws(uint8_t c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* SWAR: the high bit of each byte of v that equals the byte in c (c has
 * the same byte in all eight places). */
static uint64_t scan_bytes_equal(uint64_t v, uint64_t c)
{
    uint64_t x = v ^ c;
    return ~(((x & SCAN_LOW7) + SCAN_LOW7) | x | SCAN_LOW7);
}

int scan_ws(scan *s)
{
    const uint8_t *p = s->p, *end = s->end;
    /* Usually one space; long runs (pretty-printed or padded input) go
     * eight bytes at a time. */
    while (end - p >= 8) {
        uint64_t v;
        memcpy(&v, p, sizeof v);
        uint64_t ws = scan_bytes_equal(v, SCAN_REPEAT(' ')) | scan_bytes_equal(v, SCAN_REPEAT('\n')) |
                      scan_bytes_equal(v, SCAN_REPEAT('\r')) | scan_bytes_equal(v, SCAN_REPEAT('\t'));
        if (ws != SCAN_HIGH)
            break;
        p += 8;
    }
    while (p < end && scan_is_ws(*p))
        p++;
    s->p = p;
    return p < end ? 0 : scan_fail_eof(s);
}

/* What an unexpected byte is called in a message. */
static int scan_unexpected(scan *s, const uint8_t *p, const char *wanted)
{
    uint8_t c = *p;
    if (c == 'N')
        return scan_fail(s, PIPELINE_ERR_SYNTAX, p, "NaN is not JSON");
    if (c == 'I')
        return scan_fail(s, PIPELINE_ERR_SYNTAX, p, "Infinity is not JSON");
    if (c >= 0x21 && c < 0x7f)
        return scan_fail(s, PIPELINE_ERR_SYNTAX, p, "expected %s, found '%c'",
                         wanted, c);
    return scan_fail(s, PIPELINE_ERR_SYNTAX, p, "expected %s, found byte 0x%02x",
                     wanted, c);
}

/* ---- strings ------------------------------------------------------------ */

static int scan_buf_append(scan *s, scan_buf *b, const uint8_t *src, size_t n)
{
    if (n == 0)
        return 0;
    if (b->len + n > b->cap) {
        size_t ncap = b->cap ? b->cap : SCAN_MIN_BUF;
        while (ncap < b->len + n)
            ncap *= 2;
        uint8_t *d = realloc(b->data, ncap);
        if (d == NULL)
            return scan_fail(s, PIPELINE_ERR_MEMORY, s->p, "out of memory");
        b->data = d;
        b->cap = ncap;
    }
    memcpy(b->data + b->len, src, n);
    b->len += n;
    return 0;
}

static int scan_hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* The 4 hex digits of a \u escape at p (the backslash). */
static int scan_hex4(scan *s, const uint8_t *p, uint32_t *cp)
{
    uint32_t v = 0;
    for (int i = 0; i < SCAN_HEX_DIGITS; i++) {
        const uint8_t *d = p + 2 + i;
        if (d >= s->end)
            return scan_fail_eof(s);
        int h = scan_hex_value(*d);
        if (h < 0)
            return scan_fail(s, PIPELINE_ERR_SYNTAX, d,
                             "invalid \\u escape: expected 4 hex digits");
        v = v << 4 | (uint32_t)h;
    }
    *cp = v;
    return 0;
}

/* Reads the string at s->p (its opening quote). buf NULL: validate only;
 * else *out is the decoded value (raw bytes when there is no escape). */
static int scan_string(scan *s, scan_buf *buf, scan_text *out)
{
    const uint8_t *start = s->p + 1, *end = s->end;
    const uint8_t *p = start, *seg = start;
    int decoding = 0;
    for (;;) {
        p = s->find(p, end);
        if (p >= end)
            return scan_fail_eof(s);
        uint8_t c = *p;
        if (c == '"')
            goto closed;
        if (c >= 0x80) {
            int n = utf8_check(p, end);
            if (n > 0) {
                p += n;
                continue;
            }
            if (n < 0)
                return scan_fail_eof(s);
            return scan_fail(s, PIPELINE_ERR_SYNTAX, p,
                             "invalid UTF-8 in string (byte 0x%02x)", c);
        }
        if (c != '\\')
            return scan_fail(s, PIPELINE_ERR_SYNTAX, p,
                             "control character 0x%02x in string must be escaped",
                             c);
        /* an escape */
        if (buf != NULL) {
            if (!decoding) {
                decoding = 1;
                buf->len = 0;
            }
            if (scan_buf_append(s, buf, seg, (size_t)(p - seg)) != 0)
                return -1;
        }
        if (p + 1 >= end)
            return scan_fail_eof(s);
        uint8_t e = p[1], lit;
        switch (e) {
        case '"': lit = '"'; break;
        case '\\': lit = '\\'; break;
        case '/': lit = '/'; break;
        case 'b': lit = '\b'; break;
        case 'f': lit = '\f'; break;
        case 'n': lit = '\n'; break;
        case 'r': lit = '\r'; break;
        case 't': lit = '\t'; break;
        case 'u': {
            uint32_t cp = 0;
            if (scan_hex4(s, p, &cp) != 0)
                return -1;
            size_t used = SCAN_ESCAPE_LEN;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                /* joined with a following low surrogate escape, as CPython
                 * does; otherwise it stays a lone surrogate */
                const uint8_t *q = p + SCAN_ESCAPE_LEN;
                if (q >= end || (q[0] == '\\' && q + 1 >= end))
                    return scan_fail_eof(s);
                if (q[0] == '\\' && q[1] == 'u') {
                    uint32_t lo = 0;
                    if (scan_hex4(s, q, &lo) != 0)
                        return -1;
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        used += SCAN_ESCAPE_LEN;
                    }
                }
            }
            if (decoding) {
                uint8_t tmp[UTF8_MAX_BYTES];
                if (scan_buf_append(s, buf, tmp, utf8_encode(cp, tmp)) != 0)
                    return -1;
            }
            p += used;
            seg = p;
            continue;
        }
        default:
            return scan_fail(s, PIPELINE_ERR_SYNTAX, p,
                             "invalid escape '\\%c' in string",
                             e >= 0x21 && e < 0x7f ? e : '?');
        }
        if (decoding && scan_buf_append(s, buf, &lit, 1) != 0)
            return -1;
        p += 2;
        seg = p;
    }
closed:
    if (out != NULL) {
        if (decoding) {
            if (scan_buf_append(s, buf, seg, (size_t)(p - seg)) != 0)
                return -1;
            out->ptr = (const char *)buf->data;
            out->len = buf->len;
        } else {
            out->ptr = (const char *)start;
            out->len = (size_t)(p - start);
        }
    }
    s->p = p + 1;
    return 0;
}

/* ---- numbers and literals --------------------------------------------- */

static int scan_is_digit(uint8_t c)
{
    return (unsigned)(c - '0') < 10;
}

/* Reads the number at s->p: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int scan_number(scan *s, const uint8_t **num, size_t *len, int *is_int)
{
    const uint8_t *p = s->p, *end = s->end, *start = p;
    int integral = 1;
    if (*p == '-' && ++p >= end)
        return scan_fail_eof(s);
    if (*p == '0') {
        p++;
        if (p < end && scan_is_digit(*p))
            return scan_fail(s, PIPELINE_ERR_SYNTAX, start,
                             "leading zero in number");
    } else if (scan_is_digit(*p)) {
        while (++p < end && scan_is_digit(*p))
            ;
    } else if (*p == 'I') {
        return scan_fail(s, PIPELINE_ERR_SYNTAX, start, "-Infinity is not JSON");
    } else {
        return scan_fail(s, PIPELINE_ERR_SYNTAX, p, "expected a digit in number");
    }
    if (p < end && *p == '.') {
        integral = 0;
        if (++p >= end)
            return scan_fail_eof(s);
        if (!scan_is_digit(*p))
            return scan_fail(s, PIPELINE_ERR_SYNTAX, p,
                             "expected a digit after the decimal point");
        while (++p < end && scan_is_digit(*p))
            ;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        integral = 0;
        if (++p >= end)
            return scan_fail_eof(s);
        if ((*p == '+' || *p == '-') && ++p >= end)
            return scan_fail_eof(s);
        if (!scan_is_digit(*p))
            return scan_fail(s, PIPELINE_ERR_SYNTAX, p,
                             "expected a digit in the exponent");
        while (++p < end && scan_is_digit(*p))
            ;
    }
    *num = start;
    *len = (size_t)(p - start);
    *is_int = integral;
    s->p = p;
    return 0;
}

static int scan_literal(scan *s)
{
    static const char *const words[] = {"true", "false", "null"};
    const uint8_t *p = s->p;
    const char *w = *p == 't' ? words[0] : *p == 'f' ? words[1] : words[2];
    size_t n = strlen(w);
    size_t have = (size_t)(s->end - p);
    size_t cmp = have < n ? have : n;
    if (memcmp(p, w, cmp) != 0)
        return scan_fail(s, PIPELINE_ERR_SYNTAX, p, "invalid literal");
    if (have < n)
        return scan_fail_eof(s);
    s->p = p + n;
    return 0;
}

/* ---- skipping any value ----------------------------------------------- */

static int scan_open(scan *s, uint64_t *stack, int *d, int depth, int is_obj)
{
    if (depth + *d + 1 > PIPELINE_MAX_DEPTH)
        return scan_fail(s, PIPELINE_ERR_DEPTH, s->p,
                         "nesting deeper than %d levels", PIPELINE_MAX_DEPTH);
    uint64_t bit = (uint64_t)1 << (*d % 64);
    if (is_obj)
        stack[*d / 64] |= bit;
    else
        stack[*d / 64] &= ~bit;
    (*d)++;
    s->p++;
    return 0;
}

static int scan_top_is_obj(const uint64_t *stack, int d)
{
    return (int)(stack[(d - 1) / 64] >> ((d - 1) % 64)) & 1;
}

int scan_skip(scan *s, int depth)
{
    uint64_t stack[SCAN_STACK_WORDS];
    int d = 0;
value:
    if (scan_ws(s) != 0)
        return -1;
    switch (*s->p) {
    case '{':
        if (scan_open(s, stack, &d, depth, 1) != 0 || scan_ws(s) != 0)
            return -1;
        if (*s->p == '}') {
            s->p++;
            d--;
            goto after;
        }
        goto key;
    case '[':
        if (scan_open(s, stack, &d, depth, 0) != 0 || scan_ws(s) != 0)
            return -1;
        if (*s->p == ']') {
            s->p++;
            d--;
            goto after;
        }
        goto value;
    case '"':
        if (scan_string(s, NULL, NULL) != 0)
            return -1;
        goto after;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': {
        const uint8_t *num;
        size_t len;
        int is_int;
        if (scan_number(s, &num, &len, &is_int) != 0)
            return -1;
        goto after;
    }
    case 't': case 'f': case 'n':
        if (scan_literal(s) != 0)
            return -1;
        goto after;
    default:
        return scan_unexpected(s, s->p, "a JSON value");
    }
key:
    if (*s->p != '"')
        return scan_unexpected(s, s->p, "a string key");
    if (scan_string(s, NULL, NULL) != 0 || scan_ws(s) != 0)
        return -1;
    if (*s->p != ':')
        return scan_unexpected(s, s->p, "':'");
    s->p++;
    goto value;
after:
    if (d == 0)
        return 0;
    if (scan_ws(s) != 0)
        return -1;
    {
        int obj = scan_top_is_obj(stack, d);
        uint8_t c = *s->p;
        if (c == ',') {
            s->p++;
            if (scan_ws(s) != 0)
                return -1;
            if (obj)
                goto key;
            goto value;
        }
        if (c == (obj ? '}' : ']')) {
            s->p++;
            d--;
            goto after;
        }
        return scan_unexpected(s, s->p, obj ? "',' or '}'" : "',' or ']'");
    }
}

/* ---- the event object ---------------------------------------------------- */

enum scan_key {
    SCAN_KEY_OTHER,
    SCAN_KEY_USER_ID,
    SCAN_KEY_EVENT_TYPE,
    SCAN_KEY_TIMESTAMP,
    SCAN_KEY_METADATA,
    SCAN_KEY_PAGE,
    SCAN_KEY_AMOUNT
};

static int scan_key_is(const scan_text *k, const char *name, size_t n)
{
    return k->len == n && memcmp(k->ptr, name, n) == 0;
}

#define SCAN_KEY_IS(k, lit) scan_key_is((k), (lit), sizeof(lit) - 1)

static enum scan_key scan_event_key(const scan_text *k)
{
    if (SCAN_KEY_IS(k, "user_id"))
        return SCAN_KEY_USER_ID;
    if (SCAN_KEY_IS(k, "event_type"))
        return SCAN_KEY_EVENT_TYPE;
    if (SCAN_KEY_IS(k, "timestamp"))
        return SCAN_KEY_TIMESTAMP;
    if (SCAN_KEY_IS(k, "metadata"))
        return SCAN_KEY_METADATA;
    return SCAN_KEY_OTHER;
}

static enum scan_key scan_metadata_key(const scan_text *k)
{
    if (SCAN_KEY_IS(k, "page"))
        return SCAN_KEY_PAGE;
    if (SCAN_KEY_IS(k, "amount"))
        return SCAN_KEY_AMOUNT;
    return SCAN_KEY_OTHER;
}

static int scan_starts_number(uint8_t c)
{
    return c == '-' || scan_is_digit(c);
}

/* Reads a string field's value, or skips a value of another type. */
static int scan_string_field(scan *s, scan_buf *buf, int depth,
                             scan_field_state *state, scan_text *out,
                             size_t *at)
{
    *at = (size_t)(s->p - s->base);
    if (*s->p == '"') {
        *state = SCAN_PRESENT;
        return scan_string(s, buf, out);
    }
    *state = SCAN_WRONG_TYPE;
    return scan_skip(s, depth);
}

static int scan_number_field(scan *s, int depth, scan_field_state *state,
                             const uint8_t **num, size_t *len, int *is_int,
                             size_t *at)
{
    *at = (size_t)(s->p - s->base);
    if (scan_starts_number(*s->p)) {
        *state = SCAN_PRESENT;
        return scan_number(s, num, len, is_int);
    }
    *state = SCAN_WRONG_TYPE;
    return scan_skip(s, depth);
}

/* After a member's value: ',' then the next key's quote, or the closing
 * '}'. Returns 1 for another member, 0 at the end, -1 on error. */
static int scan_next_member(scan *s)
{
    if (scan_ws(s) != 0)
        return -1;
    if (*s->p == ',') {
        s->p++;
        if (scan_ws(s) != 0)
            return -1;
        if (*s->p != '"')
            return scan_unexpected(s, s->p, "a string key");
        return 1;
    }
    if (*s->p == '}') {
        s->p++;
        return 0;
    }
    return scan_unexpected(s, s->p, "',' or '}'");
}

/* 1 if the bytes at p are the quoted key lit, plainly (no escapes can be
 * inside: the closing quote follows the name). lit is a string literal, so
 * the compare has a constant size and compiles to a few instructions. */
#define SCAN_RAW_KEY(p, end, lit)                                          \
    ((size_t)((end) - (p)) > sizeof(lit) &&                                \
     memcmp((p) + 1, lit "\"", sizeof(lit)) == 0)

/* The key at s->p, then ':' and the whitespace before the value. The keys
 * the pipeline looks for are first tried as plain bytes, which spares the
 * general string scan for them. */
static int scan_member_key(scan *s, scan_text *key)
{
    const uint8_t *p = s->p, *end = s->end;
    const char *name = NULL;
    size_t n = 0;
#define SCAN_TRY(lit)                                                      \
    if (SCAN_RAW_KEY(p, end, lit)) {                                       \
        name = lit;                                                        \
        n = sizeof(lit) - 1;                                               \
    }
    switch (p + 1 < end ? p[1] : 0) {
    case 'u': SCAN_TRY("user_id"); break;
    case 'e': SCAN_TRY("event_type"); break;
    case 't': SCAN_TRY("timestamp"); break;
    case 'm': SCAN_TRY("metadata"); break;
    case 'p': SCAN_TRY("page"); break;
    case 'a': SCAN_TRY("amount"); break;
    default: break;
    }
#undef SCAN_TRY
    if (name != NULL) {
        key->ptr = name;
        key->len = n;
        s->p += n + 2;
    } else if (scan_string(s, &s->key, key) != 0) {
        return -1;
    }
    if (scan_ws(s) != 0)
        return -1;
    if (*s->p != ':')
        return scan_unexpected(s, s->p, "':'");
    s->p++;
    return scan_ws(s);
}

/* The metadata object at s->p ('{'). */
static int scan_metadata(scan *s, scan_fields *ev)
{
    int is_int;
    ev->page_state = SCAN_MISSING;
    ev->amount_state = SCAN_MISSING;
    if (SCAN_METADATA_DEPTH > PIPELINE_MAX_DEPTH)
        return scan_fail(s, PIPELINE_ERR_DEPTH, s->p, "nesting too deep");
    s->p++;
    if (scan_ws(s) != 0)
        return -1;
    if (*s->p == '}') {
        s->p++;
        return 0;
    }
    if (*s->p != '"')
        return scan_unexpected(s, s->p, "a string key or '}'");
    for (;;) {
        scan_text key;
        if (scan_member_key(s, &key) != 0)
            return -1;
        int rc;
        switch (scan_metadata_key(&key)) {
        case SCAN_KEY_PAGE:
            rc = scan_string_field(s, &s->page, SCAN_METADATA_DEPTH,
                                   &ev->page_state, &ev->page, &ev->page_at);
            break;
        case SCAN_KEY_AMOUNT:
            rc = scan_number_field(s, SCAN_METADATA_DEPTH, &ev->amount_state,
                                   &ev->amount_num, &ev->amount_len, &is_int,
                                   &ev->amount_at);
            break;
        default:
            rc = scan_skip(s, SCAN_METADATA_DEPTH);
            break;
        }
        if (rc != 0)
            return -1;
        rc = scan_next_member(s);
        if (rc <= 0)
            return rc;
    }
}

/* ---- the fast path for the common event shape ------------------------- */

/* Bytes scan_quick_number() needs after a number's start: 7 digits, '.',
 * 7 digits and the next byte, read 8 at a time. */
#define SCAN_QUICK_NUMBER_ROOM (2 * sizeof(uint64_t) + 2)

/* Bytes one SSE2 step of scan_quick_string looks at. */
#define SCAN_QUICK_STEP 16
/* Most user ids have fewer digits; more go the general way, which also
 * checks the int64 range. */
#define SCAN_QUICK_ID_DIGITS 18

static inline uint64_t scan_load64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint16_t scan_load16(const void *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline uint32_t scan_load32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* 8 bytes as a little-endian number: lane 0 (the low byte) is the first
 * byte, on any machine, as the SWAR steps below expect. */
static inline uint64_t scan_load64_le(const void *p)
{
    uint64_t v = scan_load64(p);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/* SWAR constants: the byte b in every lane of a 64-bit word. */
#define SCAN_LANES(b) (UINT64_C(0x0101010101010101) * (uint8_t)(b))

/* The number of leading ASCII digits in the 8 bytes of w (little-endian
 * lane order: lane 0 is the first byte), 0 to 8. No branch depends on the
 * digits, so numbers of any length cost the same.
 *
 * A lane is a digit when its high nibble is 3 and adding 6 keeps it 3. An
 * add can carry into the next lane only from a lane that is not a digit,
 * so the lanes before the first non-digit are judged right. */
static inline uint64_t scan_count_digits8(uint64_t w)
{
    uint64_t high = SCAN_LANES(0xF0), three = SCAN_LANES('0');
    uint64_t bad = ((w & high) ^ three) |
                   (((w + SCAN_LANES(6)) & high) ^ three);
    /* bad lanes have a low nibble of 0: halved, adding 0x7F sets the top
     * bit of exactly the nonzero lanes, without carries */
    uint64_t flags = ((bad >> 1) + SCAN_LANES(0x7F)) & SCAN_LANES(0x80);
    return flags != 0 ? (uint64_t)__builtin_ctzll(flags) / 8 : sizeof(uint64_t);
}

/* The same count; when it is 1 to 7, *value is the digits' decimal value
 * too (8 is left to the caller). */
static inline uint64_t scan_digits8(uint64_t w, uint64_t *value)
{
    uint64_t three = SCAN_LANES('0');
    uint64_t n = scan_count_digits8(w);
    if (n == 0 || n == sizeof(uint64_t))
        return n;
    /* the n digits' values moved to the top lanes, zeros before them,
     * then summed pairwise: 2 digits per lane, 4, then 8 */
    uint64_t x = (w - three) << (8 * (sizeof(uint64_t) - n));
    x = (x * 10 + (x >> 8)) & UINT64_C(0x00FF00FF00FF00FF);
    x = (x * 100 + (x >> 16)) & UINT64_C(0x0000FFFF0000FFFF);
    x = (x * 10000 + (x >> 32)) & UINT64_C(0xFFFFFFFF);
    *value = x;
    return n;
}

/* 1 if the n bytes at p are those at lit, for n <= 24: up to three
 * (overlapping) loads a side. lit and n are constants at every call, so
 * this folds to two or four compares of immediates (memcmp stays a
 * library call for these sizes). */
static inline __attribute__((always_inline)) int
scan_same(const uint8_t *p, const char *lit, size_t n)
{
    if (n > 2 * sizeof(uint64_t) &&
        scan_load64(p + sizeof(uint64_t)) != scan_load64(lit + sizeof(uint64_t)))
        return 0;
    if (n >= sizeof(uint64_t))
        return ((scan_load64(p) ^ scan_load64(lit)) |
                (scan_load64(p + n - sizeof(uint64_t)) ^
                 scan_load64(lit + n - sizeof(uint64_t)))) == 0;
    if (n >= sizeof(uint32_t))
        return ((scan_load32(p) ^ scan_load32(lit)) |
                (scan_load32(p + n - sizeof(uint32_t)) ^
                 scan_load32(lit + n - sizeof(uint32_t)))) == 0;
    if (n >= sizeof(uint16_t))
        return ((scan_load16(p) ^ scan_load16(lit)) |
                (scan_load16(p + n - sizeof(uint16_t)) ^
                 scan_load16(lit + n - sizeof(uint16_t)))) == 0;
    return n == 0 || p[0] == (uint8_t)lit[0];
}

/* The longest literal scan_same() compares. */
#define SCAN_SAME_MAX (3 * sizeof(uint64_t))

/* 1 if the bytes at p are the string literal lit (within end); a literal
 * too long for scan_same() does not compile. */
#define SCAN_EXPECT(p, end, lit)                                           \
    ((void)sizeof(char[sizeof(lit) - 1 <= SCAN_SAME_MAX ? 1 : -1]),        \
     (size_t)((end) - (p)) >= sizeof(lit) - 1 &&                           \
     scan_same((p), lit, sizeof(lit) - 1))

/* The end of the number at p when it is a plain one, [1-9][0-9]{0,6} or 0,
 * then optionally '.' and 1 to 7 digits (every number the generator
 * writes); NULL for anything else (a sign, an exponent, more digits, the
 * end of the input near), which scan_number() then reads. */
static inline __attribute__((always_inline)) const uint8_t *
scan_quick_number(const scan *s, const uint8_t *p)
{
    if ((size_t)(s->end - p) < SCAN_QUICK_NUMBER_ROOM)
        return NULL;
    uint64_t n = scan_count_digits8(scan_load64_le(p));
    if (n == 0 || n == sizeof(uint64_t) || (p[0] == '0' && n > 1))
        return NULL;
    p += n;
    if (*p == '.') {
        n = scan_count_digits8(scan_load64_le(p + 1));
        if (n == 0 || n == sizeof(uint64_t))
            return NULL;
        p += 1 + n;
    }
    return (*p | 0x20) == 'e' ? NULL : p;
}

/* A plain string (no escape, ASCII only) whose opening quote is at p: its
 * closing quote, or NULL when the string is anything else. Most strings
 * here are short, so one inline SSE2 step is tried before s->find; it
 * tells the closing quote from the other special bytes by their masks,
 * without reading the byte found again (that load would lengthen the
 * chain of dependent steps from one string to the next). */
static inline __attribute__((always_inline)) const uint8_t *
scan_quick_string(const scan *s, const uint8_t *p)
{
    const uint8_t *q = p + 1;
#if SCAN_HAVE_SSE2
    if (s->quick && s->end - q >= SCAN_QUICK_STEP) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        /* signed: bytes >= 0x80 are negative, so one compare finds both
         * control characters and non-ASCII */
        unsigned quote = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
        unsigned other = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))));
        if (quote != 0)     /* plain if nothing special comes before it */
            return (other & ((quote & -quote) - 1)) == 0
                       ? q + __builtin_ctz(quote)
                       : NULL;
        if (other != 0)
            return NULL;
        q += SCAN_QUICK_STEP;
    }
#endif
    q = s->find(q, s->end);
    return q < s->end && *q == '"' ? q : NULL;
}

/* Reads the event at s->p if it has the exact shape the generator writes,
 *
 *     {"user_id": N, "event_type": "T", "timestamp": "YYYY-MM-DDTHH:MM:SS+HH:MM",
 *      "metadata": {"k": V, ...}}
 *
 * with single spaces, plain ASCII strings, and scalar metadata values.
 * Returns 0 with *ev filled as scan_event_general would fill it, or 1 when
 * the event is anything else: then nothing is decided, and the general
 * path reads the event again from the start (it alone reports errors). */
static int scan_event_fast(scan *s, scan_fields *ev)
{
    const uint8_t *p = s->p, *end = s->end, *base = s->base, *q;

    if (!SCAN_EXPECT(p, end, "{\"user_id\": "))
        return 1;
    p += sizeof("{\"user_id\": ") - 1;
    ev->user_at = (size_t)(p - base);
    {
        const uint8_t *d = p;
        uint64_t v = 0;
        size_t n = (size_t)(end - p) >= sizeof(uint64_t)
                       ? scan_digits8(scan_load64_le(p), &v)
                       : sizeof(uint64_t);
        if (n < sizeof(uint64_t)) {
            d = p + n;
        } else {
            /* 8 digits or more, or near the end: one at a time */
            while (d < end && (unsigned)(*d - '0') < 10 &&
                   d - p < SCAN_QUICK_ID_DIGITS) {
                v = v * 10 + (unsigned)(*d - '0');
                d++;
            }
        }
        if (d == p || (*p == '0' && d - p > 1) || !SCAN_EXPECT(d, end, ", \"event_type\": \""))
            return 1;
        ev->user_state = SCAN_PRESENT;
        ev->user_num = p;
        ev->user_len = (size_t)(d - p);
        ev->user_is_int = 1;
        ev->user_parsed = 1;
        ev->user_value = (int64_t)v;
        p = d + sizeof(", \"event_type\": ") - 1;
    }
    ev->type_at = (size_t)(p - base);
    if ((q = scan_quick_string(s, p)) == NULL)
        return 1;
    ev->type_state = SCAN_PRESENT;
    ev->type.ptr = (const char *)p + 1;
    ev->type.len = (size_t)(q - p - 1);
    p = q + 1;
    if (!SCAN_EXPECT(p, end, ", \"timestamp\": \""))
        return 1;
    p += sizeof(", \"timestamp\": ") - 1;
    if ((size_t)(end - p) < TIMESTAMP_PLAIN_LEN + 2 ||
        p[TIMESTAMP_PLAIN_LEN + 1] != '"' ||
        timestamp_parse_plain((const char *)p + 1, &ev->ts_epoch_us) != 0)
        return 1;
    ev->ts_at = (size_t)(p - base);
    ev->ts_state = SCAN_PRESENT;
    ev->ts_parsed = 1;
    ev->ts.ptr = (const char *)p + 1;
    ev->ts.len = TIMESTAMP_PLAIN_LEN;
    p += TIMESTAMP_PLAIN_LEN + 2;
    if (!SCAN_EXPECT(p, end, ", \"metadata\": {"))
        return 1;
    p += sizeof(", \"metadata\": ") - 1;
    ev->md_at = (size_t)(p - base);
    ev->md_state = SCAN_PRESENT;
    ev->page_state = SCAN_MISSING;
    ev->amount_state = SCAN_MISSING;
    p++;
    if (p < end && *p == '}') {
        p++;
    } else {
        for (;;) {
            /* a key, then ": "; "page" (the generator's first key) is
             * tried as plain bytes first, so that finding where its value
             * starts waits for no search */
            int is_page = 0, is_amount = 0;
            if (SCAN_EXPECT(p, end, "\"page\": ")) {
                is_page = 1;
                p += sizeof("\"page\": ") - 1;
            } else {
                if (p >= end || *p != '"' ||
                    (q = scan_quick_string(s, p)) == NULL)
                    return 1;
                const uint8_t *key = p + 1;
                size_t klen = (size_t)(q - key);
                if (!SCAN_EXPECT(q + 1, end, ": "))
                    return 1;
                is_page = klen == 4 && scan_same(key, "page", 4);
                is_amount = klen == 6 && scan_same(key, "amount", 6);
                p = q + 3;
            }
            if (p >= end)
                return 1;
            if (is_page) {
                if (*p != '"' || (q = scan_quick_string(s, p)) == NULL)
                    return 1;
                ev->page_state = SCAN_PRESENT;
                ev->page_at = (size_t)(p - base);
                ev->page.ptr = (const char *)p + 1;
                ev->page.len = (size_t)(q - p - 1);
                p = q + 1;
            } else if (is_amount) {
                int is_int;
                if (!scan_starts_number(*p))
                    return 1;
                ev->amount_at = (size_t)(p - base);
                if ((q = scan_quick_number(s, p)) != NULL) {
                    ev->amount_num = p;
                    ev->amount_len = (size_t)(q - p);
                    p = q;
                } else {
                    s->p = p;
                    if (scan_number(s, &ev->amount_num, &ev->amount_len,
                                    &is_int) != 0)
                        return 1;
                    p = s->p;
                }
                ev->amount_state = SCAN_PRESENT;
            } else if (*p == '"') {
                if ((q = scan_quick_string(s, p)) == NULL)
                    return 1;
                p = q + 1;
            } else if ((q = scan_quick_number(s, p)) != NULL) {
                p = q;
            } else if (scan_starts_number(*p)) {
                const uint8_t *num;
                size_t len;
                int is_int;
                s->p = p;
                if (scan_number(s, &num, &len, &is_int) != 0)
                    return 1;
                p = s->p;
            } else {
                return 1;       /* literals, containers: the general way */
            }
            if (SCAN_EXPECT(p, end, ", \"")) {
                p += 2;
                continue;
            }
            if (p < end && *p == '}') {
                p++;
                break;
            }
            return 1;
        }
    }
    if (p >= end || *p != '}')
        return 1;
    s->p = p + 1;
    return 0;
}

/* Reads any event object, validating all of it; scan_event() for events
 * the fast path does not take. */
static int scan_event_general(scan *s, scan_fields *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->start = (size_t)(s->p - s->base);
    if (*s->p != '{') {
        uint8_t c = *s->p;
        if (c == '[' || c == '"' || scan_starts_number(c) || c == 't' ||
            c == 'f' || c == 'n')
            return scan_fail(s, PIPELINE_ERR_SCHEMA, s->p,
                             "event is not an object");
        return scan_unexpected(s, s->p, "an event object");
    }
    s->p++;
    if (scan_ws(s) != 0)
        return -1;
    if (*s->p == '}') {
        s->p++;
        return 0;
    }
    if (*s->p != '"')
        return scan_unexpected(s, s->p, "a string key or '}'");
    for (;;) {
        scan_text key;
        if (scan_member_key(s, &key) != 0)
            return -1;
        int rc;
        switch (scan_event_key(&key)) {
        case SCAN_KEY_USER_ID:
            rc = scan_number_field(s, SCAN_EVENT_DEPTH, &ev->user_state,
                                   &ev->user_num, &ev->user_len,
                                   &ev->user_is_int, &ev->user_at);
            break;
        case SCAN_KEY_EVENT_TYPE:
            rc = scan_string_field(s, &s->type, SCAN_EVENT_DEPTH,
                                   &ev->type_state, &ev->type, &ev->type_at);
            break;
        case SCAN_KEY_TIMESTAMP:
            if ((size_t)(s->end - s->p) > TIMESTAMP_PLAIN_LEN + 1 &&
                s->p[0] == '"' && s->p[TIMESTAMP_PLAIN_LEN + 1] == '"' &&
                timestamp_parse_plain((const char *)s->p + 1,
                                      &ev->ts_epoch_us) == 0) {
                /* the common form, read already: digits and separators
                 * only, so no escapes, no control or non-ASCII bytes */
                ev->ts_at = (size_t)(s->p - s->base);
                ev->ts_state = SCAN_PRESENT;
                ev->ts_parsed = 1;
                ev->ts.ptr = (const char *)s->p + 1;
                ev->ts.len = TIMESTAMP_PLAIN_LEN;
                s->p += TIMESTAMP_PLAIN_LEN + 2;
                rc = 0;
                break;
            }
            ev->ts_parsed = 0;
            rc = scan_string_field(s, &s->ts, SCAN_EVENT_DEPTH, &ev->ts_state,
                                   &ev->ts, &ev->ts_at);
            break;
        case SCAN_KEY_METADATA:
            ev->md_at = (size_t)(s->p - s->base);
            if (*s->p == '{') {
                ev->md_state = SCAN_PRESENT;
                rc = scan_metadata(s, ev);
            } else {
                ev->md_state = SCAN_WRONG_TYPE;
                ev->page_state = SCAN_MISSING;
                ev->amount_state = SCAN_MISSING;
                rc = scan_skip(s, SCAN_EVENT_DEPTH);
            }
            break;
        default:
            rc = scan_skip(s, SCAN_EVENT_DEPTH);
            break;
        }
        if (rc != 0)
            return -1;
        rc = scan_next_member(s);
        if (rc <= 0)
            return rc;
    }
}

int scan_event(scan *s, scan_fields *ev)
{
    const uint8_t *start = s->p;
    /* no memset here: the fast path sets every field it reports (a memset
     * of the whole struct costs more than the rest of a fast event) */
    ev->start = (size_t)(start - s->base);
    if (scan_event_fast(s, ev) == 0)
        return 0;
    s->p = start;
    s->eof = 0;
    return scan_event_general(s, ev);
}
