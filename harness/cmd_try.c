/*
 * cmd_try.c - `ladder try PATH.py FUNCTION [ARG ...]`: the user's own
 * function, up every rung that needs no rewrite — every interpreter found,
 * and each rung whose rung.conf says how it takes an unchanged module
 * (`try = unchanged | compile | wrap`: mypyc and Cython compile it, Nuitka
 * too, Numba wraps the function in njit) — measured as `ladder run`
 * measures (measure.h: interleaved rounds, cold and warm apart, JIT
 * warm-up), every row's return value verified against the newest
 * CPython's, then the advice: the cheapest rung that reached most of the
 * best speedup, and what it costs.
 *
 * The function runs in rungs/_python/try_driver.py, which imports the
 * module from its folder (or a rung's build of it) and speaks the
 * protocol; return values are compared by rungs/_python/try_verify.py.
 * Builds go to build/try/<module>-<hash of its source>/.
 */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/child.h"
#include "harness/commands.h"
#include "harness/digest.h"
#include "harness/fs.h"
#include "harness/interrupt.h"
#include "harness/lock.h"
#include "harness/measure.h"
#include "harness/report.h"
#include "harness/results.h"
#include "harness/row.h"
#include "harness/session.h"
#include "harness/venv.h"
#include "harness/worker.h"

#define TRY_MAX_ARGS 64
#define TRY_MAX_SELECTED 32
#define TRY_DEFAULT_REL_TOL 1e-9
#define TRY_DEFAULT_BUDGET_S 3.0
#define TRY_DEFAULT_TIMEOUT_S 600.0
#define TRY_DEFAULT_MAX_RUNS 100
#define NS_PER_SEC 1000000000LL
/* The import check and the reference call answer within this. */
#define TRY_CHECK_TIMEOUT_NS (120 * NS_PER_SEC)
#define TRY_EXIT_GRACE_NS (10 * NS_PER_SEC)
/* Advice: the cheapest row within this share of the best speedup. */
#define TRY_ADVICE_SHARE 0.8
/* The hash that names a module's build folder: this many hex digits. */
#define TRY_HASH_DIGITS 12

static const char HELP[] =
    "usage: ladder try PATH.py FUNCTION [ARG ...] [options]\n"
    "\n"
    "Measures your own function on every rung of the ladder that needs no\n"
    "rewrite: every Python interpreter found (CPython versions, PyPy, GraalPy),\n"
    "mypyc and Cython compiling your module as it is, Nuitka, and Numba's njit\n"
    "around the function. The module is imported unchanged; each ARG is a Python\n"
    "literal (ast.literal_eval: 1000, 2.5, 'text', [1, 2]). Every row's return\n"
    "value must equal the newest CPython's (floats within --rel-tol), or the row\n"
    "FAILS, showing the first difference; an exception, a hang or a crash is a\n"
    "failed row with its reason. Rows are measured as 'ladder run' measures them.\n"
    "At the end: the cheapest rung that reached most of the best speedup.\n"
    "Options may stand before or after the arguments; -- ends them.\n"
    "\n"
    "  --setup NAME        call the module's function NAME for the arguments\n"
    "                      instead (it returns a tuple of them, or one value)\n"
    "  --requirements FILE pip-install FILE into each interpreter's environment\n"
    "                      (a row whose imports fail is skipped, naming the module)\n"
    "  --rel-tol X         relative tolerance for floats (default 1e-9)\n"
    "  --profile           first print where the call's time goes (cProfile)\n"
    "  --python SPEC       interpreters (repeatable; default: every one found)\n"
    "  --rung R            only these rungs (cpython, mypyc, cython, nuitka, numba)\n"
    "  --budget SEC, --min-runs N, --max-runs N, --repeat N, --timeout SEC\n"
    "                      as for 'ladder run' (budget default 3 s)\n"
    "  --json FILE         the results (default results/try/MODULE.FUNCTION.json)\n"
    "  --report FILE       the report card (default results/try/MODULE.FUNCTION.md)\n";

