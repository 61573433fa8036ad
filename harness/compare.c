/* compare.c - two results files side by side (see compare.h). */
#include "harness/compare.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fs.h"
#include "harness/output.h"
#include "harness/report.h"
#include "harness/stats.h"

#define PERCENT 100.0
/* The widest row title the table shows; a longer one is cut with "…". */
#define COMPARE_TITLE_WIDTH 34
/* The table's columns. */
enum {
    COLUMN_PROBLEM,
    COLUMN_SIZE,
    COLUMN_ROW,
    COLUMN_OLD,
    COLUMN_NEW,
    COLUMN_CHANGE,
    COLUMN_RELATIVE,
    COLUMN_VERDICT,
    COLUMN_INSTRUCTIONS,
    COLUMN_COUNT
};
/* Spaces between two columns. */
#define COLUMN_GAP 2

const char *compare_verdict_name(compare_verdict v)
{
    switch (v) {
    case COMPARE_NOT_SIGNIFICANT:
        return "not significant";
    case COMPARE_FASTER:
        return "faster";
    case COMPARE_SLOWER:
        return "slower";
    }
    return "unknown";
}

const char *compare_kind_name(compare_kind k)
{
    switch (k) {
    case COMPARE_COMPARED:
        return "compared";
    case COMPARE_ADDED:
        return "added";
    case COMPARE_REMOVED:
        return "removed";
    case COMPARE_NOT_COMPARED:
        return "not-compared";
    case COMPARE_UNVERIFIED:
        return "unverified";
    }
    return "unknown";
}

/* Instructions are exact: a change within the threshold is no change at all. */
static const char *instructions_verdict_name(compare_verdict v)
{
    return v == COMPARE_NOT_SIGNIFICANT ? "unchanged" : compare_verdict_name(v);
}

/* ---- reading the instruction counts --------------------------------------- */

int compare_load_instructions(const char *path, const results *r, double **counts, char *err,
                              size_t errlen)
{
    buf text = BUF_INIT;
    cJSON *doc = NULL;
    double *v = NULL;
    int status = -1;
    *counts = NULL;
    if (fs_read_file_bounded(path, RESULTS_MAX_BYTES, &text) != 0) {
        snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    doc = cJSON_ParseWithLength(text.data ? text.data : "", text.len);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "measurements");
    if (!cJSON_IsArray(list)) {
        snprintf(err, errlen, "'%s' is not a ladder results file (no measurements)", path);
        goto cleanup;
    }
    if (r->count > 0 && (v = malloc(r->count * sizeof *v)) == NULL) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    size_t i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        if (i == r->count)
            break;
        const measurement *m = &r->items[i];
        const cJSON *problem = cJSON_GetObjectItemCaseSensitive(item, "problem");
        const cJSON *rung = cJSON_GetObjectItemCaseSensitive(item, "rung");
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(item, "instructions");
        /* results_load keeps the file's order; a row that is not the same
         * one at this place means it no longer does, and no count is safer
         * than another row's. */
        int same = cJSON_IsString(problem) && cJSON_IsString(rung) &&
                   strcmp(problem->valuestring, m->problem) == 0 &&
                   strcmp(rung->valuestring, m->rung) == 0;
        v[i++] = same && cJSON_IsNumber(count) && count->valuedouble > 0 ? count->valuedouble : -1;
    }
    for (; i < r->count; i++)
        v[i] = -1;
    *counts = v;
    v = NULL;
    status = 0;
cleanup:
    free(v);
    cJSON_Delete(doc);
    buf_release(&text);
    return status;
}

/* ---- pairing and judging -------------------------------------------------- */

static const char *interpreter_id(const measurement *m)
{
    return m->has_interpreter ? m->interp.id : "";
}

static int same_key(const measurement *a, const measurement *b)
{
    return strcmp(a->problem, b->problem) == 0 && strcmp(a->rung, b->rung) == 0 &&
           strcmp(interpreter_id(a), interpreter_id(b)) == 0 && strcmp(a->size, b->size) == 0;
}

