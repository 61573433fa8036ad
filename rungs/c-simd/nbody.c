/*
 * nbody.c - the Benchmarks Game's n-body with AVX2, as its fastest C and
 * C++ programs compute it: the 10 pairs of bodies four at a time, and
 * 1/distance from the CPU's fast reciprocal square root estimate, refined
 * by Newton-Raphson steps to full double precision instead of a sqrt and a
 * division. Problem: shared/spec/problems.md.
 *
 * Argument: the number of steps. Output: the energy before and after, %.9f.
 *
 * One thread: five bodies are far too little work to share, every step
 * depends on the one before. Each body is one vector (x, y, z, 0), so a
 * pair's difference, a velocity update and a position update are one
 * instruction each. The portable kernel (LADDER_PORTABLE=1 or a CPU
 * without AVX2) is the same step in plain C with sqrt. The energies are
 * computed in plain C with sqrt either way, as the reference does.
 *
 * The estimate pays where a vector sqrt and division are slow. On the
 * machine this was written on (a recent Xeon, where they are fast),
 * vsqrtpd and vdivpd in its place took about 15% less CPU time (21 against
 * 25 ms at 500,000 steps); the estimate stays, being the technique these
 * programs are known for, at 0.4x the c rung's time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rungs/_native/rung_main.h"
#include "rungs/c-simd/cpu.h"

/* The sizes problems/nbody/problem.conf accepts. */
#define NBODY_MAX_STEPS 1000000000000LL

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODY_DT 0.01
#define NBODY_BODIES 5
#define NBODY_PAIRS (NBODY_BODIES * (NBODY_BODIES - 1) / 2)

typedef struct nbody_body {
    double x, y, z;
    double vx, vy, vz;
    double mass;
} nbody_body;

/* The Sun and the four gas giants, the Benchmarks Game's initial state:
 * positions in AU, velocities in AU per day (scaled to per year), masses
 * in solar masses (scaled by SOLAR_MASS). */
