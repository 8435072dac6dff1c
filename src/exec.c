/* exec.c - Python's blocks and the functions a learner defines: running
 * def, if, for, while, with, return, break, continue and global; calling a
 * function with local variables of its own; and the call chain of an error
 * raised inside one (see eval.h).
 *
 * A function keeps the parsed text it was defined in alive (a Program,
 * reference counted), so its body can run long after the line that defined
 * it, and its errors point into its own source.
 */
#include "interp_priv.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

/* A def or lambda. */
typedef struct UserFn {
    char *name;
    const Node *def; /* N_DEF or N_LAMBDA, inside prog */
    Program *prog;
    int ndefaults;
    Value **defaults; /* for the last ndefaults parameters */
} UserFn;

/* One call in progress. */
struct Frame {
    struct Frame *up;
    const UserFn *fn;
    Vars *locals;
    char **globals; /* names declared global here */
    int nglobals;
    Value *ret;
};

enum { MAX_CALL_DEPTH = 200 };

/* --- programs --------------------------------------------------------------- */

Program *prog_new(Node **stmts, int n, const char *src, const char *srcname, int first_line) {
    Program *p = zalloc(1, sizeof *p);
    if (!p) return NULL;
    p->refs = 1;
    p->stmts = stmts;
    p->n = n;
    p->src = strdup(src ? src : "");
    p->srcname = strdup(srcname ? srcname : "<input>");
    p->first_line = first_line;
    if (!p->src || !p->srcname) {
        p->stmts = NULL; /* the caller keeps them on failure */
        prog_drop(p);
        return NULL;
    }
    return p;
}

void prog_drop(Program *p) {
    if (!p || --p->refs > 0) return;
    for (int i = 0; i < p->n && p->stmts; i++)
        node_free(p->stmts[i]);
    free(p->stmts);
    free(p->src);
    free(p->srcname);
    free(p);
}

/* --- scopes ------------------------------------------------------------------- */

static bool declared_global(const Frame *f, const char *name) {
    for (int i = 0; i < f->nglobals; i++)
        if (strcmp(f->globals[i], name) == 0) return true;
    return false;
}

const Value *scope_get(Interp *in, const char *name) {
    Frame *f = in->frame;
    if (f && !declared_global(f, name)) {
        const Value *v = vars_get(f->locals, name);
        if (v) return v;
    }
    return vars_get(in->vars, name);
}

/* The table scope_set(in, name, ...) writes to. */
static Vars *scope_table(Interp *in, const char *name) {
    Frame *f = in->frame;
    return f && !declared_global(f, name) ? f->locals : in->vars;
}

bool scope_set(Interp *in, const char *name, Value *v) {
    return vars_set(scope_table(in, name), name, v);
}

/* A Python int held only by its variable: it may change in place. */
static bool sole_int(const Value *v) {
    return v && v->refs == 1 && v->kind == V_ARRAY && v->arr->weak && v->arr->ndim == 0 &&
           v->arr->dtype == DT_INT64;
}

/* The one place a Python int changes in place (v passed sole_int): for the
 * variable that holds it, this is a new binding, made without scope_set. */
static void int_in_place(Value *v, int64_t x) {
    *(int64_t *)v->arr->data = x;
}

bool scope_set_int(Interp *in, const char *name, int64_t x, Err *e) {
    Value *v = vars_get_mut(scope_table(in, name), name);
    if (sole_int(v)) {
        int_in_place(v, x);
        return true;
    }
    Array *a = arr_scalar_i64(x, e);
    if (a) a->weak = true; /* a Python int */
    Value *nv = val_array(a);
    if (nv && scope_set(in, name, nv)) return true;
    if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
    return false;
}

int scope_update_int(Interp *in, const char *name, int op, int64_t b, Err *e) {
    Vars *t = scope_table(in, name);
    Value *v = vars_get_mut(t, name);
    int64_t a, r;
    if (!v || !py_int(v, &a)) return 0;
    bool over;
    switch (op) {
    case OP_ADD: over = __builtin_add_overflow(a, b, &r); break;
    case OP_SUB: over = __builtin_sub_overflow(a, b, &r); break;
    case OP_MUL: over = __builtin_mul_overflow(a, b, &r); break;
    default: return 0;
    }
    if (over) return 0;
    if (sole_int(v)) {
        int_in_place(v, r);
        return 1;
    }
    return scope_set_int(in, name, r, e) ? 1 : -1;
}

