/* parse.c - recursive-descent parser from tokens to the syntax tree (see
 * parse.h and the grammar in ast.h).
 *
 * Each parse function has its rule in a comment above it. A function
 * returns a new node it owns, or NULL with the error in P->e; on failure it
 * has freed everything it built, and the parse stops at the first error.
 * Binary operators are driven by a priority table (left and right priority
 * per operator, as in Lua's lparser.c). A depth counter bounds recursion,
 * and also the height of chained trailers (x[0][0]...); a flat chain of
 * operators (a+b+c...) has its own bound, MAX_CHAIN, so neither the parser
 * nor a recursive walk of the tree can overflow the stack.
 */
#include "parse.h"
#include "sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "ops.h"

#define MAX_DEPTH 200
#define MAX_OPEN (MAX_DEPTH + 16)
/* A flat chain of operators (1 + 1 + ... + 1) is not nesting: its length is
 * bounded on its own, far above MAX_DEPTH. Its tree leans left, so walkers
 * that recurse on the left operand go this deep; the evaluator does not. */
#define MAX_CHAIN 2000

/* Where a node starts: the pointer and span of its first token. */
typedef struct Mark {
    const char *p;
    Span sp;
} Mark;

typedef struct Parser {
    Lexer lx;
    Token tok;   /* the current token */
    Token ahead; /* one token of lookahead, when has_ahead */
    bool has_ahead;
    Token prev; /* the last token consumed: where a node ends */
    Err *e;
    int depth; /* nesting of parse calls, at most MAX_DEPTH */
    int nopen; /* open brackets, innermost last */
    Token open[MAX_OPEN];
    const ParseNames *names; /* which names are commands, or NULL */
    int funcs, loops;        /* enclosing defs and loops (return, break) */
} Parser;

/* --- tokens -------------------------------------------------------------- */

static void advance(Parser *P) {
    P->prev = P->tok;
    if (P->has_ahead) {
        P->tok = P->ahead;
        P->has_ahead = false;
    } else {
        P->tok = lex_next(&P->lx, P->e);
    }
}

static const Token *peek(Parser *P) {
    if (!P->has_ahead) {
        if (P->tok.kind == T_EOF || P->tok.kind == T_ERROR) return &P->tok;
        P->ahead = lex_next(&P->lx, P->e);
        P->has_ahead = true;
    }
    return &P->ahead;
}

static Mark mark(const Parser *P) {
    Mark m = {P->tok.start, P->tok.span};
    return m;
}

static bool tok_is(const Token *t, const char *word) {
    return t->kind == T_IDENT && (size_t)t->len == strlen(word) &&
           memcmp(t->start, word, (size_t)t->len) == 0;
}

/* Python's keywords, less `del` (a command here) and `print`/`exec`. */
static const char *const kKeywords[] = {
    "False",  "None",     "True",   "and",  "as",    "assert", "async",    "await", "break",
    "class",  "continue", "def",    "elif", "else",  "except", "finally",  "for",   "from",
    "global", "if",       "import", "in",   "is",    "lambda", "nonlocal", "not",   "or",
    "pass",   "raise",    "return", "try",  "while", "with",   "yield",
};

static bool is_keyword(const Token *t) {
    if (t->kind != T_IDENT) return false;
    for (size_t i = 0; i < sizeof kKeywords / sizeof kKeywords[0]; i++)
        if (tok_is(t, kKeywords[i])) return true;
    return false;
}

/* True, False, None: keywords that are values. */
static bool is_value_kw(const Token *t) {
    return tok_is(t, "True") || tok_is(t, "False") || tok_is(t, "None");
}

/* A name that can be a variable or command word (not a keyword). */
static bool is_plain_name(const Token *t) {
    return t->kind == T_IDENT && !is_keyword(t);
}

/* Can `t` begin an expression? */
static bool starts_expr(const Token *t) {
    switch (t->kind) {
    case T_IDENT: return !is_keyword(t) || is_value_kw(t) || tok_is(t, "not");
    case T_NUMBER:
    case T_STRING:
    case T_LPAREN:
    case T_LBRACKET:
    case T_LBRACE:
    case T_MINUS:
    case T_PLUS:
    case T_TILDE:
    case T_ELLIPSIS: return true;
    default: return false;
    }
}

/* "name 'X'", "number 1.5", "')'", "end of input" into buf. */
static const char *describe(const Token *t, char *buf, size_t n) {
    int len = t->len > 40 ? 40 : t->len;
    const char *more = t->len > 40 ? "..." : "";
    switch (t->kind) {
    case T_IDENT:
        snprintf(buf, n, "%s '%.*s'", is_keyword(t) ? "keyword" : "name", len, t->start);
        break;
    case T_NUMBER: snprintf(buf, n, "number %.*s%s", len, t->start, more); break;
    case T_STRING: snprintf(buf, n, "string %.*s%s", len, t->start, more); break;
    default: snprintf(buf, n, "%s", lex_tok_name(t->kind)); break;
    }
    return buf;
}

/* --- errors -------------------------------------------------------------- */

static void *oom(Parser *P) {
    return err_set(P->e, ERR_MEMORY, "out of memory while parsing");
}

/* A syntax error at the current token. When the input ended inside
 * brackets it is ERR_INCOMPLETE instead (pointing at the open bracket), and
 * when the current token is the lexer's error its message stands. */
static void *fail(Parser *P, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void *fail(Parser *P, const char *fmt, ...) {
    if (P->tok.kind == T_ERROR) return NULL;
    if (P->tok.kind == T_EOF && P->nopen > 0) {
        const Token *o = &P->open[P->nopen - 1];
        return err_set_at(P->e, ERR_INCOMPLETE, o->span, "'%c' at line %d, column %d is not closed",
                          o->start[0], o->span.line, o->span.col + 1);
    }
    if (P->tok.kind == T_EOF && P->lx.depth > 0)
        return err_set_at(P->e, ERR_INCOMPLETE, P->tok.span, "input ended inside brackets");
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set_at(P->e, ERR_SYNTAX, P->tok.span, "%s", msg);
}

/* "unexpected <token>" at the current token. */
static void *fail_unexpected(Parser *P) {
    char d[80];
    return fail(P, "unexpected %s", describe(&P->tok, d, sizeof d));
}

/* enter / leave: count nesting; false (with the error set) beyond
 * MAX_DEPTH. */
static bool enter(Parser *P) {
    if (P->depth >= MAX_DEPTH) {
        if (P->tok.kind != T_ERROR)
            err_set_at(P->e, ERR_SYNTAX, P->tok.span,
                       "expression nested too deeply or too long (more than %d levels)", MAX_DEPTH);
        return false;
    }
    P->depth++;
    return true;
}

static void leave(Parser *P) {
    P->depth--;
}

/* --- nodes --------------------------------------------------------------- */

static Node *mk(Parser *P, NodeKind k) {
    Node *n = node_new(k);
    if (!n) oom(P);
    return n;
}

/* push: append kid to n; on failure frees kid (not n) and returns false. */
static bool push(Parser *P, Node *n, Node *kid) {
    if (node_push(n, kid)) return true;
    oom(P);
    return false;
}

/* fin: give n the span and text from mark m to the end of the last token
 * consumed. Returns n, or NULL (n freed) when out of memory. */
static Node *fin(Parser *P, Node *n, Mark m) {
    const char *end = P->prev.start + P->prev.len;
    if (end < m.p) end = m.p;
    size_t len = (size_t)(end - m.p);
    const char *nl = memchr(m.p, '\n', len);
    n->span.line = m.sp.line;
    n->span.col = m.sp.col;
    n->span.end = m.sp.col + (int)((nl ? (size_t)(nl - m.p) : len));
    free(n->text);
    n->text = strndup(m.p, len);
    if (!n->text) {
        node_free(n);
        return oom(P);
    }
    return n;
}

/* A new node of kind k whose str is the current token's text; consumes the
 * token. */
static Node *word_node(Parser *P, NodeKind k) {
    Mark m = mark(P);
    Node *n = mk(P, k);
    if (!n) return NULL;
    n->str = strndup(P->tok.start, (size_t)P->tok.len);
    if (!n->str) {
        node_free(n);
        return oom(P);
    }
    advance(P);
    return fin(P, n, m);
}

/* --- brackets ------------------------------------------------------------ */

/* Consume an opening bracket and remember it for messages. */
static bool open_bracket(Parser *P) {
    if (P->nopen >= MAX_OPEN) {
        fail(P, "brackets nested too deeply (more than %d)", MAX_OPEN);
        return false;
    }
    P->open[P->nopen++] = P->tok;
    advance(P);
    return true;
}

/* Consume the closer `k` of the innermost open bracket, or fail with
 * "expected ')' to close '(' at column 9" (mentioning ',' when the token
 * could have been another item and comma_ok). */
static bool close_bracket(Parser *P, TokKind k, bool comma_ok) {
    if (P->tok.kind == k) {
        P->nopen--;
        advance(P);
        return true;
    }
    /* what Python has inside brackets and nnsh does not: say so by name */
    if (P->tok.kind == T_COLON && peek(P)->kind == T_ASSIGN && !peek(P)->space_before) {
        fail(P, "the walrus operator := is not supported in nnsh");
        return false;
    }
    if (tok_is(&P->tok, "for")) {
        fail(P, "%s are not supported in nnsh: write a for loop",
             k == T_RBRACE   ? "dict comprehensions"
             : k == T_RPAREN ? "generator expressions"
                             : "list comprehensions");
        return false;
    }
    const Token *o = &P->open[P->nopen - 1];
    char where[48];
    if (o->span.line == P->tok.span.line)
        snprintf(where, sizeof where, "column %d", o->span.col + 1);
    else
        snprintf(where, sizeof where, "line %d, column %d", o->span.line, o->span.col + 1);
    const char *closer = lex_tok_name(k);
    if (comma_ok && starts_expr(&P->tok))
        fail(P, "expected ',' or %s to close '%c' at %s", closer, o->start[0], where);
    else
        fail(P, "expected %s to close '%c' at %s", closer, o->start[0], where);
    return false;
}

/* --- strings ------------------------------------------------------------- */

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Append code point cp as UTF-8 at *q. */
static void put_utf8(char **q, unsigned long cp) {
    char *o = *q;
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xc0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xe0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
        *o++ = (char)(0x80 | (cp & 0x3f));
    } else {
        *o++ = (char)(0xf0 | ((cp >> 18) & 0x07));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
        *o++ = (char)(0x80 | (cp & 0x3f));
    }
    *q = o;
}

/* The value of string token t: quotes removed, escapes decoded (not for r''
 * strings). A malloc'd C string (an escaped NUL ends it early), or NULL when
 * out of memory. Unknown escapes keep their backslash, as Python does. */
