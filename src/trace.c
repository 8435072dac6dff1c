/* trace.c - the tracer, `explain`, `step` and `shapes` (see trace.h).
 *
 * One TraceState receives the evaluator's events. The live one (trace on /
 * trace full) prints each step as it arrives; the ones that explain and step
 * make are temporary: explain prints in full, step records the steps and
 * shows them one per Enter. The session keeps its states in an extension
 * slot (freed with the session), so commands computed outside the evaluator
 * (forward) can report through trace_emit() to whichever state is listening.
 *
 * A step line:  [n] op       operands -> result shape   value
 * Notes below it, indented: broadcast stretches and, in full mode, the
 * chapter's expansion of each element of a small dot product.
 */
#include "sbuf.h"
#include "trace.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "forward.h"
#include "net.h"
#include "ops.h"
#include "shapefix.h"
#include "shapes.h"

#define LINE_WIDTH 80

/* ------------------------------------------------------------------------ */
/* a growing text buffer                                                     */

/* ------------------------------------------------------------------------ */
/* small formatting helpers                                                  */

char *trace_num(double v, char *buf) {
    double a = v < 0 ? -v : v;
    if (a != a || a > 1e16 || (a != 0 && a < 1e-4)) {
        snprintf(buf, 32, "%.8g", v); /* nan, inf, very large or small */
        return buf;
    }
    /* 8 digits after the point as NumPy prints, trailing zeros dropped */
    snprintf(buf, 32, "%.8f", v);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.') strcat(buf, "0");
    if (strcmp(buf, "-0.0") == 0 && v == 0) strcpy(buf, "0.0");
    return buf;
}

/* Collapse the runs of white space (newlines included) into one space. */
static void one_line(char *s) {
    char *w = s;
    bool space = false;
    for (char *r = s; *r; r++) {
        if (isspace((unsigned char)*r)) {
            space = true;
            continue;
        }
        if (space && w != s && r[0] != ']') *w++ = ' ';
        space = false;
        *w++ = *r;
    }
    *w = '\0';
}

bool trace_value_text(const Array *a, int width, char *buf, size_t n) {
    buf[0] = '\0';
    if (!a || width <= 0) return false;
    FmtOpts o = fmt_default();
    o.linewidth = 10000;
    /* the full text for small arrays, then fewer and fewer edge items */
    static const struct {
        int64_t threshold;
        int edge;
    } tries[] = {{1000, 3}, {8, 3}, {4, 2}, {2, 1}};
    for (size_t t = 0; t < sizeof tries / sizeof tries[0]; t++) {
        o.threshold = tries[t].threshold;
        o.edgeitems = tries[t].edge;
        char *s = fmt_str(a, &o);
        if (!s) return false;
        one_line(s);
        int w = str_display_width(s);
        if (w <= width && strlen(s) < n) {
            strcpy(buf, s);
            free(s);
            return true;
        }
        free(s);
    }
    return false;
}

/* A name is shown beside its shape when it reads as a name: W1, x_batch,
 * W1.T, x[0:100], network['W1']. Temporaries show their shape only. */
static bool nice_name(const char *s) {
    if (!s || !*s || strlen(s) > 24) return false;
    if (!(isalpha((unsigned char)*s) || *s == '_')) return false;
    for (; *s; s++)
        if (*s == ' ' || *s == '(' || *s == '+' || *s == '*' || *s == '@') return false;
    return true;
}

static const char *op_symbol(const char *op) {
    static const struct {
        const char *op, *sym;
    } t[] = {
        {"dot", "\xc2\xb7"}, {"matmul", "@"},         {"add", "+"},         {"subtract", "-"},
        {"multiply", "*"},   {"divide", "/"},         {"true_divide", "/"}, {"floor_divide", "//"},
        {"remainder", "%"},  {"power", "**"},         {"less", "<"},        {"less_equal", "<="},
        {"greater", ">"},    {"greater_equal", ">="}, {"equal", "=="},      {"not_equal", "!="},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i].op, op) == 0) return t[i].sym;
    return ",";
}

/* ------------------------------------------------------------------------ */
/* one step, as a neutral view of a TraceEvent or a ShapeStep                */

typedef struct StepView {
    const char *op;
    const Node *node;
    int nargs;
    const char *argtext[2];
    int argnd[2];
    const int64_t *argshape[2];
    int nd; /* -1: not an array */
    const int64_t *shape;
    const Array *result; /* NULL in shape-only mode */
    const char *target;
} StepView;

static void put_operand(SBuf *b, const char *text, int nd, const int64_t *shape) {
    char s[64];
    shape_str(s, nd, shape);
    if (nice_name(text))
        sbuf_printf(b, "%s %s", text, s);
    else
        sbuf_printf(b, "%s", s);
}

