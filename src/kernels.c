/* kernels.c - matrix multiply kernels C = A(m,k) B(k,n), row-major (see ops.h).
 *
 * Each dtype has a naive kernel (three plain loops, the reference) and a fast
 * one. The fast one follows the usual recipe for a cache-friendly gemm:
 *
 *   for each block of KC rows of B (a slice of the k axis):
 *     pack that slice of B into column panels NR wide  (stays in L2)
 *     for each block of MC rows of A (read in place, six row streams):
 *       for each NR-wide panel of B, for each MR-tall panel of A:
 *         micro-kernel: an MR x NR tile of C held in registers, updated
 *         with one rank-1 product per step along k
 *
 * On x86 CPUs with AVX2 and FMA the micro-kernel uses 256-bit intrinsics
 * (compiled with a function-level target attribute, chosen at run time, so
 * the binary still runs on older CPUs); elsewhere it is plain C that the
 * compiler vectorises as it can. Large products are split by rows over two
 * threads. Accumulation stays in the operand type (float for float32), as in
 * OpenBLAS, so results differ from the naive kernel only by rounding order.
 */
#include "ops.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define KERN_X86 1
#else
#define KERN_X86 0
#endif

/* Block sizes. The micro-tile is 6 rows x 16 floats (or 8 doubles): twelve
 * 256-bit accumulators, leaving registers for two B vectors and one A value. */
#define MR 6
#define NR_F32 16
#define NR_F64 8
#define KC 256
#define MC 96
#define NC 2048

/* Below this many multiply-adds a second thread costs more than it saves. */
#define THREAD_MIN_WORK 2000000

/* ---- naive reference kernels ------------------------------------------ */

void kern_gemm_f32_naive(int64_t m, int64_t n, int64_t k, const float *A,
                         const float *B, float *C) {
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            float s = 0.0f;
            for (int64_t p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j];
            C[i * n + j] = s;
        }
}

void kern_gemm_f64_naive(int64_t m, int64_t n, int64_t k, const double *A,
                         const double *B, double *C) {
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double s = 0.0;
            for (int64_t p = 0; p < k; p++) s += A[i * k + p] * B[p * n + j];
            C[i * n + j] = s;
        }
}

/* ---- CPU feature check -------------------------------------------------- */

static bool have_avx2_fma(void) {
#if KERN_X86
    static int cached = -1;
    if (cached < 0) {
        __builtin_cpu_init();
        cached = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return cached != 0;
#else
    return false;
#endif
}

/* ---- micro-kernels -------------------------------------------------------
 * ukr(kc, a, lda, pb, c, ldc, add): a points at MR rows of A (row stride
 * lda), kc values each; pb is a kc x NR panel of B stored row by row
 * (pb[p*NR + j]). The MR x NR product is stored into c (row stride ldc), or
 * added to it when `add` is true. */

#if KERN_X86
__attribute__((target("avx2,fma")))
static void ukr_f32_avx2(int64_t kc, const float *a, int64_t lda,
                         const float *pb, float *c, int64_t ldc, bool add) {
    const float *a0 = a, *a1 = a + lda, *a2 = a1 + lda, *a3 = a2 + lda;
    const float *a4 = a3 + lda, *a5 = a4 + lda;
    __m256 c00 = _mm256_setzero_ps(), c01 = c00, c10 = c00, c11 = c00;
    __m256 c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    __m256 c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int64_t p = 0; p < kc; p++) {
        __m256 b0 = _mm256_loadu_ps(pb), b1 = _mm256_loadu_ps(pb + 8);
        __m256 av = _mm256_broadcast_ss(a0 + p);
        c00 = _mm256_fmadd_ps(av, b0, c00);
        c01 = _mm256_fmadd_ps(av, b1, c01);
        av = _mm256_broadcast_ss(a1 + p);
        c10 = _mm256_fmadd_ps(av, b0, c10);
        c11 = _mm256_fmadd_ps(av, b1, c11);
        av = _mm256_broadcast_ss(a2 + p);
        c20 = _mm256_fmadd_ps(av, b0, c20);
        c21 = _mm256_fmadd_ps(av, b1, c21);
        av = _mm256_broadcast_ss(a3 + p);
        c30 = _mm256_fmadd_ps(av, b0, c30);
        c31 = _mm256_fmadd_ps(av, b1, c31);
        av = _mm256_broadcast_ss(a4 + p);
        c40 = _mm256_fmadd_ps(av, b0, c40);
        c41 = _mm256_fmadd_ps(av, b1, c41);
        av = _mm256_broadcast_ss(a5 + p);
        c50 = _mm256_fmadd_ps(av, b0, c50);
        c51 = _mm256_fmadd_ps(av, b1, c51);
        pb += NR_F32;
    }
    __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                         {c30, c31}, {c40, c41}, {c50, c51}};
    for (int r = 0; r < MR; r++) {
        float *row = c + r * ldc;
        if (add) {
            acc[r][0] = _mm256_add_ps(acc[r][0], _mm256_loadu_ps(row));
            acc[r][1] = _mm256_add_ps(acc[r][1], _mm256_loadu_ps(row + 8));
        }
        _mm256_storeu_ps(row, acc[r][0]);
        _mm256_storeu_ps(row + 8, acc[r][1]);
    }
}

