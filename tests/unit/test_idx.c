/* test_idx.c - the idx reader: real MNIST files (checked against values from
 * tests/tools/gen_idx_ref.py), damaged files written here, the decoded cache,
 * and the book's float / one-hot conversions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "idx.h"
#include "idx_ref.h"

/* --- helpers ----------------------------------------------------------------- */


/* What the last load of this test did (idx_load_stats). */
static IdxStats last_stats;
static Array *load_st(const char *path, Err *e) {
    return idx_load_stats(path, &last_stats, e);
}
#define idx_last_stats() (last_stats)
#define idx_cache_hit() (last_stats.cache_hit ? 1 : 0)
#define idx_load_normalized(p, e) idx_load_normalized_stats(p, &last_stats, e)

static char g_tmp[256];   /* scratch directory for this run */
static char g_cache[300]; /* NNSH_CACHE_DIR for this run */

static const char *data_dir(void) {
    const char *d = getenv("NNSH_TEST_DATA");
    return d && *d ? d : "../shared/mnist";
}

/* Path of a real data file into buf; false (so the caller skips) if absent. */
static bool data_file(const char *name, char *buf, size_t n) {
    snprintf(buf, n, "%s/%s", data_dir(), name);
    return access(buf, R_OK) == 0;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void rm_rf(const char *path) {
    struct stat st;
    if (lstat(path, &st) < 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
            char sub[1024];
            snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
            rm_rf(sub);
        }
        if (d) closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static char *tmp_path(const char *name) {
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", g_tmp, name);
    return buf[k];
}

static void write_bytes(const char *path, const void *p, size_t n) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (n) assert_int_equal(fwrite(p, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static uint8_t *read_bytes(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc((size_t)len + 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return p;
}

/* gzip-compress src into a new buffer. */
static uint8_t *gzip_bytes(const uint8_t *src, size_t n, size_t *outlen) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&zs, (uLong)n) + 32;
    uint8_t *out = malloc(cap);
    assert_non_null(out);
    zs.next_in = (Bytef *)src;
    zs.avail_in = (uInt)n;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *outlen = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

static void put_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* A valid idx3 file of n images of 28x28 with pixel (i*7 + k) & 0xff. */
static uint8_t *make_idx3(uint32_t n, size_t *len) {
    *len = 16 + (size_t)n * 784;
    uint8_t *b = malloc(*len);
    assert_non_null(b);
    put_be32(b, 0x803);
    put_be32(b + 4, n);
    put_be32(b + 8, 28);
    put_be32(b + 12, 28);
    for (size_t i = 16; i < *len; i++)
        b[i] = (uint8_t)(i * 7 + 3);
    return b;
}

/* Load `path`, expecting failure of `kind` with a message that starts with the
 * path and contains `want` (if not NULL). */
static void expect_fail(const char *path, ErrKind kind, const char *want) {
    Err e;
    err_clear(&e);
    Array *a = load_st(path, &e);
    if (a || e.kind != kind || strncmp(e.msg, path, strlen(path)) != 0 ||
        (want && !strstr(e.msg, want)))
        print_error("%s: kind %d (want %d), msg \"%s\" (want \"%s\")\n", path, e.kind, kind, e.msg,
                    want ? want : "");
    assert_null(a);
    assert_int_equal(e.kind, kind);
    assert_int_equal(strncmp(e.msg, path, strlen(path)), 0);
    if (want) assert_non_null(strstr(e.msg, want));
    assert_null(strchr(e.msg, '\n'));
}

/* --- setup ------------------------------------------------------------------------ */

static int group_setup(void **state) {
    (void)state;
    snprintf(g_tmp, sizeof g_tmp, "/tmp/nnsh_test_idx_XXXXXX");
    if (!mkdtemp(g_tmp)) return -1;
    snprintf(g_cache, sizeof g_cache, "%s/cache", g_tmp);
    setenv("NNSH_CACHE_DIR", g_cache, 1); /* never the real home */
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    rm_rf(g_tmp);
    return 0;
}

/* --- real MNIST files ---------------------------------------------------------- */

static void test_t10k_images(void **state) {
    (void)state;
    char path[512];
    if (!data_file("t10k-images-idx3-ubyte.gz", path, sizeof path)) skip();
    Err e;
    err_clear(&e);
    double t0 = now_ms();
    Array *a = load_st(path, &e);
    double t1 = now_ms();
    assert_non_null(a);
    IdxStats st = idx_last_stats();
    assert_true(st.gzip);
    assert_int_equal(st.raw_bytes, REF_T10K_IMAGES_RAW_LEN);
    assert_int_equal(a->dtype, DT_UINT8);
    assert_int_equal(a->ndim, 3);
    assert_int_equal(a->shape[0], 10000);
    assert_int_equal(a->shape[1], 28);
    assert_int_equal(a->shape[2], 28);
    assert_int_equal(crc32(0L, a->data, (uInt)a->size), REF_T10K_IMAGES_DATA_CRC32);
    int64_t sum = 0;
    const uint8_t *p = a->data;
    for (int64_t i = 0; i < a->size; i++)
        sum += p[i];
    assert_int_equal(sum, REF_T10K_IMAGES_SUM);
    assert_memory_equal(p + 14 * 28, ref_t10k_img0_row14, 28);

    /* the second load comes from the cache and gives the same bytes */
    double t2 = now_ms();
    Array *b = load_st(path, &e);
    double t3 = now_ms();
    assert_non_null(b);
    assert_int_equal(idx_cache_hit(), 1);
    assert_true(arr_same_shape(a, b));
    assert_memory_equal(a->data, b->data, (size_t)a->size);
    print_message("t10k images: first load %.1f ms (cache %s), second %.1f ms (cache hit)\n",
                  t1 - t0, st.cache_hit ? "hit" : "miss", t3 - t2);
    arr_free(a);
    arr_free(b);
}

static void test_labels(void **state) {
    (void)state;
    char path[512];
    if (!data_file("t10k-labels-idx1-ubyte.gz", path, sizeof path)) skip();
    Err e;
    err_clear(&e);
    Array *a = load_st(path, &e);
    assert_non_null(a);
    assert_int_equal(a->ndim, 1);
    assert_int_equal(a->shape[0], 10000);
    assert_int_equal(((uint8_t *)a->data)[0], 7); /* the first test image is a 7 */
    assert_memory_equal(a->data, ref_t10k_first_labels, 20);
    assert_int_equal(crc32(0L, a->data, (uInt)a->size), REF_T10K_LABELS_DATA_CRC32);
    int64_t counts[10] = {0};
    for (int64_t i = 0; i < a->size; i++)
        counts[((uint8_t *)a->data)[i]]++;
    assert_memory_equal(counts, ref_t10k_label_counts, sizeof counts);

    /* one-hot, as the book's _change_one_hot_label: float64 (N,10) */
    Array *t = idx_one_hot(a, 10, &e);
    assert_non_null(t);
    assert_int_equal(REF_ONE_HOT_IS_FLOAT64, 1);
    assert_int_equal(t->dtype, DT_FLOAT64);
    assert_int_equal(t->ndim, 2);
    assert_int_equal(t->shape[0], 10000);
    assert_int_equal(t->shape[1], 10);
    const double *d = t->data;
    for (int c = 0; c < 10; c++)
        assert_true(d[c] == (c == 7 ? 1.0 : 0.0));
    double colsum[10] = {0};
    for (int64_t i = 0; i < 10000; i++)
        for (int c = 0; c < 10; c++)
            colsum[c] += d[i * 10 + c];
    for (int c = 0; c < 10; c++)
        assert_true(colsum[c] == (double)ref_t10k_label_counts[c]);
    arr_free(t);
    arr_free(a);

    if (!data_file("train-labels-idx1-ubyte.gz", path, sizeof path)) skip();
    a = load_st(path, &e);
    assert_non_null(a);
    assert_int_equal(a->ndim, 1);
    assert_int_equal(a->shape[0], 60000);
    assert_int_equal(crc32(0L, a->data, (uInt)a->size), REF_TRAIN_LABELS_DATA_CRC32);
    arr_free(a);
}

static void test_normalize_real(void **state) {
    (void)state;
    char path[512];
    if (!data_file("t10k-images-idx3-ubyte.gz", path, sizeof path)) skip();
    Err e;
    err_clear(&e);
    Array *a = load_st(path, &e);
    assert_non_null(a);
    Array *x = idx_images_to_float(a, true, true, &e);
    assert_non_null(x);
    assert_int_equal(x->dtype, DT_FLOAT32);
    assert_int_equal(x->ndim, 2);
    assert_int_equal(x->shape[0], 10000);
    assert_int_equal(x->shape[1], 784);
    double sum = 0;
    for (int64_t i = 0; i < x->size; i++)
        sum += ((float *)x->data)[i];
    print_message("normalized sum %.10f, NumPy %.10f\n", sum, REF_T10K_NORM_SUM_F64);
    assert_true(fabs(sum - REF_T10K_NORM_SUM_F64) < 1e-6);
    arr_free(x);
    arr_free(a);
}

/* --- conversions ------------------------------------------------------------------- */

static void test_images_to_float(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    int64_t shape[3] = {1, 16, 16};
    Array *a = arr_new(DT_UINT8, 3, shape, &e);
    for (int i = 0; i < 256; i++)
        ((uint8_t *)a->data)[i] = (uint8_t)i;

    Array *x = idx_images_to_float(a, true, true, &e);
    assert_non_null(x);
    assert_int_equal(x->dtype, DT_FLOAT32);
    assert_int_equal(x->ndim, 2);
    assert_int_equal(x->shape[1], 256);
    for (int i = 0; i < 256; i++) {
        uint32_t bits;
        memcpy(&bits, (float *)x->data + i, 4);
        if (bits != ref_norm_bits[i])
            print_error("%d/255: 0x%08x != 0x%08x\n", i, bits, ref_norm_bits[i]);
        assert_int_equal(bits, ref_norm_bits[i]);
    }
    arr_free(x);

    x = idx_images_to_float(a, true, false, &e);
    assert_non_null(x);
    assert_int_equal(x->ndim, 4);
    assert_int_equal(x->shape[0], 1);
    assert_int_equal(x->shape[1], 1);
    assert_int_equal(x->shape[2], 16);
    assert_int_equal(x->shape[3], 16);
    arr_free(x);

    /* normalize=False keeps uint8, as the book does */
    x = idx_images_to_float(a, false, true, &e);
    assert_non_null(x);
    assert_int_equal(x->dtype, DT_UINT8);
    assert_int_equal(x->shape[1], 256);
    assert_memory_equal(x->data, a->data, 256);

    /* a flat (N,256) array can be un-flattened to (N,1,16,16) */
    Array *y = idx_images_to_float(x, false, false, &e);
    assert_non_null(y);
    assert_int_equal(y->ndim, 4);
    assert_int_equal(y->shape[2], 16);
    arr_free(y);
    arr_free(x);

    /* (1,255) is not square: un-flattening fails with a shape error */
    int64_t bad[2] = {1, 255};
    x = arr_new(DT_UINT8, 2, bad, &e);
    assert_null(idx_images_to_float(x, true, false, &e));
    assert_int_equal(e.kind, ERR_SHAPE);
    arr_free(x);

    Array *f = arr_new(DT_FLOAT32, 3, shape, &e);
    assert_null(idx_images_to_float(f, true, true, &e));
    assert_int_equal(e.kind, ERR_TYPE);
    arr_free(f);
    arr_free(a);
}

static void test_one_hot_errors(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    double v[3] = {0, 9, 10};
    int64_t n = 3;
    Array *l = arr_from_f64(DT_INT64, 1, &n, v, &e);
    assert_null(idx_one_hot(l, 10, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_non_null(strstr(e.msg, "10"));
    Array *t = idx_one_hot(l, 11, &e);
    assert_non_null(t);
    assert_true(((double *)t->data)[2 * 11 + 10] == 1.0);
    arr_free(t);
    arr_free(l);
    l = arr_from_f64(DT_FLOAT64, 1, &n, v, &e);
    assert_null(idx_one_hot(l, 11, &e));
    assert_int_equal(e.kind, ERR_TYPE);
    arr_free(l);
    n = 0;
    l = arr_new(DT_UINT8, 1, &n, &e);
    t = idx_one_hot(l, 10, &e);
    assert_non_null(t);
    assert_int_equal(t->shape[0], 0);
    assert_int_equal(t->shape[1], 10);
    arr_free(t);
    arr_free(l);
}

/* --- good synthetic files ------------------------------------------------------------ */

static void test_synthetic_good(void **state) {
    (void)state;
    setenv("NNSH_CACHE_DIR", "", 1); /* these need no cache */
    Err e;
    err_clear(&e);
    size_t n;
    uint8_t *raw = make_idx3(3, &n);

    /* plain file, even when named .gz: detection is by content */
    const char *p = tmp_path("plain-named.gz");
    write_bytes(p, raw, n);
    Array *a = load_st(p, &e);
    assert_non_null(a);
    assert_false(idx_last_stats().gzip);
    assert_int_equal(a->shape[0], 3);
    assert_memory_equal(a->data, raw + 16, n - 16);
    arr_free(a);

    /* gzip file with a plain name */
    size_t gn;
    uint8_t *gz = gzip_bytes(raw, n, &gn);
    p = tmp_path("gzip-named.idx");
    write_bytes(p, gz, gn);
    a = load_st(p, &e);
    assert_non_null(a);
    assert_true(idx_last_stats().gzip);
    assert_false(idx_last_stats().cache_written); /* caching is off */
    assert_memory_equal(a->data, raw + 16, n - 16);
    arr_free(a);

    /* two concatenated gzip members decode as one file (as gunzip does) */
    size_t g1, g2;
    uint8_t *m1 = gzip_bytes(raw, 100, &g1), *m2 = gzip_bytes(raw + 100, n - 100, &g2);
    uint8_t *cat = malloc(g1 + g2);
    memcpy(cat, m1, g1);
    memcpy(cat + g1, m2, g2);
    p = tmp_path("members.gz");
    write_bytes(p, cat, g1 + g2);
    a = load_st(p, &e);
    assert_non_null(a);
    assert_memory_equal(a->data, raw + 16, n - 16);
    arr_free(a);
    free(cat);
    free(m1);
    free(m2);
    free(gz);
    free(raw);

    /* N = 0 is allowed: shape (0,28,28) */
    raw = make_idx3(0, &n);
    p = tmp_path("empty-set.idx");
    write_bytes(p, raw, n);
    a = load_st(p, &e);
    assert_non_null(a);
    assert_int_equal(a->ndim, 3);
    assert_int_equal(a->shape[0], 0);
    assert_int_equal(a->size, 0);
    arr_free(a);
    free(raw);

    /* idx1 and a 4-axis file */
    uint8_t l1[8 + 5] = {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5};
    p = tmp_path("five.idx1");
    write_bytes(p, l1, sizeof l1);
    a = load_st(p, &e);
    assert_non_null(a);
    assert_int_equal(a->ndim, 1);
    assert_int_equal(a->shape[0], 5);
    assert_memory_equal(a->data, l1 + 8, 5);
    arr_free(a);
    uint8_t f4[20 + 24] = {0, 0, 8, 4, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4};
    p = tmp_path("four.idx");
    write_bytes(p, f4, sizeof f4);
    a = load_st(p, &e);
    assert_non_null(a);
    assert_int_equal(a->ndim, 4);
    assert_int_equal(a->shape[3], 4);
    arr_free(a);
    setenv("NNSH_CACHE_DIR", g_cache, 1);
}

/* --- damaged files -------------------------------------------------------------------- */

static void test_damaged(void **state) {
    (void)state;
    size_t n;
    uint8_t *raw = make_idx3(2, &n); /* 16 + 1568 bytes */
    char name[64];
    int cases = 0;

    /* cut at every header boundary and in the data */
    static const struct {
        size_t at;
        const char *want;
    } cuts[] = {
        {0, "empty file"},
        {1, "truncated: an idx header needs at least 4 bytes, found 1"},
        {2, "found 2"},
        {3, "found 3"},
        {4, "truncated: the 3-axis idx header needs 16 bytes, found 4"},
        {8, "needs 16 bytes, found 8"},
        {12, "needs 16 bytes, found 12"},
        {16, "truncated: expected 1568 bytes of data, found 0"},
        {16 + 700, "truncated: expected 1568 bytes of data, found 700"},
        {16 + 1567, "found 1567"},
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        snprintf(name, sizeof name, "cut-%zu.idx", cuts[i].at);
        write_bytes(tmp_path(name), raw, cuts[i].at);
        expect_fail(tmp_path(name), ERR_FORMAT, cuts[i].want);
        cases++;
    }

    /* header fields that are wrong */
    uint8_t *b = malloc(n + 8);
    memcpy(b, raw, n);
    put_be32(b, 0x12345678);
    write_bytes(tmp_path("magic.idx"), b, n);
    expect_fail(tmp_path("magic.idx"), ERR_FORMAT,
                "bad magic number 0x12345678 (expected 0x00000803 for images or "
                "0x00000801 for labels)");
    cases++;

    memcpy(b, raw, n);
    b[2] = 0x0D;
    write_bytes(tmp_path("float-type.idx"), b, n);
    expect_fail(tmp_path("float-type.idx"), ERR_FORMAT, "type code 0x0d (32-bit float)");
    cases++;

    memcpy(b, raw, n);
    b[3] = 0;
    write_bytes(tmp_path("ndim0.idx"), b, n);
    expect_fail(tmp_path("ndim0.idx"), ERR_FORMAT, "number of axes 0");
    cases++;

    b[3] = 5;
    write_bytes(tmp_path("ndim5.idx"), b, n);
    expect_fail(tmp_path("ndim5.idx"), ERR_FORMAT, "number of axes 5");
    cases++;

    /* dimensions that lie */
    memcpy(b, raw, n);
    put_be32(b + 4, 3);
    write_bytes(tmp_path("claims-more.idx"), b, n);
    expect_fail(tmp_path("claims-more.idx"), ERR_FORMAT,
                "truncated: expected 2352 bytes of data, found 1568");
    cases++;

    put_be32(b + 4, 1);
    write_bytes(tmp_path("claims-less.idx"), b, n);
    expect_fail(tmp_path("claims-less.idx"), ERR_FORMAT, "784 unexpected bytes after the data");
    cases++;

    memcpy(b, raw, n);
    memcpy(b + n, "garbage!", 8);
    write_bytes(tmp_path("trailing.idx"), b, n + 8);
    expect_fail(tmp_path("trailing.idx"), ERR_FORMAT, "8 unexpected bytes after the data");
    cases++;

    put_be32(b + 4, 0xFFFFFFFFu);
    put_be32(b + 8, 0xFFFFFFFFu);
    put_be32(b + 12, 0xFFFFFFFFu);
    write_bytes(tmp_path("overflow.idx"), b, n);
    expect_fail(tmp_path("overflow.idx"), ERR_FORMAT,
                "shape (4294967295, 4294967295, 4294967295) is larger than nnsh's limit");
    cases++;

    put_be32(b + 4, 2000); /* 2000*784*784 > 1 GiB, no overflow */
    put_be32(b + 8, 784);
    put_be32(b + 12, 784);
    write_bytes(tmp_path("too-big.idx"), b, n);
    expect_fail(tmp_path("too-big.idx"), ERR_FORMAT, "larger than nnsh's limit");
    cases++;

    /* gzip damage */
    size_t gn;
    uint8_t *gz = gzip_bytes(raw, n, &gn);
    write_bytes(tmp_path("cut.gz"), gz, gn / 2);
    expect_fail(tmp_path("cut.gz"), ERR_FORMAT, "gzip data ends early");
    cases++;

    write_bytes(tmp_path("no-trailer.gz"), gz, gn - 4);
    expect_fail(tmp_path("no-trailer.gz"), ERR_FORMAT, "gzip data ends early");
    cases++;

    write_bytes(tmp_path("header-only.gz"), gz, 10);
    expect_fail(tmp_path("header-only.gz"), ERR_FORMAT, "gzip data ends early");
    cases++;

    uint8_t *g2 = malloc(gn + 16);
    memcpy(g2, gz, gn);
    g2[gn - 8] ^= 0x01; /* the stored CRC-32 */
    write_bytes(tmp_path("bad-crc.gz"), g2, gn);
    expect_fail(tmp_path("bad-crc.gz"), ERR_FORMAT,
                "damaged gzip data (zlib: incorrect data check)");
    cases++;

    memcpy(g2, gz, gn);
    g2[gn - 2] ^= 0x01; /* the stored length */
    write_bytes(tmp_path("bad-isize.gz"), g2, gn);
    expect_fail(tmp_path("bad-isize.gz"), ERR_FORMAT, "damaged gzip data");
    cases++;

    memcpy(g2, gz, gn);
    g2[gn / 2] ^= 0x10; /* inside the deflate data: some zlib error or a CRC error */
    write_bytes(tmp_path("flipped.gz"), g2, gn);
    expect_fail(tmp_path("flipped.gz"), ERR_FORMAT, NULL);
    cases++;

    memcpy(g2, gz, gn);
    memcpy(g2 + gn, "JUNKJUNK", 8);
    write_bytes(tmp_path("junk-after.gz"), g2, gn + 8);
    expect_fail(tmp_path("junk-after.gz"), ERR_FORMAT,
                "8 bytes of unexpected data after the gzip stream");
    cases++;
    free(g2);
    free(gz);

    /* well-formed gzip around a damaged idx file: the idx checks still apply */
    gz = gzip_bytes(raw, n - 100, &gn);
    write_bytes(tmp_path("short-inside.gz"), gz, gn);
    expect_fail(tmp_path("short-inside.gz"), ERR_FORMAT,
                "truncated: expected 1568 bytes of data, found 1468");
    cases++;
    free(gz);

    memcpy(b, raw, n);
    memcpy(b + n, "xyz", 3);
    gz = gzip_bytes(b, n + 3, &gn);
    write_bytes(tmp_path("long-inside.gz"), gz, gn);
    expect_fail(tmp_path("long-inside.gz"), ERR_FORMAT, "3 unexpected bytes after the data");
    cases++;
    free(gz);

    put_be32(b, 0xCAFEBABE);
    gz = gzip_bytes(b, n, &gn);
    write_bytes(tmp_path("magic-inside.gz"), gz, gn);
    expect_fail(tmp_path("magic-inside.gz"), ERR_FORMAT, "bad magic number 0xcafebabe");
    cases++;
    free(gz);

    gz = gzip_bytes(b, 0, &gn);
    write_bytes(tmp_path("empty-inside.gz"), gz, gn);
    expect_fail(tmp_path("empty-inside.gz"), ERR_FORMAT, "empty");
    cases++;
    free(gz);

    gz = gzip_bytes(raw, 10, &gn);
    write_bytes(tmp_path("hdr-cut-inside.gz"), gz, gn);
    expect_fail(tmp_path("hdr-cut-inside.gz"), ERR_FORMAT, "needs 16 bytes, found 10");
    cases++;
    free(gz);

    /* files that are not there or not files */
    expect_fail(tmp_path("no-such-file.gz"), ERR_IO, strerror(ENOENT));
    cases++;
    mkdir(tmp_path("a-directory.gz"), 0700);
    expect_fail(tmp_path("a-directory.gz"), ERR_IO, strerror(EISDIR));
    cases++;
    if (access("/dev/null", R_OK) == 0) {
        Err e;
        err_clear(&e);
        assert_null(load_st("/dev/null", &e));
        assert_int_equal(e.kind, ERR_IO);
        assert_non_null(strstr(e.msg, "/dev/null: not a regular file"));
        cases++;
    }
    print_message("%d damaged files rejected\n", cases);
    assert_true(cases >= 20);
    free(b);
    free(raw);
}

/* --- the cache ------------------------------------------------------------------------- */

static void set_mtime(const char *path, time_t sec) {
    struct timespec ts[2] = {{sec, 0}, {sec, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static Array *load_ok(const char *path) {
    Err e;
    err_clear(&e);
    Array *a = load_st(path, &e);
    if (!a) print_error("%s\n", e.msg);
    assert_non_null(a);
    return a;
}

static void test_cache(void **state) {
    (void)state;
    rm_rf(g_cache); /* also checks that the directory gets created */
    size_t n, gn;
    uint8_t *raw = make_idx3(5, &n);
    uint8_t *gz = gzip_bytes(raw, n, &gn);
    const char *src = tmp_path("cached.gz");
    write_bytes(src, gz, gn);
    set_mtime(src, 1000000000);
    char cpath[1024];
    assert_int_equal(idx_cache_path(src, cpath, sizeof cpath), 0);
    assert_int_equal(strncmp(cpath, g_cache, strlen(g_cache)), 0);

    /* first load: a miss that writes the entry; second: a hit */
    Array *a = load_ok(src);
    IdxStats st = idx_last_stats();
    assert_true(st.gzip);
    assert_false(st.cache_hit);
    assert_true(st.cache_written);
    assert_int_equal(access(cpath, R_OK), 0);
    arr_free(a);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 1);
    assert_false(idx_last_stats().cache_written);
    assert_memory_equal(a->data, raw + 16, n - 16);
    arr_free(a);

    /* touching the source: a miss, rewritten, then hits again */
    set_mtime(src, 1000000001);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_true(idx_last_stats().cache_written);
    arr_free(a);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 1);
    arr_free(a);

    /* a truncated cache file: a miss, and the entry is rewritten whole */
    size_t clen;
    uint8_t *cbytes = read_bytes(cpath, &clen);
    assert_int_equal(truncate(cpath, (off_t)(clen / 2)), 0);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_true(idx_last_stats().cache_written);
    assert_memory_equal(a->data, raw + 16, n - 16);
    arr_free(a);
    struct stat cs;
    assert_int_equal(stat(cpath, &cs), 0);
    assert_int_equal((size_t)cs.st_size, clen);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 1);
    arr_free(a);

    /* a cache file of the right length with one flipped data byte: a miss */
    cbytes[clen - 10] ^= 0xFF;
    write_bytes(cpath, cbytes, clen);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_memory_equal(a->data, raw + 16, n - 16);
    arr_free(a);
    /* ... and one with a changed header field */
    cbytes[clen - 10] ^= 0xFF;
    cbytes[20] ^= 0x01; /* the recorded source size */
    write_bytes(cpath, cbytes, clen);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    arr_free(a);
    /* ... and an empty one */
    write_bytes(cpath, "", 0);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    arr_free(a);
    free(cbytes);

    /* new contents of the same size (and a new mtime): the new data, not the old */
    uint8_t *raw2 = malloc(n);
    memcpy(raw2, raw, n);
    raw2[n - 1] ^= 0x5A;
    free(gz);
    gz = gzip_bytes(raw2, n, &gn);
    write_bytes(src, gz, gn);
    set_mtime(src, 1000000002);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_memory_equal(a->data, raw2 + 16, n - 16);
    arr_free(a);
    a = load_ok(src);
    assert_int_equal(idx_cache_hit(), 1);
    assert_memory_equal(a->data, raw2 + 16, n - 16);
    arr_free(a);

    /* no temporary files left behind */
    DIR *d = opendir(g_cache);
    assert_non_null(d);
    struct dirent *de;
    int files = 0;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') {
            assert_null(strstr(de->d_name, ".tmp"));
            files++;
        }
    closedir(d);
    assert_int_equal(files, 1);

    /* a cache directory that cannot be created: loading still works */
    char bad[512];
    snprintf(bad, sizeof bad, "%s/cached.gz/sub", g_tmp); /* under a regular file */
    setenv("NNSH_CACHE_DIR", bad, 1);
    a = load_ok(src);
    assert_false(idx_last_stats().cache_hit);
    assert_false(idx_last_stats().cache_written);
    arr_free(a);
    /* caching turned off */
    setenv("NNSH_CACHE_DIR", "", 1);
    assert_int_equal(idx_cache_path(src, cpath, sizeof cpath), -1);
    a = load_ok(src);
    assert_false(idx_last_stats().cache_written);
    arr_free(a);
    setenv("NNSH_CACHE_DIR", g_cache, 1);

    /* XDG_CACHE_HOME is used when NNSH_CACHE_DIR is unset */
    unsetenv("NNSH_CACHE_DIR");
    char xdg[512];
    snprintf(xdg, sizeof xdg, "%s/xdg", g_tmp);
    setenv("XDG_CACHE_HOME", xdg, 1);
    assert_int_equal(idx_cache_path(src, cpath, sizeof cpath), 0);
    char want[600];
    snprintf(want, sizeof want, "%s/nnsh/", xdg);
    assert_int_equal(strncmp(cpath, want, strlen(want)), 0);
    setenv("NNSH_CACHE_DIR", g_cache, 1);

    free(raw2);
    free(gz);
    free(raw);
}

/* --- idx_load_normalized ---------------------------------------------------------- */

/* x (float32, n pixels) holds NumPy's bits of pix[i] / 255 for every i. */
static void assert_normalized(const Array *x, const uint8_t *pix, size_t n) {
    assert_int_equal(x->dtype, DT_FLOAT32);
    assert_int_equal((size_t)x->size, n);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t bits;
        memcpy(&bits, (const float *)x->data + i, 4);
        if (bits != ref_norm_bits[pix[i]] && bad++ == 0)
            print_error("pixel %zu (%d): 0x%08x != 0x%08x\n", i, pix[i], bits,
                        ref_norm_bits[pix[i]]);
    }
    assert_int_equal(bad, 0);
}

static Array *load_norm_ok(const char *path) {
    Err e;
    err_clear(&e);
    Array *a = idx_load_normalized(path, &e);
    if (!a) print_error("%s\n", e.msg);
    assert_non_null(a);
    return a;
}

/* Both loaders fail on `path` with the same kind and message. */
static void assert_same_error(const char *path) {
    Err e1, e2;
    err_clear(&e1);
    err_clear(&e2);
    Array *a = load_st(path, &e1), *b = idx_load_normalized(path, &e2);
    assert_null(a);
    assert_null(b);
    assert_int_equal(e1.kind, e2.kind);
    assert_string_equal(e1.msg, e2.msg);
}

/* A valid idx3 file of n images of r x c with pixel (i*7 + 3) & 0xff. */
static uint8_t *make_idx3_rc(uint32_t n, uint32_t r, uint32_t c, size_t *len) {
    *len = 16 + (size_t)n * r * c;
    uint8_t *b = malloc(*len);
    assert_non_null(b);
    put_be32(b, 0x803);
    put_be32(b + 4, n);
    put_be32(b + 8, r);
    put_be32(b + 12, c);
    for (size_t i = 16; i < *len; i++)
        b[i] = (uint8_t)(i * 7 + 3);
    return b;
}

/* From a cache miss, a hit (the mapped fast path), damaged entries and a
 * plain file: NumPy's bits for every pixel, the idx file's shape, the same
 * statistics and errors as idx_load. 401 images of 29 x 27 are 313,983
 * pixels: more than one 256 KiB chunk of the two-thread pass, and not a
 * multiple of 8 (so the scalar tail runs too). */
static void test_load_normalized(void **state) {
    (void)state;
    size_t n, gn;
    uint8_t *raw = make_idx3_rc(401, 29, 27, &n);
    uint8_t *gz = gzip_bytes(raw, n, &gn);
    const uint8_t *pix = raw + 16;
    size_t npix = n - 16;
    const char *src = tmp_path("norm.gz");
    write_bytes(src, gz, gn);
    char cpath[1024];
    assert_int_equal(idx_cache_path(src, cpath, sizeof cpath), 0);
    unlink(cpath);

    Array *x = load_norm_ok(src); /* a miss: inflated, entry written */
    IdxStats st = idx_last_stats();
    assert_true(st.gzip);
    assert_false(st.cache_hit);
    assert_true(st.cache_written);
    assert_int_equal(x->ndim, 3);
    assert_true(x->shape[0] == 401 && x->shape[1] == 29 && x->shape[2] == 27);
    assert_normalized(x, pix, npix);
    arr_free(x);

    x = load_norm_ok(src); /* a hit */
    st = idx_last_stats();
    assert_true(st.gzip && st.cache_hit && !st.cache_written);
    assert_int_equal(st.raw_bytes, n);
    assert_int_equal(x->ndim, 3);
    assert_normalized(x, pix, npix);
    arr_free(x);

    /* one flipped pixel in the entry: the CRC catches it, the right values */
    size_t clen;
    uint8_t *cb = read_bytes(cpath, &clen);
    cb[clen - 1000] ^= 0x10;
    write_bytes(cpath, cb, clen);
    x = load_norm_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_true(idx_last_stats().cache_written);
    assert_normalized(x, pix, npix);
    arr_free(x);
    /* ... one flipped byte in the stored idx header (image count 401 -> 400) */
    cb[clen - 1000] ^= 0x10;
    cb[clen - n + 7] ^= 0x01;
    write_bytes(cpath, cb, clen);
    x = load_norm_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_int_equal(x->shape[0], 401);
    assert_normalized(x, pix, npix);
    arr_free(x);
    /* ... a truncated entry */
    assert_int_equal(truncate(cpath, (off_t)(clen - 1)), 0);
    x = load_norm_ok(src);
    assert_int_equal(idx_cache_hit(), 0);
    assert_normalized(x, pix, npix);
    arr_free(x);
    x = load_norm_ok(src); /* rewritten whole: hits again */
    assert_int_equal(idx_cache_hit(), 1);
    assert_normalized(x, pix, npix);
    arr_free(x);
    free(cb);

    /* caching off, and a plain idx file */
    setenv("NNSH_CACHE_DIR", "", 1);
    x = load_norm_ok(src);
    assert_false(idx_last_stats().cache_hit);
    assert_normalized(x, pix, npix);
    arr_free(x);
    setenv("NNSH_CACHE_DIR", g_cache, 1);
    const char *plain = tmp_path("norm.idx");
    write_bytes(plain, raw, n);
    x = load_norm_ok(plain);
    assert_false(idx_last_stats().gzip);
    assert_normalized(x, pix, npix);
    arr_free(x);

    /* failures: exactly idx_load's */
    const char *cut = tmp_path("norm_cut.idx");
    write_bytes(cut, raw, n / 2);
    assert_same_error(cut);
    const char *cutgz = tmp_path("norm_cut.gz");
    write_bytes(cutgz, gz, gn / 2);
    assert_same_error(cutgz);
    assert_same_error(tmp_path("no_such_file.gz"));
    assert_same_error(g_tmp); /* a directory */

    /* the real test set: the same bits as idx_images_to_float */
    char path[512];
    if (data_file("t10k-images-idx3-ubyte.gz", path, sizeof path)) {
        Err e;
        err_clear(&e);
        Array *u8 = load_st(path, &e);
        assert_non_null(u8);
        Array *want = idx_images_to_float(u8, true, true, &e);
        assert_non_null(want);
        for (int pass = 0; pass < 2; pass++) { /* a miss or a hit, then a hit */
            x = load_norm_ok(path);
            assert_int_equal(x->ndim, 3);
            assert_int_equal(x->size, want->size);
            assert_memory_equal(x->data, want->data, (size_t)x->size * sizeof(float));
            arr_free(x);
        }
        assert_int_equal(idx_cache_hit(), 1);
        arr_free(want);
        arr_free(u8);
    }
    free(gz);
    free(raw);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_t10k_images),     cmocka_unit_test(test_labels),
        cmocka_unit_test(test_normalize_real),  cmocka_unit_test(test_images_to_float),
        cmocka_unit_test(test_one_hot_errors),  cmocka_unit_test(test_synthetic_good),
        cmocka_unit_test(test_damaged),         cmocka_unit_test(test_cache),
        cmocka_unit_test(test_load_normalized),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
