/* eval.c - evaluating expression nodes into values (see eval.h).
 *
 * Every node kind has one function here. They return a Ref, so a bare
 * variable name costs nothing (a reference to the variable's value is
 * taken) and only results of operations are new. Errors carry the span of the node at fault:
 * the innermost failing node sets it, outer nodes leave it alone, except
 * that shape errors move the caret to the operator or call.
 */
#include "interp_priv.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "modules.h"
#include "pyfmt.h"
#include "ops.h"
#include "undo.h"

/* --- refs ---------------------------------------------------------------- */

void ref_drop(Ref *r) {
    val_free(r->own);
    r->own = NULL;
    r->v = NULL;
}

Value *ref_take(Ref *r, Err *e) {
    (void)e;
    Value *v = r->own ? r->own : val_ref(r->v);
    r->own = NULL;
    r->v = NULL;
    return v;
}

/* Make *out own v (a new value, NULL meaning the allocation failed). */
/* --- small helpers --------------------------------------------------------- */

static void copy_name(char *dst, const char *src) {
    size_t i = 0;
    for (; src && src[i] && i < ERR_NAME_LEN - 1; i++)
        dst[i] = src[i];
    dst[i] = '\0';
}

void eval_name_operands(Err *e, const Node *a, const Node *b) {
    if (e->kind != ERR_SHAPE && !(e->kind == ERR_INDEX && e->nops > 0)) return;
    const Node *nodes[2] = {a, b};
    for (int i = 0; i < e->nops && i < 2; i++) {
        if (!nodes[i]) continue;
        if (!e->ops[i].name[0]) copy_name(e->ops[i].name, nodes[i]->text);
        e->ops[i].span = nodes[i]->span;
    }
}

void eval_trace(Interp *in, const char *op, const Node *node, const Array *a, const Node *an,
                const Array *b, const Node *bn, const Array *result) {
    if (!in->trace) return;
    TraceEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.op = op;
    ev.node = node;
    if (a) {
        ev.args[ev.nargs] = a;
        ev.argtext[ev.nargs++] = an && an->text ? an->text : "";
    }
    if (b) {
        ev.args[ev.nargs] = b;
        ev.argtext[ev.nargs++] = bn && bn->text ? bn->text : "";
    }
    ev.result = result;
    char where[96];
    ev.where = exec_where(in, node, where, sizeof where);
    ev.depth = in->depth;
    in->trace(in->trace_ctx, &ev);
}

bool eval_int(const Value *v, int64_t *out) {
    if (!v || v->kind != V_ARRAY || v->arr->ndim != 0) return false;
    if (!dtype_is_int(v->arr->dtype) && v->arr->dtype != DT_BOOL) return false;
    *out = arr_get_i64(v->arr, 0);
    return true;
}

/* --- names ----------------------------------------------------------------- */

/* Edit distance between a and b where a change of letter case is free, with
 * an early way out once it exceeds `limit`. Names longer than 63 bytes are
 * never suggested. */
static int distance(const char *a, const char *b, int limit) {
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 63 || lb > 63 || abs(la - lb) > limit) return limit + 1;
    int row[64], prev[64];
    for (int j = 0; j <= lb; j++)
        prev[j] = j;
    for (int i = 1; i <= la; i++) {
        row[0] = i;
        int best = row[0];
        for (int j = 1; j <= lb; j++) {
            int same = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]);
            int d = prev[j - 1] + !same;
            if (prev[j] + 1 < d) d = prev[j] + 1;
            if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
            row[j] = d;
            if (d < best) best = d;
        }
        if (best > limit) return limit + 1;
        memcpy(prev, row, (size_t)(lb + 1) * sizeof *row);
    }
    return prev[lb];
}

/* The closest known name to `name` (variables first, then built-ins), or
 * NULL when nothing is close. */
static const char *suggest(Interp *in, const char *name) {
    int limit = strlen(name) <= 3 ? 1 : 2;
    const char *best = NULL;
    int bestd = limit + 1;
    for (int i = 0; i < vars_count(in->vars); i++) {
        int d = distance(name, vars_name_at(in->vars, i), limit);
        if (d < bestd) bestd = d, best = vars_name_at(in->vars, i);
    }
    for (int i = 0; i < reg_count(in->reg); i++) {
        int d = distance(name, reg_at(in->reg, i)->name, limit);
        if (d < bestd) bestd = d, best = reg_at(in->reg, i)->name;
    }
    return best;
}

static bool name_error(Interp *in, const Node *n, const char *name, Err *e) {
    const char *s = suggest(in, name);
    if (s)
        err_set_at(e, ERR_NAME, n->span, "name '%s' is not defined; did you mean '%s'?", name, s);
    else
        err_set_at(e, ERR_NAME, n->span, "name '%s' is not defined", name);
    return false;
}

/* The module bound to `name`: an import's alias, or NumPy as np/numpy
 * always. A variable of that name wins. */
static const ModuleDef *module_named(Interp *in, const char *name) {
    if (scope_get(in, name)) return NULL;
    for (int i = 0; i < in->nmods; i++)
        if (strcmp(in->mods[i].alias, name) == 0) return in->mods[i].mod;
    if (strcmp(name, "np") == 0 || strcmp(name, "numpy") == 0) return mod_find("numpy");
    return NULL;
}

/* "np.random.randn" for a chain of N_ATTR over an N_NAME; false when the node
 * is anything else or the text does not fit. */
static bool dotted(const Node *n, char *buf, size_t size) {
    if (n->kind == N_NAME) {
        if (strlen(n->str) >= size) return false;
        strcpy(buf, n->str);
        return true;
    }
    if (n->kind != N_ATTR || !dotted(n->kids[0], buf, size)) return false;
    size_t len = strlen(buf);
    if (len + 1 + strlen(n->str) >= size) return false;
    buf[len] = '.';
    strcpy(buf + len + 1, n->str);
    return true;
}

/* A path over a module, such as np.random.randn or plt.plot: true with the
 * member's registry name in buf ("random.randn", "pyplot.plot"; empty when
 * the path names no member) and *owner the module it belongs to (NULL when
 * no known module starts it). False when n is no such path. */
static bool module_path(Interp *in, const Node *n, char *buf, size_t size,
                        const ModuleDef **owner) {
    char path[256];
    if (n->kind != N_ATTR || !dotted(n, path, sizeof path)) return false;
    char *dot = strchr(path, '.');
    *dot = '\0';
    const ModuleDef *root = module_named(in, path);
    if (!root) return false;
    if (root->prefix && !root->prefix[0] && strcmp(root->name, "numpy") == 0) {
        /* np.X: NumPy's members carry no prefix (the common case, kept quick) */
        *owner = root;
        size_t len = strlen(dot + 1); /* (a copy as snprintf's, without its cost) */
        if (len >= size) len = size - 1;
        memcpy(buf, dot + 1, len);
        buf[len] = '\0';
        return true;
    }
    char full[320];
    snprintf(full, sizeof full, "%s.%s", root->name, dot + 1);
    if (!mod_resolve(full, owner, buf, size)) buf[0] = '\0';
    return true;
}

/* A command is a statement of its own (registry.h): interp_exec runs it at
 * the head of a statement, and the evaluator never does, so nothing a
 * statement has half evaluated can be freed under it by `clear` or
 * `example`. The parser refuses such lines first; this is the backstop for
 * trees built another way. */
