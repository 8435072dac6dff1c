/* fixes.c - fixes checked on the whole statement (see fixes.h).
 *
 * The search works on source text. The line that holds the failing
 * statement is parsed again, the operation that failed is found in the tree
 * by the error's span, and each candidate is a small list of edits of that
 * line (replace columns [col, end) by some text). The edited statement is
 * parsed once more and handed to the shape engine: what is printed is
 * exactly what was checked.
 *
 * Candidates and their order (lower rank first):
 *    5  x.shape(0) written as x.shape[0]
 *   10  an operand that has a .T, without it
 *   11  an operand that is reshaped, without the reshape
 *   12  another variable of the session in place of an operand, when the
 *       names agree on the layer (Z1 for X in A2 = np.dot(X, W2) + B2)
 *   14  images flattened for a dense layer; one-hot labels turned into
 *       class indices (np.argmax(t, axis=1)) to compare with predictions
 *   20  the operands of dot/@ swapped; the fixes of a reshape or an index
 *   25  the labels sliced to the batch (t[i:i+batch_size])
 *   26  another variable whose name starts the same way (t_batch for t)
 *   30  axis= changed or added on a reduction (the last valid axis first)
 *   38  a 1-D operand made a column (v.reshape(2, 1): no element moves)
 *   40  an operand transposed
 *   45  a batch axis for a 1-D array given an axis it lacks
 *       (x.reshape(1, -1))
 *   50  swapped and transposed      } last resorts: offered only when
 *   60  one row of a 2-D operand    } nothing above works
 * Reshaping one operand to the other's shape is never a candidate: it
 * makes the shapes fit by pairing numbers that do not belong together.
 */
#include "fixes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "registry.h"
#include "sbuf.h"
#include "shapes.h"
#include "value.h"
#include "vars.h"

#define MAX_CANDS 128
#define EDIT_TEXT 160

/* Replace columns [col, end) of the line by text. */
typedef struct Edit {
    int col, end;
    char text[EDIT_TEXT];
} Edit;

typedef struct Cand {
    Edit ed[2];
    int ned;
    int rank, order;
    char why[96];
} Cand;

/* Why an error gets a line of explanation of its own. */
typedef enum NoteKind { NOTE_NONE, NOTE_AXIS, NOTE_NOT_CALLABLE, NOTE_LENGTHS } NoteKind;

typedef struct Search {
    Interp *in;
    const Err *e;
    char *line; /* the statement's line, owned */
    int lineno;
    Node **stmts; /* the line parsed again, owned */
    int nstmts;
    const Node *stmt; /* the failing statement (an item of stmts) */
    const Node *body; /* stmt, or the statement inside step/shapes/explain */
    const Node *fail; /* the operation that failed, or NULL */
    const char *target;
    Cand cand[MAX_CANDS];
    int n;
    NoteKind note;
    char note_text[320];
} Search;

/* ------------------------------------------------------------------------ */
/* text helpers                                                              */

static bool span_eq(Span a, Span b) {
    return a.line == b.line && a.col == b.col && a.end == b.end;
}

/* The source text of node n (from the line when it lies on it). */
static void node_src(const Search *s, const Node *n, char *buf, size_t sz) {
    int len = (int)strlen(s->line);
    if (n->span.line == s->lineno && n->span.col >= 0 && n->span.end <= len &&
        n->span.end > n->span.col)
        str_fmt(buf, sz, "%.*s", n->span.end - n->span.col, s->line + n->span.col);
    else
        str_fmt(buf, sz, "%s", n->text ? n->text : "");
}

/* A name with trailers needs no brackets around it: X, network['W1'],
 * x_batch.T, y[0], b1.reshape(50, 1), np.dot(X, W1). */
static bool plain_text(const char *t) {
    if (!(isalpha((unsigned char)*t) || *t == '_')) return false;
    int depth = 0;
    char q = 0, prev = 0;
    for (; *t; prev = *t, t++) {
        unsigned char c = (unsigned char)*t;
        if (q) {
            if (c == (unsigned char)q) q = 0;
        } else if (c == '\'' || c == '"') {
            if (depth == 0) return false;
            q = (char)c;
        } else if (c == '[' || c == '(') {
            /* a trailer: right after a name or another trailer */
            if (depth == 0 &&
                !(isalnum((unsigned char)prev) || prev == '_' || prev == ']' || prev == ')'))
                return false;
            depth++;
        } else if (c == ']' || c == ')') {
            if (--depth < 0) return false;
        } else if (depth == 0 && !(isalnum(c) || c == '_' || c == '.')) {
            return false;
        }
    }
    return depth == 0 && !q;
}

/* text with a suffix (".T", "[0]"), bracketed when it is not plain. */
static void with_suffix(char *buf, size_t n, const char *text, const char *suffix) {
    if (plain_text(text))
        str_fmt(buf, n, "%s%s", text, suffix);
    else
        str_fmt(buf, n, "(%s)%s", text, suffix);
}

static const Value *lookup_var(void *ctx, const char *name) {
    return vars_get(interp_vars((Interp *)ctx), name);
}

bool fixes_check(Interp *in, const char *code, int *ndim, int64_t *shape) {
    Node **st = NULL;
    Err e;
    err_clear(&e);
    int n = interp_parse(in, code, 1, &st, &e);
    bool ok = false;
    if (n == 1) {
        const Node *b = st[0];
        if (b->kind == N_RAWCMD) b = b->nkids > 0 ? b->kids[0] : NULL;
        ok = b && shapes_infer(interp_registry(in), b, lookup_var, in, NULL, NULL, ndim, shape, &e);
    }
    for (int i = 0; i < n; i++)
        node_free(st[i]);
    free(st);
    return ok;
}

