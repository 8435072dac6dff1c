/* test_pkl.c - the safe pickle reader against pickles written by Python and
 * NumPy 1.24, the book's sample_weight.pkl, and damaged or malicious input.
 * Expected values come from tests/tools/gen_pkl_fixtures.py (pkl_ref.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkl.h"
#include "pkl_ref.h"

#define FIXDIR "tests/fixtures/pkl/"

/* Path of a file in the shared data directory; false if it is absent. */
static bool data_file(const char *name, char *buf, size_t cap) {
    const char *d = getenv("NNSH_TEST_DATA");
    snprintf(buf, cap, "%s/%s", d && *d ? d : "../shared/mnist", name);
    FILE *f = fopen(buf, "rb");
    if (!f) return false;
    fclose(f);
    return true;
}

/* Whole file into a malloc'd buffer (the test fails if it cannot). */
static uint8_t *slurp(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s (run the tests from the repository root)", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(len > 0 ? (size_t)len : 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return b;
}

static void check_ref_array(const RefArr *r, const char *name, const Array *a) {
    if (strcmp(r->name, name) != 0) fail_msg("expected key %s, got %s", r->name, name);
    assert_int_equal(a->dtype, r->dtype);
    assert_int_equal(a->ndim, r->ndim);
    for (int k = 0; k < r->ndim; k++)
        assert_int_equal(a->shape[k], r->shape[k]);
    assert_int_equal(a->size, r->size);
    for (int64_t i = 0; i < r->size; i++) {
        if (r->ivals) {
            if (arr_get_i64(a, i) != r->ivals[i])
                fail_msg("%s[%lld]: %lld != %lld", r->name, (long long)i,
                         (long long)arr_get_i64(a, i), (long long)r->ivals[i]);
        } else {
            double v = arr_get(a, i);
            /* exact, sign of zero included */
            if (!(v == r->vals[i] && signbit(v) == signbit(r->vals[i])))
                fail_msg("%s[%lld]: %.17g != %.17g", r->name, (long long)i, v, r->vals[i]);
        }
    }
}

/* --- the book's weights ----------------------------------------------------- */

static void test_real_weights(void **state) {
    (void)state;
    char path[512];
    if (!data_file("sample_weight.pkl", path, sizeof path)) skip();
    PklDict d;
    Err e;
    err_clear(&e);
    if (pkl_load(path, &d, &e) != 0) fail_msg("%s", e.msg);
    assert_int_equal(d.n, REF_N_WEIGHTS);
    for (int i = 0; i < d.n; i++) {
        const RefWeight *r = &ref_weights[i];
        const Array *a = d.arrays[i];
        assert_string_equal(d.names[i], r->name);
        assert_int_equal(a->dtype, DT_FLOAT32);
        assert_int_equal(a->ndim, r->ndim);
        for (int k = 0; k < r->ndim; k++)
            assert_int_equal(a->shape[k], r->shape[k]);
        for (int k = 0; k < 5; k++)
            if (arr_get(a, r->at[k]) != r->val[k])
                fail_msg("%s flat[%lld] = %.9g, NumPy says %.9g", r->name, (long long)r->at[k],
                         arr_get(a, r->at[k]), r->val[k]);
        double s = 0, ws = 0;
        for (int64_t j = 0; j < a->size; j++) {
            s += arr_get(a, j);
            ws += arr_get(a, j) * (double)(j % 97 + 1);
        }
        double tol = 1e-12 * r->abssum + 1e-15;
        if (fabs(s - r->sum) > tol || fabs(ws - r->wsum) > tol)
            fail_msg("%s: sum %.17g / %.17g, NumPy %.17g / %.17g", r->name, s, ws, r->sum, r->wsum);
        assert_ptr_equal(pkl_dict_get(&d, r->name), a);
    }
    assert_null(pkl_dict_get(&d, "W4"));
    pkl_dict_free(&d);
    assert_int_equal(d.n, 0);
    assert_null(d.names);
}

