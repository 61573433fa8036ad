/*
 * interp.h - the Python interpreters of the ladder: found on this machine,
 * probed, and chosen. A row is (problem, rung, interpreter); this module
 * knows the third part.
 *
 *     interpreter_set set;
 *     buf why = BUF_INIT;
 *     interpreters_discover(root, extra_paths, nextra, &set, &why);
 *     const interpreter *base = interpreters_baseline(&set);   // NULL: none
 *     size_t chosen[INTERP_MAX];
 *     size_t n = 0;
 *     if (interpreters_select(&set, "3.11", chosen, &n, INTERP_MAX, &why) != 0) ...
 *     buf name = BUF_INIT;
 *     interpreter_name(&set.items[chosen[0]], &name);          // "CPython 3.11.7"
 *     interpreters_release(&set);
 *
 * Where they are looked for: pyenv's versions ($PYENV_ROOT, default
 * ~/.pyenv), python3.X and python3.Xt on PATH, uv's managed interpreters
 * ($UV_PYTHON_INSTALL_DIR, default ~/.local/share/uv/python), pypy3 on PATH
 * (Debian's), GraalPy as the project's setup builds it (build/graalpy/bin/
 * graalpy, interpreters/graalpy) or `graalpy` on PATH, and every path given
 * (`--python PATH`). Each is asked about itself by running a short probe
 * (Python 2 syntax, so that old ones can say what they are); answers are
 * cached in build/interpreters.json by path, size and modification time.
 *
 * Variants: a CPython built with the experimental JIT appears twice, as
 * itself (PYTHON_JIT=0) and as "-jit" (PYTHON_JIT=1); a free-threaded build
 * ("3.13t") runs with PYTHON_GIL=0. The environment a variant needs is in
 * `env`, and every process started on it must get it.
 *
 * Usable: CPython 3.10 and newer (the study's range), PyPy, and GraalPy
 * with its JIT on. Others are listed with the reason in `unusable`. Of
 * several builds of one version line (CPython 3.11.2 and 3.11.7), the
 * newest is in the default ladder; the others run only when asked for.
 *
 * The set owns every string in it.
 */
#ifndef LADDER_INTERP_H
#define LADDER_INTERP_H

#include <stddef.h>

#include "harness/buf.h"

/* More interpreters than this are not considered. */
#define INTERP_MAX 64
/* The oldest CPython the ladder runs: the study's oldest. */
#define INTERP_OLDEST_MAJOR 3
#define INTERP_OLDEST_MINOR 10
/* The most environment variables a variant needs (PYTHON_JIT, PYTHON_GIL). */
#define INTERP_ENV_MAX 2

typedef struct interpreter {
    char *id;             /* "cpython-3.13.0", "cpython-3.13.0t", "cpython-3.13.0-jit",
                             "pypy-7.3.11", "graalpy-25.0.3": unique in the set */
    char *implementation; /* "cpython", "pypy", "graalpy" (sys.implementation.name) */
    char *version;        /* the language version, "3.13.0" */
    char *impl_version;   /* PyPy's or GraalPy's own version; CPython's is version */
    char *executable;     /* the command that starts it (absolute) */
    char *sys_executable; /* what it says sys.executable is */
    char *build_flags;    /* sysconfig CONFIG_ARGS ("" if none) */
    char *compiler;       /* sysconfig CC */
    char *source;         /* where it was found: "pyenv", "PATH", "uv", "graalpy setup", "--python" */
    char *env[INTERP_ENV_MAX + 1];   /* "NAME=value" every process on it needs; NULL-terminated */
    char *unusable;       /* NULL, or why rows cannot run on it */
    int has_headers;      /* Python.h is there (C extensions can be built) */
    int jit;              /* this variant compiles hot code at run time */
    int free_threaded;
    int in_default;       /* part of the default ladder */
    int minor;            /* 3.X: X */
} interpreter;

typedef struct interpreter_set {
    interpreter *items;   /* CPython by version (variants after each), then PyPy, GraalPy */
    size_t count;
} interpreter_set;

/* Finds and probes every interpreter (see above); extra holds paths given
 * on the command line, which must work (-1 with why filled if one does not).
 * An empty set is not an error. */
int interpreters_discover(const char *root, const char *const *extra, size_t nextra,
                          interpreter_set *out, buf *why);

/* The interpreter speedups are measured on: the newest usable CPython of
 * the default ladder, not a JIT or free-threaded variant. NULL if none. */
const interpreter *interpreters_baseline(const interpreter_set *set);

/* Adds to chosen (indices into set, at most cap, no duplicates) the
 * interpreters a --python SPEC names: "all" (every usable one), "default"
 * (the default ladder), "baseline" (interpreters_baseline), an implementation ("cpython", "pypy", "graalpy"), a
 * version ("3.11" or "3.11.7": CPython's), an id, or a path given to
 * interpreters_discover. -1 with why filled if SPEC names none usable. */
int interpreters_select(const interpreter_set *set, const char *spec, size_t *chosen,
                        size_t *nchosen, size_t cap, buf *why);

/* The display name: "CPython 3.13.0", "CPython 3.13.0 (JIT)", "CPython
 * 3.13.0t (free-threaded)", "PyPy 7.3.11 (Python 3.9)", "GraalPy 25.0.3
 * (Python 3.12, JIT)". Appends to out. */
void interpreter_name(const interpreter *i, buf *out);

/* 1 if version "3.X" lies in a `versions` range ("3.10-3.13", "3.12-",
 * "-3.13"); -1 if the range is malformed. */
int interpreter_version_in(const interpreter *i, const char *range);

/* An interpreter of the study's ladder (CPython 3.10 to 3.14 and 3.14t,
 * PyPy, GraalPy): a default run shows a row for each, measured, or
 * skipped with the command that would install it. */
typedef struct interpreter_wanted {
    const char *implementation;
    int minor;              /* CPython's 3.X; -1: any version */
    int free_threaded;
    const char *name;       /* "CPython 3.14t (free-threaded)" */
    const char *enable;     /* how to get it */
} interpreter_wanted;

/* The wanted interpreters of which no usable one was found, in ladder
 * order; returns how many were stored in out (at most cap). */
size_t interpreters_missing(const interpreter_set *set, const interpreter_wanted **out, size_t cap);

/* The unusable interpreter found for a wanted one (GraalPy without its
 * JIT), or NULL. */
const interpreter *interpreters_found_unusable(const interpreter_set *set,
                                               const interpreter_wanted *w);

void interpreters_release(interpreter_set *set);

#endif /* LADDER_INTERP_H */
