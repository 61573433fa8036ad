/* interp.c - finding, probing and choosing interpreters (see interp.h). */
#include "harness/interp.h"

#include <cjson/cJSON.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/child.h"
#include "harness/fs.h"

#define NS_PER_SEC 1000000000LL
/* A probe gets this long: a JVM-based interpreter starts in seconds. */
#define PROBE_TIMEOUT_NS (60 * NS_PER_SEC)
/* Minor versions of Python 3 looked for on PATH as python3.X. */
#define PATH_OLDEST_MINOR 6
#define PATH_NEWEST_MINOR 20
/* The probe's answers are cached in this file under build/. */
#define PROBE_CACHE "interpreters.json"
/* Bump when the probe asks something new: older cache entries are ignored. */
#define PROBE_VERSION 1

/* Runs inside each candidate. Python 2 syntax on purpose: an old
 * interpreter must still be able to say what it is. */
static const char PROBE[] =
    "import json, os, sys\n"
    "try:\n"
    "    import sysconfig\n"
    "    cfg = sysconfig.get_config_var\n"
    "    inc = sysconfig.get_paths().get('include') or ''\n"
    "except Exception:\n"
    "    cfg = lambda name: None\n"
    "    inc = ''\n"
    "impl = getattr(sys, 'implementation', None)\n"
    "name = impl.name if impl is not None else 'cpython'\n"
    "iv = getattr(impl, 'version', None)\n"
    "args = cfg('CONFIG_ARGS') or ''\n"
    "jit = 'no'\n"
    "if name == 'pypy':\n"
    "    try:\n"
    "        import pypyjit\n"
    "        jit = 'yes'\n"
    "    except ImportError:\n"
    "        pass\n"
    "elif name == 'cpython':\n"
    "    j = getattr(sys, '_jit', None)\n"
    "    if (j is not None and j.is_available()) or 'enable-experimental-jit' in args:\n"
    "        jit = 'available'\n"
    "print(json.dumps({'implementation': name,\n"
    "    'version': '%d.%d.%d' % tuple(sys.version_info[:3]),\n"
    "    'impl_version': '%d.%d.%d' % tuple(iv[:3]) if iv else '',\n"
    "    'executable': sys.executable or '',\n"
    "    'build_flags': args, 'compiler': cfg('CC') or '',\n"
    "    'has_headers': os.path.exists(os.path.join(inc, 'Python.h')),\n"
    "    'free_threaded': bool(cfg('Py_GIL_DISABLED')), 'jit': jit}))\n";

/* What a probe found out, before variants are made. */
typedef struct probe_answer {
    char *implementation, *version, *impl_version, *sys_executable, *build_flags, *compiler;
    char *jit;            /* "no", "yes", "available" (CPython: a variant can turn it on) */
    char *jit_problem;    /* GraalPy: why its JIT is off, or NULL */
    int has_headers, free_threaded;
} probe_answer;

static void probe_answer_release(probe_answer *a)
{
    free(a->implementation);
    free(a->version);
    free(a->impl_version);
    free(a->sys_executable);
    free(a->build_flags);
    free(a->compiler);
    free(a->jit);
    free(a->jit_problem);
    memset(a, 0, sizeof *a);
}

static char *json_text(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return strdup(cJSON_IsString(v) ? v->valuestring : "");
}

static int probe_from_json(const cJSON *o, probe_answer *a)
{
    memset(a, 0, sizeof *a);
    a->implementation = json_text(o, "implementation");
    a->version = json_text(o, "version");
    a->impl_version = json_text(o, "impl_version");
    a->sys_executable = json_text(o, "executable");
    a->build_flags = json_text(o, "build_flags");
    a->compiler = json_text(o, "compiler");
    a->jit = json_text(o, "jit");
    const cJSON *problem = cJSON_GetObjectItemCaseSensitive(o, "jit_problem");
    a->jit_problem = cJSON_IsString(problem) ? strdup(problem->valuestring) : NULL;
    a->has_headers = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "has_headers"));
    a->free_threaded = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "free_threaded"));
    return a->implementation[0] && a->version[0] ? 0 : -1;
}

