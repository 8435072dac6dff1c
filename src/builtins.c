/* builtins.c - the table of built-ins: the core NumPy functions, array
 * methods and the shell's own commands (see builtins.h).
 *
 * Each entry is the whole truth about a built-in: `help` prints its words and
 * the evaluator checks calls against its argument counts and keywords, so
 * the two never disagree.
 */
#include "builtins.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "data.h"
#include "eval.h"
#include "check.h"
#include "lesson.h"
#include "show.h"
#include "trace.h"
#include "ops.h"
#include "rng.h"

/* --- argument helpers ------------------------------------------------------ */

/* Wrap a kernel's result; NULL stays NULL (e already set by the kernel). */
static Value *wrap(Array *a, Err *e) {
    if (!a) return NULL;
    Value *v = val_array(a);
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

static const char *kind_of(const Value *v) {
    return val_kind_name(v->kind);
}

static Span arg_span(const CallArgs *a, int i) {
    return i < a->n && a->nodes[i] ? a->nodes[i]->span : a->call->span;
}

/* Positional argument i as an array. */
static const Array *arr_arg(const CallArgs *a, int i, Err *e) {
    const Value *v = a->v[i];
    if (v->kind == V_ARRAY) return v->arr;
    return err_set_at(e, ERR_TYPE, arg_span(a, i), "%s() needs an array as argument %d, not a %s",
                      a->fname, i + 1, kind_of(v));
}

const Value *builtin_kw(const CallArgs *a, const char *name) {
    for (int i = 0; i < a->nkw; i++)
        if (strcmp(a->kwname[i], name) == 0) return a->kw[i];
    return NULL;
}

static Span kw_span(const CallArgs *a, const char *name) {
    for (int i = 0; i < a->nkw; i++)
        if (strcmp(a->kwname[i], name) == 0 && a->kwnodes[i]) return a->kwnodes[i]->span;
    return a->call->span;
}

/* A dtype written as np.float32, 'float32', float, int or x.dtype. */
static bool dtype_of(const Value *v, DType *t, Span at, Err *e) {
    const char *name = NULL;
    if (v->kind == V_DTYPE || v->kind == V_STR)
        name = v->str;
    else if (v->kind == V_FUNC)
        name = v->fn->name;
    if (name && dtype_parse(name, t)) return true;
    return err_set_at(e, ERR_VALUE, at,
                      "%s is not a dtype nnsh knows (bool, uint8, int64, float32, float64)",
                      name ? name : kind_of(v)) != NULL;
}

/* The dtype= keyword: *t stays as given when it is absent or None. */
static bool dtype_kw(const CallArgs *a, DType *t, Err *e) {
    const Value *v = builtin_kw(a, "dtype");
    if (!v || v->kind == V_NONE) return true;
    return dtype_of(v, t, kw_span(a, "dtype"), e);
}

/* A shape given as one int, a tuple/list of ints, or (when `varargs`) as the
 * positional arguments from..n themselves: reshape(x, 2, 3), rand(2, 3). */
static bool shape_of(const CallArgs *a, int from, bool allow_neg, int *nd, int64_t *shape, Err *e) {
    const Value *const *vals = (const Value *const *)a->v + from;
    int n = a->n - from;
    Span at = arg_span(a, from);
    if (n == 1 && (vals[0]->kind == V_TUPLE || vals[0]->kind == V_LIST)) {
        vals = (const Value *const *)vals[0]->items;
        n = a->v[from]->n;
    }
    if (n > ARR_MAXDIM)
        return err_set_at(e, ERR_VALUE, at, "nnsh arrays have at most %d axes, not %d", ARR_MAXDIM,
                          n) != NULL;
    for (int i = 0; i < n; i++) {
        if (!eval_int(vals[i], &shape[i]))
            return err_set_at(e, ERR_TYPE, at, "a shape is made of integers, not %s",
                              vals[i]->kind == V_ARRAY ? dtype_name(vals[i]->arr->dtype)
                                                       : kind_of(vals[i])) != NULL;
        if (shape[i] < 0 && !(allow_neg && shape[i] == -1))
            return err_set_at(e, ERR_VALUE, at, "negative dimensions are not allowed") != NULL;
    }
    *nd = n;
    return true;
}

/* axis= (or positional argument `pos`): AXIS_ALL when absent or None. */
static bool axis_of(const CallArgs *a, int pos, int *axis, Err *e) {
    const Value *v = builtin_kw(a, "axis");
    Span at = kw_span(a, "axis");
    if (!v && a->n > pos) {
        v = a->v[pos];
        at = arg_span(a, pos);
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
        return err_set_at(e, ERR_TYPE, kw_span(a, name), "%s must be True or False", name) != NULL;
    *out = x != 0;
    return true;
}

/* --- arrays ------------------------------------------------------------------- */

static Value *f_array(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    Array *r = eval_to_array(a->v[0], e);
    DType t = r ? r->dtype : DT_FLOAT64;
    if (!r) {
        if (e->span.line == 0) e->span = arg_span(a, 0);
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
    return wrap(r, e);
}

static Value *filled(const CallArgs *a, int nd, const int64_t *shape, DType t, double v, Err *e) {
    if (!dtype_kw(a, &t, e)) return NULL;
    Array *r = arr_new(t, nd, shape, e);
    if (r && v != 0)
        for (int64_t i = 0; i < r->size; i++)
            arr_set(r, i, v);
    return wrap(r, e);
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
    const Array *x = arr_arg(a, 0, e);
    return x ? filled(a, x->ndim, x->shape, x->dtype, 0, e) : NULL;
}

static Value *f_ones_like(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e);
    return x ? filled(a, x->ndim, x->shape, x->dtype, 1, e) : NULL;
}

static Value *f_arange(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    double v[3] = {0, 0, 1};
    bool is_float = false;
    for (int i = 0; i < a->n; i++) {
        const Array *x = arr_arg(a, i, e);
        if (!x) return NULL;
        if (x->ndim != 0 || x->dtype == DT_BOOL)
            return err_set_at(e, ERR_TYPE, arg_span(a, i), "arange() takes numbers");
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
    return wrap(r, e);
}

static Value *f_reshape_from(const CallArgs *a, Err *e) {
    const Array *x = arr_arg(a, 0, e);
    int nd;
    int64_t shape[ARR_MAXDIM];
    if (!x) return NULL;
    if (a->n < 2) return err_set_at(e, ERR_TYPE, a->call->span, "reshape() needs the new shape");
    if (!shape_of(a, 1, true, &nd, shape, e)) return NULL;
    return wrap(op_reshape(x, nd, shape, e), e);
}

static Value *f_reshape(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return f_reshape_from(a, e);
}

static Value *f_transpose(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e);
    return x ? wrap(op_transpose(x, e), e) : NULL;
}

static Value *f_shape(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e);
    if (!x) return NULL;
    Value *items[ARR_MAXDIM];
    for (int i = 0; i < x->ndim; i++) {
        Array *d = arr_scalar_i64(x->shape[i], e);
        if (d) d->weak = true;
        if (!(items[i] = wrap(d, e))) {
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
    return wrap(r, e);
}

static Value *f_ndim(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e);
    return x ? int_value(x->ndim, e) : NULL;
}

static Value *f_len(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Value *v = a->v[0];
    switch (v->kind) {
    case V_ARRAY:
        if (v->arr->ndim == 0)
            return err_set_at(e, ERR_TYPE, arg_span(a, 0),
                              "len() of a 0-d array (a single number)");
        return int_value(v->arr->shape[0], e);
    case V_TUPLE:
    case V_LIST:
    case V_DICT: return int_value(v->n, e);
    case V_STR: return int_value((int64_t)strlen(v->str), e);
    default: return err_set_at(e, ERR_TYPE, arg_span(a, 0), "a %s has no length", kind_of(v));
    }
}

/* --- math ----------------------------------------------------------------------- */

static Value *f_dot(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e), *y = x ? arr_arg(a, 1, e) : NULL;
    return y ? wrap(op_dot(x, y, e), e) : NULL;
}

static Value *f_matmul(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e), *y = x ? arr_arg(a, 1, e) : NULL;
    return y ? wrap(op_matmul(x, y, e), e) : NULL;
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
    const Array *x = arr_arg(a, 0, e);
    Array *r = x ? op_unary(op, x, e) : NULL;
    if (r && (op == OP_EXP || op == OP_LOG || op == OP_SQRT)) unary_warnings(in, op, x, r);
    return wrap(r, e);
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
    const Array *x = arr_arg(a, 0, e), *y = x ? arr_arg(a, 1, e) : NULL;
    return y ? wrap(op_binary(op, x, y, e), e) : NULL;
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
    const Array *x = arr_arg(a, 0, e);
    int axis;
    bool keep;
    if (!x || !axis_of(a, 1, &axis, e) || !flag_kw(a, "keepdims", &keep, e)) return NULL;
    return wrap(op_reduce(op, x, axis, keep, e), e);
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
    const Array *x = arr_arg(a, 0, e);
    Array *r = x ? arr_copy(x, e) : NULL;
    if (r) r->weak = false;
    return wrap(r, e);
}

