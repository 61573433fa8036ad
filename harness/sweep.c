/* sweep.c - a problem across sizes: per-unit times and growth exponents (see sweep.h). */
#include "harness/sweep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/array.h"
#include "harness/chart.h"
#include "harness/report.h"
#include "harness/stats.h"

#define SWEEP_WIDTH 940
#define SWEEP_HEIGHT 420
#define SWEEP_TOP 44
#define SWEEP_LEFT 80
#define SWEEP_LEGEND_WIDTH 360
#define SWEEP_LEGEND_LINE 16
#define SWEEP_MARKER_RADIUS 3
#define SWEEP_FONT "font-family=\"sans-serif\""

static const char *const COLORS[] = {"#3b75af", "#d1495b", "#2e933c", "#8e6c8a", "#edae49",
                                     "#00798c", "#66462c", "#30638e", "#9c6644", "#5f0f40"};

static const char *interp_id(const measurement *m)
{
    return m->has_interpreter ? m->interp.id : "";
}

int sweep_rows(const results *r, const char *problem, sweep_row **rows, size_t *count)
{
    *rows = NULL;
    *count = 0;
    size_t cap = 0;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (strcmp(m->problem, problem) != 0 || m->status != MEASUREMENT_VERIFIED || m->runs == 0)
            continue;
        sweep_row *row = NULL;
        for (size_t k = 0; k < *count && row == NULL; k++)
            if (strcmp((*rows)[k].rung, m->rung) == 0 && strcmp((*rows)[k].interpreter, interp_id(m)) == 0)
                row = &(*rows)[k];
        if (row == NULL) {
            if (array_reserve((void **)rows, &cap, *count + 1, sizeof **rows) != 0)
                return -1;
            row = &(*rows)[(*count)++];
            memset(row, 0, sizeof *row);
            row->title = m->rung_title;
            row->rung = m->rung;
            row->interpreter = interp_id(m);
        }
        if (row->count < SWEEP_MAX_SIZES) {
            row->size[row->count] = strtod(m->argument, NULL);
            row->median_ns[row->count] = m->stats.median_ns;
            row->count++;
        }
    }
    for (size_t k = 0; k < *count; k++) {
        sweep_row *row = &(*rows)[k];
        row->has_exponent =
            stats_loglog_slope(row->size, row->median_ns, row->count, &row->loglog_slope) == 0;
        row->exponent = row->loglog_slope;
        double scale;
        if (stats_power_fit(row->size, row->median_ns, row->count, &row->fixed_ns, &scale,
                            &row->exponent) != 0) {
            row->exponent = row->loglog_slope;
            row->fixed_ns = 0;
        }
    }
    return 0;
}

void sweep_rows_free(sweep_row *rows)
{
    free(rows);
}

static double axis_pos(double v, double lo, double hi, double from, double length)
{
    return from + length * (log10(v) - lo) / (hi - lo);
}

