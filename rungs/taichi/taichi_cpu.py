"""Starts Taichi the way this rung's kernels need it: init(fast_math=...).

On the CPU (LLVM; every core for a kernel's outermost loops), with f64 as
the default float: Taichi's default f32 would lose the energies' and the
norm's ninth digit. Integers stay Taichi's default i32 -- a range-for's
bounds are cast to i32 whatever the default (Taichi warns when they are
i64) -- and the kernels name i64 where a count can pass 2^31.

fast_math is Taichi's default (on), and each problem says whether it keeps
it: it lets LLVM reassociate floating-point arithmetic and divide by
multiplying with a reciprocal. For spectral-norm that only reorders the
row sums so they vectorize (~3x here), as the Benchmarks Game's SIMD
programs do, and the digits stay the reference's; for mandelbrot and
n-body it would change the spec's arithmetic (z² + c regrouped moves
pixels on the set's edge), so those turn it off. Each problem runs in a
process of its own, and initializes Taichi once, when its module loads.
"""
import taichi as ti  # type: ignore[import-untyped, unused-ignore]


def init(fast_math: bool) -> None:
    """ti.init for this rung: CPU, f64, Taichi's banner and notes silenced."""
    ti.init(arch=ti.cpu, default_fp=ti.f64, fast_math=fast_math, log_level=ti.WARN)
