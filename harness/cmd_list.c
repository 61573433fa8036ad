/* cmd_list.c - `ladder list`: the problems, the interpreters and the rungs,
 * and which rungs can run on this machine (and, for those that cannot, how
 * to enable them). `--check` checks every declaration. */
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>

#include "harness/commands.h"
#include "harness/schema.h"
#include "harness/session.h"
#include "harness/venv.h"

static const char HELP[] =
    "usage: ladder list [--check] [--python PATH]\n"
    "\n"
    "Lists the problems (what is computed, at which sizes), the interpreters\n"
    "found (see 'ladder interpreters'), and the rungs (the ways of computing\n"
    "it), and says for each rung whether it can run on this machine. A rung that\n"
    "cannot is shown with the reason and the command that would enable it; a\n"
    "declaration with a mistake is shown with the file and line.\n"
    "\n"
    "  --check         check every declaration (keys, values, problems named,\n"
    "                  source files, package pins) and exit 1 if one is wrong\n"
    "  --python PATH   also consider this interpreter\n";

/* The --check findings a declaration's schema cannot see. */
static int check_rung_files(const session *s, const rung *r, buf *why)
{
    char name_of_problem[128];
    for (size_t i = 0; schema_word(r->problems, i, name_of_problem, sizeof name_of_problem) == 0; i++) {
        char key[160];
        snprintf(key, sizeof key, "source.%s", name_of_problem);
        const char *files = conf_get(r->conf, key);
        char name[256];
        for (size_t k = 0; files && schema_word(files, k, name, sizeof name) == 0; k++) {
            buf pattern = BUF_INIT;
            buf_printf(&pattern, "%s/%s", r->dir, name);
            glob_t g;
            int found = glob(pattern.data, 0, NULL, &g) == 0;
            if (found)
                globfree(&g);
            buf_release(&pattern);
            if (!found) {
                buf_printf(why, "%s:%d: %s: no file matches '%s'", conf_name(r->conf),
                           conf_line(r->conf, key), key, name);
                return -1;
            }
        }
    }
    if (r->packages[0] && !venv_packages_pinned(s->root, r->packages, why))
        return -1;
    return 0;
}

static void print_rung(const session *s, const rung *r, int *invalid, int check)
{
    buf why = BUF_INIT, title = BUF_INIT;
    if (r->invalid == NULL && check && check_rung_files(s, r, &why) != 0) {
        printf("  %-14s INVALID: %s\n", r->name, why.data);
        (*invalid)++;
        buf_release(&why);
        return;
    }
    if (r->invalid != NULL) {
        printf("  %-14s INVALID: %s\n", r->name, r->invalid);
        (*invalid)++;
        return;
    }
    const interpreter *interp = r->host == RUNG_PYTHON ? s->baseline : NULL;
    rung_context ctx;
    rung_context_init(&ctx, s->root, r, interp, NULL);
    rung_title(r, &ctx, s->baseline, &title);
    int ok = 1;
    if (r->host == RUNG_PYTHON && interp == NULL) {
        ok = 0;
        buf_puts(&why, "no CPython found");
    } else if (r->host == RUNG_PYTHON && !rung_runs_on(r, interp, &why)) {
        ok = 0;
    } else if (r->host == RUNG_PYTHON && r->packages[0]) {
        venv_status vs = venv_state(s->root, interp, r->name, r->packages, &why);
        ok = vs != VENV_UNAVAILABLE;
        if (vs == VENV_READY && !rung_requirements_met(r, &ctx, &why))
            ok = 0;
        else if (vs == VENV_NOT_YET)
            buf_printf(&why, "packages (%s) are installed into .venvs/%s on the first run",
                       r->packages, interp->id);
    } else if (!rung_requirements_met(r, &ctx, &why)) {
        ok = 0;
    }
    printf("  %-14s %-40s %s\n", r->name, title.data, ok ? "available" : "not available");
    printf("  %-14s problems: %s\n", "", r->problems);
    if (r->conf) {
        const char *key, *value;
        for (size_t n = 0; conf_entry(r->conf, n, &key, &value) == 0; n++)
            if (strncmp(key, "not-applicable.", 15) == 0)
                printf("  %-14s not applicable: %s (%s)\n", "", key + 15, value);
    }
    if (r->host == RUNG_PYTHON)
        printf("  %-14s runs on: %s%s%s\n", "", r->implementations, r->versions ? " " : "",
               r->versions ? r->versions : "");
    printf("  %-14s costs you: %s\n", "", r->cost);
    if (!ok || why.len) {
        printf("  %-14s %s: %s\n", "", ok ? "note" : "why", why.data);
        if (!ok && r->enable[0]) {
            buf enable = BUF_INIT;
            rung_enable_text(r, &ctx, &enable);
            printf("  %-14s to enable: %s\n", "", enable.data);
            buf_release(&enable);
        }
    }
    rung_context_release(&ctx);
    buf_release(&title);
    buf_release(&why);
}

