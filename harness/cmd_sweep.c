/*
 * cmd_sweep.c - `ladder sweep`: one problem at several sizes, every rung,
 * then each rung's time per unit of work against size on log-log axes with
 * its fitted growth exponent (sweep.h). The measuring is `ladder run`'s:
 * the same rows, rounds, verification and safeguards, with every size in
 * one set of interleaved rounds (--sizes-together) and each size as a
 * section of one results file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/output.h"
#include "harness/results.h"
#include "harness/sweep.h"

#define SWEEP_MAX_ARGS 256
#define SWEEP_DEFAULT_DIR "results"
/* A JIT row's least warm-up in a sweep, in seconds (--warmup-min). */
#define SWEEP_WARMUP_MIN_S "30"
#define WARMUP_OPTION "--warmup-min"

static const char HELP[] =
    "usage: ladder sweep --problem P --sizes A,B,C [-o STEM] [ladder run options]\n"
    "\n"
    "Measures one problem at several sizes on every rung (or the --rung and\n"
    "--python given), as 'ladder run' measures, then shows each row's time per\n"
    "unit of work (per step, per N, per event) at each size, on log-log axes,\n"
    "with the growth exponent fitted to its times: 1.0 is linear, and a rung\n"
    "whose exponent differs from the others' has stopped scaling somewhere\n"
    "(caches, memory, a JIT's limits).\n"
    "\n"
    "  --problem P     the problem (one)\n"
    "  --sizes LIST    the sizes, comma-separated (e.g. 1000,10000,100000)\n"
    "  -o STEM         write STEM.json, STEM.md (the table and report card) and\n"
    "                  STEM.svg (the chart); default results/sweep-P\n"
    "Every other option is passed to 'ladder run' (--rung, --python, --budget, ...);\n"
    "JIT runtimes warm up at least 30 s at each size (--warmup-min), since a small\n"
    "size gives a JIT little to compile from in each call. All sizes are measured\n"
    "in one set of interleaved rounds (each rung at each size is a row: 'ladder run\n"
    "--sizes-together'), so a change in the machine's speed during the sweep moves\n"
    "every size alike instead of bending the curves.\n";

/* Splits "a,b,c" into argv entries "--size a --size b --size c". */
static int add_sizes(char *list, const char **argv, int *argc)
{
    int n = 0;
    for (char *s = strtok(list, ","); s != NULL; s = strtok(NULL, ",")) {
        if (*argc + 2 >= SWEEP_MAX_ARGS)
            return -1;
        argv[(*argc)++] = "--size";
        argv[(*argc)++] = s;
        n++;
    }
    return n;
}

