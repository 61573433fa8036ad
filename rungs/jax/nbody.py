"""n-body in JAX: the whole integration is one jit-compiled lax.fori_loop.

The state is two (5, 3) arrays, positions and velocities; each step is
the spec's arithmetic, pair by pair (advance() says why as scalars rather
than as array operations), and the energies are array expressions over
the ten pairs. The step count is a traced argument, so one compilation
serves every size: the first call, the cold iteration. Every call starts
from the initial conditions (constants of the compiled function, the
momentum offset onto the Sun by NumPy) and returns Python floats, which
waits for XLA to finish.
"""
from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from x64 import require_x64

require_x64()

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01

# (position, velocity in AU per day, mass in solar masses): the Sun, Jupiter,
# Saturn, Uranus, Neptune. Scaled to AU per year and SOLAR_MASS below.
INITIAL_POSITIONS = np.array([
    [0.0, 0.0, 0.0],
    [4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01],
    [8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01],
    [1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01],
    [1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01],
])
INITIAL_VELOCITIES = np.array([
    [0.0, 0.0, 0.0],
    [1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05],
    [-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05],
    [2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05],
    [2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05],
]) * DAYS_PER_YEAR
MASSES = np.array([
    1.0, 9.54791938424326609e-04, 2.85885980666130812e-04,
    4.36624404335156298e-05, 5.15138902046611451e-05,
]) * SOLAR_MASS
# The Sun moves so that the system's momentum is zero.
INITIAL_VELOCITIES[0] = -np.sum(INITIAL_VELOCITIES * MASSES[:, None], axis=0) / MASSES[0]

# The ten pairs (i, j), i < j, in the Benchmarks Game's order.
PAIRS = [(i, j) for i in range(len(MASSES)) for j in range(i + 1, len(MASSES))]
FIRST, SECOND = np.array(PAIRS).T

Vector = list[jax.Array]   # x, y, z: one body's position or velocity


def energy(positions: jax.Array, velocities: jax.Array) -> jax.Array:
    """Kinetic energy of every body minus the potential of every pair."""
    d = positions[FIRST] - positions[SECOND]
    distances = jnp.sqrt(jnp.sum(d * d, axis=1))
    potential = jnp.sum(MASSES[FIRST] * MASSES[SECOND] / distances)
    kinetic = jnp.sum(MASSES * jnp.sum(velocities * velocities, axis=1)) / 2.0
    return kinetic - potential


def advance(positions: jax.Array, velocities: jax.Array) -> tuple[jax.Array, jax.Array]:
    """One step, written as the Benchmarks Game's pair loop.

    The Python loops run while JAX traces: XLA gets one straight-line body
    of scalar arithmetic, pair by pair in the sequential program's order.
    The vectorized forms are slower here: a scatter-add of the ten pairs'
    pulls took 730 ms for 500,000 steps, the 5 x 5 matrix of all pairs 260
    ms, this 150 ms, since each XLA operation on a (10, 3) array costs more
    to dispatch inside the loop than the arithmetic it does.
    """
    r: list[Vector] = [[positions[b, k] for k in range(3)] for b in range(len(MASSES))]
    v: list[Vector] = [[velocities[b, k] for k in range(3)] for b in range(len(MASSES))]
    for i, j in PAIRS:
        d = [r[i][k] - r[j][k] for k in range(3)]
        d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
        mag = DT / (d2 * jnp.sqrt(d2))
        mass_i_mag = MASSES[i] * mag
        mass_j_mag = MASSES[j] * mag
        for k in range(3):
            v[i][k] = v[i][k] - d[k] * mass_j_mag
            v[j][k] = v[j][k] + d[k] * mass_i_mag
    moved = [[r[b][k] + DT * v[b][k] for k in range(3)] for b in range(len(MASSES))]
    return jnp.array(moved), jnp.array(v)


@jax.jit  # type: ignore[untyped-decorator, unused-ignore]
def simulate(steps: jax.Array) -> tuple[jax.Array, jax.Array]:
    """The energy before and after `steps` steps."""
    positions = jnp.asarray(INITIAL_POSITIONS)
    velocities = jnp.asarray(INITIAL_VELOCITIES)
    before = energy(positions, velocities)
    positions, velocities = lax.fori_loop(
        0, steps, lambda _, state: advance(*state), (positions, velocities))
    return before, energy(positions, velocities)


def nbody(steps: int) -> tuple[float, float]:
    """Returns the system's energy before and after `steps` steps."""
    before, after = simulate(jnp.int64(steps))
    return float(before), float(after)
