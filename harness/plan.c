/*
 * plan.c - the time plan of a run with a time limit. See plan.h.
 */
#include "harness/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness/array.h"

/* The budget is found to within this, by bisection. */
#define PLAN_BUDGET_PRECISION_S 0.01

void plan_problem_init(plan_problem *pp)
{
    memset(pp, 0, sizeof *pp);
}

void plan_problem_release(plan_problem *pp)
{
    free(pp->rows);
    memset(pp, 0, sizeof *pp);
}

int plan_add_row(plan_problem *pp, const measurement *previous, measure_warmup warmup,
                 double warmup_min_s, int baseline)
{
    if (previous != NULL && (previous->status == MEASUREMENT_SKIPPED ||
                             previous->status == MEASUREMENT_NOT_APPLICABLE))
        return 0;
    if (array_reserve((void **)&pp->rows, &pp->cap, pp->count + 1, sizeof *pp->rows) != 0)
        return -1;
    plan_row *row = &pp->rows[pp->count++];
    memset(row, 0, sizeof *row);
    row->warmup = warmup;
    row->warmup_min_s = warmup_min_s;
    row->baseline = baseline;
    if (previous == NULL || previous->iterations == 0)
        return 0;
    const int64_t *it = previous->iterations_ns;
    size_t n = previous->iterations;
    row->known = 1;
    if (previous->status != MEASUREMENT_VERIFIED) {
        row->failed = 1;
        for (size_t i = 0; i < n; i++)
            row->spent_ns += (double)it[i];
        return 0;
    }
    size_t warm = previous->warmup_iterations < n ? previous->warmup_iterations : n;
    row->cold_ns = (double)it[0];
    for (size_t i = 1; i < warm; i++)
        row->warmup_ns += (double)it[i];
    /* Timed by its cold iteration alone last time: another would take as long. */
    row->run_ns = warm < n && !previous->cold_only ? (double)it[warm] : row->cold_ns;
    return 0;
}

static double row_cost_ns(const plan_row *row, double budget_s)
{
    double budget_ns = budget_s * 1e9 * (row->baseline ? MEASURE_BASELINE_BUDGET_FACTOR : 1);
    double cost = PLAN_ROW_OVERHEAD_NS;
    if (!row->known)
        return cost + PLAN_UNKNOWN_ROW_NS + PLAN_SPEND_PER_BUDGET * budget_ns;
    if (row->failed)
        return cost + row->spent_ns;
    cost += row->cold_ns;
    if (row->warmup == MEASURE_WARMUP_NONE && row->cold_ns > MEASURE_COLD_ONLY_FACTOR * budget_ns)
        return cost;
    if (row->warmup == MEASURE_WARMUP_JIT) {
        double cap = (double)measure_warmup_cap_ns(budget_s, row->warmup_min_s);
        double warm = row->warmup_ns < cap ? row->warmup_ns : cap;
        /* A minimum asked for is always paid (measure.c). */
        cost += warm > row->warmup_min_s * 1e9 ? warm : row->warmup_min_s * 1e9;
    }
    cost += row->run_ns;
    if (row->run_ns > budget_ns) {
        /* One run gives no interval: measure.c adds one a pass while
         * they fit in MEASURE_WIDEN_FACTOR budgets. */
        double fit = floor(MEASURE_WIDEN_FACTOR * budget_ns / row->run_ns) - 1;
        double more = fit < MEASURE_WIDEN_PASSES ? fit : MEASURE_WIDEN_PASSES;
        return more > 0 ? cost + more * row->run_ns : cost;
    }
    double more = PLAN_SPEND_PER_BUDGET * budget_ns - row->run_ns;
    return more > 0 ? cost + more : cost;
}

double plan_cost_ns(const plan_problem *problems, size_t count, double budget_s)
{
    double total = 0;
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < problems[i].count; k++)
            total += row_cost_ns(&problems[i].rows[k], budget_s);
    return total;
}

double plan_budget_s(const plan_problem *problems, size_t count, double left_ns, double default_s)
{
    size_t rows = 0, known = 0;
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < problems[i].count; k++) {
            rows++;
            known += problems[i].rows[k].known;
        }
    double low = PLAN_MIN_BUDGET_S < default_s ? PLAN_MIN_BUDGET_S : default_s;
    if (rows > 0 && (double)known < PLAN_KNOWN_SHARE * (double)rows)
        return PLAN_BLIND_BUDGET_S < default_s ? PLAN_BLIND_BUDGET_S : default_s;
    if (plan_cost_ns(problems, count, default_s) <= left_ns)
        return default_s;
    if (plan_cost_ns(problems, count, low) >= left_ns)
        return low;
    /* The cost grows with the budget: the largest that fits. */
    double high = default_s;
    while (high - low > PLAN_BUDGET_PRECISION_S) {
        double mid = (low + high) / 2;
        if (plan_cost_ns(problems, count, mid) <= left_ns)
            low = mid;
        else
            high = mid;
    }
    return low;
}
