/* measure.c - the rows of one problem, in interleaved rounds (see measure.h). */
#include "harness/measure.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness/array.h"
#include "harness/child.h"
#include "harness/interrupt.h"
#include "harness/stats.h"
#include "harness/worker.h"

#define NS_PER_SEC 1000000000LL
#define NS_PER_MS 1000000LL
/* After its stdin closes, a rung gets this long to exit. */
#define MEASURE_EXIT_GRACE_NS (10 * NS_PER_SEC)
/* In a log, a progress line at most this often. */
#define MEASURE_LOG_EVERY_NS (15 * NS_PER_SEC)

/* What the measurement keeps about each row while it runs. */
typedef struct row_state {
    worker w;
    int started;          /* the process was started (w must be released) */
    int alive;            /* running, and nothing has failed */
    size_t planned;       /* measured iterations planned so far */
    double estimate_ns;   /* one iteration, from round 0 */
    int64_t spent_ns;     /* measured time so far */
    size_t iter_cap, time_cap, round_cap;   /* of the row's arrays */
    int frozen;           /* SIGSTOPped while another row runs */
    double reported_ns;   /* every reported time, added up */
    double idle_ns;       /* of that, neither computing nor waiting for a CPU */
    size_t widened;       /* measured iterations added for a wide interval */
    int64_t ended_rss;    /* of its processes already ended: the most memory, */
    int64_t ended_wall_ns, ended_cpu_ns;   /* and their times added up */
    int processes;        /* started so far */
    int outside_in_a_row; /* iterations whose round trip was far longer than
                             their time, up to the last one */
} row_state;

/* An output already verified against one expectation (of one size). */
typedef struct verified_output {
    const verify_expected *expected;
    char digest[DIGEST_HEX_SIZE];
} verified_output;

typedef struct run {
    measure_row *rows;
    row_state *st;
    size_t n;
    const measure_problem *p;
    const measure_policy *policy;
    int64_t timeout_ns;
    int64_t budget_ns;
    verified_output *verified;           /* outputs verified in this call */
    size_t nverified, verified_cap;
    size_t last;                         /* the row that ran last, or n */
    const char *phase;
    int round, rounds;
    int64_t last_log_ns;
} run;

static void fail(run *r, size_t i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(run *r, size_t i, const char *fmt, ...)
{
    measure_row *row = &r->rows[i];
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&row->reason, fmt, ap);
    va_end(ap);
    row->ok = 0;
    r->st[i].alive = 0;
    if (r->st[i].started)
        child_kill(&r->st[i].w.proc);
}

/* "2.1 s", "340 ms", "12 µs": a time in a message. */
static void time_phrase(buf *out, double ns)
{
    if (ns >= NS_PER_SEC)
        buf_printf(out, "%.2f s", ns / NS_PER_SEC);
    else if (ns >= NS_PER_MS)
        buf_printf(out, "%.2f ms", ns / NS_PER_MS);
    else if (ns >= 1000)
        buf_printf(out, "%.1f µs", ns / 1000);
    else
        buf_printf(out, "%.0f ns", ns);
}

/* ---- progress -------------------------------------------------------------- */

static double remaining_ns(const run *r)
{
    double left = r->p->later_ns;
    for (size_t i = 0; i < r->n; i++) {
        const row_state *s = &r->st[i];
        if (s->started && !s->alive)
            continue;   /* it failed: nothing more to run */
        /* Before its cold iteration, only an earlier run knows what a row costs. */
        if (r->rows[i].iterations == 0 && r->rows[i].expected_ns > 0) {
            left += r->rows[i].expected_ns;
            continue;
        }
        double each = s->estimate_ns > 0 ? s->estimate_ns : (double)r->budget_ns / 3;
        size_t done = r->rows[i].runs;
        size_t planned = s->planned ? s->planned : (size_t)r->policy->min_runs;
        if (planned > done)
            left += each * (double)(planned - done);
    }
    return left;
}

static void left_phrase(buf *out, double ns)
{
    double s = ns / NS_PER_SEC;
    if (s < 60)
        buf_printf(out, "about %.0f s left", s < 1 ? 1 : s);
    else
        buf_printf(out, "about %.0f min left", ceil(s / 60));
}

