/* python.c - Python's own built-ins that the book's code uses: len, float,
 * int, bool, round, dict, print, repr, str. */
#include "python.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "ops.h"
#include "pyfmt.h"

/* A Python int (weak: it adapts to the other operand's dtype). */
static Value *int_value(int64_t v, Err *e) {
    Array *a = arr_scalar_i64(v, e);
    if (a) a->weak = true;
    return builtin_wrap(a, e);
}

/* range(stop), range(start, stop[, step]): Python ints, made one at a time
 * by a for loop. */
static Value *f_range(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    int64_t v[3] = {0, 0, 1};
    for (int i = 0; i < a->n; i++)
        if (!eval_int(a->v[i], &v[i]) || a->v[i]->arr->dtype == DT_FLOAT64 ||
            a->v[i]->arr->dtype == DT_FLOAT32)
            return err_set_at(e, ERR_TYPE, builtin_arg_span(a, i),
                              "range() takes integers (np.arange takes floats)");
    if (a->n == 1) {
        v[1] = v[0];
        v[0] = 0;
    }
    if (v[2] == 0) return err_set_at(e, ERR_VALUE, a->call->span, "range() step must not be zero");
    Value *r = val_range(v[0], v[1], v[2]);
    if (!r) err_set(e, ERR_MEMORY, "out of memory");
    return r;
}

/* The items of a list, tuple, range, string or array as new values (an
 * array gives its rows, or NumPy scalars for 1-D). */
static Value **items_of(const Value *v, const Node *at, int64_t *n, Err *e) {
    int64_t k;
    switch (v->kind) {
    case V_LIST:
    case V_TUPLE: k = v->n; break;
    case V_RANGE: k = val_range_len(v); break;
    case V_STR: k = (int64_t)strlen(v->str); break;
    case V_ARRAY: k = v->arr->ndim ? v->arr->shape[0] : -1; break;
    default: k = -1;
    }
    if (k < 0)
        return err_set_at(e, ERR_TYPE, at ? at->span : (Span){0, 0, 0},
                          "a %s cannot be gone through item by item", val_kind_name(v->kind));
    if (k > 10000000) return err_set(e, ERR_VALUE, "too many items (%lld)", (long long)k);
    Value **out = calloc((size_t)(k ? k : 1), sizeof *out);
    if (!out) return err_set(e, ERR_MEMORY, "out of memory");
    for (int64_t i = 0; i < k; i++) {
        if (v->kind == V_LIST || v->kind == V_TUPLE) {
            out[i] = val_ref(v->items[i]);
        } else if (v->kind == V_STR) {
            char c[2] = {v->str[i], '\0'};
            out[i] = val_str(c);
        } else if (v->kind == V_RANGE) {
            const int64_t *d = v->arr->data;
            Array *x = arr_scalar_i64(d[0] + i * d[2], e);
            if (x) x->weak = true;
            out[i] = builtin_wrap(x, e);
        } else {
            IndexItem it = {IDX_INT, i, false, false, 0, 0, 0, NULL};
            out[i] = builtin_wrap(op_index(v->arr, &it, 1, e), e);
        }
        if (!out[i]) {
            for (int64_t j = 0; j < i; j++)
                val_free(out[j]);
            free(out);
            return e->kind ? NULL : err_set(e, ERR_MEMORY, "out of memory");
        }
    }
    *n = k;
    return out;
}

static Value *pair(Value *a, Value *b) {
    Value *items[2] = {a, b};
    return a && b ? val_seq(V_TUPLE, items, 2) : (val_free(a), val_free(b), NULL);
}

/* enumerate(x): [(0, x[0]), (1, x[1]), ...] */
static Value *f_enumerate(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    int64_t n;
    Value **it = items_of(a->v[0], a->nodes[0], &n, e);
    if (!it) return NULL;
    for (int64_t i = 0; i < n; i++) {
        Array *k = arr_scalar_i64(i, e);
        if (k) k->weak = true;
        it[i] = pair(builtin_wrap(k, e), it[i]);
        if (!it[i]) {
            for (int64_t j = 0; j < n; j++)
                if (j != i) val_free(it[j]);
            free(it);
            return err_set(e, ERR_MEMORY, "out of memory");
        }
    }
    Value *l = val_seq(V_LIST, it, (int)n);
    free(it);
    return l ? l : err_set(e, ERR_MEMORY, "out of memory");
}

