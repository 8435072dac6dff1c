/* plotcmd.c - the plotting built-ins: the `plot` command (functions by
 * name over a range, or variables), matplotlib's pyplot functions working
 * on the session's current figure, and the image drawing behind PIL's
 * Image.fromarray(img).show(). The network views are in plot_view.c; their
 * entries are listed here so one table holds every plotting built-in.
 */
#include "plotcmd.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "show.h"

/* --- the session's figure ---------------------------------------------------------- */

static void figure_free(void *p) {
    plot_free(p);
}
static const InterpSlotKey kFigureKey = {"plot", figure_free};

Plot *plotcmd_figure(Interp *in) {
    Plot *p = interp_slot(in, &kFigureKey);
    if (!p && (p = plot_new()) && !interp_set_slot(in, &kFigureKey, p)) p = NULL;
    return p;
}

static bool use_color(Interp *in) {
    const char *nc = getenv("NO_COLOR");
    return interp_color(in) && !(nc && *nc);
}

int plotcmd_draw(Interp *in, const Plot *p, Err *e) {
    int cols, lines;
    plot_term_size(fileno(interp_out(in)), &cols, &lines);
    char *s = plot_render_term(p, cols, lines, use_color(in), e);
    if (!s) return -1;
    fputs(s, interp_out(in));
    fflush(interp_out(in));
    free(s);
    return 0;
}

int plotcmd_show_image(Interp *in, const Array *img, Err *e) {
    ShowImages im = {0};
    int64_t total = 0;
    if (show_images_from_array(img, 1, &im, &total, e) != 0) return -1;
    if (total != 1) {
        show_images_free(&im);
        char sh[64];
        shape_str(sh, img->ndim, img->shape);
        return err_set(e, ERR_SHAPE,
                       "an image is 2-D (rows, cols) or a square number of pixels; %s holds "
                       "%lld images",
                       sh, (long long)total),
               -1;
    }
    ShowStyle st = SHOW_STYLE_ASCII;
    if (use_color(in)) {
        const char *ct = getenv("COLORTERM");
        st = ct && (strstr(ct, "truecolor") || strstr(ct, "24bit")) ? SHOW_STYLE_RGB
                                                                    : SHOW_STYLE_256;
    }
    char *pic = show_render(&im, NULL, st, 1);
    show_images_free(&im);
    if (!pic) return err_set(e, ERR_MEMORY, "show: out of memory"), -1;
    fputs(pic, interp_out(in));
    fflush(interp_out(in));
    free(pic);
    return 0;
}

/* --- values to numbers ----------------------------------------------------------- */

/* the values of an array (or a list of numbers) as new doubles */
static double *doubles_of(const Value *v, int64_t *n, Err *e) {
    Array *tmp = NULL;
    const Array *a = v->kind == V_ARRAY ? v->arr : NULL;
    if (!a && eval_is_numeric(v)) a = tmp = eval_to_array(v, e);
    if (!a) {
        if (e->kind == ERR_NONE)
            err_set(e, ERR_TYPE, "expected numbers (an array or a list), not a %s",
                    val_kind_name(v->kind));
        return NULL;
    }
    double *d = malloc((size_t)(a->size ? a->size : 1) * sizeof(double));
    if (!d) {
        arr_free(tmp);
        return err_set(e, ERR_MEMORY, "plot: out of memory");
    }
    switch (a->dtype) { /* one plain loop per common dtype, arr_get for the rest */
    case DT_FLOAT64: /* an empty array may have no data at all */
        if (a->size) memcpy(d, a->data, (size_t)a->size * sizeof(double));
        break;
    case DT_FLOAT32:
        for (int64_t i = 0; i < a->size; i++)
            d[i] = ((const float *)a->data)[i];
        break;
    default:
        for (int64_t i = 0; i < a->size; i++)
            d[i] = arr_get(a, i);
    }
    *n = a->size;
    arr_free(tmp);
    return d;
}

static bool number_of(const Value *v, double *out) {
    if (!v || v->kind != V_ARRAY || v->arr->ndim != 0) return false;
    *out = arr_get(v->arr, 0);
    return true;
}

static Span arg_span(const CallArgs *a, int i) {
    return i < a->n && a->nodes && a->nodes[i] ? a->nodes[i]->span : a->call->span;
}

