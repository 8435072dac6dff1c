/* lesson.c - lessons and exercises (see lesson.h): the `check` and `lesson`
 * commands, np.allclose / np.isclose, and the reading of lesson scripts.
 *
 * Flow of an exercise in a session where a person types:
 *   lesson 5  ->  narrative, code ... "exercise 1: ..."  -> back at the prompt
 *   (the learner types attempts)
 *   check     ->  "not yet: ... (why)" + hints, stays; or "ok: ..." and the
 *                 lesson goes on to the next exercise or its end
 *   lesson next -> the check once more; if still not met, one answer is
 *                 shown and run, and the lesson goes on
 * In a script or a pipe nothing waits: solution lines run and each check
 * is reported as it comes. "# try: CODE" lines show a mistake: the lesson
 * runs them and prints their error without stopping (a plain script skips
 * them, being comments).
 */
#include "lesson.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmt.h"
#include "ops.h"
#include "parse.h"
#include "value.h"

/* ------------------------------------------------------------------------ */
/* per-session state                                                         */

#define PATH_CAP 1024

/* A session's lessons and checks, kept in an extension slot of the session
 * (no heap memory inside: the slot is freed with a plain free()). */
typedef struct Slot {
    int ok, notyet; /* checks in this session */
    /* the lesson in progress (number 0: none) */
    int number;
    char path[PATH_CAP];
    int next_item;  /* where `lesson next` goes on */
    int check_item; /* the exercise's check waiting, -1 none */
    int exercise;   /* number of the current exercise (1-based) */
    int ex_passed, ex_seen;
    bool running; /* a lesson's lines are running now */
    /* set while a lesson's own check line runs */
    bool in_lesson_check;
    char hint[1024];
    bool last_ok;
    int checks_done;
} Slot;

static const InterpSlotKey kLessonKey = {"lesson", NULL};

/* The session's slot, made when missing; NULL only when out of memory. */
static Slot *slot_get(Interp *in) {
    Slot *s = interp_slot(in, &kLessonKey);
    if (s) return s;
    if (!(s = calloc(1, sizeof *s))) return NULL;
    s->check_item = -1;
    return interp_set_slot(in, &kLessonKey, s) ? s : NULL;
}

void lesson_counts(Interp *in, int *ok, int *notyet) {
    Slot *s = interp_slot(in, &kLessonKey);
    if (ok) *ok = s ? s->ok : 0;
    if (notyet) *notyet = s ? s->notyet : 0;
}

/* ------------------------------------------------------------------------ */
/* a small text buffer                                                       */

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

