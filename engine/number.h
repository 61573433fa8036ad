/*
 * number.h - JSON number literals to C values, as CPython converts them.
 *
 * The scanner has already checked the JSON grammar of the literal; these
 * functions only convert. Literals are not NUL-terminated.
 */
#ifndef LADDER_ENGINE_NUMBER_H
#define LADDER_ENGINE_NUMBER_H

#include <locale.h>
#include <stddef.h>
#include <stdint.h>

/* An integer literal ("-"? digits) to int64. Returns 0, or -1 when the
 * value does not fit in a signed 64-bit integer. */
int number_to_int64(const uint8_t *p, size_t len, int64_t *out);

/* Any number literal to the nearest double, as CPython's float() gives it
 * (float(int) and float(str) are both correctly rounded): an exact fast
 * path (Clinger) for up to 19 significant digits and powers of ten up to
 * 1e22, else strtod_l() in the "C" locale c_locale. The result is +-inf
 * when the literal is beyond the double range. Returns 0, or -1 when out of
 * memory (only literals longer than NUMBER_STACK_COPY need a heap copy). */
int number_to_double(const uint8_t *p, size_t len, locale_t c_locale,
                     double *out);

/* Literals shorter than this are copied to the stack for strtod_l(). */
#define NUMBER_STACK_COPY 128

/* round(x, 2) exactly as CPython does it: x's exact binary value rounded to
 * two decimals (ties to even), then the double nearest to that decimal. No
 * printf, so no locale. (pipeline_round2() in the public API.) */
double number_round2(double x);

#endif /* LADDER_ENGINE_NUMBER_H */