static int is_timed(const measurement *m)
{
    return m->status == MEASUREMENT_VERIFIED && m->runs > 0 && m->stats.median_ns > 0;
}

/* The rule of compare.h, for one quantity. */
static void judge(compare_judgement *j, double threshold)
{
    j->change = j->ratio - 1;
    int excludes_one = j->low > 1 || j->high < 1;
    if (!excludes_one || fabs(j->change) <= threshold)
        j->verdict = COMPARE_NOT_SIGNIFICANT;
    else
        j->verdict = j->change > 0 ? COMPARE_SLOWER : COMPARE_FASTER;
}

static void count_verdict(compare_tally *t, compare_verdict v, double ratio, double *log_sum)
{
    t->rows++;
    *log_sum += log(ratio);
    if (v == COMPARE_FASTER)
        t->faster++;
    else if (v == COMPARE_SLOWER)
        t->slower++;
    else
        t->not_significant++;
}

/* "failed in 'new.json': it crashed" for the side that is not verified. */
static char *why_not_compared(const measurement *o, const measurement *n, const char *old_label,
                              const char *new_label)
{
    buf why = BUF_INIT;
    if (is_timed(o) && is_timed(n)) {
        buf_printf(&why, "measured at %s %s in '%s', %s %s in '%s'", o->argument, o->parameter,
                   old_label, n->argument, n->parameter, new_label);
    } else {
        const measurement *m = is_timed(o) ? n : o;
        buf_printf(&why, "%s in '%s'", measurement_status_name(m->status),
                   m == o ? old_label : new_label);
        if (m->reason[0])
            buf_printf(&why, ": %s", m->reason);
    }
    return buf_detach(&why);
}

/* The rule's second half (compare.h): whether the row is a baseline, and,
 * unless the comparison is by time only, the row's change against its
 * baseline, when both files have the same baseline verified and the row is
 * not it; and the row's verdict. 0, or -1 if memory runs out. */
static int judge_against_baseline(compare_row *row, const results *old_results,
                                  const results *new_results, const comparison *c)
{
    const measurement *o = row->old_row, *n = row->new_row;
    const measurement *ob = results_baseline_of(old_results, o);
    const measurement *nb = results_baseline_of(new_results, n);
    row->is_baseline = ob == o || nb == n;
    if (c->time_only || ob == NULL || nb == NULL || ob == o || nb == n || !same_key(ob, nb) || !is_timed(ob) ||
        !is_timed(nb))
        return 0;
    compare_judgement *rel = &row->relative;
    row->has_relative = 1;
    rel->old_value = ob->stats.median_ns / o->stats.median_ns;
    rel->new_value = nb->stats.median_ns / n->stats.median_ns;
    rel->ratio = rel->old_value / rel->new_value;
    /* (new / new baseline) / (old / old baseline), each median resampled. */
    const stats_sample num[] = {{n->times_ns, n->runs}, {ob->times_ns, ob->runs}};
    const stats_sample den[] = {{nb->times_ns, nb->runs}, {o->times_ns, o->runs}};
    if (stats_quotient_interval(num, den, 2, &rel->low, &rel->high) != 0)
        return -1;
    row->single_run = row->single_run || ob->runs == 1 || nb->runs == 1;
    judge(rel, c->threshold);
    /* Drift of the machine between the runs moves the time and not the
     * change against the baseline; a change of the baseline moves that and
     * not the time. Only a change both see is the row's own. */
    row->verdict = rel->verdict == row->time.verdict ? rel->verdict : COMPARE_NOT_SIGNIFICANT;
    return 0;
}

