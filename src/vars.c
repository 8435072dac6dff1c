/* vars.c - the variable table (see vars.h).
 *
 * The names and values are kept in arrays in definition order (what `vars`
 * lists); an open-addressing hash index of positions finds a name in
 * constant time, so a script that makes 100,000 variables stays linear.
 *
 * A loop looks the same few names up again and again, each time with the
 * same string (the name node's): a small memo keyed by the string's address
 * remembers where each was found, and a lookup that hits it only confirms
 * that the name at that position is still the one asked for.
 */
#include "vars.h"

#include <stdlib.h>
#include <string.h>

struct Vars {
    int n, cap;
    char **names;     /* owned */
    Value **vals;     /* owned */
    uint64_t *stamps; /* when each was bound (vars_stamp) */
    uint64_t clock;   /* the last stamp given */
    uint32_t *marks;  /* the round in which each was last reported */
    uint32_t round;   /* the round in force (vars_watch_again) */
    VarsWatchFn watch;
    void *watch_ctx;
    int *index; /* icap slots: a position in names, or -1 */
    int icap;   /* a power of two, at least 2 * n, or 0 */
    struct {
        const char *name; /* the string last looked up in this entry */
        int at;           /* where it was found */
    } memo[16];           /* by the address of the name (see find) */
};

