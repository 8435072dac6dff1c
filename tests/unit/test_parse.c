/* test_parse.c - the parser, through ast_dump() S-expressions: both syntax
 * forms, precedence, command binding, slices, unpacking, raw commands,
 * spans and texts, errors (kind, message, column), incomplete input, and a
 * fuzz-style loop over prefixes and seeded random bytes (run it under ASan
 * to catch crashes and leaks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "parse.h"

/* --- helpers ------------------------------------------------------------- */

static void free_prog(Node **v, int n) {
    for (int i = 0; i < n; i++)
        node_free(v[i]);
    free(v);
}

/* Parse src and dump every statement, joined by " | ", into buf; on a parse
 * error writes "ERR <msg>". */
static void dump_prog(const char *src, char *buf, size_t size) {
    Node **v;
    Err e;
    int n = parse_program(src, 1, &v, &e);
    if (n < 0) {
        snprintf(buf, size, "ERR %s", e.msg);
        return;
    }
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        char *d = ast_dump(v[i]);
        assert_non_null(d);
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " | " : "", d);
        free(d);
        if (len >= size) len = size - 1;
    }
    free_prog(v, n);
}

typedef struct Case {
    const char *src;
    const char *want;
} Case;

/* --- good input ---------------------------------------------------------- */

static const Case kGood[] = {
    /* the book's lines, pasted as they are */
    {"X = np.array([1.0, 0.5])", "(= X (call (. np array) (list 1.0 0.5)))"},
    {"A1 = np.dot(X, W1) + B1", "(= A1 (+ (call (. np dot) X W1) B1))"},
    {"Z1 = sigmoid(A1)", "(= Z1 (call sigmoid A1))"},
    {"print(W1.shape)", "(call print (. W1 shape))"},
    {"y = X @ W1", "(= y (@ X W1))"},
    {"p = np.argmax(y_batch, axis=1)", "(= p (call (. np argmax) y_batch (kw axis 1)))"},
    {"x_batch = x[i:i+batch_size]", "(= x_batch (index x (slice i (+ i batch_size) _)))"},
    {"x[:, 0]", "(index x (slice _ _ _) 0)"},
    {"x[-1]", "(index x -1)"},
    {"x[..., None]", "(index x ... None)"},
    {"(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True)",
     "(= (tuple x_train t_train) (tuple x_test t_test) (call load_mnist (kw normalize True)))"},
    {"network['W1']", "(index network 'W1')"},
    {"a, b = f(x)", "(= a b (call f x))"},
    {"accuracy_cnt += 1", "(+= accuracy_cnt 1)"},
    {"x **= 2", "(**= x 2)"},
    {"n //= 7", "(//= n 7)"},
    {"i %= 3", "(%= i 3)"},
    {"import numpy as np", "(import numpy)"},
    {"from dataset.mnist import load_mnist", "(import dataset.mnist)"},
    {"import pickle", "(import pickle)"},
    {"from common.functions import (sigmoid, softmax as sm,)", "(import common.functions)"},
    {"y = np.exp(a - c) / np.sum(np.exp(a - c))",
     "(= y (/ (call (. np exp) (- a c)) (call (. np sum) (call (. np exp) (- a c)))))"},
    {"np.sum(y == t) / len(t)", "(/ (call (. np sum) (== y t)) (call len t))"},
    {"y = x > 0", "(= y (> x 0))"},
    {"y.astype(np.int64)", "(call (. y astype) (. np int64))"},
    {"np.maximum(0, x)", "(call (. np maximum) 0 x)"},
    {"W1 = network['W1']; b1 = network['b1']",
     "(= W1 (index network 'W1')) | (= b1 (index network 'b1'))"},
    {"x = np.arange(-5.0, 5.0, 0.1)", "(= x (call (. np arange) -5.0 5.0 0.1))"},
    /* literals */
    {"True; False; None", "True | False | None"},
    {"1; 1.0; .5; 1e-3; 1_000; 0x10", "1 | 1.0 | 0.5 | 0.001 | 1000 | 16"},
    {"'it\\'s' + \"a\\tb\\n\"", "(+ 'it\\'s' 'a\\tb\\n')"},
    {"'a' 'b' \"c\"", "'abc'"},
    {"r'C:\\data'", "'C:\\\\data'"},
    {"'''two\nlines'''", "'two\\nlines'"},
    {"[]; (); {}", "(list) | (tuple) | (dict)"},
    {"[[1, 2], [3, 4],]", "(list (list 1 2) (list 3 4))"},
    {"(a,)", "(tuple a)"},
    {"(a, b, c)", "(tuple a b c)"},
    {"(a)", "a"},
    {"{'a': 1, 'b': [2]}", "(dict 'a' 1 'b' (list 2))"},
    /* precedence */
    {"1 + 2 * 3", "(+ 1 (* 2 3))"},
    {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
    {"a - b - c", "(- (- a b) c)"},
    {"-x**2", "(neg (** x 2))"},
    {"2**-1", "(** 2 -1)"},
    {"9007199254740993", "9007199254740993"}, /* exact, not through a double */
    {"-9223372036854775808", "-9223372036854775808"},
    {"0xFFFFFFFFFFFFFFFF", "18446744073709551615"},
    {"2**3**2", "(** 2 (** 3 2))"},
    {"-2**2", "(neg (** 2 2))"},
    {"a // b % c * d", "(* (% (// a b) c) d)"},
    {"a @ b + c", "(+ (@ a b) c)"},
    {"x < y + 1", "(< x (+ y 1))"},
    {"a | b & c < d + e * f ** g", "(| a (& b (< c (+ d (* e (** f g))))))"},
    {"x > 0 & x < 1", "(& (> x 0) (< x 1))"},
    {"a and b or not c", "(or (and a b) (lnot c))"},
    {"not a == b", "(lnot (== a b))"},
    {"~x + 1", "(+ (not x) 1)"},
    {"- -x", "(neg (neg x))"},
    {"+x", "x"},
    {"-(1)", "-1"},
    {"a != b", "(!= a b)"},
    {"a >= b <= c", "(and (>= a b) (<= b c))"},
    {"a in b", "(in a b)"},
    {"a not in b", "(not-in a b)"},
    {"a is not None", "(is-not a None)"},
    {"a < b < c < d", "(and (and (< a b) (< b c)) (< c d))"},
    /* postfix */
    {"x.T.shape[0]", "(index (. (. x T) shape) 0)"},
    {"f()()", "(call (call f))"},
    {"f(x, axis=1, keepdims=True,)", "(call f x (kw axis 1) (kw keepdims True))"},
    {"np.random.randn(2, 3)", "(call (. (. np random) randn) 2 3)"},
    {"f (x)", "(call f x)"},
    {"x[::2]", "(index x (slice _ _ 2))"},
    {"x[1:]", "(index x (slice 1 _ _))"},
    {"x[:]", "(index x (slice _ _ _))"},
    {"x[::-1]", "(index x (slice _ _ -1))"},
    {"x[1:2:3, :, None]", "(index x (slice 1 2 3) (slice _ _ _) None)"},
    {"x[np.newaxis, :]", "(index x (. np newaxis) (slice _ _ _))"},
    {"x[(0, 1)]", "(index x (tuple 0 1))"},
    /* shell-style options in command form become keyword arguments */
    {"show x_test[0] --png seven.png", "(cmd show (index x_test 0) (kw png 'seven.png'))"},
    {"show x --png \"a b.png\"", "(cmd show x (kw png 'a b.png'))"},
    {"show x --png=./out/x.png; y", "(cmd show x (kw png './out/x.png')) | y"},
    {"show x --big", "(cmd show x (kw big True))"},
    {"x = 3 --png", "(= x (- 3 (neg png)))"},
    /* statements */
    {"x = 1;", "(= x 1);"},
    {"x; y\nz  # comment\n# only a comment\n\nw;", "x | y | z | w;"},
    {"x = 1;\ny = 2; z = 3;", "(= x 1); | (= y 2) | (= z 3);"},
    {"a, = f()", "(= (tuple a) (call f))"},
    {"(a, b) = 1, 2", "(= (tuple a b) (tuple 1 2))"},
    {"[a, b] = t", "(= (tuple a b) t)"},
    {"a, (b, c) = t", "(= a (tuple b c) t)"},
    {"x[0] = 1", "(= (index x 0) 1)"},
    {"x[i, 1:] -= y", "(-= (index x i (slice 1 _ _)) y)"},
    {"w *= 2; w /= 3", "(*= w 2) | (/= w 3)"},
    {"t = 1, 2", "(= t (tuple 1 2))"},
    {"x = 1 \\\n + 2", "(= x (+ 1 2))"},
    {"a = np.array([[1, 2],\n               [3, 4]])",
     "(= a (call (. np array) (list (list 1 2) (list 3 4))))"},
    /* command form */
    {"dot X W1", "(cmd dot X W1)"},
    {"sigmoid A1", "(cmd sigmoid A1)"},
    {"dot X W1 + B1", "(+ (cmd dot X W1) B1)"},
    {"A1 = dot X W1 + B1", "(= A1 (+ (cmd dot X W1) B1))"},
    {"sigmoid dot X W1", "(cmd sigmoid dot X W1)"},
    {"sigmoid (dot X W1)", "(call sigmoid (cmd dot X W1))"},
    {"help dot", "(cmd help dot)"},
    {"help np.dot", "(cmd help (. np dot))"},
    {"trace on", "(cmd trace on)"},
    {"load \"sample_weight.pkl\"", "(cmd load 'sample_weight.pkl')"},
    {"evaluate batch=100", "(cmd evaluate (kw batch 100))"},
    {"evaluate batch=-1", "(cmd evaluate (kw batch -1))"},
    {"evaluate batch=100 test", "(cmd evaluate (kw batch 100) test)"},
    {"show x_test[0]", "(cmd show (index x_test 0))"},
    {"show x_test [0]", "(cmd show x_test (list 0))"},
    {"net act 3 softmax", "(cmd net act 3 softmax)"},
    {"save W1 \"w1.npy\"", "(cmd save W1 'w1.npy')"},
    {"save W1 'a' 'b'", "(cmd save W1 'a' 'b')"},
    {"show W1.T", "(cmd show (. W1 T))"},
    {"dot X np.ones(3)", "(cmd dot X (call (. np ones) 3))"},
    {"dot X (W1 + B1)", "(cmd dot X (+ W1 B1))"},
    {"dot X -1", "(cmd dot X -1)"},
    {"dot X - 1", "(- (cmd dot X) 1)"},
    {"plot sigmoid -5 5", "(cmd plot sigmoid -5 5)"},
    {"plot sigmoid -0.5 .5", "(cmd plot sigmoid -0.5 0.5)"},
    {"surface --out 0", "(cmd surface (kw out '0'))"},
    {"x [0]", "(cmd x (list 0))"},
    {"a -1", "(- a 1)"},
    {"show True", "(cmd show True)"},
    {"f(dot X W1, 2)", "(call f (cmd dot X W1) 2)"},
    {"[sigmoid x, 1]", "(list (cmd sigmoid x) 1)"},
    {"y = 2 * dot X W1", "(= y (* 2 (cmd dot X W1)))"},
    {"x if", "ERR expected an expression after keyword 'if'"},
    {"y = 1 if c else 2", "(= y (ifexp 1 c 2))"},
    {"[x * 2 for x in y]", "(listcomp (* x 2) x y)"},
    {"f'a{x}b'", "(fstr 'a' (field x) 'b')"},
    {"f'{x!r:>8.3f}{{}}'", "(fstr (field x !r '>8.3f') '{}')"},
    {"f'{d[\"k\"][1:2]:}'", "(fstr (field (index (index d 'k') (slice 1 2 _)) ''))"},
    {"'a' f'{x}' r'\\n'", "(fstr 'a' (field x) '\\\\n')"},
    {"f'{x=}'", "(fstr 'x=' (field x !r))"},
    {"[a for a, b in p if a > b]", "(listcomp a (tuple a b) p (> a b))"},
    {"[a if c else b for a in p]", "(listcomp (ifexp a c b) a p)"},
    {"f = lambda x, n=2: x ** n", "(= f (lambda  x (kw n 2) (** x n)))"},
    {"def f(x):\n    return x", "(def f x (block (return x)))"},
    {"for i in range(3):\n  s += i\n  print(s)",
     "(for i (call range 3) (block (+= s i) (call print s)))"},
    {"if a: b = 1\nelif c: b = 2\nelse: b = 3",
     "(if a (block (= b 1)) (if c (block (= b 2)) (block (= b 3))))"},
    {"help", "help"},
    /* raw commands */
    {"step A1 = np.dot(X, W1) + B1", "(step (= A1 (+ (call (. np dot) X W1) B1)))"},
    {"shapes y = np.dot(x, W1)", "(shapes (= y (call (. np dot) x W1)))"},
    {"explain np.dot(X, W1) + B1", "(explain (+ (call (. np dot) X W1) B1))"},
    {"step forward", "(step forward)"},
    {"explain (W1)", "(explain W1)"},
    {"step A = B;", "(step (= A B));"},
    {"step = 3", "(= step 3)"},
    {"step - 1", "(- step 1)"},
    {"step(x)", "(call step x)"},
};

static void test_good(void **state) {
    (void)state;
    char got[1024];
    int bad = 0;
    for (size_t i = 0; i < sizeof kGood / sizeof kGood[0]; i++) {
        dump_prog(kGood[i].src, got, sizeof got);
        if (strcmp(got, kGood[i].want) != 0) {
            print_error("input: %s\n  got:  %s\n  want: %s\n", kGood[i].src, got, kGood[i].want);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* --- errors -------------------------------------------------------------- */

typedef struct BadCase {
    const char *src;
    ErrKind kind;
    const char *msg;
    int col; /* 0-based, as in Span */
} BadCase;

static const BadCase kBad[] = {
    {"print(W1.shape]", ERR_SYNTAX, "expected ')' to close '(' at column 6", 14},
    {"f(x))", ERR_SYNTAX, "unexpected ')'", 4},
    {")", ERR_SYNTAX, "unexpected ')'", 0},
    {"x = 1.2.3", ERR_SYNTAX, "bad number '1.2.3'", 4},
    {"x = $", ERR_SYNTAX, "unknown character '$'", 4},
    {"f(1 2)", ERR_SYNTAX, "expected ',' or ')' to close '(' at column 2", 4},
    {"x = [1, 2)", ERR_SYNTAX, "expected ']' to close '[' at column 5", 9},
    {"x = {1: 2]", ERR_SYNTAX, "expected '}' to close '{' at column 5", 9},
    {"f(a,\n  b]", ERR_SYNTAX, "expected ')' to close '(' at line 1, column 2", 3},
    {"x = 1 +", ERR_SYNTAX, "expected an expression after '+'", 7},
    {"x =", ERR_SYNTAX, "expected an expression after '='", 3},
    {"x = ;", ERR_SYNTAX, "expected an expression after '='", 4},
    {"x = * 2", ERR_SYNTAX, "unexpected '*'", 4},
    {"f(x) = 1", ERR_SYNTAX, "cannot assign to a function call 'f(x)'", 0},
    {"a + b = 1", ERR_SYNTAX, "cannot assign to the expression 'a + b' (to compare, use '==')", 0},
    {"1 = x", ERR_SYNTAX, "cannot assign to a literal '1'", 0},
    {"a, f(x) = t", ERR_SYNTAX, "cannot assign to a function call 'f(x)'", 3},
    {"a.b = 1", ERR_SYNTAX, "cannot assign to an attribute 'a.b'", 0},
    {"x = y = 1", ERR_SYNTAX, "chained assignment is not supported: one target at a time", 6},
    {"a, b += 1", ERR_SYNTAX, "'+=' needs one name or indexed item on its left, not 'a, b'", 0},
    {"for i in range(3):", ERR_SYNTAX, "expected an indented block after 'for' on line 1", 18},
    {"def f(x):\nreturn x", ERR_SYNTAX, "expected an indented block after 'def' on line 1", 0},
    {"if x:\n  a = 1\n    b = 2", ERR_SYNTAX,
     "unexpected indent: this line is indented more than the lines above it", 4},
    {"return 1", ERR_SYNTAX, "'return' outside a function", 0},
    {"break", ERR_SYNTAX, "'break' outside a loop", 0},
    {"class C: pass", ERR_SYNTAX, "Python's 'class' is not supported in nnsh", 0},
    {"def f(*a): pass", ERR_SYNTAX, "star-arguments (*args, **kwargs) are not supported in nnsh",
     6},
    {"else: x = 1", ERR_SYNTAX, "'else' without an 'if' above it at the same indent", 0},
    {"x = 12abc", ERR_SYNTAX, "bad number '12abc'", 4},
    {"x = 1e", ERR_SYNTAX, "bad number '1e'", 4},
    {"x[]", ERR_SYNTAX, "empty index: put an index or a slice between '[' and ']'", 2},
    {"x.", ERR_SYNTAX, "expected a name after '.', found end of input", 2},
    {"x.(", ERR_SYNTAX, "expected a name after '.', found '('", 2},
    {"x.1", ERR_SYNTAX, "unexpected number .1", 1},
    {"f(a=1, 2)", ERR_SYNTAX, "positional argument '2' after keyword argument 'a'", 7},
    {"f(a=1, a=2)", ERR_SYNTAX, "keyword argument 'a' given twice", 7},
    {"{1, 2}", ERR_SYNTAX, "expected ':' after a dictionary key (sets are not supported)", 2},
    {"x ^ 2", ERR_SYNTAX, "'^' (exclusive or) is not supported; for a power write x ** y", 2},
    {"x @= W", ERR_SYNTAX, "'@=' is not supported; write x = x @ y", 2},
    {"[x for x in y for z in x]", ERR_SYNTAX,
     "nnsh's comprehensions take one 'for' and one 'if': write nested for loops instead", 14},
    {"[x, y for x in y]", ERR_SYNTAX,
     "a comprehension starts with one expression: [x * 2 for x in xs]", 6},
    {"x = 'ab\nc'", ERR_SYNTAX,
     "unterminated string: it must close on the line it starts on (use ''' for text over "
     "several lines)",
     4},
    {"import", ERR_SYNTAX, "expected a module name, found end of input", 6},
    {"from x", ERR_SYNTAX, "expected 'import', found end of input", 6},
    {"True = 1", ERR_SYNTAX, "cannot assign to a literal 'True'", 0},
    {"np.dot X W1", ERR_SYNTAX,
     "unexpected name 'X': a command starts with a plain name; write np.dot(...)", 7},
    {"f(*a)", ERR_SYNTAX, "unexpected '*'", 2},
    {"x = 1 2", ERR_SYNTAX, "unexpected number 2", 6},
    {"x = a and", ERR_SYNTAX, "expected an expression after keyword 'and'", 9},
    {"yield x", ERR_SYNTAX, "Python's 'yield' is not supported in nnsh", 0},
    {"y = x ! 1", ERR_SYNTAX,
     "unknown character '!' (write 'not x' or '~x' for not, '!=' for not equal)", 6},
    {"ok = 1\nx = (1))", ERR_SYNTAX, "unexpected ')'", 7},
    {"evaluate batch=", ERR_SYNTAX, "expected an expression after '='", 15},
    {"evaluate a=1 a=2", ERR_SYNTAX, "keyword argument 'a' given twice", 13},
};

static void test_bad(void **state) {
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof kBad / sizeof kBad[0]; i++) {
        const BadCase *c = &kBad[i];
        Node **v = (Node **)1;
        Err e;
        int n = parse_program(c->src, 1, &v, &e);
        if (n != -1 || e.kind != c->kind || strcmp(e.msg, c->msg) != 0 || e.span.col != c->col) {
            print_error("input: %s\n  got:  %d %s '%s' col %d\n  want: %s '%s' col %d\n", c->src, n,
                        err_kind_name(e.kind), e.msg, e.span.col, err_kind_name(c->kind), c->msg,
                        c->col);
            bad++;
        }
        if (n >= 0)
            free_prog(v, n);
        else
            assert_null(v);
    }
    assert_int_equal(bad, 0);
}

/* Input that ends inside brackets or a string asks for more. */
static void test_incomplete(void **state) {
    (void)state;
    const char *cases[] = {
        "x = (1 +",
        "x = [1,",
        "f(x, y",
        "f(x,\n",
        "s = '''abc\ndef",
        "x = 1 + \\",
        "a = np.array([[1, 2],\n",
        "d = {'a':",
        "from m import (a,",
        "x[1:",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Node **v;
        Err e;
        int n = parse_program(cases[i], 1, &v, &e);
        if (n != -1 || e.kind != ERR_INCOMPLETE)
            fail_msg("%s: got %d %s '%s'", cases[i], n, err_kind_name(e.kind), e.msg);
    }
    /* the open bracket is named and pointed at */
    Node **v;
    Err e;
    assert_int_equal(parse_program("y = f(a,\n  [1, 2", 1, &v, &e), -1);
    assert_int_equal(e.kind, ERR_INCOMPLETE);
    assert_string_equal(e.msg, "'[' at line 2, column 3 is not closed");
    assert_int_equal(e.span.line, 2);
    assert_int_equal(e.span.col, 2);
    /* ... and the same text completed parses */
    int n = parse_program("y = f(a,\n  [1, 2])", 1, &v, &e);
    assert_int_equal(n, 1);
    free_prog(v, n);
}

/* Nesting beyond 200 levels is a syntax error, not a crash. */
static void test_depth(void **state) {
    (void)state;
    char *s = malloc(10000);
    Node **v;
    Err e;
    /* 150 parentheses are fine */
    int k = 0;
    for (int i = 0; i < 150; i++)
        s[k++] = '(';
    s[k++] = 'x';
    for (int i = 0; i < 150; i++)
        s[k++] = ')';
    s[k] = '\0';
    int n = parse_program(s, 1, &v, &e);
    assert_int_equal(n, 1);
    free_prog(v, n);
    const char *units[] = {"(", "[", "-", "f(", "x**", "{1:"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        k = 0;
        for (int i = 0; i < 1000; i++) {
            strcpy(s + k, units[u]);
            k += (int)strlen(units[u]);
        }
        strcpy(s + k, "x");
        assert_int_equal(parse_program(s, 1, &v, &e), -1);
        assert_int_equal(e.kind, ERR_SYNTAX);
        assert_non_null(strstr(e.msg, "nested too deeply"));
    }
    /* a flat chain is not nesting: 2000 operators parse, 2001 do not */
    k = 0;
    for (int i = 0; i < 2000; i++)
        k += sprintf(s + k, "1+");
    strcpy(s + k, "1");
    assert_int_equal(parse_program(s, 1, &v, &e), 1);
    free_prog(v, 1);
    strcpy(s + k, "1+1");
    assert_int_equal(parse_program(s, 1, &v, &e), -1);
    assert_int_equal(e.kind, ERR_SYNTAX);
    assert_non_null(strstr(e.msg, "chain of more than 2000 operators"));
    free(s);
    /* the counter goes back down: many nested statements in a row are fine */
    size_t cap = 300 * 64;
    s = malloc(cap);
    k = 0;
    for (int i = 0; i < 300; i++)
        k += snprintf(s + k, cap - (size_t)k, "y = f(x[0], ((a + b) * -c)[1:2])\n");
    n = parse_program(s, 1, &v, &e);
    assert_int_equal(n, 300);
    assert_int_equal(v[299]->span.line, 300);
    free_prog(v, n);
    free(s);
}

/* parse_scan_line agrees with the parser about what is still open. */
static void test_scan_lines(void **state) {
    (void)state;
    static const struct {
        const char *lines[4];
        bool complete[4];
    } cases[] = {
        {{"x = [1,", "2,", "3]", NULL}, {false, false, true}},
        {{"f(a, (b", "), c)", NULL}, {false, true}},
        {{"s = '''a", "( [", "'''", NULL}, {false, false, true}},
        {{"t = \"\"\"x\"\"\"", NULL}, {true}},
        {{"y = 1 + \\", "2", NULL}, {false, true}},
        {{"x = '(' + \"[\"  # ( [ {", NULL}, {true}},
        {{"x = ']'", NULL}, {true}},
        {{"x = )", NULL}, {true}},
        {{"d = {'a': [", "1]}", NULL}, {false, true}},
        {{"s = 'it\\'s ('", NULL}, {true}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ParseScan st = {0};
        char text[256] = "";
        for (int i = 0; cases[c].lines[i]; i++) {
            bool got = parse_scan_line(&st, cases[c].lines[i]);
            if (got != cases[c].complete[i])
                fprintf(stderr, "case %zu line %d: %s\n", c, i, cases[c].lines[i]);
            assert_int_equal(got, cases[c].complete[i]);
            if (i) strcat(text, "\n");
            strcat(text, cases[c].lines[i]);
            /* where the scan says "more is needed", so does the parser */
            Node **v;
            Err e;
            int n = parse_program(text, 1, &v, &e);
            if (!got) assert_int_equal(e.kind, ERR_INCOMPLETE);
            if (n > 0) free_prog(v, n);
        }
    }
}

/* --- spans and texts ----------------------------------------------------- */

static void test_spans(void **state) {
    (void)state;
    Node **v;
    Err e;
    const char *src = "A1 = np.dot(X, W1) + B1";
    int n = parse_program(src, 1, &v, &e);
    assert_int_equal(n, 1);
    Node *a = v[0];
    assert_int_equal(a->kind, N_ASSIGN);
    assert_int_equal(a->op, -1);
    assert_string_equal(a->text, src);
    assert_int_equal(a->span.line, 1);
    assert_int_equal(a->span.col, 0);
    assert_int_equal(a->span.end, 23);
    Node *b = a->kids[1];
    assert_int_equal(b->kind, N_BINOP);
    assert_string_equal(b->text, "np.dot(X, W1) + B1");
    assert_int_equal(b->span.col, 5);
    assert_int_equal(b->opspan.col, 19);
    assert_int_equal(b->opspan.end, 20);
    Node *c = b->kids[0];
    assert_int_equal(c->kind, N_CALL);
    assert_false(c->cmdform);
    assert_string_equal(c->text, "np.dot(X, W1)");
    assert_int_equal(c->opspan.col, 5);
    assert_int_equal(c->opspan.end, 11);
    assert_string_equal(c->kids[0]->text, "np.dot");
    assert_string_equal(c->kids[2]->text, "W1");
    assert_string_equal(c->kids[2]->str, "W1");
    assert_int_equal(c->kids[2]->span.col, 15);
    assert_string_equal(b->kids[1]->text, "B1");
    free_prog(v, n);

    /* command form: span of the whole command, opspan of its name */
    n = parse_program("Z = dot X  W1 + 1", 1, &v, &e);
    assert_int_equal(n, 1);
    c = v[0]->kids[1]->kids[0];
    assert_true(c->cmdform);
    assert_string_equal(c->text, "dot X  W1");
    assert_int_equal(c->span.col, 4);
    assert_int_equal(c->span.end, 13);
    assert_int_equal(c->opspan.col, 4);
    assert_int_equal(c->opspan.end, 7);
    free_prog(v, n);

    /* statements over several lines; numbering from first_line */
    n = parse_program("x = 1\ny = f(a,\n      b) ; z", 10, &v, &e);
    assert_int_equal(n, 3);
    assert_int_equal(v[0]->span.line, 10);
    assert_false(v[0]->quiet);
    assert_int_equal(v[1]->span.line, 11);
    assert_false(v[1]->quiet); /* its ";" does not end the line */
    assert_string_equal(v[1]->text, "y = f(a,\n      b)");
    assert_int_equal(v[1]->span.col, 0);
    assert_int_equal(v[1]->span.end, 8); /* cut at the end of its first line */
    Node *b2 = v[1]->kids[1]->kids[2];
    assert_string_equal(b2->text, "b");
    assert_int_equal(b2->span.line, 12);
    assert_int_equal(b2->span.col, 6);
    assert_int_equal(v[2]->span.line, 12);
    assert_int_equal(v[2]->kind, N_EXPR);
    free_prog(v, n);

    /* raw command: text is the statement it carries */
    n = parse_program("step  A1 = X + B1", 1, &v, &e);
    assert_int_equal(n, 1);
    assert_int_equal(v[0]->kind, N_RAWCMD);
    assert_string_equal(v[0]->str, "step");
    assert_string_equal(v[0]->text, "A1 = X + B1");
    assert_int_equal(v[0]->span.col, 0);
    assert_int_equal(v[0]->span.end, 17);
    assert_int_equal(v[0]->opspan.end, 4);
    assert_int_equal(v[0]->kids[0]->kind, N_ASSIGN);
    assert_int_equal(v[0]->kids[0]->span.col, 6);
    free_prog(v, n);

    /* slices have NULL parts; a parenthesised expression keeps its own text */
    n = parse_program("x[:3] * (a + b)", 1, &v, &e);
    assert_int_equal(n, 1);
    Node *m = v[0]->kids[0];
    Node *sl = m->kids[0]->kids[1];
    assert_int_equal(sl->kind, N_SLICE);
    assert_int_equal(sl->nkids, 3);
    assert_null(sl->kids[0]);
    assert_non_null(sl->kids[1]);
    assert_null(sl->kids[2]);
    assert_string_equal(sl->text, ":3");
    assert_string_equal(m->kids[1]->text, "a + b");
    assert_int_equal(m->op, OP_MUL);
    free_prog(v, n);

    /* strings decode escapes; numbers carry is_int */
    n = parse_program("f('a\\x41\\u00e9', 2, 2.0, .5e1)", 1, &v, &e);
    assert_int_equal(n, 1);
    c = v[0]->kids[0];
    assert_string_equal(c->kids[1]->str, "aA\xc3\xa9");
    assert_string_equal(c->kids[1]->text, "'a\\x41\\u00e9'");
    assert_true(c->kids[2]->is_int);
    assert_false(c->kids[3]->is_int);
    assert_true(c->kids[4]->num == 5.0);
    free_prog(v, n);

    /* the empty program */
    n = parse_program("  # nothing\n\n;", 1, &v, &e);
    assert_int_equal(n, 0);
    assert_int_equal(e.kind, ERR_NONE);
    free(v);

    assert_true(parse_is_rawcmd("step"));
    assert_true(parse_is_rawcmd("shapes"));
    assert_true(parse_is_rawcmd("explain"));
    assert_false(parse_is_rawcmd("dot"));
    assert_false(parse_is_rawcmd(NULL));
}

static void test_ast_dump(void **state) {
    (void)state;
    char *d = ast_dump(NULL);
    assert_string_equal(d, "_");
    free(d);
    Node *n = node_new(N_NUM);
    n->num = 1e20;
    d = ast_dump(n);
    assert_string_equal(d, "1e+20");
    free(d);
    n->num = 0.1;
    d = ast_dump(n);
    assert_string_equal(d, "0.1");
    free(d);
    n->is_int = true; /* as the parser leaves -3: the magnitude, negated */
    n->num = -3;
    n->inum = 3;
    n->ineg = true;
    d = ast_dump(n);
    assert_string_equal(d, "-3");
    free(d);
    node_free(n);
    /* node_push keeps many kids */
    Node *l = node_new(N_LIST);
    for (int i = 0; i < 100; i++) {
        Node *k = node_new(N_NUM);
        k->is_int = true;
        k->num = i;
        k->inum = (uint64_t)i;
        assert_true(node_push(l, k));
    }
    assert_int_equal(l->nkids, 100);
    d = ast_dump(l);
    assert_non_null(strstr(d, "(list 0 1 2 "));
    assert_non_null(strstr(d, " 98 99)"));
    free(d);
    node_free(l);
}

/* --- fuzz-style robustness ----------------------------------------------- */

/* Check what every node of a good parse promises: a text, a span whose
 * first line is the text's first line in the source, kids present. */
static void check_node(const char **lines, int nlines, const Node *n) {
    assert_non_null(n->text);
    if (!(n->span.line >= 1 && n->span.line <= nlines && n->span.col >= 0 &&
          n->span.col <= n->span.end))
        fail_msg("bad span %d:%d-%d of '%s' in '%s'", n->span.line, n->span.col, n->span.end,
                 n->text, lines[0]);
    if (n->kind != N_RAWCMD) {
        const char *at = lines[n->span.line - 1] + n->span.col;
        size_t first = strcspn(n->text, "\n");
        assert_int_equal((int)first, n->span.end - n->span.col);
        assert_memory_equal(at, n->text, first);
    }
    for (int i = 0; i < n->nkids; i++) {
        if (n->kids[i])
            check_node(lines, nlines, n->kids[i]);
        else
            assert_int_equal(n->kind, N_SLICE);
    }
}

/* Parse src: it must either succeed with sound nodes (and each statement's
 * text must parse back to the same tree) or fail with an error set. Returns
 * true when it parsed. */
static bool parse_one(const char *src) {
    Node **v = NULL;
    Err e;
    int n = parse_program(src, 1, &v, &e);
    if (n < 0) {
        assert_null(v);
        assert_true(e.kind == ERR_SYNTAX || e.kind == ERR_INCOMPLETE);
        assert_true(e.msg[0] != '\0');
        return false;
    }
    assert_int_equal(e.kind, ERR_NONE);
    const char *lines[512];
    int nlines = 0;
    lines[nlines++] = src;
    for (const char *p = strchr(src, '\n'); p && nlines < 512; p = strchr(p + 1, '\n'))
        lines[nlines++] = p + 1;
    for (int i = 0; i < n; i++) {
        check_node(lines, nlines, v[i]);
        char *d = ast_dump(v[i]);
        assert_non_null(d);
        if (v[i]->kind != N_RAWCMD && v[i]->kind != N_IMPORT) {
            Node **w;
            Err e2;
            int m = parse_program(v[i]->text, 1, &w, &e2);
            if (m != 1)
                fail_msg("statement '%s' of '%s' does not parse alone: %s", v[i]->text, src,
                         e2.msg);
            w[0]->quiet = v[i]->quiet;
            char *d2 = ast_dump(w[0]);
            if (strcmp(d, d2) != 0) fail_msg("'%s' reparsed: %s != %s", v[i]->text, d2, d);
            free(d2);
            free_prog(w, m);
        }
        free(d);
    }
    free_prog(v, n);
    return true;
}

static void test_fuzz_prefixes(void **state) {
    (void)state;
    char buf[512];
    for (size_t i = 0; i < sizeof kGood / sizeof kGood[0]; i++) {
        size_t len = strlen(kGood[i].src);
        for (size_t k = 0; k <= len; k++) {
            memcpy(buf, kGood[i].src, k);
            buf[k] = '\0';
            parse_one(buf);
        }
    }
    for (size_t i = 0; i < sizeof kBad / sizeof kBad[0]; i++) {
        size_t len = strlen(kBad[i].src);
        for (size_t k = 0; k <= len; k++) {
            memcpy(buf, kBad[i].src, k);
            buf[k] = '\0';
            parse_one(buf);
        }
    }
}

static uint32_t lcg(uint32_t *s) {
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static void test_fuzz_random(void **state) {
    (void)state;
    static const char *const pieces[] = {
        "x",   "W1",  "dot",   "np",  "step", "not", "and", "True", "None", "for", "import",
        " ",   " ",   " ",     "\n",  ";",    "(",   ")",   "[",    "]",    "{",   "}",
        ",",   ":",   ".",     "...", "=",    "+",   "-",   "*",    "**",   "/",   "//",
        "%",   "@",   "<",     "==",  "&",    "|",   "~",   "+=",   "1",    "2.5", ".5",
        "1e3", "'s'", "\"t\"", "'''", "'",    "#c",  "\\",  "\\\n",
    };
    const int npieces = (int)(sizeof pieces / sizeof pieces[0]);
    uint32_t seed = 12345;
    char buf[1200];
    int ok = 0;
    /* token soup: pieces of the language in random order */
    for (int it = 0; it < 20000; it++) {
        int k = 0, count = (int)(lcg(&seed) % (it % 2 ? 8 : 40));
        for (int j = 0; j < count; j++) {
            const char *p = pieces[lcg(&seed) % (uint32_t)npieces];
            size_t l = strlen(p);
            memcpy(buf + k, p, l);
            k += (int)l;
        }
        buf[k] = '\0';
        ok += parse_one(buf);
    }
    assert_true(ok > 1000); /* the soup parses often enough to test good trees */
    /* raw bytes */
    for (int it = 0; it < 10000; it++) {
        int len = (int)(lcg(&seed) % 48);
        for (int j = 0; j < len; j++) {
            char c = (char)(lcg(&seed) & 0xff);
            buf[j] = c ? c : ' ';
        }
        buf[len] = '\0';
        parse_one(buf);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_incomplete),  cmocka_unit_test(test_depth),
        cmocka_unit_test(test_scan_lines),  cmocka_unit_test(test_spans),
        cmocka_unit_test(test_ast_dump),    cmocka_unit_test(test_fuzz_prefixes),
        cmocka_unit_test(test_fuzz_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
