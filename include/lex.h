/* lex.h - the lexer: source text to tokens with spans.
 *
 * All lexer state lives in one Lexer struct passed first to every function.
 * The lexer never allocates for identifiers or numbers: tokens point into the
 * source, which must outlive them.
 */
#ifndef NNSH_LEX_H
#define NNSH_LEX_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

/* LEX_NUL_MARK: C strings cannot hold a NUL byte, so the line sources (repl.c)
 * put this byte (ASCII SUB, 0x1A) where the input had one; the lexer reports
 * it as "a NUL byte in the input" with a caret, instead of the rest of the
 * line being dropped silently. */
#define LEX_NUL_MARK 0x1A

typedef enum TokKind {
    T_EOF = 0,
    T_NEWLINE,
    T_IDENT,
    T_NUMBER,
    T_STRING,
    T_LPAREN,
    T_RPAREN,
    T_LBRACKET,
    T_RBRACKET,
    T_LBRACE,
    T_RBRACE,
    T_COMMA,
    T_COLON,
    T_SEMI,
    T_DOT,
    T_ASSIGN,
    T_PLUS,
    T_MINUS,
    T_STAR,
    T_SLASH,
    T_DSLASH,
    T_PERCENT,
    T_DSTAR,
    T_AT,
    T_LT,
    T_LE,
    T_GT,
    T_GE,
    T_EQ,
    T_NE,
    T_AMP,
    T_PIPE,
    T_TILDE,
    T_PLUSEQ,
    T_MINUSEQ,
    T_STAREQ,
    T_SLASHEQ,
    T_DSTAREQ,   /* **= */
    T_DSLASHEQ,  /* //= */
    T_PERCENTEQ, /* %= */
    T_ELLIPSIS,  /* ... */
    T_ERROR
} TokKind;

/* A token points into the source. T_STRING keeps its quotes and prefix (r
 * for raw, f for an f-string): the parser decodes the escapes. A token that runs
 * over several lines (a triple-quoted string) has a span that ends at the end
 * of its first line. */
typedef struct Token {
    TokKind kind;
    const char *start; /* into the source */
    int len;
    Span span;
    bool space_before; /* white space separates it from the previous token */
    double num;        /* T_NUMBER */
    bool is_int;       /* T_NUMBER written without '.', 'e' */
    uint64_t inum;     /* is_int: the exact value (never through a double) */
    bool ibig;         /* is_int: the value is beyond uint64_t (inum is 0) */
} Token;

typedef struct Lexer {
    const char *src;
    const char *p;
    int line;
    const char *line_start;
    int depth; /* open ( [ { : newlines inside are white space */
} Lexer;

/* lex_init: start lexing `src` (NUL-terminated) at line 1. The caller may
 * set lx->line afterwards to number lines from elsewhere. */
void lex_init(Lexer *lx, const char *src);
/* lex_next: the next token. Newlines inside brackets are skipped, and so is a
 * backslash at the end of a line; `#` comments run to the end of the line.
 * Returns T_ERROR with `e` set (span = the bad text) for a bad character,
 * bad number or a single-quoted string cut by a newline (ERR_SYNTAX), and
 * for a string or a trailing backslash cut by the end of the input
 * (ERR_INCOMPLETE). At the end it returns T_EOF, again on every call; after
 * T_ERROR it moves past the bad text, so calling on is safe. Numbers: 1,
 * 1.0, .5, 1e-3, 1_000, 0x1f, 0o17, 0b101 (is_int for those without '.' or
 * an exponent). */
Token lex_next(Lexer *lx, Err *e);
/* lex_string_prefix: the length of a string prefix at p (r, f, rf or fr,
 * either case) that a quote follows; 0 at a quote; -1 when no string
 * starts at p. */
int lex_string_prefix(const char *p);
/* lex_tok_name: a printable name for a kind, e.g. "')'" or "number"
 * (static storage, never NULL). */
const char *lex_tok_name(TokKind k);

#endif
