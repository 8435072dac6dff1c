/* test_integrity.c - a statement that fails changes nothing.
 *
 * A session is set up with values of every kind (arrays of each dtype, a
 * tuple, a list, a dict, a string, None); then each of the statements below,
 * all of which must fail, is run, and the bytes of every variable (names,
 * kinds, shapes, dtypes, data, items, keys) are compared with what they were
 * before. The list holds every failing statement reported in issue 8 and
 * many more of each kind: commands in every position, shape, index, name,
 * type, syntax, unpacking and overflow errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "init.h"
#include "interp.h"
#include "vars.h"

/* Under AddressSanitizer a request for petabytes aborts the process unless
 * the allocator may return NULL; nnsh must then say "out of memory". */
const char *__asan_default_options(void);
const char *__asan_default_options(void) {
    return "allocator_may_return_null=1";
}

/* --- a byte image of every variable ----------------------------------------- */

static void image_value(FILE *f, const Value *v) {
    fprintf(f, "<%d", (int)v->kind);
    switch (v->kind) {
    case V_ARRAY:
        fprintf(f, " %d %d %d", (int)v->arr->dtype, v->arr->ndim, (int)v->arr->weak);
        for (int i = 0; i < v->arr->ndim; i++)
            fprintf(f, " %lld", (long long)v->arr->shape[i]);
        fputc(':', f);
        fwrite(v->arr->data, 1, arr_nbytes(v->arr), f);
        break;
    case V_STR:
    case V_DTYPE: fprintf(f, " %s", v->str); break;
    case V_FUNC: fprintf(f, " %p", (const void *)v->fn); break;
    default: break;
    }
    for (int i = 0; i < v->n; i++) {
        if (v->keys) fprintf(f, " k=%s", v->keys[i]);
        image_value(f, v->items[i]);
    }
    fputc('>', f);
}

/* A malloc'd image of all variables; *len its size. */
static char *image(Interp *in, size_t *len) {
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    assert_non_null(f);
    const Vars *vs = interp_vars(in);
    for (int i = 0; i < vars_count(vs); i++) {
        fprintf(f, "%s=", vars_name_at(vs, i));
        image_value(f, vars_value_at(vs, i));
        fputc('\n', f);
    }
    fclose(f);
    return buf;
}

static const char kSetup[] = "example\n"
                             "a = np.ones(3)\n"
                             "i = np.array([1, 2, 3])\n"
                             "u = np.array([1, 2, 3], dtype=np.uint8)\n"
                             "f32 = np.array([[1.5, 2.5]], dtype=np.float32)\n"
                             "m = X > 0.7\n"
                             "t = (X, 3, 'three')\n"
                             "L = [1, 2.5, 'w']\n"
                             "network = {'W1': W1, 'b1': B1}\n"
                             "s = 'text'\n"
                             "n = None\n"
                             "k = 7\n"
                             "alias = X\n";

