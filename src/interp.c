/* interp.c - an nnsh session: running statements, the echo, printing values
 * and errors (see interp.h).
 *
 * Echo formats (what the transcripts show):
 *   after `A1 = ...`      A1 (3,) float64          header: name, shape, dtype
 *                         [0.3 0.7 1.1]            the value as print() shows it
 *   after `s = x.shape`   s tuple                  non-arrays: name and kind
 *                         (2, 3)
 *   expression statement  the value alone: arrays as print() shows them,
 *                         strings quoted ('abc'), None nothing, tuples and
 *                         lists inline with arrays as repr() and scalars bare
 *                         ((array([1., 2.]), 3)), dicts one key per line with
 *                         the shape and dtype of each array.
 */
#include "interp.h"

#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "parse.h"
#include "shapefix.h"

/* --- life cycle and settings ---------------------------------------------- */

Interp *interp_new(FILE *out, FILE *err) {
    Interp *in = calloc(1, sizeof *in);
    if (!in) return NULL;
    in->vars = vars_new();
    if (!in->vars) {
        free(in);
        return NULL;
    }
    in->out = out;
    in->err = err;
    in->echo = true;
    in->fmt = fmt_default();
    return in;
}

static void slot_release(const InterpSlotKey *key, void *data) {
    if (!data) return;
    if (key->free)
        key->free(data);
    else
        free(data);
}

void interp_free(Interp *in) {
    if (!in) return;
    /* module state first: it may refer to variables' values */
    for (int i = in->nslots - 1; i >= 0; i--) slot_release(in->slots[i].key, in->slots[i].data);
    free(in->slots);
    vars_free(in->vars);
    free(in->data_dir);
    free(in);
}

void *interp_slot(Interp *in, const InterpSlotKey *key) {
    for (int i = 0; i < in->nslots; i++)
        if (in->slots[i].key == key) return in->slots[i].data;
    return NULL;
}

bool interp_set_slot(Interp *in, const InterpSlotKey *key, void *data) {
    for (int i = 0; i < in->nslots; i++)
        if (in->slots[i].key == key) {
            slot_release(key, in->slots[i].data);
            in->slots[i].data = data;
            return true;
        }
    if (!data) return true;
    void *grown = realloc(in->slots, (size_t)(in->nslots + 1) * sizeof *in->slots);
    if (!grown) {
        slot_release(key, data);
        return false;
    }
    in->slots = grown;
    in->slots[in->nslots].key = key;
    in->slots[in->nslots].data = data;
    in->nslots++;
    return true;
}

FILE *interp_out(Interp *in) {
    return in->out;
}
FILE *interp_errf(Interp *in) {
    return in->err;
}
Vars *interp_vars(Interp *in) {
    return in->vars;
}
void interp_set_echo(Interp *in, bool on) {
    in->echo = on;
}
bool interp_echo(const Interp *in) {
    return in->echo;
}
void interp_set_color(Interp *in, bool on) {
    in->color = on;
}
bool interp_color(const Interp *in) {
    return in->color;
}
void interp_set_input(Interp *in, LineSource *src) {
    in->input = src;
}
LineSource *interp_input(Interp *in) {
    return in->input;
}
const FmtOpts *interp_fmt(const Interp *in) {
    return &in->fmt;
}
const char *interp_data_dir(const Interp *in) {
    return in->data_dir;
}

void interp_set_data_dir(Interp *in, const char *dir) {
    free(in->data_dir);
    in->data_dir = NULL;
    if (dir) {
        size_t n = strlen(dir) + 1;
        in->data_dir = malloc(n);
        if (in->data_dir) memcpy(in->data_dir, dir, n);
    }
}

void interp_set_trace(Interp *in, TraceFn fn, void *ctx) {
    in->trace = fn;
    in->trace_ctx = ctx;
}

void interp_set_history(Interp *in, void (*print)(FILE *out)) {
    in->history = print;
}

/* --- showing values ------------------------------------------------------------ */

