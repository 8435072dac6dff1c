/* eval_ops.c - the evaluator's operators (part of the evaluator: see eval.h
 * and interp_priv.h): arithmetic and comparisons on arrays with NumPy's
 * rules, and on Python's values with Python's (checked ints, ==/< between
 * tuples, lists, strings, None and types, `in`, `is`, str + str, "%d" % n),
 * and/or/not, a if c else b. eval.c dispatches the nodes here. */
#include "interp_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "pyfmt.h"

/* NumPy's RuntimeWarning lines for a float division: "divide by zero" when
 * a finite non-zero number was divided by 0 (giving inf), "invalid value"
 * when 0/0 or inf/inf made a nan out of numbers that were not nan. */
static void divide_warnings(Interp *in, const Array *a, const Array *b, const Array *res) {
    if (!dtype_is_float(res->dtype)) return;
    bool zero_div = false, inf_div = false, nan_in = false, inf_out = false, nan_out = false;
    for (int64_t i = 0; i < b->size && !(zero_div && inf_div); i++) {
        double v = arr_get(b, i);
        zero_div |= v == 0;
        inf_div |= isinf(v);
    }
    /* without a 0 or an inf divisor neither warning can apply (a nan out of
     * a nan in is not warned about): skip the passes over a and the result,
     * so x / 255.0 on all of MNIST costs nothing extra */
    if (!zero_div && !inf_div) return;
    for (int64_t i = 0; i < a->size && !nan_in; i++)
        nan_in = isnan(arr_get(a, i));
    for (int64_t i = 0; i < b->size && !nan_in; i++)
        nan_in = isnan(arr_get(b, i));
    for (int64_t i = 0; i < res->size; i++) {
        double v = arr_get(res, i);
        inf_out |= isinf(v);
        nan_out |= isnan(v);
    }
    fflush(in->out);
    if (zero_div && inf_out)
        fprintf(in->err, "RuntimeWarning: divide by zero encountered in divide\n");
    if (nan_out && !nan_in)
        fprintf(in->err, "RuntimeWarning: invalid value encountered in divide\n");
}

/* --- operators ---------------------------------------------------------------- */

static const char *binop_symbol(int op) {
    switch (op) {
    case OPX_MATMUL: return "@";
    case OPX_IN: return "in";
    case OPX_NOTIN: return "not in";
    case OPX_IS: return "is";
    case OPX_ISNOT: return "is not";
    default: return op_binary_symbol((BinOp)op);
    }
}

static bool own_bool(Ref *out, bool b, Err *e) {
    Array *a = arr_scalar_bool(b, e);
    if (a) a->weak = true; /* Python's True and False */
    return own_array(out, a, e);
}

/* Python's == between two plain values (numbers, strings, None), for `in`
 * over a list: false for anything it cannot compare. */
bool eval_same_plain(const Value *a, const Value *b) {
    if (a->kind == V_NONE || b->kind == V_NONE) return a->kind == b->kind;
    if (a->kind == V_STR && b->kind == V_STR) return strcmp(a->str, b->str) == 0;
    if (a->kind == V_ARRAY && b->kind == V_ARRAY && a->arr->size == 1 && b->arr->size == 1)
        return arr_get(a->arr, 0) == arr_get(b->arr, 0);
    return a == b;
}

/* a in b: an item of a list or tuple, a key of a dict, part of a string,
 * an element of an array (NumPy's (b == a).any()). False with e set when
 * b cannot hold things. */
