/*
 * kernels.c - the c rung's kernels (rungs/c/NAME_kernel.h) exported from the
 * shared library libkernels.so, for Python's ctypes to call.
 *
 * The kernels' entry points are `static` in their headers (each including
 * file gets its own copy), so a shared library has no symbol for them: this
 * file includes the headers as they are and gives each entry point an
 * exported name, kernels_<problem>, with the same arguments. Nothing is
 * computed here. The constants Python must respect (the argument ranges,
 * the size of the checks array) are exported as data too, and so are the
 * sizes of the engine's structs that rungs/ctypes/pipeline.py restates
 * with ctypes.Structure, so that the Python side reads every such fact
 * from the library instead of copying it, and can check its own layouts
 * against the compiler's at load time.
 *
 * The engine's own functions (pipeline_run_buffer, pipeline_result_free,
 * pipeline_error_describe) are linked into the same library and exported
 * as the engine declares them; they need no wrapper.
 */
#include <stddef.h>

#include "engine/pipeline.h"
#include "rungs/c/binary_trees_kernel.h"
#include "rungs/c/fannkuch_redux_kernel.h"
#include "rungs/c/mandelbrot_kernel.h"
#include "rungs/c/nbody_kernel.h"
#include "rungs/c/spectral_norm_kernel.h"

void kernels_nbody(long long steps, double *energy_before, double *energy_after)
{
    nbody_simulate(steps, energy_before, energy_after);
}

const int kernels_spectral_norm_max_n = SPECTRAL_MAX_N;

double kernels_spectral_norm(int n, double *u, double *v, double *tmp)
{
    return spectral_compute(n, u, v, tmp);
}

const int kernels_fannkuch_redux_min_n = FANNKUCH_MIN_N;
const int kernels_fannkuch_redux_max_n = FANNKUCH_MAX_N;

void kernels_fannkuch_redux(int n, long long *checksum, int *max_flips)
{
    fannkuch_compute(n, checksum, max_flips);
}

const int kernels_mandelbrot_min_n = MANDELBROT_MIN_N;
const int kernels_mandelbrot_max_n = MANDELBROT_MAX_N;
const int kernels_mandelbrot_lanes = MANDELBROT_LANES;

void kernels_mandelbrot(int n, unsigned char *rows)
{
    mandelbrot_compute(n, rows);
}

const int kernels_binary_trees_min_n = BINARY_TREES_MIN_N;
const int kernels_binary_trees_max_n = BINARY_TREES_MAX_N;
const int kernels_binary_trees_max_checks = BINARY_TREES_MAX_CHECKS;

int kernels_binary_trees(int n, long long *checks, size_t *count)
{
    return binary_trees_compute(n, checks, count);
}

/* What ctypes cannot see in pipeline.h: an enum value, a macro, and the
 * structs' sizes. A ctypes.Structure is laid out by the same C rules, so
 * equal sizes catch a member added or dropped on one side only, though
 * not one retyped to another of the same size. */
const int kernels_pipeline_err_memory = PIPELINE_ERR_MEMORY;
const int kernels_pipeline_error_text_max = PIPELINE_ERROR_TEXT_MAX;
const size_t kernels_sizeof_pipeline_error = sizeof(pipeline_error);
const size_t kernels_sizeof_pipeline_options = sizeof(pipeline_options);
const size_t kernels_sizeof_pipeline_user = sizeof(pipeline_user);
const size_t kernels_sizeof_pipeline_result = sizeof(pipeline_result);
