/* shapefix.h - the shape debugger: explains a shape error the way
 * tensor-sensor does for Python (the statement, each operand's shape with the
 * clashing axis marked, the rule in one line, NumPy's wording) and proposes
 * rewrites of the failing operation that pass its shape rule. Whether such a
 * rewrite works for the whole statement is decided by fixes.h, which checks
 * every candidate with the shape engine before anything is printed.
 *
 * Everything here works on shapes only: no array data is read, so explaining
 * an error about a (60000, 784) batch costs nothing.
 */
#ifndef NNSH_SHAPEFIX_H
#define NNSH_SHAPEFIX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arr.h"
#include "err.h"

#define SHAPEFIX_MAX 3 /* fixes shown under an error */

/* How the failing operation was written, so a fix reads like the original:
 * `dot X W1`, `dot(X, W1)`, `np.dot(X, W1)` or `X @ W1`. Only dot and matmul
 * care; arithmetic is always written with its operator. */
typedef enum FixStyle { FIX_COMMAND, FIX_CALL, FIX_NPCALL, FIX_OPERATOR } FixStyle;

/* One checked rewrite. */
typedef struct ShapeFix {
    char code[256]; /* what to type: "dot X W1", "A2 = np.dot(Z1, W2) + B2" */
    char why[96];   /* "swap the operands", "Z1 in place of X" */
    int ndim;       /* the shape the rewrite produces; -1: not an array */
    int64_t shape[4];
} ShapeFix;

/* --- shape rules (pure functions on shapes) ------------------------------ */

/* shapefix_dot_shape: np.dot's result shape for operands of 0..2 axes.
 * Returns false when the shapes do not fit (or an operand has more than 2
 * axes); then *clash_a / *clash_b (may be NULL) get the axes that differ. */
bool shapefix_dot_shape(int an, const int64_t *a, int bn, const int64_t *b, int *rn, int64_t *r,
                        int *clash_a, int *clash_b);
/* shapefix_matmul_shape: the @ operator's rule (no 0-d operands; 1-D
 * operands promoted and the added axis removed again; leading axes of 3-D
 * and 4-D operands broadcast). Same outputs as shapefix_dot_shape. */
bool shapefix_matmul_shape(int an, const int64_t *a, int bn, const int64_t *b, int *rn, int64_t *r,
                           int *clash_a, int *clash_b);

/* --- explaining and fixing ----------------------------------------------- */

/* shapefix_style_of: guess how the operation at e->span was written in `src`
 * (the whole source the span refers to; NULL gives FIX_COMMAND, or
 * FIX_OPERATOR for matmul). */
FixStyle shapefix_style_of(const Err *e, const char *src);

/* shapefix_suggest: fill out[0..max) with rewrites of the failing operation
 * in `e` (a shape or index error carrying op, operand names and shapes) that
 * pass the same shape rule, best first (checked on this operation only: the
 * rest of the statement is fixes.h's business); returns how many (0 when nothing
 * simple works or the op is unknown). Handles dot, matmul, the broadcasting
 * operators (add, subtract, multiply, divide, ..., maximum, minimum),
 * reshape, index (out of bounds on axis 0 or 1) and layer (a network whose
 * layers do not chain: ops[0] feeds ops[1]). Operand names that are not a
 * plain name are parenthesised; an empty name is written as "a" / "b". */
int shapefix_suggest(const Err *e, FixStyle style, ShapeFix *out, int max);

/* shapefix_rule: the one-line rule that failed, e.g. "dot needs the last axis
 * of W1 to equal the first axis of X: 3 != 2", into buf (size n). Returns
 * buf; an empty string when the op is unknown. */
char *shapefix_rule(const Err *e, char *buf, size_t n);

/* shapefix_numpy_msg: NumPy's wording for the failure: e->numpy_msg when the
 * kernel filled it, else built from the shapes. Returns buf. */
char *shapefix_numpy_msg(const Err *e, char *buf, size_t n);

/* shapefix_explain: print the explanation that follows an error's first
 * line: the statement with a caret under the operator (e->span) and a tilde
 * under each operand that has a span, each operand's name and shape with the
 * clashing axis marked, the rule, NumPy's wording and the checked fixes with
 * their resulting shapes. `src` is the source the spans refer to (NULL: the
 * statement is not shown). Prints nothing for errors without operands. */
void shapefix_explain(FILE *out, const Err *e, const char *src, bool color);

/* shapefix_explain_head: shapefix_explain() without the fixes: the
 * statement with its marks, the operands, the rule and NumPy's wording, each
 * line wrapped to shapefix_width() columns. */
void shapefix_explain_head(FILE *out, const Err *e, const char *src, bool color);

/* shapefix_print_fixes: "  try:" and one line per fix, the code exactly as
 * it is to be typed followed by "  # why -> shape"; when a line would pass
 * shapefix_width() columns the comment goes on a line of its own under the
 * code (the code itself is never broken, so it can be copied whole). Prints
 * nothing when n is 0. */
void shapefix_print_fixes(FILE *out, const ShapeFix *fx, int n, bool color);

/* shapefix_wrap: print `text` after `lead` (e.g. "  rule:  "), broken at
 * spaces so no line passes shapefix_width() columns; continuation lines are
 * indented by `indent` spaces. A word longer than a line is left whole, and
 * so are a command in backticks and a comma list in brackets (np.dot(x, W),
 * (100, 784)). */
void shapefix_wrap(FILE *out, const char *lead, const char *text, int indent);

/* shapefix_width: the columns explanations may use: $COLUMNS when it is
 * set to 40..80, else 80 (a wider terminal still gets 80-column text). */
int shapefix_width(void);

/* shapefix_warn_unnormalized: when `x` (the input about to go into a
 * network, e.g. by forward or predict) holds raw pixels - uint8, or whole
 * numbers above 1 - print one warning to err saying so and how to scale
 * them (x / 255.0), and return true; otherwise print nothing and return
 * false. `name` is how the input was written ("x_test[0]"; NULL: "the
 * input"). Reads the data once, O(size). */
bool shapefix_warn_unnormalized(const Array *x, const char *name, FILE *err);

/* shapefix_print: the whole report for a shape or index error, to be used
 * instead of err_print() for them: "shape error: <msg>", the location
 * ("at <srcname> line L, column C:" when srcname is not NULL/empty), then
 * shapefix_explain(). Falls back to err_print() for errors without operands. */
void shapefix_print(FILE *out, const Err *e, const char *srcname, const char *src, bool color);

#endif
