/* err.c - recording and printing errors (see err.h). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(Err *e) {
    if (e) memset(e, 0, sizeof *e);
}

static void vset(Err *e, ErrKind kind, const char *fmt, va_list ap) {
    Span keep = e->span;
    err_clear(e);
    e->kind = kind;
    e->span = keep;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->axis[0] = e->axis[1] = -1;
}

void *err_set(Err *e, ErrKind kind, const char *fmt, ...) {
    if (!e) return NULL;
    va_list ap;
    va_start(ap, fmt);
    vset(e, kind, fmt, ap);
    va_end(ap);
    return NULL;
}

void *err_set_at(Err *e, ErrKind kind, Span at, const char *fmt, ...) {
    if (!e) return NULL;
    va_list ap;
    va_start(ap, fmt);
    vset(e, kind, fmt, ap);
    va_end(ap);
    e->span = at;
    return NULL;
}

static void set_operand(ErrOperand *o, int ndim, const int64_t *shape) {
    /* shape may be NULL for a 0-d operand */
    memset(o, 0, sizeof *o);
    o->ndim = ndim;
    for (int i = 0; shape && i < ndim && i < 4; i++)
        o->shape[i] = shape[i];
}

void *err_shape(Err *e, const char *op, int andim, const int64_t *ashape, int bndim,
                const int64_t *bshape, const char *fmt, ...) {
    if (!e) return NULL;
    va_list ap;
    va_start(ap, fmt);
    vset(e, ERR_SHAPE, fmt, ap);
    va_end(ap);
    snprintf(e->op, sizeof e->op, "%s", op);
    e->nops = 0;
    /* the first operand is always recorded; the second when bshape != NULL */
    set_operand(&e->ops[e->nops++], andim, ashape);
    if (bshape) set_operand(&e->ops[e->nops++], bndim, bshape);
    return NULL;
}

const char *err_kind_name(ErrKind k) {
    switch (k) {
    case ERR_NONE: return "no error";
    case ERR_SYNTAX: return "syntax error";
    case ERR_INCOMPLETE: return "incomplete input";
    case ERR_NAME: return "name error";
    case ERR_TYPE: return "type error";
    case ERR_VALUE: return "value error";
    case ERR_SHAPE: return "shape error";
    case ERR_INDEX: return "index error";
    case ERR_IO: return "file error";
    case ERR_FORMAT: return "format error";
    case ERR_MEMORY: return "out of memory";
    case ERR_INTERRUPT: return "interrupted";
    }
    return "error";
}

char *shape_str(char *buf, int ndim, const int64_t *shape) {
    /* NumPy's tuple spelling: (), (3,), (2, 3). Built in a buffer large
     * enough for any ARR_MAXDIM-axis shape, then copied into the caller's 64
     * bytes; a text that does not fit (only a shape no array can have: the
     * array constructors refuse axes whose product overflows) ends in "...)"
     * rather than running past the buffer. */
    char t[SHAPE_STR_SIZE * 2];
    size_t n = 0, cap = sizeof t;
    t[n++] = '(';
    for (int i = 0; i < ndim && n < cap; i++) {
        int w = snprintf(t + n, cap - n, i ? ", %lld" : "%lld", (long long)shape[i]);
        if (w < 0) break;
        n += (size_t)w < cap - n ? (size_t)w : cap - n - 1;
    }
    if (n + 3 > cap) n = cap - 3;
    if (ndim == 1) t[n++] = ',';
    t[n++] = ')';
    t[n] = '\0';
    if (n < SHAPE_STR_SIZE) {
        memcpy(buf, t, n + 1);
    } else {
        memcpy(buf, t, SHAPE_STR_SIZE - 5);
        memcpy(buf + SHAPE_STR_SIZE - 5, "...)", 5);
    }
    return buf;
}

const char *err_source_line(const char *src, int line, int *len) {
    const char *p = src;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return NULL;
    const char *q = strchr(p, '\n');
    *len = q ? (int)(q - p) : (int)strlen(p);
    return p;
}

void err_print(FILE *out, const Err *e, const char *srcname, const char *src, int color) {
    const char *red = color ? "\033[1;31m" : "";
    const char *bold = color ? "\033[1m" : "";
    const char *off = color ? "\033[0m" : "";
    fprintf(out, "%s%s:%s %s\n", red, err_kind_name(e->kind), off, e->msg);
    if (e->span.line <= 0 || !src) return;
    int len = 0;
    const char *l = err_source_line(src, e->span.line, &len);
    if (!l) return;
    int col = e->span.col, end = e->span.end;
    if (col > len) col = len;
    if (end <= col) end = col + 1;
    if (end > len + 1) end = len + 1;
    if (srcname && *srcname)
        fprintf(out, "  at %s line %d, column %d:\n", srcname, e->span.line, col + 1);
    fprintf(out, "    %s%.*s%s\n    ", bold, len, l, off);
    /* keep tabs so the caret lines up under tab-indented text */
    for (int i = 0; i < col; i++)
        fputc(l[i] == '\t' ? '\t' : ' ', out);
    fputs(red, out);
    for (int i = col; i < end; i++)
        fputc('^', out);
    fprintf(out, "%s\n", off);
}