static bool command_inside(const Builtin *b, const Node *at, Err *e) {
    return err_set_at(e, ERR_SYNTAX, at->span,
                      "'%s' is a command: type it as a statement of its own, not inside an "
                      "expression",
                      b->name) != NULL;
}

static bool eval_name(Interp *in, const Node *n, Ref *out, Err *e) {
    const Value *v = scope_get(in, n->str);
    if (v) {
        borrow(out, v);
        return true;
    }
    const Builtin *b = reg_find(in->reg, n->str);
    if (b && b->fn) return own(out, val_func(b), e);
    if (b && b->cmd) return command_inside(b, n, e);
    const ModuleDef *m = module_named(in, n->str);
    if (m && strcmp(m->name, "numpy") == 0)
        return err_set_at(e, ERR_TYPE, n->span,
                          "%s is NumPy itself: use one of its functions, e.g. np.dot(X, W1)",
                          n->str) != NULL;
    if (m)
        return err_set_at(e, ERR_TYPE, n->span,
                          "%s is a module: use one of its functions, as in %s.NAME(...)", n->str,
                          n->str) != NULL;
    return name_error(in, n, n->str, e);
}

/* A member of a module other than NumPy: a function, a value command
 * (pickle.load) or a constant (os.pardir); anything else is refused by
 * name. */
static bool other_member(Interp *in, const Node *n, const ModuleDef *owner, const char *member,
                         Ref *out, Err *e) {
    const char *c = member[0] ? mod_constant(member) : NULL;
    if (c) return own(out, val_str(c), e);
    const Builtin *b = member[0] ? reg_find_member(in->reg, member) : NULL;
    if (b && (b->fn || b->value)) return own(out, val_func(b), e);
    if (owner && !member[0] && owner->prefix)
        return err_set_at(e, ERR_TYPE, n->span, "%s is a module (%s), not a value",
                          n->text ? n->text : owner->name, owner->about) != NULL;
    return err_set_at(e, ERR_NAME, n->span, "%s: nnsh's %s has no '%s'", n->text ? n->text : member,
                      owner ? owner->name : "module", n->kind == N_ATTR ? n->str : member) != NULL;
}

/* np.NAME: a built-in function, a dtype, newaxis or a constant; for other
 * modules see other_member. */
static bool eval_module_member(Interp *in, const Node *n, const ModuleDef *owner,
                               const char *member, Ref *out, Err *e) {
    if (!owner || strcmp(owner->name, "numpy") != 0)
        return other_member(in, n, owner, member, out, e);
    DType t;
    if (strchr(member, '.') == NULL && dtype_parse(member, &t)) return own(out, val_dtype(t), e);
    if (strcmp(member, "newaxis") == 0) return own(out, val_none(), e);
    if (strcmp(member, "ndarray") == 0) { /* the class, for isinstance */
        Value *c = val_str("ndarray");
        if (c) c->kind = V_DTYPE;
        return own(out, c, e);
    }
    static const struct {
        const char *name;
        double v;
    } consts[] = {
        {"pi", 3.141592653589793},
        {"e", 2.718281828459045},
        {"inf", INFINITY},
        {"nan", NAN},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (strcmp(member, consts[i].name) == 0) {
            Array *a = arr_scalar_f64(consts[i].v, e);
            if (a) a->weak = true; /* a Python float */
            return own_array(out, a, e);
        }
    const Builtin *b = reg_find_member(in->reg, member);
    if (b && b->fn) return own(out, val_func(b), e);
    static const char *const other_dtypes[] = {"float16",    "int8",    "int16",  "int32",
                                               "uint16",     "uint32",  "uint64", "complex64",
                                               "complex128", "complex", NULL};
    for (int i = 0; other_dtypes[i]; i++)
        if (strcmp(member, other_dtypes[i]) == 0)
            return err_set_at(e, ERR_VALUE, n->span,
                              "nnsh has no dtype %s; it has bool, uint8, int64, float32 and "
                              "float64",
                              member) != NULL;
    return err_set_at(e, ERR_NAME, n->span,
                      "nnsh has no '%s' (type help to list the NumPy functions it knows)",
                      n->text ? n->text : member) != NULL;
}

/* --- lists and arrays -------------------------------------------------------- */

static bool numeric_at(const Value *v, int depth) {
    if (v->kind == V_ARRAY) return true;
    /* deeper than any array nnsh can make: not numbers (and no deep walk) */
    if ((v->kind != V_TUPLE && v->kind != V_LIST) || depth > ARR_MAXDIM) return false;
    for (int i = 0; i < v->n; i++)
        if (!numeric_at(v->items[i], depth + 1)) return false;
    return true;
}

bool eval_is_numeric(const Value *v) {
    return numeric_at(v, 0);
}

/* Stack the numeric values vals[0..n) into one new array with a leading axis
 * of length n. `depth` is the nesting level of the list being stacked (1 for
 * the outermost), so a ragged list can be reported by depth. */
static Array *stack(const Value *const *vals, int n, int depth, Err *e) {
    const Array **arrs = zalloc((size_t)(n ? n : 1), sizeof *arrs);
    Array **tmp = zalloc((size_t)(n ? n : 1), sizeof *tmp);
    Array *r = NULL;
    if (!arrs || !tmp) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        if (vals[i]->kind == V_ARRAY) {
            arrs[i] = vals[i]->arr;
        } else {
            tmp[i] = stack((const Value *const *)vals[i]->items, vals[i]->n, depth + 1, e);
            if (!tmp[i]) goto done;
            arrs[i] = tmp[i];
        }
    }
    int64_t shape[ARR_MAXDIM + 1] = {n};
    int ndim = 1;
    DType dt = DT_FLOAT64;
    if (n > 0) {
        const Array *a0 = arrs[0];
        dt = a0->dtype;
        for (int i = 1; i < n; i++) {
            const Array *ai = arrs[i];
            for (int k = 0; k <= a0->ndim || k <= ai->ndim; k++) {
                if (k == a0->ndim && k == ai->ndim) break;
                if (k == a0->ndim || k == ai->ndim) {
                    int64_t len = k == a0->ndim ? ai->shape[k] : a0->shape[k];
                    err_set(e, ERR_VALUE,
                            "ragged nested list: at depth %d a number sits beside a list "
                            "of length %lld; NumPy needs a rectangular list",
                            depth + 1 + k, (long long)len);
                    goto done;
                }
                if (a0->shape[k] != ai->shape[k]) {
                    err_set(e, ERR_VALUE,
                            "ragged nested list: at depth %d the lists have lengths %lld "
                            "and %lld; NumPy needs every row to have the same length",
                            depth + 1 + k, (long long)a0->shape[k], (long long)ai->shape[k]);
                    goto done;
                }
            }
            dt = dtype_promote(dt, ai->dtype);
        }
        if (a0->ndim + 1 > ARR_MAXDIM) {
            err_set(e, ERR_VALUE, "nnsh arrays have at most %d axes", ARR_MAXDIM);
            goto done;
        }
        for (int k = 0; k < a0->ndim; k++)
            shape[k + 1] = a0->shape[k];
        ndim = a0->ndim + 1;
    }
    r = arr_new_uninit(dt, ndim, shape, e);
    if (!r) goto done;
    int64_t step = n ? arrs[0]->size : 0;
    for (int i = 0; i < n; i++) {
        const Array *a = arrs[i];
        if (a->dtype == dt) {
            if (a->size)
                memcpy((char *)r->data + (size_t)(i * step) * dtype_size(dt), a->data,
                       arr_nbytes(a));
        } else if (dt == DT_INT64) {
            for (int64_t j = 0; j < step; j++)
                ((int64_t *)r->data)[i * step + j] = arr_get_i64(a, j);
        } else {
            for (int64_t j = 0; j < step; j++)
                arr_set(r, i * step + j, arr_get(a, j));
        }
    }
done:
    if (tmp)
        for (int i = 0; i < n; i++)
            arr_free(tmp[i]);
    free(tmp);
    free(arrs);
    return r;
}