static Value *f_softmax(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = arr_arg(a, 0, e);
    return x ? wrap(op_softmax(x, e), e) : NULL;
}

static Value *f_softmax_naive(Interp *in, const CallArgs *a, Err *e) {
    const Array *x = arr_arg(a, 0, e);
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
    return wrap(r, e);
}

/* --- random ------------------------------------------------------------------------ */

static Value *f_seed(Interp *in, const CallArgs *a, Err *e) {
    int64_t s;
    if (!eval_int(a->v[0], &s) || s < 0 || s > 4294967295LL)
        return err_set_at(e, ERR_VALUE, arg_span(a, 0),
                          "random.seed() takes an integer from 0 to 2**32 - 1");
    Rng *g = rng_session(in);
    if (!g) return err_set(e, ERR_MEMORY, "out of memory");
    rng_seed(g, (uint32_t)s);
    Value *v = val_none();
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
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
    return wrap(r, e);
}

static Value *f_rand(Interp *in, const CallArgs *a, Err *e) {
    return random_array(rng_session(in), a, rng_uniform, e);
}

static Value *f_randn(Interp *in, const CallArgs *a, Err *e) {
    return random_array(rng_session(in), a, rng_normal, e);
}

/* --- conversion and output ----------------------------------------------------------- */

/* float(x) / int(x) / bool(x): one number from a size-1 array or a string. */
static Value *to_scalar(const CallArgs *a, DType t, Err *e) {
    const Value *v = a->v[0];
    double d;
    if (v->kind == V_STR && t != DT_BOOL) {
        char *end;
        d = strtod(v->str, &end);
        while (*end == ' ')
            end++;
        if (end == v->str || *end)
            return err_set_at(e, ERR_VALUE, arg_span(a, 0), "'%s' is not a number", v->str);
    } else if (v->kind == V_ARRAY && v->arr->size == 1) {
        d = arr_get(v->arr, 0);
    } else {
        return err_set_at(e, ERR_TYPE, arg_span(a, 0), "%s() needs a single number, not a %s",
                          a->fname, v->kind == V_ARRAY ? "multi-element array" : kind_of(v));
    }
    Array *r;
    if (t == DT_INT64) {
        if (!(fabs(d) < 9.2233720368547758e18))
            return err_set_at(e, ERR_VALUE, arg_span(a, 0), "cannot convert %g to int", d);
        r = arr_scalar_i64((int64_t)d, e);
    } else if (t == DT_BOOL) {
        r = arr_scalar_bool(d != 0, e);
    } else {
        r = arr_scalar_f64(d, e);
    }
    if (r) r->weak = true; /* a Python number */
    return wrap(r, e);
}

