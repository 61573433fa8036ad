"""binary-trees with Numba: linked nodes as a @jitclass, built and walked by @njit.

Numba's nopython mode cannot make Python objects, but it can make
instances of a jitclass: a node is one, its two children optional
references to nodes (a deferred type, since the class refers to itself),
each node allocated on its own by Numba's runtime and freed by reference
counting when its tree is dropped, as the Benchmarks Game's rule asks (no
arena, no pool). make_tree and check_tree are the cpython rung's
recursions, compiled; the loop over depths and iterations is compiled too,
so Python is entered once per call. jitclass is numba.experimental.

The first call compiles the class and the three functions (seconds, on a
busy machine): that is the rung's cold iteration.
"""
from __future__ import annotations

from typing import Optional

# numba's own stubs leave jitclass and its types untyped (and do not export
# jitclass); where numba is not installed they are Any, hence the ignores
# that may go unused.
from numba import deferred_type, optional
from numba.experimental import jitclass  # type: ignore[attr-defined, unused-ignore]

from typed_jit import njit

MIN_DEPTH = 4
# max_depth = max(MIN_DEPTH + 2, n); the depths checked are MIN_DEPTH,
# MIN_DEPTH + 2, ..., max_depth.
DEPTH_STEP = 2

node_type = deferred_type()  # type: ignore[no-untyped-call, unused-ignore]


@jitclass([("left", optional(node_type)),  # type: ignore[no-untyped-call, unused-ignore]
           ("right", optional(node_type))])  # type: ignore[no-untyped-call, unused-ignore]
class Node:
    def __init__(self, left: Optional[Node], right: Optional[Node]) -> None:
        self.left = left
        self.right = right


node_instance = Node.class_type.instance_type  # type: ignore[attr-defined, unused-ignore]
node_type.define(node_instance)  # type: ignore[no-untyped-call, unused-ignore]


@njit
def make_tree(depth: int) -> Node:
    if depth == 0:
        return Node(None, None)
    return Node(make_tree(depth - 1), make_tree(depth - 1))


@njit
def check_tree(node: Node) -> int:
    """The number of nodes, counted by walking the tree."""
    left = node.left
    right = node.right
    if left is None or right is None:
        return 1
    return 1 + check_tree(left) + check_tree(right)


@njit
def checks(n: int) -> list[int]:
    max_depth = max(MIN_DEPTH + DEPTH_STEP, n)
    counts = [check_tree(make_tree(max_depth + 1))]
    long_lived = make_tree(max_depth)
    for depth in range(MIN_DEPTH, max_depth + 1, DEPTH_STEP):
        iterations = 2 ** (max_depth - depth + MIN_DEPTH)
        total = 0
        for _ in range(iterations):
            total += check_tree(make_tree(depth))
        counts.append(total)
    counts.append(check_tree(long_lived))
    return counts


def binary_trees(n: int) -> list[int]:
    """Returns the stretch tree's count, the count summed over each depth's
    trees, and the long-lived tree's count."""
    return checks(n)
