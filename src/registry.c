/* registry.c - the session's built-in tables, found by name through a hash
 * index, and the argument helpers every library shares (see registry.h). */
#include "registry.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One kind of entry (functions and commands, or array methods): the tables
 * in registration order, and an open-addressing index of the names in force
 * (the first table to define a name wins). */
typedef struct Index {
    const Builtin **tables;
    int ntables;
    const Builtin **slots; /* cap entries, NULL = empty */
    int cap, used;
} Index;

struct Registry {
    Index fns, methods;
    Index python; /* Python's built-ins: found by their bare names only */
};

static uint32_t name_hash(const char *s) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static const Builtin **index_slot(const Index *ix, const char *name) {
    uint32_t mask = (uint32_t)ix->cap - 1;
    for (uint32_t i = name_hash(name) & mask;; i = (i + 1) & mask)
        if (!ix->slots[i] || strcmp(ix->slots[i]->name, name) == 0) return &ix->slots[i];
}

/* Make room for `more` names: keep the table at most half full. */
static bool index_grow(Index *ix, int more) {
    if ((ix->used + more) * 2 <= ix->cap) return true;
    int cap = ix->cap ? ix->cap : 64;
    while ((ix->used + more) * 2 > cap)
        cap *= 2;
    const Builtin **old = ix->slots;
    int oldcap = ix->cap;
    ix->slots = calloc((size_t)cap, sizeof *ix->slots);
    if (!ix->slots) {
        ix->slots = old;
        return false;
    }
    ix->cap = cap;
    for (int i = 0; i < oldcap; i++)
        if (old[i]) *index_slot(ix, old[i]->name) = old[i];
    free(old);
    return true;
}

static int table_len(const Builtin *t) {
    int n = 0;
    while (t[n].name)
        n++;
    return n;
}

/* Add table to ix's list (for reg_at); its entries go into ix's lookup,
 * or into bare's when bare is given (dotted names, sys.path.append, stay
 * in ix's). */
static bool index_add_to(Index *ix, const Builtin *table, Index *bare) {
    int n = table_len(table);
    const Builtin **grown = realloc(ix->tables, (size_t)(ix->ntables + 1) * sizeof *grown);
    if (!grown || !index_grow(ix, n)) {
        if (grown) ix->tables = grown;
        return false;
    }
    ix->tables = grown;
    ix->tables[ix->ntables++] = table;
    if (bare && !index_grow(bare, n)) return false;
    for (int i = 0; i < n; i++) {
        Index *to = bare && !strchr(table[i].name, '.') ? bare : ix;
        const Builtin **s = index_slot(to, table[i].name);
        if (!*s) {
            *s = &table[i];
            to->used++;
        }
    }
    return true;
}

static bool index_add(Index *ix, const Builtin *table) {
    return index_add_to(ix, table, NULL);
}

static const Builtin *index_find(const Index *ix, const char *name) {
    if (!ix->cap) return NULL;
    return *index_slot(ix, name);
}

static int index_count(const Index *ix) {
    int n = 0;
    for (int t = 0; t < ix->ntables; t++)
        n += table_len(ix->tables[t]);
    return n;
}

static const Builtin *index_at(const Index *ix, int i) {
    for (int t = 0; t < ix->ntables && i >= 0; t++) {
        int n = table_len(ix->tables[t]);
        if (i < n) return &ix->tables[t][i];
        i -= n;
    }
    return NULL;
}

Registry *reg_new(void) {
    return calloc(1, sizeof(Registry));
}

void reg_free(Registry *r) {
    if (!r) return;
    free(r->fns.tables);
    free(r->fns.slots);
    free(r->methods.tables);
    free(r->methods.slots);
    free(r->python.slots);
    free(r);
}

bool reg_add(Registry *r, const Builtin *table) {
    return index_add(&r->fns, table);
}

bool reg_add_python(Registry *r, const Builtin *table) {
    return index_add_to(&r->fns, table, &r->python);
}

bool reg_add_methods(Registry *r, const Builtin *table) {
    return index_add(&r->methods, table);
}

const Builtin *reg_find(const Registry *r, const char *name) {
    if (strncmp(name, "np.", 3) == 0) return index_find(&r->fns, name + 3);
    if (strncmp(name, "numpy.", 6) == 0) return index_find(&r->fns, name + 6);
    const Builtin *b = index_find(&r->python, name);
    return b ? b : index_find(&r->fns, name);
}

