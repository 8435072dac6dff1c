/* trace.h - watching the evaluator work: `trace on|off|full`, `explain EXPR`,
 * `step STATEMENT` (Enter, back, continue, quit) and `shapes STATEMENT`.
 *
 * The tracer is the interp.h trace hook: while tracing is on, every
 * operation the evaluator performs arrives as a TraceEvent (innermost first)
 * and is printed as a numbered step:
 *     [1] dot      X (2,) · W1 (2, 3) -> (3,)   [0.2 0.5 0.8]
 *     [2] add      (3,) + B1 (3,) -> (3,)   [0.3 0.7 1.1]
 *     [3] A1 = (3,) float64
 * `trace full` adds the element expansion of small dot products in the
 * chapter's notation (a1(1) = w11(1)*x1 + w12(1)*x2 + b1(1) = ...) and says
 * which axis a broadcast stretched. When tracing is off no hook is
 * installed, so the evaluator pays one NULL test per operation.
 *
 * The commands are Builtin entries (registry.h); the table also holds the
 * network commands of net.h (net, forward, diagram).
 */
#ifndef NNSH_TRACE_H
#define NNSH_TRACE_H

#include <stdbool.h>
#include <stddef.h>

#include "interp.h"
#include "registry.h"
#include "interp.h"

/* The commands of this module and net.c: trace, explain, step, back,
 * continue, shapes, net, forward, diagram. Ends with an all-NULL entry. */
extern const Builtin trace_builtins[];

typedef enum TraceMode { TRACE_OFF = 0, TRACE_ON, TRACE_FULL } TraceMode;

/* trace_mode: the session's tracing mode (TRACE_OFF unless `trace on/full`). */
TraceMode trace_mode(Interp *in);

/* trace_set_mode: switch tracing for the session, installing or removing the
 * hook with interp_set_trace(). Returns false only when out of memory. */
bool trace_set_mode(Interp *in, TraceMode m);

/* trace_emit: report an operation computed outside the evaluator (the
 * network commands) to whatever hook is installed in `in` by this module:
 * the live tracer or a `step` recording. Does nothing when none is. */
void trace_emit(Interp *in, const TraceEvent *ev);

/* trace_value_text: a one-line summary of `a` at most `width` columns wide
 * ("[0.3 0.7 1.1]", "[[0.1 ... 0.6] ... [0.2 ... 0.4]]"), into buf (size n).
 * Returns false (buf empty) when even the shortest form does not fit. */
bool trace_value_text(const Array *a, int width, char *buf, size_t n);

/* trace_num: a number as the chapter writes it in an expansion: up to 8
 * decimals as NumPy prints, zeros dropped, whole numbers with ".0" ("1.0",
 * "0.3", "1.01402696"); very large or small numbers in %.8g form.
 * Returns buf (size >= 32). */
char *trace_num(double v, char *buf);

#endif
