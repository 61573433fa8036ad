/*
 * agg.h - per-user aggregation of kept events, and the merge of partial
 * aggregates into one.
 *
 *     agg a;
 *     agg_init(&a, log_amounts);
 *     agg_add(&a, &event) ...          // kept events, in input order
 *     agg_merge(&total, &a)            // partial aggregates, in input order
 *     pipeline_result *r = agg_finish(&total, &err);
 *     agg_release(&a);
 *
 * Exactness. Floating-point addition is not associative, so a user's sum
 * must be the amounts added one by one in input order, however the input
 * was split. An aggregate that will be merged into another (log_amounts = 1)
 * therefore logs every nonzero (user, amount) in order, and agg_merge()
 * replays the log onto the target's sums instead of adding partial sums.
 * (Adding 0.0 never changes a sum that starts at 0.0, so zeros are not
 * logged.) Counter ties go to the key counted first for the user: each
 * user keeps its event types and pages in first-counted order, and a merge
 * appends the other aggregate's new keys after the target's, which is again
 * first-counted order when aggregates are merged in input order. Users are
 * kept in order of their first kept event, the order the spec sums totals.
 *
 * Costs: agg_add is a user look-up (a direct index for small ids, else a
 * hash map), a page intern look-up, and a branch-free scan of the user's
 * inline pages (a (user, page) map only past AGG_INLINE_PAGES pages); no
 * allocation except when a table grows. The per-event branches that
 * depend on the data (amount or not, new page or not, new type or not) are
 * written without branches: events come in no order a predictor learns.
 *
 * Errors: functions that can allocate return 0, or -1 when out of memory
 * (the aggregate stays valid but incomplete).
 */
#ifndef LADDER_ENGINE_AGG_H
#define LADDER_ENGINE_AGG_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "engine/pipeline.h"

/* The kept event types, in the order the upper-cased names are listed. */
enum {
    AGG_TYPE_PAGE_VIEW,
    AGG_TYPE_PURCHASE,
    AGG_TYPE_CLICK,
    AGG_TYPE_SEARCH,
    AGG_TYPE_ADD_TO_CART,
    AGG_TYPES
};

/* Kept type names by length, as three 4-byte words at offsets 0,
 * (len - 4) / 2 and len - 4 (overlapping: together they cover every byte
 * of a name of 4 to 12 bytes); type -1 at lengths no kept name has. The
 * table goes on past the longest name so that the usual dropped types
 * ("remove_from_cart", "checkout_start") find -1 in it too, not a branch. */
typedef struct agg_type_key {
    uint32_t w[3];
    int type;
} agg_type_key;

#define AGG_TYPE_MIN_LEN 4
#define AGG_TYPE_MAX_LEN 16

/* Four bytes as one 4-byte load of them gives. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define AGG_W(a, b, c, d) \
    ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))
#else
#define AGG_W(a, b, c, d) \
    ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
#endif
#define AGG_NO_KEY {{0, 0, 0}, -1}

static const agg_type_key agg_type_keys[AGG_TYPE_MAX_LEN + 1] = {
    AGG_NO_KEY, AGG_NO_KEY, AGG_NO_KEY, AGG_NO_KEY, AGG_NO_KEY,
    /* 5, "click": words at 0, 0, 1 */
    {{AGG_W('c', 'l', 'i', 'c'), AGG_W('c', 'l', 'i', 'c'),
      AGG_W('l', 'i', 'c', 'k')}, AGG_TYPE_CLICK},
    /* 6, "search": 0, 1, 2 */
    {{AGG_W('s', 'e', 'a', 'r'), AGG_W('e', 'a', 'r', 'c'),
      AGG_W('a', 'r', 'c', 'h')}, AGG_TYPE_SEARCH},
    AGG_NO_KEY,
    /* 8, "purchase": 0, 2, 4 */
    {{AGG_W('p', 'u', 'r', 'c'), AGG_W('r', 'c', 'h', 'a'),
      AGG_W('h', 'a', 's', 'e')}, AGG_TYPE_PURCHASE},
    /* 9, "page_view": 0, 2, 5 */
    {{AGG_W('p', 'a', 'g', 'e'), AGG_W('g', 'e', '_', 'v'),
      AGG_W('v', 'i', 'e', 'w')}, AGG_TYPE_PAGE_VIEW},
    AGG_NO_KEY,
    /* 11, "add_to_cart": 0, 3, 7 */
    {{AGG_W('a', 'd', 'd', '_'), AGG_W('_', 't', 'o', '_'),
      AGG_W('c', 'a', 'r', 't')}, AGG_TYPE_ADD_TO_CART},
    AGG_NO_KEY, AGG_NO_KEY, AGG_NO_KEY, AGG_NO_KEY, AGG_NO_KEY,
};
#undef AGG_W
#undef AGG_NO_KEY

