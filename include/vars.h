/* vars.h - the variable table: names to owned Values, kept in insertion
 * order so `vars` lists them as they were defined. */
#ifndef NNSH_VARS_H
#define NNSH_VARS_H

#include <stdbool.h>
#include <stdint.h>

#include "value.h"

typedef struct Vars Vars;

/* vars_new: an empty table, or NULL when out of memory. */
Vars *vars_new(void);
/* vars_free: release the table and every value in it. NULL is fine. */
void vars_free(Vars *vs);
/* vars_get: the value bound to name (borrowed) or NULL. */
const Value *vars_get(const Vars *vs, const char *name);
/* vars_set: bind name to v, taking ownership of v; an old value is freed.
 * Returns false (v freed) only when memory runs out. */
bool vars_set(Vars *vs, const char *name, Value *v);
/* vars_get_mut: the value bound to name (NULL when unbound), for a caller
 * that rebinds name by overwriting the value in place with another of the
 * same kind (a loop's counter: no allocation). Only when the table holds
 * the value's only reference (refs == 1): anything else holding it must
 * not see it change. Such a change is not a vars_set: the stamp stays.
 * A watcher (vars_watch) is told first, as for a rebinding; it may take a
 * reference, so test refs after the call. */
Value *vars_get_mut(Vars *vs, const char *name);
/* vars_del: unbind; false when name was not bound. */
bool vars_del(Vars *vs, const char *name);
/* vars_clear: unbind everything. */
void vars_clear(Vars *vs);
/* vars_count / vars_name_at / vars_value_at: iterate in definition order
 * (rebinding a name keeps its place). Out-of-range i gives NULL; results are
 * borrowed and valid until the table changes. */
int vars_count(const Vars *vs);
const char *vars_name_at(const Vars *vs, int i);
const Value *vars_value_at(const Vars *vs, int i);

/* vars_stamp: when `name` was last bound, as a number that grows with every
 * vars_set on this table (0 when name is not bound): of two variables, the
 * one with the larger stamp was bound last (net.c uses it to find the
 * network loaded last). */
uint64_t vars_stamp(const Vars *vs, const char *name);

/* --- watching the bindings (for undo) ---------------------------------------
 * A watcher is told about a binding just before it changes, with a
 * VarsChange (borrowed for the call): the name, the value bound now (take a
 * reference to keep it) or NULL when the name is not bound yet, the name's
 * position in the definition order (vars_clear reports each at position 0,
 * as if removing them one by one from the front) and its stamp. Each name
 * is reported once per round, however often it changes in it (a loop's
 * variable costs one comparison a pass); a name bound for the first time is
 * reported every time. The watcher must not touch the table. */
typedef struct VarsChange {
    const char *name;
    const Value *old; /* NULL: not bound */
    int pos;
    uint64_t stamp; /* 0 when not bound */
} VarsChange;
typedef void (*VarsWatchFn)(void *ctx, const VarsChange *c);

/* vars_watch: install fn (NULL: none, the default). */
void vars_watch(Vars *vs, VarsWatchFn fn, void *ctx);
/* vars_watch_again: start a new round: every name is reported again at its
 * next change. */
void vars_watch_again(Vars *vs);
/* vars_put_back: bind c->name to v (taking ownership) as it was when c was
 * reported: a name not bound now goes back to position c->pos (clamped to
 * 0..count) instead of the end, and the binding gets c->stamp again, so
 * vars_stamp orders it as before. False (v freed) only when memory runs
 * out. */
bool vars_put_back(Vars *vs, const VarsChange *c, Value *v);

#endif
