/* test_npy.c - .npy reading and writing against files NumPy 1.24 wrote, hand-
 * made unusual headers, and damaged files. Expected values come from
 * tests/tools/gen_npy_fixtures.py (npy_ref.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "npy.h"
#include "npy_ref.h"

#define FIXDIR "tests/fixtures/npy/"

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

static void check_values(const char *what, const Array *a, DType dt, int ndim, const int64_t *shape,
                         int64_t size, const double *vals, const int64_t *ivals) {
    if (a->dtype != dt) fail_msg("%s: dtype %s", what, dtype_name(a->dtype));
    if (a->ndim != ndim) fail_msg("%s: ndim %d, expected %d", what, a->ndim, ndim);
    for (int k = 0; k < ndim; k++)
        if (a->shape[k] != shape[k])
            fail_msg("%s: axis %d is %lld", what, k, (long long)a->shape[k]);
    assert_int_equal(a->size, size);
    for (int64_t i = 0; i < size; i++) {
        if (ivals) {
            if (arr_get_i64(a, i) != ivals[i])
                fail_msg("%s[%lld]: %lld != %lld", what, (long long)i, (long long)arr_get_i64(a, i),
                         (long long)ivals[i]);
        } else {
            double v = arr_get(a, i);
            if (!(v == vals[i] && signbit(v) == signbit(vals[i])))
                fail_msg("%s[%lld]: %.17g != %.17g", what, (long long)i, v, vals[i]);
        }
    }
}

/* --- files NumPy wrote ---------------------------------------------------- */

static void test_numpy_files(void **state) {
    (void)state;
    for (int i = 0; i < REF_N_NPY_FILES; i++) {
        const RefNpy *r = &ref_npy_files[i];
        char path[256];
        snprintf(path, sizeof path, FIXDIR "%s", r->file);
        Err e;
        err_clear(&e);
        Array *a = npy_load(path, &e);
        if (!a) fail_msg("%s", e.msg);
        check_values(r->file, a, r->dtype, r->ndim, r->shape, r->size, r->vals, r->ivals);
        arr_free(a);
    }
}

/* npy_save writes exactly the bytes np.save wrote. */
static void test_save_identical_to_numpy(void **state) {
    (void)state;
    int compared = 0;
    char tmp[] = "/tmp/nnsh_test_npy_XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    close(fd);
    for (int i = 0; i < REF_N_NPY_FILES; i++) {
        const RefNpy *r = &ref_npy_files[i];
        if (!r->same_as_np_save) continue;
        char path[256];
        snprintf(path, sizeof path, FIXDIR "%s", r->file);
        size_t n, m;
        uint8_t *want = slurp(path, &n);
        Err e;
        err_clear(&e);
        Array *a = npy_load_mem(want, n, r->file, &e);
        if (!a) fail_msg("%s", e.msg);
        uint8_t *got = npy_save_mem(a, &m, &e);
        assert_non_null(got);
        if (m != n || memcmp(got, want, n) != 0) {
            size_t k = 0;
            while (k < n && k < m && got[k] == want[k])
                k++;
            fail_msg("%s: npy_save_mem differs from np.save at byte %zu (%zu vs %zu bytes)",
                     r->file, k, m, n);
        }
        free(got);
        /* and through a real file */
        if (npy_save(tmp, a, &e) != 0) fail_msg("%s", e.msg);
        got = slurp(tmp, &m);
        assert_int_equal(m, n);
        assert_memory_equal(got, want, n);
        free(got);
        free(want);
        arr_free(a);
        compared++;
    }
    unlink(tmp);
    assert_true(compared >= 30);
}

/* --- round trips ---------------------------------------------------------- */

static void test_round_trip(void **state) {
    (void)state;
    static const struct {
        int ndim;
        int64_t shape[4];
    } shapes[] = {
        {0, {0}},       {1, {0}},          {1, {5}},    {2, {2, 3}},
        {3, {2, 0, 3}}, {4, {1, 2, 3, 4}}, {1, {1000}}, {2, {10, 1}},
    };
    for (int t = DT_BOOL; t <= DT_FLOAT64; t++)
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
            Err e;
            err_clear(&e);
            Array *a = arr_new((DType)t, shapes[s].ndim, shapes[s].shape, &e);
            assert_non_null(a);
            for (int64_t i = 0; i < a->size; i++)
                arr_set(a, i,
                        t == DT_BOOL    ? (double)(i % 3 == 0)
                        : t == DT_UINT8 ? (double)((i * 37) % 256)
                        : t == DT_INT64 ? (double)(i * 1000003 - 500)
                                        : (double)i * -0.375 + 1e-3);
            size_t n;
            uint8_t *buf = npy_save_mem(a, &n, &e);
            assert_non_null(buf);
            assert_int_equal((n - arr_nbytes(a)) % 64, 0); /* data starts aligned */
            Array *b = npy_load_mem(buf, n, "round trip", &e);
            if (!b) fail_msg("%s", e.msg);
            assert_int_equal(b->dtype, a->dtype);
            assert_true(arr_same_shape(a, b));
            if (a->size) assert_memory_equal(a->data, b->data, arr_nbytes(a));
            arr_free(a);
            arr_free(b);
            free(buf);
        }
}

