/*
 * number.c - number conversions of number.h.
 */
#include "engine/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Clinger's fast path: a mantissa below 2^53 times an exact power of ten
 * (10^0 .. 10^22 are all exact doubles) is one correctly rounded IEEE
 * operation. */
#define NUMBER_MAX_EXACT_POW10 22
#define NUMBER_MAX_FAST_DIGITS 19
#define NUMBER_EXACT_MANTISSA ((uint64_t)1 << 53)

static const double number_pow10[NUMBER_MAX_EXACT_POW10 + 1] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

int number_to_int64(const uint8_t *p, size_t len, int64_t *out)
{
    size_t i = 0;
    int negative = 0;
    if (i < len && p[i] == '-') {
        negative = 1;
        i++;
    }
    /* accumulate the magnitude in uint64, then check the signed range */
    uint64_t v = 0;
    for (; i < len; i++) {
        uint64_t d = (uint64_t)(p[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (negative) {
        if (v > (uint64_t)INT64_MAX + 1)
            return -1;
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    } else {
        if (v > (uint64_t)INT64_MAX)
            return -1;
        *out = (int64_t)v;
    }
    return 0;
}

/* The fast path; returns 0 and *out, or -1 when it does not apply. */
static int number_fast(const uint8_t *p, size_t len, double *out)
{
    size_t i = 0;
    int negative = 0, digits = 0;
    uint64_t m = 0;
    int64_t exp10 = 0;
    if (p[i] == '-') {
        negative = 1;
        i++;
    }
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
        m = m * 10 + (uint64_t)(p[i] - '0');
        if (++digits > NUMBER_MAX_FAST_DIGITS)
            return -1;
    }
    if (i < len && p[i] == '.') {
        for (i++; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
            m = m * 10 + (uint64_t)(p[i] - '0');
            exp10--;
            if (++digits > NUMBER_MAX_FAST_DIGITS)
                return -1;
        }
    }
    if (i < len) {                       /* 'e' or 'E' */
        int eneg = 0;
        int64_t e = 0;
        i++;
        if (p[i] == '-' || p[i] == '+')
            eneg = p[i++] == '-';
        for (; i < len; i++) {
            e = e * 10 + (p[i] - '0');
            if (e > 1000)                /* far outside any fast case */
                return -1;
        }
        exp10 += eneg ? -e : e;
    }
    if (m >= NUMBER_EXACT_MANTISSA)
        return -1;
    double v = (double)m;
    if (m == 0) {
        v = 0.0;
    } else if (exp10 < 0) {
        if (exp10 < -NUMBER_MAX_EXACT_POW10)
            return -1;
        v /= number_pow10[-exp10];
    } else if (exp10 > 0) {
        if (exp10 > NUMBER_MAX_EXACT_POW10)
            return -1;
        v *= number_pow10[exp10];
    }
    *out = negative ? -v : v;
    return 0;
}

int number_to_double(const uint8_t *p, size_t len, locale_t c_locale,
                     double *out)
{
    if (number_fast(p, len, out) == 0)
        return 0;
    char stack[NUMBER_STACK_COPY];
    char *copy = len < sizeof stack ? stack : malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, p, len);
    copy[len] = '\0';
    *out = strtod_l(copy, NULL, c_locale);
    if (copy != stack)
        free(copy);
    return 0;
}

/* Mantissa bits of a double, and the scale used to compare candidates
 * exactly below. */
#define NUMBER_MANT_BITS 53
#define NUMBER_HUNDRED 100

/* The double nearest to n / 100 (n < 2^61), ties to even. */
static double number_div100(uint64_t n)
{
    if (n <= NUMBER_EXACT_MANTISSA)
        return (double)n / NUMBER_HUNDRED;   /* both exact: one rounding */
    /* (double)n was rounded: try the neighbours of the estimate exactly */
    double est = (double)n / NUMBER_HUNDRED;
    double cand[3] = {nextafter(est, 0.0), est, nextafter(est, INFINITY)};
    double best = est;
    unsigned __int128 best_err = 0;
    int have = 0;
    for (int i = 0; i < 3; i++) {
        int e;
        double f = frexp(cand[i], &e);
        uint64_t mc = (uint64_t)ldexp(f, NUMBER_MANT_BITS);
        int ec = e - NUMBER_MANT_BITS;       /* cand = mc * 2^ec, ec >= -8 */
        int shift = ec + 8;
        unsigned __int128 lhs = ((unsigned __int128)mc * NUMBER_HUNDRED) << shift;
        unsigned __int128 rhs = (unsigned __int128)n << 8;
        unsigned __int128 err = lhs > rhs ? lhs - rhs : rhs - lhs;
        if (!have || err < best_err || (err == best_err && (mc & 1) == 0)) {
            best = cand[i];
            best_err = err;
            have = 1;
        }
    }
    return best;
}

double number_round2(double x)
{
    if (!isfinite(x) || x == 0.0)
        return x;
    int e;
    double f = frexp(fabs(x), &e);
    uint64_t m = (uint64_t)ldexp(f, NUMBER_MANT_BITS);
    int ex = e - NUMBER_MANT_BITS;           /* |x| = m * 2^ex exactly */
    if (ex >= 0)
        return x;                            /* an integer already */
    unsigned k = (unsigned)-ex;
    uint64_t t = m * NUMBER_HUNDRED;         /* < 2^60: exact */
    uint64_t n;
    if (k >= 62) {
        n = 0;                               /* |x * 100| < 1/4 */
    } else {
        n = t >> k;
        uint64_t rem = t & (((uint64_t)1 << k) - 1);
        uint64_t half = (uint64_t)1 << (k - 1);
        if (rem > half || (rem == half && (n & 1)))
            n++;
    }
    double r = number_div100(n);
    return x < 0 ? -r : r;
}