int sweep_chart_svg(buf *out, const results *r, const char *problem, const sweep_row *rows,
                    size_t count)
{
    double x_lo = INFINITY, x_hi = 0, y_lo = INFINITY, y_hi = 0;
    size_t drawn = 0;
    for (size_t k = 0; k < count; k++) {
        if (rows[k].count < 2)
            continue;
        drawn++;
        for (size_t i = 0; i < rows[k].count; i++) {
            double x = rows[k].size[i], y = rows[k].median_ns[i] / rows[k].size[i];
            x_lo = x < x_lo ? x : x_lo;
            x_hi = x > x_hi ? x : x_hi;
            y_lo = y < y_lo ? y : y_lo;
            y_hi = y > y_hi ? y : y_hi;
        }
    }
    if (drawn == 0)
        return -1;
    double xl = floor(log10(x_lo)), xh = ceil(log10(x_hi));
    double yl = floor(log10(y_lo)), yh = ceil(log10(y_hi));
    if (xh <= xl)
        xh = xl + 1;
    if (yh <= yl)
        yh = yl + 1;
    double plot_w = SWEEP_WIDTH - SWEEP_LEFT - SWEEP_LEGEND_WIDTH - 20, plot_h = SWEEP_HEIGHT;
    double bottom = SWEEP_TOP + plot_h;
    int height = (int)bottom + 50;
    int legend_h = SWEEP_TOP + (int)drawn * SWEEP_LEGEND_LINE + 20;
    if (legend_h > height)
        height = legend_h;
    const char *title = problem, *parameter = "size";
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].problem, problem) == 0) {
            title = r->items[i].problem_title;
            parameter = r->items[i].parameter;
            break;
        }
    buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\" width=\"%d\" "
                    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n<title>",
               SWEEP_WIDTH, height, SWEEP_WIDTH, height);
    chart_xml_text(out, title);
    buf_printf(out, ": time ÷ %s against %s</title>\n<rect width=\"100%%\" height=\"100%%\" "
                    "fill=\"white\"/>\n<text x=\"10\" y=\"22\" %s font-size=\"14\" "
                    "font-weight=\"bold\">",
               parameter, parameter, SWEEP_FONT);
    chart_xml_text(out, title);
    buf_printf(out, ": time ÷ %s against %s (log-log)</text>\n", parameter, parameter);
    for (double d = xl; d <= xh; d++) {
        double at = axis_pos(pow(10, d), xl, xh, SWEEP_LEFT, plot_w);
        buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"#666\" text-anchor=\"middle\">%.0f</text>\n",
                   at, SWEEP_TOP, at, bottom, at, bottom + 16, SWEEP_FONT, pow(10, d));
    }
    for (double d = yl; d <= yh; d++) {
        double at = bottom - (axis_pos(pow(10, d), yl, yh, 0, plot_h));
        buf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                        "<text x=\"%d\" y=\"%.1f\" %s fill=\"#666\" text-anchor=\"end\">",
                   SWEEP_LEFT, at, SWEEP_LEFT + plot_w, at, SWEEP_LEFT - 6, at + 4, SWEEP_FONT);
        report_format_duration(out, pow(10, d));
        buf_puts(out, "</text>\n");
    }
    size_t line = 0;
    for (size_t k = 0; k < count; k++) {
        const sweep_row *row = &rows[k];
        if (row->count < 2)
            continue;
        const char *color = COLORS[line % (sizeof COLORS / sizeof *COLORS)];
        buf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", color);
        for (size_t i = 0; i < row->count; i++)
            buf_printf(out, "%s%.1f,%.1f", i ? " " : "",
                       axis_pos(row->size[i], xl, xh, SWEEP_LEFT, plot_w),
                       bottom - axis_pos(row->median_ns[i] / row->size[i], yl, yh, 0, plot_h));
        buf_puts(out, "\"/>\n");
        for (size_t i = 0; i < row->count; i++)
            buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>\n",
                       axis_pos(row->size[i], xl, xh, SWEEP_LEFT, plot_w),
                       bottom - axis_pos(row->median_ns[i] / row->size[i], yl, yh, 0, plot_h),
                       SWEEP_MARKER_RADIUS, color);
        buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"%s\">",
                   SWEEP_LEFT + plot_w + 16, (double)SWEEP_TOP + 12 + (double)line * SWEEP_LEGEND_LINE,
                   SWEEP_FONT, color);
        chart_xml_text(out, row->title);
        if (row->has_exponent) {
            buf_printf(out, " (n^%.2f", row->exponent);
            if (row->fixed_ns > 0) {
                buf_puts(out, " + ");
                report_format_duration(out, row->fixed_ns);
            }
            buf_puts(out, ")");
        }
        buf_puts(out, "</text>\n");
        line++;
    }
    buf_puts(out, "</svg>\n");
    return 0;
}

void sweep_table_markdown(buf *out, const results *r, const char *problem, const sweep_row *rows,
                          size_t count)
{
    /* The sizes, in the order they were measured. */
    double sizes[SWEEP_MAX_SIZES];
    size_t nsizes = 0;
    const char *title = problem, *parameter = "size";
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (strcmp(m->problem, problem) != 0)
            continue;
        title = m->problem_title;
        parameter = m->parameter;
        double v = strtod(m->argument, NULL);
        int seen = 0;
        for (size_t k = 0; k < nsizes && !seen; k++)
            seen = sizes[k] == v;
        if (!seen && nsizes < SWEEP_MAX_SIZES)
            sizes[nsizes++] = v;
    }
    buf_printf(out, "## %s: time ÷ %s, at each size\n\n| Approach | Exponent | Fixed, a call |"
                    " log-log slope |", title, parameter);
    for (size_t k = 0; k < nsizes; k++)
        buf_printf(out, " %.0f |", sizes[k]);
    buf_puts(out, "\n|---|---:|---:|---:|");
    for (size_t k = 0; k < nsizes; k++)
        buf_puts(out, "---:|");
    buf_puts(out, "\n");
    for (size_t k = 0; k < count; k++) {
        const sweep_row *row = &rows[k];
        buf_printf(out, "| %s | ", row->title);
        if (row->has_exponent) {
            buf_printf(out, "%.2f | ", row->exponent);
            if (row->fixed_ns > 0)
                report_format_duration(out, row->fixed_ns);
            else
                buf_puts(out, "—");
            buf_printf(out, " | %.2f", row->loglog_slope);
        } else {
            buf_puts(out, "— | — | —");
        }
        buf_puts(out, " |");
        for (size_t s = 0; s < nsizes; s++) {
            int found = 0;
            for (size_t i = 0; i < row->count && !found; i++) {
                if (row->size[i] == sizes[s]) {
                    buf_puts(out, " ");
                    report_format_duration(out, row->median_ns[i] / row->size[i]);
                    buf_puts(out, " |");
                    found = 1;
                }
            }
            if (!found)
                buf_puts(out, " — |");
        }
        buf_puts(out, "\n");
    }
    buf_printf(out, "\n*Exponent*: with three sizes or more, the time fitted as a fixed part, "
                    "the same for every call whatever its size (a dispatch, a launch, a copy), "
                    "plus a part growing as %s^exponent (1.0: linear); with two, the slope of "
                    "log(time) against log(%s), which the log-log slope column always shows. "
                    "Each time is a median divided by the %s.\n",
               parameter, parameter, parameter);
}
