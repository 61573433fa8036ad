/*
 * fannkuch_redux.c - the `fannkuch_redux` extension module: the Benchmarks
 * Game's fannkuch-redux (shared/spec/problems.md) in C behind the CPython
 * C API.
 *
 *     >>> import fannkuch_redux
 *     >>> fannkuch_redux.fannkuch_redux(7)
 *     (228, 16)
 *
 * All n! permutations are generated and flipped in C with the GIL released;
 * Python sees one call and one tuple. The computation is the c rung's
 * (rungs/c/fannkuch_redux_kernel.h), so the two rungs differ only in how
 * they are called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "rungs/c/fannkuch_redux_kernel.h"

PyDoc_STRVAR(fannkuch_redux_fannkuch_redux__doc__,
"fannkuch_redux($module, n, /)\n"
"--\n"
"\n"
"Flip every permutation of range(n), in the order of the Benchmarks Game's\n"
"count algorithm, until its first element is 0.\n"
"\n"
"Returns (checksum, maxflips) as ints: the flips summed with alternating\n"
"signs, and the most flips of any permutation. Raises ValueError unless\n"
"1 <= n <= 16, TypeError if n is not an integer.");

/* Returns a new reference: an (int, int) tuple. */
static PyObject *
fannkuch_redux_fannkuch_redux(PyObject *module, PyObject *arg)
{
    long long checksum;
    int max_flips;
    long n;

    (void)module;
    n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < FANNKUCH_MIN_N || n > FANNKUCH_MAX_N) {
        PyErr_Format(PyExc_ValueError, "n must be from %d to %d, not %ld",
                     FANNKUCH_MIN_N, FANNKUCH_MAX_N, n);
        return NULL;
    }

    Py_BEGIN_ALLOW_THREADS
    fannkuch_compute((int)n, &checksum, &max_flips);
    Py_END_ALLOW_THREADS

    return Py_BuildValue("(Li)", checksum, max_flips);
}

static PyMethodDef fannkuch_redux_methods[] = {
    {"fannkuch_redux", fannkuch_redux_fannkuch_redux, METH_O,
     fannkuch_redux_fannkuch_redux__doc__},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot fannkuch_redux_slots[] = {
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

PyDoc_STRVAR(fannkuch_redux_module__doc__,
"The Benchmarks Game's fannkuch-redux, written in C with the CPython C API.");

static struct PyModuleDef fannkuch_redux_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "fannkuch_redux",
    .m_doc = fannkuch_redux_module__doc__,
    .m_size = 0,
    .m_methods = fannkuch_redux_methods,
    .m_slots = fannkuch_redux_slots,
};

PyMODINIT_FUNC
PyInit_fannkuch_redux(void)
{
    return PyModuleDef_Init(&fannkuch_redux_module);
}
