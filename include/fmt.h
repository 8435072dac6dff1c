/* fmt.h - printing arrays exactly as NumPy 1.24 prints them.
 *
 * fmt_str() is `print(x)` / str(x); fmt_repr() is repr(x), the
 * `array([...], dtype=float32)` form. Both return a new malloc'd string with
 * no trailing newline (caller frees), or NULL when memory runs out.
 * The rules themselves are documented at the top of src/fmt.c.
 */
#ifndef NNSH_FMT_H
#define NNSH_FMT_H

#include "arr.h"

/* NumPy's print options (np.set_printoptions); fmt_default() gives
 * precision 8, threshold 1000, edgeitems 3, linewidth 75, suppress off. */
typedef struct FmtOpts {
    int precision;
    int64_t threshold;
    int edgeitems;
    int linewidth;
    bool suppress;
} FmtOpts;

FmtOpts fmt_default(void);

/* fmt_str: str(a), e.g. "[0.57444252 0.66818777 0.75026011]". `a` is
 * borrowed; `o` may be NULL for fmt_default(). A 0-d array prints as
 * fmt_scalar(a, 0). Returns a new string the caller frees, NULL when out of
 * memory. Only the shown corners of a summarised array are formatted. */
char *fmt_str(const Array *a, const FmtOpts *o);
/* fmt_repr: repr(a), e.g. "array([1., 2.], dtype=float32)"; same contract
 * as fmt_str(). */
char *fmt_repr(const Array *a, const FmtOpts *o);
/* fmt_scalar: element i (flat, 0 <= i < a->size) as NumPy prints a scalar of
 * that dtype on its own (str(np.float64(0.1)) -> "0.1", str(np.float64(1e-5))
 * -> "1e-05", float32 shortest round-trip, "True"). New string, caller frees;
 * NULL when out of memory. */
char *fmt_scalar(const Array *a, int64_t i);

#endif
