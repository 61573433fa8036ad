/*
 * nbody.c - the `nbody` extension module: the Benchmarks Game's n-body
 * (shared/spec/problems.md) in C behind the CPython C API.
 *
 *     >>> import nbody
 *     >>> nbody.nbody(1000)
 *     (-0.16907516382852447, -0.16908760523460614)
 *
 * The whole integration runs in C with the GIL released; Python sees one
 * call and one tuple. The computation is the c rung's
 * (rungs/c/nbody_kernel.h), so the two rungs differ only in how they are
 * called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "rungs/c/nbody_kernel.h"

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
    nbody_simulate(steps, &before, &after);
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
