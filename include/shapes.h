/* shapes.h - shape inference: the `shapes STATEMENT` command propagates
 * shapes through a statement without computing any value, so a learner can
 * check a whole MNIST batch line before running it.
 */
#ifndef NNSH_SHAPES_H
#define NNSH_SHAPES_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "err.h"
#include "registry.h"
#include "value.h"

/* One step of shape propagation: an operation with its operands' shapes. */
typedef struct ShapeStep {
    const char *op;         /* "dot", "add", "sigmoid", "T", "index", "assign" */
    const Node *node;       /* the expression (statement for "assign") */
    int nargs;              /* 0..2 */
    const char *argtext[2]; /* source text of each operand */
    int argndim[2];
    int64_t argshape[2][4];
    int ndim; /* the result */
    int64_t shape[4];
    const char *target; /* "assign": the variable name */
} ShapeStep;

/* Borrowed value of a variable, or NULL when it is not defined. */
typedef const Value *(*ShapeLookup)(void *ctx, const char *name);
/* Called for each step, innermost first. */
typedef void (*ShapeStepFn)(void *ctx, const ShapeStep *st);

/* shapes_infer: propagate shapes through statement `stmt` (N_ASSIGN,
 * N_EXPR or a bare expression) without computing values, reading variables
 * through `lookup`, reporting each operation to `step` (may be NULL).
 * Understands names, number and list literals, + - * / // % ** and
 * comparisons (broadcasting), @, .T, .shape/.ndim/.size, indexing with ints
 * and slices, and every call of a built-in function or array method found
 * in `reg` by the shape rule of its entry (registry.h), so it predicts
 * exactly what the evaluator runs. On success
 * returns true and stores the statement's shape in *ndim/shape (for a
 * non-array result *ndim is -1). On the first mismatch returns false with
 * `e` filled exactly as the real operation would (op, operand names and
 * shapes, clashing axes, NumPy's wording, span at the operator); anything it
 * cannot predict is an ERR_VALUE naming the expression. */
bool shapes_infer(const Registry *reg, const Node *stmt, ShapeLookup lookup, void *lctx,
                  ShapeStepFn step, void *sctx, int *ndim, int64_t *shape, Err *e);

#endif
