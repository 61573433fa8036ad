/* report.c - the terminal table and the Markdown report card (see report.h). */
#include "harness/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness/chart.h"
#include "harness/fs.h"
#include "harness/measure.h"
#include "harness/output.h"

#define NS_PER_MS 1e6
/* Widths of the terminal table's columns. */
#define COL_APPROACH 44
#define COL_TIME 11

/* Appends an integer with thousands separators: 1242 -> "1,242". */
static void grouped(buf *out, long long v)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    if (v < 0)
        buf_puts(out, "-");
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        buf_append(out, &digits[i], 1);
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            buf_puts(out, ",");
    }
}

void report_format_time(buf *out, double ns)
{
    double ms = ns / NS_PER_MS;
    if (ms >= 100)
        grouped(out, (long long)(ms + 0.5)), buf_puts(out, "ms");
    else if (ms >= 10)
        buf_printf(out, "%.1fms", ms);
    else if (ms >= 1)
        buf_printf(out, "%.2fms", ms);
    else
        buf_printf(out, "%.3fms", ms);
}

void report_format_duration(buf *out, double ns)
{
    if (ns >= NS_PER_MS)
        report_format_time(out, ns);
    else if (ns >= 1000)
        buf_printf(out, "%.3gµs", ns / 1000);
    else
        buf_printf(out, "%.3gns", ns);
}

void report_format_speedup(buf *out, double s)
{
    if (s >= 10)
        grouped(out, (long long)(s + 0.5)), buf_puts(out, "x");
    else if (s >= 1)
        buf_printf(out, "%.1fx", s);
    else
        buf_printf(out, "%.2fx", s);
}

void report_format_bytes(buf *out, double bytes)
{
    const char *units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1000 && u < 4) {
        bytes /= 1000;
        u++;
    }
    buf_printf(out, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
}

/* A size line such as "500,000 steps". */
static void size_phrase(buf *out, const measurement *m)
{
    /* A call of `ladder try` has arguments, not a size. */
    if (m->parameter[0] == '\0') {
        buf_puts(out, m->argument);
        return;
    }
    long long arg = atoll(m->argument);
    /* A one-letter parameter reads better first: "N = 2,000". */
    if (strlen(m->parameter) == 1) {
        buf_printf(out, "%s = ", m->parameter);
        if (arg > 0)
            grouped(out, arg);
        else
            buf_puts(out, m->argument);
        return;
    }
    if (arg > 0)
        grouped(out, arg);
    else
        buf_puts(out, m->argument);
    buf_printf(out, " %s", m->parameter);
}

void report_terminal_header(buf *out, const measurement *m)
{
    buf_printf(out, "\n%s · ", m->problem_title);
    size_phrase(out, m);
    /* A named profile is worth saying; a custom size is the number above. */
    if (strcmp(m->size, m->argument) != 0)
        buf_printf(out, " (%s)", m->size);
    buf_puts(out, "\n");
    /* printf pads by bytes: "±" takes 2 bytes for 1 column, hence 8 for 7. */
    buf_printf(out, "  %-*s %*s %8s  %-21s %-20s %9s %5s  %s\n", COL_APPROACH, "approach",
               COL_TIME, "median", "±", "range", "speedup (95% CI)", "memory", "runs", "status");
}

/* Fits s into width columns, cutting with "…" if needed (byte-based; titles are ASCII). */
static void fitted(buf *out, const char *s, int width)
{
    int len = (int)strlen(s);
    if (len <= width)
        buf_printf(out, "%-*s", width, s);
    else
        buf_printf(out, "%.*s…", width - 1, s);
}

void report_format_interval(buf *out, const measurement *m)
{
    report_format_speedup(out, m->speedup);
    if (m->speedup_low > 0 && m->speedup_high > 0 &&
        (m->speedup_low != m->speedup || m->speedup_high != m->speedup)) {
        buf_puts(out, " (");
        report_format_speedup(out, m->speedup_low);
        buf_puts(out, "–");
        report_format_speedup(out, m->speedup_high);
        buf_puts(out, ")");
    }
}

int report_interval_wide(const measurement *m)
{
    if (!(m->speedup > 0 && m->speedup_low > 0))
        return 0;
    double half = (m->speedup_high - m->speedup_low) / 2 / m->speedup;
    return half > REPORT_WIDE_INTERVAL;
}

/* "steady after 12 runs (2.31 s)" for a row that warmed up. */
static void warmup_phrase(buf *out, const measurement *m)
{
    double to_steady = 0;
    for (size_t i = 0; i < m->warmup_iterations && i < m->iterations; i++)
        to_steady += (double)m->iterations_ns[i];
    if (m->steady)
        buf_printf(out, "steady after %zu runs (%.2f s to warm)", m->warmup_iterations,
                   to_steady / 1e9);
    else
        buf_printf(out, "no steady state after %zu runs", m->warmup_iterations);
}

