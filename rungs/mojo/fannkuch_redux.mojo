# fannkuch_redux.mojo - the `fannkuch_redux` extension module of the mojo
# rung: the Benchmarks Game's fannkuch-redux (shared/spec/problems.md) in
# Mojo, called from Python.
#
#     >>> import fannkuch_redux
#     >>> fannkuch_redux.fannkuch_redux(7)
#     (228, 16)
#
# The "count" algorithm, as the c rung has it (rungs/c/
# fannkuch_redux_kernel.h): the next permutation rotates the shortest
# prefix that still has rotations left; each permutation is copied and
# flipped with a swap loop. The arrays are fixed-size Arrays on the stack,
# sized by the largest n accepted; one thread, with the GIL released.
from std.os import abort
from std.python import Python, PythonObject
from std.python._cpython import GILReleased
from std.python.bindings import PythonModuleBuilder

from pyarg import int_argument

# problems/fannkuch-redux/problem.conf's bounds: 16! permutations is days
# of work already.
comptime MIN_N = 1
comptime MAX_N = 16
comptime Perm = Array[Int32, MAX_N]


@always_inline
def count_flips(perm1: Perm, n: Int) -> Int:
    """How many prefix reversals bring the first element of perm1 to 0."""
    var perm = perm1.copy()
    var flips = 0
    var first = Int(perm[0])
    while first != 0:
        var i = 0
        var j = first
        while i < j:
            var t = perm[i]
            perm[i] = perm[j]
            perm[j] = t
            i += 1
            j -= 1
        flips += 1
        first = Int(perm[0])
    return flips


def compute(n: Int) -> Tuple[Int, Int]:
    """Over the n! permutations of 0..n-1: the checksum (each permutation's
    flips, negated for odd indices) and the most flips."""
    var perm1 = Perm(fill=0)
    var count = Perm(fill=0)
    for i in range(n):
        perm1[i] = Int32(i)
    var checksum = 0
    var most = 0
    var even = True  # the permutation's index is even
    var r = n
    while True:
        # Every prefix shorter than r starts its rotations afresh.
        while r > 1:
            count[r - 1] = Int32(r)
            r -= 1

        var flips = count_flips(perm1, n)
        most = max(most, flips)
        checksum += flips if even else -flips

        # The next permutation: rotate perm1[0..r] left by one, for the
        # shortest r with rotations left; when none has, all were seen.
        while True:
            if r == n:
                return (checksum, most)
            var first = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        even = not even


def fannkuch_redux(n_arg: PythonObject) raises -> PythonObject:
    """Python: fannkuch_redux(n) -> (checksum, maxflips)."""
    var n = int_argument(n_arg, "n", MIN_N, MAX_N)
    var result: Tuple[Int, Int]
    with GILReleased(Python()):
        result = compute(n)
    return Python.tuple(result[0], result[1])


@export
def PyInit_fannkuch_redux() abi("C") -> PythonObject:
    try:
        var module = PythonModuleBuilder("fannkuch_redux")
        module.def_function[fannkuch_redux](
            "fannkuch_redux",
            docstring=(
                "Over the n! permutations of 0..n-1: (checksum, maxflips), the"
                " Benchmarks Game's fannkuch-redux."
            ),
        )
        return module.finalize()
    except e:
        abort(String("cannot create the fannkuch_redux module: ", e))