static void bput(Buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t c = b->cap ? b->cap : 128;
        while (c < b->len + n + 1)
            c *= 2;
        char *q = realloc(b->p, c);
        if (!q) return; /* the text is cut short; callers only print it */
        b->p = q;
        b->cap = c;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void bputs(Buf *b, const char *s) {
    bput(b, s, strlen(s));
}

static const char *bstr(const Buf *b) {
    return b->p ? b->p : "";
}

/* ------------------------------------------------------------------------ */
/* describing values in one line                                             */

static void describe(Buf *b, const Value *v, int depth);

static void describe_items(Buf *b, const Value *v, int depth) {
    bool tuple = v->kind == V_TUPLE;
    bputs(b, tuple ? "(" : "[");
    for (int i = 0; i < v->n; i++) {
        if (i) bputs(b, ", ");
        if (i >= 8) {
            bputs(b, "...");
            break;
        }
        describe(b, v->items[i], depth + 1);
    }
    if (tuple && v->n == 1) bputs(b, ",");
    bputs(b, tuple ? ")" : "]");
}

static void describe(Buf *b, const Value *v, int depth) {
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
            bputs(b, s);
            free(s);
        } else {
            bputs(b, "an array of shape ");
            bputs(b, shape_str(sh, a->ndim, a->shape));
            bputs(b, " ");
            bputs(b, dtype_name(a->dtype));
        }
        break;
    }
    case V_TUPLE:
    case V_LIST: describe_items(b, v, depth); break;
    case V_STR:
        bputs(b, "'");
        bputs(b, v->str);
        bputs(b, "'");
        break;
    case V_NONE: bputs(b, "None"); break;
    case V_DTYPE: bputs(b, v->str); break;
    case V_FUNC:
        bputs(b, "the function ");
        bputs(b, v->fn ? v->fn->name : "?");
        break;
    default:
        bputs(b, "a ");
        bputs(b, val_kind_name(v->kind));
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
    const Builtin *b = builtin_find("array");
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
static bool check_compare(Interp *in, const Node *expr, Buf *why, Buf *tips) {
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
        bputs(why, e.msg);
        if (e.kind == ERR_NAME) bputs(tips, "run the line that defines it first");
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
            bputs(why, e.msg);
            goto done;
        }
        int64_t nf = count_false(res);
        ok = res->size > 0 && nf == 0;
        if (!ok) {
            char n[96];
            bputs(why, "left is ");
            describe(why, l, 0);
            bputs(why, ", right is ");
            describe(why, r, 0);
            if (res->size > 1) {
                snprintf(n, sizeof n, "; %lld of %lld %s", (long long)nf, (long long)res->size,
                         op == OP_EQ ? "elements differ" : "comparisons are False");
                bputs(why, n);
            } else if (res->size == 0) {
                bputs(why, "; there are no elements to compare");
            }
            bool isf = dtype_is_float(a->dtype) || dtype_is_float(b->dtype);
            bool close = false;
            Err e2;
            err_clear(&e2);
            if (op == OP_EQ && isf && lesson_allclose(a, b, 1e-5, 1e-8, false, &close, &e2) &&
                close)
                bputs(tips, "the numbers agree to about 5 digits but not exactly: floats are "
                            "compared with allclose(a, b), not ==");
        }
    } else if (op == OP_EQ || op == OP_NE) {
        bool eq = values_equal(l, r);
        ok = op == OP_EQ ? eq : !eq;
        if (!ok) {
            bputs(why, "left is ");
            describe(why, l, 0);
            bputs(why, ", right is ");
            describe(why, r, 0);
            int64_t sa[8], sb[8];
            int na, nb;
            if (int_tuple(l, sa, &na) && int_tuple(r, sb, &nb) && na == 2 && nb == 2 &&
                sa[0] == sb[1] && sa[1] == sb[0])
                bputs(tips, "the two axes are the other way round: .T, or the operands of dot "
                            "swapped, turns them");
            else if ((l->kind == V_TUPLE) != (r->kind == V_TUPLE) &&
                     (l->kind == V_ARRAY || r->kind == V_ARRAY))
                bputs(tips, "a shape is a tuple: write (3,) with the comma, not 3");
            else if ((l->kind == V_TUPLE && r->kind == V_LIST) ||
                     (l->kind == V_LIST && r->kind == V_TUPLE))
                bputs(tips, "a tuple (3,) never equals a list [3], as in Python");
        }
    } else {
        bputs(why, "cannot order ");
        describe(why, l, 0);
        bputs(why, " and ");
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
static void explain_close(Interp *in, const Node *call, Buf *why) {
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
            bputs(why, call->kids[i]->text);
            bputs(why, " is ");
        } else {
            bputs(why, ", expected ");
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
            char s[64];
            snprintf(s, sizeof s, "; largest difference %.3g", m);
            bputs(why, s);
        } else if (e.kind != ERR_NONE) {
            bputs(why, "; ");
            bputs(why, e.msg);
        }
        arr_free(d);
        arr_free(t0);
        arr_free(t1);
    } else if (e.kind != ERR_NONE) {
        if (why->len) bputs(why, "; ");
        bputs(why, e.msg);
    }
    val_free(own[0]);
    val_free(own[1]);
}

static bool check_value(Interp *in, const Node *expr, Buf *why, Buf *tips) {
    Err e;
    err_clear(&e);
    Value *own = NULL;
    const Value *v = interp_eval_ref(in, expr, &own, &e);
    bool ok = false;
    if (!v) {
        bputs(why, e.msg);
        if (e.kind == ERR_NAME) bputs(tips, "run the line that defines it first");
        return false;
    }
    if (v->kind == V_ARRAY) {
        int64_t nf = count_false(v->arr);
        ok = v->arr->size > 0 && nf == 0;
        if (!ok) {
            const char *f = callee_name(expr);
            if (f && (strcmp(f, "allclose") == 0 || strcmp(f, "isclose") == 0)) {
                explain_close(in, expr, why);
            } else if (v->arr->size > 1) {
                char s[96];
                snprintf(s, sizeof s, "%lld of %lld elements are False", (long long)nf,
                         (long long)v->arr->size);
                bputs(why, s);
            } else if (v->arr->size == 0) {
                bputs(why, "the condition is an empty array");
            } else {
                bputs(why, "it is ");
                describe(why, v, 0);
            }
        }
    } else {
        bputs(why, "a check needs a condition that is True or False, not ");
        describe(why, v, 0);
        bputs(tips, "compare something: A1.shape == (3,), or allclose(Y, [0.3, 0.7])");
    }
    val_free(own);
    return ok;
}