static Span kw_span(const CallArgs *a, const char *name) {
    for (int i = 0; i < a->nkw; i++)
        if (strcmp(a->kwname[i], name) == 0 && a->kwnodes[i]) return a->kwnodes[i]->span;
    return a->call->span;
}

static Value *none_or_null(Err *e) {
    Value *v = val_none();
    return v ? v : err_set(e, ERR_MEMORY, "out of memory");
}

static Plot *figure_or_fail(Interp *in, Err *e) {
    Plot *p = plotcmd_figure(in);
    return p ? p : err_set(e, ERR_MEMORY, "plot: out of memory");
}

/* --- pyplot ---------------------------------------------------------------------------- */

/* color='r' / color="red" and linestyle='--' / linestyle="dashed" of
 * plt.plot, applied to the series from `first` on */
static bool style_kwargs(const CallArgs *a, Plot *p, int first, Err *e) {
    const Value *c = builtin_kw(a, "color"), *ls = builtin_kw(a, "linestyle");
    if (c) {
        static const char *const names[PLOT_NCOLORS] = {"blue",    "orange", "green",  "red",
                                                        "magenta", "cyan",   "yellow", "black"};
        int k = -1;
        PlotColor pc;
        for (int i = 0; c->kind == V_STR && i < PLOT_NCOLORS; i++)
            if (strcmp(c->str, names[i]) == 0) k = i;
        Err ignore;
        err_clear(&ignore);
        if (k < 0 && c->kind == V_STR && strlen(c->str) == 1 &&
            plot_parse_fmt(c->str, &pc, NULL, NULL, &ignore) && pc != PLOT_COLOR_AUTO)
            k = (int)pc;
        if (k < 0)
            return err_set_at(e, ERR_VALUE, kw_span(a, "color"),
                              "color is one of b g r c m y k, or blue orange green red magenta "
                              "cyan yellow black") != NULL;
        for (int i = first; i < p->nseries; i++)
            p->series[i].color = (PlotColor)k;
    }
    if (ls) {
        static const struct {
            const char *name;
            PlotLine line;
        } styles[] = {{"-", PLOT_LINE_SOLID},    {"solid", PLOT_LINE_SOLID},
                      {"--", PLOT_LINE_DASH},    {"dashed", PLOT_LINE_DASH},
                      {":", PLOT_LINE_DOT},      {"dotted", PLOT_LINE_DOT},
                      {"-.", PLOT_LINE_DASHDOT}, {"dashdot", PLOT_LINE_DASHDOT},
                      {"None", PLOT_LINE_NONE},  {"", PLOT_LINE_NONE}};
        int k = -1;
        for (size_t i = 0; ls->kind == V_STR && i < sizeof styles / sizeof styles[0]; i++)
            if (strcmp(ls->str, styles[i].name) == 0) k = (int)i;
        if (k < 0)
            return err_set_at(e, ERR_VALUE, kw_span(a, "linestyle"),
                              "linestyle is '-', '--', ':', '-.' (or solid, dashed, dotted, "
                              "dashdot)") != NULL;
        for (int i = first; i < p->nseries; i++) {
            p->series[i].line = styles[k].line;
            p->series[i].style_given = true;
        }
    }
    return true;
}

/* plt.plot(y), plt.plot(x, y), plt.plot(x, y, 'k--', label="step"), and
 * several groups in one call: plt.plot(x, y1, 'r-', x, y2, 'b:') */