static bool contains(const Value *a, const Value *b, const Node *n, bool *yes, Err *e) {
    *yes = false;
    switch (b->kind) {
    case V_LIST:
    case V_TUPLE:
        for (int i = 0; i < b->n && !*yes; i++)
            *yes = eval_same_plain(a, b->items[i]);
        return true;
    case V_DICT:
        if (a->kind != V_STR) return true;
        *yes = val_dict_get(b, a->str) != NULL;
        return true;
    case V_STR:
        if (a->kind != V_STR)
            return err_set_at(e, ERR_TYPE, n->opspan, "'in <string>' needs a string on its left") !=
                   NULL;
        *yes = strstr(b->str, a->str) != NULL;
        return true;
    case V_RANGE: {
        int64_t x;
        const int64_t *d = b->arr->data;
        if (!eval_int(a, &x)) return true;
        int64_t len = val_range_len(b);
        *yes =
            len > 0 && (x - d[0]) % d[2] == 0 && (x - d[0]) / d[2] >= 0 && (x - d[0]) / d[2] < len;
        return true;
    }
    case V_ARRAY:
        if (a->kind == V_ARRAY && a->arr->size == 1) {
            double x = arr_get(a->arr, 0);
            for (int64_t i = 0; i < b->arr->size && !*yes; i++)
                *yes = arr_get(b->arr, i) == x;
        }
        return true;
    default:
        return err_set_at(e, ERR_TYPE, n->opspan, "a %s holds nothing to look in",
                          val_kind_name(b->kind)) != NULL;
    }
}

/* list + list, tuple + tuple, list * n: Python's joining and repeating. */
static bool seq_ops(const Node *n, const Value *a, const Value *b, Ref *out, bool *done, Err *e) {
    *done = false;
    int64_t k = 0;
    const Value *seq = NULL;
    if (n->op == OP_ADD && (a->kind == V_LIST || a->kind == V_TUPLE) && a->kind == b->kind) {
        *done = true;
        int total = a->n + b->n;
        Value **items = zalloc((size_t)(total ? total : 1), sizeof *items);
        if (!items) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        for (int i = 0; i < a->n; i++)
            items[i] = val_ref(a->items[i]);
        for (int i = 0; i < b->n; i++)
            items[a->n + i] = val_ref(b->items[i]);
        Value *v = val_seq(a->kind, items, total);
        free(items);
        return own(out, v, e);
    }
    if (n->op != OP_MUL) return true;
    if ((a->kind == V_LIST || a->kind == V_TUPLE) && py_int(b, &k)) seq = a;
    if ((b->kind == V_LIST || b->kind == V_TUPLE) && py_int(a, &k)) seq = b;
    if (!seq) return true;
    *done = true;
    if (k < 0) k = 0;
    if (seq->n && k > 10000000 / seq->n)
        return err_set_at(e, ERR_VALUE, n->opspan, "that %s would be too long",
                          val_kind_name(seq->kind)) != NULL;
    int total = seq->n * (int)k;
    Value **items = zalloc((size_t)(total ? total : 1), sizeof *items);
    if (!items) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    for (int i = 0; i < total; i++)
        items[i] = val_ref(seq->items[i % seq->n]);
    Value *v = val_seq(seq->kind, items, total);
    free(items);
    return own(out, v, e);
}

/* The class a type value stands for ("int", "numpy.ndarray",
 * "numpy.float32"), or NULL when v is no type: type(x) gives "<class 'int'>",
 * the built-ins int, float ... and np.ndarray name one, and so does a NumPy
 * dtype (np.float32). */
static const char *class_name(const Value *v, char *buf, size_t cap) {
    static const char *const kTypes[] = {"int",   "float", "bool",  "str", "list",
                                         "tuple", "dict",  "range", "type"};
    if (v->kind == V_DTYPE && strncmp(v->str, "<class '", 8) == 0) {
        size_t n = strcspn(v->str + 8, "'");
        snprintf(buf, cap, "%.*s", (int)n, v->str + 8);
        return buf;
    }
    if (v->kind == V_DTYPE) {
        snprintf(buf, cap, "numpy.%s%s", v->str, strcmp(v->str, "bool") == 0 ? "_" : "");
        return buf;
    }
    if (v->kind != V_FUNC || !v->fn || !v->fn->name) return NULL;
    if (strcmp(v->fn->name, "ndarray") == 0 || strcmp(v->fn->name, "np.ndarray") == 0)
        return "numpy.ndarray";
    for (size_t i = 0; i < sizeof kTypes / sizeof kTypes[0]; i++)
        if (strcmp(v->fn->name, kTypes[i]) == 0) return kTypes[i];
    return NULL;
}

