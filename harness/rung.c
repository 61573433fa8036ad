/* rung.c - rung declarations (see rung.h). */
#include "harness/rung.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/child.h"
#include "harness/effort.h"
#include "harness/fs.h"
#include "harness/schema.h"
#include "harness/template.h"

#define NS_PER_SEC 1000000000LL
/* A module import check gets this long (a big package imports in seconds). */
#define IMPORT_CHECK_TIMEOUT_NS (120 * NS_PER_SEC)
/* How much of a failed build's log the row shows. */
#define BUILD_LOG_SHOWN 200
#define IMPLEMENTATIONS "cpython pypy graalpy"

static int check_versions(const char *value, const char *arg, char *why, size_t whylen)
{
    (void)arg;
    int a, b, c, d;
    char extra;
    const char *dash = strchr(value, '-');
    int ok = dash != NULL && (dash == value || sscanf(value, "%d.%d%c", &a, &b, &extra) == 3) &&
             (dash[1] == '\0' || sscanf(dash + 1, "%d.%d%c", &c, &d, &extra) == 2) &&
             !(dash == value && dash[1] == '\0');
    if (!ok) {
        snprintf(why, whylen, "'%s' must be a range such as 3.10-3.13, 3.12- or -3.13", value);
        return -1;
    }
    return 0;
}

static int check_requires(const char *value, const char *arg, char *why, size_t whylen)
{
    (void)arg;
    char w[256];
    for (size_t i = 0; schema_word(value, i, w, sizeof w) == 0; i++) {
        if (strcmp(w, "python-headers") == 0 || strcmp(w, "cc") == 0 ||
            (strncmp(w, "command:", 8) == 0 && w[8]) || (strncmp(w, "file:", 5) == 0 && w[5]) ||
            (strncmp(w, "python-module:", 14) == 0 && w[14]))
            continue;
        snprintf(why, whylen, "unknown requirement '%s' (python-headers, cc, command:NAME, "
                 "file:PATH or python-module:NAME)", w);
        return -1;
    }
    return 0;
}

static const schema_key RUNG_KEYS[] = {
    {"title", SCHEMA_REQUIRED, schema_text, NULL},
    {"rank", SCHEMA_REQUIRED, schema_integer, "0 1000"},
    {"cost", SCHEMA_REQUIRED, schema_text, NULL},
    {"problems", SCHEMA_REQUIRED, schema_text, NULL},
    {"not-applicable.", 0, schema_text, NULL},
    {"host", 0, schema_one_of, "native python"},
    {"implementations", 0, schema_words_of, IMPLEMENTATIONS},
    {"versions", 0, check_versions, NULL},
    {"versions.why", 0, schema_text, NULL},
    {"packages", 0, schema_text, NULL},
    {"requires", 0, check_requires, NULL},
    {"enable", 0, schema_text, NULL},
    {"build", 0, schema_text, NULL},
    {"run", SCHEMA_REQUIRED, schema_text, NULL},
    {"env.", 0, schema_text, NULL},
    {"warmup", 0, schema_one_of, "none compile jit"},
    {"source.", 0, schema_text, NULL},
    {"installed.cargo", 0, schema_text, NULL},
    {"describe", 0, schema_text, NULL},
    {"try", 0, schema_one_of, "unchanged compile wrap"},
    {"try.build", 0, schema_text, NULL},
    {"try.wrap", 0, schema_text, NULL},
};

