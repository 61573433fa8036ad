/* conf.c - the `key = value` declaration reader (see conf.h). */
#include "harness/conf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/buf.h"
#include "harness/fs.h"

typedef struct conf_pair {
    char *key;
    char *value;
    int line;
} conf_pair;

struct conf {
    char *name;
    conf_pair *pairs;
    size_t count;
    int lines;          /* the file's line count */
};

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

/* A `#` preceded by whitespace starts a trailing comment. */
static void strip_trailing_comment(char *value)
{
    for (char *p = value; *p; p++) {
        if (*p == '#' && (p == value || isspace((unsigned char)p[-1]))) {
            *p = '\0';
            return;
        }
    }
}

static int conf_set(conf *c, const char *key, const char *value, int line)
{
    for (size_t i = 0; i < c->count; i++) {
        if (strcmp(c->pairs[i].key, key) == 0) {
            char *copy = strdup(value);
            if (copy == NULL)
                return -1;
            free(c->pairs[i].value);
            c->pairs[i].value = copy;
            c->pairs[i].line = line;
            return 0;
        }
    }
    conf_pair *grown = realloc(c->pairs, (c->count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    c->pairs = grown;
    conf_pair *p = &c->pairs[c->count];
    p->key = strdup(key);
    p->value = strdup(value);
    p->line = line;
    if (p->key == NULL || p->value == NULL) {
        free(p->key);
        free(p->value);
        return -1;
    }
    c->count++;
    return 0;
}

conf *conf_parse(const char *name, const char *text, char *err, size_t errlen)
{
    conf *c = calloc(1, sizeof *c);
    char *copy = strdup(text);
    if (c != NULL)
        c->name = strdup(name);
    if (c == NULL || copy == NULL || c->name == NULL) {
        snprintf(err, errlen, "%s: out of memory", name);
        goto fail;
    }
    int line_no = 0;
    for (char *line = copy, *next; line != NULL; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        line_no++;
        char *s = trim(line);
        if (*s == '\0' || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            snprintf(err, errlen, "%s:%d: expected 'key = value', got '%s'",
                     name, line_no, s);
            goto fail;
        }
        *eq = '\0';
        char *key = trim(s);
        char *value = eq + 1;
        strip_trailing_comment(value);
        value = trim(value);
        if (*key == '\0') {
            snprintf(err, errlen, "%s:%d: missing key before '='", name, line_no);
            goto fail;
        }
        if (conf_set(c, key, value, line_no) != 0) {
            snprintf(err, errlen, "%s: out of memory", name);
            goto fail;
        }
    }
    /* A final line without a newline still counts; an empty file has one. */
    c->lines = line_no > 0 ? line_no : 1;
    free(copy);
    return c;
fail:
    free(copy);
    conf_free(c);
    return NULL;
}

conf *conf_load(const char *path, char *err, size_t errlen)
{
    buf text = BUF_INIT;
    if (fs_read_file(path, &text) != 0) {
        snprintf(err, errlen, "cannot read '%s'", path);
        buf_release(&text);
        return NULL;
    }
    conf *c = conf_parse(path, text.data ? text.data : "", err, errlen);
    buf_release(&text);
    return c;
}

const char *conf_get(const conf *c, const char *key)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->pairs[i].key, key) == 0)
            return c->pairs[i].value;
    return NULL;
}

int conf_entry(const conf *c, size_t n, const char **key, const char **value)
{
    if (n >= c->count)
        return -1;
    *key = c->pairs[n].key;
    *value = c->pairs[n].value;
    return 0;
}

int conf_line(const conf *c, const char *key)
{
    if (key == NULL)
        return c->lines;
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->pairs[i].key, key) == 0)
            return c->pairs[i].line;
    return c->lines;
}

const char *conf_name(const conf *c)
{
    return c->name;
}

void conf_free(conf *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->count; i++) {
        free(c->pairs[i].key);
        free(c->pairs[i].value);
    }
    free(c->pairs);
    free(c->name);
    free(c);
}