static unsigned name_hash(const char *s) {
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* strcmp(a, b) == 0 for the short names of variables, without a call:
 * every statement of a loop looks names up. */
static inline bool same_name(const char *a, const char *b) {
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* The index slot that holds name, or the empty slot where it would go. */
static int *slot(const Vars *vs, const char *name) {
    unsigned mask = (unsigned)vs->icap - 1;
    for (unsigned i = name_hash(name) & mask;; i = (i + 1) & mask) {
        int at = vs->index[i];
        if (at < 0 || same_name(vs->names[at], name)) return &vs->index[i];
    }
}

/* Rebuild the index for `want` names (after a delete, or to grow). */
static bool reindex(Vars *vs, int want) {
    int cap = 16;
    while (cap < 2 * want)
        cap *= 2;
    int *index = malloc((size_t)cap * sizeof *index);
    if (!index) return false;
    free(vs->index);
    vs->index = index;
    vs->icap = cap;
    for (int i = 0; i < cap; i++)
        index[i] = -1;
    for (int i = 0; i < vs->n; i++)
        *slot(vs, vs->names[i]) = i;
    return true;
}

Vars *vars_new(void) {
    Vars *vs = malloc(sizeof *vs); /* not calloc: see new_value in value.c */
    if (vs) memset(vs, 0, sizeof *vs);
    return vs;
}

void vars_free(Vars *vs) {
    if (!vs) return;
    vars_clear(vs);
    free(vs->names);
    free(vs->vals);
    free(vs->index);
    free(vs->stamps);
    free(vs->marks);
    free(vs);
}

/* The position of name, or -1. The memo entry for name's address is a
 * guess, confirmed by comparing the name at that position; it is not part
 * of the table's contents (hence the cast), and a wrong or stale guess only
 * costs the hash lookup. */
static int find(const Vars *vs, const char *name) {
    if (!vs->icap) return -1;
    Vars *m = (Vars *)vs;
    size_t k = ((uintptr_t)name >> 3) % (sizeof m->memo / sizeof m->memo[0]);
    int at = m->memo[k].at;
    if (m->memo[k].name == name && at < vs->n && same_name(vs->names[at], name)) return at;
    at = *slot(vs, name);
    if (at >= 0) {
        m->memo[k].name = name;
        m->memo[k].at = at;
    }
    return at;
}

const Value *vars_get(const Vars *vs, const char *name) {
    int i = find(vs, name);
    return i < 0 ? NULL : vs->vals[i];
}

Value *vars_get_mut(Vars *vs, const char *name) {
    int i = find(vs, name);
    if (i < 0) return NULL;
    /* the caller may change the value in place: for a watcher that is a
     * change of the binding (undo keeps the old value, so the caller then
     * sees a second reference and makes a new value instead) */
    if (vs->watch && vs->marks[i] != vs->round) {
        vs->marks[i] = vs->round;
        vs->watch(vs->watch_ctx, &(VarsChange){name, vs->vals[i], i, vs->stamps[i]});
    }
    return vs->vals[i];
}

bool vars_set(Vars *vs, const char *name, Value *v) {
    int i = find(vs, name);
    if (i >= 0) {
        if (vs->watch && vs->marks[i] != vs->round) { /* once a round: a loop stays fast */
            vs->marks[i] = vs->round;
            vs->watch(vs->watch_ctx, &(VarsChange){name, vs->vals[i], i, vs->stamps[i]});
        }
        /* rebinding keeps the name's place in the definition order */
        val_free(vs->vals[i]);
        vs->vals[i] = v;
        vs->stamps[i] = ++vs->clock;
        return true;
    }
    if (2 * (vs->n + 1) > vs->icap && !reindex(vs, vs->n + 1)) {
        val_free(v);
        return false;
    }
    if (vs->n == vs->cap) {
        int cap = vs->cap ? vs->cap * 2 : 16;
        char **names = realloc(vs->names, (size_t)cap * sizeof *names);
        if (names) vs->names = names;
        Value **vals = realloc(vs->vals, (size_t)cap * sizeof *vals);
        if (vals) vs->vals = vals;
        uint64_t *stamps = realloc(vs->stamps, (size_t)cap * sizeof *stamps);
        if (stamps) vs->stamps = stamps;
        uint32_t *marks = realloc(vs->marks, (size_t)cap * sizeof *marks);
        if (marks) vs->marks = marks;
        if (!names || !vals || !stamps || !marks) {
            val_free(v);
            return false;
        }
        vs->cap = cap;
    }
    size_t len = strlen(name) + 1;
    char *copy = malloc(len);
    if (!copy) {
        val_free(v);
        return false;
    }
    memcpy(copy, name, len);
    if (vs->watch) vs->watch(vs->watch_ctx, &(VarsChange){name, NULL, vs->n, 0});
    vs->marks[vs->n] = vs->round;
    vs->names[vs->n] = copy;
    vs->vals[vs->n] = v;
    vs->stamps[vs->n] = ++vs->clock;
    *slot(vs, copy) = vs->n;
    vs->n++;
    return true;
}

bool vars_del(Vars *vs, const char *name) {
    int i = find(vs, name);
    if (i < 0) return false;
    if (vs->watch && vs->marks[i] != vs->round)
        vs->watch(vs->watch_ctx, &(VarsChange){name, vs->vals[i], i, vs->stamps[i]});
    free(vs->names[i]);
    val_free(vs->vals[i]);
    memmove(vs->names + i, vs->names + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->names);
    memmove(vs->vals + i, vs->vals + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->vals);
    memmove(vs->stamps + i, vs->stamps + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->stamps);
    memmove(vs->marks + i, vs->marks + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->marks);
    vs->n--;
    /* positions after i moved: index them again (keeping the old index,
     * which would be stale, is never an option) */
    if (!reindex(vs, vs->n)) {
        for (int k = 0; k < vs->icap; k++)
            vs->index[k] = -1;
        for (int k = 0; k < vs->n; k++)
            *slot(vs, vs->names[k]) = k;
    }
    return true;
}

void vars_clear(Vars *vs) {
    for (int i = 0; i < vs->n; i++) {
        /* reported as removed one by one from the front: each at position 0 */
        if (vs->watch && vs->marks[i] != vs->round)
            vs->watch(vs->watch_ctx, &(VarsChange){vs->names[i], vs->vals[i], 0, vs->stamps[i]});
        free(vs->names[i]);
        val_free(vs->vals[i]);
    }
    vs->n = 0;
    for (int i = 0; i < vs->icap; i++)
        vs->index[i] = -1;
}

int vars_count(const Vars *vs) {
    return vs->n;
}

const char *vars_name_at(const Vars *vs, int i) {
    return i >= 0 && i < vs->n ? vs->names[i] : NULL;
}

const Value *vars_value_at(const Vars *vs, int i) {
    return i >= 0 && i < vs->n ? vs->vals[i] : NULL;
}

uint64_t vars_stamp(const Vars *vs, const char *name) {
    int i = find(vs, name);
    return i < 0 ? 0 : vs->stamps[i];
}

bool vars_put_back(Vars *vs, const VarsChange *c, Value *v) {
    bool was = find(vs, c->name) >= 0;
    if (!vars_set(vs, c->name, v)) return false;
    int at = find(vs, c->name), pos = c->pos < 0 ? 0 : c->pos;
    vs->stamps[at] = c->stamp;
    if (was || pos >= at) return true;
    /* move the new last entry to pos */
    char *nm = vs->names[at];
    Value *val = vs->vals[at];
    uint64_t stamp = vs->stamps[at];
    uint32_t mark = vs->marks[at];
    size_t k = (size_t)(at - pos);
    memmove(vs->names + pos + 1, vs->names + pos, k * sizeof *vs->names);
    memmove(vs->vals + pos + 1, vs->vals + pos, k * sizeof *vs->vals);
    memmove(vs->stamps + pos + 1, vs->stamps + pos, k * sizeof *vs->stamps);
    memmove(vs->marks + pos + 1, vs->marks + pos, k * sizeof *vs->marks);
    vs->names[pos] = nm;
    vs->vals[pos] = val;
    vs->stamps[pos] = stamp;
    vs->marks[pos] = mark;
    for (int i = 0; i < vs->icap; i++) /* positions moved: index them again */
        vs->index[i] = -1;
    for (int i = 0; i < vs->n; i++)
        *slot(vs, vs->names[i]) = i;
    return true;
}

void vars_watch(Vars *vs, VarsWatchFn fn, void *ctx) {
    vs->watch = fn;
    vs->watch_ctx = ctx;
    vars_watch_again(vs); /* names marked while nobody watched count again */
}

void vars_watch_again(Vars *vs) {
    if (++vs->round == 0) { /* wrapped after 2^32 rounds: clear the old marks */
        for (int i = 0; i < vs->n; i++)
            vs->marks[i] = 0;
        vs->round = 1;
    }
}