/* --- functions ------------------------------------------------------------------ */

static void userfn_free(void *p) {
    UserFn *fn = p;
    if (!fn) return;
    for (int i = 0; i < fn->ndefaults; i++)
        val_free(fn->defaults[i]);
    free(fn->defaults);
    prog_drop(fn->prog);
    free(fn->name);
    free(fn);
}

const char *exec_fn_name(const Value *v) {
    const UserFn *fn = v->ext;
    return fn && fn->name ? fn->name : "<lambda>";
}

/* A function value for def or lambda node d, its defaults evaluated now
 * (as Python does). NULL with e set on failure. */
Value *exec_make_fn(Interp *in, const Node *d, Err *e) {
    UserFn *fn = zalloc(1, sizeof *fn);
    if (!fn) return err_set(e, ERR_MEMORY, "out of memory");
    fn->def = d;
    fn->prog = in->prog;
    if (fn->prog) fn->prog->refs++;
    fn->name = strdup(d->kind == N_DEF ? d->str : "<lambda>");
    int nparams = d->nkids - 1;
    fn->defaults = zalloc((size_t)(nparams ? nparams : 1), sizeof *fn->defaults);
    if (!fn->name || !fn->defaults) {
        userfn_free(fn);
        return err_set(e, ERR_MEMORY, "out of memory");
    }
    for (int i = 0; i < nparams; i++) {
        const Node *p = d->kids[i];
        if (p->kind != N_KWARG) continue;
        Ref r = {0};
        if (!eval_ref(in, p->kids[0], &r, e)) {
            userfn_free(fn);
            return NULL;
        }
        fn->defaults[fn->ndefaults++] = ref_take(&r, e);
    }
    Value *v = val_ext(V_USERFN, fn, userfn_free);
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

static const char *param_name(const Node *p) {
    return p->str;
}

/* Bind a call's arguments to fn's parameters in locals; false with a
 * Python-worded error for a missing, extra or unknown argument. */
static bool bind_params(const UserFn *fn, const CallArgs *a, Vars *locals, Err *e) {
    const Node *d = fn->def;
    int nparams = d->nkids - 1, first_default = nparams - fn->ndefaults;
    if (a->n > nparams)
        return err_set_at(e, ERR_TYPE, a->call->span, "%s() takes %d argument%s but %d %s given",
                          fn->name, nparams, nparams == 1 ? "" : "s", a->n,
                          a->n == 1 ? "was" : "were") != NULL;
    for (int k = 0; k < a->nkw; k++) {
        int i = 0;
        while (i < nparams && strcmp(param_name(d->kids[i]), a->kwname[k]) != 0)
            i++;
        if (i == nparams)
            return err_set_at(e, ERR_TYPE, a->call->span,
                              "%s() got an unexpected keyword argument '%s'", fn->name,
                              a->kwname[k]) != NULL;
        if (i < a->n)
            return err_set_at(e, ERR_TYPE, a->call->span,
                              "%s() got multiple values for argument '%s'", fn->name,
                              a->kwname[k]) != NULL;
    }
    for (int i = 0; i < nparams; i++) {
        const char *name = param_name(d->kids[i]);
        const Value *v = i < a->n ? a->v[i] : NULL;
        for (int k = 0; !v && k < a->nkw; k++)
            if (strcmp(name, a->kwname[k]) == 0) v = a->kw[k];
        if (!v && i >= first_default) v = fn->defaults[i - first_default];
        if (!v)
            return err_set_at(e, ERR_TYPE, a->call->span, "%s() missing a required argument: '%s'",
                              fn->name, name) != NULL;
        if (!vars_set(locals, name, val_ref(v)))
            return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    }
    return true;
}

/* The source line of span `sp` in program p, with a caret under it, for
 * the call chain of an error. */
static void frame_text(SBuf *b, const char *fname, const Program *p, Span sp) {
    sbuf_printf(b, "  in %s, %s line %d:\n", fname, p ? p->srcname : "<input>", sp.line);
    int len = 0;
    const char *line = p ? err_source_line(p->src, sp.line - p->first_line + 1, &len) : NULL;
    if (!line) return;
    sbuf_printf(b, "    %.*s\n    %*s", len, line, sp.col > 1 ? sp.col - 1 : 0, "");
    int w = sp.end > sp.col ? sp.end - sp.col : 1;
    for (int i = 0; i < w; i++)
        sbuf_put(b, "^", 1);
    sbuf_put(b, "\n", 1);
}

void exec_chain_flush(Interp *in) {
    if (!in->tb_repeat || !in->tb) return;
    /* the head of the chain is the repeated call: the note goes after it */
    const char *p = in->tb;
    for (int lines = 0; *p && lines < 3; p++) /* a frame is up to 3 lines */
        if (*p == '\n') {
            lines++;
            if (p[1] == ' ' && p[2] == ' ' && p[3] == 'i' && p[4] == 'n' && p[5] == ' ') {
                p++;
                break;
            }
        }
    SBuf b = {0};
    sbuf_put(&b, in->tb, (size_t)(p - in->tb));
    sbuf_printf(&b, "  ... the same call %d more time%s\n", in->tb_repeat,
                in->tb_repeat == 1 ? "" : "s");
    sbuf_puts(&b, p);
    char *t = sbuf_done(&b);
    if (t) {
        free(in->tb);
        in->tb = t;
    }
    in->tb_repeat = 0;
}

/* An error leaves the call of fn at `call`: the first time, the full report
 * is written (against the function's own source, which is still the
 * session's); then this frame's line joins the chain, outermost first. */
static void unwind(Interp *in, const UserFn *fn, Err *e) {
    if (!in->tb_report) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (f) {
            FILE *err = in->err;
            in->err = f;
            interp_report(in, e);
            in->err = err;
            fclose(f);
            in->tb_report = buf;
        }
    }
    SBuf b = {0};
    if (!in->tb) /* the innermost: the report shows its line */
        sbuf_printf(&b, "  in %s, %s line %d%s%s\n", fn->name,
                    fn->prog ? fn->prog->srcname : "<input>", e->span.line,
                    in->loop_note[0] ? ", " : "", in->loop_note);
    else
        frame_text(&b, fn->name, fn->prog, e->span);
    char *frame = sbuf_done(&b);
    if (!frame) return;
    in->loop_note[0] = '\0';
    /* a function calling itself: one line for the run of equal calls */
    size_t fl = strlen(frame);
    if (in->tb && strncmp(in->tb, frame, fl) == 0) {
        in->tb_repeat++;
        free(frame);
        return;
    }
    exec_chain_flush(in);
    sbuf_puts(&b, frame);
    if (in->tb) sbuf_puts(&b, in->tb);
    free(frame);
    free(in->tb);
    in->tb = sbuf_done(&b);
}

