/* venv.c - an environment per interpreter, with each rung's packages (see venv.h). */
#include "harness/venv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "harness/child.h"
#include "harness/digest.h"
#include "harness/fs.h"
#include "harness/interrupt.h"
#include "harness/schema.h"

#define NS_PER_SEC 1000000000LL
/* pip may compile a package from source (Nuitka ships as one). */
#define PIP_TIMEOUT_NS (1800 * NS_PER_SEC)
#define VENV_TIMEOUT_NS (300 * NS_PER_SEC)
#define REQUIREMENTS "requirements.txt"
/* The most arguments one pip install is given. */
#define VENV_MAX_PIP_ARGS 48
/* How much of pip's complaint a skip reason shows. */
#define PIP_ERROR_SHOWN 240

/* The key of an install: what was asked and against which pins. */
static void install_key(const char *root, const char *packages, char key[DIGEST_HEX_SIZE])
{
    buf text = BUF_INIT, path = BUF_INIT;
    buf_printf(&path, "%s/%s", root, REQUIREMENTS);
    buf_printf(&text, "%s\n", packages);
    fs_read_file(path.data, &text);
    digest_sha256_hex(text.data, text.len, key);
    buf_release(&text);
    buf_release(&path);
}

/* The most telling line of pip's log: the last one that says ERROR, else
 * the last non-empty one. */
static void pip_verdict(const char *log_path, buf *why)
{
    buf log = BUF_INIT;
    fs_read_file(log_path, &log);
    const char *best = NULL, *last = NULL;
    for (const char *line = log.data; line && *line;) {
        size_t len = strcspn(line, "\n");
        if (len > 0) {
            last = line;
            if (strncmp(line, "ERROR", 5) == 0)
                best = line;
        }
        line += len + (line[len] == '\n');
    }
    const char *shown = best ? best : last;
    if (shown)
        buf_printf(why, ": %.*s", (int)(strcspn(shown, "\n") > PIP_ERROR_SHOWN ? PIP_ERROR_SHOWN
                                        : strcspn(shown, "\n")), shown);
    buf_release(&log);
}

/* How a logged command ended. */
typedef enum run_end {
    RUN_OK,
    RUN_FAILED,          /* a non-zero exit, or it could not start (why says) */
    RUN_TIMED_OUT,
    RUN_INTERRUPTED      /* ladder itself was stopped: says nothing about the command */
} run_end;

/* Runs argv with output appended to log_path. */
static run_end run_logged(const char *const *argv, const char *const *env, const char *log_path,
                          int64_t timeout_ns, buf *why)
{
    child c = CHILD_INIT;
    c.argv = argv;
    c.env = env;
    c.out = CHILD_FILE;
    c.out_path = log_path;
    c.err = CHILD_TO_STDOUT;
    run_end end = RUN_FAILED;
    if (child_start(&c, why) == 0) {
        if (!child_wait(&c, child_now_ns() + timeout_ns)) {
            child_kill(&c);
            end = interrupt_signal() ? RUN_INTERRUPTED : RUN_TIMED_OUT;
        } else if (child_exit_code(&c) == 0) {
            end = RUN_OK;
        } else if (interrupt_signal()) {
            end = RUN_INTERRUPTED;
        }
    }
    child_release(&c);
    return end;
}

/* Appends how a failed command ended to why. */
static void say_end(run_end end, buf *why)
{
    if (end == RUN_TIMED_OUT)
        buf_puts(why, ": timed out");
    else if (end == RUN_INTERRUPTED)
        buf_puts(why, ": interrupted");
}

/* Makes sure the environment of interp has what `what` installs (pip
 * arguments after the constraints), recorded under `label`; the key of the
 * install is key_text (what was asked, and the files it depends on). */
