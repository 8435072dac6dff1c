/* test_eval.c - the evaluator, the echo and the core built-ins, driven
 * through interp_run with the output and error streams captured.
 *
 * Expected numbers are what NumPy 1.24 prints for the same input
 * (tests/tools/gen_eval_ref.py prints them all).
 */
#include <setjmp.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "init.h"
#include "registry.h"
#include "interp.h"
#include "parse.h"

/* --- fixture: a session whose streams go to memory -------------------------- */

typedef struct Fix {
    Interp *in;
    FILE *out, *err;
    char *obuf, *ebuf;
    size_t olen, elen;
    size_t omark, emark; /* what the previous run() had already seen */
    char *o, *e;         /* the latest run's output and errors */
} Fix;

static int setup(void **state) {
    Fix *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->out = open_memstream(&f->obuf, &f->olen);
    f->err = open_memstream(&f->ebuf, &f->elen);
    assert_non_null(f->out);
    assert_non_null(f->err);
    f->in = nnsh_new(f->out, f->err);
    assert_non_null(f->in);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    Fix *f = *state;
    interp_free(f->in);
    fclose(f->out);
    fclose(f->err);
    free(f->obuf);
    free(f->ebuf);
    free(f->o);
    free(f->e);
    free(f);
    return 0;
}

static char *take(FILE *s, char **buf, size_t *len, size_t *mark) {
    fflush(s);
    char *t = malloc(*len - *mark + 1);
    assert_non_null(t);
    memcpy(t, *buf + *mark, *len - *mark);
    t[*len - *mark] = '\0';
    *mark = *len;
    return t;
}

/* Run src as line 1 of "<test>"; f->o and f->e then hold what it printed. */
static RunStatus run(Fix *f, const char *src) {
    RunStatus st = interp_run(f->in, src, "<test>", 1);
    free(f->o);
    free(f->e);
    f->o = take(f->out, &f->obuf, &f->olen, &f->omark);
    f->e = take(f->err, &f->ebuf, &f->elen, &f->emark);
    return st;
}

/* Run src, expect success, and compare the output exactly. */
static void expect_out(Fix *f, const char *src, const char *want) {
    RunStatus st = run(f, src);
    if (st != RUN_OK) fprintf(stderr, "input: %s\nerrors:\n%s", src, f->e);
    assert_int_equal(st, RUN_OK);
    assert_string_equal(f->e, "");
    assert_string_equal(f->o, want);
}

/* Run src, expect an error whose text contains every fragment given. */
static void expect_err(Fix *f, const char *src, ...) {
    assert_int_equal(run(f, src), RUN_ERROR);
    va_list ap;
    va_start(ap, src);
    for (const char *frag; (frag = va_arg(ap, const char *)) != NULL;) {
        if (!strstr(f->e, frag)) fprintf(stderr, "missing \"%s\" in:\n%s", frag, f->e);
        assert_non_null(strstr(f->e, frag));
    }
    va_end(ap);
}

static void load_example(Fix *f) {
    assert_int_equal(run(f, "example"), RUN_OK);
    assert_non_null(strstr(f->o, "X W1 B1 W2 B2 W3 B3"));
}

/* --- the chapter's network ----------------------------------------------------- */

static const char kForward[] = "A1 (3,) float64\n[0.3 0.7 1.1]\n"
                               "Z1 (3,) float64\n[0.57444252 0.66818777 0.75026011]\n"
                               "A2 (2,) float64\n[0.51615984 1.21402696]\n"
                               "Z2 (2,) float64\n[0.62624937 0.7710107 ]\n"
                               "A3 (2,) float64\n[0.31682708 0.69627909]\n"
                               "Y (2,) float64\n[0.31682708 0.69627909]\n";

static void test_example_forward(void **state) {
    Fix *f = *state;
    load_example(f);
    /* forward prints its per-layer table (tested in test_net.c), then the
     * layers' values */
    assert_int_equal(run(f, "forward"), RUN_OK);
    const char *vals = strstr(f->o, "A1 (3,) float64");
    assert_non_null(vals);
    assert_string_equal(vals, kForward);
    /* forward leaves its layers behind as variables */
    expect_out(f, "Z1", "[0.57444252 0.66818777 0.75026011]\n");
}

