/* cmd_gen.c - `ladder gen events`: the JSON pipeline's input data, byte for
 * byte what the study's Python generator writes (gen/events.h). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/events.h"
#include "harness/commands.h"

static const char HELP[] =
    "usage: ladder gen events [--count N] [--seed S] [-o FILE]\n"
    "\n"
    "Writes N user events as one JSON array, exactly as the study's Python\n"
    "generator (random.Random(S) + json.dumps) writes them. The default, 100,000\n"
    "events with seed 42, is the study's data set: 14,308,497 bytes.\n"
    "\n"
    "  --count N    how many events (default 100000)\n"
    "  --seed S     the random seed (default 42)\n"
    "  -o FILE      write to FILE instead of standard output\n";

static int parse_u64(const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-')
        return -1;
    *out = v;
    return 0;
}

int cmd_gen(int argc, char **argv)
{
    uint64_t count = 100000, seed = 42;
    const char *output = NULL;
    static const struct option options[] = {{"count", required_argument, NULL, 'n'},
                                            {"seed", required_argument, NULL, 's'},
                                            {"output", required_argument, NULL, 'o'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "ho:", options, NULL)) != -1;) {
        switch (c) {
        case 'n':
        case 's':
            if (parse_u64(optarg, c == 'n' ? &count : &seed) != 0) {
                fprintf(stderr, "ladder gen: --%s needs a non-negative integer, got '%s'\n",
                        c == 'n' ? "count" : "seed", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            return fputs(HELP, stdout), 0;
        default:
            return fputs(HELP, stderr), EXIT_USAGE;
        }
    }
    if (optind >= argc || strcmp(argv[optind], "events") != 0) {
        fprintf(stderr, "ladder gen: say what to generate: 'ladder gen events'\n\n%s", HELP);
        return EXIT_USAGE;
    }
    FILE *out = output ? fopen(output, "wb") : stdout;
    if (out == NULL) {
        fprintf(stderr, "ladder gen: cannot create '%s': %s\n", output, strerror(errno));
        return EXIT_WORK_FAILED;
    }
    events_error err;
    int failed = events_write(out, count, seed, &err) != 0;
    if (output && fclose(out) != 0 && !failed) {
        fprintf(stderr, "ladder gen: cannot write '%s': %s\n", output, strerror(errno));
        return EXIT_WORK_FAILED;
    }
    if (failed) {
        fprintf(stderr, "ladder gen: %s\n", err.message);
        if (output)
            remove(output);
        return EXIT_WORK_FAILED;
    }
    return 0;
}
