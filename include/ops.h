/* ops.h - NumPy's operations on arrays: broadcasting arithmetic, dot and
 * matmul, reductions, activations, shape manipulation and indexing.
 *
 * Every function follows arr.h's ownership rule: arguments are borrowed, the
 * result is new and owned by the caller. On failure the result is NULL and
 * `e` says why; a shape failure is reported with err_shape() so `e` carries
 * both operands' shapes, the clashing axes, and NumPy's own message.
 * Semantics match NumPy 1.24 (checked by tests/unit with NumPy's values).
 */
#ifndef NNSH_OPS_H
#define NNSH_OPS_H

#include "arr.h"

typedef enum BinOp {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
    OP_MAXIMUM, OP_MINIMUM, OP_AND, OP_OR
} BinOp;

typedef enum UnOp {
    OP_NEG, OP_NOT, OP_EXP, OP_LOG, OP_SQRT, OP_ABS, OP_TANH,
    OP_SIGMOID, OP_RELU, OP_STEP /* int64 result: x > 0 */
} UnOp;

typedef enum RedOp { RED_SUM, RED_MAX, RED_MIN, RED_MEAN, RED_ARGMAX, RED_ARGMIN } RedOp;

#define AXIS_ALL (-999) /* reduce over every axis */

/* op_name: "add", "subtract", "dot", ... (NumPy's ufunc names) and op_symbol:
 * "+", "-", "<", ... ("" for non-operators). */
const char *op_binary_name(BinOp op);
const char *op_binary_symbol(BinOp op);
const char *op_unary_name(UnOp op);

/* broadcast_shapes: NumPy's broadcasting rule. On success writes the result
 * shape and returns true; otherwise returns false and sets *bad_a, *bad_b to
 * the clashing axis of each operand (counted from the left of each shape). */
bool broadcast_shapes(int andim, const int64_t *ashape, int bndim,
                      const int64_t *bshape, int *outndim, int64_t *outshape,
                      int *bad_a, int *bad_b);

/* op_binary: elementwise a OP b with broadcasting and NumPy's type rules
 * (weak scalars take the array's dtype; / on ints gives float64; comparisons
 * give bool). Division by zero gives inf/nan like NumPy (ints: 0 with a
 * warning via *warn if warn != NULL). */
Array *op_binary(BinOp op, const Array *a, const Array *b, Err *e);

/* op_unary: elementwise function. exp/log/sqrt/tanh/sigmoid of ints give
 * float64; neg/abs/relu keep the dtype; step gives int64. */
Array *op_unary(UnOp op, const Array *a, Err *e);

/* op_dot: np.dot for operands of 0, 1 or 2 axes:
 *   scalar * x; (n,)·(n,) -> (); (n,)·(n,m) -> (m,); (k,n)·(n,) -> (k,);
 *   (k,n)·(n,m) -> (k,m). Mismatch: a shape error whose numpy_msg is
 *   "shapes (2,3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)". */
Array *op_dot(const Array *a, const Array *b, Err *e);
/* op_matmul: the @ operator (no scalars; 1-D operands promoted as NumPy does). */
Array *op_matmul(const Array *a, const Array *b, Err *e);

/* gemm kernels, C = A(m,k) B(k,n), row-major, for float32 and float64.
 * The naive one is three plain loops kept as the reference; the fast one is
 * blocked and threaded and must agree with it (tests/unit/test_ops.c). */
void kern_gemm_f32_naive(int64_t m, int64_t n, int64_t k, const float *A,
                         const float *B, float *C);
void kern_gemm_f32(int64_t m, int64_t n, int64_t k, const float *A,
                   const float *B, float *C);
void kern_gemm_f64_naive(int64_t m, int64_t n, int64_t k, const double *A,
                         const double *B, double *C);
void kern_gemm_f64(int64_t m, int64_t n, int64_t k, const double *A,
                   const double *B, double *C);

/* op_reduce: sum/max/min/mean/argmax/argmin over `axis` (negative counts from
 * the end; AXIS_ALL for all axes) with keepdims. sum of bool/int gives int64,
 * mean gives float64 (float32 stays float32); argmax/argmin give int64 (over
 * the flattened array for AXIS_ALL). max of an empty array is a value error. */
Array *op_reduce(RedOp op, const Array *a, int axis, bool keepdims, Err *e);

/* op_softmax: exp(a - max) / sum(exp(a - max)) over the last axis (the
 * overflow-safe form). op_softmax_naive: exp(a) / sum(exp(a)) over the whole
 * array exactly as the book's first version; *overflow is set when exp
 * overflowed to inf (NumPy prints a RuntimeWarning then). */
Array *op_softmax(const Array *a, Err *e);
Array *op_softmax_naive(const Array *a, bool *overflow, Err *e);

/* op_transpose: reverse the axes (x.T). */
Array *op_transpose(const Array *a, Err *e);
/* op_reshape: same data, new shape; at most one -1 entry is inferred. A size
 * mismatch is a shape error with NumPy's "cannot reshape array of size 6 into
 * shape (4,)" wording. */
Array *op_reshape(const Array *a, int ndim, const int64_t *shape, Err *e);
/* op_astype: convert to dtype t (float->int truncates, ->bool is != 0). */
Array *op_astype(const Array *a, DType t, Err *e);
/* op_flatten: a 1-D copy. */
Array *op_flatten(const Array *a, Err *e);

/* One item of an index expression x[i, a:b:c, ...]. */
typedef enum IdxKind { IDX_INT, IDX_SLICE, IDX_NEWAXIS, IDX_ARRAY } IdxKind;
typedef struct IndexItem {
    IdxKind kind;
    int64_t i;                 /* IDX_INT: may be negative */
    bool has_start, has_stop;  /* IDX_SLICE */
    int64_t start, stop, step; /* IDX_SLICE; step 0 is an error */
    const Array *arr;          /* IDX_ARRAY: int64 indices or a bool mask
                                  (1-D only, borrowed) */
} IndexItem;

/* op_index: NumPy basic indexing (ints, slices with negative bounds and
 * steps, newaxis) plus a 1-D integer or boolean array on one axis. Fewer
 * items than axes leave the remaining axes whole. Out of range: an index
 * error "index 5 is out of bounds for axis 0 with size 3". */
Array *op_index(const Array *a, const IndexItem *items, int nitems, Err *e);

/* op_arange: np.arange(start, stop, step): float64 when any argument is a
 * float (is_float), else int64. */
Array *op_arange(double start, double stop, double step, bool is_float,
                 Err *e);

/* rng: NumPy-compatible Mersenne Twister so np.random.seed(0);
 * np.random.rand(3) gives NumPy's numbers. */
void rng_seed(uint32_t seed);
double rng_uniform(void);  /* [0, 1), NumPy's random_sample */
double rng_normal(void);   /* NumPy's legacy gauss (polar Box-Muller) */

#endif
