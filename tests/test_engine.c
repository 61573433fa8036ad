/*
 * test_engine.c - the JSON pipeline engine (engine/pipeline.h).
 *
 * 1. Fixtures in tests/engine/: every y_*.json must give exactly the bytes
 *    of y_*.expected.json (written by tests/engine/reference.py, CPython);
 *    every n_*.json must be refused, at the offset in n_*.expected if there
 *    is one. Each fixture runs in several ways that must agree: the AVX2 and
 *    the portable scanner, 1 and 3 threads over a buffer, and from a file in
 *    tiny windows (so events are cut at every place and carried over).
 * 2. The two string finders agree at every position of random buffers.
 * 3. 1 thread and N threads give the same result on a generated input
 *    whose strings are full of braces, commas and quotes (split guesses go
 *    wrong and must be caught).
 * 4. pipeline_round2 against values computed by CPython.
 *
 * Run from the repository root (tests/run does).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline.h"
#include "engine/simd.h"
#include "engine/timestamp.h"
#include "tests/testhelp.h"

#define FIXTURES "tests/engine"
#define TINY_SHARE 16              /* bytes per thread: forces splitting */

typedef struct config {
    const char *name;
    int portable;
    int threads;
    size_t min_share;
    size_t window;                 /* 0: run_buffer; else run_file */
} config;

