/*
 * effort.h - what a rung cost its author, measured from its files: the
 * study's conclusion is a curve of speedup against effort, and effort can
 * be counted.
 *
 *     effort_source src;
 *     effort_source_read(&src, rung_dir, "nbody.c nbody_kernel.h");
 *     effort_source base;
 *     effort_source_read(&base, baseline_dir, "nbody.py");
 *     effort e;
 *     effort_compare(&src, &base, &e);     // lines, added, removed, gzip size
 *     effort_source_release(&src);
 *
 * Normalized source: every file's lines without comments and blank lines
 * (a '#' line is a comment in Python, shell or Mojo, and code in C, where
 * comments are // and block comments), trailing whitespace dropped; the
 * gzip size is that text compressed with zlib at level 9 in the gzip
 * format (the Benchmarks Game's source-size measure). The diff is a
 * longest-common-subsequence line diff of the normalized lines, so that
 * moving from the baseline's Python to a rung's Python counts only what
 * changed, and a rewrite in another language counts everything.
 */
#ifndef LADDER_EFFORT_H
#define LADDER_EFFORT_H

#include <stddef.h>

#include "harness/buf.h"

typedef struct effort_source {
    char **lines;      /* normalized lines, owned */
    size_t count;
    buf text;          /* the lines joined by '\n' */
} effort_source;

typedef struct effort {
    long lines;        /* normalized lines of the rung's source */
    long added;        /* lines in the rung's source and not in the baseline's */
    long removed;      /* lines in the baseline's source and not in the rung's */
    long gzip_bytes;   /* the normalized source, gzip -9 */
} effort;

/* Reads the files named by the space-separated patterns (shell wildcards,
 * relative to dir) into *src. 0, or -1 if no file matched. */
int effort_source_read(effort_source *src, const char *dir, const char *patterns);
void effort_source_release(effort_source *src);

/* Compares a rung's source with the baseline's (base may be NULL: nothing
 * to compare with, so every line is added). */
void effort_compare(const effort_source *src, const effort_source *base, effort *out);

/* The bytes of files under path (a file or a folder, recursively). */
long long effort_tree_bytes(const char *path);

#endif /* LADDER_EFFORT_H */
