/*
 * array.c - room in a growable array. See array.h.
 */
#include "harness/array.h"

#include <stdint.h>
#include <stdlib.h>

int array_reserve(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : ARRAY_FIRST_CAP;
    while (n < need)
        n *= 2;
    if (item_size != 0 && n > SIZE_MAX / item_size)
        return -1;
    void *grown = realloc(*items, n * item_size);
    if (grown == NULL)
        return -1;
    *items = grown;
    *cap = n;
    return 0;
}
