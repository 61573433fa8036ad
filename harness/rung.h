/*
 * rung.h - the rungs, as declared in rungs/NAME/rung.conf (format:
 * docs/declaring.md): what each needs, how it is built and started.
 *
 *     rung_set set;
 *     rungs_load(root, &set, err, sizeof err);
 *     rung_context ctx = {root, build_root, &python, have_python};
 *     buf why = BUF_INIT;
 *     if (!rung_available(&set.items[i], &ctx, &why)) ... why: the reason
 *     rung_build(&set.items[i], &ctx, log_path, err, sizeof err);
 *     rungs_release(&set);
 *
 * The set owns every string in it. Rungs are ordered by `rank` (their
 * place on the ladder, plain Python first), then by name.
 */
#ifndef LADDER_RUNG_H
#define LADDER_RUNG_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/conf.h"
#include "harness/python.h"

/* Where a rung sits on the ladder when its rung.conf gives no rank. */
#define RUNG_DEFAULT_RANK 50

typedef struct rung {
    char *name;              /* the folder's name */
    char *dir;               /* rungs/NAME, absolute */
    char *build_dir;         /* build/rungs/NAME, absolute */
    conf *conf;
    const char *title;       /* may hold {python_version} */
    const char *cost;
    const char *requires;    /* "" if nothing */
    const char *enable;      /* "" if none given */
    const char *build;       /* NULL if nothing to build */
    const char *run;
    int rank;
} rung;

typedef struct rung_set {
    rung *items;
    size_t count;
} rung_set;

/* What availability checks and commands need to know. */
typedef struct rung_context {
    const char *root;
    const char *build_root;         /* build/ */
    const python_info *python;      /* NULL if none was found */
} rung_context;

int rungs_load(const char *root, const char *build_root, rung_set *out,
               char *err, size_t errlen);
void rungs_release(rung_set *set);
const rung *rungs_find(const rung_set *set, const char *name);

/* 1 if the rung declares this problem in `problems`. */
int rung_implements(const rung *r, const char *problem);

/* 1 if everything in `requires` is here; else 0 and the first missing
 * thing is described in why ("python module 'orjson' is not installed"). */
int rung_available(const rung *r, const rung_context *ctx, buf *why);

/* The title with {python_version} filled in. Appends to out. */
void rung_title(const rung *r, const rung_context *ctx, buf *out);

/* The `enable` hint with its placeholders filled in. Appends to out. */
void rung_enable_text(const rung *r, const rung_context *ctx, buf *out);

/* The files of the rung that implement problem (`source.PROBLEM`: paths
 * relative to the rung's folder, shell wildcards allowed), and the lines of
 * code in them (blank lines and comment-only lines not counted). Returns -1
 * if none are declared. */
long rung_source_lines(const rung *r, const char *problem);

/* Expands the rung's `build` or `run` command (extra vars may be NULL). */
int rung_command(const rung *r, const rung_context *ctx, const char *text,
                 buf *out, char *err, size_t errlen);

/* Runs `build` (if any) with its output in log_path. -1 with err filled
 * (naming the log) if it fails. */
int rung_build(const rung *r, const rung_context *ctx, const char *log_path,
               char *err, size_t errlen);

#endif /* LADDER_RUNG_H */
