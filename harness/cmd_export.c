/* cmd_export.c - `ladder export`: a results file as pyperf's JSON files
 * and as CSV (export.h), for the tools people already use. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/export.h"
#include "harness/results.h"

static const char HELP[] =
    "usage: ladder export [--pyperf DIR] [--pyperf-suite FILE] [--csv FILE]\n"
    "                     RESULTS.json\n"
    "\n"
    "Writes a results file saved by 'ladder run' in other tools' formats.\n"
    "\n"
    "  --pyperf DIR   every verified row as a file in pyperf's JSON format,\n"
    "                 DIR/<problem>-<rung>-<interpreter>-<size>.json (no\n"
    "                 interpreter part for a native rung): the measured\n"
    "                 iterations as values in seconds, the iterations before\n"
    "                 them as warm-ups, the machine and the interpreter as\n"
    "                 metadata. Then 'python -m pyperf stats FILE', 'pyperf hist'\n"
    "                 and 'pyperf compare_to OLD NEW' read them; the same row\n"
    "                 exported from two results files has the same name.\n"
    "  --pyperf-suite FILE  every verified row as a benchmark of one pyperf file:\n"
    "                 'pyperf compare_to OLD.json NEW.json --table' compares\n"
    "                 two whole runs.\n"
    "  --csv FILE     one line per row (every status): problem, rung, title,\n"
    "                 interpreter, size, argument, status, median_ns, speedup,\n"
    "                 speedup_low, speedup_high, runs, max_rss_bytes,\n"
    "                 output_sha256, reason; RFC 4180 (CRLF, quoted where\n"
    "                 needed). '-' is standard output.\n"
    "\n"
    "Give one or more. Exit status: 0, 1 if a file cannot be read or written,\n"
    "2 for a usage error.\n";

int cmd_export(int argc, char **argv)
{
    const char *pyperf_dir = NULL, *suite_path = NULL, *csv_path = NULL;
    static const struct option options[] = {{"pyperf", required_argument, NULL, 'p'},
                                            {"pyperf-suite", required_argument, NULL, 's'},
                                            {"csv", required_argument, NULL, 'c'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        if (c == 'p')
            pyperf_dir = optarg;
        else if (c == 's')
            suite_path = optarg;
        else if (c == 'c')
            csv_path = optarg;
        else if (c == 'h')
            return fputs(HELP, stdout), 0;
        else
            return fputs(HELP, stderr), EXIT_USAGE;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "ladder export: name one results file\n\n%s", HELP);
        return EXIT_USAGE;
    }
    if (pyperf_dir == NULL && suite_path == NULL && csv_path == NULL) {
        fprintf(stderr,
                "ladder export: say what to write: --pyperf DIR, --pyperf-suite FILE, --csv FILE\n"
                "\n%s",
                HELP);
        return EXIT_USAGE;
    }
    results r;
    char err[512];
    if (results_load(argv[optind], &r, err, sizeof err) != 0) {
        fprintf(stderr, "ladder export: %s\n", err);
        return EXIT_WORK_FAILED;
    }
    int status = EXIT_WORK_FAILED;
    if (pyperf_dir != NULL) {
        size_t files;
        if (export_pyperf(&r, pyperf_dir, &files, err, sizeof err) != 0) {
            fprintf(stderr, "ladder export: %s\n", err);
            goto cleanup;
        }
        fprintf(stderr, "ladder export: %zu verified row%s of %zu written to '%s' (pyperf JSON)\n",
                files, files == 1 ? "" : "s", r.count, pyperf_dir);
    }
    if (suite_path != NULL) {
        size_t rows;
        if (export_pyperf_suite(&r, suite_path, &rows, err, sizeof err) != 0) {
            fprintf(stderr, "ladder export: %s\n", err);
            goto cleanup;
        }
        fprintf(stderr, "ladder export: %zu verified row%s of %zu written to '%s' (a pyperf suite)\n",
                rows, rows == 1 ? "" : "s", r.count, suite_path);
    }
    if (csv_path != NULL) {
        if (export_csv_save(&r, csv_path, err, sizeof err) != 0) {
            fprintf(stderr, "ladder export: %s\n", err);
            goto cleanup;
        }
        if (strcmp(csv_path, "-") != 0)
            fprintf(stderr, "ladder export: %zu row%s written to '%s' (CSV)\n", r.count,
                    r.count == 1 ? "" : "s", csv_path);
    }
    status = 0;
cleanup:
    results_release(&r);
    return status;
}
