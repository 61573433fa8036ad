/* problem.c - problem declarations (see problem.h). */
#include "harness/problem.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/events.h"
#include "harness/fs.h"
#include "harness/proc.h"
#include "harness/template.h"

static int load_one(const char *root, const char *name, problem *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    buf path = BUF_INIT;
    buf_printf(&path, "%s/problems/%s", root, name);
    p->name = strdup(name);
    p->dir = strdup(path.data);
    buf_puts(&path, "/problem.conf");
    p->conf = conf_load(path.data, err, errlen);
    int status = -1;
    if (p->conf == NULL)
        goto cleanup;
    p->title = conf_get(p->conf, "title");
    p->summary = conf_get(p->conf, "summary");
    p->parameter = conf_get(p->conf, "parameter");
    const char *input = conf_get(p->conf, "input");
    const char *compare = conf_get(p->conf, "compare");
    if (p->title == NULL || compare == NULL) {
        snprintf(err, errlen, "%s: 'title' and 'compare' are required", path.data);
        goto cleanup;
    }
    if (p->summary == NULL)
        p->summary = "";
    if (p->parameter == NULL)
        p->parameter = "size";
    if (verify_rule_parse(compare, &p->rule, err, errlen) != 0)
        goto cleanup;
    if (input != NULL && strncmp(input, "events", 6) == 0) {
        p->takes_events = 1;
        if (sscanf(input + 6, "%" SCNu64, &p->events_seed) != 1) {
            snprintf(err, errlen, "%s: 'input = events SEED' needs a seed", path.data);
            goto cleanup;
        }
    } else if (input != NULL && strcmp(input, "none") != 0) {
        snprintf(err, errlen, "%s: unknown input '%s' (none or events SEED)", path.data, input);
        goto cleanup;
    }
    status = 0;
cleanup:
    buf_release(&path);
    return status;
}

static void release_one(problem *p)
{
    free(p->name);
    free(p->dir);
    conf_free(p->conf);
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
    for (size_t i = 0; i < count; i++) {
        if (load_one(root, names[i], &out->items[i], err, errlen) != 0) {
            release_one(&out->items[i]);
            goto cleanup;
        }
        out->count++;
    }
    status = 0;
cleanup:
    fs_free_names(names, count);
    buf_release(&dir);
    if (status != 0)
        problems_release(out);
    return status;
}

void problems_release(problem_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        release_one(&set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

const problem *problems_find(const problem_set *set, const char *name)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->items[i].name, name) == 0)
            return &set->items[i];
    return NULL;
}

const char *problem_size_argument(const problem *p, const char *profile)
{
    if (profile[0] >= '0' && profile[0] <= '9' && strspn(profile, "0123456789") == strlen(profile))
        return profile;
    char key[64];
    snprintf(key, sizeof key, "size.%s", profile);
    return conf_get(p->conf, key);
}

/* Generates the events file at path (through a temporary file, so an
 * interrupted run never leaves half a file under the final name). */
static int generate_events(const char *path, uint64_t count, uint64_t seed,
                           char *err, size_t errlen)
{
    buf tmp = BUF_INIT;
    buf_printf(&tmp, "%s.partial", path);
    int status = -1;
    events_error gen_err;
    FILE *f = NULL;
    if (fs_make_parent_dirs(path) != 0 || (f = fopen(tmp.data, "wb")) == NULL) {
        snprintf(err, errlen, "cannot create '%s': %s", tmp.data, strerror(errno));
        goto cleanup;
    }
    fprintf(stderr, "ladder: generating %" PRIu64 " events (seed %" PRIu64 ") into %s\n",
            count, seed, path);
    int failed = events_write(f, count, seed, &gen_err) != 0;
    if (fclose(f) != 0 && !failed) {
        snprintf(err, errlen, "cannot write '%s': %s", tmp.data, strerror(errno));
        goto cleanup;
    }
    if (failed) {
        snprintf(err, errlen, "generating '%s': %s", path, gen_err.message);
        goto cleanup;
    }
    if (rename(tmp.data, path) != 0) {
        snprintf(err, errlen, "cannot rename '%s': %s", tmp.data, strerror(errno));
        goto cleanup;
    }
    status = 0;
cleanup:
    if (status != 0)
        remove(tmp.data);
    buf_release(&tmp);
    return status;
}

int problem_rung_argument(const problem *p, const problem_env *env, const char *arg,
                          buf *out, char *err, size_t errlen)
{
    if (!p->takes_events)
        return buf_puts(out, arg);
    uint64_t count;
    if (sscanf(arg, "%" SCNu64, &count) != 1) {
        snprintf(err, errlen, "'%s' is not an event count", arg);
        return -1;
    }
    buf path = BUF_INIT;
    buf_printf(&path, "%s/events-%" PRIu64 "-%" PRIu64 ".json", env->data_dir, count,
               p->events_seed);
    int status = 0;
    if (!fs_exists(path.data))
        status = generate_events(path.data, count, p->events_seed, err, errlen);
    if (status == 0)
        buf_append(out, path.data, path.len);
    buf_release(&path);
    return status;
}

int problem_expected_output(const problem *p, const problem_env *env, const char *arg,
                            buf *out, char *err, size_t errlen)
{
    char key[96];
    snprintf(key, sizeof key, "expect.%s", arg);
    const char *expect = conf_get(p->conf, key);
    if (expect != NULL && expect[0] != '@')
        return buf_puts(out, expect);
    buf path = BUF_INIT, cmd = BUF_INIT, input = BUF_INIT;
    int status = -1;
    if (expect != NULL) {
        buf_printf(&path, "%s/%s", p->dir, expect + 1);
        if (fs_read_file(path.data, out) != 0)
            snprintf(err, errlen, "cannot read the reference '%s'", path.data);
        else
            status = 0;
        goto cleanup;
    }
    const char *reference = conf_get(p->conf, "reference");
    if (reference == NULL) {
        snprintf(err, errlen, "no reference output for %s at %s %s (add expect.%s to %s/problem.conf)",
                 p->name, arg, p->parameter, arg, p->dir);
        goto cleanup;
    }
    buf_printf(&path, "%s/%s-%s.expected", env->data_dir, p->name, arg);
    if (fs_exists(path.data)) {
        status = fs_read_file(path.data, out);
        goto cleanup;
    }
    if (problem_rung_argument(p, env, arg, &input, err, errlen) != 0)
        goto cleanup;
    template_var vars[] = {{"python", env->python}, {"problem_dir", p->dir},
                           {"input", input.data}, {"root", env->root}};
    if (template_expand(reference, vars, sizeof vars / sizeof *vars, &cmd, err, errlen) != 0)
        goto cleanup;
    fprintf(stderr, "ladder: computing the reference for %s at %s %s\n", p->name, arg,
            p->parameter);
    buf text = BUF_INIT;
    int code = proc_capture(cmd.data, env->root, 0, &text);
    if (code != 0) {
        snprintf(err, errlen, "the reference command failed (exit %d): %s", code, cmd.data);
        buf_release(&text);
        goto cleanup;
    }
    fs_write_file_atomic(path.data, text.data, text.len);
    buf_append(out, text.data, text.len);
    buf_release(&text);
    status = 0;
cleanup:
    buf_release(&path);
    buf_release(&cmd);
    buf_release(&input);
    return status;
}