static int expand_as(const rung *r, const rung_context *ctx, const char *text, int quote, buf *out,
                     char *err, size_t errlen)
{
    const char *cc = getenv("CC");
    buf name = BUF_INIT;
    char version[16] = "";
    const interpreter *i = ctx ? ctx->interp : NULL;
    if (i != NULL) {
        interpreter_name(i, &name);
        int major = 0, minor = 0;
        sscanf(i->version, "%d.%d", &major, &minor);
        snprintf(version, sizeof version, "%d.%d", major, minor);
    }
    int python = r->host == RUNG_PYTHON;
    template_var vars[] = {
        {"root", ctx ? ctx->root : "ROOT"},
        {"rung_dir", r->dir},
        {"build_dir", ctx ? ctx->build_dir : r->build_root},
        {"cc", cc && *cc ? cc : "cc"},
        {"python", !python ? NULL : ctx ? ctx->python : "python3"},
        {"python_version", !python ? NULL : ctx ? version : "3.0"},
        {"interpreter", !python ? NULL : ctx ? name.data : "Python"},
        {"interpreter_id", !python ? NULL : ctx ? i->id : "cpython-3.0.0"},
        {"module", !python ? NULL : ctx ? ctx->module : "MODULE.py"},
    };
    size_t n = sizeof vars / sizeof *vars;
    int status = quote ? template_expand(text, vars, n, out, err, errlen)
                       : template_expand_text(text, vars, n, out, err, errlen);
    buf_release(&name);
    return status;
}

static int expand(const rung *r, const rung_context *ctx, const char *text, buf *out, char *err,
                  size_t errlen)
{
    return expand_as(r, ctx, text, 1, out, err, errlen);
}

/* The checks the schema alone cannot make; fills r's fields. */
static int check_declaration(rung *r, const problem_set *problems, char *err, size_t errlen)
{
    conf *c = r->conf;
    if (schema_check(c, RUNG_KEYS, sizeof RUNG_KEYS / sizeof *RUNG_KEYS, err, errlen) != 0)
        return -1;
    r->title = conf_get(c, "title");
    r->cost = conf_get(c, "cost");
    r->problems = conf_get(c, "problems");
    r->rank = atoi(conf_get(c, "rank"));
    r->requires = conf_get(c, "requires") ? conf_get(c, "requires") : "";
    r->enable = conf_get(c, "enable") ? conf_get(c, "enable") : "";
    r->build = conf_get(c, "build");
    r->run = conf_get(c, "run");
    r->packages = conf_get(c, "packages") ? conf_get(c, "packages") : "";
    const char *host = conf_get(c, "host");
    r->host = host && strcmp(host, "python") == 0 ? RUNG_PYTHON : RUNG_NATIVE;
    r->implementations = conf_get(c, "implementations") ? conf_get(c, "implementations") : "cpython";
    r->versions = conf_get(c, "versions");
    r->versions_why = conf_get(c, "versions.why");
    const char *warmup = conf_get(c, "warmup");
    r->warmup = !warmup || strcmp(warmup, "none") == 0 ? RUNG_WARMUP_NONE
                : strcmp(warmup, "jit") == 0           ? RUNG_WARMUP_JIT
                                                       : RUNG_WARMUP_COMPILE;
    if (r->host == RUNG_NATIVE) {
        static const char *const python_only[] = {"implementations", "versions", "versions.why",
                                                  "packages"};
        for (size_t i = 0; i < sizeof python_only / sizeof *python_only; i++) {
            if (conf_get(c, python_only[i]) != NULL) {
                schema_error(c, python_only[i], err, errlen, "'%s' is for host = python",
                             python_only[i]);
                return -1;
            }
        }
    }
    char word[128];
    for (size_t i = 0; schema_word(r->problems, i, word, sizeof word) == 0; i++) {
        if (problems_find(problems, word) == NULL) {
            schema_error(c, "problems", err, errlen, "unknown problem '%s'", word);
            return -1;
        }
    }
    const char *key, *value;
    size_t nenv = 0;
    for (size_t n = 0; conf_entry(c, n, &key, &value) == 0; n++) {
        if (strncmp(key, "source.", 7) == 0 && !schema_has_word(r->problems, key + 7)) {
            schema_error(c, key, err, errlen, "%s: '%s' is not in 'problems'", key, key + 7);
            return -1;
        }
        if (strncmp(key, "not-applicable.", 15) == 0) {
            const char *p = key + 15;
            if (problems_find(problems, p) == NULL) {
                schema_error(c, key, err, errlen, "unknown problem '%s'", p);
                return -1;
            }
            if (schema_has_word(r->problems, p)) {
                schema_error(c, key, err, errlen, "'%s' is in 'problems' and not applicable", p);
                return -1;
            }
        }
        if (strncmp(key, "env.", 4) == 0) {
            const char *name = key + 4;
            int valid = isalpha((unsigned char)name[0]) || name[0] == '_';
            for (const char *s = name; *s && valid; s++)
                valid = isalnum((unsigned char)*s) || *s == '_';
            if (!valid) {
                schema_error(c, key, err, errlen, "'%s' is not an environment variable's name",
                             name);
                return -1;
            }
            if (nenv == RUNG_MAX_ENV) {
                schema_error(c, key, err, errlen, "more than %d env.NAME entries", RUNG_MAX_ENV);
                return -1;
            }
            buf entry = BUF_INIT;
            buf_printf(&entry, "%s=%s", name, value);
            r->env[nenv++] = buf_detach(&entry);
        }
    }
    static const char *const commands[] = {"build", "run", "enable", "describe", "try.build"};
    const char *tries = conf_get(c, "try");
    if (tries != NULL && strcmp(tries, "compile") == 0 && conf_get(c, "try.build") == NULL) {
        schema_error(c, "try", err, errlen, "try = compile needs 'try.build'");
        return -1;
    }
    if (tries != NULL && strcmp(tries, "wrap") == 0 && conf_get(c, "try.wrap") == NULL) {
        schema_error(c, "try", err, errlen, "try = wrap needs 'try.wrap'");
        return -1;
    }
    if (tries != NULL && r->host != RUNG_PYTHON) {
        schema_error(c, "try", err, errlen, "'try' is for host = python");
        return -1;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        const char *text = conf_get(c, commands[i]);
        char why[256];
        buf ignored = BUF_INIT;
        int bad = text && expand(r, NULL, text, &ignored, why, sizeof why) != 0;
        buf_release(&ignored);
        if (bad) {
            schema_error(c, commands[i], err, errlen, "%s: %s", commands[i], why);
            return -1;
        }
    }
    return 0;
}

