/* fmt.c - printing arrays the way NumPy 1.24 prints them (see fmt.h).
 *
 * The rules, as learnt from NumPy's arrayprint.py and checked against real
 * NumPy output (tests/tools/gen_fmt_cases.py):
 *
 * Which elements count. An array with more elements than `threshold` is
 * summarised: along every axis longer than 2*edgeitems only the first and
 * last `edgeitems` entries are shown, with "..." in between. Every width and
 * every float-mode decision below is taken from the shown elements only, so
 * a huge array costs no more than its corners.
 *
 * Booleans. "True" is written " True" so that it is as wide as "False";
 * only a 0-d array keeps the bare "True".
 *
 * Integers. Right-aligned to the wider of the printed max and min.
 *
 * Floats. Each number starts from its shortest decimal form that reads back
 * as the same value of its own dtype (a float32 may need fewer digits than a
 * float64 of equal value). The whole array then picks one of two modes:
 *   - scientific if, over the finite non-zero magnitudes, max >= 1e8, or
 *     (unless `suppress`) min < 1e-4 or max/min > 1000 (for float32 the ratio
 *     is itself computed in float32);
 *   - positional otherwise.
 * Positional: at most `precision` digits after the point; a number needing
 * more is rounded (exact binary value, ties to even) and its trailing zeros
 * dropped, while the point always stays ("1.", "0.5"). Every element is
 * padded with spaces on the left of its integer part (sign included) to the
 * widest integer part, and on the right of its fraction to the longest
 * fraction, so the points line up: "[0.62624937 0.7710107 ]".
 * Scientific: mantissas first get their shortest digits (capped at
 * `precision` after the point); then all are written with as many fraction
 * digits as the longest one, the shorter ones being extended with digits of
 * their exact value ("1.0000000e-01"). The exponent has a sign and at least
 * two digits, more if any element needs them, all to the same count.
 * nan and inf are right-aligned to the width of the other elements; when
 * nothing is finite they take 3 columns, 4 when there is a -inf.
 *
 * Layout. str separates elements with " ", repr with ", ". An n-d array is
 * written as nested brackets; the rows of the last axis end with the
 * separator minus its trailing space plus one newline per remaining axis,
 * so 3-d blocks are set apart by a blank line. A continuation line starts
 * with a hanging indent: one space per open bracket, plus the width of
 * "array(" in repr. Elements of the last axis are wrapped so that no line
 * passes linewidth - ndim (the closing brackets need room); a line that
 * holds nothing but its indent is never wrapped. When wrapping, the
 * trailing blanks of the finished line are removed. repr lays the body out
 * in linewidth - 1 columns, leaving room for its ")" or ",".
 *
 * repr. "array(" + body + ")"; float32 and uint8 add "dtype=...": after ", "
 * when it fits within linewidth, else on a new line indented under the
 * opening parenthesis. float64, int64 and bool are implied by their text
 * and print no dtype, except for empty arrays, which always show it; an
 * empty array of more than one axis also shows its shape:
 * "array([], shape=(0, 3), dtype=float64)". str of any empty array is "[]".
 *
 * 0-d arrays. str prints the lone value as a NumPy scalar (see below); repr
 * formats it like an array element without brackets: "array(1.e-05)".
 *
 * Scalars on their own (str(np.float64(x))): shortest round-trip digits,
 * positional when x is 0 or 1e-4 <= |x| < 1e16 (a whole number keeps one
 * zero: "1.0"), otherwise scientific with no trailing zeros or bare point
 * ("1e-05", "1.5e+16"); "nan", "inf", "-inf"; "True"/"False"; integers plain.
 *
 * Known gap: for a number whose shortest form sits exactly on the boundary
 * between two floats, NumPy's Dragon4 and the C library may pick different
 * (equally short) digits. This has not been seen in practice.
 */
#include "fmt.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

/* Precision is clamped to this many digits so every number fits the fixed
 * buffers below (NumPy allows more, nobody prints that many). */
#define MAX_PREC 100
#define NUM_BUF (MAX_PREC + 64)

FmtOpts fmt_default(void) {
    FmtOpts o = {
        .precision = 8, .threshold = 1000, .edgeitems = 3, .linewidth = 75, .suppress = false};
    return o;
}

