/* session.c - the project, its declarations and its interpreter (see session.h). */
#include "harness/session.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/fs.h"

/* 1 if dir holds both problems/ and rungs/. */
static int is_root(const char *dir)
{
    buf p = BUF_INIT;
    buf_printf(&p, "%s/problems", dir);
    int yes = fs_exists(p.data);
    buf_clear(&p);
    buf_printf(&p, "%s/rungs", dir);
    yes = yes && fs_exists(p.data);
    buf_release(&p);
    return yes;
}

static char *find_root(void)
{
    const char *env = getenv("LADDER_ROOT");
    if (env != NULL && *env)
        return realpath(env, NULL);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (char *slash = strrchr(exe, '/'); slash != NULL; slash = strrchr(exe, '/')) {
            *slash = '\0';
            if (exe[0] && is_root(exe))
                return strdup(exe);
        }
    }
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) != NULL && is_root(cwd))
        return strdup(cwd);
    return NULL;
}

int session_open(session *s, const char *python_request, buf *why)
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
    if (problems_load(s->root, &s->problems, err, sizeof err) != 0 ||
        rungs_load(s->root, s->build_root, &s->rungs, err, sizeof err) != 0) {
        buf_puts(why, err);
        session_close(s);
        return -1;
    }
    s->have_python = python_find(python_request, s->root, &s->python, &s->python_problem) == 0;
    if (python_request != NULL && !s->have_python) {
        buf_append(why, s->python_problem.data, s->python_problem.len);
        session_close(s);
        return -1;
    }
    s->ctx.root = s->root;
    s->ctx.build_root = s->build_root;
    s->ctx.python = s->have_python ? &s->python : NULL;
    s->env.root = s->root;
    s->env.data_dir = s->data_dir;
    s->env.python = s->have_python ? s->python.command : "python3";
    return 0;
}

void session_close(session *s)
{
    problems_release(&s->problems);
    rungs_release(&s->rungs);
    if (s->have_python)
        python_info_release(&s->python);
    buf_release(&s->python_problem);
    free(s->root);
    free(s->build_root);
    free(s->data_dir);
    memset(s, 0, sizeof *s);
}