Array *eval_to_array(const Value *v, Err *e) {
    if (v->kind == V_ARRAY) {
        Array *a = arr_copy(v->arr, e);
        if (a) a->weak = false;
        return a;
    }
    if (!eval_is_numeric(v))
        return err_set(e, ERR_TYPE, "cannot make an array from a %s", kind_of(v));
    return stack((const Value *const *)v->items, v->n, 1, e);
}

/* [a, b, ...]: an array when every item is numeric, else a list value.
 * Nested list literals are evaluated here with their depth so a ragged one
 * is named by the depth counted from the outermost bracket. */
static bool eval_list(Interp *in, const Node *n, int depth, Ref *out, Err *e) {
    int k = n->nkids;
    Ref *refs = zalloc((size_t)(k ? k : 1), sizeof *refs);
    const Value **vals = zalloc((size_t)(k ? k : 1), sizeof *vals);
    bool ok = false, numeric = true;
    if (!refs || !vals) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto done;
    }
    for (int i = 0; i < k; i++) {
        const Node *kid = n->kids[i];
        bool good = kid->kind == N_LIST ? eval_list(in, kid, depth + 1, &refs[i], e)
                                        : eval_ref(in, kid, &refs[i], e);
        if (!good) goto done;
        vals[i] = refs[i].v;
        if (!eval_is_numeric(vals[i])) numeric = false;
    }
    (void)depth;
    (void)numeric; /* a list stays a list, as in Python; NumPy's functions and
                      operators with an array take it as an array */
    {
        Value **items = zalloc((size_t)(k ? k : 1), sizeof *items);
        if (!items) {
            err_set(e, ERR_MEMORY, "out of memory");
            goto done;
        }
        for (int i = 0; i < k; i++) {
            items[i] = ref_take(&refs[i], e);
            if (!items[i]) {
                for (int j = 0; j < i; j++)
                    val_free(items[j]);
                free(items);
                goto done;
            }
        }
        ok = own(out, val_seq(V_LIST, items, k), e);
        free(items);
    }
done:
    for (int i = 0; refs && i < k; i++)
        ref_drop(&refs[i]);
    free(refs);
    free(vals);
    return ok;
}

static bool eval_tuple(Interp *in, const Node *n, Ref *out, Err *e) {
    int k = n->nkids;
    Value **items = zalloc((size_t)(k ? k : 1), sizeof *items);
    if (!items) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    for (int i = 0; i < k; i++) {
        Ref r = {0};
        if (!eval_ref(in, n->kids[i], &r, e) || !(items[i] = ref_take(&r, e))) {
            for (int j = 0; j < i; j++)
                val_free(items[j]);
            free(items);
            return fail_at(e, n->kids[i]);
        }
    }
    bool ok = own(out, val_seq(V_TUPLE, items, k), e);
    free(items);
    return ok;
}

static bool eval_dict(Interp *in, const Node *n, Ref *out, Err *e) {
    Value *d = val_dict_new();
    if (!d) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    for (int i = 0; i + 1 < n->nkids; i += 2) {
        Ref key = {0}, val = {0};
        if (!eval_ref(in, n->kids[i], &key, e)) goto fail;
        if (key.v->kind != V_STR) {
            err_set_at(e, ERR_TYPE, n->kids[i]->span, "dict keys must be strings, not %s",
                       kind_of(key.v));
            ref_drop(&key);
            goto fail;
        }
        Value *v = NULL;
        if (!eval_ref(in, n->kids[i + 1], &val, e) || !(v = ref_take(&val, e))) {
            ref_drop(&key);
            goto fail;
        }
        bool put = val_dict_put(d, key.v->str, v);
        ref_drop(&key);
        if (!put) {
            err_set(e, ERR_MEMORY, "out of memory");
            goto fail;
        }
    }
    return own(out, d, e);
fail:
    val_free(d);
    return fail_at(e, n);
}

/* --- indexing ------------------------------------------------------------------- */

/* An optional integer inside a slice or index; absent when n is NULL or None. */
static bool node_int(Interp *in, const Node *n, bool *has, int64_t *v, Err *e) {
    *has = false;
    if (!n) return true;
    Ref r = {0};
    if (!eval_ref(in, n, &r, e)) return false;
    bool ok = true;
    if (r.v->kind == V_NONE) {
        /* x[None:3] is the same as x[:3] */
    } else if (eval_int(r.v, v)) {
        *has = true;
    } else {
        ok = err_set_at(e, ERR_INDEX, n->span, "slice bounds must be integers, not %s",
                        r.v->kind == V_ARRAY ? dtype_name(r.v->arr->dtype) : kind_of(r.v)) != NULL;
    }
    ref_drop(&r);
    return ok;
}

static bool slice_item(Interp *in, const Node *s, IndexItem *it, Err *e) {
    bool has_step;
    memset(it, 0, sizeof *it);
    it->kind = IDX_SLICE;
    it->step = 1;
    if (!node_int(in, s->nkids > 0 ? s->kids[0] : NULL, &it->has_start, &it->start, e) ||
        !node_int(in, s->nkids > 1 ? s->kids[1] : NULL, &it->has_stop, &it->stop, e) ||
        !node_int(in, s->nkids > 2 ? s->kids[2] : NULL, &has_step, &it->step, e))
        return false;
    if (!has_step) it->step = 1;
    if (it->step == 0)
        return err_set_at(e, ERR_VALUE, s->span, "slice step cannot be zero") != NULL;
    return true;
}

void eval_slice_range(int64_t len, const IndexItem *it, int64_t *start, int64_t *step,
                      int64_t *count) {
    int64_t st = it->step ? it->step : 1;
    int64_t lower = st > 0 ? 0 : -1, upper = st > 0 ? len : len - 1;
    int64_t lo = st > 0 ? lower : upper, hi = st > 0 ? upper : lower;
    if (it->has_start) {
        lo = it->start;
        if (lo < 0)
            lo = lo + len < lower ? lower : lo + len;
        else if (lo > upper)
            lo = upper;
    }
    if (it->has_stop) {
        hi = it->stop;
        if (hi < 0)
            hi = hi + len < lower ? lower : hi + len;
        else if (hi > upper)
            hi = upper;
    }
    int64_t n = 0;
    if (st > 0 && hi > lo) n = (hi - lo - 1) / st + 1;
    if (st < 0 && lo > hi) n = (lo - hi - 1) / (-st) + 1;
    *start = lo;
    *step = st;
    *count = n;
}

