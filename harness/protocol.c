/* protocol.c - the rung-to-harness message parser (see protocol.h). */
#include "harness/protocol.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static protocol_kind bad(protocol_message *m, const char *what,
                         const char *line, size_t line_len)
{
    int shown = (int)(line_len < 60 ? line_len : 60);
    snprintf(m->text, sizeof m->text, "%s: '%.*s%s'", what, shown, line,
             line_len > 60 ? "..." : "");
    m->kind = PROTOCOL_BAD;
    return m->kind;
}

/* Parses a non-negative decimal integer filling all of [s, s+len). */
static int parse_count(const char *s, size_t len, uint64_t *out)
{
    if (len == 0 || len > 19)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

protocol_kind protocol_parse(const char *data, size_t len, protocol_message *m)
{
    memset(m, 0, sizeof *m);
    const char *nl = memchr(data, '\n', len < PROTOCOL_MAX_LINE ? len : PROTOCOL_MAX_LINE);
    if (nl == NULL) {
        if (len >= PROTOCOL_MAX_LINE)
            return bad(m, "line too long", data, len);
        m->kind = PROTOCOL_NEED_MORE;
        return m->kind;
    }
    size_t line_len = (size_t)(nl - data);
    m->consumed = line_len + 1;

    if (line_len == 5 && memcmp(data, "ready", 5) == 0) {
        m->kind = PROTOCOL_READY;
        return m->kind;
    }
    if (line_len >= 6 && memcmp(data, "error ", 6) == 0) {
        snprintf(m->text, sizeof m->text, "%.*s", (int)(line_len - 6), data + 6);
        m->kind = PROTOCOL_ERROR;
        return m->kind;
    }
    if (line_len >= 7 && memcmp(data, "result ", 7) == 0) {
        const char *ns = data + 7;
        const char *space = memchr(ns, ' ', (size_t)(nl - ns));
        uint64_t elapsed, nbytes, instructions = 0;
        /* An optional third number: the instructions the rung counted. */
        const char *third = space ? memchr(space + 1, ' ', (size_t)(nl - space - 1)) : NULL;
        const char *nbytes_end = third ? third : nl;
        if (space == NULL || parse_count(ns, (size_t)(space - ns), &elapsed) != 0 ||
            parse_count(space + 1, (size_t)(nbytes_end - space - 1), &nbytes) != 0 ||
            (third && parse_count(third + 1, (size_t)(nl - third - 1), &instructions) != 0) ||
            elapsed > INT64_MAX || instructions > INT64_MAX)
            return bad(m, "malformed result line", data, line_len);
        m->instructions = third ? (int64_t)instructions : -1;
        if (nbytes > PROTOCOL_MAX_PAYLOAD)
            return bad(m, "output too large", data, line_len);
        if (len - m->consumed < nbytes) {
            m->consumed = 0;
            m->kind = PROTOCOL_NEED_MORE;
            return m->kind;
        }
        m->elapsed_ns = (int64_t)elapsed;
        m->payload = data + m->consumed;
        m->payload_len = (size_t)nbytes;
        m->consumed += (size_t)nbytes;
        m->kind = PROTOCOL_RESULT;
        return m->kind;
    }
    return bad(m, "unexpected output", data, line_len);
}
