/*
 * cmd_run.c - `ladder run`: the rows to measure, problem by problem: for
 * each (rung, interpreter) check that it can run here, make its
 * environment, build it, then measure all of the problem's rows together
 * (measure.h), print them, and save the results, so nothing measured is
 * ever lost.
 *
 * Where results go: every run is kept in results/runs/<time>-<host>.json
 * (saved after each problem; its "state" says running, complete or
 * interrupted). A run that finishes (a subset of rungs is a finished run;
 * an interrupted one is not) also becomes results/latest.json with its
 * report card results/REPORT.md, unless --json or --report name other
 * files, which are then written instead, and always. $LADDER_RESULTS_DIR
 * moves results/ elsewhere.
 */
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/array.h"
#include "harness/child.h"
#include "harness/commands.h"
#include "harness/effort.h"
#include "harness/fs.h"
#include "harness/history.h"
#include "harness/instructions.h"
#include "harness/interrupt.h"
#include "harness/lock.h"
#include "harness/measure.h"
#include "harness/output.h"
#include "harness/plan.h"
#include "harness/report.h"
#include "harness/results.h"
#include "harness/row.h"
#include "harness/schema.h"
#include "harness/session.h"
#include "harness/venv.h"

#define DEFAULT_BUDGET_S 3.0
/* Without a time limit a row gets enough runs for its interval
 * (MEASURE_INTERVAL_MIN_RUNS); under one (the card) 3 will do: the card's
 * budget policy trades intervals for time. */
#define DEFAULT_CARD_MIN_RUNS 3
#define DEFAULT_MAX_RUNS 100
/* Without a time limit a JIT gets longer to settle than the card can give
 * it (MEASURE_WARMUP_MIN_NS): GraalPy's n-body at 1,000 steps a call ran
 * 6 µs a step 16-21 s into one process, and 1.8 µs after 40 s. */
#define DEFAULT_FULL_WARMUP_MIN_S 30.0
#define DEFAULT_TIMEOUT_S 600.0
#define DEFAULT_BASELINE "cpython"
#define RESULTS_DIR "results"
#define LATEST_REPORT "REPORT.md"
#define MAX_SELECTED 64
#define SECONDS_PER_MINUTE 60.0
#define SECONDS_PER_HOUR 3600.0
/* What valgrind can execute, for the rungs' Makefiles (counting_command). */
#define COUNTING_MARCH "MARCH=x86-64-v3"
/* Reading a rung's installed packages' sizes takes an interpreter's start. */
#define INSTALLED_SIZE_TIMEOUT_NS (60 * 1000000000LL)
/* A row never measured before is guessed to take its budget and this. */
#define UNKNOWN_ROW_EXTRA_NS 2e9

static const char HELP[] =
    "usage: ladder run [--problem P]... [--rung R]... [--python SPEC]... [--size S]\n"
    "                  [--budget SECONDS] [--repeat N] [--json FILE] [--report FILE]\n"
    "\n"
    "Builds each rung, runs it on each problem, checks every answer against the\n"
    "reference, and times it. A row is (problem, rung, interpreter). A rung that\n"
    "cannot run here is shown as skipped, with the reason and how to enable it;\n"
    "one that crashes, hangs, answers wrongly or reports impossible times is\n"
    "FAILED, and the run goes on. Results are saved after every problem.\n"
    "\n"
    "How a row is measured (README, 'How a row is measured'): each rung runs in its\n"
    "own process (three in turn for a rung that compiles nothing, unless\n"
    "--time-limit) and times only its work. All rows of a problem run together,\n"
    "in interleaved rounds (baseline, rung, rung, ..., then again), so that a\n"
    "change in the machine's speed touches every row alike. The first iteration\n"
    "is the cold one, reported apart; JIT runtimes warm up until their times stop\n"
    "improving; then each row gets about --budget seconds of runs (at least\n"
    "--min-runs, at most --max-runs; under --time-limit a row whose one iteration\n"
    "takes longer gets one, and says so). The time shown is the median; the\n"
    "speedup is the baseline's median over the row's, with its 95% interval.\n"
    "\n"
    "What to run:\n"
    "  --problem P       a problem (repeatable; default: all; see 'ladder list')\n"
    "  --rung R          a rung (repeatable; default: every rung; the baseline rung\n"
    "                    is added for the speedups unless --no-baseline)\n"
    "  --size S          quick (seconds), study (the study's sizes; default), game\n"
    "                    (the Benchmarks Game's), or a number (steps, N, n or events);\n"
    "                    repeatable: each problem at each size ('ladder sweep' draws it)\n"
    "  --sizes-together  measure a problem's sizes in one set of interleaved rounds\n"
    "                    (a row a rung and size), so that the machine's drift moves\n"
    "                    every size alike ('ladder sweep' does); every row's process\n"
    "                    is alive at once, so memory is the sum over the sizes\n"
    "  --python SPEC     the interpreters Python-hosted rungs run on (repeatable):\n"
    "                    all, default, baseline, cpython, pypy, graalpy, a version\n"
    "                    (3.11), an id or a path (see 'ladder interpreters'). Default: the\n"
    "                    cpython rung on every interpreter found, the other rungs on\n"
    "                    the baseline interpreter. The baseline row stays on its own\n"
    "                    interpreter (--baseline-python) unless --no-baseline\n"
    "  --baseline R      the rung speedups are measured against (default: cpython)\n"
    "  --baseline-python SPEC  its interpreter (default: the newest CPython)\n"
    "  --no-baseline     do not add the baseline rung to a --rung selection\n"
    "\n"
    "How long:\n"
    "  --budget SEC      timed seconds per row to aim for (default 3; the baseline\n"
    "                    row gets twice that)\n"
    "  --min-runs N      at least N warm iterations (default 6, the least for a 95%\n"
    "                    interval of the median; under --time-limit, 3)\n"
    "  --max-runs N      at most N warm iterations (default 100)\n"
    "  --repeat N        exactly N warm iterations (overrides the three above)\n"
    "  --timeout SEC     a rung taking longer to start or for one iteration is\n"
    "                    killed and its row FAILED (default 600)\n"
    "  --warmup-min SEC  a JIT runtime warms up at least this long (default 30;\n"
    "                    under --time-limit, 10 unless its times are steady sooner)\n"
    "  --time-limit D    end the whole run within D (1200, 90s, 20m, 1h): before each\n"
    "                    problem, the rows' budget is cut to what fits, as planned\n"
    "                    from each row's newest finished run on this machine\n"
    "                    (results/runs/); with none, 0.75 s a row. What no budget\n"
    "                    shortens (cold iterations, warm-ups, one run each) always\n"
    "                    runs. make bench uses 20m\n"
    "\n"
    "  --instructions    also count each verified row's instructions per timed call\n"
    "                    (the rung run again under callgrind, or perf where the\n"
    "                    kernel allows): noise-free, but slow; use quick sizes\n"
    "\n"
    "Output:\n"
    "  --json FILE       also write the results, with every raw time, here (always)\n"
    "  --report FILE     also write the Markdown report card here (always)\n"
    "  Every run is kept in results/runs/; one that finished (not interrupted)\n"
    "  also becomes results/latest.json and results/REPORT.md (and REPORT.html).\n"
    "\n"
    "Exit status: 0 when every row that ran was verified, 1 when a row failed or\n"
    "an output could not be written, 2 for a usage error, 128 + N when stopped by\n"
    "signal N (130 for Ctrl-C; what was measured is saved).\n";