static Value *f_float(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_FLOAT64, e);
}

static Value *f_int(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_INT64, e);
}

static Value *f_bool(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_BOOL, e);
}

/* The text of v in a ShowMode, as a new value. */
static Value *shown(Interp *in, const Value *v, ShowMode mode, Err *e) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return err_set(e, ERR_MEMORY, "out of memory");
    if (v->kind == V_ARRAY && mode == SHOW_INLINE) {
        char *s = fmt_repr(v->arr, interp_fmt(in));
        fputs(s ? s : "", f);
        free(s);
    } else {
        interp_show(in, f, v, mode);
    }
    fclose(f);
    Value *r = buf ? val_str(buf) : NULL;
    free(buf);
    if (!r) err_set(e, ERR_MEMORY, "out of memory");
    return r;
}

static Value *f_repr(Interp *in, const CallArgs *a, Err *e) {
    return shown(in, a->v[0], SHOW_INLINE, e);
}

static Value *f_str(Interp *in, const CallArgs *a, Err *e) {
    return shown(in, a->v[0], SHOW_PRINT, e);
}

static Value *f_print(Interp *in, const CallArgs *a, Err *e) {
    const Value *sep = builtin_kw(a, "sep"), *end = builtin_kw(a, "end");
    if ((sep && sep->kind != V_STR) || (end && end->kind != V_STR))
        return err_set_at(e, ERR_TYPE, a->call->span, "sep and end must be strings");
    FILE *out = interp_out(in);
    for (int i = 0; i < a->n; i++) {
        if (i) fputs(sep ? sep->str : " ", out);
        interp_show(in, out, a->v[i], SHOW_PRINT);
    }
    fputs(end ? end->str : "\n", out);
    Value *v = val_none();
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

/* --- array methods ------------------------------------------------------------------- */

Value *builtin_method(Interp *in, const char *name, const CallArgs *a, Err *e) {
    const Array *x = a->v[0]->arr;
    int extra = a->n - 1;
    const char *kw[16];
    int nkw = a->nkw < 16 ? a->nkw : 16;
    for (int i = 0; i < nkw; i++)
        kw[i] = a->kwname[i];
    if (strcmp(name, "reshape") == 0) {
        if (nkw) return err_set_at(e, ERR_TYPE, a->call->span, "reshape() takes no keywords");
        return f_reshape_from(a, e);
    }
    if (strcmp(name, "astype") == 0) {
        DType t;
        if (extra != 1 || nkw)
            return err_set_at(e, ERR_TYPE, a->call->span,
                              "astype() takes 1 argument (the dtype) but %d %s given", extra,
                              extra == 1 ? "was" : "were");
        if (!dtype_of(a->v[1], &t, arg_span(a, 1), e)) return NULL;
        return wrap(op_astype(x, t, e), e);
    }
    if (strcmp(name, "flatten") == 0 || strcmp(name, "copy") == 0 ||
        strcmp(name, "transpose") == 0) {
        if (extra || nkw)
            return err_set_at(e, ERR_TYPE, a->call->span, "%s() takes no arguments", name);
        if (name[0] == 't') return wrap(op_transpose(x, e), e);
        if (name[0] == 'f') return wrap(op_flatten(x, e), e);
        Array *c = arr_copy(x, e);
        if (c) c->weak = false;
        return wrap(c, e);
    }
    static const char *const reductions[] = {"sum", "max", "min", "mean", "argmax", "argmin"};
    for (size_t i = 0; i < sizeof reductions / sizeof reductions[0]; i++)
        if (strcmp(name, reductions[i]) == 0) {
            const Builtin *b = builtin_find(name);
            if (!builtin_check_call(b, a->n, kw, nkw, a->call, e)) return NULL;
            return b->fn(in, a, e);
        }
    return err_set_at(e, ERR_NAME, a->call->span,
                      "arrays have no method '%s' (try reshape astype flatten copy sum max "
                      "argmax mean)",
                      name);
}

/* --- calls --------------------------------------------------------------------------- */

static bool kw_allowed(const char *list, const char *kw) {
    size_t n = strlen(kw);
    for (const char *p = list; p && *p;) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        if ((size_t)(q - p) == n && strncmp(p, kw, n) == 0) return true;
        p = q;
    }
    return false;
}