static cJSON *probe_to_json(const probe_answer *a)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "implementation", a->implementation);
    cJSON_AddStringToObject(o, "version", a->version);
    cJSON_AddStringToObject(o, "impl_version", a->impl_version);
    cJSON_AddStringToObject(o, "executable", a->sys_executable);
    cJSON_AddStringToObject(o, "build_flags", a->build_flags);
    cJSON_AddStringToObject(o, "compiler", a->compiler);
    cJSON_AddStringToObject(o, "jit", a->jit);
    if (a->jit_problem)
        cJSON_AddStringToObject(o, "jit_problem", a->jit_problem);
    cJSON_AddBoolToObject(o, "has_headers", a->has_headers);
    cJSON_AddBoolToObject(o, "free_threaded", a->free_threaded);
    return o;
}

/* GraalPy's launcher (interpreters/graalpy) says whether the optimizing
 * runtime really runs: without the Graal compiler, Truffle falls back to
 * its interpreter silently and is ~100x slower. */
static void probe_graalpy_jit(const char *executable, probe_answer *a)
{
    child c = CHILD_INIT;
    c.argv = (const char *[]){executable, "--ladder-jit-status", NULL};
    buf out = BUF_INIT, why = BUF_INIT;
    int code = child_capture(&c, &out, CHILD_STDERR_MERGE, PROBE_TIMEOUT_NS, &why);
    child_release(&c);
    free(a->jit);
    if (code == 0 && out.len >= 3 && strncmp(out.data, "jit", 3) == 0 &&
        (out.len == 3 || out.data[3] == '\n')) {
        a->jit = strdup("yes");
    } else {
        a->jit = strdup("no");
        size_t line = out.data ? strcspn(out.data, "\n") : 0;
        buf problem = BUF_INIT;
        if (line > 0)
            buf_append(&problem, out.data, line);
        else
            buf_printf(&problem, "its JIT status is unknown (%s)", why.len ? why.data : "no answer");
        a->jit_problem = buf_detach(&problem);
    }
    buf_release(&out);
    buf_release(&why);
}

static int run_probe(const char *executable, probe_answer *a)
{
    child c = CHILD_INIT;
    c.argv = (const char *[]){executable, "-c", PROBE, NULL};
    buf out = BUF_INIT, why = BUF_INIT;
    int status = -1;
    cJSON *doc = NULL;
    if (child_capture(&c, &out, CHILD_STDERR_DROP, PROBE_TIMEOUT_NS, &why) != 0 || out.len == 0)
        goto cleanup;
    /* The last line: a launcher may print a warning first. */
    const char *last = out.data;
    for (const char *p = out.data; *p; p++)
        if (*p == '\n' && p[1] != '\0')
            last = p + 1;
    doc = cJSON_Parse(last);
    if (doc == NULL || probe_from_json(doc, a) != 0)
        goto cleanup;
    if (strcmp(a->implementation, "graalpy") == 0)
        probe_graalpy_jit(executable, a);
    status = 0;
cleanup:
    if (status != 0)
        probe_answer_release(a);
    cJSON_Delete(doc);
    child_release(&c);
    buf_release(&out);
    buf_release(&why);
    return status;
}

/* The probe cache: { "<path>": {"key": "<size>:<mtime>", "answer": {...}} }. */
typedef struct probe_cache {
    cJSON *doc;
    char *path;
    int dirty;
} probe_cache;

static void cache_open(probe_cache *pc, const char *root)
{
    buf path = BUF_INIT, text = BUF_INIT;
    buf_printf(&path, "%s/build/%s", root, PROBE_CACHE);
    pc->path = buf_detach(&path);
    pc->dirty = 0;
    pc->doc = NULL;
    if (fs_read_file(pc->path, &text) == 0 && text.len > 0) {
        pc->doc = cJSON_Parse(text.data);
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(pc->doc, "probe_version");
        if (!cJSON_IsNumber(v) || v->valueint != PROBE_VERSION) {
            cJSON_Delete(pc->doc);
            pc->doc = NULL;
        }
    }
    if (pc->doc == NULL) {
        pc->doc = cJSON_CreateObject();
        cJSON_AddNumberToObject(pc->doc, "probe_version", PROBE_VERSION);
        cJSON_AddObjectToObject(pc->doc, "interpreters");
    }
    buf_release(&text);
}

