/* undo.c - undo levels: what each top-level statement changed, and taking
 * it back (see undo.h).
 *
 * A level holds two kinds of records, each indexed by a small open-
 * addressing hash so a loop that changes the same thing a million times
 * pays one lookup a pass:
 *   Bind  a variable's old binding (name, a reference to the old value or
 *         NULL for "was not bound", its place in the definition order),
 *         reported by the variable table's watcher (vars_watch);
 *   Save  a value changed in place, with a copy of its contents before the
 *         change (undo_before_write).
 * The level of the statement in progress is `cur`; it is closed (pruned of
 * records that changed nothing, charged, kept or dropped) when the
 * statement ends.
 */
#include "undo.h"

#include <stdlib.h>
#include <string.h>

#include "arr.h"
#include "sbuf.h"
#include "shapefix.h"
#include "vars.h"

/* 256 MiB, or a quarter of the arrays' memory budget when that is less */
#define UNDO_DEFAULT_BUDGET ((int64_t)256 << 20)

/* how many names undo's message lists before "and N more" */
enum { SHOW_NAMES = 24 };

typedef struct Bind {
    char *name;
    Value *old;     /* a reference; NULL: the name was not bound */
    int pos;        /* its place in the definition order */
    uint64_t stamp; /* when it was bound (vars_stamp) */
} Bind;

typedef struct Save {
    Value *v;      /* the value changed in place (a reference) */
    Array *arr;    /* V_ARRAY, V_IMAGE: its array as it was */
    int n;         /* V_LIST, V_DICT: its items as they were */
    Value **items; /* references */
    char **keys;   /* V_DICT: owned copies */
    int64_t bytes; /* what the copy takes */
} Save;

/* An open-addressing index: slots hold a record's position or -1. */
typedef struct Index {
    int *slot;
    int cap; /* a power of two, at least twice the records, or 0 */
} Index;

typedef struct Level {
    Bind *binds;
    int nbinds, cbinds;
    Save *saves;
    int nsaves, csaves;
    Index bidx, sidx;
    int64_t bytes; /* the copies */
    int64_t held;  /* set when closed: old values only this level holds */
} Level;

/* Why the levels before the oldest one kept are gone. */
typedef enum Gone { GONE_NONE, GONE_COUNT, GONE_BUDGET, GONE_BIG, GONE_MEMORY } Gone;

typedef struct Undo {
    Vars *vars;                 /* the session's variables (watched) */
    Level *levels[UNDO_LEVELS]; /* kept, oldest first */
    int n;
    Level *cur;         /* the statement in progress, or NULL */
    int depth;          /* undo_exec calls in progress */
    bool quiet;         /* undoing: record nothing */
    bool over;          /* the statement went past the budget */
    const Node *stmt;   /* the top statement in progress */
    int64_t budget;     /* undo_set_budget; 0: the default */
    Gone gone;          /* why older levels went */
    int64_t gone_bytes; /* GONE_BIG: what the statement needed */
    char gone_text[48]; /* GONE_BIG, GONE_MEMORY: the statement */
} Undo;

/* --- the indexes --------------------------------------------------------------- */

