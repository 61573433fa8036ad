/* cmd_report.c - `ladder report`: the Markdown report card from a saved
 * results file (written by `ladder run --json`). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/fs.h"
#include "harness/report.h"
#include "harness/results.h"

static const char HELP[] =
    "usage: ladder report RESULTS.json [-o REPORT.md]\n"
    "\n"
    "Prints the report card (Markdown: one table per problem, with time,\n"
    "speedup, peak memory, lines of code and what each rung costs you) for a\n"
    "results file saved by 'ladder run'. Results keep every raw iteration\n"
    "time, so a report can be made again at any time.\n"
    "\n"
    "  -o FILE    write the report to FILE instead of standard output, with a\n"
    "             speedup chart per problem beside it (FILE-<problem>-<size>.svg)\n";

int cmd_report(int argc, char **argv)
{
    const char *output = NULL;
    static const struct option options[] = {{"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "ho:", options, NULL)) != -1;) {
        if (c == 'o')
            output = optarg;
        else if (c == 'h')
            return fputs(HELP, stdout), 0;
        else
            return fputs(HELP, stderr), EXIT_USAGE;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "ladder report: name one results file\n\n%s", HELP);
        return EXIT_USAGE;
    }
    results r;
    char err[512];
    if (results_load(argv[optind], &r, err, sizeof err) != 0) {
        fprintf(stderr, "ladder report: %s\n", err);
        return EXIT_WORK_FAILED;
    }
    int status = 0;
    if (output == NULL) {
        buf md = BUF_INIT;
        report_markdown(&md, &r, NULL);
        fwrite(md.data, 1, md.len, stdout);
        buf_release(&md);
    } else if (report_save(&r, output, err, sizeof err) != 0) {
        fprintf(stderr, "ladder report: %s\n", err);
        status = EXIT_WORK_FAILED;
    }
    results_release(&r);
    return status;
}
