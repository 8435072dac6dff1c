/* kernels.c - matrix multiply kernels C = A(m,k) B(k,n), row-major (see ops.h),
 * and the two-worker task runner they share with the MNIST evaluation.
 *
 * Each dtype has a naive kernel (three plain loops, the reference) and a fast
 * one. The fast one follows the usual recipe for a cache-friendly gemm:
 *
 *   pack B once: each slice of KC rows (a stretch of the k axis) stored as
 *     column panels NR wide, so the micro-kernel reads it contiguously
 *   for each slice, for each NR-wide panel of B, for each MR-tall panel of A
 *     (read in place, six row streams):
 *       micro-kernel: an MR x NR tile of C held in registers, updated with
 *       one rank-1 product per step along k
 *
 * float32, the type of the book's network, has its packing in the open
 * (KernPackedB, ops.h) so that the evaluation packs each weight matrix once
 * instead of once per batch. Its micro-kernels come in every height from 1 to
 * MR rows (a short last panel, or a single image, costs only its own rows),
 * and the columns left over after the last full 16-wide panel (2 of the 50
 * in the book's first layer) go through an 8-wide kernel, so at most 7
 * columns of padding are computed instead of 15. Every element of C is one
 * fused multiply-add chain along k, in order, like the naive loop. (The
 * leftover columns were also tried as dot products in eight partial sums:
 * no padding and a little faster on the first layer, but that order rounds
 * differently, enough to break the tests that compare products with NumPy
 * to 3e-7.)
 *
 * On x86 CPUs with AVX2 and FMA the micro-kernels use 256-bit intrinsics
 * (compiled with a function-level target attribute, chosen at run time, so
 * the binary still runs on older CPUs); elsewhere they are plain C that the
 * compiler vectorises as it can. Large products are split by rows over two
 * threads. Accumulation stays in the operand type (float for float32), as in
 * OpenBLAS, so results differ from the naive kernel only by rounding order.
 */
#include "ops.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "intr.h"

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
#define KC 256      /* float64: rows of B per packed slice */
#define KC_F32 1024 /* float32: the same; a whole MNIST layer (k = 784) is one slice */
#define NC 2048

/* Below this many multiply-adds a second thread costs more than it saves. */
#define THREAD_MIN_WORK 2000000
/* Rows of C per task when one product is shared by the two workers. */
#define CHUNK_ROWS (8 * MR)

typedef float f32;
typedef double f64;

static inline int64_t min64(int64_t a, int64_t b) {
    return a < b ? a : b;
}

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
    static atomic_int cached = -1;
    int v = atomic_load_explicit(&cached, memory_order_relaxed);
    if (v < 0) {
        __builtin_cpu_init();
        v = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        atomic_store_explicit(&cached, v, memory_order_relaxed);
    }
    return v != 0;
#else
    return false;
#endif
}

/* ---- float32: packing B -------------------------------------------------
 * Layout of KernPackedB.data for B (k, n). The columns are cut into panels:
 * 16 wide while at least 16 are left, then 8 wide, the last 8-wide panel
 * padded with zero columns; pb->width is n rounded up that way (50 -> 56:
 * 16+16+16+8). The k axis is cut into slices of pb->kc rows (the last may be
 * shorter); slice s, of kc rows starting at row p0 = s * pb->kc, occupies
 * data[p0 * width .. (p0 + kc) * width), panel after panel, each panel kc
 * rows of its 16 or 8 values:  panel[p * NR + j] = B[p0 + p, j0 + j].
 * The slices have equal length (k = 1500 is cut 750 + 750, not 1024 + 476).
 * Up to KC_F32 rows the whole k axis is one slice, so each tile of C is
 * summed in registers from start to end and stored once: measured on the
 * MNIST layers this beats slices of 256 or 400 rows, which keep a panel in
 * L1 but must reload and add the partial tile for every slice. */
#define NR8 8