typedef struct try_options {
    const char *path;
    const char *function;
    const char *args[TRY_MAX_ARGS];
    size_t nargs;
    const char *setup;
    const char *requirements;
    double rel_tol;
    const char *pythons[TRY_MAX_SELECTED];
    size_t npythons;
    const char *rungs[TRY_MAX_SELECTED];
    size_t nrungs;
    int profile;
    const char *json_path, *report_path;
    measure_policy policy;
} try_options;

static int number(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v > 0))
        return -1;
    *out = v;
    return 0;
}

/* Options before or after the positional arguments; -- ends options. */
static int parse_options(int argc, char **argv, try_options *o)
{
    memset(o, 0, sizeof *o);
    o->rel_tol = TRY_DEFAULT_REL_TOL;
    o->policy = (measure_policy){.budget_s = TRY_DEFAULT_BUDGET_S,
                                 .min_runs = MEASURE_INTERVAL_MIN_RUNS,
                                 .max_runs = TRY_DEFAULT_MAX_RUNS, .timeout_s = TRY_DEFAULT_TIMEOUT_S};
    int positional = 0, options_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = 1;
            continue;
        }
        if (!options_done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            fputs(HELP, stdout);
            exit(0);
        }
        if (!options_done && strcmp(a, "--profile") == 0) {
            o->profile = 1;
            continue;
        }
        if (!options_done && strncmp(a, "--", 2) == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "ladder try: %s needs a value\n", a);
                return -1;
            }
            const char *v = argv[++i];
            double x = 0;
            if (strcmp(a, "--setup") == 0)
                o->setup = v;
            else if (strcmp(a, "--requirements") == 0)
                o->requirements = v;
            else if (strcmp(a, "--json") == 0)
                o->json_path = v;
            else if (strcmp(a, "--report") == 0)
                o->report_path = v;
            else if (strcmp(a, "--python") == 0 && o->npythons < TRY_MAX_SELECTED)
                o->pythons[o->npythons++] = v;
            else if (strcmp(a, "--rung") == 0 && o->nrungs < TRY_MAX_SELECTED)
                o->rungs[o->nrungs++] = v;
            else if (number(v, &x) != 0) {
                fprintf(stderr, "ladder try: %s needs a positive number, not '%s'\n", a, v);
                return -1;
            } else if (strcmp(a, "--rel-tol") == 0)
                o->rel_tol = x;
            else if (strcmp(a, "--budget") == 0)
                o->policy.budget_s = x;
            else if (strcmp(a, "--min-runs") == 0)
                o->policy.min_runs = (int)x;
            else if (strcmp(a, "--max-runs") == 0)
                o->policy.max_runs = (int)x;
            else if (strcmp(a, "--repeat") == 0)
                o->policy.fixed_runs = (int)x;
            else if (strcmp(a, "--timeout") == 0)
                o->policy.timeout_s = x;
            else {
                fprintf(stderr, "ladder try: unknown option '%s'\n\n%s", a, HELP);
                return -1;
            }
            continue;
        }
        if (positional == 0)
            o->path = a;
        else if (positional == 1)
            o->function = a;
        else if (o->nargs < TRY_MAX_ARGS)
            o->args[o->nargs++] = a;
        positional++;
    }
    if (o->path == NULL || o->function == NULL) {
        fprintf(stderr, "ladder try: name the module and the function\n\n%s", HELP);
        return -1;
    }
    return 0;
}

/* ---- rows ---------------------------------------------------------------------- */

/* What a row runs in, beside the row itself (row.h): its environment's
 * python, its context (its build of the module goes in a folder of its
 * own) and its build's log. rows.items[i] runs in envs[i]. */
typedef struct try_env {
    buf python, log;
    rung_context ctx;
    int has_ctx;
} try_env;

typedef struct try_state {
    session *s;
    const try_options *o;
    char module_dir[PATH_MAX];
    char module_path[PATH_MAX];
    char module[NAME_MAX + 1];
    char *build_root;            /* build/try/<module>-<hash> */
    row_list rows;
    try_env *envs;
} try_state;

static void try_env_release(try_env *e)
{
    buf_release(&e->python);
    buf_release(&e->log);
    if (e->has_ctx)
        rung_context_release(&e->ctx);
}

