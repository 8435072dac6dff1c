/* arr.h - n-dimensional arrays with a dtype: nnsh's only numeric value.
 *
 * OWNERSHIP (the one rule, for every module): an Array has exactly one owner.
 * Functions that take `const Array *` borrow it for the call and never keep
 * it. Functions that return `Array *` return a new array that the caller owns
 * and must release with arr_free(). No array ever shares its data with
 * another: views are always copied out, so freeing one never affects another.
 *
 * Layout: contiguous, row-major (C order), up to ARR_MAXDIM axes. A scalar is
 * a 0-d array (ndim 0, size 1). An array may have size 0 (a zero-length axis);
 * then `data` may be NULL.
 */
#ifndef NNSH_ARR_H
#define NNSH_ARR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define ARR_MAXDIM 4

/* Ordered by NumPy's promotion order: a binary op on two dtypes returns the
 * larger one (with the int64/float32 exception: that pair gives float64). */
typedef enum DType { DT_BOOL = 0, DT_UINT8, DT_INT64, DT_FLOAT32, DT_FLOAT64 } DType;

typedef struct Array {
    DType dtype;
    int ndim;
    int64_t shape[ARR_MAXDIM];
    int64_t size; /* product of shape; 1 for a scalar */
    bool weak;    /* a Python number literal: takes the other operand's
                     dtype when its kind allows (NumPy's scalar casting) */
    void *data;   /* size * dtype_size(dtype) bytes, owned */
} Array;

/* --- dtypes -------------------------------------------------------------- */

/* dtype_size: bytes per element (1, 1, 8, 4, 8). */
size_t dtype_size(DType t);
/* dtype_name: "bool", "uint8", "int64", "float32", "float64". */
const char *dtype_name(DType t);
/* dtype_parse: accept "float32", "np.float32", "float", "int", "uint8", "bool",
 * ... into *out; returns false for an unknown name. */
bool dtype_parse(const char *name, DType *out);
/* dtype_is_float / dtype_is_int: kind tests (bool is neither). */
bool dtype_is_float(DType t);
bool dtype_is_int(DType t);
/* dtype_promote: NumPy's result dtype for a binary op on arrays a and b. */
DType dtype_promote(DType a, DType b);

/* --- life cycle ---------------------------------------------------------- */

/* arr_new: a zero-filled array of the given shape. ndim 0..ARR_MAXDIM; each
 * shape[i] >= 0. Returns NULL with ERR_MEMORY (e may be NULL) when the size
 * overflows or allocation fails. */
Array *arr_new(DType t, int ndim, const int64_t *shape, Err *e);
/* arr_new_uninit: like arr_new but the data is not cleared (for kernels that
 * overwrite every element). */
Array *arr_new_uninit(DType t, int ndim, const int64_t *shape, Err *e);
/* arr_free: release `a` and its data. NULL is fine. */
void arr_free(Array *a);
/* arr_copy: a deep copy (weak flag included). */
Array *arr_copy(const Array *a, Err *e);
/* arr_scalar_f64 / _i64 / _bool: new 0-d arrays (not weak). */
Array *arr_scalar_f64(double v, Err *e);
Array *arr_scalar_i64(int64_t v, Err *e);
Array *arr_scalar_bool(bool v, Err *e);
/* arr_from_f64: an array of dtype t and the given shape from `size` doubles
 * (converted to t as a C cast would, bool as v != 0). */
Array *arr_from_f64(DType t, int ndim, const int64_t *shape, const double *v, Err *e);

/* --- element access (slow path: for printing, tests and small glue) ------ */

/* arr_get: element `i` (flat, row-major) as a double. */
double arr_get(const Array *a, int64_t i);
/* arr_get_i64: element `i` as an int64 (floats truncated toward zero). */
int64_t arr_get_i64(const Array *a, int64_t i);
/* arr_set: store v into element i, converting to the array's dtype. */
void arr_set(Array *a, int64_t i, double v);

/* --- shape helpers -------------------------------------------------------- */

/* arr_same_shape: true when a and b have equal ndim and shape. */
bool arr_same_shape(const Array *a, const Array *b);
/* arr_nbytes: size * dtype_size. */
size_t arr_nbytes(const Array *a);
/* shape_size: product of shape[0..ndim); -1 on overflow. */
int64_t shape_size(int ndim, const int64_t *shape);
/* arr_fortran_to_c: copy the elements of an array of `shape` stored in
 * Fortran order at src (first axis fastest, as NumPy pickles and .npy files
 * may hold them) into C order at dst; isz bytes per element. dst and src
 * must not overlap. */
void arr_fortran_to_c(void *dst, const void *src, int ndim, const int64_t *shape, size_t isz);

#endif
