/* ops.h - NumPy's operations on arrays: broadcasting arithmetic, dot and
 * matmul, reductions, activations, shape manipulation and indexing.
 *
 * Every function follows arr.h's ownership rule: arguments are borrowed, the
 * result is new and owned by the caller. On failure the result is NULL and
 * `e` says why; a shape failure is reported with err_shape() so `e` carries
 * both operands' shapes, the clashing axes, and NumPy's own message.
 * Semantics match NumPy 1.24 (checked by tests/unit with NumPy's values).
 *
 * Ctrl-C: element-wise work, astype, dot/matmul and reductions look at the
 * interrupt flag (intr.h) between blocks of about 65,000 elements (or rows
 * of a product); when it is set they free their result and fail with
 * ERR_INTERRUPT, so an interrupted statement changes nothing.
 */
#ifndef NNSH_OPS_H
#define NNSH_OPS_H

#include "arr.h"

/* clang-format off */
typedef enum BinOp {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
    OP_MAXIMUM, OP_MINIMUM, OP_AND, OP_OR
} BinOp;

typedef enum UnOp {
    OP_NEG, OP_NOT /* ~: logical not on bool, bitwise on ints */, OP_EXP, OP_LOG, OP_SQRT,
    OP_ABS, OP_TANH, OP_SIGMOID, OP_RELU, OP_STEP /* int64 result: x > 0 */
} UnOp;
/* clang-format on */

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
bool broadcast_shapes(int andim, const int64_t *ashape, int bndim, const int64_t *bshape,
                      int *outndim, int64_t *outshape, int *bad_a, int *bad_b);

/* op_binary: elementwise a OP b with broadcasting and NumPy 1.24's type
 * rules. Two arrays promote by dtype_promote. A 0-d operand (a weak literal
 * or any 0-d array) against an n-d array counts by its value when its kind
 * (bool < int < float) is not above the array's: 2.5 * float32 -> float32,
 * 100 + uint8 -> uint8, but 300 + uint8 -> int64 (NumPy: uint16, which nnsh
 * lacks) and 100000 * float32 -> float64; of a higher kind it promotes
 * normally (0.5 + int64 -> float64). Two 0-d operands promote by dtype, as
 * NumPy 1.24 does (np.float32(2) * 3.0 -> float64). / on ints gives float64;
 * //, % and ** on bools give int64 (NumPy: int8); comparisons give bool;
 * & | on bools are logical, on ints bitwise, on floats a type error.
 * Float division by zero gives inf/nan; integer // and % by zero give 0
 * (NumPy also warns). bool - bool and int ** negative int are errors, as in
 * NumPy. A broadcast failure is a shape error with e->axis[] the clashing
 * axis of each operand. */
Array *op_binary(BinOp op, const Array *a, const Array *b, Err *e);

/* op_unary: elementwise function. exp/log/sqrt/tanh/sigmoid of bool and
 * ints give float64 (NumPy gives float16 for bool/uint8); float32 stays
 * float32, and sigmoid is computed as 1 / (1 + exp(-x)) in that type.
 * neg/abs/relu keep the dtype (relu of bool: int64, as np.maximum(0, x));
 * step gives int64. -bool and ~float are type errors. */
Array *op_unary(UnOp op, const Array *a, Err *e);

/* op_dot: np.dot:
 *   scalar * x; (n,)·(n,) -> (); (n,)·(n,m) -> (m,); (k,n)·(n,) -> (k,);
 *   (k,n)·(n,m) -> (k,m); N-D·1-D sums over the last axes; N-D·M-D sums the
 *   last axis of a with the second-to-last of b (result at most 4 axes).
 *   The dtype is dtype_promote of the two. Mismatch: a shape error whose
 *   numpy_msg is "shapes (2,3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)"
 *   and e->axis[] the two contracted axes. */
Array *op_dot(const Array *a, const Array *b, Err *e);
/* op_matmul: the @ operator (no scalars: a value error; 1-D operands promoted
 * as NumPy does; leading axes broadcast). Core mismatch: a shape error with
 * NumPy's matmul wording in numpy_msg. */
Array *op_matmul(const Array *a, const Array *b, Err *e);

/* gemm kernels, C = A(m,k) B(k,n), row-major, for float32 and float64 (in
 * kernels.c). C is fully overwritten (zeros when k == 0). The naive one is
 * three plain loops kept as the reference; the fast one packs B (a copy the
 * size of B, freed before it returns), uses AVX2/FMA when the CPU has them,
 * and splits rows over two threads (kern_parallel) when m*n*k >= 2e6. It accumulates in the
 * operand type and agrees with the naive one up to rounding
 * (tests/unit/test_kernels.c). Both are safe to call from any thread.
 * The fast kernels (and kern_gemm_f32_packed, kern_parallel) return early,
 * leaving C partly written, when the Ctrl-C flag (intr.h) is set: a caller
 * must check intr_pending() afterwards and drop C. */
void kern_gemm_f32_naive(int64_t m, int64_t n, int64_t k, const float *A, const float *B, float *C);
void kern_gemm_f32(int64_t m, int64_t n, int64_t k, const float *A, const float *B, float *C);
void kern_gemm_f64_naive(int64_t m, int64_t n, int64_t k, const double *A, const double *B,
                         double *C);
void kern_gemm_f64(int64_t m, int64_t n, int64_t k, const double *A, const double *B, double *C);

