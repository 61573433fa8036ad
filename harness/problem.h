/*
 * problem.h - the problems, as declared in problems/NAME/problem.conf
 * (docs/declaring.md): sizes, the argument, the input, the references and
 * how outputs are compared. The harness knows no problem by name; it
 * reads these.
 *
 *     problem_set set;
 *     problems_load(root, &set, err, sizeof err);
 *     const problem *p = problems_find(&set, "nbody");
 *     if (p->invalid) ... the declaration's error, "FILE:LINE: what"
 *     buf arg = BUF_INIT, why = BUF_INIT;
 *     problem_size_argument(p, "study", &arg, &why);           // "500000"
 *     problem_reference ref;
 *     problem_reference_get(p, &env, arg.data, &ref, &why);    // computed once, cached
 *     ...
 *     problem_reference_release(&ref);
 *     problems_release(&set);
 *
 * Strings in a problem belong to the problem_set. A declaration that does
 * not follow the schema makes that problem invalid (p->invalid says why),
 * never the set: every other problem still works.
 */
#ifndef LADDER_PROBLEM_H
#define LADDER_PROBLEM_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/conf.h"
#include "harness/verify.h"

/* The size profiles every problem declares, smallest first. */
#define PROBLEM_PROFILES {"quick", "study", "game"}
#define PROBLEM_PROFILE_COUNT 3
#define PROBLEM_DEFAULT_PROFILE "study"

typedef struct problem {
    char *name;               /* the folder's name: nbody, spectral-norm, ... */
    char *dir;                /* problems/NAME, absolute */
    char *build_dir;          /* build/problems/NAME, absolute */
    conf *conf;               /* NULL if the file could not be read */
    char *invalid;            /* NULL, or why the declaration cannot be used */
    const char *title;
    const char *summary;
    const char *parameter;    /* what the size counts */
    long long arg_min, arg_max;
    int generated_input;      /* input = generated: rungs get a file's path */
    double input_bytes;       /* its size per unit of the argument */
    int binary_output;
    verify_rule rule;
    int rank;                 /* the report's order (the study's first) */
} problem;

typedef struct problem_set {
    problem *items;           /* by rank, then name */
    size_t count;
} problem_set;

/* Loads every problems/NAME/problem.conf. -1 with err filled only if the
 * folder cannot be read; a bad declaration makes that problem invalid. */
int problems_load(const char *root, problem_set *out, char *err, size_t errlen);
void problems_release(problem_set *set);
const problem *problems_find(const problem_set *set, const char *name);

/* What problem commands need: paths and tools. */
typedef struct problem_env {
    const char *root;
    const char *data_dir;     /* generated inputs and computed references */
    const char *python;       /* the baseline interpreter, for {python}; NULL if none */
    const char *ladder;       /* this program, for {ladder} */
} problem_env;

/* The argument for a size: a profile ("quick", "study", "game") or a
 * number, checked against the problem's `argument` range. Appends it to
 * arg; -1 with why filled ("'bogus' is not a size of n-body: ...") if it
 * is neither. */
int problem_size_argument(const problem *p, const char *size, buf *arg, buf *why);

/* Refuses up front an input that would not fit: the generated file must
 * fit the free disk under data_dir, and memory (rungs read it whole).
 * 0, or -1 with why saying how much it would take. */
int problem_check_resources(const problem *p, const problem_env *env, const char *arg, buf *why);

/* What to pass to a rung for arg: arg itself, or the path of the generated
 * input (made now if missing, through a temporary file that is removed on
 * failure). Appends to out. */
int problem_rung_argument(const problem *p, const problem_env *env, const char *arg, buf *out,
                          buf *why);

/* The reference output for an argument. */
typedef struct problem_reference {
    verify_expected expected; /* points into the bufs below */
    buf data;                 /* the output, when known */
    buf path;                 /* a file holding it, when there is one */
} problem_reference;

/* Fills *ref: `expect.ARG` (text, @file or sha256:), else the `reference`
 * command's output, computed once and cached under data_dir. -1 with why
 * filled when there is none or it cannot be made. Release ref either way. */
int problem_reference_get(const problem *p, const problem_env *env, const char *arg,
                          problem_reference *ref, buf *why);
void problem_reference_release(problem_reference *ref);

/* The `verifier` command with its placeholders filled (compare =
 * verifier). Appends to out; -1 with why filled. */
int problem_verifier_command(const problem *p, const problem_env *env, buf *out, buf *why);

#endif /* LADDER_PROBLEM_H */