/* zip(x, y): [(x[0], y[0]), ...] as long as the shorter. */
static Value *f_zip(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    int64_t n1, n2;
    Value **x = items_of(a->v[0], a->nodes[0], &n1, e);
    Value **y = x ? items_of(a->v[1], a->nodes[1], &n2, e) : NULL;
    if (!y) {
        for (int64_t j = 0; x && j < n1; j++)
            val_free(x[j]);
        free(x);
        return NULL;
    }
    int64_t n = n1 < n2 ? n1 : n2;
    Value **it = calloc((size_t)(n ? n : 1), sizeof *it);
    for (int64_t i = 0; i < n1; i++)
        if (i >= n || !it) val_free(x[i]);
    for (int64_t i = 0; i < n2; i++)
        if (i >= n || !it) val_free(y[i]);
    bool ok = it != NULL;
    for (int64_t i = 0; ok && i < n; i++)
        ok = (it[i] = pair(x[i], y[i])) != NULL;
    free(x);
    free(y);
    Value *l = ok ? val_seq(V_LIST, it, (int)n) : NULL;
    free(it);
    return l ? l : err_set(e, ERR_MEMORY, "out of memory");
}

/* list(x), tuple(x): the items of x in a new list or tuple. */
static Value *seq_of(const CallArgs *a, ValKind kind, Err *e) {
    if (a->n == 0) return val_seq(kind, NULL, 0);
    int64_t n;
    const Value *v = a->v[0];
    if (v->kind == V_DICT) { /* its keys */
        Value **it = calloc((size_t)(v->n ? v->n : 1), sizeof *it);
        for (int i = 0; it && i < v->n; i++)
            it[i] = val_str(v->keys[i]);
        Value *l = it ? val_seq(kind, it, v->n) : NULL;
        free(it);
        return l ? l : err_set(e, ERR_MEMORY, "out of memory");
    }
    Value **it = items_of(v, a->nodes[0], &n, e);
    if (!it) return NULL;
    Value *l = val_seq(kind, it, (int)n);
    free(it);
    return l ? l : err_set(e, ERR_MEMORY, "out of memory");
}

static Value *f_list(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return seq_of(a, V_LIST, e);
}

static Value *f_tuple(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return seq_of(a, V_TUPLE, e);
}

/* What v is, for a message: "a number", "an array", "None", "a str" ... */
static const char *what_is(const Value *v) {
    switch (v->kind) {
    case V_ARRAY: return v->arr->ndim == 0 ? "a number" : "an array";
    case V_NONE: return "None";
    case V_STR: return "a str";
    case V_TUPLE: return "a tuple";
    case V_LIST: return "a list";
    case V_DICT: return "a dict";
    case V_RANGE: return "a range";
    default: return "a value of another kind";
    }
}

/* dict(), dict(d), dict(pairs): a new dict (nnsh's dicts have string
 * keys). A key given twice keeps its last value, as in Python. */
static Value *f_dict(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    Value *d = val_dict_new();
    if (!d) return err_set(e, ERR_MEMORY, "out of memory");
    if (a->n == 0) return d;
    const Value *v = a->v[0];
    bool ok = true;
    if (v->kind == V_DICT) {
        for (int i = 0; ok && i < v->n; i++)
            ok = val_dict_put(d, v->keys[i], val_ref(v->items[i]));
    } else if (v->kind == V_LIST || v->kind == V_TUPLE) {
        for (int i = 0; ok && i < v->n; i++) {
            const Value *p = v->items[i];
            if ((p->kind != V_TUPLE && p->kind != V_LIST) || p->n != 2 ||
                p->items[0]->kind != V_STR) {
                val_free(d);
                return err_set_at(
                    e, ERR_TYPE, builtin_arg_span(a, 0),
                    "dict() takes (key, value) pairs with string keys; item %d is not one", i);
            }
            ok = val_dict_put(d, p->items[0]->str, val_ref(p->items[1]));
        }
    } else {
        val_free(d);
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "dict() takes a dict or a list of (key, value) pairs, not %s",
                          what_is(v));
    }
    if (!ok) {
        val_free(d);
        return err_set(e, ERR_MEMORY, "out of memory");
    }
    return d;
}

