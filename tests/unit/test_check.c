/* test_check.c - the check condition and its explanations, and
 * np.isclose / np.allclose against NumPy's own results (check_ref.h,
 * written by tests/tools/gen_check_ref.py). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "parse.h"
#include "sess.h"

#include "check_ref.h"

/* Parse `cond` and check it in the session; the output in sess_text. */
static bool check(Sess *s, const char *cond, const char *hint) {
    Node **v = NULL;
    Err e;
    int n = parse_program(cond, 1, &v, &e);
    assert_int_equal(n, 1);
    assert_int_equal(v[0]->kind, N_EXPR);
    sess_reset(s);
    bool ok = check_condition(s->in, v[0]->kids[0], hint);
    node_free(v[0]);
    free(v);
    return ok;
}

/* --- check ------------------------------------------------------------------ */

static void test_check_passes_and_counts(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    assert_true(interp_load_example(s.in, true));
    sess_run(&s, "A1 = np.dot(X, W1) + B1");
    assert_true(check(&s, "A1.shape == (3,)", NULL));
    assert_string_equal(sess_text(&s), "ok: A1.shape == (3,)\n");
    assert_true(check(&s, "A1 > 0", NULL));
    assert_true(check(&s, "W1.shape != (3, 2)", NULL));
    assert_false(check(&s, "A1.shape == (2,)", NULL));
    int ok, no;
    check_counts(s.in, &ok, &no);
    assert_int_equal(ok, 3);
    assert_int_equal(no, 1);
    sess_close(&s);
}

static void test_check_not_yet_says_why(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    assert_true(interp_load_example(s.in, true));
    sess_run(&s, "A1 = np.dot(X, W1) + B1");

    assert_false(check(&s, "A1.shape == (2,)", "  hint: look at B1\n"));
    assert_string_equal(sess_text(&s), "not yet: A1.shape == (2,)  (left is (3,), right is (2,))\n"
                                       "  hint: look at B1\n");
    /* swapped axes get their own hint */
    assert_false(check(&s, "W1.shape == (3, 2)", NULL));
    assert_has(sess_text(&s), "left is (2, 3), right is (3, 2)");
    assert_has(sess_text(&s), "hint: the two axes are the other way round");
    /* a shape against a bare number: Python says False */
    assert_false(check(&s, "A1.shape == 3", NULL));
    assert_has(sess_text(&s), "a shape is a tuple");
    /* floats: exact == fails, with the allclose hint */
    assert_false(check(&s, "A1 == [0.3, 0.7, 1.1]", NULL));
    assert_has(sess_text(&s), "1 of 3 elements differ");
    assert_has(sess_text(&s), "allclose");
    /* an unknown name is "not yet", not an error */
    assert_false(check(&s, "Q.shape == (3,)", NULL));
    assert_has(sess_text(&s), "not yet: Q.shape == (3,)  (name 'Q' is not defined");
    /* shapes that do not broadcast */
    assert_false(check(&s, "A1 == [1.0, 2.0]", NULL));
    assert_has(sess_text(&s), "not yet: A1 == [1.0, 2.0]\n  cannot compare (3,) and (2,)");
    /* not a condition */
    assert_false(check(&s, "A1.shape", NULL));
    assert_has(sess_text(&s), "needs a condition");
    assert_false(check(&s, "A1 > 0.5", NULL));
    assert_has(sess_text(&s), "1 of 3 comparisons are False");
    int ok, no;
    check_counts(s.in, &ok, &no);
    assert_int_equal(ok, 0);
    assert_int_equal(no, 8);
    sess_close(&s);
}

static void test_check_dtype_and_scalars(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "s = step_function(np.array([-1.0, 1.0, 2.0]))");
    assert_true(check(&s, "s.dtype == np.int64", NULL));
    assert_false(check(&s, "s.dtype == np.float64", NULL));
    assert_has(sess_text(&s), "left is int64, right is float64");
    assert_true(check(&s, "s == [0, 1, 1]", NULL));
    assert_true(check(&s, "True", NULL));
    assert_false(check(&s, "False", NULL));
    assert_has(sess_text(&s), "it is False");
    sess_close(&s);
}

/* --- allclose / isclose against NumPy -------------------------------------- */

static Array *make(const char *dt, int nd, const int64_t *shape, const double *v) {
    DType t;
    assert_true(dtype_parse(dt, &t));
    Err e;
    err_clear(&e);
    int64_t sh[4] = {0};
    for (int i = 0; i < nd; i++)
        sh[i] = shape[i];
    Array *a = arr_from_f64(t, nd, sh, v, &e);
    assert_non_null(a);
    return a;
}

