/*
 * test_gen.c - the event generator (gen/): MT19937 and CPython's primitives
 * against values printed by CPython, the number and date formatting against
 * independent checks (printf/strtod round trips, gmtime), and a small data
 * set against a file written by the study's Python generator.
 *
 * Run from the repository root (tests/run does): it reads tests/data/.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen/events.h"
#include "gen/mt19937.h"
#include "tests/testhelp.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Written by the study's generator in CPython: random.Random(42), 50 events. */
#define EVENTS_50_42_PATH "tests/data/events-50-42.json"

/* How far the exhaustive checks of the amount text go, in hundredths: all
 * values from 0.00 to 50,000.00, a hundred times the generator's range. */
#define CENTS_EXHAUSTIVE_LIMIT 5000000
/* Random samples of larger values, below the documented bound 10**15. */
#define CENTS_SAMPLES 200000
#define CENTS_CLAIM_DIGITS 15
/* Random doubles checked against printf's correctly rounded "%.2f". */
#define ROUND_SAMPLES 2000000

/* ---- MT19937 and CPython's primitives ------------------------------------ */

static void test_reference_vectors(void)
{
    /* mt19937ar.out, the authors' published output for this key. */
    static const uint32_t key[] = {0x123, 0x234, 0x345, 0x456};
    static const uint32_t expected[] = {1067595299, 955945823, 477289528,
                                        4107218783, 4228976476};
    mt19937 mt;
    mt19937_seed_array(&mt, key, COUNT_OF(key));
    for (size_t i = 0; i < COUNT_OF(expected); i++) {
        uint32_t got = mt19937_next32(&mt);
        TEST_CHECK(got == expected[i], "init_by_array output %zu: %" PRIu32, i, got);
    }
}

static void test_cpython_getrandbits(void)
{
    /* [random.Random(SEED).getrandbits(32) for _ in range(n)] in CPython. */
    static const struct {
        uint64_t seed;
        uint32_t values[5];
        size_t n;
    } cases[] = {
        {42, {2746317213u, 478163327u, 107420369u, 3184935163u, 1181241943u}, 5},
        {0, {3626764237u, 1654615998u, 3255389356u}, 3},
        {(UINT64_C(1) << 40) + 7, {2635837658u, 3209733218u, 3500038837u}, 3},
    };
    for (size_t c = 0; c < COUNT_OF(cases); c++) {
        mt19937 mt;
        mt19937_seed(&mt, cases[c].seed);
        for (size_t i = 0; i < cases[c].n; i++) {
            uint32_t got = mt19937_getrandbits(&mt, 32);
            TEST_CHECK(got == cases[c].values[i], "seed %" PRIu64 " getrandbits(32) #%zu: %" PRIu32,
                       cases[c].seed, i, got);
        }
    }

    /* [r.getrandbits(7) for _ in range(3)] with r = random.Random(42). */
    static const uint32_t bits7[] = {81, 14, 3};
    mt19937 mt;
    mt19937_seed(&mt, 42);
    for (size_t i = 0; i < COUNT_OF(bits7); i++)
        TEST_CHECK(mt19937_getrandbits(&mt, 7) == bits7[i], "getrandbits(7) #%zu", i);
}

static void test_cpython_randbelow_randint(void)
{
    /* [r._randbelow(10) for _ in range(8)]: includes redraws (k = 4 bits). */
    static const uint32_t below10[] = {1, 0, 4, 3, 3, 2, 1, 8};
    /* [r.randint(1, 5000) for _ in range(5)]: the first is the data set's
     * first user id. */
    static const int64_t randint5000[] = {913, 205, 2254, 2007, 1829};
    mt19937 mt;

    mt19937_seed(&mt, 42);
    for (size_t i = 0; i < COUNT_OF(below10); i++)
        TEST_CHECK(mt19937_randbelow(&mt, 10) == below10[i], "randbelow(10) #%zu", i);

    mt19937_seed(&mt, 42);
    for (size_t i = 0; i < COUNT_OF(randint5000); i++)
        TEST_CHECK(mt19937_randint(&mt, 1, 5000) == randint5000[i], "randint(1, 5000) #%zu", i);

    mt19937_seed(&mt, 42);
    for (int i = 0; i < 1000; i++) {
        int64_t v = mt19937_randint(&mt, -3, 3);
        TEST_CHECK(v >= -3 && v <= 3, "randint(-3, 3) in range: %" PRId64, v);
        TEST_CHECK(mt19937_randbelow(&mt, 1) == 0, "randbelow(1) is 0");
    }
}

