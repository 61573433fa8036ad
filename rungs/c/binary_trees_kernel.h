/*
 * binary_trees_kernel.h - the Benchmarks Game's binary-trees
 * (shared/spec/problems.md) as its C programs compute it: every tree is
 * built recursively as linked nodes, walked recursively to count them, and
 * freed. The nodes of one tree come from one malloc()ed pool, freed after
 * the tree (the rules allow a pool per tree, as the Benchmarks Game's C
 * programs use APR pools); one thread. Shared by the c rung (a program) and
 * the c-ext rung (an extension module), so the two differ only in how they
 * are called.
 *
 *     long long checks[BINARY_TREES_MAX_CHECKS];
 *     size_t count;
 *     if (binary_trees_compute(16, checks, &count) != 0)   // out of memory
 *         ...
 *     // checks[0]: the stretch tree; checks[1..count-2]: each depth's sum;
 *     // checks[count-1]: the long-lived tree
 *
 * Everything here is static; no state outlives a call. n must be from
 * BINARY_TREES_MIN_N to BINARY_TREES_MAX_N (the caller checks).
 */
#ifndef LADDER_BINARY_TREES_KERNEL_H
#define LADDER_BINARY_TREES_KERNEL_H

#include <stdlib.h>

/* The sizes problems/binary-trees/problem.conf accepts: the stretch tree
 * of n = 24 has 2^26 nodes, a gigabyte here. */
#define BINARY_TREES_MIN_N 0
#define BINARY_TREES_MAX_N 24

#define BINARY_TREES_MIN_DEPTH 4
/* max_depth = max(MIN_DEPTH + 2, n), the Benchmarks Game's rule. */
#define BINARY_TREES_LEAST_MAX_DEPTH (BINARY_TREES_MIN_DEPTH + 2)
/* The depths checked: MIN_DEPTH, MIN_DEPTH + 2, ..., max_depth. */
#define BINARY_TREES_DEPTH_STEP 2
/* The most numbers a run gives: the stretch tree, one per depth, the
 * long-lived tree. */
#define BINARY_TREES_MAX_CHECKS \
    (2 + (BINARY_TREES_MAX_N - BINARY_TREES_MIN_DEPTH) / BINARY_TREES_DEPTH_STEP + 1)

typedef struct bt_node {
    struct bt_node *left, *right;   /* both NULL (a leaf), or both children */
} bt_node;

/* The nodes of one tree, allocated at once and handed out in order. */
typedef struct bt_pool {
    bt_node *nodes;
    size_t used;
} bt_pool;

/* The deepest trees built for n (the stretch tree is one deeper). */
static int binary_trees_max_depth(int n)
{
    return n > BINARY_TREES_LEAST_MAX_DEPTH ? n : BINARY_TREES_LEAST_MAX_DEPTH;
}

/* A tree of depth d has 2^(d+1) - 1 nodes. */
static size_t bt_tree_size(int depth)
{
    return ((size_t)2 << depth) - 1;
}

/* Allocates the pool for one tree of the given depth; returns 0, or -1 if
 * memory runs out. */
static int bt_pool_init(bt_pool *pool, int depth)
{
    pool->nodes = malloc(bt_tree_size(depth) * sizeof *pool->nodes);
    pool->used = 0;
    return pool->nodes == NULL ? -1 : 0;
}

static void bt_pool_release(bt_pool *pool)
{
    free(pool->nodes);
    pool->nodes = NULL;
}

/* Builds a tree of the given depth from the pool, which must have room. */
static bt_node *bt_make(bt_pool *pool, int depth)
{
    bt_node *node = &pool->nodes[pool->used++];

    if (depth == 0) {
        node->left = node->right = NULL;
    } else {
        node->left = bt_make(pool, depth - 1);
        node->right = bt_make(pool, depth - 1);
    }
    return node;
}

/* The number of nodes, counted by walking the tree. */
static long long bt_check(const bt_node *node)
{
    if (node->left == NULL)
        return 1;
    return 1 + bt_check(node->left) + bt_check(node->right);
}

/* Builds a tree in a pool of its own, counts it and frees it. Returns its
 * count, or -1 if memory runs out. */
static long long bt_build_and_check(int depth)
{
    bt_pool pool;
    long long check;

    if (bt_pool_init(&pool, depth) != 0)
        return -1;
    check = bt_check(bt_make(&pool, depth));
    bt_pool_release(&pool);
    return check;
}

/* Fills checks[] (BINARY_TREES_MAX_CHECKS room) with the stretch tree's
 * count, each depth's summed count and the long-lived tree's count, and
 * *count with how many that is. Returns 0, or -1 if memory runs out. */
static int binary_trees_compute(int n, long long *checks, size_t *count)
{
    int max_depth = binary_trees_max_depth(n);
    bt_pool long_lived;
    size_t filled = 0;

    if ((checks[filled++] = bt_build_and_check(max_depth + 1)) < 0)
        return -1;
    if (bt_pool_init(&long_lived, max_depth) != 0)
        return -1;
    const bt_node *long_lived_tree = bt_make(&long_lived, max_depth);

    for (int depth = BINARY_TREES_MIN_DEPTH; depth <= max_depth;
         depth += BINARY_TREES_DEPTH_STEP) {
        long long iterations = 1LL << (max_depth - depth + BINARY_TREES_MIN_DEPTH);
        long long sum = 0;
        for (long long i = 0; i < iterations; i++) {
            long long check = bt_build_and_check(depth);
            if (check < 0) {
                bt_pool_release(&long_lived);
                return -1;
            }
            sum += check;
        }
        checks[filled++] = sum;
    }
    checks[filled++] = bt_check(long_lived_tree);
    bt_pool_release(&long_lived);
    *count = filled;
    return 0;
}

#endif /* LADDER_BINARY_TREES_KERNEL_H */
