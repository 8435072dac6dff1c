/* arr.c - array life cycle, dtypes and slow element access (see arr.h). */
#include "arr.h"

#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const size_t kSize[] = {1, 1, 8, 4, 8};
static const char *const kName[] = {"bool", "uint8", "int64", "float32", "float64"};

size_t dtype_size(DType t) {
    return kSize[t];
}
const char *dtype_name(DType t) {
    return kName[t];
}
bool dtype_is_float(DType t) {
    return t == DT_FLOAT32 || t == DT_FLOAT64;
}
bool dtype_is_int(DType t) {
    return t == DT_UINT8 || t == DT_INT64;
}

bool dtype_parse(const char *name, DType *out) {
    static const struct {
        const char *s;
        DType t;
    } names[] = {
        {"bool", DT_BOOL},       {"bool_", DT_BOOL},     {"uint8", DT_UINT8},
        {"int", DT_INT64},       {"int64", DT_INT64},    {"int_", DT_INT64},
        {"float32", DT_FLOAT32}, {"single", DT_FLOAT32}, {"float", DT_FLOAT64},
        {"float64", DT_FLOAT64}, {"double", DT_FLOAT64}, {"float_", DT_FLOAT64},
    };
    if (strncmp(name, "np.", 3) == 0)
        name += 3;
    else if (strncmp(name, "numpy.", 6) == 0)
        name += 6;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].s, name) == 0) {
            *out = names[i].t;
            return true;
        }
    return false;
}

DType dtype_promote(DType a, DType b) {
    if ((a == DT_INT64 && b == DT_FLOAT32) || (a == DT_FLOAT32 && b == DT_INT64)) return DT_FLOAT64;
    return a > b ? a : b;
}

int64_t shape_size(int ndim, const int64_t *shape) {
    int64_t n = 1;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) return -1;
        if (!arr_mul_i64(n, shape[i], &n)) return -1;
    }
    return n;
}

/* Big arrays (MNIST's x_test is 31 MB) are aligned to 2 MiB and marked for
 * transparent huge pages: the kernel then maps them 2 MiB at a time instead
 * of faulting in thousands of 4 KiB pages, which was a third of the time of
 * `load_mnist`. Where huge pages are off, madvise fails harmlessly. */
enum { kHugeMin = 4 << 20, kHugeAlign = 2 << 20 };
enum { kInlineMax = 16 }; /* data of at most this many bytes sits after the header */

static void *alloc_huge(size_t bytes, bool zero) {
    void *p = NULL;
    size_t rounded = (bytes + kHugeAlign - 1) / kHugeAlign * kHugeAlign;
    if (posix_memalign(&p, kHugeAlign, rounded) != 0) return NULL;
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);
#endif
    if (zero) memset(p, 0, bytes);
    return p;
}

/* --- the memory budget ------------------------------------------------------
 * Process-wide, like the heap it guards: bytes of array data alive, and the
 * limit (0 until first used or set: then the default). These two counters
 * are the module's only writable state; they are atomics because the
 * kernels' worker threads may create and free arrays. */
static _Atomic int64_t g_live;
static _Atomic int64_t g_limit;

static int64_t default_limit(void) {
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    int64_t cap = (int64_t)4 << 30;
    if (pages <= 0 || psize <= 0) return cap;
    int64_t half = (int64_t)pages / 2 * (int64_t)psize;
    return half < cap ? half : cap;
}

void arr_mem_set_limit(int64_t bytes) {
    atomic_store(&g_limit, bytes > 0 ? bytes : default_limit());
}

int64_t arr_mem_limit(void) {
    int64_t l = atomic_load(&g_limit);
    if (l <= 0) {
        l = default_limit();
        atomic_store(&g_limit, l);
    }
    return l;
}

int64_t arr_mem_in_use(void) {
    return atomic_load(&g_live);
}

char *arr_mem_format(char *buf, size_t n, int64_t bytes) {
    static const char *const unit[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) {
        snprintf(buf, n, "%lld bytes", (long long)bytes);
        return buf;
    }
    double v = (double)bytes / 1024;
    int u = 0;
    while (v >= 1024 && u < 5) {
        v /= 1024;
        u++;
    }
    if (v == floor(v))
        snprintf(buf, n, "%.0f %s", v, unit[u]);
    else
        snprintf(buf, n, "%.1f %s", v, unit[u]);
    return buf;
}

