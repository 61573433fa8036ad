/*
 * mandelbrot.c - the `mandelbrot` extension module: the Benchmarks Game's
 * mandelbrot (shared/spec/problems.md) in C behind the CPython C API.
 *
 *     >>> import mandelbrot
 *     >>> rows = mandelbrot.mandelbrot(200)
 *     >>> len(rows)                  # 200 rows of 25 bytes, no PBM header
 *     5000
 *
 * The bytes object is allocated with the GIL held and filled with it
 * released: until the call returns, no other thread can see the object.
 * The computation is the c rung's (rungs/c/mandelbrot_kernel.h), so the two
 * rungs differ only in how they are called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "rungs/c/mandelbrot_kernel.h"

PyDoc_STRVAR(mandelbrot_mandelbrot__doc__,
"mandelbrot($module, n, /)\n"
"--\n"
"\n"
"Compute the n x n bitmap of the Mandelbrot set over [-1.5, 0.5] x [-1, 1],\n"
"50 iterations.\n"
"\n"
"Returns the n rows as bytes, (n + 7) // 8 bytes each, most significant bit\n"
"first, without the PBM header. Raises ValueError unless 1 <= n <= 32000,\n"
"TypeError if n is not an integer.");

/* Returns a new reference: a bytes object. */
static PyObject *
mandelbrot_mandelbrot(PyObject *module, PyObject *arg)
{
    PyObject *rows;
    long n;

    (void)module;
    n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < MANDELBROT_MIN_N || n > MANDELBROT_MAX_N) {
        PyErr_Format(PyExc_ValueError, "n must be from %d to %d, not %ld",
                     MANDELBROT_MIN_N, MANDELBROT_MAX_N, n);
        return NULL;
    }
    rows = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)MANDELBROT_ROWS_BYTES(n));
    if (rows == NULL)
        return NULL;

    Py_BEGIN_ALLOW_THREADS
    mandelbrot_compute((int)n, (unsigned char *)PyBytes_AS_STRING(rows));
    Py_END_ALLOW_THREADS

    return rows;
}

static PyMethodDef mandelbrot_methods[] = {
    {"mandelbrot", mandelbrot_mandelbrot, METH_O, mandelbrot_mandelbrot__doc__},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot mandelbrot_slots[] = {
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

PyDoc_STRVAR(mandelbrot_module__doc__,
"The Benchmarks Game's mandelbrot, written in C with the CPython C API.");

static struct PyModuleDef mandelbrot_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "mandelbrot",
    .m_doc = mandelbrot_module__doc__,
    .m_size = 0,
    .m_methods = mandelbrot_methods,
    .m_slots = mandelbrot_slots,
};

PyMODINIT_FUNC
PyInit_mandelbrot(void)
{
    return PyModuleDef_Init(&mandelbrot_module);
}
