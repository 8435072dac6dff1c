/* ops.c - NumPy's array operations (see ops.h): elementwise arithmetic with
 * broadcasting and NumPy 1.24's type rules, dot/matmul, reductions, softmax,
 * shape changes, indexing and arange. The gemm kernels are in kernels.c.
 *
 * Booleans are stored as one byte holding 0 or 1.
 */
#include "ops.h"

#include <float.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "intr.h"

/* Long loops work in blocks of OPS_BLOCK elements and look at the Ctrl-C
 * flag between blocks (about a millisecond apart at worst); an interrupted
 * operation releases its result and fails with ERR_INTERRUPT. */
#define OPS_BLOCK ((int64_t)1 << 16)

static Array *interrupted(Array *r, Err *e) {
    arr_free(r);
    return err_set(e, ERR_INTERRUPT, "stopped by Ctrl-C (nothing was changed)");
}

/* ======================================================================
 * Names
 * ====================================================================== */

static const char *const kBinName[] = {
    "add",       "subtract", "multiply",   "divide",      "floor_divide",  "remainder",
    "power",     "less",     "less_equal", "greater",     "greater_equal", "equal",
    "not_equal", "maximum",  "minimum",    "bitwise_and", "bitwise_or"};
static const char *const kBinSym[] = {
    "+", "-", "*", "/", "//", "%", "**", "<", "<=", ">", ">=", "==", "!=", "", "", "&", "|"};
/* verbs for the human message "cannot add (2, 3) and (2,)" */
static const char *const kBinVerb[] = {"add",
                                       "subtract",
                                       "multiply",
                                       "divide",
                                       "floor-divide",
                                       "take the remainder of",
                                       "raise",
                                       "compare",
                                       "compare",
                                       "compare",
                                       "compare",
                                       "compare",
                                       "compare",
                                       "take the maximum of",
                                       "take the minimum of",
                                       "combine with &",
                                       "combine with |"};
static const char *const kUnName[] = {"negative", "invert", "exp",     "log",  "sqrt",
                                      "absolute", "tanh",   "sigmoid", "relu", "step"};

const char *op_binary_name(BinOp op) {
    return kBinName[op];
}
const char *op_binary_symbol(BinOp op) {
    return kBinSym[op];
}
const char *op_unary_name(UnOp op) {
    return kUnName[op];
}

/* NumPy's compact shape spelling used inside its messages: (2,3) (3,) () */
static char *np_shape(char *buf, int ndim, const int64_t *shape) {
    /* buf holds SHAPE_STR_SIZE bytes: every write is bounded, and a text
     * that would not fit (no array's shape) is cut at an axis boundary */
    size_t n = 0, cap = SHAPE_STR_SIZE - 3; /* room for ",)" and the NUL */
    buf[n++] = '(';
    for (int i = 0; i < ndim; i++) {
        int w = snprintf(buf + n, cap - n, i ? ",%lld" : "%lld", (long long)shape[i]);
        if (w < 0 || (size_t)w >= cap - n) break;
        n += (size_t)w;
    }
    if (ndim == 1) buf[n++] = ',';
    buf[n++] = ')';
    buf[n] = '\0';
    return buf;
}

/* set_numpy_msg: NumPy's wording of a shape error (cut short if too long). */
__attribute__((format(printf, 2, 3))) static void set_numpy_msg(Err *e, const char *fmt, ...) {
    if (!e) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->numpy_msg, sizeof e->numpy_msg, fmt, ap);
    va_end(ap);
    (void)n;
}

/* ======================================================================
 * Conversion between dtypes (C-cast semantics, as astype)
 * ====================================================================== */

static int64_t f2i64(double v) {
    /* out of range and nan give INT64_MIN, what x86 NumPy produces */
    if (isnan(v) || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18) return INT64_MIN;
    return (int64_t)v;
}

static uint8_t f2u8(double v) {
    return (uint8_t)(uint64_t)f2i64(v);
}

#define CONV_LOOP(ST, DT, EXPR)                                                                    \
    do {                                                                                           \
        const ST *s_ = src;                                                                        \
        DT *d_ = dst;                                                                              \
        for (int64_t i_ = 0; i_ < n; i_++) {                                                       \
            ST v = s_[i_];                                                                         \
            d_[i_] = (EXPR);                                                                       \
        }                                                                                          \
    } while (0)

#define CONV_FROM(ST)                                                                              \
    switch (to) {                                                                                  \
    case DT_BOOL: CONV_LOOP(ST, uint8_t, v != 0); break;                                           \
    case DT_UINT8: CONV_LOOP(ST, uint8_t, TO_U8(v)); break;                                        \
    case DT_INT64: CONV_LOOP(ST, int64_t, TO_I64(v)); break;                                       \
    case DT_FLOAT32: CONV_LOOP(ST, float, (float)v); break;                                        \
    case DT_FLOAT64: CONV_LOOP(ST, double, (double)v); break;                                      \
    }

/* convert n elements from dtype `from` at src to dtype `to` at dst */
static void convert_buf(DType from, const void *src, DType to, void *dst, int64_t n) {
    if (from == to) {
        if (n) memcpy(dst, src, (size_t)n * dtype_size(to));
        return;
    }
    switch (from) {
#define TO_U8(v) ((uint8_t)(v))
#define TO_I64(v) ((int64_t)(v))
    case DT_BOOL:
    case DT_UINT8: CONV_FROM(uint8_t) break;
    case DT_INT64: CONV_FROM(int64_t) break;
#undef TO_U8
#undef TO_I64
#define TO_U8(v) f2u8(v)
#define TO_I64(v) f2i64(v)
    case DT_FLOAT32: CONV_FROM(float) break;
    case DT_FLOAT64: CONV_FROM(double) break;
#undef TO_U8
#undef TO_I64
    }
}

Array *op_astype(const Array *a, DType t, Err *e) {
    Array *r = arr_new_uninit(t, a->ndim, a->shape, e);
    if (!r) return NULL;
    size_t ia = dtype_size(a->dtype), ir = dtype_size(t);
    for (int64_t o = 0; o < a->size; o += OPS_BLOCK) {
        if (intr_pending()) return interrupted(r, e);
        int64_t n = a->size - o < OPS_BLOCK ? a->size - o : OPS_BLOCK;
        convert_buf(a->dtype, (const char *)a->data + (size_t)o * ia, t,
                    (char *)r->data + (size_t)o * ir, n);
    }
    return r;
}

/* as_dtype: `a` itself when it already has dtype t, else a converted copy
 * stored in *tmp (which the caller frees). */
static const Array *as_dtype(const Array *a, DType t, Array **tmp, Err *e) {
    *tmp = NULL;
    if (a->dtype == t) return a;
    *tmp = op_astype(a, t, e);
    return *tmp;
}

/* ======================================================================
 * Type rules
 * ====================================================================== */

/* 0 bool, 1 integer, 2 float: NumPy's kind categories for value-based casting */
static int kind_cat(DType t) {
    return t == DT_BOOL ? 0 : dtype_is_int(t) ? 1 : 2;
}

/* NumPy 1.24's value-based rule: a 0-d operand (literal or not) combined
 * with an n-d array counts by its value, not its dtype, when its kind is no
 * higher than the array's. With only nnsh's five dtypes: an int that fits
 * uint8 keeps a uint8 array uint8 (others go to int64, where NumPy would pick
 * uint16/int16); an int beyond int16/uint16 range turns float32 into
 * float64; a float beyond float32's range does the same. */
static DType result_dtype(const Array *a, const Array *b) {
    bool sa = a->ndim == 0, sb = b->ndim == 0;
    if (sa == sb) return dtype_promote(a->dtype, b->dtype);
    const Array *s = sa ? a : b;
    DType at = sa ? b->dtype : a->dtype;
    if (kind_cat(s->dtype) > kind_cat(at)) return dtype_promote(s->dtype, at);
    if (s->dtype == DT_BOOL) return at;
    if (dtype_is_int(s->dtype)) {
        int64_t v = arr_get_i64(s, 0);
        if (at == DT_UINT8) return v >= 0 && v <= 255 ? DT_UINT8 : DT_INT64;
        if (at == DT_FLOAT32) return v >= -32768 && v <= 65535 ? DT_FLOAT32 : DT_FLOAT64;
        return at;
    }
    double v = arr_get(s, 0);
    if (at == DT_FLOAT32 && isfinite(v) && fabs(v) > FLT_MAX) return DT_FLOAT64;
    return at;
}