void report_terminal_row(buf *out, const results *r, const measurement *m)
{
    (void)r;
    buf_puts(out, "  ");
    fitted(out, m->rung_title, COL_APPROACH);
    buf_puts(out, " ");
    if (m->status != MEASUREMENT_VERIFIED || m->runs == 0) {
        const char *what = m->status == MEASUREMENT_SKIPPED          ? "skipped"
                           : m->status == MEASUREMENT_NOT_APPLICABLE ? "not applicable"
                                                                     : "FAILED";
        buf_printf(out, "%s: %s\n", what, m->reason);
        if (m->status == MEASUREMENT_SKIPPED && m->enable[0])
            buf_printf(out, "  %-*s  enable: %s\n", COL_APPROACH, "", m->enable);
        return;
    }
    buf cell = BUF_INIT;
    report_format_time(&cell, m->stats.median_ns);
    buf_printf(out, "%*s ", COL_TIME, cell.data);
    buf_printf(out, "%6.1f%% ", 100 * m->stats.robust_cv);
    buf_clear(&cell);
    report_format_time(&cell, m->stats.min_ns);
    buf_puts(&cell, " … ");
    report_format_time(&cell, m->stats.max_ns);
    buf_printf(out, " %-23s ", cell.data);   /* "…" is 3 bytes, 1 column */
    buf_clear(&cell);
    if (m->speedup > 0)
        report_format_interval(&cell, m);
    else
        buf_puts(&cell, "—");
    /* "–" is 3 bytes, 1 column; "—" the same. */
    int extra = (int)(strstr(cell.data, "–") ? 2 : 0) + (int)(strstr(cell.data, "—") ? 2 : 0);
    buf_printf(out, "%-*s ", 20 + extra, cell.data);
    buf_clear(&cell);
    if (m->max_rss_bytes >= 0)
        report_format_bytes(&cell, (double)m->max_rss_bytes);
    buf_printf(out, "%9s %5zu  verified", cell.data, m->runs);
    if (m->suspect[0])
        buf_printf(out, ", SUSPECT (no speedup): %s", m->suspect);
    if (m->jit) {
        buf_puts(out, ", ");
        warmup_phrase(out, m);
    }
    if (report_interval_wide(m))
        buf_puts(out, ", wide interval");
    if (m->noisy && m->stats.outliers > 0)
        buf_printf(out, " (noisy: %zu outliers)", m->stats.outliers);
    else if (m->noisy)
        buf_puts(out, " (noisy)");
    if (m->notes[0])
        buf_printf(out, "\n  %-*s  note: %s", COL_APPROACH, "", m->notes);
    if (m->runtime[0])
        buf_printf(out, "\n  %-*s  runtime: %s", COL_APPROACH, "", m->runtime);
    buf_puts(out, "\n");
    buf_release(&cell);
}

/* ---- Markdown ------------------------------------------------------------ */

/* Table cells cannot hold '|' or newlines. */
static void cell_text(buf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '|')
            buf_puts(out, "\\|");
        else if (*p == '\n')
            buf_puts(out, " ");
        else
            buf_append(out, p, 1);
    }
}

static void markdown_machine(buf *out, const results *r)
{
    const machine_info *mi = &r->machine;
    if (r->state == RESULTS_INTERRUPTED)
        buf_puts(out, "**This run was interrupted**: the rows below are what was measured "
                      "before it stopped.\n\n");
    buf_printf(out, "Measured %s on **%s** (%ld cores, ", r->created, mi->cpu_model, mi->cores);
    report_format_bytes(out, (double)mi->memory_bytes);
    buf_printf(out, " memory, governor: %s", mi->governor);
    if (mi->load_average >= 0)
        buf_printf(out, ", load %.1f at the start", mi->load_average);
    buf_printf(out, "), %s, %s.  \n", mi->os, mi->kernel);
    buf_printf(out, "C compiler: %s.  \n", mi->compiler);
    buf slow = BUF_INIT;
    if (r->time_limit_s > 0)
        buf_printf(&slow, "one under the time limit (marked *1 run*), or two if both fit in "
                   "%.0f budgets (*2 runs*)", MEASURE_WIDEN_FACTOR);
    else
        buf_printf(&slow, "the least number, %d (marked *%d runs*)", r->min_runs, r->min_runs);
    buf_printf(out,
               "Every time below is the median of the measured iterations of a row whose every "
               "output was verified against the reference; the first (cold) iteration is "
               "reported apart in the results file, and runtimes with a JIT were first run "
               "until their times stopped improving. All rows of a problem ran together, in "
               "interleaved rounds. Speedups are against the `%s` rung on %s, from the same "
               "run, with their 95%% interval (bootstrap). Budget %.3g s per row, %d to %d "
               "measured runs; a row slower than the budget has %s, and one that compiles "
               "nothing and took over %.0f budgets is timed by its cold iteration alone "
               "(*1 run, cold*).\n",
               r->baseline, r->baseline_title && r->baseline_title[0] ? r->baseline_title
                                                                     : "no interpreter",
               r->budget_s, r->min_runs, r->max_runs,
               slow.data, MEASURE_COLD_ONLY_FACTOR);
    buf_release(&slow);
    if (r->time_limit_s > 0)
        buf_printf(out, "\nThe run had a time limit of %.0f min (`--time-limit`; setting up "
                        "environments, builds and references not counted): before each problem, "
                        "its rows' budget was cut to what let the run end within it, as planned "
                        "from the previous run (each problem says its budget).\n",
                   r->time_limit_s / 60);
}

