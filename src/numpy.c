/* numpy.c - the NumPy functions nnsh knows (np.dot, np.sum, np.zeros ...),
 * the book's activation functions, and the array methods (x.reshape(...)).
 * Each table entry holds the code, the help text and the shape rule. */
#include "numpy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "ops.h"
#include "rng.h"

static bool dtype_of(const Value *v, DType *t, Span at, Err *e) {
    const char *name = NULL;
    if (v->kind == V_DTYPE || v->kind == V_STR)
        name = v->str;
    else if (v->kind == V_FUNC)
        name = v->fn->name;
    if (name && dtype_parse(name, t)) return true;
    return err_set_at(e, ERR_VALUE, at,
                      "%s is not a dtype nnsh knows (bool, uint8, int64, float32, float64)",
                      name ? name : val_kind_name((v)->kind)) != NULL;
}

/* The dtype= keyword: *t stays as given when it is absent or None. */
static bool dtype_kw(const CallArgs *a, DType *t, Err *e) {
    const Value *v = builtin_kw(a, "dtype");
    if (!v || v->kind == V_NONE) return true;
    return dtype_of(v, t, builtin_kw_span(a, "dtype"), e);
}

/* A shape given as one int, a tuple/list of ints, or (when `varargs`) as the
 * positional arguments from..n themselves: reshape(x, 2, 3), rand(2, 3). */
static bool shape_of(const CallArgs *a, int from, bool allow_neg, int *nd, int64_t *shape, Err *e) {
    const Value *const *vals = (const Value *const *)a->v + from;
    int n = a->n - from;
    Span at = builtin_arg_span(a, from);
    if (n == 1 && (vals[0]->kind == V_TUPLE || vals[0]->kind == V_LIST)) {
        vals = (const Value *const *)vals[0]->items;
        n = a->v[from]->n;
    } else if (n == 1 && vals[0]->kind == V_ARRAY && vals[0]->arr->ndim == 1 &&
               !dtype_is_float(vals[0]->arr->dtype)) {
        /* a shape given as an array of ints (a list made into one) */
        const Array *s = vals[0]->arr;
        if (s->size > ARR_MAXDIM)
            return err_set_at(e, ERR_VALUE, at, "nnsh arrays have at most %d axes, not %lld",
                              ARR_MAXDIM, (long long)s->size) != NULL;
        for (int i = 0; i < s->size; i++) {
            shape[i] = arr_get_i64(s, i);
            if (shape[i] < 0 && !(allow_neg && shape[i] == -1))
                return err_set_at(e, ERR_VALUE, at, "negative dimensions are not allowed") != NULL;
        }
        *nd = (int)s->size;
        return true;
    }
    if (n > ARR_MAXDIM)
        return err_set_at(e, ERR_VALUE, at, "nnsh arrays have at most %d axes, not %d", ARR_MAXDIM,
                          n) != NULL;
    for (int i = 0; i < n; i++) {
        if (!eval_int(vals[i], &shape[i]))
            return err_set_at(e, ERR_TYPE, at, "a shape is made of integers, not %s",
                              vals[i]->kind == V_ARRAY ? dtype_name(vals[i]->arr->dtype)
                                                       : val_kind_name((vals[i])->kind)) != NULL;
        if (shape[i] < 0 && !(allow_neg && shape[i] == -1))
            return err_set_at(e, ERR_VALUE, at, "negative dimensions are not allowed") != NULL;
    }
    *nd = n;
    return true;
}

/* axis= (or positional argument `pos`): AXIS_ALL when absent or None. */
static bool axis_of(const CallArgs *a, int pos, int *axis, Err *e) {
    const Value *v = builtin_kw(a, "axis");
    Span at = builtin_kw_span(a, "axis");
    if (!v && a->n > pos) {
        v = a->v[pos];
        at = builtin_arg_span(a, pos);
    }
    *axis = AXIS_ALL;
    if (!v || v->kind == V_NONE) return true;
    int64_t x;
    if (!eval_int(v, &x) || x < -64 || x > 64)
        return err_set_at(e, ERR_TYPE, at, "axis must be an integer or None") != NULL;
    *axis = (int)x;
    return true;
}

