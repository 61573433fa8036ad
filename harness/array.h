/*
 * array.h - room in a growable array of any type, the one way the harness
 * grows its arrays.
 *
 *     row *items = NULL; size_t count = 0, cap = 0;
 *     if (array_reserve((void **)&items, &cap, count + 1, sizeof *items) != 0)
 *         ... out of memory: items and cap are as they were
 *     items[count++] = ...;
 *
 * The caller owns the array (free() it). Growing moves it: pointers into
 * it do not survive an array_reserve that grew it.
 */
#ifndef LADDER_ARRAY_H
#define LADDER_ARRAY_H

#include <stddef.h>

/* Makes *cap at least need items of item_size bytes, doubling it (from
 * ARRAY_FIRST_CAP). Returns 0, or -1 when memory ran out. */
int array_reserve(void **items, size_t *cap, size_t need, size_t item_size);

#define ARRAY_FIRST_CAP 16

#endif /* LADDER_ARRAY_H */
