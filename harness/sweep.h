/*
 * sweep.h - one problem measured at several sizes (`ladder sweep`): for
 * every row (rung, interpreter), the time per unit of work (the median
 * divided by the size: per step, per N, per event) at each size, and the
 * growth exponent, so that a reader sees where a rung stops scaling
 * (caches, memory, a JIT's limits). With three sizes or more the time is
 * fitted as fixed + c * size^exponent (stats_power_fit): a rung that pays
 * the same per call whatever its size (JAX's dispatch, Taichi's launch) is
 * not mistaken for one that grows slower than its work; with two, the
 * exponent is the log-log slope.
 *
 *     sweep_row *rows; size_t n;
 *     sweep_rows(&results, "nbody", &rows, &n);   // owned; sweep_rows_free
 *     buf svg = BUF_INIT;
 *     sweep_chart_svg(&svg, &results, rows, n);
 *     sweep_table_markdown(&md, &results, rows, n);
 */
#ifndef LADDER_SWEEP_H
#define LADDER_SWEEP_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/results.h"

/* The most sizes a sweep shows. */
#define SWEEP_MAX_SIZES 32

typedef struct sweep_row {
    const char *title;          /* borrowed from the results */
    const char *rung;
    const char *interpreter;    /* its id, or "" */
    size_t count;               /* sizes with a verified median */
    double size[SWEEP_MAX_SIZES];
    double median_ns[SWEEP_MAX_SIZES];
    int has_exponent;
    double exponent;            /* of the part of the median that grows with the size */
    double fixed_ns;            /* the part that does not: what every call costs (0 if none) */
    double loglog_slope;        /* the plain slope of log(median) against log(size) */
} sweep_row;

/* Groups the verified rows of problem by (rung, interpreter), in the
 * results' order. 0, or -1 if memory ran out. */
int sweep_rows(const results *r, const char *problem, sweep_row **rows, size_t *count);
void sweep_rows_free(sweep_row *rows);

/* Time per unit of work against size, log-log, a line per row; -1 if no
 * row has two sizes. */
int sweep_chart_svg(buf *out, const results *r, const char *problem, const sweep_row *rows,
                    size_t count);

/* The table: each row's exponent and its time per unit at each size. */
void sweep_table_markdown(buf *out, const results *r, const char *problem, const sweep_row *rows,
                          size_t count);

#endif /* LADDER_SWEEP_H */
