# mandelbrot.mojo - the `mandelbrot` extension module of the mojo rung: the
# Benchmarks Game's mandelbrot (shared/spec/problems.md) in Mojo, called
# from Python.
#
#     >>> import mandelbrot
#     >>> len(mandelbrot.mandelbrot(200))      # 200 rows of 25 bytes
#     5000
#
# One output byte is eight pixels, and eight pixels are one SIMD vector of
# float64: z = z^2 + c is iterated for all eight lanes at once until none is
# left in the set or 50 iterations are done, as the c rung does lane by lane
# (rungs/c/mandelbrot_kernel.h). A lane that escaped runs on with the
# others (it never comes back, since |c| < 2); it may overflow to inf and
# then NaN, which is why a pixel is set only while |z|^2 <= 4 holds: NaN
# <= 4 is false. The bitmap is computed with the GIL released, then copied
# into the bytes object returned.
from std.ffi import external_call
from std.math import iota
from std.os import abort
from std.python import Python, PythonObject
from std.python._cpython import GILReleased, PyObjectPtr
from std.python.bindings import PythonModuleBuilder

from pyarg import int_argument

comptime ITERATIONS = 50
comptime LIMIT_SQUARED = 4.0
# Pixels per output byte, most significant bit first.
comptime LANES = 8
comptime Lanes = SIMD[DType.float64, LANES]
# problems/mandelbrot/problem.conf's bound: 32000 is a 128 MB bitmap.
comptime MAX_N = 32000


def row_bytes(n: Int) -> Int:
    """Each row is n bits, padded to whole bytes."""
    return (n + LANES - 1) // LANES


@always_inline
def pixels(cr: Lanes, ci: Float64) -> UInt8:
    """The byte of eight pixels: real parts cr, imaginary part ci."""
    var zr = Lanes(0)
    var zi = Lanes(0)
    var tr = Lanes(0)  # zr^2
    var ti = Lanes(0)  # zi^2
    for _ in range(ITERATIONS):
        zi = 2.0 * zr * zi + ci
        zr = tr - ti + cr
        tr = zr * zr
        ti = zi * zi
        if not (tr + ti).le(LIMIT_SQUARED).reduce_or():
            return 0
    # Lane 0 is the leftmost pixel: the byte's most significant bit.
    var bits = SIMD[DType.uint8, LANES](128, 64, 32, 16, 8, 4, 2, 1)
    return (tr + ti).le(LIMIT_SQUARED).select(bits, 0).reduce_or()


def compute(n: Int, mut rows: List[UInt8]):
    """Fills rows (n * row_bytes(n) bytes) with the n x n bitmap: row y has
    ci = 2y/n - 1, column x cr = 2x/n - 1.5; the pixels past the right edge
    of a row's last byte are left out (zero bits)."""
    var width = row_bytes(n)
    var size = Float64(n)
    for y in range(n):
        var ci = 2.0 * Float64(y) / size - 1.0
        for b in range(width):
            var x0 = b * LANES
            var cr = 2.0 * iota[DType.float64, LANES](Float64(x0)) / size - 1.5
            var byte = pixels(cr, ci)
            # Columns from n on are padding, whatever they computed.
            var past = x0 + LANES - n
            if past > 0:
                byte &= UInt8(0xFF) << UInt8(past)
            rows[y * width + b] = byte


def mandelbrot(n_arg: PythonObject) raises -> PythonObject:
    """Python: mandelbrot(n) -> bytes, the n rows of (n + 7) // 8 bytes."""
    var n = int_argument(n_arg, "n", 1, MAX_N)
    var size = n * row_bytes(n)
    var rows = List[UInt8](length=size, fill=0)
    with GILReleased(Python()):
        compute(n, rows)
    # Mojo's Python bindings have no bytes constructor: the C API's own.
    var result = external_call["PyBytes_FromStringAndSize", PyObjectPtr](
        rows.unsafe_ptr(), size
    )
    # The bitmap must outlive the copy (Mojo would free it after its last use).
    _ = rows^
    if not result:
        Python().cpython().PyErr_Clear()
        raise Error("cannot allocate the ", size, " bytes of the bitmap")
    return PythonObject(from_owned=result)


@export
def PyInit_mandelbrot() abi("C") -> PythonObject:
    try:
        var module = PythonModuleBuilder("mandelbrot")
        module.def_function[mandelbrot](
            "mandelbrot",
            docstring=(
                "The n x n Mandelbrot bitmap: n rows of (n + 7) // 8 bytes, 8"
                " pixels a byte, most significant bit first."
            ),
        )
        return module.finalize()
    except e:
        abort(String("cannot create the mandelbrot module: ", e))
