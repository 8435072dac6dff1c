/* test_plot.c - the figure model (ticks, format strings, histograms,
 * limits), the terminal picture at a fixed 80 x 24 without colour (where a
 * known point lands, worked out by hand), the SVG checked by a small
 * parser (every tag closed; axes, ticks, one path per series, legend), and
 * the PNG decoded with nnsh's own reader and checked pixel by pixel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot.h"
#include "png.h"

/* --- the model ----------------------------------------------------------------------- */

static void test_ticks(void **state) {
    (void)state;
    double t[PLOT_MAX_TICKS];
    int dec;
    /* matplotlib's x axis for np.arange(-5, 5, 0.1) with 5% margins */
    int n = plot_ticks(-5.495, 5.395, 6, t, &dec);
    assert_int_equal(n, 5);
    double want[] = {-4, -2, 0, 2, 4};
    for (int i = 0; i < n; i++)
        assert_true(fabs(t[i] - want[i]) < 1e-12);
    assert_int_equal(dec, 0);
    /* ylim(-0.1, 1.1) with room for 7: 0, 0.2, ..., 1.0 */
    n = plot_ticks(-0.1, 1.1, 7, t, &dec);
    assert_int_equal(n, 6);
    assert_true(fabs(t[0]) < 1e-12 && fabs(t[5] - 1.0) < 1e-12);
    assert_int_equal(dec, 1);
    /* ylim(-1, 5.5), room for 4 -> steps of 2 */
    n = plot_ticks(-1, 5.5, 4, t, &dec);
    assert_int_equal(n, 3);
    assert_true(t[0] == 0 && t[1] == 2 && t[2] == 4);
    /* an empty range gives nothing */
    assert_int_equal(plot_ticks(1, 1, 5, t, &dec), 0);
    char buf[32];
    plot_tick_label(-0.0, 1, buf, sizeof buf);
    assert_string_equal(buf, "0.0");
    plot_tick_label(-1e-17, 1, buf, sizeof buf);
    assert_string_equal(buf, "0.0");
    plot_tick_label(-0.2, 1, buf, sizeof buf);
    assert_string_equal(buf, "-0.2");
}