static Value *f_plot(Interp *in, const CallArgs *a, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    const Value *lab = builtin_kw(a, "label");
    if (lab && lab->kind != V_STR)
        return err_set_at(e, ERR_TYPE, kw_span(a, "label"), "label must be a string");
    int before = p->nseries;
    int i = 0;
    while (i < a->n) {
        if (a->v[i]->kind == V_STR)
            return err_set_at(e, ERR_TYPE, arg_span(a, i),
                              "plot: a format string comes after the data: plt.plot(x, y, 'k--')");
        int first = i;
        int64_t nx = 0, ny = 0;
        double *x = doubles_of(a->v[i], &nx, e), *y = NULL;
        if (!x) {
            e->span = arg_span(a, i);
            goto fail;
        }
        i++;
        if (i < a->n && a->v[i]->kind != V_STR) {
            y = doubles_of(a->v[i], &ny, e);
            if (!y) {
                free(x);
                e->span = arg_span(a, i);
                goto fail;
            }
            i++;
        } else { /* plt.plot(y): x is 0, 1, 2, ... */
            y = x;
            ny = nx;
            x = malloc((size_t)(ny ? ny : 1) * sizeof(double));
            for (int64_t k = 0; x && k < ny; k++)
                x[k] = (double)k;
        }
        const char *fmt = NULL;
        if (i < a->n && a->v[i]->kind == V_STR) fmt = a->v[i++]->str;
        PlotSeries *s = NULL;
        if (!x)
            err_set(e, ERR_MEMORY, "plot: out of memory");
        else if (nx != ny)
            err_set_at(e, ERR_SHAPE, a->call->span,
                       "x and y must have the same number of values: x has %lld, y has %lld",
                       (long long)nx, (long long)ny);
        else
            s = plot_add(p, x, y, ny, fmt, lab ? lab->str : NULL, e);
        free(x);
        free(y);
        if (!s) {
            if (e->span.line == 0) e->span = arg_span(a, first);
            goto fail;
        }
    }
    if (p->nseries == before)
        return err_set_at(e, ERR_TYPE, a->call->span, "plot needs data: plt.plot(x, y)");
    if (!style_kwargs(a, p, before, e)) goto fail;
    return none_or_null(e);
fail: /* a failing call adds nothing */
    while (p->nseries > before) {
        p->nseries--;
        free(p->series[p->nseries].x);
        free(p->series[p->nseries].y);
    }
    return NULL;
}

static Value *f_show(Interp *in, const CallArgs *a, Err *e) {
    (void)a;
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    if (plotcmd_draw(in, p, e) != 0) return NULL;
    plot_clear(p); /* as matplotlib: the shown figure is done */
    return none_or_null(e);
}

/* the extension names the format */
static int save_plot(Interp *in, const Plot *p, const char *path, Span at, Err *e) {
    const char *dot = strrchr(path, '.');
    int rc;
    if (dot && strcmp(dot, ".svg") == 0)
        rc = plot_write_svg(p, path, 640, 480, e);
    else if (dot && strcmp(dot, ".png") == 0)
        rc = plot_write_png(p, path, 640, 480, e);
    else
        return err_set_at(e, ERR_VALUE, at, "savefig writes .svg or .png files, not '%s'", path),
               -1;
    if (rc != 0) {
        if (e->span.line == 0) e->span = at;
        return -1;
    }
    fprintf(interp_out(in), "wrote %s (640 x 480)\n", path);
    return 0;
}

static Value *f_savefig(Interp *in, const CallArgs *a, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    if (a->v[0]->kind != V_STR)
        return err_set_at(e, ERR_TYPE, arg_span(a, 0),
                          "savefig needs a file name: plt.savefig(\"f.svg\")");
    if (save_plot(in, p, a->v[0]->str, arg_span(a, 0), e) != 0) return NULL;
    return none_or_null(e);
}

/* plt.ylim(-0.1, 1.1) or plt.ylim((-0.1, 1.1)) */
static Value *limits(Interp *in, const CallArgs *a, bool y, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    double v[2];
    bool ok;
    if (a->n == 1) {
        const Value *t = a->v[0];
        ok = (t->kind == V_TUPLE || t->kind == V_LIST) && t->n == 2 &&
             number_of(t->items[0], &v[0]) && number_of(t->items[1], &v[1]);
    } else {
        ok = number_of(a->v[0], &v[0]) && number_of(a->v[1], &v[1]);
    }
    if (!ok || !isfinite(v[0]) || !isfinite(v[1]) || v[0] == v[1])
        return err_set_at(e, ERR_VALUE, a->call->span,
                          "%s needs two different numbers: plt.%s(-0.1, 1.1)", a->fname,
                          y ? "ylim" : "xlim");
    double *lim = y ? p->ylim : p->xlim;
    lim[0] = v[0];
    lim[1] = v[1];
    if (y)
        p->ylim_set = true;
    else
        p->xlim_set = true;
    return none_or_null(e);
}
static Value *f_ylim(Interp *in, const CallArgs *a, Err *e) {
    return limits(in, a, true, e);
}
static Value *f_xlim(Interp *in, const CallArgs *a, Err *e) {
    return limits(in, a, false, e);
}