/* Rungs the ladder knows of but cannot build here (rungs/_known/NAME.conf:
 * title, reason, enable): listed with why, never run, never faked. */
static void print_known(const session *s)
{
    buf pattern = BUF_INIT;
    buf_printf(&pattern, "%s/rungs/_known/*.conf", s->root);
    glob_t g;
    if (glob(pattern.data, 0, NULL, &g) == 0) {
        printf("\nKnown, but not available here:\n");
        for (size_t i = 0; i < g.gl_pathc; i++) {
            char err[512];
            conf *c = conf_load(g.gl_pathv[i], err, sizeof err);
            if (c == NULL) {
                printf("  INVALID: %s\n", err);
                continue;
            }
            const char *title = conf_get(c, "title"), *reason = conf_get(c, "reason");
            const char *enable = conf_get(c, "enable");
            printf("  %-14s %s\n", title ? title : g.gl_pathv[i], reason ? reason : "");
            if (enable)
                printf("  %-14s to enable: %s\n", "", enable);
            conf_free(c);
        }
        globfree(&g);
    }
    buf_release(&pattern);
}

int cmd_list(int argc, char **argv)
{
    const char *paths[1];
    size_t npaths = 0;
    int check = 0;
    static const struct option options[] = {{"python", required_argument, NULL, 'p'},
                                            {"check", no_argument, NULL, 'c'},
                                            {"help", no_argument, NULL, 'h'},
                                            {0}};
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
        if (c == 'p')
            paths[0] = optarg, npaths = 1;
        else if (c == 'c')
            check = 1;
        else if (c == 'h')
            return fputs(HELP, stdout), 0;
        else
            return fputs(HELP, stderr), EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "ladder list: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    session s;
    buf why = BUF_INIT;
    if (session_open(&s, paths, npaths, &why) != 0) {
        fprintf(stderr, "ladder list: %s\n", why.data);
        buf_release(&why);
        return EXIT_WORK_FAILED;
    }
    buf_release(&why);
    int invalid = 0;
    printf("Problems:\n");
    for (size_t i = 0; i < s.problems.count; i++) {
        const problem *p = &s.problems.items[i];
        if (p->invalid) {
            printf("  %-15s INVALID: %s\n", p->name, p->invalid);
            invalid++;
            continue;
        }
        printf("  %-15s %s\n", p->name, p->summary);
        printf("  %-15s sizes (%s): quick %s, study %s, game %s\n", "", p->parameter,
               conf_get(p->conf, "size.quick"), conf_get(p->conf, "size.study"),
               conf_get(p->conf, "size.game"));
    }
    printf("\nInterpreters (the baseline is marked *; 'ladder interpreters' says more):\n");
    for (size_t i = 0; i < s.interpreters.count; i++) {
        const interpreter *in = &s.interpreters.items[i];
        buf name = BUF_INIT;
        interpreter_name(in, &name);
        printf("  %s %-20s %-36s %s\n", in == s.baseline ? "*" : " ", in->id, name.data,
               in->unusable ? in->unusable : in->in_default ? "" : "(not in the default ladder)");
        buf_release(&name);
    }
    const interpreter_wanted *missing[16];
    size_t n = interpreters_missing(&s.interpreters, missing, 16);
    for (size_t k = 0; k < n; k++)
        printf("    %-20s %-36s not found; to enable: %s\n", "-", missing[k]->name,
               missing[k]->enable);

    printf("\nRungs (lowest first):\n");
    for (size_t i = 0; i < s.rungs.count; i++)
        print_rung(&s, &s.rungs.items[i], &invalid, check);
    print_known(&s);
    if (check)
        printf("\n%d declaration%s invalid\n", invalid, invalid == 1 ? "" : "s");
    session_close(&s);
    return check && invalid ? EXIT_WORK_FAILED : 0;
}