double report_problem_budget_s(const results *r, const char *problem, const char *size)
{
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (strcmp(m->problem, problem) == 0 && strcmp(m->size, size) == 0 && m->budget_s > 0)
            return m->budget_s;
    }
    return 0;
}

static void markdown_problem(buf *out, const results *r, const char *problem, const char *size,
                             const char *chart_stem)
{
    const measurement *first = NULL;
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].problem, problem) == 0 && strcmp(r->items[i].size, size) == 0) {
            first = &r->items[i];
            break;
        }
    buf_printf(out, "\n## %s (", first->problem_title);
    size_phrase(out, first);
    buf_puts(out, ")\n\n");
    double budget = report_problem_budget_s(r, problem, size);
    if (r->time_limit_s > 0 && budget > 0)
        buf_printf(out, "Budget %.2g s a row, to end within the time limit.\n\n", budget);
    buf_puts(out, "| Approach | Time | Speedup | Peak memory | Lines | What it costs you |\n");
    buf_puts(out, "|---|---:|---:|---:|---:|---|\n");
    buf skipped = BUF_INIT, applicable = BUF_INIT, notes = BUF_INIT;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (strcmp(m->problem, problem) != 0 || strcmp(m->size, size) != 0)
            continue;
        if (m->status == MEASUREMENT_SKIPPED) {
            buf_printf(&skipped, "- **%s** — skipped: %s", m->rung_title, m->reason);
            if (m->enable[0])
                buf_printf(&skipped, ". To enable: `%s`", m->enable);
            buf_puts(&skipped, "\n");
            continue;
        }
        if (m->status == MEASUREMENT_NOT_APPLICABLE) {
            buf_printf(&applicable, "- **%s** — not applicable: %s\n", m->rung_title, m->reason);
            continue;
        }
        buf_puts(out, "| ");
        cell_text(out, m->rung_title);
        buf_puts(out, " | ");
        if (m->status == MEASUREMENT_FAILED || m->runs == 0) {
            buf_puts(out, "**FAILED** | — | — | — | ");
            cell_text(out, m->reason);
            buf_puts(out, " |\n");
            continue;
        }
        report_format_time(out, m->stats.median_ns);
        if (m->jit && m->steady)
            buf_puts(out, " steady");
        if (m->slow && m->cold_only)
            buf_puts(out, " (1 run, cold)");
        else if (m->slow && m->runs > 1)
            buf_printf(out, " (%zu runs)", m->runs);
        else if (m->slow)
            buf_puts(out, " (1 run)");
        else if (m->noisy)
            buf_printf(out, " (±%.0f%%, noisy)", 100 * m->stats.robust_cv);
        buf_puts(out, " | ");
        if (m->suspect[0])
            buf_puts(out, "— (suspect)");
        else if (m->speedup > 0) {
            report_format_interval(out, m);
            if (report_interval_wide(m))
                buf_puts(out, " wide");
        } else
            buf_puts(out, "—");
        buf_puts(out, " | ");
        if (m->max_rss_bytes >= 0)
            report_format_bytes(out, (double)m->max_rss_bytes);
        else
            buf_puts(out, "—");
        if (m->source_lines >= 0)
            buf_printf(out, " | %ld | ", m->source_lines);
        else
            buf_puts(out, " | — | ");
        cell_text(out, m->cost);
        buf_puts(out, " |\n");
        if (m->jit || m->suspect[0] || m->notes[0] || m->runtime[0]) {
            buf_printf(&notes, "- **%s**: ", m->rung_title);
            int any = 0;
            if (m->jit) {
                warmup_phrase(&notes, m);
                any = 1;
            }
            if (m->suspect[0])
                buf_printf(&notes, "%ssuspect, so no speedup: %s", any ? "; " : "", m->suspect), any = 1;
            if (m->notes[0])
                buf_printf(&notes, "%s%s", any ? "; " : "", m->notes), any = 1;
            if (m->runtime[0])
                buf_printf(&notes, "%sruns on %s", any ? "; " : "", m->runtime);
            buf_puts(&notes, "\n");
        }
    }
    if (notes.len > 0)
        buf_printf(out, "\n%s", notes.data);
    if (applicable.len > 0)
        buf_printf(out, "\nNot applicable:\n\n%s", applicable.data);
    if (skipped.len > 0)
        buf_printf(out, "\nNot measured here:\n\n%s", skipped.data);
    buf_release(&skipped);
    buf_release(&applicable);
    buf_release(&notes);
    buf ignored = BUF_INIT;
    if (chart_stem != NULL && chart_speedups_svg(&ignored, r, problem, size) == 0)
        buf_printf(out, "\n![%s: speedups](%s-%s-%s.svg)\n", first->problem_title, chart_stem,
                   problem, size);
    buf_clear(&ignored);
    if (chart_stem != NULL && chart_effort_svg(&ignored, r, problem, size) == 0)
        buf_printf(out, "\n![%s: speedup against effort](%s-%s-%s-effort.svg)\n",
                   first->problem_title, chart_stem, problem, size);
    buf_release(&ignored);
}