bool arr_mem_parse(const char *text, int64_t *bytes) {
    if (!text) return false;
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno || !isfinite(v) || v <= 0) return false;
    double mul = 1;
    switch (*end) {
    case 'k':
    case 'K':
        mul = 1024.0;
        end++;
        break;
    case 'm':
    case 'M':
        mul = 1024.0 * 1024;
        end++;
        break;
    case 'g':
    case 'G':
        mul = 1024.0 * 1024 * 1024;
        end++;
        break;
    case 't':
    case 'T':
        mul = 1024.0 * 1024 * 1024 * 1024;
        end++;
        break;
    default: break;
    }
    if (*end == 'b' || *end == 'B') end++;
    if (*end) return false;
    v *= mul;
    if (v < 1 || v > 4611686018427387904.0) return false;
    *bytes = (int64_t)v;
    return true;
}

/* Charge `bytes` to the budget; false with ERR_MEMORY when it does not fit. */
static bool charge(size_t bytes, Err *e) {
    if (!bytes) return true;
    int64_t limit = arr_mem_limit();
    int64_t now = atomic_fetch_add(&g_live, (int64_t)bytes);
    if ((uint64_t)now + bytes <= (uint64_t)limit) return true;
    atomic_fetch_sub(&g_live, (int64_t)bytes);
    char a[32], b[32], c[32];
    err_set(e, ERR_MEMORY, "%s asked, %s in use, limit %s (--max-memory)",
            arr_mem_format(a, sizeof a, (int64_t)bytes), arr_mem_format(b, sizeof b, now),
            arr_mem_format(c, sizeof c, limit));
    return false;
}

static void uncharge(size_t bytes) {
    if (bytes) atomic_fetch_sub(&g_live, (int64_t)bytes);
}

/* --- checked conversions ------------------------------------------------------ */

bool arr_f64_to_i64(double v, int64_t *out) {
    /* 2^63 is exact as a double; every double below it in magnitude
     * truncates to a representable int64 */
    if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return false;
    *out = (int64_t)v;
    return true;
}

bool arr_add_i64(int64_t a, int64_t b, int64_t *out) {
    return !__builtin_add_overflow(a, b, out);
}

bool arr_mul_i64(int64_t a, int64_t b, int64_t *out) {
    return !__builtin_mul_overflow(a, b, out);
}

bool arr_set_checked(Array *a, int64_t i, double v, Err *e) {
    if (a->dtype == DT_INT64 || a->dtype == DT_UINT8) {
        int64_t w;
        if (isnan(v))
            return err_set(e, ERR_VALUE, "cannot store nan in a %s array", dtype_name(a->dtype)),
                   false;
        if (!arr_f64_to_i64(v, &w) || (a->dtype == DT_UINT8 && (w < 0 || w > 255)))
            return err_set(e, ERR_VALUE, "%g does not fit in a %s array (range %s)", v,
                           dtype_name(a->dtype),
                           a->dtype == DT_UINT8 ? "0..255" : "-2**63..2**63-1"),
                   false;
    }
    arr_set(a, i, v);
    return true;
}

/* The header of a new array: its dtype, shape, element count and what the
 * memory budget charged for it. */
static void set_header(Array *a, DType t, int ndim, const int64_t *shape, int64_t n, size_t bytes) {
    a->dtype = t;
    a->ndim = ndim;
    for (int i = 0; i < ndim; i++)
        a->shape[i] = shape[i];
    a->size = n;
    a->charged = bytes;
}

/* The element count of a shape, refusing what NumPy refuses: the product
 * of the non-zero axes times the element size must fit (so a zero-length
 * axis does not excuse absurd others, and every valid shape prints in
 * SHAPE_STR_SIZE bytes). -1 with e set when not. */
