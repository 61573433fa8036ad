/*
 * binary_trees.c - the Benchmarks Game's binary-trees with threads, as its
 * fastest C programs compute it: the trees of every depth shared among the
 * cores, each worker building its trees in a pool of its own that it
 * clears before the next tree (the rules allow a pool per tree; the C
 * programs use APR pools the same way). Problem: shared/spec/problems.md.
 *
 * Argument: n. Output: the Benchmarks Game's lines (stretch tree, one line
 * per depth, long-lived tree), tabs as in problems.md.
 *
 * Every tree is really built as linked nodes and walked to count them; a
 * pool only makes allocating a node a pointer bump and freeing a tree one
 * store, and keeps each tree's nodes together in memory. The pools are
 * allocated and freed inside each run.
 *
 * There is nothing here for SIMD to do (a tree walk is pointer chasing),
 * so there is one kernel and LADDER_PORTABLE changes nothing. The stretch
 * and long-lived trees are built by the calling thread before the team
 * starts, in the Benchmarks Game's order.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c-simd/team.h"

/* The sizes problems/binary-trees/problem.conf accepts. */
#define TREES_MIN_N 0
#define TREES_MAX_N 24
#define TREES_MIN_DEPTH 4
#define TREES_DEPTH_STEP 2
/* Depths from TREES_MIN_DEPTH to the largest max_depth, by 2. */
#define TREES_MAX_DEPTHS ((TREES_MAX_N - TREES_MIN_DEPTH) / TREES_DEPTH_STEP + 1)
/* Each depth's trees are cut into this many units of work, taken by the
 * workers one at a time. Every depth has at least 2^TREES_MIN_DEPTH = 16
 * trees, so a unit has at least one, and every unit of every depth has the
 * same number of nodes (2^(max_depth + 5) / 16): the cores finish together. */
#define TREES_UNITS_PER_DEPTH 16

typedef struct tree_node {
    struct tree_node *left, *right;
} tree_node;

/* Room for the nodes of one tree, allocated in one piece. */
typedef struct tree_pool {
    tree_node *nodes;
    size_t used;
} tree_pool;

typedef struct trees_state {
    int max_depth;
    int depths;                            /* lines between the first and last */
    atomic_int next_unit;
    atomic_int out_of_memory;              /* set by a worker without a pool */
    atomic_llong sums[TREES_MAX_DEPTHS];   /* each depth's check sum */
    long long stretch_check, long_lived_check;
} trees_state;

/* A tree of `depth` has 2^(depth + 1) - 1 nodes. */
static size_t tree_nodes(int depth)
{
    return ((size_t)1 << (depth + 1)) - 1;
}

/* Makes *pool room for one tree of `depth`. Returns 0, or -1. */
static int tree_pool_init(tree_pool *pool, int depth)
{
    pool->used = 0;
    pool->nodes = malloc(tree_nodes(depth) * sizeof *pool->nodes);
    return pool->nodes == NULL ? -1 : 0;
}

static void tree_pool_release(tree_pool *pool)
{
    free(pool->nodes);
    pool->nodes = NULL;
}

/* Frees every node of the pool at once: the next tree reuses them. */
static void tree_pool_clear(tree_pool *pool)
{
    pool->used = 0;
}

/* Builds a tree of `depth` in the pool, which has room for it (a pool made
 * for that depth or a deeper one, and cleared). */
static tree_node *tree_build(tree_pool *pool, int depth)
{
    tree_node *node = &pool->nodes[pool->used++];

    if (depth > 0) {
        node->left = tree_build(pool, depth - 1);
        node->right = tree_build(pool, depth - 1);
    } else {
        node->left = node->right = NULL;
    }
    return node;
}

/* Counts the tree's nodes by walking it. */
static long long tree_check(const tree_node *node)
{
    if (node->left == NULL)
        return 1;
    return 1 + tree_check(node->left) + tree_check(node->right);
}

static int trees_depth(int line)
{
    return TREES_MIN_DEPTH + line * TREES_DEPTH_STEP;
}