static bool flag_kw(const CallArgs *a, const char *name, bool *out, Err *e) {
    const Value *v = builtin_kw(a, name);
    int64_t x;
    *out = false;
    if (!v) return true;
    if (!eval_int(v, &x))
        return err_set_at(e, ERR_TYPE, builtin_kw_span(a, name), "%s must be True or False",
                          name) != NULL;
    *out = x != 0;
    return true;
}

/* --- arrays ------------------------------------------------------------------- */

static Value *f_array(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    Array *r = eval_to_array(a->v[0], e);
    DType t = r ? r->dtype : DT_FLOAT64;
    if (!r) {
        if (e->span.line == 0) e->span = builtin_arg_span(a, 0);
        return NULL;
    }
    if (!dtype_kw(a, &t, e)) {
        arr_free(r);
        return NULL;
    }
    if (t != r->dtype) {
        Array *c = op_astype(r, t, e);
        arr_free(r);
        r = c;
    }
    return builtin_wrap(r, e);
}

static Value *filled(const CallArgs *a, int nd, const int64_t *shape, DType t, double v, Err *e) {
    if (!dtype_kw(a, &t, e)) return NULL;
    Array *r = arr_new(t, nd, shape, e);
    if (r && v != 0)
        for (int64_t i = 0; i < r->size; i++)
            arr_set(r, i, v);
    return builtin_wrap(r, e);
}

static Value *f_zeros(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    int nd;
    int64_t shape[ARR_MAXDIM];
    if (!shape_of(a, 0, false, &nd, shape, e)) return NULL;
    return filled(a, nd, shape, DT_FLOAT64, 0, e);
}

static Value *f_ones(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    int nd;
    int64_t shape[ARR_MAXDIM];
    if (!shape_of(a, 0, false, &nd, shape, e)) return NULL;
    return filled(a, nd, shape, DT_FLOAT64, 1, e);
}

static Value *f_zeros_like(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    return x ? filled(a, x->ndim, x->shape, x->dtype, 0, e) : NULL;
}

static Value *f_ones_like(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    return x ? filled(a, x->ndim, x->shape, x->dtype, 1, e) : NULL;
}

static Value *f_arange(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    double v[3] = {0, 0, 1};
    bool is_float = false;
    for (int i = 0; i < a->n; i++) {
        const Array *x = builtin_arr_arg(a, i, e);
        if (!x) return NULL;
        if (x->ndim != 0 || x->dtype == DT_BOOL)
            return err_set_at(e, ERR_TYPE, builtin_arg_span(a, i), "arange() takes numbers");
        is_float |= dtype_is_float(x->dtype);
    }
    if (a->n == 1) {
        v[1] = arr_get(a->v[0]->arr, 0);
    } else {
        for (int i = 0; i < a->n; i++)
            v[i] = arr_get(a->v[i]->arr, 0);
    }
    if (v[2] == 0) return err_set_at(e, ERR_VALUE, a->call->span, "arange() step cannot be zero");
    Array *r = op_arange(v[0], v[1], v[2], is_float, e);
    DType t = r ? r->dtype : DT_FLOAT64;
    if (r && !dtype_kw(a, &t, e)) {
        arr_free(r);
        return NULL;
    }
    if (r && t != r->dtype) {
        Array *c = op_astype(r, t, e);
        arr_free(r);
        r = c;
    }
    return builtin_wrap(r, e);
}

static Value *f_reshape_from(const CallArgs *a, Err *e) {
    const Array *x = builtin_arr_arg(a, 0, e);
    int nd;
    int64_t shape[ARR_MAXDIM];
    if (!x) return NULL;
    if (a->n < 2) return err_set_at(e, ERR_TYPE, a->call->span, "reshape() needs the new shape");
    if (!shape_of(a, 1, true, &nd, shape, e)) return NULL;
    return builtin_wrap(op_reshape(x, nd, shape, e), e);
}

