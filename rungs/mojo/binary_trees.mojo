# binary_trees.mojo - the `binary_trees` extension module of the mojo rung:
# the Benchmarks Game's binary-trees (shared/spec/problems.md) in Mojo,
# called from Python.
#
#     >>> import binary_trees
#     >>> binary_trees.binary_trees(10)
#     [4095, 31744, 32512, 32704, 32752, 2047]
#
# Every tree is really built, recursively, as linked nodes, walked
# recursively to count them, and freed, as the c rung does (rungs/c/
# binary_trees_kernel.h): the nodes of one tree come from one allocation, a
# pool that the tree owns and frees when it is destroyed (the rules allow a
# pool per tree). A leaf's children are None: Pointer is never null, and
# Optional[Pointer] keeps the null as its None, so a node is two machine
# words. One thread, with the GIL released.
from std.memory.alloc import Allocation, Layout, alloc, dealloc
from std.os import abort
from std.python import Python, PythonObject
from std.python._cpython import GILReleased
from std.python.bindings import PythonModuleBuilder

from pyarg import int_argument

comptime MIN_DEPTH = 4
# The depths checked: MIN_DEPTH, MIN_DEPTH + 2, ..., max_depth.
comptime DEPTH_STEP = 2
# problems/binary-trees/problem.conf's bounds: the stretch tree of n = 24
# has 2^26 nodes, a gigabyte.
comptime MAX_N = 24

# The pool owns the nodes; the links between them are not tracked by
# Mojo's origins, so a Tree must outlive every walk of its nodes.
comptime NodePtr = Pointer[Node, MutUntrackedOrigin]


@fieldwise_init
struct Node(ImplicitlyCopyable):
    """A leaf (both None) or a node with two children."""

    var left: Optional[NodePtr]
    var right: Optional[NodePtr]


def build(mut next: NodePtr, depth: Int) -> NodePtr:
    """Builds a tree of `depth` from the pool's free nodes, starting at
    `next` (which it advances past the nodes it takes); returns its root."""
    var node = next
    next = next.unsafe_offset(1)
    if depth == 0:
        node.write(Node(None, None))
    else:
        var left = build(next, depth - 1)
        var right = build(next, depth - 1)
        node.write(Node(left, right))
    return node


def count(node: NodePtr) -> Int:
    """The number of nodes, counted by walking the tree."""
    if case .Some(left) = node[].left:
        return 1 + count(left) + count(node[].right.value())
    return 1


struct Tree(Deinitable):
    """A complete binary tree of one depth, in a pool of its own."""

    var nodes: Allocation[Node]
    var root: NodePtr

    def __init__(out self, depth: Int):
        # A tree of depth d has 2^(d+1) - 1 nodes.
        self.nodes = alloc(Layout[Node](count=(2 << depth) - 1))
        self.root = self.nodes.unsafe_ptr().unsafe_origin_cast[
            MutUntrackedOrigin
        ]()
        var next = self.root
        _ = build(next, depth)

    def check(self) -> Int:
        """The number of nodes; the tree stays alive while it is walked."""
        return count(self.root)

    def __deinit__(deinit self):
        dealloc(self.nodes^)


def compute(n: Int) -> List[Int]:
    """The stretch tree's count, each depth's summed counts, and the
    long-lived tree's count."""
    var max_depth = max(MIN_DEPTH + DEPTH_STEP, n)
    var checks = List[Int]()
    checks.append(Tree(max_depth + 1).check())
    var long_lived = Tree(max_depth)
    for depth in range(MIN_DEPTH, max_depth + 1, DEPTH_STEP):
        var iterations = 1 << (max_depth - depth + MIN_DEPTH)
        var sum = 0
        for _ in range(iterations):
            sum += Tree(depth).check()
        checks.append(sum)
    checks.append(long_lived.check())
    return checks^


def binary_trees(n_arg: PythonObject) raises -> PythonObject:
    """Python: binary_trees(n) -> list of the counts."""
    var n = int_argument(n_arg, "n", 0, MAX_N)
    var checks: List[Int]
    with GILReleased(Python()):
        checks = compute(n)
    var result = Python.list()
    for check in checks:
        result.append(check)
    return result


@export
def PyInit_binary_trees() abi("C") -> PythonObject:
    try:
        var module = PythonModuleBuilder("binary_trees")
        module.def_function[binary_trees](
            "binary_trees",
            docstring=(
                "The Benchmarks Game's binary-trees for n: the stretch tree's"
                " check, each depth's check sum, the long-lived tree's check."
            ),
        )
        return module.finalize()
    except e:
        abort(String("cannot create the binary_trees module: ", e))
