/* lex.c - source text to tokens (see lex.h).
 *
 * The lexer works on a NUL-terminated buffer and never allocates: a token is
 * a pointer and a length into the source plus its span. Everything it needs
 * between calls is in the Lexer struct. Numbers are checked strictly here
 * (`1.2.3` and `12abc` are errors) so the parser only sees good ones.
 */
#include "lex.h"

#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

void lex_init(Lexer *lx, const char *src) {
    lx->src = src;
    lx->p = src;
    lx->line = 1;
    lx->line_start = src;
    lx->depth = 0;
}

const char *lex_tok_name(TokKind k) {
    switch (k) {
    case T_EOF: return "end of input";
    case T_NEWLINE: return "end of line";
    case T_IDENT: return "name";
    case T_NUMBER: return "number";
    case T_STRING: return "string";
    case T_LPAREN: return "'('";
    case T_RPAREN: return "')'";
    case T_LBRACKET: return "'['";
    case T_RBRACKET: return "']'";
    case T_LBRACE: return "'{'";
    case T_RBRACE: return "'}'";
    case T_COMMA: return "','";
    case T_COLON: return "':'";
    case T_SEMI: return "';'";
    case T_DOT: return "'.'";
    case T_ASSIGN: return "'='";
    case T_PLUS: return "'+'";
    case T_MINUS: return "'-'";
    case T_STAR: return "'*'";
    case T_SLASH: return "'/'";
    case T_DSLASH: return "'//'";
    case T_PERCENT: return "'%'";
    case T_DSTAR: return "'**'";
    case T_AT: return "'@'";
    case T_LT: return "'<'";
    case T_LE: return "'<='";
    case T_GT: return "'>'";
    case T_GE: return "'>='";
    case T_EQ: return "'=='";
    case T_NE: return "'!='";
    case T_AMP: return "'&'";
    case T_PIPE: return "'|'";
    case T_TILDE: return "'~'";
    case T_PLUSEQ: return "'+='";
    case T_MINUSEQ: return "'-='";
    case T_STAREQ: return "'*='";
    case T_SLASHEQ: return "'/='";
    case T_DSTAREQ: return "'**='";
    case T_DSLASHEQ: return "'//='";
    case T_PERCENTEQ: return "'%='";
    case T_ELLIPSIS: return "'...'";
    case T_ERROR: return "bad token";
    }
    return "token";
}

/* Column of `at` on the current line (0-based bytes). */
static int col_of(const Lexer *lx, const char *at) {
    return (int)(at - lx->line_start);
}

/* A span from `start` (on the current line) to `end`, cut at the first
 * newline so it never leaves the line it starts on. */
static Span span_of(const Lexer *lx, int line, const char *start, const char *end) {
    Span s;
    s.line = line;
    s.col = col_of(lx, start);
    const char *nl = memchr(start, '\n', (size_t)(end - start));
    s.end = s.col + (int)((nl ? nl : end) - start);
    return s;
}

/* End the span of `t` (whose line and col are set) at `end`, or at the end
 * of its first line when it runs over several. */
static void end_span(Token *t, const char *end) {
    const char *nl = memchr(t->start, '\n', (size_t)(end - t->start));
    t->span.end = t->span.col + (int)((nl ? nl : end) - t->start);
}

static bool is_ident_start(int c) {
    return isalpha(c) || c == '_';
}
static bool is_ident_char(int c) {
    return isalnum(c) || c == '_';
}

/* Fill `t` as an error token over [start, end) and report `kind` there. */
static Token error_tok(Token t, const char *end, Err *e, ErrKind kind, const char *msg) {
    t.kind = T_ERROR;
    t.len = (int)(end - t.start);
    err_set_at(e, kind, t.span, "%s", msg);
    return t;
}

/* Bytes of one UTF-8 character starting at p (1 when p is not valid UTF-8),
 * so an error message can show the whole character. */
static int utf8_len(const unsigned char *p) {
    int n = (p[0] >= 0xf0 && p[0] < 0xf8) ? 4 : (p[0] >= 0xe0) ? 3 : (p[0] >= 0xc0) ? 2 : 1;
    if (p[0] >= 0xf8) return 1;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80) return 1;
    return n;
}

/* --- numbers ------------------------------------------------------------- */

/* Digits of `base` with single '_' between them, from s to end; true when
 * the whole run is such digits and there is at least one. */
static bool digit_run(const char *s, const char *end, int base) {
    if (s >= end) return false;
    bool prev_digit = false;
    for (const char *q = s; q < end; q++) {
        int c = (unsigned char)*q;
        if (c == '_') {
            if (!prev_digit) return false;
            prev_digit = false;
            continue;
        }
        int v = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;
        if (v >= base) return false;
        prev_digit = true;
    }
    return prev_digit;
}

