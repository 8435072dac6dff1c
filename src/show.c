/* show.c - drawing digits in the terminal and into PNG files (see show.h),
 * and the `show` / `img_show` commands.
 *
 * The whole picture is assembled in one growing buffer and written with a
 * single call, so a row of eight digits appears at once without flicker.
 */
#include "sbuf.h"
#include "show.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "infer.h"
#include "net.h"
#include "png.h"

/* ---- a growing text buffer ------------------------------------------------ */

/* Remove trailing spaces before the line ends (they only matter as padding
 * between pictures, never at the end of a line). */
static void buf_endline(SBuf *b) {
    while (!b->oom && b->len > 0 && b->p[b->len - 1] == ' ')
        b->p[--b->len] = '\0';
    sbuf_put(b, "\n", 1);
}

/* ---- images from arrays --------------------------------------------------- */

static int64_t isqrt64(int64_t v) {
    if (v <= 0) return 0;
    int64_t r = (int64_t)sqrt((double)v);
    while (r * r > v)
        r--;
    while ((r + 1) * (r + 1) <= v)
        r++;
    return r;
}

static bool is_square(int64_t v) {
    int64_t r = isqrt64(v);
    return r > 1 && r * r == v;
}

void show_images_free(ShowImages *im) {
    if (!im) return;
    free(im->pix);
    memset(im, 0, sizeof *im);
}

int show_images_from_array(const Array *a, int max_images, ShowImages *out, int64_t *total,
                           Err *e) {
    memset(out, 0, sizeof *out);
    char sh[64];
    int64_t k = 1, rows = 0, cols = 0;
    switch (a->ndim) {
    case 1:
        if (is_square(a->shape[0])) rows = cols = isqrt64(a->shape[0]);
        break;
    case 2:
        if (a->shape[1] >= 64 && is_square(a->shape[1]) && a->shape[0] != a->shape[1]) {
            k = a->shape[0];
            rows = cols = isqrt64(a->shape[1]);
        } else {
            rows = a->shape[0];
            cols = a->shape[1];
        }
        break;
    case 3:
        k = a->shape[0];
        rows = a->shape[1];
        cols = a->shape[2];
        break;
    case 4:
        if (a->shape[1] == 1) {
            k = a->shape[0];
            rows = a->shape[2];
            cols = a->shape[3];
        }
        break;
    default: break;
    }
    if (rows <= 0 || cols <= 0 || k < 0) {
        err_set(e, a->size == 0 ? ERR_VALUE : ERR_SHAPE,
                a->size == 0 ? "show: there is nothing to draw in an empty array of shape %s"
                             : "show needs an image such as (784,) or (28, 28), or a batch such "
                               "as (8, 784) or (8, 28, 28); got shape %s",
                shape_str(sh, a->ndim, a->shape));
        return -1;
    }
    if (k == 0) {
        err_set(e, ERR_VALUE, "show: the batch of shape %s holds no images",
                shape_str(sh, a->ndim, a->shape));
        return -1;
    }
    if (rows > SHOW_MAX_SIDE || cols > SHOW_MAX_SIDE) {
        err_set(e, ERR_VALUE,
                "show: an image of %lld x %lld pixels is too large to draw (at most %d x %d); "
                "for a weight matrix, draw one column as an image: show W1[:, 0]",
                (long long)rows, (long long)cols, SHOW_MAX_SIDE, SHOW_MAX_SIDE);
        return -1;
    }
    if (total) *total = k;
    int n = (int)(k < max_images ? k : max_images);
    if (n < 1) n = 1;
    int64_t npix = (int64_t)n * rows * cols;
    uint8_t *pix = malloc((size_t)npix);
    if (!pix) {
        err_set(e, ERR_MEMORY, "show: out of memory for %d images", n);
        return -1;
    }
    /* how numbers map to grey levels: 0..1 (the book's normalize=True) and
     * 0..255 are taken as they are, anything else is stretched from its
     * smallest to its largest value (weights, for instance) */
    double lo = 0.0, hi = 255.0, mn = 0.0, mx = 0.0;
    if (a->dtype != DT_UINT8 && a->dtype != DT_BOOL) {
        bool first = true;
        for (int64_t i = 0; i < npix; i++) {
            double v = arr_get(a, i);
            if (v != v) continue; /* NaN */
            if (first || v < mn) mn = v;
            if (first || v > mx) mx = v;
            first = false;
        }
        if (mn >= 0.0 && mx <= 1.0 && dtype_is_float(a->dtype))
            hi = 1.0;
        else if (mn < 0.0 || mx > 255.0)
            lo = mn, hi = mx;
    }
    for (int64_t i = 0; i < npix; i++) {
        double v = arr_get(a, i);
        if (a->dtype == DT_BOOL)
            v = v != 0.0 ? 255.0 : 0.0;
        else if (a->dtype != DT_UINT8)
            v = hi > lo ? (v - lo) * 255.0 / (hi - lo) : 0.0;
        if (!(v > 0.0)) v = 0.0; /* NaN too */
        if (v > 255.0) v = 255.0;
        pix[i] = (uint8_t)lround(v);
    }
    out->n = n;
    out->rows = (int)rows;
    out->cols = (int)cols;
    out->pix = pix;
    return 0;
}

