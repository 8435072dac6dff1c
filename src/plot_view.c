/* plot_view.c - the network views: `weights`, `activations`, `surface`.
 *
 * Every view reads the network through view_layers(), the one function
 * that knows net.h; the rest works on plain (rows, cols) weight arrays and
 * does its own small forward pass in double precision, one input at a
 * time (a few thousand multiply-adds per point).
 */
#include "plot_view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "ops.h"
#include "plot.h"
#include "sbuf.h"

/* --- the network -------------------------------------------------------------------- */

typedef enum ViewAct { VA_SIGMOID, VA_RELU, VA_IDENTITY, VA_SOFTMAX, VA_STEP } ViewAct;

typedef struct ViewNet {
    int n;
    const Array *W[NET_MAX], *B[NET_MAX]; /* borrowed from the variables; B may be NULL */
    ViewAct act[NET_MAX];
    char wname[NET_MAX][40], bname[NET_MAX][40];
} ViewNet;

/* The network in the session's variables (W1 B1 W2 B2 ... or the book's
 * dict), with the activations `net act` chose. The only use of net.h. */
static bool view_layers(Interp *in, ViewNet *v, Err *e) {
    Net net;
    if (!net_find(in, &net, e)) return false;
    memset(v, 0, sizeof *v);
    v->n = net.n;
    for (int l = 0; l < net.n; l++) {
        v->W[l] = net.layer[l].W;
        v->B[l] = net.layer[l].B;
        snprintf(v->wname[l], sizeof v->wname[l], "%s", net.layer[l].wname);
        snprintf(v->bname[l], sizeof v->bname[l], "%s", net.layer[l].bname);
        switch (net.layer[l].act) {
        case ACT_SIGMOID: v->act[l] = VA_SIGMOID; break;
        case ACT_RELU: v->act[l] = VA_RELU; break;
        case ACT_SOFTMAX: v->act[l] = VA_SOFTMAX; break;
        case ACT_STEP: v->act[l] = VA_STEP; break;
        default: v->act[l] = VA_IDENTITY;
        }
    }
    for (int l = 0; l + 1 < v->n; l++)
        if (v->W[l]->shape[1] != v->W[l + 1]->shape[0])
            return err_set(e, ERR_SHAPE,
                           "the layers do not chain: %s has %lld outputs but %s takes %lld inputs",
                           v->wname[l], (long long)v->W[l]->shape[1], v->wname[l + 1],
                           (long long)v->W[l + 1]->shape[0]) != NULL;
    return true;
}

static const char *act_name(ViewAct a) {
    static const char *const names[] = {"sigmoid", "relu", "identity", "softmax", "step"};
    return names[a];
}

static void activate(ViewAct act, const double *a, double *z, int64_t n) {
    double mx = -INFINITY, sum = 0;
    if (act == VA_SOFTMAX) {
        for (int64_t j = 0; j < n; j++)
            mx = fmax(mx, a[j]);
        for (int64_t j = 0; j < n; j++)
            sum += exp(a[j] - mx);
    }
    for (int64_t j = 0; j < n; j++) {
        switch (act) {
        case VA_SIGMOID: z[j] = 1 / (1 + exp(-a[j])); break;
        case VA_RELU: z[j] = a[j] > 0 ? a[j] : 0; break;
        case VA_STEP: z[j] = a[j] > 0 ? 1 : 0; break;
        case VA_SOFTMAX: z[j] = exp(a[j] - mx) / sum; break;
        default: z[j] = a[j];
        }
    }
}

/* The forward pass of one input x (W[0]->shape[0] values): A[l] and Z[l]
 * for every layer (each W[l]->shape[1] values, malloc'd, owned by r). */
typedef struct ViewRun {
    int n;
    double *A[NET_MAX], *Z[NET_MAX];
    int64_t size[NET_MAX];
} ViewRun;

static void run_free(ViewRun *r) {
    for (int l = 0; l < r->n; l++) {
        free(r->A[l]);
        free(r->Z[l]);
    }
    memset(r, 0, sizeof *r);
}

/* one layer: a = x . W + b (x has W's rows, a has its columns) */
static void layer(const Array *W, const Array *B, const double *x, double *a) {
    int64_t rows = W->shape[0], cols = W->shape[1];
    for (int64_t j = 0; j < cols; j++)
        a[j] = B ? arr_get(B, B->size == cols ? j : 0) : 0;
    if (W->dtype == DT_FLOAT32) {
        const float *w = W->data;
        for (int64_t i = 0; i < rows; i++)
            for (int64_t j = 0; j < cols; j++)
                a[j] += x[i] * w[i * cols + j];
    } else {
        for (int64_t i = 0; i < rows; i++)
            for (int64_t j = 0; j < cols; j++)
                a[j] += x[i] * arr_get(W, i * cols + j);
    }
}

static bool run_net(const ViewNet *v, const double *x, ViewRun *r, Err *e) {
    memset(r, 0, sizeof *r);
    const double *in = x;
    for (int l = 0; l < v->n; l++) {
        int64_t n = v->W[l]->shape[1];
        r->A[l] = malloc((size_t)(n ? n : 1) * sizeof(double));
        r->Z[l] = malloc((size_t)(n ? n : 1) * sizeof(double));
        r->size[l] = n;
        r->n = l + 1;
        if (!r->A[l] || !r->Z[l]) {
            run_free(r);
            return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        }
        layer(v->W[l], v->B[l], in, r->A[l]);
        activate(v->act[l], r->A[l], r->Z[l], n);
        in = r->Z[l];
    }
    return true;
}

/* --- shared bits ------------------------------------------------------------------------ */

static bool use_color(Interp *in) {
    const char *nc = getenv("NO_COLOR");
    return interp_color(in) && !(nc && *nc);
}
static bool truecolor(void) {
    const char *ct = getenv("COLORTERM");
    return ct && (strstr(ct, "truecolor") || strstr(ct, "24bit"));
}