/* AGG_TYPE_* of an event type string, or -1 if the type is not kept. The
 * match is exact and case-sensitive, on the decoded string. Inline, and
 * without a branch on which type it is: it runs for every event, and the
 * types come in no order a predictor could learn. */
static inline int agg_type_index(const char *s, size_t len)
{
    if (len < AGG_TYPE_MIN_LEN || len > AGG_TYPE_MAX_LEN)
        return -1;
    const agg_type_key *k = &agg_type_keys[len];
    uint32_t a, b, c;
    memcpy(&a, s, sizeof a);
    memcpy(&b, s + (len - sizeof b) / 2, sizeof b);
    memcpy(&c, s + len - sizeof c, sizeof c);
    uint32_t diff = (a ^ k->w[0]) | (b ^ k->w[1]) | (c ^ k->w[2]);
    return diff == 0 ? k->type : -1;
}

/* The upper-cased name of a kept type. */
const char *agg_type_name(int type);

/* One kept event, transformed (spec section 2, phase 2). */
typedef struct agg_event {
    int64_t user_id;
    int type;                 /* AGG_TYPE_* */
    double seconds;           /* epoch seconds */
    const char *page;         /* decoded, not NUL-terminated; "" if absent */
    size_t page_len;
    double amount;            /* 0.0 if absent */
} agg_event;

/* A user's first pages are counted inside the user's own record (one
 * cache miss per event instead of three); more pages than this go to the
 * aggregate's (user, page) map. */
#define AGG_INLINE_PAGES 8

typedef struct agg_user {
    int64_t id;
    int64_t count;
    int64_t high;
    double sum;
    double first, last;
    uint8_t type_order[AGG_TYPES + 1];   /* types in first-counted order,
                                           then a spare byte that
                                           agg_type_add may write */
    uint8_t ntypes;
    uint8_t ninline;                 /* pages counted inline */
    int64_t type_count[AGG_TYPES];
    uint32_t inline_page[AGG_INLINE_PAGES];   /* first-counted order, */
    int64_t inline_count[AGG_INLINE_PAGES];
    uint32_t page_head, page_tail;   /* then the rest: a list of pairs */
} agg_user;

typedef struct agg_slot {
    uint64_t key;
    uint32_t val;             /* AGG_NONE marks an empty slot */
} agg_slot;

/* An open-addressing map from 64-bit keys to 32-bit values. */
typedef struct agg_map {
    agg_slot *slots;
    size_t cap;               /* a power of two */
    size_t used;
} agg_map;

typedef struct agg_page {     /* an interned page string */
    size_t off, len;          /* bytes in agg.page_bytes */
    uint64_t hash;
} agg_page;

typedef struct agg_pair {     /* one user's count for one page */
    uint32_t page;
    uint32_t next;            /* next pair of the same user, or AGG_NONE */
    int64_t count;
} agg_pair;

typedef struct agg_logged {   /* one nonzero amount, for agg_merge */
    uint32_t user;
    double amount;
} agg_logged;

#define AGG_NONE UINT32_MAX

/* User ids below this are found by a direct index (4 bytes per id up to
 * the largest id seen, so at most 4 MiB) instead of the hash map: real
 * user ids are mostly small and dense. */
#define AGG_DIRECT_IDS ((int64_t)1 << 20)

typedef struct agg {
    agg_user *users;          /* in order of first kept event */
    size_t nusers, users_cap;
    agg_map user_map;         /* user id -> index in users, for ids that
                                 user_direct does not cover */
    uint32_t *user_direct;    /* ids 0 .. user_direct_cap-1 -> index in
                                 users, or AGG_NONE */
    size_t user_direct_cap;

    char *page_bytes;         /* interned page strings, back to back */
    size_t page_bytes_len, page_bytes_cap;
    agg_page *pages;
    size_t npages, pages_cap;
    uint32_t *page_slots;     /* open addressing: page index or AGG_NONE */
    size_t page_slots_cap;

    agg_pair *pairs;
    size_t npairs, pairs_cap;
    agg_map pair_map;         /* (user index << 32 | page index) -> pair */

    int log_amounts;
    agg_logged *log;
    size_t nlog, log_cap;
} agg;

void agg_init(agg *a, int log_amounts);
void agg_release(agg *a);

/* Counts one kept event. Returns 0, or -1 when out of memory. */
int agg_add(agg *a, const agg_event *ev);

/* Adds the aggregate from (which must have log_amounts set) to into, as if
 * from's events had been added to into after its own. Returns 0 or -1. */
int agg_merge(agg *into, const agg *from);

/* Finalizes (spec section 2, phase 4) into a new result, or NULL when out
 * of memory (err filled). */
pipeline_result *agg_finish(const agg *a, pipeline_error *err);

#endif /* LADDER_ENGINE_AGG_H */
