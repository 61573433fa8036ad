/*
 * events.c - the study's event generator, byte-identical to its Python
 * original (shared/spec/pipeline.md section 1.1). See events.h.
 *
 * The draws follow the Python program statement by statement; the text
 * follows json.dumps. Numbers are formatted by hand rather than with
 * snprintf: the integers are small and non-negative, the two-decimal amounts
 * have a known shortest form (events_format_cents), and snprintf per field
 * would be most of the run time.
 */
#include "gen/events.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen/mt19937.h"

/* The generator's vocabulary, in the study's order: choice() indexes into
 * these, so the order is part of the data. */
enum event_type {
    TYPE_PAGE_VIEW,
    TYPE_CLICK,
    TYPE_PURCHASE,
    TYPE_SIGNUP,
    TYPE_LOGOUT,
    TYPE_SEARCH,
    TYPE_ADD_TO_CART,
    TYPE_REMOVE_FROM_CART,
    TYPE_CHECKOUT_START,
    TYPE_ERROR,
    TYPE_COUNT
};

static const char *const event_type_names[TYPE_COUNT] = {
    "page_view", "click", "purchase", "signup", "logout",
    "search", "add_to_cart", "remove_from_cart", "checkout_start", "error",
};

static const char *const pages[] = {
    "/home", "/products", "/products/123", "/cart", "/checkout",
    "/account", "/search", "/about", "/contact", "/blog",
};

static const char *const search_terms[] = {
    "python", "laptop", "headphones", "keyboard", "monitor",
    "mouse", "charger", "backpack", "shoes", "coffee",
};

static const int error_codes[] = {400, 404, 500, 502, 503};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* START = 2025-01-01T00:00:00 UTC as epoch seconds; RANGE = END - START
 * with END = 2025-12-31T23:59:59 UTC. */
#define EVENTS_START_EPOCH 1735689600
#define EVENTS_RANGE_SECONDS 31535999

/* The ranges of the study's randint() and uniform() calls. */
#define USER_ID_MIN 1
#define PURCHASE_AMOUNT_MIN 1.0
#define PURCHASE_AMOUNT_MAX 500.0
#define PURCHASE_ITEMS_MIN 1
#define PURCHASE_ITEMS_MAX 10
#define SEARCH_RESULTS_MIN 0
#define SEARCH_RESULTS_MAX 200
#define CLICK_BUTTON_MIN 1
#define CLICK_BUTTON_MAX 50
#define CART_PRODUCT_MIN 1000
#define CART_PRODUCT_MAX 9999
#define CART_QUANTITY_MIN 1
#define CART_QUANTITY_MAX 5
#define CART_PRICE_MIN 5.0
#define CART_PRICE_MAX 300.0

/* An upper bound on one event's text (the longest is about 200 bytes): the
 * buffer is flushed when less than this is left, so an event never needs a
 * bounds check of its own. */
#define EVENT_MAX_BYTES 512

/* Room for a uint64_t in decimal (20 digits). */
#define UINT_MAX_DIGITS 20

#define SECONDS_PER_DAY 86400
#define SECONDS_PER_HOUR 3600
#define SECONDS_PER_MINUTE 60
#define CENTS_PER_UNIT 100
#define DOUBLE_MANTISSA_BITS 53

/* ---- formatting ---------------------------------------------------------- */

