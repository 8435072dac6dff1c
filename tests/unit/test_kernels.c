/* test_kernels.c - the fast gemm kernels (kernels.c) against the naive
 * reference loops on many shapes, odd ones included, with seeded data: the
 * one-call kernels and the float32 kernel on a B packed once. The fast
 * kernels add in a different order (and use FMA), so the check is relative
 * to the size of the terms: |fast - naive| <= tol * sum_p |a||b|. Also the
 * two-worker task runner (every task exactly once, nested calls inline). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "rng.h"

/* (m, k, n): vector shapes, micro-tile edges (every height 1..6, 16- and
 * 8-wide panels, a padded last panel), k beyond one block (256 for float64,
 * 1024 for float32: two and three slices), n beyond one panel block (2048),
 * the MNIST layers, two-thread sizes and empty products */
static const int64_t kShapes[][3] = {
    {1, 1, 1},     {7, 13, 5},   {100, 784, 50}, {3, 0, 4},      {0, 5, 3},      {4, 3, 0},
    {6, 256, 16},  {6, 257, 17}, {13, 17, 300},  {1, 784, 50},   {100, 784, 1},  {2, 3, 2},
    {12, 32, 257}, {5, 600, 9},  {100, 50, 100}, {100, 100, 10}, {97, 100, 300}, {200, 300, 100},
    {7, 5, 2100},  {1, 1, 33},   {33, 1, 1},     {11, 1, 11},    {9, 1500, 21},  {5, 2100, 40},
    {4, 30, 24},   {3, 30, 8},   {2, 9, 7},      {5, 64, 31},    {1, 100, 10},   {100, 1, 50},
};
#define NSHAPES ((int)(sizeof kShapes / sizeof kShapes[0]))

static void fill(Rng *g, double *p, int64_t n) {
    for (int64_t i = 0; i < n; i++)
        p[i] = 2.0 * rng_uniform(g) - 1.0;
}

/* How the fast product is computed: the one-call kernel of the type, or
 * (float32 only) B packed first, then kern_gemm_f32_packed. */
enum { ONE_CALL, PACKED };

static void run_case(int idx, bool f64, int how) {
    int64_t m = kShapes[idx][0], k = kShapes[idx][1], n = kShapes[idx][2];
    size_t na = (size_t)(m * k) + 1, nb = (size_t)(k * n) + 1, nc = (size_t)(m * n) + 1;
    double *a = malloc(na * sizeof *a), *b = malloc(nb * sizeof *b);
    double *c1 = malloc(nc * sizeof *c1), *c2 = malloc(nc * sizeof *c2);
    float *af = malloc(na * sizeof *af), *bf = malloc(nb * sizeof *bf);
    float *c1f = malloc(nc * sizeof *c1f), *c2f = malloc(nc * sizeof *c2f);
    assert_true(a && b && c1 && c2 && af && bf && c1f && c2f);
    Rng g;
    rng_seed(&g, (uint32_t)(idx + 1));
    fill(&g, a, m * k);
    fill(&g, b, k * n);
    for (size_t i = 0; i < na; i++)
        af[i] = (float)a[i];
    for (size_t i = 0; i < nb; i++)
        bf[i] = (float)b[i];
    /* poison the outputs: every element must be written */
    for (size_t i = 0; i < nc; i++)
        c1[i] = c2[i] = NAN, c1f[i] = c2f[i] = NAN;
    if (f64) {
        kern_gemm_f64_naive(m, n, k, a, b, c1);
        kern_gemm_f64(m, n, k, a, b, c2);
    } else if (how == ONE_CALL) {
        kern_gemm_f32_naive(m, n, k, af, bf, c1f);
        kern_gemm_f32(m, n, k, af, bf, c2f);
    } else {
        kern_gemm_f32_naive(m, n, k, af, bf, c1f);
        KernPackedB pb;
        assert_true(kern_pack_b_f32(&pb, k, n, bf));
        assert_true(pb.k == k && pb.n == n && pb.width >= n && pb.width < n + 8);
        kern_gemm_f32_packed(m, af, &pb, c2f);
        kern_packed_free(&pb);
        assert_null(pb.data);
    }
    double tol = f64 ? 1e-14 : 2e-6, worst = 0;
    int64_t wi = -1;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double mag = 0;
            for (int64_t p = 0; p < k; p++)
                mag += fabs(a[i * k + p] * b[p * n + j]);
            double x = f64 ? c1[i * n + j] : c1f[i * n + j];
            double y = f64 ? c2[i * n + j] : c2f[i * n + j];
            double d = fabs(x - y), rel = d / (mag > 0 ? mag : 1);
            if (isnan(x) || isnan(y)) rel = INFINITY;
            if (rel > tol && rel > worst) {
                worst = rel;
                wi = i * n + j;
            }
        }
    if (wi >= 0)
        print_error("%s gemm (%lld,%lld)x(%lld,%lld): largest relative difference %.3g at "
                    "element %lld\n",
                    f64             ? "f64"
                    : how == PACKED ? "packed f32"
                                    : "f32",
                    (long long)m, (long long)k, (long long)k, (long long)n, worst, (long long)wi);
    free(a);
    free(b);
    free(c1);
    free(c2);
    free(af);
    free(bf);
    free(c1f);
    free(c2f);
    assert_int_equal(wi, -1);
}