/* The name Python gives the type of v: "int", "numpy.ndarray", ... */
static const char *type_name(const Value *v) {
    switch (v->kind) {
    case V_NONE: return "NoneType";
    case V_ARRAY:
        if (v->arr->ndim == 0 && v->arr->weak)
            return v->arr->dtype == DT_BOOL        ? "bool"
                   : dtype_is_float(v->arr->dtype) ? "float"
                                                   : "int";
        if (v->arr->ndim == 0) {
            switch (v->arr->dtype) {
            case DT_BOOL: return "numpy.bool_";
            case DT_UINT8: return "numpy.uint8";
            case DT_INT64: return "numpy.int64";
            case DT_FLOAT32: return "numpy.float32";
            default: return "numpy.float64";
            }
        }
        return "numpy.ndarray";
    case V_STR: return "str";
    case V_TUPLE: return "tuple";
    case V_LIST:
        return v->view == VIEW_KEYS     ? "dict_keys"
               : v->view == VIEW_VALUES ? "dict_values"
               : v->view == VIEW_ITEMS  ? "dict_items"
                                        : "list";
    case V_DICT: return "dict";
    case V_FUNC: return "builtin_function_or_method";
    case V_USERFN: return "function";
    case V_DTYPE: return "type";
    case V_IMAGE: return "PIL.Image.Image";
    case V_RANGE: return "range";
    case V_FILE: return "_io.BufferedReader";
    }
    return "object";
}

/* type(x): printed as Python does, <class 'numpy.ndarray'>. */
static Value *f_type(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    char buf[80];
    snprintf(buf, sizeof buf, "<class '%s'>", type_name(a->v[0]));
    Value *v = val_str(buf);
    if (v) v->kind = V_DTYPE; /* prints bare, as a class does */
    return v ? v : err_set(e, ERR_MEMORY, "out of memory");
}

/* Is v of the type t (a name such as int or np.ndarray, or type(y))? -1
 * when t is no type. */
static int is_instance(const Value *v, const Value *t) {
    const char *want = t->kind == V_FUNC                          ? t->fn->name
                       : (t->kind == V_DTYPE || t->kind == V_STR) ? t->str
                                                                  : NULL;
    if (!want) return -1;
    const char *have = type_name(v);
    return strcmp(have, want) == 0 ||
           (strcmp(want, "ndarray") == 0 && strcmp(have, "numpy.ndarray") == 0) ||
           (strcmp(want, "int") == 0 && strcmp(have, "bool") == 0) ||
           (strncmp(want, "<class '", 8) == 0 && strncmp(want + 8, have, strlen(have)) == 0 &&
            want[8 + strlen(have)] == '\'');
}

/* isinstance(x, T) for the types a learner checks: int, float, bool, str,
 * list, tuple, dict, np.ndarray (given as a name or type(y)), or a tuple of
 * them (true when x is of any). */
static Value *f_isinstance(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Value *t = a->v[1];
    int yes = 0;
    if (t->kind == V_TUPLE) {
        for (int i = 0; i < t->n && yes == 0; i++) /* the first match wins */
            yes = is_instance(a->v[0], t->items[i]);
    } else {
        yes = is_instance(a->v[0], t);
    }
    if (yes < 0)
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 1),
                          "isinstance() needs a type (int, np.ndarray ...) or a tuple of types");
    Array *r = arr_scalar_bool(yes, e);
    if (r) r->weak = true;
    return builtin_wrap(r, e);
}

/* sys.path.append(dir): the book's scripts add the parent folder to the
 * module path; nnsh's modules are built in, so there is nothing to do. */
static Value *f_path_append(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    if (a->v[0]->kind != V_STR)
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "sys.path.append takes a folder name");
    return builtin_none(e);
}