static Value *text_field(Interp *in, const CallArgs *a, int which, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    if (a->v[0]->kind != V_STR)
        return err_set_at(e, ERR_TYPE, arg_span(a, 0), "%s needs a string: plt.title(\"sigmoid\")",
                          a->fname);
    char *dst = which == 0 ? p->title : which == 1 ? p->xlabel : p->ylabel;
    snprintf(dst, PLOT_TEXT, "%s", a->v[0]->str);
    return none_or_null(e);
}
static Value *f_title(Interp *in, const CallArgs *a, Err *e) {
    return text_field(in, a, 0, e);
}
static Value *f_xlabel(Interp *in, const CallArgs *a, Err *e) {
    return text_field(in, a, 1, e);
}
static Value *f_ylabel(Interp *in, const CallArgs *a, Err *e) {
    return text_field(in, a, 2, e);
}

static Value *f_legend(Interp *in, const CallArgs *a, Err *e) {
    (void)a;
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    p->legend = true;
    return none_or_null(e);
}

static Value *f_grid(Interp *in, const CallArgs *a, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    int64_t on = 1;
    if (a->n == 1 && !eval_int(a->v[0], &on))
        return err_set_at(e, ERR_TYPE, arg_span(a, 0), "grid takes True or False");
    p->grid = on != 0;
    return none_or_null(e);
}

static Value *f_figure(Interp *in, const CallArgs *a, Err *e) {
    (void)a;
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    plot_clear(p);
    return none_or_null(e);
}

static Value *f_hist(Interp *in, const CallArgs *a, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    int64_t bins = 10;
    const Value *bv = builtin_kw(a, "bins");
    if (a->n == 2) bv = a->v[1];
    if (bv && (!eval_int(bv, &bins) || bins < 1 || bins > 1000))
        return err_set_at(e, ERR_VALUE, a->n == 2 ? arg_span(a, 1) : kw_span(a, "bins"),
                          "bins must be a whole number from 1 to 1000");
    int64_t n = 0;
    double *v = doubles_of(a->v[0], &n, e);
    if (!v) {
        e->span = arg_span(a, 0);
        return NULL;
    }
    PlotSeries *s = plot_hist(p, v, n, (int)bins, e);
    free(v);
    if (!s) {
        e->span = arg_span(a, 0);
        return NULL;
    }
    return none_or_null(e);
}

static Value *f_imshow(Interp *in, const CallArgs *a, Err *e) {
    Plot *p = figure_or_fail(in, e);
    if (!p) return NULL;
    bool reverse = false;
    const Value *cm = builtin_kw(a, "cmap");
    if (cm) {
        static const char *const ok[] = {"gray",   "grey",  "Greys_r", "gray_r",
                                         "grey_r", "Greys", "binary"};
        int k = -1;
        for (int i = 0; cm->kind == V_STR && i < 7; i++)
            if (strcmp(cm->str, ok[i]) == 0) k = i;
        if (k < 0)
            return err_set_at(e, ERR_VALUE, kw_span(a, "cmap"),
                              "imshow draws grey levels only: cmap='gray' (or 'gray_r', 'binary')");
        reverse = k >= 3;
    }
    const Value *v = a->v[0];
    Array *tmp = v->kind == V_ARRAY ? NULL : eval_is_numeric(v) ? eval_to_array(v, e) : NULL;
    const Array *arr = v->kind == V_ARRAY ? v->arr : tmp;
    if (!arr) {
        if (e->kind == ERR_NONE) err_set(e, ERR_TYPE, "imshow needs an array of pixels");
        e->span = arg_span(a, 0);
        return NULL;
    }
    int rows = 0, cols = 0;
    if (arr->ndim == 2) {
        rows = (int)arr->shape[0];
        cols = (int)arr->shape[1];
    } else if (arr->ndim == 1) {
        int s = (int)lround(sqrt((double)arr->size));
        if ((int64_t)s * s == arr->size) rows = cols = s;
    } else if (arr->ndim == 3 && arr->shape[0] == 1) {
        rows = (int)arr->shape[1];
        cols = (int)arr->shape[2];
    }
    if (rows < 1 || cols < 1 || rows > SHOW_MAX_SIDE || cols > SHOW_MAX_SIDE) {
        arr_free(tmp);
        return err_set_at(e, ERR_SHAPE, arg_span(a, 0),
                          "imshow draws a 2-D image (up to %d x %d) or a square number of "
                          "pixels such as 784; reshape it: img.reshape(28, 28)",
                          SHOW_MAX_SIDE, SHOW_MAX_SIDE);
    }
    int64_t n = 0;
    Value tv = {.kind = V_ARRAY, .arr = (Array *)arr};
    double *d = doubles_of(&tv, &n, e);
    arr_free(tmp);
    if (!d) return NULL;
    bool ok = plot_set_image(p, d, rows, cols, reverse, e);
    free(d);
    return ok ? none_or_null(e) : NULL;
}

