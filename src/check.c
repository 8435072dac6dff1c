/* check.c - the `check` condition and np.isclose / np.allclose (see
 * check.h).
 *
 * A condition is explained when it is not met: a comparison `l OP r` shows
 * both sides (arrays in one line, shapes as tuples) and how many elements
 * differ; allclose/isclose show the largest difference; anything else says
 * what it evaluated to. Hints name the usual slips.
 */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "ops.h"
#include "sbuf.h"
#include "shapefix.h"
#include "value.h"

/* ------------------------------------------------------------------------ */
/* the session's tallies                                                     */

typedef struct Tally {
    int ok, notyet;
} Tally;

static const InterpSlotKey kTallyKey = {"check", NULL};

void check_counts(Interp *in, int *ok, int *notyet) {
    Tally *t = interp_slot(in, &kTallyKey);
    if (ok) *ok = t ? t->ok : 0;
    if (notyet) *notyet = t ? t->notyet : 0;
}

/* Count one result (silently not when out of memory). */
static void tally(Interp *in, bool ok) {
    Tally *t = interp_slot(in, &kTallyKey);
    if (!t && (t = calloc(1, sizeof *t)) && !interp_set_slot(in, &kTallyKey, t)) t = NULL;
    if (!t) return;
    if (ok)
        t->ok++;
    else
        t->notyet++;
}

/* ------------------------------------------------------------------------ */
/* describing values in one line                                             */

static void describe(SBuf *b, const Value *v, int depth);

static void describe_items(SBuf *b, const Value *v, int depth) {
    bool tuple = v->kind == V_TUPLE;
    sbuf_puts(b, tuple ? "(" : "[");
    for (int i = 0; i < v->n; i++) {
        if (i) sbuf_puts(b, ", ");
        if (i >= 8) {
            sbuf_puts(b, "...");
            break;
        }
        describe(b, v->items[i], depth + 1);
    }
    if (tuple && v->n == 1) sbuf_puts(b, ",");
    sbuf_puts(b, tuple ? ")" : "]");
}

