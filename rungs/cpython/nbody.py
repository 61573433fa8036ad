"""n-body: the Benchmarks Game's Python program, as a function.

Five bodies (the Sun and the gas giants) as [position, velocity, mass]
lists, the ten pairs precomputed, and the symplectic integrator with the
Benchmarks Game's `** (-1.5)`. Unlike the original, which moves module-level
bodies, every call starts from fresh initial conditions, so that each run
computes the same thing.
"""
from __future__ import annotations

from typing import List, Tuple

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01

# (position, velocity, mass); velocities in AU per year.
Body = Tuple[List[float], List[float], float]

INITIAL_BODIES: list[tuple[tuple[float, float, float], tuple[float, float, float], float]] = [
    # Sun
    ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0), SOLAR_MASS),
    # Jupiter
    (
        (4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01),
        (
            1.66007664274403694e-03 * DAYS_PER_YEAR,
            7.69901118419740425e-03 * DAYS_PER_YEAR,
            -6.90460016972063023e-05 * DAYS_PER_YEAR,
        ),
        9.54791938424326609e-04 * SOLAR_MASS,
    ),
    # Saturn
    (
        (8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01),
        (
            -2.76742510726862411e-03 * DAYS_PER_YEAR,
            4.99852801234917238e-03 * DAYS_PER_YEAR,
            2.30417297573763929e-05 * DAYS_PER_YEAR,
        ),
        2.85885980666130812e-04 * SOLAR_MASS,
    ),
    # Uranus
    (
        (1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01),
        (
            2.96460137564761618e-03 * DAYS_PER_YEAR,
            2.37847173959480950e-03 * DAYS_PER_YEAR,
            -2.96589568540237556e-05 * DAYS_PER_YEAR,
        ),
        4.36624404335156298e-05 * SOLAR_MASS,
    ),
    # Neptune
    (
        (1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01),
        (
            2.68067772490389322e-03 * DAYS_PER_YEAR,
            1.62824170038242295e-03 * DAYS_PER_YEAR,
            -9.51592254519715870e-05 * DAYS_PER_YEAR,
        ),
        5.15138902046611451e-05 * SOLAR_MASS,
    ),
]


def make_system() -> list[Body]:
    return [(list(position), list(velocity), mass) for position, velocity, mass in INITIAL_BODIES]


def combinations(bodies: list[Body]) -> list[tuple[Body, Body]]:
    return [(bodies[i], other) for i in range(len(bodies) - 1) for other in bodies[i + 1 :]]


def advance(dt: float, steps: int, bodies: list[Body], pairs: list[tuple[Body, Body]]) -> None:
    for _ in range(steps):
        for ([x1, y1, z1], v1, m1), ([x2, y2, z2], v2, m2) in pairs:
            dx = x1 - x2
            dy = y1 - y2
            dz = z1 - z2
            mag = dt * ((dx * dx + dy * dy + dz * dz) ** (-1.5))
            b1m = m1 * mag
            b2m = m2 * mag
            v1[0] -= dx * b2m
            v1[1] -= dy * b2m
            v1[2] -= dz * b2m
            v2[0] += dx * b1m
            v2[1] += dy * b1m
            v2[2] += dz * b1m
        for r, [vx, vy, vz], _m in bodies:
            r[0] += dt * vx
            r[1] += dt * vy
            r[2] += dt * vz


def energy(bodies: list[Body], pairs: list[tuple[Body, Body]]) -> float:
    e = 0.0
    for ([x1, y1, z1], _v1, m1), ([x2, y2, z2], _v2, m2) in pairs:
        dx = x1 - x2
        dy = y1 - y2
        dz = z1 - z2
        e -= (m1 * m2) / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    for _r, [vx, vy, vz], m in bodies:
        e += m * (vx * vx + vy * vy + vz * vz) / 2.0
    return e


def offset_momentum(reference: Body, bodies: list[Body]) -> None:
    px = py = pz = 0.0
    for _r, [vx, vy, vz], m in bodies:
        px -= vx * m
        py -= vy * m
        pz -= vz * m
    _r, v, m = reference
    v[0] = px / m
    v[1] = py / m
    v[2] = pz / m


def nbody(steps: int) -> tuple[float, float]:
    """Returns the system's energy before and after `steps` steps."""
    bodies = make_system()
    pairs = combinations(bodies)
    offset_momentum(bodies[0], bodies)
    before = energy(bodies, pairs)
    advance(DT, steps, bodies, pairs)
    return before, energy(bodies, pairs)
