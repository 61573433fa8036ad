/*
 * python.h - finds the CPython interpreter every Python-hosted rung runs on,
 * and describes it (version, build flags) for the results.
 *
 * Choice, in order: the path given (--python), $LADDER_PYTHON, the
 * project's virtual environment (.venv/bin/python, made by scripts/setup
 * from the newest CPython), else the newest CPython on PATH or under pyenv
 * (free-threaded builds and other implementations are passed over: a
 * baseline must be the ordinary build).
 *
 *     python_info py;
 *     buf why = BUF_INIT;
 *     if (python_find(NULL, root, &py, &why) != 0) ... why says what failed
 *     ...
 *     python_info_release(&py);
 */
#ifndef LADDER_PYTHON_H
#define LADDER_PYTHON_H

#include "harness/buf.h"

typedef struct python_info {
    char *command;        /* what rungs are started with (may be a venv's) */
    char *executable;     /* sys.executable, resolved */
    char *version;        /* "3.13.0" */
    char *implementation; /* "cpython" */
    char *build_flags;    /* sysconfig CONFIG_ARGS */
    char *compiler;       /* sysconfig CC */
    int has_headers;      /* Python.h is present */
    int free_threaded;
} python_info;

/* Fills *out (owned; release with python_info_release). Returns -1 and
 * explains in why when no usable interpreter exists. */
int python_find(const char *requested, const char *root, python_info *out, buf *why);

/* 1 if `import module` works in that interpreter. */
int python_has_module(const python_info *py, const char *module);

void python_info_release(python_info *py);

#endif /* LADDER_PYTHON_H */