void report_markdown(buf *out, const results *r, const char *chart_stem)
{
    buf_puts(out, "# The Optimization Ladder: report card\n\n");
    markdown_machine(out, r);
    /* One section per (problem, size), in the order they were measured. */
    for (size_t i = 0; i < r->count; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(r->items[j].problem, r->items[i].problem) == 0 &&
                   strcmp(r->items[j].size, r->items[i].size) == 0;
        if (!seen)
            markdown_problem(out, r, r->items[i].problem, r->items[i].size, chart_stem);
    }
    buf_puts(out,
             "\n*Time*: median of the warm iterations, measured inside the process "
             "(start-up and imports excluded). *Peak memory*: the process's maximum "
             "resident set size. *Lines*: lines of code of the rung's implementation of the "
             "problem, comments and blank lines excluded.\n");
}

/* Writes one chart of each (problem, size) beside the report. */
static int save_charts(const results *r, const char *dir, const char *stem, const char *suffix,
                       int (*draw)(buf *, const results *, const char *, const char *), char *err,
                       size_t errlen)
{
    buf svg = BUF_INIT, path = BUF_INIT;
    int status = 0;
    for (size_t i = 0; i < r->count && status == 0; i++) {
        const measurement *m = &r->items[i];
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(r->items[j].problem, m->problem) == 0 &&
                   strcmp(r->items[j].size, m->size) == 0;
        buf_clear(&svg);
        if (seen || draw(&svg, r, m->problem, m->size) != 0)
            continue;
        buf_clear(&path);
        buf_printf(&path, "%s%s-%s-%s%s.svg", dir, stem, m->problem, m->size, suffix);
        status = output_write(path.data, svg.data, svg.len, err, errlen);
    }
    buf_release(&svg);
    buf_release(&path);
    return status;
}

int report_save(const results *r, const char *md_path, char *err, size_t errlen)
{
    /* Charts and the HTML twin go beside the report: REPORT.md ->
     * REPORT-nbody-study.svg, REPORT.html. */
    const char *slash = strrchr(md_path, '/');
    const char *base = slash ? slash + 1 : md_path;
    const char *dot = strrchr(base, '.');
    buf stem = BUF_INIT, dir = BUF_INIT, md = BUF_INIT, html = BUF_INIT, path = BUF_INIT;
    buf_append(&stem, base, dot ? (size_t)(dot - base) : strlen(base));
    buf_append(&dir, md_path, (size_t)(base - md_path));
    int status = -1;
    /* A report written to a device (/dev/null, a terminal) has no folder
     * to put its charts and its twin in. */
    struct stat st;
    int beside = !(stat(md_path, &st) == 0 && !S_ISREG(st.st_mode));
    report_markdown(&md, r, beside ? stem.data : NULL);
    if (output_write(md_path, md.data, md.len, err, errlen) != 0)
        goto cleanup;
    if (beside) {
        report_html(&html, r);
        buf_printf(&path, "%s%s.html", dir.data ? dir.data : "", stem.data);
        if (output_write(path.data, html.data, html.len, err, errlen) != 0 ||
            save_charts(r, dir.data ? dir.data : "", stem.data, "", chart_speedups_svg, err,
                        errlen) != 0 ||
            save_charts(r, dir.data ? dir.data : "", stem.data, "-effort", chart_effort_svg, err,
                        errlen) != 0)
            goto cleanup;
    }
    status = 0;
cleanup:
    buf_release(&stem);
    buf_release(&dir);
    buf_release(&md);
    buf_release(&html);
    buf_release(&path);
    return status;
}
