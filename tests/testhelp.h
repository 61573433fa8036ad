/*
 * testhelp.h - the two-macro test helper every tests/test_*.c uses.
 *
 *     TEST_CHECK(cond, "what it means");   // records a pass or a failure
 *     return TEST_REPORT();                // prints the tally, 0 if all passed
 *     testhelp_remove_dir(tmp);            // a test's mkdtemp folder, when done
 *
 * A failure prints the file, line and message and the run goes on, so one
 * run shows every broken check. Tests are plain programs: no framework.
 */
#ifndef LADDER_TESTHELP_H
#define LADDER_TESTHELP_H

#include <stdio.h>
#include <stdlib.h>

static int testhelp_passed;
static int testhelp_failed;

#define TEST_CHECK(cond, ...)                                              \
    do {                                                                   \
        if (cond) {                                                        \
            testhelp_passed++;                                             \
        } else {                                                           \
            testhelp_failed++;                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

#define TEST_REPORT()                                                      \
    (printf("%s: %d checks passed, %d failed\n", __FILE__,                 \
            testhelp_passed, testhelp_failed),                             \
     testhelp_failed == 0 ? 0 : 1)

/* Removes a test's temporary folder (made by mkdtemp, so its name needs no
 * quoting beyond the quotes here); 0 on success. */
static inline int testhelp_remove_dir(const char *dir)
{
    char cmd[4096];
    if (snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir) >= (int)sizeof cmd)
        return -1;
    return system(cmd);
}

#endif /* LADDER_TESTHELP_H */
