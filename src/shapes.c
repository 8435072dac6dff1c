/* shapes.c - predicting the shapes of a statement without computing it
 * (the `shapes STATEMENT` command; see shapes.h). A mismatch is reported
 * with the same Err a real operation would fill, so shapefix explains it the
 * same way.
 */
#include "sbuf.h"
#include "shapes.h"

#include <stdarg.h>
#include <string.h>

#include "ops.h"
#include "shapefix.h"

static void transposed(int nd, const int64_t *s, int64_t *t) {
    for (int i = 0; i < nd; i++)
        t[i] = s[nd - 1 - i];
}

/* ------------------------------------------------------------------------ */
/* shape inference                                                           */

typedef struct Shp {
    bool arr; /* an array (ndim/shape valid) */
    int nd;
    int64_t s[4];
    const Value *val; /* a variable's value when known (dicts, scalars) */
} Shp;

typedef struct Inf {
    const Registry *reg;
    ShapeLookup lookup;
    void *lctx;
    ShapeStepFn step;
    void *sctx;
    Err *e;
} Inf;

static bool infer(Inf *in, const Node *n, Shp *out);

static const char *ntext(const Node *n) {
    return n && n->text ? n->text : "";
}

/* Fill the operand names and spans of a shape error from the nodes. */
static void name_operands(Err *e, const Node *a, const Node *b) {
    const Node *ns[2] = {a, b};
    for (int i = 0; i < e->nops && i < 2; i++) {
        if (!ns[i]) continue;
        str_fmt(e->ops[i].name, sizeof e->ops[i].name, "%s", ntext(ns[i]));
        e->ops[i].span = ns[i]->span;
    }
}

static bool cannot(Inf *in, const Node *n, const char *what) {
    err_set_at(in->e, ERR_VALUE, n->span, "shapes cannot predict %s without running it", what);
    return false;
}

static void report(Inf *in, const char *op, const Node *node, int nargs, const Node *const *args,
                   const Shp *shp, const Shp *res, const char *target) {
    if (!in->step) return;
    ShapeStep st;
    memset(&st, 0, sizeof st);
    st.op = op;
    st.node = node;
    st.nargs = nargs;
    for (int i = 0; i < nargs && i < 2; i++) {
        st.argtext[i] = args[i] ? ntext(args[i]) : "";
        st.argndim[i] = shp[i].nd;
        memcpy(st.argshape[i], shp[i].s, sizeof st.argshape[i]);
    }
    st.ndim = res->arr ? res->nd : -1;
    memcpy(st.shape, res->s, sizeof st.shape);
    st.target = target;
    in->step(in->sctx, &st);
}

/* The end of a failed two-operand step: the error (already started with
 * err_shape) gets the clashing axes, the operands' names, the location and
 * NumPy's wording. Returns false. */
static bool fail_pair(Inf *in, int x, int y, const Node *an, const Node *bn, Span at) {
    in->e->axis[0] = x;
    in->e->axis[1] = y;
    name_operands(in->e, an, bn);
    in->e->span = at;
    shapefix_numpy_msg(in->e, in->e->numpy_msg, sizeof in->e->numpy_msg);
    return false;
}

/* The end of a successful two-operand step: report it. Returns true. */
static bool report_pair(Inf *in, const char *op, const Node *node, const Node *an, const Node *bn,
                        const Shp *a, const Shp *b, const Shp *out) {
    const Node *args[2] = {an, bn};
    Shp sh[2] = {*a, *b};
    report(in, op, node, 2, args, sh, out, NULL);
    return true;
}

static const char *const kBinNames[] = {
    "add",       "subtract", "multiply",   "divide",      "floor_divide",  "remainder",
    "power",     "less",     "less_equal", "greater",     "greater_equal", "equal",
    "not_equal", "maximum",  "minimum",    "bitwise_and", "bitwise_or"};

/* A broadcasting binary op on inferred shapes. */
static bool infer_broadcast(Inf *in, const char *op, const Node *node, Span at, const Node *an,
                            const Node *bn, const Shp *a, const Shp *b, Shp *out) {
    int x, y;
    memset(out, 0, sizeof *out);
    out->arr = true;
    if (!broadcast_shapes(a->nd, a->s, b->nd, b->s, &out->nd, out->s, &x, &y)) {
        char sa[64], sb[64];
        err_shape(in->e, op, a->nd, a->s, b->nd, b->s,
                  "operands could not be broadcast together: %s and %s", shape_str(sa, a->nd, a->s),
                  shape_str(sb, b->nd, b->s));
        return fail_pair(in, x, y, an, bn, at);
    }
    return report_pair(in, op, node, an, bn, a, b, out);
}

