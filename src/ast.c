/* ast.c - syntax tree nodes: building, freeing and the S-expression dump
 * used by the parser's tests (see ast.h). */
#include "ast.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

Node *node_new(NodeKind kind) {
    Node *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->op = -1;
    }
    return n;
}

bool node_push(Node *n, Node *kid) {
    /* grow by doubling from 4; the count is small in practice */
    if ((n->nkids & (n->nkids - 1)) == 0 && (n->nkids == 0 || n->nkids >= 4)) {
        int cap = n->nkids < 4 ? 4 : n->nkids * 2;
        Node **k = realloc(n->kids, (size_t)cap * sizeof *k);
        if (!k) {
            node_free(kid);
            return false;
        }
        n->kids = k;
    }
    n->kids[n->nkids++] = kid;
    return true;
}

void node_free(Node *n) {
    if (!n) return;
    for (int i = 0; i < n->nkids; i++) node_free(n->kids[i]);
    free(n->kids);
    free(n->str);
    free(n->text);
    free(n);
}

/* --- dump ---------------------------------------------------------------- */

typedef struct Buf {
    char *p;
    size_t len, cap;
    bool oom;
} Buf;

static void put(Buf *b, const char *s, size_t n) {
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void puts_(Buf *b, const char *s) { put(b, s, strlen(s)); }

static void putf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(Buf *b, const char *fmt, ...) {
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A number the way Python's repr shows it: ints without a point, floats in
 * the shortest form that reads back exactly, always with '.' or 'e'. */
static void put_num(Buf *b, double v, bool is_int) {
    char tmp[40];
    if (is_int && fabs(v) < 1e17) {
        snprintf(tmp, sizeof tmp, "%.0f", v);
    } else {
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(tmp, sizeof tmp, "%.*g", prec, v);
            if (strtod(tmp, NULL) == v) break;
        }
        if (!is_int && !strpbrk(tmp, ".eEni")) strcat(tmp, ".0");
    }
    puts_(b, tmp);
}

static void put_str(Buf *b, const char *s) {
    put(b, "'", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\n': puts_(b, "\\n"); break;
        case '\t': puts_(b, "\\t"); break;
        case '\r': puts_(b, "\\r"); break;
        case '\\': puts_(b, "\\\\"); break;
        case '\'': puts_(b, "\\'"); break;
        default:
            if (*p < 0x20 || *p == 0x7f) putf(b, "\\x%02x", *p);
            else put(b, (const char *)p, 1);
        }
    }
    put(b, "'", 1);
}

static const char *binop_sym(int op) {
    switch (op) {
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_FLOORDIV: return "//";
    case OP_MOD: return "%";
    case OP_POW: return "**";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_EQ: return "==";
    case OP_NE: return "!=";
    case OP_AND: return "&";
    case OP_OR: return "|";
    case OPX_MATMUL: return "@";
    default: return "?op";
    }
}

static void dump(Buf *b, const Node *n);

/* "(head kid kid ...)" for kids from `from` on */
static void dump_list(Buf *b, const char *head, const Node *n, int from) {
    put(b, "(", 1);
    puts_(b, head);
    for (int i = from; i < n->nkids; i++) {
        put(b, " ", 1);
        dump(b, n->kids[i]);
    }
    put(b, ")", 1);
}

static void dump(Buf *b, const Node *n) {
    if (!n) {
        put(b, "_", 1);
        return;
    }
    const char *s = n->str ? n->str : "";
    switch (n->kind) {
    case N_NUM: put_num(b, n->num, n->is_int); break;
    case N_STR: put_str(b, s); break;
    case N_NAME: puts_(b, s); break;
    case N_TRUE: puts_(b, "True"); break;
    case N_FALSE: puts_(b, "False"); break;
    case N_NONE: puts_(b, "None"); break;
    case N_ELLIPSIS: puts_(b, "..."); break;
    case N_LIST: dump_list(b, "list", n, 0); break;
    case N_TUPLE: dump_list(b, "tuple", n, 0); break;
    case N_DICT: dump_list(b, "dict", n, 0); break;
    case N_CALL: dump_list(b, n->cmdform ? "cmd" : "call", n, 0); break;
    case N_INDEX: dump_list(b, "index", n, 0); break;
    case N_SLICE: dump_list(b, "slice", n, 0); break;
    case N_KWARG:
        puts_(b, "(kw ");
        puts_(b, s);
        put(b, " ", 1);
        dump(b, n->nkids ? n->kids[0] : NULL);
        put(b, ")", 1);
        break;
    case N_ATTR:
        puts_(b, "(. ");
        dump(b, n->nkids ? n->kids[0] : NULL);
        put(b, " ", 1);
        puts_(b, s);
        put(b, ")", 1);
        break;
    case N_BINOP: dump_list(b, binop_sym(n->op), n, 0); break;
    case N_UNARY: dump_list(b, n->op == OP_NEG ? "neg" : "not", n, 0); break;
    case N_ASSIGN:
        if (n->op >= 0) {
            char head[8];
            snprintf(head, sizeof head, "%s=", binop_sym(n->op));
            dump_list(b, head, n, 0);
        } else {
            dump_list(b, "=", n, 0);
        }
        break;
    case N_EXPR: dump(b, n->nkids ? n->kids[0] : NULL); break;
    case N_IMPORT:
        puts_(b, "(import ");
        puts_(b, s);
        put(b, ")", 1);
        break;
    case N_RAWCMD: dump_list(b, s, n, 0); break;
    default: putf(b, "(?kind%d)", (int)n->kind); break;
    }
    if (n->quiet) put(b, ";", 1);
}

char *ast_dump(const Node *n) {
    Buf b = {0};
    dump(&b, n);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}