/* The line "[n] op  operands -> shape" (no newline) into b. */
static void step_head(SBuf *b, int no, const StepView *v) {
    char s[64];
    if (strcmp(v->op, "assign") == 0) {
        if (v->nd >= 0)
            sbuf_printf(b, "[%d] %s = %s%s%s", no, v->target ? v->target : "?",
                        shape_str(s, v->nd, v->shape), v->result ? " " : "",
                        v->result ? dtype_name(v->result->dtype) : "");
        else
            sbuf_printf(b, "[%d] %s = (not an array)", no, v->target ? v->target : "?");
        return;
    }
    sbuf_printf(b, "[%d] %-8s ", no, v->op);
    if (v->nargs == 2) {
        put_operand(b, v->argtext[0], v->argnd[0], v->argshape[0]);
        sbuf_printf(b, " %s ", op_symbol(v->op));
        put_operand(b, v->argtext[1], v->argnd[1], v->argshape[1]);
    } else if (v->nargs == 1) {
        put_operand(b, v->argtext[0], v->argnd[0], v->argshape[0]);
        /* x[0:100]: show the index after the operand */
        const char *t = v->node && v->node->text ? v->node->text : NULL;
        size_t al = v->argtext[0] ? strlen(v->argtext[0]) : 0;
        if (strcmp(v->op, "index") == 0 && t && al && strncmp(t, v->argtext[0], al) == 0 &&
            nice_name(v->argtext[0]))
            sbuf_printf(b, " %s", t + al);
    }
    if (v->nd >= 0) sbuf_printf(b, " -> %s", shape_str(s, v->nd, v->shape));
}

/* Which axes of the result operand i was stretched along (broadcasting). */
static void stretch_notes(SBuf *b, const StepView *v) {
    if (v->nargs != 2 || v->nd < 1 || strcmp(v->op, "dot") == 0 || strcmp(v->op, "matmul") == 0)
        return;
    for (int i = 0; i < 2; i++) {
        int an = v->argnd[i];
        const int64_t *as = v->argshape[i];
        if (an == 0) continue; /* a scalar: applied to every element, nothing to say */
        char axes[64] = "";
        size_t k = 0;
        int count = 0;
        for (int ax = 0; ax < v->nd; ax++) {
            int ia = ax - (v->nd - an);
            int64_t d = ia >= 0 ? as[ia] : 1;
            if (d == 1 && v->shape[ax] > 1) {
                int w = snprintf(axes + k, sizeof axes - k, "%s%d", count ? ", " : "", ax);
                if (w > 0 && (size_t)w < sizeof axes - k) k += (size_t)w;
                count++;
            }
        }
        if (!count) continue;
        char s1[64], s2[64];
        const char *name = nice_name(v->argtext[i]) ? v->argtext[i] : "the operand";
        sbuf_printf(b, "      %s %s is repeated along axis%s %s to fill %s\n", name,
                    shape_str(s1, an, as), count > 1 ? "es" : "", axes,
                    shape_str(s2, v->nd, v->shape));
    }
}

/* ------------------------------------------------------------------------ */
/* the chapter's notation for full mode                                      */

/* The letter and layer of a variable name: "W1" -> w, (1); "Z2" -> z, (2);
 * "X" -> x, none. Temporaries get `dflt`. */
static void name_parts(const char *name, char dflt, char *letter, char *layer, size_t n) {
    layer[0] = '\0';
    *letter = dflt;
    if (!nice_name(name) || !isalpha((unsigned char)name[0])) return;
    *letter = (char)tolower((unsigned char)name[0]);
    const char *p = name + 1;
    while (*p && isalpha((unsigned char)*p))
        p++;
    if (isdigit((unsigned char)*p)) {
        const char *q = p;
        while (isdigit((unsigned char)*q))
            q++;
        if (*q == '\0') snprintf(layer, n, "(%.*s)", (int)(q - p), p);
    }
}

/* A dot product waiting for the bias that may be added to it next. */
typedef struct Pending {
    bool on;
    const Node *node;    /* the dot's node (evaluator events) */
    const Array *resptr; /* the dot's result (events from net.c) */
    Array *in, *w, *res; /* copies: input, weights, result */
    bool w_rows_out;     /* weights (out, in) rather than (in, out) */
    char inname[64], wname[64];
} Pending;

static void pending_clear(Pending *p) {
    arr_free(p->in);
    arr_free(p->w);
    arr_free(p->res);
    memset(p, 0, sizeof *p);
}

/* Append one equation line ("      a1 = w11*x1 + ... = 0.1*1.0 + ... = 0.3")
 * and its newline to b. When it passes shapefix_width() columns it is
 * broken before each further " = ", and before a " + " where a line would
 * still be too long; continuation lines start with their "=" or "+" under
 * the first "=". A single term longer than a line is left whole. */
