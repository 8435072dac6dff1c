/* init.h - the one place that lists nnsh's libraries of built-ins (as Lua's
 * linit.c does): everything above the evaluator that defines a table. */
#ifndef NNSH_INIT_H
#define NNSH_INIT_H

#include <stdio.h>

#include "interp.h"

/* nnsh_open_libs: register every library's table and the array methods in
 * the session's registry. Returns false when out of memory. */
bool nnsh_open_libs(Interp *in);

/* nnsh_new: a new session with every library registered: interp_new(out,
 * err) followed by nnsh_open_libs. NULL when out of memory. Free it with
 * interp_free. */
Interp *nnsh_new(FILE *out, FILE *err);

#endif