/* The shape of an operand, worked out from its text alone. */
static bool node_shape(const Search *s, const Node *n, int *nd, int64_t *shape) {
    char t[256];
    node_src(s, n, t, sizeof t);
    return t[0] && fixes_check(s->in, t, nd, shape) && *nd >= 0;
}

/* ------------------------------------------------------------------------ */
/* names: what a variable is (weight, bias, data) and which layer it goes   */
/* with, so a substitute is one that could be meant                         */

typedef enum NameClass { NC_DATA, NC_WEIGHT, NC_BIAS } NameClass;

static NameClass name_class(const char *n) {
    char c = n[0], d = n[0] ? n[1] : '\0';
    bool tail = d == '\0' || isdigit((unsigned char)d) || d == '_';
    if ((c == 'W' || c == 'w') && tail) return NC_WEIGHT;
    if ((c == 'B' || c == 'b') && tail) return NC_BIAS;
    return NC_DATA;
}

/* The layer a name belongs to in the book's notation: W2, b2, A2, a2 go
 * with layer 2; Z1, z1 (layer 1's output) feed layer 2; X, x, x_batch, xb
 * feed layer 1. -1 when the name says nothing. */
static int name_layer(const char *n) {
    size_t l = strlen(n), k = l;
    while (k > 0 && isdigit((unsigned char)n[k - 1]))
        k--;
    char c = n[0];
    if (k == l) return (c == 'x' || c == 'X') ? 1 : -1;
    if (k != 1 || l - k > 2) return -1;
    int d = atoi(n + k);
    switch (c) {
    case 'W':
    case 'w':
    case 'B':
    case 'b':
    case 'A':
    case 'a': return d;
    case 'Z':
    case 'z': return d + 1;
    default: return -1;
    }
}

/* A dict item written network['W1']: the key node, else NULL. */
static const Node *dict_key(const Node *n) {
    if (n->kind != N_INDEX || n->nkids != 2 || n->kids[0]->kind != N_NAME ||
        n->kids[1]->kind != N_STR)
        return NULL;
    return n->kids[1];
}

/* Collect the layers of the names in n (not function names) into votes. */
static void layer_votes(const Node *n, const Node *skip, int *votes, int nv) {
    if (!n || n == skip) return;
    const Node *key = dict_key(n);
    if (key) {
        if (key == skip) return;
        int l = name_layer(key->str);
        if (l >= 0 && l < nv) votes[l]++;
        return;
    }
    if (n->kind == N_NAME) {
        int l = name_layer(n->str);
        if (l >= 0 && l < nv) votes[l]++;
        return;
    }
    for (int i = 0; i < n->nkids; i++) {
        if (n->kind == N_CALL && i == 0) continue; /* the callee */
        if (n->kind == N_ATTR) {
            layer_votes(n->kids[0], skip, votes, nv);
            return;
        }
        layer_votes(n->kids[i], skip, votes, nv);
    }
}

/* The layer the statement is about, from every name but `skip`: the one
 * most names agree on, -1 when none or a tie. */
static int statement_layer(const Search *s, const Node *skip) {
    int votes[10] = {0};
    layer_votes(s->body, skip, votes, 10);
    int best = -1, bv = 0, ties = 0;
    for (int i = 0; i < 10; i++) {
        if (votes[i] > bv) {
            best = i;
            bv = votes[i];
            ties = 0;
        } else if (votes[i] == bv && bv > 0) {
            ties++;
        }
    }
    return ties ? -1 : best;
}

/* ------------------------------------------------------------------------ */
/* the candidates                                                            */

static void add(Search *s, int rank, const char *why, int ned, const Edit *ed) {
    if (s->n >= MAX_CANDS || ned < 1 || ned > 2) return;
    Cand *c = &s->cand[s->n];
    memset(c, 0, sizeof *c);
    for (int i = 0; i < ned; i++)
        c->ed[i] = ed[i];
    c->ned = ned;
    c->rank = rank;
    c->order = s->n;
    str_fmt(c->why, sizeof c->why, "%s", why);
    s->n++;
}

static Edit edit_of(const Node *n, const char *text) {
    Edit e;
    e.col = n->span.col;
    e.end = n->span.end;
    str_fmt(e.text, sizeof e.text, "%s", text);
    return e;
}

static bool is_np_chain(const Node *c) {
    while (c->kind == N_ATTR)
        c = c->kids[0];
    return c->kind == N_NAME && (strcmp(c->str, "np") == 0 || strcmp(c->str, "numpy") == 0);
}

/* The array operands of a node: both sides of an operator, the object of
 * an index, the object and positional arguments of a call, the value of
 * x += y. */
static int operands(const Node *f, const Node **ops) {
    int k = 0;
    if (f->kind == N_BINOP) {
        ops[k++] = f->kids[0];
        ops[k++] = f->kids[1];
    } else if (f->kind == N_INDEX) {
        ops[k++] = f->kids[0];
    } else if (f->kind == N_ASSIGN) {
        /* x += y: only y may change; x is the variable being updated */
        ops[k++] = f->kids[f->nkids - 1];
    } else if (f->kind == N_CALL) {
        const Node *c = f->kids[0];
        if (c->kind == N_ATTR && !is_np_chain(c)) ops[k++] = c->kids[0];
        for (int i = 1; i < f->nkids && k < 2; i++)
            if (f->kids[i]->kind != N_KWARG) ops[k++] = f->kids[i];
    }
    return k;
}

