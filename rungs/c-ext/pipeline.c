/*
 * pipeline.c - the `pipeline` extension module: the JSON event pipeline
 * (shared/spec/pipeline.md) run by the project's engine (engine/pipeline.h)
 * behind the CPython C API.
 *
 *     >>> import pipeline
 *     >>> result = pipeline.pipeline(open("events.json", "rb").read())
 *     >>> result["total_users"], result["users"][0]["top_page"]
 *     (4986, '/about')
 *
 * The engine reads the caller's bytes in place (buffer protocol, no copy)
 * with the GIL released, and never builds Python objects for events: only
 * the final result becomes a dict, so this module measures what C buys when
 * the Python objects are built for the answer alone.
 *
 * Module state: the result's keys, interned once at import, so that each of
 * the result's thousands of dicts reuses them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "engine/pipeline.h"

/* The result's keys, in the order the spec writes them (section 3). */
enum pipelinemod_key {
    KEY_TOTAL_USERS,
    KEY_TOTAL_EVENTS,
    KEY_TOTAL_AMOUNT,          /* also a user's key */
    KEY_TOTAL_HIGH_VALUE,
    KEY_USERS,
    KEY_USER_ID,
    KEY_EVENT_COUNT,
    KEY_HIGH_VALUE_COUNT,
    KEY_DURATION_SECONDS,
    KEY_TOP_EVENT_TYPE,
    KEY_TOP_PAGE,
    KEY_COUNT
};

static const char *const pipelinemod_key_names[KEY_COUNT] = {
    [KEY_TOTAL_USERS] = "total_users",
    [KEY_TOTAL_EVENTS] = "total_events",
    [KEY_TOTAL_AMOUNT] = "total_amount",
    [KEY_TOTAL_HIGH_VALUE] = "total_high_value",
    [KEY_USERS] = "users",
    [KEY_USER_ID] = "user_id",
    [KEY_EVENT_COUNT] = "event_count",
    [KEY_HIGH_VALUE_COUNT] = "high_value_count",
    [KEY_DURATION_SECONDS] = "duration_seconds",
    [KEY_TOP_EVENT_TYPE] = "top_event_type",
    [KEY_TOP_PAGE] = "top_page",
};

typedef struct pipelinemod_state {
    PyObject *keys[KEY_COUNT];   /* interned str, owned */
} pipelinemod_state;

/* Borrowed: the module's state. */
static pipelinemod_state *
pipelinemod_get_state(PyObject *module)
{
    return (pipelinemod_state *)PyModule_GetState(module);
}

/* Sets dict[key] = value and releases value (a new reference, or NULL after
 * a failure, which is passed on). Returns 0, or -1 with an exception set. */
static int
pipelinemod_set_steal(PyObject *dict, PyObject *key, PyObject *value)
{
    int rc;

    if (value == NULL)
        return -1;
    rc = PyDict_SetItem(dict, key, value);
    Py_DECREF(value);
    return rc;
}

/* New reference: a str from the engine's UTF-8. The engine writes a lone
 * surrogate from a \u escape as its 3-byte encoding, which only the
 * "surrogatepass" handler reads back, as CPython's json module would. */
static PyObject *
pipelinemod_str(const char *s, size_t len)
{
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "surrogatepass");
}

/* New reference: one user's dict, keys in the spec's order. */
static PyObject *
pipelinemod_user_dict(const pipelinemod_state *st, const pipeline_user *u)
{
    PyObject *const *k = st->keys;
    PyObject *dict = PyDict_New();
    PyObject *result = NULL;

    if (dict == NULL)
        goto cleanup;
    if (pipelinemod_set_steal(dict, k[KEY_USER_ID],
                              PyLong_FromLongLong(u->user_id)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_EVENT_COUNT],
                              PyLong_FromLongLong(u->event_count)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_TOTAL_AMOUNT],
                              PyFloat_FromDouble(u->total_amount)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_HIGH_VALUE_COUNT],
                              PyLong_FromLongLong(u->high_value_count)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_DURATION_SECONDS],
                              PyFloat_FromDouble(u->duration_seconds)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_TOP_EVENT_TYPE],
                              pipelinemod_str(u->top_event_type,
                                              u->top_event_type_len)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_TOP_PAGE],
                              pipelinemod_str(u->top_page,
                                              u->top_page_len)) < 0)
        goto cleanup;
    result = dict;
    dict = NULL;

cleanup:
    Py_XDECREF(dict);
    return result;
}

/* New reference: the whole result as the spec's dict. */
static PyObject *
pipelinemod_result_dict(const pipelinemod_state *st, const pipeline_result *res)
{
    PyObject *const *k = st->keys;
    PyObject *dict = NULL, *users = NULL, *result = NULL;

    users = PyList_New((Py_ssize_t)res->user_count);
    if (users == NULL)
        goto cleanup;
    for (size_t i = 0; i < res->user_count; i++) {
        PyObject *user = pipelinemod_user_dict(st, &res->users[i]);
        if (user == NULL)
            goto cleanup;
        PyList_SET_ITEM(users, (Py_ssize_t)i, user);   /* steals user */
    }

    dict = PyDict_New();
    if (dict == NULL)
        goto cleanup;
    if (pipelinemod_set_steal(dict, k[KEY_TOTAL_USERS],
                              PyLong_FromLongLong(res->total_users)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_TOTAL_EVENTS],
                              PyLong_FromLongLong(res->total_events)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_TOTAL_AMOUNT],
                              PyFloat_FromDouble(res->total_amount)) < 0 ||
        pipelinemod_set_steal(dict, k[KEY_TOTAL_HIGH_VALUE],
                              PyLong_FromLongLong(res->total_high_value)) < 0)
        goto cleanup;
    if (PyDict_SetItem(dict, k[KEY_USERS], users) < 0)
        goto cleanup;
    result = dict;
    dict = NULL;

