/* ast.c - syntax tree nodes: building, freeing and the S-expression dump
 * used by the parser's tests (see ast.h). */
#include "sbuf.h"
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

Node *node_copy(const Node *n) {
    if (!n) return NULL;
    Node *c = node_new(n->kind);
    if (!c) return NULL;
    c->span = n->span;
    c->opspan = n->opspan;
    c->op = n->op;
    c->num = n->num;
    c->is_int = n->is_int;
    c->inum = n->inum;
    c->ineg = n->ineg;
    c->ibig = n->ibig;
    c->cmdform = n->cmdform;
    c->quiet = n->quiet;
    if ((n->str && !(c->str = strdup(n->str))) || (n->text && !(c->text = strdup(n->text)))) {
        node_free(c);
        return NULL;
    }
    for (int i = 0; i < n->nkids; i++) {
        Node *k = node_copy(n->kids[i]);
        if ((n->kids[i] && !k) || !node_push(c, k)) {
            node_free(c);
            return NULL;
        }
    }
    return c;
}

void node_free(Node *n) {
    if (!n) return;
    for (int i = 0; i < n->nkids; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n->str);
    free(n->text);
    free(n);
}

/* --- dump ---------------------------------------------------------------- */

/* A number the way Python's repr shows it: ints without a point, floats in
 * the shortest form that reads back exactly, always with '.' or 'e'. */
static void put_num(SBuf *b, double v, bool is_int) {
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
    sbuf_puts(b, tmp);
}

static void put_str(SBuf *b, const char *s) {
    sbuf_put(b, "'", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\n': sbuf_puts(b, "\\n"); break;
        case '\t': sbuf_puts(b, "\\t"); break;
        case '\r': sbuf_puts(b, "\\r"); break;
        case '\\': sbuf_puts(b, "\\\\"); break;
        case '\'': sbuf_puts(b, "\\'"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                sbuf_printf(b, "\\x%02x", *p);
            else
                sbuf_put(b, (const char *)p, 1);
        }
    }
    sbuf_put(b, "'", 1);
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
    case OPX_IN: return "in";
    case OPX_NOTIN: return "not-in";
    case OPX_IS: return "is";
    case OPX_ISNOT: return "is-not";
    default: return "?op";
    }
}

static void dump(SBuf *b, const Node *n);

/* "(head kid kid ...)" for kids from `from` on */
static void dump_list(SBuf *b, const char *head, const Node *n, int from) {
    sbuf_put(b, "(", 1);
    sbuf_puts(b, head);
    for (int i = from; i < n->nkids; i++) {
        sbuf_put(b, " ", 1);
        dump(b, n->kids[i]);
    }
    sbuf_put(b, ")", 1);
}

static void dump(SBuf *b, const Node *n) {
    if (!n) {
        sbuf_put(b, "_", 1);
        return;
    }
    const char *s = n->str ? n->str : "";
    switch (n->kind) {
    case N_NUM:
        if (n->is_int && !n->ibig) {
            char tmp[32];
            snprintf(tmp, sizeof tmp, "%s%llu", n->ineg && n->inum ? "-" : "",
                     (unsigned long long)n->inum);
            sbuf_puts(b, tmp);
        } else {
            put_num(b, n->num, n->is_int);
        }
        break;
    case N_STR: put_str(b, s); break;
    case N_NAME: sbuf_puts(b, s); break;
    case N_TRUE: sbuf_puts(b, "True"); break;
    case N_FALSE: sbuf_puts(b, "False"); break;
    case N_NONE: sbuf_puts(b, "None"); break;
    case N_ELLIPSIS: sbuf_puts(b, "..."); break;
    case N_LIST: dump_list(b, "list", n, 0); break;
    case N_TUPLE: dump_list(b, "tuple", n, 0); break;
    case N_DICT: dump_list(b, "dict", n, 0); break;
    case N_CALL: dump_list(b, n->cmdform ? "cmd" : "call", n, 0); break;
    case N_INDEX: dump_list(b, "index", n, 0); break;
    case N_SLICE: dump_list(b, "slice", n, 0); break;
    case N_KWARG:
        sbuf_puts(b, "(kw ");
        sbuf_puts(b, s);
        sbuf_put(b, " ", 1);
        dump(b, n->nkids ? n->kids[0] : NULL);
        sbuf_put(b, ")", 1);
        break;
    case N_ATTR:
        sbuf_puts(b, "(. ");
        dump(b, n->nkids ? n->kids[0] : NULL);
        sbuf_put(b, " ", 1);
        sbuf_puts(b, s);
        sbuf_put(b, ")", 1);
        break;
    case N_BINOP: dump_list(b, binop_sym(n->op), n, 0); break;
    case N_UNARY:
        dump_list(b, n->op == OP_NEG ? "neg" : n->op == OPX_LNOT ? "lnot" : "not", n, 0);
        break;
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
        sbuf_puts(b, "(import ");
        sbuf_puts(b, s);
        sbuf_put(b, ")", 1);
        break;
    case N_RAWCMD: dump_list(b, s, n, 0); break;
    case N_BLOCK: dump_list(b, "block", n, 0); break;
    case N_IF: dump_list(b, "if", n, 0); break;
    case N_WHILE: dump_list(b, "while", n, 0); break;
    case N_FOR: dump_list(b, "for", n, 0); break;
    case N_DEF:
    case N_LAMBDA:
        sbuf_puts(b, n->kind == N_DEF ? "(def " : "(lambda ");
        sbuf_puts(b, n->kind == N_DEF ? s : "");
        for (int i = 0; i < n->nkids; i++) {
            sbuf_put(b, " ", 1);
            dump(b, n->kids[i]);
        }
        sbuf_put(b, ")", 1);
        break;
    case N_RETURN: dump_list(b, "return", n, 0); break;
    case N_BREAK: sbuf_puts(b, "break"); break;
    case N_CONTINUE: sbuf_puts(b, "continue"); break;
    case N_PASS: sbuf_puts(b, "pass"); break;
    case N_GLOBAL: dump_list(b, "global", n, 0); break;
    case N_WITH:
        sbuf_puts(b, "(with ");
        sbuf_puts(b, n->str ? s : "_");
        for (int i = 0; i < n->nkids; i++) {
            sbuf_put(b, " ", 1);
            dump(b, n->kids[i]);
        }
        sbuf_put(b, ")", 1);
        break;
    case N_IFEXP: dump_list(b, "ifexp", n, 0); break;
    case N_LISTCOMP: dump_list(b, "listcomp", n, 0); break;
    case N_FSTRING: dump_list(b, "fstr", n, 0); break;
    case N_FIELD:
        sbuf_puts(b, "(field ");
        dump(b, n->kids[0]);
        if (n->op) sbuf_printf(b, " !%c", (char)n->op);
        if (n->str) {
            sbuf_puts(b, " ");
            put_str(b, n->str);
        }
        sbuf_put(b, ")", 1);
        break;
    case N_BOOLOP: dump_list(b, n->op == 0 ? "and" : "or", n, 0); break;
    default: sbuf_printf(b, "(?kind%d)", (int)n->kind); break;
    }
    if (n->quiet) sbuf_put(b, ";", 1);
}

char *ast_dump(const Node *n) {
    SBuf b = {0};
    dump(&b, n);
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}
