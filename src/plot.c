/* plot.c - the figure model: series, format strings, limits, round-number
 * ticks, histogram binning and the image of imshow. Rendering is elsewhere
 * (plot_term.c, plot_svg.c, plot_png.c). */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

Plot *plot_new(void) {
    return calloc(1, sizeof(Plot));
}

void plot_clear(Plot *p) {
    if (!p) return;
    for (int i = 0; i < p->nseries; i++) {
        free(p->series[i].x);
        free(p->series[i].y);
    }
    if (p->image) free(p->image->v);
    free(p->image);
    memset(p, 0, sizeof *p);
}

void plot_free(Plot *p) {
    plot_clear(p);
    free(p);
}

/* The colour letters of a format string, in PlotColor order; orange has
 * no letter (it is only reached through the cycle). */
static const char kColorLetters[PLOT_NCOLORS] = {'b', 0, 'g', 'r', 'm', 'c', 'y', 'k'};

bool plot_parse_fmt(const char *fmt, PlotColor *color, PlotLine *line, char *marker, Err *e) {
    PlotColor c = PLOT_COLOR_AUTO;
    PlotLine l = PLOT_LINE_NONE;
    char m = 0;
    for (const char *s = fmt; s && *s; s++) {
        const char *hit = *s ? memchr(kColorLetters, *s, sizeof kColorLetters) : NULL;
        if (hit && c == PLOT_COLOR_AUTO) {
            c = (PlotColor)(hit - kColorLetters);
        } else if (*s == '-' && s[1] == '-' && l == PLOT_LINE_NONE) {
            l = PLOT_LINE_DASH;
            s++;
        } else if (*s == '-' && s[1] == '.' && l == PLOT_LINE_NONE) {
            l = PLOT_LINE_DASHDOT;
            s++;
        } else if (*s == '-' && l == PLOT_LINE_NONE) {
            l = PLOT_LINE_SOLID;
        } else if (*s == ':' && l == PLOT_LINE_NONE) {
            l = PLOT_LINE_DOT;
        } else if (strchr(".ox+*s^", *s) && !m) {
            m = *s;
        } else {
            err_set(e, ERR_VALUE,
                    "format string '%s': '%c' is not a colour (b g r c m y k), a marker "
                    "(. o x + * s ^) or a line style (- -- : -.), or it repeats one",
                    fmt, *s);
            return false;
        }
    }
    if (l == PLOT_LINE_NONE && !m) l = PLOT_LINE_SOLID;
    if (color) *color = c;
    if (line) *line = l;
    if (marker) *marker = m;
    return true;
}

static PlotSeries *new_series(Plot *p, int64_t n, Err *e) {
    if (p->nseries >= PLOT_MAX_SERIES)
        return err_set(e, ERR_VALUE,
                       "a figure holds at most %d series; plt.figure() starts a new one",
                       PLOT_MAX_SERIES);
    if (n < 1) return err_set(e, ERR_VALUE, "nothing to plot: the data is empty");
    PlotSeries *s = &p->series[p->nseries];
    memset(s, 0, sizeof *s);
    s->x = malloc((size_t)n * sizeof(double));
    s->y = malloc((size_t)n * sizeof(double));
    if (!s->x || !s->y) {
        free(s->x);
        free(s->y);
        s->x = s->y = NULL;
        return err_set(e, ERR_MEMORY, "plot: out of memory");
    }
    s->n = n;
    s->color = PLOT_COLOR_AUTO;
    p->nseries++;
    return s;
}

PlotSeries *plot_add(Plot *p, const double *x, const double *y, int64_t n, const char *fmt,
                     const char *label, Err *e) {
    PlotColor c;
    PlotLine l;
    char m;
    if (!plot_parse_fmt(fmt, &c, &l, &m, e)) return NULL;
    PlotSeries *s = new_series(p, n, e);
    if (!s) return NULL;
    memcpy(s->x, x, (size_t)n * sizeof(double));
    memcpy(s->y, y, (size_t)n * sizeof(double));
    s->kind = PLOT_KIND_LINE;
    s->color = c;
    s->line = l;
    s->marker = m;
    s->style_given = fmt && (strchr(fmt, '-') || strchr(fmt, ':') || m);
    if (label) snprintf(s->label, sizeof s->label, "%s", label);
    return s;
}

