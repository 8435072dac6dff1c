/* shapefix.c - explaining shape errors and proposing rewrites of the
 * operation that failed (see shapefix.h).
 *
 * The rules used here are NumPy's:
 *   dot     (n,)·(n,) -> ()    (n,)·(n,m) -> (m,)   (k,n)·(n,) -> (k,)
 *           (k,n)·(n,m) -> (k,m); a 0-d operand scales the other.
 *   @       the same for 1-D and 2-D, no 0-d operands; leading axes of 3-D
 *           and 4-D operands broadcast.
 *   + - ... shapes are lined up from the right; each pair of axes must be
 *           equal or one of them 1 (a missing axis counts as 1).
 *   reshape the new shape must hold exactly as many elements (one -1 is
 *           worked out from the others).
 * A rewrite is only proposed after the same rule has accepted the
 * rewritten shapes; fixes.c then checks it on the whole statement. A
 * rewrite never reshapes one operand of an element-wise operation or a
 * product into the other's shape: that makes the shapes fit by pairing
 * numbers that do not belong together.
 */
#include "sbuf.h"
#include "shapefix.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* ------------------------------------------------------------------------ */
/* small text helpers                                                        */

/* Append printf-style text to buf (size n) at *k, never overflowing. */

/* NumPy's compact tuple spelling used in its messages: (2,3) (2,) () */
static char *np_shape(char *buf, size_t n, int nd, const int64_t *s) {
    size_t k = 0;
    str_addf(buf, n, &k, "(");
    for (int i = 0; i < nd; i++)
        str_addf(buf, n, &k, i ? ",%lld" : "%lld", (long long)s[i]);
    str_addf(buf, n, &k, nd == 1 ? ",)" : ")");
    return buf;
}

/* A "plain" operand needs no parentheses after it or in command form:
 * W1, x_batch, W1.T, x[0], network['W1']. */
static bool is_plain(const char *s) {
    if (!*s || !(isalpha((unsigned char)*s) || *s == '_')) return false;
    int depth = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '[')
            depth++;
        else if (c == ']')
            depth--;
        else if (depth == 0 && !(isalnum(c) || c == '_' || c == '.'))
            return false;
        else if (depth > 0 && c == ' ')
            continue;
    }
    return depth == 0;
}

/* The operand's name as source text, parenthesised when it is not plain. */
static void operand_text(const Err *e, int i, char *buf, size_t n) {
    const char *name = i < e->nops ? e->ops[i].name : "";
    if (!*name)
        str_fmt(buf, n, "%s", i == 0 ? "a" : "b");
    else if (is_plain(name))
        str_fmt(buf, n, "%s", name);
    else
        str_fmt(buf, n, "(%s)", name);
}

/* The operand's name for prose: the name, or "the left/right operand". */
static const char *operand_label(const Err *e, int i) {
    const char *name = i < e->nops ? e->ops[i].name : "";
    if (*name) return name;
    return i == 0 ? "the left operand" : "the right operand";
}

/* The broadcasting operators by NumPy's ufunc name. */
static const struct {
    const char *name, *sym;
} kBinops[] = {
    {"add", "+"},         {"subtract", "-"},      {"multiply", "*"},    {"divide", "/"},
    {"true_divide", "/"}, {"floor_divide", "//"}, {"remainder", "%"},   {"power", "**"},
    {"less", "<"},        {"less_equal", "<="},   {"greater", ">"},     {"greater_equal", ">="},
    {"equal", "=="},      {"not_equal", "!="},    {"bitwise_and", "&"}, {"bitwise_or", "|"},
    {"logical_and", "&"}, {"logical_or", "|"},    {"maximum", NULL},    {"minimum", NULL},
};

/* Returns true when `op` broadcasts; *sym is its operator or NULL for the
 * function-only ones (maximum, minimum). */
static bool binop_lookup(const char *op, const char **sym) {
    for (size_t i = 0; i < sizeof kBinops / sizeof kBinops[0]; i++)
        if (strcmp(kBinops[i].name, op) == 0) {
            *sym = kBinops[i].sym;
            return true;
        }
    return false;
}

static bool is_dotlike(const char *op) {
    return strcmp(op, "dot") == 0 || strcmp(op, "matmul") == 0;
}

/* ------------------------------------------------------------------------ */
/* shape rules                                                               */

bool shapefix_dot_shape(int an, const int64_t *a, int bn, const int64_t *b, int *rn, int64_t *r,
                        int *clash_a, int *clash_b) {
    int ca = -1, cb = -1;
    bool ok = true;
    if (an > 2 || bn > 2) {
        ok = false;
        if (an > 2) ca = an - 1;
        if (bn > 2) cb = bn - 2;
    } else if (an == 0 || bn == 0) {
        /* a scalar scales the other operand */
        const int64_t *s = an == 0 ? b : a;
        *rn = an == 0 ? bn : an;
        for (int i = 0; i < *rn; i++)
            r[i] = s[i];
    } else {
        int ka = an - 1, kb = 0; /* 1-D and 2-D: axis 0 of b */
        if (a[ka] != b[kb]) {
            ok = false;
            ca = ka;
            cb = kb;
        } else {
            int n = 0;
            if (an == 2) r[n++] = a[0];
            if (bn == 2) r[n++] = b[1];
            *rn = n;
        }
    }
    if (clash_a) *clash_a = ca;
    if (clash_b) *clash_b = cb;
    return ok;
}