static void progress(run *r, size_t i)
{
    buf line = BUF_INIT;
    buf_printf(&line, "  %s · %s", r->p->title, r->phase);
    if (r->rounds > 0)
        buf_printf(&line, " %d/%d", r->round + 1, r->rounds);
    if (i < r->n)
        buf_printf(&line, " · %s: run %zu", r->rows[i].label, r->rows[i].iterations + 1);
    buf_puts(&line, " · ");
    left_phrase(&line, remaining_ns(r));
    if (r->p->live_progress)
        fprintf(stderr, "\r\033[K%s", line.data);
    buf_release(&line);
}

/* In a log (no terminal), one line when a phase starts. */
static void phase(run *r, const char *name, int round, int rounds)
{
    int same = r->phase != NULL && strcmp(r->phase, name) == 0;
    r->phase = name;
    r->round = round;
    r->rounds = rounds;
    /* A log gets a line when a phase starts, then one now and then, so that a
     * long phase never looks like a hang. */
    int64_t now = child_now_ns();
    if (r->p->live_progress || (same && now - r->last_log_ns < MEASURE_LOG_EVERY_NS))
        return;
    r->last_log_ns = now;
    buf line = BUF_INIT;
    buf_printf(&line, "  %s: %s", r->p->title, name);
    if (rounds > 0)
        buf_printf(&line, " %d of %d", round + 1, rounds);
    buf_puts(&line, ", ");
    left_phrase(&line, remaining_ns(r));
    fprintf(stderr, "%s\n", line.data);
    buf_release(&line);
}

/* ---- one iteration --------------------------------------------------------- */

static int64_t process_cpu_ns(pid_t pid)
{
    clockid_t clock;
    struct timespec ts;
    if (pid <= 0 || clock_getcpuclockid(pid, &clock) != 0 || clock_gettime(clock, &ts) != 0)
        return -1;
    return (int64_t)ts.tv_sec * NS_PER_SEC + ts.tv_nsec;
}

/* The time the process's threads have waited for a CPU while runnable,
 * added up (/proc/PID/task/TID/schedstat, second field), or -1. Every
 * thread: a JVM runs Python's main on a thread of its own. */
static int64_t runqueue_wait_ns(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    int64_t total = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        char stat_path[320];
        snprintf(stat_path, sizeof stat_path, "/proc/%d/task/%s/schedstat", (int)pid, e->d_name);
        FILE *f = fopen(stat_path, "r");
        long long on_cpu, waited;
        if (f != NULL && fscanf(f, "%lld %lld", &on_cpu, &waited) == 2)
            total += waited;
        if (f != NULL)
            fclose(f);
    }
    closedir(d);
    return total;
}

/* Only the row being timed may run: every other row's process group is
 * stopped, so that a thread pool still spinning, a garbage collector or a
 * JIT compiling in the background is never timed as part of another rung
 * (on a 2-core machine it would be). Each row resumes for its own turn. */
static void freeze_others(run *r, size_t current)
{
    for (size_t i = 0; i < r->n; i++) {
        row_state *s = &r->st[i];
        if (i == current && s->frozen) {
            kill(-s->w.proc.pid, SIGCONT);
            s->frozen = 0;
        } else if (i != current && s->alive && !s->frozen) {
            kill(-s->w.proc.pid, SIGSTOP);
            s->frozen = 1;
        }
    }
}

static void thaw_all(run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->st[i].frozen && r->st[i].started) {
            kill(-r->st[i].w.proc.pid, SIGCONT);
            r->st[i].frozen = 0;
        }
    }
}

/* check_time's answer for a round trip far longer than the reported time:
 * work outside the timed call, or a pause there (see MEASURE_OUTSIDE_IN_A_ROW). */
#define TIME_OUTSIDE 1

/* Checks a reported time against the round trip: 0 if it holds, -1 (with
 * why) if it cannot be right, TIME_OUTSIDE (with why) if the round trip
 * was far longer than it. waited_ns is how long, of the round trip, the
 * rung's threads and the harness itself waited for a CPU: on a busy
 * machine that lengthens the round trip without any work being done
 * outside the timed call. */
