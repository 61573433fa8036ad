/*
 * fannkuch_redux_kernel.h - the Benchmarks Game's fannkuch-redux
 * (shared/spec/problems.md) as its plain C program computes it: the "count"
 * algorithm (the next permutation rotates the shortest prefix that still
 * has rotations left), each permutation copied and flipped with a swap
 * loop, one thread, no intrinsics. Shared by the c rung (a program) and the
 * c-ext rung (an extension module), so the two differ only in how they are
 * called.
 *
 *     long long checksum; int max_flips;
 *     fannkuch_compute(10, &checksum, &max_flips);   // 73196, 38
 *
 * Everything here is static; no state outlives a call. n must be from
 * FANNKUCH_MIN_N to FANNKUCH_MAX_N (the caller checks).
 */
#ifndef LADDER_FANNKUCH_REDUX_KERNEL_H
#define LADDER_FANNKUCH_REDUX_KERNEL_H

/* The sizes problems/fannkuch-redux/problem.conf accepts: 16! permutations
 * is days of work already, and the arrays below are sized by it. */
#define FANNKUCH_MIN_N 1
#define FANNKUCH_MAX_N 16

/* How many prefix reversals bring the first element of perm1 to 0. */
static int fannkuch_count_flips(const int *perm1, int n)
{
    int perm[FANNKUCH_MAX_N];
    int flips = 0;
    int first;

    for (int i = 0; i < n; i++)
        perm[i] = perm1[i];
    while ((first = perm[0]) != 0) {
        for (int i = 0, j = first; i < j; i++, j--) {
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        flips++;
    }
    return flips;
}

/* Over the n! permutations of 0..n-1: the checksum (each permutation's
 * flips, negated for odd indices) and the most flips. */
static void fannkuch_compute(int n, long long *checksum, int *max_flips)
{
    int perm1[FANNKUCH_MAX_N], count[FANNKUCH_MAX_N];
    long long sum = 0;
    int most = 0;
    int even = 1;   /* the permutation's index is even */
    int r = n;

    for (int i = 0; i < n; i++)
        perm1[i] = i;
    for (;;) {
        /* Every prefix shorter than r starts its rotations afresh. */
        for (; r > 1; r--)
            count[r - 1] = r;

        int flips = fannkuch_count_flips(perm1, n);
        if (flips > most)
            most = flips;
        sum += even ? flips : -flips;

        /* The next permutation: rotate perm1[0..r] left by one, for the
         * shortest r with rotations left; when none has, all were seen. */
        for (;;) {
            if (r == n) {
                *checksum = sum;
                *max_flips = most;
                return;
            }
            int first = perm1[0];
            for (int i = 0; i < r; i++)
                perm1[i] = perm1[i + 1];
            perm1[r] = first;
            if (--count[r] > 0)
                break;
            r++;
        }
        even = !even;
    }
}

#endif /* LADDER_FANNKUCH_REDUX_KERNEL_H */