/* an ANSI colour escape for rgb, foreground or background */
static void ansi_rgb(SBuf *b, unsigned rgb, bool bg) {
    int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, bl = rgb & 255;
    if (truecolor()) {
        sbuf_printf(b, "\x1b[%d;2;%d;%d;%dm", bg ? 48 : 38, r, g, bl);
    } else { /* the 6x6x6 cube of the 256-colour palette */
        int q[3] = {(r * 5 + 127) / 255, (g * 5 + 127) / 255, (bl * 5 + 127) / 255};
        sbuf_printf(b, "\x1b[%d;5;%dm", bg ? 48 : 38, 16 + 36 * q[0] + 6 * q[1] + q[2]);
    }
}

static unsigned mix(unsigned a, unsigned b, double t) {
    unsigned out = 0;
    for (int k = 16; k >= 0; k -= 8) {
        double ca = (a >> k) & 255, cb = (b >> k) & 255;
        out |= (unsigned)lround(ca + (cb - ca) * t) << k;
    }
    return out;
}

/* diverging scale: -1 blue, 0 white, +1 red */
static unsigned diverging(double t) {
    if (!isfinite(t)) return 0x808080;
    if (t < -1) t = -1;
    if (t > 1) t = 1;
    return t < 0 ? mix(0xffffff, 0x2166ac, -t) : mix(0xffffff, 0xb2182b, t);
}

/* sequential scale for 0..1: dark purple, blue, teal, green, yellow */
static unsigned sequential(double t) {
    static const unsigned stops[] = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};
    if (!isfinite(t)) return 0x000000;
    if (t <= 0) return stops[0];
    if (t >= 1) return stops[4];
    int k = (int)(t * 4);
    return mix(stops[k], stops[k + 1], t * 4 - k);
}

/* the text of an option's value: --png f.png, png="f.png", --out 0 */
static char *opt_text(Interp *in, const Node *kw, Err *e) {
    if (kw->kids[0]->kind == N_NUM) {
        char buf[48];
        snprintf(buf, sizeof buf, "%g", kw->kids[0]->num);
        return strdup(buf);
    }
    Value *v = interp_eval(in, kw->kids[0], e);
    if (!v) return NULL;
    char *s = v->kind == V_STR ? strdup(v->str) : NULL;
    val_free(v);
    if (!s) err_set_at(e, ERR_TYPE, kw->span, "--%s needs a value: --%s VALUE", kw->str, kw->str);
    return s;
}

/* --- weights -------------------------------------------------------------------------- */

/* the weight of input pixel (r, c) of neuron j of W (side*side, k) */
static double wpix(const Array *W, int side, int j, int r, int c) {
    return arr_get(W, ((int64_t)r * side + c) * W->shape[1] + j);
}

