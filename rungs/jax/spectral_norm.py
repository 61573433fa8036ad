"""spectral-norm in JAX: the matrix built once, then ten rounds of products.

As the NumPy formulation does (problems.md allows it, at O(N²) memory): A
is an (n, n) float64 array computed from two iotas, and each half-round
v = Aᵀ(A u) is two matrix-vector products, the second written w @ A:
XLA's CPU backend took ~78 ms for `A.T @ w` at N = 2,000 against ~2 ms
for `w @ A`, the same numbers (NumPy only flips a BLAS flag for A.T).
Everything, the matrix included, is one jit-compiled function per n (its
shapes depend on n): the first call compiles, the cold iteration. float()
of the result waits for XLA to finish.
"""
from __future__ import annotations

from functools import partial

import jax
import jax.numpy as jnp
from jax import lax

from x64 import require_x64

require_x64()

ROUNDS = 10


def matrix(n: int) -> jax.Array:
    """A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1), the denominator in integers."""
    i = lax.broadcasted_iota(jnp.int64, (n, n), 0)
    j = lax.broadcasted_iota(jnp.int64, (n, n), 1)
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1).astype(jnp.float64)


@partial(jax.jit, static_argnums=0)
def norm(n: int) -> jax.Array:
    a = matrix(n)

    def ata_times(u: jax.Array) -> jax.Array:
        return (a @ u) @ a

    def round_(_: int, uv: tuple[jax.Array, jax.Array]) -> tuple[jax.Array, jax.Array]:
        v = ata_times(uv[0])
        return ata_times(v), v

    u, v = lax.fori_loop(0, ROUNDS, round_, (jnp.ones(n), jnp.ones(n)))
    return jnp.sqrt(jnp.dot(u, v) / jnp.dot(v, v))


def spectral_norm(n: int) -> float:
    """Returns sqrt((u.v) / (v.v)) after ROUNDS rounds of power iteration."""
    return float(norm(n))
