/* stats.c - summary statistics of iteration times (see stats.h). */
#include "harness/stats.h"

#include <math.h>
#include <stdlib.h>

/* The MAD of normally distributed data times this estimates its standard
 * deviation; the modified Z-score uses its inverse, 0.6745. */
#define STATS_MAD_TO_SIGMA 1.4826
#define STATS_MODIFIED_Z_SCALE 0.6745
/* When more than half the values are equal the MAD is 0, and the modified
 * Z-score falls back to the mean absolute deviation, scaled by this
 * (IBM's formulation of Iglewicz & Hoaglin: 1.253314 * MeanAD). */
#define STATS_MEAN_AD_SCALE 1.253314

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double stats_median_inplace(double *values, size_t n)
{
    qsort(values, n, sizeof *values, compare_doubles);
    if (n % 2)
        return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

int stats_compute(const int64_t *values, size_t n, stats *out)
{
    if (n == 0)
        return -1;
    double *work = malloc(n * sizeof *work);
    if (work == NULL)
        return -1;

    double sum = 0, min = (double)values[0], max = (double)values[0];
    for (size_t i = 0; i < n; i++) {
        double v = (double)values[i];
        work[i] = v;
        sum += v;
        min = v < min ? v : min;
        max = v > max ? v : max;
    }
    double mean = sum / (double)n;
    double squares = 0;
    for (size_t i = 0; i < n; i++)
        squares += (work[i] - mean) * (work[i] - mean);

    double median = stats_median_inplace(work, n);
    for (size_t i = 0; i < n; i++)
        work[i] = fabs((double)values[i] - median);
    double mad = stats_median_inplace(work, n);

    double mean_ad = 0;
    for (size_t i = 0; i < n; i++)
        mean_ad += fabs((double)values[i] - median);
    mean_ad /= (double)n;
    size_t outliers = 0;
    for (size_t i = 0; i < n; i++) {
        double d = (double)values[i] - median, z = 0;
        if (mad > 0)
            z = STATS_MODIFIED_Z_SCALE * d / mad;
        else if (mean_ad > 0)
            z = d / (STATS_MEAN_AD_SCALE * mean_ad);
        if (fabs(z) > STATS_OUTLIER_Z)
            outliers++;
    }
    free(work);

    out->count = n;
    out->median_ns = median;
    out->min_ns = min;
    out->max_ns = max;
    out->mean_ns = mean;
    out->stddev_ns = n > 1 ? sqrt(squares / (double)(n - 1)) : 0.0;
    out->mad_ns = mad;
    out->robust_cv = median > 0 ? STATS_MAD_TO_SIGMA * mad / median : 0.0;
    out->outliers = outliers;
    return 0;
}

int stats_is_noisy(const stats *s)
{
    if (s->count < 3)
        return 0;
    int many_outliers = (double)s->outliers >= STATS_NOISY_OUTLIER_SHARE * (double)s->count;
    int mean_pulled = s->mean_ns > s->median_ns * (1 + STATS_NOISY_MEAN_SHIFT);
    return s->robust_cv > STATS_NOISY_CV || (many_outliers && mean_pulled);
}

double stats_median(const int64_t *values, size_t n)
{
    if (n == 0)
        return 0;
    double *work = malloc(n * sizeof *work);
    if (work == NULL)
        return 0;
    for (size_t i = 0; i < n; i++)
        work[i] = (double)values[i];
    double m = stats_median_inplace(work, n);
    free(work);
    return m;
}

/* xorshift64*: a small, fixed generator, so that intervals are
 * reproducible from the saved times. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* The median of a resample of values into work. */
static double resampled_median(const int64_t *values, size_t n, double *work, uint64_t *state)
{
    for (size_t i = 0; i < n; i++)
        work[i] = (double)values[next_random(state) % n];
    return stats_median_inplace(work, n);
}

int stats_quotient_interval(const stats_sample *num, const stats_sample *den, size_t count,
                            double *low, double *high)
{
    if (count == 0 || count > STATS_QUOTIENT_MAX_SAMPLES)
        return -1;
    size_t largest = 0;
    /* The seed folds in every sample's size, weighted by its place, so
     * that one ratio (count 1) keeps the seed it always had. */
    uint64_t state = 0x9E3779B97F4A7C15ULL, weight = 1;
    for (size_t k = 0; k < count; k++) {
        if (num[k].n == 0 || den[k].n == 0)
            return -1;
        largest = num[k].n > largest ? num[k].n : largest;
        largest = den[k].n > largest ? den[k].n : largest;
        state ^= (uint64_t)num[k].n * weight * 31 ^ (uint64_t)den[k].n * weight;
        weight *= 31 * 31;
    }
    double *quotients = malloc(STATS_BOOTSTRAP_RESAMPLES * sizeof *quotients);
    double *work = malloc(largest * sizeof *work);
    if (quotients == NULL || work == NULL) {
        free(quotients);
        free(work);
        return -1;
    }
    size_t kept = 0;
    for (size_t r = 0; r < STATS_BOOTSTRAP_RESAMPLES; r++) {
        double top = 1, bottom = 1;
        for (size_t k = 0; k < count; k++) {
            top *= resampled_median(num[k].values, num[k].n, work, &state);
            bottom *= resampled_median(den[k].values, den[k].n, work, &state);
        }
        if (bottom > 0)
            quotients[kept++] = top / bottom;
    }
    int status = -1;
    if (kept > 0) {
        qsort(quotients, kept, sizeof *quotients, compare_doubles);
        double tail = (1 - STATS_CONFIDENCE) / 2;
        size_t lo = (size_t)(tail * (double)(kept - 1));
        size_t hi = (size_t)((1 - tail) * (double)(kept - 1) + 0.5);
        *low = quotients[lo];
        *high = quotients[hi];
        status = 0;
    }
    free(quotients);
    free(work);
    return status;
}

int stats_ratio_interval(const int64_t *a, size_t na, const int64_t *b, size_t nb, double *low,
                         double *high)
{
    stats_sample num = {a, na}, den = {b, nb};
    return stats_quotient_interval(&num, &den, 1, low, high);
}

int stats_steady_start(const int64_t *times, size_t n, size_t window, double tolerance,
                       size_t *start)
{
    if (window == 0 || n < 2 * window)
        return 0;
    double last = stats_median(times + n - window, window);
    double before = stats_median(times + n - 2 * window, window);
    if (last < before * (1 - tolerance))
        return 0;
    *start = n - window;
    return 1;
}

int stats_loglog_slope(const double *x, const double *y, size_t n, double *slope)
{
    if (n < 2)
        return -1;
    double mx = 0, my = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] > 0 && y[i] > 0))
            return -1;
        mx += log(x[i]);
        my += log(y[i]);
    }
    mx /= (double)n;
    my /= (double)n;
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = log(x[i]) - mx;
        sxy += dx * (log(y[i]) - my);
        sxx += dx * dx;
    }
    if (sxx <= 0)
        return -1;
    *slope = sxy / sxx;
    return 0;
}