/* the mean of the pixels [r0, r0+h) x [c0, c0+w) of tile j */
static double wmean(const Array *W, int side, int j, int r0, int c0, int h, int w) {
    double s = 0;
    int n = 0;
    for (int r = r0; r < r0 + h && r < side; r++)
        for (int c = c0; c < c0 + w && c < side; c++) {
            s += wpix(W, side, j, r, c);
            n++;
        }
    return n ? s / n : 0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* the colour scale of a weight matrix: the 99th percentile of |w|, so one
 * outlier does not wash every tile out (larger weights get the end
 * colours); 1 when every weight is 0 */
static double weight_scale(const Array *W) {
    double *a = malloc((size_t)W->size * sizeof(double)), s = 0;
    int64_t n = 0;
    for (int64_t i = 0; a && i < W->size; i++) {
        double v = fabs(arr_get(W, i));
        if (isfinite(v)) a[n++] = v;
    }
    if (a && n) {
        qsort(a, (size_t)n, sizeof(double), cmp_double);
        s = a[(int64_t)(0.99 * (n - 1))];
        if (s == 0) s = a[n - 1];
    }
    free(a);
    return s > 0 ? s : 1;
}

/* a character for a signed level t in -1..1 (no colour): minus-like marks
 * for negative weights, plus-like for positive */
static const char *signed_mark(double t) {
    static const char *const neg[] = {" ", "\xc2\xb7", "-", "="}, *const pos[] = {" ", "+", "*",
                                                                                  "#"};
    double a = fabs(t);
    int k = a < 0.15 ? 0 : a < 0.4 ? 1 : a < 0.7 ? 2 : 3;
    return t < 0 ? neg[k] : pos[k];
}

static int weights_png(const char *path, const Array *W, int side, double scale, Err *e) {
    int k = (int)W->shape[1], per = k < 10 ? k : 10, rows = (k + per - 1) / per;
    int px = side <= 28 ? 4 : 2, tile = side * px, gap = 6;
    int w = 40 + per * tile + (per - 1) * gap, h = 40 + rows * tile + (rows - 1) * gap + 70;
    if (w < 400) w = 400;
    uint8_t *rgb = malloc((size_t)w * h * 3);
    if (!rgb) return err_set(e, ERR_MEMORY, "out of memory"), -1;
    memset(rgb, 0xd8, (size_t)w * h * 3); /* light grey, so white weights show */
#define PUT(x, y, c)                                                                               \
    do {                                                                                           \
        uint8_t *q_ = rgb + 3 * ((size_t)(y)*w + (x));                                             \
        q_[0] = (uint8_t)((c) >> 16);                                                              \
        q_[1] = (uint8_t)((c) >> 8);                                                               \
        q_[2] = (uint8_t)(c);                                                                      \
    } while (0)
    for (int j = 0; j < k; j++) {
        int x0 = 20 + (j % per) * (tile + gap), y0 = 20 + (j / per) * (tile + gap);
        for (int r = 0; r < side; r++)
            for (int c = 0; c < side; c++) {
                unsigned col = diverging(wpix(W, side, j, r, c) / scale);
                for (int dy = 0; dy < px; dy++)
                    for (int dx = 0; dx < px; dx++)
                        PUT(x0 + c * px + dx, y0 + r * px + dy, col);
            }
    }
    /* the colour bar with its signed scale */
    int by = h - 50, bx = 60, bw = w - 120;
    for (int x = 0; x < bw; x++) {
        unsigned col = diverging(2.0 * x / (bw - 1) - 1);
        for (int y = 0; y < 14; y++)
            PUT(bx + x, by + y, col);
    }
    char lab[32];
    snprintf(lab, sizeof lab, "%+.3g", -scale);
    for (int s = 0; s < 3; s++) {
        const char *t = s == 0 ? lab : s == 1 ? "0" : NULL;
        char pl[32];
        if (s == 2) {
            snprintf(pl, sizeof pl, "%+.3g", scale);
            t = pl;
        }
        int tw = plot_text_width(t, 2);
        int tx = s == 0 ? bx - tw / 2 : s == 1 ? bx + bw / 2 - tw / 2 : bx + bw - tw / 2;
        plot_draw_text(rgb, w, h, tx, by + 20, t, 2, 0x000000);
    }
#undef PUT
    int rc = plot_write_rgb_png(path, rgb, w, h, e);
    free(rgb);
    return rc;
}

Value *plotview_cmd_weights(Interp *in, const Node *call, Err *e) {
    const Node *wnode = NULL;
    char *png = NULL;
    for (int i = 0; i < builtin_cmd_nargs(call); i++) {
        const Node *k = builtin_cmd_arg(call, i);
        if (k->kind == N_KWARG && strcmp(k->str, "png") == 0) {
            free(png);
            if (!(png = opt_text(in, k, e))) return NULL;
        } else if (k->kind == N_KWARG) {
            free(png);
            return err_set_at(e, ERR_TYPE, k->span,
                              "weights has no option --%s (it takes --png FILE)", k->str);
        } else if (!wnode) {
            wnode = k;
        } else {
            free(png);
            return err_set_at(e, ERR_TYPE, k->span, "weights draws one weight matrix: weights W1");
        }
    }
    if (!wnode) {
        free(png);
        return err_set_at(e, ERR_TYPE, call->span, "weights needs a weight matrix: weights W1");
    }
    Value *own = NULL;
    const Value *v = interp_eval_ref(in, wnode, &own, e);
    if (!v) {
        free(png);
        return NULL;
    }
    const Array *W = v->kind == V_ARRAY ? v->arr : NULL;
    int side = W && W->ndim == 2 ? (int)lround(sqrt((double)W->shape[0])) : 0;
    if (!W || W->ndim != 2 || (int64_t)side * side != W->shape[0] || side < 2 || side > 64 ||
        W->shape[1] < 1 || W->shape[1] > 1000) {
        char sh[64] = "not an array";
        if (W) shape_str(sh, W->ndim, W->shape);
        err_set_at(e, ERR_SHAPE, wnode->span,
                   "weights needs (P, k) with P square, like (784, 50); %s is %s",
                   wnode->text ? wnode->text : "this", sh);
        goto out;
    }
    double scale = weight_scale(W);
    int k = (int)W->shape[1];
    bool color = use_color(in);
    int cols = 80, lines = 24;
    plot_term_size(fileno(interp_out(in)), &cols, &lines);
    /* a terminal tile: each character covers 2 x 4 pixels (half blocks:
     * the top 2 x 2 and the bottom 2 x 2) */
    int tw = (side + 1) / 2, th = (side + 3) / 4, per = (cols + 1) / (tw + 1);
    if (per < 1) per = 1;
    if (per > k) per = k;
    SBuf b = {0};
    sbuf_printf(&b, "%s: %d neurons, each looking at a %dx%d image (%s)\n",
                wnode->text ? wnode->text : "W", k, side, side,
                color ? "blue negative, red positive" : "- = negative, + * # positive");
    for (int j0 = 0; j0 < k; j0 += per) {
        int n = k - j0 < per ? k - j0 : per;
        for (int t = 0; t < n; t++) {
            char lab[16];
            snprintf(lab, sizeof lab, "%d", j0 + t);
            sbuf_printf(&b, "%-*s", t + 1 < n ? tw + 1 : (int)strlen(lab), lab);
        }
        sbuf_puts(&b, "\n");
        for (int r = 0; r < th; r++) {
            for (int t = 0; t < n; t++) {
                int j = j0 + t;
                for (int c = 0; c < tw; c++) {
                    if (color) {
                        double up = wmean(W, side, j, 4 * r, 2 * c, 2, 2) / scale;
                        double lo = wmean(W, side, j, 4 * r + 2, 2 * c, 2, 2) / scale;
                        ansi_rgb(&b, diverging(up), false);
                        ansi_rgb(&b, diverging(lo), true);
                        sbuf_puts(&b, "\xe2\x96\x80"); /* ▀ */
                    } else {
                        sbuf_puts(&b, signed_mark(wmean(W, side, j, 4 * r, 2 * c, 4, 2) / scale));
                    }
                }
                if (color) sbuf_puts(&b, "\x1b[0m");
                if (t + 1 < n) sbuf_puts(&b, " ");
            }
            sbuf_puts(&b, "\n");
        }
    }
    sbuf_printf(&b, "scale: %+.3g ", -scale);
    for (int s = -4; s <= 4; s++) {
        if (color) {
            ansi_rgb(&b, diverging(s / 4.0), false);
            sbuf_puts(&b, "\xe2\x96\x88\xe2\x96\x88\x1b[0m"); /* ██ */
        } else {
            sbuf_printf(&b, "%s", signed_mark(s / 4.0));
        }
    }
    sbuf_printf(&b, " %+.3g (the top 1%% of |w| clamped)\n", scale);
    char *text = sbuf_done(&b);
    if (!text) {
        err_set(e, ERR_MEMORY, "weights: out of memory");
        goto out;
    }
    fputs(text, interp_out(in));
    free(text);
    if (png) {
        if (weights_png(png, W, side, scale, e) != 0) {
            if (e->span.line == 0) e->span = call->span;
            goto out;
        }
        fprintf(interp_out(in), "wrote %s\n", png);
    }
    fflush(interp_out(in));
out:
    free(png);
    val_free(own);
    return NULL;
}

/* --- activations ------------------------------------------------------------------------ */

/* the true label of x_test[i] / x_train[i], or -1 when unknown */
static int true_label(Interp *in, const Node *xnode) {
    if (!xnode || xnode->kind != N_INDEX || xnode->nkids != 2 || xnode->kids[0]->kind != N_NAME)
        return -1;
    const char *src = xnode->kids[0]->str;
    const char *tname = strcmp(src, "x_test") == 0    ? "t_test"
                        : strcmp(src, "x_train") == 0 ? "t_train"
                                                      : NULL;
    const Value *t = tname ? vars_get(interp_vars(in), tname) : NULL;
    if (!t || t->kind != V_ARRAY || t->arr->ndim < 1) return -1;
    Err e;
    err_clear(&e);
    Value *iv = interp_eval(in, xnode->kids[1], &e);
    int64_t i = -1;
    if (iv && iv->kind == V_ARRAY && iv->arr->ndim == 0 && !dtype_is_float(iv->arr->dtype))
        i = arr_get_i64(iv->arr, 0);
    val_free(iv);
    if (i < 0) i += t->arr->shape[0];
    if (i < 0 || i >= t->arr->shape[0]) return -1;
    if (t->arr->ndim == 1) return (int)arr_get_i64(t->arr, i);
    int64_t k = t->arr->shape[1], best = 0; /* one-hot labels */
    for (int64_t j = 1; j < k; j++)
        if (arr_get(t->arr, i * k + j) > arr_get(t->arr, i * k + best)) best = j;
    return (int)best;
}

/* a few values as labelled horizontal bars: negative ones to the left of
 * the zero line, positive ones to its right */
static void hbars(SBuf *b, const char *title, const char *name, const double *v, int64_t n,
                  int cols) {
    double neg = 0, pos = 0;
    for (int64_t j = 0; j < n; j++) {
        if (v[j] < neg) neg = v[j];
        if (v[j] > pos) pos = v[j];
    }
    int room = cols - 24 < 20 ? 20 : cols - 24; /* columns for the bars */
    double scale = pos - neg > 0 ? room / (pos - neg) : 0;
    int left = (int)lround(-neg * scale);
    sbuf_printf(b, "%s\n", title);
    for (int64_t j = 0; j < n; j++) {
        int len = isfinite(v[j]) ? (int)lround(fabs(v[j]) * scale) : 0;
        sbuf_printf(b, "  %s[%lld] %9.4f ", name, (long long)j, v[j]);
        if (v[j] < 0) {
            sbuf_spaces(b, left - len);
            for (int q = 0; q < len; q++)
                sbuf_puts(b, "\xe2\x96\x88"); /* █ */
            sbuf_puts(b, "\xe2\x94\x82");     /* │ */
        } else {
            sbuf_spaces(b, left);
            sbuf_puts(b, "\xe2\x94\x82");
            for (int q = 0; q < len; q++)
                sbuf_puts(b, "\xe2\x96\x88");
        }
        sbuf_puts(b, "\n");
    }
}

/* one layer's values: labelled bars for a few, else a Braille column chart
 * (a Plot of bars at 0, 1, 2, ...) */
static bool bars(SBuf *b, const char *title, const char *name, const double *v, int64_t n, int cols,
                 bool color, Err *e) {
    if (n <= 16) {
        hbars(b, title, name, v, n, cols);
        return true;
    }
    Plot *p = plot_new();
    if (!p) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    double zero = 0;
    PlotSeries *s = plot_hist(p, &zero, 1, 1, e); /* a bar series, refilled below */
    bool ok = false;
    if (s) {
        free(s->x);
        free(s->y);
        s->x = malloc((size_t)n * sizeof(double));
        s->y = malloc((size_t)n * sizeof(double));
        s->n = n;
        ok = s->x && s->y;
        for (int64_t j = 0; ok && j < n; j++) {
            s->x[j] = j - 0.4;
            s->y[j] = isfinite(v[j]) ? v[j] : 0;
        }
        s->width = 0.8;
        p->xint = true;
    }
    char *pic = NULL;
    if (ok) {
        snprintf(p->title, sizeof p->title, "%s", title);
        pic = plot_render_term(p, cols, 11, color, e);
    } else if (e->kind == ERR_NONE) {
        err_set(e, ERR_MEMORY, "out of memory");
    }
    plot_free(p);
    if (!pic) return false;
    sbuf_puts(b, pic);
    free(pic);
    return true;
}

Value *plotview_cmd_activations(Interp *in, const Node *call, Err *e) {
    const Node *xnode = NULL;
    for (int i = 0; i < builtin_cmd_nargs(call); i++) {
        const Node *k = builtin_cmd_arg(call, i);
        if (k->kind == N_KWARG)
            return err_set_at(e, ERR_TYPE, k->span,
                              "activations has no options: it draws in the terminal, as in "
                              "activations x_test[0]");
        if (xnode)
            return err_set_at(e, ERR_TYPE, k->span,
                              "activations takes one input: activations x_test[0]");
        xnode = k;
    }
    ViewNet net;
    if (!view_layers(in, &net, e)) {
        if (e->span.line == 0) e->span = call->span;
        return NULL;
    }
    Value *own = NULL;
    const Value *xv;
    if (xnode) {
        xv = interp_eval_ref(in, xnode, &own, e);
        if (!xv) return NULL;
    } else if (!(xv = vars_get(interp_vars(in), "X"))) {
        return err_set_at(e, ERR_NAME, call->span,
                          "activations needs an input: activations x_test[0] (or define X)");
    }
    const char *xname = xnode && xnode->text ? xnode->text : "X";
    const Array *X = xv->kind == V_ARRAY ? xv->arr : NULL;
    int64_t d = net.W[0]->shape[0];
    double *x = NULL;
    ViewRun r = {0};
    SBuf b = {0};
    if (!X || X->size != d || (X->ndim == 2 && X->shape[0] != 1) || X->ndim > 2) {
        char sh[64] = "not an array";
        if (X) shape_str(sh, X->ndim, X->shape);
        err_set_at(e, ERR_SHAPE, xnode ? xnode->span : call->span, "%s takes %lld inputs; %s is %s",
                   net.wname[0], (long long)d, xname, sh);
        goto out;
    }
    x = malloc((size_t)d * sizeof(double));
    if (!x) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto out;
    }
    for (int64_t i = 0; i < d; i++)
        x[i] = arr_get(X, i);
    if (!run_net(&net, x, &r, e)) goto out;
    int cols = 80, lines = 24;
    plot_term_size(fileno(interp_out(in)), &cols, &lines);
    bool color = use_color(in);
    sbuf_printf(&b, "%s through %d layers\n", xname, net.n);
    for (int l = 0; l < net.n; l++) {
        char title[PLOT_TEXT];
        char prev[16];
        snprintf(prev, sizeof prev, "Z%d", l);
        snprintf(title, sizeof title, "A%d = %s . %s + %s  (%lld,)", l + 1, l ? prev : xname,
                 net.wname[l], net.B[l] ? net.bname[l] : "0", (long long)r.size[l]);
        snprintf(prev, sizeof prev, "a%d", l + 1);
        if (!bars(&b, title, prev, r.A[l], r.size[l], cols, color, e)) goto out;
        snprintf(title, sizeof title, "Z%d = %s(A%d)", l + 1, act_name(net.act[l]), l + 1);
        snprintf(prev, sizeof prev, "z%d", l + 1);
        if (!bars(&b, title, prev, r.Z[l], r.size[l], cols, color, e)) goto out;
    }
    /* the output as probabilities */
    int L = net.n - 1;
    int64_t k = r.size[L];
    double *prob = malloc((size_t)k * sizeof(double));
    if (!prob) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto out;
    }
    activate(VA_SOFTMAX, r.A[L], prob, k);
    int best = 0;
    for (int64_t j = 1; j < k; j++)
        if (prob[j] > prob[best]) best = (int)j;
    int label = true_label(in, xnode);
    sbuf_printf(&b, "\nprobabilities = softmax(A%d)\n", L + 1);
    int show = k > 20 ? 20 : (int)k;
    for (int j = 0; j < show; j++) {
        int len = (int)lround(prob[j] * 40);
        sbuf_printf(&b, "%4d %6.4f%s", j, prob[j], len ? " " : "");
        if (color && j == best) sbuf_puts(&b, "\x1b[32m");
        for (int q = 0; q < len; q++)
            sbuf_puts(&b, "\xe2\x96\x88"); /* █ */
        if (color && j == best) sbuf_puts(&b, "\x1b[0m");
        if (j == best) sbuf_printf(&b, " <- predicted");
        if (j == label) sbuf_printf(&b, "%s label", j == best ? "," : " <-");
        sbuf_puts(&b, "\n");
    }
    if (k > show) sbuf_printf(&b, "(the first %d of %lld outputs)\n", show, (long long)k);
    sbuf_printf(&b, "predicted %d (%.1f%%)", best, 100 * prob[best]);
    if (label >= 0) sbuf_printf(&b, ", label %d: %s", label, label == best ? "right" : "wrong");
    sbuf_puts(&b, "\n");
    free(prob);
    char *text = sbuf_done(&b);
    if (!text) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto out;
    }
    fputs(text, interp_out(in));
    fflush(interp_out(in));
    free(text);