static void put_str(FILE *f, char *s) {
    fputs(s ? s : "<out of memory>", f);
    free(s);
}

/* Python's repr of a string: single quotes unless the text holds one. */
static void show_quoted(FILE *f, const char *s) {
    char q = strchr(s, '\'') && !strchr(s, '"') ? '"' : '\'';
    fputc(q, f);
    for (; *s; s++) {
        if (*s == '\\' || *s == q)
            fprintf(f, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\t')
            fputs("\\t", f);
        else
            fputc(*s, f);
    }
    fputc(q, f);
}

static void show_dict(Interp *in, FILE *f, const Value *v, bool multiline) {
    fputc('{', f);
    for (int i = 0; i < v->n; i++) {
        if (i) fputs(multiline ? ",\n " : ", ", f);
        show_quoted(f, v->keys[i]);
        fputs(": ", f);
        const Value *item = v->items[i];
        if (item->kind == V_ARRAY) {
            char buf[64];
            fprintf(f, "%s %s", shape_str(buf, item->arr->ndim, item->arr->shape),
                    dtype_name(item->arr->dtype));
        } else {
            interp_show(in, f, item, SHOW_INLINE);
        }
    }
    fputc('}', f);
}

void interp_show(Interp *in, FILE *f, const Value *v, ShowMode mode) {
    switch (v->kind) {
    case V_NONE:
        if (mode != SHOW_ECHO) fputs("None", f);
        break;
    case V_ARRAY:
        if (mode == SHOW_INLINE)
            put_str(f, v->arr->ndim == 0 ? fmt_scalar(v->arr, 0) : fmt_repr(v->arr, &in->fmt));
        else
            put_str(f, fmt_str(v->arr, &in->fmt));
        break;
    case V_STR:
        if (mode == SHOW_PRINT)
            fputs(v->str, f);
        else
            show_quoted(f, v->str);
        break;
    case V_TUPLE:
    case V_LIST:
        fputc(v->kind == V_TUPLE ? '(' : '[', f);
        for (int i = 0; i < v->n; i++) {
            if (i) fputs(", ", f);
            interp_show(in, f, v->items[i], SHOW_INLINE);
        }
        if (v->kind == V_TUPLE && v->n == 1) fputc(',', f);
        fputc(v->kind == V_TUPLE ? ')' : ']', f);
        break;
    case V_DICT: show_dict(in, f, v, mode != SHOW_INLINE); break;
    case V_FUNC: fprintf(f, "<built-in function %s>", v->fn->name); break;
    case V_DTYPE: fputs(v->str, f); break;
    }
}

void interp_print_value(Interp *in, const Value *v) {
    if (v->kind == V_NONE) return;
    interp_show(in, in->out, v, SHOW_ECHO);
    fputc('\n', in->out);
}

/* The echo after binding `name`: a header line, then the value. */
void interp_echo_binding(Interp *in, const char *name, const Value *v) {
    if (v->kind == V_ARRAY) {
        char buf[64];
        fprintf(in->out, "%s %s %s\n", name, shape_str(buf, v->arr->ndim, v->arr->shape),
                dtype_name(v->arr->dtype));
    } else {
        fprintf(in->out, "%s %s\n", name, val_kind_name(v->kind));
    }
    interp_print_value(in, v);
}

/* --- errors -------------------------------------------------------------------- */

void interp_report(Interp *in, const Err *e) {
    fflush(in->out);
    const char *src = in->src;
    char *padded = NULL;
    if (src && in->first_line > 1 && in->first_line < 1000000) {
        /* err_print counts lines from 1: put the run's text at its line */
        size_t pad = (size_t)in->first_line - 1, n = strlen(src);
        padded = malloc(pad + n + 1);
        if (padded) {
            memset(padded, '\n', pad);
            memcpy(padded + pad, src, n + 1);
        }
        src = padded;
    }
    /* shape errors (and index errors that carry operands) get the shape
     * debugger's explanation; the rest the plain message and caret */
    if ((e->kind == ERR_SHAPE || e->kind == ERR_INDEX) && e->nops > 0)
        shapefix_print(in->err, e, in->srcname, src, in->color);
    else
        err_print(in->err, e, in->srcname, src, in->color);
    free(padded);
    fflush(in->err);
}

/* --- index assignment: x[i] = v ------------------------------------------------ */

/* Where x[items] = v writes: for each axis of x the positions chosen, and
 * the shape of the selection (ints drop an axis, None adds one). Planned
 * before any variable changes, applied after. */
typedef struct SetPlan {
    const char *name;
    Array *dst;               /* the variable's array */
    int64_t *pos[ARR_MAXDIM]; /* owned */
    int64_t cnt[ARR_MAXDIM];
    int sel_ndim;
    int64_t sel_shape[2 * ARR_MAXDIM];
    int sel_axis[2 * ARR_MAXDIM]; /* the axis of x behind each selection
                                     axis, -1 for a new axis */
    Array flat;                   /* dst seen as 1-D, for a whole-shape mask */
    Value *val;                   /* the value to store (owned) */
    Array *src;                   /* val's array, or a converted copy */
    Array *src_own;
} SetPlan;

static void plan_free(SetPlan *p) {
    for (int i = 0; i < ARR_MAXDIM; i++)
        free(p->pos[i]);
    arr_free(p->src_own);
    val_free(p->val);
    memset(p, 0, sizeof *p);
}

static bool plan_axis(SetPlan *p, int ax, const IndexItem *it, const Node *at, Err *e) {
    int64_t len = p->dst->shape[ax], n = 0;
    int64_t *pos = malloc((size_t)(len ? len : 1) * sizeof *pos);
    if (!pos) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    p->pos[ax] = pos;
    bool keep = true;
    if (!it || it->kind == IDX_SLICE) {
        IndexItem whole = {IDX_SLICE, 0, false, false, 0, 0, 1, NULL};
        int64_t start, step;
        eval_slice_range(len, it ? it : &whole, &start, &step, &n);
        for (int64_t k = 0; k < n; k++)
            pos[k] = start + k * step;
    } else if (it->kind == IDX_INT) {
        int64_t i = it->i < 0 ? it->i + len : it->i;
        if (i < 0 || i >= len)
            return err_set_at(e, ERR_INDEX, at->span,
                              "index %lld is out of bounds for axis %d with size %lld",
                              (long long)it->i, ax, (long long)len) != NULL;
        pos[n++] = i;
        keep = false;
    } else { /* IDX_ARRAY */
        const Array *ia = it->arr;
        if (ia->dtype == DT_BOOL) {
            if (ia->shape[0] != len)
                return err_set_at(e, ERR_INDEX, at->span,
                                  "the boolean index has %lld items but axis %d has %lld",
                                  (long long)ia->shape[0], ax, (long long)len) != NULL;
            for (int64_t k = 0; k < len; k++)
                if (((const uint8_t *)ia->data)[k]) pos[n++] = k;
        } else {
            int64_t *more = realloc(pos, (size_t)(ia->size ? ia->size : 1) * sizeof *pos);
            if (!more) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            p->pos[ax] = pos = more;
            for (int64_t k = 0; k < ia->size; k++) {
                int64_t raw = arr_get_i64(ia, k), i = raw < 0 ? raw + len : raw;
                if (i < 0 || i >= len)
                    return err_set_at(e, ERR_INDEX, at->span,
                                      "index %lld is out of bounds for axis %d with size %lld",
                                      (long long)raw, ax, (long long)len) != NULL;
                pos[n++] = i;
            }
        }
    }
    p->cnt[ax] = n;
    if (keep) {
        p->sel_axis[p->sel_ndim] = ax;
        p->sel_shape[p->sel_ndim++] = n;
    }
    return true;
}

/* Plan `target[...] = val` (target an N_INDEX over a variable). Takes
 * ownership of val. */
static bool plan_setitem(Interp *in, const Node *target, Value *val, SetPlan *p, Err *e) {
    memset(p, 0, sizeof *p);
    p->val = val;
    const Node *obj = target->kids[0];
    const Value *var = obj->kind == N_NAME ? vars_get(in->vars, obj->str) : NULL;
    if (obj->kind != N_NAME)
        return err_set_at(e, ERR_SYNTAX, obj->span,
                          "nnsh assigns into items of a variable only, like x[0] = 1") != NULL;
    if (!var)
        return err_set_at(e, ERR_NAME, obj->span, "name '%s' is not defined", obj->str) != NULL;
    if (var->kind != V_ARRAY)
        return err_set_at(e, ERR_TYPE, obj->span, "nnsh assigns into arrays only; %s is a %s",
                          obj->str, val_kind_name(var->kind)) != NULL;
    p->name = obj->str;
    p->dst = var->arr;
    if (val->kind == V_ARRAY) {
        p->src = val->arr;
    } else if (eval_is_numeric(val)) {
        p->src = p->src_own = eval_to_array(val, e);
        if (!p->src) return false;
    } else {
        return err_set_at(e, ERR_TYPE, target->span, "cannot store a %s in an array",
                          val_kind_name(val->kind)) != NULL;
    }
    IndexItem *items;
    Ref *keep;
    if (!eval_index_items(in, target, &items, &keep, e)) return false;
    int nitems = target->nkids - 1, ax = 0;
    Array mask;
    bool ok = eval_flat_mask(p->dst, items, nitems, &p->flat, &mask, target, e);
    if (ok && items[0].arr == &mask) p->dst = &p->flat; /* x[mask] = v on x seen as 1-D */
    for (int i = 0; i < nitems && ok; i++) {
        if (items[i].kind == IDX_NEWAXIS) {
            if (p->sel_ndim < 2 * ARR_MAXDIM) {
                p->sel_axis[p->sel_ndim] = -1;
                p->sel_shape[p->sel_ndim++] = 1;
            }
            continue;
        }
        if (ax >= p->dst->ndim) {
            ok = err_set_at(e, ERR_INDEX, target->kids[i + 1]->span,
                            "too many indices: %s has %d axes", obj->str, p->dst->ndim) != NULL;
            break;
        }
        ok = plan_axis(p, ax, &items[i], target->kids[i + 1], e);
        ax++;
    }
    for (; ok && ax < p->dst->ndim; ax++)
        ok = plan_axis(p, ax, NULL, target, e);
    for (int i = 0; i < nitems; i++)
        ref_drop(&keep[i]);
    free(items);
    free(keep);
    if (!ok) return false;
    /* the value must broadcast to the selection (leading 1s may go) */
    const Array *s = p->src;
    int lead = s->ndim - p->sel_ndim;
    for (int k = 0; k < s->ndim; k++) {
        int j = k - lead;
        bool fits = j < 0 ? s->shape[k] == 1 : s->shape[k] == 1 || s->shape[k] == p->sel_shape[j];
        if (!fits) {
            char s1[64], s2[64];
            err_set(e, ERR_VALUE, "cannot store a value of shape %s in %s, whose shape is %s",
                    shape_str(s1, s->ndim, s->shape), target->text ? target->text : "the selection",
                    shape_str(s2, p->sel_ndim, p->sel_shape));
            e->span = target->span;
            return false;
        }
    }
    return true;
}

/* Write the planned values; cannot fail. */
static void apply_setitem(SetPlan *p) {
    const Array *s = p->src;
    Array *d = p->dst;
    int64_t dstride[ARR_MAXDIM], sstride[2 * ARR_MAXDIM] = {0};
    int64_t st = 1;
    for (int k = d->ndim - 1; k >= 0; k--) {
        dstride[k] = st;
        st *= d->shape[k];
    }
    /* stride of s along each selection axis; 0 where s broadcasts */
    st = 1;
    int lead = s->ndim - p->sel_ndim;
    for (int k = s->ndim - 1; k >= 0; k--) {
        int j = k - lead;
        if (j >= 0) sstride[j] = s->shape[k] == 1 ? 0 : st;
        st *= s->shape[k];
    }
    int64_t total = 1;
    for (int k = 0; k < d->ndim; k++)
        total *= p->cnt[k];
    int64_t ctr[ARR_MAXDIM] = {0};
    bool same = s->dtype == d->dtype;
    size_t es = dtype_size(d->dtype);
    for (int64_t t = 0; t < total; t++) {
        int64_t doff = 0, soff = 0;
        for (int k = 0; k < d->ndim; k++)
            doff += p->pos[k][ctr[k]] * dstride[k];
        for (int j = 0; j < p->sel_ndim; j++)
            if (p->sel_axis[j] >= 0) soff += ctr[p->sel_axis[j]] * sstride[j];
        if (same)
            memcpy((char *)d->data + (size_t)doff * es, (const char *)s->data + (size_t)soff * es,
                   es);
        else if (d->dtype == DT_INT64)
            ((int64_t *)d->data)[doff] = arr_get_i64(s, soff);
        else
            arr_set(d, doff, arr_get(s, soff));
        for (int k = d->ndim - 1; k >= 0; k--) {
            if (++ctr[k] < p->cnt[k]) break;
            ctr[k] = 0;
        }
    }
}

/* --- statements ----------------------------------------------------------------- */

/* NAME op= value and x[i] op= value: the new value, kept in the target's
 * shape and dtype as NumPy's in-place operators do. */
static Value *augmented(Interp *in, const Node *st, Err *e) {
    const Node *target = st->kids[0], *rhs = st->kids[1];
    if (target->kind == N_NAME && !vars_get(in->vars, target->str))
        return err_set_at(e, ERR_NAME, target->span, "name '%s' is not defined", target->str);
    Ref cur = {0}, r = {0};
    Value *out = NULL;
    if (!eval_ref(in, target, &cur, e) || !eval_ref(in, rhs, &r, e)) goto done;
    if (cur.v->kind != V_ARRAY || r.v->kind != V_ARRAY) {
        err_set_at(e, ERR_TYPE, st->opspan.line ? st->opspan : st->span,
                   "in-place arithmetic needs arrays on both sides");
        goto done;
    }
    const Array *a = cur.v->arr, *b = r.v->arr;
    Array *res = st->op == OPX_MATMUL ? op_matmul(a, b, e) : op_binary((BinOp)st->op, a, b, e);
    if (!res) {
        if (e->kind == ERR_SHAPE) eval_name_operands(e, target, rhs);
        if (e->kind == ERR_SHAPE || e->span.line == 0)
            e->span = st->opspan.line ? st->opspan : st->span;
        goto done;
    }
    const char *opname = st->op == OPX_MATMUL ? "matmul" : op_binary_name((BinOp)st->op);
    if (!arr_same_shape(res, a)) {
        char s1[64], s2[64];
        err_shape(e, opname, a->ndim, a->shape, res->ndim, res->shape,
                  "%s has shape %s but the result has shape %s: an in-place operator "
                  "cannot change the shape",
                  target->text ? target->text : "the target", shape_str(s1, a->ndim, a->shape),
                  shape_str(s2, res->ndim, res->shape));
        eval_name_operands(e, target, NULL);
        e->span = st->span;
        arr_free(res);
        goto done;
    }
    if (res->dtype != a->dtype) {
        if (!dtype_is_float(a->dtype) && dtype_is_float(res->dtype)) {
            err_set_at(e, ERR_TYPE, st->span,
                       "the result of %s is %s and cannot be stored in place in the %s "
                       "array %s (NumPy refuses this cast too)",
                       opname, dtype_name(res->dtype), dtype_name(a->dtype),
                       target->text ? target->text : "");
            arr_free(res);
            goto done;
        }
        Array *c = op_astype(res, a->dtype, e);
        arr_free(res);
        if (!c) goto done;
        res = c;
    }
    if (in->trace) eval_trace(in, opname, st, a, target, b, rhs, res);
    out = val_array(res);
    if (!out) err_set(e, ERR_MEMORY, "out of memory");
done:
    ref_drop(&cur);
    ref_drop(&r);
    return out;
}

/* Split v into vals[0..nt) for `a, b = v`. When `owned`, v's items are
 * moved out (v is then freed by the caller as usual); otherwise copied. An
 * array splits along its first axis. */
static bool unpack(Value *v, bool owned, int nt, Value **vals, Span at, Err *e) {
    if (v->kind == V_TUPLE || v->kind == V_LIST) {
        if (v->n != nt)
            return err_set_at(e, ERR_VALUE, at, "cannot unpack %d values into %d names", v->n,
                              nt) != NULL;
        for (int i = 0; i < nt; i++) {
            if (owned) {
                vals[i] = v->items[i];
                v->items[i] = NULL;
            } else if (!(vals[i] = val_copy(v->items[i]))) {
                return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            }
        }
        return true;
    }
    if (v->kind == V_ARRAY && v->arr->ndim >= 1) {
        if (v->arr->shape[0] != nt)
            return err_set_at(e, ERR_VALUE, at,
                              "cannot unpack an array with %lld rows into %d names",
                              (long long)v->arr->shape[0], nt) != NULL;
        for (int i = 0; i < nt; i++) {
            IndexItem it = {IDX_INT, i, false, false, 0, 0, 0, NULL};
            if (!(vals[i] = val_array(op_index(v->arr, &it, 1, e))))
                return e->kind ? false : err_set(e, ERR_MEMORY, "out of memory") != NULL;
        }
        return true;
    }
    return err_set_at(e, ERR_TYPE, at, "cannot unpack a %s into %d names",
                      v->kind == V_ARRAY ? "0-d array" : val_kind_name(v->kind), nt) != NULL;
}

/* One name or indexed item that receives a value. */
typedef struct Leaf {
    const Node *target; /* N_NAME or N_INDEX */
    Value *val;         /* owned until bound */
    SetPlan plan;       /* N_INDEX only */
} Leaf;

static int count_leaves(const Node *t) {
    if (t->kind != N_TUPLE) return 1;
    int n = 0;
    for (int i = 0; i < t->nkids; i++)
        n += count_leaves(t->kids[i]);
    return n;
}

static bool check_target(const Node *t, Err *e) {
    if (t->kind == N_NAME || (t->kind == N_INDEX && t->kids[0]->kind == N_NAME)) return true;
    if (t->kind == N_TUPLE) {
        for (int i = 0; i < t->nkids; i++)
            if (!check_target(t->kids[i], e)) return false;
        return true;
    }
    return err_set_at(e, ERR_SYNTAX, t->span, "cannot assign to %s", t->text ? t->text : "this") !=
           NULL;
}

/* Give owned value v to target t, splitting it for tuple targets. */
static bool collect(const Node *t, Value *v, Leaf *leaves, int *n, Err *e) {
    if (t->kind != N_TUPLE) {
        leaves[*n].target = t;
        leaves[(*n)++].val = v;
        return true;
    }
    Value **parts = calloc((size_t)(t->nkids ? t->nkids : 1), sizeof *parts);
    bool ok = parts && unpack(v, true, t->nkids, parts, t->span, e);
    if (!parts) err_set(e, ERR_MEMORY, "out of memory");
    val_free(v);
    for (int i = 0; i < t->nkids; i++) {
        if (ok)
            ok = collect(t->kids[i], parts[i], leaves, n, e);
        else
            val_free(parts[i]);
    }
    free(parts);
    return ok;
}

static const char *target_name(const Node *t) {
    return t->kind == N_NAME ? t->str : t->kids[0]->str;
}

static bool exec_assign(Interp *in, const Node *st, Err *e) {
    int nt = st->nkids - 1, nleaves = 0, n = 0;
    const Node *rhs = st->kids[nt];
    for (int i = 0; i < nt; i++) {
        if (!check_target(st->kids[i], e)) return false;
        nleaves += count_leaves(st->kids[i]);
    }
    Leaf *leaves = calloc((size_t)nleaves, sizeof *leaves);
    Value **tops = calloc((size_t)nt, sizeof *tops);
    bool ok = false;
    if (!leaves || !tops) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto done;
    }
    /* 1. the whole right side, into new values */
    if (st->op >= 0) {
        if (nt != 1 || st->kids[0]->kind == N_TUPLE) {
            err_set_at(e, ERR_SYNTAX, st->span, "an in-place operator takes one target");
            goto done;
        }
        if (!(tops[0] = augmented(in, st, e))) goto done;
    } else {
        Ref r = {0};
        if (!eval_ref(in, rhs, &r, e)) goto done;
        bool got = nt == 1 ? (tops[0] = ref_take(&r, e)) != NULL
                           : unpack((Value *)r.v, r.own != NULL, nt, tops, rhs->span, e);
        ref_drop(&r);
        if (!got) goto done;
    }
    /* 2. split for tuple targets, and check every index target */
    for (int i = 0; i < nt; i++) {
        Value *v = tops[i];
        tops[i] = NULL;
        if (!collect(st->kids[i], v, leaves, &n, e)) goto done;
    }
    for (int i = 0; i < n; i++)
        if (leaves[i].target->kind == N_INDEX) {
            Value *v = leaves[i].val;
            leaves[i].val = NULL;
            if (!plan_setitem(in, leaves[i].target, v, &leaves[i].plan, e)) goto done;
        }
    /* 3. bind: nothing can fail from here except running out of memory */
    for (int i = 0; i < n; i++)
        if (leaves[i].plan.dst) apply_setitem(&leaves[i].plan);
    for (int i = 0; i < n; i++)
        if (leaves[i].target->kind == N_NAME) {
            Value *v = leaves[i].val;
            leaves[i].val = NULL;
            if (!vars_set(in->vars, leaves[i].target->str, v)) {
                err_set_at(e, ERR_MEMORY, st->span, "out of memory");
                goto done;
            }
        }
    ok = true;
    for (int i = 0; i < n; i++) {
        const char *name = target_name(leaves[i].target);
        const Value *v = vars_get(in->vars, name);
        bool again = false; /* x[0], x[1] = ...: report x once */
        for (int j = 0; j < i; j++)
            again |= strcmp(target_name(leaves[j].target), name) == 0;
        if (!v || again) continue;
        if (in->trace) {
            TraceEvent ev;
            memset(&ev, 0, sizeof ev);
            ev.op = "assign";
            ev.node = st;
            ev.result = v->kind == V_ARRAY ? v->arr : NULL;
            ev.target = name;
            in->trace(in->trace_ctx, &ev);
        }
        if (in->echo && !st->quiet) interp_echo_binding(in, name, v);
    }
done:
    for (int i = 0; tops && i < nt; i++)
        val_free(tops[i]);
    for (int i = 0; leaves && i < n; i++) {
        val_free(leaves[i].val);
        plan_free(&leaves[i].plan);
    }
    free(tops);
    free(leaves);
    return ok;
}