/* Python's == for eval_compare (see eval.h). */
static bool py_equal(const Value *a, const Value *b, bool *eq, Span at, Err *e) {
    char ca[64], cb[64];
    const char *ta = class_name(a, ca, sizeof ca), *tb = class_name(b, cb, sizeof cb);
    if (ta || tb) {
        *eq = ta && tb && strcmp(ta, tb) == 0;
        return true;
    }
    if (a->kind == V_ARRAY && b->kind == V_ARRAY) {
        if (a->arr->ndim != 0 || b->arr->ndim != 0)
            return err_set_at(e, ERR_VALUE, at,
                              "comparing containers that hold arrays: the truth of an array "
                              "is ambiguous; compare the arrays with np.array_equal") != NULL;
        int64_t ia, ib;
        *eq = eval_int(a, &ia) && eval_int(b, &ib) ? ia == ib
                                                   : arr_get(a->arr, 0) == arr_get(b->arr, 0);
        return true;
    }
    *eq = false;
    if (a->kind != b->kind) return true; /* (1, 2) == [1, 2] and 0 == None are False */
    switch (a->kind) {
    case V_NONE: *eq = true; return true;
    case V_STR: *eq = strcmp(a->str, b->str) == 0; return true;
    case V_TUPLE:
    case V_LIST:
        if (a->n != b->n) return true;
        for (int i = 0; i < a->n; i++)
            if (!eval_compare(a->items[i], b->items[i], OP_EQ, eq, at, e) || !*eq)
                return e->kind == ERR_NONE;
        *eq = true;
        return true;
    case V_DICT:
        if (a->n != b->n) return true;
        for (int i = 0; i < a->n; i++) {
            int j = 0;
            while (j < b->n && strcmp(a->keys[i], b->keys[j]) != 0)
                j++;
            if (j == b->n) return true;
            if (!eval_compare(a->items[i], b->items[j], OP_EQ, eq, at, e) || !*eq)
                return e->kind == ERR_NONE;
        }
        *eq = true;
        return true;
    case V_RANGE: {
        const int64_t *x = a->arr->data, *y = b->arr->data;
        int64_t la = val_range_len(a), lb = val_range_len(b);
        *eq = la == lb && (la == 0 || (x[0] == y[0] && (la == 1 || x[2] == y[2])));
        return true;
    }
    default: *eq = a == b; return true;
    }
}

bool eval_compare(const Value *a, const Value *b, int op, bool *res, Span at, Err *e) {
    if (op == OP_EQ || op == OP_NE) {
        if (!py_equal(a, b, res, at, e)) return false;
        if (op == OP_NE) *res = !*res;
        return true;
    }
    /* ordering: numbers, strings, and tuples/lists of the same kind */
    int c = 0;
    if (a->kind == V_ARRAY && b->kind == V_ARRAY && a->arr->ndim == 0 && b->arr->ndim == 0) {
        double x = arr_get(a->arr, 0), y = arr_get(b->arr, 0);
        int64_t ia, ib;
        if (eval_int(a, &ia) && eval_int(b, &ib))
            c = (ia > ib) - (ia < ib);
        else
            c = (x > y) - (x < y);
        if (x != x || y != y) { /* nan orders with nothing */
            *res = false;
            return true;
        }
    } else if (a->kind == V_STR && b->kind == V_STR) {
        c = strcmp(a->str, b->str);
        c = (c > 0) - (c < 0);
    } else if ((a->kind == V_TUPLE || a->kind == V_LIST) && a->kind == b->kind) {
        int i = 0;
        for (; i < a->n && i < b->n; i++) {
            bool eq;
            if (!eval_compare(a->items[i], b->items[i], OP_EQ, &eq, at, e)) return false;
            if (!eq) return eval_compare(a->items[i], b->items[i], op, res, at, e);
        }
        c = (a->n > b->n) - (a->n < b->n);
    } else {
        const char *ka = a->kind == V_ARRAY && !a->arr->ndim ? "number" : val_kind_name(a->kind);
        const char *kb = b->kind == V_ARRAY && !b->arr->ndim ? "number" : val_kind_name(b->kind);
        return err_set_at(e, ERR_TYPE, at, "%s %s and %s %s cannot be ordered",
                          strchr("aeiou", ka[0]) ? "an" : "a", ka,
                          strchr("aeiou", kb[0]) ? "an" : "a", kb) != NULL;
    }
    *res = op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
    return true;
}

