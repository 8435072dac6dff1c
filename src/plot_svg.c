/* plot_svg.c - a Plot as a standalone SVG document: a white page, the
 * plot frame, ticks with their labels at round numbers, an optional grid,
 * one <path> per series (a NaN breaks the line with a new move-to), the
 * title, the axis labels and a legend box, or the pixels of an image.
 * Any browser shows the file; no script or external reference is used.
 */
#include "plot.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The one writer of text files for the plots (see plot.h): through a
 * temporary file in the same directory and a rename. (To be replaced by the
 * shared atomic writer once there is one.) */
int plot_write_file(const char *path, const void *data, size_t len, Err *e) {
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

/* text with & < > " escaped */
static void put_text(SBuf *b, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': sbuf_puts(b, "&amp;"); break;
        case '<': sbuf_puts(b, "&lt;"); break;
        case '>': sbuf_puts(b, "&gt;"); break;
        case '"': sbuf_puts(b, "&quot;"); break;
        default: sbuf_put(b, s, 1);
        }
    }
}

static const char *dash_of(PlotLine l) {
    switch (l) {
    case PLOT_LINE_DASH: return " stroke-dasharray=\"7,4\"";
    case PLOT_LINE_DOT: return " stroke-dasharray=\"2,3\"";
    case PLOT_LINE_DASHDOT: return " stroke-dasharray=\"7,3,2,3\"";
    default: return "";
    }
}

static void render_image(SBuf *b, const PlotImage *im, int w, int h) {
    int64_t n = (int64_t)im->rows * im->cols;
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t i = 0; i < n; i++)
        if (isfinite(im->v[i])) {
            lo = fmin(lo, im->v[i]);
            hi = fmax(hi, im->v[i]);
        }
    double side = fmin((w - 40.0) / im->cols, (h - 60.0) / im->rows);
    double left = (w - side * im->cols) / 2, top = 40;
    sbuf_puts(b, "<g class=\"image\" shape-rendering=\"crispEdges\">\n");
    for (int r = 0; r < im->rows; r++)
        for (int c = 0; c < im->cols; c++) {
            double v = im->v[(int64_t)r * im->cols + c];
            double t = isfinite(v) && hi > lo ? (v - lo) / (hi - lo) : 0;
            if (im->reverse) t = 1 - t;
            int g = (int)lround(t * 255);
            sbuf_printf(b,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        "fill=\"#%02x%02x%02x\"/>\n",
                        left + c * side, top + r * side, side + 0.05, side + 0.05, g, g, g);
        }
    sbuf_puts(b, "</g>\n");
}

