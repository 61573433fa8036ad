/*
 * reference.c - the trusted binary-trees (shared/spec/problems.md): the
 * output every rung is verified against, for sizes problem.conf stores no
 * answer for.
 *
 *     reference N        prints the Benchmarks Game's lines for N
 *
 * Plain C, one thread, written for clarity rather than speed: every node is
 * its own malloc(), every tree is built recursively, walked recursively to
 * count its nodes, and freed node by node. Nothing is shared with the
 * rungs. A bad argument prints a message on stderr and exits 2; running out
 * of memory prints a message and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* The argument's range, as problem.conf declares it: the stretch tree of
 * N = 24 has 2^26 nodes, a gigabyte here. */
#define MIN_N 0
#define MAX_N 24

#define MIN_DEPTH 4
/* max_depth = max(MIN_DEPTH + 2, N), the Benchmarks Game's rule. */
#define LEAST_MAX_DEPTH (MIN_DEPTH + 2)
/* The depths checked: MIN_DEPTH, MIN_DEPTH + 2, ..., max_depth. */
#define DEPTH_STEP 2

typedef struct node {
    struct node *left, *right;   /* both NULL, or both children */
} node;

static void free_tree(node *tree)
{
    if (tree == NULL)
        return;
    free_tree(tree->left);
    free_tree(tree->right);
    free(tree);
}

/* Builds a tree of the given depth; returns NULL if memory runs out (what
 * was built is freed). */
static node *make_tree(int depth)
{
    node *tree = malloc(sizeof *tree);

    if (tree == NULL)
        return NULL;
    tree->left = tree->right = NULL;
    if (depth > 0) {
        tree->left = make_tree(depth - 1);
        tree->right = make_tree(depth - 1);
        if (tree->left == NULL || tree->right == NULL) {
            free_tree(tree);
            return NULL;
        }
    }
    return tree;
}

/* The number of nodes, counted by walking the tree. */
static long long check_tree(const node *tree)
{
    if (tree->left == NULL)
        return 1;
    return 1 + check_tree(tree->left) + check_tree(tree->right);
}

/* Builds a tree, counts it and frees it. Returns its count, or -1 if
 * memory runs out. */
static long long build_and_check(int depth)
{
    node *tree = make_tree(depth);
    long long check;

    if (tree == NULL)
        return -1;
    check = check_tree(tree);
    free_tree(tree);
    return check;
}

static int out_of_memory(void)
{
    fprintf(stderr, "error: out of memory\n");
    return 1;
}

int main(int argc, char **argv)
{
    char *end = NULL;
    long n;

    if (argc != 2) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    errno = 0;
    n = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || errno != 0 || n < MIN_N || n > MAX_N) {
        fprintf(stderr, "error: '%s' is not an integer from %d to %d\n", argv[1],
                MIN_N, MAX_N);
        return 2;
    }
    int max_depth = n > LEAST_MAX_DEPTH ? (int)n : LEAST_MAX_DEPTH;

    long long stretch = build_and_check(max_depth + 1);
    if (stretch < 0)
        return out_of_memory();
    printf("stretch tree of depth %d\t check: %lld\n", max_depth + 1, stretch);

    node *long_lived = make_tree(max_depth);
    if (long_lived == NULL)
        return out_of_memory();

    for (int depth = MIN_DEPTH; depth <= max_depth; depth += DEPTH_STEP) {
        long long iterations = 1LL << (max_depth - depth + MIN_DEPTH);
        long long sum = 0;
        for (long long i = 0; i < iterations; i++) {
            long long check = build_and_check(depth);
            if (check < 0) {
                free_tree(long_lived);
                return out_of_memory();
            }
            sum += check;
        }
        printf("%lld\t trees of depth %d\t check: %lld\n", iterations, depth, sum);
    }

    printf("long lived tree of depth %d\t check: %lld\n", max_depth,
           check_tree(long_lived));
    free_tree(long_lived);
    return fflush(stdout) == 0 ? 0 : 1;
}