static int chosen_rung(const try_options *o, const rung *r)
{
    if (o->nrungs == 0)
        return 1;
    for (size_t i = 0; i < o->nrungs; i++)
        if (strcmp(o->rungs[i], r->name) == 0)
            return 1;
    return 0;
}

/* The rows: the unchanged module on every interpreter chosen, then each
 * compiling or wrapping rung on the baseline interpreter. */
static int plan(try_state *st)
{
    session *s = st->s;
    const try_options *o = st->o;
    size_t chosen[INTERP_MAX], n = 0;
    buf why = BUF_INIT;
    for (size_t i = 0; i < o->npythons; i++)
        if (interpreters_select(&s->interpreters, o->pythons[i], chosen, &n, INTERP_MAX, &why) != 0) {
            fprintf(stderr, "ladder try: %s\n", why.data);
            buf_release(&why);
            return -1;
        }
    buf_release(&why);
    if (o->npythons == 0)
        for (size_t i = 0; i < s->interpreters.count; i++)
            if (s->interpreters.items[i].unusable == NULL && s->interpreters.items[i].in_default)
                chosen[n++] = i;
    for (size_t i = 0; i < s->rungs.count; i++) {
        const rung *r = &s->rungs.items[i];
        const char *how = r->conf ? conf_get(r->conf, "try") : NULL;
        if (how == NULL || r->invalid != NULL || !chosen_rung(o, r))
            continue;
        if (strcmp(how, "unchanged") == 0) {
            for (size_t k = 0; k < n; k++)
                if (row_list_add(&st->rows, r, &s->interpreters.items[chosen[k]]) == NULL)
                    return -1;
        } else if (s->baseline != NULL && row_list_add(&st->rows, r, s->baseline) == NULL) {
            return -1;
        }
    }
    st->envs = calloc(st->rows.count ? st->rows.count : 1, sizeof *st->envs);
    return st->envs ? 0 : -1;
}

/* Does the line start "FILE:LINE:" (a compiler's message about a place,
 * as Cython's "x.py:57:13: undeclared name not builtin: y")? */
static int names_a_place(const char *line, size_t len)
{
    const char *colon = memchr(line, ':', len);
    if (colon == NULL || colon == line || (size_t)(colon - line) + 2 >= len)
        return 0;
    const char *digits = colon + 1;
    size_t n = 0;
    while ((size_t)(digits + n - line) < len && digits[n] >= '0' && digits[n] <= '9')
        n++;
    return n > 0 && (size_t)(digits + n - line) < len && digits[n] == ':';
}

/* The first line of a build log that says "error" (mypyc's "x.py:3: error:
 * ..."), else the first that names a place in the source, else its last
 * line; appended to why. */
static void build_error(const char *log_path, buf *why)
{
    buf log = BUF_INIT;
    fs_read_file(log_path, &log);
    const char *found = NULL, *place = NULL, *last = NULL;
    for (const char *line = log.data; line && *line;) {
        size_t len = strcspn(line, "\n");
        if (len > 0) {
            last = line;
            if (found == NULL && (strstr(line, "error:") != NULL || strstr(line, "Error:") != NULL) &&
                (size_t)(strstr(line, "rror:") - line) < len)
                found = line;
            if (place == NULL && names_a_place(line, len))
                place = line;
        }
        line += len + (line[len] == '\n');
    }
    const char *shown = found ? found : place ? place : last;
    if (shown != NULL)
        buf_append(why, shown, strcspn(shown, "\n"));
    buf_printf(why, " (log: %s)", log_path);
    buf_release(&log);
}

/* The driver's command for a row: its python, the module's folder (the
 * user's, or the rung's build), the function, the arguments. */
