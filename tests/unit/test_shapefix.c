/* test_shapefix.c - the shape debugger: the fix finder, the shape rules,
 * the rule text, NumPy's wording and the printed explanation.
 *
 * The cases and every expected fix come from tests/unit/shapefix_ref.h,
 * written by tests/tools/gen_shapefix.py, which ran each failing operation
 * and each fix in NumPy: the fixes are known to work there, with the shapes
 * recorded.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "shapefix.h"

#include "shapefix_ref.h"

/* Build the Err a kernel and the evaluator would produce for case c. */
static void make_err(Err *e, const RefCase *c) {
    bool two = strcmp(c->op, "reshape") == 0 || c->shape[1].nd > 0 || strcmp(c->op, "index") != 0;
    err_clear(e);
    err_shape(e, c->op, c->shape[0].nd, c->shape[0].s, c->shape[1].nd, two ? c->shape[1].s : NULL,
              "%s", c->numpy_msg);
    if (strcmp(c->op, "index") == 0) {
        e->kind = ERR_INDEX;
        e->axis[0] = c->axis0;
    }
    snprintf(e->numpy_msg, sizeof e->numpy_msg, "%s", c->numpy_msg);
    for (int i = 0; i < e->nops; i++)
        snprintf(e->ops[i].name, sizeof e->ops[i].name, "%s", c->name[i]);
}

static void check_case(const RefCase *c) {
    Err e;
    ShapeFix fx[SHAPEFIX_MAX];
    make_err(&e, c);
    int n = shapefix_suggest(&e, c->style, fx, SHAPEFIX_MAX);
    if (n != c->nfix) {
        for (int i = 0; i < n; i++)
            print_message("  got %s\n", fx[i].code);
        fail_msg("%s: %d fixes, expected %d", c->label, n, c->nfix);
    }
    for (int i = 0; i < n; i++) {
        if (strcmp(fx[i].code, c->fix[i].code) != 0)
            fail_msg("%s: fix %d is '%s', expected '%s'", c->label, i, fx[i].code, c->fix[i].code);
        assert_int_equal(fx[i].ndim, c->fix[i].shape.nd);
        for (int k = 0; k < fx[i].ndim; k++)
            assert_int_equal(fx[i].shape[k], c->fix[i].shape.s[k]);
        assert_true(fx[i].why[0] != '\0');
    }
}

static const RefCase *find_case(const char *label) {
    for (size_t i = 0; i < sizeof kRefCases / sizeof kRefCases[0]; i++)
        if (strcmp(kRefCases[i].label, label) == 0) return &kRefCases[i];
    fail_msg("no case %s", label);
    return NULL;
}

