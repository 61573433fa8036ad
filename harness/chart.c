/* chart.c - the report card's SVG charts (see chart.h). */
#include "harness/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/report.h"

/* Geometry, in SVG user units. */
#define CHART_WIDTH 860
#define CHART_LABEL_WIDTH 330
#define CHART_VALUE_WIDTH 80
#define CHART_ROW_HEIGHT 26
#define CHART_BAR_HEIGHT 16
#define CHART_TOP 44
#define CHART_BOTTOM 34
#define CHART_MARGIN 56
#define CHART_PLOT_HEIGHT 420
#define CHART_WARMUP_HEIGHT 300
#define CHART_POINT_RADIUS 4
#define CHART_FONT "font-family=\"sans-serif\""
#define CHART_BAR_COLOR "#3b75af"
#define CHART_BASE_COLOR "#999"
#define CHART_FRONTIER_COLOR "#d1495b"
/* Lines changed are plotted from 1 (the same code on another runtime). */
#define CHART_MIN_EFFORT 1.0
/* A label's box, for keeping the effort chart's labels apart. */
#define CHART_LABEL_HEIGHT 12
#define CHART_LABEL_CHAR_WIDTH 5.6
#define CHART_MAX_LABELS 128

static const char *const SERIES_COLORS[] = {"#3b75af", "#d1495b", "#2e933c", "#8e6c8a",
                                            "#edae49", "#00798c", "#66462c", "#30638e"};

void chart_xml_text(buf *out, const char *s)
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

static int in_problem(const measurement *m, const char *problem, const char *size)
{
    return strcmp(m->problem, problem) == 0 && strcmp(m->size, size) == 0;
}

static int has_speedup(const measurement *m, const char *problem, const char *size)
{
    return m->speedup > 0 && in_problem(m, problem, size);
}

/* A log axis over whole decades covering [lo, hi]. */
typedef struct log_axis {
    double lo_decade, hi_decade;
    double from, length;     /* where it is drawn */
} log_axis;

static log_axis axis_for(double lo, double hi, double from, double length)
{
    log_axis a = {floor(log10(lo)), ceil(log10(hi)), from, length};
    if (a.hi_decade <= a.lo_decade)
        a.hi_decade = a.lo_decade + 1;
    return a;
}

static double axis_at(const log_axis *a, double v)
{
    return a->from + a->length * (log10(v) - a->lo_decade) / (a->hi_decade - a->lo_decade);
}

static void svg_open(buf *out, int width, int height, const char *title)
{
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\" width=\"%d\" "
               "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n<title>",
               width, height, width, height);
    chart_xml_text(out, title);
    buf_printf(out, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
                    "<text x=\"10\" y=\"22\" %s font-size=\"14\" font-weight=\"bold\">",
               CHART_FONT);
    chart_xml_text(out, title);
    buf_puts(out, "</text>\n");
}

/* The title of the baseline row of a problem, for chart titles. */
static const char *baseline_title(const results *r, const char *problem, const char *size)
{
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (in_problem(m, problem, size) && results_baseline_of(r, m) == m)
            return m->rung_title;
    }
    return r->baseline ? r->baseline : "the baseline";
}