static void driver_command(const try_state *st, const row *w, const try_env *e,
                           const char *module_dir, int check, buf *out)
{
    buf script = BUF_INIT;
    buf_printf(&script, "%s/rungs/_python/try_driver.py", st->s->root);
    child_shell_quote(out, e->python.data);
    buf_puts(out, " ");
    child_shell_quote(out, script.data);
    buf_puts(out, " ");
    child_shell_quote(out, module_dir);
    buf_puts(out, " ");
    child_shell_quote(out, st->module);
    buf_puts(out, " ");
    child_shell_quote(out, st->o->function);
    const char *wrap = conf_get(w->r->conf, "try.wrap");
    if (wrap != NULL && strcmp(conf_get(w->r->conf, "try"), "wrap") == 0) {
        buf_puts(out, " --wrap ");
        child_shell_quote(out, wrap);
    }
    if (st->o->setup != NULL) {
        buf_puts(out, " --setup ");
        child_shell_quote(out, st->o->setup);
    }
    if (check)
        buf_puts(out, " --check");
    buf_puts(out, " --");
    for (size_t i = 0; i < st->o->nargs; i++) {
        buf_puts(out, " ");
        child_shell_quote(out, st->o->args[i]);
    }
    buf_release(&script);
}

static void prepare(try_state *st, row *w, try_env *e)
{
    session *s = st->s;
    const rung *r = w->r;
    buf name = BUF_INIT, ignored = BUF_INIT;
    interpreter_name(w->interp, &name);
    if (strcmp(conf_get(r->conf, "try"), "unchanged") == 0) {
        buf_puts(&w->title, name.data);
    } else {
        rung_context for_title;
        rung_context_init(&for_title, s->root, r, w->interp, NULL);
        rung_title(r, &for_title, s->baseline, &w->title);
        rung_context_release(&for_title);
    }
    w->status = row_environment(s->root, r, w->interp, &e->python, &w->reason, &ignored);
    buf_release(&ignored);
    if (w->status != MEASUREMENT_VERIFIED)
        goto done;
    if (st->o->requirements != NULL) {
        buf_clear(&e->python);
        if (venv_ensure_requirements(s->root, w->interp, "try-requirements", st->o->requirements,
                                     &e->python, &w->reason) != VENV_READY) {
            w->status = MEASUREMENT_SKIPPED;
            goto done;
        }
    }
    if (e->python.len == 0)
        buf_puts(&e->python, w->interp->executable);
    rung_context_init(&e->ctx, s->root, r, w->interp, e->python.data);
    e->has_ctx = 1;
    free(e->ctx.build_dir);
    buf dir = BUF_INIT;
    buf_printf(&dir, "%s/%s/%s", st->build_root, r->name, w->interp->id);
    e->ctx.build_dir = buf_detach(&dir);
    e->ctx.module = st->module_path;
    const char *module_dir = st->module_dir;
    if (strcmp(conf_get(r->conf, "try"), "compile") == 0) {
        buf cmd = BUF_INIT;
        buf_printf(&e->log, "%s/%s-%s.build.log", st->build_root, r->name, w->interp->id);
        fprintf(stderr, "ladder: compiling %s with %s ...\n", st->module, r->name);
        if (rung_command(r, &e->ctx, conf_get(r->conf, "try.build"), &cmd, &w->reason) != 0 ||
            fs_make_dirs(e->ctx.build_dir) != 0) {
            w->status = MEASUREMENT_FAILED;
            buf_release(&cmd);
            goto done;
        }
        child c = CHILD_INIT;
        c.shell = cmd.data;
        c.dir = s->root;
        c.env = (const char *const *)e->ctx.env;
        c.out = CHILD_FILE;
        c.out_path = e->log.data;
        c.err = CHILD_TO_STDOUT;
        remove(e->log.data);
        fs_make_parent_dirs(e->log.data);
        int code = -1;
        int64_t started = child_now_ns();
        if (child_start(&c, &w->reason) == 0) {
            child_wait(&c, 0);
            code = child_exit_code(&c);
        }
        w->build_s = (double)(child_now_ns() - started) / 1e9;
        child_release(&c);
        buf_release(&cmd);
        if (code != 0) {
            w->status = MEASUREMENT_FAILED;
            buf_printf(&w->reason, "%s cannot compile the module: ", r->name);
            build_error(e->log.data, &w->reason);
            goto done;
        }
        module_dir = e->ctx.build_dir;
    }
    /* The module's own imports must resolve on this interpreter. */
    buf check = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
    driver_command(st, w, e, module_dir, 1, &check);
    child c = CHILD_INIT;
    c.shell = check.data;
    c.dir = s->root;
    c.env = (const char *const *)e->ctx.env;
    int code = child_capture(&c, &out, CHILD_STDERR_DROP, TRY_CHECK_TIMEOUT_NS, &why);
    child_release(&c);
    const char *said = out.data ? out.data : "";
    if (code == 0 && strncmp(said, "missing ", 8) == 0) {
        w->status = MEASUREMENT_SKIPPED;
        buf_printf(&w->reason, "the module imports '%.*s', which is not installed for %s "
                   "(--requirements FILE installs what it needs)", (int)strcspn(said + 8, "\n"),
                   said + 8, name.data);
    } else if (code != 0 || strncmp(said, "ok", 2) != 0) {
        w->status = MEASUREMENT_FAILED;
        if (strncmp(said, "error ", 6) == 0)
            buf_append(&w->reason, said + 6, strcspn(said + 6, "\n"));
        else
            buf_printf(&w->reason, "the module cannot be imported: %s", why.len ? why.data : said);
    } else {
        driver_command(st, w, e, module_dir, 0, &w->command);
        w->ctx = &e->ctx;
    }
    buf_release(&check);
    buf_release(&out);
    buf_release(&why);
done:
    buf_release(&name);
}