bool shapefix_matmul_shape(int an, const int64_t *a, int bn, const int64_t *b, int *rn, int64_t *r,
                           int *clash_a, int *clash_b) {
    if (clash_a) *clash_a = -1;
    if (clash_b) *clash_b = -1;
    if (an == 0 || bn == 0) return false;
    /* promote 1-D operands: (n,) is (1,n) on the left, (n,1) on the right */
    int64_t pa[4] = {0}, pb[4] = {0};
    int pan = an, pbn = bn;
    if (an == 1) {
        pa[0] = 1;
        pa[1] = a[0];
        pan = 2;
    } else
        for (int i = 0; i < an; i++)
            pa[i] = a[i];
    if (bn == 1) {
        pb[0] = b[0];
        pb[1] = 1;
        pbn = 2;
    } else
        for (int i = 0; i < bn; i++)
            pb[i] = b[i];
    if (pa[pan - 1] != pb[pbn - 2]) {
        if (clash_a) *clash_a = an - 1;
        if (clash_b) *clash_b = bn == 1 ? 0 : bn - 2;
        return false;
    }
    /* batch axes broadcast */
    int bnd = 0;
    int64_t bs[4];
    int ba = -1, bb = -1;
    if (!broadcast_shapes(pan - 2, pa, pbn - 2, pb, &bnd, bs, &ba, &bb)) {
        if (clash_a) *clash_a = ba;
        if (clash_b) *clash_b = bb;
        return false;
    }
    int n = 0;
    for (int i = 0; i < bnd && n < 4; i++)
        r[n++] = bs[i];
    if (an != 1 && n < 4) r[n++] = pa[pan - 2];
    if (bn != 1 && n < 4) r[n++] = pb[pbn - 1];
    if (bnd + 2 > 4) return false; /* more axes than nnsh keeps */
    *rn = n;
    return true;
}

static bool dot_rule(const char *op, int an, const int64_t *a, int bn, const int64_t *b, int *rn,
                     int64_t *r) {
    if (strcmp(op, "matmul") == 0) return shapefix_matmul_shape(an, a, bn, b, rn, r, NULL, NULL);
    return shapefix_dot_shape(an, a, bn, b, rn, r, NULL, NULL);
}

/* The clashing axes of e's two operands under e->op's rule (-1: none). */
static void clash_axes(const Err *e, int *ca, int *cb) {
    *ca = e->nops > 0 ? e->axis[0] : -1;
    *cb = e->nops > 1 ? e->axis[1] : -1;
    if (*ca >= 0 || *cb >= 0) return;
    if (e->nops < 2) return;
    const ErrOperand *A = &e->ops[0], *B = &e->ops[1];
    int rn;
    int64_t r[4];
    const char *sym;
    if (strcmp(e->op, "matmul") == 0)
        shapefix_matmul_shape(A->ndim, A->shape, B->ndim, B->shape, &rn, r, ca, cb);
    else if (strcmp(e->op, "dot") == 0 || strcmp(e->op, "layer") == 0)
        shapefix_dot_shape(A->ndim, A->shape, B->ndim, B->shape, &rn, r, ca, cb);
    else if (binop_lookup(e->op, &sym))
        broadcast_shapes(A->ndim, A->shape, B->ndim, B->shape, &rn, r, ca, cb);
}

/* ------------------------------------------------------------------------ */
/* the fix finder                                                            */

typedef struct Finder {
    ShapeFix *out;
    int max, n;
} Finder;

/* Keep a candidate (already checked) unless the same code is there. */
static void keep(Finder *f, const char *code, const char *why, int nd, const int64_t *s) {
    if (f->n >= f->max) return;
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->out[i].code, code) == 0) return;
    ShapeFix *x = &f->out[f->n++];
    memset(x, 0, sizeof *x);
    str_fmt(x->code, sizeof x->code, "%s", code);
    str_fmt(x->why, sizeof x->why, "%s", why);
    x->ndim = nd;
    for (int i = 0; i < nd && i < 4; i++)
        x->shape[i] = s[i];
}

/* Write a dot/matmul of two operand texts in the learner's style. */
static void dot_code(char *buf, size_t n, const char *op, FixStyle st, const char *l,
                     const char *r) {
    bool mm = strcmp(op, "matmul") == 0;
    if (mm && st == FIX_OPERATOR)
        str_fmt(buf, n, "%s @ %s", l, r);
    else if (st == FIX_NPCALL)
        str_fmt(buf, n, "np.%s(%s, %s)", op, l, r);
    else if (st == FIX_CALL)
        str_fmt(buf, n, "%s(%s, %s)", op, l, r);
    else if (st == FIX_OPERATOR)
        str_fmt(buf, n, "%s @ %s", l, r);
    else
        str_fmt(buf, n, "%s %s %s", op, l, r);
}

static void transposed(int nd, const int64_t *s, int64_t *t) {
    for (int i = 0; i < nd; i++)
        t[i] = s[nd - 1 - i];
}

/* `a` transposed as source text: "W1.T" for "W1", "xb" for "xb.T". */
static void untranspose_text(char *buf, size_t n, const char *a) {
    size_t l = strlen(a);
    if (l > 2 && strcmp(a + l - 2, ".T") == 0 && is_plain(a))
        str_fmt(buf, n, "%.*s", (int)(l - 2), a);
    else
        str_fmt(buf, n, "%s.T", a);
}