PlotSeries *plot_hist(Plot *p, const double *v, int64_t n, int bins, Err *e) {
    if (bins < 1 || bins > 1000) return err_set(e, ERR_VALUE, "bins must be from 1 to 1000");
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t i = 0; i < n; i++)
        if (isfinite(v[i])) {
            if (v[i] < lo) lo = v[i];
            if (v[i] > hi) hi = v[i];
        }
    if (lo > hi) return err_set(e, ERR_VALUE, "hist: no finite values to count");
    if (lo == hi) { /* NumPy widens an empty range by 0.5 each way */
        lo -= 0.5;
        hi += 0.5;
    }
    PlotSeries *s = new_series(p, bins, e);
    if (!s) return NULL;
    double w = (hi - lo) / bins;
    for (int b = 0; b < bins; b++) {
        s->x[b] = lo + b * w;
        s->y[b] = 0;
    }
    for (int64_t i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        int b = (int)((v[i] - lo) / (hi - lo) * bins);
        if (b >= bins) b = bins - 1; /* the last edge belongs to the last bin */
        if (b < 0) b = 0;
        s->y[b] += 1;
    }
    s->kind = PLOT_KIND_BARS;
    s->width = w;
    s->line = PLOT_LINE_SOLID;
    return s;
}

bool plot_set_image(Plot *p, const double *v, int rows, int cols, bool reverse, Err *e) {
    if (rows < 1 || cols < 1) return err_set(e, ERR_VALUE, "imshow: the image is empty") != NULL;
    PlotImage *im = calloc(1, sizeof *im);
    double *copy = malloc((size_t)rows * (size_t)cols * sizeof(double));
    if (!im || !copy) {
        free(im);
        free(copy);
        return err_set(e, ERR_MEMORY, "imshow: out of memory") != NULL;
    }
    memcpy(copy, v, (size_t)rows * (size_t)cols * sizeof(double));
    im->rows = rows;
    im->cols = cols;
    im->v = copy;
    im->reverse = reverse;
    if (p->image) free(p->image->v);
    free(p->image);
    p->image = im;
    return true;
}

PlotColor plot_color_of(const Plot *p, int i) {
    if (p->series[i].color != PLOT_COLOR_AUTO) return p->series[i].color;
    int k = 0; /* the place of series i among the automatic ones */
    for (int j = 0; j < i; j++)
        if (p->series[j].color == PLOT_COLOR_AUTO) k++;
    static const PlotColor cycle[] = {PLOT_COLOR_BLUE,  PLOT_COLOR_ORANGE,  PLOT_COLOR_GREEN,
                                      PLOT_COLOR_RED,   PLOT_COLOR_MAGENTA, PLOT_COLOR_CYAN,
                                      PLOT_COLOR_YELLOW};
    return cycle[k % (int)(sizeof cycle / sizeof cycle[0])];
}

unsigned plot_color_rgb(PlotColor c) {
    static const unsigned rgb[PLOT_NCOLORS] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
                                               0xbf00bf, 0x17becf, 0xbcbd22, 0x000000};
    return c >= 0 && c < PLOT_NCOLORS ? rgb[c] : 0x1f77b4;
}

const char *plot_color_name(PlotColor c) {
    static const char *const names[PLOT_NCOLORS] = {"blue",    "orange", "green",  "red",
                                                    "magenta", "cyan",   "yellow", "black"};
    return c >= 0 && c < PLOT_NCOLORS ? names[c] : "blue";
}

PlotLine plot_line_of(const Plot *p, int i, bool distinct) {
    const PlotSeries *s = &p->series[i];
    if (!distinct || s->style_given || s->kind == PLOT_KIND_BARS) return s->line;
    int k = 0; /* the place of series i among the plain lines */
    for (int j = 0; j < i; j++)
        if (!p->series[j].style_given && p->series[j].kind == PLOT_KIND_LINE) k++;
    static const PlotLine turn[] = {PLOT_LINE_SOLID, PLOT_LINE_DASH, PLOT_LINE_DOT,
                                    PLOT_LINE_DASHDOT};
    return turn[k % 4];
}

int plot_ticks(double lo, double hi, int maxn, double *out, int *dec) {
    if (maxn < 2) maxn = 2;
    if (maxn > PLOT_MAX_TICKS) maxn = PLOT_MAX_TICKS;
    *dec = 0;
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi)) return 0;
    /* the finest step of 1, 2 or 5 times a power of ten that gives no more
     * than maxn ticks */
    double step = pow(10, floor(log10((hi - lo) / maxn)));
    static const double mult[] = {1, 2, 5};
    for (int k = 0;; k++) {
        double st = mult[k % 3] * step * pow(10, k / 3);
        double cnt = floor(hi / st + 1e-9) - ceil(lo / st - 1e-9) + 1;
        if (cnt <= maxn) {
            step = st;
            break;
        }
    }
    int n = 0;
    double first = ceil(lo / step - 1e-9) * step;
    for (double t = first; t <= hi + step * 1e-9 && n < maxn; t = first + n * step) {
        out[n++] = fabs(t) < step * 1e-9 ? 0.0 : t;
    }
    int d = (int)-floor(log10(step) + 1e-9);
    *dec = d > 0 ? d : 0;
    return n;
}

