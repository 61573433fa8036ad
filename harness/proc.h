/*
 * proc.h - runs short helper commands (compiler versions, interpreter
 * probes, rung builds) through /bin/sh and captures what they print.
 *
 * Rungs themselves are run by runner.h, which needs pipes both ways, time
 * limits and resource usage; this is the simple case.
 */
#ifndef LADDER_PROC_H
#define LADDER_PROC_H

#include "harness/buf.h"

/* Runs `sh -c command` in dir (NULL: the current one) with stdin from
 * /dev/null, appends its stdout (and stderr, if merge_stderr) to out.
 * Returns the exit status (0..255), 128+signal if killed, or -1 if it
 * could not be started. */
int proc_capture(const char *command, const char *dir, int merge_stderr, buf *out);

/* Runs `sh -c command` with stdout and stderr appended to the file at
 * log_path. Returns the exit status as proc_capture does. */
int proc_run_logged(const char *command, const char *dir, const char *log_path);

/* Looks name up on PATH as the shell would (`command -v`). Returns 0 and
 * appends the path found to path (which may be NULL), or -1 if none. */
int proc_which(const char *name, buf *path);

/* Appends s to out quoted for /bin/sh (single quotes). */
int proc_shell_quote(buf *out, const char *s);

#endif /* LADDER_PROC_H */
