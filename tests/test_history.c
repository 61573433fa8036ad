/* test_history.c - what earlier runs on this machine measured (harness/history.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/buf.h"
#include "harness/fs.h"
#include "harness/history.h"
#include "tests/testhelp.h"

#define CPU "Test CPU"
#define CORES 2

/* A results file with one row: problem nbody at 1000 steps, of `rung`
 * (on `interp`, or native if NULL), with its first iteration `cold_ns`. */
static void write_run(const char *dir, const char *name, const char *state, const char *cpu,
                      const char *rung, const char *interp, const char *status, long cold_ns)
{
    buf path = BUF_INIT, text = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    buf_printf(&text,
               "{\"format\": 2, \"state\": \"%s\", \"machine\": {\"cpu_model\": \"%s\", \"cores\": %d},"
               " \"measurements\": [{\"problem\": \"nbody\", \"rung\": \"%s\", \"argument\": \"1000\","
               " \"status\": \"%s\", \"iterations_ns\": [%ld, 10], \"warmup_iterations\": 1",
               state, cpu, CORES, rung, status, cold_ns);
    if (interp)
        buf_printf(&text, ", \"interpreter\": {\"id\": \"%s\"}", interp);
    buf_puts(&text, "}]}");
    TEST_CHECK(fs_make_parent_dirs(path.data) == 0 &&
                   fs_write_file_atomic(path.data, text.data, text.len) == 0,
               "wrote %s", path.data);
    buf_release(&path);
    buf_release(&text);
}

static long cold_of(const history *h, const char *rung, const char *interp)
{
    const measurement *m = history_find(h, "nbody", rung, "1000", interp);
    return m && m->iterations ? (long)m->iterations_ns[0] : -1;
}

int main(void)
{
    char dir[] = "/tmp/ladder-history-XXXXXX";
    TEST_CHECK(mkdtemp(dir) != NULL, "a temporary folder");
    machine_info here;
    memset(&here, 0, sizeof here);
    here.cpu_model = CPU;
    here.cores = CORES;

    /* Nothing there: an empty history, not an error. */
    history h;
    TEST_CHECK(history_load(&h, dir, &here, HISTORY_MAX_RUNS) == 0 && h.count == 0, "no runs yet");
    history_release(&h);

    /* Only latest.json (a checkout from before runs/): it is read. */
    write_run(dir, "latest.json", "complete", CPU, "c", NULL, "verified", 7);
    history_load(&h, dir, &here, HISTORY_MAX_RUNS);
    TEST_CHECK(cold_of(&h, "c", NULL) == 7, "latest.json when runs/ is empty");
    history_release(&h);

    /* Oldest first by name: the names begin with the time. */
    write_run(dir, "runs/20260101T000000Z-vm.json", "complete", CPU, "c", NULL, "verified", 100);
    write_run(dir, "runs/20260102T000000Z-vm.json", "complete", CPU, "cpython", "cpython-3.13.0",
              "verified", 200);
    write_run(dir, "runs/20260103T000000Z-vm.json", "complete", CPU, "c", NULL, "skipped", 300);
    write_run(dir, "runs/20260104T000000Z-vm.json", "complete", "Other CPU", "c", NULL, "verified", 400);
    write_run(dir, "runs/20260105T000000Z-vm.json", "interrupted", CPU, "c", NULL, "verified", 500);
    write_run(dir, "runs/20260106T000000Z-vm.json", "complete", CPU, "cpython", "pypy-7.3.11",
              "failed", 600);
    write_run(dir, "runs/20260107T000000Z-vm.json", "complete", CPU, "cpython", "cpython-3.13.0",
              "verified", 700);
    write_run(dir, "runs/notes.txt", "complete", CPU, "c", NULL, "verified", 800);
    {
        buf junk = BUF_INIT;
        buf_printf(&junk, "%s/runs/20260108T000000Z-vm.json", dir);
        TEST_CHECK(fs_write_file_atomic(junk.data, "not json", 8) == 0, "a broken file");
        buf_release(&junk);
    }

    TEST_CHECK(history_load(&h, dir, &here, HISTORY_MAX_RUNS) == 0, "the runs are read");
    TEST_CHECK(h.count == 5, "5 finished runs of this machine (of 8 files): %zu", h.count);
    TEST_CHECK(cold_of(&h, "cpython", "cpython-3.13.0") == 700, "the newest run that has the row");
    TEST_CHECK(cold_of(&h, "c", NULL) == 100,
               "a row skipped since is known from the run that measured it, not from an "
               "interrupted run or another machine: %ld", cold_of(&h, "c", NULL));
    TEST_CHECK(cold_of(&h, "cpython", "pypy-7.3.11") == 600, "a failed row counts: it took time");
    TEST_CHECK(cold_of(&h, "cpython", NULL) == -1, "a native row is not an interpreter's");
    TEST_CHECK(cold_of(&h, "rust", NULL) == -1, "a row never measured");
    history_release(&h);

    /* At most max_runs, the newest. */
    TEST_CHECK(history_load(&h, dir, &here, 1) == 0 && h.count == 1, "one run asked for");
    TEST_CHECK(cold_of(&h, "c", NULL) == -1 && cold_of(&h, "cpython", "cpython-3.13.0") == 700,
               "...the newest");
    history_release(&h);

    TEST_CHECK(testhelp_remove_dir(dir) == 0, "cleaned up");
    return TEST_REPORT();
}
