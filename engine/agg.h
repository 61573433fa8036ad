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
 * Costs: agg_add is two hash look-ups (user, then user+page) and a page
 * intern look-up; no allocation except when a table grows.
 *
 * Errors: functions that can allocate return 0, or -1 when out of memory
 * (the aggregate stays valid but incomplete).
 */
#ifndef LADDER_ENGINE_AGG_H
#define LADDER_ENGINE_AGG_H

#include <stddef.h>
#include <stdint.h>

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

/* AGG_TYPE_* of an event type string, or -1 if the type is not kept. The
 * match is exact and case-sensitive, on the decoded string. */
int agg_type_index(const char *s, size_t len);

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
    uint8_t type_order[AGG_TYPES];   /* types in first-counted order */
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
