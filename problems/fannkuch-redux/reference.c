/*
 * reference.c - the trusted fannkuch-redux (shared/spec/problems.md): the
 * output every rung is verified against, for sizes problem.conf stores no
 * answer for.
 *
 *     reference N        prints "<checksum>\nPfannkuchen(<N>) = <maxflips>\n"
 *
 * Plain C, one thread, the Benchmarks Game's "count" algorithm written for
 * clarity rather than speed: the next permutation comes from rotating a
 * prefix of perm1, count[] says how long each prefix length has left to
 * rotate, and every permutation is copied and flipped until its first
 * element is 0. Nothing is shared with the rungs. A bad argument prints a
 * message on stderr and exits 2.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* The argument's range, as problem.conf declares it: 16! permutations is
 * days of work already, and the arrays below are sized by it. */
#define MIN_N 1
#define MAX_N 16

typedef struct fannkuch_result {
    long long checksum;
    int max_flips;
} fannkuch_result;

/* Reverses perm[0..k]. */
static void flip(int *perm, int k)
{
    for (int i = 0, j = k; i < j; i++, j--) {
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}

/* Flips a copy of perm1 until its first element is 0; returns the flips. */
static int count_flips(const int *perm1, int n)
{
    int perm[MAX_N];
    int flips = 0;

    for (int i = 0; i < n; i++)
        perm[i] = perm1[i];
    while (perm[0] != 0) {
        flip(perm, perm[0]);
        flips++;
    }
    return flips;
}

/* Moves perm1[0] to position r, shifting perm1[1..r] one place left. */
static void rotate(int *perm1, int r)
{
    int first = perm1[0];

    for (int i = 0; i < r; i++)
        perm1[i] = perm1[i + 1];
    perm1[r] = first;
}

static fannkuch_result fannkuch(int n)
{
    int perm1[MAX_N], count[MAX_N];
    fannkuch_result result = {0, 0};
    long long index = 0;   /* the permutation's index: its parity signs the checksum */
    int r = n;

    for (int i = 0; i < n; i++)
        perm1[i] = i;
    for (;;) {
        /* Every prefix shorter than r starts its rotations afresh. */
        for (; r > 1; r--)
            count[r - 1] = r;

        int flips = count_flips(perm1, n);
        if (flips > result.max_flips)
            result.max_flips = flips;
        result.checksum += index % 2 == 0 ? flips : -flips;

        /* The next permutation: rotate the shortest prefix that has
         * rotations left; when none has, every permutation was seen. */
        for (;;) {
            if (r == n)
                return result;
            rotate(perm1, r);
            if (--count[r] > 0)
                break;
            r++;
        }
        index++;
    }
}

int main(int argc, char **argv)
{
    char *end = NULL;
    long n;

    if (argc != 2) {
        fprintf(stderr, "usage: %s N\n", argv[0]);
        return 2;
    }
    errno = 0;
    n = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || errno != 0 || n < MIN_N || n > MAX_N) {
        fprintf(stderr, "error: '%s' is not an integer from %d to %d\n", argv[1],
                MIN_N, MAX_N);
        return 2;
    }
    fannkuch_result result = fannkuch((int)n);
    printf("%lld\nPfannkuchen(%ld) = %d\n", result.checksum, n, result.max_flips);
    return fflush(stdout) == 0 ? 0 : 1;
}