static bool exec_rawcmd(Interp *in, const Node *st, Err *e) {
    const Builtin *b = builtin_find(st->str);
    if (!b || !b->cmd)
        return err_set_at(e, ERR_NAME, st->span, "the command '%s' is not available", st->str) !=
               NULL;
    Value *v = b->cmd(in, st, e);
    if (!v) {
        if (e->kind == ERR_NONE) return true;
        if (e->span.line == 0) e->span = st->span;
        return false;
    }
    if (in->echo && !st->quiet) interp_print_value(in, v);
    val_free(v);
    return true;
}

Value *interp_eval(Interp *in, const Node *expr, Err *e) {
    Ref r = {0};
    if (!eval_ref(in, expr, &r, e)) return NULL;
    return ref_take(&r, e);
}

const Value *interp_eval_ref(Interp *in, const Node *expr, Value **own, Err *e) {
    Ref r = {0};
    *own = NULL;
    if (!eval_ref(in, expr, &r, e)) return NULL;
    *own = r.own;
    return r.v;
}

bool interp_exec(Interp *in, const Node *st, Err *e) {
    switch (st->kind) {
    case N_IMPORT: return true;
    case N_ASSIGN: return exec_assign(in, st, e);
    case N_RAWCMD: return exec_rawcmd(in, st, e);
    case N_EXPR: {
        Ref r = {0};
        if (!eval_ref(in, st->kids[0], &r, e)) return false;
        if (in->echo && !st->quiet) interp_print_value(in, r.v);
        ref_drop(&r);
        return true;
    }
    default: {
        /* a bare expression node, as some callers may hand over */
        Ref r = {0};
        if (!eval_ref(in, st, &r, e)) return false;
        if (in->echo) interp_print_value(in, r.v);
        ref_drop(&r);
        return true;
    }
    }
}

