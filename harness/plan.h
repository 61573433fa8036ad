/*
 * plan.h - the time plan of a run with a time limit (`ladder run
 * --time-limit`): the budget (seconds of measured runs a row) that lets
 * the whole run end within the limit.
 *
 * What a row costs depends on the budget, through the budget policy
 * (measure.h): its cold iteration always; a JIT's warm-up (at most
 * MEASURE_WARMUP_BUDGET_FACTOR budgets, at least MEASURE_WARMUP_MIN_NS);
 * then, unless it compiles nothing and its cold iteration took more than
 * MEASURE_COLD_ONLY_FACTOR budgets, one measured run; and, unless that run
 * took longer than the budget, about a budget of runs more (a wide
 * interval adds rounds). The plan knows each row's times from the newest
 * finished run on this machine that measured it (history.h), which is
 * what a card is run after, and before each problem picks the largest budget
 * whose cost for every row still to run fits in the time left. It is made
 * again before every problem, so an estimate that was wrong is paid for
 * by the problems after it, not by the limit. When less than half of the
 * rows are known, every row gets PLAN_BLIND_BUDGET_S.
 *
 *     plan_problem pp;
 *     plan_problem_init(&pp);
 *     plan_add_row(&pp, previous_measurement_or_NULL, warmup, warmup_min_s, is_baseline);
 *     ...
 *     double b = plan_budget_s(problems_left, count, time_left_ns, default_budget_s);
 *     plan_problem_release(&pp);
 *
 * A plan_problem owns its rows' array (plan_problem_release).
 */
#ifndef LADDER_PLAN_H
#define LADDER_PLAN_H

#include <stddef.h>

#include "harness/measure.h"
#include "harness/results.h"

/* The least budget a row gets, however short the time left. */
#define PLAN_MIN_BUDGET_S 0.5
/* A row's budget when the rows' times are not known. */
#define PLAN_BLIND_BUDGET_S 0.75
/* Below this share of rows known from the last run, the plan is blind. */
#define PLAN_KNOWN_SHARE 0.5
/* What a row spends of its budget, on average: the measured rounds fill
 * it, and a wide interval adds rounds (up to MEASURE_WIDEN_FACTOR). */
#define PLAN_SPEND_PER_BUDGET 1.8
/* Outside its iterations, a row costs about this: its process's start,
 * the verifying of its outputs (measured on the card: 170 s, 127 rows). */
#define PLAN_ROW_OVERHEAD_NS 1.3e9
/* A row the last run did not have is guessed to need this, and a budget. */
#define PLAN_UNKNOWN_ROW_NS 5e9

typedef struct plan_row {
    int known;                /* the last run measured it */
    int failed;               /* ...and it failed, after spent_ns */
    double spent_ns;
    double cold_ns;
    double warmup_ns;         /* a JIT's warm-up after the cold iteration */
    double run_ns;            /* one measured iteration */
    measure_warmup warmup;
    double warmup_min_s;      /* the run's --warmup-min (0: the default) */
    int baseline;             /* gets MEASURE_BASELINE_BUDGET_FACTOR budgets */
} plan_row;

typedef struct plan_problem {
    plan_row *rows;
    size_t count, cap;
} plan_problem;

void plan_problem_init(plan_problem *pp);
void plan_problem_release(plan_problem *pp);

/* Adds a row to measure, with its measurement in the last run (NULL if
 * there is none: the row is new, or there was no last run). A row the
 * last run skipped is left out: it costs nothing. Returns -1 when memory
 * ran out. */
int plan_add_row(plan_problem *pp, const measurement *previous, measure_warmup warmup,
                 double warmup_min_s, int baseline);

/* What problems[0..count) will cost, in ns, at a budget of budget_s. */
double plan_cost_ns(const plan_problem *problems, size_t count, double budget_s);

/* The budget for the next problem, problems[0], with problems[1..count)
 * still to come and left_ns of the limit left: the largest that fits, at
 * least PLAN_MIN_BUDGET_S, never more than default_s (--budget). */
double plan_budget_s(const plan_problem *problems, size_t count, double left_ns, double default_s);

#endif /* LADDER_PLAN_H */