static void test_layers_by_hand(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_out(f,
               "A1 = np.dot(X, W1) + B1\nZ1 = sigmoid(A1)\nA2 = np.dot(Z1, W2) + B2\n"
               "Z2 = sigmoid(A2)\nA3 = np.dot(Z2, W3) + B3\nY = identity_function(A3)",
               kForward);
}

static void test_forward_needs_weights(void **state) {
    Fix *f = *state;
    expect_err(f, "forward", "example", NULL);
}

static void test_dot_command(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_out(f, "dot X W1", "[0.2 0.5 0.8]\n");
    expect_out(f, "np.dot(X, W1)", "[0.2 0.5 0.8]\n");
    expect_out(f, "X @ W1", "[0.2 0.5 0.8]\n");
}

static void test_dot_shape_error(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_out(f, "A = X;", "");
    expect_err(f, "A = dot W1 X", "shape error", "(2, 3)", "(2,)", "W1", NULL);
    assert_string_equal(f->o, "");
    /* nothing changed */
    expect_out(f, "A", "[1.  0.5]\n");
    expect_out(f, "W1.shape", "(2, 3)\n");
}

/* The Err itself: operand names and the caret under the operator. */
static void test_shape_error_fields(void **state) {
    Fix *f = *state;
    load_example(f);
    Node **v;
    Err e;
    int n = parse_program("A = W1 + W2", 1, &v, &e);
    assert_int_equal(n, 1);
    err_clear(&e);
    assert_false(interp_exec(f->in, v[0], &e));
    assert_int_equal(e.kind, ERR_SHAPE);
    assert_int_equal(e.nops, 2);
    assert_string_equal(e.ops[0].name, "W1");
    assert_string_equal(e.ops[1].name, "W2");
    assert_int_equal(e.span.col, 7); /* the '+' */
    assert_int_equal(e.span.end, 8);
    node_free(v[0]);
    free(v);
    assert_null(vars_get(interp_vars(f->in), "A"));
}

static void test_atomic_unpack(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_err(f, "a, b = X, undefined_name", "name 'undefined_name' is not defined", NULL);
    assert_null(vars_get(interp_vars(f->in), "a"));
    assert_null(vars_get(interp_vars(f->in), "b"));
    expect_err(f, "a, b = 1, 2, 3", "cannot unpack 3 values into 2 names", NULL);
    assert_null(vars_get(interp_vars(f->in), "a"));
    expect_out(f, "a, b = W1", "a (3,) float64\n[0.1 0.3 0.5]\nb (3,) float64\n[0.2 0.4 0.6]\n");
    expect_out(f, "a, b = b, a;", "");
    expect_out(f, "print(a)", "[0.2 0.4 0.6]\n");
}