static Value *f_len(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Value *v = a->v[0];
    switch (v->kind) {
    case V_ARRAY:
        if (v->arr->ndim == 0)
            return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                              "len() of a 0-d array (a single number)");
        return int_value(v->arr->shape[0], e);
    case V_TUPLE:
    case V_LIST:
    case V_DICT: return int_value(v->n, e);
    case V_STR: return int_value((int64_t)strlen(v->str), e);
    case V_RANGE: return int_value(val_range_len(v), e);
    default:
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0), "a %s has no length",
                          val_kind_name((v)->kind));
    }
}

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
            return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0), "'%s' is not a number", v->str);
    } else if (v->kind == V_ARRAY && v->arr->size == 1) {
        d = arr_get(v->arr, 0);
    } else {
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "%s() needs a single number, not a %s", a->fname,
                          v->kind == V_ARRAY ? "multi-element array" : val_kind_name((v)->kind));
    }
    Array *r;
    if (t == DT_INT64) {
        if (!(fabs(d) < 9.2233720368547758e18))
            return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0), "cannot convert %g to int", d);
        r = arr_scalar_i64((int64_t)d, e);
    } else if (t == DT_BOOL) {
        r = arr_scalar_bool(d != 0, e);
    } else {
        r = arr_scalar_f64(d, e);
    }
    if (r) r->weak = true; /* a Python number */
    return builtin_wrap(r, e);
}

static Value *f_float(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_FLOAT64, e);
}

static Value *f_int(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_INT64, e);
}

/* bool(x): Python's truth of a string, None or container (empty is False);
 * a number's truth otherwise. */
static Value *f_bool(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Value *v = a->v[0];
    int truth = -1;
    switch (v->kind) {
    case V_NONE: truth = 0; break;
    case V_STR: truth = v->str[0] != '\0'; break;
    case V_LIST:
    case V_TUPLE:
    case V_DICT: truth = v->n > 0; break;
    case V_RANGE: truth = val_range_len(v) > 0; break;
    default: break;
    }
    if (truth < 0) return to_scalar(a, DT_BOOL, e);
    Array *r = arr_scalar_bool(truth, e);
    if (r) r->weak = true;
    return builtin_wrap(r, e);
}

/* An int64 rounded to a multiple of 10**-digits (digits < 0), ties to even,
 * as Python rounds ints. */
static int64_t round_int(int64_t v, int digits) {
    if (digits >= 0) return v;
    if (digits < -18) return 0;
    int64_t p = 1;
    for (int i = 0; i < -digits; i++)
        p *= 10;
    int64_t q = v / p, r = v % p;
    if (r < 0) { /* floor division */
        q -= 1;
        r += p;
    }
    if (r * 2 > p || (r * 2 == p && (q & 1))) q += 1;
    return q * p;
}

/* A double rounded to `digits` decimal places, ties to even on its exact
 * value (printf rounds the exact binary value correctly, as Python does). */
static double round_double(double d, int digits) {
    if (!isfinite(d) || d == 0) return d;
    if (digits > 320) return d;
    if (digits >= 0) {
        char buf[720];
        snprintf(buf, sizeof buf, "%.*f", digits, d);
        double r = strtod(buf, NULL);
        return r == 0 ? copysign(0.0, d) : r;
    }
    if (digits < -308) return copysign(0.0, d);
    double p = pow(10.0, -digits);
    return copysign(nearbyint(d / p) * p, d);
}

/* round(x[, ndigits]): Python's round, ties to even. Without ndigits the
 * result is an int; with it, a number of x's own type. */
static Value *f_round(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Value *v = a->v[0];
    if (v->kind != V_ARRAY || v->arr->ndim != 0)
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "round() needs a single number, not %s", what_is(v));
    bool has_digits = a->n > 1 && a->v[1]->kind != V_NONE;
    int64_t digits = 0;
    if (has_digits && (!eval_int(a->v[1], &digits) || dtype_is_float(a->v[1]->arr->dtype)))
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 1),
                          "round()'s ndigits must be an integer");
    if (digits > 1000) digits = 1000;
    if (digits < -1000) digits = -1000;
    const Array *x = v->arr;
    Array *r;
    if (!dtype_is_float(x->dtype)) { /* bool, uint8, int64 */
        int64_t i = x->dtype == DT_INT64 ? ((const int64_t *)x->data)[0] : (int64_t)arr_get(x, 0);
        r = arr_scalar_i64(round_int(i, (int)digits), e);
        if (r) r->weak = x->weak || x->dtype != DT_INT64 || !has_digits;
    } else if (!has_digits) {
        double d = nearbyint(arr_get(x, 0));
        if (isnan(d))
            return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0), "cannot round NaN to an int");
        if (!(fabs(d) < 9.2233720368547758e18))
            return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0),
                              "round() of %g is beyond nnsh's 64-bit ints", d);
        r = arr_scalar_i64((int64_t)d, e);
        if (r) r->weak = true;
    } else {
        r = arr_scalar_f64(round_double(arr_get(x, 0), (int)digits), e);
        if (r) r->weak = x->weak;
    }
    return builtin_wrap(r, e);
}

