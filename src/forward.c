/* forward.c - one forward pass, layer by layer (see forward.h). */
#include "forward.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "infer.h"
#include "sbuf.h"
#include "shapefix.h"

void fwd_free(FwdRun *r) {
    arr_free(r->X);
    for (int k = 0; k < NET_MAX; k++) {
        arr_free(r->A[k]);
        arr_free(r->Z[k]);
    }
    memset(r, 0, sizeof *r);
}

bool fwd_run(Interp *in, const Node *call, FwdRun *r, Err *e) {
    memset(r, 0, sizeof *r);
    const Node *arg = call && call->kind == N_CALL && call->nkids >= 2 ? call->kids[1] : NULL;
    if (call && call->kind == N_CALL && call->nkids > 2) {
        err_set_at(e, ERR_TYPE, call->span, "forward takes one input (forward X)");
        return false;
    }
    if (!net_find(in, &r->net, e)) return false; /* found again after the input */
    Value *xv = NULL;
    if (arg) {
        if (!(xv = interp_eval(in, arg, e))) return false;
        /* an expression is named in brackets: (x_test[0] / 255.0)·W1 */
        bool plain = arg->kind == N_NAME || arg->kind == N_INDEX || arg->kind == N_ATTR;
        snprintf(r->xname, sizeof r->xname, plain ? "%s" : "(%s)", arg->text ? arg->text : "X");
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
    /* found after the input is evaluated: the network borrows variables */
    if (!net_find(in, &r->net, e)) goto fail;
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
    /* images (uint8, or 784 values a row) that were never scaled to 0..1:
     * a warning, as evaluate and predict give; small example inputs such as
     * [1, 2] are no pictures and get none */
    if (r->X->dtype == DT_UINT8 || r->X->shape[r->X->ndim - 1] == 784)
        shapefix_warn_unnormalized(r->X, r->xname, interp_errf(in));
    InferSteps st;
    if (!infer_steps(in, &r->net, r->X, r->xname, false, &st, e)) goto fail;
    for (int k = 0; k < st.n; k++) { /* the results move into r */
        r->A[k] = st.A[k];
        r->Z[k] = st.Z[k];
    }
    return true;
fail:
    fwd_free(r);
    return false;
}

bool fwd_bind(Interp *in, FwdRun *r, bool echo, Err *e) {
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

/* The key of a weight kept in a dict, `network['W1']` -> `W1` (into key;
 * the dict's name into dict); other names are copied as they are. */
static void dict_key(const char *name, char *key, size_t cap, char *dict, size_t dcap) {
    const char *open = strchr(name, '[');
    size_t n = strlen(name);
    if (open && n >= 4 && name[n - 1] == ']' && (open[1] == '\'' || open[1] == '"') &&
        name[n - 2] == open[1] && name + n - 2 > open + 1) {
        snprintf(key, cap, "%.*s", (int)(name + n - 2 - (open + 2)), open + 2);
        snprintf(dict, dcap, "%.*s", (int)(open - name), name);
    } else {
        snprintf(key, cap, "%s", name);
    }
}

/* The Op cell of a layer: "IN·W + B", or "IN·W" without a bias. */
static void op_cell(char *cell, const char *in, const char *w, const char *b, bool bias) {
    if (bias)
        snprintf(cell, 80, "%.24s\xc2\xb7%.24s + %.24s", in, w, b);
    else
        snprintf(cell, 80, "%.30s\xc2\xb7%.30s", in, w);
}

/* Measure the Op column again after its cells changed; the table's width
 * follows. */
static void refit_op(char cells[][NCOLS][80], int n, const char *head, int *w, int *width) {
    *width -= w[1];
    w[1] = str_display_width(head);
    for (int k = 0; k < n; k++) {
        int dw = str_display_width(cells[k][1]);
        if (dw > w[1]) w[1] = dw;
    }
    *width += w[1];
}

char *fwd_table(const FwdRun *r) {
    static const char *const head[NCOLS] = {"Layer", "Op",         "Input", "Weight",
                                            "A",     "Activation", "Z",     "Params"};
    char cells[NET_MAX][NCOLS][80];
    int w[NCOLS];
    int64_t total = 0;
    const Net *net = &r->net;
    for (int c = 0; c < NCOLS; c++)
        w[c] = str_display_width(head[c]);
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
        op_cell(cells[k][1], prev, L->wname, L->bname, L->B != NULL);
        shape_str(cells[k][2], in->ndim, in->shape);
        shape_str(cells[k][3], L->W->ndim, L->W->shape);
        shape_str(cells[k][4], r->A[k]->ndim, r->A[k]->shape);
        snprintf(cells[k][5], 80, "%s", net_act_name(L->act));
        shape_str(cells[k][6], r->Z[k]->ndim, r->Z[k]->shape);
        snprintf(cells[k][7], 80, "%lld", (long long)params);
        for (int c = 0; c < NCOLS; c++) {
            int dw = str_display_width(cells[k][c]);
            if (dw > w[c]) w[c] = dw;
        }
    }
    /* Z has A's shape (activations work element by element) and the Shapes
     * line below lists it again: when the table would pass the terminal's
     * width, that column goes (last is the last column shown) */
    bool show[NCOLS];
    for (int c = 0; c < NCOLS; c++)
        show[c] = true;
    int width = 0;
    for (int c = 0; c < NCOLS; c++)
        width += w[c] + (c ? 2 : 0);
    if (width > shapefix_width()) {
        show[6] = false;
        width -= w[6] + 2;
    }
    /* still too wide with a long input (forward (x_test[0] / 255.0)): the
     * first layer's Op names it X, and a line under the table says what X
     * is */
    bool short_x = false;
    if (width > shapefix_width() && net->n > 0) {
        const NetLayer *L = &net->layer[0];
        op_cell(cells[0][1], "X", L->wname, L->bname, L->B != NULL);
        refit_op(cells, net->n, head[1], w, &width);
        short_x = true;
    }
    /* and with weights in a dict (network['W1']): the keys alone, and a
     * line under the table says where they are */
    char dict[64] = "";
    if (width > shapefix_width() && net->n > 0) {
        for (int k = 0; k < net->n; k++) {
            const NetLayer *L = &net->layer[k];
            char wk[64], bk[64], prev[64];
            dict_key(L->wname, wk, sizeof wk, dict, sizeof dict);
            dict_key(L->bname, bk, sizeof bk, dict, sizeof dict);
            if (k == 0)
                snprintf(prev, sizeof prev, "%s", short_x ? "X" : r->xname);
            else
                snprintf(prev, sizeof prev, "Z%d", k);
            op_cell(cells[k][1], prev, wk, bk, L->B != NULL);
        }
        refit_op(cells, net->n, head[1], w, &width);
    }
    int last = NCOLS - 1;
    SBuf b = {0};
    char rule[256];
    int rl = width < 255 ? width : 255;
    memset(rule, '=', (size_t)rl);
    rule[rl] = '\0';
    sbuf_printf(&b, "%s\n", rule);
    for (int c = 0; c < NCOLS; c++) {
        if (!show[c]) continue;
        if (c) sbuf_printf(&b, "  ");
        sbuf_pad(&b, head[c], c == last ? 0 : w[c], false);
    }
    sbuf_printf(&b, "\n");
    memset(rule, '-', (size_t)rl);
    sbuf_printf(&b, "%s\n", rule);
    for (int k = 0; k < net->n; k++) {
        for (int c = 0; c < NCOLS; c++) {
            if (!show[c]) continue;
            if (c) sbuf_printf(&b, "  ");
            sbuf_pad(&b, cells[k][c], c == last ? 0 : w[c], false);
        }
        sbuf_printf(&b, "\n");
    }
    memset(rule, '=', (size_t)rl);
    sbuf_printf(&b, "%s\n", rule);
    sbuf_printf(&b, "Total params: %lld\n", (long long)total);
    if (!show[6]) sbuf_printf(&b, "(Z = activation(A) has the shape of A)\n");
    if (short_x) sbuf_printf(&b, "(X is %s)\n", r->xname);
    if (dict[0] && net->n > 0) {
        char k0[64], d0[64];
        dict_key(net->layer[0].wname, k0, sizeof k0, d0, sizeof d0);
        sbuf_printf(&b, "(%s is %.40s, and so on)\n", k0, net->layer[0].wname);
    }
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
Value *fwd_cmd_forward(Interp *in, const Node *call, Err *e) {
    FwdRun r;
    if (!fwd_run(in, call, &r, e)) return NULL;
    char *t = fwd_table(&r);
    if (t) fputs(t, interp_out(in));
    free(t);
    bool ok = fwd_bind(in, &r, interp_echo(in), e);
    fwd_free(&r);
    (void)ok;
    return NULL;
}
