/* eval.h - the evaluator's inside, shared by eval.c and interp.c, and the
 * evaluation helpers that the core libraries (numpy.c, python.c) call.
 *
 * Borrowed-or-owned values: evaluating `x_test` must not copy a 31 MB
 * array, so the evaluator passes values around as a Ref, which either
 * borrows a value that lives elsewhere (a variable, an item of a borrowed
 * dict) or owns a new one. ref_drop() releases what a Ref owns; ref_take()
 * turns a Ref into an owned Value, copying only when it was borrowed (that is
 * the one copy `x = x_test` makes).
 */
#ifndef NNSH_EVAL_H
#define NNSH_EVAL_H

#include "registry.h"
#include "interp.h"
#include "ops.h"

typedef struct Ref {
    const Value *v; /* what to read; NULL when empty */
    Value *own;     /* == v when owned, NULL when borrowed */
} Ref;

/* eval_ref: evaluate expression `n` into *out (borrowed or owned). Returns
 * false with e set (span included) on failure; *out is then empty. */
bool eval_ref(Interp *in, const Node *n, Ref *out, Err *e);
/* ref_drop: free what r owns and empty it. */
void ref_drop(Ref *r);
/* ref_take: an owned value from r (moved if owned, copied if borrowed); r is
 * emptied. NULL with ERR_MEMORY when the copy fails. */
Value *ref_take(Ref *r, Err *e);

/* eval_binop_refs: l OP r as the binary operator node n would compute it (n->op,
 * n->opspan; n->kids[0] and n->kids[1] name the operands in errors and the
 * trace), into *out. An augmented statement `x op= y` has that shape too, so
 * it passes itself when x is immutable (a Python number, a string, a tuple).
 * Returns false with e set. */
bool eval_binop_refs(Interp *in, const Node *n, const Ref *l, const Ref *r, Ref *out, Err *e);

/* eval_compare: Python's comparison op (OP_LT .. OP_NE) of two values that
 * are not arrays of one or more axes (numbers are 0-d arrays): tuples and
 * lists item by item, strings, None, dicts, types. *res is the answer;
 * false with e set (span at) when they cannot be ordered, or when an
 * array inside a container makes == ambiguous. */
bool eval_compare(const Value *a, const Value *b, int op, bool *res, Span at, Err *e);

/* eval_is_numeric: an array, or a tuple/list whose items all are (nested at
 * most as deep as an array's axes), so np.array() can turn it into one
 * array. */
bool eval_is_numeric(const Value *v);
/* eval_to_array: np.array(v) for a numeric value: a new array (a copy for an
 * array; a stacked one for nested tuples/lists, which must be rectangular).
 * NULL with e set otherwise. */
Array *eval_to_array(const Value *v, Err *e);
/* eval_int: true and *out when v is a 0-d integer or bool array. */
bool eval_int(const Value *v, int64_t *out);

/* eval_index_items: evaluate the index items kids[1..] of an N_INDEX node
 * for op_index. On success *items and *keep (refs that keep index arrays
 * alive) hold n->nkids - 1 entries each: ref_drop every keep, then free
 * both. */
bool eval_index_items(Interp *in, const Node *n, IndexItem **items, Ref **keep, Err *e);
/* eval_flat_mask: x[mask] with a boolean mask of x's whole shape (2-D or
 * more), which op_index does not take: when items[0] is such a mask (and the
 * only item), fill *flat and *mask with 1-D headers that borrow the data of
 * a and of the mask, and point items[0] at *mask; index `flat` then. Returns
 * false with an index error for a mask of another shape. Does nothing for
 * other items. */
bool eval_flat_mask(const Array *a, IndexItem *items, int nitems, Array *flat, Array *mask,
                    const Node *at, Err *e);
/* eval_slice_range: Python's slice rules on an axis of length len: the first
 * position, the step and the number of positions of slice item `it`. */
void eval_slice_range(int64_t len, const IndexItem *it, int64_t *start, int64_t *step,
                      int64_t *count);

/* eval_name_operands: after a shape error from a kernel, name its operands
 * by the source text of nodes a and b (either may be NULL). */
void eval_name_operands(Err *e, const Node *a, const Node *b);
/* eval_trace: report one operation to the trace hook. Callers test
 * in->trace first, so an untraced session pays one NULL test. */