/* The built-in a call refers to (a function or an array method). */
static const Builtin *call_builtin(const Search *s, const Node *call) {
    if (call->kind != N_CALL) return NULL;
    const Registry *reg = interp_registry(s->in);
    const Node *c = call->kids[0];
    if (c->kind == N_NAME)
        return vars_get(interp_vars(s->in), c->str) ? NULL : reg_find(reg, c->str);
    if (c->kind != N_ATTR) return NULL;
    if (is_np_chain(c)) return reg_find_member(reg, c->str);
    return reg_method(reg, c->str);
}

/* The axis argument of a reduction: axis=K or the second positional. */
static const Node *axis_arg(const Node *call, bool method, const Node **holder) {
    int pos = 0;
    for (int i = 1; i < call->nkids; i++) {
        const Node *a = call->kids[i];
        if (a->kind == N_KWARG) {
            if (strcmp(a->str, "axis") == 0) {
                *holder = a;
                return a->kids[0];
            }
            continue;
        }
        if (++pos == (method ? 1 : 2)) {
            *holder = a;
            return a;
        }
    }
    *holder = NULL;
    return NULL;
}

/* Axis rewrites of reduction `call` whose array has nd axes. */
static void gen_axis(Search *s, const Node *call, int nd) {
    const Builtin *b = call_builtin(s, call);
    if (!b || b->shape != SHAPE_REDUCE || call->cmdform) return;
    bool method = call->kids[0]->kind == N_ATTR && !is_np_chain(call->kids[0]);
    const Node *holder;
    const Node *ax = axis_arg(call, method, &holder);
    char why[96], t[32];
    Edit ed;
    if (ax) {
        char cur[64];
        node_src(s, ax, cur, sizeof cur);
        /* The axis was chosen: the result keeping that axis (length 1)
         * lines up with the array it came from, as in e / np.sum(e,
         * axis=1, keepdims=True). Another axis, or none, computes
         * something else, so those come after it. */
        bool kept = false;
        for (int i = 1; i < call->nkids; i++)
            if (call->kids[i]->kind == N_KWARG && strcmp(call->kids[i]->str, "keepdims") == 0)
                kept = true;
        int cend = call->span.end;
        if (!kept && nd >= 2 && cend >= 1 && s->line[cend - 1] == ')') {
            ed.col = ed.end = cend - 1;
            str_fmt(ed.text, sizeof ed.text, ", keepdims=True");
            add(s, 24, "keep the summed axis, length 1", 1, &ed);
        }
        long long want[2] = {nd - 1, 0};
        /* on a 1-D array axis 0 is the same as no axis, written plainly */
        for (int k = 0; k < 2 && nd >= 2; k++) {
            if (want[k] < 0 || (k == 1 && want[1] == want[0])) continue;
            str_fmt(t, sizeof t, "%lld", want[k]);
            if (strcmp(cur, t) == 0) continue;
            str_fmt(why, sizeof why, "axis %lld%s", want[k],
                    nd == 2 && want[k] == 1   ? ": one result per row"
                    : nd == 2 && want[k] == 0 ? ": one result per column"
                                              : "");
            ed = edit_of(ax, t);
            add(s, 44 + 4 * k, why, 1, &ed);
        }
        /* no axis at all: from the comma before the argument to its end
         * (never for argmax: one index into the flattened batch is not
         * a prediction) */
        if (nd >= 2 && strncmp(b->name, "arg", 3) == 0) return;
        int no_axis_rank = nd >= 2 ? 46 : 32; /* on 1-D the usual fix */
        int c = holder->span.col;
        while (c > 0 && s->line[c - 1] == ' ')
            c--;
        ed.text[0] = '\0';
        if (c > 0 && s->line[c - 1] == ',') {
            ed.col = c - 1;
            ed.end = holder->span.end;
            add(s, no_axis_rank, "no axis: over every element", 1, &ed);
        } else if (c > 0 && s->line[c - 1] == '(') {
            /* x.max(axis=1): the argument and a comma after it */
            int end = holder->span.end, len = (int)strlen(s->line);
            while (end < len && s->line[end] == ' ')
                end++;
            if (end < len && s->line[end] == ',') {
                end++;
                while (end < len && s->line[end] == ' ')
                    end++;
            } else {
                end = holder->span.end;
            }
            ed.col = holder->span.col;
            ed.end = end;
            add(s, no_axis_rank, "no axis: over every element", 1, &ed);
        }
    } else if (nd >= 2) {
        int end = call->span.end;
        if (end < 1 || s->line[end - 1] != ')') return;
        ed.col = ed.end = end - 1;
        str_fmt(ed.text, sizeof ed.text, ", axis=%d", nd - 1);
        str_fmt(why, sizeof why, "axis=%d: one result per row", nd - 1);
        add(s, 30, why, 1, &ed);
    }
}

/* The operands of dot/@ and of the broadcasting operators: swapped,
 * transposed, a .T dropped, a column, one row. */
static bool is_comparison(const char *op) {
    return strcmp(op, "equal") == 0 || strcmp(op, "not_equal") == 0 || strcmp(op, "less") == 0 ||
           strcmp(op, "greater") == 0 || strcmp(op, "less_equal") == 0 ||
           strcmp(op, "greater_equal") == 0;
}

/* For a broadcasting operation: may operand text t be transposed? Only a
 * variable (W2, network['W2']), not a result such as np.dot(xb, W1): a
 * bias that does not fit a layer's output is never fixed by turning the
 * output round. */
static bool may_transpose_operand(const char *t) {
    return plain_text(t) && !strchr(t, '(');
}

