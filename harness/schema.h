/*
 * schema.h - checks a declaration (a conf) against the keys it may have:
 * which are required, which are families (`source.PROBLEM`), and what each
 * value must look like. problem.c and rung.c each hold their table; the
 * rules are documented in docs/declaring.md.
 *
 *     static const schema_key KEYS[] = {
 *         {"title", SCHEMA_REQUIRED, schema_text, NULL},
 *         {"rank", SCHEMA_REQUIRED, schema_integer, "0 1000"},
 *         {"warmup", 0, schema_one_of, "none compile jit"},
 *         {"source.", 0, schema_text, NULL},     // a family: any suffix
 *     };
 *     char err[512];
 *     if (schema_check(conf, KEYS, sizeof KEYS / sizeof *KEYS, err, sizeof err) != 0)
 *         ... err is "rungs/x/rung.conf:3: unknown key 'requries' (did you mean 'requires'?)"
 *
 * The first problem found is reported; nothing is allocated.
 */
#ifndef LADDER_SCHEMA_H
#define LADDER_SCHEMA_H

#include <stddef.h>

#include "harness/conf.h"

/* Checks one value; returns 0, or -1 with a lowercase phrase in why
 * ("must be an integer from 0 to 1000"). arg is the key's schema_key.arg. */
typedef int (*schema_value_check)(const char *value, const char *arg, char *why, size_t whylen);

#define SCHEMA_REQUIRED 1

typedef struct schema_key {
    const char *name;          /* a key, or a family prefix ending in '.' */
    int flags;                 /* SCHEMA_REQUIRED */
    schema_value_check check;  /* NULL: any value */
    const char *arg;           /* for the check */
} schema_key;

/* 0 if c follows the schema; -1 with "FILE:LINE: what" in err. */
int schema_check(const conf *c, const schema_key *keys, size_t nkeys, char *err, size_t errlen);

/* Formats "FILE:LINE: " + message for key (NULL: the file as a whole). */
void schema_error(const conf *c, const char *key, char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Value checks. */
int schema_text(const char *value, const char *arg, char *why, size_t whylen);        /* not empty */
int schema_integer(const char *value, const char *arg, char *why, size_t whylen);     /* arg "MIN MAX" */
int schema_one_of(const char *value, const char *arg, char *why, size_t whylen);      /* arg: the words */
int schema_words_of(const char *value, const char *arg, char *why, size_t whylen);    /* each word in arg */

/* The n-th space-separated word of list (0-based), copied into word;
 * returns 0, or -1 past the end. */
int schema_word(const char *list, size_t n, char *word, size_t wordlen);
/* 1 if word is one of list's space-separated words. */
int schema_has_word(const char *list, const char *word);

#endif /* LADDER_SCHEMA_H */
