/*
 * history.c - the earlier runs on this machine (history.h).
 */
#include "harness/history.h"

#include <stdlib.h>
#include <string.h>

#include "harness/buf.h"
#include "harness/fs.h"

static int same_machine(const machine_info *a, const machine_info *b)
{
    return a->cores == b->cores && a->cpu_model && b->cpu_model &&
           strcmp(a->cpu_model, b->cpu_model) == 0;
}

/* Reads path into the next slot if it is a finished run of machine m. */
static void add_run(history *h, const char *path, const machine_info *m)
{
    char err[256];
    results *slot = &h->runs[h->count];
    if (results_load_times(path, slot, err, sizeof err) != 0)
        return;
    if (slot->state != RESULTS_COMPLETE || !same_machine(&slot->machine, m)) {
        results_release(slot);
        return;
    }
    h->count++;
}

int history_load(history *h, const char *results_dir, const machine_info *m, size_t max_runs)
{
    memset(h, 0, sizeof *h);
    if (max_runs == 0)
        return 0;
    h->runs = calloc(max_runs, sizeof *h->runs);
    if (h->runs == NULL)
        return -1;
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", results_dir, HISTORY_RUNS_FOLDER);
    char **names = NULL;
    size_t count = 0;
    if (fs_names_ending(path.data, HISTORY_RUN_SUFFIX, &names, &count) == 0) {
        for (size_t k = count; k-- > 0 && h->count < max_runs;) {
            buf_clear(&path);
            buf_printf(&path, "%s/%s/%s", results_dir, HISTORY_RUNS_FOLDER, names[k]);
            add_run(h, path.data, m);
        }
        fs_free_names(names, count);
    }
    if (h->count == 0) {
        buf_clear(&path);
        buf_printf(&path, "%s/%s", results_dir, HISTORY_LATEST);
        add_run(h, path.data, m);
    }
    buf_release(&path);
    return 0;
}

static int same_row(const measurement *x, const char *problem, const char *rung,
                    const char *argument, const char *interp_id)
{
    return strcmp(x->problem, problem) == 0 && strcmp(x->rung, rung) == 0 &&
           strcmp(x->argument, argument) == 0 &&
           results_same_interpreter(x, interp_id ? interp_id : "");
}

const measurement *history_find(const history *h, const char *problem, const char *rung,
                                const char *argument, const char *interp_id)
{
    const measurement *any = NULL;
    for (size_t k = 0; k < h->count; k++) {
        const results *run = &h->runs[k];
        for (size_t i = 0; i < run->count; i++) {
            const measurement *x = &run->items[i];
            if (!same_row(x, problem, rung, argument, interp_id))
                continue;
            if (x->status == MEASUREMENT_VERIFIED || x->status == MEASUREMENT_FAILED)
                return x;
            if (any == NULL)
                any = x;
        }
    }
    return any;
}

void history_release(history *h)
{
    for (size_t k = 0; k < h->count; k++)
        results_release(&h->runs[k]);
    free(h->runs);
    memset(h, 0, sizeof *h);
}