bool lesson_check(Interp *in, const Node *expr, const char *hint) {
    Slot *s = slot_get(in);
    Buf why = {0}, tips = {0};
    bool ok;
    if (expr->kind == N_BINOP && is_comparison(expr->op))
        ok = check_compare(in, expr, &why, &tips);
    else
        ok = check_value(in, expr, &why, &tips);
    FILE *out = interp_out(in);
    if (ok) {
        if (s) s->ok++;
        fprintf(out, "ok: %s\n", expr->text);
    } else {
        if (s) s->notyet++;
        fprintf(out, "not yet: %s  (%s)\n", expr->text, bstr(&why));
        if (tips.len) fprintf(out, "  hint: %s\n", bstr(&tips));
        if (hint && *hint) fprintf(out, "%s", hint);
    }
    fflush(out);
    free(why.p);
    free(tips.p);
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

Array *lesson_isclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
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

bool lesson_allclose(const Array *a, const Array *b, double rtol, double atol, bool equal_nan,
                     bool *out, Err *e) {
    *out = false;
    Array *r = lesson_isclose(a, b, rtol, atol, equal_nan, e);
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
            if (lesson_allclose(x, y, rtol, atol, eqnan, &ok, e)) r = arr_scalar_bool(ok, e);
        } else {
            r = lesson_isclose(x, y, rtol, atol, eqnan, e);
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

/* ------------------------------------------------------------------------ */
/* parsing lesson scripts                                                    */

static char *dupn(const char *s, size_t n) {
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static const char *skip_ws(const char *s) {
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Does narrative `body` start with the direction word (then ':' or the
 * end)? Sets *rest to the text after it. */
static bool direction(const char *body, const char *word, const char **rest) {
    size_t n = strlen(word);
    if (strncmp(body, word, n) != 0) return false;
    const char *p = body + n;
    if (*p == ':')
        p++;
    else if (*skip_ws(p) != '\0')
        return false;
    *rest = skip_ws(p);
    return true;
}

/* Is the code a `check` statement? */
static bool is_check_line(const char *code) {
    const char *p = skip_ws(code);
    if (strncmp(p, "check", 5) != 0) return false;
    char c = p[5];
    return c == '\0' || c == ' ' || c == '\t' || c == '(';
}

/* Remove a trailing "# solution" comment (outside strings) from code; true
 * when there was one. */
static bool strip_solution(char *code) {
    char q = 0;
    for (char *p = code; *p; p++) {
        if (q) {
            if (*p == '\\' && p[1])
                p++;
            else if (*p == q)
                q = 0;
            continue;
        }
        if (*p == '\'' || *p == '"') {
            q = *p;
        } else if (*p == '#') {
            const char *c = skip_ws(p + 1);
            size_t n = strlen("solution");
            if (strncmp(c, "solution", n) == 0 && *skip_ws(c + n) == '\0') {
                while (p > code && (p[-1] == ' ' || p[-1] == '\t'))
                    p--;
                *p = '\0';
                return true;
            }
            while (*p && *p != '\n')
                p++;
            if (!*p) break;
        } else if (*p == '\n') {
            q = 0;
        }
    }
    return false;
}

static bool push_item(LessonScript *s, int *cap, LessonKind k, int line, char *text, Err *e) {
    if (!text) return err_set(e, ERR_MEMORY, "out of memory reading a lesson") != NULL;
    if (s->nitems == *cap) {
        int nc = *cap ? *cap * 2 : 32;
        LessonItem *v = realloc(s->items, (size_t)nc * sizeof *v);
        if (!v) {
            free(text);
            return err_set(e, ERR_MEMORY, "out of memory reading a lesson") != NULL;
        }
        s->items = v;
        *cap = nc;
    }
    s->items[s->nitems++] = (LessonItem){k, line, text};
    if (k == LK_EXERCISE) s->nexercises++;
    return true;
}

/* Does `code` end inside brackets (so the next line continues it)? */
static bool incomplete(const char *code) {
    Node **v = NULL;
    Err e;
    int n = parse_program(code, 1, &v, &e);
    for (int i = 0; i < n; i++)
        node_free(v[i]);
    free(v);
    return n < 0 && e.kind == ERR_INCOMPLETE;
}

LessonScript *lesson_parse(const char *text, Err *e) {
    LessonScript *s = calloc(1, sizeof *s);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory reading a lesson");
    int cap = 0, lineno = 0;
    const char *p = text ? text : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *next = nl ? nl + 1 : p + len;
        lineno++;
        while (len && p[len - 1] == '\r')
            len--;
        char *line = dupn(p, len);
        if (!line) goto oom;
        const char *t = skip_ws(line);
        bool ok = true;
        if (*t == '\0') {
            ok = push_item(s, &cap, LK_BLANK, lineno, strdup(""), e);
        } else if (*t == '#') {
            if (t[1] == ' ' || t[1] == '\0') {
                const char *body = t[1] ? t + 2 : t + 1, *rest;
                if (!s->title) {
                    if (!(s->title = strdup(skip_ws(body)))) goto oom_line;
                } else if (direction(body, "pause", &rest)) {
                    ok = push_item(s, &cap, LK_PAUSE, lineno, strdup(rest), e);
                } else if (direction(body, "exercise", &rest)) {
                    ok = push_item(s, &cap, LK_EXERCISE, lineno, strdup(rest), e);
                } else if (direction(body, "try", &rest) && *rest) {
                    ok = push_item(s, &cap, LK_TRY, lineno, strdup(rest), e);
                } else if (direction(body, "hint", &rest)) {
                    ok = push_item(s, &cap, LK_HINT, lineno, strdup(rest), e);
                } else {
                    ok = push_item(s, &cap, LK_TEXT, lineno, strdup(body), e);
                }
            }
            /* '#' followed by anything else: a comment for the author */
        } else {
            /* code: gather lines while brackets stay open */
            Buf code = {0};
            int first = lineno;
            bputs(&code, line);
            while (*next && incomplete(bstr(&code))) {
                const char *nl2 = strchr(next, '\n');
                size_t l2 = nl2 ? (size_t)(nl2 - next) : strlen(next);
                size_t l2t = l2;
                while (l2t && next[l2t - 1] == '\r')
                    l2t--;
                bputs(&code, "\n");
                bput(&code, next, l2t);
                lineno++;
                next = nl2 ? nl2 + 1 : next + l2;
            }
            if (!code.p) {
                free(line);
                goto oom;
            }
            LessonKind k = LK_CODE;
            if (is_check_line(code.p))
                k = LK_CHECK;
            else if (strip_solution(code.p))
                k = LK_SOLUTION;
            ok = push_item(s, &cap, k, first, code.p, e);
        }
        free(line);
        if (!ok) goto fail;
        p = next;
        continue;
    oom_line:
        free(line);
        goto oom;
    }
    if (!s->title && !(s->title = strdup(""))) goto oom;
    return s;
oom:
    err_set(e, ERR_MEMORY, "out of memory reading a lesson");
fail:
    lesson_script_free(s);
    return NULL;
}

void lesson_script_free(LessonScript *s) {
    if (!s) return;
    for (int i = 0; i < s->nitems; i++)
        free(s->items[i].text);
    free(s->items);
    free(s->title);
    free(s);
}

/* ------------------------------------------------------------------------ */
/* finding lessons                                                           */

static bool is_dir(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *lesson_dir(char *buf, size_t cap) {
    const char *env = getenv("NNSH_LESSONS");
    if (env && *env) {
        snprintf(buf, cap, "%s", env);
        if (is_dir(env)) return buf;
        snprintf(buf, cap, "$NNSH_LESSONS (%s)", env);
        return NULL;
    }
    if (is_dir("lessons")) {
        snprintf(buf, cap, "lessons");
        return buf;
    }
    char exe[PATH_CAP];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            strcpy(slash + 1, "lessons");
            if (is_dir(exe)) {
                snprintf(buf, cap, "%s", exe);
                return buf;
            }
        }
    }
    snprintf(buf, cap, "./lessons, %s and $NNSH_LESSONS (not set)",
             n > 0 ? exe : "lessons/ beside nnsh");
    return NULL;
}

/* The title of a lesson file: its first narrative line. */
static char *file_title(const char *path) {
    FILE *f = fopen(path, "r");
    char line[512];
    char *t = NULL;
    if (!f) return strdup("");
    while (!t && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        const char *s = skip_ws(line);
        if (s[0] == '#' && s[1] == ' ') t = strdup(skip_ws(s + 2));
    }
    fclose(f);
    return t ? t : strdup("");
}

static int by_number(const void *a, const void *b) {
    const LessonInfo *x = a, *y = b;
    if (x->number != y->number) return x->number < y->number ? -1 : 1;
    return strcmp(x->path, y->path);
}

int lesson_scan(const char *dir, LessonInfo **out, Err *e) {
    *out = NULL;
    DIR *d = opendir(dir);
    if (!d) {
        err_set(e, ERR_IO, "cannot read the lessons directory %s", dir);
        return -1;
    }
    LessonInfo *v = NULL;
    int n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        size_t len = strlen(name);
        if (!isdigit((unsigned char)name[0]) || len < 5 || strcmp(name + len - 4, ".nns") != 0)
            continue;
        if (n == cap) {
            int nc = cap ? cap * 2 : 16;
            LessonInfo *nv = realloc(v, (size_t)nc * sizeof *nv);
            if (!nv) goto oom;
            v = nv;
            cap = nc;
        }
        LessonInfo *li = &v[n];
        li->number = atoi(name);
        li->path = malloc(strlen(dir) + len + 2);
        if (!li->path) goto oom;
        sprintf(li->path, "%s/%s", dir, name);
        li->title = file_title(li->path);
        if (!li->title) {
            free(li->path);
            goto oom;
        }
        n++;
    }
    closedir(d);
    if (n) qsort(v, (size_t)n, sizeof *v, by_number);
    *out = v;
    return n;
oom:
    closedir(d);
    lesson_infos_free(v, n);
    err_set(e, ERR_MEMORY, "out of memory listing lessons");
    return -1;
}

void lesson_infos_free(LessonInfo *v, int n) {
    for (int i = 0; i < n; i++) {
        free(v[i].title);
        free(v[i].path);
    }
    free(v);
}

/* ------------------------------------------------------------------------ */
/* running a lesson                                                          */

static bool person_typing(Interp *in) {
    LineSource *ls = interp_input(in);
    return ls && ls->interactive && ls->get;
}

static char *read_file(const char *path, Err *e) {
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ERR_IO, "cannot open the lesson %s", path);
    Buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (4u << 20))
        bput(&b, chunk, n);
    fclose(f);
    if (!b.p) b.p = strdup("");
    if (!b.p) return err_set(e, ERR_MEMORY, "out of memory reading a lesson");
    return b.p;
}