typedef struct run_options {
    const char *problems[MAX_SELECTED];
    size_t problem_count;
    const char *rungs[MAX_SELECTED];
    size_t rung_count;
    const char *pythons[MAX_SELECTED];
    size_t python_count;
    const char *sizes[MAX_SELECTED];
    size_t size_count;            /* 0: the default profile */
    const char *baseline;
    const char *baseline_python;
    int baseline_given;
    int no_baseline;
    int instructions;             /* --instructions */
    int sizes_together;           /* --sizes-together */
    const char *json_path;        /* NULL: the defaults */
    const char *report_path;
    measure_policy policy;
    double time_limit_s;          /* --time-limit; 0: none */
    char *command_line;
} run_options;

static int parse_positive(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v > 0) || v > 1e9)
        return -1;
    *out = v;
    return 0;
}

/* "1200", "90s", "20m" or "1h", in seconds. */
static int parse_duration(const char *text, double *seconds)
{
    char *end;
    double v = strtod(text, &end);
    double unit = strcmp(end, "") == 0 || strcmp(end, "s") == 0 ? 1
                  : strcmp(end, "m") == 0                        ? SECONDS_PER_MINUTE
                  : strcmp(end, "h") == 0                        ? SECONDS_PER_HOUR
                                                                 : 0;
    if (end == text || unit == 0 || !(v > 0))
        return -1;
    *seconds = v * unit;
    return 0;
}

static int add_selected(const char **list, size_t *count, const char *value, const char *what)
{
    if (*count == MAX_SELECTED) {
        fprintf(stderr, "ladder run: too many --%s options\n", what);
        return -1;
    }
    list[(*count)++] = value;
    return 0;
}

