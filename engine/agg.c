/*
 * agg.c - per-user aggregation and merging, as agg.h describes.
 */
#include "engine/agg.h"

#include <stdlib.h>
#include <string.h>

#include "engine/number.h"

#define AGG_HIGH_VALUE 100.0         /* amount > this is a high-value event */
#define AGG_MIN_CAP 64               /* first size of every table */
#define AGG_MAX_LOAD_NUM 1           /* tables grow past half full */
#define AGG_MAX_LOAD_DEN 2

static const char *const agg_upper_names[AGG_TYPES] = {
    "PAGE_VIEW", "PURCHASE", "CLICK", "SEARCH", "ADD_TO_CART"};

/* 1 if the len bytes at x and y are equal: short strings (most pages,
 * every event type) without a library call. */
static int agg_same_bytes(const char *x, const char *y, size_t len)
{
    if (len >= sizeof(uint64_t) && len <= 2 * sizeof(uint64_t)) {
        uint64_t a0, b0, a1, b1;
        memcpy(&a0, x, sizeof a0);
        memcpy(&b0, y, sizeof b0);
        memcpy(&a1, x + len - sizeof a1, sizeof a1);
        memcpy(&b1, y + len - sizeof b1, sizeof b1);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (len < sizeof(uint64_t)) {
        unsigned char diff = 0;
        for (size_t i = 0; i < len; i++)
            diff |= (unsigned char)(x[i] ^ y[i]);
        return diff == 0;
    }
    return memcmp(x, y, len) == 0;
}

const char *agg_type_name(int type)
{
    return agg_upper_names[type];
}

/* ---- growable arrays ---------------------------------------------------- */

/* Makes room for need elements of size bytes in *arr (capacity *cap). */
static int agg_reserve(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : AGG_MIN_CAP;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, ncap * size);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

/* ---- the 64-bit key map ---------------------------------------------- */

static uint64_t agg_mix(uint64_t x)
{
    /* splitmix64's finalizer: every key bit reaches every slot bit */
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

static void agg_map_release(agg_map *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static uint32_t agg_map_get(const agg_map *m, uint64_t key)
{
    if (m->cap == 0)
        return AGG_NONE;
    size_t mask = m->cap - 1;
    for (size_t i = agg_mix(key) & mask;; i = (i + 1) & mask) {
        if (m->slots[i].val == AGG_NONE)
            return AGG_NONE;
        if (m->slots[i].key == key)
            return m->slots[i].val;
    }
}

static void agg_map_place(agg_slot *slots, size_t cap, uint64_t key,
                          uint32_t val)
{
    size_t mask = cap - 1;
    size_t i = agg_mix(key) & mask;
    while (slots[i].val != AGG_NONE)
        i = (i + 1) & mask;
    slots[i].key = key;
    slots[i].val = val;
}

/* Inserts a key known to be absent. */
static int agg_map_put(agg_map *m, uint64_t key, uint32_t val)
{
    if ((m->used + 1) * AGG_MAX_LOAD_DEN > m->cap * AGG_MAX_LOAD_NUM) {
        size_t ncap = m->cap ? m->cap * 2 : AGG_MIN_CAP;
        agg_slot *slots = malloc(ncap * sizeof *slots);
        if (slots == NULL)
            return -1;
        for (size_t i = 0; i < ncap; i++)
            slots[i].val = AGG_NONE;
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].val != AGG_NONE)
                agg_map_place(slots, ncap, m->slots[i].key, m->slots[i].val);
        free(m->slots);
        m->slots = slots;
        m->cap = ncap;
    }
    agg_map_place(m->slots, m->cap, key, val);
    m->used++;
    return 0;
}

/* ---- init / release ---------------------------------------------------- */

void agg_init(agg *a, int log_amounts)
{
    memset(a, 0, sizeof *a);
    a->log_amounts = log_amounts;
}

void agg_release(agg *a)
{
    if (a == NULL)
        return;
    free(a->users);
    agg_map_release(&a->user_map);
    free(a->user_direct);
    free(a->page_bytes);
    free(a->pages);
    free(a->page_slots);
    free(a->pairs);
    agg_map_release(&a->pair_map);
    free(a->log);
    memset(a, 0, sizeof *a);
}

/* ---- users, pages, pairs ---------------------------------------------- */

/* Index of user id, created (empty, first = last = seconds) if new; or
 * AGG_NONE when out of memory. */
/* Makes the direct index cover id (0 <= id < AGG_DIRECT_IDS). */
static int agg_direct_grow(agg *a, int64_t id)
{
    size_t ncap = a->user_direct_cap ? a->user_direct_cap : AGG_MIN_CAP;
    while (ncap <= (size_t)id)
        ncap *= 2;
    uint32_t *d = realloc(a->user_direct, ncap * sizeof *d);
    if (d == NULL)
        return -1;
    memset(d + a->user_direct_cap, 0xff,
           (ncap - a->user_direct_cap) * sizeof *d);
    a->user_direct = d;
    a->user_direct_cap = ncap;
    return 0;
}

static uint32_t agg_user_slot(agg *a, int64_t id, double first, double last)
{
    int direct = id >= 0 && id < AGG_DIRECT_IDS;
    uint32_t idx;
    if (direct && (size_t)id < a->user_direct_cap)
        idx = a->user_direct[id];
    else if (direct)
        idx = AGG_NONE;
    else
        idx = agg_map_get(&a->user_map, (uint64_t)id);
    if (idx != AGG_NONE)
        return idx;
    if (a->nusers >= AGG_NONE - 1 ||
        agg_reserve((void **)&a->users, &a->users_cap, a->nusers + 1,
                    sizeof *a->users) != 0)
        return AGG_NONE;
    idx = (uint32_t)a->nusers;
    if (direct) {
        if ((size_t)id >= a->user_direct_cap && agg_direct_grow(a, id) != 0)
            return AGG_NONE;
        a->user_direct[id] = idx;
    } else if (agg_map_put(&a->user_map, (uint64_t)id, idx) != 0) {
        return AGG_NONE;
    }
    agg_user *u = &a->users[a->nusers++];
    memset(u, 0, sizeof *u);
    u->id = id;
    u->first = first;
    u->last = last;
    u->page_head = u->page_tail = AGG_NONE;
    return idx;
}

/* A page string's hash. Pages are short, so up to 16 bytes take two
 * (overlapping) loads and two multiplies, with no call and no loop; longer
 * ones a word at a time. Any hash works as long as one aggregate uses one:
 * pages are compared byte for byte on every hit. */
#define AGG_HASH_SEED UINT64_C(0x9e3779b97f4a7c15)
#define AGG_HASH_MUL1 UINT64_C(0xbf58476d1ce4e5b9)
#define AGG_HASH_MUL2 UINT64_C(0x94d049bb133111eb)
#define AGG_HASH_FOLD 32

static uint64_t agg_hash_bytes(const char *s, size_t len)
{
    uint64_t lo, hi;
    if (len >= sizeof(uint64_t)) {
        memcpy(&lo, s, sizeof lo);
        memcpy(&hi, s + len - sizeof hi, sizeof hi);
        if (len > 2 * sizeof(uint64_t)) {
            /* the middle words, then the two ends as for short strings */
            uint64_t h = AGG_HASH_SEED ^ len;
            for (size_t at = sizeof(uint64_t); at + sizeof(uint64_t) < len;
                 at += sizeof(uint64_t)) {
                uint64_t w;
                memcpy(&w, s + at, sizeof w);
                h = agg_mix(h ^ w);
            }
            lo ^= h;
        }
    } else if (len >= sizeof(uint32_t)) {
        uint32_t a, b;
        memcpy(&a, s, sizeof a);
        memcpy(&b, s + len - sizeof b, sizeof b);
        lo = a;
        hi = b;
    } else {
        /* 0 to 3 bytes: first, middle and last (which may coincide) */
        lo = len == 0 ? 0
                      : (uint64_t)(unsigned char)s[0] |
                            (uint64_t)(unsigned char)s[len / 2] << 8 |
                            (uint64_t)(unsigned char)s[len - 1] << 16;
        hi = 0;
    }
    uint64_t h = (lo ^ AGG_HASH_SEED) * AGG_HASH_MUL1;
    h = (h ^ hi ^ len) * AGG_HASH_MUL2;
    return h ^ h >> AGG_HASH_FOLD;
}

static int agg_page_slots_grow(agg *a)
{
    size_t ncap = a->page_slots_cap ? a->page_slots_cap * 2 : AGG_MIN_CAP;
    uint32_t *slots = malloc(ncap * sizeof *slots);
    if (slots == NULL)
        return -1;
    memset(slots, 0xff, ncap * sizeof *slots);
    for (size_t p = 0; p < a->npages; p++) {
        size_t i = a->pages[p].hash & (ncap - 1);
        while (slots[i] != AGG_NONE)
            i = (i + 1) & (ncap - 1);
        slots[i] = (uint32_t)p;
    }
    free(a->page_slots);
    a->page_slots = slots;
    a->page_slots_cap = ncap;
    return 0;
}

/* Index of the interned page, interned if new; AGG_NONE if out of memory. */
static uint32_t agg_page_intern(agg *a, const char *s, size_t len)
{
    uint64_t h = agg_hash_bytes(s, len);
    if ((a->npages + 1) * AGG_MAX_LOAD_DEN > a->page_slots_cap * AGG_MAX_LOAD_NUM &&
        agg_page_slots_grow(a) != 0)
        return AGG_NONE;
    size_t mask = a->page_slots_cap - 1;
    size_t i = h & mask;
    for (; a->page_slots[i] != AGG_NONE; i = (i + 1) & mask) {
        const agg_page *pg = &a->pages[a->page_slots[i]];
        if (pg->hash == h && pg->len == len &&
            agg_same_bytes(a->page_bytes + pg->off, s, len))
            return a->page_slots[i];
    }
    if (a->npages >= AGG_NONE - 1 ||
        agg_reserve((void **)&a->pages, &a->pages_cap, a->npages + 1,
                    sizeof *a->pages) != 0 ||
        agg_reserve((void **)&a->page_bytes, &a->page_bytes_cap,
                    a->page_bytes_len + len + 1, 1) != 0)
        return AGG_NONE;
    agg_page *pg = &a->pages[a->npages];
    pg->off = a->page_bytes_len;
    pg->len = len;
    pg->hash = h;
    memcpy(a->page_bytes + pg->off, s, len);
    a->page_bytes[pg->off + len] = '\0';
    a->page_bytes_len += len + 1;
    a->page_slots[i] = (uint32_t)a->npages;
    return (uint32_t)a->npages++;
}

/* Adds count to (user, page): inline if the page is there or there is
 * room, else in the pair map, appending to the user's list if new.
 * Returns 0 or -1. */
static int agg_pair_add_map(agg *a, uint32_t user, uint32_t page,
                            int64_t count);

static inline int agg_pair_add(agg *a, uint32_t user, uint32_t page,
                               int64_t count)
{
    agg_user *u = &a->users[user];
    /* without a branch on where the page is, or whether it is new: a
     * user's pages come in no order a predictor learns. Every inline slot
     * is scanned; a new page takes the next slot, whose count is still 0
     * (records start zeroed), so a hit and a miss are the same stores. */
    unsigned slot = u->ninline;
    for (unsigned i = 0; i < AGG_INLINE_PAGES; i++)
        slot = i < u->ninline && u->inline_page[i] == page ? i : slot;
    if (slot < AGG_INLINE_PAGES) {
        u->ninline += slot == u->ninline;
        u->inline_page[slot] = page;
        u->inline_count[slot] += count;
        return 0;
    }
    return agg_pair_add_map(a, user, page, count);
}

/* agg_pair_add for a user whose inline slots are all taken: the (user,
 * page) map. Out of line, so that the usual case above inlines. */
static __attribute__((noinline)) int
agg_pair_add_map(agg *a, uint32_t user, uint32_t page, int64_t count)
{
    agg_user *u;
    uint64_t key = (uint64_t)user << 32 | page;
    uint32_t idx = agg_map_get(&a->pair_map, key);
    if (idx == AGG_NONE) {
        if (a->npairs >= AGG_NONE - 1 ||
            agg_reserve((void **)&a->pairs, &a->pairs_cap, a->npairs + 1,
                        sizeof *a->pairs) != 0)
            return -1;
        idx = (uint32_t)a->npairs;
        if (agg_map_put(&a->pair_map, key, idx) != 0)
            return -1;
        agg_pair *pr = &a->pairs[a->npairs++];
        pr->page = page;
        pr->next = AGG_NONE;
        pr->count = 0;
        u = &a->users[user];
        if (u->page_tail == AGG_NONE)
            u->page_head = idx;
        else
            a->pairs[u->page_tail].next = idx;
        u->page_tail = idx;
    }
    a->pairs[idx].count += count;
    return 0;
}

static void agg_type_add(agg_user *u, int type, int64_t count)
{
    /* appended if new, without a branch: the store always happens (into
     * the spare byte once all types are listed), the count moves only for
     * a new type */
    u->type_order[u->ntypes] = (uint8_t)type;
    u->ntypes += u->type_count[type] == 0;
    u->type_count[type] += count;
}

static int agg_log(agg *a, uint32_t user, double amount)
{
    if (agg_reserve((void **)&a->log, &a->log_cap, a->nlog + 1,
                    sizeof *a->log) != 0)
        return -1;
    a->log[a->nlog].user = user;
    a->log[a->nlog].amount = amount;
    a->nlog++;
    return 0;
}

int agg_add(agg *a, const agg_event *ev)
{
    /* a user seen before with a small id, the usual case, inline */
    int64_t id = ev->user_id;
    uint32_t ui = id >= 0 && (uint64_t)id < a->user_direct_cap
                      ? a->user_direct[id]
                      : AGG_NONE;
    if (ui == AGG_NONE) {
        ui = agg_user_slot(a, id, ev->seconds, ev->seconds);
        if (ui == AGG_NONE)
            return -1;
    }
    agg_user *u = &a->users[ui];
    u->count++;
    /* no branch on the amount (most events have none, in no order a
     * predictor learns): adding a zero never changes a sum that starts at
     * +0.0 (it can never become -0.0), so it is added anyway */
    u->sum += ev->amount;
    if (a->log_amounts && ev->amount != 0.0 && agg_log(a, ui, ev->amount) != 0)
        return -1;
    u->high += ev->amount > AGG_HIGH_VALUE;
    u->first = ev->seconds < u->first ? ev->seconds : u->first;
    u->last = ev->seconds > u->last ? ev->seconds : u->last;
    agg_type_add(u, ev->type, 1);
    uint32_t page = agg_page_intern(a, ev->page, ev->page_len);
    if (page == AGG_NONE)
        return -1;
    return agg_pair_add(a, ui, page, 1);
}

int agg_merge(agg *into, const agg *from)
{
    int status = -1;
    uint32_t *user_to = malloc((from->nusers + 1) * sizeof *user_to);
    uint32_t *page_to = malloc((from->npages + 1) * sizeof *page_to);
    if (user_to == NULL || page_to == NULL)
        goto cleanup;
    memset(page_to, 0xff, (from->npages + 1) * sizeof *page_to);
    for (size_t i = 0; i < from->nusers; i++) {
        const agg_user *fu = &from->users[i];
        uint32_t gi = agg_user_slot(into, fu->id, fu->first, fu->last);
        if (gi == AGG_NONE)
            goto cleanup;
        user_to[i] = gi;
        agg_user *g = &into->users[gi];
        g->count += fu->count;
        g->high += fu->high;
        if (fu->first < g->first)
            g->first = fu->first;
        if (fu->last > g->last)
            g->last = fu->last;
        for (int k = 0; k < fu->ntypes; k++)
            agg_type_add(g, fu->type_order[k], fu->type_count[fu->type_order[k]]);
        uint32_t pi = fu->page_head;
        for (int k = 0; k < fu->ninline || pi != AGG_NONE; k++) {
            uint32_t page;
            int64_t count;
            if (k < fu->ninline) {
                page = fu->inline_page[k];
                count = fu->inline_count[k];
            } else {
                page = from->pairs[pi].page;
                count = from->pairs[pi].count;
                pi = from->pairs[pi].next;
            }
            if (page_to[page] == AGG_NONE) {
                const agg_page *pg = &from->pages[page];
                page_to[page] = agg_page_intern(into, from->page_bytes + pg->off,
                                                pg->len);
                if (page_to[page] == AGG_NONE)
                    goto cleanup;
            }
            if (agg_pair_add(into, gi, page_to[page], count) != 0)
                goto cleanup;
        }
    }
    /* sums: the amounts again, one by one, in input order */
    for (size_t i = 0; i < from->nlog; i++) {
        uint32_t gi = user_to[from->log[i].user];
        into->users[gi].sum += from->log[i].amount;
        if (into->log_amounts && agg_log(into, gi, from->log[i].amount) != 0)
            goto cleanup;
    }
    status = 0;
cleanup:
    free(user_to);
    free(page_to);
    return status;
}

/* ---- finishing ---------------------------------------------------------- */

/* The page counted most for u (an index in a->pages), ties to the one
 * counted first; AGG_NONE if u counted no page. */
static uint32_t agg_top_page(const agg *a, const agg_user *u)
{
    int64_t best = 0;
    uint32_t top = AGG_NONE;
    for (int k = 0; k < u->ninline; k++)
        if (u->inline_count[k] > best) {
            best = u->inline_count[k];
            top = u->inline_page[k];
        }
    for (uint32_t pi = u->page_head; pi != AGG_NONE; pi = a->pairs[pi].next)
        if (a->pairs[pi].count > best) {
            best = a->pairs[pi].count;
            top = a->pairs[pi].page;
        }
    return top;
}

#define AGG_RADIX_BITS 8
#define AGG_RADIX (1 << AGG_RADIX_BITS)
#define AGG_SIGN_BIT ((uint64_t)1 << 63)

/* The indexes of a's users in order of user id: an LSD radix sort of the
 * ids (sign bit flipped, so unsigned order is signed order), a byte a pass,
 * skipping the bytes that all ids share (most, for small ids). Writes them
 * to idx (nusers entries). Returns 0, or -1 when out of memory. */
static int agg_sort_users(const agg *a, uint32_t *idx)
{
    size_t n = a->nusers;
    uint64_t *key = malloc((2 * n + 1) * sizeof *key);
    uint32_t *idx2 = malloc((n + 1) * sizeof *idx2);
    if (key == NULL || idx2 == NULL) {
        free(key);
        free(idx2);
        return -1;
    }
    uint64_t *key2 = key + n;
    for (size_t i = 0; i < n; i++) {
        key[i] = (uint64_t)a->users[i].id ^ AGG_SIGN_BIT;
        idx[i] = (uint32_t)i;
    }
    for (int shift = 0; shift < 64; shift += AGG_RADIX_BITS) {
        size_t count[AGG_RADIX] = {0};
        for (size_t i = 0; i < n; i++)
            count[(key[i] >> shift) & (AGG_RADIX - 1)]++;
        if (n == 0 || count[(key[0] >> shift) & (AGG_RADIX - 1)] == n)
            continue;                  /* every id has this byte */
        size_t at = 0;
        for (int b = 0; b < AGG_RADIX; b++) {
            size_t c = count[b];
            count[b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++) {
            size_t to = count[(key[i] >> shift) & (AGG_RADIX - 1)]++;
            key2[to] = key[i];
            idx2[to] = idx[i];
        }
        memcpy(key, key2, n * sizeof *key);
        memcpy(idx, idx2, n * sizeof *idx);
    }
    free(key);
    free(idx2);
    return 0;
}

/* The same order without sorting when every user has a direct index
 * entry and the index is not much larger than the user count (the usual
 * case: small dense ids): the index, walked in id order, is the order.
 * Returns 1 if it did so, 0 if the sort is needed. */
#define AGG_DIRECT_WALK_FACTOR 16    /* index entries walked per user, at most */

static int agg_order_direct(const agg *a, uint32_t *idx)
{
    if (a->user_map.used != 0 ||
        a->user_direct_cap / AGG_DIRECT_WALK_FACTOR > a->nusers)
        return 0;
    size_t n = 0;
    for (size_t id = 0; id < a->user_direct_cap; id++) {
        idx[n] = a->user_direct[id];
        n += a->user_direct[id] != AGG_NONE;
    }
    return 1;
}

pipeline_result *agg_finish(const agg *a, pipeline_error *err)
{
    /* One block: the result, the users, then the strings: "" (for users
     * without a page), then each page that is some user's top page, once,
     * NUL-terminated; users with the same top page share it, and the type
     * names are static strings. Far fewer bytes than a copy of both
     * strings per user, and every fresh page of memory costs a fault. */
    size_t n = a->nusers;
    size_t head = sizeof(pipeline_result) + n * sizeof(pipeline_user);
    size_t chars = 1;
    pipeline_result *res = NULL;
    uint32_t *order = malloc((n + 1) * sizeof *order);
    uint32_t *top = malloc((n + 1) * sizeof *top);
    size_t *page_at = malloc((a->npages + 1) * sizeof *page_at);
    if (order == NULL || top == NULL || page_at == NULL ||
        (!agg_order_direct(a, order) && agg_sort_users(a, order) != 0))
        goto cleanup;
    /* where each top page goes in the strings; 0 (the "") for none yet */
    memset(page_at, 0, (a->npages + 1) * sizeof *page_at);
    for (size_t i = 0; i < n; i++) {
        top[i] = agg_top_page(a, &a->users[i]);
        if (top[i] != AGG_NONE && page_at[top[i]] == 0) {
            page_at[top[i]] = chars;
            chars += a->pages[top[i]].len + 1;
        }
    }
    res = malloc(head + chars);
    if (res == NULL)
        goto cleanup;
    memset(res, 0, sizeof *res);
    res->users = (pipeline_user *)(void *)(res + 1);
    char *strings = (char *)res + head;
    strings[0] = '\0';
    for (size_t pg = 0; pg < a->npages; pg++)
        if (page_at[pg] != 0)        /* interned strings end in a NUL */
            memcpy(strings + page_at[pg], a->page_bytes + a->pages[pg].off,
                   a->pages[pg].len + 1);
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        const agg_user *u = &a->users[order[i]];
        uint32_t t = top[order[i]];
        pipeline_user *r = &res->users[i];
        r->user_id = u->id;
        r->event_count = u->count;
        r->total_amount = number_round2(u->sum);
        r->high_value_count = u->high;
        r->duration_seconds = number_round2(u->last - u->first);
        int top_type = u->type_order[0];
        for (int k = 1; k < u->ntypes; k++)
            if (u->type_count[u->type_order[k]] > u->type_count[top_type])
                top_type = u->type_order[k];
        r->top_event_type = agg_type_name(top_type);
        r->top_event_type_len = strlen(r->top_event_type);
        r->top_page = strings + (t == AGG_NONE ? 0 : page_at[t]);
        r->top_page_len = t == AGG_NONE ? 0 : a->pages[t].len;
        res->total_events += u->count;
        res->total_high_value += u->high;
    }
    for (size_t i = 0; i < n; i++)
        total += a->users[i].sum;      /* in order of first kept event */
    res->total_users = (int64_t)n;
    res->user_count = n;
    res->total_amount = number_round2(total);

cleanup:
    if (res == NULL && err != NULL) {
        memset(err, 0, sizeof *err);
        err->code = PIPELINE_ERR_MEMORY;
        strcpy(err->message, "out of memory");
        err->byte_offset = -1;
        err->event_index = -1;
    }
    free(order);
    free(top);
    free(page_at);
    return res;
}