cleanup:
    Py_XDECREF(users);
    Py_XDECREF(dict);
    return result;
}

/* Sets the exception for a failed run: MemoryError when the engine ran out
 * of memory, otherwise ValueError naming the byte offset (and the event).
 * Returns NULL. */
static PyObject *
pipelinemod_raise(const pipeline_error *err)
{
    if (err->code == PIPELINE_ERR_MEMORY)
        return PyErr_NoMemory();
    char text[PIPELINE_ERROR_TEXT_MAX];
    pipeline_error_describe(err, text, sizeof text);
    return PyErr_Format(PyExc_ValueError, "%s", text);
}

PyDoc_STRVAR(pipelinemod_pipeline__doc__,
"pipeline($module, data, /)\n"
"--\n"
"\n"
"Run the JSON event pipeline over data, the events file's bytes (any\n"
"contiguous bytes-like object: bytes, bytearray, memoryview).\n"
"\n"
"Returns the result dict: total_users, total_events, total_amount,\n"
"total_high_value and users, a list of one dict per user sorted by user_id.\n"
"Raises ValueError, naming the byte offset and the event, if data is not\n"
"valid JSON or not an array of well-formed events; MemoryError if the\n"
"engine runs out of memory.");

/* Returns a new reference: the result dict. */
static PyObject *
pipelinemod_pipeline(PyObject *module, PyObject *arg)
{
    const pipelinemod_state *st = pipelinemod_get_state(module);
    pipeline_options opts = PIPELINE_OPTIONS_INIT;
    pipeline_error err = {.byte_offset = -1, .event_index = -1};
    pipeline_result *res = NULL;
    Py_buffer view;
    int have_view = 0;
    PyObject *result = NULL;

    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        goto cleanup;
    have_view = 1;

    /* The exported buffer cannot be resized or freed while we hold the view,
     * so other threads may run. */
    Py_BEGIN_ALLOW_THREADS
    res = pipeline_run_buffer(view.buf, (size_t)view.len, &opts, &err);
    Py_END_ALLOW_THREADS

    if (res == NULL) {
        pipelinemod_raise(&err);
        goto cleanup;
    }
    result = pipelinemod_result_dict(st, res);

cleanup:
    pipeline_result_free(res);
    if (have_view)
        PyBuffer_Release(&view);
    return result;
}

static PyMethodDef pipelinemod_methods[] = {
    {"pipeline", pipelinemod_pipeline, METH_O, pipelinemod_pipeline__doc__},
    {NULL, NULL, 0, NULL},
};

static int
pipelinemod_exec(PyObject *module)
{
    pipelinemod_state *st = pipelinemod_get_state(module);

    for (int i = 0; i < KEY_COUNT; i++) {
        st->keys[i] = PyUnicode_InternFromString(pipelinemod_key_names[i]);
        if (st->keys[i] == NULL)
            return -1;
    }
    return 0;
}

static int
pipelinemod_traverse(PyObject *module, visitproc visit, void *arg)
{
    pipelinemod_state *st = pipelinemod_get_state(module);

    for (int i = 0; i < KEY_COUNT; i++)
        Py_VISIT(st->keys[i]);
    return 0;
}

static int
pipelinemod_clear(PyObject *module)
{
    pipelinemod_state *st = pipelinemod_get_state(module);

    for (int i = 0; i < KEY_COUNT; i++)
        Py_CLEAR(st->keys[i]);
    return 0;
}

static void
pipelinemod_free(void *module)
{
    pipelinemod_clear((PyObject *)module);
}

static PyModuleDef_Slot pipelinemod_slots[] = {
    {Py_mod_exec, pipelinemod_exec},
#if PY_VERSION_HEX >= 0x030C0000
    /* All state is in the module: safe in every subinterpreter. */
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#if PY_VERSION_HEX >= 0x030D0000
    /* The keys are immutable and the engine shares nothing between calls. */
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

PyDoc_STRVAR(pipelinemod_module__doc__,
"The JSON event pipeline, run by the project's C engine through the\n"
"CPython C API.");

static struct PyModuleDef pipelinemod_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pipeline",
    .m_doc = pipelinemod_module__doc__,
    .m_size = sizeof(pipelinemod_state),
    .m_methods = pipelinemod_methods,
    .m_slots = pipelinemod_slots,
    .m_traverse = pipelinemod_traverse,
    .m_clear = pipelinemod_clear,
    .m_free = pipelinemod_free,
};

PyMODINIT_FUNC
PyInit_pipeline(void)
{
    return PyModuleDef_Init(&pipelinemod_module);
}
