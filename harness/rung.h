/*
 * rung.h - the rungs, as declared in rungs/NAME/rung.conf (docs/declaring.md):
 * what each implements, where it runs (natively, or inside which Python
 * interpreters), what it needs, how it is built and started.
 *
 *     rung_set set;
 *     rungs_load(root, &problems, &set, err, sizeof err);
 *     const rung *r = &set.items[i];
 *     if (r->invalid) ... "rungs/x/rung.conf:3: unknown key 'requries'"
 *     rung_context ctx;                     // per row: the interpreter, paths
 *     rung_context_init(&ctx, root, r, interp_or_NULL, python_command_or_NULL);
 *     buf why = BUF_INIT;
 *     if (!rung_requirements_met(r, &ctx, &why)) ... skipped: why
 *     rung_build(r, &ctx, log_path, &why);
 *     rung_context_release(&ctx);
 *     rungs_release(&set);
 *
 * The set owns every string in it. Rungs are ordered by `rank` (their
 * place on the ladder, plain Python first), then by name. A declaration
 * that does not follow the schema makes that rung invalid, never the set.
 */
#ifndef LADDER_RUNG_H
#define LADDER_RUNG_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/conf.h"
#include "harness/interp.h"
#include "harness/problem.h"

typedef enum rung_host {
    RUNG_NATIVE,     /* a program of its own */
    RUNG_PYTHON      /* runs inside a Python interpreter, once per interpreter */
} rung_host;

typedef enum rung_warmup {
    RUNG_WARMUP_NONE,
    RUNG_WARMUP_COMPILE,   /* the first call compiles */
    RUNG_WARMUP_JIT        /* compiles while it runs: steady state is detected */
} rung_warmup;

/* The most env.NAME entries a rung may declare. */
#define RUNG_MAX_ENV 16

typedef struct rung {
    char *name;              /* the folder's name */
    char *dir;               /* rungs/NAME, absolute */
    char *build_root;        /* build/rungs/NAME, absolute */
    conf *conf;              /* NULL if the file could not be read */
    char *invalid;           /* NULL, or why the declaration cannot be used */
    const char *title;       /* may hold {interpreter} */
    const char *cost;
    const char *problems;
    const char *requires;    /* "" if nothing */
    const char *enable;      /* "" if none given */
    const char *build;       /* NULL if nothing to build */
    const char *run;
    const char *packages;    /* "" if none */
    const char *implementations;   /* host = python: "cpython" unless declared */
    const char *versions;    /* NULL: any */
    const char *versions_why;
    rung_host host;
    rung_warmup warmup;
    int rank;
    char *env[RUNG_MAX_ENV + 1];   /* "NAME=value" from env.NAME, NULL-terminated */
} rung;

typedef struct rung_set {
    rung *items;
    size_t count;
} rung_set;

/* Loads every rungs/NAME/rung.conf, checked against the schema and against
 * the problems that exist. -1 with err filled only if the folder cannot be
 * read. */
int rungs_load(const char *root, const problem_set *problems, rung_set *out, char *err,
               size_t errlen);
void rungs_release(rung_set *set);
const rung *rungs_find(const rung_set *set, const char *name);

/* 1 if the rung implements problem. */
int rung_implements(const rung *r, const char *problem_name);
/* Its reason for not implementing problem (`not-applicable.PROBLEM`), or NULL. */
const char *rung_not_applicable(const rung *r, const char *problem_name);

/* 1 if a Python-hosted rung runs on interp (its implementations and
 * versions); else 0 with why filled (`versions.why` when it says why). */
int rung_runs_on(const rung *r, const interpreter *interp, buf *why);

/* What commands and checks of one row need. */
typedef struct rung_context {
    const char *root;
    const interpreter *interp;   /* NULL for a native rung */
    const char *python;          /* the command: the interpreter, or its environment's python */
    char *build_dir;             /* owned: build/rungs/NAME[/<interpreter id>] */
    const char *module;          /* `ladder try`: the user's module, for {module}; else NULL */
    /* The rung's env, then the interpreter's (borrowed), with a spare slot
     * for the harness's own (the instruction counter's MARCH). */
    char *env[RUNG_MAX_ENV + INTERP_ENV_MAX + 2];
} rung_context;

void rung_context_init(rung_context *ctx, const char *root, const rung *r,
                       const interpreter *interp, const char *python);
void rung_context_release(rung_context *ctx);

/* 1 if everything in `requires` is here; else 0 with the first missing
 * thing described in why ("Python module 'orjson' is not installed for ..."). */
int rung_requirements_met(const rung *r, const rung_context *ctx, buf *why);

/* The row's title: the rung's, with {interpreter} filled in; a
 * Python-hosted rung on another interpreter than baseline's says which
 * ("Cython (tuned) on CPython 3.11.7"). Appends to out. */
void rung_title(const rung *r, const rung_context *ctx, const interpreter *baseline, buf *out);

/* The `enable` hint with its placeholders filled in. Appends to out. */
void rung_enable_text(const rung *r, const rung_context *ctx, buf *out);

/* The files of the rung that implement problem (`source.PROBLEM`: paths
 * relative to the rung's folder, shell wildcards allowed), or NULL. */
const char *rung_source_patterns(const rung *r, const char *problem_name);

/* The lines of code in those files (effort.h: blank lines and comments not
 * counted; in C-family files a preprocessor line is code). Returns -1 if
 * none are declared. */
long rung_source_lines(const rung *r, const char *problem_name);

/* Expands the rung's `build` or `run` command. -1 with why filled. */
int rung_command(const rung *r, const rung_context *ctx, const char *text, buf *out, buf *why);

/* Runs `build` (if any) with its output in log_path. -1 with why filled
 * (naming the log, with its last line) if it fails. */
int rung_build(const rung *r, const rung_context *ctx, const char *log_path, buf *why);

#endif /* LADDER_RUNG_H */