/* --- min, max, sum, abs: Python's, over any iterable ------------------------ */

/* The things min/max/sum go through: the items of a->v[0] when it is the
 * only argument, else the arguments. *n new values in *items (freed by
 * drop_items), false with e set. */
static bool gather(const CallArgs *a, bool one_iterable, Value ***items, int64_t *n, Err *e) {
    *items = NULL;
    if (!one_iterable) {
        *n = a->n;
        *items = calloc((size_t)a->n, sizeof **items);
        if (!*items) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        for (int i = 0; i < a->n; i++)
            (*items)[i] = val_ref(a->v[i]);
        return true;
    }
    if (!exec_iter_len(a->v[0], builtin_arg_span(a, 0), n, e)) return false;
    if (*n > 100000000)
        return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0),
                          "%s() over %lld things: use np.%s for arrays that large", a->fname,
                          (long long)*n, a->fname) != NULL;
    *items = calloc((size_t)(*n ? *n : 1), sizeof **items);
    if (!*items) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    for (int64_t i = 0; i < *n; i++)
        if (!((*items)[i] = exec_iter_item(a->v[0], i, e))) {
            if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
            return false;
        }
    return true;
}

static void drop_items(Value **items, int64_t n) {
    for (int64_t i = 0; items && i < n; i++)
        val_free(items[i]);
    free(items);
}

/* sum(W1, axis=1) means NumPy's: say so, with the call that does it. */
static Value *numpy_meant(const CallArgs *a, Err *e) {
    const char *t = a->call->text;
    return err_set_at(e, ERR_TYPE, a->call->span,
                      "Python's %s() has no axis or keepdims; NumPy's does: `np.%s`", a->fname,
                      t && strlen(t) < 200 ? t : a->fname);
}

/* min(iterable) / min(a, b, ...) and max: the first smallest (largest)
 * thing, compared as Python compares. */
static Value *extreme(const CallArgs *a, bool want_max, Err *e) {
    if (builtin_kw(a, "axis") || builtin_kw(a, "keepdims")) return numpy_meant(a, e);
    Value **items;
    int64_t n = 0;
    if (!gather(a, a->n == 1, &items, &n, e)) {
        drop_items(items, n);
        return NULL;
    }
    if (n == 0) {
        free(items);
        return err_set_at(e, ERR_VALUE, a->call->span, "%s() of an empty sequence", a->fname);
    }
    for (int64_t i = 0; i < n; i++)
        if (items[i]->kind == V_ARRAY && items[i]->arr->ndim > 0) {
            /* max(W1) compares W1's rows: NumPy's max was meant */
            const char *t0 = a->nodes[0] ? a->nodes[0]->text : NULL;
            const char *t1 = a->n == 2 && a->nodes[1] ? a->nodes[1]->text : NULL;
            const char *word = want_max ? "largest" : "smallest";
            drop_items(items, n);
            if (a->n == 1 && t0 && strlen(t0) < 100)
                return err_set_at(e, ERR_TYPE, a->call->span,
                                  "Python's %s() compares whole rows here, which has no answer; "
                                  "`np.%s(%s)` gives the %s element",
                                  a->fname, a->fname, t0, word);
            if (t0 && t1 && strlen(t0) + strlen(t1) < 100)
                return err_set_at(e, ERR_TYPE, a->call->span,
                                  "Python's %s() cannot order arrays; `np.%simum(%s, %s)` takes "
                                  "the %s of each pair of elements",
                                  a->fname, want_max ? "max" : "min", t0, t1, word);
            return err_set_at(e, ERR_TYPE, a->call->span, "Python's %s() cannot order arrays",
                              a->fname);
        }
    int64_t best = 0;
    for (int64_t i = 1; i < n; i++) {
        bool better;
        if (!eval_compare(items[i], items[best], want_max ? OP_GT : OP_LT, &better, a->call->span,
                          e)) {
            drop_items(items, n);
            return NULL;
        }
        if (better) best = i;
    }
    Value *r = val_ref(items[best]);
    drop_items(items, n);
    return r;
}

static Value *f_min(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return extreme(a, false, e);
}

static Value *f_max(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return extreme(a, true, e);
}

