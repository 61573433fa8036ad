/*
 * pipeline.h - the JSON event pipeline engine.
 *
 * Runs the pipeline of shared/spec/pipeline.md over JSON bytes in a single
 * pass, without building a tree: a schema-directed scanner validates all of
 * the input (RFC 8259: structure, numbers, string escapes, UTF-8) while
 * extracting only the fields the pipeline needs, and aggregates per user.
 *
 * Calling sequence:
 *
 *     pipeline_options opts = PIPELINE_OPTIONS_INIT;   // 1 thread
 *     pipeline_error err;
 *     pipeline_result *res = pipeline_run_buffer(bytes, len, &opts, &err);
 *     if (res == NULL) {
 *         fprintf(stderr, "error: %s at byte %lld\n", err.message,
 *                 (long long)err.byte_offset);
 *     } else {
 *         pipeline_result_write_json(res, stdout);
 *         pipeline_result_free(res);
 *     }
 *
 * Ownership: a pipeline_result and every string it points to belong to the
 * result; pipeline_result_free() releases all of it. The input buffer is
 * only read, never kept: it may be freed as soon as the call returns.
 *
 * Errors come back, never exit: the functions return NULL (or -1) and fill
 * the caller's pipeline_error, if one is given.
 *
 * Thread safety: every call is independent; there is no global state.
 */
#ifndef LADDER_PIPELINE_H
#define LADDER_PIPELINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Why a run failed. */
typedef enum pipeline_error_code {
    PIPELINE_OK = 0,
    PIPELINE_ERR_SYNTAX,      /* not RFC 8259 JSON */
    PIPELINE_ERR_SCHEMA,      /* valid JSON, but not an array of events */
    PIPELINE_ERR_FIELD,       /* a required field missing or of the wrong type */
    PIPELINE_ERR_TIMESTAMP,   /* not an ISO 8601 timestamp with a UTC offset */
    PIPELINE_ERR_RANGE,       /* a number out of range (user id, amount) */
    PIPELINE_ERR_DEPTH,       /* nesting deeper than PIPELINE_MAX_DEPTH */
    PIPELINE_ERR_IO,          /* the file could not be opened or read */
    PIPELINE_ERR_MEMORY       /* out of memory */
} pipeline_error_code;

/* Nesting deeper than this, anywhere in the input, is refused with
 * PIPELINE_ERR_DEPTH (the scanner never recurses, so this is a policy, not a
 * stack limit). */
#define PIPELINE_MAX_DEPTH 1024

typedef struct pipeline_error {
    pipeline_error_code code;
    char message[200];        /* lowercase, no trailing newline */
    int64_t byte_offset;      /* where in the input; -1 when not about input */
    int64_t event_index;      /* 0-based index of the event; -1 when none */
} pipeline_error;

typedef struct pipeline_options {
    int threads;              /* 1 = single-threaded; 0 = all online cores */
} pipeline_options;

#define PIPELINE_OPTIONS_INIT {1}

/* One user's aggregate, already finalized as the spec's section 2.4 says. */
typedef struct pipeline_user {
    int64_t user_id;
    int64_t event_count;
    double total_amount;       /* round(sum, 2) */
    int64_t high_value_count;
    double duration_seconds;   /* round(last - first, 2) */
    const char *top_event_type;   /* UTF-8, NUL-terminated, upper-cased */
    size_t top_event_type_len;    /* bytes, without the NUL */
    const char *top_page;         /* UTF-8, NUL-terminated; "" if no page */
    size_t top_page_len;
} pipeline_user;

typedef struct pipeline_result {
    int64_t total_users;
    int64_t total_events;
    double total_amount;       /* round(sum of users' sums, 2), spec order */
    int64_t total_high_value;
    size_t user_count;         /* == total_users */
    pipeline_user *users;      /* sorted by user_id */
} pipeline_result;

/* Runs the pipeline over len bytes at data. Returns a new result, or NULL
 * with *err filled (err may be NULL). Cost: one pass over the input per
 * thread's share, plus O(users * distinct keys) to merge. */
pipeline_result *pipeline_run_buffer(const char *data, size_t len,
                                     const pipeline_options *opts,
                                     pipeline_error *err);

/* Same, over a file, read in bounded memory (files larger than memory are
 * streamed). Returns NULL with *err filled on bad input or I/O failure. */
pipeline_result *pipeline_run_file(const char *path,
                                   const pipeline_options *opts,
                                   pipeline_error *err);

/* Frees a result and all it owns. Accepts NULL. */
void pipeline_result_free(pipeline_result *res);

/* Writes the result as one line of JSON in the spec's shape (section 3),
 * followed by a newline. Returns 0, or -1 if writing failed. */
int pipeline_result_write_json(const pipeline_result *res, FILE *out);

/* round(x, 2) exactly as CPython computes it (correctly rounded). */
double pipeline_round2(double x);

#endif /* LADDER_PIPELINE_H */
