"""binary-trees: the Benchmarks Game's algorithm in plain Python, as a function.

A node is a tuple (left, right), as in the Benchmarks Game's Python
programs: a leaf is (None, None). Every tree is built recursively, walked
recursively to count its nodes, and dropped, so that CPython's allocator
does the work the problem measures. One process, no multiprocessing.
"""
from __future__ import annotations

from typing import Optional, Tuple

MIN_DEPTH = 4
# max_depth = max(MIN_DEPTH + 2, n); the depths checked are MIN_DEPTH,
# MIN_DEPTH + 2, ..., max_depth.
DEPTH_STEP = 2

Node = Tuple[Optional["Node"], Optional["Node"]]


def make_tree(depth: int) -> Node:
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node: Node) -> int:
    """The number of nodes, counted by walking the tree."""
    left, right = node
    if left is None or right is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


def binary_trees(n: int) -> list[int]:
    """Returns the stretch tree's count, the count summed over each depth's
    trees, and the long-lived tree's count."""
    max_depth = max(MIN_DEPTH + DEPTH_STEP, n)
    checks = [check_tree(make_tree(max_depth + 1))]

    long_lived = make_tree(max_depth)
    for depth in range(MIN_DEPTH, max_depth + 1, DEPTH_STEP):
        iterations = 2 ** (max_depth - depth + MIN_DEPTH)
        checks.append(sum(check_tree(make_tree(depth)) for _ in range(iterations)))
    checks.append(check_tree(long_lived))
    return checks