static void test_cpython_random_uniform(void)
{
    /* [r.random().hex() for _ in range(3)], then r.random(). */
    static const double random42[] = {0x1.4762f307200c5p-1, 0x1.99c6b5eeb2060p-6,
                                      0x1.19a1491f589dcp-2, 0.22321073814882275};
    /* [r.uniform(1.0, 500.0).hex() for _ in range(3)]. */
    static const double uniform42[] = {0x1.4012efdb71bc0p+8, 0x1.af5f2a502280ep+3,
                                       0x1.147ab0c40cddcp+7};
    mt19937 mt;

    mt19937_seed(&mt, 42);
    for (size_t i = 0; i < COUNT_OF(random42); i++) {
        double got = mt19937_random(&mt);
        TEST_CHECK(got == random42[i], "random() #%zu: %a", i, got);
    }
    mt19937_seed(&mt, 42);
    for (size_t i = 0; i < COUNT_OF(uniform42); i++) {
        double got = mt19937_uniform(&mt, 1.0, 500.0);
        TEST_CHECK(got == uniform42[i], "uniform(1, 500) #%zu: %a", i, got);
    }
}

/* ---- amounts: round(x, 2) and their repr --------------------------------- */

/* round(x, 2) as hundredths the slow, independent way: glibc's "%.2f" is
 * correctly rounded from the exact binary value, ties to even. */
static int64_t cents_by_printf(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f", x);
    char *dot = strchr(buf, '.');
    int64_t units = strtoll(buf, NULL, 10);
    return units * 100 + (dot[1] - '0') * 10 + (dot[2] - '0');
}

static void test_round_cents(void)
{
    /* Known values: ties on the exact binary value and near them. */
    TEST_CHECK(events_round_cents(0.0) == 0, "round(0.0, 2)");
    TEST_CHECK(events_round_cents(2.675) == 267, "round(2.675, 2) is 2.67 (binary below the tie)");
    TEST_CHECK(events_round_cents(1.005) == 100, "round(1.005, 2) is 1.0");
    TEST_CHECK(events_round_cents(0.125) == 12, "round(0.125, 2): exact tie goes to even");
    TEST_CHECK(events_round_cents(0.375) == 38, "round(0.375, 2): exact tie goes to even");
    TEST_CHECK(events_round_cents(499.999) == 50000, "round(499.999, 2) is 500.0");
    TEST_CHECK(events_round_cents(1e-300) == 0, "a tiny value rounds to 0");

    /* Every amount-sized tie and its neighbours. */
    int mismatches = 0;
    for (int64_t m = 0; m < 100000 && mismatches < 5; m++) {
        double tie = ((double)m + 0.5) / 100.0;
        double xs[] = {tie, nextafter(tie, 0.0), nextafter(tie, INFINITY)};
        for (size_t i = 0; i < COUNT_OF(xs); i++) {
            if (events_round_cents(xs[i]) != cents_by_printf(xs[i])) {
                mismatches++;
                TEST_CHECK(0, "round_cents(%a) = %" PRId64 ", printf says %" PRId64, xs[i],
                           events_round_cents(xs[i]), cents_by_printf(xs[i]));
            }
        }
    }
    TEST_CHECK(mismatches == 0, "round_cents agrees with printf near every tie");

    /* The generator's own draws, and a wider spread of magnitudes. */
    mt19937 mt;
    mt19937_seed(&mt, 7);
    mismatches = 0;
    for (int i = 0; i < ROUND_SAMPLES && mismatches < 5; i++) {
        double x = i % 2 == 0 ? mt19937_uniform(&mt, 1.0, 500.0)
                              : ldexp(mt19937_random(&mt), (int)mt19937_randbelow(&mt, 40));
        if (events_round_cents(x) != cents_by_printf(x)) {
            mismatches++;
            TEST_CHECK(0, "round_cents(%a) = %" PRId64 ", printf says %" PRId64, x,
                       events_round_cents(x), cents_by_printf(x));
        }
    }
    TEST_CHECK(mismatches == 0, "round_cents agrees with printf on %d samples", ROUND_SAMPLES);
}

/* The significant digits of a plain decimal text as %g counts them:
 * leading and trailing zeros excluded, and Python's ".0" marker too
 * ("0.05" and "100.0" have 1, "123.45" has 5). */
static int significant_digits(const char *text)
{
    char digits[64];
    size_t n = 0;
    size_t len = strlen(text);
    if (len >= 2 && strcmp(text + len - 2, ".0") == 0)
        len -= 2;
    for (size_t i = 0; i < len && n < sizeof digits; i++)
        if (text[i] >= '0' && text[i] <= '9')
            digits[n++] = text[i];
    size_t first = 0;
    while (first < n && digits[first] == '0')
        first++;
    while (n > first && digits[n - 1] == '0')
        n--;
    return (int)(n - first);
}