static void gen_operands(Search *s, const Node **ops, int nops, bool dotlike) {
    bool cmp = is_comparison(s->e->op);
    char t[2][EDIT_TEXT], tt[2][EDIT_TEXT], why[96];
    int nd[2] = {-1, -1};
    int64_t sh[2][4];
    bool can_t[2] = {false, false}, had_t[2] = {false, false};
    /* the right operand first: a weight on the right is the usual one to
     * transpose */
    for (int i = nops - 1; i >= 0; i--) {
        node_src(s, ops[i], t[i], sizeof t[i]);
        if (!node_shape(s, ops[i], &nd[i], sh[i])) nd[i] = -1;
        const Node *o = ops[i];
        /* a reshape the learner added is the likely culprit: without it */
        if (o->kind == N_CALL && o->kids[0]->kind == N_ATTR &&
            strcmp(o->kids[0]->str, "reshape") == 0 && !is_np_chain(o->kids[0])) {
            char inner[EDIT_TEXT];
            node_src(s, o->kids[0]->kids[0], inner, sizeof inner);
            str_fmt(why, sizeof why, "%s without the reshape", inner);
            Edit ed = edit_of(o, inner);
            add(s, 11, why, 1, &ed);
        }
        if (o->kind == N_ATTR && strcmp(o->str, "T") == 0) {
            char inner[EDIT_TEXT];
            node_src(s, o->kids[0], inner, sizeof inner);
            str_fmt(tt[i], sizeof tt[i], "%s", inner);
            str_fmt(why, sizeof why, "%s without the .T", inner);
            Edit ed = edit_of(o, inner);
            add(s, 10, why, 1, &ed);
            can_t[i] = had_t[i] = true;
        } else if (nd[i] >= 2 && (dotlike || (!cmp && may_transpose_operand(t[i])))) {
            with_suffix(tt[i], sizeof tt[i], t[i], ".T");
            str_fmt(why, sizeof why, "transpose %s", t[i]);
            Edit ed = edit_of(o, tt[i]);
            add(s, 40, why, 1, &ed);
            can_t[i] = true;
        }
    }
    if (nops < 2) return;
    /* images into a dense layer: (28, 28) or a batch (100, 1, 28, 28) is
     * flattened as load_mnist(flatten=True) does; no element moves between
     * images */
    if (dotlike && nd[0] >= 2 && nd[1] == 2) {
        int64_t size = shape_size(nd[0], sh[0]); /* -1 when it overflows */
        char fl[EDIT_TEXT], sfx[48];
        sfx[0] = '\0';
        if (size == sh[1][0])
            str_fmt(sfx, sizeof sfx, ".flatten()");
        else if (nd[0] >= 3 && sh[0][0] > 0 && size / sh[0][0] == sh[1][0])
            str_fmt(sfx, sizeof sfx, ".reshape(%lld, -1)", (long long)sh[0][0]);
        if (sfx[0]) {
            with_suffix(fl, sizeof fl, t[0], sfx);
            str_fmt(why, sizeof why, "flatten %s", sfx[1] == 'f' ? t[0] : "each image");
            Edit ed = edit_of(ops[0], fl);
            add(s, 14, why, 1, &ed);
        }
    }
    if (dotlike) {
        Edit sw[2] = {edit_of(ops[0], t[1]), edit_of(ops[1], t[0])};
        add(s, 20, "swap the operands", 2, sw);
        for (int i = 0; i < 2; i++) {
            if (!can_t[i]) continue;
            Edit ed[2] = {edit_of(ops[0], i == 1 ? tt[1] : t[1]),
                          edit_of(ops[1], i == 0 ? tt[0] : t[0])};
            if (had_t[i])
                str_fmt(why, sizeof why, "swap, %s without the .T", tt[i]);
            else
                str_fmt(why, sizeof why, "swap, transpose %s", t[i]);
            add(s, 50, why, 2, ed);
        }
        return;
    }
    /* comparisons pair items: a column or a row would compare every item
     * with every other */
    if (cmp) return;
    for (int i = 1; i >= 0; i--) {
        int j = 1 - i;
        /* a bias is one number per neuron, never one per sample */
        if (nd[i] == 1 && nd[j] >= 2 && !(plain_text(t[i]) && name_class(t[i]) == NC_BIAS)) {
            char col[EDIT_TEXT], sfx[48];
            str_fmt(sfx, sizeof sfx, ".reshape(%lld, 1)", (long long)sh[i][0]);
            with_suffix(col, sizeof col, t[i], sfx);
            str_fmt(why, sizeof why, "make %s a column", t[i]);
            Edit ed = edit_of(ops[i], col);
            add(s, 38, why, 1, &ed);
        }
    }
    for (int i = 1; i >= 0; i--) {
        if (nd[i] != 2) continue;
        char row[EDIT_TEXT];
        with_suffix(row, sizeof row, t[i], "[0]");
        str_fmt(why, sizeof why, "take one row of %s", t[i]);
        Edit ed = edit_of(ops[i], row);
        add(s, 60, why, 1, &ed);
    }
}

/* What a data name stands for: an input of a layer (x, X, z1, Z1), a
 * layer's sum before the activation (a1, A1), or nothing known. */
typedef enum NameRole { NR_UNKNOWN, NR_INPUT, NR_SUM } NameRole;

static NameRole name_role(const char *n) {
    int l = name_layer(n);
    if (l < 0) return NR_UNKNOWN;
    if (n[0] == 'a' || n[0] == 'A') return NR_SUM;
    if (n[0] == 'x' || n[0] == 'X' || n[0] == 'z' || n[0] == 'Z') return NR_INPUT;
    return NR_UNKNOWN;
}

/* Does the name appear anywhere in n (as a variable or a dict key)? */
static bool uses_name(const Node *n, const char *name) {
    if (!n) return false;
    if ((n->kind == N_NAME || n->kind == N_STR) && n->str && strcmp(n->str, name) == 0) return true;
    for (int i = 0; i < n->nkids; i++)
        if (uses_name(n->kids[i], name)) return true;
    return false;
}

