/* problem.c - problem declarations (see problem.h). */
#include "harness/problem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "harness/child.h"
#include "harness/fs.h"
#include "harness/schema.h"
#include "harness/template.h"

#define NS_PER_SEC 1000000000LL
/* A problem without a rank sorts after those with one. */
#define PROBLEM_DEFAULT_RANK 100
/* How long a reference or an input command may take: a trusted
 * implementation at the Benchmarks Game's size takes minutes. */
#define PROBLEM_COMMAND_TIMEOUT_NS (3600 * NS_PER_SEC)
/* An input may use at most this share of the free disk, and of the memory
 * available, since rungs read it whole (twice over, for some). */
#define PROBLEM_DISK_SHARE 0.9
#define PROBLEM_MEMORY_SHARE 0.5
#define SHA256_PREFIX "sha256:"

static int check_argument(const char *value, const char *arg, char *why, size_t whylen)
{
    (void)arg;
    long long lo, hi;
    char extra;
    if (sscanf(value, "integer %lld %lld %c", &lo, &hi, &extra) != 2 || lo > hi) {
        snprintf(why, whylen, "'%s' must be 'integer MIN MAX'", value);
        return -1;
    }
    return 0;
}

static int check_compare(const char *value, const char *arg, char *why, size_t whylen)
{
    (void)arg;
    verify_rule rule;
    return verify_rule_parse(value, &rule, why, whylen);
}

static int check_bytes(const char *value, const char *arg, char *why, size_t whylen)
{
    (void)arg;
    char *end;
    double v = strtod(value, &end);
    if (end == value || *end != '\0' || !(v > 0)) {
        snprintf(why, whylen, "'%s' must be a positive number of bytes", value);
        return -1;
    }
    return 0;
}

static const schema_key PROBLEM_KEYS[] = {
    {"title", SCHEMA_REQUIRED, schema_text, NULL},
    {"summary", SCHEMA_REQUIRED, schema_text, NULL},
    {"parameter", SCHEMA_REQUIRED, schema_text, NULL},
    {"argument", SCHEMA_REQUIRED, check_argument, NULL},
    {"rank", 0, schema_integer, "0 1000"},
    {"input", 0, schema_one_of, "none generated"},
    {"input.command", 0, schema_text, NULL},
    {"input.file", 0, schema_text, NULL},
    {"input.bytes", 0, check_bytes, NULL},
    {"output", 0, schema_one_of, "text binary"},
    {"compare", SCHEMA_REQUIRED, check_compare, NULL},
    {"verifier", 0, schema_text, NULL},
    {"size.quick", SCHEMA_REQUIRED, schema_text, NULL},
    {"size.study", SCHEMA_REQUIRED, schema_text, NULL},
    {"size.game", SCHEMA_REQUIRED, schema_text, NULL},
    {"expect.", 0, schema_text, NULL},
    {"reference", SCHEMA_REQUIRED, schema_text, NULL},
    {"reference.build", 0, schema_text, NULL},
};

/* Parses a decimal integer in [lo, hi]; 0 or -1. */
static int parse_in_range(const char *text, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v < lo || v > hi || text[0] == '+' ||
        text[0] == ' ')
        return -1;
    *out = v;
    return 0;
}

/* The placeholders a problem's commands may use; those not known when the
 * declaration is checked get a stand-in value. */
static int expand_as(const problem *p, const problem_env *env, const char *text, const char *arg,
                     const char *input, const char *output, int quote, buf *out, char *err,
                     size_t errlen)
{
    const char *cc = getenv("CC");
    template_var vars[] = {
        {"root", env ? env->root : "ROOT"},
        {"problem_dir", p->dir},
        {"build_dir", p->build_dir},
        {"argument", arg},
        {"input", input},
        {"output", output},
        {"python", env ? env->python : "python3"},
        {"ladder", env ? env->ladder : "ladder"},
        {"cc", cc && *cc ? cc : "cc"},
    };
    size_t n = sizeof vars / sizeof *vars;
    return quote ? template_expand(text, vars, n, out, err, errlen)
                 : template_expand_text(text, vars, n, out, err, errlen);
}

static int expand(const problem *p, const problem_env *env, const char *text, const char *arg,
                  const char *input, const char *output, buf *out, char *err, size_t errlen)
{
    return expand_as(p, env, text, arg, input, output, 1, out, err, errlen);
}

