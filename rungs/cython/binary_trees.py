"""binary-trees in Cython's pure-Python mode: C structs, a malloc'd pool per tree.

Each node is a two-pointer C struct (binary_trees.pxd). A tree's nodes come
from one malloc'd block, linked by pointers as the recursion builds them,
walked recursively to count them, and freed with the block: a pool per
tree, which the rules allow and which is what the Benchmarks Game's C
programs (APR pools) and the c rung do. Building, walking and freeing run
without the GIL.

Why not a @cython.cclass Node: that is a Python object, so every node pays
for the object system -- the cyclic GC's header and tracking, reference
counts on every link, deallocation through tp_dealloc. Measured here, such
a version took 2.3x the time of one malloc per struct node, and that one
5x this pool's: it would measure CPython's allocator rather than
Cython's code. C memory is what a Cython user who knows C writes here
("Cython fights the object system", as the study puts it).
"""
# mypy: ignore-errors
# Cython source in Python syntax, so mypy is told to skip it: its
# annotations are C types -- a struct from binary_trees.pxd, pointers --
# which mypy cannot read; the Cython compiler checks them when the rung is
# built.
import cython
from cython.cimports.libc.stdlib import free, malloc

MIN_DEPTH = cython.declare(cython.const[cython.int], 4)
# max_depth = max(MIN_DEPTH + 2, n); the depths checked are MIN_DEPTH,
# MIN_DEPTH + 2, ..., max_depth.
DEPTH_STEP = cython.declare(cython.const[cython.int], 2)
# A depth's check sum is about 2**(max_depth + 5) and its iteration count
# 2**max_depth: both fit the 64-bit C long they are kept in below this.
MAX_DEPTH = cython.declare(cython.const[cython.int], 58)


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
def build(depth: cython.int, pool: cython.pointer[cython.pointer[Node]]) -> cython.pointer[Node]:
    """Links a tree of `depth` out of the pool's next nodes (advancing it)."""
    node: cython.pointer[Node] = pool[0]
    pool[0] += 1
    if depth > 0:
        node.left = build(depth - 1, pool)
        node.right = build(depth - 1, pool)
    else:
        node.left = cython.NULL
        node.right = cython.NULL
    return node


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
def make_tree(depth: cython.int) -> cython.pointer[Node]:
    """A tree of `depth` in a pool of its own, or NULL when memory runs out.
    Its root is the pool's first node: free(root) frees the tree."""
    nodes: cython.pointer[Node] = cython.cast(
        cython.pointer[Node], malloc(((cython.cast(cython.size_t, 1) << (depth + 1)) - 1)
                                     * cython.sizeof(Node)))
    cursor: cython.pointer[Node] = nodes
    if not nodes:
        return cython.NULL
    return build(depth, cython.address(cursor))


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
def check(node: cython.pointer[Node]) -> cython.long:
    """The tree's node count, counted by walking it."""
    if not node.left:
        return 1
    return 1 + check(node.left) + check(node.right)


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
def make_check_free(depth: cython.int) -> cython.long:
    """Builds a tree, walks it and frees it; -1 when memory runs out."""
    tree: cython.pointer[Node] = make_tree(depth)
    count: cython.long
    if not tree:
        return -1
    count = check(tree)
    free(tree)
    return count


def binary_trees(n: cython.int) -> list:
    """Returns the stretch tree's check, each depth's check sum, the long-lived tree's check."""
    max_depth: cython.int = max(MIN_DEPTH + DEPTH_STEP, n)
    if max_depth >= MAX_DEPTH:
        raise ValueError(f"n must be below {MAX_DEPTH}")
    depth: cython.int
    i: cython.long
    iterations: cython.long
    total: cython.long
    count: cython.long
    checks: list = []

    with cython.nogil:
        count = make_check_free(max_depth + 1)
    if count < 0:
        raise MemoryError()
    checks.append(count)

    long_lived: cython.pointer[Node] = make_tree(max_depth)
    if not long_lived:
        raise MemoryError()
    try:
        for depth in range(MIN_DEPTH, max_depth + 1, DEPTH_STEP):
            iterations = cython.cast(cython.long, 1) << (max_depth - depth + MIN_DEPTH)
            total = 0
            with cython.nogil:
                for i in range(iterations):
                    count = make_check_free(depth)
                    if count < 0:
                        break
                    total += count
            if count < 0:
                raise MemoryError()
            checks.append(total)
        checks.append(check(long_lived))
    finally:
        free(long_lived)
    return checks
