/*
 * rung_main.c - the harness protocol loop for native-program rungs.
 * The manual is rung_main.h; the protocol is docs/protocol.md.
 */
#include "rungs/_native/rung_main.h"
#include "rungs/_native/region.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS_PER_SECOND 1000000000LL

/* The one command the harness sends. */
#define RUNG_COMMAND_RUN "run"

int rung_error_set(rung_error *err, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int rung_parse_size(const char *arg, long long min, long long max,
                    long long *value, rung_error *err)
{
    char *end = NULL;
    long long v;

    errno = 0;
    v = strtoll(arg, &end, 10);
    if (end == arg || *end != '\0' || errno == ERANGE || v < min || v > max)
        return rung_error_set(err, "'%s' is not an integer from %lld to %lld",
                              arg, min, max);
    *value = v;
    return 0;
}

/* Reports a failure on stdout (for the harness) and stderr (for a person),
 * as one line: control characters in the message become spaces. */
static void rung_report_error(const char *message)
{
    char line[RUNG_ERROR_MAX];
    size_t i;

    for (i = 0; message[i] != '\0' && i + 1 < sizeof line; i++) {
        unsigned char c = (unsigned char)message[i];
        line[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    line[i] = '\0';
    if (i == 0)
        snprintf(line, sizeof line, "unknown error");
    printf("error %s\n", line);
    fflush(stdout);
    fprintf(stderr, "error: %s\n", line);
}

/* The problems RUNG_PROBLEM registered: the linker gathers their entries
 * between these two symbols. Weak, so a program with none still links. */
extern const rung_problem *const __start_rung_problems[] __attribute__((weak));
extern const rung_problem *const __stop_rung_problems[] __attribute__((weak));

static const rung_problem *rung_find(const char *name)
{
    for (const rung_problem *const *p = __start_rung_problems; p < __stop_rung_problems; p++)
        if (strcmp((*p)->name, name) == 0)
            return *p;
    return NULL;
}

static int64_t rung_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * NS_PER_SECOND + ts.tv_nsec;
}

/* One iteration: run (timed), write into memory (not timed), answer.
 * Returns 0, or -1 with *err filled. */
static int rung_iterate(const rung_problem *problem, void *state,
                        rung_error *err)
{
    char *output = NULL;
    size_t output_len = 0;
    FILE *out = NULL;
    int64_t start, elapsed;
    int status = -1;

    start = rung_now_ns();
    ladder_region_begin();
    int failed = problem->run(state, err) != 0;
    long long instructions = ladder_region_end();
    elapsed = rung_now_ns() - start;
    if (failed)
        goto cleanup;

    out = open_memstream(&output, &output_len);
    if (out == NULL) {
        rung_error_set(err, "cannot open a memory stream: %s", strerror(errno));
        goto cleanup;
    }
    if (problem->write(state, out, err) != 0)
        goto cleanup;
    /* fclose() publishes output and output_len. */
    if (fclose(out) != 0) {
        out = NULL;
        rung_error_set(err, "cannot write the output: %s", strerror(errno));
        goto cleanup;
    }
    out = NULL;

    /* The instruction count, when this process counted it (region.h). */
    if (instructions >= 0)
        printf("result %lld %zu %lld\n", (long long)elapsed, output_len, instructions);
    else
        printf("result %lld %zu\n", (long long)elapsed, output_len);
    if (output_len > 0 && fwrite(output, 1, output_len, stdout) != output_len) {
        rung_error_set(err, "cannot write to stdout");
        goto cleanup;
    }
    if (fflush(stdout) != 0) {
        rung_error_set(err, "cannot write to stdout: %s", strerror(errno));
        goto cleanup;
    }
    status = 0;

cleanup:
    if (out != NULL)
        fclose(out);
    free(output);
    return status;
}

/* Strips the line ending (LF, or CRLF) in place. */
static void rung_chomp(char *line, size_t len)
{
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
}

int main(int argc, char **argv)
{
    const rung_problem *problem = NULL;
    void *state = NULL;
    int have_state = 0;
    char *line = NULL;
    size_t line_cap = 0;
    ssize_t line_len;
    rung_error err = {{0}};
    int status = 1;

    if (argc != 3) {
        rung_error_set(&err, "usage: %s <problem> <argument>",
                       argc > 0 ? argv[0] : "rung");
        goto cleanup;
    }
    problem = rung_find(argv[1]);
    if (problem == NULL) {
        rung_error_set(&err, "unknown problem '%s'", argv[1]);
        goto cleanup;
    }
    if (problem->setup(argv[2], &state, &err) != 0)
        goto cleanup;
    have_state = 1;

    printf("ready\n");
    fflush(stdout);

    while ((line_len = getline(&line, &line_cap, stdin)) != -1) {
        rung_chomp(line, (size_t)line_len);
        if (strcmp(line, RUNG_COMMAND_RUN) != 0) {
            rung_error_set(&err, "unknown command '%s'", line);
            goto cleanup;
        }
        if (rung_iterate(problem, state, &err) != 0)
            goto cleanup;
    }
    if (ferror(stdin)) {
        rung_error_set(&err, "cannot read stdin: %s", strerror(errno));
        goto cleanup;
    }
    status = 0;

cleanup:
    if (status != 0)
        rung_report_error(err.message);
    if (have_state)
        problem->teardown(state);
    free(line);
    return status;
}
