/*
 * spectral_norm.c - the `spectral_norm` extension module: the Benchmarks
 * Game's spectral-norm (shared/spec/problems.md) in C behind the CPython
 * C API.
 *
 *     >>> import spectral_norm
 *     >>> spectral_norm.spectral_norm(100)
 *     1.2742199912349306
 *
 * The vectors are allocated with the GIL held, the power iteration runs with
 * it released. The arithmetic is the c rung's (rungs/c/spectral_norm_kernel.h),
 * so the two rungs differ only in how they are called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "rungs/c/spectral_norm_kernel.h"

PyDoc_STRVAR(spectral_norm_spectral_norm__doc__,
"spectral_norm($module, n, /)\n"
"--\n"
"\n"
"Return the spectral norm of the n x n matrix\n"
"A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1), after 10 rounds of the power\n"
"iteration, as a float.\n"
"\n"
"Raises ValueError unless 1 <= n <= 23000, TypeError if n is not an integer.");

/* Returns a new reference: a float. */
static PyObject *
spectral_norm_spectral_norm(PyObject *module, PyObject *arg)
{
    double *u = NULL, *v = NULL, *tmp = NULL;
    double norm;
    long n;
    PyObject *result = NULL;

    (void)module;
    n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        goto cleanup;
    if (n < 1 || n > SPECTRAL_MAX_N) {
        PyErr_Format(PyExc_ValueError, "n must be from 1 to %d, not %ld",
                     SPECTRAL_MAX_N, n);
        goto cleanup;
    }
    u = PyMem_New(double, n);
    v = PyMem_New(double, n);
    tmp = PyMem_New(double, n);
    if (u == NULL || v == NULL || tmp == NULL) {
        PyErr_NoMemory();
        goto cleanup;
    }

    Py_BEGIN_ALLOW_THREADS
    norm = spectral_compute((int)n, u, v, tmp);
    Py_END_ALLOW_THREADS

    result = PyFloat_FromDouble(norm);

cleanup:
    PyMem_Free(u);
    PyMem_Free(v);
    PyMem_Free(tmp);
    return result;
}

static PyMethodDef spectral_norm_methods[] = {
    {"spectral_norm", spectral_norm_spectral_norm, METH_O,
     spectral_norm_spectral_norm__doc__},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot spectral_norm_slots[] = {
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

PyDoc_STRVAR(spectral_norm_module__doc__,
"The Benchmarks Game's spectral-norm, written in C with the CPython C API.");

static struct PyModuleDef spectral_norm_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "spectral_norm",
    .m_doc = spectral_norm_module__doc__,
    .m_size = 0,
    .m_methods = spectral_norm_methods,
    .m_slots = spectral_norm_slots,
};

PyMODINIT_FUNC
PyInit_spectral_norm(void)
{
    return PyModuleDef_Init(&spectral_norm_module);
}