static void test_command_equals_numpy_form(void **state) {
    Fix *f = *state;
    load_example(f);
    static const char *const pairs[][2] = {
        {"sigmoid (dot X W1 + B1)", "sigmoid(np.dot(X, W1) + B1)"},
        {"sum W1 axis=0", "np.sum(W1, axis=0)"},
        {"reshape W1 (3, 2)", "W1.reshape(3, 2)"},
        {"transpose W1", "W1.T"},
        {"maximum 0 [-2.0, 0.0, 3.0]", "np.maximum(0, np.array([-2.0, 0.0, 3.0]))"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        assert_int_equal(run(f, pairs[i][0]), RUN_OK);
        char *a = strdup(f->o);
        assert_int_equal(run(f, pairs[i][1]), RUN_OK);
        assert_string_equal(a, f->o);
        free(a);
    }
    expect_out(f, "W1.reshape((3, 2))", "[[0.1 0.3]\n [0.5 0.2]\n [0.4 0.6]]\n");
}

/* --- echo and printing -------------------------------------------------------- */

static void test_echo_formats(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_out(f, "s = W1.shape", "s tuple\n(2, 3)\n");
    expect_out(f, "W1.shape[0]", "2\n");
    expect_out(f, "X.dtype", "float64\n");
    expect_out(f, "(X, 3)", "(array([1. , 0.5]), 3)\n");
    expect_out(f, "'hello'", "'hello'\n");
    expect_out(f, "t = 'hi'", "t str\n'hi'\n");
    expect_out(f, "None", "");
    expect_out(f, "n = 5", "n () int64\n5\n");
    expect_out(f, "repr(W1)", "'array([[0.1, 0.3, 0.5],\\n       [0.2, 0.4, 0.6]])'\n");
    expect_out(f, "net = {'W1': W1, 'b1': B1}",
               "net dict\n{'W1': (2, 3) float64,\n 'b1': (3,) float64}\n");
}

static void test_print_and_echo_off(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_out(f, "print('hi', X, W1.shape)", "hi [1.  0.5] (2, 3)\n");
    expect_out(f, "echo off", "");
    expect_out(f, "y = X * 2", "");
    expect_out(f, "y", "");
    expect_out(f, "print(y)", "[2. 1.]\n");
    expect_out(f, "echo", "echo is off\n");
    expect_out(f, "echo on", "");
    expect_out(f, "y = X * 2;", "");
    expect_out(f, "y = X * 3;\ny", "[3.  1.5]\n");
}

static void test_lists(void **state) {
    Fix *f = *state;
    /* lists are Python's; NumPy's functions take them as arrays (the
     * expected lines are what Python 3 prints for the same input) */
    expect_out(f, "a = [1, 2]", "a list\n[1, 2]\n");
    expect_out(f, "a = [1, 2.5]", "a list\n[1, 2.5]\n");
    expect_out(f, "print([0.1] * 3, [1, 2] + [3], (1,) + (2,))",
               "[0.1, 0.1, 0.1] [1, 2, 3] (1, 2)\n");
    expect_out(f, "L = [1]; L.append(2); L.extend([3]); print(L, L.pop(), L.index(2), L)",
               "L list\n[1]\n[1, 2] 3 1 [1, 2]\n");
    expect_out(f, "a = np.array([True, False])", "a (2,) bool\n[ True False]\n");
    expect_out(f, "a = np.array([[1, 2], [3, 4]])", "a (2, 2) int64\n[[1 2]\n [3 4]]\n");
    expect_err(f, "a = np.array([[1, 2, 3], [4, 5]])", "value error", "ragged", "depth 2",
               "3 and 2", NULL);
    expect_err(f, "a = np.array([[[1], [2, 3]]])", "depth 3", NULL);
    expect_out(f, "a", "[[1 2]\n [3 4]]\n");
    expect_out(f, "a + [10, 20]", "[[11 22]\n [13 24]]\n");
    expect_out(f, "np.array((1, 2), dtype=np.float32)", "[1. 2.]\n");
    expect_out(f, "np.array([1.7, -1.7], dtype='int64')", "[ 1 -1]\n");
}

/* --- names and calls ------------------------------------------------------------ */

static void test_name_errors(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_err(f, "W4", "name error: name 'W4' is not defined; did you mean 'W1'?",
               "line 1, column 1", "    W4\n    ^^\n", NULL);
    expect_err(f, "np.foo(X)", "nnsh has no 'np.foo'", NULL);
    /* the caret line follows the run's first line number */
    assert_int_equal(interp_run(f->in, "x = 1\nqqq", "<test>", 7), RUN_ERROR);
    assert_int_equal(run(f, ""), RUN_OK);
    assert_non_null(strstr(f->e, "line 8, column 1:\n    qqq\n    ^^^"));
}

static void test_call_checks(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_err(f, "np.dot(X)", "type error: dot() takes 2 arguments but 1 was given",
               "    np.dot(X)\n    ^^^^^^^^^\n", NULL);
    expect_err(f, "sigmoid()", "sigmoid() takes 1 argument but 0 were given", NULL);
    expect_err(f, "np.sum(W1, axes=0)", "sum() got an unexpected keyword argument 'axes'", NULL);
    expect_err(f, "softmax('x')", "softmax() needs an array as argument 1, not a str", NULL);
    expect_err(f, "X(1)", "X is an array, not a function", NULL);
}

static void test_attributes_and_methods(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_out(f, "W1.T", "[[0.1 0.2]\n [0.3 0.4]\n [0.5 0.6]]\n");
    expect_out(f, "W1.ndim", "2\n");
    expect_out(f, "W1.size", "6\n");
    expect_out(f, "W1.reshape(-1)", "[0.1 0.3 0.5 0.2 0.4 0.6]\n");
    expect_out(f, "W1.flatten()", "[0.1 0.3 0.5 0.2 0.4 0.6]\n");
    expect_out(f, "w = W1.astype(np.float32)",
               "w (2, 3) float32\n[[0.1 0.3 0.5]\n [0.2 0.4 0.6]]\n");
    expect_out(f, "w = X.astype(int)", "w (2,) int64\n[1 0]\n");
    expect_out(f, "W1.sum(axis=1, keepdims=True)", "[[0.9]\n [1.2]]\n");
    expect_out(f, "W1.argmax()", "5\n");
    expect_out(f, "len(W1)", "2\n");
    expect_out(f, "np.zeros((2,), dtype=np.float32).dtype", "float32\n");
    expect_err(f, "W1.foo", "arrays have no attribute 'foo'", NULL);
    expect_err(f, "W1.sum", "is a method", NULL);
}

static void test_indexing(void **state) {
    Fix *f = *state;
    expect_out(f, "x = np.arange(10);", "");
    expect_out(f, "x[2:5]", "[2 3 4]\n");
    expect_out(f, "x[::-1]", "[9 8 7 6 5 4 3 2 1 0]\n");
    expect_out(f, "x[x > 5]", "[6 7 8 9]\n");
    expect_out(f, "x[-1]", "9\n");
    expect_out(f, "x[0] = 100", "x (10,) int64\n[100   1   2   3   4   5   6   7   8   9]\n");
    expect_out(f, "m = np.array([[0.1, 0.8, 0.1], [0.3, 0.1, 0.6]]);", "");
    expect_out(f, "m[m > 0.5] = 0", "m (2, 3) float64\n[[0.1 0.  0.1]\n [0.3 0.1 0. ]]\n");
    expect_out(f, "m[:, 1]", "[0.  0.1]\n");
    expect_err(f, "x[10]", "index error", "out of bounds", NULL);
    expect_err(f, "m[0] = [1, 2]", "cannot store a value of shape (2,)", NULL);
    expect_out(f, "s = m.shape;\ns[1]", "3\n");
    expect_out(f, "d = {'a': m};\nd['a'][1, 2]", "0.0\n");
    expect_err(f, "d['b']", "key 'b' is not in d", NULL);
}

static void test_augmented(void **state) {
    Fix *f = *state;
    expect_out(f, "x = np.array([1, 2]);", "");
    expect_out(f, "x += 1", "x (2,) int64\n[2 3]\n");
    expect_err(f, "x += 0.5", "cannot be stored in place", NULL);
    expect_out(f, "x", "[2 3]\n");
    expect_out(f, "y = np.zeros(2, dtype=np.float32);\ny += 0.5", "y (2,) float32\n[0.5 0.5]\n");
    /* a Python number is immutable: s op= x is s = s op x, checked as Python
     * checks it (the values are Python 3's) */
    expect_out(f, "s = 5;\ns /= 2", "s () float64\n2.5\n");
    expect_out(f, "print(type(s))", "<class 'float'>\n");
    expect_out(f, "n = 2**62;\nn += 2**62 - 1;\nprint(n)", "9223372036854775807\n");
    expect_err(f, "n += 1", "integer overflow", "line 1, column 1", NULL);
    expect_out(f, "print(n)", "9223372036854775807\n");
    expect_out(f, "w = 'ab';\nw *= 2;\nw += 'c';\nprint(w)", "ababc\n");
    expect_out(f, "t = (1, 2);\nt += (3,);\nprint(t)", "(1, 2, 3)\n");
    expect_out(f, "k = 0;\nk += np.array([1, 2]);\nprint(k, type(k))",
               "[1 2] <class 'numpy.ndarray'>\n");
    /* Python numbers divide as Python does; NumPy's scalars as NumPy does */
    expect_err(f, "print(1 / 0)", "division by zero (Python's ZeroDivisionError)", NULL);
    expect_err(f, "print(1.5 // 0.0)", "ZeroDivisionError", NULL);
    expect_err(f, "print(5 % 0.0)", "modulo by zero", NULL);
    assert_int_equal(run(f, "print(np.array([1.0]) / 0)"), RUN_OK);
    assert_string_equal(f->o, "[inf]\n");
    assert_string_equal(f->e, "RuntimeWarning: divide by zero encountered in divide\n");
    /* NumPy 1.24's types for the same operators outside a statement */
    expect_out(f, "print(type(5 / 2), type(1.5 + 2.5), type(np.float32(2) * 2))",
               "<class 'float'> <class 'float'> <class 'numpy.float64'>\n");
}

/* np.sum(x), x[0], np.argmax(x) are NumPy scalars: repr 6.0, not array(6.).
 * The expected line is what NumPy 1.24 prints for the same statement. */
static void test_numpy_scalars(void **state) {
    Fix *f = *state;
    expect_out(f, "x = np.array([1.0, 2.0, 3.0]);", "");
    expect_out(f,
               "print(repr(np.sum(x)), repr(x[0]), repr(np.argmax(x)), repr(np.float32(0.1)), "
               "repr(np.uint8(3)), repr(x[0] > 1), repr(x), repr(2.5))",
               "6.0 1.0 2 0.1 3 False array([1., 2., 3.]) 2.5\n");
    expect_out(f, "print([np.sum(x), x[1]], (np.max(x),))", "[6.0, 2.0] (3.0,)\n");
}

/* [expr for target in iterable if cond]; each expected line is what Python 3
 * with NumPy 1.24 prints for the same statement. */
static void test_listcomp(void **state) {
    Fix *f = *state;
    expect_out(f, "x = 5;\nprint([x * x for x in range(5) if x % 2 == 0], x)", "[0, 4, 16] 5\n");
    expect_out(f, "print([i for i in []])", "[]\n");
    expect_out(f, "print([(a, b) for a, b in zip([1, 2], 'ab')])", "[(1, 'a'), (2, 'b')]\n");
    expect_out(f, "y = np.array([[1, 2], [3, 4]]);\nprint([r.sum() for r in y])", "[3, 7]\n");
    expect_out(f, "print([p > 1 for p in np.array([0.5, 1.5])])", "[False, True]\n");
    expect_out(f, "def f(n):\n    return [k * n for k in range(n)]\n\nprint(f(3))", "[0, 3, 6]\n");
    /* the loop name is the comprehension's own: a new one is gone after */
    expect_out(f, "print([1 for q in range(2)])", "[1, 1]\n");
    expect_err(f, "print(q)", "name 'q' is not defined", NULL);
    /* a failing element leaves everything as it was */
    expect_err(f, "z = [1 / (k - 1) for k in range(3)]", NULL);
    expect_err(f, "print(z)", "name 'z' is not defined", NULL);
    expect_err(f, "print(k)", "name 'k' is not defined", NULL);
    expect_err(f, "w = [v for v in 5]", "a number cannot be looped over", NULL);
}

/* --- built-ins --------------------------------------------------------------------- */

static void test_activations(void **state) {
    Fix *f = *state;
    expect_out(f, "y = step_function([-1.0, 1.0, 2.0])", "y (3,) int64\n[0 1 1]\n");
    expect_out(f, "softmax([1010, 1000, 990])", "[9.99954600e-01 4.53978686e-05 2.06106005e-09]\n");
    assert_int_equal(run(f, "softmax_naive([1010, 1000, 990])"), RUN_OK);
    assert_string_equal(f->o, "[nan nan nan]\n");
    assert_string_equal(f->e, "RuntimeWarning: overflow encountered in exp\n"
                              "RuntimeWarning: invalid value encountered in divide\n");
    expect_out(f, "relu([-1.0, 2.0])", "[0. 2.]\n");
}

static void test_random(void **state) {
    Fix *f = *state;
    expect_out(f, "np.random.seed(0); np.random.rand(3)", "[0.5488135  0.71518937 0.60276338]\n");
    expect_out(f, "np.random.randn(2, 3).shape", "(2, 3)\n");
}

static void test_help(void **state) {
    Fix *f = *state;
    assert_int_equal(run(f, "help"), RUN_OK);
    assert_non_null(strstr(f->o, "activation"));
    assert_non_null(strstr(f->o, " sigmoid"));
    assert_non_null(strstr(f->o, " forward"));
    expect_out(f, "help dot",
               "dot(a, b)    [math]\n"
               "  Matrix product: each row of a times each column of b, summed. For two\n"
               "  vectors, their inner product.\n"
               "  NumPy:    np.dot(a, b)\n"
               "  shapes:   (k, n) . (n, m) -> (k, m); (n,) . (n, m) -> (m,); (k, n) . (n,) ->\n"
               "            (k,); the inner sizes must match\n"
               "  example:  dot X W1\n");
    assert_int_equal(run(f, "help np.random.randn"), RUN_OK);
    assert_non_null(strstr(f->o, "random.randn(d0, d1, ...)"));
    assert_int_equal(run(f, "help sigmoid"), RUN_OK);
    assert_non_null(strstr(f->o, "NumPy:    1 / (1 + np.exp(-x))"));
    expect_err(f, "help nosuch", "no help for 'nosuch'", NULL);
    /* every entry can be described */
    const Registry *reg = interp_registry(f->in);
    for (int i = 0; i < reg_count(reg); i++) {
        char line[128];
        /* `continue` is a Python keyword: it is only typed as an answer
         * inside `step`, never parsed as a command */
        if (strcmp(reg_at(reg, i)->name, "continue") == 0) continue;
        snprintf(line, sizeof line, "help %s", reg_at(reg, i)->name);
        assert_int_equal(run(f, line), RUN_OK);
    }
}

static void test_vars_del_clear(void **state) {
    Fix *f = *state;
    expect_out(f, "vars", "no variables (type example to load the chapter's network)\n");
    load_example(f);
    assert_int_equal(run(f, "vars"), RUN_OK);
    assert_non_null(strstr(f->o, "name  shape   dtype          bytes\n"));
    assert_non_null(strstr(f->o, "W1    (2, 3)  float64           48\n"));
    assert_non_null(strstr(f->o, "total: 7 variables, 200 bytes\n"));
    expect_err(f, "del X Q", "name 'Q' is not defined", NULL);
    assert_non_null(vars_get(interp_vars(f->in), "X"));
    expect_out(f, "del X W1", "");
    assert_null(vars_get(interp_vars(f->in), "X"));
    assert_int_equal(vars_count(interp_vars(f->in)), 5);
    expect_out(f, "clear", "removed 5 variables: B1 W2 B2 W3 B3 (undo brings them back)\n");
    assert_int_equal(vars_count(interp_vars(f->in)), 0);
    expect_out(f, "clear", "removed 0 variables\n");
}

static void test_statuses(void **state) {
    Fix *f = *state;
    assert_int_equal(run(f, "x = (1,"), RUN_INCOMPLETE);
    assert_string_equal(f->e, "");
    assert_int_equal(run(f, "import numpy as np"), RUN_OK);
    assert_int_equal(run(f, "x = 1; quit; y = 2"), RUN_QUIT);
    assert_null(vars_get(interp_vars(f->in), "y"));
    expect_err(f, "a = 1 $ 2", "syntax error", NULL);
}

/* --- trace hook and memory ---------------------------------------------------------- */

typedef struct Seen {
    char ops[16][16];
    char text[16][2][16];
    const Array *arg0[16];
    int n;
} Seen;

static void on_trace(void *ctx, const TraceEvent *ev) {
    Seen *s = ctx;
    if (s->n >= 16) return;
    snprintf(s->ops[s->n], 16, "%s", ev->op);
    for (int i = 0; i < ev->nargs; i++)
        snprintf(s->text[s->n][i], 16, "%s", ev->argtext[i]);
    s->arg0[s->n] = ev->nargs ? ev->args[0] : NULL;
    s->n++;
}

static void test_trace_and_borrowing(void **state) {
    Fix *f = *state;
    load_example(f);
    Seen s;
    memset(&s, 0, sizeof s);
    interp_set_trace(f->in, on_trace, &s);
    assert_int_equal(run(f, "A1 = np.dot(X, W1) + B1;"), RUN_OK);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.ops[0], "dot");
    assert_string_equal(s.text[0][0], "X");
    assert_string_equal(s.text[0][1], "W1");
    assert_string_equal(s.ops[1], "add");
    assert_string_equal(s.text[1][0], "np.dot(X, W1)");
    assert_string_equal(s.ops[2], "assign");
    /* a bare name is borrowed: the kernel saw the variable's own array */
    assert_ptr_equal(s.arg0[0], vars_get(interp_vars(f->in), "X")->arr);
    s.n = 0;
    assert_int_equal(run(f, "W1.T"), RUN_OK);
    assert_string_equal(s.ops[0], "T");
    assert_ptr_equal(s.arg0[0], vars_get(interp_vars(f->in), "W1")->arr);
    interp_set_trace(f->in, NULL, NULL);
    /* binding a name to another shares the array, as in NumPy: a change
     * through one name is seen through the other */
    expect_out(f, "x = X;\nx[0] = 7;", "");
    expect_out(f, "X", "[7.  0.5]\n");
    assert_ptr_equal(vars_get(interp_vars(f->in), "x"), vars_get(interp_vars(f->in), "X"));
}