/* ======================================================================
 * Broadcasting
 * ====================================================================== */

bool broadcast_shapes(int andim, const int64_t *ashape, int bndim, const int64_t *bshape,
                      int *outndim, int64_t *outshape, int *bad_a, int *bad_b) {
    int nd = andim > bndim ? andim : bndim;
    for (int k = 1; k <= nd; k++) { /* k-th axis from the right */
        int64_t x = k <= andim ? ashape[andim - k] : 1;
        int64_t y = k <= bndim ? bshape[bndim - k] : 1;
        if (x != y && x != 1 && y != 1) {
            if (bad_a) *bad_a = andim - k;
            if (bad_b) *bad_b = bndim - k;
            return false;
        }
        outshape[nd - k] = x == 1 ? y : x;
    }
    *outndim = nd;
    return true;
}

/* Report a broadcasting failure for `what` (a ufunc name). */
static void *broadcast_error(Err *e, const char *what, const char *verb, const Array *a,
                             const Array *b, int bad_a, int bad_b) {
    char sa[64], sb[64], na[64], nb[64];
    int axis = a->ndim >= b->ndim ? bad_a : bad_b; /* counted in the result */
    err_shape(e, what, a->ndim, a->shape, b->ndim, b->shape,
              "cannot %s %s and %s: axis %d has %lld and %lld, and neither is 1", verb,
              shape_str(sa, a->ndim, a->shape), shape_str(sb, b->ndim, b->shape), axis,
              (long long)a->shape[bad_a], (long long)b->shape[bad_b]);
    if (e) {
        set_numpy_msg(e, "operands could not be broadcast together with shapes %s %s ",
                      np_shape(na, a->ndim, a->shape), np_shape(nb, b->ndim, b->shape));
        e->axis[0] = bad_a;
        e->axis[1] = bad_b;
    }
    return NULL;
}

/* A broadcast walk over two operands: the output shape with the operands'
 * element strides (0 on broadcast axes), size-1 axes dropped and adjacent
 * axes merged when both operands are contiguous across them. After this the
 * innermost stride of each operand is 0 or 1. */
typedef struct Walk {
    int nd;
    int64_t shape[ARR_MAXDIM];
    int64_t sa[ARR_MAXDIM], sb[ARR_MAXDIM];
} Walk;

static void walk_init(Walk *w, int nd, const int64_t *oshape, const Array *a, const Array *b) {
    int64_t sa[ARR_MAXDIM], sb[ARR_MAXDIM], ra = 1, rb = 1;
    for (int d = nd - 1; d >= 0; d--) {
        int da = d - (nd - a->ndim), db = d - (nd - b->ndim);
        int64_t xa = da >= 0 ? a->shape[da] : 1, xb = db >= 0 ? b->shape[db] : 1;
        sa[d] = xa == 1 ? 0 : ra;
        sb[d] = xb == 1 ? 0 : rb;
        ra *= xa;
        rb *= xb;
    }
    w->nd = 0;
    for (int d = 0; d < nd; d++) {
        if (oshape[d] == 1) continue;
        int k = w->nd;
        if (k > 0 && w->sa[k - 1] == sa[d] * oshape[d] && w->sb[k - 1] == sb[d] * oshape[d]) {
            w->shape[k - 1] *= oshape[d];
            w->sa[k - 1] = sa[d];
            w->sb[k - 1] = sb[d];
            continue;
        }
        w->shape[k] = oshape[d];
        w->sa[k] = sa[d];
        w->sb[k] = sb[d];
        w->nd++;
    }
    if (w->nd == 0) { /* every axis has size 1: one element */
        w->nd = 1;
        w->shape[0] = 1;
        w->sa[0] = w->sb[0] = 0;
    }
}

/* ======================================================================
 * Elementwise binary kernels
 * ====================================================================== */

/* RUN(T, OT, EXPR): out[i] = EXPR(u, v) over one run of n elements where u
 * steps through a when sa is 1 (else stays a[0]) and likewise v and b. The
 * four cases are written out so each loop is simple enough to vectorise. */
#define RUN(T, OT, EXPR)                                                                           \
    do {                                                                                           \
        const T *x_ = a;                                                                           \
        const T *y_ = b;                                                                           \
        OT *o_ = out;                                                                              \
        if (sa && sb) {                                                                            \
            for (int64_t i_ = 0; i_ < n; i_++) {                                                   \
                T u = x_[i_], v = y_[i_];                                                          \
                o_[i_] = (EXPR);                                                                   \
            }                                                                                      \
        } else if (sa) {                                                                           \
            const T v = y_[0];                                                                     \
            for (int64_t i_ = 0; i_ < n; i_++) {                                                   \
                T u = x_[i_];                                                                      \
                o_[i_] = (EXPR);                                                                   \
            }                                                                                      \
        } else if (sb) {                                                                           \
            const T u = x_[0];                                                                     \
            for (int64_t i_ = 0; i_ < n; i_++) {                                                   \
                T v = y_[i_];                                                                      \
                o_[i_] = (EXPR);                                                                   \
            }                                                                                      \
        } else {                                                                                   \
            const T u = x_[0], v = y_[0];                                                          \
            const OT r_ = (EXPR);                                                                  \
            for (int64_t i_ = 0; i_ < n; i_++)                                                     \
                o_[i_] = r_;                                                                       \
        }                                                                                          \
    } while (0)

#define COMPARE_CASES(T)                                                                           \
    case OP_LT: RUN(T, uint8_t, u < v); break;                                                     \
    case OP_LE: RUN(T, uint8_t, u <= v); break;                                                    \
    case OP_GT: RUN(T, uint8_t, u > v); break;                                                     \
    case OP_GE: RUN(T, uint8_t, u >= v); break;                                                    \
    case OP_EQ: RUN(T, uint8_t, u == v); break;                                                    \
    case OP_NE: RUN(T, uint8_t, u != v); break;

/* floor division and remainder of floats with Python's rules: the quotient
 * is floored, the remainder takes the divisor's sign */
#define FLOAT_DIVMOD(NAME, T, FMOD, FLOOR, COPYSIGN)                                               \
    static T NAME##_div(T a, T b) {                                                                \
        if (b == 0) return a / b;                                                                  \
        T m = FMOD(a, b), d = (a - m) / b;                                                         \
        if (m != 0 && ((b < 0) != (m < 0))) d -= 1;                                                \
        if (d == 0) return COPYSIGN((T)0, a / b);                                                  \
        T f = FLOOR(d);                                                                            \
        if (d - f > (T)0.5) f += 1;                                                                \
        return f;                                                                                  \
    }                                                                                              \
    static T NAME##_mod(T a, T b) {                                                                \
        if (b == 0) return FMOD(a, b);                                                             \
        T m = FMOD(a, b);                                                                          \
        if (m != 0) {                                                                              \
            if ((b < 0) != (m < 0)) m += b;                                                        \
        } else {                                                                                   \
            m = COPYSIGN((T)0, b);                                                                 \
        }                                                                                          \
        return m;                                                                                  \
    }
FLOAT_DIVMOD(f32, float, fmodf, floorf, copysignf)
FLOAT_DIVMOD(f64, double, fmod, floor, copysign)

