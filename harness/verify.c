/* verify.c - output verification rules (see verify.h). */
#include "harness/verify.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many individual differences a pipeline mismatch lists. */
#define VERIFY_MAX_EXAMPLES 3
/* The most numbers a float-abs output may hold. */
#define VERIFY_MAX_NUMBERS 64

int verify_rule_parse(const char *text, verify_rule *rule, char *err, size_t errlen)
{
    if (strcmp(text, "exact") == 0) {
        rule->kind = VERIFY_EXACT;
        return 0;
    }
    if (strcmp(text, "pipeline") == 0) {
        rule->kind = VERIFY_PIPELINE;
        return 0;
    }
    if (strncmp(text, "float-abs", 9) == 0) {
        char *end;
        double tol = strtod(text + 9, &end);
        if (end != text + 9 && *end == '\0' && tol >= 0) {
            rule->kind = VERIFY_FLOAT_ABS;
            rule->tolerance = tol;
            return 0;
        }
    }
    snprintf(err, errlen,
             "unknown comparison rule '%s' (expected exact, float-abs TOL or pipeline)",
             text);
    return -1;
}

static size_t trimmed_length(const char *s, size_t len)
{
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    return len;
}

static int verify_exact(const char *e, size_t elen, const char *a, size_t alen, buf *why)
{
    elen = trimmed_length(e, elen);
    alen = trimmed_length(a, alen);
    if (elen == alen && memcmp(e, a, elen) == 0)
        return 1;
    buf_printf(why, "expected '%.*s', got '%.*s'", (int)(elen > 80 ? 80 : elen), e,
               (int)(alen > 80 ? 80 : alen), a);
    return 0;
}

/* Reads up to max numbers from text; returns how many, or -1 if text holds
 * something that is not a number. */
static int read_numbers(const char *text, size_t len, double *out, int max)
{
    char *copy = strndup(text, len);
    if (copy == NULL)
        return -1;
    int count = 0;
    char *p = copy;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            break;
        char *end;
        double v = strtod(p, &end);
        if (end == p || count == max || !(isspace((unsigned char)*end) || *end == '\0')) {
            count = -1;
            break;
        }
        out[count++] = v;
        p = end;
    }
    free(copy);
    return count;
}

static int verify_float_abs(double tol, const char *e, size_t elen,
                            const char *a, size_t alen, buf *why)
{
    double want[VERIFY_MAX_NUMBERS], got[VERIFY_MAX_NUMBERS];
    int nwant = read_numbers(e, elen, want, VERIFY_MAX_NUMBERS);
    int ngot = read_numbers(a, alen, got, VERIFY_MAX_NUMBERS);
    if (nwant < 0) {
        buf_puts(why, "the reference output is not a list of numbers");
        return -1;
    }
    if (ngot != nwant) {
        buf_printf(why, "expected %d numbers, got output '%.*s'", nwant,
                   (int)(alen > 80 ? 80 : alen), a);
        return 0;
    }
    for (int i = 0; i < nwant; i++) {
        if (!(fabs(got[i] - want[i]) <= tol)) {
            buf_printf(why, "value %d: expected %.9f, got %.9f (off by %.3g, allowed %.3g)",
                       i + 1, want[i], got[i], fabs(got[i] - want[i]), tol);
            return 0;
        }
    }
    return 1;
}

/* ---- the pipeline result ------------------------------------------------ */

/* Counts and examples of differences, per kind, for one readable summary. */
typedef struct diff_tally {
    const char *what;
    size_t count;
    buf examples;
    size_t shown;
} diff_tally;

