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

/* vars_insert: bind name to v (taking ownership) as vars_set does, but a
 * name not bound yet is placed at position `pos` of the definition order
 * (clamped to 0..count) instead of the end: undo puts a deleted variable
 * back where it was. False (v freed) only when memory runs out. */
bool vars_insert(Vars *vs, int pos, const char *name, Value *v);

/* --- watching the bindings (for undo) ---------------------------------------
 * A watcher is told about a binding just before it changes: fn(ctx, name,
 * old, pos) with the value bound now (borrowed: take a reference to keep
 * it) or NULL when the name is not bound yet, and the name's position in
 * the definition order (vars_clear reports each name at position 0, as if
 * removing them one by one from the front). Each name is reported once per
 * round, however often it changes in it (a loop's variable costs one test
 * per pass); a name bound for the first time is reported every time. The
 * watcher must not change the table. */
typedef void (*VarsWatchFn)(void *ctx, const char *name, const Value *old, int pos);

/* vars_watch: install fn (NULL: none, the default). */
void vars_watch(Vars *vs, VarsWatchFn fn, void *ctx);
/* vars_watch_again: start a new round: every name is reported again at its
 * next change. */
void vars_watch_again(Vars *vs);

#endif