/* ---- drawing ---------------------------------------------------------------- */

static const char SHADES[] = " .:-=+*#%@";

/* The nearest colour of xterm's 256-colour palette to grey level g: 16 is
 * black, 231 white, and 232..255 a ramp of greys 8, 18, ..., 238. */
static int grey256(int g) {
    int best = 16, bestd = g;
    if (255 - g < bestd) {
        best = 231;
        bestd = 255 - g;
    }
    for (int i = 0; i < 24; i++) {
        int d = abs(8 + 10 * i - g);
        if (d < bestd) {
            best = 232 + i;
            bestd = d;
        }
    }
    return best;
}

/* One text row `tr` of image `img`: pixel rows 2tr and 2tr+1. */
static void draw_row(SBuf *b, const ShowImages *im, int img, int tr, ShowStyle st) {
    const uint8_t *p = im->pix + (size_t)img * im->rows * im->cols;
    int r0 = 2 * tr, r1 = 2 * tr + 1;
    if (st == SHOW_STYLE_ASCII) {
        for (int c = 0; c < im->cols; c++) {
            int top = p[r0 * im->cols + c];
            int v = r1 < im->rows ? (top + p[r1 * im->cols + c] + 1) / 2 : top;
            sbuf_put(b, &SHADES[v * 10 / 256], 1);
        }
        return;
    }
    int last_top = -1, last_bot = -1;
    for (int c = 0; c < im->cols; c++) {
        int top = p[r0 * im->cols + c];
        int bot = r1 < im->rows ? p[r1 * im->cols + c] : 0;
        if (st == SHOW_STYLE_256) {
            top = grey256(top);
            bot = grey256(bot);
        }
        /* a colour is sent only when it changes along the row */
        if (top != last_top || bot != last_bot) {
            if (st == SHOW_STYLE_256)
                sbuf_printf(b, "\x1b[38;5;%dm\x1b[48;5;%dm", top, bot);
            else
                sbuf_printf(b, "\x1b[38;2;%d;%d;%dm\x1b[48;2;%d;%d;%dm", top, top, top, bot, bot,
                            bot);
        }
        last_top = top;
        last_bot = bot;
        sbuf_puts(b, "\xe2\x96\x80"); /* U+2580 upper half block */
    }
    sbuf_puts(b, "\x1b[0m");
}

static void draw_caption(SBuf *b, const ShowCaption *c, int line, ShowStyle st, int width) {
    const char *t = c->text[line];
    int len = (int)strnlen(t, sizeof c->text[line]);
    if (len > width) len = width;
    bool red = c->wrong && st != SHOW_STYLE_ASCII && len > 0;
    if (red) sbuf_puts(b, "\x1b[31m");
    sbuf_put(b, t, (size_t)len);
    if (red) sbuf_puts(b, "\x1b[0m");
    sbuf_spaces(b, width - len);
}