static void test_gemm_f32(void **state) {
    (void)state;
    for (int i = 0; i < NSHAPES; i++)
        run_case(i, false, ONE_CALL);
}

static void test_gemm_f32_packed(void **state) {
    (void)state;
    for (int i = 0; i < NSHAPES; i++)
        run_case(i, false, PACKED);
}

static void test_gemm_f64(void **state) {
    (void)state;
    for (int i = 0; i < NSHAPES; i++)
        run_case(i, true, ONE_CALL);
}

/* Small products with exact integer answers. */
/* Distance in units in the last place between two finite floats of one sign. */
static int32_t ulps(float a, float b) {
    int32_t ia, ib;
    memcpy(&ia, &a, sizeof ia);
    memcpy(&ib, &b, sizeof ib);
    return ia > ib ? ia - ib : ib - ia;
}

/* The vectorised bias+sigmoid against the expf loop: a sweep over the whole
 * useful range (with and without a bias, odd row lengths for the tails),
 * and the special values. */
static void test_bias_sigmoid(void **state) {
    (void)state;
    enum { ROWS = 37, N = 1031 };
    static float x[ROWS * N], fast[ROWS * N], ref[ROWS * N], b[N];
    for (int j = 0; j < N; j++)
        b[j] = (float)(j % 7) * 0.25f - 0.75f;
    for (int i = 0; i < ROWS * N; i++)
        x[i] = -110.0f + 220.0f * (float)i / (ROWS * N);
    for (int pass = 0; pass < 2; pass++) {
        const float *bias = pass ? b : NULL;
        memcpy(fast, x, sizeof x);
        memcpy(ref, x, sizeof x);
        kern_bias_sigmoid_f32(fast, bias, ROWS, N);
        kern_bias_sigmoid_f32_naive(ref, bias, ROWS, N);
        int32_t worst = 0;
        for (int i = 0; i < ROWS * N; i++) {
            int32_t d = ulps(fast[i], ref[i]);
            if (d > worst) worst = d;
        }
        if (worst > 8) print_error("bias_sigmoid: %d ulp from expf's result\n", (int)worst);
        assert_true(worst <= 8);
    }
    float sp[16] = {INFINITY, -INFINITY, NAN,    0.0f, -0.0f, 88.8f, -88.8f, 104.0f,
                    -104.0f,  1e30f,     -1e30f, 0.5f, -0.5f, 20.0f, -20.0f, 3.0f};
    float want[16];
    memcpy(want, sp, sizeof sp);
    kern_bias_sigmoid_f32(sp, NULL, 2, 8);
    kern_bias_sigmoid_f32_naive(want, NULL, 2, 8);
    for (int i = 0; i < 16; i++) {
        if (isnan(want[i])) {
            assert_true(isnan(sp[i]));
        } else {
            assert_true(ulps(sp[i], want[i]) <= 8);
        }
    }
}

/* One row times a matrix (the book's one image at a time) promises more
 * than the tolerance: each element is the plain loop's sum exactly, a
 * multiply then an add, in order along k. Widths around the kernel's
 * registers (8 columns) and blocks (64), and the MNIST layers. */
static void test_vecmat_exact(void **state) {
    (void)state;
    static const int64_t kn[][2] = {{784, 50}, {50, 100}, {100, 10}, {3, 1},  {5, 7},
                                    {9, 8},    {17, 9},   {33, 63},  {2, 64}, {6, 65},
                                    {4, 130},  {1, 200},  {300, 71}, {0, 5}};
    for (size_t c = 0; c < sizeof kn / sizeof kn[0]; c++) {
        int64_t k = kn[c][0], n = kn[c][1];
        float *A = malloc(sizeof *A * (size_t)(k + 1)),
              *B = malloc(sizeof *B * (size_t)(k * n + 1));
        float *C = malloc(sizeof *C * (size_t)(n + 1)), *R = malloc(sizeof *R * (size_t)(n + 1));
        assert_true(A && B && C && R);
        Rng g;
        rng_seed(&g, (uint32_t)(c + 100));
        for (int64_t i = 0; i < k; i++)
            A[i] = (float)(2.0 * rng_uniform(&g) - 1.0);
        for (int64_t i = 0; i < k * n; i++)
            B[i] = (float)(2.0 * rng_uniform(&g) - 1.0);
        C[n] = R[n] = 12345.0f; /* the element past the end stays as it is */
        for (int64_t j = 0; j < n; j++) {
            float s = 0.0f;
            for (int64_t p = 0; p < k; p++) {
                float t = A[p] * B[p * n + j];
                s = s + t;
            }
            R[j] = s;
            C[j] = NAN;
        }
        kern_gemm_f32(1, n, k, A, B, C);
        for (int64_t j = 0; j <= n; j++)
            if (memcmp(&C[j], &R[j], sizeof C[j]) != 0) {
                print_error("k=%lld n=%lld: C[%lld] = %.9g, the plain loop gives %.9g\n",
                            (long long)k, (long long)n, (long long)j, C[j], R[j]);
                fail();
            }
        free(A);
        free(B);
        free(C);
        free(R);
    }
}