/* The operators on words and containers: in, is, str + str, str * n. True
 * when it handled them (*done set), false with e set on an error. */
static bool word_ops(const Node *n, const Value *a, const Value *b, Ref *out, bool *done, Err *e) {
    *done = true;
    if (n->op == OPX_IN || n->op == OPX_NOTIN) {
        bool yes;
        if (!contains(a, b, n, &yes, e)) return false;
        return own_bool(out, n->op == OPX_IN ? yes : !yes, e);
    }
    if (n->op == OPX_IS || n->op == OPX_ISNOT) {
        bool same = a == b || (a->kind == V_NONE && b->kind == V_NONE);
        char ca[64], cb[64];
        const char *ta = class_name(a, ca, sizeof ca), *tb = class_name(b, cb, sizeof cb);
        if (ta && tb) same = strcmp(ta, tb) == 0; /* type(2.0) is float */
        if (!same && a->kind == V_ARRAY && b->kind == V_ARRAY && a->arr->weak && b->arr->weak &&
            a->arr->dtype == DT_BOOL && b->arr->dtype == DT_BOOL)
            same = arr_get(a->arr, 0) == arr_get(b->arr, 0); /* True is True */
        return own_bool(out, n->op == OPX_IS ? same : !same, e);
    }
    if (a->kind == V_STR && b->kind == V_STR && n->op == OP_ADD) {
        size_t la = strlen(a->str), lb = strlen(b->str);
        char *s = malloc(la + lb + 1);
        if (!s) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        memcpy(s, a->str, la);
        memcpy(s + la, b->str, lb + 1);
        Value *v = val_str(s);
        free(s);
        return own(out, v, e);
    }
    int64_t k;
    if (n->op == OP_MUL &&
        ((a->kind == V_STR && py_int(b, &k)) || (b->kind == V_STR && py_int(a, &k)))) {
        const char *t = a->kind == V_STR ? a->str : b->str;
        size_t l = strlen(t);
        if (k < 0) k = 0;
        if (l && (uint64_t)k > (1u << 28) / l)
            return err_set_at(e, ERR_VALUE, n->opspan, "that string would be too long") != NULL;
        char *s = malloc(l * (size_t)k + 1);
        if (!s) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        for (int64_t i = 0; i < k; i++)
            memcpy(s + (size_t)i * l, t, l);
        s[l * (size_t)k] = '\0';
        Value *v = val_str(s);
        free(s);
        return own(out, v, e);
    }
    *done = false;
    return true;
}

/* == and != between strings/dtypes, the only non-array operands allowed. */
static bool compare_words(const Value *a, const Value *b, int op, Ref *out, Err *e) {
    bool words =
        (a->kind == V_STR || a->kind == V_DTYPE) && (b->kind == V_STR || b->kind == V_DTYPE);
    if (!words || (op != OP_EQ && op != OP_NE)) return false;
    bool eq = strcmp(a->str, b->str) == 0 &&
              (a->kind == b->kind || a->kind == V_DTYPE || b->kind == V_DTYPE);
    return own_array(out, arr_scalar_bool(op == OP_EQ ? eq : !eq, e), e);
}

/* --- Python's int arithmetic ----------------------------------------------------
 * Two Python ints (weak 0-d int64 or bool arrays: literals and what they make)
 * follow Python, not NumPy's int64: an exact result or a clear error, never a
 * wrap (nnsh's ints are 64-bit where Python's grow), // and % by zero are a
 * ZeroDivisionError, and a negative power gives a float (2**-1 is 0.5). */