/* --- decimal digits of one float ------------------------------------------ */

/* A decimal number d[0].d[1]d[2]... x 10^exp, sign apart. */
typedef struct Digits {
    char d[NUM_BUF];
    int n;
    int exp;
} Digits;

/* Parse printf's "%e" output "D.DDDe+XX" (no sign) into `out`. */
static void parse_e(const char *s, Digits *out) {
    int n = 0;
    const char *p = s;
    for (; *p && *p != 'e'; p++)
        if (*p != '.' && n < NUM_BUF - 1) out->d[n++] = *p;
    out->d[n] = '\0';
    out->n = n;
    out->exp = *p == 'e' ? atoi(p + 1) : 0;
}

static void drop_trailing_zeros(Digits *g) {
    while (g->n > 1 && g->d[g->n - 1] == '0')
        g->n--;
    g->d[g->n] = '\0';
}

static bool reads_back(const char *s, double ax, bool f32) {
    if (f32) return (double)strtof(s, NULL) == ax;
    return strtod(s, NULL) == ax;
}

/* The fewest significant digits of |x| (finite) that read back as the same
 * value of its dtype; among equally short candidates the closest one. */
static void shortest(double x, bool f32, Digits *out) {
    double ax = fabs(x);
    if (ax == 0) {
        strcpy(out->d, "0");
        out->n = 1;
        out->exp = 0;
        return;
    }
    int maxk = f32 ? 9 : 17;
    char s[NUM_BUF];
    for (int k = 1; k <= maxk; k++) {
        snprintf(s, sizeof s, "%.*e", k - 1, ax);
        if (reads_back(s, ax, f32)) {
            parse_e(s, out);
            drop_trailing_zeros(out);
            return;
        }
        /* The nearest k-digit number missed, but near a power of two the
         * accepted interval is lopsided and a neighbour may still fit. */
        Digits g;
        parse_e(s, &g);
        unsigned long long m = strtoull(g.d, NULL, 10), lo = 1;
        for (int i = 1; i < k; i++)
            lo *= 10;
        unsigned long long cand[2] = {m - 1, m + 1};
        for (int c = 0; c < 2; c++) {
            if (cand[c] < lo || cand[c] >= lo * 10) continue;
            char t[NUM_BUF];
            snprintf(t, sizeof t, "%llue%d", cand[c], g.exp - (k - 1));
            if (reads_back(t, ax, f32)) {
                snprintf(out->d, sizeof out->d, "%llu", cand[c]);
                out->n = k;
                out->exp = g.exp;
                drop_trailing_zeros(out);
                return;
            }
        }
    }
    snprintf(s, sizeof s, "%.*e", maxk - 1, ax);
    parse_e(s, out);
    drop_trailing_zeros(out);
}

/* Scientific digits of |x| with at most `prec` digits after the point:
 * the shortest form when it fits, else |x| rounded; trailing zeros dropped. */
static void sci_unique(double x, bool f32, int prec, Digits *out) {
    shortest(x, f32, out);
    if (out->n - 1 <= prec) return;
    char s[NUM_BUF];
    snprintf(s, sizeof s, "%.*e", prec, fabs(x));
    parse_e(s, out);
    drop_trailing_zeros(out);
}

/* Positional text of x with at most `prec` fraction digits, split into the
 * integer part with its sign (ip) and the fraction digits (fp, maybe "");
 * the shortest form when it fits, else x rounded with trailing zeros cut.
 * `prec` < 0 means no limit. With `whole_units`, a number whose shortest
 * digits stop left of the units place (a float32 above 2^24) is written with
 * its exact integer value instead of padding zeros, as NumPy does for array
 * elements (88506088., where the scalar prints 88506090.0). */
