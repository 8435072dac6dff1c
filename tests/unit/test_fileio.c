/* test_fileio.c - atomic replacement of files (fileio.c) and its users
 * (npy_save, png_write), non-blocking opens, the memory budget and the
 * size checks of arr.c, and shape_str's bound (err.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "arr.h"
#include "fileio.h"
#include "npy.h"
#include "png.h"

static char g_dir[64];

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/nnsh_fio_XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *path_in(const char *name) {
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", g_dir, name);
    return buf;
}

/* The number of entries in the test directory (temporaries included). */
static int count_entries(void) {
    DIR *d = opendir(g_dir);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) n++;
    closedir(d);
    return n;
}

static void write_text(const char *path, const char *s) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static void assert_file_is(const char *path, const char *s) {
    char buf[256] = {0};
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, s);
}

static void test_replace_and_fail(void **state) {
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s", path_in("a.txt"));
    write_text(p, "old contents\n");
    chmod(p, 0640);
    Err e;
    err_clear(&e);
    assert_int_equal(fio_write_file(p, "new\n", 4, &e), 0);
    assert_file_is(p, "new\n");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640); /* the old file's mode is kept */
    assert_int_equal(count_entries(), 1);

    /* a write that fails half way (a full disk, injected): old file intact,
     * no temporary left */
    FioWriter w;
    assert_true(fio_begin(&w, p, &e));
    w.fail_at = 3;
    assert_false(fio_write(&w, "abcdef", 6, &e));
    assert_int_equal(e.kind, ERR_IO);
    assert_non_null(strstr(e.msg, "No space left on device"));
    fio_abort(&w);
    assert_file_is(p, "new\n");
    assert_int_equal(count_entries(), 1);

    /* abort without writing anything */
    assert_true(fio_begin(&w, p, &e));
    assert_true(fio_write(&w, "zz", 2, &e));
    fio_abort(&w);
    assert_file_is(p, "new\n");
    assert_int_equal(count_entries(), 1);

    /* a directory that does not exist, a target that is a directory */
    assert_int_equal(fio_write_file("/nonexistent-dir/x.npy", "x", 1, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    assert_int_equal(fio_write_file(g_dir, "x", 1, &e), -1);
    assert_non_null(strstr(e.msg, "is a directory"));
    unlink(p);
}

/* npy_save in a child limited to 64 KiB files: the write fails part way
 * (EFBIG), the old file must be whole and no temporary left. */
static void test_npy_save_file_limit(void **state) {
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s", path_in("w.npy"));
    Err e;
    err_clear(&e);
    int64_t small[1] = {3};
    Array *a = arr_new(DT_FLOAT64, 1, small, &e);
    arr_set(a, 0, 7);
    assert_int_equal(npy_save(p, a, &e), 0);
    arr_free(a);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {65536, 65536};
        setrlimit(RLIMIT_FSIZE, &rl);
        int64_t big[1] = {100000};
        Err ce;
        err_clear(&ce);
        Array *b = arr_new(DT_FLOAT64, 1, big, &ce);
        int rc = npy_save(p, b, &ce);
        arr_free(b); /* the child leaks nothing either (make valgrind follows it) */
        _exit(rc == -1 && ce.kind == ERR_IO && strstr(ce.msg, "File too large") ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    Array *back = npy_load(p, &e);
    assert_non_null(back);
    assert_int_equal(back->size, 3);
    assert_true(arr_get(back, 0) == 7);
    arr_free(back);
    assert_int_equal(count_entries(), 1);
    unlink(p);
}

/* kill -9 at several moments of saving a 64 MB array: the old file is
 * always whole (either the old array or, once the rename is done, the new
 * one; never a mixture or a truncated file). */
static void test_npy_save_killed(void **state) {
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s", path_in("k.npy"));
    Err e;
    err_clear(&e);
    int64_t small[1] = {5};
    Array *a = arr_new(DT_INT64, 1, small, &e);
    assert_int_equal(npy_save(p, a, &e), 0);
    arr_free(a);
    const int delays_us[] = {1000, 5000, 20000, 50000, 100000, 200000};
    int killed_mid = 0;
    for (size_t k = 0; k < sizeof delays_us / sizeof delays_us[0]; k++) {
        int pipefd[2];
        assert_int_equal(pipe(pipefd), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(pipefd[0]);
            int64_t big[1] = {8 << 20}; /* 64 MiB of int64 */
            Err ce;
            err_clear(&ce);
            Array *b = arr_new(DT_INT64, 1, big, &ce);
            for (int64_t i = 0; i < b->size; i += 4096)
                ((int64_t *)b->data)[i] = i;
            if (write(pipefd[1], "g", 1) != 1) {
                arr_free(b);
                _exit(3);
            }
            int rc = npy_save(p, b, &ce);
            arr_free(b);
            _exit(rc == 0 ? 0 : 2);
        }
        close(pipefd[1]);
        char c;
        assert_int_equal(read(pipefd[0], &c, 1), 1); /* the array is ready */
        close(pipefd[0]);
        struct timespec ts = {0, delays_us[k] * 1000L};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        Array *back = npy_load(p, &e);
        assert_non_null(back);
        assert_true(back->size == 5 || back->size == (8 << 20));
        if (WIFSIGNALED(status) && back->size == 5) killed_mid++;
        if (back->size != 5) { /* the save finished: put the small file back */
            arr_free(back);
            a = arr_new(DT_INT64, 1, small, &e);
            assert_int_equal(npy_save(p, a, &e), 0);
            arr_free(a);
        } else {
            arr_free(back);
        }
        /* a killed save leaves at most its temporary, which we clear */
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -f '%s'/.k.npy.tmp*", g_dir);
        assert_int_equal(system(cmd), 0);
    }
    print_message("saves killed before the rename: %d of 6\n", killed_mid);
    assert_true(killed_mid > 0);
    unlink(p);
}

static void test_png_write_fails_cleanly(void **state) {
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s", path_in("p.png"));
    write_text(p, "old png\n");
    Err e;
    err_clear(&e);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {100, 100};
        setrlimit(RLIMIT_FSIZE, &rl);
        uint8_t *pix = malloc(256 * 256);
        for (int i = 0; i < 256 * 256; i++)
            pix[i] = (uint8_t)(i * 7919 >> 3);
        Err ce;
        err_clear(&ce);
        int rc = png_write_gray(p, pix, 256, 256, &ce) == -1 && ce.kind == ERR_IO ? 0 : 1;
        free(pix);
        _exit(rc);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_file_is(p, "old png\n");
    assert_int_equal(count_entries(), 1);
    unlink(p);
}

static void test_fifo_refused(void **state) {
    (void)state;
    char p[256];
    snprintf(p, sizeof p, "%s", path_in("fifo"));
    assert_int_equal(mkfifo(p, 0600), 0);
    Err e;
    err_clear(&e);
    /* each of these would block forever in open() without O_NONBLOCK */
    assert_int_equal(fio_open_read(p, &e), -1);
    assert_non_null(strstr(e.msg, "not a regular file (a FIFO)"));
    assert_null(npy_load(p, &e));
    assert_int_equal(e.kind, ERR_IO);
    int w, h, c;
    assert_null(png_read(p, &w, &h, &c, &e));
    assert_int_equal(e.kind, ERR_IO);
    assert_int_equal(fio_open_read(g_dir, &e), -1);
    assert_non_null(strstr(e.msg, "is a directory"));
    unlink(p);
}

/* shape_str never writes more than SHAPE_STR_SIZE bytes; the array
 * constructors refuse what NumPy refuses; a valid huge zero-size shape
 * round-trips through .npy. */
static void test_shapes_bounded(void **state) {
    (void)state;
    char buf[SHAPE_STR_SIZE + 16];
    memset(buf, 'Z', sizeof buf);
    int64_t huge[4] = {0, INT64_MAX, INT64_MIN, 1000000000000000000};
    shape_str(buf, 4, huge);
    assert_true(strlen(buf) < SHAPE_STR_SIZE);
    assert_int_equal(buf[SHAPE_STR_SIZE], 'Z'); /* nothing past the bound */
    assert_string_equal(buf + strlen(buf) - 4, "...)");
    int64_t e18[4] = {0, 1000000000000000000, 1000000000000000000, 1000000000000000000};
    Err e;
    err_clear(&e);
    /* NumPy: ValueError: array is too big */
    assert_null(arr_new(DT_FLOAT64, 4, e18, &e));
    assert_int_equal(e.kind, ERR_MEMORY);
    assert_non_null(strstr(e.msg, "too big"));
    int64_t neg[2] = {3, -1};
    assert_null(arr_new(DT_FLOAT64, 2, neg, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    /* (0, 10**9, 10**9) is a valid empty array in NumPy, and saves */
    int64_t ok[3] = {0, 1000000000, 1000000000};
    Array *a = arr_new(DT_FLOAT64, 3, ok, &e);
    assert_non_null(a);
    assert_string_equal(shape_str(buf, 3, a->shape), "(0, 1000000000, 1000000000)");
    char p[256];
    snprintf(p, sizeof p, "%s", path_in("z.npy"));
    assert_int_equal(npy_save(p, a, &e), 0);
    Array *b = npy_load(p, &e);
    assert_non_null(b);
    assert_true(arr_same_shape(a, b));
    arr_free(a);
    arr_free(b);
    unlink(p);
    /* the largest 4-axis shape nnsh can hold prints whole */
    int64_t full[4] = {0, 1152921504606846975 / 8, 1, 1};
    a = arr_new(DT_UINT8, 4, full, &e);
    assert_non_null(a);
    shape_str(buf, 4, a->shape);
    assert_null(strstr(buf, "..."));
    arr_free(a);
}

/* A .npy whose header declares (0, 10**18, 10**18, 10**18): refused as
 * NumPy refuses it, nothing written past a buffer (this overflowed the
 * stack in shape_str before). */
static void test_npy_huge_shape(void **state) {
    (void)state;
    const char *dict = "{'descr': '<f8', 'fortran_order': False, "
                       "'shape': (0, 1000000000000000000, 1000000000000000000, "
                       "1000000000000000000), }";
    uint8_t buf[256];
    size_t hl = strlen(dict) + 1;
    size_t pad = 64 - (10 + hl) % 64;
    memcpy(buf, "\x93NUMPY\x01\x00", 8);
    buf[8] = (uint8_t)((hl + pad) & 0xff);
    buf[9] = (uint8_t)((hl + pad) >> 8);
    memcpy(buf + 10, dict, hl - 1);
    memset(buf + 10 + hl - 1, ' ', pad);
    buf[10 + hl + pad - 1] = '\n';
    Err e;
    err_clear(&e);
    Array *a = npy_load_mem(buf, 10 + hl + pad, "huge.npy", &e);
    assert_null(a);
    assert_true(e.kind == ERR_MEMORY || e.kind == ERR_FORMAT);
    assert_true(strlen(e.msg) < sizeof e.msg - 1);
    print_message("huge .npy shape: %s\n", e.msg);
}

static void test_memory_budget(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    int64_t before = arr_mem_in_use();
    arr_mem_set_limit(before + (10 << 20)); /* 10 MiB more than now */
    int64_t s1[1] = {1 << 20};              /* 8 MiB of float64 */
    Array *a = arr_new(DT_FLOAT64, 1, s1, &e);
    assert_non_null(a);
    assert_int_equal(arr_mem_in_use(), before + (8 << 20));
    Array *b = arr_new(DT_FLOAT64, 1, s1, &e); /* past the budget */
    assert_null(b);
    assert_int_equal(e.kind, ERR_MEMORY);
    assert_non_null(strstr(e.msg, "8 MiB asked"));
    assert_non_null(strstr(e.msg, "in use, limit"));
    assert_int_equal(arr_mem_in_use(), before + (8 << 20)); /* nothing charged */
    Array *c = arr_copy(a, &e);
    assert_null(c);
    arr_free(a);
    assert_int_equal(arr_mem_in_use(), before);
    b = arr_new(DT_FLOAT64, 1, s1, &e); /* fits again */
    assert_non_null(b);
    arr_free(b);
    arr_mem_set_limit(0);
    assert_true(arr_mem_limit() > 0 && arr_mem_limit() <= ((int64_t)4 << 30));

    int64_t v;
    assert_true(arr_mem_parse("512M", &v) && v == (int64_t)512 << 20);
    assert_true(arr_mem_parse("2G", &v) && v == (int64_t)2 << 30);
    assert_true(arr_mem_parse("1.5g", &v) && v == (int64_t)3 << 29);
    assert_true(arr_mem_parse("100KB", &v) && v == 102400);
    assert_true(arr_mem_parse("65536", &v) && v == 65536);
    assert_false(arr_mem_parse("", &v));
    assert_false(arr_mem_parse("-1G", &v));
    assert_false(arr_mem_parse("0", &v));
    assert_false(arr_mem_parse("12X", &v));
    assert_false(arr_mem_parse("1e30", &v));
    assert_false(arr_mem_parse("nan", &v));
}

static void test_checked_conversions(void **state) {
    (void)state;
    int64_t v = 42;
    assert_false(arr_f64_to_i64(1e300, &v));
    assert_false(arr_f64_to_i64(-1e300, &v));
    assert_false(arr_f64_to_i64(NAN, &v));
    assert_false(arr_f64_to_i64(INFINITY, &v));
    assert_false(arr_f64_to_i64(9223372036854775808.0, &v));
    assert_int_equal(v, 42);
    assert_true(arr_f64_to_i64(-9223372036854775808.0, &v) && v == INT64_MIN);
    assert_true(arr_f64_to_i64(-2.9, &v) && v == -2);
    assert_true(arr_add_i64(INT64_MAX - 1, 1, &v) && v == INT64_MAX);
    assert_false(arr_add_i64(INT64_MAX, 1, &v));
    assert_false(arr_mul_i64(9000000000000000000, 2, &v));
    Err e;
    err_clear(&e);
    int64_t s[1] = {2};
    Array *a = arr_new(DT_INT64, 1, s, &e);
    assert_false(arr_set_checked(a, 0, 1e300, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_int_equal(arr_get_i64(a, 0), 0); /* nothing stored */
    assert_false(arr_set_checked(a, 0, NAN, &e));
    assert_true(arr_set_checked(a, 1, -5, &e));
    assert_int_equal(arr_get_i64(a, 1), -5);
    arr_free(a);
    Array *u = arr_new(DT_UINT8, 1, s, &e);
    assert_false(arr_set_checked(u, 0, 256, &e));
    assert_false(arr_set_checked(u, 0, -1, &e));
    assert_true(arr_set_checked(u, 0, 255, &e));
    arr_free(u);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replace_and_fail),    cmocka_unit_test(test_npy_save_file_limit),
        cmocka_unit_test(test_npy_save_killed),     cmocka_unit_test(test_png_write_fails_cleanly),
        cmocka_unit_test(test_fifo_refused),        cmocka_unit_test(test_shapes_bounded),
        cmocka_unit_test(test_npy_huge_shape),      cmocka_unit_test(test_memory_budget),
        cmocka_unit_test(test_checked_conversions),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