static void test_gemm_known(void **state) {
    (void)state;
    const float A[] = {2, 1}, B[] = {1, 3, 5, 2, 4, 6};
    float C[3];
    kern_gemm_f32(1, 3, 2, A, B, C);
    assert_true(C[0] == 4 && C[1] == 10 && C[2] == 16);
    const double Ad[] = {1, 2, 3, 4}, Bd[] = {5, 6, 7, 8};
    double Cd[4];
    kern_gemm_f64(2, 2, 2, Ad, Bd, Cd);
    assert_true(Cd[0] == 19 && Cd[1] == 22 && Cd[2] == 43 && Cd[3] == 50);
}

/* A packed product computes each element as one multiply-add chain along k,
 * in order, like the naive loop with fused multiply-adds: on integer data
 * small enough to be exact, every element must be exactly right. */
static void test_gemm_packed_exact(void **state) {
    (void)state;
    enum { M = 13, K = 37, N = 50 };
    static float A[M * K], B[K * N], C[M * N], R[M * N];
    for (int i = 0; i < M * K; i++)
        A[i] = (float)(i % 7 - 3);
    for (int i = 0; i < K * N; i++)
        B[i] = (float)(i % 5 - 2);
    KernPackedB pb;
    assert_true(kern_pack_b_f32(&pb, K, N, B));
    assert_int_equal(pb.width, 56); /* 16 + 16 + 16 + 8 */
    kern_gemm_f32_packed(M, A, &pb, C);
    kern_gemm_f32_naive(M, N, K, A, B, R);
    assert_memory_equal(C, R, sizeof C);
    kern_packed_free(&pb);
}

/* kern_parallel: each task runs exactly once, on worker 0 or 1; a call from
 * inside a task runs all its tasks on that task's worker. */
enum { NTASKS = 5000, NESTED = 7 };
typedef struct ParCheck {
    int runs[NTASKS];
    int worker[NTASKS];
    int nested_bad;
} ParCheck;

typedef struct NestedCheck {
    int outer_worker;
    int count;
    int bad;
} NestedCheck;

static void nested_task(void *arg, int64_t t, int worker) {
    NestedCheck *n = arg;
    (void)t;
    n->count++; /* not atomic on purpose: all on one thread */
    if (worker != n->outer_worker) n->bad++;
}

static void par_task(void *arg, int64_t t, int worker) {
    ParCheck *c = arg;
    c->runs[t]++;
    c->worker[t] = worker;
    if (t % 1000 == 0) {
        NestedCheck n = {worker, 0, 0};
        kern_parallel(NESTED, nested_task, &n);
        if (n.count != NESTED || n.bad) c->nested_bad++;
    }
}

static void test_parallel(void **state) {
    (void)state;
    static ParCheck c;
    for (int round = 0; round < 3; round++) {
        memset(&c, 0, sizeof c);
        kern_parallel(NTASKS, par_task, &c);
        for (int t = 0; t < NTASKS; t++) {
            assert_int_equal(c.runs[t], 1);
            assert_true(c.worker[t] == 0 || c.worker[t] == 1);
        }
        assert_int_equal(c.nested_bad, 0);
    }
    kern_parallel(0, par_task, &c); /* nothing to do: returns at once */
    memset(&c, 0, sizeof c);
    kern_parallel(1, par_task, &c);
    assert_int_equal(c.runs[0], 1);
    assert_int_equal(c.worker[0], 0); /* a single task runs on the caller */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gemm_f32),          cmocka_unit_test(test_gemm_f32_packed),
        cmocka_unit_test(test_gemm_packed_exact), cmocka_unit_test(test_gemm_f64),
        cmocka_unit_test(test_parallel),          cmocka_unit_test(test_gemm_known),
        cmocka_unit_test(test_bias_sigmoid),      cmocka_unit_test(test_vecmat_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