/* A string token's parts: its prefix (raw, f), and the text between its
 * quotes [*body, *end). */
static void string_parts(const Token *t, bool *raw, bool *fstr, const char **body,
                         const char **end) {
    const char *p = t->start;
    int k = lex_string_prefix(p);
    *raw = *fstr = false;
    for (int i = 0; i < k; i++) {
        if (p[i] == 'r' || p[i] == 'R') *raw = true;
        if (p[i] == 'f' || p[i] == 'F') *fstr = true;
    }
    p += k > 0 ? k : 0;
    char quote = *p;
    int qlen = (p[1] == quote && p[2] == quote) ? 3 : 1;
    *body = p + qlen;
    *end = t->start + t->len - qlen;
    if (*end < *body) *end = *body;
}

static char *decode_text(const char *s, const char *end, bool raw);

static char *decode_string(const Token *t) {
    bool raw, fstr;
    const char *s, *end;
    string_parts(t, &raw, &fstr, &s, &end);
    return decode_text(s, end, raw);
}

/* The text [s, end) with its escapes decoded (none when raw). */
static char *decode_text(const char *s, const char *end, bool raw) {
    /* decoding never makes text longer, except \u/\U: at most 4 bytes from 6 */
    char *out = malloc((size_t)(end - s) + 1);
    if (!out) return NULL;
    char *q = out;
    while (s < end) {
        if (*s != '\\' || raw || s + 1 >= end) {
            *q++ = *s++;
            continue;
        }
        char c = s[1];
        s += 2;
        switch (c) {
        case '\n': break;
        case 'n': *q++ = '\n'; break;
        case 't': *q++ = '\t'; break;
        case 'r': *q++ = '\r'; break;
        case 'a': *q++ = '\a'; break;
        case 'b': *q++ = '\b'; break;
        case 'f': *q++ = '\f'; break;
        case 'v': *q++ = '\v'; break;
        case '\\':
        case '\'':
        case '"': *q++ = c; break;
        case 'x':
            if (s + 1 < end && hexval(s[0]) >= 0 && hexval(s[1]) >= 0) {
                *q++ = (char)(hexval(s[0]) * 16 + hexval(s[1]));
                s += 2;
            } else {
                *q++ = '\\';
                *q++ = 'x';
            }
            break;
        case 'u':
        case 'U': {
            int nd = c == 'u' ? 4 : 8;
            unsigned long cp = 0;
            int i = 0;
            while (i < nd && s + i < end && hexval(s[i]) >= 0)
                cp = cp * 16 + (unsigned)hexval(s[i++]);
            if (i == nd && cp <= 0x10ffff) {
                put_utf8(&q, cp);
                s += nd;
            } else {
                *q++ = '\\';
                *q++ = c;
            }
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                int v = c - '0';
                for (int i = 0; i < 2 && s < end && *s >= '0' && *s <= '7'; i++)
                    v = v * 8 + (*s++ - '0');
                *q++ = (char)v;
            } else {
                *q++ = '\\';
                *q++ = c;
            }
        }
    }
    *q = '\0';
    return out;
}

/* --- expressions --------------------------------------------------------- */

static Node *expr(Parser *P);
static Node *exprlist(Parser *P, bool *bare);
static Node *postfix(Parser *P, bool cmdarg);
static Node *primary(Parser *P, bool cmdarg);
static Node *stmt(Parser *P);
static Node *for_target(Parser *P);
static bool check_target(Parser *P, Node *t);
static bool for_head(Parser *P, Node *n, const char *whose);

/* Priorities: a binary operator has a left and a right priority; a unary
 * operator parses its operand at UNARY_PRI (NOT_PRI for `not`). */
enum { NOT_PRI = 3, UNARY_PRI = 7 };

/* binop_of: the operator at t, with its priorities; false if t is none. */
static bool binop_of(const Token *t, int *op, int *left, int *right) {
    static const struct {
        TokKind k;
        int op, left, right;
    } table[] = {
        {T_PIPE, OP_OR, 1, 1},         {T_AMP, OP_AND, 2, 2},     {T_LT, OP_LT, 4, 4},
        {T_LE, OP_LE, 4, 4},           {T_GT, OP_GT, 4, 4},       {T_GE, OP_GE, 4, 4},
        {T_EQ, OP_EQ, 4, 4},           {T_NE, OP_NE, 4, 4},       {T_PLUS, OP_ADD, 5, 5},
        {T_MINUS, OP_SUB, 5, 5},       {T_STAR, OP_MUL, 6, 6},    {T_SLASH, OP_DIV, 6, 6},
        {T_DSLASH, OP_FLOORDIV, 6, 6}, {T_PERCENT, OP_MOD, 6, 6}, {T_AT, OPX_MATMUL, 6, 6},
        {T_DSTAR, OP_POW, 9, 8}, /* right assoc */
    };
    TokKind k = tok_is(t, "or") ? T_PIPE : tok_is(t, "and") ? T_AMP : t->kind;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].k == k) {
            *op = table[i].op;
            *left = table[i].left;
            *right = table[i].right;
            return true;
        }
    return false;
}

/* The word comparisons: in, not in, is, is not (priority 4, as < is). */
static bool cmp_word(Parser *P, int *op) {
    if (tok_is(&P->tok, "in"))
        *op = OPX_IN;
    else if (tok_is(&P->tok, "is"))
        *op = tok_is(peek(P), "not") ? OPX_ISNOT : OPX_IS;
    else if (tok_is(&P->tok, "not") && tok_is(peek(P), "in"))
        *op = OPX_NOTIN;
    else
        return false;
    return true;
}

static bool is_comparison(int op) {
    return (op >= OP_LT && op <= OP_NE) || (op >= OPX_IN && op <= OPX_ISNOT);
}

/* unary(tok, operand): the node for a unary operator token applied to x
 * (consumed). '+' gives x itself; '-' on a number literal folds into the
 * number. */
static Node *unary(Parser *P, const Token *optok, Node *x, Mark m) {
    if (optok->kind == T_PLUS) return x;
    if (optok->kind == T_MINUS && x->kind == N_NUM) {
        x->num = -x->num;
        x->ineg = !x->ineg;
        return fin(P, x, m);
    }
    Node *u = mk(P, N_UNARY);
    if (!u) {
        node_free(x);
        return NULL;
    }
    u->op = optok->kind == T_MINUS ? OP_NEG : optok->kind == T_IDENT ? OPX_LNOT : OP_NOT;
    u->opspan = optok->span;
    if (!push(P, u, x)) {
        node_free(u);
        return NULL;
    }
    return fin(P, u, m);
}

/* subexpr -> (('-' | '+' | '~') subexpr | 'not' subexpr | postfix)
 *            { binop subexpr }
 * where only operators whose left priority exceeds `limit` are taken here,
 * and each right operand is parsed with the operator's right priority. */
static Node *subexpr(Parser *P, int limit) {
    if (!enter(P)) return NULL;
    Mark m = mark(P);
    Node *left;
    TokKind k = P->tok.kind;
    if (k == T_MINUS || k == T_PLUS || k == T_TILDE || tok_is(&P->tok, "not")) {
        Token optok = P->tok;
        advance(P);
        Node *x = subexpr(P, k == T_IDENT ? NOT_PRI : UNARY_PRI);
        left = x ? unary(P, &optok, x, m) : NULL;
    } else {
        left = postfix(P, false);
    }
    int op, lp, rp, links = 0;
    Node *last_cmp = NULL; /* the comparison just built: a < b < c chains */
    Mark last_right = m, rm = m;
    for (;;) {
        bool word = false;
        if (!left) break;
        if (cmp_word(P, &op)) {
            word = true;
            lp = rp = 4;
        } else if (!binop_of(&P->tok, &op, &lp, &rp)) {
            break;
        }
        if (lp <= limit) break;
        Span opspan = P->tok.span;
        int boolop = tok_is(&P->tok, "and") ? 0 : tok_is(&P->tok, "or") ? 1 : -1;
        if (word && (op == OPX_ISNOT || op == OPX_NOTIN)) {
            advance(P); /* the first of two words */
            opspan.end = P->tok.span.end;
        }
        if (++links > MAX_CHAIN) {
            fail(P, "a chain of more than %d operators; split it over several statements",
                 MAX_CHAIN);
            node_free(left);
            left = NULL;
            break;
        }
        advance(P);
        rm = mark(P);
        Node *right = subexpr(P, rp);
        Node *b = right ? mk(P, boolop >= 0 ? N_BOOLOP : N_BINOP) : NULL;
        if (!b) {
            node_free(left);
            node_free(right);
            left = NULL;
            break;
        }
        b->op = boolop >= 0 ? boolop : op;
        b->opspan = opspan;
        Node *prev = boolop < 0 && is_comparison(op) ? last_cmp : NULL;
        if (prev) {
            /* a < b < c is (a < b) and (b < c), as in Python */
            Node *mid = node_copy(prev->kids[prev->nkids - 1]);
            if (!mid || !push(P, b, mid) || !push(P, b, right)) {
                node_free(b);
                node_free(left);
                left = NULL;
                break;
            }
            right = fin(P, b, last_right);
            b = mk(P, N_BOOLOP);
            if (!b) {
                node_free(right);
                node_free(left);
                left = NULL;
                break;
            }
            b->op = 0;
            b->opspan = opspan;
        }
        if (!push(P, b, left)) {
            node_free(b);
            node_free(right);
            left = NULL;
            break;
        }
        left = push(P, b, right) ? fin(P, b, m) : (node_free(b), NULL);
        last_cmp = !left                             ? NULL
                   : prev                            ? left->kids[1]
                   : boolop < 0 && is_comparison(op) ? left
                                                     : NULL;
        last_right = rm;
    }
    leave(P);
    return left;
}

/* expr -> subexpr(0) ['if' subexpr(0) 'else' expr] */
static Node *expr(Parser *P) {
    Mark m = mark(P);
    Node *x = subexpr(P, 0);
    if (!x || !tok_is(&P->tok, "if")) return x;
    Node *n = mk(P, N_IFEXP);
    if (!n || !push(P, n, x)) {
        if (!n) node_free(x);
        node_free(n);
        return NULL;
    }
    advance(P);
    Node *c = subexpr(P, 0);
    if (!c || !push(P, n, c)) goto bad;
    if (!tok_is(&P->tok, "else")) {
        char d[80];
        fail(P, "expected 'else' in 'a if condition else b', found %s",
             describe(&P->tok, d, sizeof d));
        goto bad;
    }
    advance(P);
    Node *y = expr(P);
    if (!y || !push(P, n, y)) goto bad;
    return fin(P, n, m);
bad:
    node_free(n);
    return NULL;
}

/* exprlist -> expr { ',' expr } [','] ; with a comma it is a tuple and
 * *bare is set (a tuple written without parentheses). */