static bool int_overflow(const Node *n, Err *e) {
    return err_set_at(e, ERR_VALUE, n->opspan,
                      "integer overflow: %s is beyond nnsh's 64-bit ints (a float such as "
                      "2.0 instead of 2 goes further)",
                      n->text ? n->text : "the result") != NULL;
}

/* Python's floor division and modulo: the quotient rounds down, the
 * remainder takes the divisor's sign. */
static void floor_divmod(int64_t a, int64_t b, int64_t *q, int64_t *r) {
    *q = a / b;
    *r = a % b;
    if (*r != 0 && ((*r < 0) != (b < 0))) {
        *q -= 1;
        *r += b;
    }
}

/* a OP b on Python ints. Returns 1 with *out set, 0 when the operator is not
 * one this handles (comparisons, / ...), -1 with e set on an error. */
static int int_binop(const Node *n, int64_t a, int64_t b, Ref *out, Err *e) {
    int64_t r = 0, q;
    switch (n->op) {
    case OP_ADD:
        if (__builtin_add_overflow(a, b, &r)) return (int_overflow(n, e), -1);
        break;
    case OP_SUB:
        if (__builtin_sub_overflow(a, b, &r)) return (int_overflow(n, e), -1);
        break;
    case OP_MUL:
        if (__builtin_mul_overflow(a, b, &r)) return (int_overflow(n, e), -1);
        break;
    case OP_FLOORDIV:
    case OP_MOD:
        if (b == 0) {
            err_set_at(e, ERR_VALUE, n->opspan, "integer %s by zero (Python's ZeroDivisionError)",
                       n->op == OP_MOD ? "modulo" : "division");
            return -1;
        }
        if (a == INT64_MIN && b == -1) {
            if (n->op == OP_MOD) break; /* r = 0 */
            return (int_overflow(n, e), -1);
        }
        floor_divmod(a, b, &q, &r);
        if (n->op == OP_FLOORDIV) r = q;
        break;
    case OP_POW:
        if (b < 0) {
            if (a == 0) {
                err_set_at(e, ERR_VALUE, n->opspan,
                           "0 cannot be raised to a negative power (Python's "
                           "ZeroDivisionError)");
                return -1;
            }
            Array *f = arr_scalar_f64(pow((double)a, (double)b), e);
            if (f) f->weak = true; /* a Python float */
            return own_array(out, f, e) ? 1 : -1;
        }
        r = 1;
        for (int64_t base = a, k = b; k > 0; k >>= 1) {
            if ((k & 1) && __builtin_mul_overflow(r, base, &r)) return (int_overflow(n, e), -1);
            if (k > 1 && __builtin_mul_overflow(base, base, &base)) return (int_overflow(n, e), -1);
        }
        break;
    default: return 0;
    }
    Array *res = arr_scalar_i64(r, e);
    if (res) res->weak = true;
    return own_array(out, res, e) ? 1 : -1;
}

bool eval_truth(const Value *v, const Node *at, bool *out, Err *e) {
    switch (v->kind) {
    case V_NONE: *out = false; return true;
    case V_ARRAY:
        if (v->arr->size > 1) {
            char sh[64];
            return err_set_at(e, ERR_VALUE, at->span,
                              "the truth of a %s array is ambiguous: use a.any() or a.all()",
                              shape_str(sh, v->arr->ndim, v->arr->shape)) != NULL;
        }
        *out = v->arr->size == 1 && arr_get(v->arr, 0) != 0;
        return true;
    case V_STR: *out = v->str[0] != '\0'; return true;
    case V_TUPLE:
    case V_LIST:
    case V_DICT: *out = v->n > 0; return true;
    case V_RANGE: *out = val_range_len(v) > 0; return true;
    default: *out = true; return true;
    }
}

/* a and b, a or b: Python's short circuit; the deciding operand is the
 * value. */