static void positional(double x, bool f32, int prec, bool whole_units, char *ip, char *fp) {
    Digits g;
    shortest(x, f32, &g);
    int nfrac = g.n - 1 - g.exp;
    char *q = ip;
    if (signbit(x)) *q++ = '-';
    if (whole_units && g.exp >= g.n) {
        snprintf(q, NUM_BUF - 1, "%.0f", fabs(x));
        fp[0] = '\0';
        return;
    }
    if (prec < 0 || nfrac <= prec) {
        if (g.exp < 0) {
            *q++ = '0';
            int z = -g.exp - 1, k = 0;
            for (int i = 0; i < z; i++)
                fp[k++] = '0';
            memcpy(fp + k, g.d, (size_t)g.n);
            fp[k + g.n] = '\0';
        } else {
            for (int i = 0; i <= g.exp; i++)
                *q++ = i < g.n ? g.d[i] : '0';
            int k = 0;
            for (int i = g.exp + 1; i < g.n; i++)
                fp[k++] = g.d[i];
            fp[k] = '\0';
        }
        *q = '\0';
        return;
    }
    char s[NUM_BUF];
    snprintf(s, sizeof s, "%.*f", prec, fabs(x));
    char *dot = strchr(s, '.');
    if (dot) *dot = '\0';
    strcpy(q, s);
    strcpy(fp, dot ? dot + 1 : "");
    size_t n = strlen(fp);
    while (n > 0 && fp[n - 1] == '0')
        fp[--n] = '\0';
}

/* Number of decimal digits of a non-negative exponent, at least 2. */
static int exp_digits(int e) {
    int a = e < 0 ? -e : e, n = 1;
    while (a >= 10) {
        a /= 10;
        n++;
    }
    return n < 2 ? 2 : n;
}

static void put_exponent(SBuf *b, int e, int ndig) {
    sbuf_printf(b, "e%c%0*d", e < 0 ? '-' : '+', ndig, e < 0 ? -e : e);
}

/* --- the element formatter ------------------------------------------------- */

typedef struct Fmt {
    DType dt;
    bool f32;
    bool zero_d; /* formatting a 0-d array: bools lose their pad */
    int prec;    /* positional: max fraction digits; scientific: all */
    bool sci;
    int pad_left;  /* columns left of the point (sign included) */
    int pad_right; /* columns right of the point */
    int exp_size;  /* exponent digits (scientific) */
    int int_width; /* integers */
    /* gathering statistics */
    bool any_finite, any_nonfinite, neg_inf;
    double max_abs, min_abs;
} Fmt;

typedef void (*VisitFn)(Fmt *f, const Array *a, int64_t i);

/* Call fn on every element that will be shown, in printing order. */
static void visit_shown(Fmt *f, const Array *a, const FmtOpts *o, bool summ, int axis, int64_t off,
                        VisitFn fn) {
    if (axis == a->ndim) {
        fn(f, a, off);
        return;
    }
    int64_t stride = 1;
    for (int k = axis + 1; k < a->ndim; k++)
        stride *= a->shape[k];
    int64_t n = a->shape[axis], edge = o->edgeitems;
    if (summ && edge > 0 && 2 * edge < n) {
        for (int64_t i = 0; i < edge; i++)
            visit_shown(f, a, o, summ, axis + 1, off + i * stride, fn);
        for (int64_t i = n - edge; i < n; i++)
            visit_shown(f, a, o, summ, axis + 1, off + i * stride, fn);
    } else {
        for (int64_t i = 0; i < n; i++)
            visit_shown(f, a, o, summ, axis + 1, off + i * stride, fn);
    }
}

static void scan_range(Fmt *f, const Array *a, int64_t i) {
    double x = arr_get(a, i);
    if (!isfinite(x)) {
        f->any_nonfinite = true;
        if (isinf(x) && x < 0) f->neg_inf = true;
        return;
    }
    f->any_finite = true;
    double ax = fabs(x);
    if (ax == 0) return;
    if (ax > f->max_abs) f->max_abs = ax;
    if (ax < f->min_abs) f->min_abs = ax;
}

static void scan_sci(Fmt *f, const Array *a, int64_t i) {
    double x = arr_get(a, i);
    if (!isfinite(x)) return;
    Digits g;
    sci_unique(x, f->f32, f->prec, &g);
    int il = 1 + (signbit(x) ? 1 : 0), fl = g.n - 1, el = exp_digits(g.exp);
    if (il > f->pad_left) f->pad_left = il;
    if (fl > f->pad_right) f->pad_right = fl; /* longest fraction for now */
    if (el > f->exp_size) f->exp_size = el;
}