/* interp_eval copies, interp_eval_ref borrows variables. */
static void test_eval_api(void **state) {
    Fix *f = *state;
    load_example(f);
    Node **v;
    Err e;
    assert_int_equal(parse_program("W1; W1 * 2; network['W1']", 1, &v, &e), 3);
    const Value *w1 = vars_get(interp_vars(f->in), "W1");
    Value *own;
    const Value *r = interp_eval_ref(f->in, v[0]->kids[0], &own, &e);
    assert_ptr_equal(r, w1);
    assert_null(own);
    r = interp_eval_ref(f->in, v[1]->kids[0], &own, &e);
    assert_non_null(own);
    assert_ptr_equal(r, own);
    assert_true(fabs(arr_get(r->arr, 5) - 1.2) < 1e-15);
    val_free(own);
    Value *c = interp_eval(f->in, v[0]->kids[0], &e);
    assert_true(c != w1 && c->arr != w1->arr && arr_same_shape(c->arr, w1->arr));
    val_free(c);
    r = interp_eval_ref(f->in, v[2]->kids[0], &own, &e);
    assert_null(r);
    assert_null(own);
    assert_int_equal(e.kind, ERR_NAME);
    /* a dict item of a variable is borrowed too */
    expect_out(f, "network = {'W1': W1};", "");
    r = interp_eval_ref(f->in, v[2]->kids[0], &own, &e);
    assert_ptr_equal(r, val_dict_get(vars_get(interp_vars(f->in), "network"), "W1"));
    assert_null(own);
    for (int i = 0; i < 3; i++)
        node_free(v[i]);
    free(v);
}