static bool infer_dot(Inf *in, const char *op, const Node *node, Span at, const Node *an,
                      const Node *bn, const Shp *a, const Shp *b, Shp *out) {
    int x, y;
    memset(out, 0, sizeof *out);
    out->arr = true;
    bool ok = strcmp(op, "matmul") == 0
                  ? shapefix_matmul_shape(a->nd, a->s, b->nd, b->s, &out->nd, out->s, &x, &y)
                  : shapefix_dot_shape(a->nd, a->s, b->nd, b->s, &out->nd, out->s, &x, &y);
    if (!ok) {
        char sa[64], sb[64];
        err_shape(in->e, op, a->nd, a->s, b->nd, b->s, "%s cannot combine shapes %s and %s", op,
                  shape_str(sa, a->nd, a->s), shape_str(sb, b->nd, b->s));
        return fail_pair(in, x, y, an, bn, at);
    }
    return report_pair(in, op, node, an, bn, a, b, out);
}

/* A double that is a whole number within int64 (arr_f64_to_i64 keeps the
 * conversion defined for 1e59, which fuzz_eval found). */
static bool whole_i64(double d, int64_t *v) {
    int64_t i;
    if (!arr_f64_to_i64(d, &i) || (double)i != d) return false;
    *v = i;
    return true;
}

/* A small integer known without computing arrays: a literal, a scalar
 * variable, x.shape[i], len(x), and + - * // of those (none that would
 * overflow int64). */
static bool const_int(Inf *in, const Node *n, int64_t *v) {
    if (!n) return false;
    switch (n->kind) {
    case N_NUM: return whole_i64(n->num, v);
    case N_UNARY:
        if (n->op != OP_NEG || !const_int(in, n->kids[0], v) || *v == INT64_MIN) return false;
        *v = -*v;
        return true;
    case N_BINOP: {
        int64_t a, b;
        if (!const_int(in, n->kids[0], &a) || !const_int(in, n->kids[1], &b)) return false;
        switch (n->op) {
        case OP_ADD: return arr_add_i64(a, b, v);
        case OP_SUB: return !__builtin_sub_overflow(a, b, v);
        case OP_MUL: return arr_mul_i64(a, b, v);
        case OP_FLOORDIV:
            if (b == 0 || (a == INT64_MIN && b == -1)) return false;
            *v = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
            return true;
        default: return false;
        }
    }
    case N_NAME: {
        const Value *val = in->lookup(in->lctx, n->str);
        if (!val || val->kind != V_ARRAY || val->arr->ndim != 0 || val->arr->dtype == DT_BOOL)
            return false;
        return whole_i64(arr_get(val->arr, 0), v);
    }
    case N_INDEX: {
        /* x.shape[i] */
        const Node *o = n->kids[0];
        int64_t i;
        if (n->nkids != 2 || o->kind != N_ATTR || strcmp(o->str, "shape") != 0) return false;
        if (!const_int(in, n->kids[1], &i)) return false;
        Err keep = *in->e;
        Shp s;
        if (!infer(in, o->kids[0], &s) || !s.arr) {
            *in->e = keep;
            return false;
        }
        if (i < 0) i += s.nd;
        if (i < 0 || i >= s.nd) return false;
        *v = s.s[i];
        return true;
    }
    case N_CALL: {
        /* len(x) */
        const Node *c = n->kids[0];
        if (c->kind != N_NAME || strcmp(c->str, "len") != 0 || n->nkids != 2) return false;
        Err keep = *in->e;
        Shp s;
        if (!infer(in, n->kids[1], &s) || !s.arr || s.nd < 1) {
            *in->e = keep;
            return false;
        }
        *v = s.s[0];
        return true;
    }
    default: return false;
    }
}

/* The callee of a call as a function name without np./numpy. ("dot",
 * "random.randn"); NULL for a method call (obj.method) on something else. */