static Node *exprlist(Parser *P, bool *bare) {
    Mark m = mark(P);
    if (bare) *bare = false;
    Node *first = expr(P);
    if (!first || P->tok.kind != T_COMMA) return first;
    Node *t = mk(P, N_TUPLE);
    if (!t || !push(P, t, first)) {
        if (!t) node_free(first);
        node_free(t);
        return NULL;
    }
    while (P->tok.kind == T_COMMA) {
        advance(P);
        if (!starts_expr(&P->tok)) break; /* trailing comma */
        Node *x = expr(P);
        if (!x || !push(P, t, x)) {
            node_free(t);
            return NULL;
        }
    }
    if (bare) *bare = true;
    return fin(P, t, m);
}

/* Does token t (after white space) begin `--name`, an option of a command?
 * Its text is read straight from the source: `--` then a letter. */
static bool is_option_start(const Token *t) {
    return t->kind == T_MINUS && t->space_before && t->start[1] == '-' &&
           ((t->start[2] >= 'a' && t->start[2] <= 'z') ||
            (t->start[2] >= 'A' && t->start[2] <= 'Z'));
}

/* Does token t (after white space) begin a negative number written as one
 * word, `-5` or `-0.5`, as a command's argument? */
static bool is_negative_number(const Token *t) {
    return t->kind == T_MINUS && t->space_before &&
           ((t->start[1] >= '0' && t->start[1] <= '9') ||
            (t->start[1] == '.' && t->start[2] >= '0' && t->start[2] <= '9'));
}

/* arg -> NAME '=' expr | expr          (inside a call's parentheses)
 * cmdarg -> NAME '=' ['-'] postfix | postfix   (in command form) */
static Node *arg(Parser *P, bool cmdarg) {
    if (cmdarg && is_negative_number(&P->tok)) { /* plot sigmoid -5 5 */
        Mark m = mark(P);
        Token optok = P->tok;
        advance(P);
        Node *v = postfix(P, true);
        return v ? unary(P, &optok, v, m) : NULL;
    }
    if (!(is_plain_name(&P->tok) && peek(P)->kind == T_ASSIGN))
        return cmdarg ? postfix(P, true) : expr(P);
    Mark m = mark(P);
    Node *kw = mk(P, N_KWARG);
    if (!kw) return NULL;
    kw->str = strndup(P->tok.start, (size_t)P->tok.len);
    if (!kw->str) {
        node_free(kw);
        return oom(P);
    }
    advance(P);
    advance(P);
    Node *v;
    if (cmdarg && (P->tok.kind == T_MINUS || P->tok.kind == T_PLUS)) {
        /* `evaluate batch=-1`: a sign is fine after '=' */
        Mark vm = mark(P);
        Token optok = P->tok;
        advance(P);
        v = postfix(P, true);
        if (v) v = unary(P, &optok, v, vm);
    } else {
        v = cmdarg ? postfix(P, true) : expr(P);
    }
    if (!v || !push(P, kw, v)) {
        node_free(kw);
        return NULL;
    }
    return fin(P, kw, m);
}

/* Check a call's newest argument against the others: no keyword twice and,
 * in parentheses as in Python, no positional argument after a keyword (a
 * command's words may come in any order: `evaluate batch=100 test`). */
static bool check_arg(Parser *P, const Node *call) {
    const Node *a = call->kids[call->nkids - 1];
    for (int i = 1; i < call->nkids - 1; i++) {
        const Node *b = call->kids[i];
        if (b->kind != N_KWARG) continue;
        if (a->kind != N_KWARG) {
            if (call->cmdform) continue;
            err_set_at(P->e, ERR_SYNTAX, a->span,
                       "positional argument '%.40s' after keyword argument '%s'", a->text, b->str);
            return false;
        }
        if (strcmp(a->str, b->str) == 0) {
            err_set_at(P->e, ERR_SYNTAX, a->span, "keyword argument '%s' given twice", a->str);
            return false;
        }
    }
    return true;
}

/* call -> postfix '(' [arg { ',' arg } [',']] ')' */
static Node *call_trailer(Parser *P, Node *callee, Mark m) {
    Node *c = mk(P, N_CALL);
    if (!c) {
        node_free(callee);
        return NULL;
    }
    c->opspan = callee->span;
    if (!push(P, c, callee) || !open_bracket(P)) goto bad;
    while (P->tok.kind != T_RPAREN) {
        Node *a = arg(P, false);
        if (!a || !push(P, c, a) || !check_arg(P, c)) goto bad;
        if (P->tok.kind != T_COMMA) break;
        advance(P);
    }
    if (!close_bracket(P, T_RPAREN, true)) goto bad;
    return fin(P, c, m);
bad:
    node_free(c);
    return NULL;
}

/* item -> expr | [expr] ':' [expr] [':' [expr]] */
static Node *index_item(Parser *P) {
    Mark m = mark(P);
    Node *start = NULL;
    if (P->tok.kind != T_COLON) {
        start = expr(P);
        if (!start || P->tok.kind != T_COLON) return start;
    }
    Node *s = mk(P, N_SLICE);
    if (!s) {
        node_free(start);
        return NULL;
    }
    if (!push(P, s, start)) goto bad;
    advance(P); /* ':' */
    for (int part = 0; part < 2; part++) {
        if (part == 1) {
            if (P->tok.kind != T_COLON) {
                if (!push(P, s, NULL)) goto bad;
                break;
            }
            advance(P);
        }
        Node *x = NULL;
        if (starts_expr(&P->tok) && !(x = expr(P))) goto bad;
        if (!push(P, s, x)) goto bad;
    }
    return fin(P, s, m);
bad:
    node_free(s);
    return NULL;
}

/* index -> postfix '[' item { ',' item } [','] ']' */
static Node *index_trailer(Parser *P, Node *obj, Mark m) {
    Node *x = mk(P, N_INDEX);
    if (!x) {
        node_free(obj);
        return NULL;
    }
    if (!push(P, x, obj) || !open_bracket(P)) goto bad;
    if (P->tok.kind == T_RBRACKET) {
        fail(P, "empty index: put an index or a slice between '[' and ']'");
        goto bad;
    }
    while (P->tok.kind != T_RBRACKET) {
        Node *it = index_item(P);
        if (!it || !push(P, x, it)) goto bad;
        if (P->tok.kind != T_COMMA) break;
        advance(P);
    }
    if (!close_bracket(P, T_RBRACKET, true)) goto bad;
    return fin(P, x, m);
bad:
    node_free(x);
    return NULL;
}

/* postfix -> primary { '(' args ')' | '[' items ']' | '.' NAME }
 * In a command's argument (cmdarg) a '(' or '[' after white space is no
 * trailer: it starts the next argument. */
static Node *postfix(Parser *P, bool cmdarg) {
    Mark m = mark(P);
    Node *n = primary(P, cmdarg);
    int extra = 0;
    while (n) {
        TokKind k = P->tok.kind;
        if (k == T_LPAREN || k == T_LBRACKET) {
            if (cmdarg && P->tok.space_before) break;
        } else if (k != T_DOT) {
            break;
        }
        if (!enter(P)) {
            node_free(n);
            n = NULL;
            break;
        }
        extra++;
        if (k == T_LPAREN) {
            n = call_trailer(P, n, m);
        } else if (k == T_LBRACKET) {
            n = index_trailer(P, n, m);
        } else {
            advance(P); /* '.' */
            if (P->tok.kind != T_IDENT) {
                char d[80];
                fail(P, "expected a name after '.', found %s", describe(&P->tok, d, sizeof d));
                node_free(n);
                n = NULL;
                break;
            }
            Node *a = mk(P, N_ATTR);
            if (!a || !push(P, a, n)) {
                if (!a) node_free(n);
                node_free(a);
                n = NULL;
                break;
            }
            a->str = strndup(P->tok.start, (size_t)P->tok.len);
            if (!a->str) {
                node_free(a);
                n = oom(P);
                break;
            }
            advance(P);
            n = fin(P, a, m);
        }
    }
    P->depth -= extra;
    return n;
}

/* paren -> '(' ')' | '(' expr ')' | '(' expr ',' [expr {',' expr} [',']] ')'
 * A parenthesised single expression is returned as it is (its span and text
 * leave the parentheses out); a tuple's include them. */
static Node *paren(Parser *P) {
    Mark m = mark(P);
    if (!open_bracket(P)) return NULL;
    Node *t = NULL, *x = NULL;
    if (P->tok.kind == T_RPAREN) {
        t = mk(P, N_TUPLE);
        if (!t) return NULL;
    } else {
        x = expr(P);
        if (!x) return NULL;
        if (P->tok.kind != T_COMMA) {
            if (!close_bracket(P, T_RPAREN, true)) {
                node_free(x);
                return NULL;
            }
            return x;
        }
        t = mk(P, N_TUPLE);
        if (!t || !push(P, t, x)) {
            if (!t) node_free(x);
            node_free(t);
            return NULL;
        }
        while (P->tok.kind == T_COMMA) {
            advance(P);
            if (P->tok.kind == T_RPAREN) break;
            Node *y = expr(P);
            if (!y || !push(P, t, y)) goto bad;
        }
    }
    if (!close_bracket(P, T_RPAREN, true)) goto bad;
    return fin(P, t, m);
bad:
    node_free(t);
    return NULL;
}

/* list -> '[' [expr {',' expr} [',']] ']'
 *       | '[' expr 'for' target 'in' subexpr ['if' subexpr] ']' */
static Node *list(Parser *P) {
    Mark m = mark(P);
    Node *l = mk(P, N_LIST);
    if (!l || !open_bracket(P)) goto bad;
    bool comma = false;
    while (P->tok.kind != T_RBRACKET) {
        Node *x = expr(P);
        if (!x || !push(P, l, x)) goto bad;
        if (P->tok.kind != T_COMMA) break;
        advance(P);
        comma = true;
    }
    if (tok_is(&P->tok, "for")) {
        if (l->nkids != 1 || comma) {
            fail(P, "a comprehension starts with one expression: [x * 2 for x in xs]");
            goto bad;
        }
        l->kind = N_LISTCOMP;
        advance(P);
        if (!for_head(P, l, "the comprehension's")) goto bad;
        Node *it = subexpr(P, 0);
        if (!it || !push(P, l, it)) goto bad;
        if (tok_is(&P->tok, "if")) {
            advance(P);
            Node *c = subexpr(P, 0);
            if (!c || !push(P, l, c)) goto bad;
        }
        if (tok_is(&P->tok, "for") || tok_is(&P->tok, "if")) {
            fail(P, "nnsh's comprehensions take one 'for' and one 'if': write nested for "
                    "loops instead");
            goto bad;
        }
    }
    if (!close_bracket(P, T_RBRACKET, true)) goto bad;
    return fin(P, l, m);
bad:
    node_free(l);
    return NULL;
}