/* Checks that text is CPython's repr(d): it reads back as d; it is d
 * correctly rounded to its number of decimals; and d correctly rounded to
 * one significant digit fewer does not read back as d, so no shorter text
 * does (the nearest shorter candidate is that one). */
static int is_shortest_repr(const char *text, double d)
{
    char buf[512]; /* room for any "%.*f" or "%.*g" of a double */
    if (strtod(text, NULL) != d)
        return 0;
    const char *dot = strchr(text, '.');
    if (dot == NULL)
        return 0;
    /* repr drops trailing zeros, keeping one decimal: "1.10" is not repr. */
    size_t len = strlen(text);
    if (text[len - 1] == '0' && text + len - 2 != dot)
        return 0;
    snprintf(buf, sizeof buf, "%.*f", (int)strlen(dot + 1), d);
    if (strcmp(buf, text) != 0)
        return 0;
    int digits = significant_digits(text);
    if (digits <= 1)
        return 1;
    snprintf(buf, sizeof buf, "%.*g", digits - 1, d);
    return strtod(buf, NULL) != d;
}

static void test_format_cents(void)
{
    static const struct {
        int64_t cents;
        const char *text;
    } known[] = {
        {0, "0.0"}, {5, "0.05"}, {50, "0.5"}, {700, "7.0"}, {12340, "123.4"},
        {12345, "123.45"}, {50000, "500.0"}, {100, "1.0"}, {1001, "10.01"},
    };
    /* The oracle itself, on texts that are not repr. */
    TEST_CHECK(is_shortest_repr("0.1", 0.1), "oracle accepts '0.1'");
    TEST_CHECK(is_shortest_repr("100.0", 100.0), "oracle accepts '100.0'");
    TEST_CHECK(!is_shortest_repr("123.40", 123.4), "oracle rejects '123.40'");
    TEST_CHECK(!is_shortest_repr("7", 7.0), "oracle rejects '7'");
    TEST_CHECK(!is_shortest_repr("0.30000000000000004", 0.3), "oracle rejects a wrong value");
    TEST_CHECK(!is_shortest_repr("0.10000000000000001", 0.1), "oracle rejects a long text");

    char buf[EVENTS_CENTS_MAX_CHARS + 1];
    for (size_t i = 0; i < COUNT_OF(known); i++) {
        size_t n = events_format_cents(buf, known[i].cents);
        buf[n] = '\0';
        TEST_CHECK(strcmp(buf, known[i].text) == 0, "format_cents(%" PRId64 ") = '%s'",
                   known[i].cents, buf);
    }

    int failures = 0;
    for (int64_t m = 0; m <= CENTS_EXHAUSTIVE_LIMIT && failures < 5; m++) {
        size_t n = events_format_cents(buf, m);
        buf[n] = '\0';
        if (!is_shortest_repr(buf, (double)m / 100.0)) {
            failures++;
            TEST_CHECK(0, "'%s' is not repr(%" PRId64 " / 100.0)", buf, m);
        }
    }
    TEST_CHECK(failures == 0, "format_cents is repr for every value up to %d hundredths",
               CENTS_EXHAUSTIVE_LIMIT);

    mt19937 mt;
    mt19937_seed(&mt, 11);
    failures = 0;
    for (int i = 0; i < CENTS_SAMPLES && failures < 5; i++) {
        /* Uniform in the number of digits, then in the value. */
        uint64_t bits = (uint64_t)mt19937_next32(&mt) << 32 | mt19937_next32(&mt);
        uint64_t limit = 10;
        for (uint32_t d = mt19937_randbelow(&mt, CENTS_CLAIM_DIGITS); d > 0; d--)
            limit *= 10;
        int64_t m = (int64_t)(bits % limit);
        size_t n = events_format_cents(buf, m);
        buf[n] = '\0';
        if (!is_shortest_repr(buf, (double)m / 100.0)) {
            failures++;
            TEST_CHECK(0, "'%s' is not repr(%" PRId64 " / 100.0)", buf, m);
        }
    }
    TEST_CHECK(failures == 0, "format_cents is repr on %d samples below 10**%d", CENTS_SAMPLES,
               CENTS_CLAIM_DIGITS);
}

/* ---- timestamps ----------------------------------------------------------- */