static Value *f_reshape(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return f_reshape_from(a, e);
}

static Value *f_transpose(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    return x ? builtin_wrap(op_transpose(x, e), e) : NULL;
}

/* np.squeeze(x, axis=None) / x.squeeze(): x without its axes of length 1
 * (only the one given by axis, which must have length 1). */
static Value *squeeze(const Array *x, const CallArgs *a, int axis_at, Err *e) {
    const Value *ax = builtin_kw(a, "axis");
    if (!ax && a->n > axis_at) ax = a->v[axis_at];
    int only = -1;
    if (ax && ax->kind != V_NONE) {
        if (ax->kind != V_ARRAY || ax->arr->ndim != 0 || !dtype_is_int(ax->arr->dtype))
            return err_set_at(e, ERR_TYPE, a->call->span, "squeeze's axis must be an integer");
        int64_t k = arr_get_i64(ax->arr, 0);
        if (k < -x->ndim || k >= x->ndim)
            return err_set_at(e, ERR_VALUE, a->call->span,
                              "axis %lld is out of bounds for array of dimension %d", (long long)k,
                              x->ndim);
        only = (int)(k < 0 ? k + x->ndim : k);
        if (x->shape[only] != 1)
            return err_set_at(e, ERR_VALUE, a->call->span,
                              "cannot select an axis to squeeze out which has size not equal to "
                              "one (axis %d has %lld)",
                              only, (long long)x->shape[only]);
    }
    Array *r = arr_copy(x, e);
    if (!r) return NULL;
    int nd = 0;
    for (int k = 0; k < x->ndim; k++)
        if (!(x->shape[k] == 1 && (only < 0 || only == k))) r->shape[nd++] = x->shape[k];
    r->ndim = nd;
    return builtin_wrap(r, e);
}

static Value *f_squeeze(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    return x ? squeeze(x, a, 1, e) : NULL;
}

static Value *m_squeeze(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return squeeze(a->v[0]->arr, a, 1, e);
}

static Value *f_shape(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    if (!x) return NULL;
    Value *items[ARR_MAXDIM];
    for (int i = 0; i < x->ndim; i++) {
        Array *d = arr_scalar_i64(x->shape[i], e);
        if (d) d->weak = true;
        if (!(items[i] = builtin_wrap(d, e))) {
            for (int j = 0; j < i; j++)
                val_free(items[j]);
            return NULL;
        }
    }
    Value *t = val_seq(V_TUPLE, items, x->ndim);
    if (!t) err_set(e, ERR_MEMORY, "out of memory");
    return t;
}

static Value *int_value(int64_t v, Err *e) {
    Array *r = arr_scalar_i64(v, e);
    if (r) r->weak = true;
    return builtin_wrap(r, e);
}

static Value *f_ndim(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    return x ? int_value(x->ndim, e) : NULL;
}

/* --- math ----------------------------------------------------------------------- */

static Value *f_dot(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e), *y = x ? builtin_arr_arg(a, 1, e) : NULL;
    return y ? builtin_wrap(op_dot(x, y, e), e) : NULL;
}

static Value *f_matmul(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e), *y = x ? builtin_arr_arg(a, 1, e) : NULL;
    return y ? builtin_wrap(op_matmul(x, y, e), e) : NULL;
}

/* NumPy's RuntimeWarning lines, printed where NumPy would print them. */
static void warn(Interp *in, const char *what) {
    fflush(interp_out(in));
    fprintf(interp_errf(in), "RuntimeWarning: %s\n", what);
}

static void unary_warnings(Interp *in, UnOp op, const Array *x, const Array *r) {
    if (!dtype_is_float(r->dtype)) return;
    bool zero = false, neg = false, over = false;
    for (int64_t i = 0; i < x->size; i++) {
        double v = arr_get(x, i);
        zero |= v == 0;
        neg |= v < 0;
        over |= op == OP_EXP && isinf(arr_get(r, i)) && isfinite(v);
    }
    if (op == OP_EXP && over) warn(in, "overflow encountered in exp");
    if (op == OP_LOG && zero) warn(in, "divide by zero encountered in log");
    if (op == OP_LOG && neg) warn(in, "invalid value encountered in log");
    if (op == OP_SQRT && neg) warn(in, "invalid value encountered in sqrt");
}

