/*
 * report.h - turns measurements into what people read: the live terminal
 * table of `ladder run` and the Markdown report card (one table per
 * problem, shaped like the study's: Approach | Time | Speedup | ... |
 * What it costs you).
 *
 * Everything is appended to a caller's buf; nothing here prints or exits.
 */
#ifndef LADDER_REPORT_H
#define LADDER_REPORT_H

#include "harness/buf.h"
#include "harness/results.h"

/* "1,242ms", "27.3ms", "0.412ms", as the study writes times. */
void report_format_time(buf *out, double ns);
/* A time of any size: as report_format_time from 1 ms up, else "812ns",
 * "42.5µs" (a time per unit of work). */
void report_format_duration(buf *out, double ns);
/* "124x", "13x", "2.4x", "0.75x". */
void report_format_speedup(buf *out, double speedup);
/* "9.6 MB". */
void report_format_bytes(buf *out, double bytes);

/* The heading of a problem's section of the terminal table. */
void report_terminal_header(buf *out, const measurement *first_of_problem);
/* One finished row of the terminal table. */
void report_terminal_row(buf *out, const results *r, const measurement *m);

/* The budget a problem's rows were measured with (less than the run's
 * under --time-limit), or 0 if none was recorded. */
double report_problem_budget_s(const results *r, const char *problem, const char *size);

/* "52x (51x–53x)": the speedup and its interval. */
void report_format_interval(buf *out, const measurement *m);

/* A speedup interval wider than this either side is flagged. */
#define REPORT_WIDE_INTERVAL 0.10

/* 1 if m's interval is wider than ±REPORT_WIDE_INTERVAL. */
int report_interval_wide(const measurement *m);

/* The whole Markdown report card. With chart_stem (e.g. "REPORT"), each
 * problem's section shows the chart file "<chart_stem>-<problem>-<size>.svg";
 * NULL leaves the charts out. */
void report_markdown(buf *out, const results *r, const char *chart_stem);

/* The report card as one self-contained HTML page (report_html.c). */
void report_html(buf *out, const results *r);

/* Writes the report card to md_path, its HTML twin beside it (REPORT.md ->
 * REPORT.html) and its charts (REPORT-<problem>-<size>[-effort].svg), each
 * through output.h. -1 with err filled if a file cannot be written. */
int report_save(const results *r, const char *md_path, char *err, size_t errlen);

#endif /* LADDER_REPORT_H */
