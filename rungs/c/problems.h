/*
 * problems.h - the problems the c rung implements, one file each, listed by
 * main.c. Each is a rung_problem (rungs/_native/rung_main.h): setup, a timed
 * run, write, teardown. Nothing else is shared between the files.
 */
#ifndef LADDER_RUNG_C_PROBLEMS_H
#define LADDER_RUNG_C_PROBLEMS_H

#include "rungs/_native/rung_main.h"

extern const rung_problem nbody_problem;          /* nbody.c */
extern const rung_problem spectral_norm_problem;  /* spectral_norm.c */
extern const rung_problem pipeline_problem;       /* pipeline.c */

#endif /* LADDER_RUNG_C_PROBLEMS_H */