static void scan_pos(Fmt *f, const Array *a, int64_t i) {
    double x = arr_get(a, i);
    if (!isfinite(x)) return;
    char ip[NUM_BUF], fp[NUM_BUF];
    positional(x, f->f32, f->prec, false, ip, fp);
    int il = (int)strlen(ip), fl = (int)strlen(fp);
    if (il > f->pad_left) f->pad_left = il;
    if (fl > f->pad_right) f->pad_right = fl;
}

static void scan_int(Fmt *f, const Array *a, int64_t i) {
    char s[32];
    int n = snprintf(s, sizeof s, "%" PRId64, arr_get_i64(a, i));
    if (n > f->int_width) f->int_width = n;
}

/* Decide widths and float mode from the shown elements of `a`. */
static void fmt_setup(Fmt *f, const Array *a, const FmtOpts *o, bool summ) {
    memset(f, 0, sizeof *f);
    f->dt = a->dtype;
    f->f32 = a->dtype == DT_FLOAT32;
    f->zero_d = a->ndim == 0;
    f->prec = o->precision < 0 ? 0 : o->precision > MAX_PREC ? MAX_PREC : o->precision;
    if (a->dtype == DT_BOOL) return;
    if (dtype_is_int(a->dtype)) {
        /* the widest text is always that of the max or the min */
        visit_shown(f, a, o, summ, 0, 0, scan_int);
        return;
    }
    f->min_abs = INFINITY;
    visit_shown(f, a, o, summ, 0, 0, scan_range);
    if (f->max_abs > 0) { /* some finite non-zero element */
        bool far;
        if (f->f32) {
            float r = (float)f->max_abs / (float)f->min_abs;
            far = r > 1000.0f;
        } else {
            far = f->max_abs / f->min_abs > 1000.0;
        }
        f->sci = f->max_abs >= 1e8 || (!o->suppress && (f->min_abs < 1e-4 || far));
    }
    if (f->any_finite) {
        if (f->sci) {
            visit_shown(f, a, o, summ, 0, 0, scan_sci);
            f->prec = f->pad_right; /* every mantissa gets this many digits */
            f->pad_right = f->exp_size + 2 + f->prec;
        } else {
            visit_shown(f, a, o, summ, 0, 0, scan_pos);
        }
    }
    if (f->any_nonfinite) {
        int room = f->pad_right + 1;
        int need = 3 + (f->neg_inf ? 1 : 0) - room;
        if (need > f->pad_left) f->pad_left = need;
    }
}

/* Append element i of `a` as formatted by f. */
static void fmt_elem(const Fmt *f, const Array *a, int64_t i, SBuf *b) {
    if (f->dt == DT_BOOL) {
        bool v = arr_get(a, i) != 0;
        sbuf_puts(b, v ? (f->zero_d ? "True" : " True") : "False");
        return;
    }
    if (dtype_is_int(f->dt)) {
        sbuf_printf(b, "%*" PRId64, f->int_width, arr_get_i64(a, i));
        return;
    }
    double x = arr_get(a, i);
    if (!isfinite(x)) {
        const char *s = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
        sbuf_spaces(b, f->pad_left + f->pad_right + 1 - (int)strlen(s));
        sbuf_puts(b, s);
        return;
    }
    if (f->sci) {
        Digits g;
        sci_unique(x, f->f32, f->prec, &g);
        if (g.n - 1 != f->prec) { /* extend with digits of the exact value */
            char s[NUM_BUF];
            snprintf(s, sizeof s, "%.*e", f->prec, fabs(x));
            parse_e(s, &g);
        }
        bool neg = signbit(x);
        sbuf_spaces(b, f->pad_left - 1 - (neg ? 1 : 0));
        if (neg) sbuf_putc(b, '-');
        sbuf_putc(b, g.d[0]);
        sbuf_putc(b, '.');
        sbuf_put(b, g.d + 1, (size_t)(g.n - 1));
        put_exponent(b, g.exp, f->exp_size);
        return;
    }
    char ip[NUM_BUF], fp[NUM_BUF];
    positional(x, f->f32, f->prec, true, ip, fp);
    int fl = (int)strlen(fp);
    sbuf_spaces(b, f->pad_left - (int)strlen(ip));
    sbuf_puts(b, ip);
    sbuf_putc(b, '.');
    sbuf_puts(b, fp);
    sbuf_spaces(b, f->pad_right - fl);
}

