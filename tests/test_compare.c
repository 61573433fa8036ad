/* test_compare.c - pairing and judging two results (harness/compare.h):
 * the significance rule at its edges, the judgement against the baseline
 * (drift cancels, a changed baseline is not a changed row), instruction
 * counts, rows that pair in order, and the tallies. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness/compare.h"
#include "tests/testhelp.h"

#define RUNS 20
/* The spread of a synthetic row's times: 0.1% either side. */
#define SPREAD 0.001

static int close_to(double a, double b)
{
    return fabs(a - b) < 1e-9 * (fabs(b) + 1);
}

/* Adds a verified row whose RUNS times spread evenly around median_ns. */
static void add_row(results *r, const char *problem, const char *rung, const char *interp,
                    double median_ns)
{
    int64_t times[RUNS];
    for (int i = 0; i < RUNS; i++)
        times[i] = (int64_t)(median_ns * (1 + SPREAD * (2.0 * i / (RUNS - 1) - 1)));
    measurement m;
    memset(&m, 0, sizeof m);
    m.problem = (char *)problem;
    m.rung = (char *)rung;
    m.rung_title = (char *)rung;
    m.size = (char *)"quick";
    m.argument = (char *)"1000";
    m.parameter = (char *)"steps";
    m.status = MEASUREMENT_VERIFIED;
    if (interp != NULL) {
        m.has_interpreter = 1;
        m.interp.id = (char *)interp;
    }
    m.times_ns = times;
    m.runs = RUNS;
    m.cold_ns = -1;
    m.max_rss_bytes = -1;
    m.source_lines = -1;
    results_add(r, &m);
}

static const compare_row *find(const comparison *c, const char *rung)
{
    for (size_t i = 0; i < c->count; i++) {
        const measurement *m = c->rows[i].new_row ? c->rows[i].new_row : c->rows[i].old_row;
        if (strcmp(m->rung, rung) == 0)
            return &c->rows[i];
    }
    return NULL;
}

static void test_rule(void)
{
    results old, new_;
    memset(&old, 0, sizeof old);
    memset(&new_, 0, sizeof new_);
    const char *rungs[] = {"same", "half-percent", "three-percent", "double", "half"};
    const double factors[] = {1.0, 1.005, 1.03, 2.0, 0.5};
    for (size_t i = 0; i < sizeof rungs / sizeof *rungs; i++) {
        add_row(&old, "nbody", rungs[i], "cpython-3.13.0", 1e6);
        add_row(&new_, "nbody", rungs[i], "cpython-3.13.0", 1e6 * factors[i]);
    }
    compare_side a = {&old, NULL, "old.json"}, b = {&new_, NULL, "new.json"};
    comparison c;
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) == 0, "compares");
    TEST_CHECK(c.time.rows == 5 && c.added == 0 && c.removed == 0, "five pairs, got %zu",
               c.time.rows);
    const compare_row *row = find(&c, "same");
    TEST_CHECK(row && row->time.verdict == COMPARE_NOT_SIGNIFICANT, "no change: not significant");
    TEST_CHECK(row && row->time.low <= 1 && row->time.high >= 1, "no change: the interval holds 1");
    row = find(&c, "half-percent");
    TEST_CHECK(row && row->time.low > 1, "+0.5%% with 0.1%% noise: the interval excludes 1");
    TEST_CHECK(row && row->time.verdict == COMPARE_NOT_SIGNIFICANT,
               "+0.5%% is within the 2%% threshold: not significant");
    row = find(&c, "three-percent");
    TEST_CHECK(row && row->time.verdict == COMPARE_SLOWER, "+3%%: slower");
    TEST_CHECK(row && close_to(row->time.change, row->time.ratio - 1), "change is ratio - 1");
    row = find(&c, "double");
    TEST_CHECK(row && row->time.verdict == COMPARE_SLOWER && fabs(row->time.ratio - 2) < 0.01,
               "twice as slow: slower, ratio 2");
    row = find(&c, "half");
    TEST_CHECK(row && row->time.verdict == COMPARE_FASTER && fabs(row->time.change + 0.5) < 0.01,
               "twice as fast: faster, change -50%%");
    TEST_CHECK(c.time.faster == 1 && c.time.slower == 2 && c.time.not_significant == 2,
               "tally 1 faster, 2 slower, 2 not significant");
    /* Geometric mean of 1, 1.005, 1.03, 2, 0.5: the 2 and the 0.5 cancel. */
    TEST_CHECK(fabs(c.time.geometric_mean - pow(1.005 * 1.03, 1.0 / 5)) < 1e-3,
               "geometric mean of the ratios, got %g", c.time.geometric_mean);
    TEST_CHECK(fabs(compare_worst_slowdown(&c) - 1) < 0.01, "the worst slowdown is +100%%");
    comparison_release(&c);

    /* A threshold of 0 leaves only the interval to decide. */
    TEST_CHECK(compare_results(&a, &b, 0, 0, &c) == 0, "compares with threshold 0");
    row = find(&c, "half-percent");
    TEST_CHECK(row && row->time.verdict == COMPARE_SLOWER, "threshold 0: +0.5%% is slower");
    row = find(&c, "same");
    TEST_CHECK(row && row->time.verdict == COMPARE_NOT_SIGNIFICANT,
               "threshold 0: no change is still not significant");
    comparison_release(&c);
    results_release(&old);
    results_release(&new_);
}