/* dict -> '{' [expr ':' expr {',' expr ':' expr} [',']] '}' */
static Node *dict(Parser *P) {
    Mark m = mark(P);
    Node *d = mk(P, N_DICT);
    if (!d || !open_bracket(P)) goto bad;
    while (P->tok.kind != T_RBRACE) {
        Node *k = expr(P);
        if (!k || !push(P, d, k)) goto bad;
        if (P->tok.kind != T_COLON) {
            fail(P, "expected ':' after a dictionary key (sets are not supported)");
            goto bad;
        }
        advance(P);
        Node *v = expr(P);
        if (!v || !push(P, d, v)) goto bad;
        if (P->tok.kind != T_COMMA) break;
        advance(P);
    }
    if (!close_bracket(P, T_RBRACE, true)) goto bad;
    return fin(P, d, m);
bad:
    node_free(d);
    return NULL;
}

/* Where the byte at ptr inside string token t is: its line and column. */
static Span span_in_token(const Token *t, const char *ptr, int len) {
    Span sp = {t->span.line, t->span.col + (int)(ptr - t->start), 0};
    for (const char *q = t->start; q < ptr; q++)
        if (*q == '\n') {
            sp.line++;
            sp.col = (int)(ptr - q - 1);
        }
    sp.end = sp.col + (len > 0 ? len : 1);
    return sp;
}

/* Parse the expression text [x, xend) of an f-string field of token t:
 * a parser of its own over the text, placed at the same line and column so
 * that its errors point into the f-string. */
static Node *field_expr(Parser *P, const Token *t, const char *x, const char *xend) {
    Span at = span_in_token(t, x, (int)(xend - x));
    size_t n = (size_t)(xend - x);
    char *buf = malloc((size_t)at.col + n + 1);
    if (!buf) return oom(P);
    memset(buf, ' ', (size_t)at.col);
    memcpy(buf + at.col, x, n);
    buf[at.col + n] = '\0';
    Parser *sub = calloc(1, sizeof *sub);
    if (!sub) {
        free(buf);
        return oom(P);
    }
    sub->e = P->e;
    sub->funcs = P->funcs;
    sub->depth = P->depth;
    lex_init(&sub->lx, buf);
    sub->lx.line = at.line;
    advance(sub);
    Node *e = NULL;
    if (sub->tok.kind == T_EOF) {
        err_set_at(P->e, ERR_SYNTAX, at, "an f-string's {} needs an expression inside");
    } else if ((e = exprlist(sub, NULL)) && sub->tok.kind != T_EOF) {
        char d[80];
        fail(sub, "unexpected %s in an f-string's {}", describe(&sub->tok, d, sizeof d));
        node_free(e);
        e = NULL;
    }
    free(sub);
    free(buf);
    return e;
}

/* Give part k of string token t the source [from, to) as its text and
 * span, as every node has. */
static bool part_source(Parser *P, Node *k, const Token *t, const char *from, const char *to) {
    free(k->text);
    if (!(k->text = strndup(from, (size_t)(to - from)))) return oom(P) != NULL;
    k->span = span_in_token(t, from, (int)strcspn(k->text, "\n"));
    if (!k->text[0]) k->span.end = k->span.col;
    return true;
}

/* Append the text [s, end) (escapes decoded unless raw) to f as an N_STR
 * part whose source is [from, to) in token t. */
static bool fstring_text(Parser *P, Node *f, const char *s, const char *end, bool raw,
                         const Token *t, const char *from, const char *to) {
    if (end <= s) return true;
    Node *k = mk(P, N_STR);
    if (!k) return false;
    if (!(k->str = decode_text(s, end, raw))) {
        node_free(k);
        return oom(P) != NULL;
    }
    if (!part_source(P, k, t, from, to)) {
        node_free(k);
        return false;
    }
    return push(P, f, k);
}

/* The parts of f-string token t, appended to f (an N_FSTRING): text, and a
 * field for each {expression[!conversion][:spec]}. */
static bool fstring_parts(Parser *P, const Token *t, Node *f) {
    bool raw, fstr;
    const char *s, *end;
    string_parts(t, &raw, &fstr, &s, &end);
    SBuf lit = {0}; /* raw text since the last field; {{ and }} undone */
    const char *lit_from = s;
    bool ok = true;
    while (ok && s < end) {
        if ((*s == '{' || *s == '}') && s + 1 < end && s[1] == *s) {
            sbuf_putc(&lit, *s);
            s += 2;
            continue;
        }
        if (*s == '}') {
            err_set_at(P->e, ERR_SYNTAX, span_in_token(t, s, 1),
                       "a single '}' in an f-string: write '}}' for the character");
            ok = false;
            break;
        }
        if (*s == '\\' && !raw && s + 1 < end) {
            sbuf_put(&lit, s, 2);
            s += 2;
            continue;
        }
        if (*s != '{') {
            sbuf_putc(&lit, *s++);
            continue;
        }
        char *text = sbuf_done(&lit);
        ok = text && fstring_text(P, f, text, text + strlen(text), raw, t, lit_from, s);
        free(text);
        if (!ok) break;
        /* the field: find where its expression ends, outside brackets and
         * quotes */
        const char *x = s + 1, *q = x;
        int depth = 0;
        char quote = 0;
        for (; q < end; q++) {
            if (quote) {
                if (*q == quote) quote = 0;
            } else if (*q == '\'' || *q == '"') {
                quote = *q;
            } else if (*q == '(' || *q == '[' || *q == '{') {
                depth++;
            } else if (*q == ')' || *q == ']' || (*q == '}' && depth > 0)) {
                depth--;
            } else if (depth == 0 && (*q == '}' || *q == ':' || (*q == '!' && q[1] != '='))) {
                break;
            }
        }
        const char *xend = q;
        /* {x=} shows the text too: "x=" then repr(x) */
        const char *te = xend;
        while (te > x && te[-1] == ' ')
            te--;
        bool selfdoc = te > x && te[-1] == '=' && !(te - 1 > x && strchr("=!<>", te[-2]));
        char conv = 0;
        if (q < end && *q == '!') {
            conv = q + 1 < end ? q[1] : 0;
            if (conv != 'r' && conv != 's' && conv != 'a') {
                err_set_at(P->e, ERR_SYNTAX, span_in_token(t, q, 2),
                           "after '!' an f-string field takes r, s or a");
                ok = false;
                break;
            }
            q += 2;
        }
        const char *spec = NULL, *spec_end = NULL;
        if (q < end && *q == ':') {
            spec = ++q;
            while (q < end && *q != '}' && *q != '{')
                q++;
            spec_end = q;
            if (q < end && *q == '{') {
                err_set_at(P->e, ERR_SYNTAX, span_in_token(t, q, 1),
                           "a {} inside a format spec is not supported in nnsh: write the "
                           "number");
                ok = false;
                break;
            }
        }
        if (q >= end || *q != '}') {
            err_set_at(P->e, ERR_SYNTAX, span_in_token(t, s, (int)(q - s)),
                       "this f-string field has no closing '}'");
            ok = false;
            break;
        }
        Node *fld = mk(P, N_FIELD);
        Node *e = fld ? field_expr(P, t, x, selfdoc ? te - 1 : xend) : NULL;
        if (!e || !push(P, fld, e)) {
            node_free(fld);
            ok = false;
            break;
        }
        fld->op = conv ? conv : selfdoc && !spec ? 'r' : 0;
        if (!part_source(P, fld, t, s, q + 1)) {
            node_free(fld);
            ok = false;
            break;
        }
        if (spec && !(fld->str = strndup(spec, (size_t)(spec_end - spec)))) {
            node_free(fld);
            ok = oom(P) != NULL;
            break;
        }
        if (selfdoc && !fstring_text(P, f, x, xend, true, t, x, xend)) {
            node_free(fld);
            ok = false;
            break;
        }
        ok = push(P, f, fld);
        s = lit_from = q + 1;
    }
    char *text = sbuf_done(&lit);
    if (ok)
        ok = text ? fstring_text(P, f, text, text + strlen(text), raw, t, lit_from, end)
                  : oom(P) != NULL;
    free(text);
    return ok;
}

/* Is string token t an f-string? */
static bool is_fstring(const Token *t) {
    bool raw, fstr;
    const char *s, *end;
    string_parts(t, &raw, &fstr, &s, &end);
    return fstr;
}

/* string -> STRING { STRING }   (adjacent strings are joined, as in Python;
 * in a command's arguments each string is its own argument) */
static Node *string(Parser *P, bool cmdarg) {
    Mark m = mark(P);
    Node *n = mk(P, N_STR);
    if (!n) return NULL;
    do {
        if (is_fstring(&P->tok) || n->kind == N_FSTRING) {
            /* f"..." (or text joined to one): its parts, in order */
            if (n->kind == N_STR) { /* the plain strings before it: one part */
                n->kind = N_FSTRING;
                char *before = n->str;
                n->str = NULL;
                Node *k = before ? mk(P, N_STR) : NULL;
                if (k) {
                    k->str = before;
                    before = NULL;
                    if (!fin(P, k, m) || !push(P, n, k)) goto bad;
                }
                free(before);
            }
            Token t = P->tok;
            if (is_fstring(&t)) {
                if (!fstring_parts(P, &t, n)) goto bad;
            } else {
                char *s = decode_string(&t);
                bool ok =
                    s && fstring_text(P, n, s, s + strlen(s), true, &t, t.start, t.start + t.len);
                if (!s) oom(P);
                free(s);
                if (!ok) goto bad;
            }
            advance(P);
            continue;
        }
        char *s = decode_string(&P->tok);
        if (!s) goto nomem;
        if (!n->str) {
            n->str = s;
        } else {
            size_t a = strlen(n->str), b = strlen(s);
            char *j = realloc(n->str, a + b + 1);
            if (!j) {
                free(s);
                goto nomem;
            }
            memcpy(j + a, s, b + 1);
            n->str = j;
            free(s);
        }
        advance(P);
    } while (!cmdarg && P->tok.kind == T_STRING);
    return fin(P, n, m);
nomem:
    node_free(n);
    return oom(P);
bad:
    node_free(n);
    return NULL;
}

/* Is the current token a NAME that starts a command? It must be a plain name
 * followed, after white space, by a NAME, NUMBER, STRING, '[' or an option
 * (`surface --out 0`). */