static void suggest_dot(const Err *e, FixStyle st, Finder *f) {
    const ErrOperand *A = &e->ops[0], *B = &e->ops[1];
    char a[80], b[80], at[90], bt[90], code[192], why[64];
    operand_text(e, 0, a, sizeof a);
    operand_text(e, 1, b, sizeof b);
    /* transposing an operand that already ends in .T drops the .T */
    untranspose_text(at, sizeof at, a);
    untranspose_text(bt, sizeof bt, b);
    int64_t ta[4], tb[4], r[4];
    int rn;
    transposed(A->ndim, A->shape, ta);
    transposed(B->ndim, B->shape, tb);
    bool can_ta = A->ndim >= 2, can_tb = B->ndim >= 2;
    /* candidates, simplest first: swap, transpose one, swap and transpose */
    struct {
        bool ok;
        const char *l, *r;
        int ln, rn2;
        const int64_t *ls, *rs;
        const char *why;
    } c[] = {
        {true, b, a, B->ndim, A->ndim, B->shape, A->shape, "swap the operands"},
        {can_tb, a, bt, A->ndim, B->ndim, A->shape, tb, "transpose %s"},
        {can_ta, at, b, A->ndim, B->ndim, ta, B->shape, "transpose %s"},
        {can_ta, b, at, B->ndim, A->ndim, B->shape, ta, "swap, transpose %s"},
        {can_tb, bt, a, B->ndim, A->ndim, tb, A->shape, "swap, transpose %s"},
        {can_ta && can_tb, at, bt, A->ndim, B->ndim, ta, tb, "transpose both"},
    };
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        if (!c[i].ok) continue;
        if (!dot_rule(e->op, c[i].ln, c[i].ls, c[i].rn2, c[i].rs, &rn, r)) continue;
        dot_code(code, sizeof code, e->op, st, c[i].l, c[i].r);
        const char *who = (i == 1 || i == 4) ? operand_label(e, 1) : operand_label(e, 0);
        size_t wl = strlen(who);
        if (strstr(c[i].why, "%s") && wl > 2 && strcmp(who + wl - 2, ".T") == 0)
            str_fmt(why, sizeof why, "%.*s without the .T", (int)(wl - 2), who);
        else if (strstr(c[i].why, "%s"))
            str_fmt(why, sizeof why, c[i].why, who);
        else
            str_fmt(why, sizeof why, "%s", c[i].why);
        keep(f, code, why, rn, r);
    }
}

/* Text of `a OP b` for a broadcasting op. */
static void binop_code(char *buf, size_t n, const char *op, const char *sym, const char *l,
                       const char *r) {
    if (sym)
        str_fmt(buf, n, "%s %s %s", l, sym, r);
    else
        str_fmt(buf, n, "np.%s(%s, %s)", op, l, r);
}

/* ".reshape(2, 1)" for a shape. */
static void reshape_text(char *buf, size_t n, int nd, const int64_t *s) {
    size_t k = 0;
    str_addf(buf, n, &k, ".reshape(");
    for (int i = 0; i < nd; i++)
        str_addf(buf, n, &k, i ? ", %lld" : "%lld", (long long)s[i]);
    str_addf(buf, n, &k, ")");
}

static void suggest_broadcast(const Err *e, const char *sym, Finder *f) {
    const ErrOperand *A = &e->ops[0], *B = &e->ops[1];
    char a[80], b[80], la[120], lb[120], code[192], why[64], rs[48];
    operand_text(e, 0, a, sizeof a);
    operand_text(e, 1, b, sizeof b);
    int rn, x, y;
    int64_t r[4], s[4];
    /* 1. a 1-D operand made a column: (2,3) + (2,) -> (2,3) + (2,1) */
    for (int side = 1; side >= 0; side--) {
        const ErrOperand *P = side ? B : A, *Q = side ? A : B;
        if (P->ndim != 1 || Q->ndim < 2) continue;
        s[0] = P->shape[0];
        s[1] = 1;
        bool ok = side ? broadcast_shapes(A->ndim, A->shape, 2, s, &rn, r, &x, &y)
                       : broadcast_shapes(2, s, B->ndim, B->shape, &rn, r, &x, &y);
        if (!ok) continue;
        reshape_text(rs, sizeof rs, 2, s);
        str_fmt(side ? lb : la, 120, "%s%s", side ? b : a, rs);
        binop_code(code, sizeof code, e->op, sym, side ? a : la, side ? lb : b);
        str_fmt(why, sizeof why, "make %s a column", operand_label(e, side));
        keep(f, code, why, rn, r);
    }
    /* 2. transpose a 2-D operand */
    for (int side = 1; side >= 0; side--) {
        const ErrOperand *P = side ? B : A;
        if (P->ndim < 2) continue;
        transposed(P->ndim, P->shape, s);
        bool ok = side ? broadcast_shapes(A->ndim, A->shape, B->ndim, s, &rn, r, &x, &y)
                       : broadcast_shapes(A->ndim, s, B->ndim, B->shape, &rn, r, &x, &y);
        if (!ok) continue;
        str_fmt(side ? lb : la, 120, "%s.T", side ? b : a);
        binop_code(code, sizeof code, e->op, sym, side ? a : la, side ? lb : b);
        str_fmt(why, sizeof why, "transpose %s", operand_label(e, side));
        keep(f, code, why, rn, r);
    }
    /* (reshaping one operand to the other's shape would make the shapes
     *  fit by pairing elements that do not belong together, so it is never
     *  offered for an element-wise operation) */
    /* 3. take one row of a 2-D operand */
    for (int side = 1; side >= 0; side--) {
        const ErrOperand *P = side ? B : A;
        if (P->ndim != 2 || P->shape[0] < 1) continue;
        s[0] = P->shape[1];
        bool ok = side ? broadcast_shapes(A->ndim, A->shape, 1, s, &rn, r, &x, &y)
                       : broadcast_shapes(1, s, B->ndim, B->shape, &rn, r, &x, &y);
        if (!ok) continue;
        str_fmt(side ? lb : la, 120, "%s[0]", side ? b : a);
        binop_code(code, sizeof code, e->op, sym, side ? a : la, side ? lb : b);
        str_fmt(why, sizeof why, "take one row of %s", operand_label(e, side));
        keep(f, code, why, rn, r);
    }
}