static void put_equation(SBuf *b, const char *eq) {
    int width = shapefix_width();
    const char *first = strstr(eq, " = ");
    if (str_display_width(eq) <= width || !first) {
        sbuf_printf(b, "%s\n", eq);
        return;
    }
    int ind = (int)(first - eq) + 1; /* the column of the first '=' */
    const char *p = first;
    sbuf_put(b, eq, (size_t)(first - eq));
    int col = ind - 1;
    bool past_first = false;
    while (*p) {
        /* the piece: a separator " + " or " = " and its term, up to the next */
        const char *q = p + 3;
        while (*q && strncmp(q, " + ", 3) != 0 && strncmp(q, " = ", 3) != 0)
            q++;
        char piece[256];
        int n = (int)(q - p) < (int)sizeof piece - 1 ? (int)(q - p) : (int)sizeof piece - 1;
        memcpy(piece, p, (size_t)n);
        piece[n] = '\0';
        int pw = str_display_width(piece);
        bool is_eq = p[1] == '=';
        if ((is_eq && past_first) || (col > ind && col + pw > width)) {
            sbuf_printf(b, "\n%*s", ind, "");
            sbuf_put(b, p + 1, (size_t)(q - p - 1)); /* without the space */
            col = ind + pw - 1;
        } else {
            sbuf_put(b, p, (size_t)(q - p));
            col += pw;
        }
        if (is_eq) past_first = true;
        p = q;
    }
    sbuf_putc(b, '\n');
}

/* Element expansion of every output of a small dot product, with the bias
 * when `bias` is given (then `total` holds the sums with the bias). */
static void expand_dot(SBuf *b, const Pending *p, const Array *bias, const char *bname,
                       const Array *total) {
    char xl, wl, bl, xlay[16], wlay[16], blay[16], num[32];
    name_parts(p->inname, 'x', &xl, xlay, sizeof xlay);
    name_parts(p->wname, 'w', &wl, wlay, sizeof wlay);
    name_parts(bname, 'b', &bl, blay, sizeof blay);
    int64_t rows = p->in->ndim == 2 ? p->in->shape[0] : 1;
    int64_t k = p->in->shape[p->in->ndim - 1];
    int64_t m = p->w->ndim == 2 ? (p->w_rows_out ? p->w->shape[0] : p->w->shape[1]) : 1;
    for (int64_t r = 0; r < rows; r++) {
        for (int64_t j = 0; j < m; j++) {
            int64_t out = r * m + j;
            SBuf eq = {0};
            sbuf_printf(&eq, "      ");
            if (rows > 1) sbuf_printf(&eq, "row %lld: ", (long long)r);
            sbuf_printf(&eq, "a%lld%s =", (long long)(j + 1), wlay);
            for (int64_t i = 0; i < k; i++)
                sbuf_printf(&eq, "%s %c%lld%lld%s*%c%lld%s", i ? " +" : "", wl, (long long)(j + 1),
                            (long long)(i + 1), wlay, xl, (long long)(i + 1), xlay);
            if (bias) sbuf_printf(&eq, " + %c%lld%s", bl, (long long)(j + 1), blay);
            sbuf_printf(&eq, " =");
            for (int64_t i = 0; i < k; i++) {
                int64_t wi = p->w_rows_out ? j * k + i : i * m + j;
                sbuf_printf(&eq, "%s %s", i ? " +" : "", trace_num(arr_get(p->w, wi), num));
                sbuf_printf(&eq, "*%s", trace_num(arr_get(p->in, r * k + i), num));
            }
            if (bias) {
                /* the bias element that broadcasting pairs with (r, j) */
                int64_t bi = 0;
                if (bias->ndim >= 1) {
                    int64_t bj = bias->shape[bias->ndim - 1] == 1 ? 0 : j;
                    int64_t br = bias->ndim == 2 && bias->shape[0] > 1 ? r : 0;
                    bi = bias->ndim == 2 ? br * bias->shape[1] + bj : bj;
                }
                sbuf_printf(&eq, " + %s", trace_num(arr_get(bias, bi), num));
                sbuf_printf(&eq, " = %s", trace_num(arr_get(total, out), num));
            } else {
                sbuf_printf(&eq, " = %s", trace_num(arr_get(p->res, out), num));
            }
            if (eq.oom)
                b->oom = true;
            else
                put_equation(b, eq.p ? eq.p : "");
            sbuf_free(&eq);
        }
    }
}

/* Start a pending expansion for a dot event when it is small enough:
 * at most 4x4 outputs and 8 terms each. */
static void pending_start(Pending *p, const TraceEvent *ev) {
    pending_clear(p);
    const Array *a = ev->args[0], *w = ev->args[1], *res = ev->result;
    if (ev->nargs != 2 || !res || !a || !w) return;
    const Array *in = NULL, *wt = NULL;
    bool rows_out = false;
    const char *inname = "", *wname = "";
    if (a->ndim >= 1 && a->ndim <= 2 && w->ndim == 2) { /* x·W, X·W */
        in = a;
        wt = w;
        inname = ev->argtext[0];
        wname = ev->argtext[1];
    } else if (a->ndim == 2 && w->ndim == 1) { /* W·x */
        in = w;
        wt = a;
        rows_out = true;
        inname = ev->argtext[1];
        wname = ev->argtext[0];
    } else {
        return;
    }
    int64_t k = in->shape[in->ndim - 1];
    if (res->size > 16 || k > 8 || (in->ndim == 2 && in->shape[0] > 4)) return;
    Err e;
    p->in = arr_copy(in, &e);
    p->w = arr_copy(wt, &e);
    p->res = arr_copy(res, &e);
    if (!p->in || !p->w || !p->res) {
        pending_clear(p);
        return;
    }
    p->on = true;
    p->node = ev->node;
    p->resptr = res;
    p->w_rows_out = rows_out;
    snprintf(p->inname, sizeof p->inname, "%s", inname ? inname : "");
    snprintf(p->wname, sizeof p->wname, "%s", wname ? wname : "");
}