/* --- the `plot` command ------------------------------------------------------------ */

#define PLOT_GRID_POINTS 401

/* a numeric literal argument (5, -5, 2.5) */
static bool literal_number(const Node *n, double *out) {
    if (n->kind == N_NUM) {
        *out = n->num;
        return true;
    }
    if (n->kind == N_UNARY && n->op == OP_NEG && n->kids[0]->kind == N_NUM) {
        *out = -n->kids[0]->num;
        return true;
    }
    return false;
}

/* the text of a string option (--svg f.svg, title="x") into a new string */
static char *option_text(Interp *in, const Node *kw, Err *e) {
    Value *v = interp_eval(in, kw->kids[0], e);
    if (!v) return NULL;
    char *s = v->kind == V_STR ? strdup(v->str) : NULL;
    val_free(v);
    if (!s) err_set_at(e, ERR_TYPE, kw->span, "--%s needs a text: --%s \"...\"", kw->str, kw->str);
    return s;
}

/* y = f(x) for a built-in function named in the command, over xs */
static bool eval_function(Interp *in, const Builtin *b, const Node *word, const double *xs, int n,
                          double *ys, Err *e) {
    int64_t shape[1] = {n};
    Value *xv = val_array(arr_from_f64(DT_FLOAT64, 1, shape, xs, e));
    if (!xv) return false;
    Value *argv[1] = {xv};
    const Node *nodes[1] = {word};
    CallArgs ca = {.n = 1, .v = argv, .nodes = nodes, .call = word, .fname = b->name};
    Value *r = b->fn(in, &ca, e);
    val_free(xv);
    if (!r) return false;
    bool ok = r->kind == V_ARRAY && r->arr->size == n;
    if (ok)
        for (int i = 0; i < n; i++)
            ys[i] = arr_get(r->arr, i);
    val_free(r);
    if (!ok)
        err_set_at(e, ERR_TYPE, word->span,
                   "%s does not give one number for each x, so plot cannot draw it", b->name);
    return ok;
}

/* The function a word of plot names (NumPy's, as in the command form, when
 * Python has one of that name too), or NULL. */
static const Builtin *plot_fn(const Registry *r, const char *name) {
    const Builtin *b = reg_find_member(r, name);
    if (!b || !b->fn) b = reg_find(r, name);
    return b && b->fn ? b : NULL;
}