/* n rounded up to whole panels: 16-wide ones, then 8-wide ones */
static int64_t packed_width(int64_t n) {
    int64_t nf = n / NR_F32 * NR_F32;
    return nf + (n - nf + NR8 - 1) / NR8 * NR8;
}

bool kern_pack_b_f32(KernPackedB *pb, int64_t k, int64_t n, const float *B) {
    memset(pb, 0, sizeof *pb);
    if (k < 0 || n < 0) return false;
    int64_t slices = k > KC_F32 ? (k + KC_F32 - 1) / KC_F32 : 1;
    pb->k = k;
    pb->n = n;
    pb->width = packed_width(n);
    pb->kc = k > 0 ? (k + slices - 1) / slices : 1;
    size_t count = (size_t)(k * pb->width);
    pb->data = malloc(sizeof(float) * (count ? count : 1));
    if (!pb->data) return false;
    int64_t nf = n / NR_F32 * NR_F32;
    float *out = pb->data;
    for (int64_t p0 = 0; p0 < k; p0 += pb->kc) {
        int64_t kc = min64(pb->kc, k - p0);
        for (int64_t j0 = 0; j0 < nf; j0 += NR_F32) /* full 16-wide panels, row by row */
            for (int64_t p = 0; p < kc; p++, out += NR_F32)
                memcpy(out, B + (p0 + p) * n + j0, sizeof(float) * NR_F32);
        for (int64_t j0 = nf; j0 < n; j0 += NR8) { /* 8-wide panels, zero padded */
            int64_t w = min64(NR8, n - j0);
            for (int64_t p = 0; p < kc; p++, out += NR8) {
                int64_t j = 0;
                for (; j < w; j++)
                    out[j] = B[(p0 + p) * n + j0 + j];
                for (; j < NR8; j++)
                    out[j] = 0.0f;
            }
        }
    }
    return true;
}

void kern_packed_free(KernPackedB *pb) {
    if (!pb) return;
    free(pb->data);
    memset(pb, 0, sizeof *pb);
}

/* ---- float32 micro-kernels -----------------------------------------------
 * tile(R, NR, kc, a, lda, pb, c, ldc, add): the R x NR block of C at c (row
 * stride ldc), NR = 16 or 8, from R rows of A at a (row stride lda, kc
 * values each) and one packed panel pb (kc rows of NR). The block is stored,
 * or added to what is in C when `add` is true (the second and later k
 * slices). Per element: one multiply-add per step along k, in order.
 *
 * R and NR are compile-time constants at every call (the function is always
 * inlined into a switch), so the accumulators live in registers: 6 x 16 uses
 * twelve of the sixteen 256-bit registers. */

#if KERN_X86
#define AVX2_INLINE __attribute__((target("avx2,fma"), always_inline)) static inline

AVX2_INLINE void tile_avx2(const int R, const int NR, int64_t kc, const float *a, int64_t lda,
                           const float *pb, float *c, int64_t ldc, bool add) {
    __m256 acc[MR][2];
#pragma GCC unroll 6
    for (int r = 0; r < R; r++)
        acc[r][0] = acc[r][1] = _mm256_setzero_ps();
    for (int64_t p = 0; p < kc; p++, pb += NR) {
        __m256 b0 = _mm256_loadu_ps(pb), b1 = NR > 8 ? _mm256_loadu_ps(pb + 8) : b0;
#pragma GCC unroll 6
        for (int r = 0; r < R; r++) { /* one rank-1 update per row */
            __m256 av = _mm256_broadcast_ss(a + r * lda + p);
            acc[r][0] = _mm256_fmadd_ps(av, b0, acc[r][0]);
            if (NR > 8) acc[r][1] = _mm256_fmadd_ps(av, b1, acc[r][1]);
        }
    }
#pragma GCC unroll 6
    for (int r = 0; r < R; r++) {
        float *row = c + r * ldc;
        if (add) acc[r][0] = _mm256_add_ps(acc[r][0], _mm256_loadu_ps(row));
        _mm256_storeu_ps(row, acc[r][0]);
        if (NR > 8) {
            if (add) acc[r][1] = _mm256_add_ps(acc[r][1], _mm256_loadu_ps(row + 8));
            _mm256_storeu_ps(row + 8, acc[r][1]);
        }
    }
}

