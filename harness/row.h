/*
 * row.h - a row, (problem, rung, interpreter), as `ladder run` and
 * `ladder try` both handle it: planned, its environment made, handed to
 * measure.h, and recorded as a results.h measurement. The one place that
 * knows how a rung's declaration, the measurement and the record line up,
 * so that the two commands cannot drift apart.
 *
 *     row_list rows = {0};
 *     row *w = row_list_add(&rows, r, interp);   // then: status, title, command, ctx
 *     size_t n;
 *     measure_row *mr = row_list_to_measure(&rows, root, baseline_row, &n);
 *     measure_rows(mr, n, ...);
 *     measurement m;
 *     row_record(w, w->measured >= 0 ? &mr[w->measured] : NULL, &m);
 *     ...                                        // the problem's fields, then results_add
 *     row_record_release(&m);
 *
 * Ownership: a row borrows its rung, its interpreter and its rung_context
 * (owned by whoever prepared the rung: cmd_run keeps one per (rung,
 * interpreter) for the whole run, cmd_try one per row); it owns its
 * buffers, freed by row_list_release. A recorded measurement borrows the
 * row's and the measure_row's strings and times, except interp.name.
 */
#ifndef LADDER_ROW_H
#define LADDER_ROW_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/interp.h"
#include "harness/measure.h"
#include "harness/results.h"
#include "harness/rung.h"

typedef struct row {
    const rung *r;
    const interpreter *interp;          /* NULL: a native rung, or an interpreter not found */
    const interpreter_wanted *missing;  /* an interpreter of the study not found here */
    const rung_context *ctx;            /* where it runs; NULL until its environment is made */
    measurement_status status;          /* VERIFIED before measuring means: ready to measure */
    buf reason, enable, title, command;
    double build_s;                     /* its build's time; -1: nothing was built */
    long long installed_bytes;          /* what it had to install; -1: unknown */
    const char *runtime;                /* what its `describe` said, or NULL; borrowed */
    double expected_ns;                 /* what it should take (an earlier run), or 0 */
    int measured;                       /* its index among the measured rows, or -1 */
} row;

typedef struct row_list {
    row *items;
    size_t count, cap;
} row_list;

/* A new row at the end, VERIFIED (ready) until said otherwise; NULL when
 * memory ran out. Earlier row pointers may move. */
row *row_list_add(row_list *l, const rung *r, const interpreter *interp);

void row_list_release(row_list *l);

/* The environment a rung needs on an interpreter: the interpreter usable,
 * the rung declared for it, its packages pinned and installed. Returns
 * VERIFIED (python holds the environment's interpreter, or is left empty
 * when the rung installs nothing), SKIPPED or FAILED with why in reason
 * and, where there is one, the command that would enable it in enable. */
measurement_status row_environment(const char *root, const rung *r, const interpreter *interp,
                                   buf *python, buf *reason, buf *enable);

/* How a row warms up: on a JIT interpreter as a JIT, else as its rung declares. */
measure_warmup row_warmup(const rung *r, const interpreter *interp);

/* The rows still ready as measure_rows() input, in order: a calloc'd
 * array of *count (the caller releases each entry, then frees it; NULL
 * with *count 0 when memory ran out). Sets each row's `measured`, and
 * each measure_row's baseline to base's index among them (or
 * MEASURE_NO_BASELINE when base is not measured). */
measure_row *row_list_to_measure(row_list *l, const char *dir, const row *base, size_t *count);

/* m from the row and, when it was measured, from mr: rung, title, cost,
 * status, reason, interpreter, build time, installed size and every
 * measured field; what is not known is -1 or "". The problem's fields
 * (problem, size, argument, the source's effort) are the caller's. */
void row_record(const row *w, const measure_row *mr, measurement *m);

/* Frees what row_record allocated in m (its interpreter's name). */
void row_record_release(measurement *m);

#endif /* LADDER_ROW_H */
