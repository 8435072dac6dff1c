/* pyfmt.h - Python's text formatting: str() and repr() of any value, format
 * specs as f"{acc:.4f}" and format() take them, and "%.2f" % x.
 *
 * Numbers are formatted by value, as Python formats them, whatever the
 * NumPy dtype behind them (a float32 scalar takes a float spec, an int64 an
 * int one). Arrays take only the empty spec (their str()), as NumPy allows.
 * Every function returns NULL (or false) with e set on a bad spec, a value
 * the spec does not fit, or a missing argument; e's message then names the
 * problem as Python would, and the caller adds the span.
 */
#ifndef NNSH_PYFMT_H
#define NNSH_PYFMT_H

#include <stdbool.h>

#include "err.h"
#include "sbuf.h"
#include "value.h"

typedef struct Interp Interp;

/* pyfmt_text: str(v) (repr false) or repr(v) (repr true) as a new string the
 * caller frees; NULL when out of memory. */
char *pyfmt_text(Interp *in, const Value *v, bool repr);

/* pyfmt_spec: append v formatted by the format spec `spec` (the text after
 * ':' in a replacement field: [[fill]align][sign][#][0][width][,][.prec]
 * [type]) to b. conv is 'r' (repr), 's' (str) or 0, for a field's !r / !s. */
bool pyfmt_spec(Interp *in, SBuf *b, const Value *v, const char *spec, char conv, Err *e);

/* pyfmt_percent: fmt % args, printf-style as Python's str % does: args is a
 * tuple of the values for the conversions, one value for a single one, or a
 * dict for %(name)s. A new string value. */
Value *pyfmt_percent(Interp *in, const char *fmt, const Value *args, Err *e);

#endif