static int compare_pair(compare_row *row, const compare_side *os, size_t oi,
                        const compare_side *ns, size_t ni, comparison *c)
{
    const measurement *o = row->old_row, *n = row->new_row;
    if (!is_timed(o) && !is_timed(n)) {
        row->kind = COMPARE_UNVERIFIED;
        c->unverified++;
        return 0;
    }
    if (!is_timed(o) || !is_timed(n) || strcmp(o->argument, n->argument) != 0) {
        row->kind = COMPARE_NOT_COMPARED;
        c->not_compared++;
        row->why = why_not_compared(o, n, os->label, ns->label);
        return row->why == NULL ? -1 : 0;
    }
    row->kind = COMPARE_COMPARED;
    compare_judgement *t = &row->time;
    t->old_value = o->stats.median_ns;
    t->new_value = n->stats.median_ns;
    t->ratio = t->new_value / t->old_value;
    if (stats_ratio_interval(n->times_ns, n->runs, o->times_ns, o->runs, &t->low, &t->high) != 0)
        return -1;
    row->single_run = o->runs == 1 || n->runs == 1;
    judge(t, c->threshold);
    row->verdict = t->verdict;
    if (judge_against_baseline(row, os->results, ns->results, c) != 0)
        return -1;
    double oc = os->instructions ? os->instructions[oi] : -1;
    double nc = ns->instructions ? ns->instructions[ni] : -1;
    if (oc > 0 && nc > 0) {
        compare_judgement *ins = &row->instructions;
        row->has_instructions = 1;
        ins->old_value = oc;
        ins->new_value = nc;
        ins->ratio = ins->low = ins->high = nc / oc;
        judge(ins, COMPARE_INSTRUCTIONS_THRESHOLD);
    }
    return 0;
}

int compare_results(const compare_side *old_side, const compare_side *new_side, double threshold,
                    int time_only, comparison *out)
{
    memset(out, 0, sizeof *out);
    const results *o = old_side->results, *n = new_side->results;
    out->threshold = threshold;
    out->time_only = time_only;
    out->old_label = old_side->label;
    out->new_label = new_side->label;
    out->old_created = o->created ? o->created : "";
    out->new_created = n->created ? n->created : "";
    int status = -1;
    /* paired[i]: old row i has its new row. */
    char *paired = calloc(o->count + 1, 1);
    /* Every row of either file is at most one row of the comparison. */
    out->rows = calloc(o->count + n->count + 1, sizeof *out->rows);
    if (paired == NULL || out->rows == NULL)
        goto cleanup;
    double time_logs = 0, instruction_logs = 0;
    for (size_t j = 0; j < n->count; j++) {
        compare_row *row = &out->rows[out->count++];
        row->new_row = &n->items[j];
        size_t i = 0;
        while (i < o->count && (paired[i] || !same_key(&o->items[i], row->new_row)))
            i++;
        if (i == o->count) {
            row->kind = COMPARE_ADDED;
            out->added++;
            continue;
        }
        paired[i] = 1;
        row->old_row = &o->items[i];
        if (compare_pair(row, old_side, i, new_side, j, out) != 0)
            goto cleanup;
        if (row->kind != COMPARE_COMPARED)
            continue;
        count_verdict(&out->time, row->verdict, row->time.ratio, &time_logs);
        out->relative_rows += row->has_relative;
        if (row->has_instructions)
            count_verdict(&out->instructions, row->instructions.verdict, row->instructions.ratio,
                          &instruction_logs);
    }
    for (size_t i = 0; i < o->count; i++) {
        if (paired[i])
            continue;
        compare_row *row = &out->rows[out->count++];
        row->kind = COMPARE_REMOVED;
        row->old_row = &o->items[i];
        out->removed++;
    }
    if (out->time.rows > 0)
        out->time.geometric_mean = exp(time_logs / (double)out->time.rows);
    if (out->instructions.rows > 0)
        out->instructions.geometric_mean =
            exp(instruction_logs / (double)out->instructions.rows);
    status = 0;
cleanup:
    free(paired);
    return status;
}

double compare_row_slowdown(const compare_row *row)
{
    if (row->kind != COMPARE_COMPARED || row->verdict != COMPARE_SLOWER)
        return 0;
    /* Slower in both senses: by the smaller of the two changes. */
    double change = row->time.change;
    if (row->has_relative && row->relative.change < change)
        change = row->relative.change;
    return change;
}

