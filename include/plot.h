/* plot.h - the figure model behind nnsh's plots: series of (x, y) points
 * with matplotlib-style format strings, axis limits, ticks at round
 * numbers, a title, axis labels, a legend, a grid, histograms and one
 * image. Three renderers draw a Plot: plot_term.c (Braille dots in the
 * terminal), plot_svg.c (a standalone SVG file) and plot_png.c (an RGB
 * raster written through png.h).
 *
 * A Plot owns everything in it (the points are copied in). It holds no
 * reference to the session; plotcmd.c keeps the current figure of each
 * session in an interp slot.
 */
#ifndef NNSH_PLOT_H
#define NNSH_PLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "sbuf.h"

#define PLOT_MAX_SERIES 16
#define PLOT_MAX_TICKS 16
#define PLOT_TEXT 96

/* Line styles: '-' solid, '--' dashed, ':' dotted, '-.' dash-dot. */
typedef enum PlotLine {
    PLOT_LINE_NONE,
    PLOT_LINE_SOLID,
    PLOT_LINE_DASH,
    PLOT_LINE_DOT,
    PLOT_LINE_DASHDOT
} PlotLine;

typedef enum PlotKind { PLOT_KIND_LINE, PLOT_KIND_BARS } PlotKind;

/* The colours a format string can name (b g r c m y k) plus the default
 * cycle's orange; PLOT_COLOR_AUTO takes the next colour of the cycle. */
typedef enum PlotColor {
    PLOT_COLOR_AUTO = -1,
    PLOT_COLOR_BLUE,
    PLOT_COLOR_ORANGE,
    PLOT_COLOR_GREEN,
    PLOT_COLOR_RED,
    PLOT_COLOR_MAGENTA,
    PLOT_COLOR_CYAN,
    PLOT_COLOR_YELLOW,
    PLOT_COLOR_BLACK,
    PLOT_NCOLORS
} PlotColor;

/* One series. For PLOT_KIND_BARS, x[i] is the left edge of bar i, width[0]
 * its width (all bars alike) and y[i] its height. */
typedef struct PlotSeries {
    PlotKind kind;
    int64_t n;
    double *x, *y; /* n values each, owned */
    double width;  /* bars only */
    PlotColor color;
    PlotLine line;
    char marker;           /* 0, or one of . o x + * s ^ */
    bool style_given;      /* the format string named a line style or marker */
    char label[PLOT_TEXT]; /* "" : not in the legend */
} PlotSeries;

/* One image (imshow), shown instead of the axes. */
typedef struct PlotImage {
    int rows, cols;
    double *v;    /* rows * cols values, owned */
    bool reverse; /* cmap 'gray_r' / 'binary': large values dark */
} PlotImage;

typedef struct Plot {
    int nseries;
    PlotSeries series[PLOT_MAX_SERIES];
    char title[PLOT_TEXT], xlabel[PLOT_TEXT], ylabel[PLOT_TEXT];
    bool xlim_set, ylim_set;
    double xlim[2], ylim[2];
    bool legend, grid;
    bool xint;        /* x ticks at whole numbers only (bar charts of indices) */
    PlotImage *image; /* NULL: none */
} Plot;

/* The finished geometry of the axes that every renderer uses. */
typedef struct PlotAxes {
    double x0, x1, y0, y1; /* the visible data range */
    int nxt, nyt;
    double xt[PLOT_MAX_TICKS], yt[PLOT_MAX_TICKS];
    int xdec, ydec; /* decimals in the tick labels */
} PlotAxes;

/* plot_new: an empty figure (NULL when out of memory). plot_free: release
 * it and everything in it (NULL is fine). plot_clear: empty it again. */
Plot *plot_new(void);
void plot_free(Plot *p);
void plot_clear(Plot *p);

/* plot_parse_fmt: read a matplotlib format string such as "k--", "r-",
 * "bo", "g:" or "o-" (colour letter, marker, line style in any order).
 * A string naming only a marker draws no line. Returns false with ERR_VALUE
 * naming the character it does not know. Any out pointer may be NULL. */
bool plot_parse_fmt(const char *fmt, PlotColor *color, PlotLine *line, char *marker, Err *e);

/* plot_add: append a line series of n points (copied). `fmt` may be NULL
 * (a solid line in the next colour), `label` may be NULL. Returns the new
 * series, or NULL with e set (ERR_VALUE: bad format string, too many
 * series; ERR_MEMORY). */
PlotSeries *plot_add(Plot *p, const double *x, const double *y, int64_t n, const char *fmt,
                     const char *label, Err *e);

/* plot_hist: count the n finite values v into `bins` equal bins from their
 * smallest to their largest value (NumPy's histogram: the last bin
 * includes its right edge) and append them as bars. bins 1..1000.
 * Returns the series or NULL with e set. */
PlotSeries *plot_hist(Plot *p, const double *v, int64_t n, int bins, Err *e);

/* plot_set_image: show the rows x cols values (copied) as an image instead
 * of axes; `reverse` draws large values dark. Returns false with e set. */
