/*
 * nbody_kernel.h - the Benchmarks Game's n-body (shared/spec/problems.md) as
 * its plain C program computes it: an array of body structs, a pairwise
 * advance loop with sqrt, no intrinsics (the compiler may vectorize what it
 * can). Shared by the c rung (a program) and the c-ext rung (an extension
 * module), so the two differ only in how they are called.
 *
 *     double before, after;
 *     nbody_simulate(500000, &before, &after);
 *
 * Everything here is static: each including file gets its own copy, and no
 * state outlives a call.
 */
#ifndef LADDER_NBODY_KERNEL_H
#define LADDER_NBODY_KERNEL_H

#include <math.h>
#include <string.h>

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODY_BODIES 5
#define NBODY_DT 0.01
struct planet {
    double x, y, z;
    double vx, vy, vz;
    double mass;
};

/* The Sun and the four gas giants, the Benchmarks Game's initial state:
 * positions in AU, velocities in AU per day (scaled to per year), masses
 * in solar masses (scaled by SOLAR_MASS). */
static const struct planet nbody_initial[NBODY_BODIES] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00,
     -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR,
     7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR,
     9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00,
     -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR,
     4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR,
     2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01,
     -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR,
     2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR,
     4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01,
     1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR,
     1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR,
     5.15138902046611451e-05 * SOLAR_MASS},
};

static void advance(int nbodies, struct planet *bodies, double dt)
{
    for (int i = 0; i < nbodies; i++) {
        struct planet *b = &bodies[i];
        for (int j = i + 1; j < nbodies; j++) {
            struct planet *b2 = &bodies[j];
            double dx = b->x - b2->x;
            double dy = b->y - b2->y;
            double dz = b->z - b2->z;
            double distance = sqrt(dx * dx + dy * dy + dz * dz);
            double mag = dt / (distance * distance * distance);
            b->vx -= dx * b2->mass * mag;
            b->vy -= dy * b2->mass * mag;
            b->vz -= dz * b2->mass * mag;
            b2->vx += dx * b->mass * mag;
            b2->vy += dy * b->mass * mag;
            b2->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < nbodies; i++) {
        struct planet *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

static double energy(int nbodies, const struct planet *bodies)
{
    double e = 0.0;
    for (int i = 0; i < nbodies; i++) {
        const struct planet *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < nbodies; j++) {
            const struct planet *b2 = &bodies[j];
            double dx = b->x - b2->x;
            double dy = b->y - b2->y;
            double dz = b->z - b2->z;
            double distance = sqrt(dx * dx + dy * dy + dz * dz);
            e -= (b->mass * b2->mass) / distance;
        }
    }
    return e;
}

static void offset_momentum(int nbodies, struct planet *bodies)
{
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < nbodies; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

/* Offsets the momentum, then takes the energy before and after `steps`
 * steps of dt = NBODY_DT, from the initial state: every call starts over. */
static void nbody_simulate(long long steps, double *energy_before, double *energy_after)
{
    struct planet bodies[NBODY_BODIES];

    memcpy(bodies, nbody_initial, sizeof bodies);
    offset_momentum(NBODY_BODIES, bodies);
    *energy_before = energy(NBODY_BODIES, bodies);
    for (long long i = 0; i < steps; i++)
        advance(NBODY_BODIES, bodies, NBODY_DT);
    *energy_after = energy(NBODY_BODIES, bodies);
}

#endif /* LADDER_NBODY_KERNEL_H */
