/*
 * binary_trees.c - the `binary_trees` extension module: the Benchmarks
 * Game's binary-trees (shared/spec/problems.md) in C behind the CPython
 * C API.
 *
 *     >>> import binary_trees
 *     >>> binary_trees.binary_trees(10)
 *     [4095, 31744, 32512, 32704, 32752, 2047]
 *
 * Every tree is built, walked and freed in C with the GIL released: the
 * nodes are C structs from a pool per tree, not Python objects. Python
 * sees one call and one list of counts. The computation is the c rung's
 * (rungs/c/binary_trees_kernel.h), so the two rungs differ only in how they
 * are called.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "rungs/c/binary_trees_kernel.h"

PyDoc_STRVAR(binary_trees_binary_trees__doc__,
"binary_trees($module, n, /)\n"
"--\n"
"\n"
"Build, walk and free the Benchmarks Game's binary trees for n: a stretch\n"
"tree of depth max_depth + 1, a long-lived tree of depth max_depth, and\n"
"2 ** (max_depth - d + 4) trees of each depth d = 4, 6, ..., max_depth,\n"
"where max_depth = max(6, n).\n"
"\n"
"Returns the node counts as a list of ints: the stretch tree's, each depth's\n"
"sum, the long-lived tree's. Raises ValueError unless 0 <= n <= 24,\n"
"TypeError if n is not an integer, MemoryError if the trees do not fit.");

/* Returns a new reference: a list of ints. */
static PyObject *
binary_trees_binary_trees(PyObject *module, PyObject *arg)
{
    long long checks[BINARY_TREES_MAX_CHECKS];
    size_t count = 0;
    int status;
    long n;
    PyObject *result = NULL;

    (void)module;
    n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred())
        goto cleanup;
    if (n < BINARY_TREES_MIN_N || n > BINARY_TREES_MAX_N) {
        PyErr_Format(PyExc_ValueError, "n must be from %d to %d, not %ld",
                     BINARY_TREES_MIN_N, BINARY_TREES_MAX_N, n);
        goto cleanup;
    }

    Py_BEGIN_ALLOW_THREADS
    status = binary_trees_compute((int)n, checks, &count);
    Py_END_ALLOW_THREADS

    if (status != 0) {
        PyErr_NoMemory();
        goto cleanup;
    }
    result = PyList_New((Py_ssize_t)count);
    if (result == NULL)
        goto cleanup;
    for (size_t i = 0; i < count; i++) {
        PyObject *check = PyLong_FromLongLong(checks[i]);
        if (check == NULL) {
            Py_CLEAR(result);
            goto cleanup;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, check);   /* steals the reference */
    }

cleanup:
    return result;
}

static PyMethodDef binary_trees_methods[] = {
    {"binary_trees", binary_trees_binary_trees, METH_O, binary_trees_binary_trees__doc__},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot binary_trees_slots[] = {
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

PyDoc_STRVAR(binary_trees_module__doc__,
"The Benchmarks Game's binary-trees, written in C with the CPython C API.");

static struct PyModuleDef binary_trees_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "binary_trees",
    .m_doc = binary_trees_module__doc__,
    .m_size = 0,
    .m_methods = binary_trees_methods,
    .m_slots = binary_trees_slots,
};

PyMODINIT_FUNC
PyInit_binary_trees(void)
{
    return PyModuleDef_Init(&binary_trees_module);
}
