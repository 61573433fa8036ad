/*
 * binary_trees.c - the Benchmarks Game's binary-trees as a plain C program:
 * the computation is rungs/c/binary_trees_kernel.h.
 * Problem: shared/spec/problems.md.
 *
 * Argument: n. Output: the Benchmarks Game's lines, tabs as in the spec.
 */
#include <stdlib.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c/binary_trees_kernel.h"

typedef struct binary_trees_state {
    int n;
    long long checks[BINARY_TREES_MAX_CHECKS];   /* the last run's answer */
    size_t count;
} binary_trees_state;

static int binary_trees_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    binary_trees_state *st;

    if (rung_parse_size(arg, BINARY_TREES_MIN_N, BINARY_TREES_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->n = (int)n;
    *state = st;
    return 0;
}

static int binary_trees_run(void *state, rung_error *err)
{
    binary_trees_state *st = state;

    if (binary_trees_compute(st->n, st->checks, &st->count) != 0)
        return rung_error_set(err, "out of memory building the trees of n = %d", st->n);
    return 0;
}

static int binary_trees_write(void *state, FILE *out, rung_error *err)
{
    const binary_trees_state *st = state;
    int max_depth = binary_trees_max_depth(st->n);
    size_t i = 0;

    (void)err;
    fprintf(out, "stretch tree of depth %d\t check: %lld\n", max_depth + 1, st->checks[i++]);
    for (int depth = BINARY_TREES_MIN_DEPTH; depth <= max_depth;
         depth += BINARY_TREES_DEPTH_STEP) {
        long long iterations = 1LL << (max_depth - depth + BINARY_TREES_MIN_DEPTH);
        fprintf(out, "%lld\t trees of depth %d\t check: %lld\n", iterations, depth,
                st->checks[i++]);
    }
    fprintf(out, "long lived tree of depth %d\t check: %lld\n", max_depth, st->checks[i]);
    return 0;
}

static void binary_trees_teardown(void *state)
{
    free(state);
}

RUNG_PROBLEM(binary_trees, "binary-trees", binary_trees_setup, binary_trees_run,
             binary_trees_write, binary_trees_teardown);
