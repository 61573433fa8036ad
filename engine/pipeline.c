/*
 * pipeline.c - pipeline_run_buffer and pipeline_run_file: splitting the
 * input between threads, proving the split, merging in input order.
 *
 * The split. Thread i > 0 starts at a candidate event boundary: the first
 * '{' after its nominal share whose previous non-space byte is ','. That is
 * a guess (the bytes could be inside a string), so it is proved after the
 * fact: thread i - 1 reads whole events until one starts at or after the
 * candidate, and the candidate is right exactly when that event starts at
 * it. A wrong guess (or an error in the guessed chunk before it is proved)
 * costs time, never correctness: that chunk is thrown away and read again,
 * in the calling thread, from where the previous one really stopped.
 * Chunk 0 adds straight into the run's aggregate; the others into their
 * own, merged in input order (agg.h says why that is exact).
 *
 * Windows. pipeline_run_file reads the file in windows of a fixed size and
 * runs the same split over each; the event cut by the end of a window is
 * carried to the front of the next (the scanner reports running out of
 * bytes as distinct from an error). Two buffers take turns: while the
 * threads process one window, a reader thread reads the next into the
 * other, behind some room kept free in front for the carried event, so
 * reading costs no time of its own. Memory: two windows (and their room),
 * plus one event if an event is larger than the room, plus the aggregate.
 */
#include "engine/pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/agg.h"
#include "engine/chunk.h"
#include "engine/simd.h"

/* More threads than this are not started, whatever is asked. */
#define PIPELINE_MAX_THREADS 256

/* What a window's chunks came to, together. */
typedef struct pipeline_window_out {
    chunk_status status;
    size_t end;                /* resume here (NEED_MORE) */
    chunk_place end_place;
    int64_t nevents;           /* events read whole */
    pipeline_error err;        /* FAILED: event_index is final */
} pipeline_window_out;

