/* fixes.h - fixes checked on the whole statement. When a statement fails,
 * the shape debugger (shapefix.h) explains the operation that failed; this
 * module finds rewrites of the whole statement that would run: the failing
 * operation's operands swapped or transposed (or a .T that is there
 * dropped), another variable of the session in place of an operand (the
 * previous layer's output Z1 in place of X, the bias b1 that fits), a batch
 * axis, a different axis= for a reduction, the batch's slice of the labels.
 *
 * Every candidate is written out as source text, parsed again and run
 * through the shape engine (shapes_infer) on the session's variables; only
 * those whose whole statement goes through are offered, best first, each as
 * the complete statement to type with the shape it gives. Nothing is
 * computed and no variable changes. A rewrite that would make shapes fit by
 * pairing elements that do not belong together (reshaping W2 (3, 2) into
 * (2, 3) to add it to W1) is never generated.
 *
 * It also explains errors that had only a one-line message: an axis out of
 * bounds (with the shape and the valid axes), x.shape(0) ("`shape` is not a
 * function"), and a comparison of arrays of different lengths (100
 * predictions against 10000 labels).
 */
#ifndef NNSH_FIXES_H
#define NNSH_FIXES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"
#include "interp.h"
#include "shapefix.h"

/* fixes_find: the checked whole-statement fixes for error `e`, raised by a
 * statement of `src` (the whole source the error's span refers to, its
 * lines counted from 1) in session `in`. Fills out[0..max) best first and
 * returns how many (0 when the statement cannot be found or re-parsed,
 * when the shape engine cannot follow it, or when nothing works). For a
 * network whose layers do not chain (op "layer") the fixes are the
 * assignments shapefix_suggest gives. */
int fixes_find(Interp *in, const Err *e, const char *src, ShapeFix *out, int max);

/* fixes_check: parse `code` as one statement and run the shape engine on
 * it against the session's variables, without computing or changing
 * anything. Returns true when it would run; *ndim and shape[0..4) then hold
 * the shape of its value (*ndim -1 when the value is not an array, e.g.
 * x.shape). */
bool fixes_check(Interp *in, const char *code, int *ndim, int64_t *shape);

/* fixes_report: print error `e` of the statement in `src` to `out` (what
 * interp_report prints): shape and index errors with their operands get
 * the shape debugger's explanation; the errors this module knows get an
 * explanation line; then the checked fixes. Other errors are printed by
 * err_print(). `srcname` names the source in "at NAME line L" (NULL or
 * empty: no location line). */
void fixes_report(Interp *in, FILE *out, const Err *e, const char *srcname, const char *src,
                  bool color);

#endif