int chart_speedups_svg(buf *out, const results *r, const char *problem, const char *size)
{
    size_t rows = 0;
    double lo = 1, hi = 1;
    const measurement *first = NULL;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!has_speedup(m, problem, size))
            continue;
        first = first ? first : m;
        rows++;
        double low = m->speedup_low > 0 ? m->speedup_low : m->speedup;
        double high = m->speedup_high > 0 ? m->speedup_high : m->speedup;
        lo = low < lo ? low : lo;
        hi = high > hi ? high : hi;
    }
    if (rows == 0)
        return -1;
    log_axis x = axis_for(lo, hi, CHART_LABEL_WIDTH,
                          CHART_WIDTH - CHART_LABEL_WIDTH - CHART_VALUE_WIDTH);
    int height = CHART_TOP + (int)rows * CHART_ROW_HEIGHT + CHART_BOTTOM;
    buf title = BUF_INIT;
    buf_printf(&title, "%s: speedup over %s (log scale, 95%% intervals)", first->problem_title,
               baseline_title(r, problem, size));
    svg_open(out, CHART_WIDTH, height, title.data);
    buf_release(&title);
    for (double d = x.lo_decade; d <= x.hi_decade; d++) {
        double at = axis_at(&x, pow(10, d));
        buf_printf(out,
                   "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n"
                   "<text x=\"%.1f\" y=\"%d\" %s fill=\"#666\" text-anchor=\"middle\">",
                   at, CHART_TOP - 6, at, height - CHART_BOTTOM + 4, d == 0 ? "#555" : "#ccc", at,
                   height - 12, CHART_FONT);
        report_format_speedup(out, pow(10, d));
        buf_puts(out, "</text>\n");
    }
    size_t row = 0;
    double one = axis_at(&x, 1);
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!has_speedup(m, problem, size))
            continue;
        double y = CHART_TOP + (double)row++ * CHART_ROW_HEIGHT;
        double at = axis_at(&x, m->speedup);
        double left = at < one ? at : one, width = fabs(at - one);
        int is_base = results_baseline_of(r, m) == m;
        buf_printf(out, "<text x=\"%d\" y=\"%.1f\" %s text-anchor=\"end\">", CHART_LABEL_WIDTH - 8,
                   y + CHART_BAR_HEIGHT - 4, CHART_FONT);
        chart_xml_text(out, m->rung_title);
        buf_printf(out, "</text>\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                   left, y, width > 1 ? width : 1.0, CHART_BAR_HEIGHT,
                   is_base ? CHART_BASE_COLOR : CHART_BAR_COLOR);
        if (m->speedup_low > 0 && m->speedup_high > m->speedup_low) {
            double wl = axis_at(&x, m->speedup_low), wh = axis_at(&x, m->speedup_high);
            double mid = y + CHART_BAR_HEIGHT / 2.0;
            buf_printf(out,
                       "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#222\" "
                       "fill=\"none\"/>\n",
                       wl, mid, wh, wl, mid - 4, mid + 4, wh, mid - 4, mid + 4);
        }
        double label_x = (at > one ? at : one) + 6;
        if (m->speedup_high > 0) {
            double wh = axis_at(&x, m->speedup_high) + 6;
            label_x = wh > label_x ? wh : label_x;
        }
        buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" %s>", label_x, y + CHART_BAR_HEIGHT - 4,
                   CHART_FONT);
        report_format_speedup(out, m->speedup);
        buf_puts(out, "</text>\n");
    }
    buf_puts(out, "</svg>\n");
    return 0;
}

/* The effort of a row on the chart's x axis: lines changed from the baseline. */
static double effort_of(const measurement *m)
{
    double changed = (double)(m->lines_added + m->lines_removed);
    return changed < CHART_MIN_EFFORT ? CHART_MIN_EFFORT : changed;
}

/* The effort chart shows each rung once, on the baseline's interpreter, and
 * the baseline rung on every interpreter (the rungs that change no code). */
static int on_effort_chart(const results *r, const measurement *m, const char *problem,
                           const char *size)
{
    if (!has_speedup(m, problem, size) || m->lines_added < 0 || m->lines_removed < 0)
        return 0;
    int baseline_rung = r->baseline && strcmp(m->rung, r->baseline) == 0;
    int baseline_interp = !m->has_interpreter || (r->baseline_interpreter &&
                                                  strcmp(m->interp.id, r->baseline_interpreter) == 0);
    return baseline_rung || baseline_interp;
}

typedef struct label_box {
    double x0, y0, x1, y1;
} label_box;

/* Moves a label down until it overlaps none placed before; returns its y. */
static double place_label(label_box *placed, size_t *n, double x, double y, const char *text)
{
    double width = CHART_LABEL_CHAR_WIDTH * (double)strlen(text);
    for (int tries = 0; tries < 40; tries++) {
        int clash = 0;
        for (size_t i = 0; i < *n && !clash; i++)
            clash = x < placed[i].x1 && x + width > placed[i].x0 && y - CHART_LABEL_HEIGHT < placed[i].y1 &&
                    y > placed[i].y0;
        if (!clash)
            break;
        y += CHART_LABEL_HEIGHT;
    }
    if (*n < CHART_MAX_LABELS)
        placed[(*n)++] = (label_box){x, y - CHART_LABEL_HEIGHT, x + width, y};
    return y;
}

