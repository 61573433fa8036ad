/* test_stats.c - the summary statistics of iteration times (harness/stats.h). */
#include <math.h>
#include <stdint.h>

#include "harness/stats.h"
#include "tests/testhelp.h"

static int close_to(double a, double b)
{
    return fabs(a - b) < 1e-9 * (fabs(b) + 1);
}

int main(void)
{
    stats s;
    TEST_CHECK(stats_compute(NULL, 0, &s) == -1, "no values is an error");

    int64_t one[] = {42};
    TEST_CHECK(stats_compute(one, 1, &s) == 0, "one value");
    TEST_CHECK(s.median_ns == 42 && s.min_ns == 42 && s.max_ns == 42, "one value: all 42");
    TEST_CHECK(s.stddev_ns == 0 && s.mad_ns == 0 && s.outliers == 0, "one value: no spread");

    int64_t odd[] = {5, 1, 4, 2, 3};
    stats_compute(odd, 5, &s);
    TEST_CHECK(s.median_ns == 3, "median of 1..5 is 3, got %g", s.median_ns);
    TEST_CHECK(s.min_ns == 1 && s.max_ns == 5, "min 1, max 5");
    TEST_CHECK(close_to(s.mean_ns, 3), "mean 3");
    TEST_CHECK(close_to(s.stddev_ns, sqrt(2.5)), "sample stddev sqrt(2.5), got %g", s.stddev_ns);
    TEST_CHECK(s.mad_ns == 1, "MAD of 1..5 is 1, got %g", s.mad_ns);
    TEST_CHECK(odd[0] == 5 && odd[4] == 3, "the input is not reordered");

    int64_t even[] = {10, 40, 20, 30};
    stats_compute(even, 4, &s);
    TEST_CHECK(s.median_ns == 25, "median of an even count averages the middle two");

    /* One slow run among steady ones: an outlier, and the median ignores it. */
    int64_t spiky[] = {100, 101, 99, 100, 102, 98, 100, 1000};
    stats_compute(spiky, 8, &s);
    TEST_CHECK(s.median_ns == 100, "median resists the outlier, got %g", s.median_ns);
    TEST_CHECK(s.outliers == 1, "exactly one outlier, got %zu", s.outliers);
    TEST_CHECK(stats_is_noisy(&s) == 1, "one outlier in 8 runs (12.5%%) is noisy");

    int64_t steady[] = {1000, 1001, 999, 1000, 1002, 998, 1000, 1001, 999, 1000};
    stats_compute(steady, 10, &s);
    TEST_CHECK(s.outliers == 0, "steady runs have no outliers");
    TEST_CHECK(stats_is_noisy(&s) == 0, "steady runs are not noisy");
    TEST_CHECK(s.robust_cv < 0.01, "robust CV of steady runs is small, got %g", s.robust_cv);

    int64_t wide[] = {100, 150, 80, 120, 60, 140, 100};
    stats_compute(wide, 7, &s);
    TEST_CHECK(stats_is_noisy(&s) == 1, "a 20%% spread is noisy (cv %g)", s.robust_cv);

    /* Many small spikes that hardly move the mean: outliers, not noise. Most
     * runs are equal, so the MAD is 0 and the modified Z-score needs its
     * fallback (the mean absolute deviation) to see them at all. */
    int64_t mild[20];
    for (int i = 0; i < 20; i++)
        mild[i] = i % 5 == 0 ? 1030 : 1000;
    stats_compute(mild, 20, &s);
    TEST_CHECK(s.mad_ns == 0, "most runs equal: the MAD is 0");
    TEST_CHECK(s.outliers == 4, "the 4 spikes are outliers, got %zu", s.outliers);
    TEST_CHECK(stats_is_noisy(&s) == 0, "but mild spikes are not noise");

    /* 4 of 20 runs 5x slower: outliers, and they make the row noisy. */
    int64_t slow[20];
    for (int i = 0; i < 20; i++)
        slow[i] = i % 5 == 0 ? 5000 : 1000;
    stats_compute(slow, 20, &s);
    TEST_CHECK(s.outliers == 4, "4 runs 5x slower are outliers, got %zu", s.outliers);
    TEST_CHECK(stats_is_noisy(&s) == 1, "and the row is noisy");
    TEST_CHECK(s.median_ns == 1000, "the median ignores them");

    /* All equal: nothing is an outlier. */
    int64_t flat[] = {7, 7, 7, 7, 7};
    stats_compute(flat, 5, &s);
    TEST_CHECK(s.outliers == 0 && stats_is_noisy(&s) == 0, "equal runs: no outliers, not noisy");

    /* The interval of a ratio of medians. */
    int64_t base[] = {1000, 1010, 990, 1005, 995, 1000, 1002, 998};
    int64_t rung[] = {100, 101, 99, 100, 102, 98, 100, 100};
    double lo, hi;
    TEST_CHECK(stats_ratio_interval(base, 8, rung, 8, &lo, &hi) == 0, "an interval");
    TEST_CHECK(lo <= 10.0 && hi >= 10.0 && lo > 9.5 && hi < 10.5,
               "10x within a tight interval: %g..%g", lo, hi);
    double lo2, hi2;
    stats_ratio_interval(base, 8, rung, 8, &lo2, &hi2);
    TEST_CHECK(lo == lo2 && hi == hi2, "the same data give the same interval");
    int64_t noisy_rung[] = {100, 150, 70, 120, 60, 140, 100, 90};
    stats_ratio_interval(base, 8, noisy_rung, 8, &lo2, &hi2);
    TEST_CHECK(hi2 - lo2 > 2 * (hi - lo), "a noisy rung widens it: %g..%g", lo2, hi2);
    int64_t single[] = {1000};
    TEST_CHECK(stats_ratio_interval(single, 1, rung, 8, &lo, &hi) == 0 && lo <= 10 && hi >= 10,
               "one baseline value: the rung's noise alone");
    TEST_CHECK(stats_ratio_interval(single, 0, rung, 8, &lo, &hi) == -1, "an empty sample");

    /* A ratio of two ratios: the rung against the base in two runs. */
    stats_sample num[] = {{rung, 8}, {base, 8}}, den[] = {{base, 8}, {rung, 8}};
    TEST_CHECK(stats_quotient_interval(num, den, 2, &lo, &hi) == 0 && lo < 1 && hi > 1 &&
                   lo > 0.95 && hi < 1.05,
               "the same two runs: 1 within a tight interval, %g..%g", lo, hi);
    stats_sample wider[] = {{noisy_rung, 8}, {base, 8}};
    TEST_CHECK(stats_quotient_interval(wider, den, 2, &lo2, &hi2) == 0 && hi2 - lo2 > hi - lo,
               "a noisy sample in it widens it: %g..%g", lo2, hi2);
    stats_ratio_interval(base, 8, rung, 8, &lo, &hi);
    TEST_CHECK(stats_quotient_interval(den, num, 1, &lo2, &hi2) == 0 && lo == lo2 && hi == hi2,
               "one quotient is stats_ratio_interval");
    TEST_CHECK(stats_quotient_interval(num, den, 0, &lo, &hi) == -1 &&
                   stats_quotient_interval(num, den, STATS_QUOTIENT_MAX_SAMPLES + 1, &lo, &hi) == -1,
               "a count out of range");

    /* Steady state: times that stopped improving. */
    int64_t warming[] = {900, 500, 300, 200, 150, 120, 101, 100, 100, 99, 101, 100, 100, 100};
    size_t start;
    TEST_CHECK(stats_steady_start(warming, 14, 5, 0.02, &start) == 1 && start == 9,
               "steady from index 9, got %zu", start);
    TEST_CHECK(stats_steady_start(warming, 8, 5, 0.02, &start) == 0, "not enough values");
    TEST_CHECK(stats_steady_start(warming, 10, 5, 0.02, &start) == 0, "still improving");

    int64_t two[] = {1, 100};
    stats_compute(two, 2, &s);
    TEST_CHECK(stats_is_noisy(&s) == 0, "fewer than 3 values are never called noisy");

    double d[] = {3, 1, 2};
    TEST_CHECK(stats_median_inplace(d, 3) == 2, "median of doubles");
    /* A fixed cost a call and a linear part (JAX's dispatch, then its steps). */
    double steps[] = {1000, 10000, 100000}, took[3];
    for (int i = 0; i < 3; i++)
        took[i] = 180e3 + 150 * steps[i];
    double fixed, scale, exponent, slope;
    TEST_CHECK(stats_power_fit(steps, took, 3, &fixed, &scale, &exponent) == 0, "a power fit");
    TEST_CHECK(fabs(exponent - 1) < 0.01, "linear once the fixed cost is apart: %g", exponent);
    TEST_CHECK(fabs(fixed - 180e3) < 0.05 * 180e3, "the fixed cost found: %g", fixed);
    stats_loglog_slope(steps, took, 3, &slope);
    TEST_CHECK(slope < 0.9, "the plain log-log slope mistakes it for sub-linear: %g", slope);
    double sq[] = {3e6, 3e8, 3e10};   /* 3 x^2: nothing fixed */
    TEST_CHECK(stats_power_fit(steps, sq, 3, &fixed, &scale, &exponent) == 0, "a square fit");
    TEST_CHECK(fabs(exponent - 2) < 0.01 && fixed < 0.01 * sq[0], "x^2, no fixed part: %g, %g",
               exponent, fixed);
    TEST_CHECK(stats_power_fit(steps, sq, 2, &fixed, &scale, &exponent) == -1,
               "two points cannot tell a fixed part from the exponent");

    return TEST_REPORT();
}
