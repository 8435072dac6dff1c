/* test_lex.c - the lexer: token kinds, spans, numbers, strings, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "lex.h"

/* Lex all of src into toks (up to max, EOF included); returns the count. */
static int lex_all(const char *src, Token *toks, int max, Err *e) {
    Lexer lx;
    lex_init(&lx, src);
    err_clear(e);
    int n = 0;
    while (n < max) {
        toks[n] = lex_next(&lx, e);
        if (toks[n++].kind == T_EOF || toks[n - 1].kind == T_ERROR) break;
    }
    return n;
}

static void expect_kinds(const char *src, const TokKind *want, int nwant) {
    Token t[64];
    Err e;
    int n = lex_all(src, t, 64, &e);
    assert_int_equal(e.kind, ERR_NONE);
    assert_int_equal(n, nwant);
    for (int i = 0; i < n; i++) {
        if (t[i].kind != want[i])
            fail_msg("%s: token %d is %s, want %s", src, i, lex_tok_name(t[i].kind),
                     lex_tok_name(want[i]));
    }
}

static void test_operators(void **state) {
    (void)state;
    const TokKind want[] = {T_LPAREN, T_RPAREN,  T_LBRACKET, T_RBRACKET, T_LBRACE,  T_RBRACE,
                            T_COMMA,  T_COLON,   T_SEMI,     T_DOT,      T_ASSIGN,  T_PLUS,
                            T_MINUS,  T_STAR,    T_SLASH,    T_DSLASH,   T_PERCENT, T_DSTAR,
                            T_AT,     T_LT,      T_LE,       T_GT,       T_GE,      T_EQ,
                            T_NE,     T_AMP,     T_PIPE,     T_TILDE,    T_PLUSEQ,  T_MINUSEQ,
                            T_STAREQ, T_SLASHEQ, T_ELLIPSIS, T_EOF};
    expect_kinds("( ) [ ] { } , : ; . = + - * / // % ** @ < <= > >= == != & | ~ += -= *= /= ...",
                 want, (int)(sizeof want / sizeof want[0]));
    /* no spaces: longest match */
    const TokKind want2[] = {T_IDENT, T_DSTAR, T_MINUS, T_NUMBER, T_DSLASH, T_IDENT,
                             T_LE,    T_IDENT, T_EQ,    T_IDENT,  T_EOF};
    expect_kinds("a**-2//b<=c==d", want2, (int)(sizeof want2 / sizeof want2[0]));
}

static void test_spans_and_space(void **state) {
    (void)state;
    Token t[16];
    Err e;
    int n = lex_all("A1 = np.dot(X,W1)", t, 16, &e);
    assert_int_equal(n, 11);
    assert_int_equal(t[10].kind, T_EOF);
    assert_int_equal(t[10].span.col, 17);
    struct {
        TokKind k;
        int col, end;
        bool space;
    } want[] = {
        {T_IDENT, 0, 2, false},    {T_ASSIGN, 3, 4, true},   {T_IDENT, 5, 7, true},
        {T_DOT, 7, 8, false},      {T_IDENT, 8, 11, false},  {T_LPAREN, 11, 12, false},
        {T_IDENT, 12, 13, false},  {T_COMMA, 13, 14, false}, {T_IDENT, 14, 16, false},
        {T_RPAREN, 16, 17, false},
    };
    for (int i = 0; i < 10; i++) {
        assert_int_equal(t[i].kind, want[i].k);
        assert_int_equal(t[i].span.line, 1);
        assert_int_equal(t[i].span.col, want[i].col);
        assert_int_equal(t[i].span.end, want[i].end);
        assert_int_equal(t[i].space_before, want[i].space);
        assert_int_equal(t[i].len, want[i].end - want[i].col);
    }
    assert_memory_equal(t[4].start, "dot", 3);
}

