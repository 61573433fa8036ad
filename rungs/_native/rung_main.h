/*
 * rung_main.h - the harness protocol (docs/protocol.md) for rungs that are
 * stand-alone programs.
 *
 * A native rung is a handful of problem files and nothing else: this file
 * provides main(). Each problem file defines four static functions and
 * registers them under the problem's name with RUNG_PROBLEM; the program
 * then finds the problem it is asked for among those linked into it, so a
 * rung's Makefile only has to compile every problem file in its folder:
 *
 *     // nbody.c
 *     static int nbody_setup(const char *arg, void **state, rung_error *err);
 *     static int nbody_run(void *state, rung_error *err);            // timed
 *     static int nbody_write(void *state, FILE *out, rung_error *err);
 *     static void nbody_teardown(void *state);
 *     RUNG_PROBLEM(nbody, "nbody", nbody_setup, nbody_run, nbody_write,
 *                  nbody_teardown);
 *
 * The program is then started as `rung <problem> <argument>`, and for the
 * problem of that name main():
 *
 *     setup(argument)                    not timed: parse, allocate, read input
 *     print "ready"
 *     for each line "run" on stdin:
 *         run(state)                     timed, CLOCK_MONOTONIC, nothing else
 *         write(state, out)              not timed: format the last result
 *         print "result <ns> <nbytes>" and the bytes written
 *     on end of input: teardown(state), exit 0
 *
 * Errors: any callback that fails returns -1 after filling *err (see
 * rung_error_set); main() then prints "error <message>" on stdout, the
 * same line on stderr, tears the state down and returns 1. A bad command
 * line, an unknown problem or a line other than "run" ends the same way.
 *
 * Ownership: the state is the problem's. setup() creates it (it may leave it
 * NULL when the problem needs none), run() and write() use it (write() may
 * free what run() left there, so that the freeing is not timed), and
 * teardown() frees it; teardown() is called exactly once after a successful
 * setup(), and never after a failed one (setup() cleans up after itself).
 * The FILE given to write() is a memory stream owned by main(): write
 * to it, never close it.
 *
 * Each run must compute its answer afresh: run() may reuse buffers allocated
 * in setup(), never results of an earlier run.
 */
#ifndef LADDER_RUNG_MAIN_H
#define LADDER_RUNG_MAIN_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {   /* rungs in C++ (simdjson) link the same loop */
#endif

/* Longest error message kept, in bytes, NUL included; longer ones are cut. */
#define RUNG_ERROR_MAX 256

/* Why a callback failed: a one-line, lowercase message. */
typedef struct rung_error {
    char message[RUNG_ERROR_MAX];
} rung_error;

/* One problem a rung implements. Every callback is required. */
typedef struct rung_problem {
    /* The problem's name as the harness spells it: "nbody", "spectral-norm",
     * "pipeline". */
    const char *name;

    /* Parses the size argument and prepares everything that must not be
     * timed. Sets *state (may be NULL) and returns 0, or returns -1 with
     * *err filled and nothing left allocated. */
    int (*setup)(const char *arg, void **state, rung_error *err);

    /* Solves the problem once and keeps the answer in the state. This is the
     * only timed call. Returns 0, or -1 with *err filled. */
    int (*run)(void *state, rung_error *err);

    /* Writes the answer of the last run(), in the protocol's output format
     * for the problem, to out. Returns 0, or -1 with *err filled. */
    int (*write)(void *state, FILE *out, rung_error *err);

    /* Frees the state. Must accept NULL. */
    void (*teardown)(void *state);
} rung_problem;

/* Registers a problem: places a pointer to its rung_problem in the linker
 * section "rung_problems", which main() walks (GNU ld defines its
 * __start_ and __stop_ symbols). ident names the static objects; use the
 * problem's name in C spelling. */
#define RUNG_PROBLEM(ident, problem_name, setup_fn, run_fn, write_fn, teardown_fn) \
    static const rung_problem ident##_rung_problem = {                             \
        problem_name, setup_fn, run_fn, write_fn, teardown_fn};                    \
    static const rung_problem *const ident##_rung_problem_entry                    \
        __attribute__((used, section("rung_problems"))) = &ident##_rung_problem

/* Formats a message into *err, printf-style, cut to RUNG_ERROR_MAX - 1
 * bytes. Returns -1, so that callbacks can `return rung_error_set(...)`.
 * err may be NULL (the message is then dropped). */
int rung_error_set(rung_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reads a size argument: a decimal integer, nothing else, in [min, max].
 * Stores it in *value and returns 0, or returns -1 with *err filled
 * ("'abc' is not an integer from 1 to 100"). For setup() callbacks. */
int rung_parse_size(const char *arg, long long min, long long max,
                    long long *value, rung_error *err);

#ifdef __cplusplus
}
#endif

#endif /* LADDER_RUNG_MAIN_H */
