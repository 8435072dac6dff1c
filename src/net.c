/* net.c - the network in the learner's variables: finding it, checking that
 * its layers chain, running it with a per-layer table, and drawing it (see
 * net.h).
 *
 * Layer k computes, as in the chapter,
 *     A<k> = np.dot(Z<k-1>, W<k>) + B<k>     (Z0 is the input X)
 *     Z<k> = h(A<k>)                         (sigmoid, ..., identity last)
 * so W<k> is (neurons in, neurons out) and B<k> has one value per neuron out.
 */
#include "sbuf.h"
#include "net.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "ops.h"
#include "trace.h"

/* ------------------------------------------------------------------------ */
/* a growing text buffer (the picture and the table are built whole and      */
/* written once)                                                             */

/* Pad `s` (which may hold UTF-8 and colour codes) to `w` columns, centred
 * or left-aligned. */
static void bpad(SBuf *b, const char *s, int w, bool centre) {
    int dw = trace_display_width(s), gap = w - dw;
    if (gap < 0) gap = 0;
    int left = centre ? gap / 2 : 0;
    sbuf_printf(b, "%*s%s%*s", left, "", s, gap - left, "");
}

/* ------------------------------------------------------------------------ */
/* activations                                                               */

static const char *const kActNames[] = {"sigmoid", "relu", "identity", "softmax", "step"};

const char *net_act_name(NetAct a) {
    return kActNames[a];
}

bool net_act_parse(const char *s, NetAct *a) {
    static const struct {
        const char *s;
        NetAct a;
    } t[] = {
        {"sigmoid", ACT_SIGMOID},   {"relu", ACT_RELU},
        {"identity", ACT_IDENTITY}, {"identity_function", ACT_IDENTITY},
        {"none", ACT_IDENTITY},     {"softmax", ACT_SOFTMAX},
        {"step", ACT_STEP},         {"step_function", ACT_STEP},
    };
    for (size_t i = 0; s && i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i].s, s) == 0) {
            *a = t[i].a;
            return true;
        }
    return false;
}

static Array *apply_act(NetAct a, const Array *x, Err *e) {
    switch (a) {
    case ACT_SIGMOID: return op_unary(OP_SIGMOID, x, e);
    case ACT_RELU: return op_unary(OP_RELU, x, e);
    case ACT_STEP: return op_unary(OP_STEP, x, e);
    case ACT_SOFTMAX: return op_softmax(x, e);
    case ACT_IDENTITY: break;
    }
    return arr_copy(x, e);
}

/* `net act K NAME` settings, per session: layer k's activation, or -1. */
typedef struct ActSlot {
    const Interp *in;
    int act[NET_MAX];
} ActSlot;
static ActSlot g_acts[8];

static ActSlot *acts_of(const Interp *in, bool make) {
    for (int i = 0; i < 8; i++)
        if (g_acts[i].in == in) return &g_acts[i];
    if (!make) return NULL;
    for (int i = 0; i < 8; i++)
        if (!g_acts[i].in) {
            g_acts[i].in = in;
            for (int k = 0; k < NET_MAX; k++)
                g_acts[i].act[k] = -1;
            return &g_acts[i];
        }
    return NULL;
}