/* KernPackedB: a float32 matrix B (k, n) copied once into the layout the
 * fast kernel reads (panels of 16 columns, k cut into slices that fit the L1
 * cache; kernels.c describes it), so that many products with the same B,
 * like the evaluation's 100 batches times one weight matrix, pack it once.
 * The struct owns `data`; its fields are read-only for callers. */
typedef struct KernPackedB {
    int64_t k, n;  /* the shape of B */
    int64_t width; /* n rounded up to whole panels (padded with zeros) */
    int64_t kc;    /* rows of B per slice */
    float *data;   /* k * width floats */
} KernPackedB;

/* kern_pack_b_f32: pack B (k, n) into *pb. false when out of memory (then
 * *pb is empty and kern_packed_free on it is harmless). B is only read. */
bool kern_pack_b_f32(KernPackedB *pb, int64_t k, int64_t n, const float *B);
/* kern_packed_free: release pb->data and empty *pb (NULL is allowed). */
void kern_packed_free(KernPackedB *pb);
/* kern_gemm_f32_packed: C (m, pb->n) = A (m, pb->k) times the packed B, on
 * the calling thread only, allocating nothing (so it never fails). Same
 * results as kern_gemm_f32 up to rounding order; C fully overwritten. */
void kern_gemm_f32_packed(int64_t m, const float *A, const KernPackedB *pb, float *C);

/* kern_parallel: call fn(arg, task, worker) once for every task in
 * [0, ntasks), spread over the calling thread (worker 0) and one helper
 * thread (worker 1, started on first use); returns when all are done. Tasks
 * are handed out in order from a shared counter, so they may run in any
 * order and two at a time: fn must only write what its task owns, plus
 * per-worker scratch indexed by `worker` (0 .. KERN_WORKERS-1). A call made
 * from inside a task, or while another thread is using the helper, runs all
 * its tasks on the calling thread under that thread's worker number.
 * Once the Ctrl-C flag (intr.h) is set no further task starts. */
#define KERN_WORKERS 2
typedef void (*KernTask)(void *arg, int64_t task, int worker);
void kern_parallel(int64_t ntasks, KernTask fn, void *arg);

/* kern_bias_sigmoid_f32: h(rows,n) = sigmoid(h + b) in place, b (n,) may be
 * NULL (no bias). The naive kernel uses expf; the fast one a vectorised e^x
 * within a few ulp of it (kern_act.c). Used by the MNIST evaluation's fused
 * layers, where only the winning class matters. */
void kern_bias_sigmoid_f32_naive(float *h, const float *b, int64_t rows, int64_t n);
void kern_bias_sigmoid_f32(float *h, const float *b, int64_t rows, int64_t n);

/* op_reduce: sum/max/min/mean/argmax/argmin over `axis` (negative counts from
 * the end; AXIS_ALL for all axes) with keepdims. sum of bool/int gives int64
 * (NumPy: uint64 for uint8), mean gives float64 (float32 stays float32);
 * float sums use NumPy's pairwise order along the last axis; argmax/argmin
 * give int64 (over the flattened array for AXIS_ALL). NaN wins in max/min
 * and argmax/argmin. max of an empty array is a value error; an axis out of
 * range is ERR_VALUE "axis 2 is out of bounds for array of dimension 2". */
Array *op_reduce(RedOp op, const Array *a, int axis, bool keepdims, Err *e);

/* op_softmax: exp(a - max) / sum(exp(a - max)) over the last axis (the
 * overflow-safe form; for 1-D it is the book's version). op_softmax_naive:
 * exp(a) / sum(exp(a)) over the whole array exactly as the book's first
 * version; *overflow (may be NULL) is set when exp overflowed to inf (NumPy
 * prints a RuntimeWarning then). Float dtypes are kept, others give float64. */
Array *op_softmax(const Array *a, Err *e);
Array *op_softmax_naive(const Array *a, bool *overflow, Err *e);

/* op_transpose: reverse the axes (x.T). */
Array *op_transpose(const Array *a, Err *e);
/* op_reshape: same data, new shape; at most one negative (-1) entry is
 * inferred. A size mismatch is a shape error with NumPy's "cannot reshape
 * array of size 6 into shape (4,)" wording in numpy_msg. */
Array *op_reshape(const Array *a, int ndim, const int64_t *shape, Err *e);
/* op_astype: convert to dtype t with C-cast semantics as NumPy on x86:
 * float->int truncates (nan and out of range give INT64_MIN), ->uint8 wraps
 * modulo 256, ->bool is != 0. The weak flag is not kept. */
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
 * steps clamped as Python does, newaxis) plus one 1-D integer or boolean
 * array on one axis (placed as NumPy places it: at its position, or first
 * when a slice or newaxis separates it from an int index). Fewer items than
 * axes leave the remaining axes whole. The result is always a copy. Errors
 * use NumPy's wording: ERR_INDEX "index 5 is out of bounds for axis 0 with
 * size 3", "too many indices for array: array is 1-dimensional, but 2 were
 * indexed", ERR_VALUE "slice step cannot be zero". */
Array *op_index(const Array *a, const IndexItem *items, int nitems, Err *e);

/* op_arange: np.arange(start, stop, step): float64 when any argument is a
 * float (is_float), else int64. Length ceil((stop - start) / step), values
 * computed as NumPy does (start + i*delta). step 0 is a value error. */
Array *op_arange(double start, double stop, double step, bool is_float, Err *e);

#endif
