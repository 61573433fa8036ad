"""n-body for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/nbody.py) with the two changes the study made:
every local has a declared type, so that mypyc keeps floats unboxed in C
doubles, and the Benchmarks Game's `** (-1.5)` is decomposed into
math.sqrt() and arithmetic (a float power goes through the generic power
dispatch even when compiled). Compiled by mypyc's mypycify
(rungs/mypyc/build.py); it still runs as plain Python.
"""
from __future__ import annotations

import math
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
    r1: list[float]
    r2: list[float]
    v1: list[float]
    v2: list[float]
    m1: float
    m2: float
    dx: float
    dy: float
    dz: float
    dist_sq: float
    mag: float
    b1m: float
    b2m: float
    for _ in range(steps):
        for (r1, v1, m1), (r2, v2, m2) in pairs:
            dx = r1[0] - r2[0]
            dy = r1[1] - r2[1]
            dz = r1[2] - r2[2]
            dist_sq = dx * dx + dy * dy + dz * dz
            mag = dt / (dist_sq * math.sqrt(dist_sq))
            b1m = m1 * mag
            b2m = m2 * mag
            v1[0] -= dx * b2m
            v1[1] -= dy * b2m
            v1[2] -= dz * b2m
            v2[0] += dx * b1m
            v2[1] += dy * b1m
            v2[2] += dz * b1m
        for r1, v1, _m in bodies:
            r1[0] += dt * v1[0]
            r1[1] += dt * v1[1]
            r1[2] += dt * v1[2]


def energy(bodies: list[Body], pairs: list[tuple[Body, Body]]) -> float:
    r1: list[float]
    r2: list[float]
    v: list[float]
    m: float
    m1: float
    m2: float
    dx: float
    dy: float
    dz: float
    e: float = 0.0
    for (r1, _v1, m1), (r2, _v2, m2) in pairs:
        dx = r1[0] - r2[0]
        dy = r1[1] - r2[1]
        dz = r1[2] - r2[2]
        e -= (m1 * m2) / math.sqrt(dx * dx + dy * dy + dz * dz)
    for _r, v, m in bodies:
        e += m * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) / 2.0
    return e


def offset_momentum(reference: Body, bodies: list[Body]) -> None:
    v: list[float]
    m: float
    px: float = 0.0
    py: float = 0.0
    pz: float = 0.0
    for _r, v, m in bodies:
        px -= v[0] * m
        py -= v[1] * m
        pz -= v[2] * m
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