/* --- nested layout ---------------------------------------------------------- */

typedef struct Layout {
    const Array *a;
    const Fmt *f;
    SBuf *b;
    SBuf word;       /* scratch: one formatted element */
    const char *sep; /* " " or ", " */
    int64_t edge;
    bool summ;
} Layout;

/* Append `w` (n bytes) to the current line, first moving to a new line
 * indented by `hang` when it would pass `limit` and the line holds more
 * than its indent; the blanks ending the left line are dropped. */
static void lay_word(Layout *L, const char *w, size_t n, int hang, int limit) {
    int col = sbuf_col(L->b);
    if (col + (int)n > limit && col > hang) {
        sbuf_rstrip(L->b);
        sbuf_putc(L->b, '\n');
        sbuf_spaces(L->b, hang);
    }
    sbuf_put(L->b, w, n);
}

/* lay_word() for element i of the array. */
static void lay_elem(Layout *L, int64_t i, int hang, int limit) {
    sbuf_reset(&L->word);
    fmt_elem(L->f, L->a, i, &L->word);
    if (L->word.oom) {
        L->b->oom = true;
        return;
    }
    lay_word(L, L->word.p, L->word.len, hang, limit);
}

/* Start a row of an outer axis: every row but the first begins with the
 * hanging indent (the first sits right after its opening bracket). */
static void row_start(Layout *L, bool *first, int hang) {
    if (!*first) sbuf_spaces(L->b, hang);
    *first = false;
}

/* Write the sub-array at `axis` starting at flat offset `off`. `hang` is the
 * hanging indent of continuation lines, `width` the columns it may use. */
static void lay(Layout *L, int axis, int64_t off, int hang, int width) {
    const Array *a = L->a;
    if (axis == a->ndim) {
        fmt_elem(L->f, a, off, L->b);
        return;
    }
    int64_t stride = 1;
    for (int k = axis + 1; k < a->ndim; k++)
        stride *= a->shape[k];
    int64_t n = a->shape[axis];
    bool summ = L->summ && 2 * L->edge < n;
    int64_t lead = summ ? L->edge : 0;
    int64_t trail = summ ? L->edge : n; /* counted back from the end */

    sbuf_putc(L->b, '[');
    if (axis == a->ndim - 1) {
        int limit = width - 1; /* room for ']' (or the separator's comma) */
        for (int64_t i = 0; i < lead; i++) {
            lay_elem(L, off + i * stride, hang, limit);
            sbuf_puts(L->b, L->sep);
        }
        if (summ) {
            lay_word(L, "...", 3, hang, limit);
            sbuf_puts(L->b, L->sep);
        }
        for (int64_t i = trail; i > 1; i--) {
            lay_elem(L, off + (n - i) * stride, hang, limit);
            sbuf_puts(L->b, L->sep);
        }
        lay_elem(L, off + (n - 1) * stride, hang, limit);
    } else {
        /* rows end with the separator's non-blank part and one newline per
         * axis still inside this one */
        char line_sep[ARR_MAXDIM + 4];
        int k = 0;
        for (const char *p = L->sep; *p && *p != ' '; p++)
            line_sep[k++] = *p;
        for (int j = 0; j < a->ndim - axis - 1; j++)
            line_sep[k++] = '\n';
        line_sep[k] = '\0';
        bool first = true;
        for (int64_t i = 0; i < lead; i++) {
            row_start(L, &first, hang);
            lay(L, axis + 1, off + i * stride, hang + 1, width - 1);
            sbuf_puts(L->b, line_sep);
        }
        if (summ) {
            row_start(L, &first, hang);
            sbuf_puts(L->b, "...");
            sbuf_puts(L->b, line_sep);
        }
        for (int64_t i = trail; i > 1; i--) {
            row_start(L, &first, hang);
            lay(L, axis + 1, off + (n - i) * stride, hang + 1, width - 1);
            sbuf_puts(L->b, line_sep);
        }
        row_start(L, &first, hang);
        lay(L, axis + 1, off + (n - 1) * stride, hang + 1, width - 1);
    }
    sbuf_putc(L->b, ']');
}