/* The checks the schema alone cannot make; fills p's fields. */
static int check_declaration(problem *p, char *err, size_t errlen)
{
    conf *c = p->conf;
    if (schema_check(c, PROBLEM_KEYS, sizeof PROBLEM_KEYS / sizeof *PROBLEM_KEYS, err, errlen) != 0)
        return -1;
    p->title = conf_get(c, "title");
    p->summary = conf_get(c, "summary");
    p->parameter = conf_get(c, "parameter");
    sscanf(conf_get(c, "argument"), "integer %lld %lld", &p->arg_min, &p->arg_max);
    const char *rank = conf_get(c, "rank");
    p->rank = rank ? atoi(rank) : PROBLEM_DEFAULT_RANK;
    const char *input = conf_get(c, "input");
    p->generated_input = input != NULL && strcmp(input, "generated") == 0;
    const char *output = conf_get(c, "output");
    p->binary_output = output != NULL && strcmp(output, "binary") == 0;
    char why[256];
    verify_rule_parse(conf_get(c, "compare"), &p->rule, why, sizeof why);

    if (p->generated_input) {
        static const char *const needed[] = {"input.command", "input.file", "input.bytes"};
        for (size_t i = 0; i < sizeof needed / sizeof *needed; i++) {
            if (conf_get(c, needed[i]) == NULL) {
                schema_error(c, "input", err, errlen, "input = generated needs '%s'", needed[i]);
                return -1;
            }
        }
        p->input_bytes = strtod(conf_get(c, "input.bytes"), NULL);
    }
    if (p->rule.kind == VERIFY_COMMAND && conf_get(c, "verifier") == NULL) {
        schema_error(c, "compare", err, errlen, "compare = verifier needs 'verifier'");
        return -1;
    }
    static const char *const profiles[] = PROBLEM_PROFILES;
    for (size_t i = 0; i < PROBLEM_PROFILE_COUNT; i++) {
        char key[32];
        long long v;
        snprintf(key, sizeof key, "size.%s", profiles[i]);
        if (parse_in_range(conf_get(c, key), p->arg_min, p->arg_max, &v) != 0) {
            schema_error(c, key, err, errlen, "%s: '%s' is outside 'argument' (%lld to %lld)", key,
                         conf_get(c, key), p->arg_min, p->arg_max);
            return -1;
        }
    }
    const char *key, *value;
    for (size_t n = 0; conf_entry(c, n, &key, &value) == 0; n++) {
        long long v;
        if (strncmp(key, "size.", 5) == 0 && !(strcmp(key + 5, "quick") == 0 ||
                                               strcmp(key + 5, "study") == 0 ||
                                               strcmp(key + 5, "game") == 0)) {
            schema_error(c, key, err, errlen, "unknown size '%s' (quick, study or game)", key + 5);
            return -1;
        }
        if (strncmp(key, "expect.", 7) == 0) {
            if (parse_in_range(key + 7, p->arg_min, p->arg_max, &v) != 0) {
                schema_error(c, key, err, errlen, "%s: '%s' is not an argument of this problem",
                             key, key + 7);
                return -1;
            }
            if (p->rule.kind == VERIFY_FLOAT_ABS && strncmp(value, SHA256_PREFIX, 7) == 0) {
                schema_error(c, key, err, errlen, "%s: a digest cannot be compared within a "
                             "tolerance (compare = float-abs)", key);
                return -1;
            }
        }
    }
    /* Every command must expand: a misspelt placeholder is the declaration's error. */
    static const char *const commands[] = {"reference", "reference.build", "input.command",
                                           "input.file", "verifier"};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        const char *text = conf_get(c, commands[i]);
        buf ignored = BUF_INIT;
        int bad = text && expand(p, NULL, text, "1", "INPUT", "OUTPUT", &ignored, why, sizeof why) != 0;
        buf_release(&ignored);
        if (bad) {
            schema_error(c, commands[i], err, errlen, "%s: %s", commands[i], why);
            return -1;
        }
    }
    return 0;
}

static void load_one(const char *root, const char *name, problem *p)
{
    memset(p, 0, sizeof *p);
    buf path = BUF_INIT;
    buf_printf(&path, "%s/problems/%s", root, name);
    p->name = strdup(name);
    p->dir = strdup(path.data);
    buf_clear(&path);
    buf_printf(&path, "%s/build/problems/%s", root, name);
    p->build_dir = strdup(path.data);
    buf_clear(&path);
    buf_printf(&path, "%s/problems/%s/problem.conf", root, name);
    p->rank = PROBLEM_DEFAULT_RANK;
    p->title = p->name;
    p->summary = "";
    p->parameter = "size";
    char err[512];
    p->conf = conf_load(path.data, err, sizeof err);
    if (p->conf == NULL || check_declaration(p, err, sizeof err) != 0) {
        p->invalid = strdup(err);
        if (p->conf == NULL || p->title == NULL) {
            p->title = p->name;
            p->summary = "";
            p->parameter = "size";
        }
    }
    buf_release(&path);
}