static bool callee_name(const Node *c, char *buf, size_t n) {
    if (c->kind == N_NAME) {
        str_fmt(buf, n, "%s", c->str);
        return true;
    }
    if (c->kind != N_ATTR) return false;
    /* walk down to the root name */
    const Node *chain[8];
    int k = 0;
    const Node *p = c;
    while (p->kind == N_ATTR && k < 8) {
        chain[k++] = p;
        p = p->kids[0];
    }
    if (p->kind != N_NAME || (strcmp(p->str, "np") != 0 && strcmp(p->str, "numpy") != 0))
        return false;
    size_t len = 0;
    buf[0] = '\0';
    for (int i = k - 1; i >= 0; i--)
        str_addf(buf, n, &len, "%s%s", i == k - 1 ? "" : ".", chain[i]->str);
    return true;
}

/* A shape argument written as ints, or one tuple or list of ints. */
static bool shape_of_args(Inf *in, const Node *call, int first, int *nd, int64_t *s) {
    const Node *const *args = (const Node *const *)call->kids + first;
    int nargs = 0;
    for (int i = first; i < call->nkids && call->kids[i]->kind != N_KWARG; i++)
        nargs++;
    if (nargs == 1 && (args[0]->kind == N_TUPLE || args[0]->kind == N_LIST)) {
        nargs = args[0]->nkids;
        args = (const Node *const *)args[0]->kids;
    }
    if (nargs > 4) return false;
    for (int i = 0; i < nargs; i++)
        if (!const_int(in, args[i], &s[i])) return false;
    *nd = nargs;
    return true;
}

static const Node *kwarg(const Node *call, const char *name) {
    for (int i = 1; i < call->nkids; i++)
        if (call->kids[i]->kind == N_KWARG && strcmp(call->kids[i]->str, name) == 0)
            return call->kids[i]->kids[0];
    return NULL;
}

static bool axis_error(Inf *in, const Node *at, int64_t axis, int nd) {
    err_set_at(in->e, ERR_VALUE, at->span, "axis %lld is out of bounds for array of dimension %d",
               (long long)axis, nd);
    return false;
}

/* sum/max/min/mean/argmax/argmin of x with an axis node (NULL: all). */
static bool infer_reduce(Inf *in, const char *op, const Node *node, const Node *xn, const Shp *x,
                         const Node *axn, const Node *keepn, Shp *out) {
    bool keep = keepn && keepn->kind == N_TRUE;
    bool arg = strncmp(op, "arg", 3) == 0;
    memset(out, 0, sizeof *out);
    out->arr = true;
    if (!axn || axn->kind == N_NONE) {
        out->nd = keep && !arg ? x->nd : 0;
        for (int i = 0; i < out->nd; i++)
            out->s[i] = 1;
    } else {
        int64_t ax;
        if (!const_int(in, axn, &ax)) return cannot(in, axn, "this axis");
        if (ax < -x->nd || ax >= x->nd) return axis_error(in, axn, ax, x->nd);
        if (ax < 0) ax += x->nd;
        for (int i = 0; i < x->nd; i++) {
            if (i == ax) {
                if (keep) out->s[out->nd++] = 1;
            } else {
                out->s[out->nd++] = x->s[i];
            }
        }
    }
    const Node *args[1] = {xn};
    report(in, op, node, 1, args, x, out, NULL);
    return true;
}

static bool infer_reshape(Inf *in, const Node *node, const Node *xn, const Shp *x, int nd,
                          int64_t *s, Shp *out) {
    int64_t size = shape_size(x->nd, x->s), known = 1;
    bool over = false;
    int unknown = -1;
    for (int i = 0; i < nd; i++) {
        if (s[i] == -1 && unknown < 0)
            unknown = i;
        else if (s[i] < 0) {
            err_set_at(in->e, ERR_VALUE, node->span, "can only specify one unknown dimension");
            return false;
        } else if (!arr_mul_i64(known, s[i], &known)) {
            over = true; /* too many elements for any array: no size matches */
        }
    }
    bool ok =
        !over && size >= 0 && (unknown < 0 ? known == size : (known != 0 && size % known == 0));
    if (!ok) {
        char t[64];
        err_shape(in->e, "reshape", x->nd, x->s, nd, s,
                  "cannot reshape %s of %lld elements into %s", ntext(xn), (long long)size,
                  shape_str(t, nd, s));
        name_operands(in->e, xn, NULL);
        in->e->span = node->span;
        shapefix_numpy_msg(in->e, in->e->numpy_msg, sizeof in->e->numpy_msg);
        return false;
    }
    memset(out, 0, sizeof *out);
    out->arr = true;
    out->nd = nd;
    for (int i = 0; i < nd; i++)
        out->s[i] = i == unknown ? size / known : s[i];
    const Node *args[1] = {xn};
    report(in, "reshape", node, 1, args, x, out, NULL);
    return true;
}