static const nbody_body nbody_initial[NBODY_BODIES] = {
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

/* Advances the bodies by `steps` steps of NBODY_DT. */
typedef void (*nbody_advance_fn)(nbody_body bodies[NBODY_BODIES], long long steps);

typedef struct nbody_state {
    long long steps;
    nbody_advance_fn advance;
    double energy_before;
    double energy_after;
} nbody_state;

static void nbody_offset_momentum(nbody_body bodies[NBODY_BODIES])
{
    double px = 0.0, py = 0.0, pz = 0.0;

    for (int i = 0; i < NBODY_BODIES; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double nbody_energy(const nbody_body bodies[NBODY_BODIES])
{
    double e = 0.0;

    for (int i = 0; i < NBODY_BODIES; i++) {
        const nbody_body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NBODY_BODIES; j++) {
            const nbody_body *b2 = &bodies[j];
            double dx = b->x - b2->x;
            double dy = b->y - b2->y;
            double dz = b->z - b2->z;
            e -= (b->mass * b2->mass) / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

/* The portable step: the reference's pair loop. */
static void nbody_advance_portable(nbody_body bodies[NBODY_BODIES], long long steps)
{
    for (long long s = 0; s < steps; s++) {
        for (int i = 0; i < NBODY_BODIES; i++) {
            nbody_body *b = &bodies[i];
            for (int j = i + 1; j < NBODY_BODIES; j++) {
                nbody_body *b2 = &bodies[j];
                double dx = b->x - b2->x;
                double dy = b->y - b2->y;
                double dz = b->z - b2->z;
                double distance = sqrt(dx * dx + dy * dy + dz * dz);
                double mag = NBODY_DT / (distance * distance * distance);
                b->vx -= dx * b2->mass * mag;
                b->vy -= dy * b2->mass * mag;
                b->vz -= dz * b2->mass * mag;
                b2->vx += dx * b->mass * mag;
                b2->vy += dy * b->mass * mag;
                b2->vz += dz * b->mass * mag;
            }
        }
        for (int i = 0; i < NBODY_BODIES; i++) {
            bodies[i].x += NBODY_DT * bodies[i].vx;
            bodies[i].y += NBODY_DT * bodies[i].vy;
            bodies[i].z += NBODY_DT * bodies[i].vz;
        }
    }
}

#if CSIMD_X86
/* Doubles per AVX2 vector, and the vectors that hold the 10 pairs' values
 * (the last one has two lanes of padding). */
#define NBODY_LANES 4
#define NBODY_PAIR_VECTORS ((NBODY_PAIRS + NBODY_LANES - 1) / NBODY_LANES)
#define NBODY_PADDED_PAIRS (NBODY_PAIR_VECTORS * NBODY_LANES)

/* Newton-Raphson steps after the estimate: _mm_rsqrt_ps is good to 12 bits
 * (relative error at most 1.5 * 2^-12), and each step doubles the correct
 * bits: 12 -> 24 -> 48 -> 53 (all of a double's). Two steps, as most
 * Benchmarks Game programs take, leave about 2^-46 (the energies agreed to
 * 1e-13 either way; the third step cost about 10%). */
#define NBODY_NEWTON_STEPS 3

/* 1/sqrt(x) for four positive doubles. The estimate goes through float,
 * whose range (1e-38 to 1e38) holds any squared distance of this system
 * (tens to thousands of AU^2). */
CSIMD_AVX2 static __m256d nbody_rsqrt(__m256d x)
{
    const __m256d three_halves = _mm256_set1_pd(1.5);
    const __m256d half_x = _mm256_mul_pd(_mm256_set1_pd(0.5), x);
    __m256d y = _mm256_cvtps_pd(_mm_rsqrt_ps(_mm256_cvtpd_ps(x)));

    /* y' = y (3/2 - x/2 y^2): the Newton step for f(y) = 1/y^2 - x. */
    for (int i = 0; i < NBODY_NEWTON_STEPS; i++)
        y = _mm256_mul_pd(y, _mm256_fnmadd_pd(half_x, _mm256_mul_pd(y, y), three_halves));
    return y;
}

/* The squared lengths of four (x, y, z, 0) vectors, as one vector. */
CSIMD_AVX2 static __m256d nbody_squared_lengths(const __m256d d[NBODY_LANES])
{
    /* hadd pairs neighbours within each 128-bit half: t01 = (x0+y0, x1+y1,
     * z0, z1), t23 = (x2+y2, x3+y3, z2, z3). A blend and one lane-crossing
     * permute put each z under its x+y. */
    __m256d t01 = _mm256_hadd_pd(_mm256_mul_pd(d[0], d[0]), _mm256_mul_pd(d[1], d[1]));
    __m256d t23 = _mm256_hadd_pd(_mm256_mul_pd(d[2], d[2]), _mm256_mul_pd(d[3], d[3]));
    __m256d xy0_xy1_z2_z3 = _mm256_blend_pd(t01, t23, 0xC);
    __m256d z0_z1_xy2_xy3 = _mm256_permute2f128_pd(t01, t23, 0x21);
    return _mm256_add_pd(xy0_xy1_z2_z3, z0_z1_xy2_xy3);
}

CSIMD_AVX2 static void nbody_advance_avx2(nbody_body bodies[NBODY_BODIES], long long steps)
{
    __m256d pos[NBODY_BODIES], vel[NBODY_BODIES];
    /* Per pair lane: the mass of its first and of its second body (0 in
     * the padding). */
    double mass_i[NBODY_PADDED_PAIRS] = {0}, mass_j[NBODY_PADDED_PAIRS] = {0};
    __m256d mass_i_v[NBODY_PAIR_VECTORS], mass_j_v[NBODY_PAIR_VECTORS];
    const __m256d dt = _mm256_set1_pd(NBODY_DT);
    int k = 0;

    for (int i = 0; i < NBODY_BODIES; i++) {
        pos[i] = _mm256_setr_pd(bodies[i].x, bodies[i].y, bodies[i].z, 0);
        vel[i] = _mm256_setr_pd(bodies[i].vx, bodies[i].vy, bodies[i].vz, 0);
        for (int j = i + 1; j < NBODY_BODIES; j++, k++) {
            mass_i[k] = bodies[i].mass;
            mass_j[k] = bodies[j].mass;
        }
    }
    for (int g = 0; g < NBODY_PAIR_VECTORS; g++) {
        mass_i_v[g] = _mm256_loadu_pd(&mass_i[g * NBODY_LANES]);
        mass_j_v[g] = _mm256_loadu_pd(&mass_j[g * NBODY_LANES]);
    }

    for (long long s = 0; s < steps; s++) {
        __m256d d[NBODY_PADDED_PAIRS];
        /* Per pair: dt/distance^3 times the other body's mass, the factor
         * of its difference vector in each body's velocity change. */
        double kick_i[NBODY_PADDED_PAIRS], kick_j[NBODY_PADDED_PAIRS];

        k = 0;
        for (int i = 0; i < NBODY_BODIES; i++)
            for (int j = i + 1; j < NBODY_BODIES; j++)
                d[k++] = _mm256_sub_pd(pos[i], pos[j]);
        /* Padding pairs get a unit length, so that no lane computes
         * 1/sqrt(0); their kicks are never used. */
        for (; k < NBODY_PADDED_PAIRS; k++)
            d[k] = _mm256_setr_pd(1, 0, 0, 0);

        for (int g = 0; g < NBODY_PAIR_VECTORS; g++) {
            __m256d r = nbody_rsqrt(nbody_squared_lengths(&d[g * NBODY_LANES]));
            __m256d mag = _mm256_mul_pd(_mm256_mul_pd(dt, r), _mm256_mul_pd(r, r));
            _mm256_storeu_pd(&kick_i[g * NBODY_LANES], _mm256_mul_pd(mag, mass_j_v[g]));
            _mm256_storeu_pd(&kick_j[g * NBODY_LANES], _mm256_mul_pd(mag, mass_i_v[g]));
        }

        k = 0;
        for (int i = 0; i < NBODY_BODIES; i++)
            for (int j = i + 1; j < NBODY_BODIES; j++, k++) {
                vel[i] = _mm256_fnmadd_pd(d[k], _mm256_broadcast_sd(&kick_i[k]), vel[i]);
                vel[j] = _mm256_fmadd_pd(d[k], _mm256_broadcast_sd(&kick_j[k]), vel[j]);
            }
        for (int i = 0; i < NBODY_BODIES; i++)
            pos[i] = _mm256_fmadd_pd(dt, vel[i], pos[i]);
    }

    for (int i = 0; i < NBODY_BODIES; i++) {
        double p[NBODY_LANES], v[NBODY_LANES];
        _mm256_storeu_pd(p, pos[i]);
        _mm256_storeu_pd(v, vel[i]);
        bodies[i].x = p[0], bodies[i].y = p[1], bodies[i].z = p[2];
        bodies[i].vx = v[0], bodies[i].vy = v[1], bodies[i].vz = v[2];
    }
}
#endif

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
    st->advance = nbody_advance_portable;
#if CSIMD_X86
    if (csimd_use_avx2())
        st->advance = nbody_advance_avx2;
#endif
    *state = st;
    return 0;
}

/* The whole program's work, from the initial state: each run starts over. */
static int nbody_run(void *state, rung_error *err)
{
    nbody_state *st = state;
    nbody_body bodies[NBODY_BODIES];

    (void)err;
    memcpy(bodies, nbody_initial, sizeof bodies);
    nbody_offset_momentum(bodies);
    st->energy_before = nbody_energy(bodies);
    st->advance(bodies, st->steps);
    st->energy_after = nbody_energy(bodies);
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

RUNG_PROBLEM(nbody, "nbody", nbody_setup, nbody_run, nbody_write,
             nbody_teardown);
