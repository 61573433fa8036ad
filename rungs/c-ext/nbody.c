/*
 * nbody.c - the `nbody` extension module: the Benchmarks Game's n-body
 * (shared/spec/problems.md) in C behind the CPython C API.
 *
 *     >>> import nbody
 *     >>> nbody.nbody(1000)
 *     (-0.16907516382852447, -0.16908760523460614)
 *
 * The whole integration runs in C with the GIL released; Python sees one
 * call and one tuple. The loop is the c rung's, line for line, so the two
 * rungs differ only in how they are called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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

PyDoc_STRVAR(nbody_nbody__doc__,
"nbody($module, steps, /)\n"
"--\n"
"\n"
"Integrate the five-body system for `steps` steps of dt = 0.01.\n"
"\n"
"Returns (energy_before, energy_after) as floats. Raises ValueError if\n"
"steps is negative, TypeError if it is not an integer.");

/* Returns a new reference: a (float, float) tuple. */
static PyObject *
nbody_nbody(PyObject *module, PyObject *arg)
{
    struct planet bodies[NBODY_BODIES];
    double before, after;
    long long steps;

    (void)module;
    steps = PyLong_AsLongLong(arg);
    if (steps == -1 && PyErr_Occurred())
        return NULL;
    if (steps < 0) {
        PyErr_SetString(PyExc_ValueError, "steps must not be negative");
        return NULL;
    }

    Py_BEGIN_ALLOW_THREADS
    memcpy(bodies, nbody_initial, sizeof bodies);
    offset_momentum(NBODY_BODIES, bodies);
    before = energy(NBODY_BODIES, bodies);
    for (long long i = 0; i < steps; i++)
        advance(NBODY_BODIES, bodies, NBODY_DT);
    after = energy(NBODY_BODIES, bodies);
    Py_END_ALLOW_THREADS

    return Py_BuildValue("(dd)", before, after);
}

static PyMethodDef nbody_methods[] = {
    {"nbody", nbody_nbody, METH_O, nbody_nbody__doc__},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot nbody_slots[] = {
#if PY_VERSION_HEX >= 0x030C0000
    /* No global state: safe in every subinterpreter. */
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    /* Touches no Python object without holding a reference of its own. */
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

PyDoc_STRVAR(nbody_module__doc__,
"The Benchmarks Game's n-body, written in C with the CPython C API.");

static struct PyModuleDef nbody_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "nbody",
    .m_doc = nbody_module__doc__,
    .m_size = 0,
    .m_methods = nbody_methods,
    .m_slots = nbody_slots,
};

PyMODINIT_FUNC
PyInit_nbody(void)
{
    return PyModuleDef_Init(&nbody_module);
}