/* A results file whose baseline is cpython on cpython-3.13.0 and whose
 * rows are that baseline (at base_ns) and the rungs, each at its time. */
static void baseline_file(results *r, double base_ns, const char *const *rungs,
                          const double *times_ns, size_t count)
{
    memset(r, 0, sizeof *r);
    r->baseline = strdup("cpython");
    r->baseline_interpreter = strdup("cpython-3.13.0");
    add_row(r, "nbody", "cpython", "cpython-3.13.0", base_ns);
    for (size_t i = 0; i < count; i++)
        add_row(r, "nbody", rungs[i], NULL, times_ns[i]);
}

static void test_against_baseline(void)
{
    const char *rungs[] = {"steady", "doubled"};
    const double old_times[] = {1e6, 1e6};
    /* The machine 10% slower in the new run, for every row; "doubled"
     * twice as slow besides. */
    const double drift = 1.10;
    const double new_times[] = {1e6 * drift, 2e6 * drift};
    results old, new_;
    baseline_file(&old, 5e7, rungs, old_times, 2);
    baseline_file(&new_, 5e7 * drift, rungs, new_times, 2);
    compare_side a = {&old, NULL, "old.json"}, b = {&new_, NULL, "new.json"};
    comparison c;
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) == 0, "compares");
    TEST_CHECK(c.relative_rows == 2, "two rows judged against the baseline, got %zu",
               c.relative_rows);
    const compare_row *row = find(&c, "steady");
    TEST_CHECK(row && row->time.verdict == COMPARE_SLOWER, "drift: the time alone says slower");
    TEST_CHECK(row && row->has_relative && fabs(row->relative.change) < 1e-3 &&
                   row->relative.verdict == COMPARE_NOT_SIGNIFICANT,
               "drift: no change against the baseline");
    TEST_CHECK(row && row->verdict == COMPARE_NOT_SIGNIFICANT, "drift: not significant");
    TEST_CHECK(row && fabs(row->relative.old_value - 50) < 0.1 &&
                   fabs(row->relative.new_value - 50) < 0.1,
               "the speedups, old and new: 50x");
    row = find(&c, "doubled");
    TEST_CHECK(row && row->verdict == COMPARE_SLOWER && fabs(row->relative.change - 1) < 0.01,
               "twice as slow under drift: slower, +100%% against the baseline");
    TEST_CHECK(row && fabs(compare_row_slowdown(row) - 1) < 0.01,
               "its slowdown is the smaller change (+100%%, not the time's +120%%), got %g",
               row ? compare_row_slowdown(row) : 0);
    row = find(&c, "cpython");
    TEST_CHECK(row && row->is_baseline && !row->has_relative && row->verdict == COMPARE_SLOWER,
               "the baseline is judged by its time: the drift makes it slower");
    TEST_CHECK(c.time.slower == 2 && c.time.not_significant == 1, "tally: 2 slower, 1 not");
    comparison_release(&c);

    /* pyperf's rule: the drift is a change of every row. */
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 1, &c) == 0, "time only");
    row = find(&c, "steady");
    TEST_CHECK(row && !row->has_relative && row->verdict == COMPARE_SLOWER,
               "--time-only: the drift is slower");
    TEST_CHECK(c.relative_rows == 0, "--time-only: nothing against the baseline");
    row = find(&c, "cpython");
    TEST_CHECK(row && row->is_baseline, "--time-only: the baseline is still known as one");
    comparison_release(&c);
    results_release(&new_);

    /* The baseline twice as slow and nothing else: every speedup doubles,
     * but no row's time moved, so no row changed but the baseline. */
    baseline_file(&new_, 1e8, rungs, old_times, 2);
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) == 0, "compares");
    row = find(&c, "steady");
    TEST_CHECK(row && row->relative.verdict == COMPARE_FASTER &&
                   row->verdict == COMPARE_NOT_SIGNIFICANT,
               "a slower baseline: faster against it, but not significant");
    TEST_CHECK(c.time.slower == 1 && c.time.faster == 0, "only the baseline is slower");
    comparison_release(&c);
    results_release(&old);
    results_release(&new_);
}

