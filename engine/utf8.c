/*
 * utf8.c - strict UTF-8 checks and the WTF-8 codec of utf8.h.
 */
#include "engine/utf8.h"

#define UTF8_CONT_MASK 0xC0u
#define UTF8_CONT_TAG 0x80u

static int utf8_is_cont(uint8_t c)
{
    return (c & UTF8_CONT_MASK) == UTF8_CONT_TAG;
}

int utf8_check(const uint8_t *p, const uint8_t *end)
{
    uint8_t c = p[0];
    int len;
    uint8_t lo = 0x80, hi = 0xBF;   /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;              /* below: overlong */
        else if (c == 0xED)
            hi = 0x9F;              /* above: a surrogate */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;              /* below: overlong */
        else if (c == 0xF4)
            hi = 0x8F;              /* above: past U+10FFFF */
    } else {
        return 0;                   /* C0, C1, F5..FF, or a stray tail byte */
    }
    for (int i = 1; i < len; i++) {
        if (p + i >= end)
            return -1;
        uint8_t b = p[i];
        if (i == 1 ? (b < lo || b > hi) : !utf8_is_cont(b))
            return 0;
    }
    return len;
}

size_t utf8_encode(uint32_t cp, uint8_t *out)
{
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | (cp >> 6));
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (cp >> 12));
        out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | (cp >> 18));
    out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_next(const uint8_t *p, const uint8_t *end, uint32_t *cp)
{
    uint8_t c = p[0];
    size_t len;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC0 && c < 0xE0) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c < 0xF0) {
        len = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c < 0xF8) {
        len = 4;
        v = c & 0x07;
    } else {
        *cp = c;
        return 1;
    }
    if ((size_t)(end - p) < len) {
        *cp = c;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if (!utf8_is_cont(p[i])) {
            *cp = c;
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return len;
}
