/* value.c - the values a variable or an expression can hold (see value.h). */
#include "value.h"

#include <stdlib.h>
#include <string.h>

/* malloc, not calloc: glibc's calloc never reuses the blocks its thread
 * cache keeps, and a loop makes and frees values by the million. */
static Value *new_value(ValKind k) {
    Value *v = malloc(sizeof *v);
    if (v) {
        memset(v, 0, sizeof *v);
        v->kind = k;
        v->refs = 1;
    }
    return v;
}

Value *val_ref(const Value *v) {
    Value *m = (Value *)v; /* the count is not part of the value's meaning */
    if (m) m->refs++;
    return m;
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

Value *val_none(void) {
    return new_value(V_NONE);
}

Value *val_array(Array *a) {
    if (!a) return NULL;
    Value *v = new_value(V_ARRAY);
    if (!v) {
        arr_free(a);
        return NULL;
    }
    v->arr = a;
    return v;
}

/* A value whose `str` is a copy of s (V_STR, V_DTYPE). */
static Value *str_value(ValKind k, const char *s) {
    Value *v = new_value(k);
    if (!v) return NULL;
    v->str = dup_str(s);
    if (!v->str) {
        free(v);
        return NULL;
    }
    return v;
}

Value *val_str(const char *s) {
    return str_value(V_STR, s);
}

Value *val_dtype(DType t) {
    return str_value(V_DTYPE, dtype_name(t));
}

Value *val_func(const struct Builtin *fn) {
    Value *v = new_value(V_FUNC);
    if (v) v->fn = fn;
    return v;
}

Value *val_ext(ValKind kind, void *ext, void (*ext_free)(void *ext)) {
    Value *v = new_value(kind);
    if (!v) {
        if (ext_free) ext_free(ext);
        return NULL;
    }
    v->ext = ext;
    v->ext_free = ext_free;
    return v;
}

Value *val_range(int64_t start, int64_t stop, int64_t step) {
    int64_t shape[1] = {3};
    Array *a = arr_new(DT_INT64, 1, shape, NULL);
    if (!a) return NULL;
    int64_t *d = a->data;
    d[0] = start;
    d[1] = stop;
    d[2] = step;
    Value *v = val_array(a);
    if (v) v->kind = V_RANGE;
    return v;
}

int64_t val_range_len(const Value *v) {
    const int64_t *d = v->arr->data;
    int64_t start = d[0], stop = d[1], step = d[2];
    /* unsigned arithmetic: the distance may not fit in int64 */
    if (step > 0 && start < stop)
        return (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
    if (step < 0 && start > stop)
        return (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1);
    return 0;
}

Value *val_seq(ValKind kind, Value **items, int n) {
    Value *v = new_value(kind);
    if (!v) goto fail;
    if (n > 0) {
        v->items = malloc((size_t)n * sizeof *v->items);
        if (!v->items) goto fail;
        memcpy(v->items, items, (size_t)n * sizeof *v->items);
    }
    v->n = n;
    return v;
fail:
    /* the items were handed over: release them even on failure */
    for (int i = 0; i < n; i++)
        val_free(items[i]);
    free(v);
    return NULL;
}

Value *val_dict_new(void) {
    return new_value(V_DICT);
}

bool val_dict_put(Value *d, const char *key, Value *v) {
    for (int i = 0; i < d->n; i++)
        if (strcmp(d->keys[i], key) == 0) {
            val_free(d->items[i]);
            d->items[i] = v;
            return true;
        }
    char *k = dup_str(key);
    Value **items = realloc(d->items, (size_t)(d->n + 1) * sizeof *items);
    if (items) d->items = items;
    char **keys = realloc(d->keys, (size_t)(d->n + 1) * sizeof *keys);
    if (keys) d->keys = keys;
    if (!k || !items || !keys) {
        free(k);
        val_free(v);
        return false;
    }
    d->keys[d->n] = k;
    d->items[d->n] = v;
    d->n++;
    return true;
}

const Value *val_dict_get(const Value *d, const char *key) {
    if (!d || d->kind != V_DICT) return NULL;
    for (int i = 0; i < d->n; i++)
        if (strcmp(d->keys[i], key) == 0) return d->items[i];
    return NULL;
}

Value *val_copy(const Value *v) {
    if (!v) return NULL;
    switch (v->kind) {
    case V_NONE: return val_none();
    case V_ARRAY: return val_array(arr_copy(v->arr, NULL));
    case V_STR:
    case V_DTYPE: return str_value(v->kind, v->str);
    case V_IMAGE:
    case V_RANGE: {
        Value *c = val_array(arr_copy(v->arr, NULL));
        if (c) c->kind = v->kind;
        return c;
    }
    case V_FILE: return str_value(V_FILE, v->str);
    case V_USERFN: return val_ref(v); /* a function is never changed */
    case V_FUNC: return val_func(v->fn);
    case V_TUPLE:
    case V_LIST: {
        Value **items = calloc((size_t)(v->n ? v->n : 1), sizeof *items);
        if (!items) return NULL;
        for (int i = 0; i < v->n; i++)
            items[i] = val_ref(v->items[i]);
        Value *c = val_seq(v->kind, items, v->n);
        free(items);
        return c;
    }
    case V_DICT: {
        Value *d = val_dict_new();
        for (int i = 0; d && i < v->n; i++)
            if (!val_dict_put(d, v->keys[i], val_ref(v->items[i]))) {
                val_free(d);
                return NULL;
            }
        return d;
    }
    }
    return NULL;
}

/* Values whose last reference is gone, waiting to be freed: a work list
 * instead of recursion, so freeing a tuple nested 100,000 deep takes no
 * stack. The first few places are in the list itself (a tuple of a few
 * arrays is freed without allocating); more go to the heap. */
enum { FREE_INLINE = 16 };
typedef struct FreeList {
    Value **v; /* in_place, or on the heap */
    size_t n, cap;
    Value *in_place[FREE_INLINE];
} FreeList;

static void destroy(Value *w, FreeList *fl);

/* Give back one reference to v; with the last, queue v (or, when the list
 * cannot grow, free it at once: correct, only deeper). */
static void release(FreeList *fl, Value *v) {
    if (!v || --v->refs > 0) return;
    if (fl->n == fl->cap) {
        size_t cap = 2 * fl->cap;
        Value **grown = fl->v == fl->in_place ? malloc(cap * sizeof *grown)
                                              : realloc(fl->v, cap * sizeof *grown);
        if (!grown) {
            destroy(v, fl);
            return;
        }
        if (fl->v == fl->in_place) memcpy(grown, fl->in_place, sizeof fl->in_place);
        fl->v = grown;
        fl->cap = cap;
    }
    fl->v[fl->n++] = v;
}

/* Free w itself; its items are released onto fl (NULL when w has none). */
static void destroy(Value *w, FreeList *fl) {
    if (w->ext_free) w->ext_free(w->ext);
    arr_free(w->arr);
    free(w->str);
    for (int i = 0; i < w->n; i++) {
        release(fl, w->items[i]);
        if (w->keys) free(w->keys[i]);
    }
    free(w->items);
    free(w->keys);
    free(w);
}

void val_free(Value *v) {
    if (!v || --v->refs > 0) return;
    if (v->n == 0) { /* nothing inside to release: destroy needs no list */
        destroy(v, NULL);
        return;
    }
    FreeList fl;
    fl.v = fl.in_place;
    fl.n = 0;
    fl.cap = FREE_INLINE;
    destroy(v, &fl);
    while (fl.n)
        destroy(fl.v[--fl.n], &fl);
    if (fl.v != fl.in_place) free(fl.v);
}

const char *val_kind_name(ValKind k) {
    switch (k) {
    case V_NONE: return "None";
    case V_ARRAY: return "array";
    case V_STR: return "str";
    case V_TUPLE: return "tuple";
    case V_LIST: return "list";
    case V_DICT: return "dict";
    case V_FUNC: return "function";
    case V_DTYPE: return "dtype";
    case V_IMAGE: return "Image";
    case V_USERFN: return "function";
    case V_RANGE: return "range";
    case V_FILE: return "file";
    }
    return "value";
}

size_t val_nbytes(const Value *v) {
    /* a work list rather than recursion: values may nest very deep */
    size_t n = 0, top = 0, cap = 0;
    const Value **stack = NULL;
    for (const Value *w = v; w;) {
        if (w->kind == V_ARRAY) n += arr_nbytes(w->arr);
        if (w->str) n += strlen(w->str) + 1;
        if (w->n && top + (size_t)w->n > cap) {
            size_t c = cap ? cap : 64;
            while (c < top + (size_t)w->n)
                c *= 2;
            const Value **grown = realloc(stack, c * sizeof *grown);
            if (!grown) break; /* a lower bound is all a listing needs */
            stack = grown;
            cap = c;
        }
        for (int i = 0; i < w->n && top < cap; i++)
            stack[top++] = w->items[i];
        w = top ? stack[--top] : NULL;
    }
    free(stack);
    return n;
}