double compare_worst_slowdown(const comparison *c)
{
    double worst = 0;
    for (size_t i = 0; i < c->count; i++) {
        const compare_row *row = &c->rows[i];
        double change = compare_row_slowdown(row);
        worst = change > worst ? change : worst;
        if (row->kind == COMPARE_COMPARED && row->has_instructions &&
            row->instructions.verdict == COMPARE_SLOWER && row->instructions.change > worst)
            worst = row->instructions.change;
    }
    return worst;
}

void comparison_release(comparison *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; c->rows != NULL && i < c->count; i++)
        free(c->rows[i].why);
    free(c->rows);
    memset(c, 0, sizeof *c);
}

/* ---- the table ------------------------------------------------------------ */

/* Columns on a terminal: UTF-8 continuation bytes take none. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        w += (*p & 0xC0) != 0x80;
    return w;
}

/* s, cut to at most width columns with "…" (on a character boundary). */
static void fitted(buf *out, const char *s, size_t width)
{
    if (display_width(s) <= width) {
        buf_puts(out, s);
        return;
    }
    size_t columns = 0;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++columns == width)
            break;
    }
    buf_append(out, s, (size_t)(p - (const unsigned char *)s));
    buf_puts(out, "…");
}

static void padding(buf *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf_puts(out, " ");
}

/* "+12.3%", "-0.8%": a change as a signed percentage ("+0.0%", never
 * "-0.0%", for one too small to show). */
static void format_change(buf *out, double change, int decimals)
{
    double percent = PERCENT * change;
    if (fabs(percent) < 0.5 * pow(10, -decimals))
        percent = 0;
    buf_printf(out, "%+.*f%%", decimals, percent);
}

typedef struct table {
    buf (*cells)[COLUMN_COUNT];
    size_t rows;
    size_t width[COLUMN_COUNT];
} table;

/* Numbers read best right-aligned. */
static int right_aligned(int column)
{
    return column == COLUMN_OLD || column == COLUMN_NEW;
}

static void table_render(buf *out, const table *t, const int shown[COLUMN_COUNT])
{
    int last = COLUMN_COUNT - 1;
    while (last > 0 && !shown[last])
        last--;
    for (size_t r = 0; r < t->rows; r++) {
        for (int k = 0; k <= last; k++) {
            if (!shown[k])
                continue;
            const char *cell = t->cells[r][k].data ? t->cells[r][k].data : "";
            size_t pad = t->width[k] - display_width(cell);
            if (right_aligned(k))
                padding(out, pad);
            buf_puts(out, cell);
            if (k < last) {
                if (!right_aligned(k))
                    padding(out, pad);
                padding(out, COLUMN_GAP);
            }
        }
        /* A left-aligned last cell leaves no trailing spaces. */
        buf_puts(out, "\n");
    }
}

/* "+1.2% [-0.4%, +3.0%]": a judgement's change and its interval (none when
 * one run on every side makes the interval the change itself). */
static void format_judgement(buf *out, const compare_judgement *j)
{
    format_change(out, j->change, 1);
    if (j->low != j->high) {
        buf_puts(out, " [");
        format_change(out, j->low - 1, 1);
        buf_puts(out, ", ");
        format_change(out, j->high - 1, 1);
        buf_puts(out, "]");
    }
}

static void compared_cells(buf *cells, const compare_row *row)
{
    const measurement *n = row->new_row;
    const compare_judgement *t = &row->time;
    buf_puts(&cells[COLUMN_PROBLEM], n->problem);
    buf_puts(&cells[COLUMN_SIZE], n->size);
    fitted(&cells[COLUMN_ROW], n->rung_title, COMPARE_TITLE_WIDTH);
    report_format_time(&cells[COLUMN_OLD], t->old_value);
    report_format_time(&cells[COLUMN_NEW], t->new_value);
    format_judgement(&cells[COLUMN_CHANGE], t);
    if (row->has_relative)
        format_judgement(&cells[COLUMN_RELATIVE], &row->relative);
    else
        buf_puts(&cells[COLUMN_RELATIVE], row->is_baseline ? "(the baseline)" : "—");
    buf_puts(&cells[COLUMN_VERDICT], compare_verdict_name(row->verdict));
    if (row->single_run)
        buf_puts(&cells[COLUMN_VERDICT], " (1 run)");
    if (row->old_row->suspect[0] || n->suspect[0])
        buf_puts(&cells[COLUMN_VERDICT], " (suspect)");
    if (row->has_instructions) {
        format_change(&cells[COLUMN_INSTRUCTIONS], row->instructions.change, 2);
        buf_printf(&cells[COLUMN_INSTRUCTIONS], " %s",
                   instructions_verdict_name(row->instructions.verdict));
    } else {
        buf_puts(&cells[COLUMN_INSTRUCTIONS], "—");
    }
}

