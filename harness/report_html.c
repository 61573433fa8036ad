/*
 * report_html.c - results/REPORT.html: the report card as one
 * self-contained page (inline CSS, SVG and a few lines of script, nothing
 * fetched), readable offline and easy to share: the machine, per problem
 * the charts (speedups with intervals, speedup against effort with the
 * Pareto frontier, JIT warm-up) and a sortable table with the effort
 * columns, then the rows that failed, were skipped (with the command that
 * would enable them) or do not apply. See report.h.
 */
#include <stdio.h>
#include <string.h>

#include "harness/chart.h"
#include "harness/report.h"

static const char STYLE[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 16px 48px;"
    "color:#222}"
    "h1{font-size:24px;margin:24px 0 8px}h2{font-size:19px;margin:36px 0 8px;border-bottom:1px "
    "solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}"
    ".machine{color:#555;font-size:13px}nav a{margin-right:12px}"
    ".charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #eee;"
    "max-width:100%;height:auto}"
    ".table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:12px 0;font-size:13px;"
    "width:100%}"
    "th,td{padding:4px 8px;border-bottom:1px solid #eee;text-align:right;vertical-align:top}"
    "th{background:#f6f6f6;cursor:pointer;user-select:none;white-space:nowrap}"
    "th:after{content:' \\2195';color:#aaa}th.sorted-asc:after{content:' \\2191';color:#222}"
    "th.sorted-desc:after{content:' \\2193';color:#222}"
    "td.text,th.text{text-align:left}"
    /* The cost and status columns hold sentences: squeezed to a word's width
     * by the numbers, they made every row a column of words. */
    "table.card td.text{min-width:16em}table.card td.text:first-child{min-width:9em}"
    "tr.failed td{background:#fff3f3}tr.suspect td{background:"
    "#fffbe8}.failed-label{color:#b00020;font-weight:600}.note{color:#666;font-size:12px}"
    "code{background:#f3f3f3;padding:1px 4px;border-radius:3px}"
    "footer{margin-top:40px;color:#555;font-size:12px}";

/* Sorts a table by the clicked column: numbers by data-value, text as text. */
static const char SCRIPT[] =
    "document.querySelectorAll('table.sortable').forEach(function(table){"
    "table.querySelectorAll('th').forEach(function(th,col){"
    "th.addEventListener('click',function(){"
    "var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);"
    "var asc=!th.classList.contains('sorted-asc');"
    "table.querySelectorAll('th').forEach(function(h){h.classList.remove('sorted-asc','sorted-desc');});"
    "th.classList.add(asc?'sorted-asc':'sorted-desc');"
    "rows.sort(function(a,b){var x=a.cells[col],y=b.cells[col];"
    "var u=x.getAttribute('data-value'),v=y.getAttribute('data-value');"
    "if(u!==null&&v!==null){u=parseFloat(u);v=parseFloat(v);"
    "if(isNaN(u))return 1;if(isNaN(v))return -1;return asc?u-v:v-u;}"
    "var s=x.textContent,t=y.textContent;return asc?s.localeCompare(t):t.localeCompare(s);});"
    "rows.forEach(function(r){body.appendChild(r);});});});});";

static void text(buf *out, const char *s)
{
    chart_xml_text(out, s);
}

/* A numeric cell: shown as formatted, sorted by value (NaN sorts last). */
static void num_cell(buf *out, double value, int known, const char *shown)
{
    if (known)
        buf_printf(out, "<td data-value=\"%.17g\">", value);
    else
        buf_puts(out, "<td data-value=\"NaN\">");
    text(out, known ? shown : "—");
    buf_puts(out, "</td>");
}

static void machine(buf *out, const results *r)
{
    const machine_info *mi = &r->machine;
    buf_puts(out, "<p class=\"machine\">");
    if (r->state == RESULTS_INTERRUPTED)
        buf_puts(out, "<strong>This run was interrupted</strong>: below is what was measured "
                      "before it stopped.<br>");
    buf_puts(out, "Measured ");
    text(out, r->created ? r->created : "");
    buf_puts(out, " on <strong>");
    text(out, mi->cpu_model);
    buf_printf(out, "</strong> (%ld cores, ", mi->cores);
    buf mem = BUF_INIT;
    report_format_bytes(&mem, (double)mi->memory_bytes);
    text(out, mem.data);
    buf_release(&mem);
    buf_puts(out, " memory, governor ");
    text(out, mi->governor);
    if (mi->load_average >= 0)
        buf_printf(out, ", load %.1f at the start", mi->load_average);
    buf_puts(out, "), ");
    text(out, mi->os);
    buf_puts(out, ", ");
    text(out, mi->kernel);
    buf_puts(out, ". C compiler: ");
    text(out, mi->compiler);
    buf_puts(out, ".<br>Speedups are against the <code>");
    text(out, r->baseline ? r->baseline : "");
    buf_puts(out, "</code> rung on ");
    text(out, r->baseline_title && r->baseline_title[0] ? r->baseline_title : "no interpreter");
    buf_printf(out, ", from the same run, with 95%% intervals; every row's every output was "
                    "verified. Budget %.3g s per row, %d to %d measured runs",
               r->budget_s, r->min_runs, r->max_runs);
    if (r->time_limit_s > 0)
        buf_printf(out, "; within a time limit of %.0f min, which cut the budget of some "
                        "problems (each says its own)", r->time_limit_s / 60);
    buf_puts(out, ".</p>\n");
}

static void section_heading(buf *out, const results *r, const measurement *first)
{
    buf_printf(out, "<section id=\"p-%s-%s\">\n<h2>", first->problem, first->size);
    text(out, first->problem_title);
    buf_printf(out, " <span class=\"note\">(%s %s, size %s)</span></h2>\n", first->argument,
               first->parameter, first->size);
    double budget = report_problem_budget_s(r, first->problem, first->size);
    if (r->time_limit_s > 0 && budget > 0)
        buf_printf(out, "<p class=\"note\">Budget %.2g s a row, to end within the time "
                        "limit.</p>\n", budget);
}

static void table_row(buf *out, const measurement *m)
{
    const char *cls = m->status == MEASUREMENT_FAILED ? "failed" : m->suspect[0] ? "suspect" : "verified";
    buf_printf(out, "<tr class=\"%s\" data-rung=\"", cls);
    text(out, m->rung);
    buf_puts(out, "\"><td class=\"text\">");
    text(out, m->rung_title);
    buf_puts(out, "</td>");
    buf cell = BUF_INIT;
    int ok = m->status == MEASUREMENT_VERIFIED && m->runs > 0;
    if (ok)
        report_format_time(&cell, m->stats.median_ns);
    num_cell(out, m->stats.median_ns, ok, cell.data ? cell.data : "");
    buf_clear(&cell);
    buf_printf(&cell, "±%.1f%%", 100 * m->stats.robust_cv);
    num_cell(out, m->stats.robust_cv, ok, cell.data);
    buf_clear(&cell);
    if (m->speedup > 0) {
        report_format_interval(&cell, m);
        if (report_interval_wide(m))
            buf_puts(&cell, " wide");
    }
    num_cell(out, m->speedup, m->speedup > 0, cell.data ? cell.data : "");
    buf_clear(&cell);
    if (m->max_rss_bytes >= 0)
        report_format_bytes(&cell, (double)m->max_rss_bytes);
    num_cell(out, (double)m->max_rss_bytes, m->max_rss_bytes >= 0, cell.data ? cell.data : "");
    buf_clear(&cell);
    buf_printf(&cell, "%ld", m->source_lines);
    num_cell(out, (double)m->source_lines, m->source_lines >= 0, cell.data);
    buf_clear(&cell);
    long changed = m->lines_added + m->lines_removed;
    buf_printf(&cell, "+%ld −%ld", m->lines_added, m->lines_removed);
    num_cell(out, (double)changed, m->lines_added >= 0, cell.data);
    buf_clear(&cell);
    report_format_bytes(&cell, (double)m->gzip_bytes);
    num_cell(out, (double)m->gzip_bytes, m->gzip_bytes >= 0, cell.data);
    buf_clear(&cell);
    buf_printf(&cell, "%.1f s", m->build_s);
    num_cell(out, m->build_s, m->build_s >= 0, cell.data);
    buf_clear(&cell);
    report_format_bytes(&cell, (double)m->installed_bytes);
    num_cell(out, (double)m->installed_bytes, m->installed_bytes >= 0, cell.data);
    buf_clear(&cell);
    double first_call = (double)m->cold_ns - m->stats.median_ns;
    /* A row timed by its cold iteration alone has no warm one to subtract. */
    int known = ok && m->cold_ns >= 0 && !m->cold_only;
    if (known)
        report_format_time(&cell, first_call > 0 ? first_call : 0);
    num_cell(out, first_call, known, cell.data ? cell.data : "");
    buf_puts(out, "<td class=\"text\">");
    text(out, m->cost);
    buf_puts(out, "</td><td class=\"text\">");
    if (m->status == MEASUREMENT_FAILED) {
        buf_puts(out, "<span class=\"failed-label\">FAILED</span>: ");
        text(out, m->reason);
    } else {
        buf_puts(out, m->suspect[0] ? "verified, <strong>suspect</strong>: " : "verified");
        text(out, m->suspect);
        if (m->jit) {
            buf_clear(&cell);
            buf_printf(&cell, m->steady ? "; steady after %zu runs" : "; no steady state after %zu runs",
                       m->warmup_iterations);
            text(out, cell.data);
        }
        if (m->notes[0]) {
            buf_puts(out, "<br><span class=\"note\">");
            text(out, m->notes);
            buf_puts(out, "</span>");
        }
        if (m->runtime[0]) {
            buf_puts(out, "<br><span class=\"note\">runs on ");
            text(out, m->runtime);
            buf_puts(out, "</span>");
        }
    }
    buf_puts(out, "</td></tr>\n");
    buf_release(&cell);
}

static void problem_section(buf *out, const results *r, const measurement *first)
{
    const char *problem = first->problem, *size = first->size;
    section_heading(out, r, first);
    buf svg = BUF_INIT;
    buf_puts(out, "<div class=\"charts\">\n");
    if (chart_speedups_svg(&svg, r, problem, size) == 0)
        buf_append(out, svg.data, svg.len);
    buf_clear(&svg);
    if (chart_effort_svg(&svg, r, problem, size) == 0)
        buf_append(out, svg.data, svg.len);
    buf_clear(&svg);
    if (chart_warmup_svg(&svg, r, problem, size) == 0)
        buf_append(out, svg.data, svg.len);
    buf_release(&svg);
    buf_puts(out, "</div>\n");
    buf rows = BUF_INIT, skipped = BUF_INIT, applicable = BUF_INIT, failed = BUF_INIT;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (strcmp(m->problem, problem) != 0 || strcmp(m->size, size) != 0)
            continue;
        if (m->status == MEASUREMENT_SKIPPED) {
            buf_puts(&skipped, "<li><strong>");
            text(&skipped, m->rung_title);
            buf_puts(&skipped, "</strong> — skipped: ");
            text(&skipped, m->reason);
            if (m->enable[0]) {
                buf_puts(&skipped, ". To enable: <code>");
                text(&skipped, m->enable);
                buf_puts(&skipped, "</code>");
            }
            buf_puts(&skipped, "</li>\n");
            continue;
        }
        if (m->status == MEASUREMENT_NOT_APPLICABLE) {
            buf_puts(&applicable, "<li><strong>");
            text(&applicable, m->rung_title);
            buf_puts(&applicable, "</strong> — ");
            text(&applicable, m->reason);
            buf_puts(&applicable, "</li>\n");
            continue;
        }
        if (m->status == MEASUREMENT_FAILED) {
            buf_puts(&failed, "<li class=\"failed-row\"><strong>");
            text(&failed, m->rung_title);
            buf_puts(&failed, "</strong> — ");
            text(&failed, m->reason);
            buf_puts(&failed, "</li>\n");
        }
        table_row(&rows, m);
    }
    if (rows.len)
        buf_printf(out, "<div class=\"table-wrap\"><table class=\"sortable card\"><thead><tr>"
                        "<th class=\"text\">Approach</th><th>Time</th><th>Spread</th>"
                        "<th>Speedup (95%% CI)</th><th>Peak memory</th><th>Lines</th><th>Changed</th>"
                        "<th>gzip</th><th>Build</th><th>Installed</th><th>First call</th>"
                        "<th class=\"text\">What it costs you</th><th class=\"text\">Status</th>"
                        "</tr></thead><tbody>\n%s</tbody></table></div>\n",
                   rows.data);
    buf_release(&rows);
    if (failed.len)
        buf_printf(out, "<h3>Failed</h3><ul class=\"failed\">\n%s</ul>\n", failed.data);
    if (skipped.len)
        buf_printf(out, "<h3>Not measured here</h3><ul class=\"skipped\">\n%s</ul>\n", skipped.data);
    if (applicable.len)
        buf_printf(out, "<h3>Not applicable</h3><ul class=\"not-applicable\">\n%s</ul>\n",
                   applicable.data);
    buf_puts(out, "</section>\n");
    buf_release(&skipped);
    buf_release(&applicable);
    buf_release(&failed);
}