static long long trees_iterations(const trees_state *st, int line)
{
    return 1LL << (st->max_depth - trees_depth(line) + TREES_MIN_DEPTH);
}

/* Every worker takes the next unit (some trees of one depth) until none
 * is left, building and walking each tree in its own pool. */
static void trees_task(void *ctx, const csimd_worker *self)
{
    trees_state *st = ctx;
    tree_pool pool;
    int unit;

    (void)self;
    if (tree_pool_init(&pool, st->max_depth) != 0) {
        atomic_store(&st->out_of_memory, 1);
        return;
    }
    while ((unit = atomic_fetch_add_explicit(&st->next_unit, 1, memory_order_relaxed))
           < st->depths * TREES_UNITS_PER_DEPTH) {
        int line = unit / TREES_UNITS_PER_DEPTH;
        int depth = trees_depth(line);
        long long trees = trees_iterations(st, line) / TREES_UNITS_PER_DEPTH;
        long long sum = 0;

        for (long long i = 0; i < trees; i++) {
            tree_pool_clear(&pool);
            sum += tree_check(tree_build(&pool, depth));
        }
        atomic_fetch_add_explicit(&st->sums[line], sum, memory_order_relaxed);
    }
    tree_pool_release(&pool);
}

static int trees_setup(const char *arg, void **state, rung_error *err)
{
    long long n;
    trees_state *st;

    if (rung_parse_size(arg, TREES_MIN_N, TREES_MAX_N, &n, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->max_depth = n > TREES_MIN_DEPTH + TREES_DEPTH_STEP ? (int)n
                                                           : TREES_MIN_DEPTH + TREES_DEPTH_STEP;
    st->depths = (st->max_depth - TREES_MIN_DEPTH) / TREES_DEPTH_STEP + 1;
    *state = st;
    return 0;
}

static int trees_run(void *state, rung_error *err)
{
    trees_state *st = state;
    tree_pool stretch = {NULL, 0}, long_lived = {NULL, 0};
    const tree_node *long_lived_tree;
    int status = -1;

    atomic_store(&st->next_unit, 0);
    atomic_store(&st->out_of_memory, 0);
    for (int line = 0; line < st->depths; line++)
        atomic_store(&st->sums[line], 0);

    if (tree_pool_init(&stretch, st->max_depth + 1) != 0) {
        rung_error_set(err, "out of memory for a tree of depth %d", st->max_depth + 1);
        goto cleanup;
    }
    st->stretch_check = tree_check(tree_build(&stretch, st->max_depth + 1));
    tree_pool_release(&stretch);

    if (tree_pool_init(&long_lived, st->max_depth) != 0) {
        rung_error_set(err, "out of memory for a tree of depth %d", st->max_depth);
        goto cleanup;
    }
    long_lived_tree = tree_build(&long_lived, st->max_depth);

    if (csimd_team_run(csimd_cores(), trees_task, st, err) != 0)
        goto cleanup;
    if (atomic_load(&st->out_of_memory)) {
        rung_error_set(err, "out of memory for a worker's pool (depth %d)", st->max_depth);
        goto cleanup;
    }
    st->long_lived_check = tree_check(long_lived_tree);
    status = 0;

cleanup:
    tree_pool_release(&stretch);
    tree_pool_release(&long_lived);
    return status;
}

static int trees_write(void *state, FILE *out, rung_error *err)
{
    const trees_state *st = state;

    (void)err;
    fprintf(out, "stretch tree of depth %d\t check: %lld\n", st->max_depth + 1,
            st->stretch_check);
    for (int line = 0; line < st->depths; line++)
        fprintf(out, "%lld\t trees of depth %d\t check: %lld\n", trees_iterations(st, line),
                trees_depth(line), (long long)atomic_load(&st->sums[line]));
    fprintf(out, "long lived tree of depth %d\t check: %lld\n", st->max_depth,
            st->long_lived_check);
    return 0;
}

static void trees_teardown(void *state)
{
    free(state);
}

RUNG_PROBLEM(binary_trees, "binary-trees", trees_setup, trees_run, trees_write,
             trees_teardown);