/* Length of a decimal digit run with underscores starting at s. */
static const char *skip_digits(const char *s) {
    while (isdigit((unsigned char)*s) || (*s == '_' && isdigit((unsigned char)s[1])))
        s++;
    return s;
}

/* Check and convert the number text [s, end). Returns false when it is not
 * a well-formed literal. */
/* The exact value of the integer digits [s, end) in base (underscores
 * skipped); false when it is beyond uint64_t. */
static bool exact_int(const char *s, const char *end, int base, uint64_t *out) {
    uint64_t v = 0;
    for (const char *q = s; q < end; q++) {
        if (*q == '_') continue;
        int c = tolower((unsigned char)*q);
        unsigned d = (unsigned)(isdigit(c) ? c - '0' : c - 'a' + 10);
        if (__builtin_mul_overflow(v, (uint64_t)base, &v) || __builtin_add_overflow(v, d, &v))
            return false;
    }
    *out = v;
    return true;
}

static bool convert_number(const char *s, const char *end, double *out, bool *is_int,
                           uint64_t *inum, bool *ibig) {
    size_t n = (size_t)(end - s);
    char buf[400];
    if (n >= sizeof buf) return false;
    *is_int = true;
    if (n > 2 && s[0] == '0' && strchr("xXoObB", s[1])) {
        int base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
        const char *d = s + 2;
        if (*d == '_') d++; /* Python allows 0x_ff */
        if (!digit_run(d, end, base)) return false;
        double v = 0;
        for (const char *q = d; q < end; q++) {
            if (*q == '_') continue;
            int c = tolower((unsigned char)*q);
            v = v * base + (isdigit(c) ? c - '0' : c - 'a' + 10);
        }
        *out = v;
        *ibig = !exact_int(d, end, base, inum);
        return true;
    }
    /* decimal: digits ['.' [digits]] | '.' digits, then [e [+-] digits] */
    const char *q = s, *ip = skip_digits(q);
    bool have_int = ip > q;
    q = ip;
    bool have_frac = false;
    if (q < end && *q == '.') {
        *is_int = false;
        q++;
        const char *fp = skip_digits(q);
        have_frac = fp > q;
        q = fp;
    }
    if (!have_int && !have_frac) return false;
    if (q < end && (*q == 'e' || *q == 'E')) {
        *is_int = false;
        q++;
        if (q < end && (*q == '+' || *q == '-')) q++;
        const char *ep = skip_digits(q);
        if (ep == q) return false;
        q = ep;
    }
    if (q != end) return false;
    /* strtod wants the locale's decimal point and no underscores */
    const char *dp = localeconv()->decimal_point;
    char point = (dp && dp[0] && !dp[1]) ? dp[0] : '.';
    size_t k = 0;
    for (const char *r = s; r < end; r++) {
        if (*r == '_') continue;
        buf[k++] = *r == '.' ? point : *r;
    }
    buf[k] = '\0';
    *out = strtod(buf, NULL);
    if (*is_int) *ibig = !exact_int(s, end, 10, inum);
    return true;
}

/* number -> digits, '.', letters, '_' and a sign right after an exponent
 * 'e', taken greedily and then checked as a whole. */
static Token lex_number(Lexer *lx, Token t, Err *e) {
    const char *q = lx->p;
    bool hex = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
    for (;;) {
        int c = (unsigned char)*q;
        if (is_ident_char(c) || c == '.') {
            q++;
        } else if ((c == '+' || c == '-') && !hex && (q[-1] == 'e' || q[-1] == 'E') &&
                   isdigit((unsigned char)q[1])) {
            q++;
        } else {
            break;
        }
    }
    t.span = span_of(lx, lx->line, t.start, q);
    lx->p = q;
    t.inum = 0;
    t.ibig = false;
    if (!convert_number(t.start, q, &t.num, &t.is_int, &t.inum, &t.ibig)) {
        char msg[96];
        int n = (int)(q - t.start);
        snprintf(msg, sizeof msg, "bad number '%.*s%s'", n > 40 ? 40 : n, t.start,
                 n > 40 ? "..." : "");
        return error_tok(t, q, e, ERR_SYNTAX, msg);
    }
    t.kind = T_NUMBER;
    t.len = (int)(q - t.start);
    return t;
}

/* --- strings ------------------------------------------------------------- */

/* The length of a string prefix (r, f, rf, fr in either case) at p that a
 * quote follows: 0 for a plain string, -1 when p starts no string. */
