/*
 * row.c - a row, (problem, rung, interpreter), between its declaration,
 * measure.h and results.h. See row.h.
 */
#include "harness/row.h"

#include <stdlib.h>
#include <string.h>

#include "harness/array.h"
#include "harness/venv.h"

row *row_list_add(row_list *l, const rung *r, const interpreter *interp)
{
    if (array_reserve((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items) != 0)
        return NULL;
    row *w = &l->items[l->count++];
    memset(w, 0, sizeof *w);
    w->r = r;
    w->interp = interp;
    w->status = MEASUREMENT_VERIFIED;
    w->build_s = -1;
    w->installed_bytes = -1;
    w->measured = -1;
    return w;
}

void row_list_release(row_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        row *w = &l->items[i];
        buf_release(&w->reason);
        buf_release(&w->enable);
        buf_release(&w->title);
        buf_release(&w->command);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

measurement_status row_environment(const char *root, const rung *r, const interpreter *interp,
                                   buf *python, buf *reason, buf *enable)
{
    if (interp->unusable != NULL) {
        buf_puts(reason, interp->unusable);
        return MEASUREMENT_SKIPPED;
    }
    if (!rung_runs_on(r, interp, reason))
        return MEASUREMENT_SKIPPED;
    if (r->packages[0] == '\0')
        return MEASUREMENT_VERIFIED;
    /* An unpinned package would make the row measure whatever pip found today. */
    if (!venv_packages_pinned(root, r->packages, reason))
        return MEASUREMENT_FAILED;
    if (venv_ensure(root, interp, r->name, r->packages, python, reason) != VENV_READY) {
        buf_puts(enable, "make setup, with the network; then run ladder again");
        return MEASUREMENT_SKIPPED;
    }
    return MEASUREMENT_VERIFIED;
}

measure_warmup row_warmup(const rung *r, const interpreter *interp)
{
    if (interp != NULL && interp->jit)
        return MEASURE_WARMUP_JIT;
    switch (r->warmup) {
    case RUNG_WARMUP_JIT:
        return MEASURE_WARMUP_JIT;
    case RUNG_WARMUP_COMPILE:
        return MEASURE_WARMUP_COMPILE;
    case RUNG_WARMUP_NONE:
        break;
    }
    return MEASURE_WARMUP_NONE;
}

measure_row *row_list_to_measure(row_list *l, const char *dir, const row *base, size_t *count)
{
    *count = 0;
    size_t baseline = MEASURE_NO_BASELINE;
    measure_row *mrows = calloc(l->count ? l->count : 1, sizeof *mrows);
    if (mrows == NULL)
        return NULL;
    for (size_t i = 0; i < l->count; i++) {
        row *w = &l->items[i];
        if (w->status != MEASUREMENT_VERIFIED || w->ctx == NULL)
            continue;
        if (w == base)
            baseline = *count;
        w->measured = (int)*count;
        measure_row *mr = &mrows[(*count)++];
        mr->label = w->title.data;
        mr->command = w->command.data;
        mr->dir = dir;
        mr->env = (const char *const *)w->ctx->env;
        mr->warmup = row_warmup(w->r, w->interp);
        mr->expected_ns = w->expected_ns;
    }
    for (size_t i = 0; i < *count; i++)
        mrows[i].baseline = baseline;
    return mrows;
}

static const char *text_or_empty(const buf *b)
{
    return b->data ? b->data : "";
}

static void record_interpreter(const interpreter *in, measurement *m)
{
    buf name = BUF_INIT;
    interpreter_name(in, &name);
    m->has_interpreter = 1;
    m->interp.id = in->id;
    m->interp.name = buf_detach(&name);
    m->interp.implementation = in->implementation;
    m->interp.version = in->version;
    m->interp.impl_version = in->impl_version;
    m->interp.executable = in->executable;
    m->interp.build_flags = in->build_flags;
    m->interp.jit = in->jit;
    m->interp.free_threaded = in->free_threaded;
}

static void record_measured(const measure_row *mr, measurement *m)
{
    m->status = mr->ok ? MEASUREMENT_VERIFIED : MEASUREMENT_FAILED;
    if (!mr->ok)
        m->reason = mr->reason.data ? mr->reason.data : "failed";
    m->suspect = (char *)text_or_empty(&mr->suspect);
    m->notes = (char *)text_or_empty(&mr->notes);
    m->cold_ns = mr->cold_ns;
    m->iterations_ns = mr->iterations_ns;
    m->iterations = mr->iterations;
    m->warmup_iterations = mr->warmup_iterations;
    m->jit = mr->warmup == MEASURE_WARMUP_JIT;
    m->steady = mr->steady;
    /* A failed row's times are kept in iterations_ns, but measure nothing. */
    m->times_ns = mr->ok ? mr->times_ns : NULL;
    m->rounds = mr->ok ? mr->rounds : NULL;
    m->runs = mr->ok ? mr->runs : 0;
    m->slow = mr->slow;
    m->cold_only = mr->cold_only;
    m->max_rss_bytes = mr->max_rss_bytes;
    m->wall_ns = mr->wall_ns;
    m->cpu_ns = mr->cpu_ns;
    m->processes = mr->processes;
    if (mr->ok)
        memcpy(m->output_sha256, mr->output_sha256, sizeof m->output_sha256);
}

void row_record(const row *w, const measure_row *mr, measurement *m)
{
    memset(m, 0, sizeof *m);
    m->rung = w->r->name;
    m->rung_title = w->title.data ? w->title.data : (char *)w->r->title;
    m->cost = (char *)w->r->cost;
    m->status = w->status;
    m->reason = (char *)text_or_empty(&w->reason);
    m->enable = (char *)text_or_empty(&w->enable);
    m->suspect = m->notes = m->instructions_counter = "";
    m->runtime = (char *)(w->runtime ? w->runtime : "");
    m->instructions = -1;
    m->cold_ns = -1;
    m->max_rss_bytes = -1;
    m->source_lines = m->lines_added = m->lines_removed = m->gzip_bytes = -1;
    m->build_s = w->build_s;
    m->installed_bytes = w->installed_bytes;
    if (w->interp != NULL)
        record_interpreter(w->interp, m);
    if (mr != NULL)
        record_measured(mr, m);
}

void row_record_release(measurement *m)
{
    if (m->has_interpreter) {
        free(m->interp.name);
        m->interp.name = NULL;
    }
}