/* --- pickles written by NumPy ----------------------------------------------- */

static void check_fixture(const char *file) {
    char path[256];
    snprintf(path, sizeof path, FIXDIR "%s", file);
    PklDict d;
    Err e;
    err_clear(&e);
    if (pkl_load(path, &d, &e) != 0) fail_msg("%s: %s", file, e.msg);
    assert_int_equal(d.n, REF_N_FIXTURE_ARRAYS);
    for (int i = 0; i < d.n; i++)
        check_ref_array(&ref_fixture_arrays[i], d.names[i], d.arrays[i]);
    /* same1 and same2 were one object in Python: here two separate copies */
    const Array *s1 = pkl_dict_get(&d, "same1"), *s2 = pkl_dict_get(&d, "same2");
    assert_non_null(s1);
    assert_non_null(s2);
    assert_ptr_not_equal(s1, s2);
    assert_ptr_not_equal(s1->data, s2->data);
    pkl_dict_free(&d);
}

static void test_protocol_2(void **state) {
    (void)state;
    check_fixture("p2.pkl");
}
static void test_protocol_3(void **state) {
    (void)state;
    check_fixture("p3.pkl");
}
static void test_protocol_4(void **state) {
    (void)state;
    check_fixture("p4.pkl");
}
static void test_protocol_5(void **state) {
    (void)state;
    check_fixture("p5.pkl");
}
static void test_numpy2_names_p3(void **state) {
    (void)state;
    check_fixture("core2_p3.pkl");
}
static void test_numpy2_names_p5(void **state) {
    (void)state;
    check_fixture("core2_p5.pkl");
}

static void test_lone_array(void **state) {
    (void)state;
    PklDict d;
    Err e;
    err_clear(&e);
    if (pkl_load(FIXDIR "lone_p3.pkl", &d, &e) != 0) fail_msg("%s", e.msg);
    assert_int_equal(d.n, 1);
    for (int i = 0; i < REF_N_FIXTURE_ARRAYS; i++)
        if (strcmp(ref_fixture_arrays[i].name, "fort2") == 0) {
            RefArr r = ref_fixture_arrays[i];
            r.name = "";
            check_ref_array(&r, d.names[0], d.arrays[0]);
        }
    pkl_dict_free(&d);
}

static void test_odd_but_valid(void **state) {
    (void)state;
    for (int i = 0; i < REF_N_ODD_PICKLES; i++) {
        const OddPkl *c = &ref_odd_pickles[i];
        PklDict d;
        Err e;
        err_clear(&e);
        if (pkl_load_mem((const uint8_t *)c->bytes, c->len, c->name, &d, &e) != 0)
            fail_msg("%s: %s", c->name, e.msg);
        if (d.n != c->n) fail_msg("%s: %d entries, Python has %d", c->name, d.n, c->n);
        for (int k = 0; k < c->n; k++)
            assert_string_equal(d.names[k], c->keys[k]);
        if (c->n) {
            assert_int_equal(d.arrays[0]->size, c->size0);
            for (int k = 0; k < 3 && k < c->size0; k++)
                assert_true(arr_get(d.arrays[0], k) == c->vals0[k]);
        }
        pkl_dict_free(&d);
    }
}

/* --- damaged and malicious pickles ------------------------------------------ */