static venv_status ensure(const char *root, const interpreter *interp, const char *label,
                          const char *describe, const char *key_text, const char *const *what,
                          buf *python, buf *why)
{
    buf dir = BUF_INIT, py = BUF_INIT, stamp = BUF_INIT, failed = BUF_INIT, log = BUF_INIT;
    buf text = BUF_INIT, reqs = BUF_INIT, name = BUF_INIT;
    venv_status status = VENV_UNAVAILABLE;
    char key[DIGEST_HEX_SIZE];
    interpreter_name(interp, &name);
    buf_printf(&dir, "%s/.venvs/%s", root, interp->id);
    buf_printf(&py, "%s/bin/python", dir.data);
    buf_printf(&stamp, "%s/.ladder/%s.installed", dir.data, label);
    buf_printf(&failed, "%s/.ladder/%s.failed", dir.data, label);
    buf_printf(&log, "%s/build/logs/pip-%s-%s.log", root, interp->id, label);
    buf_printf(&reqs, "%s/%s", root, REQUIREMENTS);
    install_key(root, key_text, key);

    if (strcmp(interp->implementation, "graalpy") == 0) {
        buf_printf(why, "packages for %s are not installed by the project (GraalPy from Maven has "
                   "no pip of its own here)", name.data);
        goto cleanup;
    }
    if (fs_read_file(stamp.data, &text) == 0 && strncmp(text.data ? text.data : "", key,
                                                        DIGEST_HEX_SIZE - 1) == 0) {
        status = VENV_READY;
        goto cleanup;
    }
    buf_clear(&text);
    if (fs_read_file(failed.data, &text) == 0 && text.len > DIGEST_HEX_SIZE &&
        strncmp(text.data, key, DIGEST_HEX_SIZE - 1) == 0) {
        buf_puts(why, text.data + DIGEST_HEX_SIZE);
        goto cleanup;
    }
    fs_make_parent_dirs(log.data);
    remove(log.data);
    if (!fs_exists(py.data)) {
        fprintf(stderr, "ladder: creating the environment for %s: %s\n", name.data, dir.data);
        const char *argv[] = {interp->executable, "-m", "venv", dir.data, NULL};
        run_end end = run_logged(argv, (const char *const *)interp->env, log.data,
                                 VENV_TIMEOUT_NS, why);
        if (end != RUN_OK) {
            buf_printf(why, "cannot create a virtual environment for %s (log: %s)", name.data,
                       log.data);
            say_end(end, why);
            pip_verdict(log.data, why);
            /* Stopped by a signal, it may well work next time: nothing recorded. */
            if (end == RUN_INTERRUPTED)
                goto cleanup;
            goto record_failure;
        }
    }
    fprintf(stderr, "ladder: installing %s for %s\n", describe, name.data);
    const char *argv[VENV_MAX_PIP_ARGS + 10] = {py.data, "-m", "pip", "install",
                                                "--disable-pip-version-check", "--no-input", "-q",
                                                "-c", reqs.data};
    size_t argc = 9;
    for (size_t i = 0; what[i] != NULL && argc < VENV_MAX_PIP_ARGS; i++)
        argv[argc++] = what[i];
    argv[argc] = NULL;
    run_end end = run_logged(argv, (const char *const *)interp->env, log.data, PIP_TIMEOUT_NS, why);
    if (end != RUN_OK) {
        buf_printf(why, "pip cannot install %s for %s (log: %s)", describe, name.data, log.data);
        say_end(end, why);
        pip_verdict(log.data, why);
        if (end == RUN_INTERRUPTED)
            goto cleanup;
        goto record_failure;
    }
    buf_clear(&text);
    buf_printf(&text, "%s\n", key);
    fs_write_file_atomic(stamp.data, text.data, text.len);
    remove(failed.data);
    status = VENV_READY;
    goto cleanup;
record_failure:
    buf_clear(&text);
    buf_printf(&text, "%s\n%s", key, why->data);
    fs_write_file_atomic(failed.data, text.data, text.len);
cleanup:
    if (status == VENV_READY)
        buf_append(python, py.data, py.len);
    buf_release(&dir);
    buf_release(&py);
    buf_release(&stamp);
    buf_release(&failed);
    buf_release(&log);
    buf_release(&text);
    buf_release(&reqs);
    buf_release(&name);
    return status;
}

