/* npy.h - NumPy's .npy file format: one array per file.
 *
 * Reading accepts format versions 1.0, 2.0 and 3.0, dtypes '<f4', '<f8',
 * '<i8', '|u1' and '|b1' (1-byte types also with '<', '>' or '='; '?' and
 * 'u1'/'b1' spellings are not accepted), at most ARR_MAXDIM axes including
 * () and zero-length axes, and C or Fortran order (Fortran data is reordered
 * into nnsh's C layout, since np.save writes the book's W1 that way). The
 * header dict is parsed by a small strict parser of the Python literal
 * NumPy writes, never evaluated. The data must be exactly as long as the
 * header's shape says: short files and trailing bytes are both errors.
 *
 * Writing produces exactly what np.save (NumPy 1.24) writes for the same
 * C-order array: version 1.0, keys in sorted order, the spare spaces NumPy
 * leaves for growing the first axis, and padding so the data starts on a
 * 64-byte boundary.
 */
#ifndef NNSH_NPY_H
#define NNSH_NPY_H

#include <stddef.h>
#include <stdint.h>

#include "arr.h"
#include "err.h"

/* npy_load: read the .npy file at `path`. Returns a new array owned by the
 * caller, or NULL with `e` set: ERR_IO when the file cannot be read,
 * ERR_FORMAT for a damaged or unsupported file, ERR_MEMORY when memory runs
 * out. Every message starts with the path. */
Array *npy_load(const char *path, Err *e);

/* npy_load_mem: like npy_load for the `n` bytes at `buf` (borrowed); `name`
 * names the data in messages (NULL: "<npy>"). */
Array *npy_load_mem(const uint8_t *buf, size_t n, const char *name, Err *e);

/* npy_save: write `a` (borrowed) to `path` in np.save's exact bytes,
 * replacing any existing file. Returns 0, or -1 with ERR_IO / ERR_MEMORY in
 * `e` (a partly written file may be left behind on a write error). */
int npy_save(const char *path, const Array *a, Err *e);

/* npy_save_mem: the bytes npy_save would write, in a new malloc'd buffer
 * that the caller frees; its length goes to *len. NULL with ERR_MEMORY on
 * failure. */
uint8_t *npy_save_mem(const Array *a, size_t *len, Err *e);

#endif