static void test_isclose_matches_numpy(void **state) {
    (void)state;
    int n = (int)(sizeof kCloseCases / sizeof kCloseCases[0]);
    for (int c = 0; c < n; c++) {
        const CloseCase *k = &kCloseCases[c];
        Array *a = make(k->adt, k->andim, k->ashape, k->a);
        Array *b = make(k->bdt, k->bndim, k->bshape, k->b);
        Err e;
        err_clear(&e);
        Array *r = check_isclose(a, b, k->rtol, k->atol, k->equal_nan, &e);
        assert_non_null(r);
        assert_int_equal(r->dtype, DT_BOOL);
        assert_int_equal(r->ndim, k->rndim);
        for (int i = 0; i < k->rndim; i++)
            assert_int_equal(r->shape[i], k->rshape[i]);
        for (int64_t i = 0; i < r->size; i++)
            if ((int)arr_get(r, i) != k->r[i])
                fail_msg("case %d element %lld: got %d, NumPy %d", c, (long long)i,
                         (int)arr_get(r, i), k->r[i]);
        bool all;
        assert_true(check_allclose(a, b, k->rtol, k->atol, k->equal_nan, &all, &e));
        if ((int)all != k->all) fail_msg("case %d: allclose %d, NumPy %d", c, all, k->all);
        arr_free(r);
        arr_free(a);
        arr_free(b);
    }
}

static void test_allclose_shape_error(void **state) {
    (void)state;
    int64_t s3[1] = {3}, s2[1] = {2};
    double v[3] = {1, 2, 3};
    Array *a = make("float64", 1, s3, v), *b = make("float64", 1, s2, v);
    Err e;
    err_clear(&e);
    bool all = true;
    assert_false(check_allclose(a, b, 1e-5, 1e-8, false, &all, &e));
    assert_false(all);
    assert_int_equal(e.kind, ERR_SHAPE);
    assert_string_equal(e.numpy_msg,
                        "operands could not be broadcast together with shapes (3,) (2,)");
    arr_free(a);
    arr_free(b);
}

static void test_allclose_builtin(void **state) {
    (void)state;
    /* through the table entry, with a list argument and keywords */
    const Builtin *b = NULL;
    for (const Builtin *t = check_builtins; t->name; t++)
        if (strcmp(t->name, "allclose") == 0) b = t;
    assert_non_null(b);
    Sess s;
    sess_open(&s);
    sess_run(&s, "Y = np.array([0.31682708, 0.69627909]); r = 0.001; l = [0.3168, 0.6963]");
    Err e;
    err_clear(&e);
    Value *args[2] = {(Value *)vars_get(interp_vars(s.in), "Y"),
                      (Value *)vars_get(interp_vars(s.in), "l")};
    const Node *nodes[2] = {NULL, NULL};
    Node call = {0};
    call.kind = N_CALL;
    CallArgs ca = {0};
    ca.n = 2;
    ca.v = args;
    ca.nodes = nodes;
    ca.call = &call;
    ca.fname = "allclose";
    Value *v = b->fn(s.in, &ca, &e);
    assert_non_null(v);
    assert_int_equal(v->kind, V_ARRAY);
    assert_int_equal((int)arr_get(v->arr, 0), 0); /* NumPy: False */
    val_free(v);
    const char *kwn[1] = {"rtol"};
    Value *kw[1] = {(Value *)vars_get(interp_vars(s.in), "r")};
    ca.nkw = 1;
    ca.kwname = kwn;
    ca.kw = kw;
    v = b->fn(s.in, &ca, &e);
    assert_non_null(v);
    assert_int_equal((int)arr_get(v->arr, 0), 1); /* NumPy (rtol=0.001): True */
    val_free(v);
    sess_close(&s);
}

/* --- inputs found by fuzzing (tests/fuzz/fuzz_eval.c) ------------------------------ */

/* check borrowed its left side, then evaluated a right side that ran a
 * command rebinding it: `check X == example` read the freed X (caught by
 * `make test SAN=1`). The left side is now an owned copy. */
static void test_fuzz_check_command_on_the_right(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    assert_true(interp_load_example(s.in, true));
    sess_run(&s, "X = np.array([3.0, 4.0])");
    assert_false(check(&s, "X == example", NULL));
    assert_has(sess_text(&s), "'example' is a command");
    assert_false(check(&s, "allclose(X, clear)", NULL));
    assert_has(sess_text(&s), "'clear' is a command");
    assert_false(check(&s, "X[0] == clear", NULL));
    sess_close(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_passes_and_counts),
        cmocka_unit_test(test_check_not_yet_says_why),
        cmocka_unit_test(test_check_dtype_and_scalars),
        cmocka_unit_test(test_isclose_matches_numpy),
        cmocka_unit_test(test_allclose_shape_error),
        cmocka_unit_test(test_allclose_builtin),
        cmocka_unit_test(test_fuzz_check_command_on_the_right),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