static LessonScript *load_script(const char *path, Err *e) {
    char *text = read_file(path, e);
    if (!text) return NULL;
    LessonScript *s = lesson_parse(text, e);
    free(text);
    return s;
}

/* Show code as the learner would type it: "nnsh> " then "  ...> ". */
static void show_code(FILE *out, const char *code) {
    const char *p = code;
    bool first = true;
    while (p) {
        const char *nl = strchr(p, '\n');
        int n = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(out, "%s%.*s\n", first ? "nnsh> " : "  ...> ", n, p);
        first = false;
        p = nl ? nl + 1 : NULL;
    }
}

/* Show and run one piece of code; false when it failed (error printed). */
static bool run_code(Interp *in, Slot *s, const LessonItem *it) {
    FILE *out = interp_out(in);
    show_code(out, it->text);
    fflush(out);
    RunStatus r = interp_run(in, it->text, s->path, it->line);
    return r == RUN_OK;
}

/* The hints of the exercise whose check is item `ci`: the "# hint:" lines
 * between it and the exercise line before it, as "  hint: ..." lines. */
static void gather_hints(const LessonScript *ls, int ci, char *buf, size_t cap) {
    buf[0] = '\0';
    int start = ci - 1;
    while (start >= 0 && ls->items[start].kind != LK_EXERCISE && ls->items[start].kind != LK_CHECK)
        start--;
    size_t len = 0;
    for (int i = start + 1; i < ci; i++) {
        if (ls->items[i].kind != LK_HINT) continue;
        int w = snprintf(buf + len, cap - len, "  hint: %s\n", ls->items[i].text);
        if (w < 0 || (size_t)w >= cap - len) break;
        len += (size_t)w;
    }
}