/* One test per reference case, so a failure names the case. */
#define CASE_TEST(label)                                                                           \
    static void test_fix_##label(void **state) {                                                   \
        (void)state;                                                                               \
        check_case(find_case(#label));                                                             \
    }
CASE_TEST(dot_w_x)
CASE_TEST(dot_w_x_np)
CASE_TEST(dot_batch_t)
CASE_TEST(dot_call)
CASE_TEST(dot_2d_swap)
CASE_TEST(dot_drop_T)
CASE_TEST(matmul_op)
CASE_TEST(matmul_1d_left)
CASE_TEST(dot_1d_1d)
CASE_TEST(add_column)
CASE_TEST(add_bias_wrong)
CASE_TEST(sub_rows)
CASE_TEST(mul_transpose)
CASE_TEST(div_reshape)
CASE_TEST(maximum_col)
CASE_TEST(add_temp_names)
CASE_TEST(add_nothing_works)
CASE_TEST(reshape_1d)
CASE_TEST(reshape_2d)
CASE_TEST(reshape_batch)
CASE_TEST(index_1d)
CASE_TEST(index_2d_other)
CASE_TEST(index_axis1)
CASE_TEST(layer_w_transposed)
CASE_TEST(layer_image)
CASE_TEST(layer_batch_images)

/* Every case of the table is tested above. */
static void test_all_cases_listed(void **state) {
    (void)state;
    assert_int_equal(sizeof kRefCases / sizeof kRefCases[0], 26);
}

/* Without a numpy_msg from the kernel, the wording nnsh builds must be
 * NumPy's exactly (dot, matmul, broadcasting, reshape). */
static void test_numpy_wording(void **state) {
    (void)state;
    int checked = 0;
    for (size_t i = 0; i < sizeof kRefCases / sizeof kRefCases[0]; i++) {
        const RefCase *c = &kRefCases[i];
        if (!c->numpy_msg[0] || strcmp(c->op, "layer") == 0 || strcmp(c->op, "index") == 0)
            continue;
        Err e;
        char buf[256];
        make_err(&e, c);
        e.numpy_msg[0] = '\0';
        shapefix_numpy_msg(&e, buf, sizeof buf);
        if (strcmp(buf, c->numpy_msg) != 0)
            fail_msg("%s: built '%s', NumPy says '%s'", c->label, buf, c->numpy_msg);
        checked++;
    }
    assert_true(checked >= 18);
}

/* At most `max` fixes are returned, best first. */
static void test_max_respected(void **state) {
    (void)state;
    Err e;
    ShapeFix fx[3];
    make_err(&e, find_case("mul_transpose"));
    assert_int_equal(shapefix_suggest(&e, FIX_COMMAND, fx, 1), 1);
    assert_string_equal(fx[0].code, "A * B.T");
    assert_int_equal(shapefix_suggest(&e, FIX_COMMAND, fx, 0), 0);
    assert_int_equal(shapefix_suggest(NULL, FIX_COMMAND, fx, 3), 0);
}

/* An op the finder does not know gives no fix, and no crash. */
static void test_unknown_op(void **state) {
    (void)state;
    Err e;
    ShapeFix fx[3];
    int64_t a[1] = {3};
    err_shape(&e, "softmax", 1, a, 0, NULL, "nothing to fix");
    assert_int_equal(shapefix_suggest(&e, FIX_COMMAND, fx, 3), 0);
    char buf[128];
    assert_string_equal(shapefix_rule(&e, buf, sizeof buf), "");
}

static void test_dot_rule(void **state) {
    (void)state;
    int rn, ca, cb;
    int64_t r[4];
    int64_t w[2] = {2, 3}, x[1] = {2}, b[2] = {784, 50}, xb[2] = {100, 784};
    /* (2,)·(2,3) -> (3,) */
    assert_true(shapefix_dot_shape(1, x, 2, w, &rn, r, &ca, &cb));
    assert_int_equal(rn, 1);
    assert_int_equal(r[0], 3);
    /* (2,3)·(2,) fails on axis 1 of the left, axis 0 of the right */
    assert_false(shapefix_dot_shape(2, w, 1, x, &rn, r, &ca, &cb));
    assert_int_equal(ca, 1);
    assert_int_equal(cb, 0);
    /* (100,784)·(784,50) -> (100,50) */
    assert_true(shapefix_dot_shape(2, xb, 2, b, &rn, r, NULL, NULL));
    assert_int_equal(rn, 2);
    assert_int_equal(r[0], 100);
    assert_int_equal(r[1], 50);
    /* a scalar scales */
    assert_true(shapefix_dot_shape(0, NULL, 2, w, &rn, r, NULL, NULL));
    assert_int_equal(rn, 2);
    /* (2,)·(2,) -> () */
    assert_true(shapefix_dot_shape(1, x, 1, x, &rn, r, NULL, NULL));
    assert_int_equal(rn, 0);
}

static void test_matmul_rule(void **state) {
    (void)state;
    int rn, ca, cb;
    int64_t r[4];
    int64_t a[3] = {5, 2, 3}, b[3] = {5, 3, 4}, c[3] = {4, 3, 2}, x[1] = {3};
    assert_true(shapefix_matmul_shape(3, a, 3, b, &rn, r, &ca, &cb));
    assert_int_equal(rn, 3);
    assert_int_equal(r[0], 5);
    assert_int_equal(r[1], 2);
    assert_int_equal(r[2], 4);
    /* (5,2,3)@(4,3,2): core axes fit, batch axes 5 and 4 do not */
    assert_false(shapefix_matmul_shape(3, a, 3, c, &rn, r, &ca, &cb));
    /* (5,2,3)@(3,) -> (5,2) */
    assert_true(shapefix_matmul_shape(3, a, 1, x, &rn, r, &ca, &cb));
    assert_int_equal(rn, 2);
    assert_int_equal(r[1], 2);
    /* no scalars */
    assert_false(shapefix_matmul_shape(0, NULL, 1, x, &rn, r, &ca, &cb));
}

static void test_rule_text(void **state) {
    (void)state;
    Err e;
    char buf[256];
    make_err(&e, find_case("dot_w_x"));
    assert_string_equal(shapefix_rule(&e, buf, sizeof buf),
                        "dot needs the last axis of W1 to equal the first axis of X: 3 != 2");
    make_err(&e, find_case("add_column"));
    assert_string_equal(shapefix_rule(&e, buf, sizeof buf),
                        "+ (add) lines shapes up from the right and each pair of axes must "
                        "be equal or 1: axis 1 of A is 3, axis 0 of b is 2");
    make_err(&e, find_case("reshape_1d"));
    assert_string_equal(shapefix_rule(&e, buf, sizeof buf),
                        "reshape keeps every element: x has 6, (4,) holds 4");
    make_err(&e, find_case("index_1d"));
    assert_string_equal(shapefix_rule(&e, buf, sizeof buf),
                        "axis 0 of x has 3 items: an index must be 0..2 (or -3..-1), and 5 "
                        "is not");
    make_err(&e, find_case("layer_w_transposed"));
    assert_string_equal(shapefix_rule(&e, buf, sizeof buf),
                        "each layer takes the previous one's output: the last axis of W1 "
                        "must equal the first axis of W2: 3 != 2");
}

/* How the op was written decides how the fix is spelt. */
static void test_style_of(void **state) {
    (void)state;
    Err e;
    make_err(&e, find_case("dot_w_x"));
    e.span = (Span){1, 5, 8};
    assert_int_equal(shapefix_style_of(&e, "A1 = dot W1 X + B1"), FIX_COMMAND);
    e.span = (Span){1, 5, 11};
    assert_int_equal(shapefix_style_of(&e, "A1 = np.dot(W1, X) + B1"), FIX_NPCALL);
    e.span = (Span){1, 0, 3};
    assert_int_equal(shapefix_style_of(&e, "dot(W1, X)"), FIX_CALL);
    e.span = (Span){2, 0, 3};
    assert_int_equal(shapefix_style_of(&e, "x = 1\ndot W1 X"), FIX_COMMAND);
    strcpy(e.op, "matmul");
    e.span = (Span){1, 3, 4};
    assert_int_equal(shapefix_style_of(&e, "W1 @ X"), FIX_OPERATOR);
    assert_int_equal(shapefix_style_of(&e, NULL), FIX_OPERATOR);
}

static char *capture_explain(const Err *e, const char *src, const char *srcname) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    shapefix_print(f, e, srcname, src, false);
    fclose(f);
    return text;
}

