/* test_plan.c - the time plan of a run with a time limit (harness/plan.h). */
#include <stdint.h>
#include <string.h>

#include "harness/plan.h"
#include "tests/testhelp.h"

#define NS 1000000000LL

/* A verified row of the last run: its cold iteration, then `runs` of run_ns. */
static measurement verified(int64_t *times, size_t n, size_t warmup_iterations, int cold_only)
{
    measurement m;
    memset(&m, 0, sizeof m);
    m.status = MEASUREMENT_VERIFIED;
    m.iterations_ns = times;
    m.iterations = n;
    m.cold_ns = times[0];
    m.warmup_iterations = warmup_iterations;
    m.cold_only = cold_only;
    return m;
}

int main(void)
{
    /* A fast row (0.1 s an iteration) and a long one that compiles nothing (60 s). */
    int64_t fast[] = {NS / 10, NS / 10, NS / 10, NS / 10};
    int64_t slow[] = {60 * NS};
    measurement mf = verified(fast, 4, 1, 0), ms = verified(slow, 1, 0, 1);
    plan_problem pp;
    plan_problem_init(&pp);
    TEST_CHECK(plan_add_row(&pp, &mf, MEASURE_WARMUP_NONE, 0, 1) == 0, "a row is added");
    TEST_CHECK(plan_add_row(&pp, &ms, MEASURE_WARMUP_NONE, 0, 0) == 0, "a row is added");
    measurement skipped;
    memset(&skipped, 0, sizeof skipped);
    skipped.status = MEASUREMENT_SKIPPED;
    plan_add_row(&pp, &skipped, MEASURE_WARMUP_NONE, 0, 0);
    TEST_CHECK(pp.count == 2, "a row skipped last time costs nothing and is left out");

    double at_1 = plan_cost_ns(&pp, 1, 1), at_3 = plan_cost_ns(&pp, 1, 3);
    TEST_CHECK(at_1 < at_3, "a bigger budget costs more (%g, %g)", at_1, at_3);
    TEST_CHECK(at_1 > 60.0 * NS, "the long row's cold iteration is always paid: %g", at_1);
    TEST_CHECK(at_3 < 75.0 * NS, "the long row is timed by its cold iteration alone: %g", at_3);

    /* Plenty of time: the budget asked for. */
    TEST_CHECK(plan_budget_s(&pp, 1, 3600.0 * NS, 3) == 3, "time enough: the default budget");
    /* Too little for even the cold iteration: the least budget, never less. */
    TEST_CHECK(plan_budget_s(&pp, 1, 10.0 * NS, 3) == PLAN_MIN_BUDGET_S, "the least budget");
    TEST_CHECK(plan_budget_s(&pp, 1, 10.0 * NS, 0.2) == 0.2, "never more than asked for");
    /* In between: the largest budget that fits, and it does fit. */
    double left = (at_1 + at_3) / 2;
    double b = plan_budget_s(&pp, 1, left, 3);
    TEST_CHECK(b > 1 && b < 3, "a budget between 1 and 3 s fits %g ns: %g", left, b);
    TEST_CHECK(plan_cost_ns(&pp, 1, b) <= left, "the budget chosen fits");
    TEST_CHECK(plan_cost_ns(&pp, 1, b + 2 * 0.01) > left, "and is the largest that does");

    /* A JIT's warm-up is paid up to its cap, even when the last run warmed longer. */
    int64_t jit[] = {5 * NS, 20 * NS, 20 * NS, NS, NS};
    measurement mj = verified(jit, 5, 3, 0);
    plan_problem pj;
    plan_problem_init(&pj);
    plan_add_row(&pj, &mj, MEASURE_WARMUP_JIT, 0, 0);
    double jit_cost = plan_cost_ns(&pj, 1, 0.5);
    TEST_CHECK(jit_cost >= 5.0 * NS + (double)MEASURE_WARMUP_MIN_NS + NS &&
                   jit_cost < 5.0 * NS + 40.0 * NS,
               "JIT row at 0.5 s: cold, capped warm-up, a run: %g", jit_cost);

    /* A row a little slower than its budget: one run has no interval, so
     * measure.c adds runs while they fit in MEASURE_WIDEN_FACTOR budgets. */
    int64_t over[] = {NS, 12 * NS / 10};
    measurement mo = verified(over, 2, 1, 0);
    plan_problem po;
    plan_problem_init(&po);
    plan_add_row(&po, &mo, MEASURE_WARMUP_NONE, 0, 0);
    double one_more = plan_cost_ns(&po, 1, 1) - PLAN_ROW_OVERHEAD_NS;
    double none_fits = plan_cost_ns(&po, 1, 0.7) - PLAN_ROW_OVERHEAD_NS;
    TEST_CHECK(one_more > 3.35 * NS && one_more < 3.45 * NS,
               "1.2 s runs at a 1 s budget: cold, a run and one more (%g)", one_more);
    TEST_CHECK(none_fits > 2.15 * NS && none_fits < 2.25 * NS,
               "at 0.7 s a second run does not fit in 3 budgets (%g)", none_fits);
    plan_problem_release(&po);

    /* Two problems: the budget is planned over both. */
    plan_problem two[2] = {pp, pj};
    TEST_CHECK(plan_cost_ns(two, 2, 1) == at_1 + plan_cost_ns(&pj, 1, 1), "costs add up");

    /* Nothing known: the blind budget. */
    plan_problem blind;
    plan_problem_init(&blind);
    plan_add_row(&blind, NULL, MEASURE_WARMUP_NONE, 0, 0);
    plan_add_row(&blind, NULL, MEASURE_WARMUP_NONE, 0, 0);
    plan_add_row(&blind, &mf, MEASURE_WARMUP_NONE, 0, 0);
    TEST_CHECK(plan_budget_s(&blind, 1, 3600.0 * NS, 3) == PLAN_BLIND_BUDGET_S,
               "mostly unknown rows: the blind budget");

    plan_problem_release(&pp);
    plan_problem_release(&pj);
    plan_problem_release(&blind);
    return TEST_REPORT();
}