static Value *cmd_plot(Interp *in, const Node *call, Err *e) {
    int nargs = builtin_cmd_nargs(call);
    Plot *p = plot_new();
    char *svg = NULL, *png = NULL;
    Value *own[PLOT_MAX_SERIES + 1] = {0};
    const Node *fnode[PLOT_MAX_SERIES], *dnode[PLOT_MAX_SERIES + 1];
    const Builtin *fns[PLOT_MAX_SERIES];
    int nf = 0, nd = 0, nnum = 0;
    double range[2] = {-5, 5};
    if (!p) return err_set(e, ERR_MEMORY, "plot: out of memory");
    if (nargs == 0) {
        err_set_at(e, ERR_TYPE, call->span,
                   "plot needs functions or data: plot sigmoid, or plot x y");
        goto out;
    }
    for (int i = 0; i < nargs; i++) {
        const Node *k = builtin_cmd_arg(call, i);
        double num;
        if (k->kind == N_KWARG) {
            char **dst = strcmp(k->str, "svg") == 0   ? &svg
                         : strcmp(k->str, "png") == 0 ? &png
                                                      : NULL;
            char *field = strcmp(k->str, "title") == 0    ? p->title
                          : strcmp(k->str, "xlabel") == 0 ? p->xlabel
                          : strcmp(k->str, "ylabel") == 0 ? p->ylabel
                                                          : NULL;
            if (strcmp(k->str, "grid") == 0) {
                p->grid = true;
                continue;
            }
            if (strcmp(k->str, "ylim") == 0 || strcmp(k->str, "xlim") == 0) {
                bool y = k->str[0] == 'y';
                Value *t = interp_eval(in, k->kids[0], e);
                if (!t) goto out;
                double lim[2];
                bool ok = (t->kind == V_TUPLE || t->kind == V_LIST) && t->n == 2 &&
                          number_of(t->items[0], &lim[0]) && number_of(t->items[1], &lim[1]) &&
                          isfinite(lim[0]) && isfinite(lim[1]) && lim[0] != lim[1];
                val_free(t);
                if (!ok) {
                    err_set_at(e, ERR_VALUE, k->span,
                               "%s needs two different numbers: %s=(-0.1, 1.1)", k->str, k->str);
                    goto out;
                }
                memcpy(y ? p->ylim : p->xlim, lim, sizeof lim);
                if (y)
                    p->ylim_set = true;
                else
                    p->xlim_set = true;
                continue;
            }
            if (!dst && !field) {
                err_set_at(e, ERR_TYPE, k->span, "plot has no option --%s (help plot lists them)",
                           k->str);
                goto out;
            }
            char *s = option_text(in, k, e);
            if (!s) goto out;
            if (dst) {
                free(*dst);
                *dst = s;
            } else {
                snprintf(field, PLOT_TEXT, "%s", s);
                free(s);
            }
        } else if (literal_number(k, &num)) {
            if (nnum == 2) {
                err_set_at(e, ERR_VALUE, k->span, "plot takes one range: plot sigmoid 0 10");
                goto out;
            }
            range[nnum++] = num;
        } else if (k->kind == N_NAME && !vars_get(interp_vars(in), k->str) &&
                   plot_fn(interp_registry(in), k->str)) {
            const Builtin *f = plot_fn(interp_registry(in), k->str);
            if (f->minargs > 1) { /* plot minimum: y = f(x) needs one argument */
                err_set_at(e, ERR_TYPE, k->span,
                           "plot draws functions of one argument, y = f(x); %s takes %d", k->str,
                           f->minargs);
                goto out;
            }
            if (nf == PLOT_MAX_SERIES) {
                err_set_at(e, ERR_VALUE, k->span, "plot draws at most %d curves", PLOT_MAX_SERIES);
                goto out;
            }
            fns[nf] = f;
            fnode[nf++] = k;
        } else {
            if (nd == PLOT_MAX_SERIES + 1) {
                err_set_at(e, ERR_VALUE, k->span, "plot draws at most %d series", PLOT_MAX_SERIES);
                goto out;
            }
            own[nd] = interp_eval(in, k, e);
            if (!own[nd]) goto out;
            dnode[nd++] = k;
        }
    }
    if (nnum == 1 || (nnum == 2 && !(range[1] > range[0]))) {
        err_set_at(e, ERR_VALUE, call->span, "plot needs a range LO < HI: plot sigmoid 0 10");
        goto out;
    }
    if (nf && nd) {
        err_set_at(e, ERR_TYPE, dnode[0]->span,
                   "plot draws functions (plot sigmoid relu) or data (plot x y), not both");
        goto out;
    }
    if (nf) {
        double xs[PLOT_GRID_POINTS], ys[PLOT_GRID_POINTS];
        for (int k = 0; k < PLOT_GRID_POINTS; k++)
            xs[k] = range[0] + (range[1] - range[0]) * k / (PLOT_GRID_POINTS - 1);
        for (int f = 0; f < nf; f++) {
            if (!eval_function(in, fns[f], fnode[f], xs, PLOT_GRID_POINTS, ys, e)) goto out;
            if (!plot_add(p, xs, ys, PLOT_GRID_POINTS, NULL, fns[f]->name, e)) goto out;
        }
        p->legend = true;
    } else if (nnum) {
        err_set_at(e, ERR_VALUE, call->span,
                   "a range goes with functions: plot sigmoid 0 10 (for data: plot x y)");
        goto out;
    } else if (nd) {
        int64_t nx = 0;
        double *x = NULL;
        int first = 0;
        if (nd >= 2) { /* plot x y [y2 ...]: the first is x */
            x = doubles_of(own[0], &nx, e);
            if (!x) {
                e->span = dnode[0]->span;
                goto out;
            }
            first = 1;
        }
        for (int d = first; d < nd; d++) {
            int64_t ny = 0;
            double *y = doubles_of(own[d], &ny, e), *xs = x;
            if (!y) {
                e->span = dnode[d]->span;
                free(x);
                goto out;
            }
            if (!x) {
                xs = malloc((size_t)(ny ? ny : 1) * sizeof(double));
                for (int64_t k = 0; xs && k < ny; k++)
                    xs[k] = (double)k;
                nx = ny;
            }
            PlotSeries *s = NULL;
            if (!xs)
                err_set(e, ERR_MEMORY, "plot: out of memory");
            else if (nx != ny)
                err_set_at(e, ERR_SHAPE, dnode[d]->span,
                           "%s has %lld values but %s has %lld; plot x y needs as many of each",
                           dnode[d]->text ? dnode[d]->text : "y", (long long)ny,
                           dnode[0]->text ? dnode[0]->text : "x", (long long)nx);
            else
                s = plot_add(p, xs, y, ny, NULL, dnode[d]->text, e);
            free(y);
            if (xs != x) free(xs);
            if (!s) {
                if (e->span.line == 0) e->span = dnode[d]->span;
                free(x);
                goto out;
            }
        }
        free(x);
        if (nd - first > 1)
            p->legend = true;
        else if (nd == 2 && !p->xlabel[0] && !p->ylabel[0]) {
            snprintf(p->xlabel, PLOT_TEXT, "%s", dnode[0]->text ? dnode[0]->text : "x");
            snprintf(p->ylabel, PLOT_TEXT, "%s", dnode[1]->text ? dnode[1]->text : "y");
            p->series[0].label[0] = '\0';
        }
    } else {
        err_set_at(e, ERR_TYPE, call->span,
                   "plot needs functions or data: plot sigmoid, or plot x y");
        goto out;
    }
    for (int f = 0; f < 2; f++) { /* refuse a bad file name before drawing anything */
        const char *path = f ? png : svg, *want = f ? ".png" : ".svg";
        const char *dot = path ? strrchr(path, '.') : NULL;
        if (path && !(dot && strcmp(dot, want) == 0)) {
            err_set_at(e, ERR_VALUE, call->span, "--%s needs a file name ending in %s, not '%s'",
                       f ? "png" : "svg", want, path);
            goto out;
        }
    }
    if (plotcmd_draw(in, p, e) != 0) goto out;
    if (svg && save_plot(in, p, svg, call->span, e) != 0) goto out;
    if (png && save_plot(in, p, png, call->span, e) != 0) goto out;
out:
    for (int i = 0; i < nd; i++)
        val_free(own[i]);
    free(svg);
    free(png);
    plot_free(p);
    return NULL;
}

