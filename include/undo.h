/* undo.h - taking back the last statements: `undo` puts the variables back
 * as they were before the last statement that changed them, several times
 * over.
 *
 * Each statement run at the top (typed at the prompt, or one of a script's)
 * is one undo level, whatever it runs inside: a loop, a function's body, a
 * command's own statements all belong to it. A level remembers, the first
 * time each thing changes in it:
 *   - a variable's binding: the value it was bound to (one more reference to
 *     that value) or that it was not bound;
 *   - a value changed in place (x[0] = 1, L.append(3), d['k'] = v): a copy
 *     of what it held before (an array's data, a list's or dict's items).
 * `undo` copies each such copy back INTO the same value, so names that share
 * a value (b = a) still share it, and binds every name back. A level in
 * which nothing ended up changed (a failing statement, x = x) is not kept.
 *
 * Memory: the copies, and the old values that only undo still holds, count
 * against the undo budget: 256 MiB, or a quarter of the memory budget for
 * arrays (arr_mem_limit) when that is smaller. Past it the oldest levels go;
 * a single statement past it keeps no level, and `undo` then says so. At
 * most UNDO_LEVELS levels are kept.
 *
 * All state lives in a session slot (interp_slot); nothing is kept before
 * the first statement runs.
 */
#ifndef NNSH_UNDO_H
#define NNSH_UNDO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ast.h"
#include "err.h"
#include "interp.h"
#include "value.h"

enum { UNDO_LEVELS = 20 };

/* undo_exec: run statement st as interp_exec does, as one undo level when it
 * is run at the top (statements that run inside it, through a nested
 * interp_run, belong to its level). interp_run calls this for each
 * statement. Returns interp_exec's result. */
bool undo_exec(Interp *in, const Node *st, Err *e);

/* undo_before_write: value v is about to be changed in place (an item of an
 * array, list or dict set, a list appended to ...): call this first, at
 * every site that changes a value's contents, so the level in progress
 * keeps a copy of what v holds now (once per value and level). NULL and
 * values that cannot change in place are ignored. Cheap after the first
 * call for v in a level: one hash lookup. */
void undo_before_write(Interp *in, Value *v);

/* undo_step: take back the last level that is kept, printing on out what
 * came back ("undo: restored W1, B1; removed A1"), or why there is nothing
 * to take back. Returns false (e set, nothing changed) when it cannot run:
 * inside a statement that has already changed something (undo inside a
 * loop or function). */
bool undo_step(Interp *in, FILE *out, Err *e);

/* undo_will_keep: whether the statement in progress will be kept as a
 * level as things stand (its changes fit the budget); for `clear`, which
 * says whether `undo` brings its variables back. */
bool undo_will_keep(Interp *in);

/* undo_levels: how many levels are kept now (for tests). */
int undo_levels(Interp *in);

/* undo_budget: the session's undo budget in bytes (see above). */
int64_t undo_budget(Interp *in);

/* undo_set_budget: a budget in bytes for this session instead (0: back to
 * the default), for tests. */
void undo_set_budget(Interp *in, int64_t bytes);

#endif