#define TILE_CASE(R)                                                                               \
    case R:                                                                                        \
        if (NR == NR_F32)                                                                          \
            tile_avx2(R, NR_F32, kc, a, lda, pb, c, ldc, add);                                     \
        else                                                                                       \
            tile_avx2(R, NR8, kc, a, lda, pb, c, ldc, add);                                        \
        break;

__attribute__((target("avx2,fma"))) static void tile_avx2_any(int R, int NR, int64_t kc,
                                                              const float *a, int64_t lda,
                                                              const float *pb, float *c,
                                                              int64_t ldc, bool add) {
    switch (R) {
        TILE_CASE(6)
        TILE_CASE(5)
        TILE_CASE(4)
        TILE_CASE(3)
        TILE_CASE(2)
        TILE_CASE(1)
    }
}
#undef TILE_CASE
#endif

/* Portable version: the tile lives in a local array; the inner loop over j
 * is what the compiler vectorises. */
static void tile_c(int R, int NR, int64_t kc, const float *a, int64_t lda, const float *pb,
                   float *c, int64_t ldc, bool add) {
    float acc[MR][NR_F32] = {{0}};
    for (int64_t p = 0; p < kc; p++, pb += NR)
        for (int r = 0; r < R; r++)
            for (int j = 0; j < NR; j++)
                acc[r][j] += a[r * lda + p] * pb[j];
    for (int r = 0; r < R; r++)
        for (int j = 0; j < NR; j++)
            c[r * ldc + j] = add ? c[r * ldc + j] + acc[r][j] : acc[r][j];
}

/* ---- float32: the packed driver -------------------------------------------
 * Rows [0, m) of C (row stride ldc) = A (row stride lda) times the packed B.
 * Allocates nothing, so it cannot fail. */
static void packed_rows_f32(int64_t m, const float *A, int64_t lda, const KernPackedB *pb, float *C,
                            int64_t ldc) {
    int64_t k = pb->k, n = pb->n, nf = n / NR_F32 * NR_F32;
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        for (int64_t i = 0; i < m; i++)
            memset(C + i * ldc, 0, sizeof(float) * (size_t)n);
        return;
    }
    bool avx = have_avx2_fma();
    (void)avx;
    float part[MR * NR8]; /* a last panel narrower than 8 is computed here */
    for (int64_t p0 = 0; p0 < k; p0 += pb->kc) {
        int64_t kc = min64(pb->kc, k - p0);
        bool add = p0 > 0;
        const float *panel = pb->data + p0 * pb->width;
        if (intr_pending()) return; /* Ctrl-C: the caller drops C */
        /* panel by panel: the panel stays in cache while the row panels pass */
        for (int64_t j0 = 0; j0 < n; j0 += j0 < nf ? NR_F32 : NR8) {
            int NR = j0 < nf ? NR_F32 : NR8;
            int64_t w = min64(NR, n - j0); /* columns of C it fills */
            for (int64_t i0 = 0; i0 < m; i0 += MR) {
                int R = (int)min64(MR, m - i0);
                const float *a = A + i0 * lda + p0;
                float *c = C + i0 * ldc + j0, *dst = w == NR ? c : part;
                int64_t ldd = w == NR ? ldc : NR8;
                bool add_here = add && w == NR;
#if KERN_X86
                if (avx)
                    tile_avx2_any(R, NR, kc, a, lda, panel, dst, ldd, add_here);
                else
#endif
                    tile_c(R, NR, kc, a, lda, panel, dst, ldd, add_here);
                if (dst == part) /* keep the w real columns */
                    for (int r = 0; r < R; r++)
                        for (int64_t j = 0; j < w; j++)
                            c[r * ldc + j] =
                                add ? c[r * ldc + j] + part[r * NR8 + j] : part[r * NR8 + j];
            }
            panel += kc * NR;
        }
    }
}