static void test_bad_pickles(void **state) {
    (void)state;
    assert_true(REF_N_BAD_PICKLES >= 20);
    int bad = 0;
    for (int i = 0; i < REF_N_BAD_PICKLES; i++) {
        const BadPkl *c = &ref_bad_pickles[i];
        PklDict d = {5, (char **)1, (Array **)1}; /* must be reset */
        Err e;
        err_clear(&e);
        int rc = pkl_load_mem((const uint8_t *)c->bytes, c->len, "bad.pkl", &d, &e);
        /* report every case that goes wrong, then fail once */
        if (rc != -1) {
            print_error("%s: accepted\n", c->name);
            pkl_dict_free(&d);
            bad++;
        } else if (e.kind != ERR_FORMAT || strncmp(e.msg, "bad.pkl: ", 9) != 0 ||
                   !strstr(e.msg, c->needle) || !strstr(e.msg, c->needle2)) {
            print_error("%s: %s \"%s\" lacks \"%s\" / \"%s\"\n", c->name, err_kind_name(e.kind),
                        e.msg, c->needle, c->needle2);
            bad++;
        } else if (d.n != 0 || d.names || d.arrays) {
            print_error("%s: the PklDict was not reset\n", c->name);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Every proper prefix of a good pickle is rejected as damaged. */
static void test_truncated_everywhere(void **state) {
    (void)state;
    static const char *const files[] = {"p2.pkl", "p3.pkl", "p4.pkl", "p5.pkl"};
    for (size_t f = 0; f < 4; f++) {
        char path[256];
        snprintf(path, sizeof path, FIXDIR "%s", files[f]);
        size_t n;
        uint8_t *buf = slurp(path, &n);
        for (size_t len = 0; len < n; len++) {
            uint8_t *cut = malloc(len ? len : 1); /* exact size: ASan sees overreads */
            memcpy(cut, buf, len);
            PklDict d;
            Err e;
            err_clear(&e);
            int rc = pkl_load_mem(cut, len, files[f], &d, &e);
            free(cut);
            if (rc != -1 || e.kind != ERR_FORMAT)
                fail_msg("%s cut at %zu: rc %d, %s", files[f], len, rc, e.msg);
        }
        free(buf);
    }
}

/* Single-byte damage anywhere: the reader either loads something or fails
 * with a format error; it never crashes, leaks or reads out of bounds (the
 * sanitizer build checks the last three). */
static void test_byte_damage_never_crashes(void **state) {
    (void)state;
    static const char *const files[] = {"p2.pkl", "p3.pkl", "p5.pkl"};
    static const uint8_t xors[] = {0xff, 0x01, 0x80, 0x10};
    int rejected = 0;
    for (size_t f = 0; f < 3; f++) {
        char path[256];
        snprintf(path, sizeof path, FIXDIR "%s", files[f]);
        size_t n;
        uint8_t *buf = slurp(path, &n);
        for (size_t i = 0; i < n; i++)
            for (size_t x = 0; x < sizeof xors; x++) {
                buf[i] ^= xors[x];
                PklDict d;
                Err e;
                err_clear(&e);
                if (pkl_load_mem(buf, n, files[f], &d, &e) == 0) {
                    pkl_dict_free(&d);
                } else {
                    if (e.kind != ERR_FORMAT)
                        fail_msg("%s byte %zu ^ 0x%02x: %s", files[f], i, xors[x], e.msg);
                    rejected++;
                }
                buf[i] ^= xors[x];
            }
        free(buf);
    }
    assert_true(rejected > 1000);
}

static void expect_format_error(const uint8_t *buf, size_t n, const char *needle) {
    PklDict d;
    Err e;
    err_clear(&e);
    assert_int_equal(pkl_load_mem(buf, n, "x.pkl", &d, &e), -1);
    assert_int_equal(e.kind, ERR_FORMAT);
    if (!strstr(e.msg, needle)) fail_msg("\"%s\" lacks \"%s\"", e.msg, needle);
}

static void test_stack_cap(void **state) {
    (void)state;
    size_t n = 2 + 70000 + 1;
    uint8_t *b = malloc(n);
    b[0] = 0x80;
    b[1] = 3;
    memset(b + 2, 'N', 70000);
    b[n - 1] = '.';
    expect_format_error(b, n, "more than 65536 values");
    free(b);
}

/* 200000 nested tuples: nothing in the reader recurses, so this is just a
 * tuple at the top, refused at the end. */
static void test_deep_tuple_nesting(void **state) {
    (void)state;
    size_t depth = 200000, n = 3 + depth + 1;
    uint8_t *b = malloc(n);
    b[0] = 0x80;
    b[1] = 3;
    b[2] = 'N';
    memset(b + 3, 0x85, depth);
    b[n - 1] = '.';
    expect_format_error(b, n, "holds a tuple, not a dict");
    free(b);
}

/* A huge count with almost no bytes behind it. */
static void test_huge_counts(void **state) {
    (void)state;
    static const uint8_t tuple_big[] = {0x80, 4,    0x8d, 0xff, 0xff, 0xff, 0xff,
                                        0xff, 0xff, 0xff, 0x7f, 'a',  '.'};
    expect_format_error(tuple_big, sizeof tuple_big, "runs past the end");
    static const uint8_t memo_big[] = {0x80, 3, 'N', 'r', 0, 0, 0x10, 0, '.'};
    expect_format_error(memo_big, sizeof memo_big, "too large");
}

static void test_io_errors(void **state) {
    (void)state;
    PklDict d;
    Err e;
    err_clear(&e);
    assert_int_equal(pkl_load("tests/fixtures/pkl/no_such_file.pkl", &d, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    assert_non_null(strstr(e.msg, "no_such_file.pkl"));
    err_clear(&e);
    assert_int_equal(pkl_load("tests/fixtures/pkl", &d, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    assert_int_equal(d.n, 0);
    pkl_dict_free(NULL);
    pkl_dict_free(&d);
}

/* lone_p3.pkl with its shape (2, 3) replaced by (0, 10**18, 10**18, 10**18)
 * (LONG1 integers) and its 48 data bytes by none: a shape NumPy refuses
 * ("array is too big"). It must be refused in one clear message, and
 * printing the shape must stay inside its buffer (shape_str overflowed). */
static void test_huge_zero_size_shape(void **state) {
    (void)state;
    size_t n;
    uint8_t *src = slurp(FIXDIR "lone_p3.pkl", &n);
    assert_non_null(src);
    /* the offsets pickletools.dis shows for this fixture */
    assert_int_equal(src[76], 'K');
    assert_int_equal(src[80], 0x86); /* TUPLE2 */
    assert_int_equal(src[146], 'C');
    assert_int_equal(src[147], 48);
    uint8_t out[512];
    size_t k = 0;
    memcpy(out, src, 76);
    k = 76;
    out[k++] = '(';
    out[k++] = 'K';
    out[k++] = 0;
    for (int i = 0; i < 3; i++) {
        uint64_t v = 1000000000000000000ull;
        out[k++] = 0x8a; /* LONG1, 8 bytes little-endian */
        out[k++] = 8;
        for (int b = 0; b < 8; b++)
            out[k++] = (uint8_t)(v >> (8 * b));
    }
    out[k++] = 't';
    memcpy(out + k, src + 81, 146 - 81);
    k += 146 - 81;
    out[k++] = 'C';
    out[k++] = 0;
    memcpy(out + k, src + 196, n - 196);
    k += n - 196;
    expect_format_error(out, k, "array is too big");
    free(src);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_weights),
        cmocka_unit_test(test_protocol_2),
        cmocka_unit_test(test_protocol_3),
        cmocka_unit_test(test_protocol_4),
        cmocka_unit_test(test_protocol_5),
        cmocka_unit_test(test_numpy2_names_p3),
        cmocka_unit_test(test_numpy2_names_p5),
        cmocka_unit_test(test_lone_array),
        cmocka_unit_test(test_odd_but_valid),
        cmocka_unit_test(test_bad_pickles),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_byte_damage_never_crashes),
        cmocka_unit_test(test_stack_cap),
        cmocka_unit_test(test_deep_tuple_nesting),
        cmocka_unit_test(test_huge_counts),
        cmocka_unit_test(test_huge_zero_size_shape),
        cmocka_unit_test(test_io_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