static void load_one(const char *root, const problem_set *problems, const char *name, rung *r)
{
    memset(r, 0, sizeof *r);
    buf path = BUF_INIT;
    buf_printf(&path, "%s/rungs/%s", root, name);
    r->name = strdup(name);
    r->dir = strdup(path.data);
    buf_clear(&path);
    buf_printf(&path, "%s/build/rungs/%s", root, name);
    r->build_root = strdup(path.data);
    buf_clear(&path);
    buf_printf(&path, "%s/rungs/%s/rung.conf", root, name);
    char err[512];
    r->conf = conf_load(path.data, err, sizeof err);
    if (r->conf == NULL || check_declaration(r, problems, err, sizeof err) != 0)
        r->invalid = strdup(err);
    if (r->title == NULL)
        r->title = r->name;
    if (r->cost == NULL)
        r->cost = "";
    if (r->problems == NULL)
        r->problems = "";
    if (r->requires == NULL)
        r->requires = "";
    if (r->enable == NULL)
        r->enable = "";
    if (r->packages == NULL)
        r->packages = "";
    if (r->implementations == NULL)
        r->implementations = "cpython";
    if (r->invalid && r->rank == 0 && r->conf && conf_get(r->conf, "rank"))
        r->rank = atoi(conf_get(r->conf, "rank"));
    buf_release(&path);
}

static void release_one(rung *r)
{
    free(r->name);
    free(r->dir);
    free(r->build_root);
    free(r->invalid);
    for (size_t i = 0; r->env[i] != NULL; i++)
        free(r->env[i]);
    conf_free(r->conf);
}

static int by_rank(const void *a, const void *b)
{
    const rung *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return strcmp(x->name, y->name);
}