/* May variable `cand` (value cv) stand in for `orig` (value ov) here? */
static bool fits_as_substitute(const Search *s, const Node *leaf, const char *orig, const Value *ov,
                               const char *cand, const Value *cv, int *rank) {
    if (strcmp(orig, cand) == 0 || (s->target && strcmp(cand, s->target) == 0)) return false;
    if (!cv || cv->kind != V_ARRAY || !ov || ov->kind != V_ARRAY) return false;
    const Array *a = ov->arr, *b = cv->arr;
    if (a->dtype != b->dtype || a->ndim != b->ndim || a->ndim == 0) return false;
    if (memcmp(a->shape, b->shape, sizeof(int64_t) * (size_t)a->ndim) == 0) return false;
    if (name_class(orig) != name_class(cand)) return false;
    /* W1 + W1 is no fix for W1 + W2: a name already in the statement is
     * not offered for another */
    if (uses_name(s->body, cand)) return false;
    /* data keeps its batch: every axis but the last must agree (z1 for
     * x_batch, both 100 rows), so a different batch is never offered */
    if (name_class(orig) == NC_DATA &&
        memcmp(a->shape, b->shape, sizeof(int64_t) * (size_t)(a->ndim - 1)) != 0)
        return false;
    NameRole ro = name_role(orig), rc = name_role(cand);
    if (ro != NR_UNKNOWN && rc != NR_UNKNOWN && ro != rc) return false;
    int L = statement_layer(s, leaf), lc = name_layer(cand);
    if (L >= 0 && lc >= 0) {
        if (L != lc) return false;
        *rank = 12;
        return true;
    }
    /* the names disagree on the layer: no guess */
    if (name_layer(orig) >= 0 && lc >= 0) return false;
    /* nothing says which layer: only a name that starts the same way
     * (t_batch for t) */
    if (tolower((unsigned char)orig[0]) != tolower((unsigned char)cand[0])) return false;
    *rank = 26;
    return true;
}

/* Other variables (or other items of the same dict) in place of each name
 * in n. */
static void gen_vars(Search *s, const Node *n) {
    if (!n) return;
    Interp *in = s->in;
    const Vars *vs = interp_vars(in);
    const Node *key = dict_key(n);
    char why[96];
    int rank;
    if (key) {
        const Value *d = vars_get(vs, n->kids[0]->str);
        if (!d || d->kind != V_DICT) return;
        const Value *ov = val_dict_get(d, key->str);
        char q = s->line[key->span.col] == '"' ? '"' : '\'';
        for (int i = 0; i < d->n; i++) {
            if (!fits_as_substitute(s, key, key->str, ov, d->keys[i], d->items[i], &rank)) continue;
            Edit ed;
            ed.col = key->span.col;
            ed.end = key->span.end;
            str_fmt(ed.text, sizeof ed.text, "%c%s%c", q, d->keys[i], q);
            str_fmt(why, sizeof why, "%s in place of %s", d->keys[i], key->str);
            add(s, rank, why, 1, &ed);
        }
        return;
    }
    if (n->kind == N_NAME) {
        const Value *ov = vars_get(vs, n->str);
        for (int i = 0; i < vars_count(vs); i++) {
            const char *name = vars_name_at(vs, i);
            if (!fits_as_substitute(s, n, n->str, ov, name, vars_value_at(vs, i), &rank)) continue;
            Edit ed = edit_of(n, name);
            str_fmt(why, sizeof why, "%s in place of %s", name, n->str);
            add(s, rank, why, 1, &ed);
        }
        return;
    }
    for (int i = 0; i < n->nkids; i++) {
        if (n->kind == N_CALL && i == 0) continue;
        if (n->kind == N_ATTR) {
            gen_vars(s, n->kids[0]);
            return;
        }
        if (n->kids[i] && n->kids[i]->kind == N_KWARG) continue;
        gen_vars(s, n->kids[i]);
    }
}

/* p == t with 100 predictions and 10000 labels: the labels of the batch,
 * when a variable says where the batch starts. */
static void gen_batch_slice(Search *s, const Node **ops) {
    const Err *e = s->e;
    if (ops[0]->kind == N_CALL || ops[1]->kind == N_CALL) return;
    if (e->nops != 2 || e->ops[0].ndim != 1 || e->ops[1].ndim != 1) return;
    int64_t p = e->ops[0].shape[0], q = e->ops[1].shape[0];
    if (p == q || p <= 0 || q <= 0) return;
    int longer = q > p ? 1 : 0;
    int64_t small = longer ? p : q, big = longer ? q : p;
    char ot[EDIT_TEXT];
    node_src(s, ops[longer], ot, sizeof ot);
    const Vars *vs = interp_vars(s->in);
    /* the batch size by name when a variable holds it */
    char size_text[48];
    str_fmt(size_text, sizeof size_text, "%lld", (long long)small);
    for (int i = 0; i < vars_count(vs); i++) {
        const Value *v = vars_value_at(vs, i);
        if (v->kind == V_ARRAY && v->arr->ndim == 0 && arr_get(v->arr, 0) == (double)small &&
            strcmp(vars_name_at(vs, i), "batch_size") == 0)
            str_fmt(size_text, sizeof size_text, "batch_size");
    }
    static const char *const kIndexNames[] = {"i", "j", "k", "start", "idx", "b"};
    for (size_t k = 0; k < sizeof kIndexNames / sizeof kIndexNames[0]; k++) {
        const Value *v = vars_get(vs, kIndexNames[k]);
        if (!v || v->kind != V_ARRAY || v->arr->ndim != 0 || v->arr->dtype == DT_BOOL) continue;
        double x = arr_get(v->arr, 0);
        if (x != (double)(int64_t)x || x < 0 || x + (double)small > (double)big) continue;
        char sfx[96], code[EDIT_TEXT], why[96];
        str_fmt(sfx, sizeof sfx, "[%s:%s+%s]", kIndexNames[k], kIndexNames[k], size_text);
        with_suffix(code, sizeof code, ot, sfx);
        str_fmt(why, sizeof why, "the %lld of %s that start at %s", (long long)small, ot,
                kIndexNames[k]);
        Edit ed = edit_of(ops[longer], code);
        add(s, 25, why, 1, &ed);
        return;
    }
}

