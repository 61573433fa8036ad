/* cmd_compare.c - `ladder compare`: two results files side by side, which
 * rows got faster or slower and whether it is more than noise (compare.h);
 * with --fail-if-slower, a check a CI job can run. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/compare.h"
#include "harness/output.h"
#include "harness/results.h"

#define PERCENT 100.0
/* A percentage option above this is a typo, not a policy. */
#define COMPARE_MAX_PERCENT 1e6

static const char HELP[] =
    "usage: ladder compare OLD.json NEW.json [--threshold PCT] [--time-only]\n"
    "                      [--fail-if-slower PCT] [--json FILE]\n"
    "\n"
    "Compares two results files saved by 'ladder run', row by row: a row is\n"
    "(problem, rung, interpreter, size). For each row verified in both, it shows\n"
    "the old and the new median time, the change with its 95% interval, the\n"
    "change against the baseline, and a verdict: faster, slower or not\n"
    "significant. Rows in one file only are listed as added or removed; rows\n"
    "verified in one file only (or measured at another argument) as not\n"
    "compared, with why.\n"
    "\n"
    "The rule: ratio = new median / old median, its 95% interval bootstrapped\n"
    "from both rows' iteration times; change = ratio - 1. A change is significant\n"
    "when the interval excludes 1 and |change| exceeds the threshold (default\n"
    "2%): the interval only knows the noise within each run. (pyperf's\n"
    "compare_to uses a t-test; its --min-speed defaults to 0%.)\n"
    "\n"
    "A shared machine also drifts, by 10% and more for every row at once, between\n"
    "two runs minutes apart. Each run measured every problem's baseline\n"
    "interleaved with its rows, so the baseline drifted with them: the change\n"
    "against the baseline, (new / new baseline) / (old / old baseline) = old\n"
    "speedup / new speedup, is judged by the same rule, bootstrapped over all\n"
    "four rows. A row is faster or slower only when both changes are: drift\n"
    "moves its time alone, a change of the baseline its speedup alone. The\n"
    "baseline is judged by its time. A row measured once is marked '1 run': its\n"
    "interval has no noise of its own. Rows with an instruction count per\n"
    "iteration in both files are judged by it too: counts are deterministic, so\n"
    "a change beyond 0.1% is significant.\n"
    "\n"
    "  --threshold PCT       changes within PCT percent are not significant\n"
    "                        (default 2)\n"
    "  --time-only           judge every row by its time alone, as pyperf does\n"
    "  --fail-if-slower PCT  exit 1 if a row is significantly slower by more than\n"
    "                        PCT percent, in time or in instructions (for CI)\n"
    "  --json FILE           also write the comparison as JSON to FILE\n"
    "\n"
    "Exit status: 0, or 1 when --fail-if-slower trips or a file cannot be read,\n"
    "2 for a usage error.\n";

/* A percentage such as "10" or "2.5%" as a share (0.10, 0.025). */
static int parse_percent(const char *text, double *share)
{
    char *end;
    double v = strtod(text, &end);
    if (end != text && *end == '%')
        end++;
    if (end == text || *end != '\0' || !isfinite(v) || v < 0 || v > COMPARE_MAX_PERCENT)
        return -1;
    *share = v / PERCENT;
    return 0;
}

typedef struct compare_file {
    const char *path;
    results r;
    double *instructions;
    int loaded;
} compare_file;

static int load_file(compare_file *f, char *err, size_t errlen)
{
    if (results_load(f->path, &f->r, err, errlen) != 0)
        return -1;
    f->loaded = 1;
    return compare_load_instructions(f->path, &f->r, &f->instructions, err, errlen);
}

static void release_file(compare_file *f)
{
    if (f->loaded)
        results_release(&f->r);
    free(f->instructions);
}

