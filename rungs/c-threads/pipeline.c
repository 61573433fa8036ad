/*
 * pipeline.c - the c-threads rung: the project's engine (engine/pipeline.h)
 * over bytes in memory, on every online core (pipeline_options.threads = 0).
 * The same call as the c rung's, with one option changed; the engine splits
 * the input into one share per thread (inputs under PIPELINE_MIN_SHARE per
 * thread use fewer threads) and merges the per-thread aggregates.
 *
 * Argument: the path of the events file, read whole into memory in setup
 * (not timed). The timed run is pipeline_run_buffer() alone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/pipeline.h"
#include "rungs/_native/rung_main.h"

typedef struct pipeline_state {
    char *data;                 /* the whole input file */
    size_t len;
    pipeline_result *result;    /* the last run's until written, or NULL */
} pipeline_state;

static void pipeline_teardown(void *state)
{
    pipeline_state *st = state;

    if (st == NULL)
        return;
    pipeline_result_free(st->result);
    free(st->data);
    free(st);
}

static int pipeline_setup(const char *arg, void **state, rung_error *err)
{
    pipeline_state *st = NULL;
    FILE *f = NULL;
    struct stat sb;
    int status = -1;

    st = calloc(1, sizeof *st);
    if (st == NULL) {
        rung_error_set(err, "out of memory");
        goto cleanup;
    }
    f = fopen(arg, "rb");
    if (f == NULL || fstat(fileno(f), &sb) != 0) {
        rung_error_set(err, "cannot open '%s': %s", arg, strerror(errno));
        goto cleanup;
    }
    st->len = (size_t)sb.st_size;
    st->data = malloc(st->len > 0 ? st->len : 1);
    if (st->data == NULL) {
        rung_error_set(err, "out of memory reading '%s'", arg);
        goto cleanup;
    }
    if (fread(st->data, 1, st->len, f) != st->len) {
        rung_error_set(err, "cannot read '%s'", arg);
        goto cleanup;
    }
    *state = st;
    st = NULL;
    status = 0;

cleanup:
    if (f != NULL)
        fclose(f);
    pipeline_teardown(st);
    return status;
}

static int pipeline_run(void *state, rung_error *err)
{
    pipeline_state *st = state;
    pipeline_options opts = PIPELINE_OPTIONS_INIT;
    pipeline_error perr;

    opts.threads = 0;   /* all online cores */
    st->result = pipeline_run_buffer(st->data, st->len, &opts, &perr);
    if (st->result == NULL) {
        if (perr.byte_offset < 0)
            return rung_error_set(err, "%s", perr.message);
        if (perr.event_index < 0)
            return rung_error_set(err, "%s at byte %lld", perr.message,
                                  (long long)perr.byte_offset);
        return rung_error_set(err, "%s at byte %lld (event %lld)",
                              perr.message, (long long)perr.byte_offset,
                              (long long)perr.event_index);
    }
    return 0;
}

/* Writes the last run's result and frees it, so that freeing is not timed. */
static int pipeline_write(void *state, FILE *out, rung_error *err)
{
    pipeline_state *st = state;
    int rc = pipeline_result_write_json(st->result, out);

    pipeline_result_free(st->result);
    st->result = NULL;
    if (rc != 0)
        return rung_error_set(err, "cannot write the result");
    return 0;
}

static const rung_problem pipeline_problem = {
    "pipeline", pipeline_setup, pipeline_run, pipeline_write,
    pipeline_teardown,
};

static const rung_problem *const c_threads_problems[] = {
    &pipeline_problem,
    NULL,
};

int main(int argc, char **argv)
{
    return rung_main(argc, argv, c_threads_problems);
}