static void pipeline_set_error(pipeline_error *err, pipeline_error_code code,
                               int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void pipeline_set_error(pipeline_error *err, pipeline_error_code code,
                               int64_t offset, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL)
        return;
    err->code = code;
    err->byte_offset = offset;
    err->event_index = -1;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/* Copies a chunk's error out; the event index and byte offset stay in
 * their fields, not in the message (pipeline_error_describe joins them). */
static void pipeline_report(pipeline_error *err, const pipeline_error *from)
{
    if (err != NULL)
        *err = *from;
}

static int pipeline_threads(const pipeline_options *opts)
{
    int n = opts != NULL ? opts->threads : 1;
    if (n <= 0) {
        long online = sysconf(_SC_NPROCESSORS_ONLN);
        n = online > 0 ? (int)online : 1;
    }
    return n > PIPELINE_MAX_THREADS ? PIPELINE_MAX_THREADS : n;
}

static int pipeline_is_ws(uint8_t c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* The first candidate event start in [from, to), or SIZE_MAX. */
static size_t pipeline_candidate(const uint8_t *base, size_t lo, size_t from,
                                 size_t to)
{
    while (from < to) {
        const uint8_t *brace = memchr(base + from, '{', to - from);
        if (brace == NULL)
            return SIZE_MAX;
        size_t at = (size_t)(brace - base);
        size_t q = at;
        while (q > lo && pipeline_is_ws(base[q - 1]))
            q--;
        if (q > lo && base[q - 1] == ',')
            return at;
        from = at + 1;
    }
    return SIZE_MAX;
}

static void *pipeline_chunk_thread(void *arg)
{
    chunk_run(arg);
    return NULL;
}

/* Runs the input's bytes from start (at place) through the chunks, merging
 * into total. index_base: events before base[0], for messages. Returns 0,
 * or -1 when out of memory (out->err filled). */
static int pipeline_window(const chunk_input *in, size_t start,
                           chunk_place place, int threads, size_t min_share,
                           agg *total, int64_t index_base,
                           pipeline_window_out *out)
{
    int status = -1;
    size_t len = in->len - start;
    int n = threads;
    if (min_share == 0)
        min_share = PIPELINE_MIN_SHARE;
    if ((size_t)n > len / min_share)
        n = len / min_share > 0 ? (int)(len / min_share) : 1;

    chunk *chunks = calloc((size_t)n, sizeof *chunks);
    agg *aggs = calloc((size_t)n, sizeof *aggs);
    pthread_t *tids = calloc((size_t)n, sizeof *tids);
    char *started = calloc((size_t)n, 1);
    size_t *starts = calloc((size_t)n + 1, sizeof *starts);
    if (chunks == NULL || aggs == NULL || tids == NULL || started == NULL ||
        starts == NULL) {
        pipeline_set_error(&out->err, PIPELINE_ERR_MEMORY, -1, "out of memory");
        goto cleanup;
    }

    /* the candidate starts, strictly increasing */
    int k = 1;
    starts[0] = start;
    for (int i = 1; i < n; i++) {
        size_t nominal = start + (size_t)((double)len * i / n);
        size_t next = start + (size_t)((double)len * (i + 1) / n);
        if (nominal <= starts[k - 1])
            nominal = starts[k - 1] + 1;
        size_t cand = pipeline_candidate(in->base, start, nominal,
                                         i + 1 < n ? next : in->len);
        if (cand != SIZE_MAX)
            starts[k++] = cand;
    }
    n = k;
    starts[n] = SIZE_MAX;

    for (int i = 0; i < n; i++)
        agg_init(&aggs[i], 1);
    chunk_init(&chunks[0], in, start, place, starts[1], total);
    for (int i = 1; i < n; i++) {
        chunk_init(&chunks[i], in, starts[i], CHUNK_AT_EVENT, starts[i + 1],
                   &aggs[i]);
        started[i] = pthread_create(&tids[i], NULL, pipeline_chunk_thread,
                                    &chunks[i]) == 0;
    }
    chunk_run(&chunks[0]);
    for (int i = 1; i < n; i++)
        if (started[i])
            pthread_join(tids[i], NULL);

    /* prove each boundary in order; merge, or read the chunk again */
    int64_t before = 0;
    chunk *prev = &chunks[0];
    for (int i = 1; i < n && prev->status == CHUNK_STOPPED; i++) {
        chunk *c = &chunks[i];
        before += prev->nevents;
        if (started[i] && c->start == prev->end) {
            if (c->status != CHUNK_FAILED && agg_merge(total, &aggs[i]) != 0) {
                pipeline_set_error(&out->err, PIPELINE_ERR_MEMORY, -1,
                                   "out of memory");
                goto cleanup;
            }
        } else {
            chunk_init(c, in, prev->end, CHUNK_AT_EVENT, starts[i + 1], total);
            chunk_run(c);
        }
        prev = c;
    }
    out->status = prev->status;
    out->end = prev->end;
    out->end_place = prev->end_place;
    out->nevents = before + prev->nevents;
    if (prev->status == CHUNK_FAILED) {
        out->err = prev->err;
        if (out->err.event_index >= 0)
            out->err.event_index += index_base + before;
    }
    status = 0;
cleanup:
    if (aggs != NULL)
        for (int i = 0; i < n; i++)
            agg_release(&aggs[i]);
    free(chunks);
    free(aggs);
    free(tids);
    free(started);
    free(starts);
    return status;
}

/* The state every run shares. */
typedef struct pipeline_run {
    simd_find_fn find;
    locale_t c_locale;
    agg total;
    int threads;
    size_t min_share;
} pipeline_run;

static int pipeline_run_init(pipeline_run *r, const pipeline_options *opts,
                             pipeline_error *err)
{
    memset(r, 0, sizeof *r);
    r->find = simd_pick(opts != NULL && opts->portable);
    r->threads = pipeline_threads(opts);
    r->min_share = opts != NULL ? opts->min_share : 0;
    agg_init(&r->total, 0);
    r->c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (r->c_locale == (locale_t)0) {
        pipeline_set_error(err, PIPELINE_ERR_MEMORY, -1, "out of memory");
        return -1;
    }
    return 0;
}

static void pipeline_run_release(pipeline_run *r)
{
    agg_release(&r->total);
    if (r->c_locale != (locale_t)0)
        freelocale(r->c_locale);
}

pipeline_result *pipeline_run_buffer(const char *data, size_t len,
                                     const pipeline_options *opts,
                                     pipeline_error *err)
{
    pipeline_result *res = NULL;
    pipeline_run r;
    pipeline_window_out out;
    memset(&out, 0, sizeof out);
    if (pipeline_run_init(&r, opts, err) != 0)
        goto cleanup;
    chunk_input in = {(const uint8_t *)data, len, 1, 0, r.find, r.c_locale};
    if (pipeline_window(&in, 0, CHUNK_AT_START, r.threads, r.min_share,
                        &r.total, 0, &out) != 0) {
        pipeline_report(err, &out.err);
        goto cleanup;
    }
    if (out.status != CHUNK_CLOSED) {
        pipeline_report(err, &out.err);
        goto cleanup;
    }
    res = agg_finish(&r.total, err);
cleanup:
    pipeline_run_release(&r);
    return res;
}

/* One read of up to want bytes into dst, run by the reader thread while
 * the previous window is processed (or inline when no thread starts). */
typedef struct pipeline_reader {
    int fd;
    uint8_t *dst;
    size_t want;
    size_t got;                /* bytes read */
    int eof;                   /* 1: the file ended */
    int err_no;                /* 0, or errno of a failed read */
} pipeline_reader;

/* Reads until rd->want bytes are in or the file ends. */
static void pipeline_read(pipeline_reader *rd)
{
    rd->got = 0;
    rd->eof = 0;
    rd->err_no = 0;
    while (rd->got < rd->want) {
        ssize_t n = read(rd->fd, rd->dst + rd->got, rd->want - rd->got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            rd->err_no = errno;
            return;
        }
        if (n == 0) {
            rd->eof = 1;
            return;
        }
        rd->got += (size_t)n;
    }
}

static void *pipeline_reader_thread(void *arg)
{
    pipeline_read(arg);
    return NULL;
}

/* A window buffer: the reader writes at mem + room, leaving room bytes in
 * front for the event carried over from the window before. */
typedef struct pipeline_buf {
    uint8_t *mem;
    size_t size;
} pipeline_buf;

/* Makes b hold at least size bytes (contents not kept). Returns 0 or -1. */
static int pipeline_buf_reserve(pipeline_buf *b, size_t size)
{
    if (b->size >= size)
        return 0;
    uint8_t *m = malloc(size);
    if (m == NULL)
        return -1;
    free(b->mem);
    b->mem = m;
    b->size = size;
    return 0;
}

pipeline_result *pipeline_run_file(const char *path,
                                   const pipeline_options *opts,
                                   pipeline_error *err)
{
    pipeline_result *res = NULL;
    pipeline_run r;
    pipeline_buf cur = {NULL, 0}, nxt = {NULL, 0};
    int fd = -1;
    if (pipeline_run_init(&r, opts, err) != 0)
        goto cleanup;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        pipeline_set_error(err, PIPELINE_ERR_IO, -1, "cannot open '%s': %s",
                           path, strerror(errno));
        goto cleanup;
    }
    size_t cap = opts != NULL && opts->window > 0 ? opts->window : PIPELINE_WINDOW;
    size_t room = cap < PIPELINE_CARRY_ROOM ? cap : PIPELINE_CARRY_ROOM;
    if (pipeline_buf_reserve(&cur, room + cap) != 0) {
        pipeline_set_error(err, PIPELINE_ERR_MEMORY, -1, "out of memory");
        goto cleanup;
    }
    pipeline_reader rd = {fd, cur.mem + room, cap, 0, 0, 0};
    pipeline_read(&rd);
    if (rd.err_no != 0) {
        pipeline_set_error(err, PIPELINE_ERR_IO, 0, "cannot read '%s': %s",
                           path, strerror(rd.err_no));
        goto cleanup;
    }
    const uint8_t *base = cur.mem + room;
    size_t have = rd.got;
    int eof = rd.eof;
    int64_t file_offset = 0, events = 0, read_total = (int64_t)rd.got;
    chunk_place place = CHUNK_AT_START;
    for (;;) {
        /* the next window's bytes are read while this one is processed */
        pthread_t tid;
        int reading = 0;
        if (!eof) {
            if (pipeline_buf_reserve(&nxt, room + cap) != 0) {
                pipeline_set_error(err, PIPELINE_ERR_MEMORY, -1, "out of memory");
                goto cleanup;
            }
            rd = (pipeline_reader){fd, nxt.mem + room, cap, 0, 0, 0};
            reading = pthread_create(&tid, NULL, pipeline_reader_thread, &rd) == 0;
            if (!reading)
                pipeline_read(&rd);      /* no thread: read now, in turn */
        }
        chunk_input in = {base, have, eof, file_offset, r.find, r.c_locale};
        pipeline_window_out out;
        memset(&out, 0, sizeof out);
        int failed = pipeline_window(&in, 0, place, r.threads, r.min_share,
                                     &r.total, events, &out) != 0 ||
                     out.status == CHUNK_FAILED;
        if (reading)
            pthread_join(tid, NULL);
        if (failed) {
            pipeline_report(err, &out.err);
            goto cleanup;
        }
        if (out.status == CHUNK_CLOSED)
            break;
        /* NEED_MORE: what was not read whole goes in front of the bytes
         * just read (there is always some: the file has not ended) */
        if (rd.err_no != 0) {
            pipeline_set_error(err, PIPELINE_ERR_IO, read_total,
                               "cannot read '%s': %s", path,
                               strerror(rd.err_no));
            goto cleanup;
        }
        events += out.nevents;
        place = out.end_place;
        size_t tail = have - out.end;
        if (tail <= room) {
            memcpy(nxt.mem + room - tail, base + out.end, tail);
            base = nxt.mem + room - tail;
        } else {
            /* an event longer than the room (or than a window): one
             * buffer for all of it and the new bytes */
            size_t need = tail + rd.got > room + cap ? tail + rd.got : room + cap;
            uint8_t *m = malloc(need);
            if (m == NULL) {
                pipeline_set_error(err, PIPELINE_ERR_MEMORY, -1, "out of memory");
                goto cleanup;
            }
            memcpy(m, base + out.end, tail);
            memcpy(m + tail, nxt.mem + room, rd.got);
            free(nxt.mem);
            nxt.mem = m;
            nxt.size = need;
            base = m;
        }
        file_offset += (int64_t)out.end;
        have = tail + rd.got;
        eof = rd.eof;
        read_total += (int64_t)rd.got;
        pipeline_buf swap = cur;
        cur = nxt;
        nxt = swap;
    }
    res = agg_finish(&r.total, err);
cleanup:
    if (fd >= 0)
        close(fd);
    free(cur.mem);
    free(nxt.mem);
    pipeline_run_release(&r);
    return res;
}
