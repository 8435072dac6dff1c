/* plot_png.c - a Plot as an RGB raster written through png.h: a white page,
 * the frame, ticks and labels in a small built-in 3x5 pixel font drawn at
 * twice its size, the series as anti-aliased lines (each pixel covered by
 * how much of a 2-pixel-wide stroke falls on it), bars, markers and a
 * legend box, or the pixels of an image.
 */
#include "plot.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "png.h"

/* --- the font --------------------------------------------------------------------- */

/* 5 rows of 3 bits per glyph, bit 2 the left column. */
static const struct {
    char c;
    unsigned char rows[5];
} kFont[] = {
    {'0', {7, 5, 5, 5, 7}}, {'1', {2, 6, 2, 2, 7}}, {'2', {7, 1, 7, 4, 7}},  {'3', {7, 1, 7, 1, 7}},
    {'4', {5, 5, 7, 1, 1}}, {'5', {7, 4, 7, 1, 7}}, {'6', {7, 4, 7, 5, 7}},  {'7', {7, 1, 2, 2, 2}},
    {'8', {7, 5, 7, 5, 7}}, {'9', {7, 5, 7, 1, 7}}, {'A', {2, 5, 7, 5, 5}},  {'B', {6, 5, 6, 5, 6}},
    {'C', {3, 4, 4, 4, 3}}, {'D', {6, 5, 5, 5, 6}}, {'E', {7, 4, 6, 4, 7}},  {'F', {7, 4, 6, 4, 4}},
    {'G', {3, 4, 5, 5, 3}}, {'H', {5, 5, 7, 5, 5}}, {'I', {7, 2, 2, 2, 7}},  {'J', {1, 1, 1, 5, 2}},
    {'K', {5, 5, 6, 5, 5}}, {'L', {4, 4, 4, 4, 7}}, {'M', {5, 7, 7, 5, 5}},  {'N', {6, 5, 5, 5, 5}},
    {'O', {2, 5, 5, 5, 2}}, {'P', {6, 5, 6, 4, 4}}, {'Q', {2, 5, 5, 6, 3}},  {'R', {6, 5, 6, 5, 5}},
    {'S', {3, 4, 2, 1, 6}}, {'T', {7, 2, 2, 2, 2}}, {'U', {5, 5, 5, 5, 7}},  {'V', {5, 5, 5, 5, 2}},
    {'W', {5, 5, 7, 7, 5}}, {'X', {5, 5, 2, 5, 5}}, {'Y', {5, 5, 2, 2, 2}},  {'Z', {7, 1, 2, 4, 7}},
    {' ', {0, 0, 0, 0, 0}}, {'-', {0, 0, 7, 0, 0}}, {'.', {0, 0, 0, 0, 2}},  {',', {0, 0, 0, 2, 4}},
    {'+', {0, 2, 7, 2, 0}}, {':', {0, 2, 0, 2, 0}}, {'(', {1, 2, 2, 2, 1}},  {')', {4, 2, 2, 2, 4}},
    {'[', {3, 2, 2, 2, 3}}, {']', {6, 2, 2, 2, 6}}, {'=', {0, 7, 0, 7, 0}},  {'_', {0, 0, 0, 0, 7}},
    {'/', {1, 1, 2, 4, 4}}, {'%', {5, 1, 2, 4, 5}}, {'\'', {2, 2, 0, 0, 0}}, {'?', {7, 1, 2, 0, 2}},
    {'!', {2, 2, 2, 0, 2}}, {'<', {1, 2, 4, 2, 1}}, {'>', {4, 2, 1, 2, 4}},  {'#', {5, 7, 5, 7, 5}},
    {'*', {5, 2, 7, 2, 5}},
};
static const unsigned char kBox[5] = {7, 5, 5, 5, 7};

const unsigned char *plot_font_glyph(char c) {
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    for (size_t i = 0; i < sizeof kFont / sizeof kFont[0]; i++)
        if (kFont[i].c == c) return kFont[i].rows;
    return kBox;
}

/* --- a canvas of RGB pixels ------------------------------------------------------- */

