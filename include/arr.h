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
    /* private to arr.c: what the memory budget charged for this array, and
     * for an array read straight from a file mapping (arr_new_mapped) the
     * mapping to release instead of freeing data */
    size_t charged;
    void *map;
    size_t maplen;
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
 * shape[i] >= 0. Returns NULL (e may be NULL) with ERR_VALUE for a negative
 * axis or too many axes, ERR_MEMORY when the non-zero axes multiply past
 * what memory can hold (as NumPy, even when another axis is 0: "array is too
 * big"), when the request is past the memory budget, or allocation fails. */
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

/* arr_new_mapped: an array of dtype t and the given shape whose elements are
 * the bytes at map + off, a private mapping of maplen bytes made with mmap
 * (PROT_READ | PROT_WRITE, MAP_PRIVATE: writes stay in this process). The
 * array takes the mapping over (arr_free unmaps it); on failure (NULL, e
 * set: bad sizes or over the memory budget) the mapping is unmapped too. */
Array *arr_new_mapped(DType t, int ndim, const int64_t *shape, void *map, size_t maplen, size_t off,
                      Err *e);

/* --- the memory budget ------------------------------------------------------
 * Every array's data counts against one budget for the process (arrays are
 * shared by nothing, but sessions share the machine's memory). A request
 * past it fails before anything is allocated, with ERR_MEMORY and a message
 * giving the size asked for, the size in use and the limit. The default is
 * half the physical memory, at most 4 GiB. */

/* arr_mem_set_limit: set the budget in bytes (0: back to the default). */
void arr_mem_set_limit(int64_t bytes);
/* arr_mem_limit: the budget in force, in bytes. */
int64_t arr_mem_limit(void);
/* arr_mem_in_use: bytes of array data alive now. */
int64_t arr_mem_in_use(void);
/* arr_mem_parse: read a size such as "512M", "2G", "1.5g", "65536" or
 * "100K" (binary units, K M G T, case-insensitive, optional trailing B) into
 * *bytes. Returns false for anything else, zero or negative sizes, and sizes
 * past 2^62. */
bool arr_mem_parse(const char *text, int64_t *bytes);
/* arr_mem_format: "1.5 GiB", "512 MiB", "100 KiB", "12 bytes" into buf (n >= 32). */
char *arr_mem_format(char *buf, size_t n, int64_t bytes);

/* --- checked conversions (float to integer, integer arithmetic) ----------- */

/* arr_f64_to_i64: v converted to int64 truncating toward zero, as a C cast
 * but defined everywhere: returns false (and leaves *out alone) for nan, the
 * infinities and values outside [-2^63, 2^63). For storing a user's number
 * into an int64 array, where NumPy raises instead of wrapping. */
bool arr_f64_to_i64(double v, int64_t *out);
/* arr_set_checked: arr_set() that refuses (ERR_VALUE, nothing stored) a value
 * that does not fit an int64 or uint8 element: nan, inf or out of range.
 * (uint8 accepts -1..255 wrapping as NumPy's casting of Python ints does
 * not: only 0..255.) Floats and bool store as arr_set. */
bool arr_set_checked(Array *a, int64_t i, double v, Err *e);
/* arr_add_i64 / arr_mul_i64: *out = a + b or a * b; false on overflow. */
bool arr_add_i64(int64_t a, int64_t b, int64_t *out);
bool arr_mul_i64(int64_t a, int64_t b, int64_t *out);

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
/* shape_size: product of shape[0..ndim); -1 on overflow or a negative axis. */
int64_t shape_size(int ndim, const int64_t *shape);
/* arr_fortran_to_c: copy the elements of an array of `shape` stored in
 * Fortran order at src (first axis fastest, as NumPy pickles and .npy files
 * may hold them) into C order at dst; isz bytes per element. dst and src
 * must not overlap. */
void arr_fortran_to_c(void *dst, const void *src, int ndim, const int64_t *shape, size_t isz);

#endif
