/* python.c - choosing and describing the interpreter (see python.h). */
#include "harness/python.h"

#include <cjson/cJSON.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/fs.h"
#include "harness/proc.h"

/* Minor versions of Python 3 looked for on PATH, newest first. */
#define PYTHON_NEWEST_MINOR 20
#define PYTHON_OLDEST_MINOR 8

/* Printed by the interpreter itself: everything the harness records. */
static const char PROBE[] =
    "import json, os, sys, sysconfig\n"
    "inc = sysconfig.get_paths().get('include') or ''\n"
    "print(json.dumps({'executable': sys.executable,\n"
    " 'version': '%d.%d.%d' % sys.version_info[:3],\n"
    " 'implementation': sys.implementation.name,\n"
    " 'build_flags': sysconfig.get_config_var('CONFIG_ARGS') or '',\n"
    " 'compiler': sysconfig.get_config_var('CC') or '',\n"
    " 'has_headers': os.path.exists(os.path.join(inc, 'Python.h')),\n"
    " 'free_threaded': bool(sysconfig.get_config_var('Py_GIL_DISABLED'))}))\n";

static char *json_string(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return strdup(cJSON_IsString(v) ? v->valuestring : "");
}

/* Runs the probe with command; fills *out on success. */
static int probe(const char *command, python_info *out)
{
    buf cmd = BUF_INIT, text = BUF_INIT;
    int status = -1;
    cJSON *doc = NULL;
    if (proc_shell_quote(&cmd, command) != 0 || buf_puts(&cmd, " -c ") != 0 ||
        proc_shell_quote(&cmd, PROBE) != 0)
        goto cleanup;
    if (proc_capture(cmd.data, NULL, 0, &text) != 0 || text.len == 0)
        goto cleanup;
    doc = cJSON_Parse(text.data);
    if (doc == NULL)
        goto cleanup;
    memset(out, 0, sizeof *out);
    out->command = strdup(command);
    out->executable = json_string(doc, "executable");
    out->version = json_string(doc, "version");
    out->implementation = json_string(doc, "implementation");
    out->build_flags = json_string(doc, "build_flags");
    out->compiler = json_string(doc, "compiler");
    out->has_headers = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "has_headers"));
    out->free_threaded = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "free_threaded"));
    status = 0;
cleanup:
    cJSON_Delete(doc);
    buf_release(&cmd);
    buf_release(&text);
    return status;
}

/* Orders versions "3.13.0" numerically; returns <0, 0, >0. */
static int compare_versions(const char *a, const char *b)
{
    int x[3] = {0}, y[3] = {0};
    sscanf(a, "%d.%d.%d", &x[0], &x[1], &x[2]);
    sscanf(b, "%d.%d.%d", &y[0], &y[1], &y[2]);
    for (int i = 0; i < 3; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

/* Considers one candidate; keeps it in *best if it is a newer CPython. */
static void consider(const char *command, python_info *best, int *found)
{
    python_info info;
    if (probe(command, &info) != 0)
        return;
    int usable = strcmp(info.implementation, "cpython") == 0 && !info.free_threaded;
    if (usable && (!*found || compare_versions(info.version, best->version) > 0)) {
        if (*found)
            python_info_release(best);
        *best = info;
        *found = 1;
    } else {
        python_info_release(&info);
    }
}

static int find_newest(python_info *out)
{
    int found = 0;
    char name[32];
    for (int minor = PYTHON_NEWEST_MINOR; minor >= PYTHON_OLDEST_MINOR; minor--) {
        snprintf(name, sizeof name, "python3.%d", minor);
        buf path = BUF_INIT;
        if (proc_which(name, &path) == 0)
            consider(path.data, out, &found);
        buf_release(&path);
    }
    const char *home = getenv("HOME");
    if (home != NULL) {
        buf pattern = BUF_INIT;
        buf_printf(&pattern, "%s/.pyenv/versions/*/bin/python3", home);
        glob_t g;
        if (glob(pattern.data, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                consider(g.gl_pathv[i], out, &found);
            globfree(&g);
        }
        buf_release(&pattern);
    }
    if (!found)
        consider("python3", out, &found);
    return found ? 0 : -1;
}

int python_find(const char *requested, const char *root, python_info *out, buf *why)
{
    memset(out, 0, sizeof *out);
    if (requested == NULL)
        requested = getenv("LADDER_PYTHON");
    if (requested != NULL && *requested) {
        if (probe(requested, out) == 0)
            return 0;
        buf_printf(why, "cannot run the Python interpreter '%s'", requested);
        return -1;
    }
    buf venv = BUF_INIT;
    buf_printf(&venv, "%s/.venv/bin/python", root);
    int status = -1;
    if (fs_exists(venv.data) && probe(venv.data, out) == 0)
        status = 0;
    else if (find_newest(out) == 0)
        status = 0;
    else
        buf_puts(why, "no CPython 3 interpreter found on PATH or under ~/.pyenv");
    buf_release(&venv);
    return status;
}

int python_has_module(const python_info *py, const char *module)
{
    buf cmd = BUF_INIT, ignored = BUF_INIT;
    proc_shell_quote(&cmd, py->command);
    buf_puts(&cmd, " -c ");
    buf code = BUF_INIT;
    buf_printf(&code, "import %s", module);
    proc_shell_quote(&cmd, code.data);
    int ok = proc_capture(cmd.data, NULL, 0, &ignored) == 0;
    buf_release(&cmd);
    buf_release(&code);
    buf_release(&ignored);
    return ok;
}

void python_info_release(python_info *py)
{
    free(py->command);
    free(py->executable);
    free(py->version);
    free(py->implementation);
    free(py->build_flags);
    free(py->compiler);
    memset(py, 0, sizeof *py);
}