static int check_time(const worker_iteration *it, int64_t waited_ns, size_t number, buf *why)
{
    int64_t t = it->elapsed_ns, rt = it->round_trip_ns;
    int64_t working = rt - (waited_ns > 0 ? waited_ns : 0);
    if (t == 0) {
        buf_printf(why, "reported a time of 0 ns for iteration %zu: its timer did not see the work",
                   number);
        return -1;
    }
    if (t < MEASURE_TIMER_FLOOR_NS) {
        buf_printf(why, "reported %lld ns for iteration %zu: below 1 µs, less than a timer can "
                   "honestly measure", (long long)t, number);
        return -1;
    }
    if (t > rt + MEASURE_CLOCK_SLACK_NS) {
        buf_puts(why, "reported ");
        time_phrase(why, (double)t);
        buf_printf(why, " for iteration %zu, but the whole round trip took ", number);
        time_phrase(why, (double)rt);
        buf_puts(why, ": the time cannot be right");
        return -1;
    }
    if ((double)working > MEASURE_OUTSIDE_RATIO * (double)t && working - t > MEASURE_OUTSIDE_SLACK_NS) {
        buf_puts(why, "reported ");
        time_phrase(why, (double)t);
        buf_printf(why, " for iteration %zu, but the round trip took ", number);
        time_phrase(why, (double)rt);
        if (working < rt) {
            buf_puts(why, " (");
            time_phrase(why, (double)working);
            buf_puts(why, " of it not waiting for a CPU)");
        }
        buf_puts(why, ": the work is not inside the timed call");
        return TIME_OUTSIDE;
    }
    return 0;
}

/* 1 if the output is right (verified now or before), 0 wrong, -1 not checkable. */
static int check_output(run *r, measure_row *row, const worker_iteration *it, buf *why)
{
    char digest[DIGEST_HEX_SIZE];
    if (digest_sha256_hex(it->output, it->output_len, digest) != 0) {
        buf_puts(why, "cannot compute the output's SHA-256");
        return -1;
    }
    const verify_expected *expected = row->expected ? row->expected : r->p->expected;
    for (size_t k = 0; k < r->nverified; k++) {
        if (r->verified[k].expected == expected && strcmp(r->verified[k].digest, digest) == 0) {
            memcpy(row->output_sha256, digest, DIGEST_HEX_SIZE);
            return 1;
        }
    }
    int ok = verify_output(r->p->rule, expected, r->p->verifier, it->output, it->output_len, why);
    if (ok == 1) {
        if (array_reserve((void **)&r->verified, &r->verified_cap, r->nverified + 1,
                          sizeof *r->verified) == 0) {
            r->verified[r->nverified].expected = expected;
            memcpy(r->verified[r->nverified++].digest, digest, DIGEST_HEX_SIZE);
        }
        memcpy(row->output_sha256, digest, DIGEST_HEX_SIZE);
    }
    return ok;
}

/* Runs one iteration of row i; returns its time, or -1 if the row failed
 * (or the run was interrupted). measured >= 0 files it under that round. */
static int64_t iterate(run *r, size_t i, int measured_round)
{
    measure_row *row = &r->rows[i];
    row_state *s = &r->st[i];
    if (!s->alive)
        return -1;
    if (interrupt_signal()) {
        fail(r, i, "interrupted after %zu iterations", row->iterations);
        return -1;
    }
    if (r->last != i)
        freeze_others(r, i);
    r->last = i;
    progress(r, i);
    worker_iteration it;
    buf why = BUF_INIT;
    size_t number = row->iterations + 1;
    int64_t result = -1;
    pid_t pid = s->w.proc.pid, self = getpid();
    int64_t cpu_before = process_cpu_ns(pid), wait_before = runqueue_wait_ns(pid);
    int64_t self_wait_before = runqueue_wait_ns(self);
    int iterated = worker_iterate(&s->w, r->timeout_ns, &it, &why);
    int64_t cpu_after = process_cpu_ns(pid), wait_after = runqueue_wait_ns(pid);
    int64_t self_wait_after = runqueue_wait_ns(self);
    int64_t waited = 0;
    if (wait_before >= 0 && wait_after >= 0)
        waited += wait_after - wait_before;
    if (self_wait_before >= 0 && self_wait_after >= 0)
        waited += self_wait_after - self_wait_before;
    if (iterated == 0 && cpu_before >= 0 && cpu_after >= 0 && wait_before >= 0 && wait_after >= 0) {
        double busy = (double)(cpu_after - cpu_before) + (double)(wait_after - wait_before);
        s->reported_ns += (double)it.elapsed_ns;
        if ((double)it.elapsed_ns > busy)
            s->idle_ns += (double)it.elapsed_ns - busy;
    }
    if (iterated != 0) {
        s->alive = 0;
        fail(r, i, "%s (iteration %zu)", why.data, number);
        goto cleanup;
    }
    int timed = check_time(&it, waited, number, &why);
    if (timed < 0) {
        fail(r, i, "%s", why.data);
        goto cleanup;
    }
    /* One long pause outside the timed call is a garbage collector or a
     * JIT at work between iterations; work done outside it is there on
     * every iteration. */
    s->outside_in_a_row = timed == TIME_OUTSIDE ? s->outside_in_a_row + 1 : 0;
    if (s->outside_in_a_row >= MEASURE_OUTSIDE_IN_A_ROW) {
        fail(r, i, "%s (%d iterations in a row)", why.data, s->outside_in_a_row);
        goto cleanup;
    }
    buf_clear(&why);   /* a pause let through: the reason is not this row's */
    int ok = check_output(r, row, &it, &why);
    if (ok != 1) {
        fail(r, i, "%s (iteration %zu): %s", ok == 0 ? "wrong answer" : "cannot verify", number,
             why.data);
        goto cleanup;
    }
    if (array_reserve((void **)&row->iterations_ns, &s->iter_cap, row->iterations + 1,
             sizeof *row->iterations_ns) != 0) {
        fail(r, i, "out of memory");
        goto cleanup;
    }
    row->iterations_ns[row->iterations++] = it.elapsed_ns;
    if (measured_round >= 0) {
        if (array_reserve((void **)&row->times_ns, &s->time_cap, row->runs + 1, sizeof *row->times_ns) != 0 ||
            array_reserve((void **)&row->rounds, &s->round_cap, row->runs + 1, sizeof *row->rounds) != 0) {
            fail(r, i, "out of memory");
            goto cleanup;
        }
        row->times_ns[row->runs] = it.elapsed_ns;
        row->rounds[row->runs] = measured_round;
        row->runs++;
        s->spent_ns += it.elapsed_ns;
    }
    result = it.elapsed_ns;
cleanup:
    buf_release(&why);
    return result;
}

