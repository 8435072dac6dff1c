/* pyfmt.c - Python's text formatting (see pyfmt.h).
 *
 * One core lays out a number or a string by a parsed Spec; format specs
 * (f"{x:>8.3f}") and %-conversions ("%-8.3f") are both parsed into a Spec
 * and handed to it, so the two agree on every number.
 */
#include "pyfmt.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "fmt.h"
#include "interp.h"

typedef struct Spec {
    char fill;  /* the padding character */
    char align; /* '<', '>', '^', '=' or 0 for the value's default */
    char sign;  /* '+', '-', ' ' or 0 */
    bool alt;   /* '#': 0x / 0o / 0b prefixes */
    bool zero;  /* '0' before the width */
    int width;
    char group; /* ',' or '_' or 0 */
    int prec;   /* -1 when not given */
    char type;  /* 0 when not given */
} Spec;

enum { MAX_WIDTH = 1000, MAX_PREC = 400 };

char *pyfmt_text(Interp *in, const Value *v, bool repr) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    /* a 0-d array is what np.sum(x), x[0] and np.argmax(y) give: NumPy
     * scalars, whose repr is 6.0, not array(6.) */
    if (v->kind == V_ARRAY && repr && v->arr->ndim > 0) {
        char *s = fmt_repr(v->arr, interp_fmt(in));
        fputs(s ? s : "", f);
        free(s);
    } else {
        interp_show(in, f, v, repr ? SHOW_INLINE : SHOW_PRINT);
    }
    fclose(f);
    return buf;
}

/* --- the layout core --------------------------------------------------------- */

/* Code points in s (its width on a terminal for the text this formats). */
static int text_len(const char *s, size_t n) {
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

static void fill_n(SBuf *b, char c, int n) {
    for (int i = 0; i < n; i++)
        sbuf_putc(b, c);
}

/* Append head (sign and prefix) and body padded to sp->width by sp's
 * alignment (default: def). */
static void pad_out(SBuf *b, const Spec *sp, const char *head, const char *body, size_t blen,
                    char def) {
    char align = sp->align ? sp->align : def;
    int len = text_len(head, strlen(head)) + text_len(body, blen);
    int pad = sp->width > len ? sp->width - len : 0;
    int left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    int mid = align == '=' ? pad : 0;
    int right = pad - left - mid;
    fill_n(b, sp->fill, left);
    sbuf_puts(b, head);
    fill_n(b, sp->fill, mid);
    sbuf_put(b, body, blen);
    fill_n(b, sp->fill, right);
}

static bool format_string(SBuf *b, const Spec *sp, const char *s, Err *e) {
    if (sp->type && sp->type != 's')
        return err_set(e, ERR_VALUE, "unknown format code '%c' for a string", sp->type) != NULL;
    if (sp->sign) return err_set(e, ERR_VALUE, "a sign is not allowed for a string") != NULL;
    if (sp->align == '=')
        return err_set(e, ERR_VALUE, "'=' alignment is not allowed for a string") != NULL;
    size_t n = strlen(s);
    if (sp->prec >= 0) { /* .N keeps the first N characters */
        int k = 0;
        size_t i = 0;
        for (; i < n; i++)
            if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == sp->prec) break;
        n = i;
    }
    pad_out(b, sp, "", s, n, '<');
    return true;
}

/* Insert sep every `every` digits, counting from the right, into the digit
 * run at the start of d (stops at the first non-digit). */
static void group_digits(SBuf *b, const char *d, char sep, int every) {
    size_t run = strspn(d, "0123456789abcdefABCDEF");
    for (size_t i = 0; i < run; i++) {
        if (i > 0 && (run - i) % (size_t)every == 0) sbuf_putc(b, sep);
        sbuf_putc(b, d[i]);
    }
    sbuf_puts(b, d + run);
}