static void cache_close(probe_cache *pc)
{
    if (pc->dirty) {
        char *text = cJSON_Print(pc->doc);
        if (text != NULL)
            fs_write_file_atomic(pc->path, text, strlen(text));   /* a cache: failure is harmless */
        free(text);
    }
    cJSON_Delete(pc->doc);
    free(pc->path);
}

/* Probes executable, or answers from the cache when the file is unchanged. */
static int probe(probe_cache *pc, const char *executable, probe_answer *a)
{
    char real[PATH_MAX];
    struct stat st;
    if (realpath(executable, real) == NULL || stat(real, &st) != 0)
        return -1;
    char key[128];
    snprintf(key, sizeof key, "%lld:%lld.%09ld", (long long)st.st_size, (long long)st.st_mtim.tv_sec,
             st.st_mtim.tv_nsec);
    cJSON *all = cJSON_GetObjectItemCaseSensitive(pc->doc, "interpreters");
    const cJSON *entry = cJSON_GetObjectItemCaseSensitive(all, executable);
    const cJSON *k = cJSON_GetObjectItemCaseSensitive(entry, "key");
    if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0 &&
        probe_from_json(cJSON_GetObjectItemCaseSensitive(entry, "answer"), a) == 0)
        return 0;
    if (run_probe(executable, a) != 0)
        return -1;
    cJSON *fresh = cJSON_CreateObject();
    cJSON_AddStringToObject(fresh, "key", key);
    cJSON_AddItemToObject(fresh, "answer", probe_to_json(a));
    if (cJSON_GetObjectItemCaseSensitive(all, executable) != NULL)
        cJSON_ReplaceItemInObjectCaseSensitive(all, executable, fresh);
    else
        cJSON_AddItemToObject(all, executable, fresh);
    pc->dirty = 1;
    return 0;
}

/* ---- candidates ----------------------------------------------------------- */

typedef struct candidates {
    char *path[INTERP_MAX];
    const char *source[INTERP_MAX];
    int explicit_[INTERP_MAX];
    size_t count;
} candidates;

static void add_candidate(candidates *c, const char *path, const char *source, int is_explicit)
{
    char real[PATH_MAX];
    if (c->count == INTERP_MAX || realpath(path, real) == NULL)
        return;
    /* The same file under two names (a shim, a symlink) is one candidate;
     * an explicit request wins the source. */
    for (size_t i = 0; i < c->count; i++) {
        char other[PATH_MAX];
        if (realpath(c->path[i], other) != NULL && strcmp(other, real) == 0) {
            if (is_explicit)
                c->explicit_[i] = 1, c->source[i] = source;
            return;
        }
    }
    c->path[c->count] = strdup(path);
    c->source[c->count] = source;
    c->explicit_[c->count] = is_explicit;
    c->count++;
}

static void add_glob(candidates *c, const char *pattern, const char *source)
{
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0)
        return;
    for (size_t i = 0; i < g.gl_pathc; i++)
        add_candidate(c, g.gl_pathv[i], source, 0);
    globfree(&g);
}

static void add_on_path(candidates *c, const char *name)
{
    buf path = BUF_INIT;
    if (child_which(name, &path) == 0)
        add_candidate(c, path.data, "PATH", 0);
    buf_release(&path);
}

static void find_candidates(const char *root, candidates *c)
{
    const char *home = getenv("HOME");
    buf pattern = BUF_INIT;
    const char *pyenv = getenv("PYENV_ROOT");
    if (pyenv != NULL && *pyenv)
        buf_printf(&pattern, "%s/versions/*/bin/python", pyenv);
    else if (home != NULL)
        buf_printf(&pattern, "%s/.pyenv/versions/*/bin/python", home);
    if (pattern.len)
        add_glob(c, pattern.data, "pyenv");
    buf_clear(&pattern);
    const char *uv = getenv("UV_PYTHON_INSTALL_DIR");
    if (uv != NULL && *uv)
        buf_printf(&pattern, "%s/*/bin/python3", uv);
    else if (home != NULL)
        buf_printf(&pattern, "%s/.local/share/uv/python/*/bin/python3", home);
    if (pattern.len)
        add_glob(c, pattern.data, "uv");
    buf_release(&pattern);
    char name[32];
    for (int minor = PATH_NEWEST_MINOR; minor >= PATH_OLDEST_MINOR; minor--) {
        snprintf(name, sizeof name, "python3.%d", minor);
        add_on_path(c, name);
        snprintf(name, sizeof name, "python3.%dt", minor);
        add_on_path(c, name);
    }
    add_on_path(c, "python3");
    add_on_path(c, "pypy3");
    buf graalpy = BUF_INIT;
    buf_printf(&graalpy, "%s/build/graalpy/bin/graalpy", root);
    if (fs_exists(graalpy.data))
        add_candidate(c, graalpy.data, "graalpy setup", 0);
    buf_release(&graalpy);
    add_on_path(c, "graalpy");
}

