/*
 * fuzz_pipeline.c - libFuzzer target for the pipeline engine.
 *
 *     clang -g -O1 -fsanitize=fuzzer,address,undefined -I. \
 *         tests/fuzz/fuzz_pipeline.c engine/[a-z]*.c -lpthread -lm
 *
 * (tests/test_fuzz.sh builds and runs it.) Each input runs four ways that
 * must agree exactly: the AVX2 and the portable scanner, one thread and
 * several (the input split every few bytes, so boundary guesses are made,
 * and proved or refuted, all the time). Either all give the same result
 * JSON, or all the same error (code, byte offset, event index, message).
 * The input is copied into a buffer of exactly its size, so AddressSanitizer
 * sees any read past its end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pipeline.h"

#define FUZZ_TINY_SHARE 8

typedef struct fuzz_outcome {
    char *json;                /* the result, or NULL */
    size_t json_len;
    pipeline_error err;
} fuzz_outcome;

static void fuzz_run(const char *data, size_t len, int portable, int threads,
                     fuzz_outcome *out)
{
    pipeline_options o = PIPELINE_OPTIONS_INIT;
    o.portable = portable;
    o.threads = threads;
    o.min_share = FUZZ_TINY_SHARE;
    memset(out, 0, sizeof *out);
    pipeline_result *r = pipeline_run_buffer(data, len, &o, &out->err);
    if (r == NULL) {
        if (out->err.code == PIPELINE_OK || out->err.message[0] == '\0' ||
            out->err.byte_offset < 0 || (size_t)out->err.byte_offset > len)
            abort();                       /* an error must say what and where */
        char text[PIPELINE_ERROR_TEXT_MAX];
        int n = pipeline_error_describe(&out->err, text, sizeof text);
        if (n <= 0 || (size_t)n >= sizeof text || strstr(text, " at byte ") == NULL)
            abort();                       /* the human form names the byte */
        return;
    }
    FILE *f = open_memstream(&out->json, &out->json_len);
    if (f == NULL)
        abort();
    if (pipeline_result_write_json(r, f) != 0)
        abort();
    fclose(f);
    pipeline_result_free(r);
}

static void fuzz_same(const fuzz_outcome *a, const fuzz_outcome *b)
{
    if ((a->json == NULL) != (b->json == NULL))
        abort();
    if (a->json != NULL) {
        if (a->json_len != b->json_len || memcmp(a->json, b->json, a->json_len) != 0)
            abort();
        return;
    }
    if (a->err.code != b->err.code || a->err.byte_offset != b->err.byte_offset ||
        a->err.event_index != b->err.event_index ||
        strcmp(a->err.message, b->err.message) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    fuzz_outcome base, other;
    fuzz_run(copy, size, 0, 1, &base);
    static const int ways[][2] = {{1, 1}, {0, 3}, {1, 4}};
    for (size_t i = 0; i < sizeof ways / sizeof ways[0]; i++) {
        fuzz_run(copy, size, ways[i][0], ways[i][1], &other);
        fuzz_same(&base, &other);
        free(other.json);
    }
    free(base.json);
    free(copy);
    return 0;
}