/* ---- phases ---------------------------------------------------------------- */

/* Starts row i's process (not yet ready); 0, or -1 with the row failed. */
static int start_row(run *r, size_t i)
{
    buf cmd = BUF_INIT, why = BUF_INIT;
    int status = 0;
    /* exec: the rung is the process the harness watches, not a shell. */
    buf_printf(&cmd, "exec %s", r->rows[i].command);
    if (worker_start(&r->st[i].w, cmd.data, r->rows[i].dir, r->rows[i].env, &why) != 0) {
        fail(r, i, "%s", why.data);
        status = -1;
    } else {
        r->st[i].started = r->st[i].alive = 1;
        r->st[i].processes++;
    }
    buf_release(&cmd);
    buf_release(&why);
    return status;
}

static int wait_ready(run *r, size_t i)
{
    buf why = BUF_INIT;
    int status = 0;
    if (r->st[i].alive && worker_wait_ready(&r->st[i].w, r->timeout_ns, &why) != 0) {
        r->st[i].alive = 0;
        fail(r, i, "%s", why.data);
        status = -1;
    }
    buf_release(&why);
    return status;
}

static void start_all(run *r)
{
    phase(r, "starting", 0, 0);
    for (size_t i = 0; i < r->n; i++)
        start_row(r, i);
    /* Started together, they get ready together: start-up is paid once. */
    for (size_t i = 0; i < r->n; i++)
        wait_ready(r, i);
}

/* Ends row i's process: stdin closed, it must exit 0; its memory and
 * times are kept. 0, or -1 with the row failed. */
static int end_process(run *r, size_t i)
{
    row_state *s = &r->st[i];
    int status = 0;
    if (s->frozen) {
        kill(-s->w.proc.pid, SIGCONT);
        s->frozen = 0;
    }
    /* Its peak memory while it still runs (child_peak_rss says why). */
    int64_t peak = s->alive ? child_peak_rss(worker_process(&s->w)) : -1;
    if (s->alive) {
        buf why = BUF_INIT;
        if (worker_finish(&s->w, MEASURE_EXIT_GRACE_NS, &why) != 0) {
            fail(r, i, "finished its runs, then %s", why.data);
            status = -1;
        }
        buf_release(&why);
    } else {
        child_kill(&s->w.proc);
        status = -1;
    }
    const child *c = worker_process(&s->w);
    if (c->reaped) {
        int64_t rss = peak > 0 ? peak : (int64_t)c->usage.ru_maxrss * 1024;
        if (rss > s->ended_rss)
            s->ended_rss = rss;
        s->ended_cpu_ns += child_cpu_ns(c);
        s->ended_wall_ns += c->ended_ns - c->started_ns;
    }
    worker_release(&s->w);
    s->started = 0;
    return status;
}

/* Row i goes on in a new process: the old one ends, a new one starts
 * and gets ready, and unless the row is slow its first iteration (first
 * touches, lazy binding, cold caches) is run unmeasured. */