static bool same_shape_op(Inf *in, const char *op, const Node *node, const Node *xn, const Shp *x,
                          Shp *out) {
    *out = *x;
    out->val = NULL;
    const Node *args[1] = {xn};
    report(in, op, node, 1, args, x, out, NULL);
    return true;
}

/* np.arange's length. */
static bool arange_len(Inf *in, const Node *call, int64_t *len) {
    double v[3] = {0, 0, 1};
    int nargs = 0;
    for (int i = 1; i < call->nkids && call->kids[i]->kind != N_KWARG; i++) {
        const Node *a = call->kids[i];
        bool neg = a->kind == N_UNARY && a->op == OP_NEG && a->kids[0]->kind == N_NUM;
        if (a->kind != N_NUM && !neg) return cannot(in, a, "this arange bound");
        if (nargs >= 3) return false;
        v[nargs++] = neg ? -a->kids[0]->num : a->num;
    }
    if (nargs == 1) {
        v[1] = v[0];
        v[0] = 0;
    }
    if (nargs == 0 || v[2] == 0) return cannot(in, call, ntext(call));
    double n = (v[1] - v[0]) / v[2];
    if (!(n < 4e18)) return cannot(in, call, ntext(call)); /* huge, or nan */
    int64_t k = n > 0 ? (int64_t)n : 0;
    if ((double)k < n) k++;
    *len = k > 0 ? k : 0;
    return true;
}

/* A call of a built-in function or an array method: the entry's shape
 * rule (registry.h) says how its result's shape follows from its operands,
 * so `shapes` predicts exactly the calls the evaluator can run. For a
 * method the array is operand 0. */
