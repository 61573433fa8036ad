"""Refuses to run this rung's kernels in 32 bits.

JAX computes in float32 and int32 unless JAX_ENABLE_X64 is set (rung.conf
sets it): the energies and the norm would lose their ninth digit and
fannkuch-redux's counts could overflow, silently. Each module calls
require_x64() when it is imported, so that a run without the setting
stops with an error instead of an answer in the wrong precision.
"""
from __future__ import annotations

import jax.numpy as jnp


def require_x64() -> None:
    """Raises RuntimeError unless JAX's 64-bit types are enabled."""
    # JAX's default float is float32 unless they are (jax.config's flag is
    # not typed in every release this rung runs on; the dtype is).
    if jnp.zeros(()).dtype != jnp.float64:
        raise RuntimeError("JAX is in 32-bit mode: set JAX_ENABLE_X64=1 (rung.conf does)")