static void test_lines_and_comments(void **state) {
    (void)state;
    Token t[16];
    Err e;
    /* a comment runs to the end of its line; the newline is a token */
    int n = lex_all("x = 1  # set x\n  y", t, 16, &e);
    assert_int_equal(n, 6);
    assert_int_equal(t[3].kind, T_NEWLINE);
    assert_int_equal(t[3].span.line, 1);
    assert_int_equal(t[3].span.col, 14);
    assert_int_equal(t[4].kind, T_IDENT);
    assert_int_equal(t[4].span.line, 2);
    assert_int_equal(t[4].span.col, 2);
    /* inside brackets newlines are white space */
    n = lex_all("f(a,\n  b)\nc", t, 16, &e);
    const TokKind want[] = {T_IDENT,  T_LPAREN,  T_IDENT, T_COMMA, T_IDENT,
                            T_RPAREN, T_NEWLINE, T_IDENT, T_EOF};
    assert_int_equal(n, 9);
    for (int i = 0; i < n; i++)
        assert_int_equal(t[i].kind, want[i]);
    assert_int_equal(t[4].span.line, 2);
    assert_int_equal(t[4].span.col, 2);
    assert_true(t[4].space_before);
    assert_int_equal(t[7].span.line, 3);
    /* a backslash at the end of a line joins the next one */
    n = lex_all("a + \\\n b", t, 16, &e);
    assert_int_equal(n, 4);
    assert_int_equal(t[2].kind, T_IDENT);
    assert_int_equal(t[2].span.line, 2);
    assert_int_equal(t[2].span.col, 1);
}