static void test_odd_headers(void **state) {
    (void)state;
    for (int i = 0; i < REF_N_ODD_NPY; i++) {
        const OddNpy *c = &ref_odd_npy[i];
        Err e;
        err_clear(&e);
        Array *a = npy_load_mem((const uint8_t *)c->bytes, c->len, c->name, &e);
        if (!a) fail_msg("%s: %s", c->name, e.msg);
        check_values(c->name, a, c->dtype, c->ndim, c->shape, c->size, c->vals, NULL);
        arr_free(a);
    }
}

/* --- damaged files ---------------------------------------------------------- */

static void test_bad_files(void **state) {
    (void)state;
    assert_true(REF_N_BAD_NPY >= 20);
    int bad = 0;
    for (int i = 0; i < REF_N_BAD_NPY; i++) {
        const BadNpy *c = &ref_bad_npy[i];
        Err e;
        err_clear(&e);
        Array *a = npy_load_mem((const uint8_t *)c->bytes, c->len, "bad.npy", &e);
        if (a) {
            print_error("%s: accepted\n", c->name);
            arr_free(a);
            bad++;
        } else if (e.kind != ERR_FORMAT || strncmp(e.msg, "bad.npy: ", 9) != 0 ||
                   !strstr(e.msg, c->needle) || !strstr(e.msg, c->needle2)) {
            print_error("%s: %s \"%s\" lacks \"%s\" / \"%s\"\n", c->name, err_kind_name(e.kind),
                        e.msg, c->needle, c->needle2);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_truncated_everywhere(void **state) {
    (void)state;
    static const char *const files[] = {"float64_2x3.npy", "int64_v3.npy", "float64_v2.npy",
                                        "bool_scalar.npy"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[256];
        snprintf(path, sizeof path, FIXDIR "%s", files[f]);
        size_t n;
        uint8_t *buf = slurp(path, &n);
        for (size_t len = 0; len < n; len++) {
            uint8_t *cut = malloc(len ? len : 1);
            memcpy(cut, buf, len);
            Err e;
            err_clear(&e);
            Array *a = npy_load_mem(cut, len, files[f], &e);
            free(cut);
            if (a || e.kind != ERR_FORMAT)
                fail_msg("%s cut at %zu: %s", files[f], len, a ? "accepted" : e.msg);
        }
        free(buf);
    }
}

/* Single-byte damage in the magic and header: a load or a format error,
 * never a crash or an out-of-bounds read (the sanitizer build checks). */
static void test_byte_damage_never_crashes(void **state) {
    (void)state;
    static const uint8_t xors[] = {0xff, 0x01, 0x20, 0x08};
    size_t n;
    uint8_t *buf = slurp(FIXDIR "float32_2x3x4.npy", &n);
    int rejected = 0;
    for (size_t i = 0; i < 128 && i < n; i++)
        for (size_t x = 0; x < sizeof xors; x++) {
            buf[i] ^= xors[x];
            Err e;
            err_clear(&e);
            Array *a = npy_load_mem(buf, n, "damaged", &e);
            if (a) {
                arr_free(a);
            } else {
                if (e.kind != ERR_FORMAT) fail_msg("byte %zu: %s", i, e.msg);
                rejected++;
            }
            buf[i] ^= xors[x];
        }
    free(buf);
    assert_true(rejected > 100);
}

static void test_io_errors(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    assert_null(npy_load(FIXDIR "no_such_file.npy", &e));
    assert_int_equal(e.kind, ERR_IO);
    assert_non_null(strstr(e.msg, "no_such_file.npy"));
    err_clear(&e);
    assert_null(npy_load(FIXDIR, &e));
    assert_int_equal(e.kind, ERR_IO);
    Array *a = arr_scalar_f64(1.0, &e);
    err_clear(&e);
    assert_int_equal(npy_save("/nonexistent_dir_nnsh/x.npy", a, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    assert_non_null(strstr(e.msg, "/nonexistent_dir_nnsh/x.npy"));
    arr_free(a);
}

/* A damaged file on disk: the message names the file's path. */
static void test_error_names_file(void **state) {
    (void)state;
    char tmp[] = "/tmp/nnsh_bad_npy_XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    const BadNpy *c = &ref_bad_npy[0];
    for (int i = 0; i < REF_N_BAD_NPY; i++)
        if (strcmp(ref_bad_npy[i].name, "truncated_data") == 0) c = &ref_bad_npy[i];
    assert_int_equal(write(fd, c->bytes, c->len), (ssize_t)c->len);
    close(fd);
    Err e;
    err_clear(&e);
    assert_null(npy_load(tmp, &e));
    assert_int_equal(e.kind, ERR_FORMAT);
    assert_int_equal(strncmp(e.msg, tmp, strlen(tmp)), 0);
    assert_non_null(strstr(e.msg, "truncated"));
    unlink(tmp);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numpy_files),
        cmocka_unit_test(test_save_identical_to_numpy),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_odd_headers),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_byte_damage_never_crashes),
        cmocka_unit_test(test_io_errors),
        cmocka_unit_test(test_error_names_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