static void restart_row(run *r, size_t i)
{
    if (end_process(r, i) != 0)
        return;
    pid_t *keep = malloc(r->n * sizeof *keep);
    if (keep != NULL) {
        size_t nkeep = 0;
        for (size_t k = 0; k < r->n; k++)
            if (r->st[k].started)
                keep[nkeep++] = r->st[k].w.proc.pid;
        /* What the ended process left behind dies with it. */
        child_kill_strays(keep, nkeep);
        free(keep);
    }
    if (start_row(r, i) != 0 || wait_ready(r, i) != 0)
        return;
    r->last = r->n;   /* the next iteration stops every other row again */
    if (!r->rows[i].slow)
        iterate(r, i, -1);
}

static void cold_runs(run *r)
{
    phase(r, "cold runs", 0, 0);
    for (size_t i = 0; i < r->n; i++) {
        int64_t t = iterate(r, i, -1);
        if (t >= 0) {
            r->rows[i].cold_ns = t;
            r->rows[i].warmup_iterations = 1;
        }
    }
}

static void warm_up(run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        measure_row *row = &r->rows[i];
        if (!r->st[i].alive || row->warmup != MEASURE_WARMUP_JIT)
            continue;
        phase(r, "warming up", 0, 0);
        int64_t spent = 0;
        int64_t cap_ns = measure_warmup_cap_ns(r->policy->budget_s, r->policy->warmup_min_s);
        /* A minimum asked for is one: GraalPy's n-body at 1,000 steps a
         * call looks steady at 5 µs a step after 9 s, and reaches 1.8 µs
         * after 40. Without one, steady times end the warm-up sooner. */
        int64_t least_ns = (int64_t)(r->policy->warmup_min_s * NS_PER_SEC);
        for (;;) {
            int64_t t = iterate(r, i, -1);
            if (t < 0)
                break;
            spent += t;
            size_t start;
            /* The cold iteration is not part of the curve's tail. */
            if (spent >= least_ns &&
                stats_steady_start(row->iterations_ns + 1, row->iterations - 1, MEASURE_WARMUP_WINDOW,
                                   MEASURE_WARMUP_TOLERANCE, &start)) {
                row->steady = 1;
                row->warmup_iterations = start + 1;
                break;
            }
            if ((row->iterations - 1 >= MEASURE_WARMUP_MAX_ITERATIONS && spent >= least_ns) ||
                spent > cap_ns) {
                size_t k = row->iterations;
                int still_faster = k >= 2 && (double)row->iterations_ns[k - 2] >
                                                 MEASURE_WARMUP_STILL_FASTER *
                                                     (double)row->iterations_ns[k - 1];
                if (still_faster && (double)spent <= MEASURE_WARMUP_HARD_FACTOR * (double)cap_ns)
                    continue;
                row->warmup_iterations = row->iterations;
                buf_printf(&row->notes, "no steady state within %zu iterations (", row->iterations);
                time_phrase(&row->notes, (double)spent);
                buf_puts(&row->notes, "): later times are reported as they came");
                break;
            }
        }
    }
}

/* How many of m iterations spread over rounds 1..R fall in round k. */
static size_t share(size_t m, int k, int R)
{
    return (size_t)(((unsigned long long)m * (unsigned)k) / (unsigned)R) -
           (size_t)(((unsigned long long)m * (unsigned)(k - 1)) / (unsigned)R);
}

/* Which of the policy's P blocks round k of 0..R falls in. Round 0 is
 * part of the first block, so that a row with as many runs as there are
 * processes gets one process a run, whatever R its round-0 time gave. */
static int process_block(int k, int P, int R)
{
    return k * P / (R + 1);
}

/* Whether row i is measured in several processes: the policy asks for
 * them, and the row compiles nothing and is not timed by its cold run. */
static int in_processes(const run *r, size_t i)
{
    const measure_row *row = &r->rows[i];
    return r->policy->processes > 1 && r->policy->fixed_runs == 0 && r->st[i].alive &&
           row->warmup == MEASURE_WARMUP_NONE && !row->cold_only;
}

/* Whether row i starts a new process at round k of 1..R: k opens one of
 * the policy's blocks of rounds (the first block, with round 0, goes on
 * in the process that ran round 0), the row compiles nothing (a new
 * process would compile again) and it has runs in that block. */