bool exec_call_user(Interp *in, const Value *fnv, const CallArgs *a, Ref *out, Err *e) {
    const UserFn *fn = fnv->ext;
    if (in->depth >= MAX_CALL_DEPTH)
        return err_set_at(e, ERR_VALUE, a->call->span,
                          "recursion %d calls deep in %s(): it needs a case that stops",
                          MAX_CALL_DEPTH, fn->name) != NULL;
    Frame fr = {0};
    fr.fn = fn;
    fr.locals = vars_new();
    if (!fr.locals || !bind_params(fn, a, fr.locals, e)) {
        vars_free(fr.locals);
        return e->kind != ERR_NONE ? false : err_set(e, ERR_MEMORY, "out of memory") != NULL;
    }
    /* run in the function's own text, so its errors point there */
    Frame *up = in->frame;
    Program *prog = in->prog;
    const char *src = in->src, *srcname = in->srcname;
    int first = in->first_line;
    fr.up = up;
    in->frame = &fr;
    in->depth++;
    if (fn->prog) {
        in->prog = fn->prog;
        in->src = fn->prog->src;
        in->srcname = fn->prog->srcname;
        in->first_line = fn->prog->first_line;
    }
    const Node *body = fn->def->kids[fn->def->nkids - 1];
    bool ok;
    if (fn->def->kind == N_LAMBDA) {
        Ref r = {0};
        ok = eval_ref(in, body, &r, e);
        if (ok) fr.ret = ref_take(&r, e);
    } else {
        ok = exec_stmt(in, body, e) != FLOW_ERROR;
    }
    if (!ok) unwind(in, fn, e);
    in->depth--;
    in->frame = up;
    in->prog = prog;
    in->src = src;
    in->srcname = srcname;
    in->first_line = first;
    vars_free(fr.locals);
    for (int i = 0; i < fr.nglobals; i++)
        free(fr.globals[i]);
    free(fr.globals);
    if (!ok) {
        val_free(fr.ret);
        e->span = a->call->span; /* the caret of the caller's line */
        return false;
    }
    Value *r = fr.ret ? fr.ret : val_none();
    if (!r) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    out->v = out->own = r;
    return true;
}

