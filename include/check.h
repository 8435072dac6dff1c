/* check.h - testing a learner's work: the `check` condition with its
 * explanations, and np.isclose / np.allclose.
 *
 * check_condition evaluates a condition in a session and says "ok" or
 * "not yet" with the reason (both values, how many elements differ, a hint
 * for the usual slips: swapped axes, a shape written without its comma,
 * floats compared with ==). The session keeps the tallies in an extension
 * slot. The lesson module (lesson.h) builds exercises on top of it.
 */
#ifndef NNSH_CHECK_H
#define NNSH_CHECK_H

#include <stdbool.h>

#include "arr.h"
#include "interp.h"
#include "registry.h"
#include "interp.h"

/* The table: allclose, isclose. */
extern const Builtin check_builtins[];

/* check_condition: evaluate condition `expr` in session `in` and print
 * "ok: TEXT" or "not yet: TEXT  (why)" (then "  hint: ..." when a usual
 * slip is recognised, then `hint` as given, which may be NULL) on the
 * session's output; counts the result in the session. Never an error: a
 * condition that fails to evaluate is "not yet" with the error's message.
 * A comparison passes when every element compares true; tuples (shapes)
 * compare item by item as in Python. Returns true when met. */
bool check_condition(Interp *in, const Node *expr, const char *hint);

/* check_met: is condition `expr` met? check_condition's judgement with
 * nothing printed and nothing counted (for verifying lessons). */
bool check_met(Interp *in, const Node *expr);

/* check_counts: the session's checks so far, met and not yet (0 and 0 in a
 * session that has checked nothing). */
void check_counts(Interp *in, int *ok, int *notyet);

/* check_isclose: NumPy 1.24's np.isclose(a, b, rtol, atol, equal_nan):
 * |a - b| <= atol + rtol * |b| element by element after broadcasting, inf
 * equal only to the same inf, nan equal to nothing (to nan when equal_nan).
 * Computed in float32 when b is float32 (and a fits), else float64, as
 * NumPy does. A bool array of the broadcast shape (caller owns), or NULL
 * with a shape error when a and b do not broadcast. */
Array *check_isclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                     Err *e);

/* check_allclose: all of check_isclose into *out; false with e set on a
 * shape error (then *out is false too). */
bool check_allclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                    bool *out, Err *e);

#endif
