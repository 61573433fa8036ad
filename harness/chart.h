/*
 * chart.h - the report card's charts, each a self-contained SVG document
 * (no script, no external font) for one problem at one size:
 *
 *   speedups  a horizontal bar per verified row: its speedup over the
 *             baseline on a log scale (bars grow right from 1x, or left
 *             for a row slower than the baseline), with its 95% interval
 *             as a whisker;
 *   effort    the study's thesis as a picture: speedup (log) against the
 *             lines changed from the baseline's source (log), one labelled
 *             point per row, and the Pareto frontier (the rows no other row
 *             beats on both) drawn through them;
 *   warm-up   for rows that compile while they run (JIT interpreters): each
 *             iteration's time against its number, cold first, with the
 *             start of the steady state marked.
 *
 *     buf svg = BUF_INIT;
 *     if (chart_speedups_svg(&svg, &results, "nbody", "study") == 0)
 *         write svg.data somewhere
 *
 * Each returns -1, appending nothing, when the problem has nothing to show.
 */
#ifndef LADDER_CHART_H
#define LADDER_CHART_H

#include "harness/buf.h"
#include "harness/results.h"

int chart_speedups_svg(buf *out, const results *r, const char *problem, const char *size);
int chart_effort_svg(buf *out, const results *r, const char *problem, const char *size);
int chart_warmup_svg(buf *out, const results *r, const char *problem, const char *size);

/* Appends s with the XML special characters escaped. */
void chart_xml_text(buf *out, const char *s);

#endif /* LADDER_CHART_H */
