/*
 * pipeline.c - the JSON event pipeline (shared/spec/pipeline.md) in C: the
 * project's engine (engine/pipeline.h) over bytes in memory.
 *
 * Argument: the path of the events file, read whole into memory in setup
 * (not timed). The timed run is pipeline_run_buffer() alone; the result is
 * written as JSON afterwards, by the engine's writer.
 *
 * Threads: one, unless the environment says otherwise in
 * LADDER_ENGINE_THREADS (0 = every online core). The c-threads rung is this
 * program started with LADDER_ENGINE_THREADS=0: one option changed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline.h"
#include "rungs/_native/rung_main.h"

/* First read size when the file's size is not known in advance. */
#define PIPELINE_READ_CHUNK (1 << 20)

#define PIPELINE_THREADS_ENV "LADDER_ENGINE_THREADS"
#define PIPELINE_MAX_THREADS 1024

typedef struct pipeline_state {
    char *data;                 /* the whole input file */
    size_t len;
    int threads;                /* pipeline_options.threads */
    pipeline_result *result;    /* the last run's until written, or NULL */
} pipeline_state;

/* Reads all of path into a new buffer (*data, freed by the caller).
 * Returns 0, or -1 with *err filled and nothing allocated. */
static int pipeline_read_file(const char *path, char **data, size_t *len,
                              rung_error *err)
{
    FILE *f = NULL;
    char *buf = NULL;
    size_t cap = PIPELINE_READ_CHUNK, used = 0;
    int status = -1;

    f = fopen(path, "rb");
    if (f == NULL) {
        rung_error_set(err, "cannot open '%s': %s", path, strerror(errno));
        goto cleanup;
    }
    for (;;) {
        if (buf == NULL || used == cap) {
            char *grown;
            if (buf != NULL)
                cap *= 2;
            grown = realloc(buf, cap);
            if (grown == NULL) {
                rung_error_set(err, "out of memory reading '%s'", path);
                goto cleanup;
            }
            buf = grown;
        }
        used += fread(buf + used, 1, cap - used, f);
        if (ferror(f)) {
            rung_error_set(err, "cannot read '%s': %s", path, strerror(errno));
            goto cleanup;
        }
        if (feof(f))
            break;
    }
    *data = buf;
    *len = used;
    buf = NULL;
    status = 0;

cleanup:
    if (f != NULL)
        fclose(f);
    free(buf);
    return status;
}

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
    pipeline_state *st = calloc(1, sizeof *st);

    if (st == NULL)
        return rung_error_set(err, "out of memory");
    if (pipeline_read_file(arg, &st->data, &st->len, err) != 0) {
        pipeline_teardown(st);
        return -1;
    }
    st->threads = 1;
    const char *threads = getenv(PIPELINE_THREADS_ENV);
    if (threads != NULL) {
        long long n;
        if (rung_parse_size(threads, 0, PIPELINE_MAX_THREADS, &n, err) != 0) {
            pipeline_teardown(st);
            return -1;
        }
        st->threads = (int)n;
    }
    *state = st;
    return 0;
}

static int pipeline_run(void *state, rung_error *err)
{
    pipeline_state *st = state;
    pipeline_options opts = PIPELINE_OPTIONS_INIT;
    pipeline_error perr = {.byte_offset = -1, .event_index = -1};

    opts.threads = st->threads;
    /* pipeline_write() freed the previous answer, so that freeing it is not
     * timed; this is the engine's call and nothing else. */
    st->result = pipeline_run_buffer(st->data, st->len, &opts, &perr);
    if (st->result == NULL) {
        char text[PIPELINE_ERROR_TEXT_MAX];
        pipeline_error_describe(&perr, text, sizeof text);
        return rung_error_set(err, "%s", text);
    }
    return 0;
}

/* Writes the last run's result and frees it: the next run starts clean. */
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

RUNG_PROBLEM(pipeline, "pipeline", pipeline_setup, pipeline_run, pipeline_write,
             pipeline_teardown);
