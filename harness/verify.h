/*
 * verify.h - checks a rung's output against the problem's reference, by the
 * problem's comparison rule (problem.conf `compare`):
 *
 *   exact          the same text (trailing whitespace aside)
 *   float-abs TOL  the same count of numbers, each within TOL
 *   pipeline       the complete pipeline result: the four totals and every
 *                  user's every field; numbers after rounding to 2 decimals
 *
 *     verify_rule rule;
 *     verify_rule_parse("float-abs 1e-8", &rule, err, sizeof err);
 *     buf why = BUF_INIT;
 *     int ok = verify_output(&rule, expected, elen, actual, alen, &why);
 *     // 1: verified; 0: wrong, why says how; -1: reference unreadable
 *
 * Nothing here allocates what the caller must free except `why`.
 */
#ifndef LADDER_VERIFY_H
#define LADDER_VERIFY_H

#include <stddef.h>

#include "harness/buf.h"

typedef enum verify_kind {
    VERIFY_EXACT,
    VERIFY_FLOAT_ABS,
    VERIFY_PIPELINE
} verify_kind;

typedef struct verify_rule {
    verify_kind kind;
    double tolerance;   /* VERIFY_FLOAT_ABS */
} verify_rule;

/* Reads a rule from its problem.conf text. -1 with err filled if unknown. */
int verify_rule_parse(const char *text, verify_rule *rule, char *err, size_t errlen);

/* Compares; see above. Appends a one-line human description of the
 * difference (or of why the reference could not be read) to why. */
int verify_output(const verify_rule *rule, const char *expected, size_t expected_len,
                  const char *actual, size_t actual_len, buf *why);

#endif /* LADDER_VERIFY_H */