/* Append the bracketed body of a non-empty array. */
static void put_body(SBuf *b, const Array *a, const FmtOpts *o, const char *sep, int prefix_len,
                     int line_width) {
    FmtOpts oc = *o;
    if (oc.edgeitems < 0) oc.edgeitems = 0;
    o = &oc;
    bool summ = a->size > o->threshold;
    Fmt f;
    fmt_setup(&f, a, o, summ);
    Layout L = {.a = a, .f = &f, .b = b, .sep = sep, .edge = o->edgeitems, .summ = summ};
    /* continuation lines of the outermost axis start under its first element */
    lay(&L, 0, 0, prefix_len + 1, line_width);
    sbuf_free(&L.word);
}

static const FmtOpts *opts_or_default(const FmtOpts *o, FmtOpts *tmp) {
    if (o) return o;
    *tmp = fmt_default();
    return tmp;
}

char *fmt_str(const Array *a, const FmtOpts *o) {
    FmtOpts def;
    o = opts_or_default(o, &def);
    if (a->ndim == 0) return fmt_scalar(a, 0);
    SBuf b = {0};
    if (a->size == 0)
        sbuf_puts(&b, "[]");
    else
        put_body(&b, a, o, " ", 0, o->linewidth);
    return sbuf_done(&b);
}

char *fmt_repr(const Array *a, const FmtOpts *o) {
    FmtOpts def;
    o = opts_or_default(o, &def);
    static const char prefix[] = "array(";
    int plen = (int)strlen(prefix);
    bool implied = a->dtype == DT_FLOAT64 || a->dtype == DT_INT64 || a->dtype == DT_BOOL;
    bool show_dtype = !implied || a->size == 0;
    SBuf b = {0};
    sbuf_puts(&b, prefix);
    if (a->size == 0) {
        sbuf_puts(&b, "[]");
        if (a->ndim > 1) {
            char s[64];
            sbuf_puts(&b, ", shape=");
            sbuf_puts(&b, shape_str(s, a->ndim, a->shape));
        }
    } else {
        /* the body leaves one column for the ")" or "," that follows it */
        put_body(&b, a, o, ", ", plen, o->linewidth - 1);
    }
    if (!show_dtype) {
        sbuf_putc(&b, ')');
        return sbuf_done(&b);
    }
    sbuf_putc(&b, ',');
    char dts[48];
    snprintf(dts, sizeof dts, "dtype=%s)", dtype_name(a->dtype));
    if (sbuf_col(&b) + (int)strlen(dts) + 1 > o->linewidth) {
        sbuf_putc(&b, '\n');
        sbuf_spaces(&b, plen);
    } else {
        sbuf_putc(&b, ' ');
    }
    sbuf_puts(&b, dts);
    return sbuf_done(&b);
}

char *fmt_scalar(const Array *a, int64_t i) {
    SBuf b = {0};
    if (a->dtype == DT_BOOL) {
        sbuf_puts(&b, arr_get(a, i) != 0 ? "True" : "False");
        return sbuf_done(&b);
    }
    if (dtype_is_int(a->dtype)) {
        sbuf_printf(&b, "%" PRId64, arr_get_i64(a, i));
        return sbuf_done(&b);
    }
    double x = arr_get(a, i);
    bool f32 = a->dtype == DT_FLOAT32;
    double ax = fabs(x);
    if (isnan(x)) {
        sbuf_puts(&b, "nan");
    } else if (isinf(x)) {
        sbuf_puts(&b, x < 0 ? "-inf" : "inf");
    } else if (ax == 0 || (ax >= 1e-4 && ax < 1e16)) {
        char ip[NUM_BUF], fp[NUM_BUF];
        positional(x, f32, -1, false, ip, fp);
        sbuf_puts(&b, ip);
        sbuf_putc(&b, '.');
        sbuf_puts(&b, fp[0] ? fp : "0");
    } else {
        Digits g;
        shortest(x, f32, &g);
        if (signbit(x)) sbuf_putc(&b, '-');
        sbuf_putc(&b, g.d[0]);
        if (g.n > 1) {
            sbuf_putc(&b, '.');
            sbuf_put(&b, g.d + 1, (size_t)(g.n - 1));
        }
        put_exponent(&b, g.exp, 2);
    }
    return sbuf_done(&b);
}
