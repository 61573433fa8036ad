/* verify.c - output verification rules (see verify.h). */
#include "harness/verify.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/child.h"
#include "harness/fs.h"

/* The most numbers a float-abs output may hold. */
#define VERIFY_MAX_NUMBERS 64
/* How much of a wrong output a message shows. */
#define VERIFY_SHOWN_BYTES 80
/* How long a problem's verifier may take on one output. */
#define VERIFY_COMMAND_TIMEOUT_NS (120 * 1000000000LL)
/* Its verdicts, as exit statuses. */
#define VERIFIER_VERIFIED 0
#define VERIFIER_WRONG 1

int verify_rule_parse(const char *text, verify_rule *rule, char *why, size_t whylen)
{
    rule->tolerance = 0;
    if (strcmp(text, "exact") == 0) {
        rule->kind = VERIFY_EXACT;
        return 0;
    }
    if (strcmp(text, "sha256") == 0) {
        rule->kind = VERIFY_SHA256;
        return 0;
    }
    if (strcmp(text, "verifier") == 0) {
        rule->kind = VERIFY_COMMAND;
        return 0;
    }
    if (strncmp(text, "float-abs", 9) == 0) {
        char *end;
        double tol = strtod(text + 9, &end);
        if (end != text + 9 && *end == '\0' && tol >= 0) {
            rule->kind = VERIFY_FLOAT_ABS;
            rule->tolerance = tol;
            return 0;
        }
    }
    snprintf(why, whylen, "unknown comparison rule '%s' (exact, float-abs TOL, sha256 or verifier)",
             text);
    return -1;
}

static size_t trimmed_length(const char *s, size_t len)
{
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    return len;
}

/* Appends up to VERIFY_SHOWN_BYTES of s, as text where it is printable and
 * as \xNN where it is not, on one line. */
static void show_bytes(buf *why, const char *s, size_t len)
{
    size_t n = len < VERIFY_SHOWN_BYTES ? len : VERIFY_SHOWN_BYTES;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            buf_puts(why, "\\n");
        else if (c == '\t')
            buf_puts(why, "\\t");
        else if (c < 0x20 || c >= 0x7f)
            buf_printf(why, "\\x%02x", c);
        else
            buf_append(why, s + i, 1);
    }
    if (len > n)
        buf_puts(why, "...");
}