static void suggest_reshape(const Err *e, Finder *f) {
    if (e->nops < 2) return;
    const ErrOperand *A = &e->ops[0], *T = &e->ops[1];
    int64_t size = shape_size(A->ndim, A->shape);
    char a[80], code[192], why[64], rs[64];
    operand_text(e, 0, a, sizeof a);
    /* one axis of the requested shape left to NumPy (-1) */
    for (int k = T->ndim - 1; k >= 0; k--) {
        int64_t rest = 1, s[4];
        bool bad = false;
        for (int i = 0; i < T->ndim; i++) {
            if (i == k) continue;
            if (T->shape[i] <= 0 || __builtin_mul_overflow(rest, T->shape[i], &rest))
                bad = true; /* no fit, or more than any array holds */
        }
        if (bad || rest == 0 || size % rest != 0 || size / rest == 0) continue;
        for (int i = 0; i < T->ndim; i++)
            s[i] = i == k ? size / rest : T->shape[i];
        if (T->ndim == 1)
            str_fmt(rs, sizeof rs, ".reshape(-1)");
        else {
            size_t n = 0;
            str_addf(rs, sizeof rs, &n, ".reshape(");
            for (int i = 0; i < T->ndim; i++)
                str_addf(rs, sizeof rs, &n, i ? ", %lld" : "%lld",
                         (long long)(i == k ? -1 : T->shape[i]));
            str_addf(rs, sizeof rs, &n, ")");
        }
        str_fmt(code, sizeof code, "%s%s", a, rs);
        str_fmt(why, sizeof why, "let NumPy work out axis %d", k);
        keep(f, code, why, T->ndim, s);
    }
    /* flattening always keeps the size */
    if (T->ndim != 1) {
        int64_t s[1] = {size};
        str_fmt(code, sizeof code, "%s.reshape(%lld)", a, (long long)size);
        keep(f, code, "flatten to one axis", 1, s);
    }
}

/* The out-of-range index of an index error, from NumPy's wording. */
static bool parse_index(const Err *e, long long *idx, int *axis) {
    const char *texts[2] = {e->numpy_msg, e->msg};
    for (int t = 0; t < 2; t++) {
        const char *p = strstr(texts[t], "index ");
        long long size;
        if (p && sscanf(p, "index %lld is out of bounds for axis %d with size %lld", idx, axis,
                        &size) == 3)
            return true;
    }
    return false;
}

static void suggest_index(const Err *e, Finder *f) {
    if (e->nops < 1) return;
    const ErrOperand *A = &e->ops[0];
    long long idx;
    int axis;
    if (!parse_index(e, &idx, &axis)) return;
    if (e->axis[0] >= 0) axis = e->axis[0];
    if (axis < 0 || axis > 1 || axis >= A->ndim) return;
    char a[80], code[192], why[64];
    int64_t s[4];
    int nd = 0;
    operand_text(e, 0, a, sizeof a);
    for (int i = 0; i < A->ndim; i++)
        if (i != axis) s[nd++] = A->shape[i];
    int64_t size = A->shape[axis];
    if (size <= 0) return;
    const char *pre = axis == 0 ? "" : ":, ";
    if (idx >= size) {
        str_fmt(code, sizeof code, "%s[%s%lld]", a, pre, (long long)(size - 1));
        keep(f, code, "the last item: indices start at 0", nd, s);
        str_fmt(code, sizeof code, "%s[%s-1]", a, pre);
        keep(f, code, "the last item, counted from the end", nd, s);
    } else {
        str_fmt(code, sizeof code, "%s[%s0]", a, pre);
        keep(f, code, "the first item", nd, s);
    }
    /* the other axis may be the one meant: x[5] on a (3, 10) array */
    int other = axis == 0 ? 1 : 0;
    if (A->ndim >= 2 && idx >= 0 && idx < A->shape[other]) {
        nd = 0;
        for (int i = 0; i < A->ndim; i++)
            if (i != other) s[nd++] = A->shape[i];
        str_fmt(code, sizeof code, "%s[%s%lld]", a, other ? ":, " : "", idx);
        str_fmt(why, sizeof why, "index axis %d instead", other);
        keep(f, code, why, nd, s);
    }
}

/* A network whose layers do not chain: ops[0] (the input or the previous
 * weight) feeds ops[1] (a weight). Fixes are assignments to type before
 * running the network again. */
static void suggest_layer(const Err *e, Finder *f) {
    if (e->nops < 2) return;
    const ErrOperand *P = &e->ops[0], *W = &e->ops[1];
    if (W->ndim != 2 || P->ndim < 1) return;
    char p[80], w[80], code[192], why[64];
    operand_text(e, 0, p, sizeof p);
    operand_text(e, 1, w, sizeof w);
    int64_t out = P->shape[P->ndim - 1], s[4];
    bool p_is_weight = (P->name[0] == 'W' || P->name[0] == 'w') && P->ndim == 2;
    /* the weight the wrong way round */
    if (W->shape[1] == out) {
        s[0] = W->shape[1];
        s[1] = W->shape[0];
        str_fmt(code, sizeof code, "%s = %s.T", w, w);
        str_fmt(why, sizeof why, "transpose %s", operand_label(e, 1));
        keep(f, code, why, 2, s);
    }
    /* (transposing the previous weight cannot be checked here: it would
     * change what that layer takes in) */
    if (p_is_weight) return;
    /* the input: a flattened image, a batch of flattened images, a column */
    int64_t size = shape_size(P->ndim, P->shape), in = W->shape[0];
    if (in <= 0 || size <= 0) return;
    if (P->ndim == 2 && P->shape[0] == in) {
        s[0] = P->shape[1];
        s[1] = P->shape[0];
        str_fmt(code, sizeof code, "%s = %s.T", p, p);
        str_fmt(why, sizeof why, "transpose %s", operand_label(e, 0));
        keep(f, code, why, 2, s);
    }
    if (size == in) {
        s[0] = in;
        str_fmt(code, sizeof code, "%s = %s.reshape(%lld)", p, p, (long long)in);
        str_fmt(why, sizeof why, "flatten %s", operand_label(e, 0));
        keep(f, code, why, 1, s);
    } else if (size % in == 0 && P->ndim >= 2) {
        s[0] = size / in;
        s[1] = in;
        str_fmt(code, sizeof code, "%s = %s.reshape(-1, %lld)", p, p, (long long)in);
        str_fmt(why, sizeof why, "flatten each row of %s", operand_label(e, 0));
        keep(f, code, why, 2, s);
    }
}