/* ------------------------------------------------------------------------ */
/* finding the statement and the failing operation                          */

/* The deepest node the error's span points at. */
static const Node *find_fail(const Node *n, const Err *e) {
    if (!n) return NULL;
    for (int i = 0; i < n->nkids; i++) {
        const Node *r = find_fail(n->kids[i], e);
        if (r) return r;
    }
    Span at = e->span;
    if (n->kind == N_BINOP && span_eq(n->opspan, at)) return n;
    if (n->kind == N_CALL) {
        if (span_eq(n->span, at) || span_eq(n->opspan, at) || span_eq(n->kids[0]->span, at))
            return n;
        for (int i = 1; i < n->nkids; i++) {
            const Node *a = n->kids[i];
            if (span_eq(a->span, at) || (a->kind == N_KWARG && span_eq(a->kids[0]->span, at)))
                return n;
        }
    }
    if (n->kind == N_INDEX)
        for (int i = 1; i < n->nkids; i++)
            if (n->kids[i] && span_eq(n->kids[i]->span, at)) return n;
    if ((n->kind == N_INDEX || n->kind == N_BINOP) && span_eq(n->span, at)) return n;
    return NULL;
}

/* Parse the error's line again and find the statement and the operation. */
static bool locate(Search *s, const char *src) {
    const Err *e = s->e;
    if (!src || e->span.line <= 0) return false;
    int len = 0;
    const char *l = err_source_line(src, e->span.line, &len);
    if (!l || len <= 0 || len > 4000) return false;
    s->line = malloc((size_t)len + 1);
    if (!s->line) return false;
    memcpy(s->line, l, (size_t)len);
    s->line[len] = '\0';
    s->lineno = e->span.line;
    Err pe;
    err_clear(&pe);
    s->nstmts = interp_parse(s->in, s->line, s->lineno, &s->stmts, &pe);
    if (s->nstmts <= 0) {
        s->nstmts = 0;
        return false;
    }
    for (int i = 0; i < s->nstmts; i++) {
        const Node *st = s->stmts[i];
        if (st->span.line == s->lineno && st->span.col <= e->span.col &&
            e->span.col < (st->span.end > st->span.col ? st->span.end : len))
            s->stmt = st;
    }
    if (!s->stmt) return false;
    s->body = s->stmt;
    if (s->body->kind == N_RAWCMD) s->body = s->body->nkids > 0 ? s->body->kids[0] : NULL;
    if (!s->body) return false;
    if (s->body->kind == N_ASSIGN && s->body->nkids == 2 && s->body->kids[0]->kind == N_NAME)
        s->target = s->body->kids[0]->str;
    s->fail = find_fail(s->body, e);
    /* x += y fails at the statement itself */
    if (!s->fail && s->body->kind == N_ASSIGN && s->body->op >= 0 && s->body->nkids == 2 &&
        span_eq(s->body->span, e->span))
        s->fail = s->body;
    return true;
}

static bool msg_has(const Err *e, const char *text) {
    return strstr(e->msg, text) != NULL;
}

/* The explanation line of an axis error: the array's shape and its axes. */
static void note_axis(Search *s, const Node *arr, int nd, const int64_t *sh) {
    char t[96], shp[64];
    node_src(s, arr, t, sizeof t);
    shape_str(shp, nd, sh);
    long long bad = 0;
    const char *p = strstr(s->e->msg, "axis ");
    if (p) bad = strtoll(p + 5, NULL, 10);
    s->note = NOTE_AXIS;
    if (nd == 0)
        str_fmt(s->note_text, sizeof s->note_text,
                "%s is a single number %s: it has no axes, so no axis= applies", t, shp);
    else if (nd == 1)
        str_fmt(s->note_text, sizeof s->note_text,
                "%s has shape %s: its only axis is 0 (or -1), so axis=%lld does not exist. A "
                "single result needs no axis; a batch needs a batch axis first",
                t, shp, bad);
    else {
        size_t k = 0;
        str_addf(s->note_text, sizeof s->note_text, &k, "%s has shape %s: its axes are ", t, shp);
        for (int i = 0; i < nd; i++)
            str_addf(s->note_text, sizeof s->note_text, &k, "%s%d",
                     i == 0        ? ""
                     : i == nd - 1 ? " and "
                                   : ", ",
                     i);
        str_addf(s->note_text, sizeof s->note_text, &k,
                 " (or -1 %s -%d), so axis=%lld does not exist", nd == 2 ? "and" : "to", nd, bad);
    }
}

/* ------------------------------------------------------------------------ */
/* the search                                                                */

