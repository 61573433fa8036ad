/*
 * verify.h - checks a rung's output against the problem's reference, by the
 * problem's comparison rule (problem.conf `compare`, docs/declaring.md):
 *
 *   exact          the same bytes, trailing whitespace aside
 *   float-abs TOL  the same count of numbers, each within TOL
 *   sha256         the output's SHA-256 is the reference's
 *   verifier       the problem's own command decides (the pipeline's
 *                  problems/pipeline/verify.py): it is run with the paths of
 *                  the reference and of the output appended; exit 0 means
 *                  verified, 1 wrong (its first line says how), else it
 *                  could not verify
 *
 * Generic: no problem is known here by name.
 *
 *     verify_rule rule;
 *     verify_rule_parse("float-abs 1e-8", &rule, err, sizeof err);
 *     verify_expected e = {text, len, sha256_hex, path};
 *     buf why = BUF_INIT;
 *     int ok = verify_output(&rule, &e, &job, actual, alen, &why);
 *     // 1: verified; 0: wrong, why says how; -1: could not verify, why says why
 *
 * Nothing here allocates what the caller must free except `why`.
 */
#ifndef LADDER_VERIFY_H
#define LADDER_VERIFY_H

#include <stddef.h>

#include "harness/buf.h"
#include "harness/digest.h"

typedef enum verify_kind {
    VERIFY_EXACT,
    VERIFY_FLOAT_ABS,
    VERIFY_SHA256,
    VERIFY_COMMAND
} verify_kind;

typedef struct verify_rule {
    verify_kind kind;
    double tolerance;   /* VERIFY_FLOAT_ABS */
} verify_rule;

/* The reference output. data may be NULL when only its digest is stored
 * (`expect.ARG = sha256:...`); sha256 is always set. path names a file
 * holding data (needed by VERIFY_COMMAND; may be NULL otherwise). */
typedef struct verify_expected {
    const char *data;
    size_t len;
    char sha256[DIGEST_HEX_SIZE];
    const char *path;
} verify_expected;

/* For VERIFY_COMMAND: the problem's verifier and where to write the output
 * it reads. */
typedef struct verify_command {
    const char *command;       /* expanded, for /bin/sh; paths are appended */
    const char *scratch_path;  /* a file the output may be written to */
    const char *dir;           /* where to run it */
} verify_command;

/* Reads a rule from its problem.conf text. -1 with why filled if unknown. */
int verify_rule_parse(const char *text, verify_rule *rule, char *why, size_t whylen);

/* Compares; see above. Appends a one-line human description of the
 * difference (or of why there could be no comparison) to why. cmd is used
 * by VERIFY_COMMAND only. */
int verify_output(const verify_rule *rule, const verify_expected *expected,
                  const verify_command *cmd, const char *actual, size_t actual_len, buf *why);

#endif /* LADDER_VERIFY_H */