int shapefix_suggest(const Err *e, FixStyle style, ShapeFix *out, int max) {
    Finder f = {out, max, 0};
    const char *sym = NULL;
    if (!e || max <= 0) return 0;
    if (is_dotlike(e->op) && e->nops == 2)
        suggest_dot(e, style, &f);
    else if (binop_lookup(e->op, &sym) && e->nops == 2)
        suggest_broadcast(e, sym, &f);
    else if (strcmp(e->op, "reshape") == 0)
        suggest_reshape(e, &f);
    else if (strcmp(e->op, "index") == 0)
        suggest_index(e, &f);
    else if (strcmp(e->op, "layer") == 0)
        suggest_layer(e, &f);
    return f.n;
}

/* ------------------------------------------------------------------------ */
/* the rule and NumPy's wording                                              */

static const char *axis_word(int ax, int nd) {
    if (nd == 1 || ax == 0) return "first";
    if (ax == nd - 1) return "last";
    if (ax == nd - 2) return "second-to-last";
    return "middle";
}

char *shapefix_rule(const Err *e, char *buf, size_t n) {
    buf[0] = '\0';
    if (!e) return buf;
    int ca, cb;
    clash_axes(e, &ca, &cb);
    const ErrOperand *A = &e->ops[0], *B = &e->ops[1];
    const char *a = operand_label(e, 0), *b = operand_label(e, 1), *sym;
    if (is_dotlike(e->op) && e->nops == 2) {
        if (ca < 0 || cb < 0 || ca >= A->ndim || cb >= B->ndim) {
            str_fmt(buf, n, "%s works on operands of at most 2 axes", e->op);
            return buf;
        }
        str_fmt(buf, n,
                "%s needs the last axis of %s to equal the %s axis of %s: "
                "%lld != %lld",
                e->op, a, axis_word(cb, B->ndim), b, (long long)A->shape[ca],
                (long long)B->shape[cb]);
    } else if (strcmp(e->op, "layer") == 0 && e->nops == 2) {
        if (A->ndim < 1 || B->ndim < 1) return buf;
        str_fmt(buf, n,
                "each layer takes the previous one's output: the last axis of "
                "%s must equal the first axis of %s: %lld != %lld",
                a, b, (long long)A->shape[A->ndim - 1], (long long)B->shape[0]);
    } else if (binop_lookup(e->op, &sym) && e->nops == 2) {
        size_t k = 0;
        if (sym)
            str_addf(buf, n, &k, "%s (%s)", sym, e->op);
        else
            str_addf(buf, n, &k, "%s", e->op);
        str_addf(buf, n, &k,
                 " lines shapes up from the right and each pair of axes must be "
                 "equal or 1");
        if (ca >= 0 && cb >= 0 && ca < A->ndim && cb < B->ndim)
            str_addf(buf, n, &k, ": axis %d of %s is %lld, axis %d of %s is %lld", ca, a,
                     (long long)A->shape[ca], cb, b, (long long)B->shape[cb]);
    } else if (strcmp(e->op, "reshape") == 0 && e->nops >= 1) {
        char t[64];
        int64_t size = shape_size(A->ndim, A->shape);
        if (e->nops == 2)
            shape_str(t, B->ndim, B->shape);
        else
            str_fmt(t, sizeof t, "the new shape");
        str_fmt(buf, n,
                "reshape keeps every element: %s has %lld, %s would hold "
                "a different number",
                a, (long long)size, t);
        if (e->nops == 2) {
            bool infer = false, huge = false;
            int64_t p = 1;
            for (int i = 0; i < B->ndim; i++) {
                if (B->shape[i] < 0)
                    infer = true;
                else if (__builtin_mul_overflow(p, B->shape[i], &p))
                    huge = true, p = INT64_MAX; /* more than any array holds */
            }
            if (huge && !infer)
                str_fmt(buf, n,
                        "reshape keeps every element: %s has %lld, %s holds more than any "
                        "array can",
                        a, (long long)size, t);
            else if (!infer)
                str_fmt(buf, n,
                        "reshape keeps every element: %s has %lld, %s holds "
                        "%lld",
                        a, (long long)size, t, (long long)p);
            else
                str_fmt(buf, n,
                        "reshape keeps every element: %s has %lld, which is "
                        "not a multiple of %lld",
                        a, (long long)size, (long long)p);
        }
    } else if (strcmp(e->op, "index") == 0 && e->nops >= 1) {
        long long idx;
        int axis;
        if (!parse_index(e, &idx, &axis) || axis < 0 || axis >= A->ndim) return buf;
        long long size = (long long)A->shape[axis];
        if (size == 0)
            str_fmt(buf, n, "axis %d of %s is empty, so no index is valid", axis, a);
        else
            str_fmt(buf, n,
                    "axis %d of %s has %lld items: an index must be 0..%lld "
                    "(or -%lld..-1), and %lld is not",
                    axis, a, size, size - 1, size, idx);
    }
    return buf;
}

