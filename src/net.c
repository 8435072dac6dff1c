/* net.c - the network in the learner's variables: finding it among the
 * naming families, checking that its layers chain, the commands that show
 * it (net, forward's table, diagram, shapes forward) (see net.h). The
 * computing is infer.c's.
 *
 * Layer k computes, as in the chapter,
 *     A<k> = np.dot(Z<k-1>, W<k>) + B<k>     (Z0 is the input X)
 *     Z<k> = h(A<k>)                         (sigmoid, ..., identity or
 *                                             softmax last)
 * so W<k> is (neurons in, neurons out) and B<k> has one value per neuron out.
 */
#include "sbuf.h"
#include "net.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

/* ------------------------------------------------------------------------ */
/* a growing text buffer (the picture and the table are built whole and      */
/* written once)                                                             */

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

/* ------------------------------------------------------------------------ */
/* the session's settings                                                    */

/* Per session: `net act K NAME` (layer k's activation, or -1 for the
 * default) and the family picked with `net use NAME`. */
typedef struct NetState {
    int act[NET_MAX];
    char pick[40];    /* "" : none */
    uint64_t pick_at; /* the newest variable stamp when it was picked */
} NetState;

static const InterpSlotKey kNetKey = {"net", NULL};

static NetState *state_of(Interp *in, bool make) {
    NetState *st = interp_slot(in, &kNetKey);
    if (st || !make) return st;
    st = calloc(1, sizeof *st);
    if (!st) return NULL;
    for (int k = 0; k < NET_MAX; k++)
        st->act[k] = -1;
    return interp_set_slot(in, &kNetKey, st) ? st : NULL;
}

/* ------------------------------------------------------------------------ */
/* finding the network                                                       */

/* A candidate network: one naming family, at the top level or in a dict. */
typedef struct Family {
    const Value *dict;           /* NULL: the variables themselves */
    const char *dname;           /* the dict's variable name */
    char bias;                   /* 'b', 'B' or 0 (no biases) */
    int n;                       /* layers: W<k> and its bias both present */
    bool fits;                   /* arrays of the right kinds whose layers chain */
    uint64_t stamp[2 * NET_MAX]; /* when each member was bound (W1 b1 W2 ...) */
} Family;

#define MAX_FAMILIES 12

static const Value *member(Interp *in, const Family *f, const char *key) {
    if (f->dict) return val_dict_get(f->dict, key);
    return vars_get(interp_vars(in), key);
}

/* The layers of family f that are present, and whether they fit. */
static void measure(Interp *in, Family *f) {
    Vars *vs = interp_vars(in);
    f->n = 0;
    f->fits = true;
    int64_t prev = -1;
    for (int k = 1; k <= NET_MAX; k++) {
        char wk[16], bk[16];
        snprintf(wk, sizeof wk, "W%d", k);
        snprintf(bk, sizeof bk, "%c%d", f->bias, k);
        const Value *w = member(in, f, wk), *b = f->bias ? member(in, f, bk) : NULL;
        if (!w || (f->bias && !b)) break;
        f->n = k;
        f->stamp[2 * k - 2] = vars_stamp(vs, f->dict ? f->dname : wk);
        f->stamp[2 * k - 1] = f->bias ? vars_stamp(vs, f->dict ? f->dname : bk) : 0;
        if (w->kind != V_ARRAY || w->arr->ndim != 2 || w->arr->dtype == DT_BOOL) {
            f->fits = false;
            continue;
        }
        int64_t nin = w->arr->shape[0], nout = w->arr->shape[1];
        if (prev >= 0 && nin != prev) f->fits = false;
        prev = nout;
        if (b && (b->kind != V_ARRAY || b->arr->dtype == DT_BOOL ||
                  !((b->arr->ndim == 1 && b->arr->shape[0] == nout) ||
                    (b->arr->ndim == 2 && b->arr->shape[0] == 1 && b->arr->shape[1] == nout) ||
                    b->arr->ndim == 0)))
            f->fits = false;
    }
}

