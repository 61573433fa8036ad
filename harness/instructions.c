/* instructions.c - instruction counts of the timed region (see instructions.h). */
#include "harness/instructions.h"

#include <errno.h>
#include <glob.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness/child.h"
#include "harness/fs.h"
#include "harness/stats.h"
#include "harness/worker.h"

#define NS_PER_SEC 1000000000LL
#define INSTRUCTIONS_EXIT_GRACE_NS (30 * NS_PER_SEC)
/* The most environment entries a row has, and the counter's own two. */
#define INSTRUCTIONS_MAX_ENV 64

int instructions_counter_find(instructions_counter *out, buf *why)
{
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_HARDWARE;
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
    if (fd >= 0) {
        close(fd);
        *out = INSTRUCTIONS_PERF;
        return 0;
    }
    int perf_errno = errno;
    if (child_which("valgrind", NULL) == 0) {
        *out = INSTRUCTIONS_CALLGRIND;
        return 0;
    }
    buf_printf(why, "no way to count instructions here: the kernel has no hardware counter "
               "for this process (perf_event_open: %s) and valgrind is not installed "
               "(apt-get install valgrind)", strerror(perf_errno));
    return -1;
}

const char *instructions_counter_name(instructions_counter c)
{
    return c == INSTRUCTIONS_PERF ? "perf" : "callgrind";
}

/* The count in one callgrind dump: its "summary:" (or "totals:") line. */
static int dump_count(const char *path, double *count)
{
    buf text = BUF_INIT;
    int status = -1;
    if (fs_read_file(path, &text) == 0 && text.data) {
        for (const char *line = text.data; *line;) {
            size_t len = strcspn(line, "\n");
            if (strncmp(line, "summary:", 8) == 0 || strncmp(line, "totals:", 7) == 0) {
                *count = strtod(strchr(line, ':') + 1, NULL);
                status = 0;
                break;
            }
            line += len + (line[len] == '\n');
        }
    }
    buf_release(&text);
    return status;
}

/* The dumps of one process, in order: DIR/cg.PID.1, .2, ... */
static int read_dumps(const char *dir, pid_t pid, double *counts, size_t want, buf *why)
{
    for (size_t k = 0; k < want; k++) {
        buf path = BUF_INIT;
        buf_printf(&path, "%s/cg.%d.%zu", dir, (int)pid, k + 1);
        int ok = dump_count(path.data, &counts[k]) == 0;
        if (!ok)
            buf_printf(why, "callgrind wrote no count for iteration %zu ('%s')", k + 1, path.data);
        buf_release(&path);
        if (!ok)
            return -1;
    }
    return 0;
}

static void remove_dumps(const char *dir, pid_t pid)
{
    buf pattern = BUF_INIT;
    buf_printf(&pattern, "%s/cg.%d*", dir, (int)pid);
    glob_t g;
    if (glob(pattern.data, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            remove(g.gl_pathv[i]);
        globfree(&g);
    }
    buf_release(&pattern);
}

int instructions_count(instructions_counter how, const instructions_job *job, double *per_iteration,
                       buf *why)
{
    const char *env[INSTRUCTIONS_MAX_ENV + 3];
    size_t n = 0;
    for (size_t i = 0; job->env && job->env[i] && n < INSTRUCTIONS_MAX_ENV; i++)
        env[n++] = job->env[i];
    buf region = BUF_INIT, cmd = BUF_INIT;
    env[n++] = how == INSTRUCTIONS_PERF ? "LADDER_COUNT_INSTRUCTIONS=perf"
                                        : "LADDER_COUNT_INSTRUCTIONS=callgrind";
    buf_printf(&region, "LADDER_REGION_LIB=%s", job->region_lib);
    env[n++] = region.data;
    env[n] = NULL;
    if (how == INSTRUCTIONS_CALLGRIND) {
        fs_make_dirs(job->scratch_dir);
        /* Collection only between the marks; code made at run time (a JIT)
         * is re-translated when it changes. */
        buf_puts(&cmd, "exec valgrind -q --tool=callgrind --collect-atstart=no "
                       "--smc-check=all-non-file --callgrind-out-file=");
        child_shell_quote(&cmd, job->scratch_dir);
        buf_printf(&cmd, "/cg.%%p %s", job->command);
    } else {
        buf_printf(&cmd, "exec %s", job->command);
    }
    double counts[INSTRUCTIONS_RUNS];
    worker w;
    int status = -1, started = 0;
    if (worker_start(&w, cmd.data, job->dir, env, why) != 0)
        goto cleanup;
    started = 1;
    if (worker_wait_ready(&w, job->timeout_ns, why) != 0)
        goto cleanup;
    for (size_t k = 0; k < INSTRUCTIONS_RUNS; k++) {
        worker_iteration it;
        if (worker_iterate(&w, job->timeout_ns, &it, why) != 0)
            goto cleanup;
        if (how == INSTRUCTIONS_PERF) {
            if (it.instructions < 0) {
                buf_puts(why, "the rung did not report its instruction count (is its timed call "
                              "marked? rungs/_native/region.h)");
                goto cleanup;
            }
            counts[k] = (double)it.instructions;
        }
    }
    if (worker_finish(&w, INSTRUCTIONS_EXIT_GRACE_NS, why) != 0)
        goto cleanup;
    if (how == INSTRUCTIONS_CALLGRIND &&
        read_dumps(job->scratch_dir, worker_process(&w)->pid, counts, INSTRUCTIONS_RUNS, why) != 0)
        goto cleanup;
    /* The first iteration pays for first touches: the warm ones decide. */
    double warm[INSTRUCTIONS_RUNS];
    for (size_t k = 1; k < INSTRUCTIONS_RUNS; k++)
        warm[k - 1] = counts[k];
    *per_iteration = stats_median_inplace(warm, INSTRUCTIONS_RUNS - 1);
    status = 0;
cleanup:
    if (started) {
        if (how == INSTRUCTIONS_CALLGRIND)
            remove_dumps(job->scratch_dir, worker_process(&w)->pid);
        worker_release(&w);
    }
    buf_release(&region);
    buf_release(&cmd);
    return status;
}