bool builtin_check_call(const Builtin *b, int npos, const char *const *kw, int nkw,
                        const Node *call, Err *e) {
    Span at = call->span;
    bool few = npos < b->minargs, many = b->maxargs >= 0 && npos > b->maxargs;
    if (few || many) {
        const char *was = npos == 1 ? "was" : "were";
        if (b->minargs == b->maxargs)
            err_set_at(e, ERR_TYPE, at, "%s() takes %d argument%s but %d %s given", b->name,
                       b->minargs, b->minargs == 1 ? "" : "s", npos, was);
        else if (many)
            err_set_at(e, ERR_TYPE, at, "%s() takes at most %d argument%s but %d %s given", b->name,
                       b->maxargs, b->maxargs == 1 ? "" : "s", npos, was);
        else
            err_set_at(e, ERR_TYPE, at, "%s() takes at least %d argument%s but %d %s given",
                       b->name, b->minargs, b->minargs == 1 ? "" : "s", npos, was);
        return false;
    }
    for (int i = 0; i < nkw; i++)
        if (!kw_allowed(b->kwargs, kw[i])) {
            err_set_at(e, ERR_TYPE, at, "%s() got an unexpected keyword argument '%s'", b->name,
                       kw[i]);
            return false;
        }
    return true;
}

int builtin_cmd_nargs(const Node *call) {
    if (call->kind == N_CALL) return call->nkids - 1;
    if (call->kind == N_RAWCMD) return call->nkids;
    return 0;
}

const Node *builtin_cmd_arg(const Node *call, int i) {
    if (i < 0 || i >= builtin_cmd_nargs(call)) return NULL;
    return call->kind == N_CALL ? call->kids[i + 1] : call->kids[i];
}

const char *builtin_cmd_word(const Node *arg) {
    if (!arg) return NULL;
    if (arg->kind == N_NAME || arg->kind == N_STR) return arg->str;
    if (arg->kind == N_ATTR) {
        /* a dotted name only: np.dot, np.random.randn */
        for (const Node *n = arg; n->kind == N_ATTR; n = n->kids[0])
            if (n->kids[0]->kind != N_ATTR && n->kids[0]->kind != N_NAME) return NULL;
        return arg->text;
    }
    return NULL;
}

/* --- commands ---------------------------------------------------------------------------- */

/* Print `label` and `text` word-wrapped to 78 columns, continuation lines
 * indented under the text. */
static void help_field(FILE *out, const char *label, const char *text) {
    int indent = fprintf(out, "  %s", label), col = indent;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        int w = (int)strcspn(p, " ");
        if (w == 0) break;
        if (col > indent && col + 1 + w > 78) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        }
        col += fprintf(out, "%s%.*s", col > indent ? " " : "", w, p);
        p += w;
    }
    fputc('\n', out);
}

/* help: the overview, or one entry per argument. */
static void help_entry(FILE *out, const Builtin *b) {
    fprintf(out, "%s    [%s]\n", b->sig ? b->sig : b->name, b->group);
    if (b->summary) help_field(out, "", b->summary);
    if (b->numpy) help_field(out, "NumPy:    ", b->numpy);
    if (b->shapes) help_field(out, "shapes:   ", b->shapes);
    if (b->example) help_field(out, "example:  ", b->example);
}

static void help_overview(FILE *out) {
    fputs("Built-ins by group (every function also works as np.NAME, and f(a, b) can be\n"
          "typed as the command f a b). Type help NAME for one of them.\n",
          out);
    const char *done[32];
    int ndone = 0;
    for (int i = 0; i < builtin_count(); i++) {
        const char *g = builtin_at(i)->group;
        bool seen = false;
        for (int k = 0; k < ndone; k++)
            seen |= strcmp(done[k], g) == 0;
        if (seen || ndone == 32) continue;
        done[ndone++] = g;
        int col = fprintf(out, "  %-11s", g);
        for (int j = i; j < builtin_count(); j++) {
            const Builtin *b = builtin_at(j);
            /* list a name once even when a later table repeats it */
            if (strcmp(b->group, g) != 0 || builtin_find(b->name) != b) continue;
            int w = (int)strlen(b->name) + 1;
            if (col + w > 78) {
                fprintf(out, "\n%13s", "");
                col = 13;
            }
            col += fprintf(out, " %s", b->name);
        }
        fputc('\n', out);
    }
}

static Value *cmd_help(Interp *in, const Node *call, Err *e) {
    FILE *out = interp_out(in);
    int n = builtin_cmd_nargs(call);
    if (n == 0) {
        help_overview(out);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        const Node *arg = builtin_cmd_arg(call, i);
        const char *w = builtin_cmd_word(arg);
        const Builtin *b = w ? builtin_find(w) : NULL;
        if (!b && w) {
            /* help randn finds random.randn */
            char buf[80];
            snprintf(buf, sizeof buf, "random.%s", w);
            b = builtin_find(buf);
        }
        if (!b)
            return err_set_at(e, ERR_NAME, arg->span, "no help for '%s'; type help for the list",
                              w ? w : (arg->text ? arg->text : "?"));
        if (i) fputc('\n', out);
        help_entry(out, b);
    }
    return NULL;
}