static void test_numbers(void **state) {
    (void)state;
    struct {
        const char *src;
        double v;
        bool is_int;
    } cases[] = {
        {"1", 1, true},
        {"1.0", 1.0, false},
        {".5", 0.5, false},
        {"1e-3", 1e-3, false},
        {"1_000", 1000, true},
        {"2.", 2.0, false},
        {"1E5", 1e5, false},
        {"3.25e+2", 325, false},
        {"0x1f", 31, true},
        {"0o17", 15, true},
        {"0b101", 5, true},
        {"0", 0, true},
        {"1_0.0_1", 10.01, false},
        {"007", 7, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Token t[4];
        Err e;
        int n = lex_all(cases[i].src, t, 4, &e);
        if (e.kind != ERR_NONE) fail_msg("%s: %s", cases[i].src, e.msg);
        assert_int_equal(n, 2);
        assert_int_equal(t[0].kind, T_NUMBER);
        assert_true(t[0].num == cases[i].v);
        assert_int_equal(t[0].is_int, cases[i].is_int);
        assert_int_equal(t[0].len, (int)strlen(cases[i].src));
    }
}

static void test_bad_numbers(void **state) {
    (void)state;
    const char *bad[] = {"1.2.3", "12abc", "1e", "1e5.0", "1_", "1__0", "0x", "0b2", "1..2", "3.T"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Token t[4];
        Err e;
        char src[32], msg[64];
        snprintf(src, sizeof src, "x = %s", bad[i]);
        int n = lex_all(src, t, 4, &e);
        assert_int_equal(t[n - 1].kind, T_ERROR);
        assert_int_equal(e.kind, ERR_SYNTAX);
        snprintf(msg, sizeof msg, "bad number '%s'", bad[i]);
        assert_string_equal(e.msg, msg);
        assert_int_equal(e.span.col, 4);
        assert_int_equal(e.span.end, 4 + (int)strlen(bad[i]));
    }
}

static void test_strings(void **state) {
    (void)state;
    Token t[8];
    Err e;
    int n = lex_all("s = 'it\\'s' + \"q\" + r'a\\b'", t, 8, &e);
    assert_int_equal(e.kind, ERR_NONE);
    assert_int_equal(n, 8);
    assert_int_equal(t[2].kind, T_STRING);
    assert_int_equal(t[2].len, 7); /* quotes and escape kept */
    assert_int_equal(t[4].kind, T_STRING);
    assert_int_equal(t[4].span.col, 14);
    assert_int_equal(t[6].kind, T_STRING);
    assert_int_equal(t[6].len, 6);
    /* a triple-quoted string spans lines; its span ends its first line */
    n = lex_all("x = '''ab\ncd''' y", t, 8, &e);
    assert_int_equal(e.kind, ERR_NONE);
    assert_int_equal(t[2].kind, T_STRING);
    assert_int_equal(t[2].span.line, 1);
    assert_int_equal(t[2].span.col, 4);
    assert_int_equal(t[2].span.end, 9);
    assert_int_equal(t[3].kind, T_IDENT);
    assert_int_equal(t[3].span.line, 2);
    assert_int_equal(t[3].span.col, 6);
}

static void test_string_errors(void **state) {
    (void)state;
    Token t[8];
    Err e;
    lex_all("load 'abc", t, 8, &e);
    assert_int_equal(e.kind, ERR_SYNTAX);
    assert_string_equal(e.msg, "unterminated string: close it with the quote it started with");
    assert_int_equal(e.span.col, 5);
    lex_all("s = \"\"\"abc\n", t, 8, &e);
    assert_int_equal(e.kind, ERR_INCOMPLETE);
    assert_string_equal(e.msg, "unterminated triple-quoted string");
    lex_all("s = 'abc\nx'", t, 8, &e);
    assert_int_equal(e.kind, ERR_SYNTAX);
    assert_int_equal(e.span.col, 4);
    assert_int_equal(e.span.end, 8);
    assert_non_null(strstr(e.msg, "unterminated string"));
    lex_all("x = 1 + \\", t, 8, &e);
    assert_int_equal(e.kind, ERR_INCOMPLETE);
}

static void test_bad_characters(void **state) {
    (void)state;
    struct {
        const char *src;
        const char *msg;
        int col;
    } cases[] = {
        {"x = $", "unknown character '$'", 4},
        {"a ? b", "unknown character '?'", 2},
        {"x = \x01", "unknown character '\\x01'", 4},
        {"x = \xce\xbb", "unknown character '\xce\xbb'", 4},
        {"x = \xff", "unknown character '\\xff'", 4},
        {"x ^ 2", "'^' (exclusive or) is not supported; for a power write x ** y", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Token t[8];
        Err e;
        int n = lex_all(cases[i].src, t, 8, &e);
        assert_int_equal(t[n - 1].kind, T_ERROR);
        assert_int_equal(e.kind, ERR_SYNTAX);
        assert_string_equal(e.msg, cases[i].msg);
        assert_int_equal(e.span.col, cases[i].col);
    }
    /* the lexer moves on after an error */
    Lexer lx;
    Err e;
    lex_init(&lx, "$ x");
    assert_int_equal(lex_next(&lx, &e).kind, T_ERROR);
    assert_int_equal(lex_next(&lx, &e).kind, T_IDENT);
    assert_int_equal(lex_next(&lx, &e).kind, T_EOF);
    assert_int_equal(lex_next(&lx, &e).kind, T_EOF);
}

static void test_depth(void **state) {
    (void)state;
    Lexer lx;
    Err e;
    lex_init(&lx, "([{x}])\n)");
    int depths[] = {1, 2, 3, 3, 2, 1, 0};
    for (int i = 0; i < 7; i++) {
        lex_next(&lx, &e);
        assert_int_equal(lx.depth, depths[i]);
    }
    assert_int_equal(lex_next(&lx, &e).kind, T_NEWLINE);
    assert_int_equal(lex_next(&lx, &e).kind, T_RPAREN);
    assert_int_equal(lx.depth, 0); /* never below zero */
    assert_string_equal(lex_tok_name(T_RPAREN), "')'");
    assert_string_equal(lex_tok_name(T_NUMBER), "number");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_spans_and_space),
        cmocka_unit_test(test_lines_and_comments),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_bad_numbers),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_string_errors),
        cmocka_unit_test(test_bad_characters),
        cmocka_unit_test(test_depth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
