/*
 * reference.c - the trusted n-body (shared/spec/problems.md): the output
 * every rung is verified against, for sizes problem.conf stores no answer
 * for.
 *
 *     reference STEPS    prints the energy before and after, %.9f, one a line
 *
 * Plain C, one thread, the Benchmarks Game's algorithm written for clarity
 * rather than speed: five bodies, the momentum offset onto the Sun, then
 * STEPS steps of the symplectic integrator over the ten pairs. Built with
 * -ffp-contract=off (problem.conf), so that no fused multiply-add changes a
 * rounding, on any target. Nothing is shared with the rungs. A bad argument
 * prints a message on stderr and exits 2.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The argument's range, as problem.conf declares it: 10^12 steps is days
 * of work. */
#define MIN_STEPS 0LL
#define MAX_STEPS 1000000000000LL

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define DT 0.01
#define BODIES 5

typedef struct body {
    double position[3];
    double velocity[3];   /* AU per year */
    double mass;          /* in units where the Sun's is SOLAR_MASS */
} body;

/* The Sun, Jupiter, Saturn, Uranus and Neptune: positions in AU,
 * velocities in AU per day (scaled to per year below), masses in solar
 * masses (scaled by SOLAR_MASS below), the Benchmarks Game's values. */
static const body INITIAL[BODIES] = {
    {{0, 0, 0}, {0, 0, 0}, 1},
    {{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01},
     {1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05},
     9.54791938424326609e-04},
    {{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01},
     {-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05},
     2.85885980666130812e-04},
    {{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01},
     {2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05},
     4.36624404335156298e-05},
    {{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01},
     {2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05},
     5.15138902046611451e-05},
};

static void start(body *bodies)
{
    double momentum[3] = {0, 0, 0};

    for (int i = 0; i < BODIES; i++) {
        bodies[i] = INITIAL[i];
        for (int k = 0; k < 3; k++)
            bodies[i].velocity[k] *= DAYS_PER_YEAR;
        bodies[i].mass *= SOLAR_MASS;
    }
    /* The Sun moves so that the system's momentum is zero. */
    for (int i = 0; i < BODIES; i++)
        for (int k = 0; k < 3; k++)
            momentum[k] += bodies[i].velocity[k] * bodies[i].mass;
    for (int k = 0; k < 3; k++)
        bodies[0].velocity[k] = -momentum[k] / SOLAR_MASS;
}

static double distance(const body *a, const body *b, double d[3])
{
    for (int k = 0; k < 3; k++)
        d[k] = a->position[k] - b->position[k];
    return sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
}

static double energy(const body *bodies)
{
    double e = 0.0, d[3];

    for (int i = 0; i < BODIES; i++) {
        const double *v = bodies[i].velocity;
        e += 0.5 * bodies[i].mass * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for (int j = i + 1; j < BODIES; j++)
            e -= bodies[i].mass * bodies[j].mass / distance(&bodies[i], &bodies[j], d);
    }
    return e;
}

static void advance(body *bodies)
{
    double d[3];

    for (int i = 0; i < BODIES; i++) {
        for (int j = i + 1; j < BODIES; j++) {
            double r = distance(&bodies[i], &bodies[j], d);
            double magnitude = DT / (r * r * r);
            for (int k = 0; k < 3; k++) {
                bodies[i].velocity[k] -= d[k] * bodies[j].mass * magnitude;
                bodies[j].velocity[k] += d[k] * bodies[i].mass * magnitude;
            }
        }
    }
    for (int i = 0; i < BODIES; i++)
        for (int k = 0; k < 3; k++)
            bodies[i].position[k] += DT * bodies[i].velocity[k];
}

int main(int argc, char **argv)
{
    body bodies[BODIES];
    char *end = NULL;
    long long steps;

    if (argc != 2) {
        fprintf(stderr, "usage: %s STEPS\n", argv[0]);
        return 2;
    }
    errno = 0;
    steps = strtoll(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || errno != 0 || steps < MIN_STEPS ||
        steps > MAX_STEPS) {
        fprintf(stderr, "error: '%s' is not an integer from %lld to %lld\n", argv[1],
                MIN_STEPS, MAX_STEPS);
        return 2;
    }
    start(bodies);
    printf("%.9f\n", energy(bodies));
    for (long long i = 0; i < steps; i++)
        advance(bodies);
    printf("%.9f\n", energy(bodies));
    return fflush(stdout) == 0 ? 0 : 1;
}