static int restart_due(const run *r, size_t i, size_t extra, int k, int R)
{
    int P = r->policy->processes;
    if (!in_processes(r, i) || r->st[i].processes >= P)
        return 0;
    int block = process_block(k, P, R);
    if (block == 0 || process_block(k - 1, P, R) == block)
        return 0;
    size_t runs_in_block = 0;
    for (int q = k; q <= R && process_block(q, P, R) == block; q++)
        runs_in_block += share(extra, q, R);
    return runs_in_block > 0;
}

/* Runs `extra[i]` more measured iterations of each row, spread over up to
 * MEASURE_ROUNDS rounds numbered from first_round; with `processes`, in
 * the policy's processes (restart_due). Returns the rounds used. */
static int rounds(run *r, const size_t *extra, int first_round, const char *name, int processes)
{
    size_t most = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->st[i].alive && extra[i] > most)
            most = extra[i];
    int R = most < MEASURE_ROUNDS ? (int)most : MEASURE_ROUNDS;
    for (int k = 1; k <= R && !interrupt_signal(); k++) {
        phase(r, name, k - 1, R);
        for (size_t i = 0; i < r->n; i++) {
            if (processes && restart_due(r, i, extra[i], k, R))
                restart_row(r, i);
            for (size_t q = share(extra[i], k, R); q > 0 && r->st[i].alive; q--)
                iterate(r, i, first_round + k - 1);
        }
    }
    return R;
}

/* A baseline row points to itself (measure_row.baseline). */
static int is_baseline(const run *r, size_t i)
{
    return r->rows[i].baseline == i;
}

/* Every speedup divides by the baseline's median: it gets more time, and
 * is "slow" (one run) only beyond that. */
static double row_budget_ns(const run *r, size_t i)
{
    return (double)r->budget_ns * (is_baseline(r, i) ? MEASURE_BASELINE_BUDGET_FACTOR : 1);
}

/* A long row that compiles nothing while it runs: its cold iteration
 * becomes its one measured run (in round 0), and it gets no other. */
static int times_cold_alone(run *r, size_t i)
{
    measure_row *row = &r->rows[i];
    row_state *s = &r->st[i];
    if (!s->alive || r->policy->fixed_runs > 0 || row->warmup != MEASURE_WARMUP_NONE ||
        row->cold_ns <= 0 || (double)row->cold_ns <= MEASURE_COLD_ONLY_FACTOR * row_budget_ns(r, i))
        return 0;
    if (array_reserve((void **)&row->times_ns, &s->time_cap, 1, sizeof *row->times_ns) != 0 ||
        array_reserve((void **)&row->rounds, &s->round_cap, 1, sizeof *row->rounds) != 0) {
        fail(r, i, "out of memory");
        return 0;
    }
    row->times_ns[0] = row->cold_ns;
    row->rounds[0] = 0;
    row->runs = 1;
    row->warmup_iterations = 0;
    row->cold_only = 1;
    s->spent_ns += row->cold_ns;
    return 1;
}

/* Round 0 (one iteration each), then the planned rounds. */
static int measured_rounds(run *r)
{
    phase(r, "round", 0, MEASURE_ROUNDS);
    for (size_t i = 0; i < r->n; i++) {
        if (times_cold_alone(r, i)) {
            r->st[i].estimate_ns = (double)r->rows[i].cold_ns;
            continue;
        }
        int64_t t = iterate(r, i, 0);
        if (t >= 0)
            r->st[i].estimate_ns = (double)t;
    }
    size_t *extra = calloc(r->n ? r->n : 1, sizeof *extra);
    if (extra == NULL)
        return 1;
    const measure_policy *pol = r->policy;
    for (size_t i = 0; i < r->n; i++) {
        row_state *s = &r->st[i];
        if (!s->alive)
            continue;
        size_t planned;
        double budget = row_budget_ns(r, i);
        if (pol->fixed_runs > 0) {
            planned = (size_t)pol->fixed_runs;
        } else if (s->estimate_ns > budget) {
            planned = pol->one_run_when_slow ? 1 : (size_t)pol->min_runs;
            r->rows[i].slow = 1;
        } else {
            double fit = ceil(budget / (s->estimate_ns > 1 ? s->estimate_ns : 1));
            planned = fit < pol->min_runs ? (size_t)pol->min_runs
                      : fit > pol->max_runs ? (size_t)pol->max_runs : (size_t)fit;
        }
        s->planned = planned;
        extra[i] = planned > 1 ? planned - 1 : 0;
    }
    int used = 1 + rounds(r, extra, 1, "round", 1);
    free(extra);
    return used;
}