/* Every statement here must fail and change nothing. */
static const char *const kFailing[] = {
    /* issue 8, defects 1 and 2: commands inside a statement */
    "W1[0, example] = 5",
    "X[example] = 1",
    "X += example",
    "X[clear] = 1",
    "X += clear",
    "a[9] = example",
    "a[9] = clear",
    "a, b = forward",
    "X[0] += example",
    "a, b = example",
    "X = np.array([9.0, 9.0]); a = np.ones(3); a[9] = example; print(X)",
    "X = np.array([9.0, 9.0]); a[9] = clear",
    "A = vars + 1",
    "print(clear)",
    "A = [example, 1]",
    "A = (clear,)",
    "A = {'k': example}",
    "A = X if example else W1",
    "show X[example]",
    "forward X[clear]",
    "A = np.sum(W1, axis=example)",
    "A = network[clear]",
    "(a, b), c = forward, 1",
    "a = b = example",
    /* issue 8, defect 4: overflow, never a wrap */
    "A = 2**70",
    "A = 10**18 * 10",
    "k += 2**63 - 1 + 1",
    "A = -(-9223372036854775807 - 1)",
    "i[0] = 1e300",
    "i[0] = np.nan",
    "i[1] = -np.inf",
    "u[0] = 300",
    "u[0] = -1",
    "A = 7 // 0",
    "A = 7 % 0",
    "A = 0**-1",
    "k //= 0",
    /* shapes */
    "A = dot W1 X",
    "A = np.dot(W1, X)",
    "A = W1 @ W1",
    "A = W1 + W2",
    "A = X.reshape(3, 3)",
    "A = np.reshape(W1, (4, 2))",
    "A = W1.reshape(-1, -1)",
    "W1 += W2",
    "X += W1",
    "A = np.sum(W1, axis=2)",
    "A = np.argmax(X, axis=1)",
    "W1[0] = np.ones(4)",
    "X[0:2] = np.ones(3)",
    "A1 = np.dot(X, W2) + B2",
    /* indexing */
    "A = X[5]",
    "A = W1[:, 5]",
    "A = X[0, 0]",
    "A = X[1:2:0]",
    "X[5] = 1",
    "A = X[1.5]",
    "A = X[1e999]",
    "A = L[5]",
    "A = L['a']",
    "A = t[3]",
    "A = network['W9']",
    "A = network[0]",
    "A = s[0, 1]",
    "n[0] = 1",
    "k[0] = 1",
    /* names */
    "A = nosuch",
    "A = nosuch(1)",
    "A = np.nosuch(X)",
    "A = X.nosuch",
    "A = X.nosuch()",
    "nosuch[0] = 1",
    "nosuch += 1",
    "del nosuch",
    "del X nosuch",
    /* types and values */
    "A = X + 'a'",
    "A = len(1)",
    "A = sigmoid('x')",
    "A = X(1)",
    "A = W1.shape(0)",
    "A = np.zeros('a')",
    "X += 'a'",
    "i += 0.5",
    "A = int('abc')",
    "A = float('x')",
    "A = int(np.inf)",
    "A = -'a'",
    "A = X.astype(np.float16)",
    "A = np.zeros(3, dtype=np.int8)",
    "A = np.sum(X, axes=0)",
    "A = np.dot(X, W1, out=X)",
    "A = np.zeros((100000, 100000, 100000))",
    "A = np.zeros(-1)",
    "A = np.array([[1, 2], [3]])",
    "echo maybe",
    "lesson 99999999999999999999",
    "A = np.random.seed(-1)",
    /* unpacking */
    "a, b = (1, 2, 3)",
    "a, b = 5",
    "a, b, c = W1",
    "(a, b), c = (1, 2, 3), 4",
    "a, X[9] = 1, 2",
    "X[0], X[9] = 1, 2",
    /* syntax: nothing on the line runs */
    "A = 1 +* 2",
    "A = = 1",
    "A = 1; B = ; C = 2",
    "X = 5; A = 1 +",
    "1 = X",
    "X + 1 = 2",
    "A, = ",
    "def f(x):\n    return x +",
    "for i in nosuch: A = i",
    "for i in 5: A = i",
    "if nosuch: A = 1",
    "while X: A = 1",
    "A = 1 if X else 2",
    "A = X and W1",
    "A = not X",
    "A = (lambda: nosuch)()",
    "A = (lambda x: x)()",
    "def g(x, y=1, z): return x",
    "def g(*args): return 1",
    "class C: pass",
    "A = lambda",
    "X = 1 if",
};

typedef struct Sess {
    Interp *in;
    FILE *out;
    char *buf;
    size_t len;
} Sess;

static int setup(void **state) {
    Sess *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->out = open_memstream(&s->buf, &s->len);
    s->in = nnsh_new(s->out, s->out);
    assert_non_null(s->in);
    interp_set_echo(s->in, false);
    assert_int_equal(interp_run(s->in, kSetup, "<setup>", 1), RUN_OK);
    *state = s;
    return 0;
}

