/* chart.c - speedup bar charts as SVG (see chart.h). */
#include "harness/chart.h"

#include <math.h>
#include <string.h>

#include "harness/report.h"

/* Geometry, in SVG user units. */
#define CHART_WIDTH 760
#define CHART_LABEL_WIDTH 250
#define CHART_VALUE_WIDTH 70
#define CHART_ROW_HEIGHT 26
#define CHART_BAR_HEIGHT 16
#define CHART_TOP 44
#define CHART_BOTTOM 30
#define CHART_FONT "font-family=\"sans-serif\""

static void xml_text(buf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '<': buf_puts(out, "&lt;"); break;
        case '>': buf_puts(out, "&gt;"); break;
        case '&': buf_puts(out, "&amp;"); break;
        case '"': buf_puts(out, "&quot;"); break;
        default: buf_append(out, p, 1);
        }
    }
}

static int in_chart(const measurement *m, const char *problem, const char *size)
{
    return m->speedup > 0 && strcmp(m->problem, problem) == 0 && strcmp(m->size, size) == 0;
}

int chart_speedups_svg(buf *out, const results *r, const char *problem, const char *size)
{
    size_t rows = 0;
    double lo = 1, hi = 1;
    const measurement *first = NULL;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!in_chart(m, problem, size))
            continue;
        first = first ? first : m;
        rows++;
        lo = m->speedup < lo ? m->speedup : lo;
        hi = m->speedup > hi ? m->speedup : hi;
    }
    if (rows == 0)
        return -1;
    /* Whole decades, so the grid lines fall on 1x, 10x, 100x... */
    double lo_decade = floor(log10(lo)), hi_decade = ceil(log10(hi));
    if (hi_decade <= lo_decade)
        hi_decade = lo_decade + 1;
    double plot_width = CHART_WIDTH - CHART_LABEL_WIDTH - CHART_VALUE_WIDTH;
    int height = CHART_TOP + (int)rows * CHART_ROW_HEIGHT + CHART_BOTTOM;

    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\" width=\"%d\" height=\"%d\" "
               "viewBox=\"0 0 %d %d\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
               CHART_WIDTH, height, CHART_WIDTH, height);
    buf_printf(out, "<text x=\"10\" y=\"22\" %s font-size=\"14\" font-weight=\"bold\">",
               CHART_FONT);
    xml_text(out, first->problem_title);
    buf_puts(out, ": speedup over ");
    const char *baseline_title = r->baseline;
    for (size_t i = 0; i < r->count; i++)
        if (in_chart(&r->items[i], problem, size) && strcmp(r->items[i].rung, r->baseline) == 0)
            baseline_title = r->items[i].rung_title;
    xml_text(out, baseline_title);
    buf_puts(out, " (log scale)</text>\n");

    for (double d = lo_decade; d <= hi_decade; d++) {
        double x = CHART_LABEL_WIDTH + plot_width * (d - lo_decade) / (hi_decade - lo_decade);
        buf_printf(out,
                   "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ccc\"/>\n"
                   "<text x=\"%.1f\" y=\"%d\" %s fill=\"#666\" text-anchor=\"middle\">",
                   x, CHART_TOP - 6, x, height - CHART_BOTTOM + 4, x, height - 10, CHART_FONT);
        report_format_speedup(out, pow(10, d));
        buf_puts(out, "</text>\n");
    }
    size_t row = 0;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!in_chart(m, problem, size))
            continue;
        double y = CHART_TOP + (double)row++ * CHART_ROW_HEIGHT;
        double x0 = CHART_LABEL_WIDTH;
        double x1 = CHART_LABEL_WIDTH +
                    plot_width * (log10(m->speedup) - lo_decade) / (hi_decade - lo_decade);
        int baseline = strcmp(m->rung, r->baseline) == 0;
        buf_printf(out, "<text x=\"%d\" y=\"%.1f\" %s text-anchor=\"end\">",
                   CHART_LABEL_WIDTH - 8, y + CHART_BAR_HEIGHT - 4, CHART_FONT);
        xml_text(out, m->rung_title);
        buf_printf(out,
                   "</text>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
                   "fill=\"%s\"/>\n<text x=\"%.1f\" y=\"%.1f\" %s>",
                   x0, y, x1 > x0 ? x1 - x0 : 1.0, CHART_BAR_HEIGHT,
                   baseline ? "#999" : "#3b75af", (x1 > x0 ? x1 : x0) + 6,
                   y + CHART_BAR_HEIGHT - 4, CHART_FONT);
        report_format_speedup(out, m->speedup);
        buf_puts(out, "</text>\n");
    }
    buf_puts(out, "</svg>\n");
    return 0;
}