/* The half-width of a row's speedup interval, as a share of the speedup;
 * HUGE_VAL when it has none (one run on either side has no spread). */
static double interval_share(const run *r, size_t i)
{
    if (r->rows[i].baseline >= r->n)
        return HUGE_VAL;
    const measure_row *b = &r->rows[r->rows[i].baseline], *m = &r->rows[i];
    double lo, hi;
    if (b->runs < 2 || m->runs < 2 ||
        stats_ratio_interval(b->times_ns, b->runs, m->times_ns, m->runs, &lo, &hi) != 0)
        return HUGE_VAL;
    double point = stats_median(b->times_ns, b->runs) / stats_median(m->times_ns, m->runs);
    return point > 0 ? (hi - lo) / 2 / point : HUGE_VAL;
}

/* How many more runs row i gets in a pass of widen(): another budget's
 * worth (as planned), but never past MEASURE_WIDEN_FACTOR budgets in all;
 * for a row slower than its budget, one, if it fits in that. Without a
 * time limit the budget here is at least what the row's planned runs
 * took: --min-runs runs of a row slower than budget / min-runs take more
 * than a budget, and would leave it no room. */
static size_t widen_share(const run *r, size_t i)
{
    const measure_row *m = &r->rows[i];
    const row_state *s = &r->st[i];
    size_t max_runs = (size_t)r->policy->max_runs;
    double allowed = row_budget_ns(r, i);
    double planned_ns = (double)s->planned * s->estimate_ns;
    if (!r->policy->one_run_when_slow && planned_ns > allowed)
        allowed = planned_ns;
    double cap = MEASURE_WIDEN_FACTOR * allowed;
    if (!s->alive || m->cold_only || m->runs >= max_runs || (double)s->spent_ns >= cap)
        return 0;
    size_t more = s->planned;
    if (m->slow)
        more = cap - (double)s->spent_ns >= s->estimate_ns ? 1 : 0;
    return more < max_runs - m->runs ? more : max_runs - m->runs;
}

/* More runs for baseline row `base` and the rows compared with it, in
 * extra[]; 1 if any. The baseline's own noise widens every interval: it
 * gets more too. While it has one run, no row has an interval: it alone
 * gets more (and with no room for more, none can be had). */
static int widen_group(const run *r, size_t base, size_t *extra)
{
    if (!r->st[base].alive)
        return 0;
    size_t base_more = widen_share(r, base);
    int base_alone = r->rows[base].runs < 2;
    if (base_alone) {
        extra[base] = base_more;
        return base_more > 0;
    }
    int any = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (i == base || r->rows[i].baseline != base || interval_share(r, i) <= MEASURE_WIDE_INTERVAL)
            continue;
        extra[i] = widen_share(r, i);
        any |= extra[i] > 0;
    }
    if (any)
        extra[base] = base_more;
    return any;
}

/* More rounds for rows whose speedup is not yet pinned down: an interval
 * wider than MEASURE_WIDE_INTERVAL, or none yet (one run). */
static void widen(run *r, int first_round)
{
    if (r->policy->fixed_runs > 0)
        return;
    size_t *extra = calloc(r->n ? r->n : 1, sizeof *extra);
    if (extra == NULL)
        return;
    for (int pass = 0; pass < MEASURE_WIDEN_PASSES && !interrupt_signal(); pass++) {
        int any = 0;
        memset(extra, 0, r->n * sizeof *extra);
        for (size_t b = 0; b < r->n; b++)
            if (is_baseline(r, b))
                any |= widen_group(r, b, extra);
        if (!any)
            break;
        /* A row measured in several processes gets its more runs in a new
         * one: a process's memory layout moves an interpreter's times by
         * several percent, and runs added to the last process would tilt
         * the median toward that one layout (a CPython 3.11 row's 3 more
         * runs did, by 11%, between two runs of one command). */
        for (size_t i = 0; i < r->n; i++)
            if (extra[i] > 0 && in_processes(r, i))
                restart_row(r, i);
        for (size_t i = 0; i < r->n; i++)
            r->st[i].widened += extra[i];
        first_round += rounds(r, extra, first_round, "more rounds", 0);
    }
    free(extra);
}

static void finish_all(run *r)
{
    thaw_all(r);
    for (size_t i = 0; i < r->n; i++) {
        measure_row *row = &r->rows[i];
        row_state *s = &r->st[i];
        /* end_process() succeeds only for a row still alive. */
        if (s->started && end_process(r, i) == 0)
            row->ok = 1;
        if (s->processes == 0)
            continue;
        row->max_rss_bytes = s->ended_rss > 0 ? s->ended_rss : -1;
        row->cpu_ns = s->ended_cpu_ns;
        row->wall_ns = s->ended_wall_ns;
        row->processes = s->processes;
    }
    /* Whatever a rung started and left behind (a `setsid` child) dies too. */
    child_kill_strays(NULL, 0);
}