/* ---- the reference, the profile, the advice ------------------------------- */

/* The baseline row's return value, from one call: what every row must equal. */
static int reference(try_state *st, const row *base, const char *path, buf *why)
{
    worker w;
    buf cmd = BUF_INIT;
    buf_printf(&cmd, "exec %s", base->command.data);
    int status = -1;
    int64_t timeout = (int64_t)(st->o->policy.timeout_s * NS_PER_SEC);
    if (worker_start(&w, cmd.data, st->s->root, (const char *const *)base->ctx->env, why) == 0) {
        worker_iteration it;
        if (worker_wait_ready(&w, timeout, why) == 0 && worker_iterate(&w, timeout, &it, why) == 0) {
            if (fs_write_file_atomic(path, it.output, it.output_len) == 0)
                status = 0;
            else
                buf_printf(why, "cannot write '%s'", path);
            buf ignored = BUF_INIT;
            worker_finish(&w, TRY_EXIT_GRACE_NS, &ignored);
            buf_release(&ignored);
        }
        worker_release(&w);
    }
    buf_release(&cmd);
    return status;
}

static void profile(try_state *st, const row *base, const try_env *e)
{
    buf cmd = BUF_INIT, script = BUF_INIT;
    buf_printf(&script, "%s/rungs/_python/try_profile.py", st->s->root);
    /* The driver's command with the profiler in its place. */
    const char *rest = strstr(base->command.data, "try_driver.py'");
    child_shell_quote(&cmd, e->python.data);
    buf_puts(&cmd, " ");
    child_shell_quote(&cmd, script.data);
    if (rest != NULL)
        buf_puts(&cmd, rest + strlen("try_driver.py'"));
    child c = CHILD_INIT;
    c.shell = cmd.data;
    c.dir = st->s->root;
    c.env = (const char *const *)base->ctx->env;
    buf why = BUF_INIT;
    fflush(stdout);
    if (child_start(&c, &why) == 0)
        child_wait(&c, 0);
    else
        fprintf(stderr, "ladder try: cannot profile: %s\n", why.data);
    child_release(&c);
    buf_release(&cmd);
    buf_release(&script);
    buf_release(&why);
    printf("\n");
}

/* The rows in the study's order of effort: the same code on another
 * interpreter first (CPython, then PyPy and GraalPy), then the compilers
 * by their place on the ladder. */
static int effort_order(const measurement *m)
{
    if (strcmp(m->rung, "cpython") == 0) {
        const char *impl = m->has_interpreter ? m->interp.implementation : "";
        return strcmp(impl, "cpython") == 0 ? 0 : strcmp(impl, "pypy") == 0 ? 1 : 2;
    }
    return 10;
}