/* Is ev the addition of a bias to the pending dot? Returns the bias operand
 * index (0 or 1) or -1. */
static int pending_bias(const Pending *p, const TraceEvent *ev) {
    if (!p->on || strcmp(ev->op, "add") != 0 || ev->nargs != 2 || !ev->result) return -1;
    for (int i = 0; i < 2; i++) {
        bool same = p->node && ev->node && ev->node->nkids >= 2 && ev->node->kids[i] == p->node;
        bool same_ptr = !p->node && !ev->node && ev->args[i] == p->resptr;
        if (same || same_ptr) return 1 - i;
    }
    return -1;
}

/* sigmoid(0.3) = 0.57444252 for each element of a small activation. */
static void expand_unary(SBuf *b, const TraceEvent *ev) {
    const Array *x = ev->args[0], *y = ev->result;
    if (!x || !y || x->size > 8 || x->size != y->size) return;
    char xl, xlay[16], num[32], num2[32];
    name_parts(ev->argtext[0], 'a', &xl, xlay, sizeof xlay);
    bool layered = xl == 'a' && xlay[0];
    for (int64_t i = 0; i < x->size; i++) {
        sbuf_printf(b, "      ");
        if (layered)
            sbuf_printf(b, "z%lld%s = %s(a%lld%s) = ", (long long)(i + 1), xlay, ev->op,
                        (long long)(i + 1), xlay);
        sbuf_printf(b, "%s(%s) = %s\n", ev->op, trace_num(arr_get(x, i), num),
                    trace_num(arr_get(y, i), num2));
    }
}

/* ------------------------------------------------------------------------ */
/* the states and the hook                                                   */

typedef struct TraceState {
    Interp *in;
    TraceMode mode;
    int stepno;
    int last_line;
    bool record; /* keep the steps instead of printing them */
    char **steps;
    int *depths; /* steps[i] happened depths[i] function calls deep */
    int nsteps, cap;
    Pending pend;
} TraceState;

/* The session's tracing, kept in an extension slot of the session. */
typedef struct TraceSlot {
    TraceState *live; /* trace on / full (owned) */
    TraceState *cur;  /* the state the hook is feeding now (live, or one
                         owned by the explain/step command running) */
} TraceSlot;

static void state_free(TraceState *st);

static void slot_free(void *p) {
    TraceSlot *s = p;
    state_free(s->live);
    free(s);
}

static const InterpSlotKey kTraceKey = {"trace", slot_free};

/* The session's slot; made when missing if `make` (NULL when out of memory,
 * or when missing and not `make`). */
static TraceSlot *slot_of(Interp *in, bool make) {
    TraceSlot *s = interp_slot(in, &kTraceKey);
    if (s || !make) return s;
    if (!(s = calloc(1, sizeof *s))) return NULL;
    return interp_set_slot(in, &kTraceKey, s) ? s : NULL;
}

static void state_free(TraceState *st) {
    if (!st) return;
    for (int i = 0; i < st->nsteps; i++)
        free(st->steps[i]);
    free(st->steps);
    free(st->depths);
    pending_clear(&st->pend);
    free(st);
}

/* Hand a finished step's text to its destination. */
static void deliver(TraceState *st, SBuf *b, int depth) {
    if (b->oom || !b->p) {
        free(b->p);
        return;
    }
    if (!st->record) {
        fputs(b->p, interp_out(st->in));
        free(b->p);
        return;
    }
    if (st->nsteps == st->cap) {
        int cap = st->cap ? st->cap * 2 : 16;
        char **q = realloc(st->steps, (size_t)cap * sizeof *q);
        if (q) st->steps = q;
        int *d = q ? realloc(st->depths, (size_t)cap * sizeof *d) : NULL;
        if (d) st->depths = d;
        if (!q || !d) {
            free(b->p);
            return;
        }
        st->cap = cap;
    }
    st->depths[st->nsteps] = depth;
    st->steps[st->nsteps++] = b->p;
}

static void view_of_event(StepView *v, const TraceEvent *ev) {
    memset(v, 0, sizeof *v);
    v->op = ev->op;
    v->node = ev->node;
    v->nargs = ev->nargs;
    for (int i = 0; i < ev->nargs && i < 2; i++) {
        v->argtext[i] = ev->argtext[i];
        v->argnd[i] = ev->args[i] ? ev->args[i]->ndim : 0;
        v->argshape[i] = ev->args[i] ? ev->args[i]->shape : NULL;
    }
    v->result = ev->result;
    v->nd = ev->result ? ev->result->ndim : -1;
    v->shape = ev->result ? ev->result->shape : NULL;
    v->target = ev->target;
}