static int caption_lines(const ShowCaption *c) {
    int k = 0;
    for (int i = 0; i < SHOW_CAPTION_LINES; i++)
        if (c->text[i][0]) k++;
    return k;
}

/* index of the j-th non-empty caption line of c, or -1 */
static int caption_at(const ShowCaption *c, int j) {
    for (int i = 0; i < SHOW_CAPTION_LINES; i++)
        if (c->text[i][0] && j-- == 0) return i;
    return -1;
}

char *show_render(const ShowImages *im, const ShowCaption *caps, ShowStyle style, int per_row) {
    SBuf b = {0};
    int trows = (im->rows + 1) / 2;
    if (per_row < 1) per_row = 1;
    if (per_row > 16) per_row = 16;

    if (im->n == 1) {
        /* one picture, its captions beside it, centred vertically */
        int nc = caps ? caption_lines(&caps[0]) : 0;
        int first = (trows - nc) / 2;
        if (first < 0) first = 0;
        int lines = trows > first + nc ? trows : first + nc;
        for (int tr = 0; tr < lines; tr++) {
            if (tr < trows)
                draw_row(&b, im, 0, tr, style);
            else
                sbuf_spaces(&b, im->cols);
            int ci = caps ? caption_at(&caps[0], tr - first) : -1;
            if (tr >= first && ci >= 0) {
                sbuf_spaces(&b, 3);
                draw_caption(&b, &caps[0], ci, style, 47);
            }
            buf_endline(&b);
        }
    } else {
        /* every cell is as wide as the widest picture or caption */
        int cell = im->cols;
        for (int i = 0; caps && i < im->n; i++)
            for (int l = 0; l < SHOW_CAPTION_LINES; l++) {
                int len = (int)strnlen(caps[i].text[l], sizeof caps[i].text[l]);
                if (len > cell) cell = len;
            }
        for (int g = 0; g < im->n; g += per_row) {
            int end = g + per_row < im->n ? g + per_row : im->n;
            if (g > 0) buf_endline(&b);
            for (int tr = 0; tr < trows; tr++) {
                for (int i = g; i < end; i++) {
                    if (i > g) sbuf_spaces(&b, 2);
                    draw_row(&b, im, i, tr, style);
                    sbuf_spaces(&b, cell - im->cols);
                }
                buf_endline(&b);
            }
            for (int l = 0; caps && l < SHOW_CAPTION_LINES; l++) {
                bool any = false;
                for (int i = g; i < end; i++)
                    any |= caps[i].text[l][0] != '\0';
                if (!any) continue;
                for (int i = g; i < end; i++) {
                    if (i > g) sbuf_spaces(&b, 2);
                    draw_caption(&b, &caps[i], l, style, cell);
                }
                buf_endline(&b);
            }
        }
    }
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    if (!b.p) return calloc(1, 1);
    return b.p;
}

int show_write_png(const char *path, const ShowImages *im, int per_row, int scale, int *w, int *h,
                   Err *e) {
    PngGrid g = png_grid_default();
    g.per_row = per_row;
    g.scale = scale;
    g.gap = 2;
    g.gap_value = 64;
    int sw = 0, shh = 0;
    uint8_t *sheet = png_grid(im->pix, im->n, im->rows, im->cols, &g, &sw, &shh, e);
    if (!sheet) return -1;
    int rc = png_write_gray(path, sheet, sw, shh, e);
    free(sheet);
    if (rc != 0) return -1;
    if (w) *w = sw;
    if (h) *h = shh;
    return 0;
}

/* ---- the show / img_show commands ------------------------------------------------ */

