/*
 * main.c - the c rung: plain C programs behind the harness protocol.
 * Usage: rung-c <problem> <argument> (docs/protocol.md).
 */
#include <stddef.h>

#include "rungs/c/problems.h"

static const rung_problem *const rung_c_problems[] = {
    &nbody_problem,
    &spectral_norm_problem,
    &pipeline_problem,
    NULL,
};

int main(int argc, char **argv)
{
    return rung_main(argc, argv, rung_c_problems);
}