int rungs_load(const char *root, const problem_set *problems, rung_set *out, char *err,
               size_t errlen)
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
    for (size_t i = 0; i < count; i++)
        load_one(root, problems, names[i], &out->items[out->count++]);
    /* Folder names are sorted already; rank puts them in ladder order. */
    qsort(out->items, out->count, sizeof *out->items, by_rank);
    status = 0;
cleanup:
    fs_free_names(names, count);
    buf_release(&dir);
    return status;
}

void rungs_release(rung_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        release_one(&set->items[i]);
    free(set->items);
    memset(set, 0, sizeof *set);
}

const rung *rungs_find(const rung_set *set, const char *name)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i].name, name) == 0)
            return &set->items[i];
    return NULL;
}

int rung_implements(const rung *r, const char *problem_name)
{
    return schema_has_word(r->problems, problem_name);
}

const char *rung_not_applicable(const rung *r, const char *problem_name)
{
    if (r->conf == NULL)
        return NULL;
    char key[128];
    snprintf(key, sizeof key, "not-applicable.%s", problem_name);
    return conf_get(r->conf, key);
}

int rung_runs_on(const rung *r, const interpreter *interp, buf *why)
{
    if (!schema_has_word(r->implementations, interp->implementation)) {
        buf name = BUF_INIT;
        interpreter_name(interp, &name);
        buf_printf(why, "runs on %s only, not on %s", r->implementations, name.data);
        buf_release(&name);
        return 0;
    }
    if (r->versions != NULL && interpreter_version_in(interp, r->versions) != 1) {
        if (r->versions_why != NULL)
            buf_puts(why, r->versions_why);
        else
            buf_printf(why, "runs on Python %s only, not %s", r->versions, interp->version);
        return 0;
    }
    return 1;
}

void rung_context_init(rung_context *ctx, const char *root, const rung *r,
                       const interpreter *interp, const char *python)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->root = root;
    ctx->interp = r->host == RUNG_PYTHON ? interp : NULL;
    ctx->python = ctx->interp ? (python ? python : interp->executable) : NULL;
    buf dir = BUF_INIT;
    if (ctx->interp)
        buf_printf(&dir, "%s/%s", r->build_root, ctx->interp->id);
    else
        buf_puts(&dir, r->build_root);
    ctx->build_dir = buf_detach(&dir);
    size_t n = 0;
    for (size_t i = 0; r->env[i] != NULL; i++)
        ctx->env[n++] = r->env[i];
    for (size_t i = 0; ctx->interp && ctx->interp->env[i] != NULL; i++)
        ctx->env[n++] = ctx->interp->env[i];
    ctx->env[n] = NULL;
}

void rung_context_release(rung_context *ctx)
{
    free(ctx->build_dir);
    memset(ctx, 0, sizeof *ctx);
}

/* 1 if `import module` works with the row's python. */
static int has_module(const rung_context *ctx, const char *module)
{
    buf code = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
    buf_printf(&code, "import %s", module);
    child c = CHILD_INIT;
    c.argv = (const char *[]){ctx->python, "-c", code.data, NULL};
    c.env = (const char *const *)ctx->env;
    int ok = child_capture(&c, &out, CHILD_STDERR_DROP, IMPORT_CHECK_TIMEOUT_NS, &why) == 0;
    child_release(&c);
    buf_release(&code);
    buf_release(&out);
    buf_release(&why);
    return ok;
}