bool eval_boolop_node(Interp *in, const Node *n, Ref *out, Err *e) {
    if (!eval_ref(in, n->kids[0], out, e)) return false;
    bool t;
    if (!eval_truth(out->v, n->kids[0], &t, e)) {
        ref_drop(out);
        return false;
    }
    if (t == (n->op == 1)) return true; /* `or` with a true left, `and` with a false one */
    ref_drop(out);
    return eval_ref(in, n->kids[1], out, e);
}

/* a if c else b */
bool eval_ifexp_node(Interp *in, const Node *n, Ref *out, Err *e) {
    Ref c = {0};
    if (!eval_ref(in, n->kids[1], &c, e)) return false;
    bool t;
    bool ok = eval_truth(c.v, n->kids[1], &t, e);
    ref_drop(&c);
    return ok && eval_ref(in, n->kids[t ? 0 : 2], out, e);
}

/* l OP r for binary node n, into *out. */
static bool binop_apply(Interp *in, const Node *n, const Ref *lr, const Ref *rr, Ref *out, Err *e) {
    const Value *lv = lr->v, *rv = rr->v;
    bool done;
    if (lv->kind == V_STR && n->op == OP_MOD) { /* "%.4f" % acc */
        if (own(out, pyfmt_percent(in, lv->str, rv, e), e)) return true;
        if (e->span.line == 0) e->span = n->opspan;
        return false;
    }
    if (!word_ops(n, lv, rv, out, &done, e)) return false;
    if (done) return true;
    if (!seq_ops(n, lv, rv, out, &done, e)) return false;
    if (done) return true;
    /* an array with a list of numbers: the list is an array (NumPy) */
    Array *tmp = NULL;
    if (lv->kind == V_ARRAY && (rv->kind == V_LIST || rv->kind == V_TUPLE) && eval_is_numeric(rv))
        tmp = eval_to_array(rv, e);
    else if (rv->kind == V_ARRAY && (lv->kind == V_LIST || lv->kind == V_TUPLE) &&
             eval_is_numeric(lv))
        tmp = eval_to_array(lv, e);
    if (tmp) {
        Ref t = {0};
        if (!own_array(&t, tmp, e)) return false;
        bool ok = lv->kind == V_ARRAY ? binop_apply(in, n, lr, &t, out, e)
                                      : binop_apply(in, n, &t, rr, out, e);
        ref_drop(&t);
        return ok;
    }
    if (e->kind != ERR_NONE) return false;
    if (lv->kind != V_ARRAY || rv->kind != V_ARRAY) {
        char ca[64], cb[64];
        bool classes = class_name(lv, ca, sizeof ca) && class_name(rv, cb, sizeof cb);
        if (!classes && compare_words(lv, rv, n->op, out, e)) return true;
        if (n->op >= OP_LT && n->op <= OP_NE && !(lv->kind == V_ARRAY && lv->arr->ndim) &&
            !(rv->kind == V_ARRAY && rv->arr->ndim)) {
            bool res;
            return eval_compare(lv, rv, n->op, &res, n->opspan, e) && own_bool(out, res, e);
        }
        return err_set_at(e, ERR_TYPE, n->opspan, "unsupported operand types for %s: %s and %s",
                          binop_symbol(n->op), kind_of(lv), kind_of(rv)) != NULL;
    }
    int64_t ia, ib;
    if (n->op != OPX_MATMUL && py_int(lv, &ia) && py_int(rv, &ib)) {
        int r = int_binop(n, ia, ib, out, e);
        if (r < 0) return false;
        if (r > 0) {
            if (in->trace)
                eval_trace(in, op_binary_name((BinOp)n->op), n, lv->arr, n->kids[0], rv->arr,
                           n->kids[1], out->v->arr);
            return true;
        }
    }
    const Array *a = lv->arr, *b = rv->arr;
    if (a->weak && b->weak && a->ndim == 0 && b->ndim == 0 &&
        (n->op == OP_DIV || n->op == OP_FLOORDIV || n->op == OP_MOD) && arr_get(b, 0) == 0)
        /* Python numbers divide as Python does: no inf, an error */
        return err_set_at(e, ERR_VALUE, n->opspan, "%s by zero (Python's ZeroDivisionError)",
                          n->op == OP_MOD ? "modulo" : "division") != NULL;
    Array *res = n->op == OPX_MATMUL ? op_matmul(a, b, e) : op_binary((BinOp)n->op, a, b, e);
    if (res && n->op == OP_DIV) divide_warnings(in, a, b, res);
    if (res && a->weak && b->weak && a->ndim == 0 && b->ndim == 0)
        res->weak = true; /* Python numbers in, a Python number out (5 / 2 is a float) */
    if (!res) {
        if (e->kind == ERR_SHAPE) {
            eval_name_operands(e, n->kids[0], n->kids[1]);
            e->span = n->opspan;
        } else if (e->span.line == 0) {
            e->span = n->opspan;
        }
        return false;
    }
    if (in->trace)
        eval_trace(in, n->op == OPX_MATMUL ? "matmul" : op_binary_name((BinOp)n->op), n, a,
                   n->kids[0], b, n->kids[1], res);
    return own_array(out, res, e);
}