/* vars: a table of the variables, like Octave's whos. */
static Value *cmd_vars(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    FILE *out = interp_out(in);
    Vars *vs = interp_vars(in);
    int n = vars_count(vs);
    if (n == 0) {
        fputs("no variables (type example to load the chapter's network)\n", out);
        return NULL;
    }
    int wname = 4, wshape = 5;
    char buf[64];
    for (int i = 0; i < n; i++) {
        const Value *v = vars_value_at(vs, i);
        int l = (int)strlen(vars_name_at(vs, i));
        if (l > wname) wname = l;
        if (v->kind == V_ARRAY) {
            l = (int)strlen(shape_str(buf, v->arr->ndim, v->arr->shape));
            if (l > wshape) wshape = l;
        }
    }
    size_t total = 0;
    fprintf(out, "%-*s  %-*s  %-8s  %10s\n", wname, "name", wshape, "shape", "dtype", "bytes");
    for (int i = 0; i < n; i++) {
        const Value *v = vars_value_at(vs, i);
        size_t bytes = val_nbytes(v);
        total += bytes;
        bool isarr = v->kind == V_ARRAY;
        fprintf(out, "%-*s  %-*s  %-8s  %10zu\n", wname, vars_name_at(vs, i), wshape,
                isarr ? shape_str(buf, v->arr->ndim, v->arr->shape) : "-",
                isarr ? dtype_name(v->arr->dtype) : val_kind_name(v->kind), bytes);
    }
    fprintf(out, "total: %d variable%s, %zu bytes\n", n, n == 1 ? "" : "s", total);
    return NULL;
}

/* del NAME... : all names are checked before any is removed. */
static Value *cmd_del(Interp *in, const Node *call, Err *e) {
    Vars *vs = interp_vars(in);
    int n = builtin_cmd_nargs(call);
    if (n == 0)
        return err_set_at(e, ERR_TYPE, call->span, "del needs the names to delete, e.g. del X W1");
    for (int i = 0; i < n; i++) {
        const Node *arg = builtin_cmd_arg(call, i);
        if (arg->kind != N_NAME)
            return err_set_at(e, ERR_TYPE, arg->span, "del takes variable names");
        if (!vars_get(vs, arg->str))
            return err_set_at(e, ERR_NAME, arg->span, "name '%s' is not defined", arg->str);
    }
    for (int i = 0; i < n; i++)
        vars_del(vs, builtin_cmd_arg(call, i)->str);
    return NULL;
}

static Value *cmd_clear(Interp *in, const Node *call, Err *e) {
    if (builtin_cmd_nargs(call) > 0) return cmd_del(in, call, e);
    vars_clear(interp_vars(in));
    return NULL;
}

static Value *cmd_history(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    if (in->history)
        in->history(interp_out(in));
    else
        fputs("no history\n", interp_out(in));
    return NULL;
}

static Value *cmd_echo(Interp *in, const Node *call, Err *e) {
    int n = builtin_cmd_nargs(call);
    const char *w = n == 1 ? builtin_cmd_word(builtin_cmd_arg(call, 0)) : NULL;
    if (n == 0) {
        fprintf(interp_out(in), "echo is %s\n", interp_echo(in) ? "on" : "off");
        return NULL;
    }
    if (w && strcmp(w, "on") == 0)
        interp_set_echo(in, true);
    else if (w && strcmp(w, "off") == 0)
        interp_set_echo(in, false);
    else
        return err_set_at(e, ERR_VALUE, call->span, "echo takes on or off");
    return NULL;
}

static Value *cmd_quit(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    in->quit = true;
    return NULL;
}

static Value *cmd_example(Interp *in, const Node *call, Err *e) {
    (void)call;
    if (!interp_load_example(in, false)) err_set(e, ERR_MEMORY, "out of memory");
    return NULL;
}

/* A weight of the example network: NAME, or its lower-case spelling (b1). */
static const Array *layer_var(Interp *in, const char *name, const char *alt, const Node *call,
                              Err *e) {
    const Value *v = vars_get(interp_vars(in), name);
    if (!v && alt) v = vars_get(interp_vars(in), alt);
    if (!v)
        return err_set_at(e, ERR_NAME, call->span,
                          "forward needs X W1 B1 W2 B2 W3 B3 (or b1 b2 b3) but '%s' is not "
                          "defined; type example to load them",
                          name);
    if (v->kind != V_ARRAY)
        return err_set_at(e, ERR_TYPE, call->span, "forward needs %s to be an array, not a %s",
                          name, val_kind_name(v->kind));
    return v->arr;
}

/* forward: the chapter's 3-layer network on X, layer by layer:
 *   A1 = X.W1 + B1, Z1 = sigmoid(A1), A2 = Z1.W2 + B2, Z2 = sigmoid(A2),
 *   A3 = Z2.W3 + B3, Y = identity(A3)
 * Everything is computed first; then A1..A3, Z1, Z2 and Y are bound and
 * shown. Kept in this one function so a fuller version can replace it. */