static void tally(diff_tally *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void tally(diff_tally *t, const char *fmt, ...)
{
    t->count++;
    if (t->shown >= VERIFY_MAX_EXAMPLES)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (t->shown)
        buf_puts(&t->examples, "; ");
    buf_vprintf(&t->examples, fmt, ap);
    va_end(ap);
    t->shown++;
}

static int same_rounded(double a, double b)
{
    char x[64], y[64];
    snprintf(x, sizeof x, "%.2f", a);
    snprintf(y, sizeof y, "%.2f", b);
    return strcmp(x, y) == 0;
}

static const char *USER_INT_FIELDS[] = {"event_count", "high_value_count"};
static const char *USER_ROUNDED_FIELDS[] = {"total_amount", "duration_seconds"};
static const char *USER_STRING_FIELDS[] = {"top_event_type", "top_page"};
enum {
    N_INT = sizeof USER_INT_FIELDS / sizeof *USER_INT_FIELDS,
    N_ROUNDED = sizeof USER_ROUNDED_FIELDS / sizeof *USER_ROUNDED_FIELDS,
    N_STRING = sizeof USER_STRING_FIELDS / sizeof *USER_STRING_FIELDS,
    N_FIELDS = N_INT + N_ROUNDED + N_STRING
};

static const char *describe_json(const cJSON *v, char *out, size_t outlen)
{
    if (v == NULL)
        snprintf(out, outlen, "nothing");
    else if (cJSON_IsString(v))
        snprintf(out, outlen, "'%.40s'", v->valuestring);
    else if (cJSON_IsNumber(v))
        snprintf(out, outlen, "%.17g", v->valuedouble);
    else
        snprintf(out, outlen, "a value of another type");
    return out;
}

/* Compares one field of two user objects; records a difference in t. */
static void compare_field(const cJSON *want_user, const cJSON *got_user, double user_id,
                          const char *field, int rounded, diff_tally *t)
{
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(want_user, field);
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(got_user, field);
    int same;
    if (cJSON_IsString(w))
        same = cJSON_IsString(g) && strcmp(w->valuestring, g->valuestring) == 0;
    else if (cJSON_IsNumber(w) && rounded)
        same = cJSON_IsNumber(g) && same_rounded(w->valuedouble, g->valuedouble);
    else if (cJSON_IsNumber(w))
        same = cJSON_IsNumber(g) && w->valuedouble == g->valuedouble;
    else
        same = 0;
    if (!same) {
        char a[64], b[64];
        tally(t, "user %.0f: expected %s, got %s", user_id, describe_json(w, a, sizeof a),
              describe_json(g, b, sizeof b));
    }
}

static int verify_pipeline(const char *e, size_t elen, const char *a, size_t alen, buf *why)
{
    int status = 0;
    size_t why_start = why->len;
    diff_tally fields[N_FIELDS] = {{0}};
    cJSON *want = cJSON_ParseWithLength(e, elen);
    cJSON *got = NULL;
    if (want == NULL || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(want, "users"))) {
        buf_puts(why, "the reference result is not a pipeline result");
        status = -1;
        goto cleanup;
    }
    got = cJSON_ParseWithLength(a, alen);
    if (got == NULL) {
        const char *at = cJSON_GetErrorPtr();
        buf_printf(why, "output is not JSON (near byte %ld)",
                   at && at >= a && at <= a + alen ? (long)(at - a) : -1L);
        goto cleanup;
    }
    static const char *TOTALS[] = {"total_users", "total_events", "total_amount",
                                   "total_high_value"};
    for (size_t i = 0; i < sizeof TOTALS / sizeof *TOTALS; i++) {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(want, TOTALS[i]);
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, TOTALS[i]);
        if (!cJSON_IsNumber(g) || !same_rounded(w->valuedouble, g->valuedouble)) {
            char x[64];
            buf_printf(why, "%s: expected %.2f, got %s; ", TOTALS[i], w->valuedouble,
                       describe_json(g, x, sizeof x));
        }
    }
    const cJSON *want_users = cJSON_GetObjectItemCaseSensitive(want, "users");
    const cJSON *got_users = cJSON_GetObjectItemCaseSensitive(got, "users");
    if (!cJSON_IsArray(got_users)) {
        buf_puts(why, "no 'users' array in the output");
        goto cleanup;
    }
    int nwant = cJSON_GetArraySize(want_users), ngot = cJSON_GetArraySize(got_users);
    if (nwant != ngot)
        buf_printf(why, "expected %d users, got %d; ", nwant, ngot);

    for (int i = 0; i < N_INT; i++)
        fields[i].what = USER_INT_FIELDS[i];
    for (int i = 0; i < N_ROUNDED; i++)
        fields[N_INT + i].what = USER_ROUNDED_FIELDS[i];
    for (int i = 0; i < N_STRING; i++)
        fields[N_INT + N_ROUNDED + i].what = USER_STRING_FIELDS[i];

    size_t wrong_ids = 0;
    long position = 0;
    const cJSON *w = want_users->child, *g = got_users->child;
    for (; w != NULL && g != NULL; w = w->next, g = g->next, position++) {
        const cJSON *wid = cJSON_GetObjectItemCaseSensitive(w, "user_id");
        const cJSON *gid = cJSON_GetObjectItemCaseSensitive(g, "user_id");
        if (!cJSON_IsNumber(gid) || gid->valuedouble != wid->valuedouble) {
            if (wrong_ids++ == 0) {
                char x[64];
                buf_printf(why, "users differ from position %ld: expected user %.0f, got %s; ",
                           position, wid->valuedouble, describe_json(gid, x, sizeof x));
            }
            continue;
        }
        for (int f = 0; f < N_FIELDS; f++)
            compare_field(w, g, wid->valuedouble, fields[f].what,
                          f >= N_INT && f < N_INT + N_ROUNDED, &fields[f]);
    }
    for (int f = 0; f < N_FIELDS; f++) {
        if (fields[f].count)
            buf_printf(why, "wrong %s for %zu of %d users (%s); ", fields[f].what,
                       fields[f].count, nwant, fields[f].examples.data);
    }
    if (why->len == why_start)
        status = 1;
    else if (why->len >= 2 && memcmp(why->data + why->len - 2, "; ", 2) == 0)
        why->data[why->len -= 2] = '\0';
cleanup:
    for (int f = 0; f < N_FIELDS; f++)
        buf_release(&fields[f].examples);
    cJSON_Delete(want);
    cJSON_Delete(got);
    return status;
}

int verify_output(const verify_rule *rule, const char *expected, size_t expected_len,
                  const char *actual, size_t actual_len, buf *why)
{
    switch (rule->kind) {
    case VERIFY_EXACT:
        return verify_exact(expected, expected_len, actual, actual_len, why);
    case VERIFY_FLOAT_ABS:
        return verify_float_abs(rule->tolerance, expected, expected_len, actual,
                                actual_len, why);
    case VERIFY_PIPELINE:
        return verify_pipeline(expected, expected_len, actual, actual_len, why);
    }
    return -1;
}