int lex_string_prefix(const char *p) {
    int k = 0;
    while (k < 2 && (p[k] == 'r' || p[k] == 'R' || p[k] == 'f' || p[k] == 'F'))
        k++;
    if (k == 2 && tolower((unsigned char)p[0]) == tolower((unsigned char)p[1])) return -1;
    return p[k] == '\'' || p[k] == '"' ? k : -1;
}

/* string -> [prefix] (quote chars quote | triple-quote chars triple-quote).
 * A backslash always takes the next character with it (so \' does not end
 * the string, raw or not); the parser decodes escapes later. */
static Token lex_string(Lexer *lx, Token t, Err *e) {
    const char *q = lx->p;
    q += lex_string_prefix(q);
    char quote = *q;
    bool triple = q[1] == quote && q[2] == quote;
    q += triple ? 3 : 1;
    for (;;) {
        char c = *q;
        if (c == '\0') {
            lx->p = q;
            end_span(&t, q);
            /* only a triple-quoted string may go on over more lines: a
             * plain one cut off at the end is a mistake, as in Python */
            return error_tok(t, q, e, triple ? ERR_INCOMPLETE : ERR_SYNTAX,
                             triple ? "unterminated triple-quoted string"
                                    : "unterminated string: close it with the quote it "
                                      "started with");
        }
        if (c == '\\') {
            if (q[1] == '\0') {
                q++;
                continue; /* reported as unterminated above */
            }
            if (q[1] == '\n') {
                lx->line++;
                q += 2;
                lx->line_start = q;
                continue;
            }
            q += 2;
            continue;
        }
        if (c == '\n') {
            if (!triple) {
                end_span(&t, q);
                lx->p = q;
                return error_tok(t, q, e, ERR_SYNTAX,
                                 "unterminated string: it must close on the line it "
                                 "starts on (use ''' for text over several lines)");
            }
            lx->line++;
            q++;
            lx->line_start = q;
            continue;
        }
        if (c == quote && (!triple || (q[1] == quote && q[2] == quote))) {
            q += triple ? 3 : 1;
            break;
        }
        q++;
    }
    end_span(&t, q);
    t.kind = T_STRING;
    t.len = (int)(q - t.start);
    lx->p = q;
    return t;
}

/* --- white space, comments, operators ------------------------------------ */

/* Skip blanks, comments, continuation lines and (inside brackets) newlines.
 * Returns false with e set (ERR_INCOMPLETE) for a backslash at the very end;
 * *space is set when anything was skipped. */
static bool skip_space(Lexer *lx, bool *space, Err *e, Token *t) {
    for (;;) {
        char c = *lx->p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            lx->p++;
        } else if (c == '#') {
            while (*lx->p && *lx->p != '\n')
                lx->p++;
        } else if (c == '\\' && (lx->p[1] == '\n' || (lx->p[1] == '\r' && lx->p[2] == '\n'))) {
            lx->p += lx->p[1] == '\n' ? 2 : 3;
            lx->line++;
            lx->line_start = lx->p;
        } else if (c == '\\' && lx->p[1] == '\0') {
            t->start = lx->p;
            t->span = span_of(lx, lx->line, lx->p, lx->p + 1);
            lx->p++;
            err_set_at(e, ERR_INCOMPLETE, t->span, "line continuation '\\' at the end of input");
            return false;
        } else if (c == '\n' && lx->depth > 0) {
            lx->p++;
            lx->line++;
            lx->line_start = lx->p;
        } else {
            return true;
        }
        *space = true;
    }
}

/* The kind of the operator at lx->p and its length, or T_ERROR with a
 * message for a character no token starts with. */