static Value *cmd_forward(Interp *in, const Node *call, Err *e) {
    static const char *const names[6] = {"A1", "Z1", "A2", "Z2", "A3", "Y"};
    static const char *const wn[3] = {"W1", "W2", "W3"}, *const bn[3] = {"B1", "B2", "B3"},
                             *const bl[3] = {"b1", "b2", "b3"};
    static const char *const inn[3] = {"X", "Z1", "Z2"};
    Array *res[6] = {0};
    const Array *x = layer_var(in, "X", NULL, call, e);
    if (!x) return NULL;
    for (int l = 0; l < 3; l++) {
        const Array *w = layer_var(in, wn[l], NULL, call, e);
        const Array *b = w ? layer_var(in, bn[l], bl[l], call, e) : NULL;
        Array *d = b ? op_dot(x, w, e) : NULL;
        if (!d && e->kind == ERR_SHAPE) {
            snprintf(e->ops[0].name, ERR_NAME_LEN, "%s", inn[l]);
            if (e->nops > 1) snprintf(e->ops[1].name, ERR_NAME_LEN, "%s", wn[l]);
        }
        Array *a = d ? op_binary(OP_ADD, d, b, e) : NULL;
        arr_free(d);
        if (!a && e->kind == ERR_SHAPE) {
            snprintf(e->ops[0].name, ERR_NAME_LEN, "%s", inn[l]);
            if (e->nops > 1) snprintf(e->ops[1].name, ERR_NAME_LEN, "%s", bn[l]);
        }
        Array *z = a ? (l < 2 ? op_unary(OP_SIGMOID, a, e) : arr_copy(a, e)) : NULL;
        res[2 * l] = a;
        res[2 * l + 1] = z;
        if (!z) {
            for (int k = 0; k < 6; k++)
                arr_free(res[k]);
            if (e->span.line == 0) e->span = call->span;
            return NULL;
        }
        x = z;
    }
    for (int k = 0; k < 6; k++) {
        Value *v = val_array(res[k]);
        if (!v || !vars_set(interp_vars(in), names[k], v)) {
            for (int j = k + 1; j < 6; j++)
                arr_free(res[j]);
            return err_set(e, ERR_MEMORY, "out of memory");
        }
        interp_echo_binding(in, names[k], vars_get(interp_vars(in), names[k]));
    }
    return NULL;
}

/* --- the core table ------------------------------------------------------------------------- */

#define FN(name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f)                       \
    { name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, NULL }
#define CMD(name, sig, summary, example, f)                                                        \
    { name, "command", sig, summary, NULL, NULL, example, 0, -1, NULL, NULL, f }