static void test_format_timestamp(void)
{
    static const struct {
        int64_t epoch;
        const char *text;
    } known[] = {
        {0, "1970-01-01T00:00:00+00:00"},
        {1735689600, "2025-01-01T00:00:00+00:00"},
        {1767225599, "2025-12-31T23:59:59+00:00"},
        {951782400, "2000-02-29T00:00:00+00:00"},
        {-1, "1969-12-31T23:59:59+00:00"},
        {253402300799, "9999-12-31T23:59:59+00:00"},
        {-62135596800, "0001-01-01T00:00:00+00:00"},
    };
    char buf[EVENTS_TIMESTAMP_CHARS + 1];
    for (size_t i = 0; i < COUNT_OF(known); i++) {
        size_t n = events_format_timestamp(buf, known[i].epoch);
        buf[n] = '\0';
        TEST_CHECK(n == EVENTS_TIMESTAMP_CHARS && strcmp(buf, known[i].text) == 0,
                   "format_timestamp(%" PRId64 ") = '%s'", known[i].epoch, buf);
    }

    /* Against the C library's gmtime, over 1970..9999 in uneven steps. */
    int failures = 0;
    for (int64_t t = 0; t < 253402300799 && failures < 5; t += 86400 * 7 + 3601) {
        char want[64];
        time_t tt = (time_t)t;
        struct tm tm;
        gmtime_r(&tt, &tm);
        strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
        size_t n = events_format_timestamp(buf, t);
        buf[n] = '\0';
        if (strcmp(buf, want) != 0) {
            failures++;
            TEST_CHECK(0, "format_timestamp(%" PRId64 ") = '%s', gmtime says '%s'", t, buf, want);
        }
    }
    TEST_CHECK(failures == 0, "format_timestamp agrees with gmtime");
}

/* ---- whole data sets ------------------------------------------------------ */

/* Generates into memory; returns a malloc'd buffer (caller frees) or NULL. */
static char *generate(uint64_t count, uint64_t seed, size_t *len)
{
    char *data = NULL;
    FILE *f = open_memstream(&data, len);
    if (f == NULL)
        return NULL;
    events_error err;
    int rc = events_write(f, count, seed, &err);
    TEST_CHECK(rc == 0, "events_write(%" PRIu64 ", %" PRIu64 "): %s", count, seed,
               rc == 0 ? "" : err.message);
    fclose(f);
    if (rc != 0) {
        free(data);
        return NULL;
    }
    return data;
}

static char *read_file(const char *path, size_t *len)
{
    char *data = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0) {
            data = malloc((size_t)size + 1);
            if (data != NULL && fread(data, 1, (size_t)size, f) != (size_t)size) {
                free(data);
                data = NULL;
            }
            *len = (size_t)size;
        }
    }
    fclose(f);
    return data;
}

static void test_against_cpython_file(void)
{
    size_t want_len = 0, got_len = 0;
    char *want = read_file(EVENTS_50_42_PATH, &want_len);
    TEST_CHECK(want != NULL, "cannot read '%s' (run from the repository root)", EVENTS_50_42_PATH);
    char *got = generate(50, 42, &got_len);
    if (want != NULL && got != NULL) {
        TEST_CHECK(got_len == want_len && memcmp(got, want, want_len) == 0,
                   "50 events, seed 42: identical to CPython's (%zu vs %zu bytes)", got_len,
                   want_len);
    }
    free(want);
    free(got);
}

static void test_edges(void)
{
    size_t len = 0;
    char *data = generate(0, 42, &len);
    TEST_CHECK(data != NULL && len == 2 && memcmp(data, "[]", 2) == 0, "count 0 is '[]'");
    free(data);

    /* More than one buffer's worth: a count whose text spans flushes, and
     * whose prefix is the smaller data set (the stream is the same). */
    size_t small_len = 0, big_len = 0;
    char *small = generate(1000, 42, &small_len);
    char *big = generate(20000, 42, &big_len);
    TEST_CHECK(big_len > EVENTS_BUFFER_BYTES, "20000 events span several buffers");
    if (small != NULL && big != NULL)
        TEST_CHECK(memcmp(small, big, small_len - 1) == 0 && big[small_len - 1] == ',',
                   "1000 events are a prefix of 20000");
    free(small);
    free(big);

    /* Write errors come back. */
    FILE *full = fopen("/dev/full", "wb");
    if (full != NULL) {
        events_error err;
        int rc = events_write(full, 100000, 42, &err);
        TEST_CHECK(rc == -1 && err.code == EVENTS_ERR_IO, "writing to /dev/full fails");
        TEST_CHECK(rc == -1 && strstr(err.message, "cannot write events") != NULL,
                   "the message says so: '%s'", rc == -1 ? err.message : "");
        fclose(full);
    }
}

int main(void)
{
    test_reference_vectors();
    test_cpython_getrandbits();
    test_cpython_randbelow_randint();
    test_cpython_random_uniform();
    test_round_cents();
    test_format_cents();
    test_format_timestamp();
    test_against_cpython_file();
    test_edges();
    return TEST_REPORT();
}