__attribute__((target("avx2,fma")))
static void ukr_f64_avx2(int64_t kc, const double *a, int64_t lda,
                         const double *pb, double *c, int64_t ldc, bool add) {
    const double *a0 = a, *a1 = a + lda, *a2 = a1 + lda, *a3 = a2 + lda;
    const double *a4 = a3 + lda, *a5 = a4 + lda;
    __m256d c00 = _mm256_setzero_pd(), c01 = c00, c10 = c00, c11 = c00;
    __m256d c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    __m256d c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    for (int64_t p = 0; p < kc; p++) {
        __m256d b0 = _mm256_loadu_pd(pb), b1 = _mm256_loadu_pd(pb + 4);
        __m256d av = _mm256_broadcast_sd(a0 + p);
        c00 = _mm256_fmadd_pd(av, b0, c00);
        c01 = _mm256_fmadd_pd(av, b1, c01);
        av = _mm256_broadcast_sd(a1 + p);
        c10 = _mm256_fmadd_pd(av, b0, c10);
        c11 = _mm256_fmadd_pd(av, b1, c11);
        av = _mm256_broadcast_sd(a2 + p);
        c20 = _mm256_fmadd_pd(av, b0, c20);
        c21 = _mm256_fmadd_pd(av, b1, c21);
        av = _mm256_broadcast_sd(a3 + p);
        c30 = _mm256_fmadd_pd(av, b0, c30);
        c31 = _mm256_fmadd_pd(av, b1, c31);
        av = _mm256_broadcast_sd(a4 + p);
        c40 = _mm256_fmadd_pd(av, b0, c40);
        c41 = _mm256_fmadd_pd(av, b1, c41);
        av = _mm256_broadcast_sd(a5 + p);
        c50 = _mm256_fmadd_pd(av, b0, c50);
        c51 = _mm256_fmadd_pd(av, b1, c51);
        pb += NR_F64;
    }
    __m256d acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                          {c30, c31}, {c40, c41}, {c50, c51}};
    for (int r = 0; r < MR; r++) {
        double *row = c + r * ldc;
        if (add) {
            acc[r][0] = _mm256_add_pd(acc[r][0], _mm256_loadu_pd(row));
            acc[r][1] = _mm256_add_pd(acc[r][1], _mm256_loadu_pd(row + 4));
        }
        _mm256_storeu_pd(row, acc[r][0]);
        _mm256_storeu_pd(row + 4, acc[r][1]);
    }
}
#endif

/* Portable micro-kernels: the tile lives in a local array; the inner loop
 * over j is what the compiler turns into vector code. */
static void ukr_f32_c(int64_t kc, const float *a, int64_t lda, const float *pb,
                      float *c, int64_t ldc, bool add) {
    float acc[MR][NR_F32] = {{0}};
    for (int64_t p = 0; p < kc; p++, pb += NR_F32)
        for (int r = 0; r < MR; r++)
            for (int j = 0; j < NR_F32; j++) acc[r][j] += a[r * lda + p] * pb[j];
    for (int r = 0; r < MR; r++)
        for (int j = 0; j < NR_F32; j++)
            c[r * ldc + j] = add ? c[r * ldc + j] + acc[r][j] : acc[r][j];
}

static void ukr_f64_c(int64_t kc, const double *a, int64_t lda, const double *pb,
                      double *c, int64_t ldc, bool add) {
    double acc[MR][NR_F64] = {{0}};
    for (int64_t p = 0; p < kc; p++, pb += NR_F64)
        for (int r = 0; r < MR; r++)
            for (int j = 0; j < NR_F64; j++) acc[r][j] += a[r * lda + p] * pb[j];
    for (int r = 0; r < MR; r++)
        for (int j = 0; j < NR_F64; j++)
            c[r * ldc + j] = add ? c[r * ldc + j] + acc[r][j] : acc[r][j];
}