static Value *unary(Interp *in, UnOp op, const CallArgs *a, Err *e) {
    const Array *x = builtin_arr_arg(a, 0, e);
    Array *r = x ? op_unary(op, x, e) : NULL;
    if (r && (op == OP_EXP || op == OP_LOG || op == OP_SQRT)) unary_warnings(in, op, x, r);
    return builtin_wrap(r, e);
}

#define UNARY_FN(fname, OP)                                                                        \
    static Value *fname(Interp *in, const CallArgs *a, Err *e) {                                   \
        return unary(in, OP, a, e);                                                                \
    }
UNARY_FN(f_exp, OP_EXP)
UNARY_FN(f_log, OP_LOG)
UNARY_FN(f_sqrt, OP_SQRT)
UNARY_FN(f_abs, OP_ABS)
UNARY_FN(f_tanh, OP_TANH)
UNARY_FN(f_sigmoid, OP_SIGMOID)
UNARY_FN(f_relu, OP_RELU)
UNARY_FN(f_step, OP_STEP)

static Value *binary(BinOp op, const CallArgs *a, Err *e) {
    const Array *x = builtin_arr_arg(a, 0, e), *y = x ? builtin_arr_arg(a, 1, e) : NULL;
    return y ? builtin_wrap(op_binary(op, x, y, e), e) : NULL;
}

static Value *f_maximum(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return binary(OP_MAXIMUM, a, e);
}

static Value *f_minimum(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return binary(OP_MINIMUM, a, e);
}

static Value *reduce(RedOp op, const CallArgs *a, Err *e) {
    const Array *x = builtin_arr_arg(a, 0, e);
    int axis;
    bool keep;
    if (!x || !axis_of(a, 1, &axis, e) || !flag_kw(a, "keepdims", &keep, e)) return NULL;
    return builtin_wrap(op_reduce(op, x, axis, keep, e), e);
}

#define REDUCE_FN(fname, OP)                                                                       \
    static Value *fname(Interp *in, const CallArgs *a, Err *e) {                                   \
        (void)in;                                                                                  \
        return reduce(OP, a, e);                                                                   \
    }
REDUCE_FN(f_sum, RED_SUM)
REDUCE_FN(f_max, RED_MAX)
REDUCE_FN(f_min, RED_MIN)
REDUCE_FN(f_mean, RED_MEAN)
REDUCE_FN(f_argmax, RED_ARGMAX)
REDUCE_FN(f_argmin, RED_ARGMIN)

/* --- activations ----------------------------------------------------------------- */

static Value *f_identity(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    Array *r = x ? arr_copy(x, e) : NULL;
    if (r) r->weak = false;
    return builtin_wrap(r, e);
}

static Value *f_softmax(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    return x ? builtin_wrap(op_softmax(x, e), e) : NULL;
}

static Value *f_softmax_naive(Interp *in, const CallArgs *a, Err *e) {
    const Array *x = builtin_arr_arg(a, 0, e);
    bool overflow = false;
    Array *r = x ? op_softmax_naive(x, &overflow, e) : NULL;
    if (r && overflow) {
        /* what NumPy prints for the book's first softmax on big inputs */
        warn(in, "overflow encountered in exp");
        bool nan = false;
        for (int64_t i = 0; i < r->size && !nan; i++)
            nan = isnan(arr_get(r, i));
        if (nan) warn(in, "invalid value encountered in divide");
    }
    return builtin_wrap(r, e);
}

/* --- random ------------------------------------------------------------------------ */

static Value *f_seed(Interp *in, const CallArgs *a, Err *e) {
    int64_t s;
    if (!eval_int(a->v[0], &s) || s < 0 || s > 4294967295LL)
        return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0),
                          "random.seed() takes an integer from 0 to 2**32 - 1");
    Rng *g = rng_session(in);
    if (!g) return err_set(e, ERR_MEMORY, "out of memory");
    rng_seed(g, (uint32_t)s);
    return builtin_none(e);
}