/* Run the check line of item ci as a statement, with its hints; true when
 * it was met. */
static bool run_lesson_check(Interp *in, Slot *s, const LessonScript *ls, int ci) {
    gather_hints(ls, ci, s->hint, sizeof s->hint);
    s->in_lesson_check = true;
    s->last_ok = false;
    int before = s->checks_done;
    interp_run(in, ls->items[ci].text, s->path, ls->items[ci].line);
    s->in_lesson_check = false;
    s->hint[0] = '\0';
    return s->checks_done > before && s->last_ok;
}

/* The solution lines of the exercise whose check is item ci. */
static int solutions_before(const LessonScript *ls, int ci, int *idx, int max) {
    int n = 0;
    for (int i = ci - 1; i >= 0 && ls->items[i].kind != LK_EXERCISE; i--)
        if (ls->items[i].kind == LK_SOLUTION && n < max) idx[n++] = i;
    /* they were collected backwards */
    for (int a = 0, b = n - 1; a < b; a++, b--) {
        int t = idx[a];
        idx[a] = idx[b];
        idx[b] = t;
    }
    return n;
}

static void lesson_end(Interp *in, Slot *s, const LessonScript *ls) {
    FILE *out = interp_out(in);
    fprintf(out, "== end of lesson %d", s->number);
    if (ls->nexercises)
        fprintf(out, ": %d of %d exercise%s passed", s->ex_passed, ls->nexercises,
                ls->nexercises == 1 ? "" : "s");
    char dir[PATH_CAP];
    LessonInfo *v = NULL;
    Err e;
    err_clear(&e);
    int n = lesson_dir(dir, sizeof dir) ? lesson_scan(dir, &v, &e) : 0;
    for (int i = 0; i < n; i++)
        if (v[i].number > s->number) {
            fprintf(out, ". Next: lesson %d, %s", v[i].number, v[i].title);
            break;
        }
    lesson_infos_free(v, n > 0 ? n : 0);
    fprintf(out, " ==\n");
    fflush(out);
    s->number = 0;
    s->check_item = -1;
}