static void to_base(char *out, uint64_t u, int base, bool upper) {
    char tmp[72];
    int k = 0;
    do {
        int d = (int)(u % (uint64_t)base);
        tmp[k++] = (char)(d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10);
        u /= (uint64_t)base;
    } while (u);
    for (int i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = '\0';
}

/* The digits of a float (no sign) by type t ('e', 'f', 'g', '%', or 0 with
 * a precision). */
static void float_digits(char *out, size_t cap, double x, char t, int prec, bool upper) {
    if (isnan(x) || isinf(x)) {
        snprintf(out, cap, "%s", isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        if (t == '%') strncat(out, "%", cap - strlen(out) - 1);
        return;
    }
    switch (t) {
    case 'e': snprintf(out, cap, upper ? "%.*E" : "%.*e", prec < 0 ? 6 : prec, x); break;
    case 'f': snprintf(out, cap, "%.*f", prec < 0 ? 6 : prec, x); break;
    case '%': snprintf(out, cap, "%.*f%%", prec < 0 ? 6 : prec, x * 100); break;
    case 'g':
        snprintf(out, cap, upper ? "%.*G" : "%.*g", prec < 0 ? 6 : prec == 0 ? 1 : prec, x);
        break;
    default: /* no type, a precision: 'g' that keeps a ".0" */
        snprintf(out, cap, "%.*g", prec == 0 ? 1 : prec, x);
        if (!strpbrk(out, ".e")) strncat(out, ".0", cap - strlen(out) - 1);
        break;
    }
}

/* A number by spec: an int (isint, iv) or a float (fv). plain is str() of
 * the float, used as it is for a spec with neither type nor precision. */
static bool format_number(SBuf *b, const Spec *sp, bool isint, int64_t iv, double fv,
                          const char *plain, Err *e) {
    char t = sp->type;
    bool upper = t == 'X' || t == 'E' || t == 'F' || t == 'G';
    char lt = upper ? (char)(t + ('a' - 'A')) : t;
    if (lt == 'n') lt = isint ? 'd' : 'g';
    if (isint && strchr("dxobc", lt) == NULL && lt != 0 && !strchr("efg%", lt))
        return err_set(e, ERR_VALUE, "unknown format code '%c' for an int", t) != NULL;
    if (!isint && lt && !strchr("efg%", lt))
        return err_set(e, ERR_VALUE, "unknown format code '%c' for a float", t) != NULL;
    if (isint && (lt == 0 || strchr("dxobc", lt)) && sp->prec >= 0)
        return err_set(e, ERR_VALUE, "a precision is not allowed for an int") != NULL;
    char digits[512];
    bool neg;
    const char *prefix = "";
    if (isint && lt == 'c') {
        if (iv < 0 || iv > 0x10FFFF)
            return err_set(e, ERR_VALUE, "%%c needs a code point from 0 to 0x10FFFF") != NULL;
        char s[5] = {0};
        uint32_t c = (uint32_t)iv;
        if (c < 0x80) {
            s[0] = (char)c;
        } else if (c < 0x800) {
            s[0] = (char)(0xC0 | c >> 6), s[1] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            s[0] = (char)(0xE0 | c >> 12), s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            s[2] = (char)(0x80 | (c & 0x3F));
        } else {
            s[0] = (char)(0xF0 | c >> 18), s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            s[2] = (char)(0x80 | ((c >> 6) & 0x3F)), s[3] = (char)(0x80 | (c & 0x3F));
        }
        pad_out(b, sp, "", s, strlen(s), '<');
        return true;
    }
    if (isint && (lt == 0 || strchr("dxob", lt))) {
        neg = iv < 0;
        uint64_t u = neg ? (uint64_t)0 - (uint64_t)iv : (uint64_t)iv;
        int base = lt == 'x' ? 16 : lt == 'o' ? 8 : lt == 'b' ? 2 : 10;
        to_base(digits, u, base, upper);
        if (sp->alt && base != 10)
            prefix = base == 16 ? (upper ? "0X" : "0x") : base == 8 ? "0o" : "0b";
    } else {
        double x = isint ? (double)iv : fv;
        neg = signbit(x) && !isnan(x);
        if (lt == 0 && sp->prec < 0 && plain)
            snprintf(digits, sizeof digits, "%s", plain + (plain[0] == '-'));
        else
            float_digits(digits, sizeof digits, fabs(x), lt == 0 && sp->prec < 0 ? 'g' : lt,
                         sp->prec, upper);
    }
    char head[8];
    snprintf(head, sizeof head, "%s%s",
             neg               ? "-"
             : sp->sign == '+' ? "+"
             : sp->sign == ' ' ? " "
                               : "",
             prefix);
    SBuf body = {0};
    bool decimal = !(isint && lt && strchr("xob", lt));
    if (sp->group)
        group_digits(&body, digits, sp->group, decimal ? 3 : 4);
    else
        sbuf_puts(&body, digits);
    char *text = sbuf_done(&body);
    if (!text) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    Spec s2 = *sp;
    if (sp->zero && !sp->align) {
        s2.fill = '0';
        s2.align = '=';
    }
    pad_out(b, &s2, head, text, strlen(text), '>');
    free(text);
    return true;
}

/* --- format specs ------------------------------------------------------------- */

static bool read_int(const char **s, int max, int *out) {
    int v = 0;
    while (**s >= '0' && **s <= '9') {
        v = v * 10 + (**s - '0');
        if (v > max) return false;
        (*s)++;
    }
    *out = v;
    return true;
}

static bool parse_spec(const char *s, Spec *sp, Err *e) {
    const char *start = s;
    memset(sp, 0, sizeof *sp);
    sp->fill = ' ';
    sp->prec = -1;
    if (s[0] && s[1] && strchr("<>^=", s[1])) {
        sp->fill = s[0];
        sp->align = s[1];
        s += 2;
    } else if (s[0] && strchr("<>^=", s[0])) {
        sp->align = *s++;
    }
    if (*s && strchr("+- ", *s)) sp->sign = *s++;
    if (*s == '#') sp->alt = true, s++;
    if (*s == '0') sp->zero = true, s++;
    if (!read_int(&s, MAX_WIDTH, &sp->width))
        return err_set(e, ERR_VALUE, "a width over %d in format spec '%s'", MAX_WIDTH, start) !=
               NULL;
    if (*s == ',' || *s == '_') sp->group = *s++;
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return err_set(e, ERR_VALUE, "format spec '%s' has '.' but no precision after it",
                           start) != NULL;
        if (!read_int(&s, MAX_PREC, &sp->prec))
            return err_set(e, ERR_VALUE, "a precision over %d in format spec '%s'", MAX_PREC,
                           start) != NULL;
    }
    if (*s) sp->type = *s++;
    if (*s || (sp->type && !strchr("bcdeEfFgGnosxX%", sp->type)))
        return err_set(e, ERR_VALUE, "invalid format spec '%s'", start) != NULL;
    return true;
}

/* The number in a 0-d numeric array v: *isint and *iv, or *fv. */
static bool number_of(const Value *v, bool *isint, int64_t *iv, double *fv) {
    if (v->kind != V_ARRAY || v->arr->ndim != 0) return false;
    if (eval_int(v, iv)) {
        *isint = true;
        return true;
    }
    *isint = false;
    *fv = arr_get(v->arr, 0);
    return true;
}

static const char *type_word(const Value *v) {
    return v->kind == V_ARRAY ? "numpy.ndarray" : val_kind_name(v->kind);
}

bool pyfmt_spec(Interp *in, SBuf *b, const Value *v, const char *spec, char conv, Err *e) {
    Spec sp;
    if (!parse_spec(spec ? spec : "", &sp, e)) return false;
    bool isint;
    int64_t iv = 0;
    double fv = 0;
    bool bare = !spec || !*spec;
    bool is_bool = v->kind == V_ARRAY && v->arr->ndim == 0 && v->arr->dtype == DT_BOOL;
    /* True:>5 is an int, as in Python; a float32 scalar formats as the
     * Python float it converts to (0.10000000149011612) */
    bool f32 = v->kind == V_ARRAY && v->arr->ndim == 0 && v->arr->dtype == DT_FLOAT32;
    if (!conv && (!bare || f32) && number_of(v, &isint, &iv, &fv)) {
        char *plain = NULL;
        if (!isint) {
            Array *d = arr_scalar_f64(fv, e);
            if (d) d->weak = true;
            Value *dv = d ? val_array(d) : NULL;
            plain = dv ? pyfmt_text(in, dv, false) : NULL;
            val_free(dv);
            if (!plain) {
                if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
                return false;
            }
        }
        bool ok = format_number(b, &sp, isint, iv, fv, plain, e);
        free(plain);
        return ok;
    }
    if (!conv && !bare && v->kind != V_STR)
        return err_set(e, ERR_TYPE, "format spec '%s' does not apply to a %s", spec,
                       is_bool ? "bool" : type_word(v)) != NULL;
    char *text = pyfmt_text(in, v, conv == 'r' || conv == 'a');
    if (!text) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
    bool ok = format_string(b, &sp, text, e);
    free(text);
    return ok;
}

/* --- printf-style: fmt % args ------------------------------------------------------ */

/* The next argument for a conversion (or NULL with e set). */
static const Value *next_arg(const Value *args, int *used, Err *e) {
    bool tuple = args->kind == V_TUPLE;
    int n = tuple ? args->n : 1;
    if (*used >= n) {
        err_set(e, ERR_TYPE, "not enough arguments for the format string");
        return NULL;
    }
    const Value *v = tuple ? args->items[*used] : args;
    (*used)++;
    return v;
}

static const Value *dict_item(const Value *d, const char *key, size_t klen) {
    for (int i = 0; i < d->n; i++)
        if (strlen(d->keys[i]) == klen && memcmp(d->keys[i], key, klen) == 0) return d->items[i];
    return NULL;
}

/* One conversion: the Spec sp (type included) applied to v. */
static bool convert_one(Interp *in, SBuf *b, Spec *sp, const Value *v, Err *e) {
    char t = sp->type;
    if (!sp->align && strchr("srac", t)) sp->align = '>'; /* printf pads text on the left */
    if (t == 's' || t == 'r' || t == 'a') {
        char *text = pyfmt_text(in, v, t != 's');
        if (!text) return err_set(e, ERR_MEMORY, "out of memory") != NULL;
        sp->type = 's';
        sp->sign = 0;
        bool ok = format_string(b, sp, text, e);
        free(text);
        return ok;
    }
    bool isint;
    int64_t iv = 0;
    double fv = 0;
    if (!number_of(v, &isint, &iv, &fv)) {
        if (t == 'c' && v->kind == V_STR && text_len(v->str, strlen(v->str)) == 1) {
            sp->type = 's';
            return format_string(b, sp, v->str, e);
        }
        return err_set(e, ERR_TYPE, "%%%c needs a number, not %s", t,
                       v->kind == V_STR ? "a str" : type_word(v)) != NULL;
    }
    if (t == 'd' || t == 'i' || t == 'u') {
        if (!isint) { /* "%d" % 3.7 is "3": toward zero */
            if (!isfinite(fv) || fabs(fv) >= 9.2e18)
                return err_set(e, ERR_VALUE, "%%d cannot show %g as an int", fv) != NULL;
            iv = (int64_t)fv;
            isint = true;
        }
        sp->type = 'd';
        sp->prec = -1;
    } else if ((t == 'x' || t == 'X' || t == 'o' || t == 'c') && !isint) {
        return err_set(e, ERR_TYPE, "%%%c needs an int, not a float", t) != NULL;
    } else if (t == 'x' || t == 'X' || t == 'o' || t == 'c') {
        sp->prec = -1;
    } else if (isint) { /* %f, %e, %g of an int */
        fv = (double)iv;
        isint = false;
    }
    return format_number(b, sp, isint, iv, fv, NULL, e);
}

Value *pyfmt_percent(Interp *in, const char *fmt, const Value *args, Err *e) {
    SBuf b = {0};
    int used = 0;
    bool named = false;
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            const char *q = strchr(p, '%');
            size_t n = q ? (size_t)(q - p) : strlen(p);
            sbuf_put(&b, p, n);
            p += n;
            continue;
        }
        p++;
        if (*p == '%') {
            sbuf_putc(&b, '%');
            p++;
            continue;
        }
        const Value *v = NULL;
        if (*p == '(') { /* %(name)s takes from a dict */
            const char *close = strchr(p, ')');
            if (!close) {
                err_set(e, ERR_VALUE, "%%( without its ')' in the format string");
                goto fail;
            }
            if (args->kind != V_DICT) {
                err_set(e, ERR_TYPE, "%%(name) needs a dict after %%");
                goto fail;
            }
            v = dict_item(args, p + 1, (size_t)(close - p - 1));
            if (!v) {
                err_set(e, ERR_NAME, "the dict has no key '%.*s'", (int)(close - p - 1), p + 1);
                goto fail;
            }
            named = true;
            p = close + 1;
        }
        Spec sp;
        memset(&sp, 0, sizeof sp);
        sp.fill = ' ';
        sp.prec = -1;
        for (; *p && strchr("-+ #0", *p); p++) {
            if (*p == '-') sp.align = '<';
            if (*p == '+') sp.sign = '+';
            if (*p == ' ' && sp.sign != '+') sp.sign = ' ';
            if (*p == '#') sp.alt = true;
            if (*p == '0') sp.zero = true;
        }
        if (sp.align == '<') sp.zero = false;
        if (*p == '*' || (*p == '.' && p[1] == '*')) {
            err_set(e, ERR_VALUE, "'*' widths are not supported in nnsh: write the number");
            goto fail;
        }
        if (!read_int(&p, MAX_WIDTH, &sp.width)) {
            err_set(e, ERR_VALUE, "a width over %d in the format string", MAX_WIDTH);
            goto fail;
        }
        if (*p == '.') {
            p++;
            if (!read_int(&p, MAX_PREC, &sp.prec)) {
                err_set(e, ERR_VALUE, "a precision over %d in the format string", MAX_PREC);
                goto fail;
            }
        }
        while (*p == 'l' || *p == 'h' || *p == 'L')
            p++;
        if (!*p || !strchr("diouxXeEfFgGcrsa", *p)) {
            if (*p)
                err_set(e, ERR_VALUE, "unsupported format character '%c' in the format string", *p);
            else
                err_set(e, ERR_VALUE, "the format string ends in the middle of a %% conversion");
            goto fail;
        }
        sp.type = *p == 'F' ? 'F' : *p;
        if (sp.type == 'u') sp.type = 'd';
        p++;
        if (!v && !(v = next_arg(args, &used, e))) goto fail;
        if (!convert_one(in, &b, &sp, v, e)) goto fail;
    }
    if (!named && used < (args->kind == V_TUPLE ? args->n : 1) &&
        !(args->kind == V_DICT && used == 0)) {
        err_set(e, ERR_TYPE, "not all arguments were used by the format string");
        goto fail;
    }
    char *s = sbuf_done(&b);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    Value *out = val_str(s);
    free(s);
    if (!out) err_set(e, ERR_MEMORY, "out of memory");
    return out;
fail:
    free(sbuf_done(&b));
    return NULL;
}
