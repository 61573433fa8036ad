/* template.c - {placeholder} expansion (see template.h). */
#include "harness/template.h"

#include <stdio.h>
#include <string.h>

#include "harness/child.h"

static int expand(const char *text, const template_var *vars, size_t nvars, int quote, buf *out,
                  char *err, size_t errlen)
{
    for (const char *p = text; *p;) {
        if (*p != '{') {
            size_t plain = strcspn(p, "{");
            buf_append(out, p, plain);
            p += plain;
            continue;
        }
        const char *close = strchr(p, '}');
        if (close == NULL) {
            snprintf(err, errlen, "unclosed '{' in '%s'", text);
            return -1;
        }
        size_t name_len = (size_t)(close - p - 1);
        const template_var *found = NULL;
        for (size_t i = 0; i < nvars; i++)
            if (strlen(vars[i].name) == name_len && memcmp(vars[i].name, p + 1, name_len) == 0)
                found = &vars[i];
        if (found == NULL || found->value == NULL) {
            snprintf(err, errlen, "%s placeholder {%.*s} in '%s'",
                     found ? "unavailable" : "unknown", (int)name_len, p + 1, text);
            return -1;
        }
        if (quote)
            child_shell_quote(out, found->value);
        else
            buf_puts(out, found->value);
        p = close + 1;
    }
    return 0;
}

int template_expand(const char *text, const template_var *vars, size_t nvars, buf *out, char *err,
                    size_t errlen)
{
    return expand(text, vars, nvars, 1, out, err, errlen);
}

int template_expand_text(const char *text, const template_var *vars, size_t nvars, buf *out,
                         char *err, size_t errlen)
{
    return expand(text, vars, nvars, 0, out, err, errlen);
}