venv_status venv_state(const char *root, const interpreter *interp, const char *rung,
                       const char *packages, buf *why)
{
    buf stamp = BUF_INIT, failed = BUF_INIT, text = BUF_INIT;
    char key[DIGEST_HEX_SIZE];
    install_key(root, packages, key);
    buf_printf(&stamp, "%s/.venvs/%s/.ladder/%s.installed", root, interp->id, rung);
    buf_printf(&failed, "%s/.venvs/%s/.ladder/%s.failed", root, interp->id, rung);
    venv_status status = VENV_NOT_YET;
    if (fs_read_file(stamp.data, &text) == 0 && text.data &&
        strncmp(text.data, key, DIGEST_HEX_SIZE - 1) == 0) {
        status = VENV_READY;
    } else {
        buf_clear(&text);
        if (fs_read_file(failed.data, &text) == 0 && text.len > DIGEST_HEX_SIZE &&
            strncmp(text.data, key, DIGEST_HEX_SIZE - 1) == 0) {
            buf_puts(why, text.data + DIGEST_HEX_SIZE);
            status = VENV_UNAVAILABLE;
        }
    }
    buf_release(&stamp);
    buf_release(&failed);
    buf_release(&text);
    return status;
}

venv_status venv_ensure(const char *root, const interpreter *interp, const char *rung,
                        const char *packages, buf *python, buf *why)
{
    char words[VENV_MAX_PIP_ARGS][128];
    const char *what[VENV_MAX_PIP_ARGS + 1];
    size_t n = 0;
    while (n < VENV_MAX_PIP_ARGS && schema_word(packages, n, words[n], sizeof words[n]) == 0) {
        what[n] = words[n];
        n++;
    }
    what[n] = NULL;
    buf describe = BUF_INIT;
    buf_printf(&describe, "%s's packages (%s)", rung, packages);
    venv_status status = ensure(root, interp, rung, describe.data, packages, what, python, why);
    buf_release(&describe);
    return status;
}

venv_status venv_ensure_requirements(const char *root, const interpreter *interp,
                                     const char *label, const char *requirements_file,
                                     buf *python, buf *why)
{
    buf key = BUF_INIT, describe = BUF_INIT;
    buf_printf(&key, "-r %s\n", requirements_file);
    fs_read_file(requirements_file, &key);
    buf_printf(&describe, "the packages of %s", requirements_file);
    const char *what[] = {"-r", requirements_file, NULL};
    venv_status status = ensure(root, interp, label, describe.data, key.data, what, python, why);
    buf_release(&key);
    buf_release(&describe);
    return status;
}

/* 1 if a requirements line pins name: "name==..." (case and -/_ aside). */
static int line_pins(const char *line, size_t len, const char *name)
{
    size_t n = strlen(name);
    if (len <= n + 2)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char a = (char)tolower((unsigned char)line[i]), b = (char)tolower((unsigned char)name[i]);
        if (a == '_')
            a = '-';
        if (b == '_')
            b = '-';
        if (a != b)
            return 0;
    }
    const char *rest = line + n;
    while (*rest == ' ')
        rest++;
    return strncmp(rest, "==", 2) == 0;
}

int venv_packages_pinned(const char *root, const char *packages, buf *why)
{
    buf path = BUF_INIT, text = BUF_INIT;
    buf_printf(&path, "%s/%s", root, REQUIREMENTS);
    int ok = 1;
    if (packages[0] && fs_read_file(path.data, &text) != 0) {
        buf_printf(why, "cannot read '%s'", path.data);
        ok = 0;
    }
    char word[128];
    for (size_t i = 0; ok && schema_word(packages, i, word, sizeof word) == 0; i++) {
        int pinned = 0;
        for (const char *line = text.data; line && *line && !pinned;) {
            size_t len = strcspn(line, "\n");
            pinned = line_pins(line, len, word);
            line += len + (line[len] == '\n');
        }
        if (!pinned) {
            buf_printf(why, "package '%s' has no pin (%s==VERSION) in %s", word, word, REQUIREMENTS);
            ok = 0;
        }
    }
    buf_release(&path);
    buf_release(&text);
    return ok;
}