void net_forget(const Interp *in) {
    ActSlot *s = acts_of(in, false);
    if (s) memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------------------ */
/* finding the network                                                       */

/* A variable's array, or an item of a dict variable. */
static const Value *get_item(Interp *in, const Value *dict, const char *key) {
    if (dict) return val_dict_get(dict, key);
    return vars_get(interp_vars(in), key);
}

bool net_find(Interp *in, Net *net, Err *e) {
    memset(net, 0, sizeof *net);
    const Value *dict = NULL;
    const char *dname = NULL;
    if (!vars_get(interp_vars(in), "W1")) {
        /* the book's `network` dict, or any dict holding W1 */
        Vars *vs = interp_vars(in);
        for (int i = 0; i < vars_count(vs) && !dict; i++) {
            const Value *v = vars_value_at(vs, i);
            if (v && v->kind == V_DICT && val_dict_get(v, "W1")) {
                dict = v;
                dname = vars_name_at(vs, i);
            }
        }
        if (!dict)
            return err_set(e, ERR_NAME,
                           "no network found: define W1 and B1 (W2, B2, ...), load the "
                           "book's weights, or type `example`") != NULL;
    }
    for (int k = 1; k <= NET_MAX; k++) {
        char wk[16], bk[16], bl[16];
        snprintf(wk, sizeof wk, "W%d", k);
        snprintf(bk, sizeof bk, "B%d", k);
        snprintf(bl, sizeof bl, "b%d", k);
        const Value *w = get_item(in, dict, wk);
        if (!w) break;
        NetLayer *L = &net->layer[net->n];
        if (dict)
            snprintf(L->wname, sizeof L->wname, "%s['%s']", dname, wk);
        else
            snprintf(L->wname, sizeof L->wname, "%s", wk);
        if (w->kind != V_ARRAY || w->arr->ndim != 2)
            return err_set(e, ERR_TYPE, "%s should be a 2-D array of weights (inputs, neurons)",
                           L->wname) != NULL;
        L->W = w->arr;
        const char *bname = bk;
        const Value *b = get_item(in, dict, bk);
        if (!b) {
            b = get_item(in, dict, bl);
            bname = bl;
        }
        if (b) {
            if (b->kind != V_ARRAY)
                return err_set(e, ERR_TYPE, "%s should be an array of biases", bname) != NULL;
            L->B = b->arr;
            if (dict)
                snprintf(L->bname, sizeof L->bname, "%s['%s']", dname, bname);
            else
                snprintf(L->bname, sizeof L->bname, "%s", bname);
        }
        net->n++;
    }
    ActSlot *s = acts_of(in, false);
    for (int k = 0; k < net->n; k++) {
        net->layer[k].act = k == net->n - 1 ? ACT_IDENTITY : ACT_SIGMOID;
        if (s && s->act[k] >= 0) net->layer[k].act = (NetAct)s->act[k];
    }
    return true;
}

static void name_op(ErrOperand *o, const char *name) {
    snprintf(o->name, sizeof o->name, "%s", name);
}

bool net_check(const Net *net, const char *xname, int xndim, const int64_t *xshape, Err *e) {
    if (xndim > 0) {
        const Array *W = net->layer[0].W;
        if (xshape[xndim - 1] != W->shape[0]) {
            err_shape(e, "layer", xndim, xshape, 2, W->shape,
                      "layer 1 does not fit its input: %s has %lld values per sample but %s "
                      "takes %lld",
                      xname, (long long)xshape[xndim - 1], net->layer[0].wname,
                      (long long)W->shape[0]);
            name_op(&e->ops[0], xname);
            name_op(&e->ops[1], net->layer[0].wname);
            e->axis[0] = xndim - 1;
            e->axis[1] = 0;
            return false;
        }
    }
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        int64_t out = L->W->shape[1];
        if (L->B) {
            const Array *B = L->B;
            bool ok = (B->ndim == 1 && B->shape[0] == out) ||
                      (B->ndim == 2 && B->shape[0] == 1 && B->shape[1] == out) || (B->ndim == 0);
            if (!ok) {
                err_shape(e, "bias", 2, L->W->shape, B->ndim, B->shape,
                          "layer %d: %s has %lld neurons but %s has shape %s", k + 1, L->wname,
                          (long long)out, L->bname, "(see below)");
                char s[64];
                snprintf(e->msg, sizeof e->msg, "layer %d: %s has %lld neurons but %s is %s", k + 1,
                         L->wname, (long long)out, L->bname, shape_str(s, B->ndim, B->shape));
                name_op(&e->ops[0], L->wname);
                name_op(&e->ops[1], L->bname);
                e->axis[0] = 1;
                e->axis[1] = B->ndim - 1;
                return false;
            }
        }
        if (k + 1 < net->n) {
            const NetLayer *N = &net->layer[k + 1];
            if (N->W->shape[0] != out) {
                err_shape(e, "layer", 2, L->W->shape, 2, N->W->shape,
                          "layer %d does not fit layer %d: %s gives %lld values but %s takes "
                          "%lld",
                          k + 2, k + 1, L->wname, (long long)out, N->wname,
                          (long long)N->W->shape[0]);
                name_op(&e->ops[0], L->wname);
                name_op(&e->ops[1], N->wname);
                e->axis[0] = 1;
                e->axis[1] = 0;
                /* what np.dot says for the real product Z<k>·W<k+1> */
                char zs[48];
                if (xndim == 2)
                    snprintf(zs, sizeof zs, "(%lld,%lld)", (long long)xshape[0], (long long)out);
                else
                    snprintf(zs, sizeof zs, "(%lld,)", (long long)out);
                snprintf(e->numpy_msg, sizeof e->numpy_msg,
                         "shapes %s and (%lld,%lld) not aligned: %lld (dim %d) != %lld (dim 0)", zs,
                         (long long)N->W->shape[0], (long long)N->W->shape[1], (long long)out,
                         xndim == 2 ? 1 : 0, (long long)N->W->shape[0]);
                return false;
            }
        }
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* running                                                                   */

void net_run_free(NetRun *r) {
    arr_free(r->X);
    for (int k = 0; k < NET_MAX; k++) {
        arr_free(r->A[k]);
        arr_free(r->Z[k]);
    }
    memset(r, 0, sizeof *r);
}

static void emit(Interp *in, const char *op, const Array *a, const char *an, const Array *b,
                 const char *bn, const Array *res) {
    TraceEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.op = op;
    ev.args[0] = a;
    ev.argtext[0] = an;
    ev.nargs = 1;
    if (b) {
        ev.args[1] = b;
        ev.argtext[1] = bn;
        ev.nargs = 2;
    }
    ev.result = res;
    trace_emit(in, &ev);
}

bool net_run(Interp *in, const Node *call, NetRun *r, Err *e) {
    memset(r, 0, sizeof *r);
    const Node *arg = call && call->kind == N_CALL && call->nkids >= 2 ? call->kids[1] : NULL;
    if (call && call->kind == N_CALL && call->nkids > 2) {
        err_set_at(e, ERR_TYPE, call->span, "forward takes one input (forward X)");
        return false;
    }
    if (!net_find(in, &r->net, e)) return false;
    if (r->net.n == 0) {
        err_set(e, ERR_NAME, "no network found: W1 is missing");
        return false;
    }
    Value *xv = NULL;
    if (arg) {
        if (!(xv = interp_eval(in, arg, e))) return false;
        snprintf(r->xname, sizeof r->xname, "%s", arg->text ? arg->text : "X");
    } else {
        const Value *x = vars_get(interp_vars(in), "X");
        if (!x) {
            err_set(e, ERR_NAME, "forward needs an input: define X or give one (forward x)");
            return false;
        }
        xv = val_copy(x);
        snprintf(r->xname, sizeof r->xname, "X");
        if (!xv) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    }
    if (xv->kind != V_ARRAY) {
        err_set(e, ERR_TYPE, "the input %s is a %s, not an array", r->xname,
                val_kind_name(xv->kind));
        val_free(xv);
        return false;
    }
    r->X = xv->arr;
    xv->arr = NULL;
    val_free(xv);
    if (r->X->ndim < 1 || r->X->ndim > 2) {
        char s[64];
        /* a stack of images, say: the layer check explains and suggests a reshape */
        if (r->X->ndim > 2) {
            if (!net_check(&r->net, r->xname, r->X->ndim, r->X->shape, e)) goto fail;
        }
        err_set(e, ERR_SHAPE, "forward takes one sample (n,) or a batch (rows, n), not %s",
                shape_str(s, r->X->ndim, r->X->shape));
        goto fail;
    }
    if (!net_check(&r->net, r->xname, r->X->ndim, r->X->shape, e)) goto fail;
    const Array *z = r->X;
    char zname[16] = "", aname[16];
    for (int k = 0; k < r->net.n; k++) {
        NetLayer *L = &r->net.layer[k];
        Array *d = op_dot(z, L->W, e);
        if (!d) goto fail;
        emit(in, "dot", z, k == 0 ? r->xname : zname, L->W, L->wname, d);
        if (L->B) {
            r->A[k] = op_binary(OP_ADD, d, L->B, e);
            if (r->A[k]) emit(in, "add", d, "", L->B, L->bname, r->A[k]);
            arr_free(d);
        } else {
            r->A[k] = d;
        }
        if (!r->A[k]) goto fail;
        snprintf(aname, sizeof aname, "A%d", k + 1);
        r->Z[k] = apply_act(L->act, r->A[k], e);
        if (!r->Z[k]) goto fail;
        emit(in, net_act_name(L->act), r->A[k], aname, NULL, NULL, r->Z[k]);
        snprintf(zname, sizeof zname, "Z%d", k + 1);
        z = r->Z[k];
    }
    return true;
fail:
    net_run_free(r);
    return false;
}

bool net_run_bind(Interp *in, NetRun *r, bool echo, Err *e) {
    Vars *vs = interp_vars(in);
    for (int k = 0; k < r->net.n; k++) {
        for (int which = 0; which < 2; which++) {
            Array **slot = which ? &r->Z[k] : &r->A[k];
            char name[16];
            if (which && k == r->net.n - 1)
                snprintf(name, sizeof name, "Y");
            else
                snprintf(name, sizeof name, "%c%d", which ? 'Z' : 'A', k + 1);
            Value *v = val_array(*slot);
            if (!v) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            *slot = NULL;
            if (!vars_set(vs, name, v)) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
            if (echo) {
                const Value *b = vars_get(vs, name);
                char s[64];
                fprintf(interp_out(in), "%s %s %s\n", name,
                        shape_str(s, b->arr->ndim, b->arr->shape), dtype_name(b->arr->dtype));
                /* a batch's values summarised harder than the echo does */
                FmtOpts o = *interp_fmt(in);
                if (o.threshold > 100) o.threshold = 100;
                char *t = fmt_str(b->arr, &o);
                if (t) fprintf(interp_out(in), "%s\n", t);
                free(t);
            }
        }
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* the table                                                                 */

#define NCOLS 8

char *net_table(const NetRun *r) {
    static const char *const head[NCOLS] = {"Layer", "Op",         "Input", "Weight",
                                            "A",     "Activation", "Z",     "Params"};
    char cells[NET_MAX][NCOLS][80];
    int w[NCOLS];
    int64_t total = 0;
    const Net *net = &r->net;
    for (int c = 0; c < NCOLS; c++)
        w[c] = trace_display_width(head[c]);
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        const Array *in = k == 0 ? r->X : r->Z[k - 1];
        int64_t params = L->W->size + (L->B ? L->B->size : 0);
        total += params;
        char prev[64];
        if (k == 0)
            snprintf(prev, sizeof prev, "%s", r->xname);
        else
            snprintf(prev, sizeof prev, "Z%d", k);
        snprintf(cells[k][0], 80, "%d", k + 1);
        if (L->B)
            snprintf(cells[k][1], 80, "%.24s\xc2\xb7%.24s + %.24s", prev, L->wname, L->bname);
        else
            snprintf(cells[k][1], 80, "%.30s\xc2\xb7%.30s", prev, L->wname);
        shape_str(cells[k][2], in->ndim, in->shape);
        shape_str(cells[k][3], L->W->ndim, L->W->shape);
        shape_str(cells[k][4], r->A[k]->ndim, r->A[k]->shape);
        snprintf(cells[k][5], 80, "%s", net_act_name(L->act));
        shape_str(cells[k][6], r->Z[k]->ndim, r->Z[k]->shape);
        snprintf(cells[k][7], 80, "%lld", (long long)params);
        for (int c = 0; c < NCOLS; c++) {
            int dw = trace_display_width(cells[k][c]);
            if (dw > w[c]) w[c] = dw;
        }
    }
    int width = 0;
    for (int c = 0; c < NCOLS; c++)
        width += w[c] + (c ? 2 : 0);
    SBuf b = {0};
    char rule[256];
    int rl = width < 255 ? width : 255;
    memset(rule, '=', (size_t)rl);
    rule[rl] = '\0';
    sbuf_printf(&b, "%s\n", rule);
    for (int c = 0; c < NCOLS; c++) {
        if (c) sbuf_printf(&b, "  ");
        bpad(&b, head[c], c == NCOLS - 1 ? 0 : w[c], false);
    }
    sbuf_printf(&b, "\n");
    memset(rule, '-', (size_t)rl);
    sbuf_printf(&b, "%s\n", rule);
    for (int k = 0; k < net->n; k++) {
        for (int c = 0; c < NCOLS; c++) {
            if (c) sbuf_printf(&b, "  ");
            bpad(&b, cells[k][c], c == NCOLS - 1 ? 0 : w[c], false);
        }
        sbuf_printf(&b, "\n");
    }
    memset(rule, '=', (size_t)rl);
    sbuf_printf(&b, "%s\n", rule);
    sbuf_printf(&b, "Total params: %lld\n", (long long)total);
    char s[64];
    sbuf_printf(&b, "Shapes: %s", shape_str(s, r->X->ndim, r->X->shape));
    for (int k = 0; k < net->n; k++)
        sbuf_printf(&b, " -> %s", shape_str(s, r->Z[k]->ndim, r->Z[k]->shape));
    sbuf_printf(&b, "\n");
    return sbuf_done(&b);
}

/* ------------------------------------------------------------------------ */
/* the diagram                                                               */

/* The neuron labels of a column: all of them, or the first 3, a vertical
 * ellipsis and the last one when there are more than 5. */
static int column_labels(char labels[][24], char letter, int64_t size) {
    int n = 0;
    if (size <= 5) {
        for (int64_t i = 0; i < size; i++)
            snprintf(labels[n++], 24, "(%c%lld)", letter, (long long)(i + 1));
        return n;
    }
    for (int64_t i = 0; i < 3; i++)
        snprintf(labels[n++], 24, "(%c%lld)", letter, (long long)(i + 1));
    snprintf(labels[n++], 24, "\xe2\x8b\xae"); /* ⋮ */
    snprintf(labels[n++], 24, "(%c%lld)", letter, (long long)size);
    return n;
}

char *net_diagram(int n, const int64_t *sizes, const char *const *acts, const char *const *wnames,
                  bool color) {
    if (n < 1 || n > NET_MAX) return NULL;
    const char *dim = color ? "\033[2m" : "", *off = color ? "\033[0m" : "";
    int ncol = n + 1;
    char head[NET_MAX + 1][24], labels[NET_MAX + 1][6][24], arrows[NET_MAX][32];
    int nlab[NET_MAX + 1], colw[NET_MAX + 1], arroww[NET_MAX];
    int maxrows = 0;
    for (int c = 0; c < ncol; c++) {
        if (c == 0)
            snprintf(head[c], sizeof head[c], "input");
        else if (c == n)
            snprintf(head[c], sizeof head[c], "output");
        else
            snprintf(head[c], sizeof head[c], "layer %d", c);
        char letter = c == 0 ? 'x' : c == n ? 'y' : 'z';
        nlab[c] = column_labels(labels[c], letter, sizes[c]);
        if (nlab[c] > maxrows) maxrows = nlab[c];
        colw[c] = trace_display_width(head[c]);
        for (int i = 0; i < nlab[c]; i++) {
            int dw = trace_display_width(labels[c][i]);
            if (dw > colw[c]) colw[c] = dw;
        }
        if (c > 0 && acts && acts[c - 1] && (int)strlen(acts[c - 1]) > colw[c])
            colw[c] = (int)strlen(acts[c - 1]);
    }
    for (int k = 0; k < n; k++) {
        char wn[16];
        snprintf(wn, sizeof wn, "W%d", k + 1);
        snprintf(arrows[k], sizeof arrows[k], " ==%.20s==> ", wnames && wnames[k] ? wnames[k] : wn);
        arroww[k] = (int)strlen(arrows[k]);
    }
    SBuf b = {0};
    /* the header row: column names */
    for (int c = 0; c < ncol; c++) {
        bpad(&b, head[c], colw[c], true);
        if (c < n) sbuf_printf(&b, "%*s", arroww[c], "");
    }
    sbuf_printf(&b, "\n");
    /* the bias row: a dimmed (1) in every column that feeds a next layer */
    for (int c = 0; c < ncol; c++) {
        char one[32];
        snprintf(one, sizeof one, "%s(1)%s", c < n ? dim : "", c < n ? off : "");
        bpad(&b, c < n ? one : "", colw[c], true);
        if (c < n) sbuf_printf(&b, "%*s", arroww[c], "");
    }
    sbuf_printf(&b, "\n");
    /* the neurons; the arrows on the middle row */
    int mid = (maxrows - 1) / 2;
    for (int row = 0; row < maxrows; row++) {
        for (int c = 0; c < ncol; c++) {
            bpad(&b, row < nlab[c] ? labels[c][row] : "", colw[c], true);
            if (c < n) {
                if (row == mid)
                    sbuf_printf(&b, "%s", arrows[c]);
                else
                    sbuf_printf(&b, "%*s", arroww[c], "");
            }
        }
        sbuf_printf(&b, "\n");
    }
    /* the activations under the columns */
    if (acts) {
        for (int c = 0; c < ncol; c++) {
            bpad(&b, c == 0 ? "" : acts[c - 1] ? acts[c - 1] : "", colw[c], true);
            if (c < n) sbuf_printf(&b, "%*s", arroww[c], "");
        }
        sbuf_printf(&b, "\n");
    }
    /* the labelled edges of small layers, as the chapter writes them */
    for (int k = 0; k < n; k++) {
        int64_t nin = sizes[k], nout = sizes[k + 1];
        if (nin > 4 || nout > 4) continue;
        char wn[16];
        snprintf(wn, sizeof wn, "W%d", k + 1);
        if (k == n - 1)
            sbuf_printf(&b, "\nedges into the output (%s):\n",
                        wnames && wnames[k] ? wnames[k] : wn);
        else
            sbuf_printf(&b, "\nedges into layer %d (%s):\n", k + 1,
                        wnames && wnames[k] ? wnames[k] : wn);
        for (int64_t j = 0; j < nout; j++) {
            sbuf_printf(&b, "  a%lld(%d) =", (long long)(j + 1), k + 1);
            for (int64_t i = 0; i < nin; i++) {
                if (k == 0)
                    sbuf_printf(&b, "%s w%lld%lld(%d) x%lld", i ? " +" : "", (long long)(j + 1),
                                (long long)(i + 1), k + 1, (long long)(i + 1));
                else
                    sbuf_printf(&b, "%s w%lld%lld(%d) z%lld(%d)", i ? " +" : "", (long long)(j + 1),
                                (long long)(i + 1), k + 1, (long long)(i + 1), k);
            }
            sbuf_printf(&b, " + b%lld(%d)\n", (long long)(j + 1), k + 1);
        }
    }
    /* no trailing blanks from the centred columns */
    if (!b.oom && b.p) {
        char *w = b.p;
        for (char *r = b.p; *r; r++) {
            if (*r == '\n')
                while (w > b.p && w[-1] == ' ')
                    w--;
            *w++ = *r;
        }
        *w = '\0';
    }
    return sbuf_done(&b);
}

/* ------------------------------------------------------------------------ */
/* the commands                                                              */

static void print_net(FILE *out, const Net *net) {
    int64_t total = 0;
    char s1[64], s2[64];
    fprintf(out, "network: %d layer%s, ", net->n, net->n == 1 ? "" : "s");
    fprintf(out, "%lld", (long long)net->layer[0].W->shape[0]);
    for (int k = 0; k < net->n; k++) {
        fprintf(out, " -> %lld", (long long)net->layer[k].W->shape[1]);
        total += net->layer[k].W->size + (net->layer[k].B ? net->layer[k].B->size : 0);
    }
    fprintf(out, ", %lld parameters\n", (long long)total);
    int w = 2, wb = 2;
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        int l = (int)strlen(L->wname) + 1 + (int)strlen(shape_str(s1, 2, L->W->shape));
        if (l > w) w = l;
        l = L->B ? (int)strlen(L->bname) + 1 + (int)strlen(shape_str(s2, L->B->ndim, L->B->shape))
                 : 9;
        if (l > wb) wb = l;
    }
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        char ws[128], bs[128];
        snprintf(ws, sizeof ws, "%s %s", L->wname, shape_str(s1, 2, L->W->shape));
        if (L->B)
            snprintf(bs, sizeof bs, "%s %s", L->bname, shape_str(s2, L->B->ndim, L->B->shape));
        else
            snprintf(bs, sizeof bs, "(no bias)");
        fprintf(out, "  layer %d: %-*s  %-*s  %s\n", k + 1, w, ws, wb, bs, net_act_name(L->act));
    }
}

Value *net_cmd_net(Interp *in, const Node *call, Err *e) {
    int n = builtin_cmd_nargs(call);
    if (n > 0) {
        const char *w = builtin_cmd_word(builtin_cmd_arg(call, 0));
        if (!w || strcmp(w, "act") != 0 || n != 3)
            return err_set_at(e, ERR_VALUE, call->span,
                              "net takes no argument, or: net act LAYER ACTIVATION "
                              "(e.g. net act 3 softmax)");
        const Node *kn = builtin_cmd_arg(call, 1);
        const char *an = builtin_cmd_word(builtin_cmd_arg(call, 2));
        if (kn->kind != N_NUM || !kn->is_int || kn->num < 1 || kn->num > NET_MAX)
            return err_set_at(e, ERR_VALUE, kn->span, "the layer is a number from 1 to %d",
                              NET_MAX);
        NetAct a;
        if (!net_act_parse(an, &a))
            return err_set_at(e, ERR_VALUE, builtin_cmd_arg(call, 2)->span,
                              "unknown activation: use sigmoid, relu, identity, softmax or "
                              "step");
        Net net;
        if (!net_find(in, &net, e)) return NULL;
        if ((int)kn->num > net.n)
            return err_set_at(e, ERR_VALUE, kn->span, "the network has %d layer%s", net.n,
                              net.n == 1 ? "" : "s");
        ActSlot *s = acts_of(in, true);
        if (!s) return err_set(e, ERR_MEMORY, "too many sessions");
        s->act[(int)kn->num - 1] = (int)a;
    }
    Net net;
    if (!net_find(in, &net, e)) return NULL;
    print_net(interp_out(in), &net);
    return NULL;
}

Value *net_cmd_forward(Interp *in, const Node *call, Err *e) {
    NetRun r;
    if (!net_run(in, call, &r, e)) return NULL;
    char *t = net_table(&r);
    if (t) fputs(t, interp_out(in));
    free(t);
    bool ok = net_run_bind(in, &r, true, e);
    net_run_free(&r);
    (void)ok;
    return NULL;
}

Value *net_cmd_shapes(Interp *in, const Node *call, Err *e) {
    Net net;
    if (!net_find(in, &net, e)) return NULL;
    const Node *arg = call && call->kind == N_CALL && call->nkids >= 2 ? call->kids[1] : NULL;
    int nd = 0;
    int64_t shape[4];
    const char *xname = "X";
    if (arg) {
        /* the input's shape, found without computing the network */
        Value *x = interp_eval(in, arg, e);
        if (!x) return NULL;
        if (x->kind == V_ARRAY) {
            nd = x->arr->ndim;
            memcpy(shape, x->arr->shape, sizeof shape);
        }
        val_free(x);
        xname = arg->text ? arg->text : "the input";
    } else {
        const Value *x = vars_get(interp_vars(in), "X");
        if (x && x->kind == V_ARRAY) {
            nd = x->arr->ndim;
            memcpy(shape, x->arr->shape, sizeof shape);
        }
    }
    if (!net_check(&net, xname, nd, shape, e)) return NULL;
    FILE *out = interp_out(in);
    char s[64];
    for (int k = 0; k < net.n; k++) {
        const NetLayer *L = &net.layer[k];
        int64_t o[2];
        int on = 1;
        if (nd == 2) {
            o[0] = shape[0];
            o[1] = L->W->shape[1];
            on = 2;
        } else {
            o[0] = L->W->shape[1];
        }
        fprintf(out, "[%d] layer %d  ", k + 1, k + 1);
        if (nd > 0) {
            int64_t i2[2] = {shape[0], L->W->shape[0]};
            fprintf(out, "%s", shape_str(s, nd == 2 ? 2 : 1, nd == 2 ? i2 : &L->W->shape[0]));
        }
        fprintf(out, " \xc2\xb7 %s %s", L->wname, shape_str(s, 2, L->W->shape));
        if (L->B) fprintf(out, " + %s %s", L->bname, shape_str(s, L->B->ndim, L->B->shape));
        fprintf(out, " -> %s  %s\n", shape_str(s, on, o), net_act_name(L->act));
    }
    fprintf(out, "shapes fit (nothing was computed)\n");
    return NULL;
}

Value *net_cmd_diagram(Interp *in, const Node *call, Err *e) {
    (void)call;
    Net net;
    if (!net_find(in, &net, e)) return NULL;
    if (!net_check(&net, "X", 0, NULL, e)) return NULL;
    int64_t sizes[NET_MAX + 1];
    const char *acts[NET_MAX], *wn[NET_MAX];
    sizes[0] = net.layer[0].W->shape[0];
    for (int k = 0; k < net.n; k++) {
        sizes[k + 1] = net.layer[k].W->shape[1];
        acts[k] = net_act_name(net.layer[k].act);
        wn[k] = net.layer[k].wname;
    }
    char *pic = net_diagram(net.n, sizes, acts, wn, interp_color(in));
    if (!pic) return err_set(e, ERR_MEMORY, "out of memory");
    fputs(pic, interp_out(in));
    free(pic);
    return NULL;
}