/* For one exponent k: the best fixed >= 0 and scale, and their error. */
static double power_fit_at(const double *x, const double *y, size_t n, double k, double *fixed,
                           double *scale)
{
    /* Relative error: each point weighs 1/y^2. Normal equations of
     * (fixed, scale) for the basis (1, x^k). */
    double s11 = 0, s1p = 0, spp = 0, s1y = 0, spy = 0;
    for (size_t i = 0; i < n; i++) {
        double w = 1 / (y[i] * y[i]), p = pow(x[i], k);
        s11 += w;
        s1p += w * p;
        spp += w * p * p;
        s1y += w * y[i];
        spy += w * p * y[i];
    }
    double det = s11 * spp - s1p * s1p;
    double a = det != 0 ? (spp * s1y - s1p * spy) / det : -1;
    double c = det != 0 ? (s11 * spy - s1p * s1y) / det : 0;
    if (a < 0) {
        a = 0;
        c = spy / spp;
    }
    double err = 0;
    for (size_t i = 0; i < n; i++) {
        double r = (a + c * pow(x[i], k) - y[i]) / y[i];
        err += r * r;
    }
    *fixed = a;
    *scale = c;
    return c > 0 ? err : HUGE_VAL;
}

int stats_power_fit(const double *x, const double *y, size_t n, double *fixed, double *scale,
                    double *exponent)
{
    if (n < 3)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(x[i] > 0 && y[i] > 0))
            return -1;
    double best = HUGE_VAL;
    for (double k = STATS_POWER_FIT_MIN_EXPONENT; k <= STATS_POWER_FIT_MAX_EXPONENT;
         k += STATS_POWER_FIT_STEP) {
        double a, c, err = power_fit_at(x, y, n, k, &a, &c);
        if (err < best) {
            best = err;
            *fixed = a;
            *scale = c;
            *exponent = k;
        }
    }
    return best < HUGE_VAL ? 0 : -1;
}