/* The families of one place (the variables, or a dict): with b, with B, and
 * without biases when neither b1 nor B1 is there. */
static int families_in(Interp *in, const Value *dict, const char *dname, Family *out, int max) {
    int n = 0;
    static const char kBias[3] = {'b', 'B', 0};
    for (int i = 0; i < 3 && n < max; i++) {
        Family f = {dict, dname, kBias[i], 0, false, {0}};
        if (!member(in, &f, "W1")) return n;
        if (kBias[i] == 0 && (member(in, &f, "b1") || member(in, &f, "B1"))) continue;
        measure(in, &f);
        if (f.n > 0) out[n++] = f;
    }
    return n;
}

static int all_families(Interp *in, Family *out, int max) {
    int n = families_in(in, NULL, NULL, out, max);
    Vars *vs = interp_vars(in);
    for (int i = 0; i < vars_count(vs) && n < max; i++) {
        const Value *v = vars_value_at(vs, i);
        if (v && v->kind == V_DICT && val_dict_get(v, "W1"))
            n += families_in(in, v, vars_name_at(vs, i), out + n, max - n);
    }
    return n;
}

/* Was family a bound after family b? Compared on the members they do not
 * share (the example's B1..B3 against the pickle's b1..b3, whose W1..W3 are
 * the same variables). */
static bool newer(const Family *a, const Family *b) {
    uint64_t ta = 0, tb = 0;
    bool same_place = a->dict == b->dict;
    for (int k = 0; k < a->n; k++)
        for (int m = 0; m < 2; m++)
            if (!(same_place && m == 0 && k < b->n) && a->stamp[2 * k + m] > ta)
                ta = a->stamp[2 * k + m];
    for (int k = 0; k < b->n; k++)
        for (int m = 0; m < 2; m++)
            if (!(same_place && m == 0 && k < a->n) && b->stamp[2 * k + m] > tb)
                tb = b->stamp[2 * k + m];
    return ta > tb;
}

static uint64_t newest_stamp(const Family *f) {
    uint64_t t = 0;
    for (int k = 0; k < 2 * f->n; k++)
        if (f->stamp[k] > t) t = f->stamp[k];
    return t;
}

/* The word `net use` takes for f: its first bias ("b1", "B1"), "W1" without
 * biases, or the dict's name. */
static void pick_word(const Family *f, char *buf, size_t n) {
    if (f->dict)
        snprintf(buf, n, "%s", f->dname);
    else if (f->bias)
        snprintf(buf, n, "%c1", f->bias);
    else
        snprintf(buf, n, "W1");
}

/* "W1..W3 with b1..b3", "network['W1'..'W3'] with b1..b3", "W1 with B1" */
static void family_text(const Family *f, char *buf, size_t n) {
    char ws[40], bs[24] = "";
    if (f->dict) {
        if (f->n == 1)
            snprintf(ws, sizeof ws, "%.20s['W1']", f->dname);
        else
            snprintf(ws, sizeof ws, "%.20s['W1'..'W%d']", f->dname, f->n);
    } else if (f->n == 1) {
        snprintf(ws, sizeof ws, "W1");
    } else {
        snprintf(ws, sizeof ws, "W1..W%d", f->n);
    }
    if (f->bias && f->n == 1)
        snprintf(bs, sizeof bs, " with %c1", f->bias);
    else if (f->bias)
        snprintf(bs, sizeof bs, " with %c1..%c%d", f->bias, f->bias, f->n);
    else
        snprintf(bs, sizeof bs, " (no biases)");
    snprintf(buf, n, "%s%s", ws, bs);
}

/* Fill net from family f; false with ERR_TYPE for a weight that is not a
 * 2-D array or a bias that is not an array. */
