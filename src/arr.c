/* arr.c - array life cycle, dtypes and slow element access (see arr.h). */
#include "arr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
        if (shape[i] && n > INT64_MAX / shape[i]) return -1;
        n *= shape[i];
    }
    return n;
}

/* Big arrays (MNIST's x_test is 31 MB) are aligned to 2 MiB and marked for
 * transparent huge pages: the kernel then maps them 2 MiB at a time instead
 * of faulting in thousands of 4 KiB pages, which was a third of the time of
 * `load_mnist`. Where huge pages are off, madvise fails harmlessly. */
enum { kHugeMin = 4 << 20, kHugeAlign = 2 << 20 };

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

static Array *alloc_array(DType t, int ndim, const int64_t *shape, bool zero, Err *e) {
    if (ndim < 0 || ndim > ARR_MAXDIM)
        return err_set(e, ERR_VALUE, "arrays have at most %d axes, not %d", ARR_MAXDIM, ndim);
    int64_t n = shape_size(ndim, shape);
    if (n < 0 || (uint64_t)n > SIZE_MAX / 16) return err_set(e, ERR_MEMORY, "array size overflows");
    Array *a = calloc(1, sizeof *a);
    if (!a) return err_set(e, ERR_MEMORY, "out of memory");
    a->dtype = t;
    a->ndim = ndim;
    for (int i = 0; i < ndim; i++)
        a->shape[i] = shape[i];
    a->size = n;
    size_t bytes = (size_t)n * kSize[t];
    if (bytes >= kHugeMin) {
        a->data = alloc_huge(bytes, zero);
        if (!a->data) {
            free(a);
            return err_set(e, ERR_MEMORY, "out of memory allocating %zu bytes", bytes);
        }
    } else if (bytes) {
        a->data = zero ? calloc(1, bytes) : malloc(bytes);
        if (!a->data) {
            free(a);
            return err_set(e, ERR_MEMORY, "out of memory allocating %zu bytes", bytes);
        }
    }
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
    free(a->data);
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
