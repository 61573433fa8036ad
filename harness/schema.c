/* schema.c - declaration keys and values checked (see schema.h). */
#include "harness/schema.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A misspelt key this close (in edits) to a known one gets a suggestion. */
#define SCHEMA_SUGGEST_DISTANCE 2
#define SCHEMA_MAX_KEY 64

void schema_error(const conf *c, const char *key, char *err, size_t errlen, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s:%d: ", conf_name(c), conf_line(c, key));
    if (n < 0 || (size_t)n >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

int schema_word(const char *list, size_t n, char *word, size_t wordlen)
{
    const char *p = list;
    for (size_t i = 0;; i++) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            return -1;
        size_t len = strcspn(p, " \t");
        if (i == n) {
            snprintf(word, wordlen, "%.*s", (int)len, p);
            return 0;
        }
        p += len;
    }
}

int schema_has_word(const char *list, const char *word)
{
    char w[256];
    for (size_t i = 0; schema_word(list, i, w, sizeof w) == 0; i++)
        if (strcmp(w, word) == 0)
            return 1;
    return 0;
}

int schema_text(const char *value, const char *arg, char *why, size_t whylen)
{
    (void)arg;
    if (*value == '\0') {
        snprintf(why, whylen, "must not be empty");
        return -1;
    }
    return 0;
}

int schema_integer(const char *value, const char *arg, char *why, size_t whylen)
{
    long long lo = 0, hi = 0;
    sscanf(arg, "%lld %lld", &lo, &hi);
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (end == value || *end != '\0' || errno == ERANGE || v < lo || v > hi) {
        snprintf(why, whylen, "'%s' must be an integer from %lld to %lld", value, lo, hi);
        return -1;
    }
    return 0;
}

int schema_one_of(const char *value, const char *arg, char *why, size_t whylen)
{
    if (!schema_has_word(arg, value)) {
        snprintf(why, whylen, "'%s' must be one of: %s", value, arg);
        return -1;
    }
    return 0;
}

int schema_words_of(const char *value, const char *arg, char *why, size_t whylen)
{
    char w[256];
    if (schema_word(value, 0, w, sizeof w) != 0) {
        snprintf(why, whylen, "must name at least one of: %s", arg);
        return -1;
    }
    for (size_t i = 0; schema_word(value, i, w, sizeof w) == 0; i++) {
        if (!schema_has_word(arg, w)) {
            snprintf(why, whylen, "'%s' is not one of: %s", w, arg);
            return -1;
        }
    }
    return 0;
}

/* Levenshtein distance of two short strings (keys), capped. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n >= SCHEMA_MAX_KEY || m >= SCHEMA_MAX_KEY)
        return SCHEMA_MAX_KEY;
    size_t row[SCHEMA_MAX_KEY + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[m];
}

static const schema_key *find_key(const schema_key *keys, size_t nkeys, const char *key)
{
    for (size_t i = 0; i < nkeys; i++) {
        size_t len = strlen(keys[i].name);
        int family = len > 0 && keys[i].name[len - 1] == '.';
        if (family ? strncmp(key, keys[i].name, len) == 0 && key[len] != '\0'
                   : strcmp(key, keys[i].name) == 0)
            return &keys[i];
    }
    return NULL;
}

int schema_check(const conf *c, const schema_key *keys, size_t nkeys, char *err, size_t errlen)
{
    const char *key, *value;
    char why[256];
    for (size_t n = 0; conf_entry(c, n, &key, &value) == 0; n++) {
        const schema_key *k = find_key(keys, nkeys, key);
        if (k == NULL) {
            const char *closest = NULL;
            size_t best = SCHEMA_SUGGEST_DISTANCE + 1;
            for (size_t i = 0; i < nkeys; i++) {
                size_t d = edit_distance(key, keys[i].name);
                if (d < best)
                    best = d, closest = keys[i].name;
            }
            if (closest != NULL)
                schema_error(c, key, err, errlen, "unknown key '%s' (did you mean '%s'?)", key,
                             closest);
            else
                schema_error(c, key, err, errlen, "unknown key '%s'", key);
            return -1;
        }
        if (k->check != NULL && k->check(value, k->arg, why, sizeof why) != 0) {
            schema_error(c, key, err, errlen, "%s: %s", key, why);
            return -1;
        }
    }
    for (size_t i = 0; i < nkeys; i++) {
        if ((keys[i].flags & SCHEMA_REQUIRED) && conf_get(c, keys[i].name) == NULL) {
            schema_error(c, NULL, err, errlen, "missing required key '%s'", keys[i].name);
            return -1;
        }
    }
    return 0;
}
