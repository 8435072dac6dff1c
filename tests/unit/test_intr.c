/* test_intr.c - every long kernel stops on the Ctrl-C flag (intr.h): it
 * returns no result, fails with ERR_INTERRUPT and frees what it made (the
 * memory budget's count is back where it was). Without the flag the same
 * calls succeed, so each check can fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "arr.h"
#include "intr.h"
#include "ops.h"

/* run `call` with the flag set and check the interruption, then without */
#define CHECK_STOPS(call)                                                                          \
    do {                                                                                           \
        Err e_;                                                                                    \
        err_clear(&e_);                                                                            \
        int64_t use_ = arr_mem_in_use();                                                           \
        interp_interrupted = 1;                                                                    \
        Array *r_ = (call);                                                                        \
        interp_interrupted = 0;                                                                    \
        assert_null(r_);                                                                           \
        assert_int_equal(e_.kind, ERR_INTERRUPT);                                                  \
        assert_int_equal(arr_mem_in_use(), use_);                                                  \
        r_ = (call);                                                                               \
        assert_non_null(r_);                                                                       \
        arr_free(r_);                                                                              \
    } while (0)

static void test_kernels_stop(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    int64_t big[1] = {1 << 18}, sq[2] = {300, 300}, sq32[2] = {300, 300};
    Array *v = arr_new(DT_FLOAT64, 1, big, &e);
    Array *m = arr_new(DT_FLOAT64, 2, sq, &e);
    Array *f = arr_new(DT_FLOAT32, 2, sq32, &e);
    Array *i = arr_new(DT_INT64, 2, sq, &e);
    assert_true(v && m && f && i);
    CHECK_STOPS(op_binary(OP_ADD, v, v, &e_));
    CHECK_STOPS(op_binary(OP_MUL, m, m, &e_));
    CHECK_STOPS(op_unary(OP_EXP, v, &e_));
    CHECK_STOPS(op_unary(OP_SIGMOID, v, &e_));
    CHECK_STOPS(op_astype(v, DT_FLOAT32, &e_));
    CHECK_STOPS(op_matmul(m, m, &e_));
    CHECK_STOPS(op_dot(f, f, &e_));
    CHECK_STOPS(op_dot(i, i, &e_));
    CHECK_STOPS(op_reduce(RED_SUM, v, AXIS_ALL, false, &e_));
    arr_free(v);
    arr_free(m);
    arr_free(f);
    arr_free(i);
}

/* A product stops when the flag goes up: a thread raises it 100 ms into a
 * 2000 x 2000 float64 matmul (about 1 s of work), and the product returns
 * ERR_INTERRUPT instead of finishing. How soon is printed (make bench and
 * tests/tools/signals.sh measure it; no assertion here is timed). Under
 * valgrind (NNSH_VALGRIND set by tests/tools/valgrind.sh) the product would
 * take hours, so the test is skipped there. */
typedef struct Raiser {
    double at; /* when the flag went up, ms */
} Raiser;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *raise_later(void *arg) {
    Raiser *r = arg;
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    r->at = now_ms();
    interp_interrupted = 1;
    return NULL;
}

static void test_matmul_stops_soon(void **state) {
    (void)state;
    if (getenv("NNSH_VALGRIND")) skip();
    Err e;
    err_clear(&e);
    int64_t sq[2] = {2000, 2000};
    Array *m = arr_new(DT_FLOAT64, 2, sq, &e);
    assert_non_null(m);
    for (int64_t i = 0; i < m->size; i++)
        ((double *)m->data)[i] = 1.0;
    Raiser r = {0};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, raise_later, &r), 0);
    Array *p = op_matmul(m, m, &e);
    double back = now_ms();
    pthread_join(t, NULL);
    interp_interrupted = 0;
    if (p) { /* the machine finished first: nothing to measure */
        print_message("matmul finished before the flag (fast machine)\n");
        arr_free(p);
    } else {
        assert_int_equal(e.kind, ERR_INTERRUPT);
        print_message("2000x2000 matmul stopped %.1f ms after the flag\n", back - r.at);
    }
    arr_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kernels_stop),
        cmocka_unit_test(test_matmul_stops_soon),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