/* One array index item from node k; refs[k] keeps an index array alive. */
static bool array_item(Interp *in, const Node *k, IndexItem *it, Ref *keep, Err *e) {
    memset(it, 0, sizeof *it);
    if (k->kind == N_SLICE) return slice_item(in, k, it, e);
    if (!eval_ref(in, k, keep, e)) return false;
    const Value *v = keep->v;
    if (v->kind == V_NONE) {
        it->kind = IDX_NEWAXIS;
        return true;
    }
    if (eval_int(v, &it->i) && v->arr->dtype != DT_BOOL) {
        it->kind = IDX_INT;
        return true;
    }
    /* a boolean mask of the array's whole shape is checked (and
     * flattened) by eval_flat_mask */
    if (v->kind == V_ARRAY &&
        (v->arr->ndim == 1 || (v->arr->ndim > 1 && v->arr->dtype == DT_BOOL)) &&
        (dtype_is_int(v->arr->dtype) || v->arr->dtype == DT_BOOL)) {
        it->kind = IDX_ARRAY;
        it->arr = v->arr;
        return true;
    }
    if (v->kind == V_ARRAY && v->arr->ndim > 1 && dtype_is_int(v->arr->dtype))
        return err_set_at(e, ERR_INDEX, k->span,
                          "nnsh only indexes with 1-D index arrays, not %d-D ones",
                          v->arr->ndim) != NULL;
    return err_set_at(e, ERR_INDEX, k->span,
                      "an index must be an integer, a slice, None or an integer or boolean "
                      "array, not %s",
                      v->kind == V_ARRAY ? dtype_name(v->arr->dtype) : kind_of(v)) != NULL;
}

bool eval_index_items(Interp *in, const Node *n, IndexItem **items, Ref **keep, Err *e) {
    int k = n->nkids - 1;
    *items = zalloc((size_t)(k > 0 ? k : 1), sizeof **items);
    *keep = zalloc((size_t)(k > 0 ? k : 1), sizeof **keep);
    if (!*items || !*keep) {
        free(*items);
        free(*keep);
        return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    }
    for (int i = 0; i < k; i++)
        if (!array_item(in, n->kids[i + 1], &(*items)[i], &(*keep)[i], e)) {
            for (int j = 0; j <= i; j++)
                ref_drop(&(*keep)[j]);
            free(*items);
            free(*keep);
            return fail_at(e, n->kids[i + 1]);
        }
    return true;
}

bool eval_flat_mask(const Array *a, IndexItem *items, int nitems, Array *flat, Array *mask,
                    const Node *at, Err *e) {
    if (nitems < 1 || items[0].kind != IDX_ARRAY || items[0].arr->ndim < 2) {
        for (int i = 0; i < nitems; i++)
            if (items[i].kind == IDX_ARRAY && items[i].arr->ndim > 1)
                return err_set_at(e, ERR_INDEX, at->span,
                                  "a %d-D boolean mask must be the only index",
                                  items[i].arr->ndim) != NULL;
        return true;
    }
    const Array *m = items[0].arr;
    char s1[64], s2[64];
    if (nitems != 1 || !arr_same_shape(m, a))
        return err_set_at(e, ERR_INDEX, at->span,
                          "a boolean mask must have the shape of the array it indexes: "
                          "mask %s, array %s",
                          shape_str(s1, m->ndim, m->shape),
                          shape_str(s2, a->ndim, a->shape)) != NULL;
    /* both seen as 1-D: the headers borrow the data, nothing is copied */
    *flat = *a;
    flat->ndim = 1;
    flat->shape[0] = a->size;
    *mask = *m;
    mask->ndim = 1;
    mask->shape[0] = m->size;
    items[0].arr = mask;
    return true;
}

/* t[i] or t[a:b] on a tuple or list. */
static bool index_seq(Interp *in, const Node *n, Ref *obj, Ref *out, Err *e) {
    const Value *s = obj->v;
    if (n->nkids != 2)
        return err_set_at(e, ERR_INDEX, n->span, "a %s takes one index", kind_of(s)) != NULL;
    const Node *k = n->kids[1];
    if (k->kind == N_SLICE) {
        IndexItem it;
        if (!slice_item(in, k, &it, e)) return false;
        int64_t pos, st, cnt;
        eval_slice_range(s->n, &it, &pos, &st, &cnt);
        Value **items = zalloc((size_t)(cnt ? cnt : 1), sizeof *items);
        int m = 0;
        if (!items) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        for (; m < cnt; pos += st) {
            items[m] = val_copy(s->items[pos]);
            if (!items[m]) {
                for (int j = 0; j < m; j++)
                    val_free(items[j]);
                free(items);
                return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            }
            m++;
        }
        bool ok = own(out, val_seq(s->kind, items, m), e);
        free(items);
        return ok;
    }
    Ref r = {0};
    int64_t i;
    if (!eval_ref(in, k, &r, e)) return false;
    bool isint = eval_int(r.v, &i);
    const char *what = kind_of(r.v);
    ref_drop(&r);
    if (!isint)
        return err_set_at(e, ERR_TYPE, k->span, "%s indices must be integers, not %s", kind_of(s),
                          what) != NULL;
    if (i < -(int64_t)s->n || i >= s->n)
        return err_set_at(e, ERR_INDEX, k->span,
                          "%s index %lld is out of range (the %s has %d items)", kind_of(s),
                          (long long)i, kind_of(s), s->n) != NULL;
    if (i < 0) i += s->n;
    borrow(out, s->items[i]); /* a reference of its own: outlives a temporary */
    return true;
}

/* s[i] and s[a:b:c] on a string, by characters (UTF-8 code points). */
static bool index_str(Interp *in, const Node *n, Ref *obj, Ref *out, Err *e) {
    const char *s = obj->v->str;
    if (n->nkids != 2) return err_set_at(e, ERR_INDEX, n->span, "a str takes one index") != NULL;
    size_t len = strlen(s);
    int64_t ncp = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) ncp++;
    size_t *at = malloc((size_t)(ncp + 1) * sizeof *at); /* where each character starts */
    if (!at) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    for (size_t i = 0, k = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) at[k++] = i;
    at[ncp] = len;
    const Node *k = n->kids[1];
    int64_t pos, st, cnt;
    if (k->kind == N_SLICE) {
        IndexItem it;
        if (!slice_item(in, k, &it, e)) {
            free(at);
            return false;
        }
        eval_slice_range(ncp, &it, &pos, &st, &cnt);
    } else {
        Ref r = {0};
        int64_t i = 0;
        if (!eval_ref(in, k, &r, e)) {
            free(at);
            return false;
        }
        bool isint = eval_int(r.v, &i);
        const char *what = kind_of(r.v);
        ref_drop(&r);
        if (!isint || i < -ncp || i >= ncp) {
            free(at);
            if (!isint)
                return err_set_at(e, ERR_TYPE, k->span, "str indices must be integers, not %s",
                                  what) != NULL;
            return err_set_at(e, ERR_INDEX, k->span,
                              "str index %lld is out of range (the str has %lld characters)",
                              (long long)i, (long long)ncp) != NULL;
        }
        pos = i < 0 ? i + ncp : i;
        st = 1;
        cnt = 1;
    }
    SBuf b = {0};
    for (int64_t m = 0; m < cnt; m++, pos += st)
        sbuf_put(&b, s + at[pos], at[pos + 1] - at[pos]);
    free(at);
    char *t = sbuf_done(&b);
    if (!t) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    Value *v = val_str(t);
    free(t);
    return own(out, v, e);
}

/* d['key'] on a dict: a reference to the item, so network['W1'] costs
 * nothing. */
