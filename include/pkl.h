/* pkl.h - a safe reader for Python pickles of NumPy arrays (the book's
 * sample_weight.pkl).
 *
 * This is a data reader, not a Python interpreter. It runs a small stack
 * machine that understands only the opcodes NumPy's array pickles use
 * (protocols 2 to 5) and only these globals:
 *     numpy.core.multiarray._reconstruct  numpy._core.multiarray._reconstruct
 *     numpy.core.numeric._frombuffer      numpy._core.numeric._frombuffer
 *     numpy.ndarray  numpy.dtype  _codecs.encode (latin1 only)
 *     builtins.bytes (empty bytes, protocol 2)
 * Nothing named in the file is ever imported or called: each allowed global
 * is a fixed recipe in C that builds an Array, and any other global or opcode
 * stops the load with an ERR_FORMAT error naming it (and its byte offset).
 *
 * Accepted contents: a dict whose keys are str and whose values are arrays,
 * or a single top-level array (returned as one entry named ""). Arrays may
 * have dtype float32, float64, int64, uint8 or bool (little-endian or '|'),
 * at most ARR_MAXDIM axes, C or Fortran order (Fortran data is reordered
 * into nnsh's C layout: the book's W1, W2, W3 are stored in Fortran order).
 * Bytes after the STOP opcode are rejected as damage.
 *
 * Limits: value stack 65536 entries, 64 nested MARKs, memo indices below
 * 2^20, dicts of 10000 keys, 1 GiB files, and the arrays (with protocol 2's
 * decoded text) may not need more than twice the file's size plus 4 KiB, so
 * one stored buffer cannot be fanned out into many arrays through the memo.
 */
#ifndef NNSH_PKL_H
#define NNSH_PKL_H

#include <stddef.h>
#include <stdint.h>

#include "arr.h"
#include "err.h"

/* The arrays of a pickled dict, in the dict's insertion order. names[i] and
 * arrays[i] are owned by the PklDict; release them with pkl_dict_free(). */
typedef struct PklDict {
    int n;
    char **names; /* NUL-terminated UTF-8 keys ("" for a lone array) */
    Array **arrays;
} PklDict;

/* pkl_load: read the pickle file at `path` into *out (which is overwritten,
 * not freed first). Returns 0 on success. On failure returns -1, leaves *out
 * empty ({0, NULL, NULL}) and fills `e`: ERR_IO if the file cannot be read,
 * ERR_FORMAT for damaged, unsupported or refused contents, ERR_MEMORY if
 * memory runs out. Messages start with the path. */
int pkl_load(const char *path, PklDict *out, Err *e);

/* pkl_load_mem: like pkl_load for the `n` bytes at `buf` (borrowed); `name`
 * is used in messages (NULL means "<pickle>"). */
int pkl_load_mem(const uint8_t *buf, size_t n, const char *name, PklDict *out, Err *e);

/* pkl_dict_get: the array stored under `name`, or NULL. The result is
 * borrowed from `d`: do not free it. */
const Array *pkl_dict_get(const PklDict *d, const char *name);

/* pkl_dict_free: release every name and array of `d` and reset it to empty.
 * The PklDict struct itself belongs to the caller. NULL is fine. */
void pkl_dict_free(PklDict *d);

#endif