static void describe(SBuf *b, const Value *v, int depth) {
    char sh[64];
    switch (v->kind) {
    case V_ARRAY: {
        const Array *a = v->arr;
        char *s = NULL;
        if (a->ndim == 0)
            s = fmt_scalar(a, 0);
        else if (a->ndim == 1 && a->size <= 10 && depth == 0)
            s = fmt_str(a, NULL);
        if (s) {
            sbuf_puts(b, s);
            free(s);
        } else {
            sbuf_puts(b, "an array of shape ");
            sbuf_puts(b, shape_str(sh, a->ndim, a->shape));
            sbuf_puts(b, " ");
            sbuf_puts(b, dtype_name(a->dtype));
        }
        break;
    }
    case V_TUPLE:
    case V_LIST: describe_items(b, v, depth); break;
    case V_STR:
        sbuf_puts(b, "'");
        sbuf_puts(b, v->str);
        sbuf_puts(b, "'");
        break;
    case V_NONE: sbuf_puts(b, "None"); break;
    case V_DTYPE: sbuf_puts(b, v->str); break;
    case V_FUNC:
        sbuf_puts(b, "the function ");
        sbuf_puts(b, v->fn ? v->fn->name : "?");
        break;
    default:
        sbuf_puts(b, "a ");
        sbuf_puts(b, val_kind_name(v->kind));
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* values as arrays                                                          */

/* v as an array: borrowed when it is one, else np.array(v) made through the
 * `array` built-in (owned in *tmp). NULL with e set when v is not numeric. */
static const Array *as_array(Interp *in, const Value *v, const Node *at, Array **tmp, Err *e) {
    *tmp = NULL;
    if (v->kind == V_ARRAY) return v->arr;
    if (v->kind != V_LIST && v->kind != V_TUPLE)
        return err_set(e, ERR_TYPE, "a %s is not numbers", val_kind_name(v->kind));
    const Builtin *b = reg_find(interp_registry(in), "array");
    if (!b || !b->fn) return err_set(e, ERR_TYPE, "np.array is not available");
    Value *args[1] = {(Value *)v};
    const Node *nodes[1] = {at};
    CallArgs ca = {0};
    ca.n = 1;
    ca.v = args;
    ca.nodes = nodes;
    ca.call = at;
    ca.fname = "array";
    Value *r = b->fn(in, &ca, e);
    if (!r) return NULL;
    if (r->kind != V_ARRAY) {
        val_free(r);
        return err_set(e, ERR_TYPE, "not numbers");
    }
    *tmp = r->arr;
    r->arr = NULL;
    r->kind = V_NONE;
    val_free(r);
    return *tmp;
}

static bool is_numeric(const Value *v) {
    if (v->kind == V_ARRAY) return true;
    if (v->kind != V_LIST && v->kind != V_TUPLE) return false;
    for (int i = 0; i < v->n; i++)
        if (!is_numeric(v->items[i])) return false;
    return true;
}

/* Python's == on values: tuples and lists item by item (a tuple never
 * equals a list), 0-d arrays by value, other arrays when shape and every
 * element agree. */
static bool values_equal(const Value *a, const Value *b) {
    if (a->kind == V_ARRAY && b->kind == V_ARRAY) {
        const Array *x = a->arr, *y = b->arr;
        if (x->ndim == 0 || y->ndim == 0) {
            if (x->size != 1 || y->size != 1) return false;
            return arr_get(x, 0) == arr_get(y, 0);
        }
        if (!arr_same_shape(x, y)) return false;
        for (int64_t i = 0; i < x->size; i++)
            if (arr_get(x, i) != arr_get(y, i)) return false;
        return true;
    }
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case V_NONE: return true;
    case V_STR:
    case V_DTYPE: return strcmp(a->str, b->str) == 0;
    case V_TUPLE:
    case V_LIST:
        if (a->n != b->n) return false;
        for (int i = 0; i < a->n; i++)
            if (!values_equal(a->items[i], b->items[i])) return false;
        return true;
    case V_FUNC: return a->fn == b->fn;
    default: return a == b;
    }
}

/* How many elements of a are false (zero or nan counts as true, as in
 * NumPy: nan != 0). */
static int64_t count_false(const Array *a) {
    int64_t n = 0;
    for (int64_t i = 0; i < a->size; i++)
        if (arr_get(a, i) == 0) n++;
    return n;
}

/* A tuple of ints (a shape): its values into v[], count into *n. */
static bool int_tuple(const Value *t, int64_t *v, int *n) {
    if (t->kind != V_TUPLE || t->n > 8) return false;
    for (int i = 0; i < t->n; i++) {
        const Value *x = t->items[i];
        if (x->kind != V_ARRAY || x->arr->ndim != 0 || dtype_is_float(x->arr->dtype)) return false;
        v[i] = arr_get_i64(x->arr, 0);
    }
    *n = t->n;
    return true;
}

/* ------------------------------------------------------------------------ */
/* matches: an answer against its reference                                  */

/* Does `got` match the reference `want`? Numbers (arrays, lists of numbers,
 * Python numbers) match when the shape and the dtype are the same and every
 * element agrees: exactly for bools and ints, within allclose's default
 * tolerance (nan equal to nan) for floats. Anything else matches when
 * Python's == holds. When it does not match and `why` is given, the first
 * difference found (shape, then dtype, then values) is written there. */
static bool close_one(double x, double y, double rtol, double atol, bool equal_nan, bool f32y,
                      bool f32diff);

static bool match_values(Interp *in, const Value *got, const Value *want, const Node *at,
                         const char *name, SBuf *why) {
    if (!is_numeric(got) || !is_numeric(want)) {
        bool eq = values_equal(got, want);
        if (!eq && why) {
            sbuf_printf(why, "%s is ", name);
            describe(why, got, 0);
            sbuf_puts(why, ", expected ");
            describe(why, want, 0);
        }
        return eq;
    }
    Err e;
    err_clear(&e);
    Array *t0 = NULL, *t1 = NULL;
    const Array *a = as_array(in, got, at, &t0, &e);
    const Array *b = a ? as_array(in, want, at, &t1, &e) : NULL;
    bool ok = false;
    char sa[64], sb[64];
    if (!b) {
        if (why) sbuf_printf(why, "%s: %s", name, e.msg);
    } else if (!arr_same_shape(a, b)) {
        if (why)
            sbuf_printf(why, "%s has shape %s, expected %s", name, shape_str(sa, a->ndim, a->shape),
                        shape_str(sb, b->ndim, b->shape));
    } else if (a->dtype != b->dtype) {
        if (why)
            sbuf_printf(why, "%s has dtype %s, expected %s", name, dtype_name(a->dtype),
                        dtype_name(b->dtype));
    } else {
        int64_t bad = 0, first = -1;
        double worst = 0;
        bool isf = dtype_is_float(a->dtype);
        for (int64_t i = 0; i < a->size; i++) {
            double x = arr_get(a, i), y = arr_get(b, i);
            bool same = isf ? close_one(x, y, 1e-05, 1e-08, true, a->dtype == DT_FLOAT32,
                                        a->dtype == DT_FLOAT32)
                            : x == y;
            if (same) continue;
            if (first < 0) first = i;
            bad++;
            double d = fabs(x - y);
            if (d > worst || isnan(d)) worst = d;
        }
        ok = bad == 0;
        if (!ok && why) {
            sbuf_printf(why, "%s is ", name);
            describe(why, got, 0);
            sbuf_puts(why, ", expected ");
            describe(why, want, 0);
            if (a->size > 1)
                sbuf_printf(why, "; %lld of %lld elements differ", (long long)bad,
                            (long long)a->size);
            if (isf) sbuf_printf(why, "; largest difference %.3g", worst);
        }
    }
    arr_free(t0);
    arr_free(t1);
    return ok;
}

/* Why `matches(got, want)` was not met. */
static void explain_match(Interp *in, const Node *call, SBuf *why) {
    Err e;
    err_clear(&e);
    if (call->nkids != 3) {
        sbuf_puts(why, "matches takes two values: the answer and its reference");
        return;
    }
    /* the answer is owned, not borrowed: see check_compare */
    Value *own = NULL;
    Value *got = interp_eval(in, call->kids[1], &e);
    const Value *want = got ? interp_eval_ref(in, call->kids[2], &own, &e) : NULL;
    if (!want)
        sbuf_puts(why, e.msg);
    else
        match_values(in, got, want, call, call->kids[1]->text ? call->kids[1]->text : "the answer",
                     why);
    val_free(got);
    val_free(own);
}

/* ------------------------------------------------------------------------ */
/* check                                                                     */

static bool is_comparison(int op) {
    return op == OP_EQ || op == OP_NE || op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE;
}

/* The callee's name of a call node (np. removed), or NULL. */
static const char *callee_name(const Node *n) {
    if (n->kind != N_CALL || n->nkids < 1) return NULL;
    const char *w = builtin_cmd_word(n->kids[0]);
    if (!w) return NULL;
    if (strncmp(w, "np.", 3) == 0) w += 3;
    return w;
}

/* Why a comparison `l OP r` was not met, into why (hints after it). */
static bool check_compare(Interp *in, const Node *expr, SBuf *why, SBuf *tips) {
    Err e;
    err_clear(&e);
    Value *lown = NULL, *rown = NULL;
    Array *lt = NULL, *rt = NULL, *res = NULL;
    bool ok = false;
    /* Fuzzing fix: the left side is an owned copy, not borrowed, because
     * evaluating the right side may run a command that rebinds variables
     * (`check X == example` read X after `example` had freed it). */
    const Value *l = lown = interp_eval(in, expr->kids[0], &e);
    const Value *r = l ? interp_eval_ref(in, expr->kids[1], &rown, &e) : NULL;
    if (!l || !r) {
        sbuf_puts(why, e.msg);
        if (e.kind == ERR_NAME) sbuf_puts(tips, "run the line that defines it first");
        goto done;
    }
    int op = expr->op;
    /* a tuple against a single number is Python's == (never equal), not
     * NumPy's element by element comparison */
    bool scalar_vs_tuple = (l->kind == V_TUPLE && r->kind == V_ARRAY && r->arr->ndim == 0) ||
                           (r->kind == V_TUPLE && l->kind == V_ARRAY && l->arr->ndim == 0);
    bool arrays = (l->kind == V_ARRAY || r->kind == V_ARRAY) && is_numeric(l) && is_numeric(r) &&
                  !scalar_vs_tuple;
    if (arrays) {
        const Array *a = as_array(in, l, expr->kids[0], &lt, &e);
        const Array *b = a ? as_array(in, r, expr->kids[1], &rt, &e) : NULL;
        if (b) res = op_binary((BinOp)op, a, b, &e);
        if (!res) {
            sbuf_puts(why, e.msg);
            goto done;
        }
        int64_t nf = count_false(res);
        ok = res->size > 0 && nf == 0;
        if (!ok) {
            sbuf_puts(why, "left is ");
            describe(why, l, 0);
            sbuf_puts(why, ", right is ");
            describe(why, r, 0);
            if (res->size > 1) {
                sbuf_printf(why, "; %lld of %lld %s", (long long)nf, (long long)res->size,
                            op == OP_EQ ? "elements differ" : "comparisons are False");
            } else if (res->size == 0) {
                sbuf_puts(why, "; there are no elements to compare");
            }
            bool isf = dtype_is_float(a->dtype) || dtype_is_float(b->dtype);
            bool close = false;
            Err e2;
            err_clear(&e2);
            if (op == OP_EQ && isf && check_allclose(a, b, 1e-5, 1e-8, false, &close, &e2) && close)
                sbuf_puts(tips, "the numbers agree to about 5 digits but not exactly: floats are "
                                "compared with allclose(a, b), not ==");
        }
    } else if (op == OP_EQ || op == OP_NE) {
        bool eq = values_equal(l, r);
        ok = op == OP_EQ ? eq : !eq;
        if (!ok) {
            sbuf_puts(why, "left is ");
            describe(why, l, 0);
            sbuf_puts(why, ", right is ");
            describe(why, r, 0);
            int64_t sa[8], sb[8];
            int na, nb;
            if (int_tuple(l, sa, &na) && int_tuple(r, sb, &nb) && na == 2 && nb == 2 &&
                sa[0] == sb[1] && sa[1] == sb[0])
                sbuf_puts(tips, "the two axes are the other way round: .T, or the operands of dot "
                                "swapped, turns them");
            else if ((l->kind == V_TUPLE) != (r->kind == V_TUPLE) &&
                     (l->kind == V_ARRAY || r->kind == V_ARRAY))
                sbuf_puts(tips, "a shape is a tuple: write (3,) with the comma, not 3");
            else if ((l->kind == V_TUPLE && r->kind == V_LIST) ||
                     (l->kind == V_LIST && r->kind == V_TUPLE))
                sbuf_puts(tips, "a tuple (3,) never equals a list [3], as in Python");
        }
    } else {
        sbuf_puts(why, "cannot order ");
        describe(why, l, 0);
        sbuf_puts(why, " and ");
        describe(why, r, 0);
    }
done:
    arr_free(res);
    arr_free(lt);
    arr_free(rt);
    val_free(lown);
    val_free(rown);
    return ok;
}

/* Why `allclose(a, b)` (or isclose) was not met: both values and the
 * largest difference. */
static void explain_close(Interp *in, const Node *call, SBuf *why) {
    Err e;
    err_clear(&e);
    Value *own[2] = {NULL, NULL};
    const Value *v[2] = {NULL, NULL};
    int k = 0;
    for (int i = 1; i < call->nkids && k < 2; i++) {
        if (call->kids[i]->kind == N_KWARG) continue;
        /* the first value is owned, not borrowed: see check_compare */
        v[k] = k == 0 ? (own[k] = interp_eval(in, call->kids[i], &e))
                      : interp_eval_ref(in, call->kids[i], &own[k], &e);
        if (!v[k]) break;
        if (k == 0) {
            sbuf_puts(why, call->kids[i]->text);
            sbuf_puts(why, " is ");
        } else {
            sbuf_puts(why, ", expected ");
        }
        describe(why, v[k], 0);
        k++;
    }
    if (k == 2) {
        Array *t0 = NULL, *t1 = NULL;
        const Array *a = as_array(in, v[0], call->kids[1], &t0, &e);
        const Array *b = a ? as_array(in, v[1], call->kids[2], &t1, &e) : NULL;
        Array *d = b ? op_binary(OP_SUB, a, b, &e) : NULL;
        if (d) {
            double m = 0;
            for (int64_t i = 0; i < d->size; i++) {
                double x = fabs(arr_get(d, i));
                if (x > m || isnan(x)) m = x;
            }
            sbuf_printf(why, "; largest difference %.3g", m);
        } else if (e.kind != ERR_NONE) {
            sbuf_puts(why, "; ");
            sbuf_puts(why, e.msg);
        }
        arr_free(d);
        arr_free(t0);
        arr_free(t1);
    } else if (e.kind != ERR_NONE) {
        if (why->len) sbuf_puts(why, "; ");
        sbuf_puts(why, e.msg);
    }
    val_free(own[0]);
    val_free(own[1]);
}

static bool check_value(Interp *in, const Node *expr, SBuf *why, SBuf *tips) {
    Err e;
    err_clear(&e);
    Value *own = NULL;
    const Value *v = interp_eval_ref(in, expr, &own, &e);
    bool ok = false;
    if (!v) {
        sbuf_puts(why, e.msg);
        if (e.kind == ERR_NAME) sbuf_puts(tips, "run the line that defines it first");
        return false;
    }
    if (v->kind == V_ARRAY) {
        int64_t nf = count_false(v->arr);
        ok = v->arr->size > 0 && nf == 0;
        if (!ok) {
            const char *f = callee_name(expr);
            if (f && (strcmp(f, "allclose") == 0 || strcmp(f, "isclose") == 0)) {
                explain_close(in, expr, why);
            } else if (f && strcmp(f, "matches") == 0) {
                explain_match(in, expr, why);
            } else if (v->arr->size > 1) {
                sbuf_printf(why, "%lld of %lld elements are False", (long long)nf,
                            (long long)v->arr->size);
            } else if (v->arr->size == 0) {
                sbuf_puts(why, "the condition is an empty array");
            } else {
                sbuf_puts(why, "it is ");
                describe(why, v, 0);
            }
        }
    } else {
        sbuf_puts(why, "a check needs a condition that is True or False, not ");
        describe(why, v, 0);
        sbuf_puts(tips, "compare something: A1.shape == (3,), or allclose(Y, [0.3, 0.7])");
    }
    val_free(own);
    return ok;
}

/* Is the condition met? Its reasons go to why and tips when it is not. */
static bool judge(Interp *in, const Node *expr, SBuf *why, SBuf *tips) {
    if (expr->kind == N_BINOP && is_comparison(expr->op)) return check_compare(in, expr, why, tips);
    return check_value(in, expr, why, tips);
}

bool check_met(Interp *in, const Node *expr) {
    SBuf why = {0}, tips = {0};
    bool ok = judge(in, expr, &why, &tips);
    sbuf_free(&why);
    sbuf_free(&tips);
    return ok;
}

bool check_condition(Interp *in, const Node *expr, const char *hint) {
    SBuf why = {0}, tips = {0};
    bool ok = judge(in, expr, &why, &tips);
    tally(in, ok);
    FILE *out = interp_out(in);
    if (ok) {
        fprintf(out, "ok: %s\n", expr->text);
    } else {
        const char *w = why.oom ? "out of memory" : why.p ? why.p : "";
        /* "not yet: COND  (why)" when it fits the terminal, else the
         * reason wrapped on lines of its own below the condition */
        if (10 + str_display_width(expr->text) + 4 + str_display_width(w) <= shapefix_width()) {
            fprintf(out, "not yet: %s  (%s)\n", expr->text, w);
        } else {
            fprintf(out, "not yet: %s\n", expr->text);
            if (*w) shapefix_wrap(out, "  ", w, 2);
        }
        if (tips.len && !tips.oom) fprintf(out, "  hint: %s\n", tips.p);
        if (hint && *hint) fprintf(out, "%s", hint);
    }
    fflush(out);
    sbuf_free(&why);
    sbuf_free(&tips);
    return ok;
}

/* ------------------------------------------------------------------------ */
/* allclose / isclose                                                        */

/* One element of isclose in NumPy's types: y is taken as float (float32
 * stays float32), x - y in the promoted type, the tolerance in y's type. */
static bool close_one(double x, double y, double rtol, double atol, bool equal_nan, bool f32y,
                      bool f32diff) {
    if (isfinite(x) && isfinite(y)) {
        double diff, tol;
        if (f32diff)
            diff = (double)fabsf((float)x - (float)y);
        else
            diff = fabs(x - y);
        if (f32y) {
            float t = (float)rtol * fabsf((float)y);
            tol = (double)((float)atol + t);
        } else {
            tol = atol + rtol * fabs(y);
        }
        return diff <= tol;
    }
    if (equal_nan && isnan(x) && isnan(y)) return true;
    return x == y;
}

Array *check_isclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                     Err *e) {
    int nd, bad_a, bad_b;
    int64_t shape[ARR_MAXDIM];
    if (!broadcast_shapes(a->ndim, a->shape, b->ndim, b->shape, &nd, shape, &bad_a, &bad_b)) {
        char sa[64], sb[64];
        err_shape(e, "isclose", a->ndim, a->shape, b->ndim, b->shape,
                  "shapes %s and %s do not broadcast together", shape_str(sa, a->ndim, a->shape),
                  shape_str(sb, b->ndim, b->shape));
        e->axis[0] = bad_a;
        e->axis[1] = bad_b;
        snprintf(e->numpy_msg, sizeof e->numpy_msg,
                 "operands could not be broadcast together with shapes %s %s", sa, sb);
        return NULL;
    }
    Array *r = arr_new(DT_BOOL, nd, shape, e);
    if (!r) return NULL;
    DType yt = b->dtype == DT_FLOAT32 ? DT_FLOAT32 : DT_FLOAT64;
    bool f32y = yt == DT_FLOAT32, f32diff = dtype_promote(a->dtype, yt) == DT_FLOAT32;
    /* strides of a and b over the result's axes (0 where broadcast) */
    int64_t sa[ARR_MAXDIM] = {0}, sb[ARR_MAXDIM] = {0};
    int64_t st = 1;
    for (int i = a->ndim - 1, k = nd - 1; i >= 0; i--, k--) {
        sa[k] = a->shape[i] == 1 ? 0 : st;
        st *= a->shape[i];
    }
    st = 1;
    for (int i = b->ndim - 1, k = nd - 1; i >= 0; i--, k--) {
        sb[k] = b->shape[i] == 1 ? 0 : st;
        st *= b->shape[i];
    }
    int64_t idx[ARR_MAXDIM] = {0};
    uint8_t *out = r->data;
    for (int64_t n = 0; n < r->size; n++) {
        int64_t ia = 0, ib = 0;
        for (int k = 0; k < nd; k++) {
            ia += idx[k] * sa[k];
            ib += idx[k] * sb[k];
        }
        out[n] = close_one(arr_get(a, ia), arr_get(b, ib), rtol, atol, equal_nan, f32y, f32diff);
        for (int k = nd - 1; k >= 0; k--) {
            if (++idx[k] < shape[k]) break;
            idx[k] = 0;
        }
    }
    return r;
}