static void generate(Search *s) {
    const Err *e = s->e;
    const Node *f = s->fail;
    const Node *ops[2] = {NULL, NULL};
    int nops = f ? operands(f, ops) : 0;
    char t[EDIT_TEXT], why[96];

    /* x.shape(0): shape is not a function */
    if (e->kind == ERR_NAME && f && f->kind == N_CALL && f->kids[0]->kind == N_ATTR &&
        msg_has(e, "no method '")) {
        const Node *c = f->kids[0];
        const char *attr = c->str;
        bool known = strcmp(attr, "shape") == 0 || strcmp(attr, "size") == 0 ||
                     strcmp(attr, "ndim") == 0 || strcmp(attr, "dtype") == 0 ||
                     strcmp(attr, "T") == 0;
        if (!known) return;
        char obj[EDIT_TEXT], code[EDIT_TEXT];
        node_src(s, c->kids[0], obj, sizeof obj);
        size_t k = 0;
        str_addf(code, sizeof code, &k, "%s.%s", obj, attr);
        if (strcmp(attr, "shape") == 0 && f->nkids > 1) {
            str_addf(code, sizeof code, &k, "[");
            for (int i = 1; i < f->nkids; i++) {
                node_src(s, f->kids[i], t, sizeof t);
                str_addf(code, sizeof code, &k, "%s%s", i > 1 ? ", " : "", t);
            }
            str_addf(code, sizeof code, &k, "]");
        }
        s->note = NOTE_NOT_CALLABLE;
        str_fmt(s->note_text, sizeof s->note_text, "`%s` is not a function: %s%s", attr, code,
                strcmp(attr, "shape") == 0 && f->nkids > 1
                    ? " (square brackets pick one axis's length)"
                    : " (no brackets)");
        Edit ed = edit_of(f, code);
        str_fmt(why, sizeof why, "%s is a property", attr);
        add(s, 5, why, 1, &ed);
        return;
    }

    /* an axis out of bounds */
    if (e->kind == ERR_VALUE && msg_has(e, "out of bounds for array of dimension")) {
        if (!f || f->kind != N_CALL || nops < 1) return;
        int nd;
        int64_t sh[4];
        if (!node_shape(s, ops[0], &nd, sh)) return;
        note_axis(s, ops[0], nd, sh);
        gen_axis(s, f, nd);
        if (nd == 1) {
            char nt[EDIT_TEXT];
            node_src(s, ops[0], t, sizeof t);
            with_suffix(nt, sizeof nt, t, ".reshape(1, -1)");
            str_fmt(why, sizeof why, "make %s a batch of one", t);
            Edit ed = edit_of(ops[0], nt);
            add(s, 45, why, 1, &ed);
        }
        return;
    }

    if (!(e->kind == ERR_SHAPE || e->kind == ERR_INDEX) || e->nops < 1 || !f) return;
    const char *op = e->op;
    bool dotlike = strcmp(op, "dot") == 0 || strcmp(op, "matmul") == 0;

    /* reshape and index: the shape debugger's rewrites of the operation */
    if (strcmp(op, "reshape") == 0 || strcmp(op, "index") == 0) {
        ShapeFix fx[SHAPEFIX_MAX];
        int n = shapefix_suggest(e, FIX_NPCALL, fx, SHAPEFIX_MAX);
        for (int i = 0; i < n; i++) {
            Edit ed = edit_of(f, fx[i].code);
            add(s, 20 + i, fx[i].why, 1, &ed);
        }
        return;
    }
    if (nops < 1) return;
    gen_operands(s, ops, nops, dotlike);
    gen_vars(s, f->kind == N_ASSIGN ? ops[0] : f);
    if (!dotlike && nops == 2) {
        gen_batch_slice(s, ops);
        for (int i = 0; i < 2; i++) {
            int nd;
            int64_t sh[4];
            if (ops[i]->kind != N_CALL) continue;
            const Node *x[2];
            if (operands(ops[i], x) < 1 || !node_shape(s, x[0], &nd, sh)) continue;
            gen_axis(s, ops[i], nd);
        }
        /* one-hot labels (100, 10) against class indices (100,) */
        for (int i = 0; i < 2 && strcmp(op, "equal") == 0; i++) {
            int j = 1 - i;
            if (e->nops != 2 || e->ops[i].ndim != 2 || e->ops[j].ndim != 1 ||
                e->ops[i].shape[0] != e->ops[j].shape[0])
                continue;
            char o[EDIT_TEXT], code[EDIT_TEXT];
            node_src(s, ops[i], o, sizeof o);
            str_fmt(code, sizeof code, "np.argmax(%s, axis=1)", o);
            str_fmt(why, sizeof why, "the class of each one-hot row of %s", o);
            Edit ed = edit_of(ops[i], code);
            add(s, 14, why, 1, &ed);
        }
        /* the lengths of a comparison */
        if (is_comparison(op) && e->nops == 2 && e->ops[0].ndim == 1 && e->ops[1].ndim == 1 &&
            ops[0]->kind != N_CALL && ops[1]->kind != N_CALL) {
            char a[96], b[96];
            node_src(s, ops[0], a, sizeof a);
            node_src(s, ops[1], b, sizeof b);
            long long p = (long long)e->ops[0].shape[0], q = (long long)e->ops[1].shape[0];
            bool a_short = p < q;
            s->note = NOTE_LENGTHS;
            str_fmt(s->note_text, sizeof s->note_text,
                    "%s has %lld items and %s has %lld, but a comparison pairs items one to "
                    "one: compare %lld predictions with the labels of the same %lld images, "
                    "%s[i:i+%lld] for the batch that starts at image i",
                    a, p, b, q, a_short ? p : q, a_short ? p : q, a_short ? b : a, a_short ? p : q);
        }
    }
}