static int64_t checked_size(DType t, int ndim, const int64_t *shape, Err *e) {
    int64_t n = 1, nz = (int64_t)kSize[t];
    bool zero = false;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0) {
            err_set(e, ERR_VALUE, "negative dimensions are not allowed (axis %d is %lld)", i,
                    (long long)shape[i]);
            return -1;
        }
        if (shape[i] == 0) {
            zero = true;
            continue;
        }
        if (!arr_mul_i64(nz, shape[i], &nz) || (uint64_t)nz > SIZE_MAX / 2) {
            err_set(e, ERR_MEMORY, "array is too big: its axes multiply past what memory can hold");
            return -1;
        }
    }
    n = zero ? 0 : nz / (int64_t)kSize[t];
    return n;
}

static Array *alloc_array(DType t, int ndim, const int64_t *shape, bool zero, Err *e) {
    if (ndim < 0 || ndim > ARR_MAXDIM)
        return err_set(e, ERR_VALUE, "arrays have at most %d axes, not %d", ARR_MAXDIM, ndim);
    int64_t n = checked_size(t, ndim, shape, e);
    if (n < 0) return NULL;
    size_t bytes = (size_t)n * kSize[t];
    if (!charge(bytes, e)) return NULL;
    /* a number or two lives in the same allocation as its header: Python's
     * loops make and drop millions of them */
    bool inline_data = bytes > 0 && bytes <= kInlineMax;
    /* malloc, not calloc: glibc's calloc never reuses the blocks its thread
     * cache keeps, and a loop makes and frees numbers by the million */
    size_t head = sizeof(Array) + (inline_data ? kInlineMax : 0);
    Array *a = malloc(head);
    if (a) memset(a, 0, head);
    if (!a) {
        uncharge(bytes);
        return err_set(e, ERR_MEMORY, "out of memory");
    }
    set_header(a, t, ndim, shape, n, bytes);
    if (inline_data) {
        a->data = a + 1;
    } else if (bytes >= kHugeMin) {
        a->data = alloc_huge(bytes, zero);
    } else if (bytes) {
        a->data = zero ? calloc(1, bytes) : malloc(bytes);
    }
    if (bytes && !a->data) {
        free(a);
        uncharge(bytes);
        char b[32];
        return err_set(e, ERR_MEMORY, "out of memory allocating %s",
                       arr_mem_format(b, sizeof b, (int64_t)bytes));
    }
    return a;
}

Array *arr_new_mapped(DType t, int ndim, const int64_t *shape, void *map, size_t maplen, size_t off,
                      Err *e) {
    int64_t n = ndim >= 0 && ndim <= ARR_MAXDIM ? checked_size(t, ndim, shape, e) : -1;
    if (n < 0 || off > maplen || (size_t)n * kSize[t] > maplen - off) {
        if (n >= 0 || ndim < 0 || ndim > ARR_MAXDIM)
            err_set(e, ERR_VALUE, "a mapped array does not fit its mapping");
        munmap(map, maplen);
        return NULL;
    }
    size_t bytes = (size_t)n * kSize[t];
    if (!charge(bytes, e)) {
        munmap(map, maplen);
        return NULL;
    }
    Array *a = calloc(1, sizeof *a);
    if (!a) {
        uncharge(bytes);
        munmap(map, maplen);
        return err_set(e, ERR_MEMORY, "out of memory");
    }
    set_header(a, t, ndim, shape, n, bytes);
    a->data = (uint8_t *)map + off;
    a->map = map;
    a->maplen = maplen;
    return a;
}

Array *arr_new(DType t, int ndim, const int64_t *shape, Err *e) {
    return alloc_array(t, ndim, shape, true, e);
}

Array *arr_new_uninit(DType t, int ndim, const int64_t *shape, Err *e) {
    return alloc_array(t, ndim, shape, false, e);
}

void arr_free(Array *a) {
    if (!a) return;
    if (a->map)
        munmap(a->map, a->maplen);
    else if (a->data != (void *)(a + 1))
        free(a->data);
    uncharge(a->charged);
    free(a);
}

Array *arr_copy(const Array *a, Err *e) {
    Array *c = arr_new_uninit(a->dtype, a->ndim, a->shape, e);
    if (!c) return NULL;
    if (a->size) memcpy(c->data, a->data, arr_nbytes(a));
    c->weak = a->weak;
    return c;
}