/* x + y for sum(): Python's checked ints, else NumPy's addition (numbers
 * and arrays). NULL with e set. */
static Value *add_two(const Value *x, const Value *y, Span at, Err *e) {
    if (x->kind != V_ARRAY || y->kind != V_ARRAY)
        return err_set_at(e, ERR_TYPE, at, "sum() adds numbers and arrays, not a %s",
                          val_kind_name(x->kind != V_ARRAY ? x->kind : y->kind));
    int64_t ix, iy, r;
    bool weak = x->arr->weak && y->arr->weak && x->arr->ndim == 0 && y->arr->ndim == 0;
    if (weak && eval_int(x, &ix) && eval_int(y, &iy)) {
        if (__builtin_add_overflow(ix, iy, &r))
            return err_set_at(e, ERR_VALUE, at,
                              "integer overflow in sum(): the total is beyond "
                              "nnsh's 64-bit ints");
        Array *s = arr_scalar_i64(r, e);
        if (s) s->weak = true;
        return builtin_wrap(s, e);
    }
    Array *s = op_binary(OP_ADD, x->arr, y->arr, e);
    if (s && weak) s->weak = true; /* Python floats add to a Python float */
    if (!s && e->span.line == 0) e->span = at;
    return builtin_wrap(s, e);
}

static Value *f_sum(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    if (builtin_kw(a, "axis") || builtin_kw(a, "keepdims")) return numpy_meant(a, e);
    const Value *start = a->n > 1 ? a->v[1] : builtin_kw(a, "start");
    Value **items;
    int64_t n = 0;
    if (!gather(a, true, &items, &n, e)) {
        drop_items(items, n);
        return NULL;
    }
    Value *acc;
    if (start) {
        acc = val_ref((Value *)start);
    } else {
        Array *z = arr_scalar_i64(0, e);
        if (z) z->weak = true; /* sum([]) is the int 0 */
        acc = builtin_wrap(z, e);
    }
    for (int64_t i = 0; acc && i < n; i++) {
        Value *next = add_two(acc, items[i], a->call->span, e);
        val_free(acc);
        acc = next;
    }
    drop_items(items, n);
    return acc;
}

/* abs(x): a Python number stays one (abs(True) is 1); anything else is
 * np.abs(x). */
static Value *f_abs(Interp *in, const CallArgs *a, Err *e) {
    const Value *v = a->v[0];
    int64_t i;
    if (v->kind == V_ARRAY && v->arr->ndim == 0 && v->arr->weak) {
        Array *r;
        if (eval_int(v, &i)) {
            if (i == INT64_MIN)
                return err_set_at(e, ERR_VALUE, a->call->span,
                                  "integer overflow: abs() of the smallest 64-bit int");
            r = arr_scalar_i64(i < 0 ? -i : i, e);
        } else {
            r = arr_scalar_f64(fabs(arr_get(v->arr, 0)), e);
        }
        if (r) r->weak = true;
        return builtin_wrap(r, e);
    }
    const Builtin *np_abs = reg_find_member(interp_registry(in), "abs");
    if (!np_abs || !np_abs->fn) return err_set_at(e, ERR_NAME, a->call->span, "np.abs is missing");
    return np_abs->fn(in, a, e);
}