/* --- PIL ------------------------------------------------------------------------- */

/* Image.fromarray(img): an image of a 2-D array, as PIL makes one. */
static Value *f_fromarray(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Array *x = builtin_arr_arg(a, 0, e);
    if (!x) return NULL;
    if (x->ndim != 2) {
        char sh[64];
        int64_t side = 1;
        while (side * side < x->size)
            side++;
        const char *text = a->nodes[0] && a->nodes[0]->text ? a->nodes[0]->text : NULL;
        if (side * side == x->size && x->size > 1 && text && strlen(text) < 60)
            return err_set_at(e, ERR_SHAPE, builtin_arg_span(a, 0),
                              "Image.fromarray needs a 2-D image (rows, cols), not %s: try "
                              "Image.fromarray(%s.reshape(%lld, %lld))",
                              shape_str(sh, x->ndim, x->shape), text, (long long)side,
                              (long long)side);
        return err_set_at(e, ERR_SHAPE, builtin_arg_span(a, 0),
                          "Image.fromarray needs a 2-D image (rows, cols), not %s",
                          shape_str(sh, x->ndim, x->shape));
    }
    Value *v = builtin_wrap(arr_copy(x, e), e);
    if (v) v->kind = V_IMAGE;
    return v;
}

/* pil_img.show(): draw the image in the terminal (a window in Python). */
static Value *f_image_show(Interp *in, const CallArgs *a, Err *e) {
    if (a->v[0]->kind != V_IMAGE)
        return err_set_at(e, ERR_TYPE, a->call->span, "show() draws an Image");
    if (plotcmd_show_image(in, a->v[0]->arr, e) != 0) return NULL;
    return builtin_none(e);
}

/* --- the table ------------------------------------------------------------------ */

#define PYPLOT(name, sig, summary, numpy, example, mn, mx, kw, fn)                                 \
    { "pyplot." name, "plot", sig, summary, numpy, NULL, example, mn, mx, kw, fn, NULL }