static void test_nested_targets(void **state) {
    Fix *f = *state;
    expect_out(f, "(p, q), r = (1, 2.5), 'x'", "p () int64\n1\nq () float64\n2.5\nr str\n'x'\n");
    expect_err(f, "(p, q), r = (1, 2, 4), 3", "cannot unpack 3 values into 2 names", NULL);
    expect_out(f, "[u, w] = [[1, 2], [3, 4]]", "u list\n[1, 2]\nw list\n[3, 4]\n");
    expect_out(f, "u, = (7,)", "u () int64\n7\n");
    expect_out(f, "m = np.zeros((2, 2));\nm[0], m[1] = [1, 2], 3",
               "m (2, 2) float64\n[[1. 2.]\n [3. 3.]]\n");
}

/* --- inputs found by fuzzing (tests/fuzz/fuzz_eval.c) ------------------------------ */

/* A command inside an expression rebound the variable the expression had
 * borrowed: `B1[-4:example]` read B1 after `example` freed it. Commands now
 * run only as a whole expression; on a line of their own they still work. */
static void test_fuzz_command_inside_expression(void **state) {
    Fix *f = *state;
    load_example(f);
    expect_err(f, "B1[-4:example]@ X", "'example' is a command", "^^^^^^^", NULL);
    expect_err(f, "X[example]", "'example' is a command", NULL);
    expect_err(f, "X + clear", "'clear' is a command", NULL);
    assert_non_null(vars_get(interp_vars(f->in), "X")); /* nothing ran */
    assert_int_equal(run(f, "x = example"), RUN_OK);
    assert_int_equal(run(f, "forward"), RUN_OK);
    assert_int_equal(run(f, "forward X"), RUN_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_example_forward, setup, teardown),
        cmocka_unit_test_setup_teardown(test_layers_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forward_needs_weights, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dot_command, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dot_shape_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shape_error_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_atomic_unpack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_equals_numpy_form, setup, teardown),
        cmocka_unit_test_setup_teardown(test_echo_formats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_print_and_echo_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_call_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_attributes_and_methods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indexing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_numpy_scalars, setup, teardown),
        cmocka_unit_test_setup_teardown(test_listcomp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_augmented, setup, teardown),
        cmocka_unit_test_setup_teardown(test_activations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vars_del_clear, setup, teardown),
        cmocka_unit_test_setup_teardown(test_statuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace_and_borrowing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eval_api, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nested_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fuzz_command_inside_expression, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
