"""n-body in Cython with the study's first landmine left in: `**` on a float exponent.

The cython rung's n-body (rungs/cython/nbody.py), line for line, except
for the two powers the Benchmarks Game's program writes: the inner loop's
`dt * dist_sq ** (-1.5)` and the energy's `** 0.5`, where the cython rung
has libc's sqrt and arithmetic. The operands are typed C doubles, yet
Cython 3 keeps Python's meaning of `**` (its `cpow` directive is off by
default): a negative base to a fractional power would be complex, so each
`**` compiles to a complex power (__Pyx_c_pow_double) and a checked
conversion of the result back to a double, never to C's sqrt or pow.
Nothing warns; only the annotation report (build.py --annotate) shows it.
The cost, measured against the cython rung, is this rung's point.
"""
# mypy: ignore-errors
# Cython source in Python syntax, so mypy is told to skip it: its
# annotations are C types -- doubles, a struct, a C array, pointers -- which
# mypy cannot read; the Cython compiler checks them when the rung is built.
import cython

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
DT = cython.declare(cython.double, 0.01)
# A C constant (`static const int`), so that the C compiler knows the loops'
# trip counts and unrolls them: a plain cython.int global is a variable set
# when the module loads, and made the run ~1.5x slower.
N_BODIES = cython.declare(cython.const[cython.int], 5)

Body = cython.struct(
    x=cython.double, y=cython.double, z=cython.double,
    vx=cython.double, vy=cython.double, vz=cython.double,
    mass=cython.double,
)

# (position, velocity in AU per day, mass in solar masses): the Sun, Jupiter,
# Saturn, Uranus, Neptune. Scaled to AU per year and SOLAR_MASS on loading.
INITIAL_BODIES = [
    ((0.0, 0.0, 0.0), (0.0, 0.0, 0.0), 1.0),
    (
        (4.84143144246472090e00, -1.16032004402742839e00, -1.03622044471123109e-01),
        (1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05),
        9.54791938424326609e-04,
    ),
    (
        (8.34336671824457987e00, 4.12479856412430479e00, -4.03523417114321381e-01),
        (-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05),
        2.85885980666130812e-04,
    ),
    (
        (1.28943695621391310e01, -1.51111514016986312e01, -2.23307578892655734e-01),
        (2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05),
        4.36624404335156298e-05,
    ),
    (
        (1.53796971148509165e01, -2.59193146099879641e01, 1.79258772950371181e-01),
        (2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05),
        5.15138902046611451e-05,
    ),
]


@cython.cfunc
def load_system(bodies: cython.pointer[Body]) -> cython.void:
    i: cython.int
    for i in range(N_BODIES):
        (x, y, z), (vx, vy, vz), mass = INITIAL_BODIES[i]
        bodies[i].x, bodies[i].y, bodies[i].z = x, y, z
        bodies[i].vx = vx * DAYS_PER_YEAR
        bodies[i].vy = vy * DAYS_PER_YEAR
        bodies[i].vz = vz * DAYS_PER_YEAR
        bodies[i].mass = mass * SOLAR_MASS


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.boundscheck(False)
@cython.wraparound(False)
@cython.cdivision(True)
def advance(bodies: cython.pointer[Body], dt: cython.double, steps: cython.long) -> cython.void:
    step: cython.long
    i: cython.int
    j: cython.int
    dx: cython.double
    dy: cython.double
    dz: cython.double
    dist_sq: cython.double
    mag: cython.double
    for step in range(steps):
        for i in range(N_BODIES):
            for j in range(i + 1, N_BODIES):
                dx = bodies[i].x - bodies[j].x
                dy = bodies[i].y - bodies[j].y
                dz = bodies[i].z - bodies[j].z
                dist_sq = dx * dx + dy * dy + dz * dz
                mag = dt * dist_sq ** (-1.5)
                bodies[i].vx -= dx * bodies[j].mass * mag
                bodies[i].vy -= dy * bodies[j].mass * mag
                bodies[i].vz -= dz * bodies[j].mass * mag
                bodies[j].vx += dx * bodies[i].mass * mag
                bodies[j].vy += dy * bodies[i].mass * mag
                bodies[j].vz += dz * bodies[i].mass * mag
        for i in range(N_BODIES):
            bodies[i].x += dt * bodies[i].vx
            bodies[i].y += dt * bodies[i].vy
            bodies[i].z += dt * bodies[i].vz


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.cdivision(True)
def energy(bodies: cython.pointer[Body]) -> cython.double:
    e: cython.double = 0.0
    i: cython.int
    j: cython.int
    dx: cython.double
    dy: cython.double
    dz: cython.double
    for i in range(N_BODIES):
        e += 0.5 * bodies[i].mass * (bodies[i].vx * bodies[i].vx
                                     + bodies[i].vy * bodies[i].vy
                                     + bodies[i].vz * bodies[i].vz)
        for j in range(i + 1, N_BODIES):
            dx = bodies[i].x - bodies[j].x
            dy = bodies[i].y - bodies[j].y
            dz = bodies[i].z - bodies[j].z
            e -= bodies[i].mass * bodies[j].mass / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


@cython.cfunc
@cython.nogil
@cython.exceptval(check=False)
@cython.cdivision(True)
def offset_momentum(bodies: cython.pointer[Body]) -> cython.void:
    px: cython.double = 0.0
    py: cython.double = 0.0
    pz: cython.double = 0.0
    i: cython.int
    for i in range(N_BODIES):
        px -= bodies[i].vx * bodies[i].mass
        py -= bodies[i].vy * bodies[i].mass
        pz -= bodies[i].vz * bodies[i].mass
    bodies[0].vx = px / bodies[0].mass
    bodies[0].vy = py / bodies[0].mass
    bodies[0].vz = pz / bodies[0].mass


def nbody(steps: cython.long) -> tuple:
    """Returns the system's energy before and after `steps` steps."""
    bodies: Body[5]  # N_BODIES: an array's length must be a literal here
    before: cython.double
    after: cython.double
    load_system(bodies)
    with cython.nogil:
        offset_momentum(bodies)
        before = energy(bodies)
        advance(bodies, DT, steps)
        after = energy(bodies)
    return before, after