/* Go on with the lesson from s->next_item until its end, an exercise that
 * waits for the learner, a pause the learner stops at, or an error. False
 * with e set when a line failed (the error itself is printed already). */
static bool run_from(Interp *in, Slot *s, const LessonScript *ls, Err *e) {
    FILE *out = interp_out(in);
    bool person = person_typing(in);
    bool blank = true; /* squash runs of blank lines */
    s->running = true;
    for (int i = s->next_item; i < ls->nitems; i++) {
        const LessonItem *it = &ls->items[i];
        s->next_item = i;
        if (interp_interrupted) {
            s->running = false;
            fprintf(out, "(lesson %d stopped: `lesson next` goes on)\n", s->number);
            return true;
        }
        switch (it->kind) {
        case LK_BLANK:
            if (!blank) fputc('\n', out);
            blank = true;
            continue;
        case LK_TEXT: fprintf(out, "%s\n", it->text); break;
        case LK_HINT: continue;
        case LK_EXERCISE:
            s->exercise++;
            fprintf(out, "exercise %d: %s\n", s->exercise, it->text);
            break;
        case LK_PAUSE:
            if (person) {
                fflush(out);
                LineSource *src = interp_input(in);
                char *a = src->get(src->ctx, "  -- Enter: go on, q: stop here -- ");
                bool stop = !a || strcmp(skip_ws(a), "q") == 0;
                free(a);
                if (stop) {
                    s->next_item = i + 1;
                    s->running = false;
                    fprintf(out, "(lesson %d paused: `lesson next` goes on)\n", s->number);
                    return true;
                }
            }
            continue;
        case LK_TRY:
            /* a line that shows an error: its explanation is the point */
            show_code(out, it->text);
            fflush(out);
            interp_run(in, it->text, s->path, it->line);
            break;
        case LK_SOLUTION:
            if (person) continue; /* the learner writes this one */
            /* fall through */
        case LK_CODE:
            if (!run_code(in, s, it)) {
                s->running = false;
                if (person) {
                    fprintf(out,
                            "(lesson %d stopped at the error above: `lesson next` tries "
                            "that line again)\n",
                            s->number);
                    return true;
                }
                err_set(e, ERR_VALUE, "lesson %d stopped at %s line %d", s->number, s->path,
                        it->line);
                s->number = 0;
                return false;
            }
            break;
        case LK_CHECK: {
            bool exercise = false;
            for (int j = i - 1; j >= 0 && ls->items[j].kind != LK_CHECK; j--)
                if (ls->items[j].kind == LK_EXERCISE) {
                    exercise = true;
                    break;
                }
            if (exercise && person) {
                s->check_item = i;
                s->next_item = i + 1;
                s->running = false;
                const char *c = skip_ws(it->text) + 5;
                fprintf(out,
                        "  Your turn: type your answer, then `check` to test it"
                        " (it checks:%s).\n"
                        "  `lesson next` shows one answer and goes on.\n",
                        c);
                fflush(out);
                return true;
            }
            if (run_lesson_check(in, s, ls, i) && exercise) s->ex_passed++;
            break;
        }
        }
        blank = false;
    }
    s->running = false;
    lesson_end(in, s, ls);
    return true;
}

/* The pending exercise's check: run it; when met, show the answer and go
 * on. `force`: go on anyway, running one answer first. */
static Value *resume_exercise(Interp *in, Slot *s, bool force, Err *e) {
    LessonScript *ls = load_script(s->path, e);
    if (!ls) return NULL;
    FILE *out = interp_out(in);
    int ci = s->check_item;
    if (ci < 0 || ci >= ls->nitems || ls->items[ci].kind != LK_CHECK) {
        lesson_script_free(ls);
        s->number = 0;
        return err_set(e, ERR_VALUE, "the lesson file %s changed: start it again with `lesson %d`",
                       s->path, s->number);
    }
    s->running = true;
    bool ok = run_lesson_check(in, s, ls, ci);
    s->running = false;
    int sol[16];
    int ns = solutions_before(ls, ci, sol, 16);
    if (ok) {
        s->ex_passed++;
        if (ns) {
            fprintf(out, "  well done. The lesson's answer was:\n");
            for (int k = 0; k < ns; k++)
                fprintf(out, "    %s\n", ls->items[sol[k]].text);
        }
    } else if (!force) {
        fprintf(out, "  try again, then `check` (or `lesson next` to see one answer)\n");
        fflush(out);
        lesson_script_free(ls);
        return NULL;
    } else {
        fprintf(out, "  here is one answer:\n");
        for (int k = 0; k < ns; k++)
            if (!run_code(in, s, &ls->items[sol[k]])) break;
    }
    s->check_item = -1;
    s->next_item = ci + 1;
    run_from(in, s, ls, e);
    lesson_script_free(ls);
    return NULL;
}