bool plot_set_image(Plot *p, const double *v, int rows, int cols, bool reverse, Err *e);

/* plot_color_of: the colour series i is drawn in (its own, or the cycle's
 * colour for its place among the automatically coloured series). */
PlotColor plot_color_of(const Plot *p, int i);
/* plot_color_rgb: the colour as 0xRRGGBB; plot_color_name: "blue", ... */
unsigned plot_color_rgb(PlotColor c);
const char *plot_color_name(PlotColor c);

/* plot_line_of: the line style series i is drawn with. When `distinct` is
 * true (no colours to tell series apart) solid lines without a style of
 * their own get solid, dashed, dotted, dash-dot in turn. */
PlotLine plot_line_of(const Plot *p, int i, bool distinct);

/* plot_axes: the visible ranges (xlim/ylim when set, else the data's range
 * with 5% margins; bars rest on zero) and round-number ticks inside them,
 * at most max_xt across and max_yt up (2..PLOT_MAX_TICKS). False with
 * ERR_VALUE when there is nothing finite to draw. */
bool plot_axes(const Plot *p, int max_xt, int max_yt, PlotAxes *ax, Err *e);

/* plot_ticks: round numbers (1, 2 or 5 times a power of ten apart) that
 * lie in [lo, hi], at most maxn of them, into out; their count is returned
 * and the decimals the labels need go to *dec. */
int plot_ticks(double lo, double hi, int maxn, double *out, int *dec);

/* plot_tick_label: v printed with dec decimals ("-0" never appears). */
void plot_tick_label(double v, int dec, char *buf, int n);

/* plot_has_legend: true when the legend is to be drawn (legend() was called
 * or several series have labels) and some series has a label. */
bool plot_has_legend(const Plot *p);

/* plot_legend_corner: where a legend box covering the fractions wfrac x
 * hfrac of the plot area hides the fewest points (matplotlib's "best"):
 * 0 top right, 1 top left, 2 bottom right, 3 bottom left; ties go to the
 * earlier one. */
int plot_legend_corner(const Plot *p, const PlotAxes *ax, double wfrac, double hfrac);

/* --- renderers (plot_term.c, plot_svg.c, plot_png.c) ---------------------- */

/* plot_render_term: the figure as text for a terminal of `cols` x `lines`
 * (at least 40 x 12), using at most lines - 1 lines so the prompt stays in
 * view; `color` adds ANSI colours (else series are told apart by their
 * line pattern). Every line ends in '\n'. A new string (caller frees), or
 * NULL with e set. */
char *plot_render_term(const Plot *p, int cols, int lines, bool color, Err *e);

/* plot_term_size: the size to draw at for output on file descriptor fd: the
 * terminal's size when fd is one, else $COLUMNS x $LINES, else 80 x 24;
 * never less than 40 x 12. */
void plot_term_size(int fd, int *cols, int *lines);

/* plot_render_svg: the figure as a standalone SVG document of w x h pixels.
 * New string (caller frees) or NULL with e set. */
char *plot_render_svg(const Plot *p, int w, int h, Err *e);

/* plot_write_svg: plot_render_svg() written to `path` atomically (a
 * temporary file in the same directory, then renamed). 0 or -1 with e set. */
int plot_write_svg(const Plot *p, const char *path, int w, int h, Err *e);

/* plot_write_file: write len bytes to `path` atomically: into a temporary
 * file in the same directory, then renamed over `path`, so a reader never
 * sees half a file. 0, or -1 with ERR_IO naming the path. */
int plot_write_file(const char *path, const void *data, size_t len, Err *e);

/* plot_render_rgb: the figure as w x h RGB pixels (at least 64 x 48;
 * anti-aliased lines). New buffer (caller frees) or NULL with e set. */
uint8_t *plot_render_rgb(const Plot *p, int w, int h, Err *e);

/* plot_write_png: plot_render_rgb() encoded with png.h and written to
 * `path` atomically. 0 or -1 with e set. */
int plot_write_png(const Plot *p, const char *path, int w, int h, Err *e);

/* plot_write_rgb_png: write ready-made w x h RGB pixels to `path` as a PNG,
 * atomically (for the network views). 0 or -1 with e set. */
int plot_write_rgb_png(const char *path, const uint8_t *rgb, int w, int h, Err *e);

/* --- drawing helpers shared by the renderers (plot_png.c) ----------------- */

/* plot_font_glyph: the 3x5 pixel glyph of character c as 5 rows of 3 bits
 * (bit 2 is the left column); lower-case letters share the capitals'
 * shapes; unknown characters give a small box. */
const unsigned char *plot_font_glyph(char c);

/* plot_draw_text: draw s in the 3x5 font, each font pixel a scale x scale
 * square, with its top-left corner at (x, y) of the w x h RGB pixels;
 * what falls outside is cut. plot_text_width: its width in pixels. */
void plot_draw_text(uint8_t *rgb, int w, int h, int x, int y, const char *s, int scale,
                    unsigned color);
int plot_text_width(const char *s, int scale);

#endif