/* Names every row that trips --fail-if-slower, on stderr. */
static void report_slowdowns(const comparison *c, double limit)
{
    for (size_t i = 0; i < c->count; i++) {
        const compare_row *row = &c->rows[i];
        if (row->kind != COMPARE_COMPARED)
            continue;
        const measurement *m = row->new_row;
        double slowdown = compare_row_slowdown(row);
        if (slowdown > limit)
            fprintf(stderr, "ladder compare: %s %s '%s' is %.1f%% slower (limit %g%%)\n",
                    m->problem, m->size, m->rung_title, PERCENT * slowdown, PERCENT * limit);
        if (row->has_instructions && row->instructions.verdict == COMPARE_SLOWER &&
            row->instructions.change > limit)
            fprintf(stderr,
                    "ladder compare: %s %s '%s' runs %.2f%% more instructions (limit %g%%)\n",
                    m->problem, m->size, m->rung_title, PERCENT * row->instructions.change,
                    PERCENT * limit);
    }
}

int cmd_compare(int argc, char **argv)
{
    double threshold = COMPARE_DEFAULT_THRESHOLD, fail_limit = -1;
    const char *json_path = NULL;
    int time_only = 0;
    static const struct option options[] = {{"threshold", required_argument, NULL, 't'},
                                            {"time-only", no_argument, NULL, 'o'},
                                            {"fail-if-slower", required_argument, NULL, 'f'},
                                            {"json", required_argument, NULL, 'j'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        if (c == 't' || c == 'f') {
            if (parse_percent(optarg, c == 't' ? &threshold : &fail_limit) != 0) {
                fprintf(stderr, "ladder compare: --%s needs a percentage (0 or more), got '%s'\n",
                        c == 't' ? "threshold" : "fail-if-slower", optarg);
                return EXIT_USAGE;
            }
        } else if (c == 'j') {
            json_path = optarg;
        } else if (c == 'o') {
            time_only = 1;
        } else if (c == 'h') {
            return fputs(HELP, stdout), 0;
        } else {
            return fputs(HELP, stderr), EXIT_USAGE;
        }
    }
    if (optind != argc - 2) {
        fprintf(stderr, "ladder compare: name two results files, the old then the new\n\n%s",
                HELP);
        return EXIT_USAGE;
    }
    char err[512];
    if (json_path != NULL && output_check(json_path, err, sizeof err) != 0) {
        fprintf(stderr, "ladder compare: %s\n", err);
        return EXIT_WORK_FAILED;
    }
    compare_file old_file = {.path = argv[optind]};
    compare_file new_file = {.path = argv[optind + 1]};
    comparison c = {0};
    buf text = BUF_INIT;
    int status = EXIT_WORK_FAILED;
    if (load_file(&old_file, err, sizeof err) != 0 || load_file(&new_file, err, sizeof err) != 0) {
        fprintf(stderr, "ladder compare: %s\n", err);
        goto cleanup;
    }
    compare_side old_side = {&old_file.r, old_file.instructions, old_file.path};
    compare_side new_side = {&new_file.r, new_file.instructions, new_file.path};
    if (compare_results(&old_side, &new_side, threshold, time_only, &c) != 0) {
        fprintf(stderr, "ladder compare: out of memory\n");
        goto cleanup;
    }
    compare_format(&text, &c);
    fwrite(text.data, 1, text.len, stdout);
    fflush(stdout);
    if (c.time.rows == 0)
        fprintf(stderr, "ladder compare: warning: '%s' and '%s' have no verified row in common\n",
                old_file.path, new_file.path);
    if (json_path != NULL && compare_save_json(&c, json_path, err, sizeof err) != 0) {
        fprintf(stderr, "ladder compare: %s\n", err);
        goto cleanup;
    }
    status = 0;
    if (fail_limit >= 0 && compare_worst_slowdown(&c) > fail_limit) {
        report_slowdowns(&c, fail_limit);
        status = EXIT_WORK_FAILED;
    }
cleanup:
    buf_release(&text);
    comparison_release(&c);
    release_file(&old_file);
    release_file(&new_file);
    return status;
}
