/*
 * output.h - writing a file at a path the user gave (--json, --report,
 * report -o) without ever destroying what is there:
 *
 *   - a regular file (or a new one) is replaced atomically: a temporary
 *     file beside it, then rename(), so a reader never sees half of it;
 *   - a symbolic link is followed: its target is replaced that way, and
 *     the link stays a link;
 *   - a device or a FIFO (/dev/null, /dev/stdout) is written in place;
 *   - a directory, or a folder that cannot be written, is an error that
 *     names the path.
 *
 *     char err[512];
 *     if (output_write(path, data, len, err, sizeof err) != 0) ... err
 *     if (output_check(path, err, sizeof err) != 0) ... before any work
 */
#ifndef LADDER_OUTPUT_H
#define LADDER_OUTPUT_H

#include <stddef.h>

/* Writes data to path as above. 0, or -1 with err filled. */
int output_write(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Checks up front that path can be written (creating its folder if
 * needed): not a directory, the folder writable. 0, or -1 with err. */
int output_check(const char *path, char *err, size_t errlen);

/* 1 if a and b name the same file (after links), or the same new path. */
int output_same(const char *a, const char *b);

#endif /* LADDER_OUTPUT_H */
