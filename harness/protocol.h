/*
 * protocol.h - parses what a rung says on its standard output
 * (docs/protocol.md): `ready`, `result <ns> <nbytes> [<instructions>]` +
 * payload, `error <text>`.
 *
 * The parser is incremental and pure: feed it everything received so far;
 * it says whether a whole message is there and how many bytes it used.
 *
 *     protocol_message m;
 *     switch (protocol_parse(in.data, in.len, &m)) {
 *     case PROTOCOL_NEED_MORE: read more, call again
 *     case PROTOCOL_RESULT:    use m.elapsed_ns, m.payload, m.payload_len;
 *                              then buf_consume(&in, m.consumed)
 *     ...
 *     }
 *
 * m.payload points into the caller's data (borrowed, valid until it changes).
 */
#ifndef LADDER_PROTOCOL_H
#define LADDER_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

/* A line longer than this without a newline is a protocol error. */
#define PROTOCOL_MAX_LINE 4096
/* A larger payload is refused rather than buffered. */
#define PROTOCOL_MAX_PAYLOAD ((size_t)1 << 30)

typedef enum protocol_kind {
    PROTOCOL_NEED_MORE,    /* no whole message yet */
    PROTOCOL_READY,        /* `ready` */
    PROTOCOL_RESULT,       /* `result <ns> <nbytes>` and the payload */
    PROTOCOL_ERROR,        /* `error <text>`: the rung gave up */
    PROTOCOL_BAD           /* anything else; m.text says what */
} protocol_kind;

typedef struct protocol_message {
    protocol_kind kind;
    int64_t elapsed_ns;            /* PROTOCOL_RESULT */
    int64_t instructions;          /* PROTOCOL_RESULT: counted by the rung, or -1 */
    const char *payload;           /* PROTOCOL_RESULT; borrowed */
    size_t payload_len;
    char text[PROTOCOL_MAX_LINE];  /* PROTOCOL_ERROR, PROTOCOL_BAD */
    size_t consumed;               /* bytes of input this message used */
} protocol_message;

protocol_kind protocol_parse(const char *data, size_t len, protocol_message *m);

#endif /* LADDER_PROTOCOL_H */
