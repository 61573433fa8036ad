/*
 * main.c - the `ladder` command: which subcommand, then hand over.
 *
 * ladder measures how much faster each rung of the Python optimization
 * ladder (CPython, C extension, C, ...) makes the same code, verifying
 * every answer. The work is in the subcommands (commands.h).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "harness/commands.h"

static const char USAGE[] =
    "usage: ladder <command> [options]\n"
    "\n"
    "How much faster does your Python get on each rung of the optimization\n"
    "ladder - a newer CPython, a C extension, plain C, and more - and what does\n"
    "each step cost? ladder builds every rung this machine can build, checks\n"
    "that each one computes the right answer, times it, and writes a report card.\n"
    "\n"
    "commands:\n"
    "  list        the problems, interpreters and rungs, and whether each can run here\n"
    "  interpreters  every Python interpreter found, and which are on the ladder\n"
    "  run         build, verify and time the ladder; write results and report\n"
    "  try         your own function, up every rung that needs no rewrite\n"
    "  report      the report card (Markdown and HTML) from a saved results file\n"
    "  compare     two results files side by side: what got faster or slower\n"
    "  export      a results file as pyperf JSON files or as CSV\n"
    "  sweep       one problem at several sizes: where each rung stops scaling\n"
    "  gen         generate the JSON pipeline's input (the study's event data)\n"
    "  pipeline    run the C JSON pipeline engine on a file and print the result\n"
    "\n"
    "Run 'ladder <command> --help' for a command's options.\n"
    "Start with:  ladder run --size quick     (a minute; 'ladder run' is the study's sizes)\n";

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command COMMANDS[] = {
    {"list", cmd_list},     {"interpreters", cmd_interpreters},
    {"run", cmd_run},       {"report", cmd_report},
    {"gen", cmd_gen},       {"pipeline", cmd_pipeline},
    {"compare", cmd_compare}, {"export", cmd_export}, {"sweep", cmd_sweep},
    {"try", cmd_try},
};

int main(int argc, char **argv)
{
    /* A rung that dies while we write to it must not take the harness along. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ladder: unknown command '%s'\n\n%s", argv[1], USAGE);
    return EXIT_USAGE;
}
