/*
 * venv.h - a virtual environment per interpreter, made by the project:
 * .venvs/<interpreter id>, with the packages each rung declares
 * (rung.conf `packages`) installed at the versions pinned in the one
 * requirements.txt at the root (pip's constraints file: environment
 * markers there pick a version per interpreter).
 *
 *     buf python = BUF_INIT, why = BUF_INIT;
 *     int r = venv_ensure(root, interp, "numba", "numba numpy", &python, &why);
 *     // VENV_READY: python is .venvs/<id>/bin/python, with the packages
 *     // VENV_UNAVAILABLE: why says what cannot be installed here (skip the row)
 *
 * Installs happen once per (interpreter, rung, requirements.txt content):
 * a stamp under .venvs/<id>/.ladder/ records each success, and each
 * failure with its reason, so a second run does not try again until
 * requirements.txt or the rung's packages change. pip's output goes to
 * build/logs/pip-<id>-<rung>.log.
 */
#ifndef LADDER_VENV_H
#define LADDER_VENV_H

#include "harness/buf.h"
#include "harness/interp.h"

typedef enum venv_status {
    VENV_READY,
    VENV_UNAVAILABLE,
    VENV_NOT_YET
} venv_status;

/* Makes sure the environment of interp has packages (space-separated
 * distribution names) for rung; appends its python to python. */
venv_status venv_ensure(const char *root, const interpreter *interp, const char *rung,
                        const char *packages, buf *python, buf *why);

/* The same for a requirements file of the user's (`ladder try
 * --requirements`), installed with `pip install -r FILE` under label. */
venv_status venv_ensure_requirements(const char *root, const interpreter *interp,
                                     const char *label, const char *requirements_file,
                                     buf *python, buf *why);

/* What is known of a rung's packages for interp without installing
 * anything: VENV_READY (installed), VENV_UNAVAILABLE (an install failed:
 * why says why), or VENV_NOT_YET (never tried). */
venv_status venv_state(const char *root, const interpreter *interp, const char *rung,
                       const char *packages, buf *why);

/* 1 if every package name has a pin (a `name==` line) in requirements.txt;
 * else 0 with the first unpinned one in why. */
int venv_packages_pinned(const char *root, const char *packages, buf *why);

#endif /* LADDER_VENV_H */