typedef struct Raster {
    int w, h;
    uint8_t *rgb;
} Raster;

static void blend(Raster *r, int x, int y, unsigned rgb, double a) {
    if (x < 0 || y < 0 || x >= r->w || y >= r->h || a <= 0) return;
    if (a > 1) a = 1;
    uint8_t *p = r->rgb + 3 * ((size_t)y * r->w + x);
    for (int k = 0; k < 3; k++) {
        double c = (rgb >> (16 - 8 * k)) & 0xFF;
        p[k] = (uint8_t)lround(p[k] * (1 - a) + c * a);
    }
}

static void fill(Raster *r, int x0, int y0, int x1, int y1, unsigned rgb) {
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            blend(r, x, y, rgb, 1);
}

void plot_draw_text(uint8_t *rgb, int w, int h, int x, int y, const char *s, int scale,
                    unsigned color) {
    Raster r = {w, h, rgb};
    for (; *s; s++, x += 4 * scale) {
        const unsigned char *g = plot_font_glyph(*s);
        for (int row = 0; row < 5; row++)
            for (int col = 0; col < 3; col++)
                if (g[row] & (4 >> col))
                    fill(&r, x + col * scale, y + row * scale, x + (col + 1) * scale,
                         y + (row + 1) * scale, color);
    }
}

int plot_text_width(const char *s, int scale) {
    return *s ? (int)strlen(s) * 4 * scale - scale : 0;
}

/* text with its top-left corner at (x, y), each font pixel sc x sc */
static void text(Raster *r, int x, int y, const char *s, int sc, unsigned rgb) {
    plot_draw_text(r->rgb, r->w, r->h, x, y, s, sc, rgb);
}
static int text_w(const char *s, int sc) {
    return plot_text_width(s, sc);
}

/* The coverage of one series, kept apart so that where its own segments
 * overlap the stroke does not darken; composited once at the end. */
typedef struct Cover {
    int w, h;
    float *a;
} Cover;

static void cover_max(Cover *c, int x, int y, double a) {
    if (x < 0 || y < 0 || x >= c->w || y >= c->h || a <= 0) return;
    float *p = &c->a[(size_t)y * c->w + x];
    if (a > *p) *p = (float)(a > 1 ? 1 : a);
}

/* a stroke of half-width hw from (x0,y0) to (x1,y1), anti-aliased: each
 * pixel gets hw + 0.5 minus its distance from the segment, within 0..1 */
static void stroke(Cover *c, double x0, double y0, double x1, double y1, double hw) {
    double lim = 4.0 * (c->w + c->h);
    if (fabs(x0) > lim || fabs(x1) > lim || fabs(y0) > lim || fabs(y1) > lim) {
        /* far outside: walk it in short pieces, drawing only near the page */
        double len = hypot(x1 - x0, y1 - y0);
        if (!(len < 1e12)) return;
        int n = (int)(len / (lim / 4)) + 1;
        for (int i = 0; i < n; i++) {
            double ta = (double)i / n, tb = (double)(i + 1) / n;
            double ax = x0 + ta * (x1 - x0), ay = y0 + ta * (y1 - y0);
            double bx = x0 + tb * (x1 - x0), by = y0 + tb * (y1 - y0);
            if (fmax(ax, bx) < -2 || fmin(ax, bx) > c->w + 2 || fmax(ay, by) < -2 ||
                fmin(ay, by) > c->h + 2)
                continue;
            stroke(c, ax, ay, bx, by, hw);
        }
        return;
    }
    int xa = (int)floor(fmin(x0, x1) - hw - 1), xb = (int)ceil(fmax(x0, x1) + hw + 1);
    int ya = (int)floor(fmin(y0, y1) - hw - 1), yb = (int)ceil(fmax(y0, y1) + hw + 1);
    if (xa < 0) xa = 0;
    if (ya < 0) ya = 0;
    if (xb >= c->w) xb = c->w - 1;
    if (yb >= c->h) yb = c->h - 1;
    double dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
    for (int y = ya; y <= yb; y++)
        for (int x = xa; x <= xb; x++) {
            double px = x + 0.5 - x0, py = y + 0.5 - y0;
            double t = l2 > 0 ? (px * dx + py * dy) / l2 : 0;
            if (t < 0) t = 0;
            if (t > 1) t = 1;
            double d = hypot(px - t * dx, py - t * dy);
            cover_max(c, x, y, hw + 0.5 - d);
        }
}