Array *arr_scalar_f64(double v, Err *e) {
    Array *a = arr_new_uninit(DT_FLOAT64, 0, NULL, e);
    if (a) ((double *)a->data)[0] = v;
    return a;
}

Array *arr_scalar_i64(int64_t v, Err *e) {
    Array *a = arr_new_uninit(DT_INT64, 0, NULL, e);
    if (a) ((int64_t *)a->data)[0] = v;
    return a;
}

Array *arr_scalar_bool(bool v, Err *e) {
    Array *a = arr_new_uninit(DT_BOOL, 0, NULL, e);
    if (a) ((uint8_t *)a->data)[0] = v;
    return a;
}

Array *arr_from_f64(DType t, int ndim, const int64_t *shape, const double *v, Err *e) {
    Array *a = arr_new_uninit(t, ndim, shape, e);
    if (!a) return NULL;
    for (int64_t i = 0; i < a->size; i++)
        arr_set(a, i, v[i]);
    return a;
}

double arr_get(const Array *a, int64_t i) {
    switch (a->dtype) {
    case DT_BOOL: return ((const uint8_t *)a->data)[i] != 0;
    case DT_UINT8: return ((const uint8_t *)a->data)[i];
    case DT_INT64: return (double)((const int64_t *)a->data)[i];
    case DT_FLOAT32: return ((const float *)a->data)[i];
    case DT_FLOAT64: return ((const double *)a->data)[i];
    }
    return 0;
}

int64_t arr_get_i64(const Array *a, int64_t i) {
    if (a->dtype == DT_INT64) return ((const int64_t *)a->data)[i];
    double v = arr_get(a, i);
    if (isnan(v)) return INT64_MIN; /* what NumPy gives on x86 for nan */
    if (v >= 9.2233720368547758e18 || v < -9.2233720368547758e18) return INT64_MIN;
    return (int64_t)v;
}

void arr_set(Array *a, int64_t i, double v) {
    switch (a->dtype) {
    case DT_BOOL: ((uint8_t *)a->data)[i] = v != 0; break;
    case DT_UINT8: {
        /* wrap like a C conversion through int64, as NumPy's astype does */
        int64_t w = (isnan(v) || v >= 9.2e18 || v <= -9.2e18) ? 0 : (int64_t)v;
        ((uint8_t *)a->data)[i] = (uint8_t)w;
        break;
    }
    case DT_INT64:
        ((int64_t *)a->data)[i] =
            (isnan(v) || v >= 9.2233720368547758e18 || v < -9.2233720368547758e18) ? INT64_MIN
                                                                                   : (int64_t)v;
        break;
    case DT_FLOAT32: ((float *)a->data)[i] = (float)v; break;
    case DT_FLOAT64: ((double *)a->data)[i] = v; break;
    }
}

bool arr_same_shape(const Array *a, const Array *b) {
    if (a->ndim != b->ndim) return false;
    for (int i = 0; i < a->ndim; i++)
        if (a->shape[i] != b->shape[i]) return false;
    return true;
}

size_t arr_nbytes(const Array *a) {
    return (size_t)a->size * kSize[a->dtype];
}

void arr_fortran_to_c(void *dst, const void *src, int ndim, const int64_t *shape, size_t isz) {
    uint8_t *d = dst;
    const uint8_t *f = src;
    int64_t size = shape_size(ndim, shape);
    int64_t idx[ARR_MAXDIM] = {0}; /* the C-order index of element i */
    int64_t fstride[ARR_MAXDIM];   /* element strides of the Fortran layout */
    int64_t s = 1;
    for (int k = 0; k < ndim; k++) {
        fstride[k] = s;
        s *= shape[k];
    }
    for (int64_t i = 0; i < size; i++) {
        int64_t off = 0;
        for (int k = 0; k < ndim; k++)
            off += idx[k] * fstride[k];
        memcpy(d + (size_t)i * isz, f + (size_t)off * isz, isz);
        for (int k = ndim - 1; k >= 0; k--) { /* next C-order index */
            if (++idx[k] < shape[k]) break;
            idx[k] = 0;
        }
    }
}