const Builtin *reg_find_member(const Registry *r, const char *name) {
    return index_find(&r->fns, name);
}

const Builtin *reg_method(const Registry *r, const char *name) {
    return index_find(&r->methods, name);
}

int reg_count(const Registry *r) {
    return index_count(&r->fns);
}

const Builtin *reg_at(const Registry *r, int i) {
    return index_at(&r->fns, i);
}

int reg_method_count(const Registry *r) {
    return index_count(&r->methods);
}

const Builtin *reg_method_at(const Registry *r, int i) {
    return index_at(&r->methods, i);
}

/* --- argument helpers ----------------------------------------------------------- */

static bool kw_allowed(const char *list, const char *kw) {
    size_t n = strlen(kw);
    for (const char *p = list; p && *p;) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if ((size_t)(q - p) == n && strncmp(p, kw, n) == 0) return true;
        p = q;
    }
    return false;
}

bool builtin_check_call(const Builtin *b, int npos, const char *const *kw, int nkw,
                        const Node *call, Err *e) {
    Span at = call->span;
    bool few = npos < b->minargs, many = b->maxargs >= 0 && npos > b->maxargs;
    if (few || many) {
        const char *was = npos == 1 ? "was" : "were";
        if (b->minargs == b->maxargs)
            err_set_at(e, ERR_TYPE, at, "%s() takes %d argument%s but %d %s given", b->name,
                       b->minargs, b->minargs == 1 ? "" : "s", npos, was);
        else if (many)
            err_set_at(e, ERR_TYPE, at, "%s() takes at most %d argument%s but %d %s given", b->name,
                       b->maxargs, b->maxargs == 1 ? "" : "s", npos, was);
        else
            err_set_at(e, ERR_TYPE, at, "%s() takes at least %d argument%s but %d %s given",
                       b->name, b->minargs, b->minargs == 1 ? "" : "s", npos, was);
        return false;
    }
    for (int i = 0; i < nkw; i++)
        if (!kw_allowed(b->kwargs, kw[i])) {
            err_set_at(e, ERR_TYPE, at, "%s() got an unexpected keyword argument '%s'", b->name,
                       kw[i]);
            return false;
        }
    return true;
}

const Value *builtin_kw(const CallArgs *a, const char *name) {
    for (int i = 0; i < a->nkw; i++)
        if (strcmp(a->kwname[i], name) == 0) return a->kw[i];
    return NULL;
}

Span builtin_arg_span(const CallArgs *a, int i) {
    return i < a->n && a->nodes[i] ? a->nodes[i]->span : a->call->span;
}

Span builtin_kw_span(const CallArgs *a, const char *name) {
    for (int i = 0; i < a->nkw; i++)
        if (strcmp(a->kwname[i], name) == 0 && a->kwnodes[i]) return a->kwnodes[i]->span;
    return a->call->span;
}

const Array *builtin_arr_arg(const CallArgs *a, int i, Err *e) {
    const Value *v = a->v[i];
    if (v->kind == V_ARRAY) return v->arr;
    return err_set_at(e, ERR_TYPE, builtin_arg_span(a, i),
                      "%s() needs an array as argument %d, not a %s", a->fname, i + 1,
                      val_kind_name(v->kind));
}

Value *builtin_wrap(Array *a, Err *e) {
    if (!a) return NULL;
    Value *v = val_array(a);
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

Value *builtin_none(Err *e) {
    Value *v = val_none();
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

int builtin_cmd_nargs(const Node *call) {
    if (call->kind == N_CALL) return call->nkids - 1;
    if (call->kind == N_RAWCMD) return call->nkids;
    return 0;
}

const Node *builtin_cmd_arg(const Node *call, int i) {
    if (i < 0 || i >= builtin_cmd_nargs(call)) return NULL;
    return call->kind == N_CALL ? call->kids[i + 1] : call->kids[i];
}

const char *builtin_cmd_word(const Node *arg) {
    if (!arg) return NULL;
    if (arg->kind == N_NAME || arg->kind == N_STR) return arg->str;
    if (arg->kind == N_ATTR) {
        /* a dotted name only: np.dot, np.random.randn */
        for (const Node *n = arg; n->kind == N_ATTR; n = n->kids[0])
            if (n->kids[0]->kind != N_ATTR && n->kids[0]->kind != N_NAME) return NULL;
        return arg->text;
    }
    return NULL;
}