/* `help .T`, `help @`: help's topic may be any operator or syntax. */
static bool help_syntax_topic(Parser *P) {
    if (!tok_is(&P->tok, "help")) return false;
    const Token *n = peek(P);
    if (!n->space_before) return false;
    /* help continue, help for: a keyword is a topic, not a statement */
    if (n->kind == T_IDENT) return is_keyword(n) && !is_value_kw(n);
    /* help []: indexing, not an empty list */
    if (n->kind == T_LBRACKET) return n->start[1] == ']';
    return n->kind != T_NEWLINE && n->kind != T_EOF && n->kind != T_SEMI &&
           n->kind != T_NUMBER && n->kind != T_STRING && n->kind != T_ERROR &&
           n->kind != T_LPAREN;
}

static bool starts_command(Parser *P) {
    if (!is_plain_name(&P->tok)) return false;
    if (help_syntax_topic(P)) return true;
    const Token *n = peek(P);
    if (!n->space_before) return false;
    if (is_option_start(n)) return true;
    switch (n->kind) {
    case T_IDENT: return !is_keyword(n) || is_value_kw(n);
    case T_NUMBER:
    case T_STRING:
    case T_LBRACKET: return true;
    default: return false;
    }
}

/* Can the current token start another argument of a command? A negative
 * number written as one word counts (`plot sigmoid -5 5`); `x - 5`, with a
 * space after the minus, stays a subtraction. */
static bool starts_cmdarg(const Parser *P) {
    const Token *t = &P->tok;
    if (is_negative_number(t)) return true;
    switch (t->kind) {
    case T_IDENT: return !is_keyword(t) || is_value_kw(t);
    case T_NUMBER:
    case T_STRING:
    case T_ELLIPSIS:
    case T_LPAREN:
    case T_LBRACKET:
    case T_LBRACE: return true;
    default: return false;
    }
}

/* Is the current token the start of an option `--name` (a '-' after white
 * space, a second '-' and a name written together)? */
static bool starts_option(Parser *P) {
    if (P->tok.kind != T_MINUS || !P->tok.space_before) return false;
    const Token *n = peek(P);
    return n->kind == T_MINUS && !n->space_before && n->start == P->tok.start + 1;
}

/* option -> '--' NAME [['='] (STRING | word)]
 * A shell-style option in command form, `show x_test[0] --png seven.png`,
 * becomes the keyword argument png='seven.png'. Its value is a string, or
 * a bare word such as a file name, read as text up to the next white space
 * or ';'; an option with no value is True. */
static Node *option(Parser *P) {
    Mark m = mark(P);
    advance(P); /* '-' */
    advance(P); /* '-' */
    if (P->tok.kind != T_IDENT || P->tok.space_before)
        return fail(P, "expected an option name right after '--', as in --png");
    Node *kw = mk(P, N_KWARG);
    if (!kw) return NULL;
    kw->str = strndup(P->tok.start, (size_t)P->tok.len);
    if (!kw->str) {
        node_free(kw);
        return oom(P);
    }
    advance(P);
    bool eq = P->tok.kind == T_ASSIGN && !P->tok.space_before; /* --png=f.png */
    if (eq) advance(P);
    Node *v;
    TokKind k = P->tok.kind;
    if (k == T_STRING) {
        v = string(P, true);
    } else if ((P->tok.space_before || eq) &&
               (k == T_IDENT || k == T_NUMBER || k == T_DOT || k == T_SLASH || k == T_TILDE)) {
        /* a bare word: take the text itself, then lex on after it */
        Mark vm = mark(P);
        const char *q = P->tok.start;
        while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != ';')
            q++;
        v = mk(P, N_STR);
        if (v && !(v->str = strndup(P->tok.start, (size_t)(q - P->tok.start)))) {
            node_free(v);
            v = oom(P);
        }
        if (v) {
            P->tok.len = (int)(q - P->tok.start);
            P->tok.span.end = P->tok.span.col + P->tok.len;
            P->has_ahead = false;
            P->lx.p = q;
            advance(P);
            v = fin(P, v, vm);
        }
    } else {
        Mark vm = mark(P);
        v = mk(P, N_TRUE);
        if (v) v = fin(P, v, vm);
    }
    if (!v || !push(P, kw, v)) {
        node_free(kw);
        return NULL;
    }
    return fin(P, kw, m);
}

/* command -> NAME cmdarg { cmdarg | option }
 * Arguments are postfix expressions (or NAME '=' postfix) and never
 * commands themselves, so `sigmoid dot X W1` is sigmoid(dot, X, W1). */
static Node *command(Parser *P) {
    Mark m = mark(P);
    Node *c = mk(P, N_CALL);
    if (!c) return NULL;
    c->cmdform = true;
    bool topic = help_syntax_topic(P);
    Node *callee = word_node(P, N_NAME);
    if (!callee || !push(P, c, callee)) goto bad;
    c->opspan = callee->span;
    if (topic) { /* the rest of the line, as text: help .T */
        Mark tm = mark(P);
        while (P->tok.kind != T_NEWLINE && P->tok.kind != T_EOF && P->tok.kind != T_SEMI &&
               P->tok.kind != T_ERROR)
            advance(P);
        if (P->tok.kind == T_ERROR) goto bad;
        Node *t = mk(P, N_STR);
        if (!t || !(t = fin(P, t, tm))) goto bad;
        if (!(t->str = strdup(t->text))) {
            node_free(t);
            oom(P);
            goto bad;
        }
        if (!push(P, c, t)) goto bad;
        return fin(P, c, m);
    }
    /* Python's `del a, b` lists its names with commas */
    bool commas = callee->str && strcmp(callee->str, "del") == 0;
    do {
        Node *a = starts_option(P) ? option(P) : arg(P, true);
        if (!a || !push(P, c, a) || !check_arg(P, c)) goto bad;
        if (commas && P->tok.kind == T_COMMA) {
            advance(P);
            if (!starts_cmdarg(P)) {
                fail(P, "expected a name after ',' in del");
                goto bad;
            }
        }
    } while (starts_cmdarg(P) || starts_option(P));
    return fin(P, c, m);
bad:
    node_free(c);
    return NULL;
}

/* The message for a keyword where an expression should be. */
static void *fail_keyword(Parser *P) {
    static const char *const plain[] = {"and", "or", "in", "is", "as", "import", "from"};
    char d[80];
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (tok_is(&P->tok, plain[i]))
            return fail(P, "unexpected %s", describe(&P->tok, d, sizeof d));
    return fail(P, "Python's '%.*s' is not supported in nnsh", P->tok.len, P->tok.start);
}

static bool params(Parser *P, Node *n, TokKind end);

/* lambda -> 'lambda' [params] ':' expr */
static Node *lambda_expr(Parser *P) {
    Mark m = mark(P);
    Node *l = mk(P, N_LAMBDA);
    if (!l) return NULL;
    advance(P);
    if (!params(P, l, T_COLON)) goto bad;
    if (P->tok.kind != T_COLON) {
        char d[80];
        fail(P, "expected ':' after the lambda's parameters, found %s",
             describe(&P->tok, d, sizeof d));
        goto bad;
    }
    advance(P);
    Node *body = expr(P);
    if (!body || !push(P, l, body)) goto bad;
    return fin(P, l, m);
bad:
    node_free(l);
    return NULL;
}

/* primary -> NUMBER | string | NAME | 'True' | 'False' | 'None' | '...'
 *          | paren | list | dict | command */
static Node *primary(Parser *P, bool cmdarg) {
    Node *n;
    switch (P->tok.kind) {
    case T_NUMBER: {
        Mark m = mark(P);
        if (!(n = mk(P, N_NUM))) return NULL;
        n->num = P->tok.num;
        n->is_int = P->tok.is_int;
        n->inum = P->tok.inum;
        n->ibig = P->tok.ibig;
        advance(P);
        return fin(P, n, m);
    }
    case T_STRING: return string(P, cmdarg);
    case T_ELLIPSIS: {
        Mark m = mark(P);
        if (!(n = mk(P, N_ELLIPSIS))) return NULL;
        advance(P);
        return fin(P, n, m);
    }
    case T_LPAREN: return paren(P);
    case T_LBRACKET: return list(P);
    case T_LBRACE: return dict(P);
    case T_IDENT:
        if (is_value_kw(&P->tok)) {
            Mark m = mark(P);
            NodeKind k = tok_is(&P->tok, "True")    ? N_TRUE
                         : tok_is(&P->tok, "False") ? N_FALSE
                                                    : N_NONE;
            if (!(n = mk(P, k))) return NULL;
            advance(P);
            return fin(P, n, m);
        }
        if (tok_is(&P->tok, "lambda")) return lambda_expr(P);
        if (is_keyword(&P->tok)) return fail_keyword(P);
        if (!cmdarg && starts_command(P)) return command(P);
        return word_node(P, N_NAME);
    case T_EOF:
    case T_NEWLINE:
    case T_SEMI:
        if (P->prev.start && P->prev.kind != T_NEWLINE && P->prev.kind != T_SEMI) {
            char d[80];
            return fail(P, "expected an expression after %s", describe(&P->prev, d, sizeof d));
        }
        return fail(P, "expected an expression");
    default: return fail_unexpected(P);
    }
}

/* --- statements ---------------------------------------------------------- */

/* Check that t can be assigned to: a name, an indexed item, or a tuple or
 * list of those (a list becomes a tuple). */
static bool check_target(Parser *P, Node *t) {
    const char *what = NULL;
    switch (t->kind) {
    case N_NAME:
    case N_INDEX: return true;
    case N_TUPLE:
    case N_LIST:
        if (t->nkids == 0) {
            what = "an empty tuple";
            break;
        }
        t->kind = N_TUPLE;
        for (int i = 0; i < t->nkids; i++)
            if (!check_target(P, t->kids[i])) return false;
        return true;
    case N_ATTR: what = "an attribute"; break;
    case N_CALL: what = t->cmdform ? "a command" : "a function call"; break;
    case N_NUM:
    case N_STR:
    case N_TRUE:
    case N_FALSE:
    case N_NONE:
    case N_ELLIPSIS: what = "a literal"; break;
    case N_BINOP:
        err_set_at(P->e, ERR_SYNTAX, t->span,
                   "cannot assign to the expression '%.40s' (to compare, use '==')", t->text);
        return false;
    default: what = "an expression"; break;
    }
    err_set_at(P->e, ERR_SYNTAX, t->span, "cannot assign to %s '%.40s'", what, t->text);
    return false;
}

/* The BinOp of an augmented assignment token, or -1. */
static int augop(TokKind k) {
    switch (k) {
    case T_PLUSEQ: return OP_ADD;
    case T_MINUSEQ: return OP_SUB;
    case T_STAREQ: return OP_MUL;
    case T_SLASHEQ: return OP_DIV;
    case T_DSTAREQ: return OP_POW;
    case T_DSLASHEQ: return OP_FLOORDIV;
    case T_PERCENTEQ: return OP_MOD;
    default: return -1;
    }
}

