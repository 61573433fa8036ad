/*
 * measure.h - how the rows of one problem are measured: this is where the
 * timing is taken. Every row (problem, rung, interpreter) is a process
 * speaking the protocol (worker.h); all of a problem's rows are started
 * together and measured in interleaved rounds, so that a slow drift of the
 * machine (another tenant, a frequency change) touches the baseline and
 * every rung alike and cancels out of the speedups.
 *
 *     measure_row rows[n];          // label, command, dir, env, warmup, baseline: filled in
 *     measure_problem p = {...};    // the reference and how to compare
 *     measure_rows(rows, n, &p, &policy);
 *     ... rows[i].ok, .reason, .times_ns, .cold_ns, .suspect ...
 *     measure_row_release(&rows[i]);
 *
 * For each problem, in order:
 *
 *  1. Start every row's process; wait until each says `ready`.
 *  2. Cold: one iteration of each row, kept apart (it pays for first
 *     touches, caches and compilers).
 *  3. Warm-up, for rows that compile while they run (`warmup = jit`, or a
 *     JIT interpreter): iterations for at least the policy's warm-up
 *     minimum, if it has one, then until the times stop improving (the
 *     median of the last 5 no more than 2% below the 5 before), at most
 *     MEASURE_WARMUP_MAX_ITERATIONS or MEASURE_WARMUP_BUDGET_FACTOR times
 *     the budget (the warm-up minimum, or MEASURE_WARMUP_MIN_NS, at
 *     least); past that, while
 *     each iteration is still MEASURE_WARMUP_STILL_FASTER times faster than
 *     the one before (the JIT has just compiled more), up to
 *     MEASURE_WARMUP_HARD_FACTOR times as long. How many and how long it
 *     took is kept.
 *  4. Rounds: round 0 runs each row once, which says how long one
 *     iteration takes. Each row then gets budget / that many iterations
 *     (the baseline, which every speedup divides by, twice the budget)
 *     (at least min_runs, at most max_runs; a row whose one iteration
 *     takes longer than its budget gets just the one, and says so), spread
 *     evenly over up to MEASURE_ROUNDS rounds: in each round every row runs
 *     its share, one row after the other. A row that compiles nothing
 *     while it runs and whose cold iteration took longer than
 *     MEASURE_COLD_ONLY_FACTOR budgets skips round 0: its cold iteration is
 *     its one measured run (`cold_only`), and says so.
 *     A row that compiles nothing while it runs (`warmup = none`) is
 *     measured in policy.processes processes, one after another: its
 *     rounds, round 0 with them, are split into that many blocks (so a
 *     row with as many runs as processes gets a process a run), and each
 *     block after the first starts a new process (its first iteration,
 *     which pays for first touches, is not measured unless the row is
 *     slow). A process's memory layout and hash seed move an
 *     interpreter's times by several percent, and one process would carry
 *     that into the speedup (pyperf runs 20 processes for the same
 *     reason).
 *  5. Rows whose speedup interval (bootstrap, stats.h) is wider than
 *     ±MEASURE_WIDE_INTERVAL, or who have none yet (one run on either
 *     side has no spread), get more rounds (with the baseline), up to
 *     MEASURE_WIDEN_FACTOR times their budget (without a time limit, or
 *     what their planned runs took, if more): a row slower than its
 *     budget one more run a pass, if it fits. A row measured in several
 *     processes (step 4) gets each pass's runs in a new process.
 *  6. Finish: stdin closed, each process must exit 0; its peak memory
 *     (read just before, child_peak_rss) and CPU time (wait4) are kept.
 *
 * While one row runs, every other row's process group is stopped
 * (SIGSTOP, then SIGCONT for its own turn): a thread pool still spinning,
 * a garbage collector, or a JIT compiling in the background would
 * otherwise be timed as part of another rung.
 *
 * Every iteration is checked: its output against the reference (verify.h;
 * an output already verified in this problem is recognised by its
 * SHA-256), and its time against the harness's own clock (the round trip,
 * from writing `run` to reading the last byte of the result): a time of
 * zero or below MEASURE_TIMER_FLOOR_NS, a time longer than the round trip,
 * or one far below it (a rung that does its work outside the timed call),
 * fails the row. After the runs, a warm median far below the cold
 * iteration for a rung that declares no compile step or JIT, or reported
 * times that the process did not spend on a CPU or waiting for one (its CPU
 * clock and /proc/PID/schedstat, read around each iteration), make the
 * row suspect: verified, but no speedup is shown for it.
 * docs/protocol.md states these rules for rung authors.
 *
 * Rows of one call are usually one problem at one size, one of them the
 * baseline. A sweep measures a problem at several sizes in one call, so
 * that drift touches every size alike: each row then names its own
 * expected output and its own size's baseline, and is compared with
 * those alone.
 *
 * An interrupt (interrupt.h) stops the measurement where it is: every
 * process is killed, rows not finished say so, and what was measured is
 * kept.
 */
