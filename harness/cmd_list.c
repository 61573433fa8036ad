/* cmd_list.c - `ladder list`: the problems and the rungs, and which rungs
 * can run on this machine (and, for those that cannot, how to enable them). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/session.h"

static const char HELP[] =
    "usage: ladder list [--python PATH]\n"
    "\n"
    "Lists the problems (what is computed, at which sizes) and the rungs (the\n"
    "ways of computing it), and says for each rung whether it can run on this\n"
    "machine. A rung that cannot is shown with the reason and the command that\n"
    "would enable it.\n"
    "\n"
    "  --python PATH   the CPython that Python-hosted rungs run on (default: the\n"
    "                  project's .venv, else the newest CPython found)\n";

int cmd_list(int argc, char **argv)
{
    const char *python = NULL;
    static const struct option options[] = {
        {"python", required_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'}, {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        if (c == 'p')
            python = optarg;
        else if (c == 'h')
            return fputs(HELP, stdout), 0;
        else
            return fputs(HELP, stderr), EXIT_USAGE;
    }
    session s;
    buf why = BUF_INIT;
    if (session_open(&s, python, &why) != 0) {
        fprintf(stderr, "ladder: %s\n", why.data);
        buf_release(&why);
        return EXIT_WORK_FAILED;
    }
    printf("Problems:\n");
    for (size_t i = 0; i < s.problems.count; i++) {
        const problem *p = &s.problems.items[i];
        printf("  %-15s %s\n", p->name, p->summary);
        printf("  %-15s sizes (%s): quick %s, study %s, game %s\n", "", p->parameter,
               problem_size_argument(p, "quick"), problem_size_argument(p, "study"),
               problem_size_argument(p, "game"));
    }
    printf("\nInterpreter for Python-hosted rungs: ");
    if (s.have_python)
        printf("CPython %s (%s)\n", s.python.version, s.python.executable);
    else
        printf("none (%s)\n", s.python_problem.data);

    printf("\nRungs (lowest first):\n");
    for (size_t i = 0; i < s.rungs.count; i++) {
        const rung *r = &s.rungs.items[i];
        buf title = BUF_INIT;
        rung_title(r, &s.ctx, &title);
        buf_clear(&why);
        int ok = rung_available(r, &s.ctx, &why);
        printf("  %-12s %-34s %s\n", r->name, title.data, ok ? "available" : "not available");
        printf("  %-12s problems: %s\n", "", conf_get(r->conf, "problems"));
        printf("  %-12s costs you: %s\n", "", r->cost);
        if (!ok) {
            printf("  %-12s why: %s\n", "", why.data);
            if (r->enable[0]) {
                buf enable = BUF_INIT;
                rung_enable_text(r, &s.ctx, &enable);
                printf("  %-12s to enable: %s\n", "", enable.data);
                buf_release(&enable);
            }
        }
        buf_release(&title);
    }
    buf_release(&why);
    session_close(&s);
    return 0;
}