static int cand_cmp(const void *pa, const void *pb) {
    const Cand *a = pa, *b = pb;
    if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* The statement's text with c's edits in place. */
static bool apply(const Search *s, const Cand *c, char *out, size_t n) {
    int from = s->stmt->span.col, to = s->stmt->span.end, len = (int)strlen(s->line);
    if (to <= from || to > len) to = len;
    Edit ed[2];
    int ne = c->ned;
    for (int i = 0; i < ne; i++)
        ed[i] = c->ed[i];
    if (ne == 2 && ed[1].col < ed[0].col) {
        Edit tmp = ed[0];
        ed[0] = ed[1];
        ed[1] = tmp;
    }
    if (ne == 2 && ed[0].end > ed[1].col) return false;
    size_t k = 0;
    int at = from;
    for (int i = 0; i < ne; i++) {
        if (ed[i].col < at || ed[i].end > to) return false;
        str_addf(out, n, &k, "%.*s%s", ed[i].col - at, s->line + at, ed[i].text);
        at = ed[i].end;
    }
    str_addf(out, n, &k, "%.*s", to - at, s->line + at);
    /* trailing blanks go; a ';' that made the statement quiet stays */
    while (k > 0 && out[k - 1] == ' ')
        out[--k] = '\0';
    if (s->stmt->quiet && (k == 0 || out[k - 1] != ';')) str_addf(out, n, &k, ";");
    return k + 1 < n;
}

static int search(Search *s, const char *src, ShapeFix *out, int max) {
    const Err *e = s->e;
    if (strcmp(e->op, "layer") == 0 && e->nops == 2 && e->kind == ERR_SHAPE)
        return shapefix_suggest(e, FIX_COMMAND, out, max);
    bool known = ((e->kind == ERR_SHAPE || e->kind == ERR_INDEX) && e->nops > 0) ||
                 (e->kind == ERR_VALUE && msg_has(e, "out of bounds for array of dimension")) ||
                 (e->kind == ERR_NAME && msg_has(e, "no method '"));
    if (!known || !locate(s, src)) return 0;
    /* the shape engine must see the same failure, or it cannot judge */
    int nd;
    int64_t sh[4];
    char orig[512];
    Cand none = {0};
    if (!apply(s, &none, orig, sizeof orig)) return 0;
    if (fixes_check(s->in, orig, &nd, sh)) return 0;
    generate(s);
    qsort(s->cand, (size_t)s->n, sizeof s->cand[0], cand_cmp);
    int nf = 0;
    for (int i = 0; i < s->n && nf < max; i++) {
        /* rank 50 and above are last resorts: a swapped and transposed
         * product gives the result turned round, one row drops data */
        if (s->cand[i].rank >= 50 && nf > 0) break;
        char code[sizeof out[0].code];
        if (!apply(s, &s->cand[i], code, sizeof code) || strcmp(code, orig) == 0) continue;
        bool dup = false;
        for (int k = 0; k < nf; k++)
            dup = dup || strcmp(out[k].code, code) == 0;
        if (dup || !fixes_check(s->in, code, &nd, sh)) continue;
        ShapeFix *x = &out[nf++];
        memset(x, 0, sizeof *x);
        str_fmt(x->code, sizeof x->code, "%s", code);
        str_fmt(x->why, sizeof x->why, "%s", s->cand[i].why);
        x->ndim = nd;
        for (int k = 0; k < nd && k < 4; k++)
            x->shape[k] = sh[k];
    }
    return nf;
}

static void search_free(Search *s) {
    for (int i = 0; i < s->nstmts; i++)
        node_free(s->stmts[i]);
    free(s->stmts);
    free(s->line);
    free(s);
}

int fixes_find(Interp *in, const Err *e, const char *src, ShapeFix *out, int max) {
    if (!in || !e || max <= 0) return 0;
    Search *s = calloc(1, sizeof *s);
    if (!s) return 0;
    s->in = in;
    s->e = e;
    int n = search(s, src, out, max);
    search_free(s);
    return n;
}

/* ------------------------------------------------------------------------ */
/* the report                                                                */

/* err_print's text with its first line wrapped to the width. */
static void print_plain(FILE *out, const Err *e, const char *srcname, const char *src, bool color) {
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        err_print(out, e, srcname, src, color);
        return;
    }
    err_print(m, e, srcname, src, color);
    fclose(m);
    char *nl = text ? strchr(text, '\n') : NULL;
    if (nl) {
        *nl = '\0';
        shapefix_wrap(out, "", text, 2);
        fputs(nl + 1, out);
    } else if (text) {
        fputs(text, out);
    }
    free(text);
}

void fixes_report(Interp *in, FILE *out, const Err *e, const char *srcname, const char *src,
                  bool color) {
    if (!e) return;
    ShapeFix fx[SHAPEFIX_MAX];
    int nf = 0;
    Search *s = calloc(1, sizeof *s);
    if (s && in) {
        s->in = in;
        s->e = e;
        nf = search(s, src, fx, SHAPEFIX_MAX);
    }
    if ((e->kind == ERR_SHAPE || e->kind == ERR_INDEX) && e->nops > 0 && e->op[0]) {
        const char *red = color ? "\033[1;31m" : "", *off = color ? "\033[0m" : "";
        char lead[64];
        str_fmt(lead, sizeof lead, "%s%s:%s ", red, err_kind_name(e->kind), off);
        shapefix_wrap(out, lead, e->msg, 2);
        if (srcname && *srcname && src && e->span.line > 0)
            fprintf(out, "  at %s line %d, column %d:\n", srcname, e->span.line, e->span.col + 1);
        shapefix_explain_head(out, e, src, color);
    } else {
        print_plain(out, e, srcname, src, color); /* every message fits the width */
    }
    if (s && s->note != NOTE_NONE) shapefix_wrap(out, "  ", s->note_text, 2);
    shapefix_print_fixes(out, fx, nf, color);
    if (s) search_free(s);
}