const char *exec_where(Interp *in, const Node *node, char *buf, size_t cap) {
    size_t len = 0;
    buf[0] = '\0';
    if (in->frame && node) {
        const UserFn *fn = in->frame->fn;
        int line = node->span.line - fn->def->span.line + 1;
        int n = snprintf(buf, cap, "%s:%d", fn->name, line);
        len = n > 0 && (size_t)n < cap ? (size_t)n : 0;
    }
    if (in->loop_now[0] && len + 2 < cap)
        snprintf(buf + len, cap - len, "%s%s", len ? " " : "", in->loop_now);
    return buf[0] ? buf : NULL;
}

/* --- statements ------------------------------------------------------------------- */

/* exec_stmt only dispatches: each kind of statement runs in a function of
 * its own, kept out of line (NOINLINE, interp_priv.h), so that a loop's
 * simple statements, which pass through exec_stmt on every pass, do not pay
 * for the registers and stack the compound ones need. */

/* Run the statements of a block; the first that does not just go on ends it. */
static NOINLINE Flow exec_block(Interp *in, const Node *blk, Err *e) {
    Flow f = FLOW_NEXT;
    in->blocks++;
    for (int i = 0; f == FLOW_NEXT && i < blk->nkids; i++) {
        if (interp_interrupted) {
            err_set_at(e, ERR_INTERRUPT, blk->kids[i]->span, "stopped by Ctrl-C before this line");
            f = FLOW_ERROR;
        } else {
            f = exec_stmt(in, blk->kids[i], e);
        }
    }
    in->blocks--;
    return f;
}

static NOINLINE Flow exec_if(Interp *in, const Node *st, Err *e) {
    for (;;) {
        Ref c = {0};
        if (!eval_ref(in, st->kids[0], &c, e)) return FLOW_ERROR;
        bool yes;
        bool ok = eval_truth(c.v, st->kids[0], &yes, e);
        ref_drop(&c);
        if (!ok) return FLOW_ERROR;
        if (yes) return exec_stmt(in, st->kids[1], e);
        if (st->nkids < 3) return FLOW_NEXT;
        if (st->kids[2]->kind != N_IF) return exec_stmt(in, st->kids[2], e);
        st = st->kids[2]; /* elif */
    }
}

static NOINLINE Flow exec_while(Interp *in, const Node *st, Err *e) {
    for (;;) {
        Ref c = {0};
        if (!eval_ref(in, st->kids[0], &c, e)) return FLOW_ERROR;
        bool yes;
        bool ok = eval_truth(c.v, st->kids[0], &yes, e);
        ref_drop(&c);
        if (!ok) return FLOW_ERROR;
        if (!yes) return FLOW_NEXT;
        Flow f = exec_stmt(in, st->kids[1], e);
        if (f == FLOW_BREAK) return FLOW_NEXT;
        if (f == FLOW_RETURN || f == FLOW_ERROR) return f;
        if (interp_interrupted) {
            err_set_at(e, ERR_INTERRUPT, st->span, "stopped by Ctrl-C in this loop");
            return FLOW_ERROR;
        }
    }
}