void kern_gemm_f32_packed(int64_t m, const float *A, const KernPackedB *pb, float *C) {
    packed_rows_f32(m, A, pb->k, pb, C, pb->n);
}

/* ---- float64 micro-kernels ------------------------------------------------
 * ukr(kc, a, lda, pb, c, ldc, add): a points at MR rows of A (row stride
 * lda), kc values each; pb is a kc x NR panel of B stored row by row
 * (pb[p*NR + j]). The MR x NR product is stored into c (row stride ldc), or
 * added to it when `add` is true. */

#if KERN_X86
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

/* ---- float64: the blocked driver --------------------------------------------
 * For columns [0, nc) of a block of B and C (row stride n):
 *   pack_f64(k, nc, n, B, bp): B packed into bp, one KC-row slice after the
 *     other, each slice as NR-wide panels (the last padded with zeros);
 *     bp holds k * PACKED_WIDTH(nc) values.
 *   rows_f64(m0, m1, nc, n, k, A, bp, C, ukr, edge): rows [m0, m1) of C from
 *     the packed B. A is read in place, six rows at a time; only a last
 *     short panel (fewer than MR rows) is copied into `edge` (MR * KC values)
 *     with zero rows below it. */
#define PACKED_WIDTH(nc) (((nc) + NR_F64 - 1) / NR_F64 * NR_F64)
typedef void (*UkrF64)(int64_t, const f64 *, int64_t, const f64 *, f64 *, int64_t, bool);

static void pack_f64(int64_t k, int64_t nc, int64_t n, const f64 *B, f64 *bp) {
    for (int64_t pc = 0; pc < k; pc += KC) {
        int64_t kc = min64(k - pc, KC), j0 = 0;
        const f64 *src = B + pc * n;
        for (; j0 + NR_F64 <= nc; j0 += NR_F64)
            for (int64_t p = 0; p < kc; p++, bp += NR_F64)
                memcpy(bp, src + p * n + j0, sizeof(f64) * NR_F64);
        if (j0 < nc)
            for (int64_t p = 0; p < kc; p++, bp += NR_F64) {
                int64_t j = 0;
                for (; j < nc - j0; j++)
                    bp[j] = src[p * n + j0 + j];
                for (; j < NR_F64; j++)
                    bp[j] = 0;
            }
    }
}

static void rows_f64(int64_t m0, int64_t m1, int64_t nc, int64_t n, int64_t k, const f64 *A,
                     const f64 *bp, f64 *C, UkrF64 ukr, f64 *edge) {
    f64 tile[MR * NR_F64];
    int64_t width = PACKED_WIDTH(nc);
    for (int64_t pc = 0; pc < k; pc += KC) {
        int64_t kc = min64(k - pc, KC);
        bool add = pc > 0;
        const f64 *slice = bp + pc * width;
        for (int64_t jr = 0; jr < nc; jr += NR_F64) {
            if (intr_pending()) return; /* Ctrl-C: the caller drops C */
            int64_t w = min64(nc - jr, NR_F64);
            const f64 *pb = slice + jr * kc;
            for (int64_t ir = m0; ir < m1; ir += MR) {
                int64_t h = min64(m1 - ir, MR);
                const f64 *a = A + ir * k + pc;
                int64_t lda = k;
                f64 *c = C + ir * n + jr;
                if (h == MR && w == NR_F64) {
                    ukr(kc, a, lda, pb, c, n, add);
                    continue;
                }
                if (h < MR) { /* short panel: pad with zero rows */
                    for (int64_t r = 0; r < MR; r++)
                        for (int64_t p = 0; p < kc; p++)
                            edge[r * kc + p] = r < h ? a[r * k + p] : 0;
                    a = edge;
                    lda = kc;
                }
                /* edge tile: compute in full, keep what fits */
                ukr(kc, a, lda, pb, tile, NR_F64, false);
                for (int64_t r = 0; r < h; r++)
                    for (int64_t j = 0; j < w; j++)
                        c[r * n + j] =
                            add ? c[r * n + j] + tile[r * NR_F64 + j] : tile[r * NR_F64 + j];
            }
        }
    }
}

