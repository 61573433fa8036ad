/* rung.c - rung declarations (see rung.h). */
#include "harness/rung.h"

#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fs.h"
#include "harness/proc.h"
#include "harness/template.h"

static int load_one(const char *root, const char *build_root, const char *name, rung *r,
                    char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    buf path = BUF_INIT;
    buf_printf(&path, "%s/rungs/%s", root, name);
    r->name = strdup(name);
    r->dir = strdup(path.data);
    buf_clear(&path);
    buf_printf(&path, "%s/rungs/%s", build_root, name);
    r->build_dir = strdup(path.data);
    buf_clear(&path);
    buf_printf(&path, "%s/rungs/%s/rung.conf", root, name);
    r->conf = conf_load(path.data, err, errlen);
    int status = -1;
    if (r->conf == NULL)
        goto cleanup;
    r->title = conf_get(r->conf, "title");
    r->cost = conf_get(r->conf, "cost");
    r->requires = conf_get(r->conf, "requires");
    r->enable = conf_get(r->conf, "enable");
    r->build = conf_get(r->conf, "build");
    r->run = conf_get(r->conf, "run");
    const char *rank = conf_get(r->conf, "rank");
    r->rank = rank ? atoi(rank) : RUNG_DEFAULT_RANK;
    if (r->title == NULL || r->run == NULL || conf_get(r->conf, "problems") == NULL) {
        snprintf(err, errlen, "%s: 'title', 'problems' and 'run' are required", path.data);
        goto cleanup;
    }
    if (r->cost == NULL)
        r->cost = "";
    if (r->requires == NULL)
        r->requires = "";
    if (r->enable == NULL)
        r->enable = "";
    status = 0;
cleanup:
    buf_release(&path);
    return status;
}

static void release_one(rung *r)
{
    free(r->name);
    free(r->dir);
    free(r->build_dir);
    conf_free(r->conf);
}

static int by_rank(const void *a, const void *b)
{
    const rung *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return strcmp(x->name, y->name);
}

int rungs_load(const char *root, const char *build_root, rung_set *out,
               char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    buf dir = BUF_INIT;
    buf_printf(&dir, "%s/rungs", root);
    char **names = NULL;
    size_t count = 0;
    int status = -1;
    if (fs_declared_folders(dir.data, "rung.conf", &names, &count) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", dir.data, strerror(errno));
        goto cleanup;
    }
    out->items = calloc(count ? count : 1, sizeof *out->items);
    if (out->items == NULL) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < count; i++) {
        if (load_one(root, build_root, names[i], &out->items[i], err, errlen) != 0) {
            release_one(&out->items[i]);
            goto cleanup;
        }
        out->count++;
    }
    /* Folder names are sorted already; rank puts them in ladder order. */
    qsort(out->items, out->count, sizeof *out->items, by_rank);
    status = 0;
cleanup:
    fs_free_names(names, count);
    buf_release(&dir);
    if (status != 0)
        rungs_release(out);
    return status;
}

void rungs_release(rung_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        release_one(&set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

const rung *rungs_find(const rung_set *set, const char *name)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i].name, name) == 0)
            return &set->items[i];
    return NULL;
}

/* 1 if word occurs in the space-separated list. */
static int list_contains(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        while (isspace((unsigned char)*p))
            p++;
        size_t len = strcspn(p, " \t");
        if (len == n && memcmp(p, word, n) == 0)
            return 1;
        p += len;
    }
    return 0;
}

int rung_implements(const rung *r, const char *problem)
{
    return list_contains(conf_get(r->conf, "problems"), problem);
}

static int command_exists(const char *name)
{
    return proc_which(name, NULL) == 0;
}

/* Checks one `requires` word; 0 with why filled if it is missing. */
static int requirement_met(const char *word, const rung_context *ctx, buf *why)
{
    const python_info *py = ctx->python;
    if (strcmp(word, "python") == 0) {
        if (py == NULL)
            buf_puts(why, "no CPython interpreter was found");
        return py != NULL;
    }
    if (strcmp(word, "python-headers") == 0) {
        if (py == NULL || !py->has_headers)
            buf_printf(why, "Python.h is missing for %s", py ? py->executable : "python");
        return py != NULL && py->has_headers;
    }
    if (strcmp(word, "cc") == 0) {
        const char *cc = getenv("CC");
        if (!command_exists(cc && *cc ? cc : "cc")) {
            buf_puts(why, "no C compiler (cc) on PATH");
            return 0;
        }
        return 1;
    }
    if (strncmp(word, "command:", 8) == 0) {
        if (!command_exists(word + 8)) {
            buf_printf(why, "'%s' is not on PATH", word + 8);
            return 0;
        }
        return 1;
    }
    if (strncmp(word, "file:", 5) == 0) {
        if (!fs_exists(word + 5)) {
            buf_printf(why, "'%s' is missing", word + 5);
            return 0;
        }
        return 1;
    }
    if (strncmp(word, "python-module:", 14) == 0) {
        if (py == NULL || !python_has_module(py, word + 14)) {
            buf_printf(why, "Python module '%s' is not installed for %s", word + 14,
                       py ? py->executable : "python");
            return 0;
        }
        return 1;
    }
    buf_printf(why, "unknown requirement '%s' in rung.conf", word);
    return 0;
}

