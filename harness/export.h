/*
 * export.h - a results file in other tools' formats (`ladder export`):
 *
 *   - pyperf's JSON, one file per verified row, so that `python -m pyperf
 *     stats FILE`, `pyperf hist` and `pyperf compare_to A B` read ladder's
 *     measurements;
 *   - CSV, one line per row, for spreadsheets and data frames.
 *
 *     results r;                                   // results_load()
 *     size_t files;
 *     if (export_pyperf(&r, "build/pyperf", &files, err, sizeof err) != 0) ... err
 *     if (export_csv_save(&r, "results.csv", err, sizeof err) != 0) ... err
 *
 * pyperf. The document is pyperf's JSON format "1.0" (pyperf/_bench.py): a
 * suite {"version": "1.0", "metadata", "benchmarks"} holding one
 * benchmark, whose metadata names it and gives its unit ("second"), and one
 * run - a row is one process - whose "warmups" are the iterations before
 * the measured ones (the cold one included), each [1, seconds] (one loop),
 * and whose "values" are the measured iterations in seconds, in order.
 * Metadata goes under pyperf's own keys where one fits: cpu_model_name,
 * cpu_count, hostname, platform (the kernel), load_avg_1min, cpu_config
 * (the governor) for the machine; python_implementation, python_version
 * and python_executable for the interpreter; date (when the run started,
 * UTC) and mem_max_rss (the row's peak memory) for the run. The rest is
 * under "ladder_*" keys (problem, rung, title, size, argument, output
 * SHA-256, interpreter id and build flags, os, C compiler, suspect, ...). pyperf rejects empty or
 * multi-line strings, so those are left out or joined onto one line, and
 * so are facts ladder could not read ("unknown").
 *
 * export_pyperf_suite writes all of them as the benchmarks of one suite
 * instead (pyperf reads suites of many benchmarks; compare_to pairs them by
 * name).
 *
 * The benchmark's name, and the file's (DIR/<name>.json), is
 * "<problem>-<rung>-<interpreter id>-<size>", or "<problem>-<rung>-<size>"
 * for a native rung, with any character other than letters, digits and
 * ".+_-" made '_'. The same row exported from two results files has the
 * same name, which is how `pyperf compare_to` pairs benchmarks.
 *
 * CSV. RFC 4180: a header line, then one line per row of the results file
 * (every status), lines ending in CRLF; a field holding a comma, a double
 * quote, CR or LF is quoted, its quotes doubled. The columns are
 * EXPORT_CSV_COLUMNS; a value a row does not have is an empty field.
 * Times and counts are written so they read back exactly, speedups to six
 * significant digits (their intervals are far wider).
 */
#ifndef LADDER_EXPORT_H
#define LADDER_EXPORT_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/results.h"

/* The version of pyperf's JSON format written. */
#define EXPORT_PYPERF_FORMAT "1.0"
/* The CSV header, in column order. */
#define EXPORT_CSV_COLUMNS                                                              \
    "problem,rung,title,interpreter,size,argument,status,median_ns,speedup,speedup_low," \
    "speedup_high,runs,max_rss_bytes,output_sha256,reason"

/* Appends the pyperf benchmark name of m (see above). */
void export_pyperf_name(buf *out, const measurement *m);

/* The pyperf document of m alone (m one of r's verified rows, with runs; r
 * gives the machine and the date). Returns the JSON text (malloc'd; the
 * caller frees it), or NULL if memory ran out. */
char *export_pyperf_document(const results *r, const measurement *m);

/* The same, one suite holding every verified row of r as a benchmark. */
char *export_pyperf_suite_document(const results *r);

/* Writes one pyperf file per verified row of r into dir (created if
 * needed; files of other names are left alone, a file of the same name is
 * replaced as output.h does). *files gets how many were written. Returns
 * 0; -1 with err filled if dir cannot be made, a file cannot be written,
 * two rows would get the same name, or a row has a time pyperf cannot hold
 * (not above 0) - nothing is written in the last two cases. */
int export_pyperf(const results *r, const char *dir, size_t *files, char *err, size_t errlen);

/* Writes every verified row of r into one pyperf suite file at path (as
 * output.h writes a path): `pyperf compare_to OLD NEW --table` then
 * compares whole runs. *rows gets how many rows it holds. 0, or -1 with
 * err filled (the same checks as export_pyperf). */
int export_pyperf_suite(const results *r, const char *path, size_t *rows, char *err, size_t errlen);

/* Appends s as one CSV field, quoted when RFC 4180 needs it. */
void export_csv_field(buf *out, const char *s);

/* Appends the whole CSV text of r. */
void export_csv(buf *out, const results *r);

/* Writes the CSV text of r to path ("-": standard output), as output.h
 * writes a path. 0, or -1 with err filled. */
int export_csv_save(const results *r, const char *path, char *err, size_t errlen);

#endif /* LADDER_EXPORT_H */