static void test_format_strings(void **state) {
    (void)state;
    PlotColor c;
    PlotLine l;
    char m;
    Err e;
    err_clear(&e);
    assert_true(plot_parse_fmt("k--", &c, &l, &m, &e));
    assert_int_equal(c, PLOT_COLOR_BLACK);
    assert_int_equal(l, PLOT_LINE_DASH);
    assert_int_equal(m, 0);
    assert_true(plot_parse_fmt("r-", &c, &l, &m, &e));
    assert_int_equal(c, PLOT_COLOR_RED);
    assert_int_equal(l, PLOT_LINE_SOLID);
    assert_true(plot_parse_fmt("bo", &c, &l, &m, &e));
    assert_int_equal(c, PLOT_COLOR_BLUE);
    assert_int_equal(l, PLOT_LINE_NONE); /* a marker alone draws no line */
    assert_int_equal(m, 'o');
    assert_true(plot_parse_fmt("g:", &c, &l, &m, &e));
    assert_int_equal(c, PLOT_COLOR_GREEN);
    assert_int_equal(l, PLOT_LINE_DOT);
    assert_true(plot_parse_fmt("o-", &c, &l, &m, &e));
    assert_int_equal(c, PLOT_COLOR_AUTO);
    assert_int_equal(l, PLOT_LINE_SOLID);
    assert_int_equal(m, 'o');
    assert_true(plot_parse_fmt("-.", &c, &l, &m, &e));
    assert_int_equal(l, PLOT_LINE_DASHDOT);
    assert_false(plot_parse_fmt("q-", &c, &l, &m, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_non_null(strstr(e.msg, "'q'"));
    err_clear(&e);
    assert_false(plot_parse_fmt("rb", &c, &l, &m, &e)); /* two colours */
}

static void test_colors_and_styles(void **state) {
    (void)state;
    Plot *p = plot_new();
    double x[2] = {0, 1}, y[2] = {0, 1};
    Err e;
    err_clear(&e);
    assert_non_null(plot_add(p, x, y, 2, NULL, "a", &e));
    assert_non_null(plot_add(p, x, y, 2, "k--", "b", &e));
    assert_non_null(plot_add(p, x, y, 2, NULL, "c", &e));
    /* automatic colours follow the cycle, skipping series with their own */
    assert_int_equal(plot_color_of(p, 0), PLOT_COLOR_BLUE);
    assert_int_equal(plot_color_of(p, 1), PLOT_COLOR_BLACK);
    assert_int_equal(plot_color_of(p, 2), PLOT_COLOR_ORANGE);
    /* without colour, plain lines take turns of patterns */
    assert_int_equal(plot_line_of(p, 0, true), PLOT_LINE_SOLID);
    assert_int_equal(plot_line_of(p, 1, true), PLOT_LINE_DASH);
    assert_int_equal(plot_line_of(p, 2, true), PLOT_LINE_DASH);
    assert_int_equal(plot_line_of(p, 2, false), PLOT_LINE_SOLID);
    assert_true(plot_has_legend(p));
    plot_free(p);
}

/* np.histogram([0, 1, 1, 2, 3], 3) -> counts [1, 2, 2], edges 0, 1, 2, 3
 * np.histogram(range(10), 5)       -> [2, 2, 2, 2, 2] */
static void test_hist(void **state) {
    (void)state;
    Plot *p = plot_new();
    Err e;
    err_clear(&e);
    double v[] = {0, 1, 1, 2, 3};
    PlotSeries *s = plot_hist(p, v, 5, 3, &e);
    assert_non_null(s);
    assert_int_equal(s->n, 3);
    assert_true(s->y[0] == 1 && s->y[1] == 2 && s->y[2] == 2);
    assert_true(s->x[0] == 0 && s->x[1] == 1 && s->x[2] == 2 && s->width == 1);
    double r[10];
    for (int i = 0; i < 10; i++)
        r[i] = i;
    s = plot_hist(p, r, 10, 5, &e);
    for (int b = 0; b < 5; b++)
        assert_true(s->y[b] == 2);
    /* bars rest on zero: no margin below */
    PlotAxes ax;
    assert_true(plot_axes(p, 6, 6, &ax, &e));
    assert_true(ax.y0 == 0);
    assert_true(ax.y1 > 2);
    assert_null(plot_hist(p, r, 10, 0, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    plot_free(p);
}

static void test_limits(void **state) {
    (void)state;
    Plot *p = plot_new();
    Err e;
    err_clear(&e);
    double x[] = {-5, 4.9}, y[] = {0, 1};
    assert_non_null(plot_add(p, x, y, 2, NULL, NULL, &e));
    PlotAxes ax;
    assert_true(plot_axes(p, 6, 6, &ax, &e));
    /* 5% margins: range 9.9 -> 0.495 each side */
    assert_true(fabs(ax.x0 + 5.495) < 1e-12 && fabs(ax.x1 - 5.395) < 1e-12);
    p->ylim_set = true;
    p->ylim[0] = -0.1;
    p->ylim[1] = 1.1;
    assert_true(plot_axes(p, 6, 7, &ax, &e));
    assert_true(ax.y0 == -0.1 && ax.y1 == 1.1);
    /* nothing finite */
    Plot *q = plot_new();
    double nan2[] = {NAN, NAN};
    assert_non_null(plot_add(q, nan2, nan2, 2, NULL, NULL, &e));
    assert_false(plot_axes(q, 6, 6, &ax, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    plot_free(q);
    plot_free(p);
}

/* --- the terminal --------------------------------------------------------------------- */

/* line i (0-based) of text, copied into buf */
static const char *line_of(const char *text, int i, char *buf, size_t n) {
    const char *s = text;
    for (int k = 0; k < i && s; k++) {
        s = strchr(s, '\n');
        if (s) s++;
    }
    if (!s) return NULL;
    size_t len = strcspn(s, "\n");
    if (len >= n) len = n - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    return buf;
}

/* A flat line y = 0.5 with xlim and ylim (0, 1) at 80 x 24: 23 lines in
 * all, less the x axis and its labels, leaves 21 rows of 4 dots (84 dots,
 * 0..83). y = 0.5 is dot (1 - 0.5) * 83 = 41.5, rounded to 42: row 10, dot
 * 2 of the cell, so that row is drawn with U+2824 (dots 3 and 6). The y
 * ticks are 0.0 .. 1.0 by 0.2 (room for 21 / 3 + 1 = 8), 1.0 on row 0. */
static void test_term_known_point(void **state) {
    (void)state;
    Plot *p = plot_new();
    Err e;
    err_clear(&e);
    double x[] = {0, 1}, y[] = {0.5, 0.5};
    assert_non_null(plot_add(p, x, y, 2, NULL, NULL, &e));
    p->xlim_set = p->ylim_set = true;
    p->xlim[0] = p->ylim[0] = 0;
    p->xlim[1] = p->ylim[1] = 1;
    char *s = plot_render_term(p, 80, 24, false, &e);
    assert_non_null(s);
    int lines = 0;
    for (const char *q = s; *q; q++)
        lines += *q == '\n';
    assert_int_equal(lines, 23);
    char buf[1024];
    assert_non_null(line_of(s, 10, buf, sizeof buf));
    assert_non_null(strstr(buf, "\xe2\xa0\xa4\xe2\xa0\xa4\xe2\xa0\xa4")); /* ⠤⠤⠤ */
    assert_non_null(line_of(s, 9, buf, sizeof buf));
    assert_null(strstr(buf, "\xe2\xa0\xa4"));
    assert_non_null(line_of(s, 0, buf, sizeof buf));
    assert_int_equal(strncmp(buf, "1.0 \xe2\x94\xa4", 7), 0); /* "1.0 ┤" */
    assert_non_null(line_of(s, 22, buf, sizeof buf));
    assert_int_equal(strncmp(buf, "    0.0", 7), 0); /* "1.0 ┤": 0.0 under the first dot */
    /* every line fits 80 columns (one column per code point) */
    for (int i = 0; i < lines; i++) {
        line_of(s, i, buf, sizeof buf);
        int w = 0;
        for (const char *q = buf; *q; q++)
            w += ((unsigned char)*q & 0xC0) != 0x80;
        assert_true(w <= 80);
    }
    free(s);
    /* colour adds escapes; the empty figure is refused */
    s = plot_render_term(p, 80, 24, true, &e);
    assert_non_null(s);
    assert_non_null(strstr(s, "\x1b[0;34m"));
    free(s);
    plot_clear(p);
    assert_null(plot_render_term(p, 80, 24, false, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    plot_free(p);
}

/* the step function and the sigmoid: both curves and a legend naming both,
 * the second dashed when there is no colour */
static Plot *comparison(void) {
    Plot *p = plot_new();
    double x[100], y1[100], y2[100];
    for (int i = 0; i < 100; i++) {
        x[i] = -5 + 0.1 * i;
        y1[i] = 1 / (1 + exp(-x[i]));
        y2[i] = x[i] > 0;
    }
    Err e;
    err_clear(&e);
    assert_non_null(plot_add(p, x, y1, 100, NULL, "sigmoid", &e));
    assert_non_null(plot_add(p, x, y2, 100, "k--", "step", &e));
    p->ylim_set = true;
    p->ylim[0] = -0.1;
    p->ylim[1] = 1.1;
    p->legend = true;
    snprintf(p->title, sizeof p->title, "step & sigmoid <compared>");
    snprintf(p->xlabel, sizeof p->xlabel, "x");
    return p;
}

static void test_term_legend(void **state) {
    (void)state;
    Plot *p = comparison();
    Err e;
    err_clear(&e);
    char *s = plot_render_term(p, 80, 24, false, &e);
    assert_non_null(s);
    char buf[1024];
    int lines = 0;
    for (const char *q = s; *q; q++)
        lines += *q == '\n';
    assert_int_equal(lines, 23);
    line_of(s, lines - 1, buf, sizeof buf);
    assert_non_null(strstr(buf, " sigmoid"));
    assert_non_null(strstr(buf, " step"));
    line_of(s, 0, buf, sizeof buf);
    assert_non_null(strstr(buf, "step & sigmoid <compared>"));
    free(s);
    plot_free(p);
}

/* --- SVG ------------------------------------------------------------------------------- */

/* A small checker: tags nest and close, attribute values are quoted, and
 * counts of a few things are returned. */
typedef struct SvgCheck {
    int series, xtick_text, ytick_text, legend_text, texts;
    bool axes, root_svg;
} SvgCheck;

static bool svg_check(const char *s, SvgCheck *c) {
    memset(c, 0, sizeof *c);
    char stack[64][32];
    int depth = 0;
    const char *group = ""; /* the innermost <g class=...> we care about */
    char groups[64][16];
    while ((s = strchr(s, '<'))) {
        const char *end = strchr(s, '>');
        if (!end) return false;
        if (s[1] == '?') { /* the XML declaration */
            s = end + 1;
            continue;
        }
        int quotes = 0;
        for (const char *q = s; q < end; q++)
            quotes += *q == '"';
        if (quotes % 2) return false;
        if (s[1] == '/') {
            char name[32];
            size_t n = strcspn(s + 2, " >");
            if (n >= sizeof name || depth == 0) return false;
            memcpy(name, s + 2, n);
            name[n] = '\0';
            if (strcmp(name, stack[depth - 1]) != 0) return false;
            depth--;
            group = depth ? groups[depth - 1] : "";
        } else {
            char name[32];
            size_t n = strcspn(s + 1, " />");
            if (n >= sizeof name) return false;
            memcpy(name, s + 1, n);
            name[n] = '\0';
            if (depth == 0 && c->root_svg) return false; /* one root */
            if (depth == 0) c->root_svg = strcmp(name, "svg") == 0;
            char tag[1024];
            size_t tl = (size_t)(end - s) < sizeof tag - 1 ? (size_t)(end - s) : sizeof tag - 1;
            memcpy(tag, s, tl);
            tag[tl] = '\0';
            if (strcmp(name, "path") == 0 && strstr(tag, "class=\"series\"")) c->series++;
            if (strstr(tag, "class=\"axes\"")) c->axes = true;
            if (strcmp(name, "text") == 0) {
                c->texts++;
                if (strcmp(group, "xticks") == 0) c->xtick_text++;
                if (strcmp(group, "yticks") == 0) c->ytick_text++;
                if (strcmp(group, "legend") == 0) c->legend_text++;
            }
            if (end[-1] != '/') {
                if (depth == 64) return false;
                snprintf(stack[depth], sizeof stack[depth], "%s", name);
                const char *cl = strstr(tag, "class=\"");
                if (strcmp(name, "g") == 0 && cl)
                    snprintf(groups[depth], sizeof groups[depth], "%.*s",
                             (int)strcspn(cl + 7, "\""), cl + 7);
                else
                    snprintf(groups[depth], sizeof groups[depth], "%s", group);
                group = groups[depth];
                depth++;
            }
        }
        s = end + 1;
    }
    return depth == 0 && c->root_svg;
}

static void test_svg(void **state) {
    (void)state;
    Plot *p = comparison();
    Err e;
    err_clear(&e);
    char *s = plot_render_svg(p, 640, 480, &e);
    assert_non_null(s);
    SvgCheck c;
    assert_true(svg_check(s, &c));
    assert_int_equal(c.series, 2);
    assert_true(c.axes);
    assert_int_equal(c.xtick_text, 5);   /* -4 -2 0 2 4 */
    assert_true(c.ytick_text >= 3);      /* 0.0 ... 1.0 */
    assert_int_equal(c.legend_text, 2);  /* sigmoid, step */
    assert_non_null(strstr(s, "&amp;")); /* the title's & and < are escaped */
    assert_non_null(strstr(s, "&lt;compared&gt;"));
    assert_non_null(strstr(s, "stroke-dasharray")); /* k-- is dashed */
    assert_non_null(strstr(s, "#000000"));          /* and black */
    free(s);
    /* the checker itself catches a tag left open */
    assert_false(svg_check("<svg><g></svg>", &c));
    /* a file is written whole, and a bad directory is an I/O error */
    char path[] = "/tmp/nnsh_plot_test_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(plot_write_svg(p, path, 640, 480, &e), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[6] = {0};
    assert_int_equal(fread(head, 1, 5, f), 5);
    fclose(f);
    assert_string_equal(head, "<?xml");
    remove(path);
    assert_int_equal(plot_write_svg(p, "/nonexistent-dir/x.svg", 640, 480, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    plot_free(p);
}

/* --- PNG --------------------------------------------------------------------------- */

/* The page is 640 x 480 with the plot area from x 70 to 620 and y 40 to
 * 420. With ylim (0, 1), y = 0.5 is pixel row 420 - 0.5 * 380 = 230: the
 * 2-pixel stroke covers rows 229 and 230 fully (their centres are 0.5 from
 * it) and nothing 3 rows away. The diagonal y = x crosses pixel columns at
 * a slant, so some pixel beside it is only partly covered. */
static void test_png(void **state) {
    (void)state;
    Plot *p = plot_new();
    Err e;
    err_clear(&e);
    double x[] = {0, 1}, flat[] = {0.5, 0.5}, diag[] = {0, 1};
    assert_non_null(plot_add(p, x, flat, 2, NULL, NULL, &e));
    assert_non_null(plot_add(p, x, diag, 2, "r", NULL, &e));
    p->xlim_set = p->ylim_set = true;
    p->xlim[0] = p->ylim[0] = 0;
    p->xlim[1] = p->ylim[1] = 1;
    char path[] = "/tmp/nnsh_plot_png_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(plot_write_png(p, path, 640, 480, &e), 0);
    int w, h;
    uint8_t *px = png_read_rgb(path, &w, &h, &e);
    remove(path);
    assert_non_null(px);
    assert_int_equal(w, 640);
    assert_int_equal(h, 480);
#define AT(X, Y, K) px[3 * ((size_t)(Y)*w + (X)) + (K)]
    /* the page is white; the frame is black */
    assert_int_equal(AT(5, 5, 0), 255);
    assert_int_equal(AT(70, 200, 0), 0);
    assert_int_equal(AT(300, 420, 1), 0);
    /* the flat line, blue 0x1f77b4 */
    for (int y = 229; y <= 230; y++) {
        assert_int_equal(AT(150, y, 0), 0x1f);
        assert_int_equal(AT(150, y, 1), 0x77);
        assert_int_equal(AT(150, y, 2), 0xb4);
    }
    assert_int_equal(AT(150, 226, 0), 255);
    assert_int_equal(AT(150, 233, 0), 255);
    /* the diagonal, red 0xd62728, anti-aliased: a partly covered pixel */
    int partial = 0;
    for (int y = 41; y < 420; y++) {
        int g = AT(450, y, 1);
        if (g > 0x27 && g < 255) partial++;
    }
    assert_true(partial >= 1);
#undef AT
    free(px);
    plot_free(p);
}

/* the font has the digits and letters, lower case drawn as capitals */
static void test_font(void **state) {
    (void)state;
    assert_ptr_equal(plot_font_glyph('a'), plot_font_glyph('A'));
    const unsigned char *one = plot_font_glyph('1');
    assert_int_equal(one[4], 7); /* the foot of the 1 */
    assert_ptr_not_equal(plot_font_glyph('0'), plot_font_glyph('8'));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_format_strings),
        cmocka_unit_test(test_colors_and_styles),
        cmocka_unit_test(test_hist),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_term_known_point),
        cmocka_unit_test(test_term_legend),
        cmocka_unit_test(test_svg),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_font),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