static Value *random_array(Rng *g, const CallArgs *a, double (*draw)(Rng *), Err *e) {
    int nd;
    int64_t shape[ARR_MAXDIM];
    if (!g) return err_set(e, ERR_MEMORY, "out of memory");
    if (!shape_of(a, 0, false, &nd, shape, e)) return NULL;
    Array *r = arr_new_uninit(DT_FLOAT64, nd, shape, e);
    if (r)
        for (int64_t i = 0; i < r->size; i++)
            ((double *)r->data)[i] = draw(g);
    return builtin_wrap(r, e);
}

static Value *f_rand(Interp *in, const CallArgs *a, Err *e) {
    return random_array(rng_session(in), a, rng_uniform, e);
}

static Value *f_randn(Interp *in, const CallArgs *a, Err *e) {
    return random_array(rng_session(in), a, rng_normal, e);
}

/* --- conversion and output ----------------------------------------------------------- */

/* --- array methods --------------------------------------------------------------
 * x.NAME(...): the array is argument 0; the counts in the table exclude it. */

static Value *m_reshape(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return f_reshape_from(a, e);
}

static Value *m_astype(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    DType t;
    if (!dtype_of(a->v[1], &t, builtin_arg_span(a, 1), e)) return NULL;
    return builtin_wrap(op_astype(a->v[0]->arr, t, e), e);
}

static Value *m_flatten(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return builtin_wrap(op_flatten(a->v[0]->arr, e), e);
}

static Value *m_copy(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    Array *c = arr_copy(a->v[0]->arr, e);
    if (c) c->weak = false;
    return builtin_wrap(c, e);
}

static Value *m_transpose(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return builtin_wrap(op_transpose(a->v[0]->arr, e), e);
}

#define FN(name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, rule)                 \
    { name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, NULL, rule }

