/* lex.h - the lexer: source text to tokens with spans.
 *
 * All lexer state lives in one Lexer struct passed first to every function.
 * The lexer never allocates for identifiers or numbers: tokens point into the
 * source, which must outlive them.
 */
#ifndef NNSH_LEX_H
#define NNSH_LEX_H

#include <stdbool.h>

#include "err.h"

typedef enum TokKind {
    T_EOF = 0, T_NEWLINE, T_IDENT, T_NUMBER, T_STRING,
    T_LPAREN, T_RPAREN, T_LBRACKET, T_RBRACKET, T_LBRACE, T_RBRACE,
    T_COMMA, T_COLON, T_SEMI, T_DOT, T_ASSIGN,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_DSLASH, T_PERCENT, T_DSTAR, T_AT,
    T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE, T_AMP, T_PIPE, T_TILDE,
    T_PLUSEQ, T_MINUSEQ, T_STAREQ, T_SLASHEQ,
    T_ERROR
} TokKind;

typedef struct Token {
    TokKind kind;
    const char *start;  /* into the source */
    int len;
    Span span;
    bool space_before;  /* white space separates it from the previous token */
    double num;         /* T_NUMBER */
    bool is_int;        /* T_NUMBER written without '.', 'e' */
} Token;

typedef struct Lexer {
    const char *src;
    const char *p;
    int line;
    const char *line_start;
    int depth;          /* open ( [ { : newlines inside are white space */
} Lexer;

/* lex_init: start lexing `src` (NUL-terminated) at line 1. */
void lex_init(Lexer *lx, const char *src);
/* lex_next: the next token. Newlines inside brackets are skipped; `#`
 * comments run to the end of the line. Returns T_ERROR with `e` set for a bad
 * character or bad number, and sets ERR_INCOMPLETE for an unterminated
 * string. */
Token lex_next(Lexer *lx, Err *e);
/* lex_tok_name: a printable name for a kind, e.g. "')'" or "number". */
const char *lex_tok_name(TokKind k);

#endif
