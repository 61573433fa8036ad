/*
 * session.h - what every `ladder` command starts from: where the project
 * is, its problems and rungs, and the interpreter Python rungs run on.
 *
 *     session s;
 *     buf why = BUF_INIT;
 *     if (session_open(&s, python_path_or_NULL, &why) != 0) ... print why
 *     ...
 *     session_close(&s);
 *
 * The root is found from the executable's location (walking up to the
 * folder holding problems/ and rungs/), or taken from $LADDER_ROOT, so
 * `ladder` works from any current directory. The session owns everything
 * in it.
 */
#ifndef LADDER_SESSION_H
#define LADDER_SESSION_H

#include "harness/buf.h"
#include "harness/problem.h"
#include "harness/python.h"
#include "harness/rung.h"

typedef struct session {
    char *root;
    char *build_root;      /* ROOT/build */
    char *data_dir;        /* ROOT/build/data: generated inputs, computed references */
    problem_set problems;
    rung_set rungs;
    python_info python;
    int have_python;
    buf python_problem;    /* why there is no interpreter, if there is none */
    rung_context ctx;
    problem_env env;
} session;

int session_open(session *s, const char *python_request, buf *why);
void session_close(session *s);

#endif /* LADDER_SESSION_H */