out:
    sbuf_free(&b);
    run_free(&r);
    free(x);
    val_free(own);
    return NULL;
}

/* --- surface ---------------------------------------------------------------------------- */

typedef struct Surface {
    ViewNet net;
    int out;           /* output index, or -1 for argmax */
    double lo, hi;     /* the square of inputs drawn */
    double vmin, vmax; /* the value range (out >= 0) */
    int nout;
} Surface;

/* the drawn value at input (x1, x2): the output, or its argmax */
static double surf_value(const Surface *s, double x1, double x2) {
    double x[2] = {x1, x2};
    ViewRun r;
    Err e;
    err_clear(&e);
    if (!run_net(&s->net, x, &r, &e)) return NAN;
    const double *z = r.Z[r.n - 1];
    double v;
    if (s->out >= 0) {
        v = z[s->out];
    } else {
        int best = 0;
        for (int64_t j = 1; j < r.size[r.n - 1]; j++)
            if (z[j] > z[best]) best = (int)j;
        v = best;
    }
    run_free(&r);
    return v;
}

/* the colour of value v */
static unsigned surf_color(const Surface *s, double v) {
    if (s->out < 0) return plot_color_rgb((PlotColor)((int)v % PLOT_COLOR_BLACK)); /* no black */
    return sequential(s->vmax > s->vmin ? (v - s->vmin) / (s->vmax - s->vmin) : 0.5);
}

