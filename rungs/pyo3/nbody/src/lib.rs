//! n-body (shared/spec/problems.md) as the Python extension module `nbody`:
//! the Benchmarks Game's algorithm in plain Rust, five bodies in an array of
//! structs, the ten pairs visited in order, no SIMD by hand.
//!
//! `nbody(steps)` returns the energy before and after `steps` steps; the
//! simulation runs with the GIL released, since it touches no Python object.

use std::f64::consts::PI;

const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS_PER_YEAR: f64 = 365.24;
const DT: f64 = 0.01;

#[derive(Clone, Copy)]
struct Body {
    position: [f64; 3],
    velocity: [f64; 3],
    mass: f64,
}

impl Body {
    /// A body from the Benchmarks Game's table: position in AU, velocity in
    /// AU per day, mass in solar masses.
    const fn new(position: [f64; 3], velocity_per_day: [f64; 3], solar_masses: f64) -> Self {
        Body {
            position,
            velocity: [
                velocity_per_day[0] * DAYS_PER_YEAR,
                velocity_per_day[1] * DAYS_PER_YEAR,
                velocity_per_day[2] * DAYS_PER_YEAR,
            ],
            mass: solar_masses * SOLAR_MASS,
        }
    }
}

const BODIES: usize = 5;

/// The Sun, Jupiter, Saturn, Uranus and Neptune.
#[allow(
    clippy::excessive_precision,
    reason = "the Benchmarks Game's figures, as it prints them"
)]
const INITIAL: [Body; BODIES] = [
    Body::new([0.0; 3], [0.0; 3], 1.0),
    Body::new(
        [
            4.84143144246472090e+00,
            -1.16032004402742839e+00,
            -1.03622044471123109e-01,
        ],
        [
            1.66007664274403694e-03,
            7.69901118419740425e-03,
            -6.90460016972063023e-05,
        ],
        9.54791938424326609e-04,
    ),
    Body::new(
        [
            8.34336671824457987e+00,
            4.12479856412430479e+00,
            -4.03523417114321381e-01,
        ],
        [
            -2.76742510726862411e-03,
            4.99852801234917238e-03,
            2.30417297573763929e-05,
        ],
        2.85885980666130812e-04,
    ),
    Body::new(
        [
            1.28943695621391310e+01,
            -1.51111514016986312e+01,
            -2.23307578892655734e-01,
        ],
        [
            2.96460137564761618e-03,
            2.37847173959480950e-03,
            -2.96589568540237556e-05,
        ],
        4.36624404335156298e-05,
    ),
    Body::new(
        [
            1.53796971148509165e+01,
            -2.59193146099879641e+01,
            1.79258772950371181e-01,
        ],
        [
            2.68067772490389322e-03,
            1.62824170038242295e-03,
            -9.51592254519715870e-05,
        ],
        5.15138902046611451e-05,
    ),
];

fn difference(a: &[f64; 3], b: &[f64; 3]) -> [f64; 3] {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn squared_norm(d: &[f64; 3]) -> f64 {
    d[0] * d[0] + d[1] * d[1] + d[2] * d[2]
}

/// Gives the Sun the momentum that makes the system's total zero.
fn offset_momentum(bodies: &mut [Body; BODIES]) {
    let mut momentum = [0.0; 3];
    for body in bodies.iter() {
        for (p, v) in momentum.iter_mut().zip(body.velocity) {
            *p += v * body.mass;
        }
    }
    let sun = &mut bodies[0];
    for (v, p) in sun.velocity.iter_mut().zip(momentum) {
        *v = -p / SOLAR_MASS;
    }
}

fn energy(bodies: &[Body; BODIES]) -> f64 {
    let mut e = 0.0;
    for (i, body) in bodies.iter().enumerate() {
        e += 0.5 * body.mass * squared_norm(&body.velocity);
        for other in &bodies[i + 1..] {
            let distance = squared_norm(&difference(&body.position, &other.position)).sqrt();
            e -= body.mass * other.mass / distance;
        }
    }
    e
}

/// One step of the symplectic integrator: velocities from every pair's
/// attraction, then positions from the new velocities.
fn advance(bodies: &mut [Body; BODIES], dt: f64) {
    for i in 0..BODIES {
        let (head, tail) = bodies.split_at_mut(i + 1);
        let body = &mut head[i];
        for other in tail {
            let d = difference(&body.position, &other.position);
            let distance_squared = squared_norm(&d);
            let magnitude = dt / (distance_squared * distance_squared.sqrt());
            let (body_mass, other_mass) = (body.mass, other.mass);
            let velocities = body.velocity.iter_mut().zip(&mut other.velocity);
            for ((v, other_v), d) in velocities.zip(d) {
                *v -= d * other_mass * magnitude;
                *other_v += d * body_mass * magnitude;
            }
        }
    }
    for body in bodies.iter_mut() {
        for (x, v) in body.position.iter_mut().zip(body.velocity) {
            *x += dt * v;
        }
    }
}

/// The energy before and after `steps` steps, from the initial state.
fn simulate(steps: u64) -> (f64, f64) {
    let mut bodies = INITIAL;
    offset_momentum(&mut bodies);
    let before = energy(&bodies);
    for _ in 0..steps {
        advance(&mut bodies, DT);
    }
    (before, energy(&bodies))
}

#[pyo3::pymodule]
mod nbody {
    use pyo3::prelude::*;

    /// nbody(steps) -> (energy before, energy after)
    #[pyfunction]
    fn nbody(py: Python<'_>, steps: u64) -> (f64, f64) {
        py.detach(|| super::simulate(steps))
    }
}
