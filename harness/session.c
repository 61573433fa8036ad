/* session.c - the project, its declarations and its interpreters (see session.h). */
#include "harness/session.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/fs.h"

/* 1 if dir is the project: it holds problems/, rungs/ and the harness's
 * sources (build/ holds build/problems and build/rungs too). */
static int is_root(const char *dir)
{
    static const char *const marks[] = {"problems", "rungs", "harness/main.c"};
    int yes = 1;
    for (size_t i = 0; i < sizeof marks / sizeof *marks && yes; i++) {
        buf p = BUF_INIT;
        buf_printf(&p, "%s/%s", dir, marks[i]);
        yes = fs_exists(p.data);
        buf_release(&p);
    }
    return yes;
}

static char *self_path(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    return strdup(exe);
}

static char *find_root(void)
{
    const char *env = getenv("LADDER_ROOT");
    if (env != NULL && *env)
        return realpath(env, NULL);
    char *exe = self_path();
    if (exe != NULL) {
        for (char *slash = strrchr(exe, '/'); slash != NULL; slash = strrchr(exe, '/')) {
            *slash = '\0';
            if (exe[0] && is_root(exe))
                return exe;
        }
        free(exe);
    }
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) != NULL && is_root(cwd))
        return strdup(cwd);
    return NULL;
}

int session_open(session *s, const char *const *python_paths, size_t npaths, buf *why)
{
    memset(s, 0, sizeof *s);
    char err[512];
    s->root = find_root();
    if (s->root == NULL) {
        buf_puts(why, "cannot find the ladder project (a folder with problems/ and rungs/); "
                      "set LADDER_ROOT");
        return -1;
    }
    buf b = BUF_INIT;
    buf_printf(&b, "%s/build", s->root);
    s->build_root = buf_detach(&b);
    buf_printf(&b, "%s/data", s->build_root);
    s->data_dir = buf_detach(&b);
    s->ladder = self_path();
    if (s->ladder == NULL)
        s->ladder = strdup("ladder");
    if (problems_load(s->root, &s->problems, err, sizeof err) != 0 ||
        rungs_load(s->root, &s->problems, &s->rungs, err, sizeof err) != 0) {
        buf_puts(why, err);
        session_close(s);
        return -1;
    }
    if (interpreters_discover(s->root, python_paths, npaths, &s->interpreters, why) != 0) {
        session_close(s);
        return -1;
    }
    s->baseline = interpreters_baseline(&s->interpreters);
    s->env.root = s->root;
    s->env.data_dir = s->data_dir;
    s->env.python = s->baseline ? s->baseline->executable : NULL;
    s->env.ladder = s->ladder;
    return 0;
}

void session_close(session *s)
{
    problems_release(&s->problems);
    rungs_release(&s->rungs);
    interpreters_release(&s->interpreters);
    free(s->root);
    free(s->build_root);
    free(s->data_dir);
    free(s->ladder);
    memset(s, 0, sizeof *s);
}
