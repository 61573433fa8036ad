/*
 * chart.h - the report card's charts: for one problem, a horizontal bar
 * chart of each verified rung's speedup over the baseline, on a log scale
 * (speedups span 1x to 1000x), as a self-contained SVG document.
 *
 *     buf svg = BUF_INIT;
 *     if (chart_speedups_svg(&svg, &results, "nbody", "study") == 0)
 *         write svg.data somewhere
 */
#ifndef LADDER_CHART_H
#define LADDER_CHART_H

#include "harness/buf.h"
#include "harness/results.h"

/* Appends the SVG; -1 (nothing appended) if no row of that problem and
 * size has a speedup to show. */
int chart_speedups_svg(buf *out, const results *r, const char *problem, const char *size);

#endif /* LADDER_CHART_H */
