/* bench_gemm.c - time the three MNIST-shaped float32 products (x100) with the
 * naive and the fast gemm kernels. Not a test; build and run by hand:
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
    }
    const char *names[2] = {"naive", "fast"};
    Gemm fns[2] = {kern_gemm_f32_naive, kern_gemm_f32};
    for (int f = 0; f < 2; f++) {
        double best = 1e9, per[3] = {1e9, 1e9, 1e9};
        for (int trial = 0; trial < 5; trial++) {
            double total = 0;
            for (int s = 0; s < 3; s++) {
                double t0 = now();
                for (int r = 0; r < reps; r++)
                    fns[f](shapes[s][0], shapes[s][2], shapes[s][1], A[s], B[s], C[s]);
                double dt = now() - t0;
                if (dt < per[s]) per[s] = dt;
                total += dt;
            }
            if (total < best) best = total;
        }
        printf("%-5s x%d: total %.2f ms (784x50 %.2f, 50x100 %.2f, 100x10 %.2f)\n", names[f], reps,
               best * 1e3, per[0] * 1e3, per[1] * 1e3, per[2] * 1e3);
    }
    for (int s = 0; s < 3; s++) {
        free(A[s]);
        free(B[s]);
        free(C[s]);
    }
    return 0;
}