static void advise(const results *r)
{
    const measurement *best = NULL, *cheapest = NULL;
    for (size_t i = 0; i < r->count; i++)
        if (r->items[i].speedup > 0 && (best == NULL || r->items[i].speedup > best->speedup))
            best = &r->items[i];
    if (best == NULL) {
        printf("\nAdvice: no row was verified and timed against the baseline; nothing to advise.\n");
        return;
    }
    /* Rows are already in ladder order within each class of effort. */
    for (int order = 0; order <= 10 && cheapest == NULL; order++)
        for (size_t i = 0; i < r->count && cheapest == NULL; i++)
            if (effort_order(&r->items[i]) == order &&
                r->items[i].speedup >= TRY_ADVICE_SHARE * best->speedup)
                cheapest = &r->items[i];
    buf line = BUF_INIT;
    buf_printf(&line, "\nAdvice: %s reaches ", cheapest->rung_title);
    report_format_speedup(&line, cheapest->speedup);
    if (cheapest != best) {
        buf_printf(&line, ", %.0f%% of the best (", 100 * cheapest->speedup / best->speedup);
        report_format_speedup(&line, best->speedup);
        buf_printf(&line, ", %s)", best->rung_title);
    } else {
        buf_puts(&line, ", the best of this run");
    }
    if (strcmp(cheapest->rung, "cpython") == 0 && results_baseline_of(r, cheapest) == cheapest)
        buf_puts(&line, ": the baseline is already the best choice here; keep it");
    else if (strcmp(cheapest->rung, "cpython") == 0)
        buf_printf(&line, ". It costs you: switching interpreter (your code unchanged; check that "
                          "your dependencies support %s)", cheapest->has_interpreter ? cheapest->interp.name : "it");
    else
        buf_printf(&line, ". It costs you: %s", cheapest->cost);
    printf("%s.\n", line.data);
    buf_release(&line);
}

/* ---- the command ---------------------------------------------------------------- */

static int locate_module(try_state *st)
{
    const char *path = st->o->path;
    size_t len = strlen(path);
    if (len < 4 || strcmp(path + len - 3, ".py") != 0 || realpath(path, st->module_path) == NULL ||
        !fs_exists(st->module_path)) {
        fprintf(stderr, "ladder try: '%s' is not a Python file (PATH.py) that exists\n", path);
        return -1;
    }
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", st->module_path);
    snprintf(st->module_dir, sizeof st->module_dir, "%s", dirname(copy));
    snprintf(copy, sizeof copy, "%s", st->module_path);
    const char *base = basename(copy);
    snprintf(st->module, sizeof st->module, "%.*s", (int)(strlen(base) - 3), base);
    buf text = BUF_INIT, dir = BUF_INIT;
    char hex[DIGEST_HEX_SIZE];
    fs_read_file(st->module_path, &text);
    digest_sha256_hex(text.data ? text.data : "", text.len, hex);
    buf_printf(&dir, "%s/try/%s-%.*s", st->s->build_root, st->module, TRY_HASH_DIGITS, hex);
    st->build_root = buf_detach(&dir);
    buf_release(&text);
    return 0;
}

static void fill(const try_state *st, const row *w, const measure_row *mr, const char *title,
                 const char *args, measurement *m)
{
    row_record(w, mr, m);
    m->problem = (char *)st->o->function;
    m->problem_title = (char *)title;
    m->size = (char *)args;
    m->argument = (char *)args;
    m->parameter = "";
    m->enable = "";
    /* A wrapper that refuses the function on its first call (Numba cannot
     * type it) did not fail: the function does not fit it. */
    if (mr != NULL && !mr->ok && mr->iterations == 0 &&
        strcmp(conf_get(w->r->conf, "try"), "wrap") == 0 && strncmp(m->reason, "rung error: ", 12) == 0) {
        m->status = MEASUREMENT_NOT_APPLICABLE;
        m->reason += 12;
    }
}