/* The text of v in a ShowMode, as a new value. */
static Value *shown(Interp *in, const Value *v, ShowMode mode, Err *e) {
    char *buf = pyfmt_text(in, v, mode == SHOW_INLINE);
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

#define FN(name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, rule)                 \
    { name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, NULL, rule, false, true }

const Builtin python_builtins[] = {
    FN("range", "python", "range([start,] stop[, step])",
       "The integers from start up to (not including) stop, for a for loop.", "range(len(x))", NULL,
       "for i in range(3): print(i)", 1, 3, NULL, f_range, SHAPE_NONE),
    FN("enumerate", "python", "enumerate(x)", "Pairs (i, item) of the items of x.",
       "for i, row in enumerate(T)", NULL, "list(enumerate(['a', 'b']))", 1, 1, NULL, f_enumerate,
       SHAPE_NONE),
    FN("zip", "python", "zip(a, b)", "Pairs (a[i], b[i]), as long as the shorter.",
       "for x, t in zip(xs, ts)", NULL, "list(zip([1, 2], [3, 4]))", 2, 2, NULL, f_zip, SHAPE_NONE),
    FN("list", "python", "list(x)", "The items of x in a new list.", "list(range(3))", NULL,
       "list(range(3))", 0, 1, NULL, f_list, SHAPE_NONE),
    FN("tuple", "python", "tuple(x)", "The items of x in a new tuple.", "tuple(range(3))", NULL,
       "tuple(range(3))", 0, 1, NULL, f_tuple, SHAPE_NONE),
    FN("dict", "python", "dict([pairs])",
       "A new dict (string keys), empty or from (key, value) pairs.", "dict(zip(names, values))",
       NULL, "dict([('W1', 1), ('b1', 2)])", 0, 1, NULL, f_dict, SHAPE_NONE),
    FN("type", "python", "type(x)", "The type of x, as Python names it.", "type(x)", NULL,
       "type(W1)", 1, 1, NULL, f_type, SHAPE_NONE),
    FN("isinstance", "python", "isinstance(x, type)", "Is x of that type?",
       "isinstance(x, np.ndarray)", NULL, "isinstance(W1, np.ndarray)", 2, 2, NULL, f_isinstance,
       SHAPE_NONE),
    FN("sys.path.append", "output", "sys.path.append(dir)",
       "Accepted so the book's scripts paste as they are; nnsh's modules are built in, so it "
       "changes nothing.",
       "sys.path.append(os.pardir)", NULL, "sys.path.append(os.pardir)", 1, 1, NULL, f_path_append,
       SHAPE_NOVALUE),
    FN("min", "python", "min(xs) or min(a, b, ...)",
       "Python's min: the smallest item (np.min for an array's smallest element).", "min(3, 1, 2)",
       NULL, "min([4, 2, 8])", 1, -1, "axis keepdims", f_min, SHAPE_NONE),
    FN("max", "python", "max(xs) or max(a, b, ...)",
       "Python's max: the largest item (np.max for an array's largest element).", "max(3, 1, 2)",
       NULL, "max(range(4))", 1, -1, "axis keepdims", f_max, SHAPE_NONE),
    FN("sum", "python", "sum(xs, start=0)",
       "Python's sum: start plus each item in turn (np.sum adds an array's elements).",
       "sum([0.1, 0.2])", NULL, "sum(range(5))", 1, 2, "start axis keepdims", f_sum, SHAPE_NONE),
    FN("abs", "python", "abs(x)", "Python's abs: a number's size; np.abs(x) for an array.",
       "abs(-3)", NULL, "abs(-2.5)", 1, 1, NULL, f_abs, SHAPE_NONE),
    FN("len", "array", "len(x)", "The length of the first axis (or of a tuple, list, dict).",
       "len(x)", "(n, ...) -> n", "len(W1)", 1, 1, NULL, f_len, SHAPE_SCALAR),
    FN("float", "output", "float(x)", "One number as a float (from a size-1 array or a string).",
       "float(x)", "size 1 -> ()", "float('inf')", 1, 1, NULL, f_float, SHAPE_SCALAR),
    FN("int", "output", "int(x)", "One number as an int (truncated toward zero).", "int(x)",
       "size 1 -> ()", "int(2.7)", 1, 1, NULL, f_int, SHAPE_SCALAR),
    FN("bool", "output", "bool(x)", "One number as True or False.", "bool(x)", "size 1 -> ()",
       "bool(0)", 1, 1, NULL, f_bool, SHAPE_SCALAR),
    FN("round", "python", "round(x[, ndigits])",
       "x rounded to ndigits decimals (ties to even); without ndigits an int.", "round(x, 2)", NULL,
       "round(0.9352, 2)", 1, 2, NULL, f_round, SHAPE_SCALAR),
    FN("print", "output", "print(a, b, ..., sep=' ', end='\\n')",
       "Print values as Python's print does (arrays as NumPy prints them), even with echo off.",
       "print(a, b)", NULL, "print(A1, A1.shape)", 0, -1, "sep end", f_print, SHAPE_NOVALUE),
    FN("repr", "output", "repr(x)", "The text that recreates x, e.g. array([0.1, 0.2]).", "repr(x)",
       NULL, "repr(B1)", 1, 1, NULL, f_repr, SHAPE_NONE),
    FN("str", "output", "str(x)", "The text print shows for x.", "str(x)", NULL, "str(B1)", 1, 1,
       NULL, f_str, SHAPE_NONE),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0},
};