static void test_instructions(void)
{
    results old, new_;
    memset(&old, 0, sizeof old);
    memset(&new_, 0, sizeof new_);
    const char *rungs[] = {"tiny", "more", "fewer", "absent"};
    const double old_counts[] = {1e9, 1e9, 1e9, 1e9};
    const double new_counts[] = {1.0005e9, 1.002e9, 0.9e9, -1};
    for (size_t i = 0; i < sizeof rungs / sizeof *rungs; i++) {
        add_row(&old, "nbody", rungs[i], NULL, 1e6);
        add_row(&new_, "nbody", rungs[i], NULL, 1e6);
    }
    compare_side a = {&old, old_counts, "old.json"}, b = {&new_, new_counts, "new.json"};
    comparison c;
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) == 0, "compares");
    const compare_row *row = find(&c, "tiny");
    TEST_CHECK(row && row->has_instructions &&
                   row->instructions.verdict == COMPARE_NOT_SIGNIFICANT,
               "+0.05%% instructions: unchanged");
    row = find(&c, "more");
    TEST_CHECK(row && row->instructions.verdict == COMPARE_SLOWER,
               "+0.2%% instructions: slower (beyond 0.1%%)");
    TEST_CHECK(row && row->time.verdict == COMPARE_NOT_SIGNIFICANT, "...while the time is not");
    row = find(&c, "fewer");
    TEST_CHECK(row && row->instructions.verdict == COMPARE_FASTER, "-10%% instructions: faster");
    row = find(&c, "absent");
    TEST_CHECK(row && !row->has_instructions, "a count in one file only: not judged");
    TEST_CHECK(c.instructions.rows == 3, "three rows judged by instructions, got %zu",
               c.instructions.rows);
    TEST_CHECK(fabs(compare_worst_slowdown(&c) - 0.002) < 1e-9,
               "the worst slowdown counts instructions: 0.2%%, got %g", compare_worst_slowdown(&c));
    comparison_release(&c);
    results_release(&old);
    results_release(&new_);
}

static void test_pairing(void)
{
    results old, new_;
    memset(&old, 0, sizeof old);
    memset(&new_, 0, sizeof new_);
    add_row(&old, "nbody", "cpython", "cpython-3.12.0", 1e6);
    add_row(&old, "nbody", "cpython", "cpython-3.13.0", 2e6);
    add_row(&old, "nbody", "gone", NULL, 2e6);
    /* The same key twice pairs in order; another interpreter is another row. */
    add_row(&old, "nbody", "twice", NULL, 1e6);
    add_row(&old, "nbody", "twice", NULL, 3e6);
    add_row(&new_, "nbody", "cpython", "cpython-3.13.0", 2e6);
    add_row(&new_, "nbody", "cpython", "cpython-3.12.0", 1e6);
    add_row(&new_, "nbody", "twice", NULL, 1e6);
    add_row(&new_, "nbody", "twice", NULL, 3e6);
    add_row(&new_, "nbody", "native", NULL, 1e6);
    compare_side a = {&old, NULL, "old.json"}, b = {&new_, NULL, "new.json"};
    comparison c;
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) == 0, "compares");
    TEST_CHECK(c.count == 6, "five rows of the new file and one removed, got %zu", c.count);
    TEST_CHECK(c.time.rows == 4 && c.time.not_significant == 4,
               "each interpreter and each duplicate paired with its own: all the same");
    TEST_CHECK(c.added == 1 && c.removed == 1, "one added, one removed");
    TEST_CHECK(c.rows[c.count - 1].kind == COMPARE_REMOVED &&
                   strcmp(c.rows[c.count - 1].old_row->rung, "gone") == 0,
               "the removed row comes last");
    TEST_CHECK(compare_worst_slowdown(&c) == 0, "nothing slower: worst slowdown 0");
    comparison_release(&c);
    comparison_release(NULL);

    /* A row that failed in the new file is not compared, and says why. */
    new_.items[0].status = MEASUREMENT_FAILED;
    TEST_CHECK(compare_results(&a, &b, COMPARE_DEFAULT_THRESHOLD, 0, &c) == 0, "compares");
    const compare_row *row = &c.rows[0];
    TEST_CHECK(row->kind == COMPARE_NOT_COMPARED && row->why != NULL &&
                   strstr(row->why, "failed in 'new.json'") != NULL,
               "failed in the new file: not compared, why '%s'", row->why ? row->why : "");
    comparison_release(&c);
    results_release(&old);
    results_release(&new_);
}

int main(void)
{
    test_rule();
    test_against_baseline();
    test_instructions();
    test_pairing();
    return TEST_REPORT();
}