char *plot_render_svg(const Plot *p, int w, int h, Err *e) {
    if (w < 200 || h < 150 || w > 10000 || h > 10000)
        return err_set(e, ERR_VALUE, "an SVG figure is 200 x 150 to 10000 x 10000 pixels");
    if (!p->image && p->nseries == 0)
        return err_set(e, ERR_VALUE,
                       "the figure is empty: plot something first, e.g. plt.plot(x, y)");
    PlotAxes ax = {0};
    double L = 70, R = w - 20, T = 40, B = h - 60;
    if (!p->image && !plot_axes(p, (int)((R - L) / 70) + 1, (int)((B - T) / 45) + 1, &ax, e))
        return NULL;
    SBuf b = {0};
    sbuf_printf(&b,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">\n"
                "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
                w, h, w, h, w, h);
    if (p->title[0]) {
        sbuf_printf(&b,
                    "<text class=\"title\" x=\"%.1f\" y=\"26\" text-anchor=\"middle\" "
                    "font-size=\"16\">",
                    p->image ? w / 2.0 : (L + R) / 2);
        put_text(&b, p->title);
        sbuf_puts(&b, "</text>\n");
    }
    if (p->image) {
        render_image(&b, p->image, w, h);
        sbuf_puts(&b, "</svg>\n");
        char *s = sbuf_done(&b);
        return s ? s : err_set(e, ERR_MEMORY, "svg: out of memory");
    }
#define SX(x) (L + ((x)-ax.x0) / (ax.x1 - ax.x0) * (R - L))
#define SY(y) (B - ((y)-ax.y0) / (ax.y1 - ax.y0) * (B - T))
    sbuf_printf(&b,
                "<defs><clipPath id=\"area\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"%.1f\"/></clipPath></defs>\n",
                L, T, R - L, B - T);
    if (p->grid) {
        sbuf_puts(&b, "<g class=\"grid\" stroke=\"#d0d0d0\" stroke-width=\"0.8\">\n");
        for (int k = 0; k < ax.nxt; k++)
            sbuf_printf(&b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\"/>\n",
                        SX(ax.xt[k]), T, SX(ax.xt[k]), B);
        for (int k = 0; k < ax.nyt; k++)
            sbuf_printf(&b, "<line x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\"/>\n", L,
                        SY(ax.yt[k]), R, SY(ax.yt[k]));
        sbuf_puts(&b, "</g>\n");
    }
    /* the series, clipped to the plot area */
    sbuf_puts(&b, "<g clip-path=\"url(#area)\" fill=\"none\" stroke-width=\"1.6\" "
                  "stroke-linejoin=\"round\">\n");
    for (int i = 0; i < p->nseries; i++) {
        const PlotSeries *s = &p->series[i];
        unsigned rgb = plot_color_rgb(plot_color_of(p, i));
        PlotLine l = plot_line_of(p, i, false);
        if (s->kind == PLOT_KIND_BARS) {
            sbuf_printf(&b, "<path class=\"series\" fill=\"#%06x\" stroke=\"none\" d=\"", rgb);
            for (int64_t k = 0; k < s->n; k++) {
                double x0 = SX(s->x[k]), x1 = SX(s->x[k] + s->width);
                double y0 = SY(0 > ax.y0 ? 0 : ax.y0), y1 = SY(s->y[k]);
                sbuf_printf(&b, "M%.2f %.2fH%.2fV%.2fH%.2fZ", x0, y0, x1, y1, x0);
            }
            sbuf_puts(&b, "\"/>\n");
            continue;
        }
        sbuf_printf(&b, "<path class=\"series\" stroke=\"#%06x\"%s%s d=\"", rgb, dash_of(l),
                    l == PLOT_LINE_NONE ? " stroke-opacity=\"0\"" : "");
        bool pen = false;
        long lx = 0, ly = 0; /* the last point written, in hundredths */
        for (int64_t k = 0; k < s->n; k++) {
            if (!isfinite(s->x[k]) || !isfinite(s->y[k])) {
                pen = false;
                continue;
            }
            double x = fmax(-1e6, fmin(1e6, SX(s->x[k]))), y = fmax(-1e6, fmin(1e6, SY(s->y[k])));
            long hx = lround(x * 100), hy = lround(y * 100);
            if (pen && hx == lx && hy == ly) continue; /* the same point as written */
            lx = hx;
            ly = hy;
            sbuf_printf(&b, "%c%.2f %.2f", pen ? 'L' : 'M', x, y);
            pen = true;
        }
        sbuf_puts(&b, "\"/>\n");
        if (s->marker) {
            sbuf_printf(&b, "<g class=\"markers\" fill=\"#%06x\" stroke=\"none\">\n", rgb);
            for (int64_t k = 0; k < s->n; k++)
                if (isfinite(s->x[k]) && isfinite(s->y[k]))
                    sbuf_printf(&b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%s\"/>\n", SX(s->x[k]),
                                SY(s->y[k]), s->marker == '.' ? "1.5" : "3");
            sbuf_puts(&b, "</g>\n");
        }
    }
    sbuf_puts(&b, "</g>\n");
    /* the frame, the ticks and their labels */
    sbuf_printf(&b,
                "<g class=\"axes\" stroke=\"#000000\" stroke-width=\"1\">\n"
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\"/>\n",
                L, T, R - L, B - T);
    char lab[48];
    sbuf_puts(&b, "<g class=\"xticks\">\n");
    for (int k = 0; k < ax.nxt; k++) {
        plot_tick_label(ax.xt[k], ax.xdec, lab, sizeof lab);
        sbuf_printf(
            &b,
            "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\"/>"
            "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"middle\" stroke=\"none\">%s</text>\n",
            SX(ax.xt[k]), B, SX(ax.xt[k]), B + 5, SX(ax.xt[k]), B + 20, lab);
    }
    sbuf_puts(&b, "</g>\n<g class=\"yticks\">\n");
    for (int k = 0; k < ax.nyt; k++) {
        plot_tick_label(ax.yt[k], ax.ydec, lab, sizeof lab);
        sbuf_printf(&b,
                    "<line x1=\"%.1f\" y1=\"%.2f\" x2=\"%.1f\" y2=\"%.2f\"/>"
                    "<text x=\"%.1f\" y=\"%.2f\" text-anchor=\"end\" stroke=\"none\">%s</text>\n",
                    L - 5, SY(ax.yt[k]), L, SY(ax.yt[k]), L - 8, SY(ax.yt[k]) + 4.5, lab);
    }
    sbuf_puts(&b, "</g>\n</g>\n");
    if (p->xlabel[0]) {
        sbuf_printf(&b, "<text class=\"xlabel\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                    (L + R) / 2, B + 42);
        put_text(&b, p->xlabel);
        sbuf_puts(&b, "</text>\n");
    }
    if (p->ylabel[0]) {
        sbuf_printf(&b,
                    "<text class=\"ylabel\" x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                    "transform=\"rotate(-90 16 %.1f)\">",
                    (T + B) / 2, (T + B) / 2);
        put_text(&b, p->ylabel);
        sbuf_puts(&b, "</text>\n");
    }
    if (plot_has_legend(p)) {
        int n = 0, wmax = 0;
        for (int i = 0; i < p->nseries; i++)
            if (p->series[i].label[0]) {
                n++;
                int lw = (int)strlen(p->series[i].label);
                if (lw > wmax) wmax = lw;
            }
        double bw = 44 + wmax * 7.5, bh = 8 + 20 * n;
        int corner = plot_legend_corner(p, &ax, (bw + 20) / (R - L), (bh + 20) / (B - T));
        double bx = corner % 2 ? L + 10 : R - bw - 10, by = corner < 2 ? T + 10 : B - bh - 10;
        sbuf_printf(&b,
                    "<g class=\"legend\">\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    "height=\"%d\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#c0c0c0\"/>\n",
                    bx, by, bw, 8 + 20 * n);
        int k = 0;
        for (int i = 0; i < p->nseries; i++) {
            const PlotSeries *s = &p->series[i];
            if (!s->label[0]) continue;
            double y = by + 18 + 20 * k++;
            unsigned rgb = plot_color_rgb(plot_color_of(p, i));
            if (s->kind == PLOT_KIND_BARS)
                sbuf_printf(&b,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"24\" height=\"8\" "
                            "fill=\"#%06x\"/>\n",
                            bx + 8, y - 4, rgb);
            else
                sbuf_printf(&b,
                            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                            "stroke=\"#%06x\" stroke-width=\"1.6\"%s/>\n",
                            bx + 8, y, bx + 32, y, rgb, dash_of(plot_line_of(p, i, false)));
            sbuf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\">", bx + 38, y + 4.5);
            put_text(&b, s->label);
            sbuf_puts(&b, "</text>\n");
        }
        sbuf_puts(&b, "</g>\n");
    }
#undef SX
#undef SY
    sbuf_puts(&b, "</svg>\n");
    char *s = sbuf_done(&b);
    return s ? s : err_set(e, ERR_MEMORY, "svg: out of memory");
}

int plot_write_svg(const Plot *p, const char *path, int w, int h, Err *e) {
    char *s = plot_render_svg(p, w, h, e);
    if (!s) return -1;
    int rc = plot_write_file(path, s, strlen(s), e);
    free(s);
    return rc;
}
