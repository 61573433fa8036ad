/* test_protocol.c - the parser of what rungs print (harness/protocol.h). */
#include <string.h>

#include "harness/protocol.h"
#include "tests/testhelp.h"

static protocol_kind parse(const char *text, protocol_message *m)
{
    return protocol_parse(text, strlen(text), m);
}

int main(void)
{
    protocol_message m;

    TEST_CHECK(parse("", &m) == PROTOCOL_NEED_MORE, "nothing yet");
    TEST_CHECK(parse("rea", &m) == PROTOCOL_NEED_MORE, "half a line");
    TEST_CHECK(parse("ready\n", &m) == PROTOCOL_READY && m.consumed == 6, "ready");
    TEST_CHECK(parse("ready\nresult 1 0\n", &m) == PROTOCOL_READY && m.consumed == 6,
               "one message at a time");

    const char *r = "result 123456 12\n-0.169075164\n";
    TEST_CHECK(protocol_parse(r, strlen(r), &m) == PROTOCOL_RESULT, "a result");
    TEST_CHECK(m.elapsed_ns == 123456, "elapsed %lld", (long long)m.elapsed_ns);
    TEST_CHECK(m.payload_len == 12 && memcmp(m.payload, "-0.169075164", 12) == 0, "payload");
    TEST_CHECK(m.consumed == strlen(r) - 1, "consumed up to the payload's end");

    TEST_CHECK(parse("result 5 100\nshort", &m) == PROTOCOL_NEED_MORE,
               "a payload not yet complete waits");
    TEST_CHECK(m.consumed == 0, "and consumes nothing");

    /* A payload may contain newlines and the word 'ready'. */
    const char *tricky = "result 7 13\nready\nerror x\n";
    TEST_CHECK(protocol_parse(tricky, strlen(tricky), &m) == PROTOCOL_RESULT &&
                   m.payload_len == 13,
               "payload taken by length, not by lines");

    TEST_CHECK(parse("error cannot import numpy\n", &m) == PROTOCOL_ERROR, "error line");
    TEST_CHECK(strcmp(m.text, "cannot import numpy") == 0, "error text '%s'", m.text);

    TEST_CHECK(parse("hello\n", &m) == PROTOCOL_BAD, "unknown line");
    TEST_CHECK(strstr(m.text, "hello") != NULL, "bad line is quoted: %s", m.text);
    TEST_CHECK(parse("result x 1\n", &m) == PROTOCOL_BAD, "non-numeric time");
    TEST_CHECK(parse("result 1\n", &m) == PROTOCOL_BAD, "missing length");
    TEST_CHECK(parse("result -1 2\n", &m) == PROTOCOL_BAD, "negative time");
    TEST_CHECK(parse("result 1 2 3 4\n", &m) == PROTOCOL_BAD, "a fourth field");
    TEST_CHECK(parse("result 1 2 x\n", &m) == PROTOCOL_BAD, "a non-numeric instruction count");
    TEST_CHECK(parse("result 5 0 1234\n", &m) == PROTOCOL_RESULT && m.elapsed_ns == 5 &&
                   m.payload_len == 0 && m.instructions == 1234,
               "the rung's own instruction count (region.h)");
    TEST_CHECK(parse("result 5 0\n", &m) == PROTOCOL_RESULT && m.instructions == -1,
               "no instruction count");
    TEST_CHECK(parse("result 1 99999999999999\n", &m) == PROTOCOL_BAD, "payload too large");
    TEST_CHECK(parse("result 99999999999999999999 1\n", &m) == PROTOCOL_BAD, "time overflows");
    TEST_CHECK(parse("ready \n", &m) == PROTOCOL_BAD, "trailing space is not ready");

    static char long_line[PROTOCOL_MAX_LINE + 10];
    memset(long_line, 'x', sizeof long_line - 1);
    TEST_CHECK(protocol_parse(long_line, sizeof long_line - 1, &m) == PROTOCOL_BAD,
               "a line without end is refused, not buffered forever");
    return TEST_REPORT();
}