static const char *shade(const Surface *s, double v) {
    static const char *const ramp[] = {" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"};
    if (s->out < 0) {
        static const char *const cls[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
        return cls[(int)v % 10];
    }
    double t = s->vmax > s->vmin ? (v - s->vmin) / (s->vmax - s->vmin) : 0.5;
    int k = (int)(t * 9.999);
    return ramp[k < 0 ? 0 : k > 9 ? 9 : k];
}

static int surface_png(const Surface *s, const char *path, bool svg, const double *mark, Err *e) {
    int W = 640, H = 480, L = 70, T = 30, S = 400; /* the map is S x S pixels */
    SBuf b = {0};
    uint8_t *rgb = NULL;
    int cells = svg ? 80 : S; /* samples per side */
    if (svg) {
        sbuf_printf(&b,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
                    "xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">\n"
                    "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n"
                    "<g class=\"map\" shape-rendering=\"crispEdges\">\n",
                    W, H, W, H, W, H);
    } else {
        rgb = malloc((size_t)W * H * 3);
        if (!rgb) return err_set(e, ERR_MEMORY, "out of memory"), -1;
        memset(rgb, 255, (size_t)W * H * 3);
    }
    double cs = (double)S / cells;
    for (int i = 0; i < cells; i++)       /* rows: x2 from hi down to lo */
        for (int j = 0; j < cells; j++) { /* columns: x1 from lo to hi */
            double x1 = s->lo + (s->hi - s->lo) * (j + 0.5) / cells;
            double x2 = s->hi - (s->hi - s->lo) * (i + 0.5) / cells;
            unsigned c = surf_color(s, surf_value(s, x1, x2));
            if (svg) {
                sbuf_printf(&b,
                            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                            "fill=\"#%06x\"/>\n",
                            L + j * cs, T + i * cs, cs + 0.05, cs + 0.05, c);
            } else {
                uint8_t *q = rgb + 3 * ((size_t)(T + i) * W + L + j);
                q[0] = (uint8_t)(c >> 16);
                q[1] = (uint8_t)(c >> 8);
                q[2] = (uint8_t)c;
            }
        }
    if (svg) sbuf_puts(&b, "</g>\n");
    /* ticks and labels, the colour bar, the mark */
    double tk[PLOT_MAX_TICKS];
    int dec, nt = plot_ticks(s->lo, s->hi, 5, tk, &dec);
    char lab[48];
    for (int t = 0; t < nt; t++) {
        double f = (tk[t] - s->lo) / (s->hi - s->lo);
        plot_tick_label(tk[t], dec, lab, sizeof lab);
        int xp = L + (int)lround(f * S), yp = T + S - (int)lround(f * S);
        if (svg) {
            sbuf_printf(&b,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n"
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                        xp, T + S + 18, lab, L - 6, yp + 4, lab);
        } else {
            int lw = plot_text_width(lab, 2);
            plot_draw_text(rgb, W, H, xp - lw / 2, T + S + 8, lab, 2, 0x000000);
            plot_draw_text(rgb, W, H, L - 8 - lw, yp - 5, lab, 2, 0x000000);
        }
    }
    if (svg) {
        sbuf_printf(&b,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">x1</text>\n"
                    "<text x=\"20\" y=\"%d\" text-anchor=\"middle\">x2</text>\n"
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                    "stroke=\"#000000\"/>\n",
                    L + S / 2, T + S + 40, T + S / 2, L, T, S, S);
    } else {
        plot_draw_text(rgb, W, H, L + S / 2 - plot_text_width("x1", 2) / 2, T + S + 28, "x1", 2,
                       0x000000);
        plot_draw_text(rgb, W, H, 8, T + S / 2 - 5, "x2", 2, 0x000000);
    }
    /* colour bar on the right: 20 steps */
    int bx = L + S + 40;
    for (int k = 0; k < 20; k++) {
        double v =
            s->out < 0 ? (double)(k * s->nout / 20) : s->vmax - (s->vmax - s->vmin) * k / 19.0;
        unsigned c = surf_color(s, v);
        if (svg)
            sbuf_printf(&b, "<rect x=\"%d\" y=\"%d\" width=\"20\" height=\"20\" fill=\"#%06x\"/>\n",
                        bx, T + k * 20, c);
        else
            for (int y = 0; y < 20; y++)
                for (int x = 0; x < 20; x++) {
                    uint8_t *q = rgb + 3 * ((size_t)(T + k * 20 + y) * W + bx + x);
                    q[0] = (uint8_t)(c >> 16);
                    q[1] = (uint8_t)(c >> 8);
                    q[2] = (uint8_t)c;
                }
    }
    char top[48], bot[48];
    if (s->out < 0) {
        snprintf(top, sizeof top, "class 0");
        snprintf(bot, sizeof bot, "class %d", s->nout - 1);
    } else {
        snprintf(top, sizeof top, "%.3g", s->vmax);
        snprintf(bot, sizeof bot, "%.3g", s->vmin);
    }
    if (svg) {
        sbuf_printf(&b, "<text x=\"%d\" y=\"%d\">%s</text>\n<text x=\"%d\" y=\"%d\">%s</text>\n",
                    bx + 26, T + 12, top, bx + 26, T + 396, bot);
    } else {
        plot_draw_text(rgb, W, H, bx + 26, T + 4, top, 2, 0x000000);
        plot_draw_text(rgb, W, H, bx + 26, T + 386, bot, 2, 0x000000);
    }
    if (mark) {
        double fx = (mark[0] - s->lo) / (s->hi - s->lo), fy = (mark[1] - s->lo) / (s->hi - s->lo);
        int mx = L + (int)lround(fx * S), my = T + S - (int)lround(fy * S);
        if (svg) {
            sbuf_printf(&b,
                        "<g class=\"mark\" stroke=\"#ffffff\" stroke-width=\"2\"><line x1=\"%d\" "
                        "y1=\"%d\" x2=\"%d\" y2=\"%d\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
                        "y2=\"%d\"/></g>\n<text x=\"%d\" y=\"%d\" fill=\"#ffffff\">X</text>\n",
                        mx - 6, my - 6, mx + 6, my + 6, mx - 6, my + 6, mx + 6, my - 6, mx + 8,
                        my - 8);
        } else {
            for (int t = -6; t <= 6; t++)
                for (int w = -1; w <= 1; w++) {
                    int pts[2][2] = {{mx + t + w, my + t}, {mx + t + w, my - t}};
                    for (int q = 0; q < 2; q++)
                        if (pts[q][0] >= 0 && pts[q][0] < W && pts[q][1] >= 0 && pts[q][1] < H)
                            memset(rgb + 3 * ((size_t)pts[q][1] * W + pts[q][0]), 255, 3);
                }
        }
    }
    int rc;
    if (svg) {
        sbuf_puts(&b, "</svg>\n");
        char *text = sbuf_done(&b);
        if (!text) return err_set(e, ERR_MEMORY, "out of memory"), -1;
        rc = plot_write_file(path, text, strlen(text), e);
        free(text);
    } else {
        rc = plot_write_rgb_png(path, rgb, W, H, e);
        free(rgb);
    }
    return rc;
}

Value *plotview_cmd_surface(Interp *in, const Node *call, Err *e) {
    Surface s = {.out = 0, .lo = -2, .hi = 2};
    char *png = NULL, *svg = NULL, *outs = NULL;
    int nnum = 0;
    double nums[2];
    bool want_range = false;
    for (int i = 0; i < builtin_cmd_nargs(call); i++) {
        const Node *k = builtin_cmd_arg(call, i);
        double v;
        if (k->kind == N_KWARG) {
            char **dst = strcmp(k->str, "png") == 0   ? &png
                         : strcmp(k->str, "svg") == 0 ? &svg
                         : strcmp(k->str, "out") == 0 ? &outs
                                                      : NULL;
            if (strcmp(k->str, "range") == 0) {
                const Node *r = k->kids[0];
                if (r->kind == N_TRUE) {
                    want_range = true; /* --range LO HI: the numbers follow */
                } else if ((r->kind == N_TUPLE || r->kind == N_LIST) && r->nkids == 2) {
                    Value *tv = interp_eval(in, r, e);
                    bool ok = tv && tv->kind != V_ARRAY && tv->n == 2 &&
                              tv->items[0]->kind == V_ARRAY && tv->items[1]->kind == V_ARRAY;
                    if (ok) {
                        s.lo = arr_get(tv->items[0]->arr, 0);
                        s.hi = arr_get(tv->items[1]->arr, 0);
                    }
                    val_free(tv);
                    if (!ok) goto bad_range;
                } else {
                    char *t = opt_text(in, k, e);
                    if (!t) goto fail;
                    double a, c;
                    int got = sscanf(t, "%lf,%lf", &a, &c);
                    free(t);
                    if (got == 2) {
                        s.lo = a;
                        s.hi = c;
                    } else if (got == 1 && a > 0) {
                        s.lo = -a;
                        s.hi = a;
                    } else {
                        goto bad_range;
                    }
                }
                continue;
            }
            if (!dst) {
                err_set_at(e, ERR_TYPE, k->span,
                           "surface has no option --%s (help surface lists them)", k->str);
                goto fail;
            }
            free(*dst);
            if (!(*dst = opt_text(in, k, e))) goto fail;
        } else if ((k->kind == N_NUM ||
                    (k->kind == N_UNARY && k->op == OP_NEG && k->kids[0]->kind == N_NUM)) &&
                   want_range && nnum < 2) {
            v = k->kind == N_NUM ? k->num : -k->kids[0]->num;
            nums[nnum++] = v;
        } else {
            err_set_at(e, ERR_TYPE, k->span,
                       "surface takes options only: surface out=1 range=(-3, 3)");
            goto fail;
        }
    }
    if (want_range) {
        if (nnum != 2) goto bad_range;
        s.lo = nums[0];
        s.hi = nums[1];
    }
    if (!(s.hi > s.lo) || !isfinite(s.lo) || !isfinite(s.hi)) goto bad_range;
    if (!view_layers(in, &s.net, e)) {
        if (e->span.line == 0) e->span = call->span;
        goto fail;
    }
    if (s.net.W[0]->shape[0] != 2) {
        err_set_at(e, ERR_SHAPE, call->span,
                   "surface draws a network with two inputs (such as the chapter's example); "
                   "%s takes %lld",
                   s.net.wname[0], (long long)s.net.W[0]->shape[0]);
        goto fail;
    }
    s.nout = (int)s.net.W[s.net.n - 1]->shape[1];
    if (outs) {
        char *end;
        long o = strtol(outs, &end, 10);
        if (strcmp(outs, "argmax") == 0) {
            s.out = -1;
        } else if (*outs && !*end && o >= 0 && o < s.nout) {
            s.out = (int)o;
        } else {
            err_set_at(e, ERR_VALUE, call->span, "--out is an output from 0 to %d, or argmax",
                       s.nout - 1);
            goto fail;
        }
    }
    /* the current X, when it is a 2-vector */
    const Value *xv = vars_get(interp_vars(in), "X");
    double mark[2];
    bool have_mark = xv && xv->kind == V_ARRAY && xv->arr->size == 2;
    if (have_mark) {
        mark[0] = arr_get(xv->arr, 0);
        mark[1] = arr_get(xv->arr, 1);
    }
    /* the terminal map: cols x rows cells, two samples per cell (half blocks) */
    int tcols = 80, tlines = 24;
    plot_term_size(fileno(interp_out(in)), &tcols, &tlines);
    int rows = tlines - 8 < 8 ? 8 : tlines - 8, cols = 2 * rows;
    if (cols > tcols - 12) cols = tcols - 12;
    int ny = 2 * rows;
    double *val = malloc((size_t)cols * ny * sizeof(double));
    if (!val) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto fail;
    }
    s.vmin = INFINITY;
    s.vmax = -INFINITY;
    for (int i = 0; i < ny; i++)
        for (int j = 0; j < cols; j++) {
            double x1 = s.lo + (s.hi - s.lo) * (j + 0.5) / cols;
            double x2 = s.hi - (s.hi - s.lo) * (i + 0.5) / ny;
            double v = surf_value(&s, x1, x2);
            val[i * cols + j] = v;
            if (isfinite(v)) {
                s.vmin = fmin(s.vmin, v);
                s.vmax = fmax(s.vmax, v);
            }
        }
    int mr = -1, mc = -1;
    if (have_mark && mark[0] >= s.lo && mark[0] <= s.hi && mark[1] >= s.lo && mark[1] <= s.hi) {
        mc = (int)((mark[0] - s.lo) / (s.hi - s.lo) * cols);
        mr = (int)((s.hi - mark[1]) / (s.hi - s.lo) * rows);
        if (mc >= cols) mc = cols - 1;
        if (mr >= rows) mr = rows - 1;
    }
    bool color = use_color(in);
    SBuf b = {0};
    char what[64];
    if (s.out < 0)
        snprintf(what, sizeof what, "argmax");
    else
        snprintf(what, sizeof what, "output %d", s.out);
    sbuf_printf(&b, "%s over x1, x2 in [%g, %g]", what, s.lo, s.hi);
    if (have_mark) sbuf_printf(&b, "; X = (%g, %g) marked X", mark[0], mark[1]);
    sbuf_puts(&b, "\n");
    double tk[PLOT_MAX_TICKS];
    int dec, nt = plot_ticks(s.lo, s.hi, 5, tk, &dec);
    char lab[48];
    int lw = 0;
    for (int t = 0; t < nt; t++) {
        plot_tick_label(tk[t], dec, lab, sizeof lab);
        if ((int)strlen(lab) > lw) lw = (int)strlen(lab);
    }
    for (int r = 0; r < rows; r++) {
        int tick = -1;
        for (int t = 0; t < nt; t++)
            if ((int)((s.hi - tk[t]) / (s.hi - s.lo) * rows + 1e-9) == r ||
                (r == rows - 1 && tk[t] == s.lo))
                tick = t;
        if (tick >= 0) {
            plot_tick_label(tk[tick], dec, lab, sizeof lab);
            sbuf_printf(&b, "%*s \xe2\x94\xa4", lw, lab);
        } else {
            sbuf_spaces(&b, lw + 1);
            sbuf_puts(&b, "\xe2\x94\x82");
        }
        for (int c = 0; c < cols; c++) {
            double up = val[(2 * r) * cols + c], lo = val[(2 * r + 1) * cols + c];
            bool m = r == mr && c == mc;
            if (color) {
                ansi_rgb(&b, surf_color(&s, up), m);
                ansi_rgb(&b, surf_color(&s, lo), !m);
                sbuf_puts(&b, m ? "\x1b[1mX" : "\xe2\x96\x80");
            } else {
                sbuf_puts(&b, m ? "X" : shade(&s, (up + lo) / 2));
            }
        }
        sbuf_puts(&b, color ? "\x1b[0m\n" : "\n");
    }
    sbuf_spaces(&b, lw + 1);
    sbuf_puts(&b, "\xe2\x94\x94");
    for (int c = 0; c < cols; c++)
        sbuf_puts(&b, "\xe2\x94\x80");
    sbuf_puts(&b, "\n");
    char row[512];
    int rw = lw + 2 + cols + 8;
    if (rw > (int)sizeof row) rw = (int)sizeof row;
    memset(row, ' ', (size_t)rw);
    for (int t = 0; t < nt; t++) {
        plot_tick_label(tk[t], dec, lab, sizeof lab);
        int at = lw + 2 + (int)((tk[t] - s.lo) / (s.hi - s.lo) * cols) - (int)strlen(lab) / 2;
        if (at < 0) at = 0;
        if (at + (int)strlen(lab) <= rw) memcpy(row + at, lab, strlen(lab));
    }
    while (rw > 0 && row[rw - 1] == ' ')
        rw--;
    sbuf_put(&b, row, (size_t)rw);
    sbuf_printf(&b, "\n%*sx1 across, x2 up\n", lw + 2, "");
    /* the colour bar */
    if (s.out < 0) {
        sbuf_puts(&b, "classes:");
        for (int k = 0; k < s.nout && k < 10; k++) {
            if (color) {
                sbuf_puts(&b, " ");
                ansi_rgb(&b, surf_color(&s, k), false);
                sbuf_puts(&b, "\xe2\x96\x88\xe2\x96\x88\x1b[0m");
            }
            sbuf_printf(&b, " %d", k);
        }
        if (!color) sbuf_puts(&b, " (each cell shows the class that wins there)");
    } else {
        sbuf_printf(&b, "scale: %.3g ", s.vmin);
        for (int k = 0; k < 20; k++) {
            double v = s.vmin + (s.vmax - s.vmin) * k / 19.0;
            if (color) {
                ansi_rgb(&b, surf_color(&s, v), false);
                sbuf_puts(&b, "\xe2\x96\x88");
            } else {
                sbuf_puts(&b, shade(&s, v));
            }
        }
        sbuf_printf(&b, "%s %.3g", color ? "\x1b[0m" : "", s.vmax);
    }
    sbuf_puts(&b, "\n");
    free(val);
    char *text = sbuf_done(&b);
    if (!text) {
        err_set(e, ERR_MEMORY, "out of memory");
        goto fail;
    }
    fputs(text, interp_out(in));
    free(text);
    if (png) {
        if (surface_png(&s, png, false, have_mark ? mark : NULL, e) != 0) goto fail;
        fprintf(interp_out(in), "wrote %s\n", png);
    }
    if (svg) {
        if (surface_png(&s, svg, true, have_mark ? mark : NULL, e) != 0) goto fail;
        fprintf(interp_out(in), "wrote %s\n", svg);
    }
    fflush(interp_out(in));
    free(png);
    free(svg);
    free(outs);
    return NULL;
bad_range:
    err_set_at(e, ERR_VALUE, call->span, "range needs LO < HI: range=(-2, 2)");
fail:
    free(png);
    free(svg);
    free(outs);
    return NULL;
}

