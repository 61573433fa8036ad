/*
 * conf.h - reads the `key = value` declaration files (problem.conf,
 * rung.conf; format in docs/declaring.md).
 *
 *     char err[256];
 *     conf *c = conf_load("rungs/c/rung.conf", err, sizeof err);
 *     const char *title = conf_get(c, "title");    // NULL if absent
 *     conf_free(c);
 *
 * A line is `key = value`, a comment (`#` first, or after whitespace at
 * the end of a value), or blank. Values are trimmed. A later key replaces
 * an earlier one. Strings returned by conf_get belong to the conf.
 * conf_load returns NULL and writes "FILE:LINE: what" into err on failure.
 */
#ifndef LADDER_CONF_H
#define LADDER_CONF_H

#include <stddef.h>

typedef struct conf conf;

conf *conf_load(const char *path, char *err, size_t errlen);
/* Parses text as if read from a file named `name` (for tests). */
conf *conf_parse(const char *name, const char *text, char *err, size_t errlen);
const char *conf_get(const conf *c, const char *key);
/* The n-th entry (0-based) in file order, or -1 past the end. Keys and
 * values belong to the conf. */
int conf_entry(const conf *c, size_t n, const char **key, const char **value);
/* The line a key was set on (its last setting), or, for a key not set (or
 * NULL), the file's last line: where a missing key would go. */
int conf_line(const conf *c, const char *key);
/* The name the conf was loaded or parsed under (a path). */
const char *conf_name(const conf *c);
void conf_free(conf *c);

#endif /* LADDER_CONF_H */