bool check_allclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                    bool *out, Err *e) {
    *out = false;
    Array *r = check_isclose(a, b, rtol, atol, equal_nan, e);
    if (!r) return false;
    *out = count_false(r) == 0;
    arr_free(r);
    return true;
}

/* rtol, atol (positional 3rd and 4th, or keywords) and equal_nan. */
static bool close_args(const CallArgs *a, double *rtol, double *atol, bool *eqnan, Err *e) {
    const char *names[3] = {"rtol", "atol", "equal_nan"};
    const Value *v[3] = {NULL, NULL, NULL};
    for (int i = 2; i < a->n && i < 5; i++)
        v[i - 2] = a->v[i];
    for (int i = 0; i < 3; i++) {
        const Value *k = builtin_kw(a, names[i]);
        if (k && v[i])
            return err_set_at(e, ERR_TYPE, a->call->span, "%s() got %s twice", a->fname,
                              names[i]) != NULL;
        if (k) v[i] = k;
    }
    double d[3] = {1e-05, 1e-08, 0};
    for (int i = 0; i < 3; i++) {
        if (!v[i]) continue;
        if (v[i]->kind != V_ARRAY || v[i]->arr->size != 1)
            return err_set_at(e, ERR_TYPE, a->call->span, "%s must be a number", names[i]) != NULL;
        d[i] = arr_get(v[i]->arr, 0);
    }
    *rtol = d[0];
    *atol = d[1];
    *eqnan = d[2] != 0;
    return true;
}