/* The whole explanation of `dot W1 X`, line by line. */
static void test_explain_dot(void **state) {
    (void)state;
    Err e;
    make_err(&e, find_case("dot_w_x"));
    snprintf(e.msg, sizeof e.msg, "dot: shapes (2, 3) and (2,) do not fit");
    e.span = (Span){1, 0, 3};
    e.ops[0].span = (Span){1, 4, 6};
    e.ops[1].span = (Span){1, 7, 8};
    char *t = capture_explain(&e, "dot W1 X", "<stdin>");
    const char *want =
        "shape error: dot: shapes (2, 3) and (2,) do not fit\n"
        "  at <stdin> line 1, column 1:\n"
        "    dot W1 X\n"
        "    ^^^ ~~ ~\n"
        "  W1  (2, 3)\n"
        "          ^ axis 1 is 3\n"
        "  X   (2,)\n"
        "       ^ axis 0 is 2\n"
        "  rule:  dot needs the last axis of W1 to equal the first axis of X: 3 != 2\n"
        "  numpy: shapes (2,3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)\n"
        "  try:\n"
        "    dot X W1    # swap the operands -> (3,)\n"
        "    dot W1.T X  # transpose W1 -> (3,)\n";
    assert_string_equal(t, want);
    free(t);
}

/* Broadcasting: the caret goes under the operator, the fix keeps `+`. */
static void test_explain_broadcast(void **state) {
    (void)state;
    Err e;
    make_err(&e, find_case("add_column"));
    snprintf(e.msg, sizeof e.msg, "cannot broadcast (2, 3) and (2,)");
    e.span = (Span){1, 6, 7};
    char *t = capture_explain(&e, "y = A + b", NULL);
    assert_non_null(strstr(t, "    y = A + b\n          ^\n"));
    assert_non_null(strstr(t, "    A + b.reshape(2, 1)  # make b a column -> (2, 3)\n"));
    /* NumPy's message ends in a blank, which is not printed */
    assert_non_null(strstr(t, "numpy: operands could not be broadcast together with shapes "
                              "(2,3) (2,)\n"));
    assert_null(strstr(t, "  at "));
    free(t);
}

/* Colour only when asked; errors without operands use err_print. */
static void test_explain_plain_errors(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    err_set_at(&e, ERR_NAME, (Span){1, 0, 2}, "name 'W9' is not defined");
    char *t = capture_explain(&e, "W9", NULL);
    assert_string_equal(t, "name error: name 'W9' is not defined\n    W9\n    ^^\n");
    free(t);
    make_err(&e, find_case("dot_w_x"));
    t = capture_explain(&e, NULL, NULL);
    assert_null(strchr(t, '\033'));
    assert_non_null(strstr(t, "dot X W1"));
    free(t);
}