static void format_compared(buf *out, const comparison *c)
{
    static const char *const headings[COLUMN_COUNT] = {
        "problem", "size",    "row", "old", "new", "change [95% CI]", "vs baseline [95% CI]",
        "verdict", "instructions"};
    table t = {NULL, 0, {0}};
    t.cells = calloc(c->time.rows + 1, sizeof *t.cells);
    if (t.cells == NULL)
        return;
    for (int k = 0; k < COLUMN_COUNT; k++)
        buf_puts(&t.cells[0][k], headings[k]);
    t.rows = 1;
    int shown[COLUMN_COUNT];
    for (int k = 0; k < COLUMN_COUNT; k++)
        shown[k] = 1;
    shown[COLUMN_RELATIVE] = c->relative_rows > 0;
    shown[COLUMN_INSTRUCTIONS] = c->instructions.rows > 0;
    for (size_t i = 0; i < c->count; i++)
        if (c->rows[i].kind == COMPARE_COMPARED)
            compared_cells(t.cells[t.rows++], &c->rows[i]);
    for (size_t r = 0; r < t.rows; r++)
        for (int k = 0; k < COLUMN_COUNT; k++) {
            size_t w = display_width(t.cells[r][k].data ? t.cells[r][k].data : "");
            t.width[k] = w > t.width[k] ? w : t.width[k];
        }
    table_render(out, &t, shown);
    for (size_t r = 0; r < t.rows; r++)
        for (int k = 0; k < COLUMN_COUNT; k++)
            buf_release(&t.cells[r][k]);
    free(t.cells);
}

/* "  nbody quick  Numba (CPython 3.13.0): 1.23ms" for an added or removed row. */
static void format_listed(buf *out, const measurement *m, const char *detail)
{
    buf_printf(out, "  %s %s  %s: ", m->problem, m->size, m->rung_title);
    if (detail != NULL)
        buf_puts(out, detail);
    else if (is_timed(m))
        report_format_time(out, m->stats.median_ns);
    else
        buf_printf(out, "%s%s%s", measurement_status_name(m->status), m->reason[0] ? ": " : "",
                   m->reason);
    buf_puts(out, "\n");
}

static void list_heading(buf *out, compare_kind k, const comparison *c)
{
    if (k == COMPARE_ADDED)
        buf_printf(out, "\nadded (only in '%s'):\n", c->new_label);
    else if (k == COMPARE_REMOVED)
        buf_printf(out, "\nremoved (only in '%s'):\n", c->old_label);
    else
        buf_puts(out, "\nnot compared:\n");
}

static void format_lists(buf *out, const comparison *c)
{
    static const compare_kind listed[] = {COMPARE_ADDED, COMPARE_REMOVED, COMPARE_NOT_COMPARED};
    for (size_t l = 0; l < sizeof listed / sizeof *listed; l++) {
        int any = 0;
        for (size_t i = 0; i < c->count; i++) {
            const compare_row *row = &c->rows[i];
            if (row->kind != listed[l])
                continue;
            if (!any++)
                list_heading(out, listed[l], c);
            format_listed(out, row->new_row ? row->new_row : row->old_row, row->why);
        }
    }
}

/* "2 added" when there are any, after a ", " unless it is the first. */
static void count_phrase(buf *out, size_t n, const char *what, int *first)
{
    if (n == 0)
        return;
    buf_printf(out, "%s%zu %s", *first ? "" : ", ", n, what);
    *first = 0;
}