static bool infer_call(Inf *in, const Node *n, Shp *out) {
    const Node *c = n->kids[0];
    char name[64];
    const Node *args[8] = {0};
    int nargs = 0;
    for (int i = 1; i < n->nkids && nargs < 8; i++)
        if (n->kids[i]->kind != N_KWARG) args[nargs++] = n->kids[i];
    Shp a[2];
    memset(a, 0, sizeof a);
    memset(out, 0, sizeof *out);

    const Builtin *b;
    const char *op;
    bool method = false;
    if (callee_name(c, name, sizeof name) && !(c->kind == N_NAME && in->lookup(in->lctx, c->str))) {
        /* np.sum and the command form `sum W1 axis=1` are NumPy's; a bare
         * sum(...) is Python's */
        b = c->kind == N_NAME && !n->cmdform ? reg_find(in->reg, name) : NULL;
        if (!b) b = reg_find_member(in->reg, name);
        op = b ? b->name : name;
    } else if (c->kind == N_ATTR) {
        /* a method: obj.reshape(...), obj.sum(axis=1): the object first */
        b = reg_method(in->reg, c->str);
        op = c->str;
        method = true;
        if (nargs == 8) return cannot(in, n, ntext(n));
        memmove(args + 1, args, (size_t)nargs * sizeof args[0]);
        args[0] = c->kids[0];
        nargs++;
    } else {
        return cannot(in, n, ntext(n));
    }
    if (!b && method)
        return err_set_at(in->e, ERR_NAME, c->span, "arrays have no method '%s'", op) != NULL;
    if (!b)
        return err_set_at(in->e, ERR_NAME, c->span,
                          "nnsh has no '%s' (type help to list the functions it knows)",
                          ntext(c)) != NULL;
    if (!b->fn) return cannot(in, n, ntext(n));

    /* the array operands the rule reads */
    int need = b->shape == SHAPE_DOT || b->shape == SHAPE_BROADCAST                          ? 2
               : b->shape == SHAPE_NEW || b->shape == SHAPE_ARANGE || b->shape == SHAPE_NONE ? 0
                                                                                             : 1;
    if (b->shape == SHAPE_NOVALUE) need = 0;
    if (nargs < need) return cannot(in, n, ntext(n));
    for (int i = 0; i < need; i++) {
        if (!infer(in, args[i], &a[i])) return false;
        if (!a[i].arr && b->shape != SHAPE_SCALAR) return cannot(in, n, ntext(n));
    }
    switch (b->shape) {
    case SHAPE_DOT:
        if (nargs != 2) return cannot(in, n, ntext(n));
        return infer_dot(in, op, n, c->span, args[0], args[1], &a[0], &a[1], out);
    case SHAPE_BROADCAST:
        if (nargs != 2) return cannot(in, n, ntext(n));
        return infer_broadcast(in, op, n, c->span, args[0], args[1], &a[0], &a[1], out);
    case SHAPE_SAME: return same_shape_op(in, op, n, args[0], &a[0], out);
    case SHAPE_REDUCE: {
        const Node *axn = kwarg(n, "axis");
        if (!axn && nargs >= 2) axn = args[1];
        return infer_reduce(in, op, n, args[0], &a[0], axn, kwarg(n, "keepdims"), out);
    }
    case SHAPE_RESHAPE: {
        int nd;
        int64_t s[4];
        /* the new shape follows the operand: np.reshape(x, s), x.reshape(s) */
        int first = method ? 1 : 2;
        if (!shape_of_args(in, n, first, &nd, s)) return cannot(in, n, "this new shape");
        return infer_reshape(in, n, args[0], &a[0], nd, s, out);
    }
    case SHAPE_TRANSPOSE: {
        if (nargs != 1) return cannot(in, n, ntext(n));
        Shp r = a[0];
        transposed(a[0].nd, a[0].s, r.s);
        r.val = NULL;
        *out = r;
        report(in, "T", n, 1, args, a, out, NULL);
        return true;
    }
    case SHAPE_FLATTEN: {
        Shp r = {true, 1, {shape_size(a[0].nd, a[0].s)}, NULL};
        *out = r;
        report(in, "flatten", n, 1, args, a, out, NULL);
        return true;
    }
    case SHAPE_NEW: {
        int nd;
        int64_t s[4];
        if (!shape_of_args(in, n, 1, &nd, s)) return cannot(in, n, ntext(n));
        out->arr = true;
        out->nd = nd;
        memcpy(out->s, s, sizeof s);
        return true;
    }
    case SHAPE_LIKE:
    case SHAPE_ARRAY:
        *out = a[0];
        out->val = NULL;
        return true;
    case SHAPE_ARANGE: {
        int64_t len;
        if (!arange_len(in, n, &len)) return false;
        out->arr = true;
        out->nd = 1;
        out->s[0] = len;
        return true;
    }
    case SHAPE_SCALAR:
        out->arr = true;
        out->nd = 0;
        return true;
    case SHAPE_NOVALUE:
        for (int i = 0; i < nargs; i++)
            if (!infer(in, args[i], &a[0])) return false;
        out->arr = false;
        return true;
    case SHAPE_NONE: break;
    }
    return cannot(in, n, ntext(n));
}

/* Python's slice.indices: the length of a[start:stop:step] on an axis of
 * size `len`. */
static int64_t slice_len(int64_t len, bool hs, int64_t start, bool he, int64_t stop, int64_t step) {
    int64_t lo, hi;
    if (step > 0) {
        lo = !hs         ? 0
             : start < 0 ? (start + len < 0 ? 0 : start + len)
                         : (start > len ? len : start);
        hi = !he ? len : stop < 0 ? (stop + len < 0 ? 0 : stop + len) : (stop > len ? len : stop);
        return hi > lo ? (hi - lo + step - 1) / step : 0;
    }
    lo = !hs         ? len - 1
         : start < 0 ? (start + len < 0 ? -1 : start + len)
                     : (start >= len ? len - 1 : start);
    hi = !he ? -1 : stop < 0 ? (stop + len < 0 ? -1 : stop + len) : (stop >= len ? len - 1 : stop);
    return lo > hi ? (lo - hi + (-step) - 1) / (-step) : 0;
}

