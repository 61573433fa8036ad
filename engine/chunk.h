/*
 * chunk.h - running the pipeline over one stretch of the input array.
 *
 * A chunk is a range of events handled by one thread: it starts at a known
 * place in the top-level array (before the '[', or at the start of an
 * event) and goes on until the first event that starts at or after its
 * stop offset, the end of the array, the end of its bytes, or an error.
 * Events that start before stop are read to their end, even past stop.
 * Every event is validated (spec section 4); the kept ones are added to the
 * chunk's aggregate.
 *
 *     chunk c;
 *     chunk_init(&c, &input, start, CHUNK_AT_START, stop, &agg);
 *     chunk_run(&c);        // c.status, c.end, c.end_state, c.nevents
 *
 * Threads: a chunk touches only its own fields, its aggregate and its
 * scanner; the input and the run's constants are shared read-only.
 */
#ifndef LADDER_ENGINE_CHUNK_H
#define LADDER_ENGINE_CHUNK_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/agg.h"
#include "engine/pipeline.h"
#include "engine/scan.h"
#include "engine/simd.h"

/* Where in the array grammar a chunk starts or stopped. */
typedef enum chunk_place {
    CHUNK_AT_START,           /* before the '[' */
    CHUNK_AT_OPENED,          /* after the '[': the first event or ']' comes next */
    CHUNK_AT_EVENT,           /* at an event (after '[' or ',' and spaces) */
    CHUNK_AT_SEPARATOR,       /* after an event: ',' or ']' comes next */
    CHUNK_AT_CLOSED           /* after the ']': only whitespace may follow */
} chunk_place;

typedef enum chunk_status {
    CHUNK_STOPPED,            /* at an event starting at or after stop */
    CHUNK_CLOSED,             /* the array ended, and the input after it */
    CHUNK_NEED_MORE,          /* the bytes ended first (not final input) */
    CHUNK_FAILED              /* err says why */
} chunk_status;

/* The bytes a run works on, shared by its chunks. */
typedef struct chunk_input {
    const uint8_t *base;      /* the bytes, */
    size_t len;               /* how many */
    int final;                /* 1: the input ends here; 0: more may follow */
    int64_t file_offset;      /* offset of base[0] in the whole input */
    simd_find_fn find;
    locale_t c_locale;
} chunk_input;

typedef struct chunk {
    const chunk_input *in;
    size_t start;             /* offset in base */
    chunk_place place;        /* what is at start */
    size_t stop;
    agg *agg;

    chunk_status status;
    size_t end;               /* where it stopped: resume here */
    chunk_place end_place;
    int64_t nevents;          /* events read whole (and validated) */
    pipeline_error err;       /* event_index: within this chunk */
} chunk;

void chunk_init(chunk *c, const chunk_input *in, size_t start,
                chunk_place place, size_t stop, agg *a);

/* Runs the chunk; the outcome is in c->status and the fields after it. */
void chunk_run(chunk *c);

/* The epoch microseconds of the spec's window, inclusive. */
#define CHUNK_WINDOW_START_US INT64_C(1740787200000000)   /* 2025-03-01T00:00:00Z */
#define CHUNK_WINDOW_END_US   INT64_C(1759276799000000)   /* 2025-09-30T23:59:59Z */

#endif /* LADDER_ENGINE_CHUNK_H */