const Builtin plot_builtins[] = {
    {"Image.fromarray", "plot", "Image.fromarray(img)",
     "PIL's image of a 2-D array of pixels (from PIL import Image); .show() draws it in the "
     "terminal.",
     "Image.fromarray(np.uint8(img)).show()", "(rows, cols)",
     "Image.fromarray(np.uint8(x_test[0].reshape(28, 28) * 255)).show()", 1, 1, NULL, f_fromarray},
    {"Image.Image.show", "plot", "pil_img.show()",
     "Draw a PIL image in the terminal, as img_show and show do.", "pil_img.show()", NULL,
     "Image.fromarray(np.uint8(img)).show()", 1, 1, NULL, f_image_show},
    {"plot", "plot", "plot FUNCTION... [LO HI] | plot [X] Y... [OPTIONS]",
     "Draw functions by name over a range (-5 5 unless given), each a curve in the legend, or "
     "data: y against x. Braille dots in the terminal. Options: --svg FILE, --png FILE, "
     "--title T, --xlabel T, --ylabel T, --grid, ylim=(LO, HI), xlim=(LO, HI).",
     "plt.plot(x, sigmoid(x)); plt.show()", "x and y alike (n,)", "plot step_function sigmoid", 0,
     -1, "svg png title xlabel ylabel grid ylim xlim", NULL, cmd_plot},
    PYPLOT("plot", "plt.plot([x,] y [, fmt], label=None)",
           "Add a line to the figure; fmt sets colour, marker and line style: 'k--' 'r-' 'bo' "
           "'g:'.",
           "plt.plot(x, y2, 'k--', label=\"step\")", "plt.plot(x, y)", 1, -1,
           "label color linestyle", f_plot),
    PYPLOT("show", "plt.show()", "Draw the figure in the terminal and start a new one.",
           "plt.show()", "plt.show()", 0, 0, NULL, f_show),
    PYPLOT("savefig", "plt.savefig(fname)",
           "Write the figure to a .svg or .png file (640 x 480), replacing it whole.",
           "plt.savefig(\"s.svg\")", "plt.savefig(\"s.svg\")", 1, 1, NULL, f_savefig),
    PYPLOT("ylim", "plt.ylim(bottom, top)", "Fix the range of the y axis.", "plt.ylim(-0.1, 1.1)",
           "plt.ylim(-0.1, 1.1)", 1, 2, NULL, f_ylim),
    PYPLOT("xlim", "plt.xlim(left, right)", "Fix the range of the x axis.", "plt.xlim(-6, 6)",
           "plt.xlim(-6, 6)", 1, 2, NULL, f_xlim),
    PYPLOT("title", "plt.title(text)", "Set the figure's title.", "plt.title(\"sigmoid\")",
           "plt.title(\"sigmoid\")", 1, 1, NULL, f_title),
    PYPLOT("xlabel", "plt.xlabel(text)", "Name the x axis.", "plt.xlabel(\"x\")",
           "plt.xlabel(\"x\")", 1, 1, NULL, f_xlabel),
    PYPLOT("ylabel", "plt.ylabel(text)", "Name the y axis.", "plt.ylabel(\"y\")",
           "plt.ylabel(\"y\")", 1, 1, NULL, f_ylabel),
    PYPLOT("legend", "plt.legend()", "Show the labels of the lines in a legend.", "plt.legend()",
           "plt.legend()", 0, 0, NULL, f_legend),
    PYPLOT("grid", "plt.grid([on])", "Draw grid lines at the ticks (grid(False): none).",
           "plt.grid()", "plt.grid()", 0, 1, NULL, f_grid),
    PYPLOT("figure", "plt.figure()", "Start a new, empty figure.", "plt.figure()", "plt.figure()",
           0, 0, NULL, f_figure),
    PYPLOT("close", "plt.close()", "Throw the current figure away.", "plt.close()", "plt.close()",
           0, 0, NULL, f_figure),
    PYPLOT("hist", "plt.hist(x, bins=10)",
           "Count the values into equal bins and draw the counts as bars.",
           "plt.hist(W1.flatten(), bins=50)", "plt.hist(W1.flatten(), bins=50)", 1, 2, "bins",
           f_hist),
    PYPLOT("imshow", "plt.imshow(img, cmap='gray')",
           "Put an image in the figure (grey levels; plt.show() draws it).",
           "plt.imshow(img, cmap='gray')", "plt.imshow(x_test[0].reshape(28, 28), cmap='gray')", 1,
           1, "cmap", f_imshow),
    {NULL},
};