static const config configs[] = {
    {"buffer", 0, 1, 0, 0},
    {"buffer portable", 1, 1, 0, 0},
    {"buffer 3 threads", 0, 3, TINY_SHARE, 0},
    {"buffer 4 threads portable", 1, 4, TINY_SHARE, 0},
    {"file window 7", 0, 1, 0, 7},
    {"file window 64, 2 threads", 0, 2, TINY_SHARE, 64},
    {"file window 4096", 1, 1, 0, 4096},
};
#define NCONFIGS (sizeof configs / sizeof configs[0])

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL)
        return NULL;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            char *nb = realloc(buf, cap + 1);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Runs one config; returns the result JSON (malloc'd) or NULL with *err. */
static char *run(const config *c, const char *path, const char *data,
                 size_t len, pipeline_error *err)
{
    pipeline_options o = PIPELINE_OPTIONS_INIT;
    o.portable = c->portable;
    o.threads = c->threads;
    o.min_share = c->min_share;
    o.window = c->window;
    pipeline_result *r = c->window ? pipeline_run_file(path, &o, err)
                                   : pipeline_run_buffer(data, len, &o, err);
    if (r == NULL)
        return NULL;
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    TEST_CHECK(f != NULL, "open_memstream");
    TEST_CHECK(pipeline_result_write_json(r, f) == 0, "write_json");
    fclose(f);
    pipeline_result_free(r);
    return out;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void test_fixture(const char *name)
{
    char path[512], expect_path[512];
    size_t len = 0, elen = 0;
    snprintf(path, sizeof path, "%s/%s", FIXTURES, name);
    char *data = read_all(path, &len);
    TEST_CHECK(data != NULL, "cannot read %s", path);
    if (data == NULL)
        return;
    int accept = name[0] == 'y';
    size_t stem = strlen(name) - strlen(".json");
    snprintf(expect_path, sizeof expect_path, "%s/%.*s%s", FIXTURES, (int)stem,
             name, accept ? ".expected.json" : ".expected");
    char *expect = read_all(expect_path, &elen);
    if (accept)
        TEST_CHECK(expect != NULL, "%s: no %s", name, expect_path);
    pipeline_error first;
    memset(&first, 0, sizeof first);
    for (size_t i = 0; i < NCONFIGS; i++) {
        pipeline_error err;
        memset(&err, 0, sizeof err);
        char *out = run(&configs[i], path, data, len, &err);
        if (accept) {
            TEST_CHECK(out != NULL, "%s [%s]: refused: %s at byte %lld", name,
                       configs[i].name, err.message, (long long)err.byte_offset);
            if (out != NULL && expect != NULL)
                TEST_CHECK(strcmp(out, expect) == 0,
                           "%s [%s]: result differs\n  got:  %.300s\n  want: %.300s",
                           name, configs[i].name, out, expect);
        } else {
            TEST_CHECK(out == NULL, "%s [%s]: accepted", name, configs[i].name);
            TEST_CHECK(err.code != PIPELINE_OK && err.message[0] != '\0' &&
                           err.byte_offset >= 0 && (size_t)err.byte_offset <= len,
                       "%s [%s]: error without a code, message or offset", name,
                       configs[i].name);
            if (expect != NULL)
                TEST_CHECK(err.byte_offset == atoll(expect),
                           "%s [%s]: error at byte %lld, want %s (%s)", name,
                           configs[i].name, (long long)err.byte_offset, expect,
                           err.message);
            if (i == 0)
                first = err;
            else
                TEST_CHECK(err.code == first.code &&
                               err.byte_offset == first.byte_offset &&
                               err.event_index == first.event_index &&
                               strcmp(err.message, first.message) == 0,
                           "%s [%s]: error differs from [%s]: %s / %s", name,
                           configs[i].name, configs[0].name, err.message,
                           first.message);
        }
        free(out);
    }
    free(expect);
    free(data);
}

static void test_fixtures(void)
{
    DIR *d = opendir(FIXTURES);
    int ny = 0, nn = 0;
    TEST_CHECK(d != NULL, "cannot open %s (run from the repository root)", FIXTURES);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if ((n[0] != 'y' && n[0] != 'n') || n[1] != '_' || !has_suffix(n, ".json") ||
            has_suffix(n, ".expected.json"))
            continue;
        test_fixture(n);
        if (n[0] == 'y')
            ny++;
        else
            nn++;
    }
    closedir(d);
    TEST_CHECK(ny >= 15 && nn >= 30, "too few fixtures: %d y_, %d n_", ny, nn);
}

/* A small deterministic generator (xorshift), so the test needs no data. */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_finders(void)
{
    uint64_t seed = 0x1234567u;
    uint8_t buf[300];
    int have_avx2 = simd_find_avx2 != NULL && simd_have_avx2();
    for (int round = 0; round < 2000; round++) {
        size_t n = rng_next(&seed) % sizeof buf;
        for (size_t i = 0; i < n; i++) {
            uint64_t r = rng_next(&seed) % 100;
            /* mostly plain bytes, sometimes one of the special ones */
            buf[i] = r < 94 ? (uint8_t)(0x20 + rng_next(&seed) % 0x5f)
                   : r == 94 ? '"' : r == 95 ? '\\' : r == 96 ? 0x7f
                   : r == 97 ? (uint8_t)(rng_next(&seed) % 0x20)
                   : (uint8_t)(0x80 + rng_next(&seed) % 0x80);
            if (buf[i] == 0x7f)
                buf[i] = 'a';
        }
        for (size_t start = 0; start <= n; start += 1 + start / 8) {
            const uint8_t *want = buf + start;
            while (want < buf + n && !(*want == '"' || *want == '\\' ||
                                       *want < 0x20 || *want >= 0x80))
                want++;
            TEST_CHECK(simd_find_portable(buf + start, buf + n) == want,
                       "portable finder wrong at %zu of %zu", start, n);
            if (have_avx2)
                TEST_CHECK(simd_find_avx2(buf + start, buf + n) == want,
                           "avx2 finder wrong at %zu of %zu", start, n);
        }
    }
}

/* Events whose strings look like event boundaries. */
static char *make_tricky_input(int nevents, size_t *len)
{
    static const char *pages[] = {
        "/home", "}, {\\\"user_id\\\": 5, ", "[{", "]}", ",{", "}, {", "\\\\", ",",
        "\\u007b,\\u007d", "caf\xc3\xa9 }, {", "/a\\\"}, {\\\"b", "/home",
    };
    static const char *types[] = {"page_view", "purchase", "click", "search",
                                  "add_to_cart", "logout"};
    uint64_t seed = 99;
    size_t cap = (size_t)nevents * 300 + 16, n = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    n += (size_t)snprintf(buf + n, cap - n, "[");
    for (int i = 0; i < nevents; i++) {
        int user = (int)(rng_next(&seed) % 40);
        const char *type = types[rng_next(&seed) % 6];
        const char *page = pages[rng_next(&seed) % 12];
        int day = 1 + (int)(rng_next(&seed) % 28), month = 2 + (int)(rng_next(&seed) % 9);
        double amount = (double)(rng_next(&seed) % 100000) / 100.0;
        const char *extra = rng_next(&seed) % 4 == 0
                                ? ", \"x\": [\"}, {\", {\"y\": \"]\"}]" : "";
        n += (size_t)snprintf(buf + n, cap - n,
                              "%s{\"user_id\": %d, \"event_type\": \"%s\"%s, "
                              "\"timestamp\": \"2025-%02d-%02dT%02d:00:00+00:00\", "
                              "\"metadata\": {\"page\": \"%s\", \"amount\": %.2f}}",
                              i ? ", " : "", user, type, extra, month, day,
                              i % 24, page, amount);
    }
    n += (size_t)snprintf(buf + n, cap - n, "]");
    *len = n;
    return buf;
}

static void test_threads(void)
{
    size_t len = 0;
    char *data = make_tricky_input(3000, &len);
    TEST_CHECK(data != NULL, "out of memory");
    if (data == NULL)
        return;
    const char *path = "build/test_engine_tricky.json";
    FILE *f = fopen(path, "wb");
    TEST_CHECK(f != NULL && fwrite(data, 1, len, f) == len, "cannot write %s", path);
    if (f != NULL)
        fclose(f);
    pipeline_error err;
    config one = {"1 thread", 0, 1, 0, 0};
    char *want = run(&one, path, data, len, &err);
    TEST_CHECK(want != NULL, "tricky input refused: %s", err.message);
    TEST_CHECK(want != NULL && strstr(want, "\"total_users\": 40") != NULL,
               "tricky input: unexpected totals: %.120s", want ? want : "");
    static const int threads[] = {2, 3, 4, 7, 16};
    for (size_t i = 0; i < sizeof threads / sizeof threads[0]; i++) {
        for (int portable = 0; portable <= 1; portable++) {
            config c = {"threads", portable, threads[i], 64, 0};
            char *got = run(&c, path, data, len, &err);
            TEST_CHECK(got != NULL && want != NULL && strcmp(got, want) == 0,
                       "%d threads (portable %d) differ from 1", threads[i], portable);
            free(got);
            c.window = 1000;
            got = run(&c, path, data, len, &err);
            TEST_CHECK(got != NULL && want != NULL && strcmp(got, want) == 0,
                       "file, %d threads, window 1000 differ from 1", threads[i]);
            free(got);
        }
    }
    /* an error late in the input is the same error however it is split */
    char *bad = strdup(data);
    TEST_CHECK(bad != NULL, "out of memory");
    if (bad != NULL && want != NULL) {
        char *hit = strstr(bad + len * 3 / 4, "\"timestamp\": \"");
        TEST_CHECK(hit != NULL, "no timestamp to break");
        if (hit != NULL) {
            hit[14 + 10] = ' ';             /* date, space, time: no offset? */
            hit[14 + 19] = 'x';             /* and garbage: invalid */
            pipeline_error e1, e2;
            config c1 = {"1", 0, 1, 0, 0}, c4 = {"4", 0, 4, 64, 0};
            char *r1 = run(&c1, NULL, bad, len, &e1);
            char *r4 = run(&c4, NULL, bad, len, &e2);
            TEST_CHECK(r1 == NULL && r4 == NULL, "broken timestamp accepted");
            TEST_CHECK(e1.byte_offset == e2.byte_offset &&
                           e1.event_index == e2.event_index && e1.code == e2.code,
                       "errors differ: %s / %s", e1.message, e2.message);
            free(r1);
            free(r4);
        }
    }
    free(bad);
    free(want);
    free(data);
    remove(path);
}

static void test_round2(void)
{
    /* pairs (x, round(x, 2)) from CPython */
    static const double cases[][2] = {
        {2.675, 2.67}, {0.125, 0.12}, {0.375, 0.38}, {1.005, 1.0},
        {-2.675, -2.67}, {1e16, 1e16}, {123456789.125, 123456789.12},
        {0.0049999999999999, 0.0}, {0.005, 0.01}, {1.4999999999999998e-3, 0.0},
        {15657386.0, 15657386.0}, {1461676.1599999999, 1461676.16},
        {4503599627370495.5, 4503599627370495.5}, {90071992547409.9, 90071992547409.9},
        {92233720368547.77, 92233720368547.77}, {5e-324, 0.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        TEST_CHECK(pipeline_round2(cases[i][0]) == cases[i][1],
                   "round2(%.17g) = %.17g, want %.17g", cases[i][0],
                   pipeline_round2(cases[i][0]), cases[i][1]);
}


/* ---- the scanner's fast path against its general path ---------------- */

/* Events of every shape the generator writes; the scanner reads these
 * through its fast path (engine/scan.c), anything else the general way. */
static const char *const fast_events[] = {
    "{\"user_id\": 913, \"event_type\": \"purchase\", \"timestamp\": "
    "\"2025-05-15T23:45:05+00:00\", \"metadata\": {\"page\": \"/checkout\", "
    "\"amount\": 123.45, \"currency\": \"USD\", \"item_count\": 3}}",
    "{\"user_id\": 7, \"event_type\": \"click\", \"timestamp\": "
    "\"2025-04-01T00:00:00+00:00\", \"metadata\": {\"page\": \"/home\", "
    "\"element_id\": \"btn-12\"}}",
    "{\"user_id\": 4999, \"event_type\": \"error\", \"timestamp\": "
    "\"2025-03-01T00:00:00+00:00\", \"metadata\": {\"page\": \"/cart\", "
    "\"error_code\": 502, \"message\": \"Error on /cart\"}}",
    "{\"user_id\": 0, \"event_type\": \"add_to_cart\", \"timestamp\": "
    "\"2025-09-30T23:59:59-01:30\", \"metadata\": {\"page\": \"/products/123\", "
    "\"product_id\": 1234, \"quantity\": 5, \"price\": 1e2}}",
    "{\"user_id\": 12, \"event_type\": \"page_view\", \"timestamp\": "
    "\"2025-06-30T12:00:00+00:00\", \"metadata\": {}}",
    /* the longest id and numbers the 8-byte digit steps take whole, and
     * "page" after another key */
    "{\"user_id\": 1234567, \"event_type\": \"purchase\", \"timestamp\": "
    "\"2024-02-29T23:59:59+14:00\", \"metadata\": {\"ref\": 0, "
    "\"page\": \"/p\", \"amount\": 1234567.1234567, \"n\": 7654321}}",
    /* one digit more everywhere: the one-at-a-time way */
    "{\"user_id\": 12345678, \"event_type\": \"search\", \"timestamp\": "
    "\"2025-07-04T01:02:03-00:30\", \"metadata\": {\"pagex\": 1, "
    "\"page\": \"/search/a/very/long/page/name\", \"amount\": 12345678.5, "
    "\"q\": 0.12345678}}",
    /* the largest id; a type and page longer than one 16-byte step */
    "{\"user_id\": 9223372036854775807, \"event_type\": \"remove_from_cart\", "
    "\"timestamp\": \"2025-08-31T00:00:00+00:00\", \"metadata\": "
    "{\"page\": \"/products/123456789012345\", \"amount\": 0}}",
};

/* Bytes each position of an event is replaced with in turn. */
static const unsigned char fast_bytes[] = {
    '"', '\\', ' ', '0', '1', '9', '-', '+', '.', 'e', '}', '{', '[', ']',
    ',', ':', 'x', 't', 'n', 'T', 0x01, 0x1f, 0x7f, 0x80, 0xC3, 0xFF};

/* "[" ev "]" (the fast path, where ev has the shape) must give what
 * "[{ " ev+1 "]" gives (one space more after the '{', which the fast path
 * never takes): the same result, or the same error one byte earlier. */
static void fast_compare(const char *ev, size_t n, int close)
{
    char *a = malloc(n + 3), *b = malloc(n + 4);
    TEST_CHECK(a != NULL && b != NULL, "out of memory");
    size_t na = 0, nb = 0;
    a[na++] = '[';
    memcpy(a + na, ev, n);
    na += n;
    b[nb++] = '[';
    b[nb++] = '{';
    b[nb++] = ' ';
    memcpy(b + nb, ev + 1, n - 1);
    nb += n - 1;
    if (close) {
        a[na++] = ']';
        b[nb++] = ']';
    }
    for (int portable = 0; portable <= 1; portable++) {
        config c = {"fast", portable, 1, 0, 0};
        pipeline_error ea, eb;
        memset(&ea, 0, sizeof ea);
        memset(&eb, 0, sizeof eb);
        char *ra = run(&c, NULL, a, na, &ea);
        char *rb = run(&c, NULL, b, nb, &eb);
        if (ra != NULL || rb != NULL) {
            TEST_CHECK(ra != NULL && rb != NULL && strcmp(ra, rb) == 0,
                       "fast path disagrees on %.*s: %s / %s", (int)na, a,
                       ra ? ra : ea.message, rb ? rb : eb.message);
        } else {
            int64_t want = eb.byte_offset > 2 ? eb.byte_offset - 1 : eb.byte_offset;
            TEST_CHECK(ea.code == eb.code && ea.byte_offset == want &&
                           strcmp(ea.message, eb.message) == 0,
                       "fast path errs differently on %.*s: %s at %lld / %s at %lld",
                       (int)na, a, ea.message, (long long)ea.byte_offset,
                       eb.message, (long long)eb.byte_offset);
        }
        free(ra);
        free(rb);
    }
    free(a);
    free(b);
}

static void test_fast_path(void)
{
    for (size_t e = 0; e < sizeof fast_events / sizeof fast_events[0]; e++) {
        size_t n = strlen(fast_events[e]);
        char *ev = malloc(n);
        TEST_CHECK(ev != NULL, "out of memory");
        fast_compare(fast_events[e], n, 1);
        for (size_t i = 1; i < n; i++) {
            fast_compare(fast_events[e], i, 0);      /* cut short */
            for (size_t k = 0; k < sizeof fast_bytes; k++) {
                memcpy(ev, fast_events[e], n);
                ev[i] = (char)fast_bytes[k];
                fast_compare(ev, n, 1);
            }
        }
        free(ev);
    }
}

/* The timestamp fast path against the general parser, which does not use
 * it for strings of another length: every byte of a few common-form
 * timestamps set to every value. Whatever the fast path accepts, the
 * general parser must accept with the same value, read from the same
 * string with ":00" added to the offset (the same offset, 28 bytes). */
static void test_timestamp_plain(void)
{
    static const char *const stamps[] = {
        "2025-10-15T23:45:05+00:00", "2024-02-29T00:00:00-05:30",
        "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+23:59",
        "2000-02-28T12:34:56-23:59", "1900-03-01T01:02:03+01:00"};
    char plain[TIMESTAMP_PLAIN_LEN], longer[TIMESTAMP_PLAIN_LEN + 3];
    for (size_t t = 0; t < sizeof stamps / sizeof stamps[0]; t++) {
        int64_t us;
        TEST_CHECK(timestamp_parse_plain(stamps[t], &us) == 0,
                   "fast path refuses %s", stamps[t]);
        for (size_t i = 0; i < TIMESTAMP_PLAIN_LEN; i++)
            for (int v = 0; v < 256; v++) {
                int64_t fast = 0, slow = 0;
                memcpy(plain, stamps[t], TIMESTAMP_PLAIN_LEN);
                plain[i] = (char)v;
                if (timestamp_parse_plain(plain, &fast) != 0)
                    continue;
                memcpy(longer, plain, TIMESTAMP_PLAIN_LEN);
                memcpy(longer + TIMESTAMP_PLAIN_LEN, ":00", 3);
                TEST_CHECK(timestamp_parse(longer, sizeof longer, &slow) ==
                                   TIMESTAMP_OK && slow == fast,
                           "fast path and parser differ on %.25s", plain);
            }
    }
}

/* Messages name the problem only; pipeline_error_describe joins the
 * offset and the event index, leaving out the parts that are -1. */
static void test_error_describe(void)
{
    static const struct {
        const char *input, *want;
    } cases[] = {
        {"[1]", "event is not an object at byte 1 (event 0)"},
        {"[{\"user_id\": \"7\", \"event_type\": \"click\", "
         "\"timestamp\": \"2025-05-01T00:00:00+00:00\", \"metadata\": {}}]",
         "\"user_id\" must be an integer at byte 13 (event 0)"},
        {"{}", "the input is not a JSON array of events at byte 0"},
        {"[", "unexpected end of input at byte 1"},
    };
    char text[PIPELINE_ERROR_TEXT_MAX];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pipeline_options opts = PIPELINE_OPTIONS_INIT;
        pipeline_error err;
        memset(&err, 0, sizeof err);
        pipeline_result *res = pipeline_run_buffer(
            cases[i].input, strlen(cases[i].input), &opts, &err);
        TEST_CHECK(res == NULL, "accepted: %s", cases[i].input);
        pipeline_result_free(res);
        int n = pipeline_error_describe(&err, text, sizeof text);
        TEST_CHECK(n == (int)strlen(cases[i].want) &&
                       strcmp(text, cases[i].want) == 0,
                   "describe: got '%s', want '%s'", text, cases[i].want);
        TEST_CHECK(strstr(err.message, "event 0") == NULL &&
                       strstr(err.message, "at byte") == NULL,
                   "message repeats where: '%s'", err.message);
    }

    /* the parts that are -1 are left out; a short buffer is cut, not
     * overrun, and the full length still comes back */
    pipeline_error e;
    memset(&e, 0, sizeof e);
    e.code = PIPELINE_ERR_IO;
    strcpy(e.message, "cannot open 'x'");
    e.byte_offset = -1;
    e.event_index = -1;
    pipeline_error_describe(&e, text, sizeof text);
    TEST_CHECK(strcmp(text, "cannot open 'x'") == 0, "no parts: '%s'", text);
    e.event_index = 3;
    pipeline_error_describe(&e, text, sizeof text);
    TEST_CHECK(strcmp(text, "cannot open 'x' (event 3)") == 0,
               "event only: '%s'", text);
    char small[8];
    int n = pipeline_error_describe(&e, small, sizeof small);
    TEST_CHECK(n == (int)strlen("cannot open 'x' (event 3)") &&
                   strcmp(small, "cannot ") == 0,
               "cut: %d '%s'", n, small);
    TEST_CHECK(pipeline_error_describe(&e, NULL, 0) == n, "length only");
    TEST_CHECK(pipeline_error_describe(NULL, small, sizeof small) == -1 &&
                   small[0] == '\0',
               "NULL error");
}

int main(void)
{
    test_round2();
    test_finders();
    test_fixtures();
    test_threads();
    test_fast_path();
    test_timestamp_plain();
    test_error_describe();
    return TEST_REPORT();
}
