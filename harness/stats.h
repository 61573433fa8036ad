/*
 * stats.h - summary statistics of a row's iteration times.
 *
 *     stats s;
 *     if (stats_compute(times_ns, n, &s) == 0)
 *         printf("%.3f ms ± %.1f%%\n", s.median_ns / 1e6, 100 * s.robust_cv);
 *
 * Robust measures are used because shared machines produce one-sided
 * outliers (a time slice stolen by another process): the median and the
 * median absolute deviation (MAD), and outliers flagged by the modified
 * Z-score of Iglewicz and Hoaglin, as hyperfine does.
 */
#ifndef LADDER_STATS_H
#define LADDER_STATS_H

#include <stddef.h>
#include <stdint.h>

/* |modified Z-score| above this marks an outlier (Iglewicz & Hoaglin). */
#define STATS_OUTLIER_Z 3.5
/* A row is called noisy when its robust coefficient of variation
 * (1.4826 * MAD / median, comparable to stddev / mean) exceeds this... */
#define STATS_NOISY_CV 0.05
/* ...or when at least this share of its iterations are outliers and they
 * pull the mean this far above the median (a few stray slow runs among
 * hundreds of steady ones are outliers, but do not make a row noisy). */
#define STATS_NOISY_OUTLIER_SHARE 0.10
#define STATS_NOISY_MEAN_SHIFT 0.05

typedef struct stats {
    size_t count;
    double median_ns;
    double min_ns;
    double max_ns;
    double mean_ns;
    double stddev_ns;     /* sample standard deviation; 0 for one value */
    double mad_ns;        /* median absolute deviation from the median */
    double robust_cv;     /* 1.4826 * mad / median */
    size_t outliers;      /* values with |modified Z| > STATS_OUTLIER_Z */
} stats;

/* Fills *out from n >= 1 values (not modified). Returns -1 if n == 0 or
 * memory runs out. Cost: O(n log n). */
int stats_compute(const int64_t *values, size_t n, stats *out);

/* 1 if the row is noisy by the rules above (needs at least 3 values). */
int stats_is_noisy(const stats *s);

/* The median of n doubles; sorts values in place. */
double stats_median_inplace(double *values, size_t n);

/* The median of n int64 values (not modified). 0 for n == 0. */
double stats_median(const int64_t *values, size_t n);

/* Bootstrap resamples behind an interval, and its confidence. */
#define STATS_BOOTSTRAP_RESAMPLES 2000
#define STATS_CONFIDENCE 0.95

/* The 95% percentile-bootstrap interval of median(a) / median(b): each
 * resample draws na values from a and nb from b with replacement. A
 * sample of one value stays fixed (its noise is then not in the
 * interval). Deterministic: the same data give the same interval.
 * Returns -1 if a sample is empty or memory runs out. */
int stats_ratio_interval(const int64_t *a, size_t na, const int64_t *b, size_t nb, double *low,
                         double *high);

/* A sample of times, for stats_quotient_interval. */
typedef struct stats_sample {
    const int64_t *values;
    size_t n;
} stats_sample;

/* The quotients stats_quotient_interval takes, at most. */
#define STATS_QUOTIENT_MAX_SAMPLES 4

/* The 95% percentile-bootstrap interval of a product of medians over a
 * product of medians: median(num[0]) * ... / (median(den[0]) * ...), with
 * count samples on each side (1 to STATS_QUOTIENT_MAX_SAMPLES), each
 * resampled on its own. With count 1 this is stats_ratio_interval; with 2
 * it is a ratio of two ratios - the change of a row's time against its
 * baseline from one run to another (compare.h). Deterministic, like
 * stats_ratio_interval. Returns -1 if a sample is empty, count is out of
 * range or memory runs out. */
int stats_quotient_interval(const stats_sample *num, const stats_sample *den, size_t count,
                            double *low, double *high);

/* The least-squares slope of log(y) against log(x) over n points (all
 * positive): the growth exponent of y in x. Returns -1 for fewer than two
 * points or x all equal. */
int stats_loglog_slope(const double *x, const double *y, size_t n, double *slope);

/* The exponents a power fit tries: from, to, in steps of. */
#define STATS_POWER_FIT_MIN_EXPONENT 0.05
#define STATS_POWER_FIT_MAX_EXPONENT 4.0
#define STATS_POWER_FIT_STEP 0.001

/* Fits y = fixed + scale * x^exponent to n points (all positive), with
 * fixed >= 0, minimizing the squared relative error: a time with a part
 * that every call pays whatever its size (a dispatch, a launch) and a
 * part that grows with it. Needs three points or more (with two, there is
 * no telling the parts apart: -1). Returns 0, or -1. */
int stats_power_fit(const double *x, const double *y, size_t n, double *fixed, double *scale,
                    double *exponent);

/* Steady state, for runtimes that compile while they run: the times have
 * stopped improving when the median of the last `window` values is not
 * below the median of the `window` before them by more than `tolerance`
 * (a share). Returns 1 and the index where the steady state starts (the
 * first of the last window) when that holds for times[0..n), else 0. */
int stats_steady_start(const int64_t *times, size_t n, size_t window, double tolerance,
                       size_t *start);

#endif /* LADDER_STATS_H */
