/* cmd_pipeline.c - `ladder pipeline FILE`: the C JSON pipeline engine
 * (engine/pipeline.h) on one file, result as JSON on standard output. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "engine/pipeline.h"
#include "harness/commands.h"

static const char HELP[] =
    "usage: ladder pipeline FILE [--threads N]\n"
    "\n"
    "Runs the JSON event pipeline (shared/spec/pipeline.md) over FILE with the\n"
    "C engine: filter, transform and aggregate per user in one pass over the\n"
    "bytes, validating all of the JSON. Prints the result as one line of JSON.\n"
    "Bad input is an error naming the byte offset (and the event) at fault.\n"
    "\n"
    "  --threads N   threads to use; 0 means all cores (default 1)\n";

int cmd_pipeline(int argc, char **argv)
{
    pipeline_options opts = PIPELINE_OPTIONS_INIT;
    static const struct option options[] = {{"threads", required_argument, NULL, 't'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "ht:", options, NULL)) != -1;) {
        if (c == 't') {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end != '\0' || n < 0 || n > 1024) {
                fprintf(stderr, "ladder pipeline: --threads needs 0..1024, got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            opts.threads = (int)n;
        } else if (c == 'h') {
            return fputs(HELP, stdout), 0;
        } else {
            return fputs(HELP, stderr), EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "ladder pipeline: name one input file\n\n%s", HELP);
        return EXIT_USAGE;
    }
    pipeline_error err;
    pipeline_result *res = pipeline_run_file(argv[optind], &opts, &err);
    if (res == NULL) {
        char text[PIPELINE_ERROR_TEXT_MAX];
        pipeline_error_describe(&err, text, sizeof text);
        /* An I/O error names the file already; a bad input says where in it. */
        if (err.byte_offset >= 0)
            fprintf(stderr, "error: %s in '%s'\n", text, argv[optind]);
        else
            fprintf(stderr, "error: %s\n", text);
        return EXIT_WORK_FAILED;
    }
    int status = pipeline_result_write_json(res, stdout) == 0 && fflush(stdout) == 0
                     ? 0
                     : EXIT_WORK_FAILED;
    pipeline_result_free(res);
    return status;
}