/* --- the table ------------------------------------------------------------------ */

const Builtin plotview_builtins[] = {
    {"weights", "plot", "weights W [--png FILE]",
     "What each neuron looks for: every column of a 784-row weight matrix as a 28x28 tile, "
     "negative weights in blue, positive in red, with the signed scale.",
     "plt.imshow(W1[:, j].reshape(28, 28), cmap='bwr')", "W (784, k)", "weights W1", 1, 2, "png",
     NULL, plotview_cmd_weights},
    {"activations", "plot", "activations [X]",
     "Run one input through the network and draw each layer's A and Z as bars, and the "
     "output's probabilities with the prediction (and the true label when known).",
     "y = predict(network, x); plt.bar(range(10), softmax(y))", "X (d,) -> each layer (n_l,)",
     "activations x_test[0]", 0, 1, NULL, NULL, plotview_cmd_activations},
    {"surface", "plot", "surface [--out 0|1|argmax] [--range LO HI] [--png FILE] [--svg FILE]",
     "For a network with two inputs: one output over the input plane as a heat map with a "
     "colour bar, the current X marked.",
     "plt.contourf(x1, x2, Y[..., 0])", "X (2,) -> Y (k,)", "surface out=1", 0, -1,
     "out range png svg", NULL, plotview_cmd_surface},
    {NULL},
};
