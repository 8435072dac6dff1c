/* vars.c - the variable table (see vars.h).
 *
 * A session holds tens of variables, so a plain array searched from the start
 * is fast enough and keeps the definition order for `vars` for free.
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
};

Vars *vars_new(void) {
    return calloc(1, sizeof(Vars));
}

void vars_free(Vars *vs) {
    if (!vs) return;
    vars_clear(vs);
    free(vs->names);
    free(vs->vals);
    free(vs->stamps);
    free(vs);
}

static int find(const Vars *vs, const char *name) {
    for (int i = 0; i < vs->n; i++)
        if (strcmp(vs->names[i], name) == 0) return i;
    return -1;
}

const Value *vars_get(const Vars *vs, const char *name) {
    int i = find(vs, name);
    return i < 0 ? NULL : vs->vals[i];
}

bool vars_set(Vars *vs, const char *name, Value *v) {
    int i = find(vs, name);
    if (i >= 0) {
        /* rebinding keeps the name's place in the definition order */
        val_free(vs->vals[i]);
        vs->vals[i] = v;
        vs->stamps[i] = ++vs->clock;
        return true;
    }
    if (vs->n == vs->cap) {
        int cap = vs->cap ? vs->cap * 2 : 16;
        char **names = realloc(vs->names, (size_t)cap * sizeof *names);
        if (names) vs->names = names;
        Value **vals = realloc(vs->vals, (size_t)cap * sizeof *vals);
        if (vals) vs->vals = vals;
        uint64_t *stamps = realloc(vs->stamps, (size_t)cap * sizeof *stamps);
        if (stamps) vs->stamps = stamps;
        if (!names || !vals || !stamps) {
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
    vs->names[vs->n] = copy;
    vs->vals[vs->n] = v;
    vs->stamps[vs->n] = ++vs->clock;
    vs->n++;
    return true;
}

bool vars_del(Vars *vs, const char *name) {
    int i = find(vs, name);
    if (i < 0) return false;
    free(vs->names[i]);
    val_free(vs->vals[i]);
    memmove(vs->names + i, vs->names + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->names);
    memmove(vs->vals + i, vs->vals + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->vals);
    memmove(vs->stamps + i, vs->stamps + i + 1, (size_t)(vs->n - i - 1) * sizeof *vs->stamps);
    vs->n--;
    return true;
}

void vars_clear(Vars *vs) {
    for (int i = 0; i < vs->n; i++) {
        free(vs->names[i]);
        val_free(vs->vals[i]);
    }
    vs->n = 0;
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