static void release_one(problem *p)
{
    free(p->name);
    free(p->dir);
    free(p->build_dir);
    free(p->invalid);
    conf_free(p->conf);
}

static int by_rank(const void *a, const void *b)
{
    const problem *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return strcmp(x->name, y->name);
}

int problems_load(const char *root, problem_set *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    buf dir = BUF_INIT;
    buf_printf(&dir, "%s/problems", root);
    char **names = NULL;
    size_t count = 0;
    int status = -1;
    if (fs_declared_folders(dir.data, "problem.conf", &names, &count) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", dir.data, strerror(errno));
        goto cleanup;
    }
    out->items = calloc(count ? count : 1, sizeof *out->items);
    if (out->items == NULL) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < count; i++)
        load_one(root, names[i], &out->items[out->count++]);
    qsort(out->items, out->count, sizeof *out->items, by_rank);
    status = 0;
cleanup:
    fs_free_names(names, count);
    buf_release(&dir);
    return status;
}

void problems_release(problem_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        release_one(&set->items[i]);
    free(set->items);
    memset(set, 0, sizeof *set);
}

const problem *problems_find(const problem_set *set, const char *name)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i].name, name) == 0)
            return &set->items[i];
    return NULL;
}

int problem_size_argument(const problem *p, const char *size, buf *arg, buf *why)
{
    if (p->invalid) {
        buf_puts(why, p->invalid);
        return -1;
    }
    char key[64];
    snprintf(key, sizeof key, "size.%s", size);
    const char *named = strlen(size) < 32 ? conf_get(p->conf, key) : NULL;
    long long v;
    if (named != NULL)
        return buf_puts(arg, named);
    if (parse_in_range(size, p->arg_min, p->arg_max, &v) == 0)
        return buf_printf(arg, "%lld", v);
    buf_printf(why, "'%s' is not a size of %s: quick, study, game, or a number of %s from %lld "
               "to %lld", size, p->name, p->parameter, p->arg_min, p->arg_max);
    return -1;
}

/* The available memory, from /proc/meminfo; -1 if unknown. */
static double memory_available(void)
{
    buf text = BUF_INIT;
    double bytes = -1;
    if (fs_read_file("/proc/meminfo", &text) == 0 && text.data) {
        const char *line = strstr(text.data, "MemAvailable:");
        long long kb;
        if (line && sscanf(line, "MemAvailable: %lld kB", &kb) == 1)
            bytes = (double)kb * 1024;
    }
    buf_release(&text);
    return bytes;
}

static void format_bytes(buf *out, double bytes)
{
    const char *units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    int u = 0;
    while (bytes >= 1000 && u < 5)
        bytes /= 1000, u++;
    buf_printf(out, "%.1f %s", bytes, units[u]);
}

/* The input file's path for arg. */
static int input_path(const problem *p, const problem_env *env, const char *arg, buf *out, buf *why)
{
    char err[256];
    buf name = BUF_INIT;
    int status = -1;
    /* A file's name, not a command: no shell quotes. */
    if (expand_as(p, env, conf_get(p->conf, "input.file"), arg, "", "", 0, &name, err,
                  sizeof err) != 0) {
        buf_puts(why, err);
        goto cleanup;
    }
    buf_printf(out, "%s/%s", env->data_dir, name.data);
    status = 0;
cleanup:
    buf_release(&name);
    return status;
}

int problem_check_resources(const problem *p, const problem_env *env, const char *arg, buf *why)
{
    if (!p->generated_input)
        return 0;
    buf path = BUF_INIT;
    int status = -1;
    if (input_path(p, env, arg, &path, why) != 0)
        goto cleanup;
    if (fs_exists(path.data)) {
        status = 0;
        goto cleanup;
    }
    double need = p->input_bytes * strtod(arg, NULL);
    struct statvfs vfs;
    fs_make_dirs(env->data_dir);
    if (statvfs(env->data_dir, &vfs) == 0) {
        double free_bytes = (double)vfs.f_bavail * (double)vfs.f_frsize;
        if (need > PROBLEM_DISK_SHARE * free_bytes) {
            buf_printf(why, "the input for %s %s would take ", arg, p->parameter);
            format_bytes(why, need);
            buf_printf(why, "; '%s' has ", env->data_dir);
            format_bytes(why, free_bytes);
            buf_puts(why, " free");
            goto cleanup;
        }
    }
    double memory = memory_available();
    if (memory > 0 && need > PROBLEM_MEMORY_SHARE * memory) {
        buf_printf(why, "the input for %s %s would take ", arg, p->parameter);
        format_bytes(why, need);
        buf_puts(why, ", and rungs read it whole: more than half the memory available (");
        format_bytes(why, memory);
        buf_puts(why, ")");
        goto cleanup;
    }
    status = 0;
cleanup:
    buf_release(&path);
    return status;
}