static bool build(Interp *in, const Family *f, bool plain_keys, Net *net, Err *e) {
    memset(net, 0, sizeof *net);
    net->bias = f->bias;
    pick_word(f, net->pick, sizeof net->pick);
    family_text(f, net->family, sizeof net->family);
    for (int k = 0; k < f->n; k++) {
        char wk[16], bk[16];
        snprintf(wk, sizeof wk, "W%d", k + 1);
        snprintf(bk, sizeof bk, "%c%d", f->bias, k + 1);
        NetLayer *L = &net->layer[k];
        const Value *w = member(in, f, wk), *b = f->bias ? member(in, f, bk) : NULL;
        if (f->dict && !plain_keys) {
            snprintf(L->wname, sizeof L->wname, "%.24s['%.6s']", f->dname, wk);
            snprintf(L->bname, sizeof L->bname, "%.24s['%.6s']", f->dname, bk);
        } else {
            snprintf(L->wname, sizeof L->wname, "%s", wk);
            snprintf(L->bname, sizeof L->bname, "%s", bk);
        }
        if (w->kind != V_ARRAY || w->arr->ndim != 2)
            return err_set(e, ERR_TYPE, "%s should be a 2-D array of weights (inputs, neurons)",
                           L->wname) != NULL;
        L->W = w->arr;
        if (b) {
            if (b->kind != V_ARRAY)
                return err_set(e, ERR_TYPE, "%s should be an array of biases", L->bname) != NULL;
            L->B = b->arr;
        } else {
            L->bname[0] = '\0';
        }
        net->n = k + 1;
    }
    /* hidden layers sigmoid; the last identity, or softmax for the book's
     * spelling; then the session's `net act` settings */
    NetState *st = state_of(in, false);
    for (int k = 0; k < net->n; k++) {
        NetLayer *L = &net->layer[k];
        L->act = k < net->n - 1 ? ACT_SIGMOID : f->bias == 'b' ? ACT_SOFTMAX : ACT_IDENTITY;
        if (st && st->act[k] >= 0) L->act = (NetAct)st->act[k];
    }
    return true;
}

static bool no_network(Err *e) {
    return err_set(e, ERR_NAME,
                   "no network found: define W1 and B1 (W2, B2, ...), load the book's weights, or "
                   "type `example`") != NULL;
}

/* Choose among the families (see net.h). Returns the index, and why. */
static int choose(Interp *in, const Family *f, int n, const char **why) {
    NetState *st = state_of(in, false);
    if (st && st->pick[0]) {
        uint64_t newest = 0;
        for (int i = 0; i < n; i++)
            if (newest_stamp(&f[i]) > newest) newest = newest_stamp(&f[i]);
        for (int i = 0; i < n && newest <= st->pick_at; i++) {
            char w[40];
            pick_word(&f[i], w, sizeof w);
            if (strcmp(w, st->pick) == 0) {
                *why = "picked with `net use`";
                return i;
            }
        }
    }
    int best = -1, nfit = 0;
    for (int i = 0; i < n; i++)
        if (f[i].fits) {
            nfit++;
            if (best < 0 || newer(&f[i], &f[best])) best = i;
        }
    if (best >= 0) {
        *why = nfit == 1 ? "the one whose layers fit" : "loaded last";
        return best;
    }
    best = 0;
    for (int i = 1; i < n; i++)
        if (newer(&f[i], &f[best])) best = i;
    *why = "loaded last; its layers do not fit";
    return best;
}

bool net_find(Interp *in, Net *net, Err *e) {
    memset(net, 0, sizeof *net);
    Family f[MAX_FAMILIES];
    int n = all_families(in, f, MAX_FAMILIES);
    if (n == 0) return no_network(e);
    const char *why = "";
    int i = choose(in, f, n, &why);
    if (!build(in, &f[i], false, net, e)) return false;
    snprintf(net->why, sizeof net->why, "%s", n > 1 ? why : "");
    return true;
}

