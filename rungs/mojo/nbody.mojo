# nbody.mojo - the `nbody` extension module of the mojo rung: the Benchmarks
# Game's n-body (shared/spec/problems.md) in Mojo, called from Python.
#
#     >>> import nbody
#     >>> nbody.nbody(1000)
#     (-0.16907516382852447, -0.16908760523460614)
#
# A body's position and velocity are each one SIMD vector of four float64
# (x, y, z and a lane that stays 0), so a difference, a scaled update or a
# squared distance is one vector operation; the ten pairs are unrolled at
# compile time (`comptime for`), so every index is a constant and the
# compiler can keep the system in registers. The arithmetic is the c
# rung's (rungs/c/nbody_kernel.h): sqrt, then dt / distance^3. Every call
# starts from the initial state; the integration runs with the GIL
# released.
from std.math import pi, sqrt
from std.os import abort
from std.python import Python, PythonObject
from std.python._cpython import GILReleased
from std.python.bindings import PythonModuleBuilder

from pyarg import int_argument

# x, y, z and a zero lane: four float64 make one AVX register.
comptime Vec3 = SIMD[DType.float64, 4]
comptime BODIES = 5
comptime SOLAR_MASS = 4.0 * pi * pi
comptime DAYS_PER_YEAR = 365.24
comptime DT = 0.01
# The largest step count accepted: problems/nbody/problem.conf's bound.
comptime MAX_STEPS = 1_000_000_000_000


struct System(Movable):
    """The Sun and the four gas giants: positions in AU, velocities in AU
    per year, masses in solar masses times SOLAR_MASS."""

    var pos: Array[Vec3, BODIES]
    var vel: Array[Vec3, BODIES]
    var mass: Array[Float64, BODIES]

    def __init__(out self):
        """The Benchmarks Game's initial state, momentum offset onto the Sun."""
        self.pos = [
            Vec3(0, 0, 0, 0),
            Vec3(
                4.84143144246472090e00,
                -1.16032004402742839e00,
                -1.03622044471123109e-01,
                0,
            ),
            Vec3(
                8.34336671824457987e00,
                4.12479856412430479e00,
                -4.03523417114321381e-01,
                0,
            ),
            Vec3(
                1.28943695621391310e01,
                -1.51111514016986312e01,
                -2.23307578892655734e-01,
                0,
            ),
            Vec3(
                1.53796971148509165e01,
                -2.59193146099879641e01,
                1.79258772950371181e-01,
                0,
            ),
        ]
        self.vel = [
            Vec3(0, 0, 0, 0),
            Vec3(
                1.66007664274403694e-03,
                7.69901118419740425e-03,
                -6.90460016972063023e-05,
                0,
            )
            * DAYS_PER_YEAR,
            Vec3(
                -2.76742510726862411e-03,
                4.99852801234917238e-03,
                2.30417297573763929e-05,
                0,
            )
            * DAYS_PER_YEAR,
            Vec3(
                2.96460137564761618e-03,
                2.37847173959480950e-03,
                -2.96589568540237556e-05,
                0,
            )
            * DAYS_PER_YEAR,
            Vec3(
                2.68067772490389322e-03,
                1.62824170038242295e-03,
                -9.51592254519715870e-05,
                0,
            )
            * DAYS_PER_YEAR,
        ]
        self.mass = [
            SOLAR_MASS,
            9.54791938424326609e-04 * SOLAR_MASS,
            2.85885980666130812e-04 * SOLAR_MASS,
            4.36624404335156298e-05 * SOLAR_MASS,
            5.15138902046611451e-05 * SOLAR_MASS,
        ]
        var momentum = Vec3(0)
        comptime for i in range(BODIES):
            momentum += self.vel[i] * self.mass[i]
        self.vel[0] = -momentum / SOLAR_MASS

    def advance(mut self):
        """One step of the symplectic integrator, dt = DT."""
        comptime for i in range(BODIES):
            comptime for j in range(i + 1, BODIES):
                var d = self.pos[i] - self.pos[j]
                var distance = sqrt((d * d).reduce_add())
                var mag = DT / (distance * distance * distance)
                self.vel[i] -= d * self.mass[j] * mag
                self.vel[j] += d * self.mass[i] * mag
        comptime for i in range(BODIES):
            self.pos[i] += DT * self.vel[i]

    def energy(self) -> Float64:
        """Kinetic energy minus the potential of every pair."""
        var e: Float64 = 0
        comptime for i in range(BODIES):
            e += 0.5 * self.mass[i] * (self.vel[i] * self.vel[i]).reduce_add()
            comptime for j in range(i + 1, BODIES):
                var d = self.pos[i] - self.pos[j]
                e -= self.mass[i] * self.mass[j] / sqrt((d * d).reduce_add())
        return e


def simulate(steps: Int) -> Tuple[Float64, Float64]:
    """The energy before and after `steps` steps, from the initial state."""
    var system = System()
    var before = system.energy()
    for _ in range(steps):
        system.advance()
    return (before, system.energy())


def nbody(steps_arg: PythonObject) raises -> PythonObject:
    """Python: nbody(steps) -> (energy_before, energy_after)."""
    var steps = int_argument(steps_arg, "steps", 0, MAX_STEPS)
    var energies: Tuple[Float64, Float64]
    with GILReleased(Python()):
        energies = simulate(steps)
    return Python.tuple(energies[0], energies[1])


@export
def PyInit_nbody() abi("C") -> PythonObject:
    try:
        var module = PythonModuleBuilder("nbody")
        module.def_function[nbody](
            "nbody",
            docstring=(
                "Integrate the five-body system for `steps` steps of dt = 0.01;"
                " returns (energy_before, energy_after)."
            ),
        )
        return module.finalize()
    except e:
        abort(String("cannot create the nbody module: ", e))
