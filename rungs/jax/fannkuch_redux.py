"""fannkuch-redux in JAX: blocks of permutations flipped side by side.

The "count" algorithm's permutations are numbered: permutation p has, for
each prefix length r + 1, the digit d_r = (p // r!) mod (r + 1), how many
times that prefix has been rotated left by one, and it is the identity with
each prefix rotated d_r times, the longest first (the Benchmarks Game's
multi-threaded programs start each thread's share so; the spec allows
splitting the permutations). A block of PERMUTATIONS_PER_BLOCK consecutive
indices is thus built at once, and then flipped at once: each round
reverses, in every permutation whose first element is not 0, the prefix up
to that element, and counts it, until every one starts with 0. Every flip
is done, on every permutation. The checksum adds each one's flips with the
sign of its index's parity; maxflips is the largest.

A permutation (n <= 16) is one uint64, element k in bits 4k..4k+3, and a
flip is shifts and masks: the word's nibbles reversed (four swap steps),
shifted down so the reversed prefix lands in place, merged with the rest.
As a (block, n) array flipped with take_along_axis, a block of 16,384 took
52 ms a round of flips against 1.6 ms: XLA's CPU gather costs ~10 ns an
element, while the packed form is a fused loop of integer instructions.

Blocks run in turn in a lax.fori_loop; the sums are int64 (n! exceeds 32
bits from n = 13: without JAX_ENABLE_X64 they would wrap). The shapes
depend on n, so the jit compiles once per n: the first call, the cold
iteration. int() of the results waits for XLA to finish.
"""
from __future__ import annotations

from functools import partial
from math import factorial

import jax
import jax.numpy as jnp
from jax import lax

from x64 import require_x64

require_x64()

# Permutations flipped together: enough that each operation does real work,
# few enough that a block's words stay in the caches.
PERMUTATIONS_PER_BLOCK = 1 << 14
BITS = 4   # per element: n <= 16 elements fill a 64-bit word
ELEMENT = jnp.uint64((1 << BITS) - 1)
# Swapping ever larger halves reverses the order of a word's 16 nibbles.
NIBBLE_SWAPS = [(4, 0x0F0F0F0F0F0F0F0F), (8, 0x00FF00FF00FF00FF),
                (16, 0x0000FFFF0000FFFF), (32, 0x00000000FFFFFFFF)]
WORD_NIBBLES = 16


def low_nibbles(count: jax.Array) -> jax.Array:
    """A mask of the low `count` nibbles (XLA shifts by 64 give 0: 16 is all)."""
    mask: jax.Array = (jnp.uint64(1) << (count * BITS)) - jnp.uint64(1)
    return mask


def permutations_at(index: jax.Array, n: int) -> jax.Array:
    """The packed permutations the count algorithm numbers so."""
    identity = sum(k << (BITS * k) for k in range(n))
    perms = jnp.full(index.shape, identity, dtype=jnp.uint64)
    rest = index
    for r in range(n - 1, 0, -1):
        rotations = (rest // factorial(r)).astype(jnp.uint64)
        rest = rest % factorial(r)
        # perm[:r + 1] rotated left by d: its low nibbles shifted down d
        # places, the d that fall off put back on top.
        length = jnp.uint64(r + 1)
        mask = low_nibbles(length)
        prefix = perms & mask
        down = prefix >> (rotations * BITS)
        wrapped = prefix << ((length - rotations) * BITS)
        rotated = (down | wrapped) & mask
        perms = (perms & ~mask) | rotated
    return perms


def reverse_prefix(perms: jax.Array, first: jax.Array) -> jax.Array:
    """Each permutation with perm[:first + 1] reversed."""
    reversed_ = perms
    for shift, halves in NIBBLE_SWAPS:
        m = jnp.uint64(halves)
        reversed_ = ((reversed_ & m) << shift) | ((reversed_ >> shift) & m)
    # The word reversed has perm[first] ... perm[0] in nibbles 15 - first .. 15.
    prefix = reversed_ >> ((WORD_NIBBLES - 1 - first) * BITS)
    mask = low_nibbles(first + jnp.uint64(1))
    return (perms & ~mask) | (prefix & mask)


def count_flips(perms: jax.Array) -> jax.Array:
    """How many prefix reversals bring 0 to the front of each permutation."""

    def unsorted(state: tuple[jax.Array, jax.Array]) -> jax.Array:
        return jnp.any((state[0] & ELEMENT) != 0)

    def flip(state: tuple[jax.Array, jax.Array]) -> tuple[jax.Array, jax.Array]:
        perms, flips = state
        first = perms & ELEMENT
        moving = first != 0
        return jnp.where(moving, reverse_prefix(perms, first), perms), flips + moving

    _, flips = lax.while_loop(unsorted, flip, (perms, jnp.zeros(perms.shape, jnp.int64)))
    return flips


@partial(jax.jit, static_argnums=0)
def checksum_and_maxflips(n: int) -> tuple[jax.Array, jax.Array]:
    total = factorial(n)
    size = min(total, PERMUTATIONS_PER_BLOCK)
    blocks = -(-total // size)

    def block(b: jax.Array, sums: tuple[jax.Array, jax.Array]) -> tuple[jax.Array, jax.Array]:
        checksum, maxflips = sums
        index = b * size + jnp.arange(size, dtype=jnp.int64)
        # The last block's indices past n! become permutation 0, the
        # identity: no flips, nothing added.
        index = jnp.where(index < total, index, 0)
        flips = count_flips(permutations_at(index, n))
        signed = jnp.where(index % 2 == 0, flips, -flips)
        return checksum + jnp.sum(signed), jnp.maximum(maxflips, jnp.max(flips))

    zero = jnp.int64(0)
    sums: tuple[jax.Array, jax.Array] = lax.fori_loop(
        jnp.int64(0), jnp.int64(blocks), block, (zero, zero))
    return sums


def fannkuch_redux(n: int) -> tuple[int, int]:
    """Returns (checksum, maxflips) over the n! permutations of range(n)."""
    checksum, maxflips = checksum_and_maxflips(n)
    return int(checksum), int(maxflips)