static Value *start_lesson(Interp *in, Slot *s, int number, Err *e) {
    char dir[PATH_CAP];
    if (!lesson_dir(dir, sizeof dir))
        return err_set(e, ERR_IO, "no lessons found: looked in %s", dir);
    LessonInfo *v;
    int n = lesson_scan(dir, &v, e);
    if (n < 0) return NULL;
    const LessonInfo *li = NULL;
    for (int i = 0; i < n; i++)
        if (v[i].number == number) li = &v[i];
    if (!li) {
        lesson_infos_free(v, n);
        return err_set(e, ERR_VALUE, "there is no lesson %d in %s (`lesson` lists them)", number,
                       dir);
    }
    snprintf(s->path, sizeof s->path, "%s", li->path);
    lesson_infos_free(v, n);
    LessonScript *ls = load_script(s->path, e);
    if (!ls) return NULL;
    s->number = number;
    s->next_item = 0;
    s->check_item = -1;
    s->exercise = 0;
    s->ex_passed = 0;
    FILE *out = interp_out(in);
    fprintf(out, "== lesson %d: %s ==\n", number, ls->title);
    run_from(in, s, ls, e); /* it reports its own stops; e says if it failed */
    lesson_script_free(ls);
    return NULL;
}

static Value *list_lessons(Interp *in, Slot *s, Err *e) {
    char dir[PATH_CAP];
    if (!lesson_dir(dir, sizeof dir))
        return err_set(e, ERR_IO, "no lessons found: looked in %s", dir);
    LessonInfo *v;
    int n = lesson_scan(dir, &v, e);
    if (n < 0) return NULL;
    FILE *out = interp_out(in);
    if (n == 0) {
        lesson_infos_free(v, n);
        return err_set(e, ERR_IO, "no lessons found: %s has no NN-name.nns files", dir);
    }
    fprintf(out, "lessons in %s:\n", dir);
    for (int i = 0; i < n; i++)
        fprintf(out, "  %2d  %s\n", v[i].number, v[i].title);
    lesson_infos_free(v, n);
    if (s && s->number && s->check_item >= 0)
        fprintf(out,
                "Lesson %d is waiting for exercise %d: `check` tests your answer, "
                "`lesson next` skips it.\n",
                s->number, s->exercise);
    else if (s && s->number)
        fprintf(out, "Lesson %d is paused: `lesson next` goes on.\n", s->number);
    else
        fprintf(out, "`lesson N` starts lesson N.\n");
    return NULL;
}

static Value *cmd_lesson(Interp *in, const Node *call, Err *e) {
    Slot *s = slot_get(in);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    int n = builtin_cmd_nargs(call);
    if (n == 0) return list_lessons(in, s, e);
    if (n > 1) return err_set(e, ERR_TYPE, "lesson takes one word: a number, next, stop or list");
    if (s->running)
        return err_set(e, ERR_VALUE, "a lesson is running already: lessons cannot start lessons");
    const Node *a = builtin_cmd_arg(call, 0);
    const char *w = builtin_cmd_word(a);
    if (a->kind == N_NUM && a->is_int) return start_lesson(in, s, (int)a->num, e);
    if (w && strcmp(w, "list") == 0) return list_lessons(in, s, e);
    if (w && strcmp(w, "next") == 0) {
        if (!s->number) {
            fprintf(interp_out(in), "No lesson in progress: `lesson` lists them, `lesson 1` "
                                    "starts the first.\n");
            return NULL;
        }
        if (s->check_item >= 0) return resume_exercise(in, s, true, e);
        LessonScript *ls = load_script(s->path, e);
        if (!ls) return NULL;
        run_from(in, s, ls, e);
        lesson_script_free(ls);
        return NULL;
    }
    if (w && strcmp(w, "stop") == 0) {
        if (s->number) fprintf(interp_out(in), "Lesson %d stopped.\n", s->number);
        s->number = 0;
        s->check_item = -1;
        return NULL;
    }
    return err_set_at(e, ERR_VALUE, a->span, "lesson takes a number, next, stop or list, not '%s'",
                      a->text);
}

/* Text with spaces taken out, for comparing a typed check with a lesson's. */
static void squeeze(const char *s, char *out, size_t cap) {
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (!isspace((unsigned char)*s)) out[n++] = *s;
    out[n] = '\0';
}

