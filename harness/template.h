/*
 * template.h - expands the {placeholders} in rung.conf and problem.conf
 * commands (docs/declaring.md). Each value is quoted for /bin/sh.
 *
 *     template_var vars[] = {{"root", root}, {"python", py}};
 *     template_expand("{python} x.py", vars, 2, &out, err, sizeof err);
 */
#ifndef LADDER_TEMPLATE_H
#define LADDER_TEMPLATE_H

#include <stddef.h>

#include "harness/buf.h"

typedef struct template_var {
    const char *name;
    const char *value;   /* NULL: not available here (an error if used) */
} template_var;

/* Appends the expansion to out. -1 with err filled for an unknown or
 * unavailable placeholder or an unclosed brace. */
int template_expand(const char *text, const template_var *vars, size_t nvars,
                    buf *out, char *err, size_t errlen);

/* The same for text that is not a command (a title, a file name): values
 * are inserted as they are. */
int template_expand_text(const char *text, const template_var *vars, size_t nvars,
                         buf *out, char *err, size_t errlen);

#endif /* LADDER_TEMPLATE_H */
