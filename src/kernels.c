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
#include <sched.h>
#include <stdatomic.h>
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

void kern_gemm_f32_naive(int64_t m, int64_t n, int64_t k, const float *A, const float *B,
                         float *C) {
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            float s = 0.0f;
            for (int64_t p = 0; p < k; p++)
                s += A[i * k + p] * B[p * n + j];
            C[i * n + j] = s;
        }
}

void kern_gemm_f64_naive(int64_t m, int64_t n, int64_t k, const double *A, const double *B,
                         double *C) {
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) {
            double s = 0.0;
            for (int64_t p = 0; p < k; p++)
                s += A[i * k + p] * B[p * n + j];
            C[i * n + j] = s;
        }
}

/* ---- CPU feature check -------------------------------------------------- */

/* Build with -DKERN_PORTABLE to force the plain-C micro-kernels (to test them
 * on a machine that has AVX2). */
static bool have_avx2_fma(void) {
#if KERN_X86 && !defined(KERN_PORTABLE)
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
__attribute__((target("avx2,fma"))) static void ukr_f32_avx2(int64_t kc, const float *a,
                                                             int64_t lda, const float *pb, float *c,
                                                             int64_t ldc, bool add) {
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
    __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
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

__attribute__((target("avx2,fma"))) static void ukr_f64_avx2(int64_t kc, const double *a,
                                                             int64_t lda, const double *pb,
                                                             double *c, int64_t ldc, bool add) {
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
    __m256d acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
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
static void ukr_f32_c(int64_t kc, const float *a, int64_t lda, const float *pb, float *c,
                      int64_t ldc, bool add) {
    float acc[MR][NR_F32] = {{0}};
    for (int64_t p = 0; p < kc; p++, pb += NR_F32)
        for (int r = 0; r < MR; r++)
            for (int j = 0; j < NR_F32; j++)
                acc[r][j] += a[r * lda + p] * pb[j];
    for (int r = 0; r < MR; r++)
        for (int j = 0; j < NR_F32; j++)
            c[r * ldc + j] = add ? c[r * ldc + j] + acc[r][j] : acc[r][j];
}

static void ukr_f64_c(int64_t kc, const double *a, int64_t lda, const double *pb, double *c,
                      int64_t ldc, bool add) {
    double acc[MR][NR_F64] = {{0}};
    for (int64_t p = 0; p < kc; p++, pb += NR_F64)
        for (int r = 0; r < MR; r++)
            for (int j = 0; j < NR_F64; j++)
                acc[r][j] += a[r * lda + p] * pb[j];
    for (int r = 0; r < MR; r++)
        for (int j = 0; j < NR_F64; j++)
            c[r * ldc + j] = add ? c[r * ldc + j] + acc[r][j] : acc[r][j];
}

/* ---- the blocked driver, written once for both types ----------------------
 * GEMM_BLOCKED(T, NR) defines, for columns [0, nc) of a block of B and C
 * (row stride n):
 *   pack_<T>(k, nc, n, B, bp): B packed into bp, one KC-row slice after the
 *     other, each slice as NR-wide panels (the last padded with zeros);
 *     bp holds k * packed_width(nc) values.
 *   rows_<T>(m0, m1, nc, n, k, A, bp, C, ukr, edge): rows [m0, m1) of C from
 *     the packed B. A is read in place, six rows at a time; only a last
 *     short panel (fewer than MR rows) is copied into `edge` (MR * KC values)
 *     with zero rows below it. */
#define PACKED_WIDTH(nc, NR) (((nc) + NR - 1) / NR * NR)
#define GEMM_BLOCKED(T, NR)                                                                        \
    typedef void (*Ukr_##T)(int64_t, const T *, int64_t, const T *, T *, int64_t, bool);           \
    static void pack_##T(int64_t k, int64_t nc, int64_t n, const T *B, T *bp) {                    \
        for (int64_t pc = 0; pc < k; pc += KC) {                                                   \
            int64_t kc = k - pc < KC ? k - pc : KC, j0 = 0;                                        \
            const T *src = B + pc * n;                                                             \
            for (; j0 + NR <= nc; j0 += NR)                                                        \
                for (int64_t p = 0; p < kc; p++, bp += NR)                                         \
                    memcpy(bp, src + p * n + j0, sizeof(T) * NR);                                  \
            if (j0 < nc)                                                                           \
                for (int64_t p = 0; p < kc; p++, bp += NR) {                                       \
                    int64_t j = 0;                                                                 \
                    for (; j < nc - j0; j++)                                                       \
                        bp[j] = src[p * n + j0 + j];                                               \
                    for (; j < NR; j++)                                                            \
                        bp[j] = 0;                                                                 \
                }                                                                                  \
        }                                                                                          \
    }                                                                                              \
    static void rows_##T(int64_t m0, int64_t m1, int64_t nc, int64_t n, int64_t k, const T *A,     \
                         const T *bp, T *C, Ukr_##T ukr, T *edge) {                                \
        T tile[MR * NR];                                                                           \
        int64_t width = PACKED_WIDTH(nc, NR);                                                      \
        for (int64_t pc = 0; pc < k; pc += KC) {                                                   \
            int64_t kc = k - pc < KC ? k - pc : KC;                                                \
            bool add = pc > 0;                                                                     \
            const T *slice = bp + pc * width;                                                      \
            for (int64_t jr = 0; jr < nc; jr += NR) {                                              \
                int64_t w = nc - jr < NR ? nc - jr : NR;                                           \
                const T *pb = slice + jr * kc;                                                     \
                for (int64_t ir = m0; ir < m1; ir += MR) {                                         \
                    int64_t h = m1 - ir < MR ? m1 - ir : MR;                                       \
                    const T *a = A + ir * k + pc;                                                  \
                    int64_t lda = k;                                                               \
                    T *c = C + ir * n + jr;                                                        \
                    if (h == MR && w == NR) {                                                      \
                        ukr(kc, a, lda, pb, c, n, add);                                            \
                        continue;                                                                  \
                    }                                                                              \
                    if (h < MR) { /* short panel: pad with zero rows */                            \
                        for (int64_t r = 0; r < MR; r++)                                           \
                            for (int64_t p = 0; p < kc; p++)                                       \
                                edge[r * kc + p] = r < h ? a[r * k + p] : 0;                       \
                        a = edge;                                                                  \
                        lda = kc;                                                                  \
                    }                                                                              \
                    /* edge tile: compute in full, keep what fits */                               \
                    ukr(kc, a, lda, pb, tile, NR, false);                                          \
                    for (int64_t r = 0; r < h; r++)                                                \
                        for (int64_t j = 0; j < w; j++)                                            \
                            c[r * n + j] =                                                         \
                                add ? c[r * n + j] + tile[r * NR + j] : tile[r * NR + j];          \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }

typedef float f32;
typedef double f64;
GEMM_BLOCKED(f32, NR_F32)
GEMM_BLOCKED(f64, NR_F64)

/* ---- thin shapes ----------------------------------------------------------
 * One row of A (a vector times a matrix): C[j] = sum_p A[p] B[p,j], walked
 * along rows of B so every access is contiguous. One column of B (matrix
 * times vector): each C[i] is a dot product kept in 8 partial sums. */
#define THIN_KERNELS(T)                                                                            \
    static void vecmat_##T(int64_t n, int64_t k, const T *A, const T *B, T *C) {                   \
        for (int64_t j = 0; j < n; j++)                                                            \
            C[j] = 0;                                                                              \
        for (int64_t p = 0; p < k; p++) {                                                          \
            const T a = A[p], *b = B + p * n;                                                      \
            for (int64_t j = 0; j < n; j++)                                                        \
                C[j] += a * b[j];                                                                  \
        }                                                                                          \
    }                                                                                              \
    static void matvec_##T(int64_t m, int64_t k, const T *A, const T *B, T *C) {                   \
        for (int64_t i = 0; i < m; i++) {                                                          \
            const T *a = A + i * k;                                                                \
            T s[8] = {0};                                                                          \
            int64_t p = 0;                                                                         \
            for (; p + 8 <= k; p += 8)                                                             \
                for (int q = 0; q < 8; q++)                                                        \
                    s[q] += a[p + q] * B[p + q];                                                   \
            T t = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));               \
            for (; p < k; p++)                                                                     \
                t += a[p] * B[p];                                                                  \
            C[i] = t;                                                                              \
        }                                                                                          \
    }

THIN_KERNELS(f32)
THIN_KERNELS(f64)

/* ---- threading -------------------------------------------------------
 * A product is one job: B packed once (for a block of at most NC columns),
 * then the rows cut into chunks of CHUNK_ROWS that the caller and the helper
 * thread take in turn from a shared counter, so neither waits long for the
 * other even on a busy machine. */
#define CHUNK_ROWS (4 * MR)

typedef struct GemmJob {
    bool is_f64;
    int64_t m, nc, n, k;
    const void *A;
    const void *bp; /* packed B */
    void *C;
    int64_t nchunks;
    atomic_llong next; /* next chunk to take */
} GemmJob;

/* Take chunks until none is left. false when out of memory (then nothing
 * was taken). */
static bool work(GemmJob *j) {
    int64_t kcmax = j->k < KC ? j->k : KC;
    void *edge = calloc((size_t)(MR * kcmax), j->is_f64 ? sizeof(f64) : sizeof(f32));
    if (!edge) return false;
    bool avx = have_avx2_fma();
    for (;;) {
        int64_t c = atomic_fetch_add(&j->next, 1);
        if (c >= j->nchunks) break;
        int64_t m0 = c * CHUNK_ROWS, m1 = m0 + CHUNK_ROWS < j->m ? m0 + CHUNK_ROWS : j->m;
        if (j->is_f64) {
            Ukr_f64 u = ukr_f64_c;
#if KERN_X86
            if (avx) u = ukr_f64_avx2;
#endif
            rows_f64(m0, m1, j->nc, j->n, j->k, j->A, j->bp, j->C, u, edge);
        } else {
            Ukr_f32 u = ukr_f32_c;
#if KERN_X86
            if (avx) u = ukr_f32_avx2;
#endif
            rows_f32(m0, m1, j->nc, j->n, j->k, j->A, j->bp, j->C, u, edge);
        }
    }
    (void)avx;
    free(edge);
    return true;
}

/* One helper thread, started on first use and kept for the life of the
 * process, shares large products. Waking a sleeping thread costs tens of
 * microseconds, comparable to the product itself, so after each job the
 * helper spins for a short while (as OpenBLAS does) before it sleeps on the
 * condition variable.
 *
 * Jobs are numbered. The helper may touch a job only after moving
 * helper_claimed to its number; when the caller has taken every chunk before
 * the helper woke up, the caller claims the number itself and returns
 * without waiting. Only one caller uses the helper at a time; a concurrent
 * second caller runs single-threaded. */
static pthread_mutex_t helper_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t helper_cv = PTHREAD_COND_INITIALIZER;
static pthread_once_t helper_once = PTHREAD_ONCE_INIT;
static bool helper_ok; /* the thread is running */
static atomic_flag helper_busy = ATOMIC_FLAG_INIT;
static GemmJob *_Atomic helper_job; /* valid while its job is unfinished */
static atomic_uint helper_posted, helper_claimed, helper_done; /* job numbers */

#define HELPER_SPIN 50000 /* polls: roughly a millisecond */

static inline void cpu_relax(void) {
#if KERN_X86
    __builtin_ia32_pause();
#endif
}

/* claim job `ticket` (true when this thread is the one to serve it) */
static bool claim(unsigned ticket) {
    unsigned prev = ticket - 1;
    return atomic_compare_exchange_strong(&helper_claimed, &prev, ticket);
}

static void *helper_main(void *arg) {
    (void)arg;
    unsigned seen = 0;
    for (;;) {
        int spins = 0;
        while (atomic_load(&helper_posted) == seen && spins < HELPER_SPIN) {
            cpu_relax();
            spins++;
        }
        if (atomic_load(&helper_posted) == seen) {
            pthread_mutex_lock(&helper_mu);
            while (atomic_load(&helper_posted) == seen)
                pthread_cond_wait(&helper_cv, &helper_mu);
            pthread_mutex_unlock(&helper_mu);
        }
        seen = atomic_load(&helper_posted);
        if (!claim(seen)) continue;     /* the caller did all the work */
        work(atomic_load(&helper_job)); /* out of memory: the caller does it */
        atomic_store(&helper_done, seen);
    }
    return NULL;
}

static void helper_start(void) {
    pthread_t tid;
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return;
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    helper_ok = pthread_create(&tid, &attr, helper_main, NULL) == 0;
    pthread_attr_destroy(&attr);
}

/* Run the product block by block of NC columns, sharing each with the
 * helper when it is big enough. When memory runs out, the naive kernel does
 * the work instead (slow but right). */
static void gemm_dispatch(int64_t m, int64_t n, int64_t k, const void *A, const void *B, void *C,
                          bool is_f64) {
    size_t es = is_f64 ? sizeof(f64) : sizeof(f32);
    int64_t nr = is_f64 ? NR_F64 : NR_F32, ncmax = n < NC ? n : NC;
    void *bp = malloc(es * (size_t)(k * ((ncmax + nr - 1) / nr * nr)));
    if (!bp) goto fallback;
    for (int64_t jc = 0; jc < n; jc += NC) {
        int64_t nc = n - jc < NC ? n - jc : NC;
        if (is_f64)
            pack_f64(k, nc, n, (const f64 *)B + jc, bp);
        else
            pack_f32(k, nc, n, (const f32 *)B + jc, bp);
        GemmJob job = {is_f64,
                       m,
                       nc,
                       n,
                       k,
                       A,
                       bp,
                       (char *)C + es * (size_t)jc,
                       (m + CHUNK_ROWS - 1) / CHUNK_ROWS,
                       0};
        bool share = (double)m * (double)nc * (double)k >= THREAD_MIN_WORK && job.nchunks > 1;
        if (share) {
            pthread_once(&helper_once, helper_start);
            share = helper_ok && !atomic_flag_test_and_set(&helper_busy);
        }
        unsigned ticket = 0;
        if (share) {
            atomic_store(&helper_job, &job);
            pthread_mutex_lock(&helper_mu);
            ticket = atomic_fetch_add(&helper_posted, 1) + 1;
            pthread_cond_signal(&helper_cv);
            pthread_mutex_unlock(&helper_mu);
        }
        bool ok = work(&job);
        if (share) {
            if (!claim(ticket))
                for (long spins = 0; atomic_load(&helper_done) != ticket; spins++) {
                    if (spins < HELPER_SPIN)
                        cpu_relax();
                    else
                        sched_yield();
                }
            atomic_flag_clear(&helper_busy);
        }
        if (!ok && atomic_load(&job.next) < job.nchunks) {
            /* no memory for this thread's edge buffer: finish with the naive loops */
            free(bp);
            goto fallback;
        }
    }
    free(bp);
    return;
fallback:
    if (is_f64)
        kern_gemm_f64_naive(m, n, k, A, B, C);
    else
        kern_gemm_f32_naive(m, n, k, A, B, C);
}

/* ---- public entry points ------------------------------------------------ */

void kern_gemm_f32(int64_t m, int64_t n, int64_t k, const float *A, const float *B, float *C) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        memset(C, 0, sizeof *C * (size_t)(m * n));
        return;
    }
    if (m == 1)
        vecmat_f32(n, k, A, B, C);
    else if (n == 1)
        matvec_f32(m, k, A, B, C);
    else
        gemm_dispatch(m, n, k, A, B, C, false);
}

void kern_gemm_f64(int64_t m, int64_t n, int64_t k, const double *A, const double *B, double *C) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        memset(C, 0, sizeof *C * (size_t)(m * n));
        return;
    }
    if (m == 1)
        vecmat_f64(n, k, A, B, C);
    else if (n == 1)
        matvec_f64(m, k, A, B, C);
    else
        gemm_dispatch(m, n, k, A, B, C, true);
}