static Value *cmd_check(Interp *in, const Node *call, Err *e) {
    Slot *s = slot_get(in);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    const Node *expr = NULL;
    if (call->kind == N_RAWCMD) {
        const Node *st = call->nkids ? call->kids[0] : NULL;
        if (st && st->kind == N_ASSIGN)
            return err_set_at(e, ERR_SYNTAX, st->span,
                              "check needs a condition, not an assignment: did you mean ==?");
        if (st && st->kind == N_EXPR)
            expr = st->kids[0];
        else if (st)
            return err_set_at(e, ERR_SYNTAX, st->span, "check needs a condition");
    } else {
        int n = builtin_cmd_nargs(call);
        if (n > 1)
            return err_set(e, ERR_TYPE, "check takes one condition, e.g. check A1.shape == (3,)");
        if (n == 1) expr = builtin_cmd_arg(call, 0);
        if (expr && expr->kind == N_KWARG)
            return err_set_at(e, ERR_SYNTAX, expr->span,
                              "check needs a condition, not a keyword: did you mean ==?");
    }
    if (s->in_lesson_check) {
        /* the lesson's own check line */
        if (!expr) return err_set(e, ERR_SYNTAX, "a lesson's check line needs a condition");
        s->last_ok = lesson_check(in, expr, s->hint);
        s->checks_done++;
        return NULL;
    }
    if (s->number && s->check_item >= 0 && !s->running) {
        bool same = !expr;
        if (expr) {
            /* typing the lesson's check itself counts as `check` */
            LessonScript *ls = load_script(s->path, e);
            if (!ls) return NULL;
            char a[512], b[512];
            const char *c = s->check_item < ls->nitems ? ls->items[s->check_item].text : "";
            squeeze(skip_ws(c) + 5, a, sizeof a);
            squeeze(expr->text, b, sizeof b);
            size_t la = strlen(a);
            /* `check(X)` in the lesson vs `check X` typed */
            if (la >= 2 && a[0] == '(' && a[la - 1] == ')') {
                memmove(a, a + 1, la - 2);
                a[la - 2] = '\0';
            }
            same = strcmp(a, b) == 0;
            lesson_script_free(ls);
        }
        if (same) return resume_exercise(in, s, false, e);
    }
    if (!expr) {
        fprintf(interp_out(in),
                "Checks so far: %d ok, %d not yet. No exercise is waiting: "
                "`check CONDITION` tests one, `lesson` lists the lessons.\n",
                s->ok, s->notyet);
        return NULL;
    }
    lesson_check(in, expr, NULL);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* the table                                                                 */

#define CMD(name, sig, summary, example, f)                                                        \
    { name, "lesson", sig, summary, NULL, NULL, example, 0, -1, NULL, NULL, f }

const Builtin lesson_builtins[] = {
    CMD("check", "check CONDITION",
        "Test your work: prints `ok: CONDITION`, or `not yet: CONDITION (why)` with a hint, and "
        "counts both. A comparison passes when every element is true; shapes compare as tuples "
        "(A1.shape == (3,)); use allclose for floats. A check never stops a script. In a lesson, "
        "a bare `check` tests the exercise waiting for you and goes on when it is met.",
        "check A1.shape == (3,)", cmd_check),
    CMD("lesson", "lesson [N | next | stop]",
        "Lessons that follow the chapter. `lesson` lists them; `lesson N` runs lesson N here, "
        "showing each line as `nnsh> ...` with its result. A person at the prompt is stopped at "
        "`# pause` (Enter goes on, q stops) and at each exercise: type your answer, then "
        "`check`; `lesson next` goes on after a pause, or skips an exercise after showing one "
        "answer. Scripts and pipes run straight through; a `# try: LINE` in a lesson runs a "
        "line whose error is worth reading, without stopping. Lessons are read from $NNSH_LESSONS, "
        "else ./lessons, else lessons/ beside nnsh; `nnsh lessons/01-....nns` runs one as a "
        "plain script.",
        "lesson 1", cmd_lesson),
    {"allclose", "lesson", "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
     "True when every element of a is close to b: |a - b| <= atol + rtol * |b|.",
     "np.allclose(a, b)", "a and b broadcast together -> bool",
     "allclose(Y, [0.31682708, 0.69627909])", 2, 5, "rtol atol equal_nan", f_allclose, NULL},
    {"isclose", "lesson", "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
     "Element by element: is a close to b (|a - b| <= atol + rtol * |b|)?", "np.isclose(a, b)",
     "a and b broadcast together -> that shape, bool", "isclose(A1, [0.3, 0.7, 1.1])", 2, 5,
     "rtol atol equal_nan", f_isclose, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
