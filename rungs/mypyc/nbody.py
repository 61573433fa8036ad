"""n-body for mypyc: the cpython rung's program, typed for compilation.

The baseline (rungs/cpython/nbody.py), loop for loop, with the changes the
study made and one that its numbers need here:

- Every local has a declared type, so that mypyc keeps the floats it
  computes with unboxed, in C doubles.
- The Benchmarks Game's `** (-1.5)` is decomposed into math.sqrt() and
  arithmetic: a float power goes through the generic power dispatch even
  when compiled.
- A velocity or position component is updated as `v[0] = v[0] - d`, not
  `v[0] -= d`. Mypyc types the target of an augmented assignment to an
  item as `object` (mypyc/irbuild/targets.py, AssignmentTargetIndex: "TODO:
  object_rprimitive won't be right..."), so `v[0] -= d` boxes `d` and
  calls the generic PyNumber_InPlaceSubtract on two float objects: two
  allocations and a type dispatch per update. Spelled out, the item is read
  as a list[float] item (unboxed), the arithmetic is on C doubles, and only
  the result is boxed to be stored. The arithmetic, and so the energies,
  are the same.

Measured against the baseline on CPython 3.13.0, side by side (medians of
7 interleaved runs of 100000 steps, on a shared 2-core machine): with `-=`
on the items, 1.2-1.3x; spelled out, with the study's `r1[0]` reads,
1.5-2.0x; spelled out, with the baseline's own unpacking of the positions
(this module), 1.7-2.3x, and 2.1x at the study's 500000 steps (the study:
2.4x, against CPython 3.14). Keeping the vectors in lists keeps the program
the baseline's. A native class with a float attribute per component stores
unboxed doubles and skips the boxing that remains (measured: 25-30x), but
that is a different program, tuned for mypyc rather than annotated.

Compiled by mypyc's mypycify (rungs/mypyc/build.py); it still runs as
plain Python.
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
    x1: float
    y1: float
    z1: float
    x2: float
    y2: float
    z2: float
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
    r: list[float]
    vx: float
    vy: float
    vz: float
    for _ in range(steps):
        # The baseline's unpacking of the positions: compiled, one length
        # check and three direct reads, where each `r1[0]` would be a call.
        for ([x1, y1, z1], v1, m1), ([x2, y2, z2], v2, m2) in pairs:
            dx = x1 - x2
            dy = y1 - y2
            dz = z1 - z2
            dist_sq = dx * dx + dy * dy + dz * dz
            mag = dt / (dist_sq * math.sqrt(dist_sq))
            b1m = m1 * mag
            b2m = m2 * mag
            # Not `v1[0] -= ...`: compiled, that is the generic in-place
            # operator on boxed floats (the module's docstring).
            v1[0] = v1[0] - dx * b2m
            v1[1] = v1[1] - dy * b2m
            v1[2] = v1[2] - dz * b2m
            v2[0] = v2[0] + dx * b1m
            v2[1] = v2[1] + dy * b1m
            v2[2] = v2[2] + dz * b1m
        for r, [vx, vy, vz], _m in bodies:
            r[0] = r[0] + dt * vx
            r[1] = r[1] + dt * vy
            r[2] = r[2] + dt * vz


def energy(bodies: list[Body], pairs: list[tuple[Body, Body]]) -> float:
    x1: float
    y1: float
    z1: float
    x2: float
    y2: float
    z2: float
    m: float
    m1: float
    m2: float
    dx: float
    dy: float
    dz: float
    vx: float
    vy: float
    vz: float
    e: float = 0.0
    for ([x1, y1, z1], _v1, m1), ([x2, y2, z2], _v2, m2) in pairs:
        dx = x1 - x2
        dy = y1 - y2
        dz = z1 - z2
        e -= (m1 * m2) / math.sqrt(dx * dx + dy * dy + dz * dz)
    for _r, [vx, vy, vz], m in bodies:
        e += m * (vx * vx + vy * vy + vz * vz) / 2.0
    return e


def offset_momentum(reference: Body, bodies: list[Body]) -> None:
    v: list[float]
    m: float
    vx: float
    vy: float
    vz: float
    px: float = 0.0
    py: float = 0.0
    pz: float = 0.0
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