/* Which images of a data set variable the shown expression picks, so their
 * labels can be looked up: `x_test[3]`, `x_test[0:8]`, `x_test[-1]`,
 * `x_test[[8, 33]]`. Returns how many indices went to idx (at most max), or
 * 0 when the expression is not of that form. */
static int picked_indices(Interp *in, const Node *n, int64_t len, int64_t *idx, int max) {
    if (n->nkids != 2) return 0;
    const Node *it = n->kids[1];
    Err e;
    err_clear(&e);
    if (it->kind == N_SLICE) {
        int64_t v[3] = {0, len, 1};
        bool has[3] = {false, false, false};
        for (int k = 0; k < 3; k++) {
            if (k >= it->nkids || !it->kids[k]) continue;
            Value *x = interp_eval(in, it->kids[k], &e);
            bool ok =
                x && x->kind == V_ARRAY && x->arr->ndim == 0 && !dtype_is_float(x->arr->dtype);
            if (ok) {
                v[k] = arr_get_i64(x->arr, 0);
                has[k] = true;
            }
            val_free(x);
            if (!ok) return 0;
        }
        int64_t step = v[2];
        if (step == 0) return 0;
        /* Python's slice rules */
        int64_t start, stop;
        if (step > 0) {
            start = has[0] ? v[0] : 0;
            stop = has[1] ? v[1] : len;
            if (start < 0) start = start + len < 0 ? 0 : start + len;
            if (stop < 0) stop = stop + len < 0 ? 0 : stop + len;
            if (start > len) start = len;
            if (stop > len) stop = len;
        } else {
            start = has[0] ? v[0] : len - 1;
            stop = has[1] ? v[1] : -len - 1;
            if (start < 0)
                start = start + len < 0 ? -1 : start + len;
            else if (start >= len)
                start = len - 1;
            if (stop < 0)
                stop = stop + len < 0 ? -1 : stop + len;
            else if (stop >= len)
                stop = len - 1;
        }
        int k = 0;
        for (int64_t i = start; (step > 0 ? i < stop : i > stop) && k < max; i += step)
            idx[k++] = i;
        return k;
    }
    if (it->kind == N_NONE) return 0;
    Value *x = interp_eval(in, it, &e);
    if (!x) return 0;
    int k = 0;
    if (x->kind == V_ARRAY && x->arr->ndim <= 1) {
        const Array *a = x->arr;
        if (a->dtype == DT_BOOL) {
            for (int64_t i = 0; i < a->size && i < len && k < max; i++)
                if (arr_get(a, i) != 0) idx[k++] = i;
        } else if (dtype_is_int(a->dtype)) {
            for (int64_t i = 0; i < a->size && k < max; i++) {
                int64_t j = arr_get_i64(a, i);
                if (j < 0) j += len;
                if (j < 0 || j >= len) {
                    k = 0;
                    break;
                }
                idx[k++] = j;
            }
        }
    }
    val_free(x);
    return k;
}

static int label_of(const Array *t, int64_t i) {
    if (t->ndim == 2) {
        int64_t c = t->shape[1], best = 0;
        for (int64_t j = 1; j < c; j++)
            if (arr_get(t, i * c + j) > arr_get(t, i * c + best)) best = j;
        return (int)best;
    }
    return (int)arr_get_i64(t, i);
}

/* Pixels the network was trained on: uint8, or numbers within 0..1 (the
 * first n values are checked). A weight matrix drawn as an image is not. */
static bool looks_like_pixels(const Array *a, int64_t n) {
    if (a->dtype == DT_UINT8) return true;
    if (a->dtype == DT_BOOL) return false;
    for (int64_t i = 0; i < n && i < a->size; i++) {
        double v = arr_get(a, i);
        if (!(v >= 0.0 && v <= 1.0)) return false;
    }
    return true;
}

static ShowStyle style_for(Interp *in) {
    const char *nc = getenv("NO_COLOR");
    if (!interp_color(in) || (nc && *nc)) return SHOW_STYLE_ASCII;
    const char *ct = getenv("COLORTERM");
    if (ct && (strstr(ct, "truecolor") || strstr(ct, "24bit"))) return SHOW_STYLE_RGB;
    return SHOW_STYLE_256;
}

