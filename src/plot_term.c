/* plot_term.c - drawing a Plot in the terminal with Braille characters:
 * each character cell holds 2 x 4 dots (U+2800 + one bit per dot), so an
 * 80-column terminal gives about 150 x 80 dots for the curves. Around
 * them: the y axis with tick labels at round numbers, the x axis with its
 * labels, the title, the axis labels and a legend. On a colour terminal
 * each series has its colour; without colour, series are told apart by
 * their line pattern (solid, dashed, dotted, dash-dot). The whole picture
 * is built in one buffer and written once.
 */
#include "plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "show.h"

/* The dot canvas: one byte of Braille bits per cell and the series that
 * last drew in it (-1 nobody, -2 the grid), for its colour. */
typedef struct Canvas {
    int cols, rows; /* cells */
    int dw, dh;     /* dots: 2 * cols, 4 * rows */
    uint8_t *bits;
    signed char *owner;
} Canvas;

/* The Braille bit of dot (dx, dy) in a cell, dx 0..1, dy 0..3. */
static const uint8_t kDotBit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};

static void dot(Canvas *c, int x, int y, int owner) {
    if (x < 0 || y < 0 || x >= c->dw || y >= c->dh) return;
    int cell = (y / 4) * c->cols + x / 2;
    c->bits[cell] |= kDotBit[y % 4][x % 2];
    c->owner[cell] = (signed char)owner;
}

/* A line pattern as on/off runs of dots, repeated along the line. */
static const char *pattern_of(PlotLine l) {
    switch (l) {
    case PLOT_LINE_DASH: return "111100";
    case PLOT_LINE_DOT: return "100";
    case PLOT_LINE_DASHDOT: return "11110010";
    default: return "1";
    }
}

/* Liang-Barsky: clip the segment to [0, w] x [0, h]; false when it misses. */
static bool clip(double *x0, double *y0, double *x1, double *y1, double w, double h) {
    double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
    double p[4] = {-dx, dx, -dy, dy}, q[4] = {*x0, w - *x0, *y0, h - *y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        double r = q[i] / p[i];
        if (p[i] < 0) {
            if (r > t1) return false;
            if (r > t0) t0 = r;
        } else {
            if (r < t0) return false;
            if (r < t1) t1 = r;
        }
    }
    double ax = *x0 + t0 * dx, ay = *y0 + t0 * dy;
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = ax;
    *y0 = ay;
    return true;
}

/* a straight run of dots from (x0,y0) to (x1,y1) in dot coordinates; *step
 * counts dots along the whole series so the pattern flows on */
static void line(Canvas *c, double x0, double y0, double x1, double y1, const char *pat,
                 int64_t *step, int owner) {
    if (!clip(&x0, &y0, &x1, &y1, c->dw - 1, c->dh - 1)) return;
    double dx = x1 - x0, dy = y1 - y0;
    int n = (int)ceil(fmax(fabs(dx), fabs(dy)));
    size_t plen = strlen(pat);
    for (int i = 0; i <= n; i++) {
        double t = n ? (double)i / n : 0;
        if (i > 0 || *step == 0) (*step)++;
        if (pat[(*step) % plen] == '1' || plen == 1)
            dot(c, (int)lround(x0 + t * dx), (int)lround(y0 + t * dy), owner);
    }
}