bool exec_iter_len(const Value *v, Span at, int64_t *n, Err *e) {
    switch (v->kind) {
    case V_RANGE: *n = val_range_len(v); return true;
    case V_LIST:
    case V_TUPLE:
    case V_DICT: *n = v->n; return true;
    case V_STR: *n = (int64_t)strlen(v->str); return true;
    case V_ARRAY:
        if (v->arr->ndim == 0 && v->arr->weak)
            return err_set_at(e, ERR_TYPE, at,
                              "a number cannot be looped over: range(n) gives 0 .. n-1") != NULL;
        if (v->arr->ndim == 0)
            return err_set_at(e, ERR_TYPE, at,
                              "a 0-d array (one number) cannot be looped "
                              "over") != NULL;
        *n = v->arr->shape[0];
        return true;
    default:
        return err_set_at(e, ERR_TYPE, at, "a %s cannot be looped over", val_kind_name(v->kind)) !=
               NULL;
    }
}

Value *exec_iter_item(const Value *v, int64_t i, Err *e) {
    switch (v->kind) {
    case V_RANGE: {
        const int64_t *d = v->arr->data;
        Array *a = arr_scalar_i64(d[0] + i * d[2], e);
        if (a) a->weak = true; /* a Python int */
        return builtin_wrap(a, e);
    }
    case V_LIST:
    case V_TUPLE: return val_ref(v->items[i]);
    case V_DICT: return val_str(v->keys[i]);
    case V_STR: {
        char s[2] = {v->str[i], '\0'};
        return val_str(s);
    }
    case V_ARRAY: {
        IndexItem it = {IDX_INT, i, false, false, 0, 0, 0, NULL};
        return builtin_wrap(op_index(v->arr, &it, 1, e), e);
    }
    default: return NULL;
    }
}

/* Bind the i-th thing of seq to target, as each pass of a for loop or a
 * comprehension does (st is the loop's node). False with e set. */
static bool bind_item(Interp *in, const Node *st, Node *target, const Value *seq, int64_t i,
                      Err *e) {
    Value *item = exec_iter_item(seq, i, e);
    if (!item) {
        if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
        return false;
    }
    return interp_bind(in, st, target, item, e);
}

static Flow exec_for_items(Interp *in, const Node *st, Err *e);

static NOINLINE Flow exec_for(Interp *in, const Node *st, Err *e) {
    char outer[sizeof in->loop_now];
    memcpy(outer, in->loop_now, sizeof outer);
    Flow f = exec_for_items(in, st, e);
    memcpy(in->loop_now, outer, sizeof outer);
    return f;
}

static Flow exec_for_items(Interp *in, const Node *st, Err *e) {
    Ref seq = {0};
    if (!eval_ref(in, st->kids[1], &seq, e)) return FLOW_ERROR;
    int64_t n = 0;
    Flow f = FLOW_NEXT;
    if (!exec_iter_len(seq.v, st->kids[1]->span, &n, e)) f = FLOW_ERROR;
    /* for i in range(...): the counter goes straight to its variable (in
     * place when nothing else holds it); the tracer, which reports each
     * binding, takes the general way */
    const Node *counter =
        seq.v->kind == V_RANGE && st->kids[0]->kind == N_NAME ? st->kids[0] : NULL;
    const int64_t *rg = counter ? seq.v->arr->data : NULL;
    for (int64_t i = 0; f == FLOW_NEXT && i < n; i++) {
        bool bound = counter && !in->trace ? scope_set_int(in, counter->str, rg[0] + i * rg[2], e)
                                           : bind_item(in, st, st->kids[0], seq.v, i, e);
        if (!bound) {
            f = FLOW_ERROR;
            break;
        }
        if (in->trace) { /* the tracer labels each step with the loop's value */
            const Node *t = st->kids[0];
            const Value *tv = t->kind == N_NAME ? scope_get(in, t->str) : NULL;
            int64_t iv;
            if (tv && eval_int(tv, &iv))
                snprintf(in->loop_now, sizeof in->loop_now, "%s=%lld", t->str, (long long)iv);
            else
                snprintf(in->loop_now, sizeof in->loop_now, "pass %lld", (long long)i + 1);
        }
        f = exec_stmt(in, st->kids[2], e);
        if (f == FLOW_CONTINUE) f = FLOW_NEXT;
        if (f == FLOW_BREAK) {
            f = FLOW_NEXT;
            break;
        }
        if (f == FLOW_ERROR && !in->loop_note[0]) {
            const Node *t = st->kids[0];
            const Value *tv = t->kind == N_NAME ? scope_get(in, t->str) : NULL;
            int64_t iv;
            if (tv && eval_int(tv, &iv))
                snprintf(in->loop_note, sizeof in->loop_note, "during for %s=%lld", t->str,
                         (long long)iv);
            else
                snprintf(in->loop_note, sizeof in->loop_note, "during pass %lld of a for loop",
                         (long long)i + 1);
        }
        if (f == FLOW_NEXT && interp_interrupted) {
            err_set_at(e, ERR_INTERRUPT, st->span, "stopped by Ctrl-C in this loop");
            f = FLOW_ERROR;
        }
    }
    ref_drop(&seq);
    return f;
}

