"""n-body as one Taichi kernel: the step loop and the ten pairs compiled.

The kernel loads the bodies into local 5 x 3 matrices (registers, since
every index is static), then runs the steps in a `while` loop -- serial, as
the integrator must be, where Taichi would spread an outermost `for` over
threads, and counting in i64, where a range-for's bounds are cast to i32 --
with the pairs unrolled by ti.static in the Benchmarks Game's order and
its arithmetic: dt / (d² · sqrt(d²)). The kernel only reads the initial
conditions, so every call starts from them; the energies before and after
come out through a small array. The first call compiles the kernel (the
cold iteration); ti.sync() waits for it to finish.
"""
# mypy: disable-error-code="valid-type, index, untyped-decorator, no-untyped-def"
# The kernels are Taichi's language in Python's syntax: their annotations
# are Taichi types, which mypy cannot read as types (so indexing their
# values means nothing to it either), ti.kernel and ti.func are untyped,
# and a kernel that returns nothing must not say `-> None` (Taichi refuses
# it). Those checks are off; everything else is checked.
# No `from __future__ import annotations`: Taichi reads the kernels'
# annotations as objects (types), not as strings.
import numpy as np
import taichi as ti  # type: ignore[import-untyped, unused-ignore]

import taichi_cpu

# The spec's arithmetic, not regrouped: taichi_cpu says why.
taichi_cpu.init(fast_math=False)

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = 0.01
BODIES = 5

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

Matrix = ti.types.matrix(BODIES, 3, ti.f64)
Masses = ti.types.vector(BODIES, ti.f64)


@ti.func
def energy(r: Matrix, v: Matrix, m: Masses) -> ti.f64:
    """Kinetic energy of every body minus the potential of every pair."""
    e = 0.0
    for i in ti.static(range(BODIES)):
        e += m[i] * (v[i, 0] * v[i, 0] + v[i, 1] * v[i, 1] + v[i, 2] * v[i, 2]) / 2.0
        for j in ti.static(range(i + 1, BODIES)):
            dx = r[i, 0] - r[j, 0]
            dy = r[i, 1] - r[j, 1]
            dz = r[i, 2] - r[j, 2]
            e -= m[i] * m[j] / ti.sqrt(dx * dx + dy * dy + dz * dz)
    return e


@ti.kernel
def simulate(steps: ti.i64,
             positions: ti.types.ndarray(dtype=ti.f64, ndim=2),
             velocities: ti.types.ndarray(dtype=ti.f64, ndim=2),
             masses: ti.types.ndarray(dtype=ti.f64, ndim=1),
             energies: ti.types.ndarray(dtype=ti.f64, ndim=1)):
    r = Matrix(0.0)
    v = Matrix(0.0)
    m = Masses(0.0)
    for i in ti.static(range(BODIES)):
        m[i] = masses[i]
        for k in ti.static(range(3)):
            r[i, k] = positions[i, k]
            v[i, k] = velocities[i, k]
    energies[0] = energy(r, v, m)
    step = ti.i64(0)
    while step < steps:
        for i in ti.static(range(BODIES)):
            for j in ti.static(range(i + 1, BODIES)):
                dx = r[i, 0] - r[j, 0]
                dy = r[i, 1] - r[j, 1]
                dz = r[i, 2] - r[j, 2]
                d2 = dx * dx + dy * dy + dz * dz
                mag = DT / (d2 * ti.sqrt(d2))
                mass_j_mag = m[j] * mag
                mass_i_mag = m[i] * mag
                v[i, 0] -= dx * mass_j_mag
                v[i, 1] -= dy * mass_j_mag
                v[i, 2] -= dz * mass_j_mag
                v[j, 0] += dx * mass_i_mag
                v[j, 1] += dy * mass_i_mag
                v[j, 2] += dz * mass_i_mag
        for i in ti.static(range(BODIES)):
            for k in ti.static(range(3)):
                r[i, k] += DT * v[i, k]
        step += 1
    energies[1] = energy(r, v, m)


def nbody(steps: int) -> tuple[float, float]:
    """Returns the system's energy before and after `steps` steps."""
    energies = np.zeros(2)
    simulate(steps, INITIAL_POSITIONS, INITIAL_VELOCITIES, MASSES, energies)
    ti.sync()
    return float(energies[0]), float(energies[1])