static void marker(Canvas *c, int x, int y, char m, int owner) {
    static const struct {
        char m;
        signed char d[10]; /* dx, dy pairs */
        int n;
    } shapes[] = {
        {'.', {0, 0}, 1},
        {'o', {0, 0, 1, 0, 0, 1, 1, 1}, 4},
        {'s', {0, 0, 1, 0, 0, 1, 1, 1}, 4},
        {'+', {0, 0, -1, 0, 1, 0, 0, -1, 0, 1}, 5},
        {'x', {0, 0, -1, -1, 1, 1, -1, 1, 1, -1}, 5},
        {'*', {0, 0, -1, 0, 1, 0, 0, -1, 0, 1}, 5},
        {'^', {0, -1, -1, 0, 1, 0, 0, 0}, 4},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (shapes[i].m == m)
            for (int k = 0; k < shapes[i].n; k++)
                dot(c, x + shapes[i].d[2 * k], y + shapes[i].d[2 * k + 1], owner);
}

/* a marker at dot coordinates (x, y), when it is near the canvas */
static void marker_at(Canvas *c, double x, double y, char m, int owner) {
    if (x > -2 && y > -2 && x < c->dw + 1 && y < c->dh + 1)
        marker(c, (int)lround(x), (int)lround(y), m, owner);
}

/* data -> dot coordinates */
typedef struct Map {
    double x0, x1, y0, y1;
    int dw, dh;
} Map;
static double map_x(const Map *m, double x) {
    return (x - m->x0) / (m->x1 - m->x0) * (m->dw - 1);
}
static double map_y(const Map *m, double y) {
    return (m->y1 - y) / (m->y1 - m->y0) * (m->dh - 1);
}

static void draw_series(Canvas *c, const Map *m, const Plot *p, int i, bool distinct) {
    const PlotSeries *s = &p->series[i];
    if (s->kind == PLOT_KIND_BARS) {
        double base = map_y(m, m->y0 > 0 ? m->y0 : (m->y1 < 0 ? m->y1 : 0));
        for (int64_t k = 0; k < s->n; k++) {
            double a = map_x(m, s->x[k]), b = map_x(m, s->x[k] + s->width);
            double top = map_y(m, s->y[k]);
            if (s->y[k] == 0) continue;
            int xa = (int)lround(a), xb = (int)lround(b) - 1;
            if (xb < xa) xb = xa;
            int ya = (int)lround(fmin(top, base)), yb = (int)lround(fmax(top, base));
            for (int x = xa; x <= xb; x++)
                for (int y = ya < 0 ? 0 : ya; y <= yb && y < c->dh; y++)
                    dot(c, x, y, i);
        }
        return;
    }
    PlotLine l = plot_line_of(p, i, distinct);
    const char *pat = pattern_of(l);
    int64_t step = 0;
    bool have = false;
    double px = 0, py = 0;
    for (int64_t k = 0; k < s->n; k++) {
        if (!isfinite(s->x[k]) || !isfinite(s->y[k])) {
            have = false; /* a NaN breaks the line */
            continue;
        }
        double x = map_x(m, s->x[k]), y = map_y(m, s->y[k]);
        if (s->marker) marker_at(c, x, y, s->marker, i);
        /* dense data: a point on the same dot as the last one drawn adds
         * nothing (the last point is always drawn) */
        if (have && lround(x) == lround(px) && lround(y) == lround(py) && k + 1 < s->n) continue;
        if (l != PLOT_LINE_NONE) {
            if (have)
                line(c, px, py, x, y, pat, &step, i);
            else if (s->n == 1)
                line(c, x, y, x, y, pat, &step, i);
        }
        px = x;
        py = y;
        have = true;
    }
}

/* --- text output ---------------------------------------------------------------- */

static void put_braille(SBuf *b, uint8_t bits) {
    char u[3] = {(char)0xE2, (char)(0xA0 | (bits >> 6)), (char)(0x80 | (bits & 0x3F))};
    sbuf_put(b, u, 3);
}

static const char *ansi_of(PlotColor c) {
    static const char *const codes[PLOT_NCOLORS] = {"34", "38;5;208", "32", "31",
                                                    "35", "36",       "93", "39"};
    return c >= 0 && c < PLOT_NCOLORS ? codes[c] : "39";
}

/* the colour escape to switch to for a cell's owner, or NULL for none */
static void set_color(SBuf *b, const Plot *p, int owner, int *cur, bool color) {
    if (!color || owner == *cur) return;
    if (owner == -1)
        sbuf_puts(b, "\x1b[0m");
    else if (owner == -2)
        sbuf_puts(b, "\x1b[0;2m");
    else
        sbuf_printf(b, "\x1b[0;%sm", ansi_of(plot_color_of(p, owner)));
    *cur = owner;
}

/* the display width of UTF-8 text (every code point one column) */
static int text_width(const char *s) {
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) w++;
    return w;
}

/* a legend sample: 3 cells of the series' pattern (or marker, or a bar) */
static void legend_sample(SBuf *b, const Plot *p, int i, bool distinct) {
    const PlotSeries *s = &p->series[i];
    uint8_t cells[3] = {0, 0, 0};
    if (s->kind == PLOT_KIND_BARS) {
        memset(cells, 0xFF, sizeof cells);
    } else {
        const char *pat = pattern_of(plot_line_of(p, i, distinct));
        size_t plen = strlen(pat);
        if (plot_line_of(p, i, distinct) != PLOT_LINE_NONE)
            for (int x = 0; x < 6; x++)
                if (pat[(x + 1) % plen] == '1' || plen == 1) cells[x / 2] |= kDotBit[1][x % 2];
        if (s->marker) cells[1] |= 0x1B; /* a 2x2 block in the middle cell */
    }
    for (int k = 0; k < 3; k++)
        put_braille(b, cells[k]);
}

void plot_term_size(int fd, int *cols, int *lines) {
    int c = 0, l = 0;
    struct winsize ws;
    if (fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0) {
        c = ws.ws_col;
        l = ws.ws_row;
    }
    const char *ec = getenv("COLUMNS"), *el = getenv("LINES");
    if (c <= 0 && ec) c = atoi(ec);
    if (l <= 0 && el) l = atoi(el);
    if (c <= 0) c = 80;
    if (l <= 0) l = 24;
    *cols = c < 40 ? 40 : c;
    *lines = l < 12 ? 12 : l;
}

