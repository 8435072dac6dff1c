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

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp_priv.h"
#include "modules.h"
#include "parse.h"
#include "shapefix.h"
#include "undo.h"

/* --- life cycle and settings ---------------------------------------------- */

Interp *interp_new(FILE *out, FILE *err) {
    Interp *in = zalloc(1, sizeof *in);
    if (!in) return NULL;
    in->vars = vars_new();
    if (!in->vars) {
        free(in);
        return NULL;
    }
    in->reg = reg_new();
    if (!in->reg) {
        vars_free(in->vars);
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
    for (int i = in->nslots - 1; i >= 0; i--)
        slot_release(in->slots[i].key, in->slots[i].data);
    free(in->slots);
    free(in->tb);
    free(in->tb_report);
    for (int i = 0; i < in->nmods; i++)
        free(in->mods[i].alias);
    free(in->mods);
    vars_free(in->vars);
    reg_free(in->reg);
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

Registry *interp_registry(Interp *in) {
    return in->reg;
}

void interp_set_reporter(Interp *in, InterpReporter fn) {
    in->reporter = fn;
}

InterpReporter interp_reporter(const Interp *in) {
    return in->reporter;
}

void interp_set_run_on(Interp *in, bool on) {
    in->run_on = on;
}

bool interp_wait(const Interp *in) {
    return in->wait;
}

void interp_set_wait(Interp *in, bool wait) {
    in->wait = wait;
}

bool interp_tracing(const Interp *in) {
    return in->trace != NULL;
}

void interp_trace_event(Interp *in, const TraceEvent *ev) {
    if (in->trace) in->trace(in->trace_ctx, ev);
}

void interp_request_quit(Interp *in) {
    in->quit = true;
}

void interp_print_history(Interp *in, FILE *out) {
    if (in->history)
        in->history(out);
    else
        fputs("no history\n", out);
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

/* Containers nested deeper than this print as (...), [...] or {...}:
 * a = (a,) repeated 60,000 times must not print 120,000 brackets each time
 * (Python would give up with a RecursionError). */
enum { SHOW_MAX_DEPTH = 100 };

static void show_at(Interp *in, FILE *f, const Value *v, ShowMode mode, int depth);

/* A dict as print() and repr() show it (Python's text, arrays as their
 * repr), or, for the echo at the prompt (summary), one key a line with each
 * array's shape and dtype instead of its numbers: a network's weights are
 * thousands of them. */
static void show_dict(Interp *in, FILE *f, const Value *v, bool summary, int depth) {
    fputc('{', f);
    for (int i = 0; i < v->n; i++) {
        if (i) fputs(summary ? ",\n " : ", ", f);
        show_quoted(f, v->keys[i]);
        fputs(": ", f);
        const Value *item = v->items[i];
        if (summary && item->kind == V_ARRAY && item->arr->ndim > 0) {
            char buf[64];
            fprintf(f, "%s %s", shape_str(buf, item->arr->ndim, item->arr->shape),
                    dtype_name(item->arr->dtype));
        } else {
            show_at(in, f, item, SHOW_INLINE, depth + 1);
        }
    }
    fputc('}', f);
}

void interp_show(Interp *in, FILE *f, const Value *v, ShowMode mode) {
    show_at(in, f, v, mode, 0);
}

static void show_at(Interp *in, FILE *f, const Value *v, ShowMode mode, int depth) {
    bool container = v->kind == V_TUPLE || v->kind == V_LIST || v->kind == V_DICT;
    if (container && depth >= SHOW_MAX_DEPTH) {
        fputs(v->kind == V_TUPLE ? "(...)" : v->kind == V_LIST ? "[...]" : "{...}", f);
        return;
    }
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
        if (v->kind == V_LIST && v->view != VIEW_NONE)
            fputs(v->view == VIEW_KEYS     ? "dict_keys("
                  : v->view == VIEW_VALUES ? "dict_values("
                                           : "dict_items(",
                  f);
        fputc(v->kind == V_TUPLE ? '(' : '[', f);
        for (int i = 0; i < v->n; i++) {
            if (i) fputs(", ", f);
            show_at(in, f, v->items[i], SHOW_INLINE, depth + 1);
        }
        if (v->kind == V_TUPLE && v->n == 1) fputc(',', f);
        fputc(v->kind == V_TUPLE ? ')' : ']', f);
        if (v->kind == V_LIST && v->view != VIEW_NONE) fputc(')', f);
        break;
    case V_DICT: show_dict(in, f, v, mode == SHOW_ECHO, depth); break;
    case V_FUNC: fprintf(f, "<built-in function %s>", v->fn->name); break;
    case V_DTYPE: fputs(v->str, f); break;
    case V_USERFN: fprintf(f, "<function %s>", exec_fn_name(v)); break;
    case V_RANGE: {
        const int64_t *d = v->arr->data;
        if (d[2] == 1)
            fprintf(f, "range(%lld, %lld)", (long long)d[0], (long long)d[1]);
        else
            fprintf(f, "range(%lld, %lld, %lld)", (long long)d[0], (long long)d[1],
                    (long long)d[2]);
        break;
    }
    case V_FILE: fprintf(f, "<_io.BufferedReader name='%s'>", v->str); break;
    case V_IMAGE:
        fprintf(f, "<PIL.Image.Image image mode=L size=%lldx%lld>", (long long)v->arr->shape[1],
                (long long)v->arr->shape[0]);
        break;
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

/* After an error that left a function: the call chain, outermost first,
 * then the full report written where it happened. */
static void report_plain(Interp *in, const Err *e);

static void report_chain(Interp *in, const Err *e) {
    exec_chain_flush(in);
    fputs("error inside a function; the calls that led there, outermost first:\n", in->err);
    int len = 0;
    const char *line =
        in->src ? err_source_line(in->src, e->span.line - in->first_line + 1, &len) : NULL;
    fprintf(in->err, "  at %s line %d%s%s:\n", in->srcname ? in->srcname : "<input>", e->span.line,
            in->loop_note[0] ? ", " : "", in->loop_note);
    if (line) {
        fprintf(in->err, "    %.*s\n    %*s", len, line, e->span.col > 1 ? e->span.col - 1 : 0, "");
        for (int i = 0; i < (e->span.end > e->span.col ? e->span.end - e->span.col : 1); i++)
            fputc('^', in->err);
        fputc('\n', in->err);
    }
    if (in->tb) fputs(in->tb, in->err);
    fputs(in->tb_report, in->err);
}

static void chain_clear(Interp *in) {
    free(in->tb);
    free(in->tb_report);
    in->tb = in->tb_report = NULL;
    in->tb_repeat = 0;
    in->loop_note[0] = '\0';
}

void interp_report(Interp *in, const Err *e) {
    fflush(in->out);
    if (in->tb_report && !in->frame) {
        report_chain(in, e);
        chain_clear(in);
        fflush(in->err);
        return;
    }
    if (in->loop_note[0] && !in->frame) { /* a loop at the top stopped */
        report_plain(in, e);
        fprintf(in->err, "  (stopped %s)\n", in->loop_note);
        in->loop_note[0] = '\0';
        fflush(in->err);
        return;
    }
    report_plain(in, e);
}

/* The report of e against the run's source, by the reporter in force. */
static void report_plain(Interp *in, const Err *e) {
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
    /* a library may explain errors better (init.c installs fixes.c's, which
     * adds the shape debugger and fixes checked on the whole statement);
     * without one, the plain message and caret */
    if (in->reporter)
        in->reporter(in, in->err, e, in->srcname, src, in->color);
    else if ((e->kind == ERR_SHAPE || e->kind == ERR_INDEX) && e->nops > 0)
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
    Value *box;                   /* a dict or list item instead (borrowed) */
    Value *owner;                 /* the value written into (for undo) */
    char *key;                    /* a dict's key (owned) */
    int64_t lpos;                 /* a list's position */
    Array *src;                   /* val's array, or a converted copy */
    Array *src_own;
} SetPlan;

static void plan_free(SetPlan *p) {
    for (int i = 0; i < ARR_MAXDIM; i++)
        free(p->pos[i]);
    arr_free(p->src_own);
    val_free(p->val);
    free(p->key);
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

/* Can every value of src be stored in an array of dtype t without being
 * changed beyond rounding? A float that is nan, infinite or out of range
 * for an integer dtype, or an int out of a uint8's range, is refused as
 * NumPy refuses a Python number that does not fit (no INT64_MIN stored in
 * silence). */
static bool storable(const Array *src, DType t, const char *name, const Node *at, Err *e) {
    if (t == src->dtype || dtype_is_float(t) || t == DT_BOOL) return true;
    double lo = t == DT_UINT8 ? 0 : -9223372036854775808.0;
    double hi = t == DT_UINT8 ? 255 : 9223372036854775808.0; /* 2**63: excluded */
    for (int64_t i = 0; i < src->size; i++) {
        double v = arr_get(src, i);
        if (src->dtype == DT_INT64 && t == DT_INT64) break;
        bool ok = t == DT_UINT8 ? v >= lo && v <= hi : v >= lo && v < hi;
        if (!ok) {
            char num[40];
            snprintf(num, sizeof num, "%g", v);
            return err_set_at(e, ERR_VALUE, at->span,
                              isnan(v) ? "cannot store nan in the %s array %s: integers have no nan"
                                       : "cannot store %s in the %s array %s: out of its range",
                              isnan(v) ? dtype_name(t) : num, isnan(v) ? name : dtype_name(t),
                              name) != NULL;
        }
    }
    return true;
}

/* Plan d['key'] = v on a dict, or L[i] = v on a list: check the key or
 * position now, store later (apply_setitem). */
static bool plan_box(Interp *in, const Node *target, const Value *box, SetPlan *p, Err *e) {
    if (target->nkids != 2 || target->kids[1]->kind == N_SLICE)
        return err_set_at(e, ERR_INDEX, target->span, "a %s takes one %s between [ ]",
                          val_kind_name(box->kind),
                          box->kind == V_DICT ? "key" : "position") != NULL;
    Ref k = {0};
    if (!eval_ref(in, target->kids[1], &k, e)) return false;
    bool ok = true;
    if (box->kind == V_DICT) {
        if (k.v->kind != V_STR)
            ok = err_set_at(e, ERR_TYPE, target->kids[1]->span,
                            "nnsh's dict keys are strings, not %s",
                            val_kind_name(k.v->kind)) != NULL;
        else if (!(p->key = strdup(k.v->str)))
            ok = err_set(e, ERR_MEMORY, "out of memory") != NULL;
    } else {
        int64_t i;
        if (!eval_int(k.v, &i))
            ok = err_set_at(e, ERR_TYPE, target->kids[1]->span, "list indices must be integers") !=
                 NULL;
        else if (i < -(int64_t)box->n || i >= box->n)
            ok = err_set_at(e, ERR_INDEX, target->kids[1]->span,
                            "list index %lld is out of range (the list has %d items)", (long long)i,
                            box->n) != NULL;
        else
            p->lpos = i < 0 ? i + box->n : i;
    }
    ref_drop(&k);
    if (ok) p->box = (Value *)box; /* changed in place, as Python does */
    return ok;
}

/* Plan `target[...] = val` (target an N_INDEX over a variable, or over
 * `base` when not NULL: the value an earlier target of the same statement
 * gives that name, as in `b, b[0] = np.zeros(3), 5`). Takes ownership of
 * val. */
static bool plan_setitem(Interp *in, const Node *target, const Value *base, Value *val, SetPlan *p,
                         Err *e) {
    memset(p, 0, sizeof *p);
    p->val = val;
    const Node *obj = target->kids[0];
    const Value *var = base ? base : obj->kind == N_NAME ? scope_get(in, obj->str) : NULL;
    if (obj->kind != N_NAME)
        return err_set_at(e, ERR_SYNTAX, obj->span,
                          "nnsh assigns into items of a variable only, like x[0] = 1") != NULL;
    if (!var)
        return err_set_at(e, ERR_NAME, obj->span, "name '%s' is not defined", obj->str) != NULL;
    p->owner = (Value *)var;
    if (var->kind == V_DICT || var->kind == V_LIST) return plan_box(in, target, var, p, e);
    if (var->kind != V_ARRAY)
        return err_set_at(e, ERR_TYPE, obj->span, "a %s's items cannot be assigned; %s is one",
                          val_kind_name(var->kind), obj->str) != NULL;
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
    if (!storable(p->src, p->dst->dtype, obj->str, target, e)) return false;
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
    if (target->kind == N_NAME && !scope_get(in, target->str))
        return err_set_at(e, ERR_NAME, target->span, "name '%s' is not defined", target->str);
    Ref cur = {0}, r = {0};
    Value *out = NULL;
    if (!eval_ref(in, target, &cur, e) || !eval_ref(in, rhs, &r, e)) goto done;
    if ((cur.v->kind == V_ARRAY && cur.v->arr->ndim == 0) || cur.v->kind == V_STR ||
        cur.v->kind == V_TUPLE) {
        /* an immutable value (a number: Python's, or a NumPy scalar such as
         * np.sum(x) gives): x op= y is x = x op y, Python's checked int
         * arithmetic included (s += i never wraps) */
        Ref res = {0};
        if (eval_binop_refs(in, st, &cur, &r, &res, e))
            out = ref_take(&res, e);
        else if (e->span.line == 0)
            e->span = st->opspan.line ? st->opspan : st->span;
        goto done;
    }
    if (cur.v->kind == V_LIST && r.v->kind == V_LIST && st->op == OP_ADD && !cur.v->view) {
        /* L += [x] extends L itself, as Python does (every name of L sees
         * the new items) */
        Value *lv = (Value *)cur.v;
        int total = lv->n + r.v->n;
        undo_before_write(in, lv); /* the items as they are, before realloc moves them */
        Value **items = realloc(lv->items, (size_t)(total ? total : 1) * sizeof *items);
        if (!items) {
            err_set(e, ERR_MEMORY, "out of memory");
            goto done;
        }
        lv->items = items;
        int add = r.v->n; /* r may be L itself: L += L */
        for (int i = 0; i < add; i++)
            items[lv->n + i] = val_ref(r.v->items[i]);
        lv->n = total;
        out = val_ref(lv);
        goto done;
    }
    if (cur.v->kind == V_LIST && r.v->kind == V_LIST && st->op == OP_ADD) {
        /* a copy (a slice, a call's result): a new list */
        int total = cur.v->n + r.v->n;
        Value **items = zalloc((size_t)(total ? total : 1), sizeof *items);
        for (int i = 0; items && i < total; i++)
            items[i] = val_ref(i < cur.v->n ? cur.v->items[i] : r.v->items[i - cur.v->n]);
        out = items ? val_seq(V_LIST, items, total) : NULL;
        free(items);
        if (!out) err_set(e, ERR_MEMORY, "out of memory");
        goto done;
    }
    if (cur.v->kind == V_ARRAY && (r.v->kind == V_LIST || r.v->kind == V_TUPLE) &&
        eval_is_numeric(r.v)) { /* x += [1, 2]: the list as an array */
        Array *t = eval_to_array(r.v, e);
        ref_drop(&r);
        if (!t || !(r.own = val_array(t))) goto done;
        r.v = r.own;
    }
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
    if (a->size > 0) {
        /* x += y writes into x itself, as NumPy does: every name and every
         * container entry that holds this array sees the new numbers. The
         * target read above is the array stored there (a subscript of an
         * array reads a copy, stored back by the binding). The statement
         * can no longer fail: its checks are all above. */
        Value *tv = (Value *)cur.v;
        undo_before_write(in, tv);
        memcpy(tv->arr->data, res->data, (size_t)res->size * dtype_size(res->dtype));
        arr_free(res);
        out = val_ref(tv);
        goto done;
    }
    out = val_array(res);
    if (!out) err_set(e, ERR_MEMORY, "out of memory");
done:
    ref_drop(&cur);
    ref_drop(&r);
    return out;
}

/* Split v into vals[0..nt) for `a, b = v`: new references to a tuple's or
 * list's items; an array splits along its first axis into new arrays. */
static bool unpack(const Value *v, int nt, Value **vals, Span at, Err *e) {
    if (v->kind == V_TUPLE || v->kind == V_LIST) {
        if (v->n != nt)
            return err_set_at(e, ERR_VALUE, at, "cannot unpack %d values into %d names", v->n,
                              nt) != NULL;
        for (int i = 0; i < nt; i++)
            vals[i] = val_ref(v->items[i]);
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
    /* anything a for loop goes through: a range, a str, a dict's keys */
    int64_t n;
    if (v->kind == V_ARRAY || !exec_iter_len(v, at, &n, e)) {
        err_clear(e);
        return err_set_at(e, ERR_TYPE, at, "cannot unpack a %s into %d names",
                          v->kind == V_ARRAY ? "0-d array" : val_kind_name(v->kind), nt) != NULL;
    }
    if (n != nt)
        return err_set_at(e, ERR_VALUE, at, "cannot unpack %lld values into %d names", (long long)n,
                          nt) != NULL;
    for (int i = 0; i < nt; i++)
        if (!(vals[i] = exec_iter_item(v, i, e)))
            return e->kind ? false : err_set(e, ERR_MEMORY, "out of memory") != NULL;
    return true;
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
    Value **parts = zalloc((size_t)(t->nkids ? t->nkids : 1), sizeof *parts);
    bool ok = parts && unpack(v, t->nkids, parts, t->span, e);
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

/* --- commands ---------------------------------------------------------------------
 * A command runs only at the head of a statement (registry.h): `cmd args`,
 * or `name = cmd args`, which binds its result. */

/* The command named by plain name n, or NULL (a variable of that name wins). */
static const Builtin *command_named(Interp *in, const Node *n) {
    if (n->kind == N_ATTR && n->kids[0]->kind == N_NAME &&
        (strcmp(n->kids[0]->str, "np") == 0 || strcmp(n->kids[0]->str, "numpy") == 0) &&
        !scope_get(in, n->kids[0]->str)) {
        const Builtin *b = reg_find(in->reg, n->str); /* np.load */
        return b && b->cmd ? b : NULL;
    }
    if (n->kind != N_NAME || scope_get(in, n->str)) return NULL;
    const Builtin *b = reg_find(in->reg, n->str);
    return b && b->cmd ? b : NULL;
}

/* The command at the head of expression x (`vars`, `help dot`), or NULL. A
 * value command called with brackets (`load("w.npy")`) is an expression. */
static const Builtin *command_head(Interp *in, const Node *x) {
    if (x->kind != N_CALL) return command_named(in, x);
    const Builtin *b = command_named(in, x->kids[0]);
    return b && b->value && !x->cmdform ? NULL : b;
}

static NameKind command_kind(void *ctx, const char *name) {
    Interp *in = ctx;
    if (scope_get(in, name)) return NAME_PLAIN;
    const Builtin *b = reg_find(in->reg, name);
    if (!b || !b->cmd) return NAME_PLAIN;
    return b->value ? NAME_VALUE_COMMAND : NAME_COMMAND;
}

int interp_parse(Interp *in, const char *src, int first_line, Node ***out, Err *e) {
    ParseNames names = {command_kind, in, in->wait};
    return parse_program_names(src, first_line, &names, out, e);
}

/* Run command b whose call (or bare name) is x: its value, or NULL with e
 * clear for "nothing to show", or NULL with e set. */
static Value *run_command(Interp *in, const Builtin *b, const Node *x, Err *e) {
    Value *v = b->cmd(in, x, e);
    if (!v && e->kind != ERR_NONE && e->span.line == 0) e->span = x->span;
    return v;
}

/* name = command args */
static bool exec_command_assign(Interp *in, const Node *st, const Builtin *b, Err *e) {
    const Node *target = st->kids[0];
    Value *v = run_command(in, b, st->kids[1], e);
    if (!v && e->kind != ERR_NONE) return false;
    if (!v && !(v = val_none())) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    if (!scope_set(in, target->str, v))
        return err_set_at(e, ERR_MEMORY, st->span, "out of memory") != NULL;
    if (in->echo && !st->quiet && !in->frame && !in->blocks)
        interp_echo_binding(in, target->str, scope_get(in, target->str));
    return true;
}

/* Report the binding of `name` to v by statement st to the trace hook. */
static void trace_assign(Interp *in, const Node *st, const char *name, const Value *v) {
    TraceEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.op = "assign";
    ev.node = st;
    ev.result = v->kind == V_ARRAY ? v->arr : NULL;
    ev.target = name;
    char where[96];
    ev.where = exec_where(in, st, where, sizeof where);
    ev.depth = in->depth;
    in->trace(in->trace_ctx, &ev);
}

/* Bind tops[0..nt) (owned; freed here in every case) to targets[0..nt):
 * split tuple targets, plan every item target, then bind, left to right as
 * Python does (an item target reads the value an earlier target gave its
 * name in this statement). Nothing is bound when anything fails. `st` is
 * the statement, for spans, the trace and (when `echo`) the echo. */
static bool bind_values(Interp *in, const Node *st, Node *const *targets, int nt, Value **tops,
                        bool echo, Err *e) {
    if (nt == 1 && targets[0]->kind == N_NAME) { /* x = v: the common case, no plan */
        const char *name = targets[0]->str;
        Value *v = tops[0];
        tops[0] = NULL;
        if (!scope_set(in, name, v))
            return err_set_at(e, ERR_MEMORY, st->span, "out of memory") != NULL;
        if (echo || in->trace) {
            const Value *b = scope_get(in, name);
            if (in->trace) trace_assign(in, st, name, b);
            if (echo) interp_echo_binding(in, name, b);
        }
        return true;
    }
    int nleaves = 0, n = 0;
    for (int i = 0; i < nt; i++)
        nleaves += count_leaves(targets[i]);
    Leaf *leaves = zalloc((size_t)nleaves, sizeof *leaves);
    bool ok = false;
    if (!leaves) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto done;
    }
    /* 1. split for tuple targets, and check every index target */
    for (int i = 0; i < nt; i++) {
        Value *v = tops[i];
        tops[i] = NULL;
        if (!collect(targets[i], v, leaves, &n, e)) goto done;
    }
    for (int i = 0; i < n; i++)
        if (leaves[i].target->kind == N_INDEX) {
            const Value *base = NULL;
            for (int j = 0; j < i; j++)
                if (leaves[j].target->kind == N_NAME &&
                    strcmp(leaves[j].target->str, leaves[i].target->kids[0]->str) == 0)
                    base = leaves[j].val;
            Value *v = leaves[i].val;
            leaves[i].val = NULL;
            if (!plan_setitem(in, leaves[i].target, base, v, &leaves[i].plan, e)) goto done;
        }
    /* 2. bind: nothing can fail from here except running out of memory */
    for (int i = 0; i < n; i++)
        undo_before_write(in, leaves[i].plan.owner);
    for (int i = 0; i < n; i++)
        if (leaves[i].plan.dst) {
            apply_setitem(&leaves[i].plan);
        } else if (leaves[i].plan.box) {
            SetPlan *p = &leaves[i].plan;
            Value *v = p->val;
            p->val = NULL;
            if (p->box->kind == V_LIST) {
                val_free(p->box->items[p->lpos]);
                p->box->items[p->lpos] = v;
            } else if (!val_dict_put(p->box, p->key, v)) {
                err_set_at(e, ERR_MEMORY, st->span, "out of memory");
                goto done;
            }
        }
    for (int i = 0; i < n; i++)
        if (leaves[i].target->kind == N_NAME) {
            Value *v = leaves[i].val;
            leaves[i].val = NULL;
            if (!scope_set(in, leaves[i].target->str, v)) {
                err_set_at(e, ERR_MEMORY, st->span, "out of memory");
                goto done;
            }
        }
    ok = true;
    for (int i = 0; i < n && (echo || in->trace); i++) {
        const char *name = target_name(leaves[i].target);
        const Value *v = scope_get(in, name);
        bool again = false; /* x[0], x[1] = ...: report x once */
        for (int j = 0; j < i; j++)
            again |= strcmp(target_name(leaves[j].target), name) == 0;
        if (!v || again) continue;
        if (in->trace) trace_assign(in, st, name, v);
        if (echo) interp_echo_binding(in, name, v);
    }
done:
    for (int i = 0; i < nt; i++)
        val_free(tops[i]);
    for (int i = 0; leaves && i < n; i++) {
        val_free(leaves[i].val);
        plan_free(&leaves[i].plan);
    }
    free(leaves);
    return ok;
}

bool interp_bind(Interp *in, const Node *st, Node *target, Value *v, Err *e) {
    if (!check_target(target, e)) {
        val_free(v);
        return false;
    }
    Value *tops[1] = {v};
    return bind_values(in, st, &target, 1, tops, false, e);
}

/* NAME op= x with Python ints, x a name or an int literal (s += i, n -= 1):
 * the counters of the book's loops, done without the general machinery and,
 * through scope_update_int, without a new value. 1 when done, -1 with e set
 * (out of memory: nothing changed), 0 when the statement is not this case
 * or needs the general way (an overflow's error, the tracer, the echo): then
 * nothing has been evaluated or changed. */
static int int_augment(Interp *in, const Node *st, Err *e) {
    const Node *target = st->kids[0], *rhs = st->kids[1];
    if (st->nkids != 2 || target->kind != N_NAME || in->trace ||
        (in->echo && !st->quiet && !in->frame && !in->blocks))
        return 0;
    int64_t b;
    if (rhs->kind == N_NUM) {
        if (!rhs->is_int || rhs->ibig || rhs->inum > (uint64_t)INT64_MAX) return 0;
        b = rhs->ineg ? -(int64_t)rhs->inum : (int64_t)rhs->inum;
    } else {
        const Value *y = rhs->kind == N_NAME ? scope_get(in, rhs->str) : NULL;
        if (!y || !py_int(y, &b)) return 0;
    }
    return scope_update_int(in, target->str, st->op, b, e);
}

static NOINLINE bool exec_assign(Interp *in, const Node *st, Err *e) {
    int nt = st->nkids - 1;
    const Node *rhs = st->kids[nt];
    const Builtin *cmd =
        st->op < 0 && nt == 1 && st->kids[0]->kind == N_NAME ? command_head(in, rhs) : NULL;
    if (cmd) return exec_command_assign(in, st, cmd, e);
    for (int i = 0; i < nt; i++)
        if (!check_target(st->kids[i], e)) return false;
    Value *few[4] = {0}; /* most statements bind one to four targets */
    Value **tops = nt <= 4 ? few : zalloc((size_t)nt, sizeof *tops);
    if (!tops) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    /* the whole right side first, into new values */
    bool got;
    if (st->op >= 0) {
        got = nt == 1 && st->kids[0]->kind != N_TUPLE;
        if (!got)
            err_set_at(e, ERR_SYNTAX, st->span, "an in-place operator takes one target");
        else
            got = (tops[0] = augmented(in, st, e)) != NULL;
    } else if (nt > 1 && rhs->kind == N_TUPLE && rhs->nkids == nt) {
        /* a, b = x, y: each value goes straight to its target, without the
         * tuple that would only be unpacked again (evaluated left to right
         * first, all of them, as Python does) */
        got = true;
        for (int i = 0; got && i < nt; i++) {
            Ref r = {0};
            got = eval_ref(in, rhs->kids[i], &r, e) && (tops[i] = ref_take(&r, e)) != NULL;
        }
    } else {
        Ref r = {0};
        got = eval_ref(in, rhs, &r, e);
        if (got)
            got =
                nt == 1 ? (tops[0] = ref_take(&r, e)) != NULL : unpack(r.v, nt, tops, rhs->span, e);
        ref_drop(&r);
    }
    bool ok = got && bind_values(in, st, st->kids, nt, tops,
                                 in->echo && !st->quiet && !in->frame && !in->blocks, e);
    if (!got)
        for (int i = 0; i < nt; i++)
            val_free(tops[i]);
    if (tops != few) free(tops);
    return ok;
}

static NOINLINE bool exec_rawcmd(Interp *in, const Node *st, Err *e) {
    const Builtin *b = reg_find(in->reg, st->str);
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

/* For commands: a list of numbers reads as an array (forward [1.0, 0.5]). */
static bool list_as_array(Ref *r, Err *e) {
    if (r->v->kind != V_LIST || r->v->n == 0 || !eval_is_numeric(r->v)) return true;
    Array *a = eval_to_array(r->v, e);
    if (!a) {
        ref_drop(r);
        return false;
    }
    Value *v = val_array(a);
    ref_drop(r);
    if (!v) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    r->v = r->own = v;
    return true;
}

Value *interp_eval(Interp *in, const Node *expr, Err *e) {
    Ref r = {0};
    if (!eval_ref(in, expr, &r, e) || !list_as_array(&r, e)) return NULL;
    Value *v = ref_take(&r, e);
    if (v && v->refs > 1) {
        /* a variable's value (or part of one): the caller gets its own */
        Value *c = val_copy(v);
        val_free(v);
        if (!(v = c)) err_set(e, ERR_MEMORY, "out of memory copying a value");
    }
    return v;
}

const Value *interp_eval_ref(Interp *in, const Node *expr, Value **own, Err *e) {
    Ref r = {0};
    *own = NULL;
    if (!eval_ref(in, expr, &r, e) || !list_as_array(&r, e)) return NULL;
    if (r.own->refs > 1) {
        /* held elsewhere too (a variable): lend it, as the contract says */
        val_free(r.own);
        return r.v;
    }
    *own = r.own;
    return r.v;
}

/* --- imports ---------------------------------------------------------------------- */

/* What one imported name stands for: a module, or a built-in (from
 * common.functions import sigmoid). Sets e for anything nnsh cannot import. */
static bool import_target(Interp *in, const Node *imp, const Node *item, const ModuleDef **mod,
                          const Builtin **fn, Err *e) {
    const char *path = item->kids[0]->str;
    char member[128];
    *mod = NULL;
    *fn = NULL;
    if (strcmp(item->str, "*") == 0) {
        const ModuleDef *m = mod_find(path);
        if (m && m->prefix && !m->prefix[0]) return true; /* its names are built in already */
        if (m)
            return err_set_at(e, ERR_NAME, item->span,
                              "from %s import * is not supported: name what you use", path) != NULL;
    } else if ((*mod = mod_find(path))) {
        return true;
    } else if (imp->op == 1) {
        const ModuleDef *owner;
        if (mod_resolve(path, &owner, member, sizeof member)) {
            *fn = reg_find_member(in->reg, member);
            if (*fn && ((*fn)->fn || (*fn)->value)) return true;
            return err_set_at(e, ERR_NAME, item->span,
                              "cannot import '%s': nnsh's %s has no such name",
                              strrchr(path, '.') + 1, owner->name) != NULL;
        }
    }
    return err_set_at(e, ERR_NAME, item->span,
                      "nnsh has no module '%s' (modules lists what it has)", path) != NULL;
}

/* import ... / from ... import ...: every name is checked before any is
 * bound, so a line that fails binds nothing. A module becomes an alias of
 * the session (plt -> matplotlib.pylab); a built-in imported under its own
 * name needs nothing, under another it becomes a variable. */
static NOINLINE bool exec_import(Interp *in, const Node *st, Err *e) {
    for (int i = 0; i < st->nkids; i++) {
        const ModuleDef *m;
        const Builtin *b;
        if (!import_target(in, st, st->kids[i], &m, &b, e)) return false;
    }
    for (int i = 0; i < st->nkids; i++) {
        const Node *item = st->kids[i];
        const ModuleDef *m;
        const Builtin *b;
        import_target(in, st, item, &m, &b, e);
        if (b && strcmp(b->name, item->str) != 0) {
            if (!scope_set(in, item->str, val_func(b)))
                return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        }
        if (!m) continue;
        int k = 0;
        while (k < in->nmods && strcmp(in->mods[k].alias, item->str) != 0)
            k++;
        if (k == in->nmods) {
            void *grown = realloc(in->mods, (size_t)(k + 1) * sizeof *in->mods);
            char *alias = strdup(item->str);
            if (!grown || !alias) {
                if (grown) in->mods = grown;
                free(alias);
                return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            }
            in->mods = grown;
            in->mods[k].alias = alias;
            in->nmods++;
        }
        in->mods[k].mod = m;
        /* an import hides a variable of the same name, as in Python */
        vars_del(in->vars, item->str);
    }
    return true;
}

/* An expression statement: a command, or an expression echoed at the top. */
static NOINLINE bool exec_expr(Interp *in, const Node *st, Err *e) {
    const Builtin *cmd = command_head(in, st->kids[0]);
    if (cmd) {
        Value *v = run_command(in, cmd, st->kids[0], e);
        if (!v) return e->kind == ERR_NONE;
        if (in->echo && !st->quiet && !in->frame && !in->blocks) interp_print_value(in, v);
        val_free(v);
        return true;
    }
    Ref r = {0};
    if (!eval_ref(in, st->kids[0], &r, e)) return false;
    if (in->echo && !st->quiet && !in->frame && !in->blocks) interp_print_value(in, r.v);
    ref_drop(&r);
    return true;
}

bool interp_exec(Interp *in, const Node *st, Err *e) {
    switch (st->kind) {
    case N_BLOCK:
    case N_IF:
    case N_WHILE:
    case N_FOR:
    case N_DEF:
    case N_RETURN:
    case N_BREAK:
    case N_CONTINUE:
    case N_PASS:
    case N_GLOBAL:
    case N_WITH: return exec_stmt(in, st, e) != FLOW_ERROR;
    case N_IMPORT: return exec_import(in, st, e);
    case N_ASSIGN: {
        int done = st->op >= 0 ? int_augment(in, st, e) : 0; /* s += i, first */
        return done ? done > 0 : exec_assign(in, st, e);
    }
    case N_RAWCMD: return exec_rawcmd(in, st, e);
    case N_EXPR: return exec_expr(in, st, e);
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

/* The lines of src from the start of statement st to the end: how many
 * were not run when the statement before st failed. */
static int lines_from(const char *src, int first_line, const Node *st) {
    int total = first_line - 1;
    for (const char *p = src; *p; p++)
        total += *p == '\n';
    if (*src && src[strlen(src) - 1] != '\n') total++;
    return total >= st->span.line ? total - st->span.line + 1 : 0;
}

RunStatus interp_run(Interp *in, const char *src, const char *srcname, int first_line) {
    Node **stmts = NULL;
    Err e;
    err_clear(&e);
    /* a command may run a script inside a run: keep the outer context */
    const char *old_src = in->src, *old_name = in->srcname;
    int old_line = in->first_line;
    Program *old_prog = in->prog;
    in->quit = false;
    interp_interrupted = 0;
    RunStatus status = RUN_OK;
    in->src = src;
    in->srcname = srcname;
    in->first_line = first_line;
    int n = interp_parse(in, src, first_line, &stmts, &e);
    Program *prog = NULL;
    if (n < 0) {
        if (e.kind == ERR_INCOMPLETE) {
            status = RUN_INCOMPLETE;
        } else {
            interp_report(in, &e);
            status = RUN_ERROR;
        }
        n = 0;
    } else if (!(prog = prog_new(stmts, n, src, srcname, first_line))) {
        for (int i = 0; i < n; i++)
            node_free(stmts[i]);
        free(stmts);
        err_set(&e, ERR_MEMORY, "out of memory");
        interp_report(in, &e);
        status = RUN_ERROR;
        n = 0;
    }
    /* the program's own copy of the text, which functions keep */
    if (prog) {
        in->prog = prog;
        in->src = prog->src;
        in->srcname = prog->srcname;
    }
    bool failed = false; /* a statement failed and the run went on (run_on) */
    for (int i = 0; i < n && status == RUN_OK; i++) {
        err_clear(&e);
        chain_clear(in);
        if (interp_interrupted) {
            interp_interrupted = 0;
            err_set_at(&e, ERR_INTERRUPT, stmts[i]->span, "stopped before this statement");
            interp_report(in, &e);
            status = RUN_ERROR;
        } else if (!undo_exec(in, stmts[i], &e)) {
            interp_report(in, &e);
            if (in->run_on && e.kind != ERR_INTERRUPT) {
                failed = true; /* --keep-going: the next statement runs */
                continue;
            }
            status = RUN_ERROR;
            /* lines pasted at the prompt after the one that failed (a
             * script just ends here) */
            LineSource *ls = interp_input(in);
            int rest = i + 1 < n && ls && ls->interactive
                           ? lines_from(src, first_line, stmts[i + 1])
                           : 0;
            if (rest > 0)
                fprintf(in->err, "(the %d line%s after it %s not run)\n", rest,
                        rest == 1 ? "" : "s", rest == 1 ? "was" : "were");
        } else if (in->quit) {
            status = RUN_QUIT;
        }
    }
    if (failed && status == RUN_OK) status = RUN_ERROR;
    prog_drop(prog);
    fflush(in->out);
    fflush(in->err);
    in->prog = old_prog;
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
        fprintf(in->out,
                "The chapter's 2-3-2-2 network: X W1 B1 W2 B2 W3 B3 (try: forward, dot X W1)\n");
    return ok;
}