int chart_effort_svg(buf *out, const results *r, const char *problem, const char *size)
{
    size_t n = 0;
    double lo_x = CHART_MIN_EFFORT, hi_x = 10, lo_y = 1, hi_y = 1;
    const measurement *first = NULL;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!on_effort_chart(r, m, problem, size))
            continue;
        first = first ? first : m;
        n++;
        double e = effort_of(m);
        hi_x = e > hi_x ? e : hi_x;
        lo_y = m->speedup < lo_y ? m->speedup : lo_y;
        hi_y = m->speedup > hi_y ? m->speedup : hi_y;
    }
    if (n < 2)
        return -1;
    int width = CHART_WIDTH, height = CHART_PLOT_HEIGHT + CHART_TOP + CHART_BOTTOM + 10;
    log_axis x = axis_for(lo_x, hi_x, CHART_MARGIN, width - 2 * CHART_MARGIN - 120);
    log_axis y = axis_for(lo_y, hi_y, 0, CHART_PLOT_HEIGHT);
    double bottom = CHART_TOP + CHART_PLOT_HEIGHT;
#define Y(v) (bottom - (axis_at(&y, (v)) - y.from))
    buf title = BUF_INIT;
    buf_printf(&title, "%s: speedup against effort (lines changed from %s)", first->problem_title,
               baseline_title(r, problem, size));
    svg_open(out, width, height, title.data);
    buf_release(&title);
    for (double d = x.lo_decade; d <= x.hi_decade; d++) {
        double at = axis_at(&x, pow(10, d));
        buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n"
                        "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"#666\" text-anchor=\"middle\">%.0f</text>\n",
                   at, CHART_TOP, at, bottom, at, bottom + 16, CHART_FONT, pow(10, d));
    }
    for (double d = y.lo_decade; d <= y.hi_decade; d++) {
        double at = Y(pow(10, d));
        buf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n"
                        "<text x=\"%d\" y=\"%.1f\" %s fill=\"#666\" text-anchor=\"end\">",
                   CHART_MARGIN, at, x.from + x.length, at, CHART_MARGIN - 6, at + 4, CHART_FONT);
        report_format_speedup(out, pow(10, d));
        buf_puts(out, "</text>\n");
    }
    buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"#444\" text-anchor=\"middle\">lines "
                    "changed from the baseline (log scale; no change is drawn at 1)</text>\n",
               x.from + x.length / 2, bottom + 32, CHART_FONT);
    /* The frontier: by effort, each row faster than every row before it. */
    const measurement **order = malloc(n * sizeof *order);
    size_t k = 0;
    for (size_t i = 0; order && i < r->count; i++)
        if (on_effort_chart(r, &r->items[i], problem, size))
            order[k++] = &r->items[i];
    for (size_t i = 1; order && i < k; i++)
        for (size_t j = i; j > 0 && (effort_of(order[j]) < effort_of(order[j - 1]) ||
                                     (effort_of(order[j]) == effort_of(order[j - 1]) &&
                                      order[j]->speedup > order[j - 1]->speedup));
             j--) {
            const measurement *t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    double best = 0;
    buf path = BUF_INIT;
    for (size_t i = 0; order && i < k; i++) {
        if (order[i]->speedup <= best)
            continue;
        double px = axis_at(&x, effort_of(order[i])), py = Y(order[i]->speedup);
        if (path.len == 0)
            buf_printf(&path, "M%.1f %.1f", px, py);
        else
            buf_printf(&path, "H%.1fV%.1f", px, py);
        best = order[i]->speedup;
    }
    if (path.len)
        buf_printf(out, "<path d=\"%s\" stroke=\"%s\" stroke-width=\"2\" fill=\"none\" "
                        "stroke-dasharray=\"5 3\"><title>Pareto frontier</title></path>\n",
                   path.data, CHART_FRONTIER_COLOR);
    buf_release(&path);
    label_box placed[CHART_MAX_LABELS];
    size_t nplaced = 0;
    for (size_t i = 0; order && i < k; i++) {
        const measurement *m = order[i];
        double px = axis_at(&x, effort_of(m)), py = Y(m->speedup);
        buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>", px, py,
                   CHART_POINT_RADIUS, CHART_BAR_COLOR);
        chart_xml_text(out, m->rung_title);
        buf_printf(out, ": %ld lines changed, ", m->lines_added + m->lines_removed);
        report_format_speedup(out, m->speedup);
        double ly = place_label(placed, &nplaced, px + 6, py - 5, m->rung_title);
        buf_printf(out, "</title></circle>\n<text x=\"%.1f\" y=\"%.1f\" %s font-size=\"10\">",
                   px + 6, ly, CHART_FONT);
        chart_xml_text(out, m->rung_title);
        buf_puts(out, "</text>\n");
    }
    free(order);