/* Fills *o from the command line; returns -1 (after printing) on misuse. */
static int parse_options(int argc, char **argv, run_options *o)
{
    memset(o, 0, sizeof *o);
    o->baseline = DEFAULT_BASELINE;
    o->policy = (measure_policy){.budget_s = DEFAULT_BUDGET_S, .max_runs = DEFAULT_MAX_RUNS,
                                 .timeout_s = DEFAULT_TIMEOUT_S};
    enum { OPT_BASELINE_PYTHON = 256, OPT_NO_BASELINE, OPT_INSTRUCTIONS, OPT_TIME_LIMIT,
           OPT_WARMUP_MIN, OPT_SIZES_TOGETHER };
    static const struct option options[] = {
        {"problem", required_argument, NULL, 'P'}, {"rung", required_argument, NULL, 'R'},
        {"size", required_argument, NULL, 's'},    {"repeat", required_argument, NULL, 'n'},
        {"budget", required_argument, NULL, 'b'},  {"min-runs", required_argument, NULL, 'm'},
        {"max-runs", required_argument, NULL, 'M'}, {"timeout", required_argument, NULL, 't'},
        {"python", required_argument, NULL, 'p'},  {"baseline", required_argument, NULL, 'B'},
        {"baseline-python", required_argument, NULL, OPT_BASELINE_PYTHON},
        {"no-baseline", no_argument, NULL, OPT_NO_BASELINE},
        {"instructions", no_argument, NULL, OPT_INSTRUCTIONS},
        {"sizes-together", no_argument, NULL, OPT_SIZES_TOGETHER},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {"warmup-min", required_argument, NULL, OPT_WARMUP_MIN},
        {"json", required_argument, NULL, 'j'},    {"report", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},          {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        double v = 0;
        switch (c) {
        case 'P':
            if (add_selected(o->problems, &o->problem_count, optarg, "problem") != 0)
                return -1;
            break;
        case 'R':
            if (add_selected(o->rungs, &o->rung_count, optarg, "rung") != 0)
                return -1;
            break;
        case 'p':
            if (add_selected(o->pythons, &o->python_count, optarg, "python") != 0)
                return -1;
            break;
        case 's':
            if (add_selected(o->sizes, &o->size_count, optarg, "size") != 0)
                return -1;
            break;
        case 'B':
            o->baseline = optarg;
            o->baseline_given = 1;
            break;
        case OPT_BASELINE_PYTHON:
            o->baseline_python = optarg;
            break;
        case OPT_NO_BASELINE:
            o->no_baseline = 1;
            break;
        case OPT_INSTRUCTIONS:
            o->instructions = 1;
            break;
        case OPT_SIZES_TOGETHER:
            o->sizes_together = 1;
            break;
        case OPT_WARMUP_MIN:
            if (parse_positive(optarg, &o->policy.warmup_min_s) != 0) {
                fprintf(stderr, "ladder run: '%s' is not a positive number\n", optarg);
                return -1;
            }
            break;
        case OPT_TIME_LIMIT:
            if (parse_duration(optarg, &o->time_limit_s) != 0) {
                fprintf(stderr, "ladder run: --time-limit takes a duration (1200, 90s, 20m, 1h), "
                                "not '%s'\n", optarg);
                return -1;
            }
            break;
        case 'j':
            o->json_path = optarg;
            break;
        case 'r':
            o->report_path = optarg;
            break;
        case 'h':
            fputs(HELP, stdout);
            exit(0);
        case 'n':
        case 'b':
        case 'm':
        case 'M':
        case 't':
            if (parse_positive(optarg, &v) != 0) {
                fprintf(stderr, "ladder run: '%s' is not a positive number\n", optarg);
                return -1;
            }
            if (c == 'n')
                o->policy.fixed_runs = (int)v;
            else if (c == 'b')
                o->policy.budget_s = v;
            else if (c == 'm')
                o->policy.min_runs = (int)v;
            else if (c == 'M')
                o->policy.max_runs = (int)v;
            else
                o->policy.timeout_s = v;
            break;
        default:
            fputs(HELP, stderr);
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "ladder run: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    if (o->size_count == 0)
        o->sizes[o->size_count++] = PROBLEM_DEFAULT_PROFILE;
    if (o->policy.min_runs == 0) {   /* not given */
        o->policy.min_runs = o->time_limit_s > 0 ? DEFAULT_CARD_MIN_RUNS : MEASURE_INTERVAL_MIN_RUNS;
        if (o->policy.min_runs > o->policy.max_runs)
            o->policy.min_runs = o->policy.max_runs;
    }
    if (o->policy.min_runs > o->policy.max_runs) {
        fprintf(stderr, "ladder run: --min-runs is larger than --max-runs\n");
        return -1;
    }
    /* The card's budget policy: under a time limit a slow row gets one run,
     * a row one process, and a JIT the shorter warm-up. */
    o->policy.one_run_when_slow = o->time_limit_s > 0;
    o->policy.processes = o->time_limit_s > 0 ? 1 : MEASURE_PROCESSES;
    if (o->policy.warmup_min_s == 0 && o->time_limit_s == 0)
        o->policy.warmup_min_s = DEFAULT_FULL_WARMUP_MIN_S;
    buf line = BUF_INIT;
    buf_puts(&line, "ladder");
    for (int i = 0; i < argc; i++)
        buf_printf(&line, " %s", argv[i]);
    o->command_line = buf_detach(&line);
    return 0;
}

static int selected(const char *const *list, size_t count, const char *name)
{
    if (count == 0)
        return 1;
    for (size_t i = 0; i < count; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

/* Every name asked for must exist; says which ones are known otherwise. */
static int check_names(const session *s, const run_options *o)
{
    for (size_t i = 0; i < o->problem_count; i++) {
        if (problems_find(&s->problems, o->problems[i]) == NULL) {
            fprintf(stderr, "ladder run: no problem '%s'; there are:", o->problems[i]);
            for (size_t j = 0; j < s->problems.count; j++)
                fprintf(stderr, " %s", s->problems.items[j].name);
            fputc('\n', stderr);
            return -1;
        }
    }
    if (o->baseline_given && rungs_find(&s->rungs, o->baseline) == NULL) {
        fprintf(stderr, "ladder run: no rung '%s' for --baseline; there are:", o->baseline);
        for (size_t j = 0; j < s->rungs.count; j++)
            fprintf(stderr, " %s", s->rungs.items[j].name);
        fputc('\n', stderr);
        return -1;
    }
    for (size_t i = 0; i < o->rung_count; i++) {
        if (rungs_find(&s->rungs, o->rungs[i]) == NULL) {
            fprintf(stderr, "ladder run: no rung '%s'; there are:", o->rungs[i]);
            for (size_t j = 0; j < s->rungs.count; j++)
                fprintf(stderr, " %s", s->rungs.items[j].name);
            fputc('\n', stderr);
            return -1;
        }
    }
    return 0;
}

/* ---- preparing a (rung, interpreter) -------------------------------------- */

/* What is known about one (rung, interpreter) in this run, worked out once. */
typedef struct prepared {
    const rung *r;
    const interpreter *interp;      /* NULL for a native rung */
    int done;
    measurement_status status;      /* VERIFIED here means: ready to measure */
    buf reason;
    buf enable;
    buf python;                     /* the environment's python, if it has packages */
    rung_context ctx;
    double build_s;                 /* -1: nothing was built */
    long long installed_bytes;      /* -1: unknown */
    buf runtime;                    /* the rung's `describe` line */
} prepared;

typedef struct run_state {
    session *s;
    const run_options *o;
    const interpreter *baseline_interp;
    size_t chosen[INTERP_MAX];      /* --python */
    size_t nchosen;
    prepared **prep;                /* each its own allocation: rows point into them */
    size_t nprep, prep_cap;
    results res;
    history previous;               /* the earlier finished runs, for time estimates */
    char *history_path;
    char *latest_json, *latest_report;
    int write_failed;
    instructions_counter counter;   /* --instructions: how */
    int have_counter;
    int64_t started_ns;             /* when the run started, for --time-limit */
    double preparing_ns;            /* environments, builds, references: not in --time-limit */
} run_state;

/* The (rung, interpreter)'s preparation, or NULL if it has none yet. */
static prepared *prepared_find(const run_state *st, const rung *r, const interpreter *interp)
{
    for (size_t i = 0; i < st->nprep; i++)
        if (st->prep[i]->r == r && st->prep[i]->interp == interp)
            return st->prep[i];
    return NULL;
}

/* The row's preparation: shared by its rung's rows on the same interpreter
 * (a native rung's, by all of them). */
static prepared *prepared_of(const run_state *st, const row *w)
{
    return prepared_find(st, w->r, w->r->host == RUNG_PYTHON ? w->interp : NULL);
}

static prepared *prepared_for(run_state *st, const row *w)
{
    prepared *found = prepared_of(st, w);
    if (found != NULL)
        return found;
    if (array_reserve((void **)&st->prep, &st->prep_cap, st->nprep + 1, sizeof *st->prep) != 0)
        return NULL;
    prepared *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->r = w->r;
    p->interp = w->r->host == RUNG_PYTHON ? w->interp : NULL;
    p->build_s = -1;
    p->installed_bytes = -1;
    st->prep[st->nprep++] = p;
    return p;
}

/* The bytes of the .crate files a Cargo.lock names, in cargo's cache
 * ($CARGO_HOME, default ~/.cargo); -1 if the lock cannot be read. */
static long long cargo_crate_bytes(const char *rung_dir, const char *lock_name)
{
    buf path = BUF_INIT, text = BUF_INIT;
    buf_printf(&path, "%s/%s", rung_dir, lock_name);
    long long total = -1;
    if (fs_read_file(path.data, &text) == 0 && text.data) {
        total = 0;
        const char *home = getenv("CARGO_HOME");
        buf cache = BUF_INIT;
        if (home && *home)
            buf_printf(&cache, "%s/registry/cache", home);
        else
            buf_printf(&cache, "%s/.cargo/registry/cache", getenv("HOME") ? getenv("HOME") : "");
        char name[128] = "";
        for (const char *line = text.data; *line;) {
            size_t len = strcspn(line, "\n");
            char version[64];
            /* [[package]] entries: a name line, then its version line. */
            int is_name = sscanf(line, "name = \"%127[^\"]\"", name) == 1;
            if (!is_name && name[0] && sscanf(line, "version = \"%63[^\"]\"", version) == 1) {
                buf pattern = BUF_INIT;
                buf_printf(&pattern, "%s/*/%s-%s.crate", cache.data, name, version);
                glob_t g;
                if (glob(pattern.data, 0, NULL, &g) == 0) {
                    total += effort_tree_bytes(g.gl_pathv[0]);
                    globfree(&g);
                }
                buf_release(&pattern);
                name[0] = '\0';
            }
            line += len + (line[len] == '\n');
        }
        buf_release(&cache);
    }
    buf_release(&path);
    buf_release(&text);
    return total;
}

/* What a (rung, interpreter) had to install: its packages in the
 * interpreter's environment (rungs/_python/installed_size.py reads their
 * RECORDs), its crates (installed.cargo = Cargo.lock: the .crate files in
 * cargo's cache), and, on GraalPy, the jars the interpreter is made of. */
static long long installed_bytes(const session *s, const prepared *p)
{
    long long total = 0;
    int known = 0;
    if (p->r->packages[0] && p->python.len) {
        buf script = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
        buf_printf(&script, "%s/rungs/_python/installed_size.py", s->root);
        const char *argv[40] = {p->python.data, script.data};
        size_t argc = 2;
        char words[36][128];
        for (size_t i = 0; argc < 38 && schema_word(p->r->packages, i, words[i], sizeof words[i]) == 0; i++)
            argv[argc++] = words[i];
        argv[argc] = NULL;
        child c = CHILD_INIT;
        c.argv = argv;
        if (child_capture(&c, &out, CHILD_STDERR_DROP, INSTALLED_SIZE_TIMEOUT_NS, &why) == 0 && out.len) {
            total += atoll(out.data);
            known = 1;
        }
        child_release(&c);
        buf_release(&script);
        buf_release(&out);
        buf_release(&why);
    }
    const char *lock = p->r->conf ? conf_get(p->r->conf, "installed.cargo") : NULL;
    if (lock != NULL) {
        long long crates = cargo_crate_bytes(p->r->dir, lock);
        if (crates >= 0)
            total += crates, known = 1;
    }
    if (p->interp != NULL && strcmp(p->interp->implementation, "graalpy") == 0) {
        buf jars = BUF_INIT;
        buf_printf(&jars, "%s/build/graalpy", s->root);
        total += effort_tree_bytes(jars.data);
        known = 1;
        buf_release(&jars);
    }
    if (!known && p->r->packages[0] == '\0')
        return 0;
    return known ? total : -1;
}

/* Runs the rung's `describe` command (its BLAS, its threads), in the row's
 * environment; its first line goes with every row. */
static void describe_runtime(const session *s, prepared *p)
{
    const char *text = p->r->conf ? conf_get(p->r->conf, "describe") : NULL;
    buf cmd = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
    if (text != NULL && rung_command(p->r, &p->ctx, text, &cmd, &why) == 0) {
        child c = CHILD_INIT;
        c.shell = cmd.data;
        c.dir = s->root;
        c.env = (const char *const *)p->ctx.env;
        if (child_capture(&c, &out, CHILD_STDERR_DROP, INSTALLED_SIZE_TIMEOUT_NS, &why) == 0 && out.data)
            buf_append(&p->runtime, out.data, strcspn(out.data, "\n"));
        child_release(&c);
    }
    buf_release(&cmd);
    buf_release(&out);
    buf_release(&why);
}

static void prepare(run_state *st, prepared *p)
{
    if (p->done)
        return;
    p->done = 1;
    session *s = st->s;
    const rung *r = p->r;
    p->status = MEASUREMENT_VERIFIED;
    if (r->invalid != NULL) {
        p->status = MEASUREMENT_FAILED;
        buf_puts(&p->reason, r->invalid);
        return;
    }
    if (r->host == RUNG_PYTHON) {
        if (p->interp == NULL) {
            p->status = MEASUREMENT_SKIPPED;
            buf_puts(&p->reason, "no CPython was found on this machine");
            buf_puts(&p->enable, "apt-get install python3 (or pyenv install 3.13)");
            return;
        }
        p->status = row_environment(s->root, r, p->interp, &p->python, &p->reason, &p->enable);
        if (p->status != MEASUREMENT_VERIFIED)
            return;
    }
    rung_context_init(&p->ctx, s->root, r, p->interp, p->python.len ? p->python.data : NULL);
    if (!rung_requirements_met(r, &p->ctx, &p->reason)) {
        p->status = MEASUREMENT_SKIPPED;
        rung_enable_text(r, &p->ctx, &p->enable);
        return;
    }
    if (r->build != NULL) {
        buf log = BUF_INIT;
        buf_printf(&log, "%s/logs/%s%s%s.build.log", s->build_root, r->name, p->interp ? "-" : "",
                   p->interp ? p->interp->id : "");
        buf name = BUF_INIT;
        if (p->interp)
            interpreter_name(p->interp, &name);
        fprintf(stderr, "ladder: building %s%s%s ...\n", r->name, p->interp ? " for " : "",
                p->interp ? name.data : "");
        int64_t started = child_now_ns();
        if (rung_build(r, &p->ctx, log.data, &p->reason) != 0)
            p->status = MEASUREMENT_FAILED;
        p->build_s = (double)(child_now_ns() - started) / 1e9;
        if (p->status != MEASUREMENT_FAILED && p->build_s > 1)
            fprintf(stderr, "ladder: built %s in %.1f s\n", r->name, p->build_s);
        buf_release(&log);
        buf_release(&name);
    }
    p->installed_bytes = installed_bytes(s, p);
    describe_runtime(s, p);
}

static void prepared_release(prepared *p)
{
    buf_release(&p->reason);
    buf_release(&p->enable);
    buf_release(&p->python);
    buf_release(&p->runtime);
    if (p->done)
        rung_context_release(&p->ctx);
}

/* ---- the rows of a problem ------------------------------------------------ */

/* 1 if the rung is in the run (asked for, or the baseline added for the speedups). */
static int rung_selected(const run_state *st, const rung *r)
{
    const run_options *o = st->o;
    if (selected(o->rungs, o->rung_count, r->name))
        return 1;
    return !o->no_baseline && strcmp(r->name, o->baseline) == 0;
}

/* The interpreters a Python-hosted rung runs on in this run. */
static void rows_for_python_rung(run_state *st, row_list *l, const rung *r)
{
    const interpreter_set *set = &st->s->interpreters;
    int is_baseline_rung = strcmp(r->name, st->o->baseline) == 0;
    if (st->nchosen > 0) {
        /* `--rung cpython --python graalpy` still wants its speedups: the
         * baseline row is on the baseline interpreter, chosen or not. */
        int baseline_chosen = 0;
        for (size_t k = 0; k < st->nchosen; k++)
            baseline_chosen |= &set->items[st->chosen[k]] == st->baseline_interp;
        if (is_baseline_rung && !st->o->no_baseline && !baseline_chosen && st->baseline_interp)
            row_list_add(l, r, st->baseline_interp);
        for (size_t k = 0; k < st->nchosen; k++)
            row_list_add(l, r, &set->items[st->chosen[k]]);
        return;
    }
    if (!is_baseline_rung || st->o->baseline_python != NULL) {
        row_list_add(l, r, st->baseline_interp);
        if (!is_baseline_rung)
            return;
    }
    /* The study's first rungs: the same Python on every interpreter. */
    for (size_t i = 0; i < set->count; i++) {
        const interpreter *in = &set->items[i];
        if (in == st->baseline_interp && st->o->baseline_python != NULL)
            continue;
        if (in->unusable == NULL && in->in_default)
            row_list_add(l, r, in);
    }
    const interpreter_wanted *missing[16];
    size_t n = interpreters_missing(set, missing, sizeof missing / sizeof *missing);
    for (size_t k = 0; k < n; k++) {
        row *w = row_list_add(l, r, NULL);
        if (w != NULL)
            w->missing = missing[k];
    }
    for (size_t i = 0; i < set->count; i++) {
        const interpreter *in = &set->items[i];
        if (in->unusable != NULL && strcmp(in->implementation, "graalpy") == 0)
            row_list_add(l, r, in);
    }
}

static void plan_rows(run_state *st, const problem *p, row_list *l)
{
    const rung_set *rs = &st->s->rungs;
    /* The baseline first, so every later row can be compared at once. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < rs->count; i++) {
            const rung *r = &rs->items[i];
            int is_base = strcmp(r->name, st->o->baseline) == 0;
            if (is_base != (pass == 0) || !rung_selected(st, r))
                continue;
            const char *na = rung_not_applicable(r, p->name);
            if (!rung_implements(r, p->name)) {
                /* A rung whose declaration could not be read says so once,
                 * under the first problem. */
                int unknown = r->invalid && r->problems[0] == '\0' && p == &st->s->problems.items[0];
                if (na == NULL && !unknown)
                    continue;
                row *w = row_list_add(l, r, NULL);
                if (w == NULL)
                    continue;
                w->status = na ? MEASUREMENT_NOT_APPLICABLE : MEASUREMENT_FAILED;
                buf_puts(&w->reason, na ? na : r->invalid);
                continue;
            }
            if (r->host == RUNG_PYTHON && r->invalid == NULL)
                rows_for_python_rung(st, l, r);
            else
                row_list_add(l, r, NULL);
        }
    }
}

/* Works out each row's status, title and command (building what needs it). */
static void prepare_rows(run_state *st, const problem *p, row_list *l, const char *rung_arg)
{
    for (size_t i = 0; i < l->count; i++) {
        row *w = &l->items[i];
        if (w->missing != NULL) {
            w->status = MEASUREMENT_SKIPPED;
            buf_printf(&w->reason, "no %s found on this machine (pyenv, PATH, uv, the project's "
                       "setup)", w->missing->name);
            buf_puts(&w->enable, w->missing->enable);
            if (strstr(w->r->title, "{interpreter}"))
                buf_puts(&w->title, w->missing->name);
            else
                buf_printf(&w->title, "%s on %s", w->r->title, w->missing->name);
            continue;
        }
        if (w->status == MEASUREMENT_NOT_APPLICABLE || w->status == MEASUREMENT_FAILED) {
            buf_puts(&w->title, w->r->title);
            continue;
        }
        prepared *prep = prepared_for(st, w);
        if (prep == NULL) {
            w->status = MEASUREMENT_FAILED;
            buf_puts(&w->reason, "out of memory");
            continue;
        }
        prepare(st, prep);
        rung_context ctx_for_title;
        rung_context_init(&ctx_for_title, st->s->root, w->r, w->interp, NULL);
        if (w->r->host == RUNG_PYTHON && w->interp == NULL)
            buf_puts(&w->title, w->r->title);
        else
            rung_title(w->r, &ctx_for_title, st->baseline_interp, &w->title);
        rung_context_release(&ctx_for_title);
        w->status = prep->status;
        w->build_s = prep->build_s;
        w->installed_bytes = prep->installed_bytes;
        w->runtime = prep->runtime.data;
        buf_append(&w->reason, prep->reason.data, prep->reason.len);
        buf_append(&w->enable, prep->enable.data, prep->enable.len);
        if (w->status != MEASUREMENT_VERIFIED)
            continue;
        w->ctx = &prep->ctx;
        if (rung_command(w->r, &prep->ctx, w->r->run, &w->command, &w->reason) != 0) {
            w->status = MEASUREMENT_FAILED;
            continue;
        }
        buf_puts(&w->command, " ");
        child_shell_quote(&w->command, p->name);
        buf_puts(&w->command, " ");
        child_shell_quote(&w->command, rung_arg);
    }
}

/* Whether w is the row every speedup divides by: the baseline rung on the
 * baseline interpreter, or, for a native baseline rung, on none. */
static int is_baseline_row(const run_state *st, const row *w)
{
    if (strcmp(w->r->name, st->o->baseline) != 0)
        return 0;
    return w->r->host == RUNG_PYTHON ? w->interp == st->baseline_interp : w->interp == NULL;
}

/* ---- time estimates --------------------------------------------------------- */

/* The run's time so far, less its preparing (making environments,
 * building rungs, computing references): what --time-limit bounds. A
 * first run makes and builds everything once; that is setup, not the card. */
static double measuring_ns(const run_state *st)
{
    return (double)(child_now_ns() - st->started_ns) - st->preparing_ns;
}

/* The row as measured by the newest earlier run that has it, or NULL. */
static const measurement *previous_row(const run_state *st, const problem *p, const char *arg,
                                       const row *w)
{
    return history_find(&st->previous, p->name, w->r->name, arg, w->interp ? w->interp->id : NULL);
}

/* How long a row will take: what it took last time, else its budget. */
static double row_estimate_ns(const run_state *st, const problem *p, const char *arg, const row *w)
{
    const measurement *m = previous_row(st, p, arg, w);
    if (m != NULL && m->status == MEASUREMENT_VERIFIED) {
        double total = 0;
        for (size_t i = 0; i < m->iterations; i++)
            total += (double)m->iterations_ns[i];
        return total;
    }
    return st->o->policy.budget_s * 1e9 + UNKNOWN_ROW_EXTRA_NS;
}

/* ---- saving ------------------------------------------------------------------ */

static char *utc_now(const char *format)
{
    char text[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(text, sizeof text, format, &tm);
    return strdup(text);
}

static void save_json(run_state *st, const char *path)
{
    char err[512];
    if (results_save(&st->res, path, err, sizeof err) != 0) {
        fprintf(stderr, "ladder: %s\n", err);
        st->write_failed = 1;
    }
}

static void save_report(run_state *st, const char *path)
{
    char err[512];
    if (report_save(&st->res, path, err, sizeof err) != 0) {
        fprintf(stderr, "ladder: %s\n", err);
        st->write_failed = 1;
    }
}

/* After every problem: the run's own file, and what was asked for. */
static void save_progress(run_state *st)
{
    results_compute_speedups(&st->res);
    save_json(st, st->history_path);
    if (st->o->json_path)
        save_json(st, st->o->json_path);
}

/* ---- one problem ------------------------------------------------------------- */

/* The row's effort: its source against the baseline rung's for the problem. */
static void fill_effort(const run_state *st, const problem *p, const row *w, measurement *m)
{
    const char *files = rung_source_patterns(w->r, p->name);
    effort_source src, base;
    if (files == NULL || effort_source_read(&src, w->r->dir, files) != 0)
        return;
    const rung *b = rungs_find(&st->s->rungs, st->o->baseline);
    const char *base_files = b ? rung_source_patterns(b, p->name) : NULL;
    int have_base = base_files != NULL && effort_source_read(&base, b->dir, base_files) == 0;
    effort e;
    effort_compare(&src, have_base ? &base : NULL, &e);
    m->lines_added = e.added;
    m->lines_removed = e.removed;
    m->gzip_bytes = e.gzip_bytes;
    effort_source_release(&src);
    if (have_base)
        effort_source_release(&base);
}

static void fill_measurement(run_state *st, const problem *p, const char *size, const char *arg,
                             const row *w, const measure_row *mr, measurement *m)
{
    row_record(w, mr, m);
    m->problem = p->name;
    m->problem_title = (char *)p->title;
    m->size = (char *)size;
    m->argument = (char *)arg;
    m->parameter = (char *)p->parameter;
    m->source_lines = rung_source_lines(w->r, p->name);
    fill_effort(st, p, w, m);
}

/* 1 if this CPU has AVX-512, which valgrind 3.19 cannot execute. */
static int cpu_has_avx512(void)
{
    buf text = BUF_INIT;
    int yes = fs_read_file("/proc/cpuinfo", &text) == 0 && text.data && strstr(text.data, " avx512f");
    buf_release(&text);
    return yes;
}

/* The command to count a row with: its own, or, where valgrind cannot run
 * what -march=native made (AVX-512), the same rung rebuilt for x86-64-v3
 * (the rungs' Makefiles take MARCH) into a folder of its own. 0, or -1 with
 * why filled. */
static int counting_command(run_state *st, const problem *p, const char *rung_arg, row *w,
                            buf *command, buf *note, buf *why)
{
    if (st->counter != INSTRUCTIONS_CALLGRIND || w->r->build == NULL || !cpu_has_avx512())
        return buf_append(command, w->command.data, w->command.len);
    rung_context alt = *w->ctx;
    buf dir = BUF_INIT, log = BUF_INIT;
    buf_printf(&dir, "%s/for-valgrind", w->ctx->build_dir);
    alt.build_dir = dir.data;
    size_t n = 0;
    while (alt.env[n] != NULL)
        n++;
    alt.env[n] = (char *)COUNTING_MARCH;
    alt.env[n + 1] = NULL;
    buf_printf(&log, "%s/logs/%s-for-valgrind.build.log", st->s->build_root, w->r->name);
    int status = -1;
    if (rung_build(w->r, &alt, log.data, why) == 0 &&
        rung_command(w->r, &alt, w->r->run, command, why) == 0) {
        buf_puts(command, " ");
        child_shell_quote(command, p->name);
        buf_puts(command, " ");
        child_shell_quote(command, rung_arg);
        buf_printf(note, "instructions counted on a build for x86-64-v3 (valgrind cannot run "
                   "the AVX-512 code -march=native makes on this CPU)");
        status = 0;
    }
    buf_release(&dir);
    buf_release(&log);
    return status;
}

/* With --instructions: each verified row's instructions per timed call
 * (instructions.h) into counted[], indexed like mrows, or -1 where they
 * could not be counted (the row's note says why). */
static void count_instructions(run_state *st, const problem *p, const char *rung_arg,
                               row_list *rows, measure_row *mrows, double *counted)
{
    buf region = BUF_INIT, scratch = BUF_INIT;
    buf_printf(&region, "%s/lib/libladder_region.so", st->s->build_root);
    buf_printf(&scratch, "%s/instructions", st->s->build_root);
    for (size_t i = 0; i < rows->count; i++) {
        row *w = &rows->items[i];
        if (w->measured < 0)
            continue;
        measure_row *mr = &mrows[w->measured];
        counted[w->measured] = -1;
        if (!mr->ok || interrupt_signal())
            continue;
        fprintf(stderr, "ladder: counting the instructions of %s (%s)\n", w->title.data,
                instructions_counter_name(st->counter));
        buf why = BUF_INIT, command = BUF_INIT, note = BUF_INIT;
        int ok = counting_command(st, p, rung_arg, w, &command, &note, &why) == 0;
        instructions_job job = {command.data, st->s->root, mr->env, region.data, scratch.data,
                                (int64_t)(st->o->policy.timeout_s * 1e9)};
        if (!ok || instructions_count(st->counter, &job, &counted[w->measured], &why) != 0) {
            counted[w->measured] = -1;
            buf_printf(&mr->notes, "%sinstructions not counted: %s", mr->notes.len ? "; " : "",
                       why.data);
        } else if (note.len) {
            buf_printf(&mr->notes, "%s%s", mr->notes.len ? "; " : "", note.data);
        }
        buf_release(&why);
        buf_release(&command);
        buf_release(&note);
    }
    buf_release(&region);
    buf_release(&scratch);
}

/* One size of a problem as it is measured: its rows, its reference, and
 * where its rows are among the measured ones. */
typedef struct size_pass {
    const char *size, *arg;
    row_list rows;
    buf rung_arg, why, verifier, label_text;
    problem_reference ref;
    measure_row *mrows;     /* its rows' entries, before they join the others */
    size_t nm;
} size_pass;

/* The rows of p at one size, made ready to measure: environments, builds,
 * the reference. A row that cannot be verified fails here, with why. */
static void prepare_size(run_state *st, const problem *p, size_pass *sp)
{
    session *s = st->s;
    int reference_ok = 1;
    plan_rows(st, p, &sp->rows);
    if (sp->rows.count == 0)
        return;
    if (p->invalid != NULL) {
        reference_ok = 0;
        buf_puts(&sp->why, p->invalid);
    } else if (problem_rung_argument(p, &s->env, sp->arg, &sp->rung_arg, &sp->why) != 0 ||
               problem_reference_get(p, &s->env, sp->arg, &sp->ref, &sp->why) != 0 ||
               (p->rule.kind == VERIFY_COMMAND &&
                problem_verifier_command(p, &s->env, &sp->verifier, &sp->why) != 0)) {
        reference_ok = 0;
    }
    prepare_rows(st, p, &sp->rows, sp->rung_arg.data ? sp->rung_arg.data : sp->arg);
    const row *base = NULL;
    for (size_t i = 0; i < sp->rows.count; i++) {
        row *w = &sp->rows.items[i];
        if (w->status != MEASUREMENT_VERIFIED)
            continue;
        if (!reference_ok) {
            w->status = MEASUREMENT_FAILED;
            buf_printf(&w->reason, "cannot verify: %s", sp->why.data);
        } else if (is_baseline_row(st, w)) {
            base = w;
        }
        if (w->status == MEASUREMENT_VERIFIED && previous_row(st, p, sp->arg, w) != NULL)
            w->expected_ns = row_estimate_ns(st, p, sp->arg, w);
    }
    sp->mrows = row_list_to_measure(&sp->rows, s->root, base, &sp->nm);
}

/* Every size's measured rows in one array, in order: each keeps its own
 * size's expected output and baseline, and, measured with others, says
 * its size in its progress label. NULL with *count 0 if none (or out of
 * memory, when every row says so). */
static measure_row *join_sizes(size_pass *passes, size_t count, size_t *total)
{
    *total = 0;
    for (size_t z = 0; z < count; z++)
        *total += passes[z].nm;
    measure_row *all = *total ? calloc(*total, sizeof *all) : NULL;
    size_t at = 0;
    for (size_t z = 0; all != NULL && z < count; z++) {
        size_pass *sp = &passes[z];
        if (count > 1) {
            /* Labels are borrowed: one buffer of NUL-separated labels a size. */
            for (size_t k = 0; k < sp->nm; k++) {
                buf_printf(&sp->label_text, "%s at %s", sp->mrows[k].label, sp->arg);
                buf_append(&sp->label_text, "", 1);   /* each label ends in its NUL */
            }
        }
        size_t offset = 0;
        for (size_t k = 0; k < sp->nm; k++) {
            measure_row *mr = &all[at + k];
            *mr = sp->mrows[k];
            mr->expected = &sp->ref.expected;
            if (mr->baseline != MEASURE_NO_BASELINE)
                mr->baseline += at;
            if (count > 1) {
                mr->label = sp->label_text.data + offset;
                offset += strlen(mr->label) + 1;
            }
        }
        for (size_t i = 0; i < sp->rows.count; i++)
            if (sp->rows.items[i].measured >= 0)
                sp->rows.items[i].measured += (int)at;
        at += sp->nm;
    }
    if (all == NULL && *total > 0) {
        for (size_t z = 0; z < count; z++)
            for (size_t i = 0; i < passes[z].rows.count; i++) {
                row *w = &passes[z].rows.items[i];
                if (w->measured >= 0) {
                    w->measured = -1;
                    w->status = MEASUREMENT_FAILED;
                    buf_puts(&w->reason, "out of memory");
                }
            }
        *total = 0;
    }
    for (size_t z = 0; z < count; z++) {
        free(passes[z].mrows);
        passes[z].mrows = NULL;
    }
    return all;
}

/* Records one size's rows in the results and prints its table. */
static void record_size(run_state *st, const problem *p, size_pass *sp, measure_row *mrows,
                        const measure_policy *policy, const double *counted)
{
    size_t first = st->res.count;
    for (size_t i = 0; i < sp->rows.count; i++) {
        row *w = &sp->rows.items[i];
        measurement m;
        fill_measurement(st, p, sp->size, sp->arg, w, w->measured >= 0 ? &mrows[w->measured] : NULL,
                         &m);
        if (w->measured >= 0)
            m.budget_s = policy->budget_s;
        if (counted != NULL && w->measured >= 0 && counted[w->measured] >= 0) {
            m.instructions = counted[w->measured];
            m.instructions_counter = (char *)instructions_counter_name(st->counter);
        }
        results_add(&st->res, &m);
        row_record_release(&m);
    }
    results_compute_speedups(&st->res);
    buf out = BUF_INIT;
    for (size_t i = first; i < st->res.count; i++) {
        if (i == first)
            report_terminal_header(&out, &st->res.items[i]);
        report_terminal_row(&out, &st->res, &st->res.items[i]);
    }
    fputs(out.data ? out.data : "", stdout);
    fflush(stdout);
    buf_release(&out);
}

/* Runs every row of problem p at each of count sizes (args: each size's
 * argument), all in one measurement (measure.h), so that the machine's
 * drift touches every size alike; returns the number of failed rows. */
static int run_problem(run_state *st, const problem *p, const char *const *sizes,
                       const char *const *args, size_t count, const measure_policy *policy,
                       double later_ns)
{
    session *s = st->s;
    size_t added_from = st->res.count;   /* this call's rows come after */
    int64_t preparing_from = child_now_ns();
    size_pass *passes = calloc(count, sizeof *passes);
    if (passes == NULL) {
        fprintf(stderr, "ladder: %s: out of memory, not measured\n", p->title);
        return 1;
    }
    for (size_t z = 0; z < count; z++) {
        passes[z].size = sizes[z];
        passes[z].arg = args[z];
        prepare_size(st, p, &passes[z]);
    }
    size_t nm = 0;
    measure_row *mrows = join_sizes(passes, count, &nm);
    st->preparing_ns += (double)(child_now_ns() - preparing_from);
    double *counted = NULL;
    if (nm > 0) {
        buf scratch = BUF_INIT;
        buf_printf(&scratch, "%s/verify-%ld.out", s->data_dir, (long)getpid());
        /* The verifier is the problem's, the same at every size: any pass
         * whose reference was had names it. */
        const char *verifier = NULL;
        for (size_t z = 0; z < count && verifier == NULL; z++)
            verifier = passes[z].verifier.data;
        verify_command vc = {verifier, scratch.data, s->root};
        measure_problem mp = {p->title, &p->rule, &passes[0].ref.expected, &vc,
                              isatty(STDERR_FILENO), later_ns};
        buf at = BUF_INIT;
        for (size_t z = 0; z < count; z++)
            buf_printf(&at, "%s%s", z ? ", " : "", passes[z].arg);
        fprintf(stderr, "ladder: %s (%s %s): %zu rows\n", p->title, at.data, p->parameter, nm);
        buf_release(&at);
        measure_rows(mrows, nm, &mp, policy);
        buf_release(&scratch);
        if (st->o->instructions && st->have_counter && (counted = malloc(nm * sizeof *counted)))
            for (size_t z = 0; z < count; z++)
                count_instructions(st, p, passes[z].rung_arg.data ? passes[z].rung_arg.data
                                                                 : passes[z].arg,
                                   &passes[z].rows, mrows, counted);
    }
    for (size_t z = 0; z < count; z++)
        if (passes[z].rows.count > 0)
            record_size(st, p, &passes[z], mrows, policy, counted);
    for (size_t i = 0; mrows && i < nm; i++)
        measure_row_release(&mrows[i]);
    free(mrows);
    free(counted);
    if (st->res.count > added_from)
        save_progress(st);
    int failures = 0;
    for (size_t i = added_from; i < st->res.count; i++)
        failures += st->res.items[i].status == MEASUREMENT_FAILED;
    for (size_t z = 0; z < count; z++) {
        row_list_release(&passes[z].rows);
        buf_release(&passes[z].rung_arg);
        buf_release(&passes[z].why);
        buf_release(&passes[z].verifier);
        buf_release(&passes[z].label_text);
        problem_reference_release(&passes[z].ref);
    }
    free(passes);
    return failures;
}

/* ---- the command ------------------------------------------------------------- */

static char *results_dir(const session *s)
{
    const char *env = getenv("LADDER_RESULTS_DIR");
    buf b = BUF_INIT;
    if (env != NULL && *env)
        buf_puts(&b, env);
    else
        buf_printf(&b, "%s/%s", s->root, RESULTS_DIR);
    return buf_detach(&b);
}

/* The outputs, checked before anything runs. */
static int check_outputs(run_state *st)
{
    const run_options *o = st->o;
    char err[512];
    if (o->json_path && o->report_path && output_same(o->json_path, o->report_path)) {
        fprintf(stderr, "ladder run: --json and --report name the same file '%s'\n", o->json_path);
        return -1;
    }
    const char *paths[] = {st->history_path, o->json_path ? o->json_path : st->latest_json,
                           o->report_path ? o->report_path : st->latest_report};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        if (output_check(paths[i], err, sizeof err) != 0) {
            fprintf(stderr, "ladder run: %s\n", err);
            return -1;
        }
    }
    return 0;
}

/* Sizes first: a bogus one is an error before anything is written.
 * args[problem * size_count + size] is each problem's argument at each size. */
static int resolve_sizes(run_state *st, buf *args)
{
    session *s = st->s;
    const run_options *o = st->o;
    int ok = 0;
    for (size_t i = 0; i < s->problems.count; i++) {
        const problem *p = &s->problems.items[i];
        if (!selected(o->problems, o->problem_count, p->name))
            continue;
        for (size_t k = 0; k < o->size_count; k++) {
            buf *arg = &args[i * o->size_count + k];
            buf why = BUF_INIT;
            if (p->invalid != NULL) {
                /* Its rows will say why; a size cannot be checked against it. */
                buf_puts(arg, o->sizes[k]);
            } else if (problem_size_argument(p, o->sizes[k], arg, &why) != 0 ||
                       problem_check_resources(p, &s->env, arg->data, &why) != 0) {
                fprintf(stderr, "ladder run: %s\n", why.data);
                buf_release(&why);
                return -1;
            }
            buf_release(&why);
        }
        ok = 1;
    }
    if (!ok)
        fprintf(stderr, "ladder run: nothing to run\n");
    return ok ? 0 : -1;
}

static int choose_interpreters(run_state *st)
{
    const run_options *o = st->o;
    session *s = st->s;
    buf why = BUF_INIT;
    for (size_t i = 0; i < o->python_count; i++) {
        if (interpreters_select(&s->interpreters, o->pythons[i], st->chosen, &st->nchosen,
                                INTERP_MAX, &why) != 0) {
            fprintf(stderr, "ladder run: %s\n", why.data);
            buf_release(&why);
            return -1;
        }
    }
    st->baseline_interp = s->baseline;
    if (o->baseline_python != NULL) {
        size_t one[INTERP_MAX], n = 0;
        if (interpreters_select(&s->interpreters, o->baseline_python, one, &n, INTERP_MAX, &why) != 0) {
            fprintf(stderr, "ladder run: --baseline-%s\n", why.data + 2);
            buf_release(&why);
            return -1;
        }
        st->baseline_interp = &s->interpreters.items[one[0]];
    }
    buf_release(&why);
    return 0;
}

int cmd_run(int argc, char **argv)
{
    int64_t started_ns = child_now_ns();
    run_options o;
    if (parse_options(argc, argv, &o) != 0)
        return EXIT_USAGE;
    interrupt_install();
    session s;
    buf why = BUF_INIT;
    /* Paths among the --python specs are interpreters to probe. */
    const char *paths[MAX_SELECTED];
    size_t npaths = 0;
    for (size_t i = 0; i < o.python_count; i++)
        if (strchr(o.pythons[i], '/') != NULL)
            paths[npaths++] = o.pythons[i];
    if (o.baseline_python && strchr(o.baseline_python, '/'))
        paths[npaths++] = o.baseline_python;
    if (session_open(&s, paths, npaths, &why) != 0) {
        fprintf(stderr, "ladder run: %s\n", why.data);
        buf_release(&why);
        free(o.command_line);
        return EXIT_WORK_FAILED;
    }
    buf_release(&why);
    run_state st;
    memset(&st, 0, sizeof st);
    st.s = &s;
    st.o = &o;
    st.started_ns = started_ns;
    int status = EXIT_USAGE, lock = -1;
    size_t nargs = (s.problems.count ? s.problems.count : 1) * o.size_count;
    buf *args = calloc(nargs, sizeof *args);
    char *dir = results_dir(&s);
    char *stamp = utc_now("%Y%m%dT%H%M%SZ");
    buf path = BUF_INIT;
    if (check_names(&s, &o) != 0 || choose_interpreters(&st) != 0 || resolve_sizes(&st, args) != 0)
        goto cleanup;
    machine_describe(&st.res.machine);
    buf_printf(&path, "%s/%s/%s-%s%s", dir, HISTORY_RUNS_FOLDER, stamp, st.res.machine.hostname,
               HISTORY_RUN_SUFFIX);
    st.history_path = buf_detach(&path);
    buf_printf(&path, "%s/%s", dir, HISTORY_LATEST);
    st.latest_json = buf_detach(&path);
    buf_printf(&path, "%s/%s", dir, LATEST_REPORT);
    st.latest_report = buf_detach(&path);
    if (check_outputs(&st) != 0) {
        status = EXIT_WORK_FAILED;
        goto cleanup;
    }
    buf lock_why = BUF_INIT;
    lock = lock_checkout(s.build_root, o.command_line, &lock_why);
    if (lock < 0) {
        fprintf(stderr, "ladder run: %s\n", lock_why.data);
        buf_release(&lock_why);
        status = interrupt_signal() ? interrupt_exit_code() : EXIT_WORK_FAILED;
        goto cleanup;
    }
    buf_release(&lock_why);
    child_become_subreaper();
    if (o.instructions) {
        buf counter_why = BUF_INIT;
        st.have_counter = instructions_counter_find(&st.counter, &counter_why) == 0;
        if (st.have_counter)
            fprintf(stderr, "ladder: instructions are counted with %s\n",
                    instructions_counter_name(st.counter));
        else
            fprintf(stderr, "ladder: warning: %s\n", counter_why.data);
        buf_release(&counter_why);
    }
    if (history_load(&st.previous, dir, &st.res.machine, HISTORY_MAX_RUNS) != 0) {
        fprintf(stderr, "ladder run: out of memory\n");
        status = EXIT_WORK_FAILED;
        goto cleanup;
    }

    results *res = &st.res;
    res->created = utc_now("%Y-%m-%dT%H:%M:%SZ");
    res->command = strdup(o.command_line);
    res->baseline = strdup(o.baseline);
    /* A native baseline rung runs on no interpreter. */
    const rung *base_rung = rungs_find(&s.rungs, o.baseline);
    int python_baseline = base_rung == NULL || base_rung->host == RUNG_PYTHON;
    res->baseline_interpreter =
        strdup(python_baseline && st.baseline_interp ? st.baseline_interp->id : "");
    buf title = BUF_INIT;
    if (python_baseline && st.baseline_interp)
        interpreter_name(st.baseline_interp, &title);
    else if (!python_baseline)
        buf_puts(&title, base_rung->title);
    res->baseline_title = buf_detach(&title);
    res->state = RESULTS_RUNNING;
    res->budget_s = o.policy.budget_s;
    res->time_limit_s = o.time_limit_s;
    res->min_runs = o.policy.fixed_runs ? o.policy.fixed_runs : o.policy.min_runs;
    res->max_runs = o.policy.fixed_runs ? o.policy.fixed_runs : o.policy.max_runs;
    res->timeout_s = o.policy.timeout_s;
    if (python_baseline)
        fprintf(stderr, "ladder: %s, %ld cores; baseline: %s on %s\n", res->machine.cpu_model,
                res->machine.cores, o.baseline,
                st.baseline_interp ? res->baseline_title : "(no CPython found)");
    else
        fprintf(stderr, "ladder: %s, %ld cores; baseline: %s\n", res->machine.cpu_model,
                res->machine.cores, o.baseline);
    if (machine_is_busy(&res->machine))
        fprintf(stderr,
                "ladder: warning: the machine is busy (load %.1f on %ld cores): other work "
                "competes for the CPU and times will be noisy; close what you can, or "
                "compare only rows of the same run\n",
                res->machine.load_average, res->machine.cores);

    /* The time each (problem, size) will take, for "about N min left",
     * and what its rows must spend, for --time-limit (plan.h). */
    double *estimate = calloc(nargs, sizeof *estimate);
    plan_problem *plans = calloc(nargs, sizeof *plans);
    for (size_t i = 0; estimate && plans && i < s.problems.count; i++) {
        const problem *p = &s.problems.items[i];
        if (!selected(o.problems, o.problem_count, p->name))
            continue;
        row_list l = {0};
        plan_rows(&st, p, &l);
        for (size_t z = 0; z < o.size_count; z++) {
            size_t at = i * o.size_count + z;
            plan_problem_init(&plans[at]);
            for (size_t k = 0; k < l.count; k++) {
                const row *w = &l.items[k];
                if (w->status != MEASUREMENT_VERIFIED || w->missing != NULL)
                    continue;
                estimate[at] += row_estimate_ns(&st, p, args[at].data, w);
                int is_baseline = is_baseline_row(&st, w);
                plan_add_row(&plans[at], previous_row(&st, p, args[at].data, w),
                             row_warmup(w->r, w->interp), o.policy.warmup_min_s, is_baseline);
            }
        }
        row_list_release(&l);
    }
    int failures = 0;
    for (size_t i = 0; i < s.problems.count && !interrupt_signal(); i++) {
        const problem *p = &s.problems.items[i];
        if (!selected(o.problems, o.problem_count, p->name))
            continue;
        /* With --sizes-together, one pass measures every size. */
        size_t step = o.sizes_together ? o.size_count : 1;
        for (size_t z = 0; z < o.size_count && !interrupt_signal(); z += step) {
            size_t at = i * o.size_count + z;
            double later = 0;
            for (size_t k = at + step; estimate && k < nargs; k++)
                later += estimate[k];
            measure_policy policy = o.policy;
            if (o.time_limit_s > 0 && plans != NULL && o.policy.fixed_runs == 0) {
                double left_ns = o.time_limit_s * 1e9 - measuring_ns(&st);
                policy.budget_s = plan_budget_s(&plans[at], nargs - at, left_ns, o.policy.budget_s);
                fprintf(stderr, "ladder: %s: %.2g s of runs a row, to end within the time limit "
                        "(%.0f min left)%s\n", p->title, policy.budget_s,
                        left_ns > 0 ? left_ns / 60e9 : 0.0,
                        st.previous.count ? "" : "; no earlier run to plan from");
            }
            const char *pass_args[MAX_SELECTED];
            for (size_t k = 0; k < step; k++)
                pass_args[k] = args[at + k].data;
            failures += run_problem(&st, p, &o.sizes[z], pass_args, step, &policy, later);
        }
    }
    for (size_t k = 0; plans && k < nargs; k++)
        plan_problem_release(&plans[k]);
    free(plans);
    free(estimate);

    res->state = interrupt_signal() ? RESULTS_INTERRUPTED : RESULTS_COMPLETE;
    results_compute_speedups(res);
    save_json(&st, st.history_path);
    if (o.json_path)
        save_json(&st, o.json_path);
    if (o.report_path)
        save_report(&st, o.report_path);
    /* The defaults follow the newest finished run whatever else was asked
     * for, so that latest.json and the report card beside it always
     * describe the same run. */
    if (res->state == RESULTS_COMPLETE) {
        if (!o.json_path || !output_same(o.json_path, st.latest_json))
            save_json(&st, st.latest_json);
        if (!o.report_path || !output_same(o.report_path, st.latest_report))
            save_report(&st, st.latest_report);
    }
    size_t verified = 0, skipped = 0, na = 0;
    for (size_t i = 0; i < res->count; i++) {
        verified += res->items[i].status == MEASUREMENT_VERIFIED;
        skipped += res->items[i].status == MEASUREMENT_SKIPPED;
        na += res->items[i].status == MEASUREMENT_NOT_APPLICABLE;
    }
    printf("\n%zu rows: %zu verified, %d failed, %zu skipped", res->count, verified, failures,
           skipped);
    if (na)
        printf(", %zu not applicable", na);
    if (res->state == RESULTS_INTERRUPTED)
        printf(". Interrupted: what was measured is in %s\n",
               o.json_path ? o.json_path : st.history_path);
    else
        printf(". Results: %s; report card: %s\n", o.json_path ? o.json_path : st.latest_json,
               o.report_path ? o.report_path : st.latest_report);
    if (o.time_limit_s > 0) {
        double took_s = measuring_ns(&st) / 1e9;
        printf("Measuring took %.1f min, %s the time limit of %.1f min (preparing: environments, "
               "builds, references, %.1f min more).\n", took_s / 60,
               took_s <= o.time_limit_s ? "within" : "OVER", o.time_limit_s / 60,
               st.preparing_ns / 60e9);
    }
    if (interrupt_signal())
        status = interrupt_exit_code();
    else
        status = failures || st.write_failed ? EXIT_WORK_FAILED : 0;
cleanup:
    /* Nothing a rung started outlives the run. */
    child_kill_strays(NULL, 0);
    lock_release(lock);
    for (size_t i = 0; i < st.nprep; i++) {
        prepared_release(st.prep[i]);
        free(st.prep[i]);
    }
    free(st.prep);
    for (size_t i = 0; args && i < nargs; i++)
        buf_release(&args[i]);
    free(args);
    free(dir);
    free(stamp);
    free(st.history_path);
    free(st.latest_json);
    free(st.latest_report);
    buf_release(&path);
    history_release(&st.previous);
    results_release(&st.res);
    session_close(&s);
    free(o.command_line);
    return status;
}
