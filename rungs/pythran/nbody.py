"""n-body for Pythran: the Benchmarks Game's loops over NumPy arrays, compiled ahead of time.

The five bodies are three arrays, positions and velocities (5 x 3) and
masses (5), and advance() is the plain nested loop over the pairs with
math.sqrt, as the Benchmarks Game's C program writes it; Pythran turns the
module into C++ (build.py: pythran -O3 -march=native, no -ffast-math) and
the steps loop runs there, entered once per call. Every call starts from
the initial conditions.

The file is also plain Python (it runs uncompiled, slowly): the export
line below is the one thing Pythran adds, the signature of the function
Python calls. Annotations that name NumPy types are strings because
Pythran reads annotations as its own type declarations and knows no
numpy.typing; a string it leaves alone, and mypy still checks it.
"""
from __future__ import annotations

from math import sqrt

import numpy as np

#pythran export nbody(int)

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01
N_BODIES = 5


def initial_state() -> tuple["np.typing.NDArray[np.float64]", "np.typing.NDArray[np.float64]",
                             "np.typing.NDArray[np.float64]"]:
    """The Sun, Jupiter, Saturn, Uranus, Neptune: positions in AU,
    velocities in AU per year, masses in units where the Sun's is SOLAR_MASS."""
    positions = np.array([
        [0.0, 0.0, 0.0],
        [4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01],
        [8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01],
        [1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01],
        [1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01],
    ])
    velocities = np.array([
        [0.0, 0.0, 0.0],
        [1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05],
        [-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05],
        [2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05],
        [2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05],
    ])
    velocities *= DAYS_PER_YEAR
    masses = np.array([
        1.0, 9.54791938424326609e-04, 2.85885980666130812e-04,
        4.36624404335156298e-05, 5.15138902046611451e-05,
    ])
    masses *= SOLAR_MASS
    return positions, velocities, masses


def offset_momentum(velocities: "np.typing.NDArray[np.float64]",
                    masses: "np.typing.NDArray[np.float64]") -> None:
    """Gives the Sun the momentum that makes the system's total zero."""
    px = py = pz = 0.0
    for i in range(N_BODIES):
        px += velocities[i, 0] * masses[i]
        py += velocities[i, 1] * masses[i]
        pz += velocities[i, 2] * masses[i]
    velocities[0, 0] = -px / SOLAR_MASS
    velocities[0, 1] = -py / SOLAR_MASS
    velocities[0, 2] = -pz / SOLAR_MASS


def energy(positions: "np.typing.NDArray[np.float64]",
           velocities: "np.typing.NDArray[np.float64]",
           masses: "np.typing.NDArray[np.float64]") -> float:
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
            e -= masses[i] * masses[j] / sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(steps: int, positions: "np.typing.NDArray[np.float64]",
            velocities: "np.typing.NDArray[np.float64]",
            masses: "np.typing.NDArray[np.float64]") -> None:
    for _ in range(steps):
        for i in range(N_BODIES):
            for j in range(i + 1, N_BODIES):
                dx = positions[i, 0] - positions[j, 0]
                dy = positions[i, 1] - positions[j, 1]
                dz = positions[i, 2] - positions[j, 2]
                distance = sqrt(dx * dx + dy * dy + dz * dz)
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


def nbody(steps: int) -> tuple[float, float]:
    """Returns the system's energy before and after `steps` steps."""
    positions, velocities, masses = initial_state()
    offset_momentum(velocities, masses)
    before = energy(positions, velocities, masses)
    advance(steps, positions, velocities, masses)
    return before, energy(positions, velocities, masses)