static unsigned hash_name(const char *s) {
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static unsigned hash_ptr(const void *p) {
    uintptr_t x = (uintptr_t)p >> 4;
    return (unsigned)(x * 2654435761u) ^ (unsigned)(x >> 29);
}

/* The slot of `key` in ix (by name when `name`, else by value pointer), or
 * the empty slot where it would go. */
static int *ix_slot(const Index *ix, const Level *L, bool name, const void *key) {
    unsigned mask = (unsigned)ix->cap - 1;
    unsigned h = name ? hash_name(key) : hash_ptr(key);
    for (unsigned i = h & mask;; i = (i + 1) & mask) {
        int at = ix->slot[i];
        if (at < 0) return &ix->slot[i];
        if (name ? strcmp(L->binds[at].name, key) == 0 : (const void *)L->saves[at].v == key)
            return &ix->slot[i];
    }
}

/* Rebuild ix for the records of L (n of them), with room for one more. */
static bool ix_build(Index *ix, const Level *L, bool name, int n) {
    int cap = 16;
    while (cap < 2 * (n + 1))
        cap *= 2;
    if (cap > ix->cap) { /* never shrinks: a rebuild after dropping records cannot fail */
        int *slot = malloc((size_t)cap * sizeof *slot);
        if (!slot) return false;
        free(ix->slot);
        ix->slot = slot;
        ix->cap = cap;
    }
    for (int i = 0; i < cap; i++)
        ix->slot[i] = -1;
    for (int i = 0; i < n; i++)
        *ix_slot(ix, L, name, name ? (const void *)L->binds[i].name : (const void *)L->saves[i].v) =
            i;
    return true;
}

static int ix_find(const Index *ix, const Level *L, bool name, const void *key) {
    return ix->cap ? *ix_slot(ix, L, name, key) : -1;
}

/* --- records --------------------------------------------------------------------- */

static void bind_free(Bind *b) {
    free(b->name);
    val_free(b->old);
}

static void save_free(Save *s) {
    arr_free(s->arr);
    for (int i = 0; i < s->n; i++) {
        val_free(s->items ? s->items[i] : NULL);
        if (s->keys) free(s->keys[i]);
    }
    free(s->items);
    free(s->keys);
    val_free(s->v);
}

static void level_free(Level *L) {
    if (!L) return;
    for (int i = 0; i < L->nbinds; i++)
        bind_free(&L->binds[i]);
    for (int i = 0; i < L->nsaves; i++)
        save_free(&L->saves[i]);
    free(L->binds);
    free(L->saves);
    free(L->bidx.slot);
    free(L->sidx.slot);
    free(L);
}

static int64_t level_cost(const Level *L) {
    return L->bytes + L->held;
}

/* --- the session's state ------------------------------------------------------- */

static void undo_free(void *p) {
    Undo *u = p;
    vars_watch(u->vars, NULL, NULL); /* the table outlives this state */
    for (int i = 0; i < u->n; i++)
        level_free(u->levels[i]);
    level_free(u->cur);
    free(u);
}

static const InterpSlotKey kKey = {"undo", undo_free};

static void watch(void *ctx, const VarsChange *c);

/* The session's undo state, made (and the variables watched) the first
 * time; NULL when out of memory. */
static Undo *state(Interp *in) {
    Undo *u = interp_slot(in, &kKey);
    if (u) return u;
    u = calloc(1, sizeof *u);
    if (!u || !interp_set_slot(in, &kKey, u)) return NULL;
    u->vars = interp_vars(in);
    vars_watch(u->vars, watch, u);
    return u;
}

static int64_t budget_of(const Undo *u) {
    if (u && u->budget > 0) return u->budget;
    int64_t q = arr_mem_limit() / 4;
    return q < UNDO_DEFAULT_BUDGET ? q : UNDO_DEFAULT_BUDGET;
}

int64_t undo_budget(Interp *in) {
    return budget_of(interp_slot(in, &kKey));
}

void undo_set_budget(Interp *in, int64_t bytes) {
    Undo *u = state(in);
    if (u) u->budget = bytes > 0 ? bytes : 0;
}

int undo_levels(Interp *in) {
    Undo *u = interp_slot(in, &kKey);
    return u ? u->n : 0;
}

/* Let the oldest kept level go. */
static void drop_oldest(Undo *u, Gone why) {
    if (!u->n) return;
    level_free(u->levels[0]);
    memmove(u->levels, u->levels + 1, (size_t)(u->n - 1) * sizeof *u->levels);
    u->n--;
    u->gone = why;
}

static int64_t kept_cost(const Undo *u) {
    int64_t t = 0;
    for (int i = 0; i < u->n; i++)
        t += level_cost(u->levels[i]);
    return t;
}

/* The statement in progress cannot be taken back (too big, or memory ran
 * out making a copy): its records go now, and so does every older level,
 * which undo could no longer reach without skipping this one. */
static void go_over(Undo *u, Gone why, int64_t need) {
    level_free(u->cur);
    u->cur = NULL;
    u->over = true;
    while (u->n)
        drop_oldest(u, why);
    u->gone = why;
    u->gone_bytes = need;
    const char *t = u->stmt && u->stmt->text ? u->stmt->text : "a change between statements";
    size_t len = strcspn(t, "\n");
    size_t max = sizeof u->gone_text - 1;
    if (len > max) {
        snprintf(u->gone_text, sizeof u->gone_text, "%.*s...", (int)(max - 3), t);
    } else {
        memcpy(u->gone_text, t, len);
        u->gone_text[len] = '\0';
    }
}

/* The level collecting the changes now, opened on the first change. */
static Level *level_cur(Undo *u) {
    if (!u->cur && !u->over) u->cur = calloc(1, sizeof *u->cur);
    return u->cur;
}

/* --- recording ----------------------------------------------------------------- */

static void watch(void *ctx, const VarsChange *c) {
    Undo *u = ctx;
    const char *name = c->name;
    if (u->quiet || u->over) return;
    Level *L = level_cur(u);
    if (!L) {
        go_over(u, GONE_MEMORY, 0);
        return;
    }
    if (ix_find(&L->bidx, L, true, name) >= 0) return; /* known: it came back after a del */
    if (L->nbinds == L->cbinds) {
        int cap = L->cbinds ? 2 * L->cbinds : 8;
        Bind *grown = realloc(L->binds, (size_t)cap * sizeof *grown);
        if (!grown) {
            go_over(u, GONE_MEMORY, 0);
            return;
        }
        L->binds = grown;
        L->cbinds = cap;
    }
    char *copy = strdup(name);
    if (!copy) {
        go_over(u, GONE_MEMORY, 0);
        return;
    }
    L->binds[L->nbinds++] = (Bind){copy, val_ref(c->old), c->pos, c->stamp};
    if (2 * (L->nbinds + 1) > L->bidx.cap) {
        if (!ix_build(&L->bidx, L, true, L->nbinds)) go_over(u, GONE_MEMORY, 0);
    } else {
        *ix_slot(&L->bidx, L, true, copy) = L->nbinds - 1;
    }
}

/* Drop the saves of values nothing but the save holds any more (a
 * function's local array, gone with its call): no variable can reach them,
 * so they need no undoing. */
static void compact(Level *L) {
    int k = 0;
    for (int i = 0; i < L->nsaves; i++) {
        if (L->saves[i].v->refs == 1) {
            L->bytes -= L->saves[i].bytes;
            save_free(&L->saves[i]);
        } else {
            L->saves[k++] = L->saves[i];
        }
    }
    L->nsaves = k;
    if (L->sidx.cap) ix_build(&L->sidx, L, false, k); /* no bigger: cannot fail */
}

/* Make room for `need` bytes of copies in the level in progress: older
 * levels give way first; false when the statement alone is past the
 * budget. */
static bool room_for(Undo *u, Level *L, int64_t need) {
    int64_t budget = budget_of(u);
    if (L->bytes + need > budget) compact(L);
    if (L->bytes + need > budget) return false;
    while (u->n && kept_cost(u) + L->bytes + need > budget)
        drop_oldest(u, GONE_BUDGET);
    return true;
}

/* A copy of what v holds now into s; false when memory runs out. */
static bool save_copy(Save *s, Value *v) {
    memset(s, 0, sizeof *s);
    if (v->kind == V_ARRAY || v->kind == V_IMAGE) {
        Err e;
        err_clear(&e);
        if (!(s->arr = arr_copy(v->arr, &e))) return false;
        s->bytes = (int64_t)arr_nbytes(v->arr);
    } else {
        size_t n = (size_t)v->n;
        s->items = malloc((n ? n : 1) * sizeof *s->items);
        if (v->keys) s->keys = calloc(n ? n : 1, sizeof *s->keys);
        if (!s->items || (v->keys && !s->keys)) {
            free(s->items);
            free(s->keys);
            return false;
        }
        s->bytes = (int64_t)(n * sizeof *s->items);
        for (size_t i = 0; i < n; i++) {
            s->items[i] = val_ref(v->items[i]);
            s->n = (int)i + 1;
            if (v->keys) {
                if (!(s->keys[i] = strdup(v->keys[i]))) {
                    save_free(s);
                    return false;
                }
                s->bytes += (int64_t)strlen(v->keys[i]) + 1;
            }
        }
    }
    s->v = val_ref(v);
    return true;
}

void undo_before_write(Interp *in, Value *v) {
    if (!v || (v->kind != V_ARRAY && v->kind != V_IMAGE && v->kind != V_LIST && v->kind != V_DICT))
        return;
    Undo *u = state(in);
    if (!u || u->quiet || u->over) return;
    Level *L = level_cur(u);
    if (!L) {
        go_over(u, GONE_MEMORY, 0);
        return;
    }
    if (ix_find(&L->sidx, L, false, v) >= 0) return; /* copied already in this level */
    int64_t need =
        v->kind == V_LIST || v->kind == V_DICT ? (int64_t)v->n * 16 : (int64_t)arr_nbytes(v->arr);
    if (!room_for(u, L, need)) {
        go_over(u, GONE_BIG, L->bytes + need);
        return;
    }
    if (L->nsaves == L->csaves) {
        int cap = L->csaves ? 2 * L->csaves : 8;
        Save *grown = realloc(L->saves, (size_t)cap * sizeof *grown);
        if (!grown) {
            go_over(u, GONE_MEMORY, 0);
            return;
        }
        L->saves = grown;
        L->csaves = cap;
    }
    if (!save_copy(&L->saves[L->nsaves], v)) {
        go_over(u, GONE_MEMORY, 0);
        return;
    }
    L->bytes += L->saves[L->nsaves].bytes;
    L->nsaves++;
    if (2 * (L->nsaves + 1) > L->sidx.cap) {
        if (!ix_build(&L->sidx, L, false, L->nsaves)) go_over(u, GONE_MEMORY, 0);
    } else {
        *ix_slot(&L->sidx, L, false, v) = L->nsaves - 1;
    }
}

/* --- closing a level ------------------------------------------------------------ */

/* Does v hold what s saved? */
static bool unchanged(const Save *s) {
    const Value *v = s->v;
    if (s->arr) {
        const Array *a = v->arr, *b = s->arr;
        return a->dtype == b->dtype && arr_same_shape(a, b) &&
               (a->size == 0 || memcmp(a->data, b->data, arr_nbytes(a)) == 0);
    }
    if (v->n != s->n) return false;
    for (int i = 0; i < s->n; i++)
        if (v->items[i] != s->items[i] || (s->keys && strcmp(v->keys[i], s->keys[i]) != 0))
            return false;
    return true;
}

/* A set of values seen, for held_bytes. */
typedef struct Seen {
    const Value **v;
    int n, cap; /* cap a power of two */
} Seen;

static bool seen_add(Seen *s, const Value *v) {
    if (2 * (s->n + 1) > s->cap) {
        int cap = s->cap ? 2 * s->cap : 64;
        const Value **t = calloc((size_t)cap, sizeof *t);
        if (!t) return false;
        for (int i = 0; i < s->cap; i++)
            if (s->v[i]) {
                unsigned k = hash_ptr(s->v[i]) & (unsigned)(cap - 1);
                while (t[k])
                    k = (k + 1) & (unsigned)(cap - 1);
                t[k] = s->v[i];
            }
        free(s->v);
        s->v = t;
        s->cap = cap;
    }
    unsigned k = hash_ptr(v) & (unsigned)(s->cap - 1);
    while (s->v[k]) {
        if (s->v[k] == v) return false;
        k = (k + 1) & (unsigned)(s->cap - 1);
    }
    s->v[k] = v;
    s->n++;
    return true;
}

/* The bytes of arrays reachable from v not counted yet (each value once,
 * however it is shared or nested). */
static int64_t held_bytes(const Value *v, Seen *seen) {
    int64_t total = 0;
    int top = 0, cap = 0;
    const Value **stack = NULL;
    for (const Value *w = v; w; w = top ? stack[--top] : NULL) {
        if (!seen_add(seen, w)) continue;
        if (w->arr) total += (int64_t)arr_nbytes(w->arr);
        if (w->n > 0 && top + w->n > cap) {
            int c = cap ? cap : 64;
            while (c < top + w->n)
                c *= 2;
            const Value **grown = realloc(stack, (size_t)c * sizeof *grown);
            if (!grown) break; /* a lower bound will do */
            stack = grown;
            cap = c;
        }
        for (int i = 0; i < w->n && top < cap; i++)
            stack[top++] = w->items[i];
    }
    free(stack);
    return total;
}

/* Close the level in progress: keep it when it changed something and fits
 * the budget. */
static void close_level(Undo *u) {
    Level *L = u->cur;
    u->cur = NULL;
    if (u->over) {
        u->over = false;
        return;
    }
    if (!L) return;
    /* bindings that are as they were (x = x, a loop's variable put back) */
    int k = 0;
    for (int i = 0; i < L->nbinds; i++) {
        if (vars_get(u->vars, L->binds[i].name) == L->binds[i].old)
            bind_free(&L->binds[i]);
        else
            L->binds[k++] = L->binds[i];
    }
    L->nbinds = k;
    /* contents nothing can reach, or that are as they were */
    compact(L);
    k = 0;
    for (int i = 0; i < L->nsaves; i++) {
        if (unchanged(&L->saves[i])) {
            L->bytes -= L->saves[i].bytes;
            save_free(&L->saves[i]);
        } else {
            L->saves[k++] = L->saves[i];
        }
    }
    L->nsaves = k;
    if (!L->nbinds && !L->nsaves) {
        level_free(L);
        return;
    }
    /* the indexes, for undo's message (no bigger: cannot fail) */
    if (L->bidx.cap) ix_build(&L->bidx, L, true, L->nbinds);
    if (L->sidx.cap) ix_build(&L->sidx, L, false, L->nsaves);
    /* old values kept alive by this level alone */
    Seen seen = {0};
    for (int i = 0; i < L->nbinds; i++)
        if (L->binds[i].old && L->binds[i].old->refs == 1)
            L->held += held_bytes(L->binds[i].old, &seen);
    free(seen.v);
    int64_t budget = budget_of(u);
    if (level_cost(L) > budget) {
        u->cur = L;
        go_over(u, GONE_BIG, level_cost(L));
        u->over = false;
        return;
    }
    while (u->n && (u->n == UNDO_LEVELS || kept_cost(u) + level_cost(L) > budget))
        drop_oldest(u, u->n == UNDO_LEVELS ? GONE_COUNT : GONE_BUDGET);
    u->levels[u->n++] = L;
}

bool undo_will_keep(Interp *in) {
    Undo *u = interp_slot(in, &kKey);
    if (!u || u->over) return false;
    const Level *L = u->cur;
    if (!L) return true;
    Seen seen = {0};
    int64_t held = 0;
    for (int i = 0; i < L->nbinds; i++)
        if (L->binds[i].old && L->binds[i].old->refs == 1)
            held += held_bytes(L->binds[i].old, &seen);
    free(seen.v);
    return L->bytes + held <= budget_of(u);
}

/* --- statements ------------------------------------------------------------------ */

bool undo_exec(Interp *in, const Node *st, Err *e) {
    Undo *u = state(in);
    if (!u) return interp_exec(in, st, e); /* out of memory: no undo, still run */
    bool top = u->depth++ == 0;
    if (top) {
        close_level(u); /* changes made between statements (tests, start-up) */
        u->stmt = st;
        vars_watch_again(u->vars);
    }
    bool ok = interp_exec(in, st, e);
    if (--u->depth == 0) {
        close_level(u);
        u->stmt = NULL;
        vars_watch_again(u->vars);
    }
    return ok;
}

/* --- undo ------------------------------------------------------------------------ */

/* Put s's copy back into its value: an array's numbers are copied into the
 * same array (its shape never changes in place); a list's or dict's items
 * are swapped with the copy's, so the level frees what the value held. */
static void restore_save(Save *s) {
    Value *v = s->v;
    if (s->arr) {
        Array *now = v->arr, *was = s->arr;
        if (now->dtype == was->dtype && arr_same_shape(now, was)) {
            /* the numbers back into the same array: whoever holds it sees them */
            if (now->size) memcpy(now->data, was->data, arr_nbytes(was));
            now->weak = was->weak;
        } else {
            v->arr = was;
            s->arr = now;
        }
        return;
    }
    Value **items = v->items;
    char **keys = v->keys;
    int n = v->n;
    v->items = s->items;
    v->keys = s->keys;
    v->n = s->n;
    s->items = items;
    s->keys = keys;
    s->n = n;
}

/* Is v (or an item of it) among the values L saved? */
static bool touches(const Level *L, const Value *v) {
    if (ix_find(&L->sidx, L, false, v) >= 0) return true;
    for (int j = 0; j < v->n; j++)
        if (ix_find(&L->sidx, L, false, v->items[j]) >= 0) return true;
    return false;
}

/* Add `name` to the list in b, the first SHOW_NAMES of them. */
static void list_name(SBuf *b, int *count, const char *name) {
    if (*count < SHOW_NAMES) sbuf_printf(b, "%s%s", *count ? ", " : "", name);
    (*count)++;
}

static void list_end(SBuf *b, int count) {
    if (count > SHOW_NAMES) sbuf_printf(b, " and %d more", count - SHOW_NAMES);
}

/* Say why there is nothing (more) to undo. */
static void say_nothing(const Undo *u, FILE *out) {
    char a[32], b[32];
    SBuf t = {0};
    switch (u->gone) {
    case GONE_NONE: sbuf_puts(&t, "undo: nothing to undo"); break;
    case GONE_COUNT:
        sbuf_printf(&t, "undo: nothing more to undo (only the last %d statements are kept)",
                    UNDO_LEVELS);
        break;
    case GONE_BUDGET:
        sbuf_printf(&t,
                    "undo: nothing more to undo: older statements were let go to keep undo within "
                    "its %s",
                    arr_mem_format(a, sizeof a, budget_of(u)));
        break;
    case GONE_BIG:
        sbuf_printf(&t,
                    "undo: cannot go back past `%s`: taking it back needs %s, more than undo "
                    "keeps (%s)",
                    u->gone_text, arr_mem_format(a, sizeof a, u->gone_bytes),
                    arr_mem_format(b, sizeof b, budget_of(u)));
        break;
    case GONE_MEMORY:
        sbuf_printf(&t, "undo: cannot go back past `%s`: memory ran out keeping its changes",
                    u->gone_text);
        break;
    }
    char *s = sbuf_done(&t);
    if (s) shapefix_wrap(out, "", s, 2);
    free(s);
}

bool undo_step(Interp *in, FILE *out, Err *e) {
    Undo *u = state(in);
    if (!u) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    if ((u->cur && (u->cur->nbinds || u->cur->nsaves)) || u->over)
        return err_set(e, ERR_VALUE,
                       "undo takes back whole statements: type it on a line of its own") != NULL;
    if (!u->n) {
        say_nothing(u, out);
        return true;
    }
    Level *L = u->levels[--u->n];
    u->quiet = true;
    for (int i = L->nsaves - 1; i >= 0; i--)
        restore_save(&L->saves[i]);
    SBuf b = {0};
    int nrest = 0, nrem = 0;
    sbuf_puts(&b, "undo: ");
    bool failed = false;
    for (int i = L->nbinds - 1; i >= 0; i--) {
        const Bind *r = &L->binds[i];
        if (r->old)
            failed |= !vars_put_back(u->vars, &(VarsChange){r->name, r->old, r->pos, r->stamp},
                                     val_ref(r->old));
        else
            vars_del(u->vars, r->name);
    }
    u->quiet = false;
    /* the names bound back, then those whose values came back in place */
    for (int j = 0; j < L->nbinds; j++)
        if (L->binds[j].old) {
            if (!nrest) sbuf_puts(&b, "restored ");
            list_name(&b, &nrest, L->binds[j].name);
        }
    for (int i = 0; L->nsaves && i < vars_count(u->vars); i++) {
        const char *name = vars_name_at(u->vars, i);
        if (ix_find(&L->bidx, L, true, name) < 0 && touches(L, vars_value_at(u->vars, i))) {
            if (!nrest) sbuf_puts(&b, "restored ");
            list_name(&b, &nrest, name);
        }
    }
    list_end(&b, nrest);
    for (int j = 0; j < L->nbinds; j++)
        if (!L->binds[j].old) {
            if (!nrem) sbuf_puts(&b, nrest ? "; removed " : "removed ");
            list_name(&b, &nrem, L->binds[j].name);
        }
    list_end(&b, nrem);
    if (!nrest && !nrem) sbuf_puts(&b, "restored the values changed in place");
    char *text = sbuf_done(&b);
    if (text) shapefix_wrap(out, "", text, 2);
    free(text);
    level_free(L);
    if (failed) return err_set(e, ERR_MEMORY, "out of memory putting variables back") != NULL;
    return true;
}