bool eval_binop_refs(Interp *in, const Node *n, const Ref *l, const Ref *r, Ref *out, Err *e) {
    return binop_apply(in, n, l, r, out, e);
}

/* A chain a + b + c + ... leans left; it is evaluated along its left spine
 * in a loop, so a chain of any length costs no stack. */
bool eval_binop_node(Interp *in, const Node *n, Ref *out, Err *e) {
    const Node *small[16], **spine = small;
    int k = 0;
    for (const Node *p = n; p->kind == N_BINOP; p = p->kids[0])
        k++;
    if (k > 16 && !(spine = malloc((size_t)k * sizeof *spine)))
        return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    k = 0;
    for (const Node *p = n; p->kind == N_BINOP; p = p->kids[0])
        spine[k++] = p;
    Ref acc = {0};
    bool ok = eval_ref(in, spine[k - 1]->kids[0], &acc, e);
    for (int i = k - 1; ok && i >= 0; i--) {
        Ref r = {0}, res = {0};
        ok = eval_ref(in, spine[i]->kids[1], &r, e) && binop_apply(in, spine[i], &acc, &r, &res, e);
        ref_drop(&r);
        ref_drop(&acc);
        acc = res;
        if (!ok) fail_at(e, spine[i]);
    }
    if (spine != small) free(spine);
    *out = acc;
    return ok;
}

bool eval_unary_node(Interp *in, const Node *n, Ref *out, Err *e) {
    Ref x = {0};
    if (!eval_ref(in, n->kids[0], &x, e)) return false;
    if (n->op == OPX_LNOT) { /* not x: Python's truth */
        bool t;
        bool ok = eval_truth(x.v, n->kids[0], &t, e);
        ref_drop(&x);
        if (!ok) return false;
        Array *a = arr_scalar_bool(!t, e);
        if (a) a->weak = true;
        return own_array(out, a, e);
    }
    if (x.v->kind != V_ARRAY) {
        err_set_at(e, ERR_TYPE, n->span, "bad operand type for unary %s: %s",
                   n->op == OP_NEG ? "-" : "not", kind_of(x.v));
        ref_drop(&x);
        return false;
    }
    int64_t ix;
    if (n->op == OP_NEG && py_int(x.v, &ix) && ix == INT64_MIN) {
        ref_drop(&x);
        return err_set_at(e, ERR_VALUE, n->span,
                          "integer overflow: %s is beyond nnsh's 64-bit ints",
                          n->text ? n->text : "the result") != NULL;
    }
    Array *res = op_unary((UnOp)n->op, x.v->arr, e);
    /* -1 is still a Python number for NumPy's casting rules */
    if (res && res->ndim == 0 && x.v->arr->weak) res->weak = true;
    if (res && in->trace)
        eval_trace(in, op_unary_name((UnOp)n->op), n, x.v->arr, n->kids[0], NULL, NULL, res);
    ref_drop(&x);
    return res ? own_array(out, res, e) : fail_at(e, n);
}
