/*
 * utf8.h - UTF-8 as the engine reads and writes it.
 *
 * Input must be strict UTF-8 (RFC 3629): no overlong forms, no encoded
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF. Python's strict
 * 'utf-8' codec refuses the same bytes.
 *
 * Decoded strings can hold one thing strict UTF-8 cannot: a lone surrogate
 * from a "\ud800" escape, which CPython's json module accepts and keeps as a
 * lone code point. The engine stores it as the 3-byte generalized UTF-8 form
 * (WTF-8, ED A0 80 for U+D800). That keeps strings comparable byte for byte
 * exactly when CPython's strings are equal, because a high surrogate escape
 * followed by a low one is always joined into one code point before it is
 * stored, so the two forms never mix. utf8_next() reads the form back, and
 * the JSON writer turns it into "\ud800" as json.dumps does.
 */
#ifndef LADDER_ENGINE_UTF8_H
#define LADDER_ENGINE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Most bytes one code point takes. */
#define UTF8_MAX_BYTES 4

/* Checks the strict UTF-8 sequence starting at p (a lead byte >= 0x80).
 * Returns its length (2..4), 0 if invalid, or -1 if it is a valid prefix
 * cut short by end. Reads nothing at or past end. */
int utf8_check(const uint8_t *p, const uint8_t *end);

/* Writes code point cp (up to U+10FFFF, surrogates included, see above) at
 * out, which has room for UTF8_MAX_BYTES. Returns the bytes written. */
size_t utf8_encode(uint32_t cp, uint8_t *out);

/* Reads one code point of a decoded string (WTF-8) at p, before end, into
 * *cp. Returns its length; 1 with *cp = the byte for anything malformed
 * (decoded strings are never malformed). */
size_t utf8_next(const uint8_t *p, const uint8_t *end, uint32_t *cp);

#endif /* LADDER_ENGINE_UTF8_H */