/* Writes v in decimal; returns the length. */
static size_t format_uint(char *buf, uint64_t v)
{
    char tmp[UINT_MAX_DIGITS];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

/* Writes v as exactly `width` digits, zero-padded (v < 10**width). */
static void format_fixed(char *buf, unsigned v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        buf[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

int64_t events_round_cents(double x)
{
    assert(x >= 0.0 && x < 4503599627370496.0 /* 2**52 */);
    if (x == 0.0)
        return 0;

    /* x = mantissa * 2**-shift exactly, with a 53-bit integer mantissa.
     * Then 100 * x = mantissa * 100 * 2**-shift, and mantissa * 100 < 2**60
     * fits a uint64_t, so the rounding below is exact integer arithmetic,
     * not a floating-point approximation. */
    int exponent;
    double fraction = frexp(x, &exponent);          /* x = fraction * 2**exponent */
    uint64_t mantissa = (uint64_t)ldexp(fraction, DOUBLE_MANTISSA_BITS);
    int shift = DOUBLE_MANTISSA_BITS - exponent;    /* >= 1 since x < 2**52 */
    uint64_t scaled = mantissa * CENTS_PER_UNIT;
    if (shift >= 64)
        return 0;                                   /* 100 * x < 1/16 */

    uint64_t whole = scaled >> shift;
    uint64_t rest = scaled & ((UINT64_C(1) << shift) - 1);
    uint64_t half = UINT64_C(1) << (shift - 1);
    if (rest > half || (rest == half && (whole & 1) != 0))
        whole++;
    return (int64_t)whole;
}

size_t events_format_cents(char *buf, int64_t cents)
{
    assert(cents >= 0);
    uint64_t units = (uint64_t)cents / CENTS_PER_UNIT;
    unsigned hundredths = (unsigned)((uint64_t)cents % CENTS_PER_UNIT);
    size_t n = format_uint(buf, units);
    buf[n++] = '.';
    buf[n++] = (char)('0' + hundredths / 10);
    if (hundredths % 10 != 0)
        buf[n++] = (char)('0' + hundredths % 10);
    return n;
}

size_t events_format_timestamp(char *buf, int64_t epoch_seconds)
{
    /* Days since 1970-01-01 to a civil date: Howard Hinnant's
     * civil_from_days, exact for the proleptic Gregorian calendar. The
     * shift of 719468 days moves the epoch to 0000-03-01, so that leap days
     * fall at the end of each 400-year era's years. */
    int64_t days = epoch_seconds / SECONDS_PER_DAY;
    int64_t secs = epoch_seconds % SECONDS_PER_DAY;
    if (secs < 0) {
        secs += SECONDS_PER_DAY;
        days--;
    }
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;                       /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t year = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);   /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                        /* March = 0 */
    int64_t day = doy - (153 * mp + 2) / 5 + 1;
    int64_t month = mp < 10 ? mp + 3 : mp - 9;
    if (month <= 2)
        year++;

    assert(year >= 0 && year <= 9999);
    format_fixed(buf, (unsigned)year, 4);
    buf[4] = '-';
    format_fixed(buf + 5, (unsigned)month, 2);
    buf[7] = '-';
    format_fixed(buf + 8, (unsigned)day, 2);
    buf[10] = 'T';
    format_fixed(buf + 11, (unsigned)(secs / SECONDS_PER_HOUR), 2);
    buf[13] = ':';
    format_fixed(buf + 14, (unsigned)(secs % SECONDS_PER_HOUR / SECONDS_PER_MINUTE), 2);
    buf[16] = ':';
    format_fixed(buf + 17, (unsigned)(secs % SECONDS_PER_MINUTE), 2);
    memcpy(buf + 19, "+00:00", 6);
    return EVENTS_TIMESTAMP_CHARS;
}

/* ---- the output buffer ---------------------------------------------------- */

typedef struct events_out {
    FILE *file;
    char *buf;
    size_t len;
} events_out;

static void set_error(events_error *err, events_error_code code, const char *what)
{
    if (err == NULL)
        return;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", what);
}

static void set_io_error(events_error *err, int errnum)
{
    if (err == NULL)
        return;
    err->code = EVENTS_ERR_IO;
    snprintf(err->message, sizeof err->message, "cannot write events: %s",
             errnum != 0 ? strerror(errnum) : "write error");
}

static int out_flush(events_out *o, events_error *err)
{
    if (o->len == 0)
        return 0;
    errno = 0;
    if (fwrite(o->buf, 1, o->len, o->file) != o->len) {
        set_io_error(err, errno);
        return -1;
    }
    o->len = 0;
    return 0;
}

/* Appends a string of known length; the caller has made room (see
 * EVENT_MAX_BYTES). */
static inline void out_bytes(events_out *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

#define OUT_LITERAL(o, lit) out_bytes((o), (lit), sizeof(lit) - 1)

static inline void out_str(events_out *o, const char *s)
{
    out_bytes(o, s, strlen(s));
}

static inline void out_uint(events_out *o, uint64_t v)
{
    o->len += format_uint(o->buf + o->len, v);
}

static inline void out_cents(events_out *o, double amount)
{
    o->len += events_format_cents(o->buf + o->len, events_round_cents(amount));
}

/* ---- the generator -------------------------------------------------------- */

/* Draws one event and appends its text, following the study's program
 * statement by statement: the order of the draws is the data. */
static void write_event(mt19937 *mt, events_out *o)
{
    int64_t user_id = mt19937_randint(mt, USER_ID_MIN, EVENTS_USERS);
    uint32_t type = mt19937_randbelow(mt, TYPE_COUNT);
    int64_t ts = EVENTS_START_EPOCH + mt19937_randint(mt, 0, EVENTS_RANGE_SECONDS);
    const char *page = pages[mt19937_randbelow(mt, COUNT_OF(pages))];

    OUT_LITERAL(o, "{\"user_id\": ");
    out_uint(o, (uint64_t)user_id);
    OUT_LITERAL(o, ", \"event_type\": \"");
    out_str(o, event_type_names[type]);
    OUT_LITERAL(o, "\", \"timestamp\": \"");
    o->len += events_format_timestamp(o->buf + o->len, ts);
    OUT_LITERAL(o, "\", \"metadata\": {\"page\": \"");
    out_str(o, page);
    OUT_LITERAL(o, "\"");

    switch (type) {
    case TYPE_PURCHASE: {
        double amount = mt19937_uniform(mt, PURCHASE_AMOUNT_MIN, PURCHASE_AMOUNT_MAX);
        OUT_LITERAL(o, ", \"amount\": ");
        out_cents(o, amount);
        OUT_LITERAL(o, ", \"currency\": \"USD\", \"item_count\": ");
        out_uint(o, (uint64_t)mt19937_randint(mt, PURCHASE_ITEMS_MIN, PURCHASE_ITEMS_MAX));
        break;
    }
    case TYPE_SEARCH: {
        const char *term = search_terms[mt19937_randbelow(mt, COUNT_OF(search_terms))];
        OUT_LITERAL(o, ", \"query\": \"");
        out_str(o, term);
        OUT_LITERAL(o, "\", \"results_count\": ");
        out_uint(o, (uint64_t)mt19937_randint(mt, SEARCH_RESULTS_MIN, SEARCH_RESULTS_MAX));
        break;
    }
    case TYPE_CLICK:
        OUT_LITERAL(o, ", \"element_id\": \"btn-");
        out_uint(o, (uint64_t)mt19937_randint(mt, CLICK_BUTTON_MIN, CLICK_BUTTON_MAX));
        OUT_LITERAL(o, "\"");
        break;
    case TYPE_ERROR:
        OUT_LITERAL(o, ", \"error_code\": ");
        out_uint(o, (uint64_t)error_codes[mt19937_randbelow(mt, COUNT_OF(error_codes))]);
        OUT_LITERAL(o, ", \"message\": \"Error on ");
        out_str(o, page);
        OUT_LITERAL(o, "\"");
        break;
    case TYPE_ADD_TO_CART: {
        /* Three draws, in the study's order (the text follows them). */
        int64_t product = mt19937_randint(mt, CART_PRODUCT_MIN, CART_PRODUCT_MAX);
        int64_t quantity = mt19937_randint(mt, CART_QUANTITY_MIN, CART_QUANTITY_MAX);
        double price = mt19937_uniform(mt, CART_PRICE_MIN, CART_PRICE_MAX);
        OUT_LITERAL(o, ", \"product_id\": ");
        out_uint(o, (uint64_t)product);
        OUT_LITERAL(o, ", \"quantity\": ");
        out_uint(o, (uint64_t)quantity);
        OUT_LITERAL(o, ", \"price\": ");
        out_cents(o, price);
        break;
    }
    default:
        break;      /* the other types carry the page only */
    }
    OUT_LITERAL(o, "}}");
}

int events_write(FILE *out, uint64_t count, uint64_t seed, events_error *err)
{
    int status = -1;
    events_out o = {out, NULL, 0};
    mt19937 mt;

    o.buf = malloc(EVENTS_BUFFER_BYTES);
    if (o.buf == NULL) {
        set_error(err, EVENTS_ERR_MEMORY, "out of memory for the output buffer");
        goto cleanup;
    }
    mt19937_seed(&mt, seed);

    OUT_LITERAL(&o, "[");
    for (uint64_t i = 0; i < count; i++) {
        if (EVENTS_BUFFER_BYTES - o.len < EVENT_MAX_BYTES && out_flush(&o, err) != 0)
            goto cleanup;
        if (i > 0)
            OUT_LITERAL(&o, ", ");
        write_event(&mt, &o);
    }
    OUT_LITERAL(&o, "]");
    if (out_flush(&o, err) != 0)
        goto cleanup;
    errno = 0;
    if (fflush(out) != 0) {
        set_io_error(err, errno);
        goto cleanup;
    }
    status = 0;
    if (err != NULL)
        set_error(err, EVENTS_OK, "");

cleanup:
    free(o.buf);
    return status;
}