/* ---- the set -------------------------------------------------------------- */

static int parse_version(const char *v, int *major, int *minor, int *patch)
{
    *major = *minor = *patch = 0;
    return sscanf(v, "%d.%d.%d", major, minor, patch) >= 2 ? 0 : -1;
}

static int compare_versions(const char *a, const char *b)
{
    int x[3], y[3];
    parse_version(a, &x[0], &x[1], &x[2]);
    parse_version(b, &y[0], &y[1], &y[2]);
    for (int i = 0; i < 3; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

static int implementation_order(const char *impl)
{
    if (strcmp(impl, "cpython") == 0)
        return 0;
    if (strcmp(impl, "pypy") == 0)
        return 1;
    if (strcmp(impl, "graalpy") == 0)
        return 2;
    return 3;
}

static int by_ladder_order(const void *pa, const void *pb)
{
    const interpreter *a = pa, *b = pb;
    int d = implementation_order(a->implementation) - implementation_order(b->implementation);
    if (d != 0)
        return d;
    d = compare_versions(a->version, b->version);
    if (d != 0)
        return d;
    d = a->free_threaded - b->free_threaded;
    if (d != 0)
        return d;
    d = a->jit - b->jit;
    if (d != 0)
        return d;
    return strcmp(a->id, b->id);
}

/* Adds one interpreter (a variant of a probed executable). */
static void add_interpreter(interpreter_set *set, const probe_answer *a, const char *executable,
                            const char *source, int jit)
{
    if (set->count == INTERP_MAX)
        return;
    interpreter *i = &set->items[set->count];
    memset(i, 0, sizeof *i);
    const char *impl = a->implementation;
    int is_cpython = strcmp(impl, "cpython") == 0;
    i->implementation = strdup(impl);
    i->version = strdup(a->version);
    i->impl_version = strdup(is_cpython || !a->impl_version[0] ? a->version : a->impl_version);
    i->executable = strdup(executable);
    i->sys_executable = strdup(a->sys_executable);
    i->build_flags = strdup(a->build_flags);
    i->compiler = strdup(a->compiler);
    i->source = strdup(source);
    /* A CPython JIT build runs as itself with the JIT off, and as its -jit
     * variant with it on; a free-threaded build runs without the GIL (it
     * would otherwise re-enable it for an extension that asks). */
    size_t nenv = 0;
    if (is_cpython && strcmp(a->jit, "available") == 0)
        i->env[nenv++] = strdup(jit ? "PYTHON_JIT=1" : "PYTHON_JIT=0");
    if (a->free_threaded)
        i->env[nenv++] = strdup("PYTHON_GIL=0");
    i->has_headers = a->has_headers;
    i->free_threaded = a->free_threaded;
    i->jit = jit;
    int major, minor, patch;
    parse_version(a->version, &major, &minor, &patch);
    i->minor = minor;
    buf id = BUF_INIT;
    buf_printf(&id, "%s-%s%s%s", impl, i->impl_version, a->free_threaded ? "t" : "",
               is_cpython && jit ? "-jit" : "");
    /* Two builds of one version (pyenv's and uv's) keep apart. */
    for (int n = 2;; n++) {
        int taken = 0;
        for (size_t k = 0; k < set->count && !taken; k++)
            taken = strcmp(set->items[k].id, id.data) == 0;
        if (!taken)
            break;
        buf_clear(&id);
        buf_printf(&id, "%s-%s%s%s-%d", impl, i->impl_version, a->free_threaded ? "t" : "",
                   is_cpython && jit ? "-jit" : "", n);
    }
    i->id = buf_detach(&id);
    buf why = BUF_INIT;
    if (is_cpython && (major < INTERP_OLDEST_MAJOR ||
                       (major == INTERP_OLDEST_MAJOR && minor < INTERP_OLDEST_MINOR)))
        buf_printf(&why, "out of range: the ladder starts at CPython %d.%d, the study's oldest",
                   INTERP_OLDEST_MAJOR, INTERP_OLDEST_MINOR);
    else if (strcmp(impl, "graalpy") == 0 && !jit)
        buf_printf(&why, "GraalPy without its JIT is ~100x slower than with it: %s (run "
                   "interpreters/graalpy/setup)", a->jit_problem ? a->jit_problem : "JIT off");
    else if (implementation_order(impl) == 3)
        buf_printf(&why, "unknown implementation '%s'", impl);
    i->unusable = why.len ? buf_detach(&why) : NULL;
    buf_release(&why);
    set->count++;
}

/* Marks the default ladder: of the usable interpreters of one line
 * (implementation, minor version, variant), the newest. */
static void mark_defaults(interpreter_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        interpreter *a = &set->items[i];
        if (a->unusable != NULL)
            continue;
        a->in_default = 1;
        for (size_t j = 0; j < set->count && a->in_default; j++) {
            const interpreter *b = &set->items[j];
            if (j == i || b->unusable != NULL || strcmp(a->implementation, b->implementation) ||
                a->minor != b->minor || a->jit != b->jit || a->free_threaded != b->free_threaded)
                continue;
            int d = compare_versions(b->version, a->version);
            if (d > 0 || (d == 0 && j < i))
                a->in_default = 0;
        }
    }
}

int interpreters_discover(const char *root, const char *const *extra, size_t nextra,
                          interpreter_set *out, buf *why)
{
    memset(out, 0, sizeof *out);
    out->items = calloc(INTERP_MAX, sizeof *out->items);
    if (out->items == NULL) {
        buf_puts(why, "out of memory");
        return -1;
    }
    candidates cands;
    memset(&cands, 0, sizeof cands);
    for (size_t i = 0; i < nextra; i++) {
        buf path = BUF_INIT;
        if (child_which(extra[i], &path) != 0) {
            buf_printf(why, "cannot run the Python interpreter '%s': not found", extra[i]);
            buf_release(&path);
            goto fail;
        }
        add_candidate(&cands, path.data, "--python", 1);
        buf_release(&path);
    }
    find_candidates(root, &cands);
    probe_cache pc;
    cache_open(&pc, root);
    int status = 0;
    /* What each interpreter says its executable is: a pyenv shim and the
     * version it runs are one interpreter. */
    char *seen[INTERP_MAX];
    size_t nseen = 0;
    for (size_t i = 0; i < cands.count; i++) {
        probe_answer a;
        if (probe(&pc, cands.path[i], &a) != 0) {
            if (cands.explicit_[i]) {
                buf_printf(why, "cannot run the Python interpreter '%s': it does not answer "
                           "as Python does", cands.path[i]);
                status = -1;
            }
            continue;
        }
        char real[PATH_MAX];
        const char *self = realpath(a.sys_executable, real) ? real : a.sys_executable;
        int duplicate = 0;
        for (size_t k = 0; k < nseen && !duplicate; k++)
            duplicate = self[0] && strcmp(seen[k], self) == 0;
        if (duplicate) {
            probe_answer_release(&a);
            continue;
        }
        if (nseen < INTERP_MAX)
            seen[nseen++] = strdup(self);
        const char *executable = cands.path[i];
        if (strcmp(a.jit, "available") == 0) {
            add_interpreter(out, &a, executable, cands.source[i], 0);
            add_interpreter(out, &a, executable, cands.source[i], 1);
        } else {
            add_interpreter(out, &a, executable, cands.source[i], strcmp(a.jit, "yes") == 0);
        }
        probe_answer_release(&a);
    }
    cache_close(&pc);
    for (size_t i = 0; i < nseen; i++)
        free(seen[i]);
    for (size_t i = 0; i < cands.count; i++)
        free(cands.path[i]);
    if (status != 0)
        goto fail_released;
    qsort(out->items, out->count, sizeof *out->items, by_ladder_order);
    mark_defaults(out);
    return 0;
fail:
    for (size_t i = 0; i < cands.count; i++)
        free(cands.path[i]);
fail_released:
    interpreters_release(out);
    return -1;
}

const interpreter *interpreters_baseline(const interpreter_set *set)
{
    const interpreter *best = NULL;
    for (size_t i = 0; i < set->count; i++) {
        const interpreter *c = &set->items[i];
        if (c->unusable || !c->in_default || strcmp(c->implementation, "cpython") != 0 ||
            c->jit || c->free_threaded)
            continue;
        if (best == NULL || compare_versions(c->version, best->version) > 0)
            best = c;
    }
    return best;
}

static void choose(size_t index, size_t *chosen, size_t *n, size_t cap)
{
    for (size_t i = 0; i < *n; i++)
        if (chosen[i] == index)
            return;
    if (*n < cap)
        chosen[(*n)++] = index;
}

/* 1 if spec is a version prefix of v: "3.11" matches "3.11.7", not "3.110". */
static int version_matches(const char *spec, const char *v)
{
    size_t n = strlen(spec);
    return strncmp(spec, v, n) == 0 && (v[n] == '\0' || v[n] == '.');
}

int interpreters_select(const interpreter_set *set, const char *spec, size_t *chosen,
                        size_t *nchosen, size_t cap, buf *why)
{
    size_t before = *nchosen;
    if (strcmp(spec, "baseline") == 0) {
        const interpreter *b = interpreters_baseline(set);
        if (b == NULL) {
            buf_puts(why, "--python baseline: no CPython 3.10 or newer was found");
            return -1;
        }
        choose((size_t)(b - set->items), chosen, nchosen, cap);
        return 0;
    }
    int is_version = spec[0] >= '0' && spec[0] <= '9';
    const char *unusable_match = NULL;
    char real_spec[PATH_MAX];
    int is_path = strchr(spec, '/') != NULL && realpath(spec, real_spec) != NULL;
    /* A version names the newest of its line unless it names a patch. */
    int wants_default = is_version && strchr(strchr(spec, '.') ? strchr(spec, '.') + 1 : "", '.') == NULL;
    for (size_t i = 0; i < set->count; i++) {
        const interpreter *c = &set->items[i];
        int match;
        if (strcmp(spec, "all") == 0)
            match = 1;
        else if (strcmp(spec, "default") == 0)
            match = c->in_default;
        else if (is_path) {
            char real[PATH_MAX];
            match = realpath(c->executable, real) != NULL && strcmp(real, real_spec) == 0;
        } else if (is_version)
            match = strcmp(c->implementation, "cpython") == 0 && !c->jit && !c->free_threaded &&
                    version_matches(spec, c->version);
        else
            match = strcmp(spec, c->implementation) == 0 || strcmp(spec, c->id) == 0;
        if (!match)
            continue;
        if (c->unusable != NULL) {
            unusable_match = c->unusable;
            continue;
        }
        if (is_version && wants_default && !c->in_default)
            continue;
        /* "cpython" and "pypy" mean the default ladder's; an id means itself. */
        if (!is_path && !is_version && strcmp(spec, c->id) != 0 && strcmp(spec, "all") != 0 &&
            !c->in_default)
            continue;
        choose(i, chosen, nchosen, cap);
    }
    if (*nchosen > before)
        return 0;
    if (unusable_match != NULL)
        buf_printf(why, "--python %s: %s", spec, unusable_match);
    else {
        buf_printf(why, "--python %s names no interpreter found here; there are:", spec);
        for (size_t i = 0; i < set->count; i++)
            if (set->items[i].unusable == NULL)
                buf_printf(why, " %s", set->items[i].id);
        buf_puts(why, " (see 'ladder interpreters')");
    }
    return -1;
}

void interpreter_name(const interpreter *i, buf *out)
{
    int major, minor, patch;
    parse_version(i->version, &major, &minor, &patch);
    if (strcmp(i->implementation, "cpython") == 0) {
        buf_printf(out, "CPython %s%s", i->version, i->free_threaded ? "t" : "");
        if (i->free_threaded && i->jit)
            buf_puts(out, " (free-threaded, JIT)");
        else if (i->free_threaded)
            buf_puts(out, " (free-threaded)");
        else if (i->jit)
            buf_puts(out, " (JIT)");
    } else if (strcmp(i->implementation, "pypy") == 0) {
        buf_printf(out, "PyPy %s (Python %d.%d)", i->impl_version, major, minor);
    } else if (strcmp(i->implementation, "graalpy") == 0) {
        buf_printf(out, "GraalPy %s (Python %d.%d%s)", i->impl_version, major, minor,
                   i->jit ? ", JIT" : ", no JIT");
    } else {
        buf_printf(out, "%s %s", i->implementation, i->version);
    }
}

int interpreter_version_in(const interpreter *i, const char *range)
{
    const char *dash = strchr(range, '-');
    if (dash == NULL)
        return -1;
    int lo_major = 0, lo_minor = 0, hi_major = 99, hi_minor = 999;
    if (dash > range && sscanf(range, "%d.%d", &lo_major, &lo_minor) != 2)
        return -1;
    if (dash[1] != '\0' && sscanf(dash + 1, "%d.%d", &hi_major, &hi_minor) != 2)
        return -1;
    int major, minor, patch;
    parse_version(i->version, &major, &minor, &patch);
    long v = major * 1000L + minor;
    return v >= lo_major * 1000L + lo_minor && v <= hi_major * 1000L + hi_minor;
}

/* The study's interpreter ladder ("Rung 0" and "Rung 1"). */
static const interpreter_wanted STUDY_LADDER[] = {
    {"cpython", 10, 0, "CPython 3.10", "pyenv install 3.10 (or: uv python install 3.10)"},
    {"cpython", 11, 0, "CPython 3.11", "pyenv install 3.11 (or: uv python install 3.11)"},
    {"cpython", 12, 0, "CPython 3.12", "pyenv install 3.12 (or: uv python install 3.12)"},
    {"cpython", 13, 0, "CPython 3.13", "pyenv install 3.13 (or: uv python install 3.13)"},
    {"cpython", 14, 0, "CPython 3.14", "pyenv install 3.14 (or: uv python install 3.14)"},
    {"cpython", 14, 1, "CPython 3.14t (free-threaded)",
     "pyenv install 3.14t (or: uv python install 3.14t)"},
    {"pypy", -1, 0, "PyPy", "apt-get install pypy3 pypy3-venv (or: make setup)"},
    {"graalpy", -1, 0, "GraalPy", "interpreters/graalpy/setup (or: make setup)"},
};

static int wanted_matches(const interpreter_wanted *w, const interpreter *i)
{
    return strcmp(w->implementation, i->implementation) == 0 &&
           (w->minor < 0 || w->minor == i->minor) && w->free_threaded == i->free_threaded;
}

size_t interpreters_missing(const interpreter_set *set, const interpreter_wanted **out, size_t cap)
{
    size_t n = 0;
    for (size_t k = 0; k < sizeof STUDY_LADDER / sizeof *STUDY_LADDER; k++) {
        int found = 0;
        for (size_t i = 0; i < set->count && !found; i++)
            found = wanted_matches(&STUDY_LADDER[k], &set->items[i]);
        if (!found && n < cap)
            out[n++] = &STUDY_LADDER[k];
    }
    return n;
}

const interpreter *interpreters_found_unusable(const interpreter_set *set,
                                               const interpreter_wanted *w)
{
    for (size_t i = 0; i < set->count; i++)
        if (wanted_matches(w, &set->items[i]) && set->items[i].unusable != NULL)
            return &set->items[i];
    return NULL;
}

void interpreters_release(interpreter_set *set)
{
    for (size_t k = 0; k < set->count; k++) {
        interpreter *i = &set->items[k];
        free(i->id);
        free(i->implementation);
        free(i->version);
        free(i->impl_version);
        free(i->executable);
        free(i->sys_executable);
        free(i->build_flags);
        free(i->compiler);
        free(i->source);
        for (size_t e = 0; i->env[e] != NULL; e++)
            free(i->env[e]);
        free(i->unusable);
    }
    free(set->items);
    memset(set, 0, sizeof *set);
}