/* dotted -> NAME { '.' NAME } : the path's text into *out (malloc'd). */
static bool dotted(Parser *P, char **out) {
    Mark m = mark(P);
    for (;;) {
        if (!is_plain_name(&P->tok)) {
            char d[80];
            fail(P, "expected a module name, found %s", describe(&P->tok, d, sizeof d));
            return false;
        }
        advance(P);
        if (P->tok.kind != T_DOT) break;
        advance(P);
    }
    const char *end = P->prev.start + P->prev.len;
    *out = strndup(m.p, (size_t)(end - m.p));
    if (!*out) {
        oom(P);
        return false;
    }
    return true;
}

/* One imported name: an N_KWARG whose str is the name bound (the alias)
 * and whose kid is an N_STR with the dotted path it stands for. Takes
 * `path` (malloc'd); `alias` NULL means the path's first name (import a.b
 * binds a) or, for from-imports, the path's last name. */
static bool import_item(Parser *P, Node *imp, char *path, const char *alias, Mark m, bool from) {
    Node *kw = mk(P, N_KWARG), *str = mk(P, N_STR);
    if (!kw || !str) {
        free(path);
        node_free(kw);
        node_free(str);
        return oom(P) != NULL;
    }
    str->str = path;
    const char *bind = alias;
    size_t n = 0;
    if (!bind) {
        bind = from ? strrchr(path, '.') + 1 : path;
        n = from ? strlen(bind) : strcspn(path, ".");
    } else {
        n = strlen(alias);
    }
    kw->str = strndup(bind, n);
    if (!kw->str || !push(P, kw, fin(P, str, m)) || !push(P, imp, fin(P, kw, m)))
        return oom(P) != NULL;
    return true;
}

/* as_name -> ['as' NAME] : the alias into *alias (malloc'd), NULL without. */
static bool as_name(Parser *P, char **alias) {
    *alias = NULL;
    if (!tok_is(&P->tok, "as")) return true;
    advance(P);
    if (!is_plain_name(&P->tok)) {
        char d[80];
        fail(P, "expected a name after 'as', found %s", describe(&P->tok, d, sizeof d));
        return false;
    }
    *alias = strndup(P->tok.start, (size_t)P->tok.len);
    advance(P);
    return *alias ? true : oom(P) != NULL;
}

/* import -> 'import' dotted as_name { ',' dotted as_name }
 *         | 'from' dotted 'import' ('*' | names | '(' names [','] ')')
 * names -> NAME as_name { ',' NAME as_name }
 * The node's str is the first module named ("numpy"), op is 1 for a
 * from-import, and each kid is one name bound (see import_item); `*` binds
 * the kid "*". Which modules exist is the evaluator's business. */
static Node *import_stmt(Parser *P) {
    Mark m = mark(P);
    Node *n = mk(P, N_IMPORT);
    if (!n) return NULL;
    char *path = NULL, *alias = NULL;
    if (tok_is(&P->tok, "import")) {
        advance(P);
        do {
            if (n->nkids) advance(P); /* ',' */
            Mark im = mark(P);
            if (!dotted(P, &path) || !as_name(P, &alias)) goto bad;
            if (!n->str && !(n->str = strdup(path))) goto oom;
            bool ok = import_item(P, n, path, alias, im, false);
            path = NULL;
            free(alias);
            alias = NULL;
            if (!ok) goto bad;
        } while (P->tok.kind == T_COMMA);
        return fin(P, n, m);
    }
    advance(P); /* from */
    n->op = 1;
    if (P->tok.kind == T_DOT || P->tok.kind == T_ELLIPSIS) {
        fail(P, "relative imports (from . import x) are not supported in nnsh");
        goto bad;
    }
    if (!dotted(P, &n->str)) goto bad;
    if (!tok_is(&P->tok, "import")) {
        char d[80];
        fail(P, "expected 'import', found %s", describe(&P->tok, d, sizeof d));
        goto bad;
    }
    advance(P);
    if (P->tok.kind == T_STAR) {
        Mark sm = mark(P);
        advance(P);
        char *p = strdup(n->str);
        if (!p || !import_item(P, n, p, "*", sm, true)) goto bad;
        return fin(P, n, m);
    }
    bool par = P->tok.kind == T_LPAREN;
    if (par && !open_bracket(P)) goto bad;
    for (;;) {
        if (!is_plain_name(&P->tok)) {
            char d[80];
            fail(P, "expected a name to import, found %s", describe(&P->tok, d, sizeof d));
            goto bad;
        }
        Mark im = mark(P);
        size_t ml = strlen(n->str);
        path = malloc(ml + 1 + (size_t)P->tok.len + 1);
        if (!path) goto oom;
        memcpy(path, n->str, ml);
        path[ml] = '.';
        memcpy(path + ml + 1, P->tok.start, (size_t)P->tok.len);
        path[ml + 1 + (size_t)P->tok.len] = '\0';
        advance(P);
        if (!as_name(P, &alias)) goto bad;
        bool ok = import_item(P, n, path, alias, im, true);
        path = NULL;
        free(alias);
        alias = NULL;
        if (!ok) goto bad;
        if (P->tok.kind != T_COMMA) break;
        advance(P);
        if (par && P->tok.kind == T_RPAREN) break;
    }
    if (par && !close_bracket(P, T_RPAREN, false)) goto bad;
    return fin(P, n, m);
oom:
    oom(P);
bad:
    free(path);
    free(alias);
    node_free(n);
    return NULL;
}

/* Is the current token a raw command word used as one (followed, after
 * white space, by something that starts a statement but not an operator,
 * so `step = 2` and `step - 1` stay ordinary)? */
static bool starts_rawcmd(Parser *P) {
    if (P->tok.kind != T_IDENT) return false;
    char w[16];
    if (P->tok.len >= (int)sizeof w) return false;
    memcpy(w, P->tok.start, (size_t)P->tok.len);
    w[P->tok.len] = '\0';
    if (!parse_is_rawcmd(w)) return false;
    const Token *n = peek(P);
    if (!n->space_before || n->kind == T_MINUS || n->kind == T_PLUS) return false;
    return starts_expr(n);
}

/* rawcmd -> ('step' | 'shapes' | 'explain') stmt */
static Node *rawcmd(Parser *P) {
    Mark m = mark(P);
    Node *r = word_node(P, N_RAWCMD);
    if (!r) return NULL;
    r->opspan = r->span;
    if (!enter(P)) goto bad;
    Node *s = stmt(P);
    leave(P);
    if (!s || !push(P, r, s)) goto bad;
    if (!fin(P, r, m)) return NULL;
    free(r->text);
    r->text = strdup(s->text);
    if (!r->text) {
        oom(P);
        goto bad;
    }
    return r;
bad:
    node_free(r);
    return NULL;
}

/* Move the kids of tuple t to the end of n, then free t. */
static void move_kids(Node *n, Node *t) {
    n->kids = t->kids;
    n->nkids = t->nkids;
    t->kids = NULL;
    t->nkids = 0;
    node_free(t);
}

/* stmt -> import | rawcmd
 *       | exprlist '=' exprlist         (targets: see ast.h N_ASSIGN)
 *       | exprlist augop exprlist       (augop: += -= *= /=)
 *       | exprlist */
static Node *stmt(Parser *P) {
    if (tok_is(&P->tok, "import") || tok_is(&P->tok, "from")) return import_stmt(P);
    if (starts_rawcmd(P)) return rawcmd(P);
    Mark m = mark(P);
    bool bare;
    Node *lhs = exprlist(P, &bare);
    if (!lhs) return NULL;
    int aop = augop(P->tok.kind);
    if (P->tok.kind == T_COLON) {
        node_free(lhs);
        return fail(P, "annotations (x: int = 1) are not supported in nnsh: write x = 1");
    }
    if (P->tok.kind != T_ASSIGN && aop < 0) {
        Node *s = mk(P, N_EXPR);
        if (!s || !push(P, s, lhs)) {
            if (!s) node_free(lhs);
            node_free(s);
            return NULL;
        }
        return fin(P, s, m);
    }
    Node *a = mk(P, N_ASSIGN);
    if (!a) {
        node_free(lhs);
        return NULL;
    }
    a->op = aop;
    if (aop >= 0 && (bare || (lhs->kind != N_NAME && lhs->kind != N_INDEX))) {
        err_set_at(P->e, ERR_SYNTAX, lhs->span,
                   "'%.*s' needs one name or indexed item on its left, not '%.40s'", P->tok.len,
                   P->tok.start, lhs->text);
        node_free(lhs);
        goto bad;
    }
    /* a, b = v: two targets; (a, b) = v and a, = v: one tuple target */
    if (bare && lhs->nkids >= 2)
        move_kids(a, lhs);
    else if (!push(P, a, lhs))
        goto bad;
    for (int i = 0; i < a->nkids; i++)
        if (!check_target(P, a->kids[i])) goto bad;
    advance(P); /* '=' or the augmented operator */
    Node *v = exprlist(P, NULL);
    if (!v || !push(P, a, v)) goto bad;
    if (P->tok.kind == T_ASSIGN || augop(P->tok.kind) >= 0) {
        fail(P, "chained assignment is not supported: one target at a time");
        goto bad;
    }
    return fin(P, a, m);
bad:
    node_free(a);
    return NULL;
}

/* --- commands are statements ---------------------------------------------------- */

/* A command's name: a plain name, or np.NAME (np.load). */
static NameKind name_kind(const Parser *P, const Node *n) {
    if (!P->names) return NAME_PLAIN;
    if (n->kind == N_ATTR && n->kids[0]->kind == N_NAME &&
        (strcmp(n->kids[0]->str, "np") == 0 || strcmp(n->kids[0]->str, "numpy") == 0))
        return P->names->kind(P->names->ctx, n->str);
    return n->kind == N_NAME ? P->names->kind(P->names->ctx, n->str) : NAME_PLAIN;
}

static bool is_cmd_name(const Parser *P, const Node *n) {
    return name_kind(P, n) != NAME_PLAIN;
}

/* The command name heading expression x (`vars`, `help dot`, `help(dot)`),
 * or NULL. */
static const Node *cmd_head(const Parser *P, const Node *x) {
    if (is_cmd_name(P, x)) return x;
    if (x->kind == N_CALL && is_cmd_name(P, x->kids[0])) return x->kids[0];
    return NULL;
}

/* The first command name used as a value anywhere in n, or NULL. */
static const Node *find_cmd(const Parser *P, const Node *n) {
    if (!n) return NULL; /* an empty part of a slice */
    if (is_cmd_name(P, n)) return n;
    int from = 0;
    if (n->kind == N_CALL && !n->cmdform && name_kind(P, n->kids[0]) == NAME_VALUE_COMMAND)
        from = 1; /* load("w.npy"): a value */
    for (int i = from; i < n->nkids; i++) {
        const Node *c = find_cmd(P, n->kids[i]);
        if (c) return c;
    }
    return NULL;
}