int cmd_sweep(int argc, char **argv)
{
    const char *problem = NULL, *stem = NULL;
    char *sizes = NULL;
    const char *run_argv[SWEEP_MAX_ARGS];
    int run_argc = 0, warmup_given = 0;
    run_argv[run_argc++] = "run";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(HELP, stdout);
            return 0;
        }
        int takes_value = strcmp(a, "--problem") == 0 || strcmp(a, "--sizes") == 0 ||
                          strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0;
        if (takes_value && i + 1 >= argc) {
            fprintf(stderr, "ladder sweep: %s needs a value\n", a);
            return EXIT_USAGE;
        }
        if (strcmp(a, "--problem") == 0)
            problem = argv[++i];
        else if (strcmp(a, "--sizes") == 0)
            sizes = argv[++i];
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            stem = argv[++i];
        else if (strcmp(a, "--size") == 0 || strcmp(a, "--json") == 0 || strcmp(a, "--report") == 0) {
            fprintf(stderr, "ladder sweep: use --sizes and -o, not %s\n", a);
            return EXIT_USAGE;
        } else if (run_argc + 1 < SWEEP_MAX_ARGS) {
            warmup_given |= strncmp(a, WARMUP_OPTION, strlen(WARMUP_OPTION)) == 0 &&
                            (a[strlen(WARMUP_OPTION)] == '\0' || a[strlen(WARMUP_OPTION)] == '=');
            run_argv[run_argc++] = a;
        }
    }
    /* A small size warms a JIT up by little: GraalPy interprets 1,000
     * n-body steps for 1-2 s a call, ten calls long, before it compiles. */
    if (!warmup_given) {
        run_argv[run_argc++] = WARMUP_OPTION;
        run_argv[run_argc++] = SWEEP_WARMUP_MIN_S;
    }
    if (problem == NULL || sizes == NULL) {
        fprintf(stderr, "ladder sweep: name the problem and the sizes\n\n%s", HELP);
        return EXIT_USAGE;
    }
    buf default_stem = BUF_INIT, json = BUF_INIT, md = BUF_INIT, svg_path = BUF_INIT;
    if (stem == NULL) {
        const char *dir = getenv("LADDER_RESULTS_DIR");
        buf_printf(&default_stem, "%s/sweep-%s", dir && *dir ? dir : SWEEP_DEFAULT_DIR, problem);
        stem = default_stem.data;
    }
    buf_printf(&json, "%s.json", stem);
    buf_printf(&md, "%s.md", stem);
    buf_printf(&svg_path, "%s.svg", stem);
    char *list = strdup(sizes);
    int status = EXIT_USAGE;
    run_argv[run_argc++] = "--problem";
    run_argv[run_argc++] = problem;
    run_argv[run_argc++] = "--sizes-together";
    if (list == NULL || add_sizes(list, run_argv, &run_argc) < 2) {
        fprintf(stderr, "ladder sweep: --sizes needs at least two sizes, comma-separated\n");
        goto cleanup;
    }
    run_argv[run_argc++] = "--json";
    run_argv[run_argc++] = json.data;
    run_argv[run_argc++] = "--report";
    run_argv[run_argc++] = md.data;
    run_argv[run_argc] = NULL;
    status = cmd_run(run_argc, (char **)run_argv);
    if (status == EXIT_USAGE)
        goto cleanup;
    int run_status = status;
    results r;
    char err[512];
    if (results_load(json.data, &r, err, sizeof err) != 0) {
        fprintf(stderr, "ladder sweep: %s\n", err);
        status = EXIT_WORK_FAILED;
        goto cleanup;
    }
    sweep_row *rows = NULL;
    size_t n = 0;
    buf table = BUF_INIT, svg = BUF_INIT, report = BUF_INIT;
    if (sweep_rows(&r, problem, &rows, &n) == 0) {
        sweep_table_markdown(&table, &r, problem, rows, n);
        fputs("\n", stdout);
        fputs(table.data, stdout);
        /* The table and the chart go in front of the run's report card. */
        if (sweep_chart_svg(&svg, &r, problem, rows, n) == 0 &&
            output_write(svg_path.data, svg.data, svg.len, err, sizeof err) != 0) {
            fprintf(stderr, "ladder sweep: %s\n", err);
            run_status = EXIT_WORK_FAILED;
        }
        const char *slash = strrchr(svg_path.data, '/');
        buf_printf(&report, "# Sweep: %s\n\n![the sweep](%s)\n\n%s\n", problem,
                   slash ? slash + 1 : svg_path.data, table.data);
        buf existing = BUF_INIT;
        FILE *f = fopen(md.data, "rb");
        if (f != NULL) {
            char chunk[4096];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
                buf_append(&existing, chunk, got);
            fclose(f);
        }
        buf_append(&report, existing.data, existing.len);
        buf_release(&existing);
        if (output_write(md.data, report.data, report.len, err, sizeof err) != 0) {
            fprintf(stderr, "ladder sweep: %s\n", err);
            run_status = EXIT_WORK_FAILED;
        }
        printf("\nChart: %s; table and report card: %s\n", svg_path.data, md.data);
    }
    sweep_rows_free(rows);
    buf_release(&table);
    buf_release(&svg);
    buf_release(&report);
    results_release(&r);
    status = run_status;
cleanup:
    free(list);
    buf_release(&default_stem);
    buf_release(&json);
    buf_release(&md);
    buf_release(&svg_path);
    return status;
}
