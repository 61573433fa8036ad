/*
 * region.h - marks the timed region of a rung for instruction counting
 * (`ladder run --instructions`): the harness counts the instructions
 * executed between ladder_region_begin() and ladder_region_end() only, so
 * that start-up, set-up, formatting and the protocol are left out.
 *
 *     ladder_region_begin();
 *     problem->run(state, &err);          // the timed call
 *     long long n = ladder_region_end();  // instructions, or -1
 *
 * Two counters, chosen by the harness through LADDER_COUNT_INSTRUCTIONS:
 *
 *   callgrind  the rung runs under `valgrind --tool=callgrind
 *              --collect-atstart=no`: begin turns collection on, end turns
 *              it off and dumps the count of the region (one dump file per
 *              iteration, read by the harness); end returns -1;
 *   perf       the kernel's hardware counter (perf_event_open, user space
 *              only), read around the region in this process; end returns
 *              the count, which the rung reports on its result line.
 *
 * Unset (every ordinary run), both are a few instructions that do nothing.
 * Native rungs get this from rung_main.c; Python rungs from the driver,
 * through the shared library built from region.c (ctypes).
 */
#ifndef LADDER_REGION_H
#define LADDER_REGION_H

#ifdef __cplusplus
extern "C" {
#endif

void ladder_region_begin(void);
long long ladder_region_end(void);

#ifdef __cplusplus
}
#endif

#endif /* LADDER_REGION_H */