/* the image of imshow, drawn with show.c's half blocks or shades */
static char *render_image(const Plot *p, bool color, Err *e) {
    const PlotImage *im = p->image;
    if (im->rows > SHOW_MAX_SIDE || im->cols > SHOW_MAX_SIDE)
        return err_set(e, ERR_VALUE, "the image is %d x %d; the terminal draws at most %d x %d",
                       im->rows, im->cols, SHOW_MAX_SIDE, SHOW_MAX_SIDE);
    int64_t n = (int64_t)im->rows * im->cols;
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t i = 0; i < n; i++)
        if (isfinite(im->v[i])) {
            lo = fmin(lo, im->v[i]);
            hi = fmax(hi, im->v[i]);
        }
    ShowImages si = {1, im->rows, im->cols, malloc((size_t)n)};
    if (!si.pix) return err_set(e, ERR_MEMORY, "imshow: out of memory");
    for (int64_t i = 0; i < n; i++) {
        double t = isfinite(im->v[i]) && hi > lo ? (im->v[i] - lo) / (hi - lo) : 0;
        if (im->reverse) t = 1 - t;
        si.pix[i] = (uint8_t)lround(t * 255);
    }
    ShowStyle st = SHOW_STYLE_ASCII;
    if (color) {
        const char *ct = getenv("COLORTERM");
        st = ct && (strstr(ct, "truecolor") || strstr(ct, "24bit")) ? SHOW_STYLE_RGB
                                                                    : SHOW_STYLE_256;
    }
    char *pic = show_render(&si, NULL, st, 1);
    show_images_free(&si);
    if (!pic) return err_set(e, ERR_MEMORY, "imshow: out of memory");
    if (!p->title[0]) return pic;
    SBuf b = {0};
    sbuf_printf(&b, "%s\n%s", p->title, pic);
    free(pic);
    char *s = sbuf_done(&b);
    return s ? s : err_set(e, ERR_MEMORY, "imshow: out of memory");
}

/* the legend's entries packed into lines no wider than `width` */
static int legend_lines(const Plot *p, int width) {
    if (!plot_has_legend(p)) return 0;
    int lines = 1, x = 0;
    for (int i = 0; i < p->nseries; i++) {
        if (!p->series[i].label[0]) continue;
        int w = 4 + text_width(p->series[i].label);
        if (x && x + 3 + w > width) {
            lines++;
            x = 0;
        }
        x += (x ? 3 : 0) + w;
    }
    return lines;
}