/* on/off lengths in pixels of a line style; NULL for solid */
static const double *dashes_of(PlotLine l, int *n) {
    static const double dash[] = {8, 5}, dot[] = {2, 4}, dashdot[] = {8, 4, 2, 4};
    switch (l) {
    case PLOT_LINE_DASH: *n = 2; return dash;
    case PLOT_LINE_DOT: *n = 2; return dot;
    case PLOT_LINE_DASHDOT: *n = 4; return dashdot;
    default: *n = 0; return NULL;
    }
}

/* a segment with the dash pattern continued from *phase (pixels along) */
static void dashed(Cover *c, double x0, double y0, double x1, double y1, const double *pat, int n,
                   double *phase) {
    if (!pat) {
        stroke(c, x0, y0, x1, y1, 1.0);
        return;
    }
    double len = hypot(x1 - x0, y1 - y0), period = 0;
    for (int i = 0; i < n; i++)
        period += pat[i];
    if (len > 1e5) len = 1e5; /* far outside the page anyway */
    double done = 0;
    while (done < len) {
        double ph = fmod(*phase, period);
        int k = 0;
        double acc = 0;
        while (acc + pat[k] <= ph)
            acc += pat[k++];
        double piece = fmin(acc + pat[k] - ph, len - done);
        if (k % 2 == 0) {
            double ta = done / len, tb = (done + piece) / len;
            stroke(c, x0 + ta * (x1 - x0), y0 + ta * (y1 - y0), x0 + tb * (x1 - x0),
                   y0 + tb * (y1 - y0), 1.0);
        }
        done += piece;
        *phase += piece;
    }
}

static void composite(Raster *r, const Cover *c, unsigned rgb, int L, int T, int R, int B) {
    for (int y = T; y <= B; y++)
        for (int x = L; x <= R; x++) {
            float *a = &c->a[(size_t)y * c->w + x];
            if (*a > 0) blend(r, x, y, rgb, *a);
            *a = 0;
        }
}

static void render_image(Raster *r, const PlotImage *im) {
    int64_t n = (int64_t)im->rows * im->cols;
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t i = 0; i < n; i++)
        if (isfinite(im->v[i])) {
            lo = fmin(lo, im->v[i]);
            hi = fmax(hi, im->v[i]);
        }
    double side = fmin((r->w - 40.0) / im->cols, (r->h - 60.0) / im->rows);
    int left = (int)((r->w - side * im->cols) / 2), top = 40;
    for (int y = 0; y < (int)(side * im->rows); y++)
        for (int x = 0; x < (int)(side * im->cols); x++) {
            int pr = (int)(y / side), pc = (int)(x / side);
            if (pr >= im->rows || pc >= im->cols) continue;
            double v = im->v[(int64_t)pr * im->cols + pc];
            double t = isfinite(v) && hi > lo ? (v - lo) / (hi - lo) : 0;
            if (im->reverse) t = 1 - t;
            unsigned g = (unsigned)lround(t * 255);
            blend(r, left + x, top + y, g << 16 | g << 8 | g, 1);
        }
}