int cmd_try(int argc, char **argv)
{
    try_options o;
    if (parse_options(argc, argv, &o) != 0)
        return EXIT_USAGE;
    interrupt_install();
    const char *paths[TRY_MAX_SELECTED];
    size_t npaths = 0;
    for (size_t i = 0; i < o.npythons; i++)
        if (strchr(o.pythons[i], '/') != NULL)
            paths[npaths++] = o.pythons[i];
    session s;
    buf why = BUF_INIT;
    if (session_open(&s, paths, npaths, &why) != 0) {
        fprintf(stderr, "ladder try: %s\n", why.data);
        buf_release(&why);
        return EXIT_WORK_FAILED;
    }
    try_state st;
    memset(&st, 0, sizeof st);
    st.s = &s;
    st.o = &o;
    int status = EXIT_USAGE, lock = -1;
    results res;
    memset(&res, 0, sizeof res);
    buf title = BUF_INIT, args = BUF_INIT, json = BUF_INIT, report = BUF_INIT, expected = BUF_INIT;
    buf verifier = BUF_INIT, scratch = BUF_INIT, baseline_title = BUF_INIT;
    measure_row *mrows = NULL;
    size_t nm = 0;
    if (locate_module(&st) != 0 || plan(&st) != 0)
        goto cleanup;
    if (s.baseline == NULL) {
        fprintf(stderr, "ladder try: no CPython 3.10 or newer found: it is the baseline\n");
        status = EXIT_WORK_FAILED;
        goto cleanup;
    }
    for (size_t i = 0; i < s.interpreters.count; i++)
        if (s.interpreters.items[i].unusable != NULL && o.npythons == 0 &&
            strstr(s.interpreters.items[i].unusable, "out of range"))
            fprintf(stderr, "ladder try: %s: %s\n", s.interpreters.items[i].id,
                    s.interpreters.items[i].unusable);
    for (size_t i = 0; i < o.nargs; i++)
        buf_printf(&args, "%s%s", i ? ", " : "", o.args[i]);
    if (o.setup)
        buf_printf(&args, "%s%s()", o.nargs ? ", " : "*", o.setup);
    buf_printf(&title, "%s.%s(%s)", st.module, o.function, args.data ? args.data : "");
    lock = lock_checkout(s.build_root, "ladder try", &why);
    if (lock < 0) {
        fprintf(stderr, "ladder try: %s\n", why.data);
        status = interrupt_signal() ? interrupt_exit_code() : EXIT_WORK_FAILED;
        goto cleanup;
    }
    child_become_subreaper();
    fs_make_dirs(st.build_root);

    row *base = NULL;
    const try_env *base_env = NULL;
    for (size_t i = 0; i < st.rows.count; i++) {
        row *w = &st.rows.items[i];
        prepare(&st, w, &st.envs[i]);
        if (w->interp == s.baseline && strcmp(w->r->name, "cpython") == 0) {
            base = w;
            base_env = &st.envs[i];
        }
    }
    if (base == NULL || base->status != MEASUREMENT_VERIFIED) {
        fprintf(stderr, "ladder try: the function must run on the baseline, the cpython rung on "
                        "the newest CPython: %s\n",
                base ? base->reason.data : "not among the rows asked for (--rung cpython)");
        status = EXIT_WORK_FAILED;
        goto cleanup;
    }
    if (o.profile)
        profile(&st, base, base_env);
    buf_printf(&expected, "%s/expected.out", st.build_root);
    buf_clear(&why);
    fprintf(stderr, "ladder: calling %s on the baseline for the reference result\n", title.data);
    if (reference(&st, base, expected.data, &why) != 0) {
        fprintf(stderr, "ladder try: the function fails on the baseline (%s): %s\n",
                s.baseline->executable, why.data);
        status = EXIT_WORK_FAILED;
        goto cleanup;
    }
    problem_reference ref;
    memset(&ref, 0, sizeof ref);
    fs_read_file(expected.data, &ref.data);
    buf_append(&ref.path, expected.data, expected.len);
    ref.expected.data = ref.data.data;
    ref.expected.len = ref.data.len;
    ref.expected.path = ref.path.data;
    digest_sha256_hex(ref.data.data ? ref.data.data : "", ref.data.len, ref.expected.sha256);
    child_shell_quote(&verifier, s.baseline->executable);
    buf_printf(&verifier, " %s/rungs/_python/try_verify.py --rel-tol %.17g", s.root, o.rel_tol);
    buf_printf(&scratch, "%s/verify-%ld.out", st.build_root, (long)getpid());

    mrows = row_list_to_measure(&st.rows, s.root, base, &nm);
    verify_rule rule = {VERIFY_COMMAND, 0};
    verify_command vc = {verifier.data, scratch.data, s.root};
    measure_problem mp = {title.data, &rule, &ref.expected, &vc, isatty(STDERR_FILENO), 0};
    measure_rows(mrows, nm, &mp, &o.policy);
    problem_reference_release(&ref);

    machine_describe(&res.machine);
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    res.created = strdup(stamp);
    buf cmdline = BUF_INIT;
    buf_puts(&cmdline, "ladder");
    for (int i = 0; i < argc; i++)
        buf_printf(&cmdline, " %s", argv[i]);
    res.command = buf_detach(&cmdline);
    res.baseline = strdup("cpython");
    res.baseline_interpreter = strdup(s.baseline->id);
    interpreter_name(s.baseline, &baseline_title);
    res.baseline_title = strdup(baseline_title.data);
    res.state = interrupt_signal() ? RESULTS_INTERRUPTED : RESULTS_COMPLETE;
    res.budget_s = o.policy.budget_s;
    res.min_runs = o.policy.min_runs;
    res.max_runs = o.policy.max_runs;
    res.timeout_s = o.policy.timeout_s;
    for (size_t i = 0; i < st.rows.count; i++) {
        measurement m;
        const row *w = &st.rows.items[i];
        fill(&st, w, w->measured >= 0 ? &mrows[w->measured] : NULL, title.data,
             args.data ? args.data : "", &m);
        results_add(&res, &m);
        row_record_release(&m);
    }
    results_compute_speedups(&res);
    buf out = BUF_INIT;
    for (size_t i = 0; i < res.count; i++) {
        if (i == 0)
            report_terminal_header(&out, &res.items[i]);
        report_terminal_row(&out, &res, &res.items[i]);
    }
    fputs(out.data ? out.data : "", stdout);
    buf_release(&out);
    advise(&res);

    const char *dir = getenv("LADDER_RESULTS_DIR");
    buf_printf(&json, "%s", o.json_path ? o.json_path : "");
    if (!o.json_path)
        buf_printf(&json, "%s/try/%s.%s.json", dir && *dir ? dir : "results", st.module, o.function);
    buf_printf(&report, "%s", o.report_path ? o.report_path : "");
    if (!o.report_path)
        buf_printf(&report, "%s/try/%s.%s.md", dir && *dir ? dir : "results", st.module, o.function);
    char err[512];
    int failures = 0;
    for (size_t i = 0; i < res.count; i++)
        failures += res.items[i].status == MEASUREMENT_FAILED;
    status = failures ? EXIT_WORK_FAILED : 0;
    if (results_save(&res, json.data, err, sizeof err) != 0 ||
        report_save(&res, report.data, err, sizeof err) != 0) {
        fprintf(stderr, "ladder try: %s\n", err);
        status = EXIT_WORK_FAILED;
    }
    printf("Results: %s; report card: %s\n", json.data, report.data);
    if (interrupt_signal())
        status = interrupt_exit_code();
cleanup:
    child_kill_strays(NULL, 0);
    lock_release(lock);
    for (size_t i = 0; mrows && i < nm; i++)
        measure_row_release(&mrows[i]);
    free(mrows);
    for (size_t i = 0; st.envs && i < st.rows.count; i++)
        try_env_release(&st.envs[i]);
    free(st.envs);
    row_list_release(&st.rows);
    free(st.build_root);
    results_release(&res);
    buf_release(&why);
    buf_release(&title);
    buf_release(&args);
    buf_release(&json);
    buf_release(&report);
    buf_release(&expected);
    buf_release(&verifier);
    buf_release(&scratch);
    buf_release(&baseline_title);
    session_close(&s);
    return status;
}