void eval_trace(Interp *in, const char *op, const Node *node, const Array *a, const Node *an,
                const Array *b, const Node *bn, const Array *result);

/* --- blocks and functions (exec.c) ------------------------------------------- */

/* How a statement ends: go on, or leave the block it is in. */
typedef enum Flow { FLOW_NEXT, FLOW_ERROR, FLOW_RETURN, FLOW_BREAK, FLOW_CONTINUE } Flow;

/* The parsed text of one interp_run, kept alive by the functions defined in
 * it. prog_new takes ownership of stmts[0..n) (not on failure: NULL); the
 * source and its name are copied. prog_drop gives back one reference. */
typedef struct Program Program;
Program *prog_new(Node **stmts, int n, const char *src, const char *srcname, int first_line);
void prog_drop(Program *p);

/* exec_stmt: run any statement, block or not (simple ones through
 * interp_exec). FLOW_ERROR with e set on failure. */
Flow exec_stmt(Interp *in, const Node *st, Err *e);
/* exec_iter_len / exec_iter_item: what a for loop over v goes through:
 * how many things (false with a type error at `at` when v cannot be looped
 * over), and the i-th of them as a new value (a range's numbers, a list's
 * or tuple's items, a dict's keys, a string's characters, an array's rows);
 * NULL with e set when out of memory. */
bool exec_iter_len(const Value *v, Span at, int64_t *n, Err *e);
Value *exec_iter_item(const Value *v, int64_t i, Err *e);
/* exec_listcomp: evaluate the list comprehension n into *out (a new list).
 * Its names are the comprehension's own, as in Python 3: a name bound
 * before keeps its value afterwards, a new one is gone again. */
bool exec_listcomp(Interp *in, const Node *n, Ref *out, Err *e);
/* exec_make_fn: the function value of a def or lambda node (defaults are
 * evaluated now). NULL with e set. */
Value *exec_make_fn(Interp *in, const Node *d, Err *e);
/* exec_call_user: call the user function fn with arguments a (a->call is
 * the call node); its result into *out (owned). False with e set, the
 * caret on the call, and the call chain kept for interp_report. */
bool exec_call_user(Interp *in, const Value *fn, const CallArgs *a, Ref *out, Err *e);
/* exec_where: the label of a traced step at node: "forward:3" inside a
 * function (its name, the line within it), then the innermost for loop's
 * name and value ("i=37"); NULL at the top outside loops. Written in buf. */
const char *exec_where(Interp *in, const Node *node, char *buf, size_t cap);
/* exec_chain_flush: finish the call chain of an error (a run of equal
 * calls becomes one line saying how many more there were). */
void exec_chain_flush(Interp *in);
/* exec_fn_name: a user function's name ("<lambda>" for a lambda). */
const char *exec_fn_name(const Value *fn);

/* scope_get: the value of `name` where the code runs: the function's
 * locals (unless declared global), then the session's variables; borrowed,
 * NULL when unbound. scope_set: bind it there (takes v; false when out of
 * memory, v freed). */
const Value *scope_get(Interp *in, const char *name);
bool scope_set(Interp *in, const char *name, Value *v);

/* eval_truth: Python's truth of v (NumPy's rule for arrays: one element
 * decides, more are "ambiguous", an error with the caret at `at`). */
bool eval_truth(const Value *v, const Node *at, bool *out, Err *e);

/* interp_bind: bind v (owned) to an assignment target (a name, an item,
 * or a tuple of them), as `target = v` would, without the echo. */
bool interp_bind(Interp *in, const Node *st, Node *target, Value *v, Err *e);

/* interp_show: write v to f in one of three forms: SHOW_ECHO (what the
 * prompt shows for an expression: arrays as str(), strings quoted, None as
 * nothing), SHOW_PRINT (print(): strings bare, None as "None") and
 * SHOW_INLINE (inside a tuple/list/dict: arrays as repr(), scalars bare). */
/* interp_echo_binding: the echo after binding `name`: a header line
 * "A1 (3,) float64" (or "s tuple" for non-arrays), then the value. */
void interp_echo_binding(Interp *in, const char *name, const Value *v);

typedef enum ShowMode { SHOW_ECHO, SHOW_PRINT, SHOW_INLINE } ShowMode;
void interp_show(Interp *in, FILE *f, const Value *v, ShowMode mode);

#endif
