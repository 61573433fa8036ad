/*
 * floor.c - the memory floor of the pipeline comparison: how long it takes
 * merely to read an events file into memory and to touch every byte of it.
 * No pipeline can be faster than its input can be read.
 *
 *     floor FILE [RUNS] [--json OUT]
 *
 * Two numbers, each the median of RUNS timed iterations (default 21, after
 * one untimed warm-up), taken in-process with CLOCK_MONOTONIC like a rung's:
 *
 *   read   read(2) of the whole file into a buffer allocated and faulted in
 *          beforehand, then a sum of every byte: the file from the page
 *          cache (warm: the warm-up read put it there) into memory.
 *   touch  the sum of every byte of the buffer already in memory: the
 *          bandwidth floor a rung that got its bytes in setup is up against.
 *
 * Prints a short report on stdout; with --json OUT also writes every time
 * to OUT: {"file", "bytes", "runs", "read_ns": [...], "touch_ns": [...],
 * "read_median_ns", "touch_median_ns"}.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FLOOR_DEFAULT_RUNS 21
#define FLOOR_MAX_RUNS 1000

static int64_t floor_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The sum of every byte. The result is printed, so the loop cannot be
 * optimized away; the compiler vectorizes it. */
static uint64_t floor_sum(const unsigned char *buf, size_t len)
{
    uint64_t sum = 0;

    for (size_t i = 0; i < len; i++)
        sum += buf[i];
    return sum;
}

/* Reads len bytes of fd from offset 0 into buf. Returns 0, or -1 (errno). */
static int floor_read(int fd, unsigned char *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = pread(fd, buf + done, len - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;   /* the file shrank */
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

static int floor_compare(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int64_t floor_median(const int64_t *times, size_t n)
{
    int64_t *sorted = malloc(n * sizeof *sorted);
    int64_t median;

    if (sorted == NULL)
        return times[0];
    memcpy(sorted, times, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, floor_compare);
    median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    free(sorted);
    return median;
}

static void floor_json_times(FILE *out, const char *name, const int64_t *t,
                             size_t n)
{
    fprintf(out, "  \"%s\": [", name);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%lld", i ? ", " : "", (long long)t[i]);
    fprintf(out, "],\n");
}

/* Writes the JSON results file. Returns 0, or -1 with a message printed. */
static int floor_write_json(const char *path, const char *file, size_t len,
                            const int64_t *read_ns, const int64_t *touch_ns,
                            size_t runs)
{
    FILE *out = fopen(path, "w");

    if (out == NULL) {
        fprintf(stderr, "floor: cannot open '%s': %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(out, "{\n  \"file\": \"");
    for (const char *p = file; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', out);
        fputc(*p, out);
    }
    fprintf(out, "\",\n  \"bytes\": %zu,\n  \"runs\": %zu,\n", len, runs);
    floor_json_times(out, "read_ns", read_ns, runs);
    floor_json_times(out, "touch_ns", touch_ns, runs);
    fprintf(out, "  \"read_median_ns\": %lld,\n  \"touch_median_ns\": %lld\n}\n",
            (long long)floor_median(read_ns, runs),
            (long long)floor_median(touch_ns, runs));
    if (fclose(out) != 0) {
        fprintf(stderr, "floor: cannot write '%s'\n", path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *file = NULL, *json = NULL;
    long runs = FLOOR_DEFAULT_RUNS;
    unsigned char *buf = NULL;
    int64_t *read_ns = NULL, *touch_ns = NULL;
    uint64_t check = 0;        /* the byte sum of the warm-up read */
    struct stat sb;
    size_t len;
    int fd = -1, status = 1;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
            json = argv[++i];
        } else if (file == NULL) {
            file = argv[i];
        } else {
            char *end;
            runs = strtol(argv[i], &end, 10);
            if (*end != '\0' || runs < 1 || runs > FLOOR_MAX_RUNS) {
                fprintf(stderr, "floor: '%s' is not a run count from 1 to %d\n",
                        argv[i], FLOOR_MAX_RUNS);
                return 2;
            }
        }
    }
    if (file == NULL) {
        fprintf(stderr, "usage: floor FILE [RUNS] [--json OUT]\n");
        return 2;
    }

    fd = open(file, O_RDONLY);
    if (fd < 0 || fstat(fd, &sb) != 0) {
        fprintf(stderr, "floor: cannot open '%s': %s\n", file, strerror(errno));
        goto cleanup;
    }
    len = (size_t)sb.st_size;
    buf = malloc(len > 0 ? len : 1);
    read_ns = calloc((size_t)runs, sizeof *read_ns);
    touch_ns = calloc((size_t)runs, sizeof *touch_ns);
    if (buf == NULL || read_ns == NULL || touch_ns == NULL) {
        fprintf(stderr, "floor: out of memory for '%s'\n", file);
        goto cleanup;
    }

    /* Warm-up: faults the buffer in and puts the file in the page cache. */
    if (floor_read(fd, buf, len) != 0) {
        fprintf(stderr, "floor: cannot read '%s': %s\n", file, strerror(errno));
        goto cleanup;
    }
    check = floor_sum(buf, len);

    for (long r = 0; r < runs; r++) {
        int64_t start = floor_now_ns();
        if (floor_read(fd, buf, len) != 0) {
            fprintf(stderr, "floor: cannot read '%s': %s\n", file, strerror(errno));
            goto cleanup;
        }
        uint64_t read_sum = floor_sum(buf, len);
        read_ns[r] = floor_now_ns() - start;

        start = floor_now_ns();
        uint64_t touch_sum = floor_sum(buf, len);
        touch_ns[r] = floor_now_ns() - start;

        if (read_sum != check || touch_sum != check) {
            fprintf(stderr, "floor: '%s' changed while it was read\n", file);
            goto cleanup;
        }
    }

    int64_t read_median = floor_median(read_ns, (size_t)runs);
    int64_t touch_median = floor_median(touch_ns, (size_t)runs);
    printf("floor: %s, %zu bytes, median of %ld runs (byte sum %llu)\n", file,
           len, runs, (unsigned long long)check);
    printf("  read  (page cache -> memory, every byte summed): %9.3f ms  %6.2f GB/s\n",
           read_median / 1e6, read_median > 0 ? (double)len / read_median : 0.0);
    printf("  touch (in memory, every byte summed):            %9.3f ms  %6.2f GB/s\n",
           touch_median / 1e6, touch_median > 0 ? (double)len / touch_median : 0.0);
    if (json != NULL &&
        floor_write_json(json, file, len, read_ns, touch_ns, (size_t)runs) != 0)
        goto cleanup;
    status = 0;

cleanup:
    if (fd >= 0)
        close(fd);
    free(buf);
    free(read_ns);
    free(touch_ns);
    return status;
}
