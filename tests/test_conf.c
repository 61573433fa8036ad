/* test_conf.c - the declaration file reader and placeholders
 * (harness/conf.h, harness/template.h). */
#include <string.h>

#include "harness/conf.h"
#include "harness/template.h"
#include "tests/testhelp.h"

int main(void)
{
    char err[256];
    conf *c = conf_parse("t.conf",
                         "# a comment\n"
                         "title = n-body   # trailing comment\n"
                         "\n"
                         "  run=  {python} x.py  \n"
                         "url = a#b\n"
                         "title = again\n",
                         err, sizeof err);
    TEST_CHECK(c != NULL, "parses: %s", err);
    TEST_CHECK(strcmp(conf_get(c, "title"), "again") == 0, "a later key wins");
    TEST_CHECK(strcmp(conf_get(c, "run"), "{python} x.py") == 0, "values are trimmed");
    TEST_CHECK(strcmp(conf_get(c, "url"), "a#b") == 0, "# inside a word is kept");
    TEST_CHECK(conf_get(c, "missing") == NULL, "absent key is NULL");
    const char *k, *v;
    TEST_CHECK(conf_entry(c, 0, &k, &v) == 0 && strcmp(k, "title") == 0, "entries in order");
    TEST_CHECK(conf_entry(c, 3, &k, &v) == -1, "past the end");
    conf_free(c);

    TEST_CHECK(conf_parse("bad.conf", "ok = 1\nno equals here\n", err, sizeof err) == NULL,
               "a line without '=' is an error");
    TEST_CHECK(strstr(err, "bad.conf:2") != NULL, "the error names file and line: %s", err);
    TEST_CHECK(conf_parse("bad.conf", " = 1\n", err, sizeof err) == NULL, "empty key");
    conf_free(NULL);

    template_var vars[] = {{"python", "/usr/bin/python3"}, {"dir", "it's here"}, {"none", NULL}};
    buf out = BUF_INIT;
    TEST_CHECK(template_expand("{python} {dir}/x", vars, 3, &out, err, sizeof err) == 0,
               "expands");
    TEST_CHECK(strcmp(out.data, "'/usr/bin/python3' 'it'\\''s here'/x") == 0,
               "values are shell-quoted: %s", out.data);
    buf_clear(&out);
    TEST_CHECK(template_expand("{nope}", vars, 3, &out, err, sizeof err) == -1 &&
                   strstr(err, "unknown") != NULL,
               "unknown placeholder: %s", err);
    TEST_CHECK(template_expand("{none}", vars, 3, &out, err, sizeof err) == -1 &&
                   strstr(err, "unavailable") != NULL,
               "unavailable placeholder: %s", err);
    TEST_CHECK(template_expand("{python", vars, 3, &out, err, sizeof err) == -1,
               "unclosed brace");
    buf_release(&out);
    return TEST_REPORT();
}