/* Runs a problem command (shell) from the root; its stdout into out when
 * out is given, else to stderr. Returns 0, or -1 with why filled. */
static int run_command(const problem_env *env, const char *command, buf *out, const char *what,
                       buf *why)
{
    child c = CHILD_INIT;
    c.shell = command;
    c.dir = env->root;
    buf captured = BUF_INIT, err = BUF_INIT;
    int code;
    if (out != NULL) {
        c.err = CHILD_INHERIT;
        code = child_capture(&c, out, CHILD_STDERR_KEEP, PROBLEM_COMMAND_TIMEOUT_NS, &err);
    } else {
        c.out = CHILD_FD;
        c.out_fd = STDERR_FILENO;
        code = child_capture(&c, &captured, CHILD_STDERR_KEEP, PROBLEM_COMMAND_TIMEOUT_NS, &err);
    }
    child_release(&c);
    int status = 0;
    if (code != 0) {
        if (code < 0)
            buf_printf(why, "%s %s: %s", what, err.data, command);
        else
            buf_printf(why, "%s failed (exit %d): %s", what, code, command);
        status = -1;
    }
    buf_release(&captured);
    buf_release(&err);
    return status;
}

int problem_rung_argument(const problem *p, const problem_env *env, const char *arg, buf *out,
                          buf *why)
{
    if (!p->generated_input)
        return buf_puts(out, arg);
    buf path = BUF_INIT, partial = BUF_INIT, cmd = BUF_INIT;
    char err[256];
    int status = -1;
    if (input_path(p, env, arg, &path, why) != 0)
        goto cleanup;
    if (!fs_exists(path.data)) {
        buf_printf(&partial, "%s.partial.%ld", path.data, (long)getpid());
        if (fs_make_parent_dirs(path.data) != 0) {
            buf_printf(why, "cannot create the folder of '%s': %s", path.data, strerror(errno));
            goto cleanup;
        }
        if (expand(p, env, conf_get(p->conf, "input.command"), arg, "", partial.data, &cmd, err,
                   sizeof err) != 0) {
            buf_puts(why, err);
            goto cleanup;
        }
        fprintf(stderr, "ladder: making the input of %s for %s %s: %s\n", p->name, arg,
                p->parameter, path.data);
        int made = run_command(env, cmd.data, NULL, "making the input", why) == 0 &&
                   fs_exists(partial.data);
        if (made && rename(partial.data, path.data) != 0) {
            buf_printf(why, "cannot rename '%s': %s", partial.data, strerror(errno));
            made = 0;
        } else if (!made && why->len == 0) {
            buf_printf(why, "the input command wrote no '%s'", partial.data);
        }
        /* Never a half-written input under the final name, nor a leftover. */
        remove(partial.data);
        if (!made)
            goto cleanup;
    }
    buf_append(out, path.data, path.len);
    status = 0;
cleanup:
    buf_release(&path);
    buf_release(&partial);
    buf_release(&cmd);
    return status;
}

/* Reads `\n` and `\t` in an inline expectation; appends to out. */
static void unescape(const char *s, buf *out)
{
    for (; *s; s++) {
        if (s[0] == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\')) {
            buf_puts(out, s[1] == 'n' ? "\n" : s[1] == 't' ? "\t" : "\\");
            s++;
        } else {
            buf_append(out, s, 1);
        }
    }
}