uint8_t *plot_render_rgb(const Plot *p, int w, int h, Err *e) {
    if (w < 200 || h < 150 || w > 8000 || h > 8000)
        return err_set(e, ERR_VALUE, "a PNG figure is 200 x 150 to 8000 x 8000 pixels");
    if (!p->image && p->nseries == 0)
        return err_set(e, ERR_VALUE,
                       "the figure is empty: plot something first, e.g. plt.plot(x, y)");
    Raster r = {w, h, malloc((size_t)w * h * 3)};
    if (!r.rgb) return err_set(e, ERR_MEMORY, "png: out of memory");
    memset(r.rgb, 255, (size_t)w * h * 3);
    int L = 70, R = w - 20, T = 40, B = h - 60;
    if (p->title[0])
        text(&r, (p->image ? w : L + R) / 2 - text_w(p->title, 3) / 2, 10, p->title, 3, 0x000000);
    if (p->image) {
        render_image(&r, p->image);
        return r.rgb;
    }
    PlotAxes ax;
    if (!plot_axes(p, (R - L) / 70 + 1, (B - T) / 45 + 1, &ax, e)) {
        free(r.rgb);
        return NULL;
    }
#define SX(x) (L + ((x)-ax.x0) / (ax.x1 - ax.x0) * (R - L))
#define SY(y) (B - ((y)-ax.y0) / (ax.y1 - ax.y0) * (B - T))
    if (p->grid) {
        for (int k = 0; k < ax.nxt; k++)
            fill(&r, (int)lround(SX(ax.xt[k])), T, (int)lround(SX(ax.xt[k])) + 1, B, 0xd8d8d8);
        for (int k = 0; k < ax.nyt; k++)
            fill(&r, L, (int)lround(SY(ax.yt[k])), R, (int)lround(SY(ax.yt[k])) + 1, 0xd8d8d8);
    }
    Cover cv = {w, h, calloc((size_t)w * h, sizeof(float))};
    if (!cv.a) {
        free(r.rgb);
        return err_set(e, ERR_MEMORY, "png: out of memory");
    }
    for (int i = 0; i < p->nseries; i++) {
        const PlotSeries *s = &p->series[i];
        unsigned rgb = plot_color_rgb(plot_color_of(p, i));
        if (s->kind == PLOT_KIND_BARS) {
            double base = SY(ax.y0 > 0 ? ax.y0 : 0);
            for (int64_t k = 0; k < s->n; k++) {
                int x0 = (int)lround(SX(s->x[k])), x1 = (int)lround(SX(s->x[k] + s->width));
                int y1 = (int)lround(SY(s->y[k]));
                if (x1 <= x0) x1 = x0 + 1;
                fill(&r, x0 < L ? L : x0, y1 < T ? T : y1, x1 > R ? R : x1, (int)lround(base), rgb);
            }
            continue;
        }
        int np;
        const double *pat = dashes_of(plot_line_of(p, i, false), &np);
        double phase = 0, px = 0, py = 0;
        bool have = false;
        for (int64_t k = 0; k < s->n; k++) {
            if (!isfinite(s->x[k]) || !isfinite(s->y[k])) {
                have = false;
                continue;
            }
            double x = SX(s->x[k]), y = SY(s->y[k]);
            if (s->marker && x > -4 && y > -4 && x < w + 4 && y < h + 4)
                stroke(&cv, x, y, x, y, s->marker == '.' ? 1.5 : 3.0);
            /* dense data: points within half a pixel of the last one drawn
             * are passed over (the last point is always drawn) */
            if (have && fabs(x - px) < 0.5 && fabs(y - py) < 0.5 && k + 1 < s->n) continue;
            if (s->line != PLOT_LINE_NONE && have) dashed(&cv, px, py, x, y, pat, np, &phase);
            px = x;
            py = y;
            have = true;
        }
        composite(&r, &cv, rgb, L, T, R, B); /* clipped to the plot area */
    }
    free(cv.a);
    /* frame, ticks, labels */
    fill(&r, L, T, R + 1, T + 1, 0);
    fill(&r, L, B, R + 1, B + 1, 0);
    fill(&r, L, T, L + 1, B + 1, 0);
    fill(&r, R, T, R + 1, B + 1, 0);
    char lab[48];
    for (int k = 0; k < ax.nxt; k++) {
        int x = (int)lround(SX(ax.xt[k]));
        fill(&r, x, B, x + 1, B + 6, 0);
        plot_tick_label(ax.xt[k], ax.xdec, lab, sizeof lab);
        text(&r, x - text_w(lab, 2) / 2, B + 10, lab, 2, 0);
    }
    for (int k = 0; k < ax.nyt; k++) {
        int y = (int)lround(SY(ax.yt[k]));
        fill(&r, L - 5, y, L, y + 1, 0);
        plot_tick_label(ax.yt[k], ax.ydec, lab, sizeof lab);
        text(&r, L - 9 - text_w(lab, 2), y - 5, lab, 2, 0);
    }
    if (p->xlabel[0]) text(&r, (L + R) / 2 - text_w(p->xlabel, 2) / 2, B + 32, p->xlabel, 2, 0);
    if (p->ylabel[0]) text(&r, 4, T - 16 < 0 ? 0 : T - 16, p->ylabel, 2, 0);
    if (plot_has_legend(p)) {
        int n = 0, wmax = 0;
        for (int i = 0; i < p->nseries; i++)
            if (p->series[i].label[0]) {
                n++;
                int lw = text_w(p->series[i].label, 2);
                if (lw > wmax) wmax = lw;
            }
        int bw = 50 + wmax, bh = 8 + 18 * n;
        int corner = plot_legend_corner(p, &ax, (bw + 20.0) / (R - L), (bh + 20.0) / (B - T));
        int bx = corner % 2 ? L + 10 : R - bw - 10, by = corner < 2 ? T + 10 : B - bh - 10;
        fill(&r, bx, by, bx + bw, by + bh, 0xffffff);
        fill(&r, bx, by, bx + bw, by + 1, 0xb0b0b0);
        fill(&r, bx, by + bh - 1, bx + bw, by + bh, 0xb0b0b0);
        fill(&r, bx, by, bx + 1, by + bh, 0xb0b0b0);
        fill(&r, bx + bw - 1, by, bx + bw, by + bh, 0xb0b0b0);
        int k = 0;
        Cover lc = {w, h, calloc((size_t)w * h, sizeof(float))};
        for (int i = 0; i < p->nseries && lc.a; i++) {
            const PlotSeries *s = &p->series[i];
            if (!s->label[0]) continue;
            int y = by + 13 + 18 * k++;
            unsigned rgb = plot_color_rgb(plot_color_of(p, i));
            if (s->kind == PLOT_KIND_BARS) {
                fill(&r, bx + 8, y - 4, bx + 36, y + 4, rgb);
            } else {
                int np;
                const double *pat = dashes_of(plot_line_of(p, i, false), &np);
                double phase = 0;
                if (s->line != PLOT_LINE_NONE) dashed(&lc, bx + 8, y, bx + 36, y, pat, np, &phase);
                if (s->marker) stroke(&lc, bx + 22, y, bx + 22, y, 3.0);
                composite(&r, &lc, rgb, bx, by, bx + bw - 1, by + bh - 1);
            }
            text(&r, bx + 44, y - 5, s->label, 2, 0);
        }
        free(lc.a);
    }
#undef SX
#undef SY
    return r.rgb;
}

