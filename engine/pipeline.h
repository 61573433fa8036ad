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
 *         char text[PIPELINE_ERROR_TEXT_MAX];
 *         pipeline_error_describe(&err, text, sizeof text);
 *         fprintf(stderr, "error: %s\n", text);
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
 * the caller's pipeline_error, if one is given: a code, a message naming the
 * problem alone ("\"user_id\" must be an integer"), the byte offset in the
 * input where it is, and the 0-based index of the event it is in (-1 when
 * the problem is outside any event). The message never repeats the offset
 * or the index: pipeline_error_describe() writes the one human form of all
 * three ("\"user_id\" must be an integer at byte 13 (event 0)"). The first
 * problem in input order is reported, whatever the number of threads.
 *
 * What is accepted (shared/spec/pipeline.md section 4, made exact):
 *
 * - RFC 8259 JSON in strict UTF-8; NaN, Infinity, a byte order mark, and
 *   nesting deeper than PIPELINE_MAX_DEPTH are refused.
 * - The top level is an array of objects. Every event, kept or dropped by
 *   the filter, is checked: user_id a JSON integer in the int64 range,
 *   event_type a string, timestamp a string that datetime.fromisoformat
 *   reads (engine/timestamp.h) and that has a UTC offset, metadata an
 *   object; metadata.page, if present, a string; metadata.amount, if
 *   present, a number whose double is finite.
 * - Duplicate keys: the last one wins (a later "metadata" replaces the
 *   earlier object whole), so only the last value's type matters.
 * - Strings are decoded as CPython's json module decodes them. A lone
 *   surrogate escape ("\ud800") is kept as the 3-byte generalized UTF-8
 *   form (WTF-8, ED A0 80), so pages compare equal exactly when CPython's
 *   strings do; pipeline_result_write_json() writes it back as "\ud800",
 *   as json.dumps does. Result strings hold UTF-8 otherwise.
 * - Event types are matched exactly (case-sensitive) against the five kept
 *   names before upper-casing.
 *
 * Threads: opts->threads splits the input at event boundaries that are
 * proved, not guessed (engine/pipeline.c); sums are replayed in input
 * order, so every result is bit-identical to the one-thread result.
 * SIMD: the string scanner uses AVX2 where the CPU has it, chosen at run
 * time; opts->portable = 1 or the environment variable PIPELINE_PORTABLE=1
 * forces the portable scanner. Locale: numbers are read and written in the
 * "C" locale whatever the caller's locale is.
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
    char message[200];        /* lowercase, no trailing newline; names the
                                 problem only, not where it is */
    int64_t byte_offset;      /* where in the input; -1 when not about input */
    int64_t event_index;      /* 0-based index of the event; -1 when none */
} pipeline_error;

/* Room for any text pipeline_error_describe() writes: the message, and
 * " at byte B (event N)" with two 64-bit numbers. */
#define PIPELINE_ERROR_TEXT_MAX 256

/* Writes the canonical human form of err into out (outlen bytes, always
 * NUL-terminated when outlen > 0; out may be NULL when outlen is 0):
 *
 *     MESSAGE at byte B (event N)
 *
 * leaving out " at byte B" when byte_offset is -1 and " (event N)" when
 * event_index is -1; no trailing newline. Returns the length of the whole
 * text, as snprintf does (outlen <= that length means it was cut), or -1
 * when err is NULL. Every caller (command line, rungs) prints this, so
 * errors read the same everywhere. */
int pipeline_error_describe(const pipeline_error *err, char *out, size_t outlen);

typedef struct pipeline_options {
    int threads;              /* 1 = single-threaded; 0 = all online cores */
    int portable;             /* 1 = never use the AVX2 scanner (tests); the
                                 environment variable PIPELINE_PORTABLE=1
                                 does the same for any caller */
    size_t min_share;         /* smallest share of input per thread, bytes;
                                 0 = PIPELINE_MIN_SHARE (tests set it small) */
    size_t window;            /* pipeline_run_file: bytes read per window;
                                 0 = PIPELINE_WINDOW */
} pipeline_options;

#define PIPELINE_OPTIONS_INIT {1, 0, 0, 0}

/* Inputs smaller than threads * PIPELINE_MIN_SHARE use fewer threads: below
 * about a megabyte per thread, starting a thread costs more than it saves. */
#define PIPELINE_MIN_SHARE ((size_t)1 << 20)

/* pipeline_run_file reads this much at a time (per window, all threads
 * together), the next window while the threads work on this one; memory
 * use is about twice this plus the aggregates. */
#define PIPELINE_WINDOW ((size_t)32 << 20)

/* Room kept in front of each window buffer for the event cut by the end of
 * the window before (it is copied there, not moved with the window); a
 * longer one costs a copy of the window. At most the window size. */
#define PIPELINE_CARRY_ROOM ((size_t)1 << 20)

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

/* Same, over a file, read in bounded memory: windows of opts->window bytes
 * (PIPELINE_WINDOW by default), an event cut by a window's end carried to
 * the next, so files larger than memory stream through. The next window is
 * read by a helper thread while the current one is processed, whatever
 * opts->threads is (reading is not computing: with threads = 1 the
 * pipeline still runs on one thread). Memory: two windows (more only for
 * a single event larger than PIPELINE_CARRY_ROOM) plus the aggregates.
 * Works on pipes too. Returns NULL with *err filled on bad input or I/O
 * failure; byte offsets are offsets in the file. */
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