const Builtin core_builtins[] = {
    /* arrays */
    FN("array", "array", "array(obj, dtype=None)",
       "Make an array from a number, a (nested) list or tuple, or a copy of an array.",
       "np.array(obj, dtype=None)", "[[1, 2], [3, 4]] -> (2, 2); nested lists must be rectangular",
       "array([1.0, 0.5])", 1, 1, "dtype", f_array),
    FN("zeros", "array", "zeros(shape, dtype=float64)", "An array of zeros.", "np.zeros(shape)",
       "shape (2, 3) -> (2, 3)", "zeros((2, 3))", 1, 1, "dtype", f_zeros),
    FN("ones", "array", "ones(shape, dtype=float64)", "An array of ones.", "np.ones(shape)",
       "shape (2, 3) -> (2, 3)", "ones(3)", 1, 1, "dtype", f_ones),
    FN("zeros_like", "array", "zeros_like(x, dtype=None)", "Zeros with the shape and dtype of x.",
       "np.zeros_like(x)", "x (any) -> same shape", "zeros_like(W1)", 1, 1, "dtype", f_zeros_like),
    FN("ones_like", "array", "ones_like(x, dtype=None)", "Ones with the shape and dtype of x.",
       "np.ones_like(x)", "x (any) -> same shape", "ones_like(B1)", 1, 1, "dtype", f_ones_like),
    FN("arange", "array", "arange([start,] stop[, step], dtype=None)",
       "Evenly spaced numbers from start up to (not including) stop; int64 unless an "
       "argument is a float.",
       "np.arange(start, stop, step)", "-> (n,)", "arange(-5.0, 5.0, 0.1)", 1, 3, "dtype",
       f_arange),
    FN("reshape", "array", "reshape(x, shape)",
       "The same numbers laid out in a new shape; one axis may be -1 (worked out).",
       "np.reshape(x, shape) or x.reshape(shape)", "size must stay the same: (6,) -> (2, 3)",
       "reshape(W1, (3, 2))", 2, -1, NULL, f_reshape),
    FN("transpose", "array", "transpose(x)", "Reverse the axes (rows become columns).",
       "np.transpose(x) or x.T", "(k, n) -> (n, k)", "transpose(W1)", 1, 1, NULL, f_transpose),
    FN("shape", "array", "shape(x)", "The shape of x as a tuple.", "np.shape(x) or x.shape",
       "x -> tuple of ints", "shape(W1)", 1, 1, NULL, f_shape),
    FN("ndim", "array", "ndim(x)", "The number of axes of x.", "np.ndim(x) or x.ndim", "x -> int",
       "ndim(W1)", 1, 1, NULL, f_ndim),
    FN("len", "array", "len(x)", "The length of the first axis (or of a tuple, list, dict).",
       "len(x)", "(n, ...) -> n", "len(W1)", 1, 1, NULL, f_len),
    /* math */
    FN("dot", "math", "dot(a, b)",
       "Matrix product: each row of a times each column of b, summed. For two vectors, "
       "their inner product.",
       "np.dot(a, b)",
       "(k, n) . (n, m) -> (k, m); (n,) . (n, m) -> (m,); (k, n) . (n,) -> (k,); "
       "the inner sizes must match",
       "dot X W1", 2, 2, NULL, f_dot),
    FN("matmul", "math", "matmul(a, b)", "Matrix product, the @ operator.",
       "np.matmul(a, b) or a @ b", "(k, n) @ (n, m) -> (k, m)", "X @ W1", 2, 2, NULL, f_matmul),
    FN("exp", "math", "exp(x)", "e to the power x, element by element.", "np.exp(x)",
       "x (any) -> same shape", "exp([0.0, 1.0])", 1, 1, NULL, f_exp),
    FN("log", "math", "log(x)", "Natural logarithm, element by element.", "np.log(x)",
       "x (any) -> same shape", "log([1.0, 10.0])", 1, 1, NULL, f_log),
    FN("sqrt", "math", "sqrt(x)", "Square root, element by element.", "np.sqrt(x)",
       "x (any) -> same shape", "sqrt([4.0, 2.0])", 1, 1, NULL, f_sqrt),
    FN("abs", "math", "abs(x)", "Absolute value, element by element.", "np.abs(x)",
       "x (any) -> same shape", "abs([-1, 2])", 1, 1, NULL, f_abs),
    FN("tanh", "math", "tanh(x)", "Hyperbolic tangent, element by element.", "np.tanh(x)",
       "x (any) -> same shape", "tanh([0.0, 1.0])", 1, 1, NULL, f_tanh),
    FN("maximum", "math", "maximum(a, b)", "The larger of a and b, element by element.",
       "np.maximum(a, b)", "a and b broadcast together", "maximum(0, [-1.0, 2.0])", 2, 2, NULL,
       f_maximum),
    FN("minimum", "math", "minimum(a, b)", "The smaller of a and b, element by element.",
       "np.minimum(a, b)", "a and b broadcast together", "minimum(1, [-1.0, 2.0])", 2, 2, NULL,
       f_minimum),
    /* reductions */
    FN("sum", "reduce", "sum(x, axis=None, keepdims=False)",
       "Add up the elements (of each row with axis=1, of each column with axis=0).",
       "np.sum(x, axis=None) or x.sum()", "(k, n) axis=None -> (); axis=0 -> (n,); axis=1 -> (k,)",
       "sum(W1, axis=0)", 1, 2, "axis keepdims", f_sum),
    FN("max", "reduce", "max(x, axis=None, keepdims=False)", "The largest element.",
       "np.max(x, axis=None) or x.max()", "(k, n) axis=1 -> (k,)", "max(W1)", 1, 2, "axis keepdims",
       f_max),
    FN("min", "reduce", "min(x, axis=None, keepdims=False)", "The smallest element.",
       "np.min(x, axis=None) or x.min()", "(k, n) axis=1 -> (k,)", "min(W1)", 1, 2, "axis keepdims",
       f_min),
    FN("mean", "reduce", "mean(x, axis=None, keepdims=False)", "The average of the elements.",
       "np.mean(x, axis=None) or x.mean()", "(k, n) axis=0 -> (n,)", "mean(W1, axis=0)", 1, 2,
       "axis keepdims", f_mean),
    FN("argmax", "reduce", "argmax(x, axis=None)",
       "The position of the largest element (of the flattened array, or along an axis): "
       "the predicted class.",
       "np.argmax(x, axis=None)", "(k, n) axis=1 -> (k,) int64", "argmax(Y)", 1, 2, "axis keepdims",
       f_argmax),
    FN("argmin", "reduce", "argmin(x, axis=None)", "The position of the smallest element.",
       "np.argmin(x, axis=None)", "(k, n) axis=1 -> (k,) int64", "argmin(Y)", 1, 2, "axis keepdims",
       f_argmin),
    /* activations */
    FN("step_function", "activation", "step_function(x)",
       "1 where x > 0, else 0 (the perceptron's activation), as int64.",
       "np.array(x > 0, dtype=int)", "x (any) -> same shape, int64",
       "step_function([-1.0, 1.0, 2.0])", 1, 1, NULL, f_step),
    FN("sigmoid", "activation", "sigmoid(x)", "The S-shaped curve 1 / (1 + exp(-x)).",
       "1 / (1 + np.exp(-x))", "x (any) -> same shape", "sigmoid A1", 1, 1, NULL, f_sigmoid),
    FN("relu", "activation", "relu(x)", "x where x > 0, else 0.", "np.maximum(0, x)",
       "x (any) -> same shape", "relu([-1.0, 2.0])", 1, 1, NULL, f_relu),
    FN("identity_function", "activation", "identity_function(x)",
       "Returns x unchanged: the output layer's activation for regression.", "x",
       "x (any) -> same shape", "identity_function(A3)", 1, 1, NULL, f_identity),
    FN("softmax", "activation", "softmax(x)",
       "Turn scores into probabilities that add up to 1 (along the last axis), "
       "subtracting the max first so exp cannot overflow.",
       "c = np.max(x); np.exp(x - c) / np.sum(np.exp(x - c))", "x (n,) -> (n,); (k, n) -> (k, n)",
       "softmax([0.3, 2.9, 4.0])", 1, 1, NULL, f_softmax),
    FN("softmax_naive", "activation", "softmax_naive(x)",
       "The book's first softmax, exp(x) / sum(exp(x)): overflows to nan for large x.",
       "np.exp(x) / np.sum(np.exp(x))", "x (any) -> same shape", "softmax_naive([1010, 1000, 990])",
       1, 1, NULL, f_softmax_naive),
    /* random */
    FN("random.seed", "random", "random.seed(n)",
       "Restart the random numbers from seed n, so the same numbers come again.",
       "np.random.seed(n)", NULL, "np.random.seed(0)", 1, 1, NULL, f_seed),
    FN("random.rand", "random", "random.rand(d0, d1, ...)", "Uniform random numbers in [0, 1).",
       "np.random.rand(d0, d1, ...)", "rand(2, 3) -> (2, 3)", "np.random.rand(2, 3)", 0, ARR_MAXDIM,
       NULL, f_rand),
    FN("random.randn", "random", "random.randn(d0, d1, ...)",
       "Normally distributed random numbers (mean 0, standard deviation 1).",
       "np.random.randn(d0, d1, ...)", "randn(2, 3) -> (2, 3)", "np.random.randn(2, 3)", 0,
       ARR_MAXDIM, NULL, f_randn),
    /* conversion and output */
    FN("float", "output", "float(x)", "One number as a float (from a size-1 array or a string).",
       "float(x)", "size 1 -> ()", "float('inf')", 1, 1, NULL, f_float),
    FN("int", "output", "int(x)", "One number as an int (truncated toward zero).", "int(x)",
       "size 1 -> ()", "int(2.7)", 1, 1, NULL, f_int),
    FN("bool", "output", "bool(x)", "One number as True or False.", "bool(x)", "size 1 -> ()",
       "bool(0)", 1, 1, NULL, f_bool),
    FN("print", "output", "print(a, b, ..., sep=' ', end='\\n')",
       "Print values as Python's print does (arrays as NumPy prints them), even with echo off.",
       "print(a, b)", NULL, "print(A1, A1.shape)", 0, -1, "sep end", f_print),
    FN("repr", "output", "repr(x)", "The text that recreates x, e.g. array([0.1, 0.2]).", "repr(x)",
       NULL, "repr(B1)", 1, 1, NULL, f_repr),
    FN("str", "output", "str(x)", "The text print shows for x.", "str(x)", NULL, "str(B1)", 1, 1,
       NULL, f_str),
    /* commands */
    CMD("help", "help [NAME]", "List the built-ins, or describe one.", "help dot", cmd_help),
    CMD("vars", "vars", "Show every variable with its shape, dtype and size in bytes.", "vars",
        cmd_vars),
    CMD("del", "del NAME...", "Delete variables.", "del A1 Z1", cmd_del),
    CMD("clear", "clear [NAME...]", "Delete all variables (or the ones named).", "clear",
        cmd_clear),
    CMD("echo", "echo on|off", "Show (or stop showing) each result after a statement.", "echo off",
        cmd_echo),
    CMD("history", "history", "Show the lines typed so far.", "history", cmd_history),
    CMD("example", "example", "Define X W1 B1 W2 B2 W3 B3, the chapter's 2-3-2-2 example network.",
        "example", cmd_example),
    CMD("forward", "forward", "Run the example network on X layer by layer: A1 Z1 A2 Z2 A3 Y.",
        "forward", cmd_forward),
    CMD("quit", "quit", "Leave nnsh.", "quit", cmd_quit),
    CMD("exit", "exit", "Leave nnsh.", "exit", cmd_quit),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};