char *shapefix_numpy_msg(const Err *e, char *buf, size_t n) {
    buf[0] = '\0';
    if (!e) return buf;
    if (e->numpy_msg[0]) {
        str_fmt(buf, n, "%s", e->numpy_msg);
        return buf;
    }
    const ErrOperand *A = &e->ops[0], *B = &e->ops[1];
    char sa[64], sb[64];
    const char *sym;
    int ca, cb;
    clash_axes(e, &ca, &cb);
    if (e->nops < 1) return buf;
    np_shape(sa, sizeof sa, A->ndim, A->shape);
    if (e->nops > 1) np_shape(sb, sizeof sb, B->ndim, B->shape);
    if ((strcmp(e->op, "dot") == 0 || strcmp(e->op, "layer") == 0) && e->nops == 2 && ca >= 0 &&
        cb >= 0 && ca < A->ndim && cb < B->ndim)
        str_fmt(buf, n, "shapes %s and %s not aligned: %lld (dim %d) != %lld (dim %d)", sa, sb,
                (long long)A->shape[ca], ca, (long long)B->shape[cb], cb);
    else if (strcmp(e->op, "matmul") == 0 && e->nops == 2 && ca >= 0 && cb >= 0 && ca < A->ndim &&
             cb < B->ndim)
        str_fmt(buf, n,
                "matmul: Input operand 1 has a mismatch in its core dimension "
                "0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size %lld is "
                "different from %lld)",
                (long long)B->shape[cb], (long long)A->shape[ca]);
    else if (binop_lookup(e->op, &sym) && e->nops == 2)
        str_fmt(buf, n, "operands could not be broadcast together with shapes %s %s ", sa, sb);
    else if (strcmp(e->op, "reshape") == 0 && e->nops == 2) {
        /* NumPy spells an inferred axis as "newaxis" in this message */
        size_t k = 0;
        char t[96];
        str_addf(t, sizeof t, &k, "(");
        for (int i = 0; i < B->ndim; i++) {
            if (i) str_addf(t, sizeof t, &k, ",");
            if (B->shape[i] < 0)
                str_addf(t, sizeof t, &k, "newaxis");
            else
                str_addf(t, sizeof t, &k, "%lld", (long long)B->shape[i]);
        }
        str_addf(t, sizeof t, &k, B->ndim == 1 ? ",)" : ")");
        str_fmt(buf, n, "cannot reshape array of size %lld into shape %s",
                (long long)shape_size(A->ndim, A->shape), t);
    } else if (strcmp(e->op, "index") == 0) {
        str_fmt(buf, n, "%s", e->msg);
    }
    return buf;
}

/* ------------------------------------------------------------------------ */
/* printing the explanation                                                  */

FixStyle shapefix_style_of(const Err *e, const char *src) {
    bool mm = strcmp(e->op, "matmul") == 0;
    FixStyle dflt = mm ? FIX_OPERATOR : FIX_COMMAND;
    if (!src || e->span.line <= 0) return dflt;
    const char *p = src;
    for (int l = 1; l < e->span.line && p; l++) {
        p = strchr(p, '\n');
        if (p) p++;
    }
    if (!p) return dflt;
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    if ((size_t)e->span.col > len) return dflt;
    const char *q = p + e->span.col;
    if (*q == '@') return FIX_OPERATOR;
    /* the callee name at the span, with any np./numpy. prefix */
    const char *r = q;
    while (r < p + len && (isalnum((unsigned char)*r) || *r == '_' || *r == '.'))
        r++;
    size_t wl = (size_t)(r - q);
    bool np = (wl > 3 && strncmp(q, "np.", 3) == 0) || (wl > 6 && strncmp(q, "numpy.", 6) == 0);
    const char *base = q;
    for (const char *s = q; s < r; s++)
        if (*s == '.') base = s + 1;
    size_t bl = (size_t)(r - base);
    bool named =
        (bl == 3 && strncmp(base, "dot", 3) == 0) || (bl == 6 && strncmp(base, "matmul", 6) == 0);
    if (!named) {
        /* the span covers something else (the whole expression?): look for
         * the spelling anywhere on the line */
        char line[512];
        str_fmt(line, sizeof line, "%.*s", (int)len, p);
        if (strstr(line, "np.dot(") || strstr(line, "np.matmul(")) return FIX_NPCALL;
        if (strstr(line, "dot(") || strstr(line, "matmul(")) return FIX_CALL;
        if (strchr(line, '@')) return FIX_OPERATOR;
        return dflt;
    }
    while (r < p + len && *r == ' ')
        r++;
    if (r < p + len && *r == '(') return np ? FIX_NPCALL : FIX_CALL;
    return FIX_COMMAND;
}

/* One shape written as "(2, 3)" with the byte offset where axis `mark`'s
 * number starts (and its length) so a caret can go under it. */
static void shape_marked(char *buf, size_t n, int nd, const int64_t *s, int mark, int *at,
                         int *len) {
    size_t k = 0;
    *at = -1;
    *len = 0;
    str_addf(buf, n, &k, "(");
    for (int i = 0; i < nd; i++) {
        if (i) str_addf(buf, n, &k, ", ");
        size_t before = k;
        str_addf(buf, n, &k, "%lld", (long long)s[i]);
        if (i == mark) {
            *at = (int)before;
            *len = (int)(k - before);
        }
    }
    str_addf(buf, n, &k, nd == 1 ? ",)" : ")");
}

/* The statement with ^ under the operator and ~ under each operand. */
static void show_statement(FILE *out, const Err *e, const char *src, bool color) {
    int len = 0;
    const char *l = err_source_line(src, e->span.line, &len);
    if (!l || len <= 0 || len > 400) return;
    char marks[402];
    memset(marks, ' ', (size_t)len + 1);
    marks[len + 1] = '\0';
    for (int i = 0; i < e->nops; i++) {
        const Span *s = &e->ops[i].span;
        if (s->line != e->span.line) continue;
        for (int c = s->col; c < s->end && c <= len; c++)
            marks[c] = '~';
    }
    int col = e->span.col, end = e->span.end;
    /* a span over a whole call (dot W1 X, np.dot(W1, X)): the caret goes
     * under the function's name, before the first operand */
    int first = -1;
    for (int i = 0; i < e->nops; i++) {
        const Span *s = &e->ops[i].span;
        if (s->line == e->span.line && s->col > col && s->col < end &&
            (first < 0 || s->col < first))
            first = s->col;
    }
    if (first > col) {
        int stop = first;
        while (stop > col && (l[stop - 1] == ' ' || l[stop - 1] == '('))
            stop--;
        if (stop > col) end = stop;
    }
    if (col > len) col = len;
    if (end <= col) end = col + 1;
    if (end > len + 1) end = len + 1;
    for (int c = col; c < end; c++)
        marks[c] = '^';
    int last = len;
    while (last >= 0 && marks[last] == ' ')
        last--;
    marks[last + 1] = '\0';
    const char *bold = color ? "\033[1m" : "", *red = color ? "\033[1;31m" : "";
    const char *off = color ? "\033[0m" : "";
    fprintf(out, "    %s%.*s%s\n    ", bold, len, l, off);
    for (int c = 0; c <= last; c++) {
        if (marks[c] == ' ')
            fputc(l[c] == '\t' && c < len ? '\t' : ' ', out);
        else if (marks[c] == '^')
            fprintf(out, "%s^%s", red, off);
        else
            fputc('~', out);
    }
    fputc('\n', out);
}