static int teardown(void **state) {
    Sess *s = *state;
    interp_free(s->in);
    fclose(s->out);
    free(s->buf);
    free(s);
    return 0;
}

static void test_failing_statements_change_nothing(void **state) {
    Sess *s = *state;
    size_t n = sizeof kFailing / sizeof kFailing[0];
    assert_true(n >= 80);
    for (size_t k = 0; k < n; k++) {
        size_t l0, l1;
        char *before = image(s->in, &l0);
        fflush(s->out);
        size_t mark = s->len;
        RunStatus st = interp_run(s->in, kFailing[k], "<integrity>", 1);
        fflush(s->out);
        char *after = image(s->in, &l1);
        bool same = l0 == l1 && memcmp(before, after, l0) == 0;
        if (st != RUN_ERROR || !same)
            fprintf(stderr, "statement: %s\nstatus %d, variables %s\noutput:\n%.*s\n", kFailing[k],
                    (int)st, same ? "unchanged" : "CHANGED", (int)(s->len - mark), s->buf + mark);
        assert_int_equal(st, RUN_ERROR);
        assert_true(same);
        /* one clear message, with a caret where there is a line */
        const char *said = s->buf + mark;
        if (!strstr(said, "^")) fprintf(stderr, "no caret for: %s\n%s\n", kFailing[k], said);
        assert_true(strstr(said, "<integrity> line ") != NULL && strstr(said, "^") != NULL);
        free(before);
        free(after);
    }
    /* and the session still works: X and its alias are one array */
    assert_int_equal(interp_run(s->in, "A = X + 1; alias[0] = 5", "<after>", 1), RUN_OK);
    assert_true(arr_get(vars_get(interp_vars(s->in), "X")->arr, 0) == 5.0);
}

/* The loop that crashed the normal build (issue 8, defect 1), 30 times. */
static void test_command_in_index_loop(void **state) {
    Sess *s = *state;
    for (int k = 0; k < 30; k++)
        assert_int_equal(interp_run(s->in, "W1[0, example] = 5", "<loop>", 1), RUN_ERROR);
    assert_int_equal(interp_run(s->in, "forward", "<loop>", 1), RUN_OK);
}

/* Targets are bound left to right, as in Python. */
static void test_left_to_right_targets(void **state) {
    Sess *s = *state;
    assert_int_equal(interp_run(s->in, "b, b[0] = np.zeros(3), 5", "<t>", 1), RUN_OK);
    const Array *b = vars_get(interp_vars(s->in), "b")->arr;
    assert_true(arr_get(b, 0) == 5.0 && arr_get(b, 1) == 0.0 && b->size == 3);
    assert_int_equal(interp_run(s->in, "c = b; b[1], b = 7, np.ones(2)", "<t>", 1), RUN_OK);
    const Array *c = vars_get(interp_vars(s->in), "c")->arr;
    assert_true(arr_get(c, 1) == 7.0); /* the old b, through c */
    assert_int_equal((int)vars_get(interp_vars(s->in), "b")->arr->size, 2);
}

/* Sharing is cheap: a = (a,) nests without copying, and frees without
 * recursion. */
static void test_deep_nesting(void **state) {
    Sess *s = *state;
    assert_int_equal(interp_run(s->in, "d = ()", "<n>", 1), RUN_OK);
    for (int k = 0; k < 100000; k++)
        assert_int_equal(interp_run(s->in, "d = (d,)", "<n>", 1), RUN_OK);
    /* listing, printing, copying and converting it take no deep recursion */
    interp_set_echo(s->in, true);
    assert_int_equal(interp_run(s->in, "vars; print(d); e = d; print(len(e))", "<n>", 1), RUN_OK);
    assert_int_equal(interp_run(s->in, "np.array(d)", "<n>", 1), RUN_ERROR);
    assert_int_equal(interp_run(s->in, "del d e", "<n>", 1), RUN_OK);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_failing_statements_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_in_index_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_left_to_right_targets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deep_nesting, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