/* The first row of each (problem, size), in the order measured. */
static int first_of_section(const results *r, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(r->items[j].problem, r->items[i].problem) == 0 &&
            strcmp(r->items[j].size, r->items[i].size) == 0)
            return 0;
    return 1;
}

void report_html(buf *out, const results *r)
{
    buf_printf(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>The Optimization Ladder: report card</title>\n<style>%s</style>\n"
                    "</head><body>\n<h1>The Optimization Ladder: report card</h1>\n",
               STYLE);
    machine(out, r);
    buf_puts(out, "<nav>");
    for (size_t i = 0; i < r->count; i++) {
        if (!first_of_section(r, i))
            continue;
        buf_printf(out, "<a href=\"#p-%s-%s\">", r->items[i].problem, r->items[i].size);
        text(out, r->items[i].problem_title);
        buf_puts(out, "</a>");
    }
    buf_puts(out, "</nav>\n");
    for (size_t i = 0; i < r->count; i++)
        if (first_of_section(r, i))
            problem_section(out, r, &r->items[i]);
    buf_puts(out, "<footer><p><em>Time</em>: median of the measured iterations, inside the "
                  "process (start-up and imports excluded). <em>Spread</em>: robust coefficient "
                  "of variation. <em>Lines</em>: lines of code of the rung's implementation of "
                  "the problem, comments and blank lines excluded; <em>Changed</em>: lines added "
                  "and removed against the baseline's implementation; <em>gzip</em>: the "
                  "normalized source, compressed (the Benchmarks Game's source-size measure); "
                  "<em>Build</em>: the rung's build; <em>Installed</em>: the packages, crates and "
                  "jars it needed; <em>First call</em>: the cold iteration minus the median. "
                  "Click a column to sort.</p></footer>\n<script>");
    buf_puts(out, SCRIPT);
    buf_puts(out, "</script>\n</body></html>\n");
}
