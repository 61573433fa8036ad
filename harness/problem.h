/*
 * problem.h - the problems, as declared in problems/NAME/problem.conf
 * (format: docs/declaring.md): sizes, inputs, references and how outputs
 * are compared. The harness knows no problem by name; it reads these.
 *
 *     problem_set set;
 *     if (problems_load(root, &set, err, sizeof err) != 0) ...
 *     const problem *p = problems_find(&set, "nbody");
 *     const char *arg = problem_size_argument(p, "study");   // "500000"
 *     problems_release(&set);
 *
 * Strings in a problem belong to the problem_set.
 */
#ifndef LADDER_PROBLEM_H
#define LADDER_PROBLEM_H

#include <stddef.h>
#include <stdint.h>

#include "harness/buf.h"
#include "harness/conf.h"
#include "harness/verify.h"

/* The size profiles every problem declares, smallest first. */
#define PROBLEM_PROFILES {"quick", "study", "game"}
#define PROBLEM_DEFAULT_PROFILE "study"

typedef struct problem {
    char *name;               /* the folder's name: nbody, spectral-norm, ... */
    char *dir;                /* problems/NAME, absolute */
    conf *conf;
    const char *title;
    const char *summary;
    const char *parameter;    /* what the size argument counts */
    int takes_events;         /* input = events SEED */
    uint64_t events_seed;
    verify_rule rule;
} problem;

typedef struct problem_set {
    problem *items;           /* sorted by name */
    size_t count;
} problem_set;

int problems_load(const char *root, problem_set *out, char *err, size_t errlen);
void problems_release(problem_set *set);
const problem *problems_find(const problem_set *set, const char *name);

/* The size argument for a profile ("quick", "study", "game"), or the
 * profile itself when it is a number (a custom size). NULL if neither. */
const char *problem_size_argument(const problem *p, const char *profile);

/* Paths and the interpreter, for inputs and references made on demand. */
typedef struct problem_env {
    const char *root;
    const char *data_dir;     /* where inputs and computed references are cached */
    const char *python;       /* interpreter command, for `reference` */
} problem_env;

/* The argument to pass to a rung: arg itself, or the path of the input file
 * (generated now if missing) for problems that take events. Appends to out. */
int problem_rung_argument(const problem *p, const problem_env *env, const char *arg,
                          buf *out, char *err, size_t errlen);

/* The reference output for arg: `expect.ARG` (text or @file), else the
 * `reference` command's output (cached). Appends to out; -1 with err
 * filled when there is none or it cannot be made. */
int problem_expected_output(const problem *p, const problem_env *env, const char *arg,
                            buf *out, char *err, size_t errlen);

#endif /* LADDER_PROBLEM_H */
