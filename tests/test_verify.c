/* test_verify.c - output verification (harness/verify.h): every rule must
 * accept the right answer and reject answers that are only subtly wrong.
 * (The pipeline's own verifier, problems/pipeline/verify.py, has its test
 * in tests/test_problems.sh.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/digest.h"
#include "harness/fs.h"
#include "harness/verify.h"
#include "tests/testhelp.h"

static int check(const verify_rule *rule, const char *expected, const char *actual, buf *why)
{
    verify_expected e = {expected, strlen(expected), "", NULL};
    digest_sha256_hex(expected, strlen(expected), e.sha256);
    buf_clear(why);
    return verify_output(rule, &e, NULL, actual, strlen(actual), why);
}

static void sha256_cases(void)
{
    verify_rule rule;
    char err[128];
    buf why = BUF_INIT;
    TEST_CHECK(verify_rule_parse("sha256", &rule, err, sizeof err) == 0, "sha256");
    char hex[DIGEST_HEX_SIZE];
    digest_sha256_hex("abc", 3, hex);
    TEST_CHECK(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
               "SHA-256 of 'abc' is FIPS 180-2's: %s", hex);
    /* Only the digest is known: the output is compared by it. */
    verify_expected e = {NULL, 0, "", NULL};
    memcpy(e.sha256, hex, sizeof hex);
    TEST_CHECK(verify_output(&rule, &e, NULL, "abc", 3, &why) == 1, "the right bytes");
    buf_clear(&why);
    TEST_CHECK(verify_output(&rule, &e, NULL, "abd", 3, &why) == 0, "one byte off");
    TEST_CHECK(strstr(why.data, "SHA-256") != NULL, "says it is the digest: %s", why.data);
    /* With the reference itself, the first difference is found. */
    verify_expected full = {"P4\n2 2\n\x80\x40", 9, "", NULL};
    digest_sha256_hex(full.data, full.len, full.sha256);
    buf_clear(&why);
    TEST_CHECK(verify_output(&rule, &full, NULL, "P4\n2 2\n\x80\x00", 9, &why) == 0, "a bit off");
    TEST_CHECK(strstr(why.data, "byte 8") != NULL, "names the byte: %s", why.data);
    /* exact with a digest-only expectation compares the digest too. */
    verify_rule exact;
    verify_rule_parse("exact", &exact, err, sizeof err);
    buf_clear(&why);
    TEST_CHECK(verify_output(&exact, &e, NULL, "abc", 3, &why) == 1, "exact against a digest");
    buf_release(&why);
}

static void command_cases(void)
{
    verify_rule rule;
    char err[128];
    buf why = BUF_INIT;
    TEST_CHECK(verify_rule_parse("verifier", &rule, err, sizeof err) == 0, "verifier");
    char dir[] = "/tmp/ladder-test-verify-XXXXXX";
    TEST_CHECK(mkdtemp(dir) != NULL, "a scratch folder");
    buf ref = BUF_INIT, scratch = BUF_INIT;
    buf_printf(&ref, "%s/reference", dir);
    buf_printf(&scratch, "%s/actual", dir);
    fs_write_file_atomic(ref.data, "42\n", 3);
    verify_expected e = {"42\n", 3, "", ref.data};
    /* A verifier that compares the two files as numbers, and says how. */
    const char *script =
        "sh -c 'if [ \"$(cat \"$0\")\" = \"$(cat \"$1\")\" ]; then exit 0; fi; "
        "echo \"got $(cat \"$1\"), not $(cat \"$0\")\"; echo second line; exit 1'";
    verify_command cmd = {script, scratch.data, NULL};
    TEST_CHECK(verify_output(&rule, &e, &cmd, "42\n", 3, &why) == 1, "the verifier agrees: %s",
               why.data);
    buf_clear(&why);
    TEST_CHECK(verify_output(&rule, &e, &cmd, "41\n", 3, &why) == 0, "the verifier disagrees");
    TEST_CHECK(strcmp(why.data, "got 41, not 42") == 0, "its first line is the reason: '%s'",
               why.data);
    TEST_CHECK(access(scratch.data, F_OK) != 0, "the output it read is removed");
    verify_command broken = {"sh -c 'echo no reference here; exit 2'", scratch.data, NULL};
    buf_clear(&why);
    TEST_CHECK(verify_output(&rule, &e, &broken, "42\n", 3, &why) == -1,
               "a verifier that cannot verify is not a verdict");
    TEST_CHECK(strstr(why.data, "no reference here") != NULL, "and says why: %s", why.data);
    buf_clear(&why);
    TEST_CHECK(verify_output(&rule, &e, NULL, "42\n", 3, &why) == -1, "no verifier declared");
    remove(ref.data);
    rmdir(dir);
    buf_release(&ref);
    buf_release(&scratch);
    buf_release(&why);
}

int main(void)
{
    verify_rule rule;
    char err[128];
    buf why = BUF_INIT;

    TEST_CHECK(verify_rule_parse("bogus", &rule, err, sizeof err) == -1, "unknown rule");
    TEST_CHECK(verify_rule_parse("float-abs", &rule, err, sizeof err) == -1, "no tolerance");
    TEST_CHECK(verify_rule_parse("pipeline", &rule, err, sizeof err) == -1,
               "no problem is known to the harness by name");

    TEST_CHECK(verify_rule_parse("exact", &rule, err, sizeof err) == 0, "exact");
    TEST_CHECK(check(&rule, "1.274224152", "1.274224152\n", &why) == 1, "trailing newline ok");
    TEST_CHECK(check(&rule, "1.274224152", "1.274224153\n", &why) == 0,
               "the last digit matters (the study's own expected value was off there)");
    TEST_CHECK(strstr(why.data, "1.274224153") != NULL, "shows what it got: %s", why.data);
    TEST_CHECK(check(&rule, "228\nPfannkuchen(7) = 16", "228\nPfannkuchen(7) = 17\n", &why) == 0,
               "a second line matters");
    TEST_CHECK(strstr(why.data, "byte 22") != NULL, "names where: %s", why.data);

    TEST_CHECK(verify_rule_parse("float-abs 1e-8", &rule, err, sizeof err) == 0, "float-abs");
    const char *energies = "-0.169075164 -0.169096567";
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169096567\n", &why) == 1, "exact match");
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169096572\n", &why) == 1,
               "within 1e-8 is allowed");
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169096587\n", &why) == 0,
               "2e-8 off is not");
    /* The study's runner checked only the energy before the simulation. */
    TEST_CHECK(check(&rule, energies, "-0.169075164\n-0.169087605\n", &why) == 0,
               "a right start energy does not excuse a wrong end energy");
    TEST_CHECK(check(&rule, energies, "-0.169075164\n", &why) == 0, "a missing number");
    TEST_CHECK(check(&rule, energies, "-0.169075164\nnan\n", &why) == 0, "NaN never matches");
    TEST_CHECK(check(&rule, energies, "energy: 1\n", &why) == 0, "not numbers");
    buf_release(&why);

    sha256_cases();
    command_cases();
    return TEST_REPORT();
}
