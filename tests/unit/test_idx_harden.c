/* test_idx_harden.c - the idx reader against hostile and changing files:
 * a small .gz that declares or inflates to far more than it should, a
 * source rewritten with its size and mtime put back, a FIFO planted in the
 * cache, a cache directory others can write, and the mapped float32 cache
 * of load_mnist. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "idx.h"


/* What the last load of this test did (idx_load_stats). */
static IdxStats last_stats;
static Array *load_st(const char *path, Err *e) {
    return idx_load_stats(path, &last_stats, e);
}
#define idx_last_stats() (last_stats)
#define idx_cache_hit() (last_stats.cache_hit ? 1 : 0)
#define idx_load_normalized(p, e) idx_load_normalized_stats(p, &last_stats, e)

static char g_dir[64], g_cache[128];

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/nnsh_idxh_XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    snprintf(g_cache, sizeof g_cache, "%s/cache", g_dir);
    setenv("NNSH_CACHE_DIR", g_cache, 1);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", g_dir, g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *path_in(const char *name) {
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", g_dir, name);
    return buf;
}

/* Write an idx3 header for (n, r, c) followed by `len` bytes of `data`
 * (NULL: `len` bytes of pattern), gzip-compressed, to path. */
static void write_gz(const char *path, uint32_t n, uint32_t r, uint32_t c, size_t len, int seed) {
    gzFile g = gzopen(path, "wb9");
    assert_non_null(g);
    uint8_t h[16] = {0, 0, 8, 3};
    uint32_t dims[3] = {n, r, c};
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 4; k++)
            h[4 + 4 * i + k] = (uint8_t)(dims[i] >> (24 - 8 * k));
    gzwrite(g, h, sizeof h);
    uint8_t block[4096];
    for (size_t done = 0; done < len;) {
        size_t step = len - done < sizeof block ? len - done : sizeof block;
        for (size_t i = 0; i < step; i++)
            block[i] = seed < 0 ? 0 : (uint8_t)((done + i) * 31 + (size_t)seed);
        gzwrite(g, block, (unsigned)step);
        done += step;
    }
    gzclose(g);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_bombs(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    /* declares 1000 x 1000 x 1000 (1e9 bytes) with 1 MB of zeros: refused
     * from the header, before inflating */
    const char *p = path_in("bomb1.gz");
    write_gz(p, 1000, 1000, 1000, 1 << 20, -1);
    double t0 = now_ms();
    assert_null(load_st(p, &e));
    assert_int_equal(e.kind, ERR_FORMAT);
    assert_non_null(strstr(e.msg, "cannot hold that much"));
    /* declares 10 x 28 x 28 but inflates to 64 MB of zeros: stops at once */
    p = path_in("bomb2.gz");
    write_gz(p, 10, 28, 28, 64 << 20, -1);
    t0 = now_ms();
    assert_null(load_st(p, &e));
    double ms = now_ms() - t0;
    assert_int_equal(e.kind, ERR_FORMAT);
    assert_non_null(strstr(e.msg, "unexpected bytes after the data"));
    /* the message shows where it stopped: at the first byte past the
     * declared data (the time is for information; no test here is timed) */
    print_message("64 MB bomb refused in %.1f ms\n", ms);
}

/* A source rewritten with new contents of the same size, its mtime put
 * back: the cache must not serve the old data (ctime and the gzip trailer
 * differ). */
static void test_stale_cache(void **state) {
    (void)state;
    const char *p = path_in("src.gz");
    char src[256];
    snprintf(src, sizeof src, "%s", p);
    write_gz(src, 20, 28, 28, 20 * 784, 1);
    struct stat st1;
    assert_int_equal(stat(src, &st1), 0);
    Err e;
    err_clear(&e);
    Array *a = load_st(src, &e);
    assert_non_null(a);
    assert_true(idx_last_stats().cache_written);
    uint8_t first = ((uint8_t *)a->data)[100];
    arr_free(a);
    a = load_st(src, &e);
    assert_int_equal(idx_cache_hit(), 1);
    arr_free(a);

    /* same size, other contents (the pattern's seed), mtime restored */
    struct timespec keep[2] = {st1.st_atim, st1.st_mtim};
    for (int seed = 2; seed < 50; seed++) {
        write_gz(src, 20, 28, 28, 20 * 784, seed);
        struct stat st2;
        assert_int_equal(stat(src, &st2), 0);
        if (st2.st_size == st1.st_size) break;
    }
    struct stat st2;
    assert_int_equal(stat(src, &st2), 0);
    assert_int_equal(st2.st_size, st1.st_size);
    assert_int_equal(utimensat(AT_FDCWD, src, keep, 0), 0);
    a = load_st(src, &e);
    assert_non_null(a);
    assert_int_equal(idx_cache_hit(), 0);
    assert_int_not_equal(((uint8_t *)a->data)[100], first);
    arr_free(a);
    /* and the float32 path likewise */
    Array *f = idx_load_normalized(src, &e);
    assert_non_null(f);
    Array *g = idx_load_normalized(src, &e); /* now mapped */
    assert_non_null(g);
    assert_int_equal(idx_cache_hit(), 1);
    assert_memory_equal(f->data, g->data, (size_t)f->size * 4);
    arr_free(f);
    arr_free(g);
}

