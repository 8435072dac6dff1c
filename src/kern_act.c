/* kern_act.c - the fused "add the bias, then sigmoid" loop of the MNIST
 * evaluation, float32 (see ops.h).
 *
 * The naive kernel calls the C library's expf once per element. The fast one
 * computes e^x eight floats at a time with GCC's vector extensions:
 *   x = n*ln2 + r with n = round(x / ln2) and |r| <= ln2/2,
 *   e^r from a degree-6 polynomial (Cephes' coefficients for expf),
 *   2^n written straight into the exponent bits, in two halves so that n
 *   down to -150 (subnormal results) stays exact.
 * Inputs past the float range give inf or 0 as expf does; NaN stays NaN.
 * The two agree within a few units in the last place (tests/unit/
 * test_kernels.c), which never changes which digit wins; the values that
 * nnsh prints (ops.c's sigmoid) still come from expf.
 */
#include "ops.h"

#include <math.h>
#include <string.h>

void kern_bias_sigmoid_f32_naive(float *h, const float *b, int64_t rows, int64_t n) {
    for (int64_t i = 0; i < rows; i++) {
        float *row = h + i * n;
        for (int64_t j = 0; j < n; j++) {
            float a = row[j] + (b ? b[j] : 0.0f);
            row[j] = 1.0f / (1.0f + expf(-a));
        }
    }
}

#if defined(__GNUC__) && !defined(KERN_PORTABLE)
/* 32-byte vectors are passed in registers only with AVX; every helper is
 * inlined, so the ABI note GCC gives for the default clone does not apply. */
#pragma GCC diagnostic ignored "-Wpsabi"

typedef float V8f __attribute__((vector_size(32)));
typedef int32_t V8i __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) V8f splat(float f) {
    return (V8f){f, f, f, f, f, f, f, f};
}

/* e^x for eight floats (see the comment at the top). */
static inline __attribute__((always_inline)) V8f vexp(V8f x) {
    V8i big = x > splat(88.72283935546875f); /* e^x overflows: inf */
    V8i tiny = x < splat(-103.97208f);       /* e^x underflows: 0 */
    V8i out = big | tiny;
    x = (V8f)((V8i)x & ~out); /* compute on 0 there instead */
    V8f n = (x * splat(1.44269504088896341f) + splat(12582912.0f)) - splat(12582912.0f);
    V8f r = x - n * splat(0.693359375f); /* ln2 split in two parts */
    r = r - n * splat(-2.12194440e-4f);
    V8f p = splat(1.9875691500e-4f);
    p = p * r + splat(1.3981999507e-3f);
    p = p * r + splat(8.3334519073e-3f);
    p = p * r + splat(4.1665795894e-2f);
    p = p * r + splat(1.6666665459e-1f);
    p = p * r + splat(5.0000001201e-1f);
    p = p * r * r + r + splat(1.0f);
    V8i ni = __builtin_convertvector(n, V8i);
    V8i n1 = ni >> 1, n2 = ni - n1;
    V8f y = p * (V8f)((n1 + 127) << 23) * (V8f)((n2 + 127) << 23);
    return (V8f)(((V8i)y & ~out) | ((V8i)splat(INFINITY) & big));
}

__attribute__((target_clones("avx2", "default"))) void
kern_bias_sigmoid_f32(float *h, const float *b, int64_t rows, int64_t n) {
    for (int64_t i = 0; i < rows; i++) {
        float *row = h + i * n;
        int64_t j = 0;
        for (; j + 8 <= n; j += 8) {
            V8f a, bb = splat(0.0f);
            memcpy(&a, row + j, sizeof a);
            if (b) memcpy(&bb, b + j, sizeof bb);
            V8f s = splat(1.0f) / (splat(1.0f) + vexp(-(a + bb)));
            memcpy(row + j, &s, sizeof s);
        }
        for (; j < n; j++) {
            float a = row[j] + (b ? b[j] : 0.0f);
            row[j] = 1.0f / (1.0f + expf(-a));
        }
    }
}
#else
void kern_bias_sigmoid_f32(float *h, const float *b, int64_t rows, int64_t n) {
    kern_bias_sigmoid_f32_naive(h, b, rows, n);
}
#endif
