"""n-body with Numba: the study's "Rung 4" program, @njit on NumPy arrays.

The five bodies are three arrays, positions and velocities (5 x 3) and
masses (5), and advance() is the plain nested loop over the pairs with
math.sqrt, as in the study's listing, with the steps loop inside the
jitted function so that Python is entered once per call, not once per step.
The arithmetic is the Benchmarks Game's C program's (the c rung's), no
fastmath. Every call starts from the initial conditions.

The first call compiles offset_momentum, energy and advance (seconds, on
a busy machine): that is the rung's cold iteration.
"""
from __future__ import annotations

import math
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from typed_jit import njit

Vectors: TypeAlias = npt.NDArray[np.float64]   # one row of x, y, z per body

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01
# A global is a compile-time constant to Numba: the loops over the bodies
# get known trip counts, which LLVM unrolls (len(masses) would be read at
# run time).
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


@njit
def advance(steps: int, positions: Vectors, velocities: Vectors, masses: Vectors) -> None:
    for _ in range(steps):
        for i in range(N_BODIES):
            for j in range(i + 1, N_BODIES):
                dx = positions[i, 0] - positions[j, 0]
                dy = positions[i, 1] - positions[j, 1]
                dz = positions[i, 2] - positions[j, 2]
                distance = math.sqrt(dx * dx + dy * dy + dz * dz)
                mag = DT / (distance * distance * distance)
                velocities[i, 0] -= dx * masses[j] * mag
                velocities[i, 1] -= dy * masses[j] * mag
                velocities[i, 2] -= dz * masses[j] * mag
                velocities[j, 0] += dx * masses[i] * mag
                velocities[j, 1] += dy * masses[i] * mag
                velocities[j, 2] += dz * masses[i] * mag
        for i in range(N_BODIES):
            positions[i, 0] += DT * velocities[i, 0]
            positions[i, 1] += DT * velocities[i, 1]
            positions[i, 2] += DT * velocities[i, 2]


@njit
def energy(positions: Vectors, velocities: Vectors, masses: Vectors) -> float:
    e = 0.0
    for i in range(N_BODIES):
        vx = velocities[i, 0]
        vy = velocities[i, 1]
        vz = velocities[i, 2]
        e += 0.5 * masses[i] * (vx * vx + vy * vy + vz * vz)
        for j in range(i + 1, N_BODIES):
            dx = positions[i, 0] - positions[j, 0]
            dy = positions[i, 1] - positions[j, 1]
            dz = positions[i, 2] - positions[j, 2]
            e -= masses[i] * masses[j] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


@njit
def offset_momentum(velocities: Vectors, masses: Vectors) -> None:
    """Gives the Sun the momentum that makes the system's total zero."""
    px = py = pz = 0.0
    for i in range(N_BODIES):
        px += velocities[i, 0] * masses[i]
        py += velocities[i, 1] * masses[i]
        pz += velocities[i, 2] * masses[i]
    velocities[0, 0] = -px / SOLAR_MASS
    velocities[0, 1] = -py / SOLAR_MASS
    velocities[0, 2] = -pz / SOLAR_MASS


def nbody(steps: int) -> tuple[float, float]:
    """Returns the system's energy before and after `steps` steps."""
    positions = INITIAL_POSITIONS.copy()
    velocities = INITIAL_VELOCITIES.copy()
    offset_momentum(velocities, MASSES)
    before = energy(positions, velocities, MASSES)
    advance(steps, positions, velocities, MASSES)
    return before, energy(positions, velocities, MASSES)