static bool infer_index(Inf *in, const Node *n, Shp *out) {
    const Node *on = n->kids[0];
    Shp x;
    if (!infer(in, on, &x)) return false;
    memset(out, 0, sizeof *out);
    /* a dict (the book's `network`) indexed by a string */
    if (!x.arr) {
        if (x.val && x.val->kind == V_DICT && n->nkids == 2 && n->kids[1]->kind == N_STR) {
            const Value *v = NULL;
            for (int i = 0; i < x.val->n; i++)
                if (strcmp(x.val->keys[i], n->kids[1]->str) == 0) v = x.val->items[i];
            if (!v) {
                err_set_at(in->e, ERR_NAME, n->kids[1]->span, "%s has no key '%s'", ntext(on),
                           n->kids[1]->str);
                return false;
            }
            out->val = v;
            out->arr = v->kind == V_ARRAY;
            if (out->arr) {
                out->nd = v->arr->ndim;
                memcpy(out->s, v->arr->shape, sizeof out->s);
            }
            return true;
        }
        if (on->kind == N_ATTR && strcmp(on->str, "shape") == 0) {
            out->arr = true; /* x.shape[i] is an int */
            return true;
        }
        return cannot(in, n, ntext(n));
    }
    int axis = 0;
    for (int i = 1; i < n->nkids; i++) {
        const Node *it = n->kids[i];
        if (it->kind == N_NONE) {
            if (out->nd >= 4) return cannot(in, n, ntext(n));
            out->s[out->nd++] = 1;
            continue;
        }
        if (axis >= x.nd) {
            err_set_at(in->e, ERR_INDEX, it->span,
                       "too many indices for array: array is %d-dimensional, but %d were "
                       "indexed",
                       x.nd, n->nkids - 1);
            return false;
        }
        int64_t len = x.s[axis];
        if (it->kind == N_SLICE) {
            int64_t v[3] = {0, 0, 1};
            bool has[3] = {false, false, false};
            for (int k = 0; k < 3; k++) {
                if (k >= it->nkids || !it->kids[k] || it->kids[k]->kind == N_NONE) continue;
                if (!const_int(in, it->kids[k], &v[k])) return cannot(in, it, "this slice");
                has[k] = true;
            }
            if (has[2] && v[2] == 0) {
                err_set_at(in->e, ERR_VALUE, it->span, "slice step cannot be zero");
                return false;
            }
            out->s[out->nd++] = slice_len(len, has[0], v[0], has[1], v[1], has[2] ? v[2] : 1);
        } else {
            int64_t k;
            if (!const_int(in, it, &k)) return cannot(in, it, "this index");
            if (k < -len || k >= len) {
                err_shape(in->e, "index", x.nd, x.s, 0, NULL,
                          "index %lld is out of bounds for axis %d with size %lld", (long long)k,
                          axis, (long long)len);
                in->e->kind = ERR_INDEX;
                in->e->axis[0] = axis;
                name_operands(in->e, on, NULL);
                in->e->span = it->span;
                str_fmt(in->e->numpy_msg, sizeof in->e->numpy_msg, "%s", in->e->msg);
                return false;
            }
        }
        axis++;
    }
    for (; axis < x.nd; axis++) {
        if (out->nd >= 4) return cannot(in, n, ntext(n));
        out->s[out->nd++] = x.s[axis];
    }
    out->arr = true;
    const Node *args[1] = {on};
    report(in, "index", n, 1, args, &x, out, NULL);
    return true;
}

static bool infer_list(Inf *in, const Node *n, Shp *out) {
    memset(out, 0, sizeof *out);
    out->arr = true;
    out->nd = 1;
    out->s[0] = n->nkids;
    Shp first;
    for (int i = 0; i < n->nkids; i++) {
        Shp k;
        if (!infer(in, n->kids[i], &k)) return false;
        if (!k.arr) return cannot(in, n, "a list of non-numbers");
        if (i == 0)
            first = k;
        else if (k.nd != first.nd || memcmp(k.s, first.s, sizeof(int64_t) * (size_t)k.nd)) {
            err_set_at(in->e, ERR_VALUE, n->kids[i]->span,
                       "the rows of this list have different lengths");
            return false;
        }
    }
    if (n->nkids > 0) {
        if (first.nd >= 4) return cannot(in, n, "a list with more than 4 levels");
        for (int i = 0; i < first.nd; i++)
            out->s[1 + i] = first.s[i];
        out->nd = 1 + first.nd;
    }
    return true;
}