static Value *close_call(Interp *in, const CallArgs *a, bool all, Err *e) {
    double rtol = 1e-05, atol = 1e-08;
    bool eqnan = false;
    if (!close_args(a, &rtol, &atol, &eqnan, e)) return NULL;
    Array *t0 = NULL, *t1 = NULL;
    const Array *x = as_array(in, a->v[0], a->nodes[0], &t0, e);
    const Array *y = x ? as_array(in, a->v[1], a->nodes[1], &t1, e) : NULL;
    Array *r = NULL;
    if (y) {
        if (all) {
            bool ok;
            if (check_allclose(x, y, rtol, atol, eqnan, &ok, e)) r = arr_scalar_bool(ok, e);
        } else {
            r = check_isclose(x, y, rtol, atol, eqnan, e);
        }
    }
    arr_free(t0);
    arr_free(t1);
    if (!r) {
        if (e->kind == ERR_SHAPE) {
            snprintf(e->op, sizeof e->op, "%s", a->fname);
            for (int i = 0; i < 2 && i < a->n; i++)
                if (a->nodes[i] && a->nodes[i]->text)
                    snprintf(e->ops[i].name, sizeof e->ops[i].name, "%s", a->nodes[i]->text);
        }
        if (e->span.line == 0) e->span = a->call->span;
        return NULL;
    }
    Value *v = val_array(r);
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

static Value *f_allclose(Interp *in, const CallArgs *a, Err *e) {
    return close_call(in, a, true, e);
}

static Value *f_isclose(Interp *in, const CallArgs *a, Err *e) {
    return close_call(in, a, false, e);
}

static Value *f_matches(Interp *in, const CallArgs *a, Err *e) {
    Value *v = val_array(arr_scalar_bool(match_values(in, a->v[0], a->v[1], a->call, "", NULL), e));
    if (!v && e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

/* ------------------------------------------------------------------------ */
/* the table                                                                 */

const Builtin check_builtins[] = {
    {"allclose", "lesson", "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
     "True when every element of a is close to b: |a - b| <= atol + rtol * |b|.",
     "np.allclose(a, b)", "a and b broadcast together -> bool",
     "allclose(Y, [0.31682708, 0.69627909])", 2, 5, "rtol atol equal_nan", f_allclose, NULL},
    {"isclose", "lesson", "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
     "Element by element: is a close to b (|a - b| <= atol + rtol * |b|)?", "np.isclose(a, b)",
     "a and b broadcast together -> that shape, bool", "isclose(A1, [0.3, 0.7, 1.1])", 2, 5,
     "rtol atol equal_nan", f_isclose, NULL},
    {"matches", "lesson", "matches(answer, reference)",
     "True when answer has the reference's shape and dtype and the same values (floats within "
     "allclose's tolerance). In a check, `not yet` says which of the three differs.",
     NULL, "any two values -> bool", "matches(Z1, sigmoid(np.dot(X, W1) + B1))", 2, 2, NULL,
     f_matches, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