/* The names a comprehension's target binds (x, or i, (a, b)), at most max. */
static int target_names(const Node *t, const char **names, int n, int max) {
    if (t->kind == N_NAME) {
        if (n < max) names[n++] = t->str;
    } else if (t->kind == N_TUPLE || t->kind == N_LIST) {
        for (int i = 0; i < t->nkids; i++)
            n = target_names(t->kids[i], names, n, max);
    }
    return n;
}

enum { COMP_NAMES = 16 };

bool exec_listcomp(Interp *in, const Node *n, Ref *out, Err *e) {
    Ref seq = {0};
    if (!eval_ref(in, n->kids[2], &seq, e)) return false;
    int64_t count = 0;
    if (!exec_iter_len(seq.v, n->kids[2]->span, &count, e)) {
        ref_drop(&seq);
        return false;
    }
    /* the target's names are the comprehension's own: remember what they
     * were, and put that back afterwards */
    const char *names[COMP_NAMES];
    Value *saved[COMP_NAMES];
    int nn = target_names(n->kids[1], names, 0, COMP_NAMES);
    for (int i = 0; i < nn; i++) {
        const Value *old = vars_get(scope_table(in, names[i]), names[i]);
        saved[i] = old ? val_ref((Value *)old) : NULL;
    }
    Value **items = NULL;
    int nitems = 0, cap = 0;
    bool ok = true;
    for (int64_t i = 0; ok && i < count; i++) {
        if (!bind_item(in, n, n->kids[1], seq.v, i, e)) {
            ok = false;
            break;
        }
        if (n->nkids > 3) {
            Ref c = {0};
            bool yes = false;
            ok = eval_ref(in, n->kids[3], &c, e) && eval_truth(c.v, n->kids[3], &yes, e);
            ref_drop(&c);
            if (!ok || !yes) continue;
        }
        Ref r = {0};
        Value *v = eval_ref(in, n->kids[0], &r, e) ? ref_take(&r, e) : NULL;
        ref_drop(&r);
        if (!v) {
            ok = false;
            break;
        }
        if (nitems == cap) {
            int ncap = cap ? 2 * cap : 8;
            Value **grown = ncap > cap ? realloc(items, (size_t)ncap * sizeof *items) : NULL;
            if (!grown) {
                val_free(v);
                ok = err_set(e, ERR_MEMORY, "out of memory") != NULL && false;
                break;
            }
            items = grown;
            cap = ncap;
        }
        items[nitems++] = v;
        if (interp_interrupted) {
            err_set_at(e, ERR_INTERRUPT, n->span, "stopped by Ctrl-C in this comprehension");
            ok = false;
        }
    }
    for (int i = nn - 1; i >= 0; i--) {
        Vars *t = scope_table(in, names[i]);
        if (saved[i])
            vars_set(t, names[i], saved[i]);
        else
            vars_del(t, names[i]);
    }
    ref_drop(&seq);
    Value *list = NULL;
    if (ok) {
        list = val_seq(V_LIST, items, nitems);
        if (!list) ok = err_set(e, ERR_MEMORY, "out of memory") != NULL && false;
    } else {
        for (int i = 0; i < nitems; i++)
            val_free(items[i]);
    }
    free(items);
    if (!ok) return false;
    out->v = out->own = list;
    return true;
}