static void on_event(void *ctx, const TraceEvent *ev) {
    TraceState *st = ctx;
    if (!ev || !ev->op) return;
    /* numbering restarts with each statement: after an assignment, or when
     * the live tracer sees a new source line */
    if (!st->record && ev->node && ev->node->span.line && ev->node->span.line != st->last_line) {
        st->stepno = 0;
        st->last_line = ev->node->span.line;
    }
    SBuf b = {0};
    StepView v;
    view_of_event(&v, ev);
    if (ev->where) sbuf_printf(&b, "%s  ", ev->where); /* forward:3 i=2 */
    step_head(&b, ++st->stepno, &v);
    if (ev->result && strcmp(ev->op, "assign") != 0) {
        int used = str_display_width(b.p ? b.p : "");
        char val[256];
        if (trace_value_text(ev->result, LINE_WIDTH - used - 3, val, sizeof val))
            sbuf_printf(&b, "   %s\n", val);
        else if (trace_value_text(ev->result, LINE_WIDTH - 8, val, sizeof val))
            sbuf_printf(&b, "\n        %s\n", val);
        else
            sbuf_printf(&b, "\n");
    } else {
        sbuf_printf(&b, "\n");
    }
    stretch_notes(&b, &v);
    if (st->mode == TRACE_FULL) {
        int bi = pending_bias(&st->pend, ev);
        if (bi >= 0) {
            expand_dot(&b, &st->pend, ev->args[bi], ev->argtext[bi], ev->result);
            pending_clear(&st->pend);
        } else {
            pending_clear(&st->pend);
            if ((strcmp(ev->op, "dot") == 0 || strcmp(ev->op, "matmul") == 0)) {
                pending_start(&st->pend, ev);
                if (st->pend.on) expand_dot(&b, &st->pend, NULL, NULL, NULL);
            } else if (ev->nargs == 1 &&
                       (strcmp(ev->op, "sigmoid") == 0 || strcmp(ev->op, "relu") == 0 ||
                        strcmp(ev->op, "step_function") == 0 || strcmp(ev->op, "exp") == 0 ||
                        strcmp(ev->op, "tanh") == 0)) {
                expand_unary(&b, ev);
            }
        }
    }
    if (strcmp(ev->op, "assign") == 0) {
        st->stepno = 0;
        pending_clear(&st->pend);
    }
    deliver(st, &b, ev->depth);
}

static TraceState *state_new(Interp *in, TraceMode mode, bool record) {
    TraceState *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->in = in;
    st->mode = mode;
    st->record = record;
    return st;
}

/* Install st as the listener (NULL: the live state, or nothing). */
static void listen(Interp *in, TraceState *st) {
    TraceSlot *s = slot_of(in, st != NULL);
    if (!s) {
        interp_set_trace(in, NULL, NULL); /* out of memory: no tracing */
        return;
    }
    if (!st) st = s->live;
    s->cur = st;
    if (st)
        interp_set_trace(in, on_event, st);
    else
        interp_set_trace(in, NULL, NULL);
}

TraceMode trace_mode(Interp *in) {
    TraceSlot *s = slot_of(in, false);
    return s && s->live ? s->live->mode : TRACE_OFF;
}

bool trace_set_mode(Interp *in, TraceMode m) {
    TraceSlot *s = slot_of(in, m != TRACE_OFF);
    if (m == TRACE_OFF) {
        if (!s) return true; /* never traced */
        bool was_cur = s->cur == s->live;
        state_free(s->live);
        s->live = NULL;
        if (was_cur) listen(in, NULL);
        return true;
    }
    if (!s) return false;
    if (!s->live && !(s->live = state_new(in, m, false))) return false;
    s->live->mode = m;
    if (!s->cur || s->cur == s->live) listen(in, s->live);
    return true;
}

void trace_emit(Interp *in, const TraceEvent *ev) {
    TraceSlot *s = slot_of(in, false);
    if (s && s->cur) on_event(s->cur, ev);
}

/* ------------------------------------------------------------------------ */
/* trace on|off|full                                                         */