static bool index_dict(Interp *in, const Node *n, Ref *obj, Ref *out, Err *e) {
    const Value *d = obj->v;
    if (n->nkids != 2 || n->kids[1]->kind == N_SLICE)
        return err_set_at(e, ERR_INDEX, n->span, "a dict takes one key, like d['W1']") != NULL;
    Ref k = {0};
    const char *key;
    if (n->kids[1]->kind == N_STR) { /* network['W1']: the literal is the key */
        key = n->kids[1]->str ? n->kids[1]->str : "";
    } else {
        if (!eval_ref(in, n->kids[1], &k, e)) return false;
        if (k.v->kind != V_STR) {
            err_set_at(e, ERR_TYPE, n->kids[1]->span, "dict keys are strings, not %s",
                       kind_of(k.v));
            ref_drop(&k);
            return false;
        }
        key = k.v->str;
    }
    const Value *item = val_dict_get(d, key);
    if (!item) {
        char keys[200] = "";
        size_t len = 0;
        for (int i = 0; i < d->n && len + strlen(d->keys[i]) + 8 < sizeof keys; i++)
            len += (size_t)snprintf(keys + len, sizeof keys - len, "%s'%s'", i ? ", " : "",
                                    d->keys[i]);
        err_set_at(e, ERR_INDEX, n->kids[1]->span, "key '%s' is not in %s (its keys: %s)", key,
                   n->kids[0]->text ? n->kids[0]->text : "the dict", keys);
        ref_drop(&k);
        return false;
    }
    ref_drop(&k);
    borrow(out, item);
    return true;
}

static bool eval_index(Interp *in, const Node *n, Ref *out, Err *e) {
    Ref obj = {0};
    bool ok = false;
    if (!eval_ref(in, n->kids[0], &obj, e)) return false;
    switch (obj.v->kind) {
    case V_ARRAY: {
        IndexItem *items;
        Ref *keep;
        if (!eval_index_items(in, n, &items, &keep, e)) break;
        Array flat, mask;
        const Array *src = obj.v->arr;
        Array *res = NULL;
        if (eval_flat_mask(src, items, n->nkids - 1, &flat, &mask, n, e)) {
            if (items[0].arr == &mask) src = &flat;
            res = op_index(src, items, n->nkids - 1, e);
            if (!res) eval_name_operands(e, n->kids[0], NULL);
        }
        if (res && in->trace) eval_trace(in, "index", n, obj.v->arr, n->kids[0], NULL, NULL, res);
        for (int i = 0; i < n->nkids - 1; i++)
            ref_drop(&keep[i]);
        free(items);
        free(keep);
        ok = res ? own_array(out, res, e) : fail_at(e, n);
        break;
    }
    case V_TUPLE:
    case V_LIST: ok = index_seq(in, n, &obj, out, e); break;
    case V_DICT: ok = index_dict(in, n, &obj, out, e); break;
    case V_STR: ok = index_str(in, n, &obj, out, e); break;
    default: err_set_at(e, ERR_TYPE, n->kids[0]->span, "a %s cannot be indexed", kind_of(obj.v));
    }
    ref_drop(&obj);
    return ok ? true : fail_at(e, n);
}

/* --- attributes and calls ------------------------------------------------------- */

static Array *shape_tuple_item(int64_t v, Err *e) {
    Array *a = arr_scalar_i64(v, e);
    if (a) a->weak = true; /* Python ints, like NumPy's shape tuples */
    return a;
}

static bool array_attr(Interp *in, const Node *n, const Ref *obj, Ref *out, Err *e) {
    const Array *a = obj->v->arr;
    const char *name = n->str;
    if (strcmp(name, "T") == 0) {
        Array *t = op_transpose(a, e);
        if (t && in->trace) eval_trace(in, "T", n, a, n->kids[0], NULL, NULL, t);
        return own_array(out, t, e);
    }
    if (strcmp(name, "shape") == 0) {
        Value *items[ARR_MAXDIM];
        for (int i = 0; i < a->ndim; i++) {
            items[i] = val_array(shape_tuple_item(a->shape[i], e));
            if (!items[i]) {
                for (int j = 0; j < i; j++)
                    val_free(items[j]);
                return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            }
        }
        return own(out, val_seq(V_TUPLE, items, a->ndim), e);
    }
    if (strcmp(name, "ndim") == 0) return own_array(out, shape_tuple_item(a->ndim, e), e);
    if (strcmp(name, "size") == 0) return own_array(out, shape_tuple_item(a->size, e), e);
    if (strcmp(name, "nbytes") == 0)
        return own_array(out, shape_tuple_item((int64_t)arr_nbytes(a), e), e);
    if (strcmp(name, "dtype") == 0) return own(out, val_dtype(a->dtype), e);
    if (reg_method(in->reg, name))
        return err_set_at(e, ERR_TYPE, n->span, "%s is a method: call it, as in %s()",
                          n->text ? n->text : name, n->text ? n->text : name) != NULL;
    return err_set_at(e, ERR_NAME, n->span,
                      "arrays have no attribute '%s' (try .shape .ndim .size .dtype .T)",
                      name) != NULL;
}

static bool eval_attr(Interp *in, const Node *n, Ref *out, Err *e) {
    char buf[128];
    const ModuleDef *owner;
    if (module_path(in, n, buf, sizeof buf, &owner))
        return eval_module_member(in, n, owner, buf, out, e);
    Ref obj = {0};
    if (!eval_ref(in, n->kids[0], &obj, e)) return false;
    bool ok;
    if (obj.v->kind == V_ARRAY)
        ok = array_attr(in, n, &obj, out, e);
    else
        ok = err_set_at(e, ERR_NAME, n->span, "a %s has no attribute '%s'", kind_of(obj.v),
                        n->str) != NULL;
    ref_drop(&obj);
    return ok ? true : fail_at(e, n);
}

/* The evaluated arguments of a call. Slot 0 may hold `self` for a method. */
enum { ARGS_INLINE = 4 }; /* most calls fit: no allocation for them */

typedef struct Args {
    int n, nkw;
    Ref *refs, *kwrefs;
    Value **v, **kw;
    const Node **nodes, **kwnodes;
    const char **kwname;
    /* the arrays above point here for up to ARGS_INLINE of each */
    Ref refs_in[ARGS_INLINE], kwrefs_in[ARGS_INLINE];
    Value *v_in[ARGS_INLINE], *kw_in[ARGS_INLINE];
    const Node *nodes_in[ARGS_INLINE], *kwnodes_in[ARGS_INLINE];
    const char *kwname_in[ARGS_INLINE];
} Args;

static void args_free(Args *a) {
    for (int i = 0; a->refs && i < a->n; i++)
        ref_drop(&a->refs[i]);
    for (int i = 0; a->kwrefs && i < a->nkw; i++)
        ref_drop(&a->kwrefs[i]);
    if (a->refs != a->refs_in) {
        free(a->refs);
        free(a->v);
        free(a->nodes);
    }
    if (a->kwrefs != a->kwrefs_in) {
        free(a->kwrefs);
        free(a->kw);
        free(a->kwnodes);
        free(a->kwname);
    }
}

/* Count the call's positional and keyword arguments. */
static void count_args(const Node *call, int *npos, int *nkw) {
    *npos = *nkw = 0;
    for (int i = 1; i < call->nkids; i++) {
        if (call->kids[i]->kind == N_KWARG)
            (*nkw)++;
        else
            (*npos)++;
    }
}