/* A command's arguments: bare words are its own business (`help example`,
 * `del X`); anything larger must not hold a command. */
static const Node *find_cmd_in_args(const Parser *P, const Node *x) {
    if (x->kind != N_CALL) return NULL;
    for (int i = 1; i < x->nkids; i++) {
        const Node *a = x->kids[i];
        const Node *v = a->kind == N_KWARG && a->nkids ? a->kids[0] : a;
        if (v->kind == N_NAME || v->kind == N_STR) continue;
        const Node *c = find_cmd(P, v);
        if (c) return c;
    }
    return NULL;
}

static bool cmd_inside(Parser *P, const Node *c) {
    err_set_at(P->e, ERR_SYNTAX, c->span,
               "'%s' is a command: type it as a statement of its own, not inside an "
               "expression",
               c->text ? c->text : c->str);
    return false;
}

/* Targets may be named like a command (that makes a variable), but an
 * index inside a target is an expression. */
static const Node *find_cmd_in_target(const Parser *P, const Node *t) {
    if (t->kind == N_NAME) return NULL;
    if (t->kind == N_TUPLE || t->kind == N_LIST) {
        for (int i = 0; i < t->nkids; i++) {
            const Node *c = find_cmd_in_target(P, t->kids[i]);
            if (c) return c;
        }
        return NULL;
    }
    return find_cmd(P, t);
}

/* check_commands: refuse a command anywhere but at the head of statement s
 * (see ParseNames in parse.h). */
static bool check_commands(Parser *P, const Node *s) {
    if (!P->names) return true;
    const Node *c = NULL, *x;
    switch (s->kind) {
    case N_EXPR:
        x = s->kids[0];
        c = cmd_head(P, x) ? find_cmd_in_args(P, x) : find_cmd(P, x);
        return c ? cmd_inside(P, c) : true;
    case N_RAWCMD: return s->nkids ? check_commands(P, s->kids[0]) : true;
    case N_ASSIGN: {
        int nt = s->nkids - 1;
        for (int i = 0; i < nt && !c; i++)
            c = find_cmd_in_target(P, s->kids[i]);
        if (c) return cmd_inside(P, c);
        x = s->kids[nt];
        const Node *h = cmd_head(P, x);
        if (h && x->kind == N_CALL && !x->cmdform && name_kind(P, h) == NAME_VALUE_COMMAND)
            h = NULL; /* (x, t), (xt, tt) = load_mnist(): a value */
        if (!h) return (c = find_cmd(P, x)) ? cmd_inside(P, c) : true;
        if (s->op >= 0 || nt != 1 || s->kids[0]->kind != N_NAME) {
            err_set_at(P->e, ERR_SYNTAX, h->span,
                       "'%s' is a command: its result can be given to one name only, as in "
                       "r = %s",
                       h->text ? h->text : h->str, h->text ? h->text : h->str);
            return false;
        }
        return (c = find_cmd_in_args(P, x)) ? cmd_inside(P, c) : true;
    }
    default: return true;
    }
}

/* --- blocks ------------------------------------------------------------------
 * Python's compound statements, by indentation: a header ending in ':' and
 * either simple statements on the same line or the lines below it indented
 * further than the header. The column of a line's first token is its
 * indentation (the lexer joins lines inside brackets, so only a line's
 * start counts). A body that reaches the end of the text is complete, or,
 * when the REPL asks for it (ParseNames.wait), incomplete: more lines may
 * follow. */

static bool statement(Parser *P, Node *blk);

static Node *keyword_stmt(Parser *P, NodeKind k) {
    Mark m = mark(P);
    Node *n = mk(P, k);
    if (!n) return NULL;
    advance(P);
    return fin(P, n, m);
}

/* pass | break | continue | return [exprlist] | global NAME {',' NAME} */
static Node *small_stmt(Parser *P) {
    if (tok_is(&P->tok, "pass")) return keyword_stmt(P, N_PASS);
    if (tok_is(&P->tok, "break") || tok_is(&P->tok, "continue")) {
        if (P->loops == 0) return fail(P, "'%.*s' outside a loop", P->tok.len, P->tok.start);
        return keyword_stmt(P, tok_is(&P->tok, "break") ? N_BREAK : N_CONTINUE);
    }
    Mark m = mark(P);
    if (tok_is(&P->tok, "return")) {
        if (P->funcs == 0) return fail(P, "'return' outside a function");
        Node *r = mk(P, N_RETURN);
        if (!r) return NULL;
        advance(P);
        if (starts_expr(&P->tok)) {
            Node *v = exprlist(P, NULL);
            if (!v || !push(P, r, v)) {
                node_free(r);
                return NULL;
            }
        }
        return fin(P, r, m);
    }
    /* global */
    Node *g = mk(P, N_GLOBAL);
    if (!g) return NULL;
    advance(P);
    do {
        if (g->nkids) advance(P); /* ',' */
        if (!is_plain_name(&P->tok)) {
            char d[80];
            node_free(g);
            return fail(P, "expected a name after 'global', found %s",
                        describe(&P->tok, d, sizeof d));
        }
        Node *name = word_node(P, N_NAME);
        if (!name || !push(P, g, name)) {
            node_free(g);
            return NULL;
        }
    } while (P->tok.kind == T_COMMA);
    return fin(P, g, m);
}

static bool is_small_kw(const Token *t) {
    return tok_is(t, "pass") || tok_is(t, "break") || tok_is(t, "continue") ||
           tok_is(t, "return") || tok_is(t, "global");
}

/* simple_line -> small { ';' small } [';'] (NEWLINE | EOF), each small
 * statement appended to blk. A ';' that ends the line makes the statement
 * before it quiet. */
static bool simple_line(Parser *P, Node *blk) {
    for (;;) {
        Node *s = is_small_kw(&P->tok) ? small_stmt(P) : stmt(P);
        if (!s) return false;
        if (!check_commands(P, s) || !push(P, blk, s)) {
            if (P->e->kind == ERR_NONE) oom(P);
            if (blk->nkids == 0 || blk->kids[blk->nkids - 1] != s) node_free(s);
            return false;
        }
        if (P->tok.kind == T_SEMI) {
            /* only a ';' that ends its line silences the statement before
             * it: in `a = 1; b = 2` both still echo, as in IPython */
            advance(P);
            if (P->tok.kind == T_NEWLINE || P->tok.kind == T_EOF) {
                s->quiet = true;
                if (P->tok.kind == T_NEWLINE) advance(P);
                return true;
            }
            continue;
        }
        if (P->tok.kind == T_NEWLINE) {
            advance(P);
            return true;
        }
        if (P->tok.kind == T_EOF) return true;
        const Node *x = s->kind == N_EXPR ? s->kids[0] : NULL;
        if (x && x->kind == N_ATTR && P->tok.space_before && starts_cmdarg(P)) {
            char d[80];
            fail(P, "unexpected %s: a command starts with a plain name; write %s(...)",
                 describe(&P->tok, d, sizeof d), x->text);
        } else {
            fail_unexpected(P);
        }
        return false;
    }
}

static void skip_newlines(Parser *P) {
    while (P->tok.kind == T_NEWLINE || P->tok.kind == T_SEMI)
        advance(P);
}

/* suite -> simple_line | NEWLINE INDENT statement+ DEDENT
 * The body of the header `what` (at column `col`, line `line`) into a new
 * N_BLOCK. */
static Node *suite(Parser *P, const char *what, int col, int line) {
    if (P->tok.kind != T_COLON) {
        char d[80];
        return fail(P, "expected ':' to end the '%s' line, found %s", what,
                    describe(&P->tok, d, sizeof d));
    }
    advance(P);
    Mark m = mark(P);
    Node *blk = mk(P, N_BLOCK);
    if (!blk) return NULL;
    if (P->tok.kind != T_NEWLINE && P->tok.kind != T_EOF) { /* if x: y = 1 */
        if (!simple_line(P, blk)) goto bad;
        return fin(P, blk, m);
    }
    skip_newlines(P);
    if (P->tok.kind == T_EOF || P->tok.span.col <= col) {
        if (P->tok.kind == T_EOF && P->names && P->names->wait) {
            err_set_at(P->e, ERR_INCOMPLETE, P->tok.span, "the '%s' block goes on", what);
            goto bad;
        }
        err_set_at(P->e, ERR_SYNTAX, P->tok.span,
                   "expected an indented block after '%s' on line %d", what, line);
        goto bad;
    }
    int body = P->tok.span.col;
    m = mark(P);
    for (;;) {
        if (!statement(P, blk)) goto bad;
        skip_newlines(P);
        if (P->tok.kind == T_EOF) {
            if (P->names && P->names->wait) {
                err_set_at(P->e, ERR_INCOMPLETE, P->tok.span, "the '%s' block goes on", what);
                goto bad;
            }
            break;
        }
        int c = P->tok.span.col;
        if (c == body) continue;
        if (c > body) {
            fail(P, "unexpected indent: this line is indented more than the lines above it");
            goto bad;
        }
        if (c > col) {
            fail(P, "this line's indent matches no block above it: line up its first "
                    "character with the lines of its block");
            goto bad;
        }
        break;
    }
    return fin(P, blk, m);
bad:
    node_free(blk);
    return NULL;
}

/* A parenthesised parameter list: NAME ['=' expr] {',' ...}, into n's kids
 * (lambda: the same without brackets, up to ':'). */
static bool params(Parser *P, Node *n, TokKind end) {
    bool defaults = false;
    while (P->tok.kind != end) {
        if (P->tok.kind == T_STAR || P->tok.kind == T_DSTAR) {
            fail(P, "star-arguments (*args, **kwargs) are not supported in nnsh");
            return false;
        }
        if (!is_plain_name(&P->tok)) {
            char d[80];
            fail(P, "expected a parameter name, found %s", describe(&P->tok, d, sizeof d));
            return false;
        }
        for (int i = 0; i < n->nkids; i++)
            if ((size_t)P->tok.len == strlen(n->kids[i]->str) &&
                memcmp(n->kids[i]->str, P->tok.start, (size_t)P->tok.len) == 0) {
                fail(P, "duplicate parameter '%.*s'", P->tok.len, P->tok.start);
                return false;
            }
        Mark m = mark(P);
        if (peek(P)->kind == T_ASSIGN) {
            Node *kw = mk(P, N_KWARG);
            if (!kw || !push(P, n, kw)) return oom(P) != NULL;
            kw->str = strndup(P->tok.start, (size_t)P->tok.len);
            advance(P);
            advance(P);
            Node *v = expr(P);
            if (!kw->str || !v || !push(P, kw, v) || !fin(P, kw, m)) return false;
            defaults = true;
        } else {
            if (defaults) {
                fail(P, "a parameter without a default cannot follow one with a default");
                return false;
            }
            Node *name = word_node(P, N_NAME);
            if (!name || !push(P, n, name)) return false;
        }
        if (P->tok.kind != T_COMMA) break;
        advance(P);
    }
    return true;
}