RunStatus interp_run(Interp *in, const char *src, const char *srcname, int first_line) {
    Node **stmts = NULL;
    Err e;
    err_clear(&e);
    /* a command may run a script inside a run: keep the outer context */
    const char *old_src = in->src, *old_name = in->srcname;
    int old_line = in->first_line;
    in->src = src;
    in->srcname = srcname;
    in->first_line = first_line;
    in->quit = false;
    interp_interrupted = 0;
    RunStatus status = RUN_OK;
    int n = parse_program(src, first_line, &stmts, &e);
    if (n < 0) {
        if (e.kind == ERR_INCOMPLETE) {
            status = RUN_INCOMPLETE;
        } else {
            interp_report(in, &e);
            status = RUN_ERROR;
        }
        n = 0;
    }
    for (int i = 0; i < n && status == RUN_OK; i++) {
        err_clear(&e);
        if (interp_interrupted) {
            interp_interrupted = 0;
            err_set_at(&e, ERR_INTERRUPT, stmts[i]->span, "stopped before this statement");
            interp_report(in, &e);
            status = RUN_ERROR;
        } else if (!interp_exec(in, stmts[i], &e)) {
            interp_report(in, &e);
            status = RUN_ERROR;
        } else if (in->quit) {
            status = RUN_QUIT;
        }
    }
    for (int i = 0; i < n; i++)
        node_free(stmts[i]);
    free(stmts);
    fflush(in->out);
    in->src = old_src;
    in->srcname = old_name;
    in->first_line = old_line;
    return status;
}