/* ---- thin shapes ----------------------------------------------------------
 * One row of A (a vector times a matrix): C[j] = sum_p A[p] B[p,j], walked
 * along rows of B so every access is contiguous. One column of B (matrix
 * times vector): each C[i] is a dot product kept in 8 partial sums. */
#define THIN_KERNELS(T)                                                                            \
    static void vecmat_##T(int64_t n, int64_t k, const T *A, const T *B, T *C) {                   \
        for (int64_t j = 0; j < n; j++)                                                            \
            C[j] = 0;                                                                              \
        for (int64_t p = 0; p < k && !intr_pending(); p++) {                                       \
            const T a = A[p], *b = B + p * n;                                                      \
            for (int64_t j = 0; j < n; j++)                                                        \
                C[j] += a * b[j];                                                                  \
        }                                                                                          \
    }                                                                                              \
    static void matvec_##T(int64_t m, int64_t k, const T *A, const T *B, T *C) {                   \
        for (int64_t i = 0; i < m && !intr_pending(); i++) {                                       \
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

/* vecmat_f32 with AVX2: up to 64 columns of C at a time, 8 per register, so
 * the book's one-image-at-a-time loop (x (784,) . W1 (784, 50)) is as fast as
 * a BLAS sgemv. Each column is one chain of additions along k, which must
 * stay in order; holding all the columns of a block in registers lets those
 * chains run side by side instead of one after another (the first layer's
 * 50 columns are 7 registers, the last 2 columns read with a mask). Each
 * element is summed in the same order, with the same roundings (a multiply,
 * then an add: no fused multiply-add), as vecmat_f32, so the two give
 * identical results. */
enum { VM_REGS = 8, VM_COLS = 8 * VM_REGS };

/* Columns [0, w) of one block (w <= VM_COLS, nv = (w + 7) / 8 registers):
 * C[j] = sum_p A[p] B[p * n + j]. Always inlined with a constant nv, so the
 * loop over the registers unrolls and the accumulators stay in registers. */
__attribute__((target("avx2,fma"), always_inline)) static inline void
vecmat_block_avx2(int nv, int64_t w, int64_t n, int64_t k, const float *A, const float *B,
                  float *C) {
    /* the lanes of the last register that hold columns (all 8 when w is a
     * multiple of 8): loads and stores leave the others alone */
    int live = (int)(w - 8 * (nv - 1));
    __m256i mask =
        _mm256_cmpgt_epi32(_mm256_set1_epi32(live), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    __m256 c[VM_REGS];
#pragma GCC unroll 8
    for (int v = 0; v < nv; v++)
        c[v] = _mm256_setzero_ps();
    for (int64_t p = 0; p < k; p++) {
        const float *b = B + p * n;
        __m256 a = _mm256_broadcast_ss(A + p);
#pragma GCC unroll 8
        for (int v = 0; v < nv - 1; v++)
            c[v] = _mm256_add_ps(c[v], _mm256_mul_ps(a, _mm256_loadu_ps(b + 8 * v)));
        c[nv - 1] =
            _mm256_add_ps(c[nv - 1], _mm256_mul_ps(a, _mm256_maskload_ps(b + 8 * (nv - 1), mask)));
    }
#pragma GCC unroll 8
    for (int v = 0; v < nv - 1; v++)
        _mm256_storeu_ps(C + 8 * v, c[v]);
    _mm256_maskstore_ps(C + 8 * (nv - 1), mask, c[nv - 1]);
}

__attribute__((target("avx2,fma"))) static void
vecmat_f32_avx2(int64_t n, int64_t k, const float *A, const float *B, float *C) {
    for (int64_t j = 0; j < n; j += VM_COLS) {
        int64_t w = min64(n - j, VM_COLS);
        switch ((w + 7) / 8) { /* a constant per case: see vecmat_block_avx2 */
        case 1: vecmat_block_avx2(1, w, n, k, A, B + j, C + j); break;
        case 2: vecmat_block_avx2(2, w, n, k, A, B + j, C + j); break;
        case 3: vecmat_block_avx2(3, w, n, k, A, B + j, C + j); break;
        case 4: vecmat_block_avx2(4, w, n, k, A, B + j, C + j); break;
        case 5: vecmat_block_avx2(5, w, n, k, A, B + j, C + j); break;
        case 6: vecmat_block_avx2(6, w, n, k, A, B + j, C + j); break;
        case 7: vecmat_block_avx2(7, w, n, k, A, B + j, C + j); break;
        default: vecmat_block_avx2(8, w, n, k, A, B + j, C + j); break;
        }
    }
}

/* ---- two workers --------------------------------------------------------
 * kern_parallel runs numbered tasks on the calling thread (worker 0) and one
 * helper thread (worker 1), each taking the next number from a shared
 * counter, so neither waits long for the other even on a busy machine.
 *
 * The helper is started on first use and kept for the life of the process.
 * Waking a sleeping thread costs tens of microseconds, comparable to a small
 * job, so after each job the helper polls for a short while (as OpenBLAS
 * does) before it sleeps on the condition variable.
 *
 * Jobs are numbered. The helper may touch a job only after moving
 * helper_claimed to its number; when the caller has taken every task before
 * the helper woke up, the caller claims the number itself and returns
 * without waiting. Only one caller uses the helper at a time; a concurrent
 * second caller, or a call made from inside a task, runs every task itself
 * (under its own worker number, so per-worker buffers stay private). */
typedef struct ParJob {
    KernTask fn;
    void *arg;
    int64_t ntasks;
    atomic_llong next; /* next task to take */
} ParJob;

static _Thread_local int my_worker; /* 0, or 1 on the helper thread */

static void par_work(ParJob *j) {
    for (;;) {
        int64_t t = atomic_fetch_add(&j->next, 1);
        if (t >= j->ntasks || intr_pending()) break; /* Ctrl-C: skip the rest */
        j->fn(j->arg, t, my_worker);
    }
}

static pthread_mutex_t helper_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t helper_cv = PTHREAD_COND_INITIALIZER; /* a job was posted */
static pthread_cond_t done_cv = PTHREAD_COND_INITIALIZER;   /* the helper finished one */
static pthread_once_t helper_once = PTHREAD_ONCE_INIT;
static bool helper_ok; /* the thread is running */
static atomic_flag helper_busy = ATOMIC_FLAG_INIT;
static ParJob *_Atomic helper_job; /* valid while its job is unfinished */
static atomic_uint helper_posted, helper_claimed, helper_done; /* job numbers */

#define HELPER_SPIN 50000 /* polls for the next job: roughly a millisecond */
#define WAIT_SPIN 5000    /* polls for the helper's last task before sleeping */

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
    my_worker = 1;
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
        if (!claim(seen)) continue; /* the caller did all the work */
        par_work(atomic_load(&helper_job));
        pthread_mutex_lock(&helper_mu); /* the caller may be asleep waiting for this */
        atomic_store(&helper_done, seen);
        pthread_cond_broadcast(&done_cv);
        pthread_mutex_unlock(&helper_mu);
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

void kern_parallel(int64_t ntasks, KernTask fn, void *arg) {
    if (ntasks <= 0) return;
    ParJob job = {fn, arg, ntasks, 0};
    bool share = ntasks > 1 && my_worker == 0;
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
    par_work(&job);
    if (share) {
        /* wait for the helper's last task: poll briefly, then sleep, so that
         * on a busy machine the caller does not take the CPU the helper
         * needs to finish */
        if (!claim(ticket)) {
            for (int spins = 0; atomic_load(&helper_done) != ticket && spins < WAIT_SPIN; spins++)
                cpu_relax();
            pthread_mutex_lock(&helper_mu);
            while (atomic_load(&helper_done) != ticket)
                pthread_cond_wait(&done_cv, &helper_mu);
            pthread_mutex_unlock(&helper_mu);
        }
        atomic_flag_clear(&helper_busy);
    }
}

/* ---- one product shared by the two workers ------------------------------- */

typedef struct GemmRows {
    bool is_f64;
    int64_t m, nc, n, k;
    const void *A;
    const void *bp; /* packed B: KernPackedB (f32) or a column block (f64) */
    void *C;
} GemmRows;

/* task: rows [t * CHUNK_ROWS, ...) of the product */
static void gemm_rows_task(void *arg, int64_t t, int worker) {
    (void)worker;
    const GemmRows *g = arg;
    int64_t m0 = t * CHUNK_ROWS, m1 = min64(m0 + CHUNK_ROWS, g->m);
    if (!g->is_f64) {
        const float *A = g->A;
        packed_rows_f32(m1 - m0, A + m0 * g->k, g->k, g->bp, (float *)g->C + m0 * g->n, g->n);
        return;
    }
    f64 edge[MR * KC];
    UkrF64 u = ukr_f64_c;
#if KERN_X86
    if (have_avx2_fma()) u = ukr_f64_avx2;
#endif
    rows_f64(m0, m1, g->nc, g->n, g->k, g->A, g->bp, g->C, u, edge);
}

/* run rows [0, m) of g, on two workers when the product is big enough */
static void gemm_rows(GemmRows *g) {
    int64_t chunks = (g->m + CHUNK_ROWS - 1) / CHUNK_ROWS;
    if ((double)g->m * (double)g->nc * (double)g->k >= THREAD_MIN_WORK && chunks > 1)
        kern_parallel(chunks, gemm_rows_task, g);
    else
        for (int64_t t = 0; t < chunks; t++)
            gemm_rows_task(g, t, 0);
}

/* ---- public entry points ------------------------------------------------ */

void kern_gemm_f32(int64_t m, int64_t n, int64_t k, const float *A, const float *B, float *C) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        memset(C, 0, sizeof *C * (size_t)(m * n));
        return;
    }
    if (m == 1) {
        if (have_avx2_fma() && k * n < (int64_t)1 << 26) /* Ctrl-C is checked by callers */
            vecmat_f32_avx2(n, k, A, B, C);
        else
            vecmat_f32(n, k, A, B, C);
        return;
    }
    if (n == 1) {
        matvec_f32(m, k, A, B, C);
        return;
    }
    KernPackedB pb;
    if (!kern_pack_b_f32(&pb, k, n, B)) { /* out of memory: slow but right */
        kern_gemm_f32_naive(m, n, k, A, B, C);
        return;
    }
    GemmRows g = {false, m, n, n, k, A, &pb, C};
    gemm_rows(&g);
    kern_packed_free(&pb);
}

/* float64: B packed one block of NC columns at a time. */
void kern_gemm_f64(int64_t m, int64_t n, int64_t k, const double *A, const double *B, double *C) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        memset(C, 0, sizeof *C * (size_t)(m * n));
        return;
    }
    if (m == 1) {
        vecmat_f64(n, k, A, B, C);
        return;
    }
    if (n == 1) {
        matvec_f64(m, k, A, B, C);
        return;
    }
    int64_t ncmax = min64(n, NC);
    f64 *bp = malloc(sizeof(f64) * (size_t)(k * PACKED_WIDTH(ncmax)));
    if (!bp) { /* out of memory: slow but right */
        kern_gemm_f64_naive(m, n, k, A, B, C);
        return;
    }
    for (int64_t jc = 0; jc < n && !intr_pending(); jc += NC) {
        int64_t nc = min64(n - jc, NC);
        pack_f64(k, nc, n, B + jc, bp);
        GemmRows g = {true, m, nc, n, k, A, bp, C + jc};
        gemm_rows(&g);
    }
    free(bp);
}