/* def -> 'def' NAME '(' params ')' suite */
static Node *def_stmt(Parser *P, int col, int line) {
    Mark m = mark(P);
    advance(P); /* def */
    if (!is_plain_name(&P->tok)) {
        char d[80];
        return fail(P, "expected the function's name after 'def', found %s",
                    describe(&P->tok, d, sizeof d));
    }
    Node *d = mk(P, N_DEF);
    if (!d || !(d->str = strndup(P->tok.start, (size_t)P->tok.len))) {
        node_free(d);
        return oom(P);
    }
    advance(P);
    if (P->tok.kind != T_LPAREN) {
        fail(P, "expected '(' after the function's name");
        goto bad;
    }
    if (!open_bracket(P) || !params(P, d, T_RPAREN) || !close_bracket(P, T_RPAREN, false)) goto bad;
    int loops = P->loops;
    P->funcs++;
    P->loops = 0;
    Node *body = suite(P, "def", col, line);
    P->funcs--;
    P->loops = loops;
    if (!body || !push(P, d, body)) goto bad;
    return fin(P, d, m);
bad:
    node_free(d);
    return NULL;
}

/* if -> 'if' expr suite {'elif' expr suite} ['else' suite] */
static Node *if_stmt(Parser *P, int col, int line, const char *what) {
    Mark m = mark(P);
    Node *n = mk(P, N_IF);
    if (!n) return NULL;
    advance(P); /* if / elif */
    Node *c = expr(P);
    if (!c || !push(P, n, c)) goto bad;
    Node *body = suite(P, what, col, line);
    if (!body || !push(P, n, body)) goto bad;
    if (P->tok.kind != T_EOF && P->tok.span.col == col) {
        int l = P->tok.span.line;
        if (tok_is(&P->tok, "elif")) {
            Node *e = if_stmt(P, col, l, "elif");
            if (!e || !push(P, n, e)) goto bad;
        } else if (tok_is(&P->tok, "else")) {
            advance(P);
            Node *e = suite(P, "else", col, l);
            if (!e || !push(P, n, e)) goto bad;
        }
    }
    return fin(P, n, m);
bad:
    node_free(n);
    return NULL;
}

/* The target of a for loop: NAME, x[i], or a tuple of them (no `in`). */
static Node *for_target(Parser *P) {
    Mark m = mark(P);
    Node *first = postfix(P, false);
    if (!first || P->tok.kind != T_COMMA) return first;
    Node *t = mk(P, N_TUPLE);
    if (!t || !push(P, t, first)) {
        if (!t) node_free(first);
        node_free(t);
        return NULL;
    }
    while (P->tok.kind == T_COMMA) {
        advance(P);
        if (tok_is(&P->tok, "in")) break;
        Node *x = postfix(P, false);
        if (!x || !push(P, t, x)) {
            node_free(t);
            return NULL;
        }
    }
    return fin(P, t, m);
}

/* for_head -> target 'in' : after a `for` (of a loop or a comprehension,
 * `whose` names it in the error), the target is pushed onto n and the 'in'
 * consumed. False with the error set. */
static bool for_head(Parser *P, Node *n, const char *whose) {
    Node *t = for_target(P);
    if (!t || !push(P, n, t) || !check_target(P, t)) return false;
    if (!tok_is(&P->tok, "in")) {
        char d[80];
        fail(P, "expected 'in' after %s name, found %s", whose, describe(&P->tok, d, sizeof d));
        return false;
    }
    advance(P);
    return true;
}

/* while -> 'while' expr suite ; for -> 'for' target 'in' exprlist suite */
static Node *loop_stmt(Parser *P, int col, int line) {
    Mark m = mark(P);
    bool is_for = tok_is(&P->tok, "for");
    Node *n = mk(P, is_for ? N_FOR : N_WHILE);
    if (!n) return NULL;
    advance(P);
    if (is_for) {
        if (!for_head(P, n, "the loop's")) goto bad;
    }
    Node *c = exprlist(P, NULL);
    if (!c || !push(P, n, c)) goto bad;
    P->loops++;
    Node *body = suite(P, is_for ? "for" : "while", col, line);
    P->loops--;
    if (!body || !push(P, n, body)) goto bad;
    if (P->tok.kind != T_EOF && P->tok.span.col == col && tok_is(&P->tok, "else")) {
        fail(P, "'else' after a loop is not supported in nnsh");
        goto bad;
    }
    return fin(P, n, m);
bad:
    node_free(n);
    return NULL;
}

/* with -> 'with' expr ['as' NAME] suite */
static Node *with_stmt(Parser *P, int col, int line) {
    Mark m = mark(P);
    Node *n = mk(P, N_WITH);
    if (!n) return NULL;
    advance(P);
    Node *c = expr(P);
    if (!c || !push(P, n, c)) goto bad;
    if (tok_is(&P->tok, "as")) {
        advance(P);
        if (!is_plain_name(&P->tok)) {
            char d[80];
            fail(P, "expected a name after 'as', found %s", describe(&P->tok, d, sizeof d));
            goto bad;
        }
        n->str = strndup(P->tok.start, (size_t)P->tok.len);
        if (!n->str) {
            oom(P);
            goto bad;
        }
        advance(P);
    }
    if (P->tok.kind == T_COMMA) {
        fail(P, "a 'with' of several contexts is not supported in nnsh");
        goto bad;
    }
    Node *body = suite(P, "with", col, line);
    if (!body || !push(P, n, body)) goto bad;
    return fin(P, n, m);
bad:
    node_free(n);
    return NULL;
}

/* statement -> compound | simple_line, appended to blk. Python statements
 * nnsh does not have are refused by name. */
static bool statement(Parser *P, Node *blk) {
    int col = P->tok.span.col, line = P->tok.span.line;
    Node *s = NULL;
    if (tok_is(&P->tok, "def"))
        s = def_stmt(P, col, line);
    else if (tok_is(&P->tok, "if"))
        s = if_stmt(P, col, line, "if");
    else if (tok_is(&P->tok, "for") || tok_is(&P->tok, "while"))
        s = loop_stmt(P, col, line);
    else if (tok_is(&P->tok, "with"))
        s = with_stmt(P, col, line);
    else if (tok_is(&P->tok, "elif") || tok_is(&P->tok, "else"))
        return fail(P, "'%.*s' without an 'if' above it at the same indent", P->tok.len,
                    P->tok.start) != NULL;
    else if (P->tok.kind == T_AT)
        return fail(P, "decorators (@name above a def) are not supported in nnsh") != NULL;
    else if (tok_is(&P->tok, "class") || tok_is(&P->tok, "try") || tok_is(&P->tok, "except") ||
             tok_is(&P->tok, "finally") || tok_is(&P->tok, "raise") || tok_is(&P->tok, "async") ||
             tok_is(&P->tok, "await") || tok_is(&P->tok, "yield") || tok_is(&P->tok, "assert") ||
             tok_is(&P->tok, "nonlocal"))
        return fail(P, "Python's '%.*s' is not supported in nnsh", P->tok.len, P->tok.start) !=
               NULL;
    else
        return simple_line(P, blk);
    if (!s) return false;
    if (!push(P, blk, s)) return oom(P) != NULL;
    if (P->tok.kind == T_EOF && P->names && P->names->wait) {
        /* `if x: y = 1` may still get its else on the next line */
        err_set_at(P->e, ERR_INCOMPLETE, P->tok.span, "the block may go on");
        return false;
    }
    return true;
}

/* program -> [stmt] { (';' | NEWLINE) [stmt] } EOF
 * A ';' that ends a line makes the statement before it quiet. */
int parse_program(const char *src, int first_line, Node ***out, Err *e) {
    return parse_program_names(src, first_line, NULL, out, e);
}

int parse_program_names(const char *src, int first_line, const ParseNames *names, Node ***out,
                        Err *e) {
    Parser *P = calloc(1, sizeof *P);
    *out = NULL;
    err_clear(e);
    if (!P) {
        err_set(e, ERR_MEMORY, "out of memory while parsing");
        return -1;
    }
    P->e = e;
    P->names = names;
    lex_init(&P->lx, src ? src : "");
    P->lx.line = first_line > 0 ? first_line : 1;
    advance(P);
    Node *top = node_new(N_BLOCK);
    if (!top) {
        free(P);
        err_set(e, ERR_MEMORY, "out of memory while parsing");
        return -1;
    }
    skip_newlines(P);
    int base = P->tok.span.col; /* pasted code may be indented as a whole */
    while (P->tok.kind != T_EOF) {
        if (P->tok.span.col != base) {
            fail(P, P->tok.span.col > base
                        ? "unexpected indent: this line is indented more than the lines above it"
                        : "this line's indent matches no block above it: line up its first "
                          "character with the lines of its block");
            goto bad;
        }
        if (!statement(P, top)) goto bad;
        skip_newlines(P);
    }
    free(P);
    int n = top->nkids;
    *out = top->kids;
    top->kids = NULL;
    top->nkids = 0;
    node_free(top);
    return n;
bad:
    node_free(top);
    free(P);
    if (e && e->kind == ERR_NONE) err_set(e, ERR_SYNTAX, "syntax error");
    return -1;
}

bool parse_scan_line(ParseScan *st, const char *line) {
    const char *p = line;
    st->cont = false;
    while (*p) {
        if (st->quote) { /* inside ''' or """ */
            if (*p == '\\' && p[1]) {
                p += 2;
            } else if (p[0] == st->quote && p[1] == st->quote && p[2] == st->quote) {
                st->quote = 0;
                p += 3;
            } else {
                p++;
            }
            continue;
        }
        char c = *p;
        if (c == '#') break;
        if (c == '\'' || c == '"') {
            if (p[1] == c && p[2] == c) {
                st->quote = c;
                p += 3;
                continue;
            }
            /* a one-line string: to its closing quote or the end of the line */
            for (p++; *p && *p != c; p++)
                if (*p == '\\' && p[1]) p++;
            if (*p) p++;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') st->depth++;
        if ((c == ')' || c == ']' || c == '}') && st->depth > 0) st->depth--;
        if (c == '\\' && p[1] == '\0') st->cont = true;
        p++;
    }
    return st->depth == 0 && !st->quote && !st->cont;
}

bool parse_is_rawcmd(const char *name) {
    return name && (strcmp(name, "step") == 0 || strcmp(name, "shapes") == 0 ||
                    strcmp(name, "explain") == 0 || strcmp(name, "check") == 0);
}