/* --- registered tables -----------------------------------------------------------------------
 * Every module's table is listed here. When two tables define the same name,
 * the one listed first wins, so a module can replace a core entry (a fuller
 * `forward`, say) by being listed above core_builtins. */
static const Builtin *const kTables[] = {
    /* Earlier tables win a name, so trace's forward (the per-layer table)
     * replaces core's plain one. */
    lesson_builtins, check_builtins, trace_builtins, data_builtins,
    book_builtins,   show_builtins,  core_builtins,
};
#define NTABLES ((int)(sizeof kTables / sizeof kTables[0]))

static int table_len(const Builtin *t) {
    int n = 0;
    while (t[n].name)
        n++;
    return n;
}

int builtin_count(void) {
    int n = 0;
    for (int t = 0; t < NTABLES; t++)
        n += table_len(kTables[t]);
    return n;
}

const Builtin *builtin_at(int i) {
    for (int t = 0; t < NTABLES && i >= 0; t++) {
        int n = table_len(kTables[t]);
        if (i < n) return &kTables[t][i];
        i -= n;
    }
    return NULL;
}

const Builtin *builtin_find(const char *name) {
    if (strncmp(name, "np.", 3) == 0)
        name += 3;
    else if (strncmp(name, "numpy.", 6) == 0)
        name += 6;
    for (int t = 0; t < NTABLES; t++)
        for (const Builtin *b = kTables[t]; b->name; b++)
            if (strcmp(b->name, name) == 0) return b;
    return NULL;
}
