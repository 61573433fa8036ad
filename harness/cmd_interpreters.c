/* cmd_interpreters.c - `ladder interpreters`: every Python runtime found,
 * what it is, whether it is on the ladder, and why not when it is not. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/session.h"

static const char HELP[] =
    "usage: ladder interpreters [--python PATH]...\n"
    "\n"
    "Lists every Python interpreter found: pyenv's versions, python3.X and\n"
    "python3.Xt on PATH, uv's managed interpreters, Debian's pypy3, GraalPy as\n"
    "the project's setup builds it, and any --python PATH. For each: the id that\n"
    "--python takes, the implementation and language version, the executable,\n"
    "whether it has a JIT or runs free-threaded, and whether rows can run on it\n"
    "(CPython 3.10 and newer, PyPy, and GraalPy with its JIT). The baseline, the\n"
    "newest CPython, is marked *. Interpreters of the study's ladder that were\n"
    "not found are listed with the command that would install them.\n";

int cmd_interpreters(int argc, char **argv)
{
    const char *paths[16];
    size_t npaths = 0;
    static const struct option options[] = {{"python", required_argument, NULL, 'p'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        if (c == 'p' && npaths < sizeof paths / sizeof *paths)
            paths[npaths++] = optarg;
        else if (c == 'h')
            return fputs(HELP, stdout), 0;
        else
            return fputs(HELP, stderr), EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "ladder interpreters: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    session s;
    buf why = BUF_INIT;
    if (session_open(&s, paths, npaths, &why) != 0) {
        fprintf(stderr, "ladder interpreters: %s\n", why.data);
        buf_release(&why);
        return EXIT_WORK_FAILED;
    }
    buf_release(&why);
    printf("  %-22s %-34s %-4s %-5s %-10s %s\n", "id", "interpreter", "jit", "free", "found in",
           "executable");
    for (size_t i = 0; i < s.interpreters.count; i++) {
        const interpreter *in = &s.interpreters.items[i];
        buf name = BUF_INIT;
        interpreter_name(in, &name);
        printf("%s %-22s %-34s %-4s %-5s %-10s %s\n", in == s.baseline ? "*" : " ", in->id,
               name.data, in->jit ? "yes" : "no", in->free_threaded ? "yes" : "no", in->source,
               in->executable);
        if (in->unusable)
            printf("  %-22s not used: %s\n", "", in->unusable);
        else if (!in->in_default)
            printf("  %-22s not in the default ladder (a newer build of its version is); "
                   "--python %s runs it\n", "", in->id);
        if (in->env[0])
            printf("  %-22s runs with %s%s%s\n", "", in->env[0], in->env[1] ? " " : "",
                   in->env[1] ? in->env[1] : "");
        buf_release(&name);
    }
    const interpreter_wanted *missing[16];
    size_t n = interpreters_missing(&s.interpreters, missing, 16);
    if (n > 0)
        printf("\nOf the study's ladder, not found here:\n");
    for (size_t k = 0; k < n; k++)
        printf("  %-34s to install: %s\n", missing[k]->name, missing[k]->enable);
    session_close(&s);
    return 0;
}