static Value *cmd_trace(Interp *in, const Node *call, Err *e) {
    FILE *out = interp_out(in);
    int n = builtin_cmd_nargs(call);
    const char *w = n >= 1 ? builtin_cmd_word(builtin_cmd_arg(call, 0)) : NULL;
    if (n == 0) {
        TraceMode m = trace_mode(in);
        fprintf(out, "trace is %s\n", m == TRACE_FULL ? "full" : m == TRACE_ON ? "on" : "off");
        return NULL;
    }
    TraceMode m;
    if (n == 1 && w && strcmp(w, "on") == 0)
        m = TRACE_ON;
    else if (n == 1 && w && strcmp(w, "off") == 0)
        m = TRACE_OFF;
    else if (n == 1 && w && strcmp(w, "full") == 0)
        m = TRACE_FULL;
    else
        return err_set_at(e, ERR_VALUE, builtin_cmd_arg(call, 0)->span,
                          "trace takes on, off or full");
    if (!trace_set_mode(in, m)) return err_set(e, ERR_MEMORY, "out of memory");
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* explain, step, shapes                                                     */

/* The statement a raw command runs (its kids[0]); NULL with e set when the
 * command was written without one. */
static const Node *raw_statement(const Node *call, const char *cmd, Err *e) {
    if (call->kind == N_RAWCMD && call->nkids >= 1) return call->kids[0];
    err_set_at(e, ERR_SYNTAX, call->span,
               "%s needs a statement after it, e.g. %s A1 = np.dot(X, W1) + B1", cmd, cmd);
    return NULL;
}

/* Is the statement the forward command (`forward` or `forward X`)? */
static const Node *forward_call(const Node *stmt) {
    const Node *x = stmt->kind == N_EXPR ? stmt->kids[0] : stmt;
    if (x->kind == N_NAME && strcmp(x->str, "forward") == 0) return x;
    if (x->kind == N_CALL && x->kids[0]->kind == N_NAME && strcmp(x->kids[0]->str, "forward") == 0)
        return x;
    return NULL;
}

/* The expression a statement computes, and the name it would bind (NULL for
 * an expression statement). False with e set for what step/explain cannot
 * follow. */
static bool statement_parts(const Node *stmt, const char *cmd, const Node **expr,
                            const char **target, Err *e) {
    *target = NULL;
    switch (stmt->kind) {
    case N_EXPR: *expr = stmt->kids[0]; return true;
    case N_ASSIGN:
        if (stmt->nkids != 2 || stmt->kids[0]->kind != N_NAME || stmt->op >= 0) {
            err_set_at(e, ERR_VALUE, stmt->span,
                       "%s follows assignments to one name (NAME = expression); run this "
                       "one without %s",
                       cmd, cmd);
            return false;
        }
        *expr = stmt->kids[1];
        *target = stmt->kids[0]->str;
        return true;
    default:
        err_set_at(e, ERR_VALUE, stmt->span, "%s follows an expression or an assignment", cmd);
        return false;
    }
}

static void print_steps(FILE *out, TraceState *st, int from, int to) {
    for (int i = from; i < to && i < st->nsteps; i++)
        fputs(st->steps[i], out);
}

static Value *cmd_explain(Interp *in, const Node *call, Err *e) {
    const Node *stmt = raw_statement(call, "explain", e), *expr;
    const char *target;
    if (!stmt) return NULL;
    TraceState *st = state_new(in, TRACE_FULL, false);
    if (!st) return err_set(e, ERR_MEMORY, "out of memory");
    Value *v = NULL;
    listen(in, st);
    const Node *fc = forward_call(stmt);
    if (fc) {
        FwdRun r;
        if (fwd_run(in, fc, &r, e)) {
            char *t = fwd_table(&r);
            if (t) fputs(t, interp_out(in));
            free(t);
            Array *y = r.net.n > 0 ? r.Z[r.net.n - 1] : NULL;
            if (y) {
                r.Z[r.net.n - 1] = NULL;
                v = val_array(y);
            }
            fprintf(interp_out(in), "(explain binds nothing: forward would set A1 .. Y)\n");
            fwd_free(&r);
        }
    } else if (statement_parts(stmt, "explain", &expr, &target, e)) {
        v = interp_eval(in, expr, e);
        if (v && target) {
            char s[64];
            if (v->kind == V_ARRAY)
                fprintf(interp_out(in), "(explain assigns nothing: %s would be %s %s)\n", target,
                        shape_str(s, v->arr->ndim, v->arr->shape), dtype_name(v->arr->dtype));
            else
                fprintf(interp_out(in), "(explain assigns nothing: %s would be a %s)\n", target,
                        val_kind_name(v->kind));
        }
    }
    listen(in, NULL);
    state_free(st);
    return v;
}

/* Read one answer while stepping; NULL at the end of input or on Ctrl-C. */
static char *ask(LineSource *ls, int i, int n) {
    char prompt[96];
    snprintf(prompt, sizeof prompt, "step %d/%d  [Enter] next  over  out  back  continue  quit > ",
             i + 1, n);
    char *line = ls->get(ls->ctx, prompt);
    if (!line) return NULL;
    if (interp_interrupted) { /* Ctrl-C: the same as quit */
        interp_interrupted = 0;
        free(line);
        return NULL;
    }
    /* trim */
    char *p = line;
    while (isspace((unsigned char)*p))
        p++;
    memmove(line, p, strlen(p) + 1);
    size_t l = strlen(line);
    while (l && isspace((unsigned char)line[l - 1]))
        line[--l] = '\0';
    return line;
}

/* Show the recorded steps one at a time. Returns true to keep the result
 * (the end was reached or `continue`), false to abandon (`quit`, end of
 * input). */
static bool walk_steps(Interp *in, TraceState *st) {
    FILE *out = interp_out(in);
    LineSource *ls = interp_input(in);
    if (st->nsteps == 0) return true;
    if (!ls || !ls->interactive || !ls->get) {
        print_steps(out, st, 0, st->nsteps);
        return true;
    }
    int i = 0;
    print_steps(out, st, 0, 1);
    for (;;) {
        fflush(out);
        char *a = ask(ls, i, st->nsteps);
        if (!a || strcmp(a, "q") == 0 || strcmp(a, "quit") == 0) {
            free(a);
            fprintf(out, "stopped: nothing was assigned\n");
            return false;
        }
        if (a[0] == '\0' || strcmp(a, "n") == 0 || strcmp(a, "next") == 0) {
            if (++i >= st->nsteps) {
                free(a);
                return true;
            }
            print_steps(out, st, i, i + 1);
        } else if (strcmp(a, "over") == 0 || strcmp(a, "o") == 0 || strcmp(a, "out") == 0 ||
                   strcmp(a, "u") == 0) {
            /* over: past what the calls made at this step do, to the next
             * step at this depth or above; out: to the first step above
             * this one's function (its caller's) */
            bool out_of = strcmp(a, "out") == 0 || strcmp(a, "u") == 0;
            int here = st->depths[i], j = i + 1;
            while (j < st->nsteps && (out_of ? st->depths[j] >= here : st->depths[j] > here))
                j++;
            if (out_of && here == 0) {
                fprintf(out, "(this step is at the top, in no function)\n");
            } else if (j >= st->nsteps) {
                print_steps(out, st, st->nsteps - 1, st->nsteps);
                free(a);
                return true;
            } else {
                if (j > i + 1)
                    fprintf(out, "(%d %s not shown)\n", j - i - 1,
                            j - i - 1 == 1 ? "step inside the call is"
                                           : "steps inside the calls are");
                i = j;
                print_steps(out, st, i, i + 1);
            }
        } else if (strcmp(a, "b") == 0 || strcmp(a, "back") == 0) {
            if (i == 0) {
                fprintf(out, "(this is the first step)\n");
            } else {
                i--;
                fprintf(out, "(back)\n");
                print_steps(out, st, i, i + 1);
            }
        } else if (strcmp(a, "c") == 0 || strcmp(a, "continue") == 0) {
            print_steps(out, st, i + 1, st->nsteps);
            free(a);
            return true;
        } else {
            fprintf(out, "Enter: the next step, into calls   over: past the calls of this "
                         "step\nout: on to the caller   back: the previous step   continue: "
                         "run to the end\nquit: stop, changing nothing\n");
        }
        free(a);
    }
}

/* A recorded assignment step added by step itself (the evaluator reports
 * assignments only when it binds). */
static void record_assign(TraceState *st, const char *target, const Value *v) {
    TraceEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.op = "assign";
    ev.target = target;
    ev.result = v && v->kind == V_ARRAY ? v->arr : NULL;
    on_event(st, &ev);
}

static Value *step_forward(Interp *in, const Node *fc, TraceState *st, Err *e) {
    FwdRun r;
    listen(in, st);
    bool ok = fwd_run(in, fc, &r, e);
    listen(in, NULL);
    if (!ok) {
        print_steps(interp_out(in), st, 0, st->nsteps);
        return NULL;
    }
    if (walk_steps(in, st)) fwd_bind(in, &r, interp_echo(in), e);
    fwd_free(&r);
    return NULL;
}

static Value *cmd_step(Interp *in, const Node *call, Err *e) {
    const Node *stmt = raw_statement(call, "step", e), *expr;
    const char *target;
    if (!stmt) return NULL;
    TraceMode m = trace_mode(in) == TRACE_FULL ? TRACE_FULL : TRACE_ON;
    TraceState *st = state_new(in, m, true);
    if (!st) return err_set(e, ERR_MEMORY, "out of memory");
    Value *result = NULL;
    const Node *fc = forward_call(stmt);
    if (fc) {
        step_forward(in, fc, st, e);
        state_free(st);
        return NULL;
    }
    if (!statement_parts(stmt, "step", &expr, &target, e)) {
        state_free(st);
        return NULL;
    }
    listen(in, st);
    Value *v = interp_eval(in, expr, e);
    listen(in, NULL);
    if (!v) {
        /* the steps that worked, then the error (printed by the caller) */
        print_steps(interp_out(in), st, 0, st->nsteps);
        state_free(st);
        return NULL;
    }
    if (target) record_assign(st, target, v);
    bool keep = walk_steps(in, st);
    state_free(st);
    if (!keep) {
        val_free(v);
        return NULL;
    }
    if (!target) return v; /* echoed by the caller */
    Vars *vs = interp_vars(in);
    if (!vars_set(vs, target, v)) return err_set(e, ERR_MEMORY, "out of memory");
    if (interp_echo(in) && !stmt->quiet) {
        const Value *b = vars_get(vs, target);
        char s[64];
        if (b->kind == V_ARRAY)
            fprintf(interp_out(in), "%s %s %s\n", target, shape_str(s, b->arr->ndim, b->arr->shape),
                    dtype_name(b->arr->dtype));
        else
            fprintf(interp_out(in), "%s %s\n", target, val_kind_name(b->kind));
        interp_print_value(in, b);
    }
    return result;
}

static Value *cmd_not_stepping(Interp *in, const Node *call, Err *e) {
    (void)in;
    return err_set_at(e, ERR_VALUE, call->span,
                      "back, continue and quit answer `step`: start with step STATEMENT");
}

/* shapes: print each step's shape, computing nothing. */
typedef struct ShapesCtx {
    FILE *out;
    int no;
} ShapesCtx;

static const Value *lookup_var(void *ctx, const char *name) {
    return vars_get(interp_vars((Interp *)ctx), name);
}

static void on_shape_step(void *ctx, const ShapeStep *s) {
    ShapesCtx *c = ctx;
    StepView v;
    memset(&v, 0, sizeof v);
    v.op = s->op;
    v.node = s->node;
    v.nargs = s->nargs;
    for (int i = 0; i < s->nargs && i < 2; i++) {
        v.argtext[i] = s->argtext[i];
        v.argnd[i] = s->argndim[i];
        v.argshape[i] = s->argshape[i];
    }
    v.nd = s->ndim;
    v.shape = s->shape;
    v.target = s->target;
    SBuf b = {0};
    step_head(&b, ++c->no, &v);
    sbuf_printf(&b, "\n");
    stretch_notes(&b, &v);
    if (b.p && !b.oom) fputs(b.p, c->out);
    free(b.p);
}

static Value *cmd_shapes(Interp *in, const Node *call, Err *e) {
    const Node *stmt = raw_statement(call, "shapes", e);
    if (!stmt) return NULL;
    const Node *fc = forward_call(stmt);
    if (fc) return net_cmd_shapes(in, fc, e);
    ShapesCtx c = {interp_out(in), 0};
    int nd;
    int64_t shape[4];
    if (!shapes_infer(interp_registry(in), stmt, lookup_var, in, on_shape_step, &c, &nd, shape, e))
        return NULL;
    char s[64];
    if (nd >= 0 && (stmt->kind != N_ASSIGN))
        fprintf(c.out, "result: %s\n", shape_str(s, nd, shape));
    if (c.no > 0 || nd >= 0) fprintf(c.out, "shapes fit (nothing was computed)\n");
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* the table                                                                 */

#define CMD(name, group, sig, summary, numpy, shapes, example, f)                                  \
    { name, group, sig, summary, numpy, shapes, example, 0, -1, NULL, NULL, f }

const Builtin trace_builtins[] = {
    CMD("trace", "trace", "trace on|off|full",
        "Show every operation of each statement as numbered steps; full also expands small "
        "dot products element by element.",
        NULL, "each step: operands' shapes -> result shape", "trace full", cmd_trace),
    CMD("explain", "trace", "explain STATEMENT",
        "Trace one statement in full, element by element, without assigning anything.", NULL, NULL,
        "explain A1 = np.dot(X, W1) + B1", cmd_explain),
    CMD("step", "trace", "step STATEMENT",
        "Run a statement one operation per Enter, into the calls it makes (over, out, back, "
        "continue, quit); quit changes nothing.",
        NULL, NULL, "step forward", cmd_step),
    CMD("back", "trace", "back", "While stepping: go back one step.", NULL, NULL, "back",
        cmd_not_stepping),
    CMD("continue", "trace", "continue", "While stepping: run to the end.", NULL, NULL, "continue",
        cmd_not_stepping),
    CMD("shapes", "trace", "shapes STATEMENT",
        "Work out the shape of every step of a statement without computing any value.", NULL,
        "stops at the first operation whose shapes do not fit",
        "shapes A1 = np.dot(x_batch, W1) + b1", cmd_shapes),
    CMD("net", "network", "net | net act LAYER ACTIVATION | net use NAME",
        "Show the network found in W1/B1, W2/B2, ... (or change one layer's activation; or, when "
        "two networks are defined, pick the one whose weight or bias is NAME).",
        NULL,
        "layer k: W<k> (n_in, n_out), B<k> (n_out,)", "net act 3 softmax", net_cmd_net),
    CMD("forward", "network", "forward [X]",
        "Run the network on X (or the input given) layer by layer, with a table of shapes and "
        "parameters; binds A1 Z1 ... and Y.",
        "a = np.dot(z, W) + b; z = h(a) for each layer",
        "(batch, n_in) -> (batch, n1) -> ... -> (batch, n_out)", "forward x_batch",
        fwd_cmd_forward),
    CMD("diagram", "network", "diagram",
        "Draw the network: a column per layer, a circle per neuron, the bias node and the "
        "labelled edges of small layers.",
        NULL, NULL, "diagram", net_cmd_diagram),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