/* Fixes fit 80 columns: a long statement keeps its code whole on one line
 * and its note goes under it; short ones share a column for their notes. */
static void test_print_fixes_width(void **state) {
    (void)state;
    setenv("COLUMNS", "80", 1);
    ShapeFix fx[2];
    memset(fx, 0, sizeof fx);
    snprintf(fx[0].code, sizeof fx[0].code, "%s",
             "a1 = np.dot(x_batch_normalised, network['W1']) + network['b1']");
    snprintf(fx[0].why, sizeof fx[0].why, "%s", "x_batch_normalised without the .T");
    fx[0].ndim = 2;
    fx[0].shape[0] = 100;
    fx[0].shape[1] = 50;
    snprintf(fx[1].code, sizeof fx[1].code, "%s", "n = x.shape[0]");
    snprintf(fx[1].why, sizeof fx[1].why, "%s", "shape is a property");
    fx[1].ndim = -1;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    shapefix_print_fixes(f, fx, 2, false);
    fclose(f);
    assert_string_equal(text, "  try:\n"
                              "    a1 = np.dot(x_batch_normalised, network['W1']) + network['b1']\n"
                              "      # x_batch_normalised without the .T -> (100, 50)\n"
                              "    n = x.shape[0]  # shape is a property\n");
    free(text);
    /* wrapping keeps "3 != 2" together and indents what follows */
    text = NULL;
    f = open_memstream(&text, &len);
    assert_non_null(f);
    shapefix_wrap(f, "  rule:  ",
                  "dot needs the last axis of a_rather_long_name to equal the first "
                  "axis of W: 784 != 50",
                  9);
    fclose(f);
    assert_string_equal(text, "  rule:  dot needs the last axis of a_rather_long_name to equal the "
                              "first axis\n         of W: 784 != 50\n");
    free(text);
    /* a command in backticks is never split: it must paste as printed */
    text = NULL;
    f = open_memstream(&text, &len);
    assert_non_null(f);
    shapefix_wrap(f, "name error: ",
                  "x_test and t_test are not defined yet, so please type `load_mnist test`",
                  2);
    fclose(f);
    assert_string_equal(text, "name error: x_test and t_test are not defined yet, so please type\n"
                              "  `load_mnist test`\n"); /* `load_mnist alone would fit */
    free(text);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fix_dot_w_x),
        cmocka_unit_test(test_fix_dot_w_x_np),
        cmocka_unit_test(test_fix_dot_batch_t),
        cmocka_unit_test(test_fix_dot_call),
        cmocka_unit_test(test_fix_dot_2d_swap),
        cmocka_unit_test(test_fix_dot_drop_T),
        cmocka_unit_test(test_fix_matmul_op),
        cmocka_unit_test(test_fix_matmul_1d_left),
        cmocka_unit_test(test_fix_dot_1d_1d),
        cmocka_unit_test(test_fix_add_column),
        cmocka_unit_test(test_fix_add_bias_wrong),
        cmocka_unit_test(test_fix_sub_rows),
        cmocka_unit_test(test_fix_mul_transpose),
        cmocka_unit_test(test_fix_div_reshape),
        cmocka_unit_test(test_fix_maximum_col),
        cmocka_unit_test(test_fix_add_temp_names),
        cmocka_unit_test(test_fix_add_nothing_works),
        cmocka_unit_test(test_fix_reshape_1d),
        cmocka_unit_test(test_fix_reshape_2d),
        cmocka_unit_test(test_fix_reshape_batch),
        cmocka_unit_test(test_fix_index_1d),
        cmocka_unit_test(test_fix_index_2d_other),
        cmocka_unit_test(test_fix_index_axis1),
        cmocka_unit_test(test_fix_layer_w_transposed),
        cmocka_unit_test(test_fix_layer_image),
        cmocka_unit_test(test_fix_layer_batch_images),
        cmocka_unit_test(test_all_cases_listed),
        cmocka_unit_test(test_numpy_wording),
        cmocka_unit_test(test_max_respected),
        cmocka_unit_test(test_unknown_op),
        cmocka_unit_test(test_dot_rule),
        cmocka_unit_test(test_matmul_rule),
        cmocka_unit_test(test_rule_text),
        cmocka_unit_test(test_style_of),
        cmocka_unit_test(test_explain_dot),
        cmocka_unit_test(test_explain_broadcast),
        cmocka_unit_test(test_explain_plain_errors),
        cmocka_unit_test(test_print_fixes_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
