/* bench_gemm.c - time the three MNIST-shaped float32 products (x100) with the
 * naive kernel, the fast one (packs B and may use two threads on every call)
 * and the fast one on a B packed once (one thread: what the evaluation
 * does). Not a test; build and run by hand:
 *   gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Iinclude -pthread \
 *       -o /tmp/bench_gemm tests/tools/bench_gemm.c src/kernels.c -lm
 *   /tmp/bench_gemm [reps]
 * Compare with NumPy: np.dot on float32 arrays of the same shapes. */
#include "ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static float *rand_buf(int64_t n) {
    float *p = malloc(sizeof *p * (size_t)n);
    for (int64_t i = 0; i < n; i++)
        p[i] = (float)rand() / (float)RAND_MAX;
    return p;
}

typedef void (*Gemm)(int64_t, int64_t, int64_t, const float *, const float *, float *);

/* B packed once per shape, then kern_gemm_f32_packed on one thread */
static KernPackedB packed[3];
static int packed_shape;

static void gemm_packed(int64_t m, int64_t n, int64_t k, const float *A, const float *B, float *C) {
    (void)n, (void)k, (void)B;
    kern_gemm_f32_packed(m, A, &packed[packed_shape], C);
}

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 100;
    /* (m, k, n): x(100,784)W1(784,50), z1(100,50)W2(50,100), z2(100,100)W3(100,10) */
    static const int64_t shapes[3][3] = {{100, 784, 50}, {100, 50, 100}, {100, 100, 10}};
    float *A[3], *B[3], *C[3];
    srand(1);
    for (int s = 0; s < 3; s++) {
        A[s] = rand_buf(shapes[s][0] * shapes[s][1]);
        B[s] = rand_buf(shapes[s][1] * shapes[s][2]);
        C[s] = rand_buf(shapes[s][0] * shapes[s][2]);
        if (!kern_pack_b_f32(&packed[s], shapes[s][1], shapes[s][2], B[s])) return 1;
    }
    const char *names[3] = {"naive", "fast", "packed"};
    Gemm fns[3] = {kern_gemm_f32_naive, kern_gemm_f32, gemm_packed};
    for (int f = 0; f < 3; f++) {
        double best = 1e9, per[3] = {1e9, 1e9, 1e9};
        for (int trial = 0; trial < 5; trial++) {
            double total = 0;
            for (int s = 0; s < 3; s++) {
                double t0 = now();
                packed_shape = s;
                for (int r = 0; r < reps; r++)
                    fns[f](shapes[s][0], shapes[s][2], shapes[s][1], A[s], B[s], C[s]);
                double dt = now() - t0;
                if (dt < per[s]) per[s] = dt;
                total += dt;
            }
            if (total < best) best = total;
        }
        printf("%-6s x%d: total %.2f ms (784x50 %.2f, 50x100 %.2f, 100x10 %.2f)\n", names[f], reps,
               best * 1e3, per[0] * 1e3, per[1] * 1e3, per[2] * 1e3);
    }
    for (int s = 0; s < 3; s++) {
        free(A[s]);
        free(B[s]);
        free(C[s]);
        kern_packed_free(&packed[s]);
    }
    return 0;
}
