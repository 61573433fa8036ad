/*
 * session.h - what every `ladder` command starts from: where the project
 * is, its problems and rungs, and the interpreters found on this machine.
 *
 *     session s;
 *     buf why = BUF_INIT;
 *     if (session_open(&s, python_paths, npaths, &why) != 0) ... print why
 *     ...
 *     session_close(&s);
 *
 * The root is found from the executable's location (walking up to the
 * folder holding problems/, rungs/ and harness/), or taken from $LADDER_ROOT, so
 * `ladder` works from any current directory. A declaration that is wrong
 * makes its problem or rung invalid, not the session. The session owns
 * everything in it.
 */
#ifndef LADDER_SESSION_H
#define LADDER_SESSION_H

#include "harness/buf.h"
#include "harness/interp.h"
#include "harness/problem.h"
#include "harness/rung.h"

typedef struct session {
    char *root;
    char *build_root;      /* ROOT/build */
    char *data_dir;        /* ROOT/build/data: generated inputs, computed references */
    char *ladder;          /* this program */
    problem_set problems;
    rung_set rungs;
    interpreter_set interpreters;
    const interpreter *baseline;   /* NULL if no CPython was found */
    problem_env env;
} session;

/* Opens the project. python_paths are interpreters given on the command
 * line (--python PATH); each must work. */
int session_open(session *s, const char *const *python_paths, size_t npaths, buf *why);
void session_close(session *s);

#endif /* LADDER_SESSION_H */
