/*
 * buf.h - a growable byte buffer, always NUL-terminated.
 *
 *     buf b = BUF_INIT;
 *     buf_append(&b, data, len);
 *     buf_printf(&b, "%d runs", n);
 *     use(b.data, b.len);
 *     buf_release(&b);
 *
 * The buffer owns b.data; buf_release() frees it and leaves an empty buffer.
 * buf_detach() hands the storage to the caller (free() it). On allocation
 * failure the functions return -1 and leave the contents as they were.
 */
#ifndef LADDER_BUF_H
#define LADDER_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;     /* NULL until the first append */
    size_t len;     /* bytes used, without the terminating NUL */
    size_t cap;     /* bytes allocated */
} buf;

#define BUF_INIT {NULL, 0, 0}

/* Makes room for at least extra more bytes (plus the NUL). */
int buf_reserve(buf *b, size_t extra);
int buf_append(buf *b, const void *data, size_t len);
int buf_puts(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(buf *b, const char *fmt, va_list ap);
/* Drops the first n bytes (n <= len), moving the rest to the front. */
void buf_consume(buf *b, size_t n);
void buf_clear(buf *b);
/* Returns the storage (never NULL: "" for an empty buffer; the caller frees
 * it) and leaves b empty; NULL only if allocating "" failed. */
char *buf_detach(buf *b);
void buf_release(buf *b);

#endif /* LADDER_BUF_H */