/* The reference from `reference`: computed once, kept in data_dir. */
static int computed_reference(const problem *p, const problem_env *env, const char *arg,
                              problem_reference *ref, buf *why)
{
    buf cache = BUF_INIT, input = BUF_INIT, cmd = BUF_INIT, output = BUF_INIT;
    char err[256];
    int status = -1;
    buf_printf(&cache, "%s/%s-%s.expected", env->data_dir, p->name, arg);
    if (fs_exists(cache.data) && fs_read_file(cache.data, &ref->data) == 0) {
        buf_append(&ref->path, cache.data, cache.len);
        status = 0;
        goto cleanup;
    }
    if (problem_rung_argument(p, env, arg, &input, why) != 0)
        goto cleanup;
    const char *build = conf_get(p->conf, "reference.build");
    if (build != NULL) {
        if (fs_make_dirs(p->build_dir) != 0) {
            buf_printf(why, "cannot create '%s'", p->build_dir);
            goto cleanup;
        }
        if (expand(p, env, build, arg, input.data, "", &cmd, err, sizeof err) != 0) {
            buf_puts(why, err);
            goto cleanup;
        }
        if (run_command(env, cmd.data, NULL, "building the reference", why) != 0)
            goto cleanup;
        buf_clear(&cmd);
    }
    if (expand(p, env, conf_get(p->conf, "reference"), arg, input.data, "", &cmd, err,
               sizeof err) != 0) {
        buf_puts(why, err);
        goto cleanup;
    }
    fprintf(stderr, "ladder: computing the reference for %s at %s %s\n", p->name, arg,
            p->parameter);
    if (run_command(env, cmd.data, &output, "the reference", why) != 0)
        goto cleanup;
    if (fs_write_file_atomic(cache.data, output.data ? output.data : "", output.len) != 0) {
        buf_printf(why, "cannot write '%s': %s", cache.data, strerror(errno));
        goto cleanup;
    }
    buf_append(&ref->data, output.data, output.len);
    buf_append(&ref->path, cache.data, cache.len);
    status = 0;
cleanup:
    buf_release(&cache);
    buf_release(&input);
    buf_release(&cmd);
    buf_release(&output);
    return status;
}

int problem_reference_get(const problem *p, const problem_env *env, const char *arg,
                          problem_reference *ref, buf *why)
{
    memset(ref, 0, sizeof *ref);
    if (p->invalid) {
        buf_puts(why, p->invalid);
        return -1;
    }
    char key[96];
    snprintf(key, sizeof key, "expect.%s", arg);
    const char *expect = conf_get(p->conf, key);
    int status = -1;
    int have_data = 1;
    if (expect != NULL && strncmp(expect, SHA256_PREFIX, strlen(SHA256_PREFIX)) == 0) {
        const char *hex = expect + strlen(SHA256_PREFIX);
        if (strlen(hex) != DIGEST_HEX_SIZE - 1 || strspn(hex, "0123456789abcdef") != strlen(hex)) {
            buf_printf(why, "%s:%d: %s: not a SHA-256 in lowercase hex", conf_name(p->conf),
                       conf_line(p->conf, key), key);
            return -1;
        }
        /* The digest is the reference; the output is made only if a rule
         * needs it to show a difference, never to verify. */
        memcpy(ref->expected.sha256, hex, DIGEST_HEX_SIZE);
        have_data = 0;
    } else if (expect != NULL && expect[0] == '@') {
        buf_printf(&ref->path, "%s/%s", p->dir, expect + 1);
        if (fs_read_file(ref->path.data, &ref->data) != 0) {
            buf_printf(why, "%s:%d: cannot read the reference '%s'", conf_name(p->conf),
                       conf_line(p->conf, key), ref->path.data);
            return -1;
        }
    } else if (expect != NULL) {
        unescape(expect, &ref->data);
        /* A verifier reads files: keep a copy of the inline text. */
        if (p->rule.kind == VERIFY_COMMAND) {
            buf_printf(&ref->path, "%s/%s-%s.expected", env->data_dir, p->name, arg);
            fs_write_file_atomic(ref->path.data, ref->data.data, ref->data.len);
        }
    } else if (computed_reference(p, env, arg, ref, why) != 0) {
        return -1;
    }
    if (have_data) {
        if (ref->data.data == NULL)
            buf_puts(&ref->data, "");
        digest_sha256_hex(ref->data.data, ref->data.len, ref->expected.sha256);
        ref->expected.data = ref->data.data;
        ref->expected.len = ref->data.len;
    }
    ref->expected.path = ref->path.len ? ref->path.data : NULL;
    status = 0;
    return status;
}

void problem_reference_release(problem_reference *ref)
{
    buf_release(&ref->data);
    buf_release(&ref->path);
    memset(ref, 0, sizeof *ref);
}

int problem_verifier_command(const problem *p, const problem_env *env, buf *out, buf *why)
{
    char err[256];
    const char *verifier = p->conf ? conf_get(p->conf, "verifier") : NULL;
    if (verifier == NULL) {
        buf_printf(why, "%s declares no verifier", p->name);
        return -1;
    }
    if (expand(p, env, verifier, "", "", "", out, err, sizeof err) != 0) {
        buf_puts(why, err);
        return -1;
    }
    return 0;
}