/* ---- the blocked driver, written once for both types ----------------------
 * GEMM_BLOCKED(T, NR, NAME) defines NAME: rows [m0, m1) of C for the whole of
 * n and k, with a pack buffer it allocates itself (so two threads can run it
 * side by side). A is read in place, six rows at a time; only the last few
 * rows (fewer than MR) are copied into a zero-padded panel. Returns false
 * when out of memory. */
#define GEMM_BLOCKED(T, NR, NAME)                                                \
    static void pack_b_##T(int64_t kc, int64_t nc, int64_t n, const T *B,       \
                           T *bp) {                                             \
        /* B is the kc x nc block at B (row stride n); panels NR wide, the */   \
        /* last one padded with zeros */                                        \
        int64_t j0 = 0;                                                         \
        for (; j0 + NR <= nc; j0 += NR)                                         \
            for (int64_t p = 0; p < kc; p++, bp += NR)                          \
                memcpy(bp, B + p * n + j0, sizeof(T) * NR);                     \
        if (j0 < nc)                                                            \
            for (int64_t p = 0; p < kc; p++, bp += NR) {                        \
                int64_t j = 0;                                                  \
                for (; j < nc - j0; j++) bp[j] = B[p * n + j0 + j];             \
                for (; j < NR; j++) bp[j] = 0;                                  \
            }                                                                   \
    }                                                                           \
    static bool NAME(int64_t m0, int64_t m1, int64_t n, int64_t k, const T *A,  \
                     const T *B, T *C,                                          \
                     void (*ukr)(int64_t, const T *, int64_t, const T *, T *,   \
                                 int64_t, bool)) {                              \
        int64_t ncmax = n < NC ? n : NC, kcmax = k < KC ? k : KC;               \
        T *bp = malloc(sizeof(T) * (size_t)(kcmax * ((ncmax + NR - 1) / NR * NR)));  \
        T *edge = calloc((size_t)(MR * kcmax), sizeof(T));                      \
        if (!bp || !edge) {                                                     \
            free(bp);                                                           \
            free(edge);                                                         \
            return false;                                                       \
        }                                                                       \
        T tile[MR * NR];                                                        \
        for (int64_t jc = 0; jc < n; jc += NC) {                                \
            int64_t nc = n - jc < NC ? n - jc : NC;                             \
            for (int64_t pc = 0; pc < k; pc += KC) {                            \
                int64_t kc = k - pc < KC ? k - pc : KC;                         \
                bool add = pc > 0;                                              \
                pack_b_##T(kc, nc, n, B + pc * n + jc, bp);                     \
                for (int64_t ic = m0; ic < m1; ic += MC) {                      \
                    int64_t mc = m1 - ic < MC ? m1 - ic : MC;                   \
                    for (int64_t jr = 0; jr < nc; jr += NR) {                   \
                        int64_t w = nc - jr < NR ? nc - jr : NR;                \
                        const T *pb = bp + jr * kc;                             \
                        for (int64_t ir = 0; ir < mc; ir += MR) {               \
                            int64_t h = mc - ir < MR ? mc - ir : MR;            \
                            const T *a = A + (ic + ir) * k + pc;                \
                            int64_t lda = k;                                    \
                            T *c = C + (ic + ir) * n + jc + jr;                 \
                            if (h == MR && w == NR) {                           \
                                ukr(kc, a, lda, pb, c, n, add);                 \
                                continue;                                       \
                            }                                                   \
                            if (h < MR) { /* short panel: pad with zero rows */ \
                                for (int64_t r = 0; r < MR; r++)                \
                                    for (int64_t p = 0; p < kc; p++)            \
                                        edge[r * kc + p] = r < h ? a[r * k + p] : 0; \
                                a = edge;                                       \
                                lda = kc;                                       \
                            }                                                   \
                            /* edge tile: compute in full, keep what fits */    \
                            ukr(kc, a, lda, pb, tile, NR, false);               \
                            for (int64_t r = 0; r < h; r++)                     \
                                for (int64_t j = 0; j < w; j++)                 \
                                    c[r * n + j] = add ? c[r * n + j] +         \
                                        tile[r * NR + j] : tile[r * NR + j];    \
                        }                                                       \
                    }                                                           \
                }                                                               \
            }                                                                   \
        }                                                                       \
        free(bp);                                                               \
        free(edge);                                                             \
        return true;                                                            \
    }

typedef float f32;
typedef double f64;
GEMM_BLOCKED(f32, NR_F32, gemm_rows_f32)
GEMM_BLOCKED(f64, NR_F64, gemm_rows_f64)