/* Write len bytes to path through a temporary file in the same directory
 * and a rename, so a reader never sees half a file. (To be replaced by the
 * shared atomic writer once there is one.) */
static int write_atomic(const char *path, const void *data, size_t len, Err *e) {
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp) return err_set(e, ERR_MEMORY, "out of memory"), -1;
    snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        err_set(e, ERR_IO, "cannot write %s: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    (void)fchmod(fd, 0644); /* mkstemp makes it private; a picture is not */
    FILE *f = fdopen(fd, "wb");
    bool ok = f && fwrite(data, 1, len, f) == len;
    if (f)
        ok = fclose(f) == 0 && ok;
    else
        close(fd);
    if (ok) ok = rename(tmp, path) == 0;
    if (!ok) {
        err_set(e, ERR_IO, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}

int plot_write_rgb_png(const char *path, const uint8_t *rgb, int w, int h, Err *e) {
    size_t len = 0;
    uint8_t *bytes = png_encode(rgb, w, h, 3, -1, &len, e);
    if (!bytes) return -1;
    int rc = write_atomic(path, bytes, len, e);
    free(bytes);
    return rc;
}

int plot_write_png(const Plot *p, const char *path, int w, int h, Err *e) {
    uint8_t *rgb = plot_render_rgb(p, w, h, e);
    if (!rgb) return -1;
    int rc = plot_write_rgb_png(path, rgb, w, h, e);
    free(rgb);
    return rc;
}