/* How many pictures fit across the output: the terminal's width when it is
 * one, else $COLUMNS, else 80 columns (so a transcript wraps as a standard
 * terminal would); never more than 8. */
static int across(Interp *in, int cell) {
    struct winsize ws;
    int fd = fileno(interp_out(in));
    int cols = 80;
    const char *env = getenv("COLUMNS");
    if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        cols = ws.ws_col;
    else if (env && atoi(env) > 0)
        cols = atoi(env);
    int k = (cols + 2) / (cell + 2);
    if (k < 1) k = 1;
    if (k > 8) k = 8;
    return k;
}

/* What `show IMAGE [png=FILE] [scale=N]` was given. */
typedef struct ShowArgs {
    const Node *img; /* the image expression */
    char *png;       /* the PNG file to write, or NULL (owned) */
    int64_t scale;   /* the PNG's pixel size */
} ShowArgs;

/* Sort the call's arguments: the image, a file name (positional or png=),
 * scale=. Nothing is evaluated. */
static bool sort_args(const Node *call, const char *cmd, const Node **img, const Node **pngnode,
                      const Node **scalenode, Err *e) {
    *img = *pngnode = *scalenode = NULL;
    for (int i = 1; call->kind == N_CALL && i < call->nkids; i++) {
        const Node *k = call->kids[i];
        if (k->kind == N_KWARG) {
            if (strcmp(k->str, "png") == 0)
                *pngnode = k->kids[0];
            else if (strcmp(k->str, "scale") == 0)
                *scalenode = k->kids[0];
            else
                return err_set_at(e, ERR_TYPE, k->span,
                                  "%s got an unexpected keyword '%s' (it takes: png scale)", cmd,
                                  k->str) != NULL;
        } else if (!*img) {
            *img = k;
        } else if (!*pngnode) {
            *pngnode = k;
        } else {
            return err_set_at(e, ERR_TYPE, k->span, "%s takes an image and a file name", cmd) !=
                   NULL;
        }
    }
    if (!*img)
        return err_set_at(e, ERR_TYPE, call->span,
                          "%s needs an image: %s x_test[0], or a row of them: %s x_test[0:8]", cmd,
                          cmd, cmd) != NULL;
    return true;
}

/* The call's arguments, with the file name and scale evaluated. */
static bool read_args(Interp *in, const Node *call, const char *cmd, ShowArgs *a, Err *e) {
    memset(a, 0, sizeof *a);
    a->scale = 4;
    const Node *pngnode, *scalenode;
    if (!sort_args(call, cmd, &a->img, &pngnode, &scalenode, e)) return false;
    if (pngnode) {
        Value *p = interp_eval(in, pngnode, e);
        if (!p) return false;
        if (p->kind == V_STR) a->png = strdup(p->str);
        val_free(p);
        if (!a->png)
            return err_set_at(e, ERR_TYPE, pngnode->span,
                              "the PNG file name must be a string: %s x_test[0] "
                              "png=\"seven.png\"",
                              cmd) != NULL;
    }
    if (scalenode) {
        Value *sv = interp_eval(in, scalenode, e);
        if (!sv) return false;
        bool ok = sv->kind == V_ARRAY && sv->arr->ndim == 0 && !dtype_is_float(sv->arr->dtype);
        if (ok) a->scale = arr_get_i64(sv->arr, 0);
        val_free(sv);
        if (!ok || a->scale < 1 || a->scale > 16)
            return err_set_at(e, ERR_VALUE, scalenode->span,
                              "scale must be a whole number from 1 to 16") != NULL;
    }
    return true;
}

/* The images a data set variable's expression picks (x_test[3],
 * x_test[0:8], x_test itself), and the labels variable that goes with it.
 * Returns how many indices went to idx (0: not such an expression); *src
 * and *t (either may be left NULL) name the set and hold its labels. */