/* Evaluate the arguments of `call` (kids[1..]); `self` (borrowed, may be
 * NULL) goes first. On failure everything is released. */
static bool args_eval(Interp *in, const Node *call, const Value *self, const Node *selfnode,
                      Args *a, Err *e) {
    int npos, nkw;
    count_args(call, &npos, &nkw);
    npos += self != NULL;
    memset(a, 0, sizeof *a);
    size_t np = (size_t)(npos ? npos : 1), nk = (size_t)(nkw ? nkw : 1);
    if (np <= ARGS_INLINE) {
        a->refs = a->refs_in;
        a->v = a->v_in;
        a->nodes = a->nodes_in;
    } else {
        a->refs = zalloc(np, sizeof *a->refs);
        a->v = zalloc(np, sizeof *a->v);
        a->nodes = zalloc(np, sizeof *a->nodes);
    }
    if (nk <= ARGS_INLINE) {
        a->kwrefs = a->kwrefs_in;
        a->kw = a->kw_in;
        a->kwnodes = a->kwnodes_in;
        a->kwname = a->kwname_in;
    } else {
        a->kwrefs = zalloc(nk, sizeof *a->kwrefs);
        a->kw = zalloc(nk, sizeof *a->kw);
        a->kwnodes = zalloc(nk, sizeof *a->kwnodes);
        a->kwname = zalloc(nk, sizeof *a->kwname);
    }
    if (!a->refs || !a->v || !a->nodes || !a->kwrefs || !a->kw || !a->kwnodes || !a->kwname) {
        args_free(a);
        return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    }
    if (self) {
        borrow(&a->refs[0], self);
        a->v[0] = (Value *)self;
        a->nodes[0] = selfnode;
        a->n = 1;
    }
    for (int i = 1; i < call->nkids; i++) {
        const Node *k = call->kids[i];
        if (k->kind == N_KWARG) {
            for (int j = 0; j < a->nkw; j++)
                if (strcmp(a->kwname[j], k->str) == 0) {
                    err_set_at(e, ERR_TYPE, k->span, "keyword argument '%s' is given twice",
                               k->str);
                    args_free(a);
                    return false;
                }
            if (!eval_ref(in, k->kids[0], &a->kwrefs[a->nkw], e)) {
                args_free(a);
                return fail_at(e, k);
            }
            a->kw[a->nkw] = (Value *)a->kwrefs[a->nkw].v;
            a->kwnodes[a->nkw] = k->kids[0];
            a->kwname[a->nkw++] = k->str;
        } else {
            if (!eval_ref(in, k, &a->refs[a->n], e)) {
                args_free(a);
                return fail_at(e, k);
            }
            /* builtins only read their arguments: the cast drops const for
             * the CallArgs layout, not to write through it */
            a->v[a->n] = (Value *)a->refs[a->n].v;
            a->nodes[a->n++] = k;
        }
    }
    return true;
}

static CallArgs call_args(const Args *a, const Node *call, const char *fname) {
    CallArgs c = {a->n, a->v, a->nodes, a->nkw, a->kwname, a->kw, a->kwnodes, call, fname};
    return c;
}

/* After a built-in failed: name shape-error operands and place the caret.
 * Operand i is named after argument i only when that argument is the array
 * the kernel reported (reshape's second operand is the new shape, not an
 * argument). */
static void call_error(Err *e, const Node *call, const CallArgs *c) {
    if (e->kind == ERR_SHAPE) {
        const Node *nodes[2] = {NULL, NULL};
        for (int i = 0; i < 2 && i < c->n && i < e->nops; i++) {
            const Value *v = c->v[i];
            const ErrOperand *o = &e->ops[i];
            bool same = v->kind == V_ARRAY && v->arr->ndim == o->ndim;
            for (int k = 0; same && k < o->ndim; k++)
                same = v->arr->shape[k] == o->shape[k];
            if (same) nodes[i] = c->nodes[i];
        }
        eval_name_operands(e, nodes[0], nodes[1]);
        e->span = call->span;
    } else if (e->span.line == 0) {
        e->span = call->span;
    }
}

/* Trace a call: the first two array arguments are its operands. */
static void trace_call(Interp *in, const char *op, const Node *call, const CallArgs *c,
                       const Value *res) {
    const Array *args[2] = {NULL, NULL};
    const Node *nodes[2] = {NULL, NULL};
    int k = 0;
    for (int i = 0; i < c->n && k < 2; i++)
        if (c->v[i]->kind == V_ARRAY) {
            nodes[k] = c->nodes[i];
            args[k++] = c->v[i]->arr;
        }
    eval_trace(in, op, call, args[0], nodes[0], args[1], nodes[1],
               res && res->kind == V_ARRAY ? res->arr : NULL);
}

/* A NumPy function's list arguments: each list or tuple of numbers becomes
 * an array, as np.dot([1.0, 0.5], W1) takes one. */
static bool lists_as_arrays(Args *a, Err *e) {
    for (int i = 0; i < a->n; i++) {
        const Value *v = a->v[i];
        /* tuples stay: they are shapes, np.zeros((2, 3)) */
        if (v->kind != V_LIST || !eval_is_numeric(v) || v->n == 0) continue;
        Array *arr = eval_to_array(v, e);
        if (!arr) return false;
        Ref r = {0};
        if (!own_array(&r, arr, e)) return false;
        ref_drop(&a->refs[i]);
        a->refs[i] = r;
        a->v[i] = (Value *)r.v;
    }
    return true;
}

static bool call_builtin(Interp *in, const Builtin *b, const Node *call, Ref *out, Err *e) {
    if (b->cmd) {
        if (!b->value || call->cmdform) return command_inside(b, call->kids[0], e);
        /* load("w.npy"), load_mnist(normalize=False): a value, nothing else */
        Value *v = b->cmd(in, call, e);
        if (!v && e->kind != ERR_NONE) return fail_at(e, call);
        return own(out, v ? v : val_none(), e);
    }
    int npos, nkw;
    count_args(call, &npos, &nkw);
    const char *kwn[16];
    int nk = 0;
    for (int i = 1; i < call->nkids && nk < 16; i++)
        if (call->kids[i]->kind == N_KWARG) kwn[nk++] = call->kids[i]->str;
    if (!builtin_check_call(b, npos, kwn, nk, call, e)) return false;
    Args a;
    if (!args_eval(in, call, NULL, NULL, &a, e)) return false;
    if (!b->lists && !lists_as_arrays(&a, e)) {
        args_free(&a);
        return fail_at(e, call);
    }
    CallArgs c = call_args(&a, call, b->name);
    Value *res = b->fn(in, &c, e);
    if (!res && e->kind == ERR_NONE) res = val_none();
    if (!res) {
        call_error(e, call, &c);
        args_free(&a);
        return false;
    }
    if (in->trace && (res->kind == V_ARRAY || !b->lists)) trace_call(in, b->name, call, &c, res);
    args_free(&a);
    return own(out, res, e);
}

/* The array methods' names, for a message: "reshape astype flatten ...". */
static const char *method_list(Interp *in, char *buf, size_t cap) {
    size_t len = 0;
    buf[0] = 0;
    for (int i = 0; i < reg_method_count(in->reg); i++) {
        const char *name = reg_method_at(in->reg, i)->name;
        if (len + strlen(name) + 2 >= cap) break;
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? " " : "", name);
    }
    return buf;
}