void compare_format_summary(buf *out, const comparison *c)
{
    const compare_tally *t = &c->time;
    buf_printf(out, "%zu faster, %zu slower, %zu not significant", t->faster, t->slower,
               t->not_significant);
    if (t->rows > 0)
        buf_printf(out, "; geometric mean of the time ratios (new/old) %.2fx", t->geometric_mean);
    const compare_tally *ins = &c->instructions;
    if (ins->rows > 0)
        buf_printf(out,
                   "\ninstructions: %zu faster, %zu slower, %zu unchanged; geometric mean of "
                   "the ratios %.4fx",
                   ins->faster, ins->slower, ins->not_significant, ins->geometric_mean);
    if (c->added || c->removed || c->not_compared || c->unverified) {
        int first = 1;
        buf_puts(out, "\n");
        count_phrase(out, c->added, "added", &first);
        count_phrase(out, c->removed, "removed", &first);
        count_phrase(out, c->not_compared, "not compared", &first);
        count_phrase(out, c->unverified, "verified in neither file", &first);
    }
}

void compare_format(buf *out, const comparison *c)
{
    buf_printf(out, "old: %s (%s)\nnew: %s (%s)\n\n", c->old_label, c->old_created, c->new_label,
               c->new_created);
    if (c->time.rows > 0)
        format_compared(out, c);
    else
        buf_puts(out, "no row is verified in both files\n");
    format_lists(out, c);
    buf_printf(out,
               "\nchange: of the median time, new against old, with its 95%% bootstrap "
               "interval;\nsignificant when the interval excludes 0%% and the change exceeds "
               "±%g%%",
               PERCENT * c->threshold);
    if (c->instructions.rows > 0)
        buf_printf(out, " (instructions: ±%g%%)", PERCENT * COMPARE_INSTRUCTIONS_THRESHOLD);
    buf_puts(out, ".\n");
    if (c->relative_rows > 0)
        buf_puts(out, "vs baseline: the change of the row's time against its problem's "
                      "baseline, which\nits run measured with it (old speedup / new speedup): "
                      "drift of the machine\nbetween the runs cancels out of it. A row is faster "
                      "or slower when both its\nchanges are, significantly; the baseline by its "
                      "time alone.\n");
    compare_format_summary(out, c);
    buf_puts(out, "\n");
}

/* ---- JSON ----------------------------------------------------------------- */