/* A FIFO where the cache entry should be: loading neither blocks nor fails. */
static void test_fifo_in_cache(void **state) {
    (void)state;
    char src[256], cpath[1024];
    snprintf(src, sizeof src, "%s", path_in("fifo_src.gz"));
    write_gz(src, 3, 28, 28, 3 * 784, 7);
    assert_int_equal(idx_cache_path(src, cpath, sizeof cpath), 0);
    Err e;
    err_clear(&e);
    Array *a = load_st(src, &e); /* creates the directory and the entry */
    assert_non_null(a);
    arr_free(a);
    unlink(cpath);
    assert_int_equal(mkfifo(cpath, 0600), 0);
    a = load_st(src, &e);
    assert_non_null(a);
    assert_int_equal(idx_cache_hit(), 0);
    arr_free(a);
    a = idx_load_normalized(src, &e);
    assert_non_null(a);
    arr_free(a);
}

/* A cache directory that others may write is not used. */
static void test_unsafe_cache_dir(void **state) {
    (void)state;
    char dir[256], src[256];
    snprintf(dir, sizeof dir, "%s", path_in("shared"));
    snprintf(src, sizeof src, "%s", path_in("shared_src.gz"));
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(chmod(dir, 0777), 0);
    write_gz(src, 2, 28, 28, 2 * 784, 3);
    setenv("NNSH_CACHE_DIR", dir, 1);
    Err e;
    err_clear(&e);
    Array *a = load_st(src, &e);
    assert_non_null(a); /* loading works, without the cache */
    assert_false(idx_last_stats().cache_written);
    arr_free(a);
    char cpath[1024];
    assert_int_equal(idx_cache_path(src, cpath, sizeof cpath), -1);
    assert_int_equal(chmod(dir, 0700), 0); /* ours and closed: used */
    a = load_st(src, &e);
    assert_true(idx_last_stats().cache_written);
    arr_free(a);
    setenv("NNSH_CACHE_DIR", g_cache, 1);
}

/* The warm float32 load maps the cache; writing to the array never changes
 * the cache file. For the MNIST test set the warm load is a cache hit whose
 * pixels are mapped, not decoded again (what makes it fast; its time is
 * printed for information, and `make bench` is where speed is judged: a
 * timed assertion fails on a loaded machine or under valgrind). */
static void test_mapped_f32(void **state) {
    (void)state;
    char src[256];
    snprintf(src, sizeof src, "%s", path_in("map_src.gz"));
    write_gz(src, 50, 28, 28, 50 * 784, 9);
    Err e;
    err_clear(&e);
    Array *a = idx_load_normalized(src, &e); /* miss: both entries written */
    assert_non_null(a);
    float v = ((float *)a->data)[1234];
    arr_free(a);
    a = idx_load_normalized(src, &e);
    assert_non_null(a);
    assert_non_null(a->map); /* mapped, not converted */
    assert_true(((float *)a->data)[1234] == v);
    ((float *)a->data)[1234] = 42.0f; /* copy on write */
    arr_free(a);
    a = idx_load_normalized(src, &e);
    assert_true(((float *)a->data)[1234] == v);
    arr_free(a);

    const char *d = getenv("NNSH_TEST_DATA");
    char path[512];
    snprintf(path, sizeof path, "%s/t10k-images-idx3-ubyte.gz", d ? d : "../shared/mnist");
    if (access(path, R_OK) != 0) return;
    a = idx_load_normalized(path, &e); /* warm the cache */
    assert_non_null(a);
    arr_free(a);
    double best = 1e9;
    for (int i = 0; i < 5; i++) {
        IdxStats st;
        double t0 = now_ms();
        a = idx_load_normalized_stats(path, &st, &e);
        double ms = now_ms() - t0;
        assert_non_null(a);
        assert_int_equal(a->size, 10000 * 784);
        assert_true(st.cache_hit);
        assert_non_null(a->map);
        arr_free(a);
        if (ms < best) best = ms;
    }
    print_message("warm idx_load_normalized of t10k images: %.2f ms\n", best);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bombs),         cmocka_unit_test(test_stale_cache),
        cmocka_unit_test(test_fifo_in_cache), cmocka_unit_test(test_unsafe_cache_dir),
        cmocka_unit_test(test_mapped_f32),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