/* The arity and keyword check of a method call: the counts exclude the
 * array itself. */
static bool method_check(const Builtin *m, const Node *call, Err *e) {
    int npos, nkw;
    count_args(call, &npos, &nkw);
    const char *kwn[16];
    int nk = 0;
    for (int i = 1; i < call->nkids && nk < 16; i++)
        if (call->kids[i]->kind == N_KWARG) kwn[nk++] = call->kids[i]->str;
    return builtin_check_call(m, npos, kwn, nk, call, e);
}

/* L.append(x), L.extend(M), L.pop(), L.index(x); d.items(), d.values().
 * A list changes in place, seen through every name bound to it (Python). */
static bool container_method(Interp *in, const Node *call, Value *obj, Ref *out, Err *e) {
    const char *m = call->kids[0]->str;
    int nargs = call->nkids - 1;
    for (int i = 1; i < call->nkids; i++)
        if (call->kids[i]->kind == N_KWARG)
            return err_set_at(e, ERR_TYPE, call->span, "%s() takes no keyword arguments", m) !=
                   NULL;
    Ref arg = {0};
    if (nargs > 1)
        return err_set_at(e, ERR_TYPE, call->span, "%s() takes at most 1 argument", m) != NULL;
    if (nargs == 1 && !eval_ref(in, call->kids[1], &arg, e)) return false;
    bool ok = true;
    if (obj->kind == V_DICT) { /* items() or values() */
        Value **items = zalloc((size_t)(obj->n ? obj->n : 1), sizeof *items);
        for (int i = 0; items && i < obj->n; i++) {
            if (m[0] == 'v') {
                items[i] = val_ref(obj->items[i]);
            } else {
                Value *kv[2] = {val_str(obj->keys[i]), val_ref(obj->items[i])};
                items[i] = kv[0] ? val_seq(V_TUPLE, kv, 2) : (val_free(kv[1]), NULL);
            }
        }
        ok = items && own(out, val_seq(V_LIST, items, obj->n), e);
        free(items);
    } else if (strcmp(m, "append") == 0 || strcmp(m, "extend") == 0) {
        const Value *v = arg.v;
        bool ext = m[0] == 'e';
        if (!v || (ext && v->kind != V_LIST && v->kind != V_TUPLE)) {
            ok = err_set_at(e, ERR_TYPE, call->span,
                            ext ? "extend() takes a list" : "append() takes one value") != NULL;
        } else {
            int add = ext ? v->n : 1;
            undo_before_write(in, obj);
            Value **grown = realloc(obj->items, (size_t)(obj->n + add) * sizeof *grown);
            if (!grown) {
                ok = err_set(e, ERR_MEMORY, "out of memory") != NULL;
            } else {
                obj->items = grown;
                for (int i = 0; i < add; i++)
                    obj->items[obj->n + i] = val_ref(ext ? v->items[i] : v);
                obj->n += add;
                ok = own(out, val_none(), e);
            }
        }
    } else if (strcmp(m, "pop") == 0 && !arg.v) {
        if (obj->n == 0)
            ok = err_set_at(e, ERR_INDEX, call->span, "pop from an empty list") != NULL;
        else {
            undo_before_write(in, obj); /* the list as it was, for undo */
            ok = own(out, obj->items[--obj->n], e);
        }
    } else if (strcmp(m, "index") == 0 && arg.v) {
        int i = 0;
        while (i < obj->n && !eval_same_plain(arg.v, obj->items[i]))
            i++;
        if (i == obj->n) {
            ok = err_set_at(e, ERR_VALUE, call->span, "the value is not in the list") != NULL;
        } else {
            Array *a = arr_scalar_i64(i, e);
            if (a) a->weak = true;
            ok = own_array(out, a, e);
        }
    } else {
        ok = err_set_at(e, ERR_NAME, call->kids[0]->span,
                        "a list has no method '%s' here (append, extend, pop, index)", m) != NULL;
    }
    ref_drop(&arg);
    return ok;
}

/* obj.name(args) */
static bool call_method(Interp *in, const Node *call, Ref *out, Err *e) {
    const Node *callee = call->kids[0];
    const Builtin *m = NULL;
    char mlist[256];
    Ref obj = {0};
    if (!eval_ref(in, callee->kids[0], &obj, e)) return false;
    bool ok = false;
    if (obj.v->kind == V_LIST || (obj.v->kind == V_DICT && (strcmp(callee->str, "items") == 0 ||
                                                            strcmp(callee->str, "values") == 0))) {
        ok = container_method(in, call, (Value *)obj.v, out, e);
    } else if (obj.v->kind == V_DICT && strcmp(callee->str, "keys") == 0 && call->nkids == 1) {
        const Value *d = obj.v;
        Value **items = zalloc((size_t)(d->n ? d->n : 1), sizeof *items);
        int i = 0;
        for (; items && i < d->n; i++)
            if (!(items[i] = val_str(d->keys[i]))) break;
        if (items && i == d->n) {
            ok = own(out, val_seq(V_LIST, items, d->n), e);
        } else {
            for (int j = 0; items && j < i; j++)
                val_free(items[j]);
            err_set(e, ERR_MEMORY, "out of memory");
        }
        free(items);
    }
    if (ok && obj.v->kind == V_DICT && out->own && out->v->kind == V_LIST && call->nkids == 1) {
        /* d.keys() and the like print as Python's views */
        out->own->view = strcmp(callee->str, "keys") == 0     ? VIEW_KEYS
                         : strcmp(callee->str, "values") == 0 ? VIEW_VALUES
                         : strcmp(callee->str, "items") == 0  ? VIEW_ITEMS
                                                              : VIEW_NONE;
    }
    if (ok || e->kind != ERR_NONE) {
        /* done */
    } else if (obj.v->kind == V_IMAGE && (m = reg_find(in->reg, "Image.Image.show")) &&
               strcmp(callee->str, "show") == 0 && call->nkids == 1) {
        /* pil_img.show(): the picture in the terminal */
        Value *self[1] = {(Value *)obj.v};
        const Node *nodes[1] = {callee->kids[0]};
        CallArgs c = {1, self, nodes, 0, NULL, NULL, NULL, call, "show"};
        Value *res = m->fn(in, &c, e);
        ok = res ? own(out, res, e) : false;
    } else if (obj.v->kind != V_ARRAY) {
        err_set_at(e, ERR_NAME, callee->span, "a%s %s has no method '%s'",
                   obj.v->kind == V_IMAGE ? "n" : "", kind_of(obj.v), callee->str);
    } else if (!(m = reg_method(in->reg, callee->str))) {
        err_set_at(e, ERR_NAME, callee->span, "arrays have no method '%s' (try %s)", callee->str,
                   method_list(in, mlist, sizeof mlist));
    } else if (method_check(m, call, e)) {
        Args a;
        if (args_eval(in, call, obj.v, callee->kids[0], &a, e)) {
            CallArgs c = call_args(&a, call, callee->str);
            Value *res = m->fn(in, &c, e);
            if (res) {
                if (in->trace) trace_call(in, callee->str, call, &c, res);
                ok = own(out, res, e);
            } else {
                call_error(e, call, &c);
            }
            args_free(&a);
        }
    }
    ref_drop(&obj);
    return ok ? true : fail_at(e, call);
}

