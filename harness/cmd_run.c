/*
 * cmd_run.c - `ladder run`: for each problem, for each rung on the ladder:
 * check it can run here, build it, run it through the protocol, verify
 * every output, time it; print the row, and save the results and the
 * report card after every row, so nothing measured is ever lost.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/commands.h"
#include "harness/fs.h"
#include "harness/proc.h"
#include "harness/report.h"
#include "harness/results.h"
#include "harness/runner.h"
#include "harness/session.h"

#define DEFAULT_BUDGET_S 5.0
#define DEFAULT_MIN_RUNS 3
#define DEFAULT_MAX_RUNS 100
#define DEFAULT_TIMEOUT_S 600.0
#define DEFAULT_BASELINE "cpython"
#define DEFAULT_RESULTS "results/latest.json"
#define DEFAULT_REPORT "results/REPORT.md"
#define MAX_SELECTED 64

static const char HELP[] =
    "usage: ladder run [--problem P]... [--rung R]... [--size quick|study|game|N]\n"
    "                  [--repeat N] [--budget SECONDS] [--json FILE] [--report FILE]\n"
    "\n"
    "Builds each rung, runs it on each problem, checks every answer against the\n"
    "reference, and times it. Rows print as they finish; results and the report\n"
    "card are saved after every row. A rung that cannot run here is shown as\n"
    "skipped, with the reason and how to enable it; one that crashes, hangs or\n"
    "answers wrongly is shown as FAILED, and the run goes on.\n"
    "\n"
    "Timing: each rung runs in its own process; times are taken inside it, so\n"
    "interpreter start-up and imports are not counted. The first iteration is\n"
    "the cold one, reported apart; then warm iterations until the budget is\n"
    "spent (at least --min-runs, at most --max-runs; a row whose one iteration\n"
    "exceeds the budget gets 2). The time shown is the median; the speedup is\n"
    "the baseline's median over the row's, from the same run.\n"
    "\n"
    "What to run:\n"
    "  --problem P     a problem (repeatable; default: all; see 'ladder list')\n"
    "  --rung R        a rung (repeatable; default: every rung that can run here)\n"
    "  --size S        quick (seconds), study (the study's sizes; default), game\n"
    "                  (the Benchmarks Game's), or a number (steps, N or events)\n"
    "  --python PATH   the CPython every Python-hosted rung runs on (default: the\n"
    "                  project's .venv, else the newest CPython found)\n"
    "  --baseline R    the rung speedups are measured against (default: cpython)\n"
    "\n"
    "How long:\n"
    "  --budget SEC    timed seconds per row to aim for (default 5)\n"
    "  --min-runs N    at least N warm iterations (default 3)\n"
    "  --max-runs N    at most N warm iterations (default 100)\n"
    "  --repeat N      exactly N warm iterations (overrides the three above)\n"
    "  --timeout SEC   a rung taking longer to start or for one iteration is\n"
    "                  killed and its row FAILED (default 600)\n"
    "\n"
    "Output:\n"
    "  --json FILE     results, with every raw time (default results/latest.json)\n"
    "  --report FILE   Markdown report card (default results/REPORT.md)\n"
    "\n"
    "Exit status: 0 when every row that ran was verified, 1 when a row failed.\n";

typedef struct run_options {
    const char *problems[MAX_SELECTED];
    size_t problem_count;
    const char *rungs[MAX_SELECTED];
    size_t rung_count;
    const char *size;
    const char *python;
    const char *baseline;
    const char *json_path;
    const char *report_path;
    runner_policy policy;
} run_options;

static int parse_positive(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v > 0))
        return -1;
    *out = v;
    return 0;
}

/* Fills *o from the command line; returns -1 (after printing) on misuse. */
static int parse_options(int argc, char **argv, run_options *o)
{
    memset(o, 0, sizeof *o);
    o->size = PROBLEM_DEFAULT_PROFILE;
    o->baseline = DEFAULT_BASELINE;
    o->json_path = DEFAULT_RESULTS;
    o->report_path = DEFAULT_REPORT;
    o->policy = (runner_policy){DEFAULT_BUDGET_S, DEFAULT_MIN_RUNS, DEFAULT_MAX_RUNS, 0,
                                DEFAULT_TIMEOUT_S};
    static const struct option options[] = {
        {"problem", required_argument, NULL, 'P'}, {"rung", required_argument, NULL, 'R'},
        {"size", required_argument, NULL, 's'},    {"repeat", required_argument, NULL, 'n'},
        {"budget", required_argument, NULL, 'b'},  {"min-runs", required_argument, NULL, 'm'},
        {"max-runs", required_argument, NULL, 'M'}, {"timeout", required_argument, NULL, 't'},
        {"python", required_argument, NULL, 'p'},  {"baseline", required_argument, NULL, 'B'},
        {"json", required_argument, NULL, 'j'},    {"report", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},          {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        double v = 0;
        switch (c) {
        case 'P':
        case 'R': {
            size_t *count = c == 'P' ? &o->problem_count : &o->rung_count;
            if (*count == MAX_SELECTED) {
                fprintf(stderr, "ladder run: too many --%s options\n", c == 'P' ? "problem" : "rung");
                return -1;
            }
            (c == 'P' ? o->problems : o->rungs)[(*count)++] = optarg;
            break;
        }
        case 's':
            o->size = optarg;
            break;
        case 'p':
            o->python = optarg;
            break;
        case 'B':
            o->baseline = optarg;
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
    if (o->policy.min_runs > o->policy.max_runs) {
        fprintf(stderr, "ladder run: --min-runs is larger than --max-runs\n");
        return -1;
    }
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

/* What is known about each rung in this run, worked out once. */
typedef struct rung_state {
    int checked;
    int available;
    buf unavailable_why;
    int built;
    buf build_error;     /* non-empty: the build failed */
} rung_state;

static void prepare_rung(session *s, const rung *r, rung_state *st)
{
    if (!st->checked) {
        st->checked = 1;
        st->available = rung_available(r, &s->ctx, &st->unavailable_why);
    }
    if (st->available && !st->built) {
        st->built = 1;
        char err[768];
        buf log = BUF_INIT;
        buf_printf(&log, "%s/logs/%s.build.log", s->build_root, r->name);
        if (r->build != NULL)
            fprintf(stderr, "ladder: building %s ...\n", r->name);
        if (rung_build(r, &s->ctx, log.data, err, sizeof err) != 0)
            buf_puts(&st->build_error, err);
        buf_release(&log);
    }
}

static char *utc_now(void)
{
    char text[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return strdup(text);
}

/* Saves results and the report card; complains but goes on if it cannot. */
static void save(results *r, const run_options *o)
{
    char err[512];
    results_compute_speedups(r);
    if (results_save(r, o->json_path, err, sizeof err) != 0)
        fprintf(stderr, "ladder: %s\n", err);
    if (report_save(r, o->report_path, err, sizeof err) != 0)
        fprintf(stderr, "ladder: %s\n", err);
}

/* Measures one (problem, rung) row into *m (whose strings stay owned by
 * the caller's bufs). */
static void measure_row(session *s, const run_options *o, const problem *p, const rung *r,
                        rung_state *st, const char *rung_arg,
                        const buf *expected, const char *expected_error, measurement *m,
                        buf *reason, buf *command, runner_outcome *outcome)
{
    prepare_rung(s, r, st);
    if (!st->available) {
        m->status = MEASUREMENT_SKIPPED;
        buf_append(reason, st->unavailable_why.data, st->unavailable_why.len);
        return;
    }
    if (st->build_error.len > 0) {
        m->status = MEASUREMENT_FAILED;
        buf_append(reason, st->build_error.data, st->build_error.len);
        return;
    }
    if (expected_error != NULL) {
        m->status = MEASUREMENT_FAILED;
        buf_printf(reason, "cannot verify: %s", expected_error);
        return;
    }
    char err[512];
    if (rung_command(r, &s->ctx, r->run, command, err, sizeof err) != 0) {
        m->status = MEASUREMENT_FAILED;
        buf_puts(reason, err);
        return;
    }
    buf_puts(command, " ");
    proc_shell_quote(command, p->name);
    buf_puts(command, " ");
    proc_shell_quote(command, rung_arg);

    buf label = BUF_INIT;
    buf_printf(&label, "%s · %s", p->name, r->name);
    runner_job job = {command->data, s->root, &p->rule, expected->data, expected->len,
                      label.data, isatty(STDERR_FILENO)};
    runner_run(&job, &o->policy, outcome);
    buf_release(&label);
    m->status = outcome->verified ? MEASUREMENT_VERIFIED : MEASUREMENT_FAILED;
    if (!outcome->verified)
        buf_append(reason, outcome->reason.data, outcome->reason.len);
    m->cold_ns = outcome->cold_ns;
    m->times_ns = outcome->verified ? outcome->times_ns : NULL;
    m->runs = outcome->verified ? outcome->runs : 0;
    m->max_rss_bytes = outcome->max_rss_bytes;
    m->wall_ns = outcome->wall_ns;
    m->cpu_ns = outcome->cpu_ns;
}

/* Runs every selected rung on problem p; returns the number of failed rows. */
static int run_problem(session *s, const run_options *o, const problem *p,
                       rung_state *states, results *res)
{
    const char *arg = problem_size_argument(p, o->size);
    if (arg == NULL) {
        fprintf(stderr, "ladder run: problem '%s' has no size '%s'\n", p->name, o->size);
        return 1;
    }
    char err[768];
    buf rung_arg = BUF_INIT, expected = BUF_INIT;
    const char *expected_error = NULL;
    if (problem_rung_argument(p, &s->env, arg, &rung_arg, err, sizeof err) != 0 ||
        problem_expected_output(p, &s->env, arg, &expected, err, sizeof err) != 0)
        expected_error = err;

    /* The baseline first, so every later row can show its speedup at once. */
    size_t order[s->rungs.count], n = 0;
    for (size_t i = 0; i < s->rungs.count; i++)
        if (strcmp(s->rungs.items[i].name, o->baseline) == 0)
            order[n++] = i;
    for (size_t i = 0; i < s->rungs.count; i++)
        if (strcmp(s->rungs.items[i].name, o->baseline) != 0)
            order[n++] = i;

    int failures = 0, header_printed = 0;
    for (size_t k = 0; k < n; k++) {
        const rung *r = &s->rungs.items[order[k]];
        if (!selected(o->rungs, o->rung_count, r->name) || !rung_implements(r, p->name))
            continue;
        buf title = BUF_INIT, reason = BUF_INIT, command = BUF_INIT, enable = BUF_INIT;
        rung_title(r, &s->ctx, &title);
        rung_enable_text(r, &s->ctx, &enable);
        measurement m = {0};
        m.problem = p->name;
        m.problem_title = (char *)p->title;
        m.rung = r->name;
        m.rung_title = title.data;
        m.cost = (char *)r->cost;
        m.size = (char *)o->size;
        m.argument = (char *)arg;
        m.parameter = (char *)p->parameter;
        m.enable = enable.data ? enable.data : "";
        m.cold_ns = -1;
        m.max_rss_bytes = -1;
        m.source_lines = rung_source_lines(r, p->name);
        runner_outcome outcome = {0};
        measure_row(s, o, p, r, &states[order[k]], rung_arg.data, &expected,
                    expected_error, &m, &reason, &command, &outcome);
        m.reason = reason.data ? reason.data : "";
        measurement *stored = results_add(res, &m);
        runner_outcome_release(&outcome);
        if (stored != NULL) {
            save(res, o);
            buf row = BUF_INIT;
            if (!header_printed) {
                report_terminal_header(&row, stored);
                header_printed = 1;
            }
            report_terminal_row(&row, stored);
            fputs(row.data, stdout);
            fflush(stdout);
            buf_release(&row);
            failures += stored->status == MEASUREMENT_FAILED;
        }
        buf_release(&title);
        buf_release(&reason);
        buf_release(&command);
        buf_release(&enable);
    }
    buf_release(&rung_arg);
    buf_release(&expected);
    return failures;
}

int cmd_run(int argc, char **argv)
{
    run_options o;
    if (parse_options(argc, argv, &o) != 0)
        return EXIT_USAGE;
    session s;
    buf why = BUF_INIT;
    if (session_open(&s, o.python, &why) != 0) {
        fprintf(stderr, "ladder run: %s\n", why.data);
        buf_release(&why);
        return EXIT_WORK_FAILED;
    }
    buf_release(&why);
    if (check_names(&s, &o) != 0) {
        session_close(&s);
        return EXIT_USAGE;
    }
    results res = {0};
    machine_describe(s.have_python ? &s.python : NULL, &res.machine);
    res.created = utc_now();
    res.baseline = strdup(o.baseline);
    res.budget_s = o.policy.budget_s;
    res.min_runs = o.policy.min_runs;
    res.max_runs = o.policy.max_runs;
    res.timeout_s = o.policy.timeout_s;

    fprintf(stderr, "ladder: %s, %ld cores; Python rungs on CPython %s (%s)\n",
            res.machine.cpu_model, res.machine.cores, res.machine.python_version,
            res.machine.python_executable);
    if (machine_is_busy(&res.machine))
        fprintf(stderr,
                "ladder: warning: the machine is busy (load %.1f on %ld cores): other work "
                "competes for the CPU and times will be noisy; close what you can, or "
                "compare only rows of the same run\n",
                res.machine.load_average, res.machine.cores);
    rung_state *states = calloc(s.rungs.count ? s.rungs.count : 1, sizeof *states);
    int failures = 0;
    for (size_t i = 0; i < s.problems.count; i++)
        if (selected(o.problems, o.problem_count, s.problems.items[i].name))
            failures += run_problem(&s, &o, &s.problems.items[i], states, &res);

    size_t verified = 0, skipped = 0;
    for (size_t i = 0; i < res.count; i++) {
        verified += res.items[i].status == MEASUREMENT_VERIFIED;
        skipped += res.items[i].status == MEASUREMENT_SKIPPED;
    }
    save(&res, &o);
    printf("\n%zu rows: %zu verified, %d failed, %zu skipped. Results: %s; report card: %s\n",
           res.count, verified, failures, skipped, o.json_path, o.report_path);
    for (size_t i = 0; i < s.rungs.count; i++) {
        buf_release(&states[i].unavailable_why);
        buf_release(&states[i].build_error);
    }
    free(states);
    results_release(&res);
    session_close(&s);
    return failures ? EXIT_WORK_FAILED : 0;
}
