/*
 * compare.h - two results files side by side: which rows got faster or
 * slower, and whether the change is more than noise. pyperf's
 * `compare_to`, for ladder's rows (`ladder compare`).
 *
 *     results old, new;                        // results_load() each
 *     double *old_counts = NULL, *new_counts = NULL;
 *     compare_load_instructions(old_path, &old, &old_counts, err, sizeof err);
 *     compare_load_instructions(new_path, &new, &new_counts, err, sizeof err);
 *     compare_side a = {&old, old_counts, old_path}, b = {&new, new_counts, new_path};
 *     comparison c;
 *     if (compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) != 0) ... out of memory
 *     compare_format(&text, &c);               // the table, the lists, the summary
 *     if (100 * compare_worst_slowdown(&c) > limit) ... a CI job fails
 *     comparison_release(&c);                  // before releasing old and new
 *
 * Matching. A row is (problem, rung, interpreter id - none for a native
 * rung -, size). Each row of the new file is paired with the first row of
 * the old file with the same key that is not paired yet, so a key that
 * occurs twice pairs in order. A pair is compared when both rows are
 * verified and were measured at the same argument (a size profile such as
 * "quick" may mean another number in another version of ladder); a pair
 * verified in one file only, or at two arguments, is listed as not
 * compared, with why; a pair verified in neither is only counted. Rows in
 * one file only are added or removed.
 *
 * The rule. For a compared pair, ratio = median(new) / median(old) of the
 * measured iterations, with its 95% percentile-bootstrap interval over
 * both rows' times (stats_ratio_interval); change = ratio - 1, the change
 * of the median time (+100% is twice as slow, -50% twice as fast). A
 * change is significant - "faster" or "slower" - when the interval
 * excludes 1 AND |change| exceeds the threshold (COMPARE_DEFAULT_THRESHOLD,
 * 2%); otherwise it is "not significant". The interval knows only the noise
 * within each run; two runs on different days, under another load or with
 * a rebuilt binary differ by more than that, and the threshold keeps small
 * drift from being called a change. (pyperf's compare_to uses a t-test and
 * its --min-speed defaults to 0%.) A row measured once in either file has
 * no noise of its own in the interval (it is flagged single_run); with one
 * run in both the interval is the ratio itself and the threshold decides.
 *
 * Against the baseline. A shared machine drifts by 10% and more between two
 * runs minutes apart, for every row at once: the time alone would call that
 * drift a change of every row. But each run measured the baseline of every
 * problem interleaved with its rows (measure.h), so it saw the same drift.
 * When both files have the row's baseline verified (the same rung and
 * interpreter) and the row is not the baseline, the pair is also judged by
 * its change against it: ratio = (new / new baseline) / (old / old
 * baseline), old speedup / new speedup, its interval bootstrapped over all
 * four samples (stats_quotient_interval), significant by the same rule.
 * The row's verdict is "faster" or "slower" only when both judgements say
 * so: drift moves the time and not the change against the baseline, a
 * change of the baseline moves that and not the time, and only a change of
 * the row itself moves both. A baseline row is judged by its time alone;
 * so is every row with time_only (`--time-only`, pyperf's rule).
 *
 * Instructions. A pair whose rows both carry an instruction count per
 * iteration is judged by it as well, beside the time: counts are
 * deterministic, so any change beyond COMPARE_INSTRUCTIONS_THRESHOLD
 * (0.1%) is significant. The field is new in results files and not yet in
 * `measurement`, so compare_load_instructions reads it from the file.
 *
 * Ownership: a comparison borrows the measurements of both results (they
 * must outlive it) and owns its rows and their `why` strings.
 */
#ifndef LADDER_COMPARE_H
#define LADDER_COMPARE_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/results.h"

/* A change of the median time within this share is not significant. */
#define COMPARE_DEFAULT_THRESHOLD 0.02
/* A change of the instruction count within this share is not significant. */
#define COMPARE_INSTRUCTIONS_THRESHOLD 0.001
/* The version of the document compare_save_json writes. */
#define COMPARE_JSON_FORMAT 2

typedef enum compare_verdict {
    COMPARE_NOT_SIGNIFICANT,  /* "not significant" (instructions: "unchanged") */
    COMPARE_FASTER,
    COMPARE_SLOWER
} compare_verdict;

typedef enum compare_kind {
    COMPARE_COMPARED,         /* verified in both, at the same argument */
    COMPARE_ADDED,            /* only in the new file */
    COMPARE_REMOVED,          /* only in the old file */
    COMPARE_NOT_COMPARED,     /* in both, verified in one only or at two arguments: see why */
    COMPARE_UNVERIFIED        /* in both, verified in neither */
} compare_kind;

/* One quantity of a compared pair: its median time, or its instruction count. */
typedef struct compare_judgement {
    double old_value, new_value;   /* median ns, or instructions per iteration */
    double ratio;                  /* new / old */
    double low, high;              /* ratio's 95% interval (for instructions: the ratio) */
    double change;                 /* ratio - 1 */
    compare_verdict verdict;
} compare_judgement;