/* --- the chapter's example ---------------------------------------------------- */

bool interp_load_example(Interp *in, bool quiet) {
    static const double X[] = {1.0, 0.5};
    static const double W1[] = {0.1, 0.3, 0.5, 0.2, 0.4, 0.6};
    static const double B1[] = {0.1, 0.2, 0.3};
    static const double W2[] = {0.1, 0.4, 0.2, 0.5, 0.3, 0.6};
    static const double B2[] = {0.1, 0.2};
    static const double W3[] = {0.1, 0.3, 0.2, 0.4};
    static const double B3[] = {0.1, 0.2};
    static const struct {
        const char *name;
        int ndim;
        int64_t shape[2];
        const double *v;
    } defs[] = {
        {"X", 1, {2}, X},   {"W1", 2, {2, 3}, W1}, {"B1", 1, {3}, B1}, {"W2", 2, {3, 2}, W2},
        {"B2", 1, {2}, B2}, {"W3", 2, {2, 2}, W3}, {"B3", 1, {2}, B3},
    };
    Value *vals[7] = {0};
    for (int i = 0; i < 7; i++)
        if (!(vals[i] = val_array(
                  arr_from_f64(DT_FLOAT64, defs[i].ndim, defs[i].shape, defs[i].v, NULL)))) {
            for (int j = 0; j < i; j++)
                val_free(vals[j]);
            return false;
        }
    bool ok = true;
    for (int i = 0; i < 7; i++)
        ok = vars_set(in->vars, defs[i].name, vals[i]) && ok;
    if (!quiet)
        fprintf(in->out, "Loaded the chapter's 2-3-2-2 network: X W1 B1 W2 B2 W3 B3. "
                         "Try: forward   or   dot X W1\n");
    return ok;
}