#undef Y
    buf_puts(out, "</svg>\n");
    return 0;
}

static int on_warmup_chart(const measurement *m, const char *problem, const char *size)
{
    return in_problem(m, problem, size) && m->jit && m->iterations > 1;
}

int chart_warmup_svg(buf *out, const results *r, const char *problem, const char *size)
{
    double lo = 0, hi = 0;
    size_t most = 0, series = 0;
    const measurement *first = NULL;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!on_warmup_chart(m, problem, size))
            continue;
        first = first ? first : m;
        series++;
        most = m->iterations > most ? m->iterations : most;
        for (size_t k = 0; k < m->iterations; k++) {
            double v = (double)m->iterations_ns[k];
            lo = lo == 0 || v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    if (series == 0 || lo <= 0)
        return -1;
    int width = CHART_WIDTH, height = CHART_WARMUP_HEIGHT + CHART_TOP + CHART_BOTTOM +
                                       (int)series * 16;
    double left = CHART_MARGIN + 20, plot = width - left - 30;
    log_axis y = axis_for(lo, hi, 0, CHART_WARMUP_HEIGHT);
    double bottom = CHART_TOP + CHART_WARMUP_HEIGHT;
#define Y(v) (bottom - (axis_at(&y, (v)) - y.from))
#define X(k) (left + plot * (double)(k) / (double)(most > 1 ? most - 1 : 1))
    buf title = BUF_INIT;
    buf_printf(&title, "%s: warming up (each iteration's time, log scale)", first->problem_title);
    svg_open(out, width, height, title.data);
    buf_release(&title);
    for (double d = y.lo_decade; d <= y.hi_decade; d++) {
        double at = Y(pow(10, d));
        buf_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n"
                        "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"#666\" text-anchor=\"end\">",
                   left, at, left + plot, at, left - 6, at + 4, CHART_FONT);
        report_format_time(out, pow(10, d));
        buf_puts(out, "</text>\n");
    }
    buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"#444\" text-anchor=\"middle\">"
                    "iteration (1 is the cold one)</text>\n",
               left + plot / 2, bottom + 18, CHART_FONT);
    size_t s = 0;
    for (size_t i = 0; i < r->count; i++) {
        const measurement *m = &r->items[i];
        if (!on_warmup_chart(m, problem, size))
            continue;
        const char *color = SERIES_COLORS[s % (sizeof SERIES_COLORS / sizeof *SERIES_COLORS)];
        buf_printf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"", color);
        for (size_t k = 0; k < m->iterations; k++)
            buf_printf(out, "%s%.1f,%.1f", k ? " " : "", X(k), Y((double)m->iterations_ns[k]));
        buf_puts(out, "\"/>\n");
        if (m->steady && m->warmup_iterations < m->iterations) {
            double at = X(m->warmup_iterations);
            buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                            "stroke-dasharray=\"3 3\"/>\n",
                       at, CHART_TOP, at, bottom, color);
        }
        buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" %s fill=\"%s\">", left,
                   bottom + 34 + (double)s * 16, CHART_FONT, color);
        chart_xml_text(out, m->rung_title);
        if (m->steady)
            buf_printf(out, " (steady from iteration %zu)", m->warmup_iterations + 1);
        buf_puts(out, "</text>\n");
        s++;
    }
#undef X
#undef Y
    buf_puts(out, "</svg>\n");
    return 0;
}