/* Call the value in *f (dropped here): a built-in function, or a dtype,
 * which converts its argument as np.float32(0.1) and np.uint8(img) do. */
static bool call_value(Interp *in, const Node *call, Ref *f, Ref *out, Err *e) {
    const Node *callee = call->kids[0];
    if (f->v->kind == V_USERFN) {
        Args a;
        bool ok = false;
        if (args_eval(in, call, NULL, NULL, &a, e)) {
            CallArgs c = call_args(&a, call, exec_fn_name(f->v));
            ok = exec_call_user(in, f->v, &c, out, e);
            args_free(&a);
        }
        ref_drop(f);
        return ok;
    }
    if (f->v->kind == V_FUNC) {
        const Builtin *b = f->v->fn;
        ref_drop(f);
        return call_builtin(in, b, call, out, e);
    }
    if (f->v->kind == V_DTYPE) {
        DType t;
        bool known = dtype_parse(f->v->str, &t);
        ref_drop(f);
        if (!known || call->nkids != 2 || call->kids[1]->kind == N_KWARG)
            return err_set_at(e, ERR_TYPE, call->span, "%s() takes one value to convert",
                              callee->text ? callee->text : "a dtype") != NULL;
        Ref x = {0};
        if (!eval_ref(in, call->kids[1], &x, e)) return false;
        Array *tmp = x.v->kind == V_ARRAY ? NULL : eval_to_array(x.v, e);
        const Array *src = x.v->kind == V_ARRAY ? x.v->arr : tmp;
        Array *r = src ? op_astype(src, t, e) : NULL;
        if (r) r->weak = false; /* a NumPy value, not a Python number */
        arr_free(tmp);
        ref_drop(&x);
        return r ? own_array(out, r, e) : fail_at(e, call);
    }
    err_set_at(e, ERR_TYPE, callee->span, "%s is a%s %s, not a function",
               callee->text ? callee->text : "this", f->v->kind == V_ARRAY ? "n" : "",
               kind_of(f->v));
    ref_drop(f);
    return false;
}

static bool eval_call(Interp *in, const Node *n, Ref *out, Err *e) {
    const Node *callee = n->kids[0];
    char buf[128];
    const ModuleDef *owner;
    if (module_path(in, callee, buf, sizeof buf, &owner)) {
        const Builtin *b = buf[0] ? reg_find_member(in->reg, buf) : NULL;
        if (b) return call_builtin(in, b, n, out, e);
        /* np.float32(0.1): a dtype called; anything else is an error */
        Ref f = {0};
        if (!eval_module_member(in, callee, owner, buf, &f, e)) return false;
        return call_value(in, n, &f, out, e);
    }
    if (callee->kind == N_ATTR) return call_method(in, n, out, e);
    if (callee->kind == N_NAME && !scope_get(in, callee->str)) {
        /* the command form is NumPy's shorthand: `sum W1 axis=1` is np.sum */
        const Builtin *b = n->cmdform ? reg_find_member(in->reg, callee->str) : NULL;
        if (!b || !(b->fn || b->cmd)) b = reg_find(in->reg, callee->str);
        if (!b) return name_error(in, callee, callee->str, e);
        return call_builtin(in, b, n, out, e);
    }
    /* anything else must evaluate to a function: f = np.dot; f(X, W1) */
    Ref f = {0};
    if (!eval_ref(in, callee, &f, e)) return false;
    return call_value(in, n, &f, out, e);
}

/* --- dispatch -------------------------------------------------------------------- */

/* f"...": each field's value formatted by its spec, between the texts. */
static bool eval_fstring(Interp *in, const Node *n, Ref *out, Err *e) {
    SBuf b = {0};
    for (int i = 0; i < n->nkids; i++) {
        const Node *k = n->kids[i];
        if (k->kind == N_STR) {
            sbuf_puts(&b, k->str ? k->str : "");
            continue;
        }
        Ref r = {0};
        if (!eval_ref(in, k->kids[0], &r, e)) {
            free(sbuf_done(&b));
            return false;
        }
        bool ok = pyfmt_spec(in, &b, r.v, k->str, (char)k->op, e);
        ref_drop(&r);
        if (!ok) {
            if (e->span.line == 0) e->span = k->span;
            free(sbuf_done(&b));
            return false;
        }
    }
    char *s = sbuf_done(&b);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    Value *v = val_str(s);
    free(s);
    return own(out, v, e);
}

static bool eval_number(const Node *n, Ref *out, Err *e) {
    Array *a;
    if (n->is_int) {
        /* exact: 9007199254740993 stays itself; -9223372036854775808 fits */
        uint64_t lim = n->ineg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
        if (n->ibig || n->inum > lim)
            return err_set_at(e, ERR_VALUE, n->span,
                              "integer %s is beyond nnsh's 64-bit ints (a float such as "
                              "1e20 goes further)",
                              n->text ? n->text : "") != NULL;
        int64_t v = n->inum == (uint64_t)INT64_MAX + 1 ? INT64_MIN : (int64_t)n->inum;
        a = arr_scalar_i64(n->ineg && v != INT64_MIN ? -v : v, e);
    } else {
        a = arr_scalar_f64(n->num, e);
    }
    if (a) a->weak = true; /* a Python number literal */
    return own_array(out, a, e);
}

bool eval_ref(Interp *in, const Node *n, Ref *out, Err *e) {
    out->v = out->own = NULL;
    bool ok;
    switch (n->kind) {
    case N_NUM: ok = eval_number(n, out, e); break;
    case N_STR: ok = own(out, val_str(n->str ? n->str : ""), e); break;
    case N_NAME: ok = eval_name(in, n, out, e); break;
    case N_TRUE:
    case N_FALSE: {
        Array *a = arr_scalar_bool(n->kind == N_TRUE, e);
        if (a) a->weak = true;
        ok = own_array(out, a, e);
        break;
    }
    case N_NONE: ok = own(out, val_none(), e); break;
    case N_LIST: ok = eval_list(in, n, 1, out, e); break;
    case N_TUPLE: ok = eval_tuple(in, n, out, e); break;
    case N_DICT: ok = eval_dict(in, n, out, e); break;
    case N_CALL: ok = eval_call(in, n, out, e); break;
    case N_ATTR: ok = eval_attr(in, n, out, e); break;
    case N_INDEX: ok = eval_index(in, n, out, e); break;
    case N_BINOP: ok = eval_binop_node(in, n, out, e); break;
    case N_BOOLOP: ok = eval_boolop_node(in, n, out, e); break;
    case N_IFEXP: ok = eval_ifexp_node(in, n, out, e); break;
    case N_LISTCOMP: ok = exec_listcomp(in, n, out, e); break;
    case N_FSTRING: ok = eval_fstring(in, n, out, e); break;
    case N_LAMBDA: ok = own(out, exec_make_fn(in, n, e), e); break;
    case N_UNARY: ok = eval_unary_node(in, n, out, e); break;
    case N_KWARG:
        ok = err_set_at(e, ERR_SYNTAX, n->span, "a keyword argument belongs inside a call") != NULL;
        break;
    case N_SLICE:
        ok = err_set_at(e, ERR_SYNTAX, n->span, "a slice belongs inside [ ]") != NULL;
        break;
    default: ok = err_set_at(e, ERR_SYNTAX, n->span, "this statement is not an expression") != NULL;
    }
    if (!ok) {
        ref_drop(out);
        fail_at(e, n);
    }
    return ok;
}