void plot_tick_label(double v, int dec, char *buf, int n) {
    snprintf(buf, (size_t)n, "%.*f", dec, v);
    /* "-0" or "-0.0" is printed as zero */
    const char *q = buf[0] == '-' ? buf + 1 : NULL;
    if (q && strspn(q, "0.") == strlen(q)) memmove(buf, buf + 1, strlen(buf));
}

bool plot_has_legend(const Plot *p) {
    int labelled = 0;
    for (int i = 0; i < p->nseries; i++)
        if (p->series[i].label[0]) labelled++;
    return labelled > 0 && (p->legend || labelled > 1);
}

/* data range of one axis over every series (bars count their right edges
 * and zero); false when there is nothing finite */
static bool data_range(const Plot *p, bool yaxis, double *lo, double *hi, bool *bars) {
    double a = INFINITY, b = -INFINITY;
    *bars = false;
    for (int i = 0; i < p->nseries; i++) {
        const PlotSeries *s = &p->series[i];
        const double *v = yaxis ? s->y : s->x;
        for (int64_t k = 0; k < s->n; k++) {
            double t = v[k];
            if (!isfinite(t)) continue;
            if (t < a) a = t;
            if (t > b) b = t;
            if (s->kind == PLOT_KIND_BARS && !yaxis && t + s->width > b) b = t + s->width;
        }
        if (s->kind == PLOT_KIND_BARS) {
            *bars = true;
            if (yaxis && a > 0) a = 0;
        }
    }
    *lo = a;
    *hi = b;
    return a <= b;
}

bool plot_axes(const Plot *p, int max_xt, int max_yt, PlotAxes *ax, Err *e) {
    memset(ax, 0, sizeof *ax);
    for (int axis = 0; axis < 2; axis++) {
        bool set = axis ? p->ylim_set : p->xlim_set;
        const double *lim = axis ? p->ylim : p->xlim;
        double lo, hi;
        bool bars;
        if (set) {
            lo = lim[0];
            hi = lim[1];
        } else {
            if (!data_range(p, axis == 1, &lo, &hi, &bars))
                return err_set(e, ERR_VALUE, "nothing to draw: every value is NaN or infinite") !=
                       NULL;
            if (lo == hi) {
                double d = lo == 0 ? 1 : fabs(lo) * 0.5;
                lo -= d;
                hi += d;
            }
            double m = (hi - lo) * 0.05;
            /* bars stand on zero, as matplotlib keeps them */
            if (!(bars && axis == 1 && lo == 0)) lo -= m;
            hi += m;
        }
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi == lo) hi = lo + 1;
        if (axis) {
            ax->y0 = lo;
            ax->y1 = hi;
            ax->nyt = plot_ticks(lo, hi, max_yt, ax->yt, &ax->ydec);
        } else {
            ax->x0 = lo;
            ax->x1 = hi;
            ax->nxt = plot_ticks(lo, hi, max_xt, ax->xt, &ax->xdec);
            if (p->xint) { /* keep the whole numbers only */
                int k = 0;
                for (int i = 0; i < ax->nxt; i++)
                    if (ax->xt[i] == floor(ax->xt[i])) ax->xt[k++] = ax->xt[i];
                ax->nxt = k;
                ax->xdec = 0;
            }
        }
    }
    return true;
}

int plot_legend_corner(const Plot *p, const PlotAxes *ax, double wfrac, double hfrac) {
    int64_t count[4] = {0, 0, 0, 0};
    for (int i = 0; i < p->nseries; i++) {
        const PlotSeries *s = &p->series[i];
        int64_t step = s->n > 20000 ? s->n / 20000 : 1; /* a sample is enough */
        for (int64_t k = 0; k < s->n; k += step) {
            double fx = (s->x[k] - ax->x0) / (ax->x1 - ax->x0);
            double fy = (s->y[k] - ax->y0) / (ax->y1 - ax->y0);
            if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) continue;
            bool right = fx >= 1 - wfrac, left = fx <= wfrac;
            bool top = fy >= 1 - hfrac, bottom = fy <= hfrac;
            if (top && right) count[0]++;
            if (top && left) count[1]++;
            if (bottom && right) count[2]++;
            if (bottom && left) count[3]++;
        }
    }
    int best = 0;
    for (int c = 1; c < 4; c++)
        if (count[c] < count[best]) best = c;
    return best;
}
