/* stats.c - summary statistics of iteration times (see stats.h). */
#include "harness/stats.h"

#include <math.h>
#include <stdlib.h>

/* The MAD of normally distributed data times this estimates its standard
 * deviation; the modified Z-score uses its inverse, 0.6745. */
#define STATS_MAD_TO_SIGMA 1.4826
#define STATS_MODIFIED_Z_SCALE 0.6745

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

    size_t outliers = 0;
    if (mad > 0) {
        for (size_t i = 0; i < n; i++) {
            double z = STATS_MODIFIED_Z_SCALE * ((double)values[i] - median) / mad;
            if (fabs(z) > STATS_OUTLIER_Z)
                outliers++;
        }
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
