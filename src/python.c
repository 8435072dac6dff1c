/* python.c - Python's own built-ins that the book's code uses: len, float,
 * int, bool, print, repr, str. */
#include "python.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

/* A Python int (weak: it adapts to the other operand's dtype). */
static Value *int_value(int64_t v, Err *e) {
    Array *a = arr_scalar_i64(v, e);
    if (a) a->weak = true;
    return builtin_wrap(a, e);
}

/* sys.path.append(dir): the book's scripts add the parent folder to the
 * module path; nnsh's modules are built in, so there is nothing to do. */
static Value *f_path_append(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    if (a->v[0]->kind != V_STR)
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "sys.path.append takes a folder name");
    return builtin_none(e);
}

static Value *f_len(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    const Value *v = a->v[0];
    switch (v->kind) {
    case V_ARRAY:
        if (v->arr->ndim == 0)
            return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                              "len() of a 0-d array (a single number)");
        return int_value(v->arr->shape[0], e);
    case V_TUPLE:
    case V_LIST:
    case V_DICT: return int_value(v->n, e);
    case V_STR: return int_value((int64_t)strlen(v->str), e);
    default:
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0), "a %s has no length",
                          val_kind_name((v)->kind));
    }
}

/* float(x) / int(x) / bool(x): one number from a size-1 array or a string. */
static Value *to_scalar(const CallArgs *a, DType t, Err *e) {
    const Value *v = a->v[0];
    double d;
    if (v->kind == V_STR && t != DT_BOOL) {
        char *end;
        d = strtod(v->str, &end);
        while (*end == ' ')
            end++;
        if (end == v->str || *end)
            return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0), "'%s' is not a number", v->str);
    } else if (v->kind == V_ARRAY && v->arr->size == 1) {
        d = arr_get(v->arr, 0);
    } else {
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "%s() needs a single number, not a %s", a->fname,
                          v->kind == V_ARRAY ? "multi-element array" : val_kind_name((v)->kind));
    }
    Array *r;
    if (t == DT_INT64) {
        if (!(fabs(d) < 9.2233720368547758e18))
            return err_set_at(e, ERR_VALUE, builtin_arg_span(a, 0), "cannot convert %g to int", d);
        r = arr_scalar_i64((int64_t)d, e);
    } else if (t == DT_BOOL) {
        r = arr_scalar_bool(d != 0, e);
    } else {
        r = arr_scalar_f64(d, e);
    }
    if (r) r->weak = true; /* a Python number */
    return builtin_wrap(r, e);
}

static Value *f_float(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_FLOAT64, e);
}

static Value *f_int(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_INT64, e);
}

static Value *f_bool(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    return to_scalar(a, DT_BOOL, e);
}

/* The text of v in a ShowMode, as a new value. */
static Value *shown(Interp *in, const Value *v, ShowMode mode, Err *e) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return err_set(e, ERR_MEMORY, "out of memory");
    if (v->kind == V_ARRAY && mode == SHOW_INLINE) {
        char *s = fmt_repr(v->arr, interp_fmt(in));
        fputs(s ? s : "", f);
        free(s);
    } else {
        interp_show(in, f, v, mode);
    }
    fclose(f);
    Value *r = buf ? val_str(buf) : NULL;
    free(buf);
    if (!r) err_set(e, ERR_MEMORY, "out of memory");
    return r;
}

static Value *f_repr(Interp *in, const CallArgs *a, Err *e) {
    return shown(in, a->v[0], SHOW_INLINE, e);
}

static Value *f_str(Interp *in, const CallArgs *a, Err *e) {
    return shown(in, a->v[0], SHOW_PRINT, e);
}

static Value *f_print(Interp *in, const CallArgs *a, Err *e) {
    const Value *sep = builtin_kw(a, "sep"), *end = builtin_kw(a, "end");
    if ((sep && sep->kind != V_STR) || (end && end->kind != V_STR))
        return err_set_at(e, ERR_TYPE, a->call->span, "sep and end must be strings");
    FILE *out = interp_out(in);
    for (int i = 0; i < a->n; i++) {
        if (i) fputs(sep ? sep->str : " ", out);
        interp_show(in, out, a->v[i], SHOW_PRINT);
    }
    fputs(end ? end->str : "\n", out);
    Value *v = val_none();
    if (!v) err_set(e, ERR_MEMORY, "out of memory");
    return v;
}

#define FN(name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, rule)                 \
    { name, group, sig, summary, numpy, shapes, example, lo, hi, kw, f, NULL, rule }

const Builtin python_builtins[] = {
    FN("sys.path.append", "output", "sys.path.append(dir)",
       "Accepted so the book's scripts paste as they are; nnsh's modules are built in, so it "
       "changes nothing.",
       "sys.path.append(os.pardir)", NULL, "sys.path.append(os.pardir)", 1, 1, NULL, f_path_append,
       SHAPE_NOVALUE),
    FN("len", "array", "len(x)", "The length of the first axis (or of a tuple, list, dict).",
       "len(x)", "(n, ...) -> n", "len(W1)", 1, 1, NULL, f_len, SHAPE_SCALAR),
    FN("float", "output", "float(x)", "One number as a float (from a size-1 array or a string).",
       "float(x)", "size 1 -> ()", "float('inf')", 1, 1, NULL, f_float, SHAPE_SCALAR),
    FN("int", "output", "int(x)", "One number as an int (truncated toward zero).", "int(x)",
       "size 1 -> ()", "int(2.7)", 1, 1, NULL, f_int, SHAPE_SCALAR),
    FN("bool", "output", "bool(x)", "One number as True or False.", "bool(x)", "size 1 -> ()",
       "bool(0)", 1, 1, NULL, f_bool, SHAPE_SCALAR),
    FN("print", "output", "print(a, b, ..., sep=' ', end='\\n')",
       "Print values as Python's print does (arrays as NumPy prints them), even with echo off.",
       "print(a, b)", NULL, "print(A1, A1.shape)", 0, -1, "sep end", f_print, SHAPE_NOVALUE),
    FN("repr", "output", "repr(x)", "The text that recreates x, e.g. array([0.1, 0.2]).", "repr(x)",
       NULL, "repr(B1)", 1, 1, NULL, f_repr, SHAPE_NONE),
    FN("str", "output", "str(x)", "The text print shows for x.", "str(x)", NULL, "str(B1)", 1, 1,
       NULL, f_str, SHAPE_NONE),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0},
};