static int picked_from_set(Interp *in, const Node *img, int nimages, int64_t *idx, const char **src,
                           const Array **t) {
    const char *tname = NULL;
    int nidx = 0;
    *src = NULL;
    *t = NULL;
    if (img->kind == N_INDEX && img->kids[0]->kind == N_NAME) {
        *src = img->kids[0]->str;
        tname = strcmp(*src, "x_test") == 0    ? "t_test"
                : strcmp(*src, "x_train") == 0 ? "t_train"
                                               : NULL;
        const Value *xs = vars_get(interp_vars(in), *src);
        if (tname && xs && xs->kind == V_ARRAY && xs->arr->ndim >= 1)
            nidx = picked_indices(in, img, xs->arr->shape[0], idx, SHOW_MAX_IMAGES);
        if (nidx != nimages) nidx = 0;
    }
    if (img->kind == N_NAME &&
        (strcmp(img->str, "x_test") == 0 || strcmp(img->str, "x_train") == 0)) {
        /* the whole set: its first images */
        *src = img->str;
        tname = strcmp(*src, "x_test") == 0 ? "t_test" : "t_train";
        nidx = nimages;
        for (int i = 0; i < nidx; i++)
            idx[i] = i;
    }
    const Value *tv = tname ? vars_get(interp_vars(in), tname) : NULL;
    if (tv && tv->kind == V_ARRAY && tv->arr->ndim >= 1) *t = tv->arr;
    return nidx;
}

/* Captions: where each image comes from and its label, when the images are
 * picked from x_test or x_train. Returns how many images are identified
 * (their indices in idx; *t the labels, or NULL). */
static int caption_labels(Interp *in, const Node *img, const ShowImages *im, ShowCaption *caps,
                          int64_t *idx, const Array **t) {
    const char *src;
    int nidx = picked_from_set(in, img, im->n, idx, &src, t);
    for (int i = 0; i < nidx; i++) {
        snprintf(caps[i].text[0], sizeof caps[i].text[0], "%s[%lld]", src, (long long)idx[i]);
        if (*t && idx[i] < (*t)->shape[0])
            snprintf(caps[i].text[1], sizeof caps[i].text[1], "label %d", label_of(*t, idx[i]));
    }
    return nidx;
}

/* Captions: the network's guess for each image, when a network that takes
 * images of this size is defined and the values look like pixels; "wrong"
 * (in red) when it differs from the label. Quietly nothing otherwise. */
static void caption_guesses(Interp *in, const Array *a, const ShowImages *im, ShowCaption *caps,
                            int nidx, const int64_t *idx, const Array *t) {
    Net net;
    if (!net_ready(in, &net, NULL, 0)) return;
    if ((int64_t)im->rows * im->cols != net.layer[0].W->shape[0] ||
        !looks_like_pixels(a, (int64_t)im->n * im->rows * im->cols))
        return;
    int *pred = malloc((size_t)im->n * sizeof *pred);
    float *conf = malloc((size_t)im->n * sizeof *conf);
    Err pe;
    err_clear(&pe);
    InferOut out = {pred, conf, NULL};
    bool probs = net.layer[net.n - 1].act == ACT_SOFTMAX;
    if (pred && conf && infer_fast(&net, a, im->n, im->n, &out, NULL, NULL, &pe) == im->n) {
        for (int i = 0; i < im->n; i++) {
            char *c = caps[i].text[2];
            size_t n = sizeof caps[i].text[2];
            if (probs)
                snprintf(c, n, "predicted %d (%.1f%%)", pred[i], 100.0 * conf[i]);
            else
                snprintf(c, n, "predicted %d", pred[i]);
            if (i < nidx && t && idx[i] < t->shape[0] && label_of(t, idx[i]) != pred[i]) {
                caps[i].wrong = true;
                strncat(c, " wrong", n - strlen(c) - 1);
            }
        }
    }
    free(pred);
    free(conf);
}