const Builtin numpy_builtins[] = {
    FN("array", "array", "array(obj, dtype=None)",
       "Make an array from a number, a (nested) list or tuple, or a copy of an array.",
       "np.array(obj, dtype=None)", "[[1, 2], [3, 4]] -> (2, 2); nested lists must be rectangular",
       "array([1.0, 0.5])", 1, 1, "dtype", f_array, SHAPE_ARRAY),
    FN("zeros", "array", "zeros(shape, dtype=float64)", "An array of zeros.", "np.zeros(shape)",
       "shape (2, 3) -> (2, 3)", "zeros((2, 3))", 1, 1, "dtype", f_zeros, SHAPE_NEW),
    FN("ones", "array", "ones(shape, dtype=float64)", "An array of ones.", "np.ones(shape)",
       "shape (2, 3) -> (2, 3)", "ones(3)", 1, 1, "dtype", f_ones, SHAPE_NEW),
    FN("zeros_like", "array", "zeros_like(x, dtype=None)", "Zeros with the shape and dtype of x.",
       "np.zeros_like(x)", "x (any) -> same shape", "zeros_like(W1)", 1, 1, "dtype", f_zeros_like,
       SHAPE_LIKE),
    FN("ones_like", "array", "ones_like(x, dtype=None)", "Ones with the shape and dtype of x.",
       "np.ones_like(x)", "x (any) -> same shape", "ones_like(B1)", 1, 1, "dtype", f_ones_like,
       SHAPE_LIKE),
    FN("arange", "array", "arange([start,] stop[, step], dtype=None)",
       "Evenly spaced numbers from start up to (not including) stop; int64 unless an "
       "argument is a float.",
       "np.arange(start, stop, step)", "-> (n,)", "arange(-5.0, 5.0, 0.1)", 1, 3, "dtype", f_arange,
       SHAPE_ARANGE),
    FN("reshape", "array", "reshape(x, shape)",
       "The same numbers laid out in a new shape; one axis may be -1 (worked out).",
       "np.reshape(x, shape) or x.reshape(shape)", "size must stay the same: (6,) -> (2, 3)",
       "reshape(W1, (3, 2))", 2, -1, NULL, f_reshape, SHAPE_RESHAPE),
    FN("transpose", "array", "transpose(x)", "Reverse the axes (rows become columns).",
       "np.transpose(x) or x.T", "(k, n) -> (n, k)", "transpose(W1)", 1, 1, NULL, f_transpose,
       SHAPE_TRANSPOSE),
    FN("squeeze", "array", "squeeze(x, axis=None)",
       "x without its axes of length 1 ((100, 1) -> (100,)); with axis, only that one.",
       "np.squeeze(x) or x.squeeze()", "(100, 1) -> (100,)", "squeeze(np.ones((3, 1)))", 1, 2,
       "axis", f_squeeze, SHAPE_NONE),
    FN("shape", "array", "shape(x)", "The shape of x as a tuple.", "np.shape(x) or x.shape",
       "x -> tuple of ints", "shape(W1)", 1, 1, NULL, f_shape, SHAPE_NONE),
    FN("ndim", "array", "ndim(x)", "The number of axes of x.", "np.ndim(x) or x.ndim", "x -> int",
       "ndim(W1)", 1, 1, NULL, f_ndim, SHAPE_SCALAR),
    FN("dot", "math", "dot(a, b)",
       "Matrix product: each row of a times each column of b, summed. For two vectors, "
       "their inner product.",
       "np.dot(a, b)",
       "(k, n) . (n, m) -> (k, m); (n,) . (n, m) -> (m,); (k, n) . (n,) -> (k,); "
       "the inner sizes must match",
       "dot X W1", 2, 2, NULL, f_dot, SHAPE_DOT),
    FN("matmul", "math", "matmul(a, b)", "Matrix product, the @ operator.",
       "np.matmul(a, b) or a @ b", "(k, n) @ (n, m) -> (k, m)", "X @ W1", 2, 2, NULL, f_matmul,
       SHAPE_DOT),
    FN("exp", "math", "exp(x)", "e to the power x, element by element.", "np.exp(x)",
       "x (any) -> same shape", "exp([0.0, 1.0])", 1, 1, NULL, f_exp, SHAPE_SAME),
    FN("log", "math", "log(x)", "Natural logarithm, element by element.", "np.log(x)",
       "x (any) -> same shape", "log([1.0, 10.0])", 1, 1, NULL, f_log, SHAPE_SAME),
    FN("sqrt", "math", "sqrt(x)", "Square root, element by element.", "np.sqrt(x)",
       "x (any) -> same shape", "sqrt([4.0, 2.0])", 1, 1, NULL, f_sqrt, SHAPE_SAME),
    FN("abs", "math", "abs(x)", "Absolute value, element by element.", "np.abs(x)",
       "x (any) -> same shape", "np.abs([-1, 2])", 1, 1, NULL, f_abs, SHAPE_SAME),
    FN("tanh", "math", "tanh(x)", "Hyperbolic tangent, element by element.", "np.tanh(x)",
       "x (any) -> same shape", "tanh([0.0, 1.0])", 1, 1, NULL, f_tanh, SHAPE_SAME),
    FN("maximum", "math", "maximum(a, b)", "The larger of a and b, element by element.",
       "np.maximum(a, b)", "a and b broadcast together", "maximum(0, [-1.0, 2.0])", 2, 2, NULL,
       f_maximum, SHAPE_BROADCAST),
    FN("minimum", "math", "minimum(a, b)", "The smaller of a and b, element by element.",
       "np.minimum(a, b)", "a and b broadcast together", "minimum(1, [-1.0, 2.0])", 2, 2, NULL,
       f_minimum, SHAPE_BROADCAST),
    FN("sum", "reduce", "sum(x, axis=None, keepdims=False)",
       "Add up the elements (of each row with axis=1, of each column with axis=0).",
       "np.sum(x, axis=None) or x.sum()", "(k, n) axis=None -> (); axis=0 -> (n,); axis=1 -> (k,)",
       "np.sum(W1, axis=0)", 1, 2, "axis keepdims", f_sum, SHAPE_REDUCE),
    FN("max", "reduce", "max(x, axis=None, keepdims=False)", "The largest element.",
       "np.max(x, axis=None) or x.max()", "(k, n) axis=1 -> (k,)", "np.max(W1)", 1, 2, "axis keepdims",
       f_max, SHAPE_REDUCE),
    FN("min", "reduce", "min(x, axis=None, keepdims=False)", "The smallest element.",
       "np.min(x, axis=None) or x.min()", "(k, n) axis=1 -> (k,)", "np.min(W1)", 1, 2, "axis keepdims",
       f_min, SHAPE_REDUCE),
    FN("mean", "reduce", "mean(x, axis=None, keepdims=False)", "The average of the elements.",
       "np.mean(x, axis=None) or x.mean()", "(k, n) axis=0 -> (n,)", "mean(W1, axis=0)", 1, 2,
       "axis keepdims", f_mean, SHAPE_REDUCE),
    FN("argmax", "reduce", "argmax(x, axis=None)",
       "The position of the largest element (of the flattened array, or along an axis): "
       "the predicted class.",
       "np.argmax(x, axis=None)", "(k, n) axis=1 -> (k,) int64", "argmax(Y)", 1, 2, "axis keepdims",
       f_argmax, SHAPE_REDUCE),
    FN("argmin", "reduce", "argmin(x, axis=None)", "The position of the smallest element.",
       "np.argmin(x, axis=None)", "(k, n) axis=1 -> (k,) int64", "argmin(Y)", 1, 2, "axis keepdims",
       f_argmin, SHAPE_REDUCE),
    FN("step_function", "activation", "step_function(x)",
       "1 where x > 0, else 0 (the perceptron's activation), as int64.",
       "np.array(x > 0, dtype=int)", "x (any) -> same shape, int64",
       "step_function([-1.0, 1.0, 2.0])", 1, 1, NULL, f_step, SHAPE_SAME),
    FN("sigmoid", "activation", "sigmoid(x)", "The S-shaped curve 1 / (1 + exp(-x)).",
       "1 / (1 + np.exp(-x))", "x (any) -> same shape", "sigmoid A1", 1, 1, NULL, f_sigmoid,
       SHAPE_SAME),
    FN("relu", "activation", "relu(x)", "x where x > 0, else 0.", "np.maximum(0, x)",
       "x (any) -> same shape", "relu([-1.0, 2.0])", 1, 1, NULL, f_relu, SHAPE_SAME),
    FN("identity_function", "activation", "identity_function(x)",
       "Returns x unchanged: the output layer's activation for regression.", "x",
       "x (any) -> same shape", "identity_function(A3)", 1, 1, NULL, f_identity, SHAPE_SAME),
    FN("softmax", "activation", "softmax(x)",
       "Turn scores into probabilities that add up to 1 (along the last axis), "
       "subtracting the max first so exp cannot overflow.",
       "c = np.max(x); np.exp(x - c) / np.sum(np.exp(x - c))", "x (n,) -> (n,); (k, n) -> (k, n)",
       "softmax([0.3, 2.9, 4.0])", 1, 1, NULL, f_softmax, SHAPE_SAME),
    FN("softmax_naive", "activation", "softmax_naive(x)",
       "The book's first softmax, exp(x) / sum(exp(x)): overflows to nan for large x.",
       "np.exp(x) / np.sum(np.exp(x))", "x (any) -> same shape", "softmax_naive([1010, 1000, 990])",
       1, 1, NULL, f_softmax_naive, SHAPE_SAME),
    FN("random.seed", "random", "random.seed(n)",
       "Restart the random numbers from seed n, so the same numbers come again.",
       "np.random.seed(n)", NULL, "np.random.seed(0)", 1, 1, NULL, f_seed, SHAPE_NOVALUE),
    FN("random.rand", "random", "random.rand(d0, d1, ...)", "Uniform random numbers in [0, 1).",
       "np.random.rand(d0, d1, ...)", "rand(2, 3) -> (2, 3)", "np.random.rand(2, 3)", 0, ARR_MAXDIM,
       NULL, f_rand, SHAPE_NEW),
    FN("random.randn", "random", "random.randn(d0, d1, ...)",
       "Normally distributed random numbers (mean 0, standard deviation 1).",
       "np.random.randn(d0, d1, ...)", "randn(2, 3) -> (2, 3)", "np.random.randn(2, 3)", 0,
       ARR_MAXDIM, NULL, f_randn, SHAPE_NEW),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0},
};