#define FLOAT_CASES(T, PFX, POW)                                                                   \
    case OP_ADD: RUN(T, T, u + v); break;                                                          \
    case OP_SUB: RUN(T, T, u - v); break;                                                          \
    case OP_MUL: RUN(T, T, u *v); break;                                                           \
    case OP_DIV: RUN(T, T, u / v); break;                                                          \
    case OP_FLOORDIV: RUN(T, T, PFX##_div(u, v)); break;                                           \
    case OP_MOD: RUN(T, T, PFX##_mod(u, v)); break;                                                \
    case OP_POW: RUN(T, T, POW(u, v)); break;                                                      \
    case OP_MAXIMUM: RUN(T, T, (u >= v || u != u) ? u : v); break;                                 \
    case OP_MINIMUM:                                                                               \
        RUN(T, T, (u <= v || u != u) ? u : v);                                                     \
        break;                                                                                     \
        COMPARE_CASES(T)                                                                           \
    case OP_AND:                                                                                   \
    case OP_OR: break;

static int64_t i64_floordiv(int64_t a, int64_t b) {
    if (b == 0) return 0;                           /* NumPy: 0 and a warning */
    if (b == -1) return (int64_t)(0 - (uint64_t)a); /* INT64_MIN // -1 wraps */
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static int64_t i64_mod(int64_t a, int64_t b) {
    if (b == 0 || b == -1) return 0;
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

static int64_t i64_pow(int64_t a, int64_t b) {
    /* b >= 0 is checked by the caller; wraps like NumPy */
    uint64_t r = 1, x = (uint64_t)a;
    while (b > 0) {
        if (b & 1) r *= x;
        x *= x;
        b >>= 1;
    }
    return (int64_t)r;
}

static uint8_t u8_pow(uint8_t a, uint8_t b) {
    return (uint8_t)i64_pow(a, b);
}

static void bin_run(BinOp op, DType t, void *out, const void *a, int64_t sa, const void *b,
                    int64_t sb, int64_t n) {
    switch (t) {
    case DT_FLOAT32:
        switch (op) { FLOAT_CASES(float, f32, powf) }
        break;
    case DT_FLOAT64:
        switch (op) { FLOAT_CASES(double, f64, pow) }
        break;
    case DT_INT64:
        switch (op) {
        case OP_ADD: RUN(int64_t, int64_t, (int64_t)((uint64_t)u + (uint64_t)v)); break;
        case OP_SUB: RUN(int64_t, int64_t, (int64_t)((uint64_t)u - (uint64_t)v)); break;
        case OP_MUL: RUN(int64_t, int64_t, (int64_t)((uint64_t)u * (uint64_t)v)); break;
        case OP_FLOORDIV: RUN(int64_t, int64_t, i64_floordiv(u, v)); break;
        case OP_MOD: RUN(int64_t, int64_t, i64_mod(u, v)); break;
        case OP_POW: RUN(int64_t, int64_t, i64_pow(u, v)); break;
        case OP_MAXIMUM: RUN(int64_t, int64_t, u >= v ? u : v); break;
        case OP_MINIMUM: RUN(int64_t, int64_t, u <= v ? u : v); break;
        case OP_AND: RUN(int64_t, int64_t, u & v); break;
        case OP_OR:
            RUN(int64_t, int64_t, u | v);
            break;
            COMPARE_CASES(int64_t)
        case OP_DIV: break;
        }
        break;
    case DT_UINT8:
        switch (op) {
        case OP_ADD: RUN(uint8_t, uint8_t, (uint8_t)(u + v)); break;
        case OP_SUB: RUN(uint8_t, uint8_t, (uint8_t)(u - v)); break;
        case OP_MUL: RUN(uint8_t, uint8_t, (uint8_t)(u * v)); break;
        case OP_FLOORDIV: RUN(uint8_t, uint8_t, v ? (uint8_t)(u / v) : 0); break;
        case OP_MOD: RUN(uint8_t, uint8_t, v ? (uint8_t)(u % v) : 0); break;
        case OP_POW: RUN(uint8_t, uint8_t, u8_pow(u, v)); break;
        case OP_MAXIMUM: RUN(uint8_t, uint8_t, u >= v ? u : v); break;
        case OP_MINIMUM: RUN(uint8_t, uint8_t, u <= v ? u : v); break;
        case OP_AND: RUN(uint8_t, uint8_t, u & v); break;
        case OP_OR:
            RUN(uint8_t, uint8_t, u | v);
            break;
            COMPARE_CASES(uint8_t)
        case OP_DIV: break;
        }
        break;
    case DT_BOOL: /* + is "or", * is "and", as NumPy's bool loops */
        switch (op) {
        case OP_ADD:
        case OP_MAXIMUM:
        case OP_OR: RUN(uint8_t, uint8_t, u | v); break;
        case OP_MUL:
        case OP_MINIMUM:
        case OP_AND:
            RUN(uint8_t, uint8_t, u & v);
            break;
            COMPARE_CASES(uint8_t)
        default: break; /* converted to other types before we get here */
        }
        break;
    }
}

/* Run op over the broadcast walk: the outer axes by an odometer, the
 * innermost axis as one run. Element sizes: ea, eb for inputs, eo output. */
static bool walk_run(const Walk *w, BinOp op, DType t, char *out, size_t eo, const char *a,
                     const char *b, size_t et) {
    int nd = w->nd;
    int64_t inner = w->shape[nd - 1], idx[ARR_MAXDIM] = {0};
    int64_t offa = 0, offb = 0, sa = w->sa[nd - 1], sb = w->sb[nd - 1];
    int64_t since = 0; /* elements since the last look at the Ctrl-C flag */
    for (;;) {
        /* the innermost run in blocks, so a huge 1-d operand can be stopped */
        for (int64_t o = 0; o < inner; o += OPS_BLOCK) {
            int64_t len = inner - o < OPS_BLOCK ? inner - o : OPS_BLOCK;
            if ((since += len) >= OPS_BLOCK) {
                if (intr_pending()) return false;
                since = 0;
            }
            bin_run(op, t, out + o * (int64_t)eo, a + (offa + o * sa) * (int64_t)et, sa,
                    b + (offb + o * sb) * (int64_t)et, sb, len);
        }
        out += inner * (int64_t)eo;
        int d = nd - 2;
        for (; d >= 0; d--) {
            offa += w->sa[d];
            offb += w->sb[d];
            if (++idx[d] < w->shape[d]) break;
            offa -= w->sa[d] * w->shape[d];
            offb -= w->sb[d] * w->shape[d];
            idx[d] = 0;
        }
        if (d < 0) return true;
    }
}

static bool any_negative(const Array *a) {
    if (a->dtype == DT_INT64)
        for (int64_t i = 0; i < a->size; i++)
            if (((const int64_t *)a->data)[i] < 0) return true;
    return false;
}

Array *op_binary(BinOp op, const Array *a, const Array *b, Err *e) {
    int nd, bad_a = -1, bad_b = -1;
    int64_t oshape[ARR_MAXDIM];
    if (!broadcast_shapes(a->ndim, a->shape, b->ndim, b->shape, &nd, oshape, &bad_a, &bad_b))
        return broadcast_error(e, kBinName[op], kBinVerb[op], a, b, bad_a, bad_b);
    DType t = result_dtype(a, b);
    switch (op) {
    case OP_SUB:
        if (t == DT_BOOL)
            return err_set(e, ERR_TYPE,
                           "cannot subtract booleans: NumPy does not support "
                           "the - operator on bool arrays (use ^ or logical_xor)");
        break;
    case OP_DIV:
        if (!dtype_is_float(t)) t = DT_FLOAT64;
        break;
    case OP_FLOORDIV:
    case OP_MOD:
    case OP_POW:
        if (t == DT_BOOL) t = DT_INT64;
        break;
    case OP_AND:
    case OP_OR:
        if (dtype_is_float(t))
            return err_set(e, ERR_TYPE, "%s works on bool and integer arrays, not %s", kBinSym[op],
                           dtype_name(t));
        break;
    default: break;
    }
    bool cmp = op >= OP_LT && op <= OP_NE;
    Array *ta, *tb;
    const Array *ca = as_dtype(a, t, &ta, e);
    if (!ca) return NULL;
    const Array *cb = as_dtype(b, t, &tb, e);
    if (!cb) {
        arr_free(ta);
        return NULL;
    }
    Array *r = NULL;
    if (op == OP_POW && t == DT_INT64 && any_negative(cb)) {
        err_set(e, ERR_VALUE,
                "integers to negative integer powers are not allowed "
                "(make the base a float)");
        goto done;
    }
    r = arr_new_uninit(cmp ? DT_BOOL : t, nd, oshape, e);
    if (!r || r->size == 0) goto done;
    Walk w;
    walk_init(&w, nd, oshape, ca, cb);
    if (!walk_run(&w, op, t, r->data, dtype_size(r->dtype), ca->data, cb->data, dtype_size(t)))
        r = interrupted(r, e);
done:
    arr_free(ta);
    arr_free(tb);
    return r;
}

/* ======================================================================
 * Elementwise unary
 * ====================================================================== */

#define UN_LOOP(T, OT, EXPR)                                                                       \
    do {                                                                                           \
        const T *x_ = (const T *)src->data;                                                        \
        OT *o_ = (OT *)r->data;                                                                    \
        for (int64_t b_ = 0; b_ < n && !intr_pending(); b_ += OPS_BLOCK) {                         \
            int64_t e_ = n - b_ < OPS_BLOCK ? n : b_ + OPS_BLOCK;                                  \
            for (int64_t i_ = b_; i_ < e_; i_++) {                                                 \
                T x = x_[i_];                                                                      \
                o_[i_] = (EXPR);                                                                   \
            }                                                                                      \
        }                                                                                          \
    } while (0)

#define UN_FLOAT(T, EXP, LOG, SQRT, TANH, FABS)                                                    \
    switch (op) {                                                                                  \
    case OP_NEG: UN_LOOP(T, T, -x); break;                                                         \
    case OP_EXP: UN_LOOP(T, T, EXP(x)); break;                                                     \
    case OP_LOG: UN_LOOP(T, T, LOG(x)); break;                                                     \
    case OP_SQRT: UN_LOOP(T, T, SQRT(x)); break;                                                   \
    case OP_ABS: UN_LOOP(T, T, FABS(x)); break;                                                    \
    case OP_TANH: UN_LOOP(T, T, TANH(x)); break;                                                   \
    case OP_SIGMOID: UN_LOOP(T, T, (T)1 / ((T)1 + EXP(-x))); break;                                \
    case OP_RELU: UN_LOOP(T, T, ((T)0 >= x) ? (T)0 : x); break;                                    \
    case OP_STEP: UN_LOOP(T, int64_t, x > 0); break;                                               \
    case OP_NOT: break;                                                                            \
    }

Array *op_unary(UnOp op, const Array *a, Err *e) {
    DType t = a->dtype;
    bool need_float =
        op == OP_EXP || op == OP_LOG || op == OP_SQRT || op == OP_TANH || op == OP_SIGMOID;
    if (op == OP_NEG && t == DT_BOOL)
        return err_set(e, ERR_TYPE,
                       "cannot negate booleans: NumPy does not support unary "
                       "- on bool arrays (use ~ or logical_not)");
    if (op == OP_NOT && dtype_is_float(t))
        return err_set(e, ERR_TYPE, "~ (invert) works on bool and integer arrays, not %s",
                       dtype_name(t));
    if (need_float && !dtype_is_float(t)) t = DT_FLOAT64;
    if (op == OP_RELU && t == DT_BOOL) t = DT_INT64; /* maximum(0, bool) is int64 */
    Array *tmp;
    const Array *src = as_dtype(a, t, &tmp, e);
    if (!src) return NULL;
    Array *r = arr_new_uninit(op == OP_STEP ? DT_INT64 : t, a->ndim, a->shape, e);
    int64_t n = a->size;
    if (r && n) {
        switch (t) {
        case DT_FLOAT32: UN_FLOAT(float, expf, logf, sqrtf, tanhf, fabsf) break;
        case DT_FLOAT64: UN_FLOAT(double, exp, log, sqrt, tanh, fabs) break;
        case DT_INT64:
            switch (op) {
            case OP_NEG: UN_LOOP(int64_t, int64_t, (int64_t)(0 - (uint64_t)x)); break;
            case OP_NOT: UN_LOOP(int64_t, int64_t, ~x); break;
            case OP_ABS: UN_LOOP(int64_t, int64_t, x < 0 ? (int64_t)(0 - (uint64_t)x) : x); break;
            case OP_RELU: UN_LOOP(int64_t, int64_t, x > 0 ? x : 0); break;
            case OP_STEP: UN_LOOP(int64_t, int64_t, x > 0); break;
            default: break;
            }
            break;
        case DT_UINT8:
            switch (op) {
            case OP_NEG: UN_LOOP(uint8_t, uint8_t, (uint8_t)(0u - x)); break;
            case OP_NOT: UN_LOOP(uint8_t, uint8_t, (uint8_t)~x); break;
            case OP_ABS:
            case OP_RELU: UN_LOOP(uint8_t, uint8_t, x); break;
            case OP_STEP: UN_LOOP(uint8_t, int64_t, x > 0); break;
            default: break;
            }
            break;
        case DT_BOOL:
            switch (op) {
            case OP_NOT: UN_LOOP(uint8_t, uint8_t, !x); break;
            case OP_ABS: UN_LOOP(uint8_t, uint8_t, x); break;
            case OP_STEP: UN_LOOP(uint8_t, int64_t, x != 0); break;
            default: break;
            }
            break;
        }
        if (intr_pending()) r = interrupted(r, e);
    }
    arr_free(tmp);
    return r;
}

/* ======================================================================
 * dot and matmul
 * ====================================================================== */

/* C(m,n) = A(m,k) B(k,n) for any dtype (ints wrap, bools are any-and). */
static void gemm_any(DType t, int64_t m, int64_t n, int64_t k, const void *A, const void *B,
                     void *C) {
    switch (t) {
    case DT_FLOAT32: kern_gemm_f32(m, n, k, A, B, C); return;
    case DT_FLOAT64: kern_gemm_f64(m, n, k, A, B, C); return;
    case DT_INT64: {
        const int64_t *a = A, *b = B;
        uint64_t *c = C;
        memset(c, 0, sizeof *c * (size_t)(m * n));
        for (int64_t i = 0; i < m && !intr_pending(); i++)
            for (int64_t p = 0; p < k; p++)
                for (int64_t j = 0; j < n; j++)
                    c[i * n + j] += (uint64_t)a[i * k + p] * (uint64_t)b[p * n + j];
        return;
    }
    case DT_UINT8:
    case DT_BOOL: {
        const uint8_t *a = A, *b = B;
        uint8_t *c = C;
        memset(c, 0, (size_t)(m * n));
        for (int64_t i = 0; i < m && !intr_pending(); i++)
            for (int64_t p = 0; p < k; p++)
                for (int64_t j = 0; j < n; j++) {
                    if (t == DT_BOOL)
                        c[i * n + j] |= a[i * k + p] & b[p * n + j];
                    else
                        c[i * n + j] = (uint8_t)(c[i * n + j] + a[i * k + p] * b[p * n + j]);
                }
        return;
    }
    }
}

/* Convert both operands to the promoted dtype; false (with e set) on failure. */
static bool promote_pair(const Array *a, const Array *b, DType *t, const Array **ca,
                         const Array **cb, Array **ta, Array **tb, Err *e) {
    *t = dtype_promote(a->dtype, b->dtype);
    *tb = NULL;
    *ca = as_dtype(a, *t, ta, e);
    if (!*ca) return false;
    *cb = as_dtype(b, *t, tb, e);
    if (!*cb) {
        arr_free(*ta);
        return false;
    }
    return true;
}

Array *op_dot(const Array *a, const Array *b, Err *e) {
    if (a->ndim == 0 || b->ndim == 0) return op_binary(OP_MUL, a, b, e);
    int bk = b->ndim == 1 ? 0 : b->ndim - 2;
    int64_t K = a->shape[a->ndim - 1];
    if (K != b->shape[bk]) {
        char sa[64], sb[64];
        err_shape(e, "dot", a->ndim, a->shape, b->ndim, b->shape,
                  "cannot dot %s with %s: the last axis of the left (%lld) must equal the %s "
                  "axis of the right (%lld)",
                  shape_str(sa, a->ndim, a->shape), shape_str(sb, b->ndim, b->shape), (long long)K,
                  b->ndim > 2 ? "second-to-last" : "first", (long long)b->shape[bk]);
        if (e) {
            set_numpy_msg(e, "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim %d)",
                          np_shape(sa, a->ndim, a->shape), np_shape(sb, b->ndim, b->shape),
                          (long long)K, a->ndim - 1, (long long)b->shape[bk], bk);
            e->axis[0] = a->ndim - 1;
            e->axis[1] = bk;
        }
        return NULL;
    }
    /* result: a.shape[:-1] + b.shape[:-2] + b.shape[-1:] */
    int64_t oshape[2 * ARR_MAXDIM];
    int nd = 0;
    int64_t M = 1, NB = 1, N = b->ndim >= 2 ? b->shape[b->ndim - 1] : 1;
    for (int i = 0; i < a->ndim - 1; i++)
        M *= (oshape[nd++] = a->shape[i]);
    for (int i = 0; i < b->ndim - 2; i++)
        NB *= (oshape[nd++] = b->shape[i]);
    if (b->ndim >= 2) oshape[nd++] = N;
    if (nd > ARR_MAXDIM)
        return err_set(e, ERR_VALUE,
                       "dot would give a %d-dimensional result; nnsh arrays "
                       "have at most %d axes",
                       nd, ARR_MAXDIM);
    DType t;
    const Array *ca, *cb;
    Array *ta, *tb;
    if (!promote_pair(a, b, &t, &ca, &cb, &ta, &tb, e)) return NULL;
    Array *r = arr_new_uninit(t, nd, oshape, e);
    if (r && r->size && K == 0) {
        /* empty sums: zeros (the operands may have no data to point into) */
        memset(r->data, 0, arr_nbytes(r));
    } else if (r && r->size) {
        size_t es = dtype_size(t);
        if (NB == 1) {
            gemm_any(t, M, N, K, ca->data, cb->data, r->data);
        } else { /* stacked right operand: one product per stack entry */
            char *tmp = malloc(es * (size_t)(M * N));
            if (!tmp) {
                arr_free(r);
                r = err_set(e, ERR_MEMORY, "out of memory in dot");
            } else {
                for (int64_t s = 0; s < NB && !intr_pending(); s++) {
                    gemm_any(t, M, N, K, ca->data,
                             (const char *)cb->data + es * (size_t)(s * K * N), tmp);
                    for (int64_t i = 0; i < M; i++)
                        memcpy((char *)r->data + es * (size_t)((i * NB + s) * N),
                               tmp + es * (size_t)(i * N), es * (size_t)N);
                }
                free(tmp);
            }
        }
        if (r && intr_pending()) r = interrupted(r, e);
    }
    arr_free(ta);
    arr_free(tb);
    return r;
}

#define MATMUL_SIG "(n?,k),(k,m?)->(n?,m?)"

Array *op_matmul(const Array *a, const Array *b, Err *e) {
    if (a->ndim == 0 || b->ndim == 0)
        return err_set(e, ERR_VALUE,
                       "@ needs arrays with at least one axis; the %s operand "
                       "is a scalar (use * to scale)",
                       a->ndim == 0 ? "left" : "right");
    /* core shapes (n,k) and (k,m); a 1-D operand is a row / column vector */
    int64_t n = a->ndim >= 2 ? a->shape[a->ndim - 2] : 1, K = a->shape[a->ndim - 1];
    int64_t kb = b->ndim >= 2 ? b->shape[b->ndim - 2] : b->shape[0];
    int64_t m = b->ndim >= 2 ? b->shape[b->ndim - 1] : 1;
    if (K != kb) {
        int bax = b->ndim >= 2 ? b->ndim - 2 : 0;
        char sa[64], sb[64];
        err_shape(e, "matmul", a->ndim, a->shape, b->ndim, b->shape,
                  "cannot multiply %s @ %s: the last axis of the left (%lld) must equal the %s "
                  "axis of the right (%lld)",
                  shape_str(sa, a->ndim, a->shape), shape_str(sb, b->ndim, b->shape), (long long)K,
                  b->ndim >= 2 ? "second-to-last" : "only", (long long)kb);
        if (e) {
            set_numpy_msg(e,
                          "matmul: Input operand 1 has a mismatch in its core dimension 0, with "
                          "gufunc signature " MATMUL_SIG " (size %lld is different from %lld)",
                          (long long)kb, (long long)K);
            e->axis[0] = a->ndim - 1;
            e->axis[1] = bax;
        }
        return NULL;
    }
    /* batch axes broadcast */
    int abn = a->ndim > 2 ? a->ndim - 2 : 0, bbn = b->ndim > 2 ? b->ndim - 2 : 0;
    int bnd, bad_a, bad_b;
    int64_t bshape[ARR_MAXDIM];
    if (!broadcast_shapes(abn, a->shape, bbn, b->shape, &bnd, bshape, &bad_a, &bad_b)) {
        char sa[64], sb[64], na[64], nb[64];
        err_shape(e, "matmul", a->ndim, a->shape, b->ndim, b->shape,
                  "cannot stack-multiply %s and %s: leading axis %d has %lld and %lld, "
                  "and neither is 1",
                  shape_str(sa, a->ndim, a->shape), shape_str(sb, b->ndim, b->shape),
                  abn >= bbn ? bad_a : bad_b, (long long)a->shape[bad_a],
                  (long long)b->shape[bad_b]);
        if (e) {
            char ra[64], rb[64];
            np_shape(ra, abn, a->shape);
            np_shape(rb, bbn, b->shape);
            ra[strlen(ra) - 1 - (abn == 1)] = '\0';
            rb[strlen(rb) - 1 - (bbn == 1)] = '\0';
            set_numpy_msg(e,
                          "operands could not be broadcast together with remapped shapes "
                          "[original->remapped]: %s->%s,newaxis,newaxis) %s->%s,newaxis,newaxis)"
                          "  and requested shape (%lld,%lld)",
                          np_shape(na, a->ndim, a->shape), ra, np_shape(nb, b->ndim, b->shape), rb,
                          (long long)n, (long long)m);
            e->axis[0] = bad_a;
            e->axis[1] = bad_b;
        }
        return NULL;
    }
    int64_t oshape[ARR_MAXDIM + 2];
    int nd = 0;
    for (int i = 0; i < bnd; i++)
        oshape[nd++] = bshape[i];
    if (a->ndim >= 2) oshape[nd++] = n;
    if (b->ndim >= 2) oshape[nd++] = m;
    if (nd > ARR_MAXDIM)
        return err_set(e, ERR_VALUE,
                       "@ would give a %d-dimensional result; nnsh arrays "
                       "have at most %d axes",
                       nd, ARR_MAXDIM);
    DType t;
    const Array *ca, *cb;
    Array *ta, *tb;
    if (!promote_pair(a, b, &t, &ca, &cb, &ta, &tb, e)) return NULL;
    Array *r = arr_new_uninit(t, nd, oshape, e);
    if (r && r->size && K == 0) {
        /* empty sums: zeros (the operands may have no data to point into) */
        memset(r->data, 0, arr_nbytes(r));
    } else if (r && r->size) {
        /* walk the batch: strides (in whole matrices) of each operand */
        int64_t nbatch = shape_size(bnd, bshape), sa[ARR_MAXDIM] = {0}, sb[ARR_MAXDIM] = {0};
        int64_t ra = 1, rb = 1;
        for (int d = bnd - 1; d >= 0; d--) {
            int da = d - (bnd - abn), db = d - (bnd - bbn);
            int64_t xa = da >= 0 ? a->shape[da] : 1, xb = db >= 0 ? b->shape[db] : 1;
            sa[d] = xa == 1 ? 0 : ra;
            sb[d] = xb == 1 ? 0 : rb;
            ra *= xa;
            rb *= xb;
        }
        size_t es = dtype_size(t);
        for (int64_t s = 0; s < nbatch && !intr_pending(); s++) {
            int64_t rem = s, ia = 0, ib = 0;
            for (int d = bnd - 1; d >= 0; d--) {
                int64_t i = rem % bshape[d];
                rem /= bshape[d];
                ia += i * sa[d];
                ib += i * sb[d];
            }
            gemm_any(t, n, m, K, (const char *)ca->data + es * (size_t)(ia * n * K),
                     (const char *)cb->data + es * (size_t)(ib * K * m),
                     (char *)r->data + es * (size_t)(s * n * m));
        }
        if (intr_pending()) r = interrupted(r, e);
    }
    arr_free(ta);
    arr_free(tb);
    return r;
}

/* ======================================================================
 * Reductions
 * ====================================================================== */

/* NumPy's pairwise summation (the order its add.reduce uses on a contiguous
 * run): short runs are added in order, runs up to 128 in eight interleaved
 * partial sums, longer runs split in two halves (at a multiple of 8). */
#define PAIRWISE(NAME, T)                                                                          \
    static T NAME(const T *a, int64_t n, int64_t stride) {                                         \
        if (n < 8) {                                                                               \
            T s = (T)0;                                                                            \
            for (int64_t i = 0; i < n; i++)                                                        \
                s += a[i * stride];                                                                \
            return s;                                                                              \
        }                                                                                          \
        if (n <= 128) {                                                                            \
            T r[8];                                                                                \
            for (int j = 0; j < 8; j++)                                                            \
                r[j] = a[j * stride];                                                              \
            int64_t i = 8;                                                                         \
            for (; i < n - n % 8; i += 8)                                                          \
                for (int j = 0; j < 8; j++)                                                        \
                    r[j] += a[(i + j) * stride];                                                   \
            T s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));               \
            for (; i < n; i++)                                                                     \
                s += a[i * stride];                                                                \
            return s;                                                                              \
        }                                                                                          \
        int64_t h = n / 2;                                                                         \
        h -= h % 8;                                                                                \
        return NAME(a, h, stride) + NAME(a + h * stride, n - h, stride);                           \
    }
PAIRWISE(pairwise_f32, float)
PAIRWISE(pairwise_f64, double)

/* sum of a viewed as (outer, len, inner) along the middle axis, in type T:
 * pairwise when the run is contiguous (inner == 1), else in order */
#define SUM_FLOAT(NAME, T, PW)                                                                     \
    static void NAME(const T *a, int64_t outer, int64_t len, int64_t inner, T *o) {                \
        for (int64_t q = 0; q < outer; q++) {                                                      \
            /* fuzzing fix: an empty array's data is NULL, and even NULL + 0 is                    \
             * undefined behaviour (`np.sum(np.ones((0, 3)))`) */                                  \
            const T *x = len ? a + q * len * inner : a;                                            \
            if (inner == 1) {                                                                      \
                o[q] = (T)0 + PW(x, len, 1);                                                       \
                continue;                                                                          \
            }                                                                                      \
            T *y = o + q * inner;                                                                  \
            for (int64_t j = 0; j < inner; j++)                                                    \
                y[j] = 0;                                                                          \
            for (int64_t i = 0; i < len; i++)                                                      \
                for (int64_t j = 0; j < inner; j++)                                                \
                    y[j] += x[i * inner + j];                                                      \
        }                                                                                          \
    }
SUM_FLOAT(sum_f32, float, pairwise_f32)
SUM_FLOAT(sum_f64, double, pairwise_f64)

/* max/min with NaN winning (NumPy propagates NaN) */
#define MAXMIN(T, BETTER)                                                                          \
    do {                                                                                           \
        const T *x = src->data;                                                                    \
        T *o = r->data;                                                                            \
        for (int64_t q = 0; q < outer; q++)                                                        \
            for (int64_t j = 0; j < inner; j++) {                                                  \
                const T *p = x + q * len * inner + j;                                              \
                T best = p[0];                                                                     \
                for (int64_t i = 1; i < len; i++) {                                                \
                    T v = p[i * inner];                                                            \
                    if (best != best) break;                                                       \
                    if (v != v || v BETTER best) best = v;                                         \
                }                                                                                  \
                o[q * inner + j] = best;                                                           \
            }                                                                                      \
    } while (0)

#define ARGBEST(T, BETTER)                                                                         \
    do {                                                                                           \
        const T *x = src->data;                                                                    \
        int64_t *o = r->data;                                                                      \
        for (int64_t q = 0; q < outer; q++)                                                        \
            for (int64_t j = 0; j < inner; j++) {                                                  \
                const T *p = x + q * len * inner + j;                                              \
                T best = p[0];                                                                     \
                int64_t bi = 0;                                                                    \
                for (int64_t i = 1; i < len && best == best; i++) {                                \
                    T v = p[i * inner];                                                            \
                    if (v != v || v BETTER best) {                                                 \
                        best = v;                                                                  \
                        bi = i;                                                                    \
                    }                                                                              \
                }                                                                                  \
                o[q * inner + j] = bi;                                                             \
            }                                                                                      \
    } while (0)

#define PER_TYPE(MACRO, CMP)                                                                       \
    switch (src->dtype) {                                                                          \
    case DT_BOOL:                                                                                  \
    case DT_UINT8: MACRO(uint8_t, CMP); break;                                                     \
    case DT_INT64: MACRO(int64_t, CMP); break;                                                     \
    case DT_FLOAT32: MACRO(float, CMP); break;                                                     \
    case DT_FLOAT64: MACRO(double, CMP); break;                                                    \
    }

Array *op_reduce(RedOp op, const Array *a, int axis, bool keepdims, Err *e) {
    static const char *const what[] = {"sum", "maximum", "minimum", "mean", "argmax", "argmin"};
    int64_t outer = 1, len = a->size, inner = 1, oshape[ARR_MAXDIM];
    int nd = 0;
    /* NumPy quirk: a 0-d array accepts axis 0 or -1 in sum/max/min/arg*
     * (not in mean) and reduces over "everything" */
    if (a->ndim == 0 && (axis == 0 || axis == -1) && op != RED_MEAN) axis = AXIS_ALL;
    if (axis == AXIS_ALL) {
        if (keepdims)
            for (int i = 0; i < a->ndim; i++)
                oshape[nd++] = 1;
    } else {
        if (axis < -a->ndim || axis >= a->ndim)
            return err_set(e, ERR_VALUE, "axis %d is out of bounds for array of dimension %d", axis,
                           a->ndim);
        int ax = axis < 0 ? axis + a->ndim : axis;
        outer = shape_size(ax, a->shape);
        len = a->shape[ax];
        inner = shape_size(a->ndim - ax - 1, a->shape + ax + 1);
        for (int i = 0; i < a->ndim; i++)
            if (i != ax)
                oshape[nd++] = a->shape[i];
            else if (keepdims)
                oshape[nd++] = 1;
    }
    if (len == 0 && (op == RED_MAX || op == RED_MIN) && outer * inner > 0)
        return err_set(e, ERR_VALUE,
                       "zero-size array to reduction operation %s which has "
                       "no identity",
                       what[op]);
    if (len == 0 && (op == RED_ARGMAX || op == RED_ARGMIN) && outer * inner > 0)
        return err_set(e, ERR_VALUE, "attempt to get %s of an empty sequence", what[op]);

    DType out_t = a->dtype, work_t = a->dtype;
    if (op == RED_SUM && !dtype_is_float(a->dtype)) out_t = work_t = DT_INT64;
    if (op == RED_MEAN && !dtype_is_float(a->dtype)) out_t = work_t = DT_FLOAT64;
    if (op == RED_ARGMAX || op == RED_ARGMIN) out_t = DT_INT64;
    Array *tmp;
    const Array *src = as_dtype(a, work_t, &tmp, e);
    if (!src) return NULL;
    Array *r = arr_new_uninit(out_t, nd, oshape, e);
    if (!r || r->size == 0) goto done;
    switch (op) {
    case RED_SUM:
    case RED_MEAN:
        if (work_t == DT_INT64) {
            const int64_t *x = src->data;
            int64_t *o = r->data;
            for (int64_t q = 0; q < outer && !intr_pending(); q++)
                for (int64_t j = 0; j < inner; j++) {
                    uint64_t s = 0;
                    for (int64_t i = 0; i < len; i++)
                        s += (uint64_t)x[(q * len + i) * inner + j];
                    o[q * inner + j] = (int64_t)s;
                }
        } else if (work_t == DT_FLOAT32) {
            sum_f32(src->data, outer, len, inner, r->data);
        } else {
            sum_f64(src->data, outer, len, inner, r->data);
        }
        if (op == RED_MEAN) {
            if (work_t == DT_FLOAT32) {
                float *o = r->data;
                for (int64_t i = 0; i < r->size; i++)
                    o[i] = r->ndim == 0 ? (float)((double)o[i] / (double)len) : o[i] / (float)len;
            } else {
                double *o = r->data;
                for (int64_t i = 0; i < r->size; i++)
                    o[i] /= (double)len;
            }
        }
        break;
    case RED_MAX: PER_TYPE(MAXMIN, >) break;
    case RED_MIN: PER_TYPE(MAXMIN, <) break;
    case RED_ARGMAX: PER_TYPE(ARGBEST, >) break;
    case RED_ARGMIN: PER_TYPE(ARGBEST, <) break;
    }
    if (intr_pending()) r = interrupted(r, e);
done:
    arr_free(tmp);
    return r;
}

/* ======================================================================
 * softmax
 * ====================================================================== */

/* Safe softmax of n values in T, written to o: subtract the max, exp, divide
 * by the (pairwise) sum, step for step as the book's NumPy code. */
#define SOFTMAX_ROW(NAME, T, EXP, PW)                                                              \
    static void NAME(const T *x, T *o, int64_t n) {                                                \
        T c = x[0];                                                                                \
        for (int64_t i = 1; i < n && c == c; i++)                                                  \
            if (x[i] != x[i] || x[i] > c) c = x[i];                                                \
        for (int64_t i = 0; i < n; i++)                                                            \
            o[i] = EXP(x[i] - c);                                                                  \
        T s = (T)0 + PW(o, n, 1);                                                                  \
        for (int64_t i = 0; i < n; i++)                                                            \
            o[i] = o[i] / s;                                                                       \
    }
SOFTMAX_ROW(softmax_row_f32, float, expf, pairwise_f32)
SOFTMAX_ROW(softmax_row_f64, double, exp, pairwise_f64)

/* float dtypes stay, everything else is computed in float64 */
static Array *float_copy(const Array *a, Err *e) {
    return op_astype(a, dtype_is_float(a->dtype) ? a->dtype : DT_FLOAT64, e);
}

Array *op_softmax(const Array *a, Err *e) {
    Array *r = float_copy(a, e);
    if (!r || r->size == 0) return r;
    int64_t n = a->ndim ? a->shape[a->ndim - 1] : 1, rows = a->size / n;
    for (int64_t q = 0; q < rows; q++) {
        if (r->dtype == DT_FLOAT32) {
            float *p = (float *)r->data + q * n;
            softmax_row_f32(p, p, n);
        } else {
            double *p = (double *)r->data + q * n;
            softmax_row_f64(p, p, n);
        }
    }
    return r;
}

Array *op_softmax_naive(const Array *a, bool *overflow, Err *e) {
    if (overflow) *overflow = false;
    Array *r = float_copy(a, e);
    if (!r || r->size == 0) return r;
    bool over = false;
    int64_t n = r->size;
    if (r->dtype == DT_FLOAT32) {
        float *p = r->data;
        for (int64_t i = 0; i < n; i++) {
            float v = expf(p[i]);
            over |= isinf(v) && isfinite(p[i]);
            p[i] = v;
        }
        float s = 0.0f + pairwise_f32(p, n, 1);
        for (int64_t i = 0; i < n; i++)
            p[i] = p[i] / s;
    } else {
        double *p = r->data;
        for (int64_t i = 0; i < n; i++) {
            double v = exp(p[i]);
            over |= isinf(v) && isfinite(p[i]);
            p[i] = v;
        }
        double s = 0.0 + pairwise_f64(p, n, 1);
        for (int64_t i = 0; i < n; i++)
            p[i] = p[i] / s;
    }
    if (overflow) *overflow = over;
    return r;
}

/* ======================================================================
 * Shape manipulation
 * ====================================================================== */

Array *op_transpose(const Array *a, Err *e) {
    int nd = a->ndim;
    int64_t oshape[ARR_MAXDIM], istride[ARR_MAXDIM], ostride[ARR_MAXDIM];
    for (int i = 0; i < nd; i++)
        oshape[i] = a->shape[nd - 1 - i];
    Array *r = arr_new_uninit(a->dtype, nd, oshape, e);
    if (!r || r->size == 0) return r;
    if (nd < 2) {
        memcpy(r->data, a->data, arr_nbytes(a));
        return r;
    }
    /* out axis i walks input axis nd-1-i */
    int64_t s = 1;
    for (int i = nd - 1; i >= 0; i--) {
        istride[i] = s;
        s *= a->shape[i];
    }
    for (int i = 0; i < nd; i++)
        ostride[i] = istride[nd - 1 - i];
    size_t es = dtype_size(a->dtype);
    int64_t idx[ARR_MAXDIM] = {0}, off = 0;
    const char *src = a->data;
    char *dst = r->data;
    for (int64_t k = 0; k < r->size; k++) {
        memcpy(dst + (size_t)k * es, src + (size_t)off * es, es);
        for (int d = nd - 1; d >= 0; d--) {
            off += ostride[d];
            if (++idx[d] < oshape[d]) break;
            off -= ostride[d] * oshape[d];
            idx[d] = 0;
        }
    }
    return r;
}

Array *op_reshape(const Array *a, int ndim, const int64_t *shape, Err *e) {
    if (ndim < 0 || ndim > ARR_MAXDIM)
        return err_set(e, ERR_VALUE, "arrays have at most %d axes, not %d", ARR_MAXDIM, ndim);
    int64_t s[ARR_MAXDIM], known = 1;
    int unknown = -1;
    bool huge = false; /* the known axes multiply past int64: cannot match */
    for (int i = 0; i < ndim; i++) {
        s[i] = shape[i];
        if (shape[i] < 0) { /* NumPy treats any negative entry as "infer" */
            if (unknown >= 0)
                return err_set(e, ERR_VALUE,
                               "can only specify one unknown dimension "
                               "(-1) in a reshape");
            unknown = i;
        } else if (!huge && !arr_mul_i64(known, shape[i], &known)) {
            huge = true;
            known = INT64_MAX;
        }
    }
    bool ok;
    if (huge) {
        ok = false;
    } else if (unknown >= 0) {
        ok = known != 0 && a->size % known == 0;
        if (ok) s[unknown] = a->size / known;
    } else {
        ok = known == a->size;
    }
    if (!ok) {
        char sa[64], sr[128], nr[128];
        size_t n = 0;
        /* NumPy writes an inferred axis as "newaxis" */
        nr[n++] = '(';
        for (int i = 0; i < ndim; i++) {
            int w = shape[i] < 0 ? snprintf(nr + n, sizeof nr - n - 3, i ? ",newaxis" : "newaxis")
                                 : snprintf(nr + n, sizeof nr - n - 3, i ? ",%lld" : "%lld",
                                            (long long)shape[i]);
            if (w < 0 || (size_t)w >= sizeof nr - n - 3) break; /* bounded: cut */
            n += (size_t)w;
        }
        snprintf(nr + n, sizeof nr - n, "%s", ndim == 1 ? ",)" : ")");
        shape_str(sr, ndim, shape);
        if (huge)
            err_shape(e, "reshape", a->ndim, a->shape, ndim, shape,
                      "cannot reshape %s (%lld elements) into %s (more than 2**63 elements)",
                      shape_str(sa, a->ndim, a->shape), (long long)a->size, sr);
        else if (unknown >= 0)
            err_shape(e, "reshape", a->ndim, a->shape, ndim, shape,
                      "cannot reshape %s (%lld elements) into %s: %lld is not a multiple of "
                      "%lld",
                      shape_str(sa, a->ndim, a->shape), (long long)a->size, sr, (long long)a->size,
                      (long long)known);
        else
            err_shape(e, "reshape", a->ndim, a->shape, ndim, shape,
                      "cannot reshape %s (%lld elements) into %s (%lld elements)",
                      shape_str(sa, a->ndim, a->shape), (long long)a->size, sr, (long long)known);
        if (e)
            set_numpy_msg(e,
                          "cannot reshape array of size %lld "
                          "into shape %s",
                          (long long)a->size, nr);
        return NULL;
    }
    Array *r = arr_new_uninit(a->dtype, ndim, s, e);
    if (r && r->size) memcpy(r->data, a->data, arr_nbytes(a));
    return r;
}

Array *op_flatten(const Array *a, Err *e) {
    int64_t n = a->size;
    return op_reshape(a, 1, &n, e);
}

/* ======================================================================
 * Indexing
 * ====================================================================== */

/* Python's slice rules for an axis of length len: fill in the defaults,
 * clamp out-of-range bounds, count the items. */
static int64_t slice_adjust(const IndexItem *it, int64_t len, int64_t *start) {
    int64_t step = it->step, st, sp;
    if (!it->has_start) {
        st = step < 0 ? len - 1 : 0;
    } else {
        st = it->start;
        if (st < 0) {
            st += len;
            if (st < 0) st = step < 0 ? -1 : 0;
        } else if (st >= len) {
            st = step < 0 ? len - 1 : len;
        }
    }
    if (!it->has_stop) {
        sp = step < 0 ? -1 : len;
    } else {
        sp = it->stop;
        if (sp < 0) {
            sp += len;
            if (sp < 0) sp = step < 0 ? -1 : 0;
        } else if (sp >= len) {
            sp = step < 0 ? len - 1 : len;
        }
    }
    *start = st;
    if (step < 0) return sp < st ? (st - sp - 1) / (-step) + 1 : 0;
    return st < sp ? (sp - st - 1) / step + 1 : 0;
}

static void *index_oob(Err *e, int64_t i, int axis, int64_t len) {
    return err_set(e, ERR_INDEX, "index %lld is out of bounds for axis %d with size %lld",
                   (long long)i, axis, (long long)len);
}

/* Turn an index array into element offsets along an axis of length len
 * with stride `stride`. Returns the count, or -1 with e set. */
static int64_t index_offsets(const Array *ix, int axis, int64_t len, int64_t stride, int64_t **offs,
                             Err *e) {
    *offs = NULL;
    if (ix->ndim != 1) {
        err_set(e, ERR_INDEX, "only 1-D index arrays are supported (this one has %d axes)",
                ix->ndim);
        return -1;
    }
    if (dtype_is_float(ix->dtype)) {
        err_set(e, ERR_INDEX,
                "arrays used as indices must be of integer (or boolean) type, "
                "not %s",
                dtype_name(ix->dtype));
        return -1;
    }
    if (ix->dtype == DT_BOOL && ix->size != len) {
        err_set(e, ERR_INDEX,
                "boolean index did not match indexed array along dimension %d; "
                "dimension is %lld but corresponding boolean dimension is %lld",
                axis, (long long)len, (long long)ix->size);
        return -1;
    }
    int64_t *o = malloc(sizeof *o * (size_t)(ix->size ? ix->size : 1)), n = 0;
    if (!o) {
        err_set(e, ERR_MEMORY, "out of memory");
        return -1;
    }
    for (int64_t k = 0; k < ix->size; k++) {
        if (ix->dtype == DT_BOOL) {
            if (((const uint8_t *)ix->data)[k]) o[n++] = k * stride;
            continue;
        }
        int64_t i = arr_get_i64(ix, k);
        if (i < -len || i >= len) {
            free(o);
            index_oob(e, i, axis, len);
            return -1;
        }
        o[n++] = (i < 0 ? i + len : i) * stride;
    }
    *offs = o;
    return n;
}

static Array *index_array(const Array *a, const IndexItem *items, int nitems, Err *e) {
    int used = 0, narr = 0;
    for (int k = 0; k < nitems; k++) {
        if (items[k].kind != IDX_NEWAXIS) used++;
        if (items[k].kind == IDX_ARRAY) narr++;
    }
    if (used > a->ndim)
        return err_set(e, ERR_INDEX,
                       "too many indices for array: array is %d-dimensional, "
                       "but %d were indexed",
                       a->ndim, used);
    if (narr > 1) return err_set(e, ERR_INDEX, "only one index array per indexing is supported");
    int64_t astride[ARR_MAXDIM], s = 1;
    for (int i = a->ndim - 1; i >= 0; i--) {
        astride[i] = s;
        s *= a->shape[i];
    }
    /* output axes: size and stride; the array-indexed axis has offsets instead */
    int64_t oshape[2 * ARR_MAXDIM + 2], ostride[2 * ARR_MAXDIM + 2], base = 0, *offs = NULL;
    int nd = 0, ax = 0, adv_pos = -1, first_adv = -1, last_adv = -1;
    bool gap = false; /* a slice or newaxis between the advanced items */
    for (int k = 0; k < nitems; k++) {
        const IndexItem *it = &items[k];
        bool adv = it->kind == IDX_ARRAY || (narr && it->kind == IDX_INT);
        if (adv) {
            if (last_adv >= 0 && last_adv != k - 1) gap = true;
            if (first_adv < 0) first_adv = k;
            last_adv = k;
        }
        switch (it->kind) {
        case IDX_INT: {
            int64_t len = a->shape[ax], i = it->i;
            if (i < -len || i >= len) {
                free(offs);
                return index_oob(e, i, ax, len);
            }
            base += (i < 0 ? i + len : i) * astride[ax];
            ax++;
            break;
        }
        case IDX_SLICE: {
            if (it->step == 0) {
                free(offs);
                return err_set(e, ERR_VALUE, "slice step cannot be zero");
            }
            int64_t st, cnt = slice_adjust(it, a->shape[ax], &st);
            if (cnt > 0) base += st * astride[ax];
            oshape[nd] = cnt;
            ostride[nd++] = it->step * astride[ax];
            ax++;
            break;
        }
        case IDX_NEWAXIS:
            oshape[nd] = 1;
            ostride[nd++] = 0;
            break;
        case IDX_ARRAY: {
            int64_t cnt = index_offsets(it->arr, ax, a->shape[ax], astride[ax], &offs, e);
            if (cnt < 0) return NULL;
            adv_pos = nd;
            oshape[nd] = cnt;
            ostride[nd++] = 0;
            ax++;
            break;
        }
        }
    }
    for (; ax < a->ndim; ax++) {
        oshape[nd] = a->shape[ax];
        ostride[nd++] = astride[ax];
    }
    if (nd > ARR_MAXDIM) {
        free(offs);
        return err_set(e, ERR_VALUE,
                       "the result would have %d axes; nnsh arrays have at "
                       "most %d",
                       nd, ARR_MAXDIM);
    }
    if (adv_pos > 0 && gap) { /* NumPy moves the indexed axis to the front */
        int64_t n0 = oshape[adv_pos];
        memmove(oshape + 1, oshape, sizeof *oshape * (size_t)adv_pos);
        memmove(ostride + 1, ostride, sizeof *ostride * (size_t)adv_pos);
        oshape[0] = n0;
        ostride[0] = 0;
        adv_pos = 0;
    }
    Array *r = arr_new_uninit(a->dtype, nd, oshape, e);
    if (!r || r->size == 0) {
        free(offs);
        return r;
    }
    /* copy: the innermost axis as a run (memcpy when contiguous) */
    size_t es = dtype_size(a->dtype);
    const char *src = a->data;
    char *dst = r->data;
    int64_t inner = nd ? oshape[nd - 1] : 1;
    bool inner_adv = nd && adv_pos == nd - 1;
    int64_t istr = nd ? ostride[nd - 1] : 0;
    int64_t idx[2 * ARR_MAXDIM + 2] = {0}, off = base;
    for (;;) {
        int64_t o = off + (adv_pos >= 0 && !inner_adv ? offs[idx[adv_pos]] : 0);
        if (inner_adv) {
            for (int64_t j = 0; j < inner; j++, dst += es)
                memcpy(dst, src + (size_t)(o + offs[j]) * es, es);
        } else if (istr == 1) {
            memcpy(dst, src + (size_t)o * es, es * (size_t)inner);
            dst += es * (size_t)inner;
        } else {
            for (int64_t j = 0; j < inner; j++, dst += es)
                memcpy(dst, src + (size_t)(o + j * istr) * es, es);
        }
        int d = nd - 2;
        for (; d >= 0; d--) {
            off += ostride[d];
            if (++idx[d] < oshape[d]) break;
            off -= ostride[d] * oshape[d];
            idx[d] = 0;
        }
        if (d < 0) break;
    }
    free(offs);
    return r;
}

/* ======================================================================
 * arange
 * ====================================================================== */

Array *op_arange(double start, double stop, double step, bool is_float, Err *e) {
    if (step == 0) return err_set(e, ERR_VALUE, "arange: the step must not be zero");
    double lenf = ceil((stop - start) / step);
    if (isnan(lenf))
        return err_set(e, ERR_VALUE, "arange: cannot compute the length from these bounds");
    if (lenf > 1e15) return err_set(e, ERR_MEMORY, "arange: %.0f elements is too many", lenf);
    int64_t n = lenf > 0 ? (int64_t)lenf : 0;
    int64_t s0 = 0, d = 0, last;
    if (!is_float && (!arr_f64_to_i64(start, &s0) || !arr_f64_to_i64(step, &d) ||
                      (n > 0 && (!arr_mul_i64(n - 1, d, &last) || !arr_add_i64(s0, last, &last)))))
        return err_set(e, ERR_VALUE, "arange: the values do not fit in int64");
    Array *r = arr_new_uninit(is_float ? DT_FLOAT64 : DT_INT64, 1, &n, e);
    if (!r) return NULL;
    if (is_float) {
        /* as NumPy: the first two values directly, then start + i*delta */
        double *v = r->data, delta = (start + step) - start;
        for (int64_t i = 0; i < n; i++)
            v[i] = i == 0 ? start : i == 1 ? start + step : start + (double)i * delta;
    } else {
        int64_t *v = r->data; /* s0 + i * d cannot overflow: checked above */
        for (int64_t i = 0; i < n; i++)
            v[i] = s0 + i * d;
    }
    return r;
}

/* op_index: index_array, and when an index is out of range or there are
 * too many, record the indexed array as the error's operand (op "index",
 * its shape, the axis at fault) so the shape debugger can explain it. */
Array *op_index(const Array *a, const IndexItem *items, int nitems, Err *e) {
    Array *r = index_array(a, items, nitems, e);
    if (!r && e && e->kind == ERR_INDEX && e->nops == 0) {
        int axis = -1;
        const char *at = strstr(e->msg, "for axis ");
        if (at) axis = atoi(at + 9);
        if (strncmp(e->msg, "index ", 6) == 0 || strncmp(e->msg, "too many", 8) == 0) {
            snprintf(e->op, sizeof e->op, "index");
            e->nops = 1;
            memset(&e->ops[0], 0, sizeof e->ops[0]);
            e->ops[0].ndim = a->ndim;
            for (int i = 0; i < a->ndim; i++)
                e->ops[0].shape[i] = a->shape[i];
            e->axis[0] = axis;
        }
    }
    return r;
}