#ifndef LADDER_MEASURE_H
#define LADDER_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "harness/buf.h"
#include "harness/digest.h"
#include "harness/verify.h"

#define MEASURE_ROUNDS 10
/* The processes a row that compiles nothing is measured in, when there is
 * time (ladder run without --time-limit). */
#define MEASURE_PROCESSES 3
/* The baseline row's budget, as a multiple of the others'. */
#define MEASURE_BASELINE_BUDGET_FACTOR 2.0
#define MEASURE_WARMUP_WINDOW 5
#define MEASURE_WARMUP_TOLERANCE 0.02
#define MEASURE_WARMUP_MAX_ITERATIONS 200
#define MEASURE_WARMUP_BUDGET_FACTOR 4.0
/* ...but never less than this (the policy's warmup_min_s, if set): GraalPy
 * interprets a function, about 100x slower than CPython, until it has run
 * enough to compile; at the study's sizes that is a few calls. */
#define MEASURE_WARMUP_MIN_NS (10 * 1000000000LL)
/* Past the cap, an iteration this many times faster than the one before
 * says the JIT has just compiled: warming goes on... */
#define MEASURE_WARMUP_STILL_FASTER 1.5
/* ...up to this many times the cap. */
#define MEASURE_WARMUP_HARD_FACTOR 3.0
/* A row that compiles nothing while it runs (warmup none) and whose cold
 * iteration took more than this many budgets is timed by that iteration
 * alone: at that length first-call costs are lost in the noise, and a
 * second run of CPython's spectral-norm would cost another minute. */
#define MEASURE_COLD_ONLY_FACTOR 3.0
/* The least measured runs for a 95% interval of a row's median: the
 * median of n runs lies between the smallest and the largest of them with
 * probability 1 - 2^(1-n), 75% for 3 runs and 97% for 6. With 3, GraalPy's
 * pipeline row (3.4 s a run, 5% apart) moved 15% between two runs of the
 * same command while each run's interval said +-8%. The callers' default
 * --min-runs. */
#define MEASURE_INTERVAL_MIN_RUNS 6
#define MEASURE_WIDE_INTERVAL 0.10
#define MEASURE_WIDEN_FACTOR 3.0
/* Passes of more rounds, at most. */
#define MEASURE_WIDEN_PASSES 2
#define MEASURE_TIMER_FLOOR_NS 1000
/* A reported time more than this above the round trip cannot be. */
#define MEASURE_CLOCK_SLACK_NS 50000
/* A round trip more than RATIO times the reported time, and more than
 * SLACK above it, means the work was done outside the timed call. */
#define MEASURE_OUTSIDE_RATIO 20.0
#define MEASURE_OUTSIDE_SLACK_NS 50000000LL
/* ... in this many iterations in a row: once is a pause between two
 * iterations (PyPy's garbage collector, or its JIT compiling the driver's
 * loop, was seen to take 62 ms after a 0.8 ms iteration). */
#define MEASURE_OUTSIDE_IN_A_ROW 3
/* A warm median this many times below the cold iteration needs a reason. */
#define MEASURE_COLD_WARM_RATIO 20.0
/* Reported time that was neither CPU time of the process nor time waiting
 * for a CPU (/proc/PID/schedstat), above this share of all reported time
 * and SLACK, was not spent computing. */