static NOINLINE Flow exec_def(Interp *in, const Node *st, Err *e) {
    Value *fn = exec_make_fn(in, st, e);
    if (!fn) return FLOW_ERROR;
    /* a def that hides a built-in says so, the first time */
    const Builtin *b = reg_find(in->reg, st->str);
    if (b && !scope_get(in, st->str) && interp_echo(in))
        fprintf(in->out, "note: %s() now hides the built-in; del %s brings it back\n", st->str,
                st->str);
    if (!scope_set(in, st->str, fn)) return err_set(e, ERR_MEMORY, "out of memory"), FLOW_ERROR;
    return FLOW_NEXT;
}

static NOINLINE Flow exec_return(Interp *in, const Node *st, Err *e) {
    Value *v;
    if (st->nkids) {
        Ref r = {0};
        if (!eval_ref(in, st->kids[0], &r, e)) return FLOW_ERROR;
        v = ref_take(&r, e);
    } else {
        v = val_none();
    }
    if (!v) return err_set(e, ERR_MEMORY, "out of memory"), FLOW_ERROR;
    if (!in->frame) { /* the parser keeps return inside a def */
        val_free(v);
        return err_set_at(e, ERR_SYNTAX, st->span, "'return' outside a function"), FLOW_ERROR;
    }
    val_free(in->frame->ret);
    in->frame->ret = v;
    return FLOW_RETURN;
}

static NOINLINE Flow exec_global(Interp *in, const Node *st, Err *e) {
    Frame *f = in->frame;
    if (!f) return FLOW_NEXT; /* at the top every name is global already */
    for (int i = 0; i < st->nkids; i++) {
        const char *name = st->kids[i]->str;
        if (declared_global(f, name)) continue;
        char **g = realloc(f->globals, (size_t)(f->nglobals + 1) * sizeof *g);
        if (!g) return err_set(e, ERR_MEMORY, "out of memory"), FLOW_ERROR;
        f->globals = g;
        if (!(g[f->nglobals] = strdup(name)))
            return err_set(e, ERR_MEMORY, "out of memory"), FLOW_ERROR;
        f->nglobals++;
        vars_del(f->locals, name);
    }
    return FLOW_NEXT;
}

/* with open(...) as f: the context is evaluated, bound, and the body runs;
 * nothing needs closing (nnsh reads files whole when asked). */
static NOINLINE Flow exec_with(Interp *in, const Node *st, Err *e) {
    Ref c = {0};
    if (!eval_ref(in, st->kids[0], &c, e)) return FLOW_ERROR;
    if (c.v->kind != V_FILE) {
        err_set_at(e, ERR_TYPE, st->kids[0]->span, "nnsh's with takes a file from open(), not a %s",
                   val_kind_name(c.v->kind));
        ref_drop(&c);
        return FLOW_ERROR;
    }
    if (st->str && !scope_set(in, st->str, ref_take(&c, e))) {
        ref_drop(&c);
        return err_set(e, ERR_MEMORY, "out of memory"), FLOW_ERROR;
    }
    ref_drop(&c);
    return exec_stmt(in, st->kids[1], e);
}

Flow exec_stmt(Interp *in, const Node *st, Err *e) {
    switch (st->kind) {
    case N_BLOCK: return exec_block(in, st, e);
    case N_IF: return exec_if(in, st, e);
    case N_WHILE: return exec_while(in, st, e);
    case N_FOR: return exec_for(in, st, e);
    case N_DEF: return exec_def(in, st, e);
    case N_RETURN: return exec_return(in, st, e);
    case N_BREAK: return FLOW_BREAK;
    case N_CONTINUE: return FLOW_CONTINUE;
    case N_PASS: return FLOW_NEXT;
    case N_GLOBAL: return exec_global(in, st, e);
    case N_WITH: return exec_with(in, st, e);
    default: return interp_exec(in, st, e) ? FLOW_NEXT : FLOW_ERROR;
    }
}