int shapefix_width(void) {
    const char *c = getenv("COLUMNS");
    long w = c && *c ? strtol(c, NULL, 10) : 0;
    return w >= 40 && w <= 80 ? (int)w : 80;
}

/* Columns taken by the first `len` bytes of s, not counting ANSI colour
 * sequences or UTF-8 continuation bytes. */
static int visible_n(const char *s, int len) {
    return str_display_width_n(s, (size_t)len);
}

static int visible_len(const char *s) {
    return visible_n(s, (int)strlen(s));
}

/* Brackets opened minus brackets closed in [p, q): above 0 the text is in
 * the middle of a call or a list, where a line break would split code. */
static int bracket_depth(const char *p, const char *q) {
    int d = 0;
    for (; p < q; p++)
        d += (*p == '(' || *p == '[') - (*p == ')' || *p == ']');
    return d;
}

/* Does [p, p+n) hold a wide (CJK) character? */
static bool has_wide(const char *p, int n) {
    for (int i = 0; i < n;) {
        int len;
        if (str_char_width(p + i, &len) == 2) return true;
        i += len;
    }
    return false;
}

/* Punctuation a line may not start with, and punctuation it may not end
 * with (Chinese typesetting). */
static bool starts_with_any(const char *p, const char *const *set) {
    for (; *set; set++)
        if (strncmp(p, *set, strlen(*set)) == 0) return true;
    return false;
}
static const char *const kNoLineStart[] = {"，", "。", "、", "：", "；", "！", "？",
                                           "）", "》", "」", "』", "”",  "’",  ")",
                                           ",",  ".",  ":",  ";",  NULL};
static const char *const kNoLineEnd[] = {"（", "《", "「", "『", "“", "‘", "(", NULL};

/* The bytes of the longest start of [p, p+n) that fits `room` columns and
 * ends where a line may break: between two characters one of which is
 * wide, not before closing or after opening punctuation. 0 when none. */
static int cjk_cut(const char *p, int n, int room) {
    int best = 0, w = 0, prevw = 0;
    const char *prev = NULL;
    for (int i = 0; i < n;) {
        int len, cw = str_char_width(p + i, &len);
        if (i > 0 && (cw == 2 || prevw == 2) && !starts_with_any(p + i, kNoLineStart) &&
            !(prev && starts_with_any(prev, kNoLineEnd)))
            best = i;
        if (w + cw > room) return best;
        w += cw;
        prev = p + i;
        prevw = cw;
        i += len;
    }
    return n; /* it all fits */
}

