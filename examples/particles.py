"""A small numeric simulation with classes: particles in a box.

    ladder try examples/particles.py simulate 200 500

Each particle is an object with a position and a velocity; every step adds
gravity, moves each one, and bounces it off the walls; the result is the
system's kinetic energy at the end. Attribute access on many small
objects: what CPython pays for, and what compilers can turn into fields.
"""
from __future__ import annotations

GRAVITY = -9.81
DT = 0.001
WALL = 1.0
DAMPING = 0.9


class Particle:
    def __init__(self, x: float, y: float, vx: float, vy: float) -> None:
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy

    def step(self) -> None:
        self.vy += GRAVITY * DT
        self.x += self.vx * DT
        self.y += self.vy * DT
        if self.x < -WALL or self.x > WALL:
            self.vx = -self.vx * DAMPING
            self.x = max(-WALL, min(WALL, self.x))
        if self.y < -WALL or self.y > WALL:
            self.vy = -self.vy * DAMPING
            self.y = max(-WALL, min(WALL, self.y))

    def energy(self) -> float:
        return 0.5 * (self.vx * self.vx + self.vy * self.vy)


def make_particles(count: int) -> list[Particle]:
    """A reproducible start: a grid of particles with varied velocities."""
    particles = []
    for i in range(count):
        x = -0.9 + 1.8 * (i % 20) / 19
        y = -0.9 + 1.8 * ((i // 20) % 20) / 19
        particles.append(Particle(x, y, ((i * 7) % 11 - 5) * 0.1, ((i * 3) % 13 - 6) * 0.1))
    return particles


def simulate(count: int, steps: int) -> float:
    """The kinetic energy after `steps` steps of `count` particles."""
    particles = make_particles(count)
    for _ in range(steps):
        for particle in particles:
            particle.step()
    return sum(p.energy() for p in particles)
