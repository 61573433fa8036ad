/* test_verify.c - output verification (harness/verify.h): every rule must
 * accept the right answer and reject answers that are only subtly wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fs.h"
#include "harness/verify.h"
#include "tests/testhelp.h"

#define EXPECTED_PIPELINE "problems/pipeline/expected/events-100000-42.json"

static int check(const verify_rule *rule, const char *expected, const char *actual, buf *why)
{
    buf_clear(why);
    return verify_output(rule, expected, strlen(expected), actual, strlen(actual), why);
}

/* Replaces the first occurrence of from (after `after`, if given) with to;
 * returns a new string (caller frees) or NULL if from is absent. */
static char *replaced(const char *text, const char *after, const char *from, const char *to)
{
    const char *start = after ? strstr(text, after) : text;
    const char *at = start ? strstr(start, from) : NULL;
    if (at == NULL)
        return NULL;
    size_t head = (size_t)(at - text), tail = strlen(at + strlen(from));
    char *out = malloc(head + strlen(to) + tail + 1);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcpy(out + head + strlen(to), at + strlen(from));
    return out;
}

static void pipeline_cases(void)
{
    buf expected = BUF_INIT, why = BUF_INIT;
    TEST_CHECK(fs_read_file(EXPECTED_PIPELINE, &expected) == 0, "read %s", EXPECTED_PIPELINE);
    if (expected.data == NULL)
        return;
    verify_rule rule;
    char err[128];
    verify_rule_parse("pipeline", &rule, err, sizeof err);
    const char *e = expected.data;

    TEST_CHECK(check(&rule, e, e, &why) == 1, "the reference verifies itself: %s", why.data);

    /* The same numbers written differently are the same result. */
    char *respelled = replaced(e, NULL, "\"total_amount\": 1461676.16", "\"total_amount\":1461676.160000001");
    TEST_CHECK(respelled && check(&rule, e, respelled, &why) == 1,
               "formatting does not matter: %s", why.data);
    free(respelled);

    struct {
        const char *after, *from, *to, *expect_in_why;
    } wrong[] = {
        /* The study's own bug: a wrong top page for some users. */
        {"\"user_id\": 1,", "\"top_page\": \"/about\"", "\"top_page\": \"/home\"", "top_page"},
        {"\"user_id\": 1,", "\"top_event_type\": \"SEARCH\"", "\"top_event_type\": \"CLICK\"",
         "top_event_type"},
        {"\"user_id\": 1,", "\"total_amount\": 612.21", "\"total_amount\": 612.22", "total_amount"},
        {"\"user_id\": 1,", "\"event_count\": 14", "\"event_count\": 15", "event_count"},
        {"\"user_id\": 1,", "\"duration_seconds\": 15657386.0", "\"duration_seconds\": 15657387.0",
         "duration_seconds"},
        {NULL, "\"total_events\": 29326", "\"total_events\": 29325", "total_events"},
        {NULL, "\"total_amount\": 1461676.16", "\"total_amount\": 1461676.17", "total_amount"},
        {NULL, "\"user_id\": 1,", "\"user_id\": 0,", "users differ"},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
        char *bad = replaced(e, wrong[i].after, wrong[i].from, wrong[i].to);
        TEST_CHECK(bad != NULL, "case %zu applies to the reference", i);
        if (bad == NULL)
            continue;
        TEST_CHECK(check(&rule, e, bad, &why) == 0, "case %zu is rejected", i);
        TEST_CHECK(strstr(why.data, wrong[i].expect_in_why) != NULL,
                   "case %zu names '%s': %s", i, wrong[i].expect_in_why, why.data);
        free(bad);
    }

    /* A missing user. */
    char *first_user = strstr(e, "{\"user_id\"");
    char *second_user = first_user ? strstr(first_user + 1, "{\"user_id\"") : NULL;
    if (second_user) {
        buf fewer = BUF_INIT;
        buf_append(&fewer, e, (size_t)(first_user - e));
        buf_puts(&fewer, second_user);
        TEST_CHECK(check(&rule, e, fewer.data, &why) == 0 && strstr(why.data, "users") != NULL,
                   "a missing user is rejected: %s", why.data);
        buf_release(&fewer);
    }
    TEST_CHECK(check(&rule, e, "{\"total_users\": 1", &why) == 0, "truncated output");
    TEST_CHECK(check(&rule, e, "null", &why) == 0, "not a result");
    TEST_CHECK(check(&rule, "[]", e, &why) == -1, "an unreadable reference is not a verdict");
    buf_release(&expected);
    buf_release(&why);
}

int main(void)
{
    verify_rule rule;
    char err[128];
    buf why = BUF_INIT;

    TEST_CHECK(verify_rule_parse("bogus", &rule, err, sizeof err) == -1, "unknown rule");
    TEST_CHECK(verify_rule_parse("float-abs", &rule, err, sizeof err) == -1, "no tolerance");

    TEST_CHECK(verify_rule_parse("exact", &rule, err, sizeof err) == 0, "exact");
    TEST_CHECK(check(&rule, "1.274224152", "1.274224152\n", &why) == 1, "trailing newline ok");
    TEST_CHECK(check(&rule, "1.274224152", "1.274224153\n", &why) == 0,
               "the last digit matters (the study's own expected value was off there)");
    TEST_CHECK(strstr(why.data, "1.274224153") != NULL, "shows what it got: %s", why.data);

    TEST_CHECK(verify_rule_parse("float-abs 1e-8", &rule, err, sizeof err) == 0, "float-abs");
    const char *energies = "-0.169075164 -0.169096567";
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169096567\n", &why) == 1, "exact match");
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169096572\n", &why) == 1,
               "within 1e-8 is allowed");
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169096587\n", &why) == 0,
               "2e-8 off is not");
    /* The study's runner checked only the energy before the simulation. */
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169087605\n", &why) == 0,
               "a right start energy does not excuse a wrong end energy");
    TEST_CHECK(check(&rule, energies, "-0.169075164\n", &why) == 0, "a missing number");
    TEST_CHECK(check(&rule, energies, "-0.169075164\nnan\n", &why) == 0, "NaN never matches");
    TEST_CHECK(check(&rule, energies, "energy: 1\n", &why) == 0, "not numbers");
    buf_release(&why);

    pipeline_cases();
    return TEST_REPORT();
}
