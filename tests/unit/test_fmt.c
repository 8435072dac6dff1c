/* test_fmt.c - fmt_str / fmt_repr / fmt_scalar against texts printed by
 * NumPy 1.24 (tests/unit/fmt_cases.h, from tests/tools/gen_fmt_cases.py),
 * and the line helpers of the text buffer (sbuf.h) that fmt lays them out
 * with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fmt.h"
#include "fmt_cases.h"
#include "sbuf.h"

#define NCASES (sizeof fmt_cases / sizeof fmt_cases[0])
#define NSCALARS (sizeof fmt_scalar_cases / sizeof fmt_scalar_cases[0])

/* Build the array of case c: from its stored values or from its recipe. */
static Array *case_array(const FmtCase *c) {
    int64_t n = shape_size(c->ndim, c->shape);
    double *v = malloc(sizeof *v * (size_t)(n ? n : 1));
    assert_non_null(v);
    for (int64_t i = 0; i < n; i++) {
        if (c->values)
            v[i] = c->values[i];
        else
            v[i] = (double)((i * c->mul + c->add) % c->mod - c->sub) / c->div;
    }
    Err e;
    err_clear(&e);
    Array *a = arr_from_f64(c->dtype, c->ndim, c->shape, v, &e);
    free(v);
    assert_non_null(a);
    return a;
}

static FmtOpts case_opts(const FmtCase *c) {
    FmtOpts o = fmt_default();
    o.precision = c->precision;
    o.threshold = c->threshold;
    o.edgeitems = c->edgeitems;
    o.linewidth = c->linewidth;
    o.suppress = c->suppress != 0;
    return o;
}

/* Print a mismatch with both texts and the first differing position. */
static int check(const char *what, const char *name, const char *want, const char *got) {
    if (got && strcmp(want, got) == 0) return 0;
    size_t k = 0;
    if (got)
        while (want[k] && want[k] == got[k])
            k++;
    print_error("%s of case \"%s\" differs from NumPy at byte %zu\n"
                "--- expected (NumPy) ---\n%s\n--- got ---\n%s\n--- end ---\n",
                what, name, k, want, got ? got : "(NULL)");
    return 1;
}

static void test_str_cases(void **state) {
    (void)state;
    int bad = 0;
    for (size_t k = 0; k < NCASES; k++) {
        const FmtCase *c = &fmt_cases[k];
        Array *a = case_array(c);
        FmtOpts o = case_opts(c);
        char *s = fmt_str(a, &o);
        bad += check("str", c->name, c->str, s);
        free(s);
        arr_free(a);
    }
    if (bad) fail_msg("%d of %zu str cases differ", bad, NCASES);
}

static void test_repr_cases(void **state) {
    (void)state;
    int bad = 0, n = 0;
    for (size_t k = 0; k < NCASES; k++) {
        const FmtCase *c = &fmt_cases[k];
        if (!c->repr) continue;
        n++;
        Array *a = case_array(c);
        FmtOpts o = case_opts(c);
        char *s = fmt_repr(a, &o);
        bad += check("repr", c->name, c->repr, s);
        free(s);
        arr_free(a);
    }
    assert_true(n >= 10);
    if (bad) fail_msg("%d of %d repr cases differ", bad, n);
}

static void test_scalar_cases(void **state) {
    (void)state;
    int bad = 0;
    for (size_t k = 0; k < NSCALARS; k++) {
        const FmtScalarCase *c = &fmt_scalar_cases[k];
        Array *a = arr_from_f64(c->dtype, 0, NULL, &c->value, NULL);
        assert_non_null(a);
        char *s = fmt_scalar(a, 0);
        char name[64];
        snprintf(name, sizeof name, "%s %a", dtype_name(c->dtype), c->value);
        bad += check("scalar str", name, c->str, s);
        free(s);
        arr_free(a);
    }
    if (bad) fail_msg("%d of %zu scalar cases differ", bad, NSCALARS);
}

/* fmt_scalar picks element i of a bigger array, and NULL options mean the
 * defaults. */
static void test_scalar_index_and_null_opts(void **state) {
    (void)state;
    int64_t shape[1] = {3};
    double v[3] = {0.25, 1e-5, -3.0};
    Array *a = arr_from_f64(DT_FLOAT32, 1, shape, v, NULL);
    assert_non_null(a);
    char *s = fmt_scalar(a, 1);
    assert_string_equal(s, "1e-05");
    free(s);
    s = fmt_str(a, NULL);
    assert_string_equal(s, "[ 2.5e-01  1.0e-05 -3.0e+00]");
    free(s);
    arr_free(a);
}

/* A summarised (10000, 784) array formats only its corners: it must be fast. */
static void test_big_is_fast(void **state) {
    (void)state;
    int64_t shape[2] = {10000, 784};
    Array *a = arr_new(DT_FLOAT32, 2, shape, NULL);
    assert_non_null(a);
    clock_t t0 = clock();
    for (int r = 0; r < 100; r++) {
        char *s = fmt_repr(a, NULL);
        assert_non_null(s);
        free(s);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    arr_free(a);
    if (secs > 1.0) fail_msg("100 reprs of a (10000, 784) array took %.2f s", secs);
}

/* The column, strip and reset helpers fmt's line wrapping relies on. */
static void test_sbuf_lines(void **state) {
    (void)state;
    SBuf b = {0};
    assert_int_equal(sbuf_col(&b), 0);
    sbuf_rstrip(&b); /* nothing written: nothing to do */
    sbuf_puts(&b, "[1 2");
    assert_int_equal(sbuf_col(&b), 4);
    sbuf_spaces(&b, 3);
    assert_int_equal(sbuf_col(&b), 7);
    sbuf_rstrip(&b);
    assert_string_equal(b.p, "[1 2");
    sbuf_putc(&b, '\n');
    assert_int_equal(sbuf_col(&b), 0);
    sbuf_spaces(&b, 2); /* a line of blanks strips back to the newline */
    sbuf_rstrip(&b);
    assert_string_equal(b.p, "[1 2\n");
    sbuf_printf(&b, " %d]", 3);
    assert_int_equal(sbuf_col(&b), 3);
    assert_int_equal(b.len, 8);
    size_t cap = b.cap;
    sbuf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.p, "");
    assert_int_equal(b.cap, cap); /* the memory is kept for reuse */
    sbuf_puts(&b, "x");
    char *t = sbuf_done(&b);
    assert_string_equal(t, "x");
    assert_null(b.p);
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_str_cases),    cmocka_unit_test(test_repr_cases),
        cmocka_unit_test(test_scalar_cases), cmocka_unit_test(test_scalar_index_and_null_opts),
        cmocka_unit_test(test_big_is_fast),  cmocka_unit_test(test_sbuf_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
