"""binary-trees for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/binary_trees.py), nodes as (left, right)
tuples and leaves as (None, None), with a declared type on every local.
Compiled by mypyc's mypycify (rungs/mypyc/build.py); it still runs as
plain Python. mypyc makes the recursion and the counting C calls, but every
node is still a Python tuple from CPython's allocator: the work the problem
measures stays the interpreter's.
"""
from __future__ import annotations

from typing import Any, Optional, Tuple

MIN_DEPTH = 4
# max_depth = max(MIN_DEPTH + 2, n); the depths checked are MIN_DEPTH,
# MIN_DEPTH + 2, ..., max_depth.
DEPTH_STEP = 2

# A node is a (left, right) tuple whose children are nodes, or both None.
# The baseline's recursive alias, Tuple[Optional["Node"], Optional["Node"]],
# crashes mypyc 2.4.1 (a segmentation fault while compiling: recursive
# tuple aliases, python/mypy#15092), so the children are typed Any here.
Node = Tuple[Any, Any]


def make_tree(depth: int) -> Node:
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make_tree(depth), make_tree(depth))


def check_tree(node: Node) -> int:
    """The number of nodes, counted by walking the tree."""
    left: Optional[Node]
    right: Optional[Node]
    left, right = node
    if left is None or right is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


def binary_trees(n: int) -> list[int]:
    """Returns the stretch tree's count, the count summed over each depth's
    trees, and the long-lived tree's count."""
    max_depth: int = max(MIN_DEPTH + DEPTH_STEP, n)
    checks: list[int] = [check_tree(make_tree(max_depth + 1))]
    depth: int
    iterations: int

    long_lived: Node = make_tree(max_depth)
    for depth in range(MIN_DEPTH, max_depth + 1, DEPTH_STEP):
        iterations = 2 ** (max_depth - depth + MIN_DEPTH)
        checks.append(sum(check_tree(make_tree(depth)) for _ in range(iterations)))
    checks.append(check_tree(long_lived))
    return checks