/* ---- thin shapes ----------------------------------------------------------
 * One row of A (a vector times a matrix): C[j] = sum_p A[p] B[p,j], walked
 * along rows of B so every access is contiguous. One column of B (matrix
 * times vector): each C[i] is a dot product kept in 8 partial sums. */
#define THIN_KERNELS(T)                                                         \
    static void vecmat_##T(int64_t n, int64_t k, const T *A, const T *B,       \
                           T *C) {                                              \
        for (int64_t j = 0; j < n; j++) C[j] = 0;                               \
        for (int64_t p = 0; p < k; p++) {                                       \
            const T a = A[p], *b = B + p * n;                                   \
            for (int64_t j = 0; j < n; j++) C[j] += a * b[j];                   \
        }                                                                       \
    }                                                                           \
    static void matvec_##T(int64_t m, int64_t k, const T *A, const T *B,       \
                           T *C) {                                              \
        for (int64_t i = 0; i < m; i++) {                                       \
            const T *a = A + i * k;                                             \
            T s[8] = {0};                                                       \
            int64_t p = 0;                                                      \
            for (; p + 8 <= k; p += 8)                                          \
                for (int q = 0; q < 8; q++) s[q] += a[p + q] * B[p + q];        \
            T t = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])); \
            for (; p < k; p++) t += a[p] * B[p];                                \
            C[i] = t;                                                           \
        }                                                                       \
    }

THIN_KERNELS(f32)
THIN_KERNELS(f64)

/* ---- threading -------------------------------------------------------- */

typedef struct GemmJob {
    int64_t m0, m1, n, k;
    const void *A, *B;
    void *C;
    bool is_f64;
    bool ok;
} GemmJob;

static void run_job(GemmJob *j) {
    if (j->is_f64)
        j->ok = gemm_rows_f64(j->m0, j->m1, j->n, j->k, j->A, j->B, j->C,
#if KERN_X86
                              have_avx2_fma() ? ukr_f64_avx2 :
#endif
                              ukr_f64_c);
    else
        j->ok = gemm_rows_f32(j->m0, j->m1, j->n, j->k, j->A, j->B, j->C,
#if KERN_X86
                              have_avx2_fma() ? ukr_f32_avx2 :
#endif
                              ukr_f32_c);
}

static void *job_thread(void *arg) {
    run_job(arg);
    return NULL;
}

/* Run the product, on two threads when it is big enough and the rows split
 * into whole micro-panels. When memory for the pack buffers runs out, the
 * naive kernel does the work instead (slow but right). */
static void gemm_dispatch(int64_t m, int64_t n, int64_t k, const void *A,
                          const void *B, void *C, bool is_f64) {
    GemmJob jobs[2] = {{0, m, n, k, A, B, C, is_f64, false}, {0}};
    int64_t half = (m / 2 + MR - 1) / MR * MR;
    bool split = (double)m * (double)n * (double)k >= THREAD_MIN_WORK &&
                 half > 0 && half < m;
    pthread_t tid;
    if (split) {
        jobs[1] = jobs[0];
        jobs[0].m1 = half;
        jobs[1].m0 = half;
        if (pthread_create(&tid, NULL, job_thread, &jobs[1]) != 0) {
            split = false;
            jobs[0].m1 = m;
        }
    }
    run_job(&jobs[0]);
    if (split) pthread_join(tid, NULL);
    bool ok = jobs[0].ok && (!split || jobs[1].ok);
    if (!ok) {
        if (is_f64) kern_gemm_f64_naive(m, n, k, A, B, C);
        else kern_gemm_f32_naive(m, n, k, A, B, C);
    }
}

/* ---- public entry points ------------------------------------------------ */

void kern_gemm_f32(int64_t m, int64_t n, int64_t k, const float *A,
                   const float *B, float *C) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        memset(C, 0, sizeof *C * (size_t)(m * n));
        return;
    }
    if (m == 1) vecmat_f32(n, k, A, B, C);
    else if (n == 1) matvec_f32(m, k, A, B, C);
    else gemm_dispatch(m, n, k, A, B, C, false);
}

void kern_gemm_f64(int64_t m, int64_t n, int64_t k, const double *A,
                   const double *B, double *C) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        memset(C, 0, sizeof *C * (size_t)(m * n));
        return;
    }
    if (m == 1) vecmat_f64(n, k, A, B, C);
    else if (n == 1) matvec_f64(m, k, A, B, C);
    else gemm_dispatch(m, n, k, A, B, C, true);
}
