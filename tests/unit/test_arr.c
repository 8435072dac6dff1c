/* test_arr.c - array life cycle and dtypes (arr.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arr.h"

static void test_dtypes(void **state) {
    (void)state;
    DType t;
    assert_true(dtype_parse("np.float32", &t) && t == DT_FLOAT32);
    assert_true(dtype_parse("float", &t) && t == DT_FLOAT64);
    assert_true(dtype_parse("int", &t) && t == DT_INT64);
    assert_true(dtype_parse("uint8", &t) && t == DT_UINT8);
    assert_true(dtype_parse("bool", &t) && t == DT_BOOL);
    assert_false(dtype_parse("float16", &t));
    assert_false(dtype_parse("complex", &t));
    /* NumPy's promotion: the larger type, except int64 with float32 */
    assert_int_equal(dtype_promote(DT_UINT8, DT_FLOAT32), DT_FLOAT32);
    assert_int_equal(dtype_promote(DT_INT64, DT_FLOAT32), DT_FLOAT64);
    assert_int_equal(dtype_promote(DT_BOOL, DT_INT64), DT_INT64);
    assert_int_equal(dtype_promote(DT_FLOAT32, DT_FLOAT32), DT_FLOAT32);
    assert_int_equal((int)dtype_size(DT_FLOAT32), 4);
    assert_string_equal(dtype_name(DT_UINT8), "uint8");
}

static void test_new_and_copy(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    int64_t shape[2] = {2, 3};
    Array *a = arr_new(DT_FLOAT64, 2, shape, &e);
    assert_non_null(a);
    assert_int_equal(a->size, 6);
    for (int64_t i = 0; i < a->size; i++)
        assert_true(arr_get(a, i) == 0.0);
    arr_set(a, 4, 2.5);
    Array *c = arr_copy(a, &e);
    arr_set(a, 4, 7.0);
    assert_true(arr_get(c, 4) == 2.5); /* a copy owns its own data */
    assert_true(arr_same_shape(a, c));
    assert_int_equal((int)arr_nbytes(c), 48);
    arr_free(a);
    arr_free(c);
    /* a 0-d scalar has size 1; an empty axis gives size 0 */
    Array *s = arr_scalar_i64(-3, &e);
    assert_int_equal(s->ndim, 0);
    assert_int_equal(s->size, 1);
    assert_int_equal(arr_get_i64(s, 0), -3);
    arr_free(s);
    int64_t empty[2] = {0, 4};
    Array *z = arr_new(DT_FLOAT32, 2, empty, &e);
    assert_non_null(z);
    assert_int_equal(z->size, 0);
    arr_free(z);
}

/* Big arrays take the huge-page path; arr_new must still give zeros. */
static void test_big_zeroed(void **state) {
    (void)state;
    Err e;
    int64_t shape[2] = {2000, 1000}; /* 8 MB of float32 */
    Array *a = arr_new(DT_FLOAT32, 2, shape, &e);
    assert_non_null(a);
    const float *p = a->data;
    for (int64_t i = 0; i < a->size; i += 997)
        assert_true(p[i] == 0.0f);
    assert_true(p[a->size - 1] == 0.0f);
    arr_free(a);
}

static void test_errors(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    int64_t shape[5] = {1, 1, 1, 1, 1};
    assert_null(arr_new(DT_FLOAT64, 5, shape, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    int64_t huge[2] = {INT64_MAX / 2, 4};
    err_clear(&e);
    assert_null(arr_new(DT_FLOAT64, 2, huge, &e));
    assert_int_equal(e.kind, ERR_MEMORY);
    /* conversions behave as C casts, nan to int as NumPy on x86 */
    Array *i = arr_scalar_i64(0, &e);
    arr_set(i, 0, -2.9);
    assert_int_equal(arr_get_i64(i, 0), -2);
    arr_set(i, 0, NAN);
    assert_int_equal(arr_get_i64(i, 0), INT64_MIN);
    arr_free(i);
    char buf[64];
    int64_t s3[1] = {3}, s23[2] = {2, 3};
    assert_string_equal(shape_str(buf, 1, s3), "(3,)");
    assert_string_equal(shape_str(buf, 2, s23), "(2, 3)");
    assert_string_equal(shape_str(buf, 0, NULL), "()");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dtypes),
        cmocka_unit_test(test_new_and_copy),
        cmocka_unit_test(test_big_zeroed),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