char *plot_render_term(const Plot *p, int cols, int lines, bool color, Err *e) {
    if (p->image) return render_image(p, color, e);
    if (p->nseries == 0)
        return err_set(e, ERR_VALUE,
                       "the figure is empty: plot something first, e.g. plt.plot(x, y)");
    if (cols < 40) cols = 40;
    if (lines < 12) lines = 12;
    bool distinct = !color;
    int avail = lines - 1;
    int head = (p->title[0] ? 1 : 0) + (p->ylabel[0] ? 1 : 0);
    int foot = 2 + (p->xlabel[0] ? 1 : 0) + legend_lines(p, cols - 8);
    int rows = avail - head - foot;
    if (rows < 4) rows = 4;

    /* axes: guess the y labels' width, then fit the x ticks to what is left */
    PlotAxes ax;
    if (!plot_axes(p, (cols - 10) / 10, rows / 3 + 1, &ax, e)) return NULL;
    int lw = 1;
    char lab[48];
    for (int k = 0; k < ax.nyt; k++) {
        plot_tick_label(ax.yt[k], ax.ydec, lab, sizeof lab);
        if ((int)strlen(lab) > lw) lw = (int)strlen(lab);
    }
    int margin = lw + 1;           /* labels and a space; the axis is at column margin */
    int pcols = cols - margin - 2; /* cells right of the axis, one spare column */
    if (!plot_axes(p, pcols / 10 < 2 ? 2 : pcols / 10, rows / 3 + 1, &ax, e)) return NULL;

    Canvas c = {pcols,
                rows,
                2 * pcols,
                4 * rows,
                calloc((size_t)pcols * rows, 1),
                malloc((size_t)pcols * rows)};
    if (!c.bits || !c.owner) {
        free(c.bits);
        free(c.owner);
        return err_set(e, ERR_MEMORY, "plot: out of memory");
    }
    memset(c.owner, -1, (size_t)pcols * rows);
    Map m = {ax.x0, ax.x1, ax.y0, ax.y1, c.dw, c.dh};
    int yrow[PLOT_MAX_TICKS], xcol[PLOT_MAX_TICKS];
    for (int k = 0; k < ax.nyt; k++)
        yrow[k] = (int)lround(map_y(&m, ax.yt[k])) / 4;
    for (int k = 0; k < ax.nxt; k++)
        xcol[k] = (int)lround(map_x(&m, ax.xt[k])) / 2;
    if (p->grid) {
        for (int k = 0; k < ax.nyt; k++)
            for (int x = 0; x < c.dw; x += 4)
                dot(&c, x, (int)lround(map_y(&m, ax.yt[k])), -2);
        for (int k = 0; k < ax.nxt; k++)
            for (int y = 0; y < c.dh; y += 4)
                dot(&c, (int)lround(map_x(&m, ax.xt[k])), y, -2);
    }
    for (int i = 0; i < p->nseries; i++)
        draw_series(&c, &m, p, i, distinct);

    SBuf b = {0};
    int cur = -1;
    if (p->title[0]) {
        int tw = text_width(p->title);
        sbuf_spaces(&b, margin + 1 + (pcols - tw) / 2);
        sbuf_printf(&b, "%s\n", p->title);
    }
    if (p->ylabel[0]) sbuf_printf(&b, "%s\n", p->ylabel);
    for (int r = 0; r < rows; r++) {
        int tick = -1;
        for (int k = 0; k < ax.nyt; k++)
            if (yrow[k] == r) tick = k;
        if (tick >= 0) {
            plot_tick_label(ax.yt[tick], ax.ydec, lab, sizeof lab);
            sbuf_printf(&b, "%*s \xe2\x94\xa4", lw, lab); /* ┤ */
        } else {
            sbuf_spaces(&b, lw + 1);
            sbuf_puts(&b, "\xe2\x94\x82"); /* │ */
        }
        int used = pcols;
        while (used > 0 && c.bits[r * pcols + used - 1] == 0)
            used--; /* no trailing blank cells */
        for (int x = 0; x < used; x++) {
            uint8_t bits = c.bits[r * pcols + x];
            set_color(&b, p, bits ? c.owner[r * pcols + x] : -1, &cur, color);
            put_braille(&b, bits);
        }
        set_color(&b, p, -1, &cur, color);
        sbuf_puts(&b, "\n");
    }
    /* the x axis and its labels */
    sbuf_spaces(&b, lw + 1);
    sbuf_puts(&b, "\xe2\x94\x94"); /* └ */
    for (int x = 0; x < pcols; x++) {
        bool t = false;
        for (int k = 0; k < ax.nxt; k++)
            t = t || xcol[k] == x;
        sbuf_puts(&b, t ? "\xe2\x94\xac" : "\xe2\x94\x80"); /* ┬ ─ */
    }
    sbuf_puts(&b, "\n");
    char row[512];
    int rw = cols < (int)sizeof row - 1 ? cols : (int)sizeof row - 1;
    memset(row, ' ', (size_t)rw);
    int end = -1;
    for (int k = 0; k < ax.nxt; k++) {
        plot_tick_label(ax.xt[k], ax.xdec, lab, sizeof lab);
        int len = (int)strlen(lab);
        int at = margin + 1 + xcol[k] - len / 2;
        if (at + len > rw) at = rw - len;
        if (at <= end) continue; /* would touch the previous label */
        memcpy(row + at, lab, (size_t)len);
        end = at + len;
    }
    while (rw > 0 && row[rw - 1] == ' ')
        rw--;
    sbuf_put(&b, row, (size_t)rw);
    sbuf_puts(&b, "\n");
    if (p->xlabel[0]) {
        sbuf_spaces(&b, margin + 1 + (pcols - text_width(p->xlabel)) / 2);
        sbuf_printf(&b, "%s\n", p->xlabel);
    }
    if (plot_has_legend(p)) {
        int x = 0, width = cols - 8;
        sbuf_spaces(&b, margin + 1);
        for (int i = 0; i < p->nseries; i++) {
            const PlotSeries *s = &p->series[i];
            if (!s->label[0]) continue;
            int w = 4 + text_width(s->label);
            if (x && x + 3 + w > width) {
                sbuf_puts(&b, "\n");
                sbuf_spaces(&b, margin + 1);
                x = 0;
            } else if (x) {
                sbuf_spaces(&b, 3);
            }
            set_color(&b, p, i, &cur, color);
            legend_sample(&b, p, i, distinct);
            set_color(&b, p, -1, &cur, color);
            sbuf_printf(&b, " %s", s->label);
            x += (x ? 3 : 0) + w;
        }
        sbuf_puts(&b, "\n");
    }
    free(c.bits);
    free(c.owner);
    char *out = sbuf_done(&b);
    return out ? out : err_set(e, ERR_MEMORY, "plot: out of memory");
}