static bool infer(Inf *in, const Node *n, Shp *out) {
    memset(out, 0, sizeof *out);
    switch (n->kind) {
    case N_NUM:
    case N_TRUE:
    case N_FALSE: out->arr = true; return true;
    case N_STR:
    case N_NONE:
    case N_DICT:
    case N_TUPLE: return true;
    case N_NAME: {
        const Value *v = in->lookup(in->lctx, n->str);
        if (!v) {
            err_set_at(in->e, ERR_NAME, n->span, "name '%s' is not defined", n->str);
            return false;
        }
        out->val = v;
        if (v->kind == V_ARRAY) {
            out->arr = true;
            out->nd = v->arr->ndim;
            memcpy(out->s, v->arr->shape, sizeof out->s);
        }
        return true;
    }
    case N_LIST: return infer_list(in, n, out);
    case N_BINOP: {
        Shp a, b;
        if (!infer(in, n->kids[0], &a) || !infer(in, n->kids[1], &b)) return false;
        if (!a.arr || !b.arr) return cannot(in, n, ntext(n));
        if (n->op == OPX_MATMUL)
            return infer_dot(in, "matmul", n, n->opspan, n->kids[0], n->kids[1], &a, &b, out);
        if (n->op < 0 || (size_t)n->op >= sizeof kBinNames / sizeof kBinNames[0])
            return cannot(in, n, ntext(n));
        return infer_broadcast(in, kBinNames[n->op], n, n->opspan, n->kids[0], n->kids[1], &a, &b,
                               out);
    }
    case N_UNARY: {
        Shp a;
        if (!infer(in, n->kids[0], &a)) return false;
        if (!a.arr) return cannot(in, n, ntext(n));
        return same_shape_op(in, n->op == OP_NEG ? "negative" : "logical_not", n, n->kids[0], &a,
                             out);
    }
    case N_ATTR: {
        Shp a;
        if (!infer(in, n->kids[0], &a)) return false;
        if (!a.arr) return cannot(in, n, ntext(n));
        if (strcmp(n->str, "T") == 0) {
            *out = a;
            out->val = NULL;
            transposed(a.nd, a.s, out->s);
            const Node *args[1] = {n->kids[0]};
            report(in, "T", n, 1, args, &a, out, NULL);
            return true;
        }
        if (strcmp(n->str, "ndim") == 0 || strcmp(n->str, "size") == 0) {
            out->arr = true;
            return true;
        }
        if (strcmp(n->str, "shape") == 0 || strcmp(n->str, "dtype") == 0) return true;
        return cannot(in, n, ntext(n));
    }
    case N_CALL: return infer_call(in, n, out);
    case N_INDEX: return infer_index(in, n, out);
    default: return cannot(in, n, ntext(n));
    }
}

bool shapes_infer(const Registry *reg, const Node *stmt, ShapeLookup lookup, void *lctx,
                  ShapeStepFn step, void *sctx, int *ndim, int64_t *shape, Err *e) {
    Inf in = {reg, lookup, lctx, step, sctx, e};
    Shp r;
    const Node *expr = stmt;
    if (stmt->kind == N_EXPR)
        expr = stmt->kids[0];
    else if (stmt->kind == N_ASSIGN)
        expr = stmt->kids[stmt->nkids - 1];
    else if (stmt->kind == N_IMPORT || stmt->kind == N_RAWCMD) {
        err_set_at(e, ERR_VALUE, stmt->span, "shapes works on an expression or an assignment");
        return false;
    }
    if (stmt->kind == N_ASSIGN && stmt->op >= 0) {
        /* x += y is x = x + y */
        Shp a, b;
        if (!infer(&in, stmt->kids[0], &a) || !infer(&in, expr, &b)) return false;
        if (!a.arr || !b.arr) return cannot(&in, stmt, ntext(stmt));
        if ((size_t)stmt->op >= sizeof kBinNames / sizeof kBinNames[0])
            return cannot(&in, stmt, ntext(stmt));
        if (!infer_broadcast(&in, kBinNames[stmt->op], stmt, stmt->span, stmt->kids[0], expr, &a,
                             &b, &r))
            return false;
    } else if (!infer(&in, expr, &r)) {
        return false;
    }
    if (stmt->kind == N_ASSIGN && stmt->nkids == 2 && stmt->kids[0]->kind == N_NAME) {
        const Node *args[1] = {expr};
        report(&in, "assign", stmt, 1, args, &r, &r, stmt->kids[0]->str);
    }
    *ndim = r.arr ? r.nd : -1;
    for (int i = 0; r.arr && i < r.nd; i++)
        shape[i] = r.s[i];
    return true;
}