static size_t first_difference(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen, i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

static int verify_sha256(const verify_expected *e, const char *a, size_t alen, buf *why)
{
    char got[DIGEST_HEX_SIZE];
    if (digest_sha256_hex(a, alen, got) != 0) {
        buf_puts(why, "cannot compute SHA-256");
        return -1;
    }
    if (strcmp(got, e->sha256) == 0)
        return 1;
    buf_printf(why, "SHA-256 %.12s... is not the reference's %.12s... (%zu bytes", got, e->sha256,
               alen);
    if (e->data != NULL) {
        size_t at = first_difference(e->data, e->len, a, alen);
        buf_printf(why, ", the reference's %zu; first difference at byte %zu", e->len, at);
    }
    buf_puts(why, ")");
    return 0;
}

static int verify_exact(const verify_expected *e, const char *a, size_t alen, buf *why)
{
    if (e->data == NULL)
        return verify_sha256(e, a, alen, why);
    size_t elen = trimmed_length(e->data, e->len);
    alen = trimmed_length(a, alen);
    if (elen == alen && memcmp(e->data, a, elen) == 0)
        return 1;
    size_t at = first_difference(e->data, elen, a, alen);
    size_t from = at > 20 ? at - 20 : 0;
    buf_printf(why, "first difference at byte %zu: expected '", at);
    show_bytes(why, e->data + from, elen - from);
    buf_puts(why, "', got '");
    show_bytes(why, a + from, alen - from);
    buf_puts(why, "'");
    return 0;
}

/* Reads up to max numbers from text; returns how many, or -1 if text holds
 * something that is not a number. */
static int read_numbers(const char *text, size_t len, double *out, int max)
{
    char *copy = strndup(text, len);
    if (copy == NULL)
        return -1;
    int count = 0;
    char *p = copy;
    for (;;) {
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0')
            break;
        char *end;
        double v = strtod(p, &end);
        if (end == p || count == max || !(isspace((unsigned char)*end) || *end == '\0')) {
            count = -1;
            break;
        }
        out[count++] = v;
        p = end;
    }
    free(copy);
    return count;
}

static int verify_float_abs(double tol, const verify_expected *e, const char *a, size_t alen,
                            buf *why)
{
    double want[VERIFY_MAX_NUMBERS], got[VERIFY_MAX_NUMBERS];
    int nwant = e->data ? read_numbers(e->data, e->len, want, VERIFY_MAX_NUMBERS) : -1;
    int ngot = read_numbers(a, alen, got, VERIFY_MAX_NUMBERS);
    if (nwant < 0) {
        buf_puts(why, "the reference output is not a list of numbers");
        return -1;
    }
    if (ngot != nwant) {
        buf_printf(why, "expected %d numbers, got output '", nwant);
        show_bytes(why, a, alen);
        buf_puts(why, "'");
        return 0;
    }
    for (int i = 0; i < nwant; i++) {
        if (!(fabs(got[i] - want[i]) <= tol)) {
            buf_printf(why, "value %d: expected %.9f, got %.9f (off by %.3g, allowed %.3g)",
                       i + 1, want[i], got[i], fabs(got[i] - want[i]), tol);
            return 0;
        }
    }
    return 1;
}

/* Runs the problem's verifier on the reference and the output. */
static int verify_by_command(const verify_command *cmd, const verify_expected *e, const char *a,
                          size_t alen, buf *why)
{
    if (cmd == NULL || cmd->command == NULL || e->path == NULL) {
        buf_puts(why, "the problem's verifier or its reference file is missing");
        return -1;
    }
    if (fs_write_file_atomic(cmd->scratch_path, a, alen) != 0) {
        buf_printf(why, "cannot write '%s' for the verifier", cmd->scratch_path);
        return -1;
    }
    buf line = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
    buf_printf(&line, "%s ", cmd->command);
    child_shell_quote(&line, e->path);
    buf_puts(&line, " ");
    child_shell_quote(&line, cmd->scratch_path);
    child c = CHILD_INIT;
    c.shell = line.data;
    c.dir = cmd->dir;
    int code = child_capture(&c, &out, CHILD_STDERR_MERGE, VERIFY_COMMAND_TIMEOUT_NS, &err);
    child_release(&c);
    remove(cmd->scratch_path);
    int status;
    size_t first = out.data ? strcspn(out.data, "\n") : 0;
    if (code == VERIFIER_VERIFIED) {
        status = 1;
    } else if (code == VERIFIER_WRONG) {
        status = 0;
        buf_append(why, out.data, first);
    } else {
        status = -1;
        if (code < 0)
            buf_printf(why, "the verifier did not run: %s", err.data);
        else
            buf_printf(why, "the verifier failed (exit %d): %.*s", code, (int)first,
                       out.data ? out.data : "");
    }
    buf_release(&line);
    buf_release(&out);
    buf_release(&err);
    return status;
}

int verify_output(const verify_rule *rule, const verify_expected *expected,
                  const verify_command *cmd, const char *actual, size_t actual_len, buf *why)
{
    switch (rule->kind) {
    case VERIFY_EXACT:
        return verify_exact(expected, actual, actual_len, why);
    case VERIFY_FLOAT_ABS:
        return verify_float_abs(rule->tolerance, expected, actual, actual_len, why);
    case VERIFY_SHA256:
        return verify_sha256(expected, actual, actual_len, why);
    case VERIFY_COMMAND:
        return verify_by_command(cmd, expected, actual, actual_len, why);
    }
    buf_puts(why, "unknown comparison rule");
    return -1;
}