static void judge(run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        measure_row *row = &r->rows[i];
        if (!row->ok || row->runs == 0)
            continue;
        double median = stats_median(row->times_ns, row->runs);
        if (row->warmup == MEASURE_WARMUP_NONE && row->cold_ns > 0 &&
            median * MEASURE_COLD_WARM_RATIO < (double)row->cold_ns) {
            buf_printf(&row->suspect, "its warm median is %.0fx below its cold iteration, and the "
                       "rung declares no compile step or JIT (warmup in rung.conf says why if "
                       "there is one): is it reusing an answer?",
                       (double)row->cold_ns / median);
        }
        const row_state *st = &r->st[i];
        if (st->idle_ns > MEASURE_IDLE_SHARE * st->reported_ns + (double)MEASURE_IDLE_SLACK_NS) {
            if (row->suspect.len)
                buf_puts(&row->suspect, "; ");
            buf_puts(&row->suspect, "of its reported ");
            time_phrase(&row->suspect, st->reported_ns);
            buf_puts(&row->suspect, ", ");
            time_phrase(&row->suspect, st->idle_ns);
            buf_puts(&row->suspect, " were spent neither computing nor waiting for a CPU");
        }
        if (row->slow) {
            if (row->notes.len)
                buf_puts(&row->notes, "; ");
            if (row->cold_only)
                buf_printf(&row->notes, "one iteration takes longer than %.0f budgets and compiles "
                           "nothing: timed once, by its cold iteration", MEASURE_COLD_ONLY_FACTOR);
            else if (row->runs == 1)
                buf_puts(&row->notes, "one iteration takes longer than the budget: one warm run");
            else if (st->widened > 0)
                buf_printf(&row->notes, "one iteration takes longer than the budget: %zu warm "
                           "runs, %zu of them for an interval", row->runs, st->widened);
            else
                buf_printf(&row->notes, "one iteration takes longer than the budget: %zu warm "
                           "runs", row->runs);
        } else if (st->widened > 0) {
            if (row->notes.len)
                buf_puts(&row->notes, "; ");
            buf_printf(&row->notes, "%zu more runs for a wide interval", st->widened);
        }
    }
}

void measure_rows(measure_row *rows, size_t n, const measure_problem *p,
                  const measure_policy *policy)
{
    run r;
    memset(&r, 0, sizeof r);
    r.rows = rows;
    r.n = n;
    r.p = p;
    r.policy = policy;
    r.timeout_ns = (int64_t)(policy->timeout_s * NS_PER_SEC);
    r.budget_ns = (int64_t)(policy->budget_s * NS_PER_SEC);
    r.last = n;
    r.st = calloc(n ? n : 1, sizeof *r.st);
    for (size_t i = 0; i < n; i++) {
        rows[i].ok = 0;
        rows[i].cold_ns = -1;
        rows[i].max_rss_bytes = -1;
    }
    if (r.st == NULL) {
        for (size_t i = 0; i < n; i++)
            buf_puts(&rows[i].reason, "out of memory");
        return;
    }
    start_all(&r);
    cold_runs(&r);
    warm_up(&r);
    int used = measured_rounds(&r);
    widen(&r, used);
    if (p->live_progress)
        fprintf(stderr, "\r\033[K");
    finish_all(&r);
    judge(&r);
    free(r.st);
    free(r.verified);
}

int64_t measure_warmup_cap_ns(double budget_s, double warmup_min_s)
{
    int64_t cap_ns = (int64_t)(MEASURE_WARMUP_BUDGET_FACTOR * budget_s * NS_PER_SEC);
    int64_t least_ns = warmup_min_s > 0 ? (int64_t)(warmup_min_s * NS_PER_SEC) : MEASURE_WARMUP_MIN_NS;
    return cap_ns < least_ns ? least_ns : cap_ns;
}

void measure_row_release(measure_row *row)
{
    buf_release(&row->reason);
    buf_release(&row->suspect);
    buf_release(&row->notes);
    free(row->iterations_ns);
    free(row->times_ns);
    free(row->rounds);
    row->iterations_ns = row->times_ns = NULL;
    row->rounds = NULL;
    row->iterations = row->runs = 0;
}