#define MEASURE_IDLE_SHARE 0.5
#define MEASURE_IDLE_SLACK_NS 200000000LL

typedef struct measure_policy {
    double budget_s;     /* timed seconds per row to aim for */
    int min_runs;
    int max_runs;
    int fixed_runs;      /* > 0: exactly this many measured iterations */
    double timeout_s;    /* for start-up, and for each iteration */
    double warmup_min_s; /* a JIT row warms up at least this long; 0: MEASURE_WARMUP_MIN_NS */
    int one_run_when_slow; /* a row slower than its budget gets one run, not min_runs
                              (a time limit's budget policy) */
    int processes;       /* a row that compiles nothing is measured in this many
                            processes, one after the other (<= 1: one) */
} measure_policy;

typedef enum measure_warmup {
    MEASURE_WARMUP_NONE,
    MEASURE_WARMUP_COMPILE,   /* the first call compiles */
    MEASURE_WARMUP_JIT        /* compiles while it runs */
} measure_warmup;

typedef struct measure_row {
    /* In: filled by the caller, borrowed. */
    const char *label;           /* for progress: "Cython on CPython 3.11.7" */
    const char *command;         /* one command: it is exec'd by /bin/sh */
    const char *dir;
    const char *const *env;
    measure_warmup warmup;
    double expected_ns;          /* what the whole row should take (an earlier run), or 0 */
    const verify_expected *expected;  /* what its output must be; NULL: the problem's */
    size_t baseline;             /* the row its speedup divides by: its own index for a
                                    baseline row; MEASURE_NO_BASELINE: none */

    /* Out: owned by the row (measure_row_release). */
    int ok;                      /* ran, and every output was verified */
    buf reason;                  /* why not */
    int64_t cold_ns;             /* -1 if it never ran */
    int64_t *iterations_ns;      /* every iteration, cold first */
    size_t iterations;
    size_t warmup_iterations;    /* of those, before the measured ones (cold included) */
    int steady;                  /* warm-up ended because the times stopped improving */
    int64_t *times_ns;           /* the measured iterations */
    int *rounds;                 /* the round each was measured in */
    size_t runs;
    int slow;                    /* one iteration exceeds the budget: one measured run */
    int cold_only;               /* ...and that run is the cold one (MEASURE_COLD_ONLY_FACTOR) */
    int64_t max_rss_bytes;       /* -1 if unknown; the most of any of its processes */
    int64_t wall_ns;             /* its processes, start to exit, added up */
    int64_t cpu_ns;
    int processes;               /* how many processes it was measured in */
    char output_sha256[DIGEST_HEX_SIZE];
    buf suspect;                 /* non-empty: verified, but its times are not trusted */
    buf notes;                   /* what a reader should know about its times */
} measure_row;

typedef struct measure_problem {
    const char *title;             /* for progress lines */
    const verify_rule *rule;
    const verify_expected *expected;
    const verify_command *verifier;  /* for VERIFY_COMMAND; may be NULL otherwise */
    int live_progress;             /* 1: a live line on a terminal; 0: a line per phase */
    double later_ns;               /* estimated time of the problems after this one */
} measure_problem;

#define MEASURE_NO_BASELINE ((size_t)-1)

/* Measures rows[0..n) as above. Never fails as a whole: each row says how
 * it went. */
void measure_rows(measure_row *rows, size_t n, const measure_problem *p,
                  const measure_policy *policy);

/* How long a JIT row may warm up before it must be steady (past this, only
 * while it is still getting much faster): MEASURE_WARMUP_BUDGET_FACTOR
 * budgets, and at least warmup_min_s (0: MEASURE_WARMUP_MIN_NS). */
int64_t measure_warmup_cap_ns(double budget_s, double warmup_min_s);

/* Frees what the measurement put in the row. */
void measure_row_release(measure_row *row);

#endif /* LADDER_MEASURE_H */