bool net_from_dict(Interp *in, const Value *dict, const char *dname, Net *net, Err *e) {
    Family f[3];
    int n = families_in(in, dict, dname ? dname : "network", f, 3);
    if (n == 0)
        return err_set(e, ERR_NAME,
                       "the network has no 'W1' (it needs W1 W2 W3 b1 b2 b3, as init_network() "
                       "gives)") != NULL;
    /* the book's spelling first, then the one whose layers fit */
    int pick = 0;
    for (int i = 0; i < n; i++)
        if (f[i].fits) {
            pick = i;
            break;
        }
    return build(in, &f[pick], dname == NULL, net, e);
}

void net_dims(const Net *net, int64_t dim[NET_MAX + 1]) {
    memset(dim, 0, (NET_MAX + 1) * sizeof *dim);
    if (net->n > 0) dim[0] = net->layer[0].W->shape[0];
    for (int k = 0; k < net->n; k++)
        dim[k + 1] = net->layer[k].W->shape[1];
}

bool net_ready(Interp *in, Net *net, char *why, size_t n) {
    Err e;
    err_clear(&e);
    if (net_find(in, net, &e) && net_check(net, "x", 0, NULL, &e)) return true;
    if (why) snprintf(why, n, "%s", e.msg);
    return false;
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

/* The neurons of column c (0: the input, n: the output) labelled as the
 * chapter's figures do: x1 x2 ... for the inputs, z1(1) z2(1) ... for the
 * neurons of hidden layer 1 (the layer in parentheses), y1 y2 ... for the
 * outputs, each in a circle "( )". A wide column shows its first three
 * neurons, a vertical ellipsis and its last. Returns the number of rows. */
static int column_labels(char labels[][32], int c, int n, int64_t size) {
    int rows = 0;
    for (int64_t i = 1; i <= size; i++) {
        if (size > 5 && i == 4) {
            snprintf(labels[rows++], 32, "\xe2\x8b\xae"); /* ⋮ */
            i = size;
        }
        if (c == 0)
            snprintf(labels[rows++], 32, "(x%lld)", (long long)i);
        else if (c == n)
            snprintf(labels[rows++], 32, "(y%lld)", (long long)i);
        else
            snprintf(labels[rows++], 32, "(z%lld(%d))", (long long)i, c);
    }
    return rows;
}

/* The picture's columns and the arrows between them, laid out. */
typedef struct Layout {
    int n; /* layers: columns 0..n */
    char head[NET_MAX + 1][24];
    char labels[NET_MAX + 1][6][32];
    int nlab[NET_MAX + 1], colw[NET_MAX + 1];
    char arrows[NET_MAX][40];
    int arroww[NET_MAX];
    const char *const *acts;
    const char *dim, *off;
} Layout;

/* Draw columns a..z (arrows between them) of the picture: the headers, the
 * bias row, the neurons with the arrows on the middle row, the
 * activations. */
static void draw_band(SBuf *b, const Layout *L, int a, int z) {
    int n = L->n;
    for (int c = a; c <= z; c++) {
        sbuf_pad(b, L->head[c], L->colw[c], true);
        if (c < z) sbuf_printf(b, "%*s", L->arroww[c], "");
    }
    sbuf_printf(b, "\n");
    /* the bias row: a dimmed (1) in every column that feeds a next layer */
    for (int c = a; c <= z; c++) {
        char one[32];
        snprintf(one, sizeof one, "%s(1)%s", c < n ? L->dim : "", c < n ? L->off : "");
        sbuf_pad(b, c < n ? one : "", L->colw[c], true);
        if (c < z) sbuf_printf(b, "%*s", L->arroww[c], "");
    }
    sbuf_printf(b, "\n");
    int maxrows = 0;
    for (int c = a; c <= z; c++)
        if (L->nlab[c] > maxrows) maxrows = L->nlab[c];
    int mid = (maxrows - 1) / 2;
    for (int row = 0; row < maxrows; row++) {
        for (int c = a; c <= z; c++) {
            sbuf_pad(b, row < L->nlab[c] ? L->labels[c][row] : "", L->colw[c], true);
            if (c < z) {
                if (row == mid)
                    sbuf_printf(b, "%s", L->arrows[c]);
                else
                    sbuf_printf(b, "%*s", L->arroww[c], "");
            }
        }
        sbuf_printf(b, "\n");
    }
    if (L->acts) {
        for (int c = a; c <= z; c++) {
            sbuf_pad(b, c == 0 ? "" : L->acts[c - 1] ? L->acts[c - 1] : "", L->colw[c], true);
            if (c < z) sbuf_printf(b, "%*s", L->arroww[c], "");
        }
        sbuf_printf(b, "\n");
    }
}

/* The picture is at most this wide; a network too wide for it is drawn in
 * bands, each band starting with the column the one before it ended with. */
#define DIAGRAM_WIDTH 80

char *net_diagram(int n, const int64_t *sizes, const char *const *acts, const char *const *wnames,
                  bool color) {
    if (n < 1 || n > NET_MAX) return NULL;
    Layout L;
    L.n = n;
    L.acts = acts;
    L.dim = color ? "\033[2m" : "";
    L.off = color ? "\033[0m" : "";
    for (int c = 0; c <= n; c++) {
        if (c == 0)
            snprintf(L.head[c], sizeof L.head[c], "input");
        else if (c == n)
            snprintf(L.head[c], sizeof L.head[c], "output");
        else
            snprintf(L.head[c], sizeof L.head[c], "layer %d", c);
        L.nlab[c] = column_labels(L.labels[c], c, n, sizes[c]);
        L.colw[c] = str_display_width(L.head[c]);
        for (int i = 0; i < L.nlab[c]; i++) {
            int dw = str_display_width(L.labels[c][i]);
            if (dw > L.colw[c]) L.colw[c] = dw;
        }
        if (c > 0 && acts && acts[c - 1] && (int)strlen(acts[c - 1]) > L.colw[c])
            L.colw[c] = (int)strlen(acts[c - 1]);
        L.colw[c] += 2; /* a blank either side keeps the arrows off the circles */
    }
    for (int k = 0; k < n; k++) {
        char wn[16];
        snprintf(wn, sizeof wn, "W%d", k + 1);
        snprintf(L.arrows[k], sizeof L.arrows[k], " ==%.20s==> ",
                 wnames && wnames[k] ? wnames[k] : wn);
        L.arroww[k] = (int)strlen(L.arrows[k]);
    }
    SBuf b = {0};
    /* as many columns in a band as fit */
    for (int a = 0; a < n;) {
        int z = a + 1, w = L.colw[a] + L.arroww[a] + L.colw[a + 1];
        while (z < n && w + L.arroww[z] + L.colw[z + 1] <= DIAGRAM_WIDTH) {
            w += L.arroww[z] + L.colw[z + 1];
            z++;
        }
        if (a > 0) sbuf_printf(&b, "\n");
        draw_band(&b, &L, a, z);
        a = z;
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

/* Print `text` wrapped at 78 columns, continuation lines indented by 2. */
static void print_wrapped(FILE *out, const char *text) {
    const int width = 78;
    int col = 0;
    const char *p = text;
    while (*p) {
        size_t w = strcspn(p, " ");
        if (col > 0 && col + 1 + (int)w > width) {
            fputs("\n  ", out);
            col = 2;
        } else if (col > 0) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, w, out);
        col += (int)w;
        p += w;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

/* When several networks are defined: which one is used and why, and how to
 * pick each of the others. */
static void print_choice(Interp *in, const Net *net) {
    Family f[MAX_FAMILIES];
    int n = all_families(in, f, MAX_FAMILIES);
    if (n < 2) return;
    FILE *out = interp_out(in);
    SBuf b = {0};
    sbuf_printf(&b, "uses %s (%s)", net->family, net->why);
    print_wrapped(out, b.p ? b.p : "");
    for (int i = 0; i < n; i++) {
        char word[40], text[64];
        pick_word(&f[i], word, sizeof word);
        if (strcmp(word, net->pick) == 0) continue;
        family_text(&f[i], text, sizeof text);
        b.len = 0;
        if (b.p) b.p[0] = '\0';
        Net other;
        Err e;
        err_clear(&e);
        if (build(in, &f[i], false, &other, &e)) net_check(&other, "x", 0, NULL, &e);
        if (e.kind != ERR_NONE)
            sbuf_printf(&b, "also found %s, whose layers do not fit (%s); `net use %s` picks it",
                        text, e.msg, word);
        else
            sbuf_printf(&b, "also found %s: `net use %s` picks it", text, word);
        print_wrapped(out, b.p ? b.p : "");
    }
    free(b.p);
}

/* net act K NAME */
static bool set_act(Interp *in, const Node *call, Err *e) {
    const Node *kn = builtin_cmd_arg(call, 1);
    const char *an = builtin_cmd_word(builtin_cmd_arg(call, 2));
    if (kn->kind != N_NUM || !kn->is_int || kn->num < 1 || kn->num > NET_MAX)
        return err_set_at(e, ERR_VALUE, kn->span, "the layer is a number from 1 to %d", NET_MAX) !=
               NULL;
    NetAct a;
    if (!net_act_parse(an, &a))
        return err_set_at(e, ERR_VALUE, builtin_cmd_arg(call, 2)->span,
                          "unknown activation: use sigmoid, relu, identity, softmax or step") !=
               NULL;
    Net net;
    if (!net_find(in, &net, e)) return false;
    if ((int)kn->num > net.n)
        return err_set_at(e, ERR_VALUE, kn->span, "the network has %d layer%s", net.n,
                          net.n == 1 ? "" : "s") != NULL;
    NetState *st = state_of(in, true);
    if (!st) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    st->act[(int)kn->num - 1] = (int)a;
    return true;
}

/* net use NAME */
static bool set_pick(Interp *in, const Node *call, Err *e) {
    const Node *arg = builtin_cmd_arg(call, 1);
    const char *w = builtin_cmd_word(arg);
    Family f[MAX_FAMILIES];
    int n = all_families(in, f, MAX_FAMILIES);
    if (n == 0) return no_network(e);
    char words[200] = "";
    uint64_t newest = 0;
    int found = -1;
    for (int i = 0; i < n; i++) {
        char word[40];
        pick_word(&f[i], word, sizeof word);
        if (w && strcmp(word, w) == 0) found = i;
        size_t l = strlen(words);
        snprintf(words + l, sizeof words - l, "%s%s", i ? ", " : "", word);
        if (newest_stamp(&f[i]) > newest) newest = newest_stamp(&f[i]);
    }
    if (found < 0)
        return err_set_at(e, ERR_VALUE, arg->span,
                          "no network goes by that name: net use takes %s (the first bias, W1 "
                          "for a network without biases, or a dict's name)",
                          words) != NULL;
    NetState *st = state_of(in, true);
    if (!st) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    snprintf(st->pick, sizeof st->pick, "%s", w);
    st->pick_at = newest;
    return true;
}

Value *net_cmd_net(Interp *in, const Node *call, Err *e) {
    int n = builtin_cmd_nargs(call);
    if (n > 0) {
        const char *w = builtin_cmd_word(builtin_cmd_arg(call, 0));
        bool act = w && strcmp(w, "act") == 0 && n == 3, use = w && strcmp(w, "use") == 0 && n == 2;
        if (!act && !use)
            return err_set_at(e, ERR_VALUE, call->span,
                              "net takes no argument, or: net act LAYER ACTIVATION "
                              "(e.g. net act 3 softmax), or: net use NAME (e.g. net use b1)");
        if (act ? !set_act(in, call, e) : !set_pick(in, call, e)) return NULL;
    }
    Net net;
    if (!net_find(in, &net, e)) return NULL;
    print_net(interp_out(in), &net);
    print_choice(in, &net);
    Err ce;
    err_clear(&ce);
    if (!net_check(&net, "x", 0, NULL, &ce)) {
        char line[sizeof ce.msg + 40];
        snprintf(line, sizeof line, "its layers do not fit: %s", ce.msg);
        print_wrapped(interp_out(in), line);
    }
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
