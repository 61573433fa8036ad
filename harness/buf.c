/* buf.c - a growable byte buffer (see buf.h). */
#include "harness/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Small buffers grow to this at once, to skip the first few reallocations. */
#define BUF_MIN_CAPACITY 64

int buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t want = b->cap ? b->cap : BUF_MIN_CAPACITY;
    while (want < b->len + extra + 1)
        want *= 2;
    char *grown = realloc(b->data, want);
    if (grown == NULL)
        return -1;
    b->data = grown;
    b->cap = want;
    return 0;
}

int buf_append(buf *b, const void *data, size_t len)
{
    if (buf_reserve(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_vprintf(buf *b, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int need = vsnprintf(NULL, 0, fmt, ap);
    int status = -1;
    if (need >= 0 && buf_reserve(b, (size_t)need) == 0) {
        vsnprintf(b->data + b->len, (size_t)need + 1, fmt, again);
        b->len += (size_t)need;
        status = 0;
    }
    va_end(again);
    return status;
}

int buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int status = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return status;
}

void buf_consume(buf *b, size_t n)
{
    if (n >= b->len) {
        buf_clear(b);
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
    b->data[b->len] = '\0';
}

void buf_clear(buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *buf_detach(buf *b)
{
    char *out = b->data ? b->data : strdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return out;
}

void buf_release(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
