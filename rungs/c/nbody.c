/*
 * nbody.c - the Benchmarks Game's n-body, as its plain C program writes it:
 * an array of body structs, a pairwise advance loop with sqrt, no intrinsics
 * (the compiler may vectorize what it can). Problem: shared/spec/problems.md.
 *
 * Argument: the number of steps. Output: the energy before and after, %.9f.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rungs/c/problems.h"

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODY_BODIES 5
#define NBODY_DT 0.01
/* Steps are counted in a long long; any count the harness would ask for
 * (the Benchmarks Game's is 5e7) is far below this. */
#define NBODY_MAX_STEPS 1000000000000LL

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

typedef struct nbody_state {
    long long steps;
    double energy_before;
    double energy_after;
} nbody_state;

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

static int nbody_setup(const char *arg, void **state, rung_error *err)
{
    long long steps;
    nbody_state *st;

    if (rung_parse_size(arg, 0, NBODY_MAX_STEPS, &steps, err) != 0)
        return -1;
    st = calloc(1, sizeof *st);
    if (st == NULL)
        return rung_error_set(err, "out of memory");
    st->steps = steps;
    *state = st;
    return 0;
}

/* The whole program's work, from the initial state: each run starts over. */
static int nbody_run(void *state, rung_error *err)
{
    nbody_state *st = state;
    struct planet bodies[NBODY_BODIES];

    (void)err;
    memcpy(bodies, nbody_initial, sizeof bodies);
    offset_momentum(NBODY_BODIES, bodies);
    st->energy_before = energy(NBODY_BODIES, bodies);
    for (long long i = 0; i < st->steps; i++)
        advance(NBODY_BODIES, bodies, NBODY_DT);
    st->energy_after = energy(NBODY_BODIES, bodies);
    return 0;
}

static int nbody_write(void *state, FILE *out, rung_error *err)
{
    const nbody_state *st = state;

    (void)err;
    fprintf(out, "%.9f\n%.9f\n", st->energy_before, st->energy_after);
    return 0;
}

static void nbody_teardown(void *state)
{
    free(state);
}

const rung_problem nbody_problem = {
    "nbody", nbody_setup, nbody_run, nbody_write, nbody_teardown,
};
