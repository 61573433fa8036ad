"""n-body with NumPy: each step a few array operations over the ten pairs.

The bodies are arrays (positions and velocities 5 x 3, masses 5) and the
ten pairs come from two index arrays (np.triu_indices), made once into two
small matrices: PAIR_DIFFERENCES (10 x 5: +1 at a pair's first body, -1
at its second), whose product with the positions is every pair's
separation, and PAIR_MASSES (5 x 10: each pair's other mass, signed),
whose product with the pairs' scaled separations is every body's velocity
change. A step is then the Benchmarks Game's step with the pair loop
vectorized: separations, magnitudes dt / (d^2 d), velocity changes,
positions moved. The products are exact where they select (1 * x, 0 * x);
a body's four changes are summed before they are applied and each is
m * (dx * mag) rather than dx * (m * mag), which moves the energies far
less than the 1e-8 allowed.

There is nothing to vectorize across steps, and a step's arrays hold ten
rows: each operation costs NumPy's dispatch (about a microsecond) for a few
nanoseconds of arithmetic, so this rung is slower than plain Python. That
is the point of measuring it: vectorizing pays only when the arrays are
large. (Gathering with the index arrays, positions[left] -
positions[right], and scattering with np.subtract.at / np.add.at computed
the same in 1.7 times the time, measured side by side.)
"""
from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

Vectors: TypeAlias = npt.NDArray[np.float64]

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01
N_BODIES = 5

# The Sun, Jupiter, Saturn, Uranus, Neptune: positions in AU, velocities in
# AU per day (scaled to per year), masses in solar masses (scaled by
# SOLAR_MASS).
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

# The ten pairs (i, j), i < j, in the Benchmarks Game's order.
LEFT, RIGHT = np.triu_indices(N_BODIES, k=1)
PAIRS = np.arange(len(LEFT))
PAIR_DIFFERENCES = np.zeros((len(PAIRS), N_BODIES))
PAIR_DIFFERENCES[PAIRS, LEFT] = 1.0
PAIR_DIFFERENCES[PAIRS, RIGHT] = -1.0
# Body i of a pair loses dx * m_j * mag of velocity, body j gains dx * m_i * mag.
PAIR_MASSES = np.zeros((N_BODIES, len(PAIRS)))
PAIR_MASSES[LEFT, PAIRS] = MASSES[RIGHT]
PAIR_MASSES[RIGHT, PAIRS] = -MASSES[LEFT]


def advance(steps: int, positions: Vectors, velocities: Vectors) -> None:
    for _ in range(steps):
        delta = PAIR_DIFFERENCES @ positions
        distance_squared = np.sum(delta * delta, axis=1)
        mag = DT / (distance_squared * np.sqrt(distance_squared))
        velocities -= PAIR_MASSES @ (delta * mag[:, np.newaxis])
        positions += DT * velocities


def energy(positions: Vectors, velocities: Vectors) -> float:
    kinetic = 0.5 * np.sum(MASSES * np.sum(velocities * velocities, axis=1))
    delta = positions[LEFT] - positions[RIGHT]
    distances = np.sqrt(np.sum(delta * delta, axis=1))
    potential = np.sum(MASSES[LEFT] * MASSES[RIGHT] / distances)
    return float(kinetic - potential)


def offset_momentum(velocities: Vectors) -> None:
    """Gives the Sun the momentum that makes the system's total zero."""
    momentum = MASSES @ velocities
    velocities[0] = -momentum / SOLAR_MASS


def nbody(steps: int) -> tuple[float, float]:
    """Returns the system's energy before and after `steps` steps."""
    positions = INITIAL_POSITIONS.copy()
    velocities = INITIAL_VELOCITIES.copy()
    offset_momentum(velocities)
    before = energy(positions, velocities)
    advance(steps, positions, velocities)
    return before, energy(positions, velocities)