static void add_number_or_null(cJSON *o, const char *key, double v, int present)
{
    if (present)
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

/* What a judgement is of: its JSON names its values after it. */
typedef enum judged_quantity { JUDGED_TIME, JUDGED_RELATIVE, JUDGED_INSTRUCTIONS } judged_quantity;

static cJSON *judgement_to_json(const compare_judgement *j, judged_quantity q)
{
    cJSON *o = cJSON_CreateObject();
    /* Against the baseline, the two values are the speedups. */
    cJSON_AddNumberToObject(o, q == JUDGED_RELATIVE ? "old_speedup" : "old", j->old_value);
    cJSON_AddNumberToObject(o, q == JUDGED_RELATIVE ? "new_speedup" : "new", j->new_value);
    cJSON_AddNumberToObject(o, "ratio", j->ratio);
    /* Instruction counts are exact: no interval. */
    if (q != JUDGED_INSTRUCTIONS) {
        cJSON_AddNumberToObject(o, "ratio_low", j->low);
        cJSON_AddNumberToObject(o, "ratio_high", j->high);
    }
    cJSON_AddNumberToObject(o, "change", j->change);
    cJSON_AddStringToObject(o, "verdict", q == JUDGED_INSTRUCTIONS
                                              ? instructions_verdict_name(j->verdict)
                                              : compare_verdict_name(j->verdict));
    return o;
}

static cJSON *row_to_json(const compare_row *row)
{
    const measurement *m = row->new_row ? row->new_row : row->old_row;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "problem", m->problem);
    cJSON_AddStringToObject(o, "rung", m->rung);
    if (m->has_interpreter)
        cJSON_AddStringToObject(o, "interpreter", m->interp.id);
    else
        cJSON_AddNullToObject(o, "interpreter");
    cJSON_AddStringToObject(o, "size", m->size);
    cJSON_AddStringToObject(o, "title", m->rung_title);
    cJSON_AddStringToObject(o, "kind", compare_kind_name(row->kind));
    add_number_or_null(o, "old_median_ns", row->old_row ? row->old_row->stats.median_ns : 0,
                       row->old_row && is_timed(row->old_row));
    add_number_or_null(o, "new_median_ns", row->new_row ? row->new_row->stats.median_ns : 0,
                       row->new_row && is_timed(row->new_row));
    if (row->kind == COMPARE_COMPARED) {
        cJSON_AddStringToObject(o, "verdict", compare_verdict_name(row->verdict));
        cJSON_AddItemToObject(o, "time", judgement_to_json(&row->time, JUDGED_TIME));
        if (row->has_relative)
            cJSON_AddItemToObject(o, "vs_baseline", judgement_to_json(&row->relative, JUDGED_RELATIVE));
        else
            cJSON_AddNullToObject(o, "vs_baseline");
        cJSON_AddBoolToObject(o, "baseline", row->is_baseline);
        cJSON_AddBoolToObject(o, "single_run", row->single_run);
    } else {
        cJSON_AddNullToObject(o, "verdict");
        cJSON_AddNullToObject(o, "time");
        cJSON_AddNullToObject(o, "vs_baseline");
    }
    if (row->kind == COMPARE_COMPARED && row->has_instructions)
        cJSON_AddItemToObject(o, "instructions", judgement_to_json(&row->instructions, JUDGED_INSTRUCTIONS));
    else
        cJSON_AddNullToObject(o, "instructions");
    if (row->why)
        cJSON_AddStringToObject(o, "why", row->why);
    else
        cJSON_AddNullToObject(o, "why");
    return o;
}

static cJSON *tally_to_json(const compare_tally *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "rows", (double)t->rows);
    cJSON_AddNumberToObject(o, "faster", (double)t->faster);
    cJSON_AddNumberToObject(o, "slower", (double)t->slower);
    cJSON_AddNumberToObject(o, "not_significant", (double)t->not_significant);
    add_number_or_null(o, "geometric_mean", t->geometric_mean, t->rows > 0);
    return o;
}

int compare_save_json(const comparison *c, const char *path, char *err, size_t errlen)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddNumberToObject(doc, "format", COMPARE_JSON_FORMAT);
    cJSON_AddStringToObject(doc, "old", c->old_label);
    cJSON_AddStringToObject(doc, "old_created", c->old_created);
    cJSON_AddStringToObject(doc, "new", c->new_label);
    cJSON_AddStringToObject(doc, "new_created", c->new_created);
    cJSON_AddNumberToObject(doc, "threshold", c->threshold);
    cJSON_AddBoolToObject(doc, "time_only", c->time_only);
    cJSON_AddNumberToObject(doc, "instructions_threshold", COMPARE_INSTRUCTIONS_THRESHOLD);
    cJSON *rows = cJSON_AddArrayToObject(doc, "rows");
    for (size_t i = 0; i < c->count; i++)
        cJSON_AddItemToArray(rows, row_to_json(&c->rows[i]));
    cJSON *summary = cJSON_AddObjectToObject(doc, "summary");
    cJSON_AddItemToObject(summary, "time", tally_to_json(&c->time));
    cJSON_AddItemToObject(summary, "instructions", tally_to_json(&c->instructions));
    cJSON_AddNumberToObject(summary, "added", (double)c->added);
    cJSON_AddNumberToObject(summary, "removed", (double)c->removed);
    cJSON_AddNumberToObject(summary, "not_compared", (double)c->not_compared);
    cJSON_AddNumberToObject(summary, "unverified", (double)c->unverified);
    cJSON_AddNumberToObject(summary, "worst_slowdown", compare_worst_slowdown(c));
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    int status = -1;
    if (text == NULL)
        snprintf(err, errlen, "out of memory");
    else
        status = output_write(path, text, strlen(text), err, errlen);
    free(text);
    return status;
}