typedef struct compare_row {
    compare_kind kind;
    const measurement *old_row;    /* borrowed; NULL when added */
    const measurement *new_row;    /* borrowed; NULL when removed */
    compare_judgement time;        /* COMPARE_COMPARED only */
    int is_baseline;               /* the row is its problem's baseline (in a file) */
    int has_relative;              /* judged against the baseline too: .relative is set */
    compare_judgement relative;    /* old_value, new_value: the speedups; ratio: old / new */
    compare_verdict verdict;       /* the row's, from .time and .relative (see the rule) */
    int single_run;                /* a sample was measured once (see the rule) */
    int has_instructions;          /* both rows carry a count: .instructions is set */
    compare_judgement instructions;
    char *why;                     /* COMPARE_NOT_COMPARED: why (owned); else NULL */
} compare_row;

/* The tallies of one quantity over the compared pairs. */
typedef struct compare_tally {
    size_t rows;                   /* pairs judged (time: by each row's verdict) */
    size_t faster, slower, not_significant;
    double geometric_mean;         /* of the ratios; 0 when rows == 0 */
} compare_tally;

/* One file of the two: its results, the instruction count of each of its
 * rows (r->items[i] has instructions[i]; below 0 for none; NULL when no
 * row has one), and how to name it in the output (its path). */
typedef struct compare_side {
    const results *results;
    const double *instructions;
    const char *label;
} compare_side;

typedef struct comparison {
    compare_row *rows;             /* new file's order, then the removed rows in old order */
    size_t count;
    double threshold;
    int time_only;                 /* judged by the time alone */
    size_t relative_rows;          /* pairs judged against the baseline too */
    const char *old_label, *new_label;   /* borrowed from the sides */
    const char *old_created, *new_created;
    compare_tally time, instructions;
    size_t added, removed, not_compared, unverified;
} comparison;

/* Reads the optional "instructions" field of every row of the results file
 * at path, which r was loaded from. *counts gets r->count values in r's
 * order (malloc'd; the caller frees): the count per iteration, or -1 where
 * the row has none (absent, null, not a positive number, or the file's row
 * at that place is not r's). *counts is NULL when r has no rows. Returns 0,
 * or -1 with err filled (naming the file) if it cannot be read or parsed.
 * Cost: a second parse of the file. */
int compare_load_instructions(const char *path, const results *r, double **counts, char *err,
                              size_t errlen);

/* Pairs and judges the rows of old_side and new_side by the rule above,
 * with threshold the share within which a time change is not significant
 * (>= 0), against the baseline too unless time_only. Fills *out (comparison_release frees it, also after an error).
 * Returns -1 only if memory runs out. Cost: a bootstrap per compared
 * pair, O(STATS_BOOTSTRAP_RESAMPLES * n log n) for n runs. */
int compare_results(const compare_side *old_side, const compare_side *new_side, double threshold,
                    int time_only, comparison *out);

/* How much slower a pair is, by its verdict: 0 unless it is "slower";
 * then the time's change, or the change against the baseline where that is
 * smaller (both said slower). Instructions are not counted. */
double compare_row_slowdown(const compare_row *row);

/* The largest significant slowdown (a change, e.g. 0.15 for 15% slower) of
 * any compared pair, in time or in instructions; 0 when nothing is
 * significantly slower. */
double compare_worst_slowdown(const comparison *c);

/* Appends what `ladder compare` prints: the table of compared pairs
 * (problem, size, row, old and new median, change with its interval, the
 * change against the baseline with its interval when any pair has one, the
 * row's verdict, the instruction verdict), the added, removed and not
 * compared rows, and the summary lines. Columns are aligned by display
 * width (titles may hold UTF-8). */
void compare_format(buf *out, const comparison *c);

/* The summary: "3 faster, 1 slower, 20 not significant; geometric mean of
 * the time ratios (new/old) 0.97x", then a line for instructions when a
 * pair had them, and one counting the added, removed, not compared and
 * unverified rows when there are any. Part of compare_format; without a
 * newline at the end. */
void compare_format_summary(buf *out, const comparison *c);

/* Writes the comparison as JSON to path, as output.h writes a path: the
 * files, the thresholds, every row with its key, title, kind
 * (compare_kind_name), medians, its "verdict", "time" {old, new, ratio,
 * ratio_low, ratio_high, change, verdict}, "vs_baseline" {old_speedup,
 * new_speedup, ratio, ratio_low, ratio_high, change, verdict} and
 * "instructions" {old, new, ratio, change, verdict: "faster", "slower" or
 * "unchanged"} (each null when not judged) and why; then the tallies and
 * the worst slowdown. 0, or -1 with
 * err filled. */
int compare_save_json(const comparison *c, const char *path, char *err, size_t errlen);

/* "faster", "slower", "not significant". */
const char *compare_verdict_name(compare_verdict v);
/* "compared", "added", "removed", "not-compared", "unverified". */
const char *compare_kind_name(compare_kind k);

/* Frees the rows; accepts a comparison compare_results failed to fill, and NULL. */
void comparison_release(comparison *c);

#endif /* LADDER_COMPARE_H */