static TokKind lex_op(const char *p, int *len, const char **msg) {
    char c = p[0], d = p[1];
    *len = 1;
    *msg = NULL;
    switch (c) {
    case '(': return T_LPAREN;
    case ')': return T_RPAREN;
    case '[': return T_LBRACKET;
    case ']': return T_RBRACKET;
    case '{': return T_LBRACE;
    case '}': return T_RBRACE;
    case ',': return T_COMMA;
    case ':': return T_COLON;
    case ';': return T_SEMI;
    case '~': return T_TILDE;
    case '.':
        if (d == '.' && p[2] == '.') {
            *len = 3;
            return T_ELLIPSIS;
        }
        return T_DOT;
    case '=':
        if (d == '=') {
            *len = 2;
            return T_EQ;
        }
        return T_ASSIGN;
    case '+':
        if (d == '=') {
            *len = 2;
            return T_PLUSEQ;
        }
        return T_PLUS;
    case '-':
        if (d == '=') {
            *len = 2;
            return T_MINUSEQ;
        }
        return T_MINUS;
    case '*':
        if (d == '*') {
            *len = 2;
            if (p[2] == '=') {
                *len = 3;
                return T_DSTAREQ;
            }
            return T_DSTAR;
        }
        if (d == '=') {
            *len = 2;
            return T_STAREQ;
        }
        return T_STAR;
    case '/':
        if (d == '/') {
            *len = 2;
            if (p[2] == '=') {
                *len = 3;
                return T_DSLASHEQ;
            }
            return T_DSLASH;
        }
        if (d == '=') {
            *len = 2;
            return T_SLASHEQ;
        }
        return T_SLASH;
    case '%':
        if (d == '=') {
            *len = 2;
            return T_PERCENTEQ;
        }
        return T_PERCENT;
    case '@':
        if (d == '=') {
            *len = 2;
            *msg = "'@=' is not supported; write x = x @ y";
            return T_ERROR;
        }
        return T_AT;
    case '<':
        if (d == '=') {
            *len = 2;
            return T_LE;
        }
        if (d == '<') {
            *len = 2;
            *msg = "shift operator '<<' is not supported";
            return T_ERROR;
        }
        return T_LT;
    case '>':
        if (d == '=') {
            *len = 2;
            return T_GE;
        }
        if (d == '>') {
            *len = 2;
            *msg = "shift operator '>>' is not supported";
            return T_ERROR;
        }
        return T_GT;
    case '!':
        if (d == '=') {
            *len = 2;
            return T_NE;
        }
        *msg = "unknown character '!' (write 'not x' or '~x' for not, '!=' for not equal)";
        return T_ERROR;
    case '&':
        if (d == '=') {
            *len = 2;
            *msg = "'&=' is not supported; write x = x & y";
            return T_ERROR;
        }
        return T_AMP;
    case '|':
        if (d == '=') {
            *len = 2;
            *msg = "'|=' is not supported; write x = x | y";
            return T_ERROR;
        }
        return T_PIPE;
    case '^':
        *msg = "'^' (exclusive or) is not supported; for a power write x ** y";
        return T_ERROR;
    }
    return T_ERROR;
}

Token lex_next(Lexer *lx, Err *e) {
    Token t;
    memset(&t, 0, sizeof t);
    bool space = false;
    if (!skip_space(lx, &space, e, &t)) {
        t.kind = T_ERROR;
        t.len = 1;
        t.space_before = space;
        return t;
    }
    t.space_before = space;
    t.start = lx->p;
    t.span = span_of(lx, lx->line, lx->p, lx->p);
    unsigned char c = (unsigned char)*lx->p;

    if (c == '\0') {
        t.kind = T_EOF;
        return t;
    }
    if (c == '\n') {
        t.kind = T_NEWLINE;
        t.len = 1;
        t.span.end = t.span.col + 1;
        lx->p++;
        lx->line++;
        lx->line_start = lx->p;
        return t;
    }
    if (lex_string_prefix(lx->p) >= 0) return lex_string(lx, t, e);
    if (is_ident_start(c)) {
        const char *q = lx->p;
        while (is_ident_char((unsigned char)*q))
            q++;
        t.kind = T_IDENT;
        t.len = (int)(q - lx->p);
        t.span.end = t.span.col + t.len;
        lx->p = q;
        return t;
    }
    if (isdigit(c) || (c == '.' && isdigit((unsigned char)lx->p[1]))) return lex_number(lx, t, e);

    int len;
    const char *msg;
    TokKind k = lex_op(lx->p, &len, &msg);
    if (k == T_ERROR) {
        char buf[128];
        if (!msg) {
            int n = c >= 0x80 ? utf8_len((const unsigned char *)lx->p) : 1;
            if (c == LEX_NUL_MARK) /* the line sources' stand-in for a NUL byte */
                snprintf(buf, sizeof buf, "a NUL byte in the input (nnsh reads text, not binary)");
            else if (n > 1)
                snprintf(buf, sizeof buf, "unknown character '%.*s'", n, lx->p);
            else if (isprint(c))
                snprintf(buf, sizeof buf, "unknown character '%c'", c);
            else
                snprintf(buf, sizeof buf, "unknown character '\\x%02x'", c);
            len = n;
            msg = buf;
        }
        t.span.end = t.span.col + len;
        lx->p += len;
        return error_tok(t, lx->p, e, ERR_SYNTAX, msg);
    }
    if (k == T_LPAREN || k == T_LBRACKET || k == T_LBRACE) lx->depth++;
    if ((k == T_RPAREN || k == T_RBRACKET || k == T_RBRACE) && lx->depth > 0) lx->depth--;
    t.kind = k;
    t.len = len;
    t.span.end = t.span.col + len;
    lx->p += len;
    return t;
}