/* Checks one `requires` word; 0 with why filled if it is missing. */
static int requirement_met(const char *word, const rung_context *ctx, buf *why)
{
    if (strcmp(word, "python-headers") == 0) {
        if (ctx->interp == NULL || !ctx->interp->has_headers) {
            buf_printf(why, "Python.h is missing for %s",
                       ctx->interp ? ctx->interp->executable : "the interpreter");
            return 0;
        }
        return 1;
    }
    if (strcmp(word, "cc") == 0) {
        const char *cc = getenv("CC");
        if (child_which(cc && *cc ? cc : "cc", NULL) != 0) {
            buf_puts(why, "no C compiler (cc) on PATH");
            return 0;
        }
        return 1;
    }
    if (strncmp(word, "command:", 8) == 0) {
        if (child_which(word + 8, NULL) != 0) {
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
        if (ctx->python == NULL || !has_module(ctx, word + 14)) {
            buf_printf(why, "Python module '%s' is not installed for %s", word + 14,
                       ctx->python ? ctx->python : "the interpreter");
            return 0;
        }
        return 1;
    }
    buf_printf(why, "unknown requirement '%s'", word);
    return 0;
}

int rung_requirements_met(const rung *r, const rung_context *ctx, buf *why)
{
    char word[256];
    for (size_t i = 0; schema_word(r->requires, i, word, sizeof word) == 0; i++)
        if (!requirement_met(word, ctx, why))
            return 0;
    return 1;
}

void rung_title(const rung *r, const rung_context *ctx, const interpreter *baseline, buf *out)
{
    char err[256];
    size_t before = out->len;
    if (expand_as(r, ctx, r->title, 0, out, err, sizeof err) != 0) {
        out->len = before;
        buf_puts(out, r->title);
    }
    if (ctx->interp != NULL && ctx->interp != baseline && strstr(r->title, "{interpreter}") == NULL) {
        buf_puts(out, " on ");
        interpreter_name(ctx->interp, out);
    }
}

void rung_enable_text(const rung *r, const rung_context *ctx, buf *out)
{
    char err[256];
    size_t before = out->len;
    if (expand(r, ctx, r->enable, out, err, sizeof err) != 0) {
        out->len = before;
        buf_puts(out, r->enable);
    }
}

const char *rung_source_patterns(const rung *r, const char *problem_name)
{
    char key[128];
    snprintf(key, sizeof key, "source.%s", problem_name);
    return r->conf ? conf_get(r->conf, key) : NULL;
}

long rung_source_lines(const rung *r, const char *problem_name)
{
    const char *files = rung_source_patterns(r, problem_name);
    effort_source src;
    if (files == NULL || effort_source_read(&src, r->dir, files) != 0)
        return -1;
    long lines = (long)src.count;
    effort_source_release(&src);
    return lines;
}

int rung_command(const rung *r, const rung_context *ctx, const char *text, buf *out, buf *why)
{
    char err[256];
    if (expand(r, ctx, text, out, err, sizeof err) != 0) {
        buf_puts(why, err);
        return -1;
    }
    return 0;
}

int rung_build(const rung *r, const rung_context *ctx, const char *log_path, buf *why)
{
    if (r->build == NULL)
        return 0;
    buf cmd = BUF_INIT, ignored = BUF_INIT;
    int status = -1;
    if (rung_command(r, ctx, r->build, &cmd, why) != 0)
        goto cleanup;
    if (fs_make_parent_dirs(log_path) != 0 || fs_make_dirs(ctx->build_dir) != 0) {
        buf_printf(why, "cannot create '%s': %s", ctx->build_dir, strerror(errno));
        goto cleanup;
    }
    remove(log_path);
    child c = CHILD_INIT;
    c.shell = cmd.data;
    c.dir = ctx->root;
    c.env = (const char *const *)ctx->env;
    c.out = CHILD_FILE;
    c.out_path = log_path;
    c.err = CHILD_TO_STDOUT;
    int code = -1;
    if (child_start(&c, why) == 0) {
        child_wait(&c, 0);
        if (!c.reaped)
            child_kill(&c);
        code = child_exit_code(&c);
    }
    child_release(&c);
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
        buf_printf(why, "build failed (exit %d, log: %s): %.*s", code, log_path,
                   (int)(end - start > BUILD_LOG_SHOWN ? BUILD_LOG_SHOWN : end - start),
                   log.data ? log.data + start : "");
        buf_release(&log);
        goto cleanup;
    }
    status = 0;
cleanup:
    buf_release(&cmd);
    buf_release(&ignored);
    return status;
}