/* The array methods: x.NAME(args). The reductions share the functions of
 * np.sum and the rest, which read the array as their first argument. */
const Builtin numpy_methods[] = {
    FN("reshape", "method", "x.reshape(shape)", "The same numbers in a new shape.",
       "x.reshape(shape)", "size must stay the same: (6,) -> (2, 3)", "W1.reshape(3, 2)", 1, -1,
       NULL, m_reshape, SHAPE_RESHAPE),
    FN("astype", "method", "x.astype(dtype)", "A copy converted to another dtype.",
       "x.astype(np.float32)", "same shape", "X.astype(np.float32)", 1, 1, NULL, m_astype,
       SHAPE_SAME),
    FN("flatten", "method", "x.flatten()", "A 1-D copy of x, row by row.", "x.flatten()",
       "(k, n) -> (k*n,)", "W1.flatten()", 0, 0, NULL, m_flatten, SHAPE_FLATTEN),
    FN("ravel", "method", "x.ravel()", "Like flatten: the elements as one row.", "x.ravel()",
       "(k, n) -> (k*n,)", "W1.ravel()", 0, 0, NULL, m_flatten, SHAPE_FLATTEN),
    FN("squeeze", "method", "x.squeeze(axis=None)", "As np.squeeze(x).", "x.squeeze()",
       "(100, 1) -> (100,)", "np.ones((3, 1)).squeeze()", 0, 1, "axis", m_squeeze, SHAPE_NONE),
    FN("copy", "method", "x.copy()", "A copy of x.", "x.copy()", "same shape", "X.copy()", 0, 0,
       NULL, m_copy, SHAPE_SAME),
    FN("transpose", "method", "x.transpose()", "Reverse the axes, as x.T does.", "x.transpose()",
       "(k, n) -> (n, k)", "W1.transpose()", 0, 0, NULL, m_transpose, SHAPE_TRANSPOSE),
    FN("sum", "method", "x.sum(axis=None, keepdims=False)", "As np.sum(x).", "x.sum(axis=1)",
       "(k, n) axis=1 -> (k,)", "W1.sum(axis=0)", 0, 1, "axis keepdims", f_sum, SHAPE_REDUCE),
    FN("max", "method", "x.max(axis=None, keepdims=False)", "As np.max(x).", "x.max(axis=1)",
       "(k, n) axis=1 -> (k,)", "W1.max()", 0, 1, "axis keepdims", f_max, SHAPE_REDUCE),
    FN("min", "method", "x.min(axis=None, keepdims=False)", "As np.min(x).", "x.min(axis=1)",
       "(k, n) axis=1 -> (k,)", "W1.min()", 0, 1, "axis keepdims", f_min, SHAPE_REDUCE),
    FN("mean", "method", "x.mean(axis=None, keepdims=False)", "As np.mean(x).", "x.mean(axis=0)",
       "(k, n) axis=0 -> (n,)", "W1.mean()", 0, 1, "axis keepdims", f_mean, SHAPE_REDUCE),
    FN("argmax", "method", "x.argmax(axis=None)", "As np.argmax(x).", "x.argmax(axis=1)",
       "(k, n) axis=1 -> (k,)", "Y.argmax()", 0, 1, "axis keepdims", f_argmax, SHAPE_REDUCE),
    FN("argmin", "method", "x.argmin(axis=None)", "As np.argmin(x).", "x.argmin(axis=1)",
       "(k, n) axis=1 -> (k,)", "Y.argmin()", 0, 1, "axis keepdims", f_argmin, SHAPE_REDUCE),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0},
};