void shapefix_wrap(FILE *out, const char *lead, const char *text, int indent) {
    int width = shapefix_width();
    int col = visible_len(lead);
    fputs(lead, out);
    const char *p = text;
    bool first = true;
    while (*p) {
        const char *q = p;
        while (*q && *q != ' ')
            q++;
        /* a command to type, `load_mnist test`, stays whole */
        const char *tick = memchr(p, '`', (size_t)(q - p));
        if (tick && !memchr(tick + 1, '`', (size_t)(q - tick - 1))) {
            const char *close = strchr(q, '`');
            if (close) {
                q = close + 1;
                while (*q && *q != ' ')
                    q++;
            }
        }
        /* code in brackets, np.arange(-5.0, 5.0, 0.1) or (100, 784), stays on
         * one line: a space right after a comma inside brackets is no break
         * (prose in parentheses has other spaces, and may break there) */
        int depth = bracket_depth(p, q);
        while (depth > 0 && *q == ' ' && q > p && q[-1] == ',') {
            const char *r = q;
            while (*r == ' ')
                r++;
            const char *end = r;
            while (*end && *end != ' ')
                end++;
            if (end == r) break;
            depth += bracket_depth(r, end);
            q = end;
        }
        /* "3 != 2" stays on one line */
        while (strncmp(q, " != ", 4) == 0 && q[4] && q[4] != ' ') {
            q += 4;
            while (*q && *q != ' ')
                q++;
        }
        int wl = (int)(q - p), ww = visible_n(p, wl);
        /* Chinese has no spaces: a "word" may be a whole clause, broken
         * between characters to fill the line */
        while (col + !first + ww > width && has_wide(p, wl)) {
            int cut = cjk_cut(p, wl, width - col - !first);
            if (cut == 0) {
                if (first) break; /* nothing fits even a fresh line */
                fprintf(out, "\n%*s", indent, "");
                col = indent;
                first = true;
                continue;
            }
            if (!first) fputc(' ', out);
            fwrite(p, 1, (size_t)cut, out);
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            first = true;
            p += cut;
            wl -= cut;
            ww = visible_n(p, wl);
        }
        if (!first && col + 1 + ww > width) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, (size_t)wl, out);
        col += ww;
        first = false;
        p = q;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

void shapefix_explain_head(FILE *out, const Err *e, const char *src, bool color) {
    if (!e || e->nops < 1) return;
    const char *red = color ? "\033[1;31m" : "", *off = color ? "\033[0m" : "";
    const char *bold = color ? "\033[1m" : "";
    if (src && e->span.line > 0) show_statement(out, e, src, color);
    /* the operands, names lined up, the clashing axis marked */
    int ca, cb;
    clash_axes(e, &ca, &cb);
    bool reshape = strcmp(e->op, "reshape") == 0;
    int w = 0;
    for (int i = 0; i < e->nops; i++) {
        int l = (int)strlen(reshape && i == 1 ? "new shape" : operand_label(e, i));
        if (l > w) w = l;
    }
    if (w > 40) w = 40;
    for (int i = 0; i < e->nops; i++) {
        const ErrOperand *o = &e->ops[i];
        int mark = i == 0 ? ca : cb;
        if (reshape && i == 1) mark = -1;
        char s[96];
        int at, ml;
        shape_marked(s, sizeof s, o->ndim, o->shape, mark, &at, &ml);
        const char *label = operand_label(e, i);
        if (reshape && i == 1) label = "new shape";
        fprintf(out, "  %-*.*s  ", w, w, label);
        if (at >= 0 && color)
            fprintf(out, "%.*s%s%.*s%s%s\n", at, s, red, ml, s + at, off, s + at + ml);
        else
            fprintf(out, "%s\n", s);
        if (at >= 0) {
            fprintf(out, "  %*s  %*s", w, "", at, "");
            fprintf(out, "%s", red);
            for (int k = 0; k < ml; k++)
                fputc('^', out);
            fprintf(out, "%s axis %d is %lld\n", off, mark, (long long)o->shape[mark]);
        }
    }
    char buf[512], lead[32];
    shapefix_rule(e, buf, sizeof buf);
    str_fmt(lead, sizeof lead, "  %srule:%s  ", bold, off);
    if (buf[0]) shapefix_wrap(out, lead, buf, 9);
    shapefix_numpy_msg(e, buf, sizeof buf);
    /* NumPy's broadcasting message ends in a space: no need to show it */
    size_t bl = strlen(buf);
    while (bl > 0 && buf[bl - 1] == ' ')
        buf[--bl] = '\0';
    str_fmt(lead, sizeof lead, "  %snumpy:%s ", bold, off);
    if (buf[0]) shapefix_wrap(out, lead, buf, 9);
}

void shapefix_print_fixes(FILE *out, const ShapeFix *fx, int n, bool color) {
    if (n <= 0) return;
    const char *bold = color ? "\033[1m" : "", *off = color ? "\033[0m" : "";
    int width = shapefix_width();
    char note[SHAPEFIX_MAX * 2][192];
    int cw = 0;
    bool inline_all = true;
    for (int i = 0; i < n && i < SHAPEFIX_MAX * 2; i++) {
        char s[64];
        if (fx[i].ndim >= 0)
            str_fmt(note[i], sizeof note[i], "# %s -> %s", fx[i].why,
                    shape_str(s, fx[i].ndim, fx[i].shape));
        else
            str_fmt(note[i], sizeof note[i], "# %s", fx[i].why);
        int l = (int)strlen(fx[i].code);
        if (l > cw) cw = l;
    }
    for (int i = 0; i < n && i < SHAPEFIX_MAX * 2; i++)
        if (4 + cw + 2 + (int)strlen(note[i]) > width) inline_all = false;
    fprintf(out, "  %stry:%s\n", bold, off);
    for (int i = 0; i < n && i < SHAPEFIX_MAX * 2; i++) {
        int l = (int)strlen(fx[i].code);
        if (inline_all)
            fprintf(out, "    %-*s  %s\n", cw, fx[i].code, note[i]);
        else if (4 + l + 2 + (int)strlen(note[i]) <= width)
            fprintf(out, "    %s  %s\n", fx[i].code, note[i]);
        else {
            fprintf(out, "    %s\n", fx[i].code);
            shapefix_wrap(out, "      ", note[i], 8);
        }
    }
}

void shapefix_explain(FILE *out, const Err *e, const char *src, bool color) {
    if (!e || e->nops < 1) return;
    shapefix_explain_head(out, e, src, color);
    ShapeFix fx[SHAPEFIX_MAX];
    int nf = shapefix_suggest(e, shapefix_style_of(e, src), fx, SHAPEFIX_MAX);
    shapefix_print_fixes(out, fx, nf, color);
}

bool shapefix_warn_unnormalized(const Array *x, const char *name, FILE *err) {
    if (!x || x->size == 0 || x->dtype == DT_BOOL) return false;
    bool raw = x->dtype == DT_UINT8;
    if (!raw) {
        /* whole numbers 0..255 with some above 1: pixels cast but not
         * scaled (x.astype(np.float32) without / 255) */
        double mx = 0.0;
        for (int64_t i = 0; i < x->size; i++) {
            double v = arr_get(x, i);
            if (!(v >= 0.0 && v <= 255.0) || v != (double)(int64_t)v) return false;
            if (v > mx) mx = v;
        }
        raw = mx > 1.0;
    }
    if (!raw) return false;
    const char *n = name && *name ? name : "the input";
    char text[320];
    str_fmt(text, sizeof text,
            "%s holds raw pixel values 0..255 (%s) that were never normalised, but the "
            "network's weights were trained on 0..1: the scores will be wrong. Scale it "
            "first: %s / 255.0 (or load_mnist(normalize=True)).",
            n, x->dtype == DT_UINT8 ? "uint8" : "whole numbers", n);
    shapefix_wrap(err, "warning: ", text, 2);
    return true;
}

void shapefix_print(FILE *out, const Err *e, const char *srcname, const char *src, bool color) {
    if (!e) return;
    if (e->nops < 1 || !e->op[0]) {
        err_print(out, e, srcname, src, color);
        return;
    }
    const char *red = color ? "\033[1;31m" : "", *off = color ? "\033[0m" : "";
    char lead[64];
    str_fmt(lead, sizeof lead, "%s%s:%s ", red, err_kind_name(e->kind), off);
    shapefix_wrap(out, lead, e->msg, 2);
    if (srcname && *srcname && src && e->span.line > 0)
        fprintf(out, "  at %s line %d, column %d:\n", srcname, e->span.line, e->span.col + 1);
    shapefix_explain(out, e, src, color);
}
