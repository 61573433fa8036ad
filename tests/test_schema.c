/* test_schema.c - declarations checked against their keys (harness/schema.h):
 * every mistake is reported as FILE:LINE: what, with the line it is on. */
#include <string.h>

#include "harness/conf.h"
#include "harness/schema.h"
#include "tests/testhelp.h"

static const schema_key KEYS[] = {
    {"title", SCHEMA_REQUIRED, schema_text, NULL},
    {"rank", SCHEMA_REQUIRED, schema_integer, "0 1000"},
    {"requires", 0, NULL, NULL},
    {"warmup", 0, schema_one_of, "none compile jit"},
    {"implementations", 0, schema_words_of, "cpython pypy graalpy"},
    {"source.", 0, schema_text, NULL},
};

/* The error schema_check gives for text, or "" when it passes. */
static const char *checked(const char *text, char *err, size_t errlen)
{
    err[0] = '\0';
    conf *c = conf_parse("rungs/x/rung.conf", text, err, errlen);
    if (c == NULL)
        return err;
    if (schema_check(c, KEYS, sizeof KEYS / sizeof *KEYS, err, errlen) == 0)
        err[0] = '\0';
    conf_free(c);
    return err;
}

int main(void)
{
    char err[512];
    TEST_CHECK(strcmp(checked("title = x\nrank = 5\nsource.nbody = a.c\n", err, sizeof err), "") == 0,
               "a good declaration passes: %s", err);
    TEST_CHECK(strcmp(checked("title = x\nrank = 5\nrequries = cc\n", err, sizeof err),
                      "rungs/x/rung.conf:3: unknown key 'requries' (did you mean 'requires'?)") == 0,
               "a misspelt key, with its line and a suggestion: %s", err);
    TEST_CHECK(strcmp(checked("title = x\nrank = 5\nflavour = sweet\n", err, sizeof err),
                      "rungs/x/rung.conf:3: unknown key 'flavour'") == 0,
               "an unknown key far from any: %s", err);
    TEST_CHECK(strstr(checked("", err, sizeof err), "rungs/x/rung.conf:1: missing required key 'title'") != NULL,
               "an empty file: %s", err);
    TEST_CHECK(strstr(checked("title = x\n\n\n", err, sizeof err), "missing required key 'rank'") != NULL,
               "a missing key: %s", err);
    TEST_CHECK(strcmp(checked("title = x\nrank = high\n", err, sizeof err),
                      "rungs/x/rung.conf:2: rank: 'high' must be an integer from 0 to 1000") == 0,
               "a bad integer: %s", err);
    TEST_CHECK(strstr(checked("title = x\nrank = 5\nwarmup = lukewarm\n", err, sizeof err),
                      ":3: warmup: 'lukewarm' must be one of: none compile jit") != NULL,
               "a bad choice: %s", err);
    TEST_CHECK(strstr(checked("title = x\nrank = 5\nimplementations = cpython jython\n", err, sizeof err),
                      "'jython' is not one of") != NULL, "a bad word in a list: %s", err);
    TEST_CHECK(strstr(checked("title = x\nrank = 5\nsource. = a.c\n", err, sizeof err),
                      "unknown key 'source.'") != NULL, "a family needs a name: %s", err);
    TEST_CHECK(strstr(checked("title = x\nrank = 5\nno equals sign\n", err, sizeof err),
                      "rungs/x/rung.conf:3: expected 'key = value'") != NULL,
               "a line that is not a key: %s", err);
    TEST_CHECK(schema_has_word("nbody spectral-norm", "spectral-norm") &&
                   !schema_has_word("nbody spectral-norm", "spectral"),
               "whole words only");
    return TEST_REPORT();
}