int rung_available(const rung *r, const rung_context *ctx, buf *why)
{
    char word[128];
    for (const char *p = r->requires; *p;) {
        while (isspace((unsigned char)*p))
            p++;
        size_t len = strcspn(p, " \t");
        if (len == 0)
            break;
        snprintf(word, sizeof word, "%.*s", (int)len, p);
        if (!requirement_met(word, ctx, why))
            return 0;
        p += len;
    }
    return 1;
}

void rung_title(const rung *r, const rung_context *ctx, buf *out)
{
    const char *mark = strstr(r->title, "{python_version}");
    if (mark == NULL) {
        buf_puts(out, r->title);
        return;
    }
    buf_append(out, r->title, (size_t)(mark - r->title));
    buf_puts(out, ctx->python ? ctx->python->version : "?");
    buf_puts(out, mark + strlen("{python_version}"));
}

/* Lines of code: not blank, not only a comment (# or //, or inside a C
 * block comment). Good enough for "how much did this rung make me write". */
static long count_code_lines(const char *text)
{
    long lines = 0;
    int in_block = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        const char *s = p, *end = p + len;
        while (s < end && isspace((unsigned char)*s))
            s++;
        int code = 0;
        while (s < end) {
            if (in_block) {
                const char *close = strstr(s, "*/");
                if (close == NULL || close >= end) {
                    s = end;
                    break;
                }
                in_block = 0;
                s = close + 2;
                while (s < end && isspace((unsigned char)*s))
                    s++;
                continue;
            }
            if (*s == '#' || (s + 1 < end && s[0] == '/' && s[1] == '/'))
                break;
            if (s + 1 < end && s[0] == '/' && s[1] == '*') {
                in_block = 1;
                s += 2;
                continue;
            }
            code = 1;
            break;
        }
        lines += code;
        p = end + (*end == '\n');
    }
    return lines;
}

long rung_source_lines(const rung *r, const char *problem)
{
    char key[96];
    snprintf(key, sizeof key, "source.%s", problem);
    const char *files = conf_get(r->conf, key);
    if (files == NULL)
        return -1;
    long total = 0;
    char name[256];
    for (const char *p = files; *p;) {
        while (isspace((unsigned char)*p))
            p++;
        size_t len = strcspn(p, " \t");
        if (len == 0)
            break;
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        buf pattern = BUF_INIT;
        buf_printf(&pattern, "%s/%s", r->dir, name);
        glob_t matches;
        if (glob(pattern.data, 0, NULL, &matches) == 0) {
            for (size_t i = 0; i < matches.gl_pathc; i++) {
                buf text = BUF_INIT;
                if (fs_read_file(matches.gl_pathv[i], &text) == 0 && text.data)
                    total += count_code_lines(text.data);
                buf_release(&text);
            }
            globfree(&matches);
        }
        buf_release(&pattern);
        p += len;
    }
    return total;
}

int rung_command(const rung *r, const rung_context *ctx, const char *text,
                 buf *out, char *err, size_t errlen)
{
    const char *cc = getenv("CC");
    template_var vars[] = {
        {"root", ctx->root},
        {"rung_dir", r->dir},
        {"build_dir", r->build_dir},
        {"python", ctx->python ? ctx->python->command : NULL},
        {"cc", cc && *cc ? cc : "cc"},
    };
    return template_expand(text, vars, sizeof vars / sizeof *vars, out, err, errlen);
}

void rung_enable_text(const rung *r, const rung_context *ctx, buf *out)
{
    char err[256];
    size_t before = out->len;
    if (rung_command(r, ctx, r->enable, out, err, sizeof err) != 0) {
        out->len = before;
        buf_puts(out, r->enable);
    }
}

int rung_build(const rung *r, const rung_context *ctx, const char *log_path,
               char *err, size_t errlen)
{
    if (r->build == NULL)
        return 0;
    buf cmd = BUF_INIT;
    int status = -1;
    if (rung_command(r, ctx, r->build, &cmd, err, errlen) != 0)
        goto cleanup;
    if (fs_make_parent_dirs(log_path) != 0 || fs_make_dirs(r->build_dir) != 0) {
        snprintf(err, errlen, "cannot create '%s'", r->build_dir);
        goto cleanup;
    }
    remove(log_path);
    int code = proc_run_logged(cmd.data, ctx->root, log_path);
    if (code != 0) {
        buf log = BUF_INIT;
        fs_read_file(log_path, &log);
        /* The last non-empty line of the log is usually the compiler's verdict. */
        size_t end = log.len;
        while (end > 0 && (log.data[end - 1] == '\n' || log.data[end - 1] == ' '))
            end--;
        size_t start = end;
        while (start > 0 && log.data[start - 1] != '\n')
            start--;
        snprintf(err, errlen, "build failed (exit %d, log: %s): %.*s", code, log_path,
                 (int)(end - start > 160 ? 160 : end - start), log.data ? log.data + start : "");
        buf_release(&log);
        goto cleanup;
    }
    status = 0;
cleanup:
    buf_release(&cmd);
    return status;
}