/* Draw the images with their captions on the session's output, and write
 * the PNG file when one was asked for. */
static bool draw(Interp *in, const ShowImages *im, const ShowCaption *caps, int64_t total,
                 const ShowArgs *a, Err *e) {
    int per_row = across(in, im->cols < 20 ? 20 : im->cols);
    char *pic = show_render(im, caps, style_for(in), per_row);
    if (!pic) return err_set(e, ERR_MEMORY, "show: out of memory") != NULL;
    FILE *f = interp_out(in);
    fputs(pic, f);
    free(pic);
    if (total > im->n) fprintf(f, "(the first %d of %lld images)\n", im->n, (long long)total);
    if (a->png) {
        int w = 0, h = 0;
        if (show_write_png(a->png, im, 8, (int)a->scale, &w, &h, e) != 0) return false;
        fprintf(f, "wrote %s: %d x %d pixels, %d image%s at %lldx scale\n", a->png, w, h, im->n,
                im->n == 1 ? "" : "s", (long long)a->scale);
    }
    fflush(f);
    return true;
}

/* show / img_show: the arguments, the image (a variable is borrowed,
 * anything else evaluated), its captions, the drawing. */
static Value *show_common(Interp *in, const Node *call, const char *cmd, Err *e) {
    ShowArgs a;
    if (!read_args(in, call, cmd, &a, e)) {
        free(a.png);
        return NULL;
    }
    const Node *img = a.img;
    Value *own = NULL;
    const Value *v = img->kind == N_NAME ? vars_get(interp_vars(in), img->str) : NULL;
    if (!v) v = own = interp_eval(in, img, e);
    ShowImages im = {0};
    ShowCaption *caps = NULL;
    int64_t total = 0;
    if (!v) goto out;
    if (v->kind != V_ARRAY) {
        err_set_at(e, ERR_TYPE, img->span, "%s draws an array of pixels; %s is a %s", cmd,
                   img->text ? img->text : "this", val_kind_name(v->kind));
        goto out;
    }
    if (show_images_from_array(v->arr, SHOW_MAX_IMAGES, &im, &total, e) != 0) {
        if (e->span.line == 0) e->span = img->span;
        goto out;
    }
    if (!(caps = calloc((size_t)im.n, sizeof *caps))) {
        err_set(e, ERR_MEMORY, "show: out of memory");
        goto out;
    }
    int64_t idx[SHOW_MAX_IMAGES];
    const Array *t = NULL;
    int nidx = caption_labels(in, img, &im, caps, idx, &t);
    caption_guesses(in, v->arr, &im, caps, nidx, idx, t);
    draw(in, &im, caps, total, &a, e);
out:
    free(caps);
    free(a.png);
    show_images_free(&im);
    val_free(own);
    return NULL;
}

static Value *cmd_show(Interp *in, const Node *call, Err *e) {
    return show_common(in, call, "show", e);
}

static Value *cmd_img_show(Interp *in, const Node *call, Err *e) {
    return show_common(in, call, "img_show", e);
}

const Builtin show_builtins[] = {
    {"show", "data", "show IMAGE [--png FILE]",
     "Draw a digit (or a row of them) in the terminal, with its label and the network's "
     "prediction; --png FILE (or png=\"file.png\") also writes a PNG file you can open.",
     "img_show(x_test[0].reshape(28, 28) * 255)",
     "(784,), (28, 28), (1, 28, 28) or a batch (k, 784), (k, 28, 28)",
     "show x_test[0:8] --png digits.png", 1, 2, "png scale", NULL, cmd_show},
    {"img_show", "data", "img_show(img)",
     "The book's img_show: draw the image in the terminal instead of opening a window.",
     "pil_img = Image.fromarray(np.uint8(img)); pil_img.show()",
     "(28, 28) or (784,), uint8 0..255 or float 0..1", "img_show(x_test[0])", 1, 2, "png scale",
     NULL, cmd_img_show},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
