/* idx.h - reading MNIST's idx files (plain or gzip-compressed).
 *
 * An idx file is a 4-byte magic number 00 00 TT NN (TT the element type,
 * NN the number of axes), NN big-endian uint32 axis lengths, then the
 * elements in row-major order. nnsh reads only element type 0x08 (unsigned
 * byte), which is what MNIST uses: labels are idx1 (N,), images idx3
 * (N,28,28).
 *
 * Gzip files (recognised by their first two bytes 1f 8b, whatever the name)
 * are inflated once and the decoded bytes kept in a cache directory, so the
 * next load of the same unchanged file only reads the cache:
 *   $NNSH_CACHE_DIR            when set (set but empty: no caching at all)
 *   $XDG_CACHE_HOME/nnsh       otherwise, when XDG_CACHE_HOME is absolute
 *   $HOME/.cache/nnsh          otherwise
 * A cache entry records the source's absolute path, size, modification and
 * change times, inode and device, its last 8 bytes (the gzip trailer's CRC
 * and length) and a CRC-32 of the decoded contents; an entry that does not
 * match exactly is ignored and rewritten (through fileio.h: never seen half
 * written). The directory must be owned by the user and not writable by
 * group or others, else caching is off (one warning on stderr). Entries are
 * opened without blocking and must be regular files. Caching problems are
 * never errors: the load simply inflates the source.
 *
 * A gzip file is refused before inflating when its header declares more
 * than deflate could have packed into it, and inflating stops at the first
 * byte past the size the header declares.
 *
 * Ownership follows arr.h: arguments are borrowed, returned arrays are new
 * and owned by the caller.
 */
#ifndef NNSH_IDX_H
#define NNSH_IDX_H

#include <stdbool.h>
#include <stddef.h>

#include "arr.h"
#include "err.h"

/* The largest data section idx_load accepts (elements = bytes), 1 GiB. The
 * whole MNIST training set is 47 MB. */
#define IDX_MAX_BYTES ((int64_t)1 << 30)

/* idx_load: read the idx file at `path` into a new uint8 array whose shape is
 * the file's axis lengths (1 to 4 axes; zero-length axes are allowed).
 * Returns NULL on failure with:
 *   ERR_IO      the file cannot be opened or read (missing, a directory, ...);
 *               the message carries strerror's text;
 *   ERR_FORMAT  bad magic number, element type other than 0x08, 0 or more
 *               than 4 axes, sizes over IDX_MAX_BYTES (the product of the non-zero
 *               axes: a zero-length axis does not excuse huge others), data shorter or longer
 *               than the header promises, damaged or cut gzip data;
 *   ERR_MEMORY  allocation failed.
 * Every message starts with `path`, e.g.
 *   "t10k-images-idx3-ubyte.gz: truncated: expected 7840000 bytes of data, found 1234" */
Array *idx_load(const char *path, Err *e);

/* idx_load_normalized: idx_load(path) with every byte then converted to
 * float32 x / 255.0f (exactly idx_images_to_float's normalize), in a new
 * float32 array of the file's shape. Same errors as idx_load (and
 * ERR_INTERRUPT after Ctrl-C).
 * It is faster than the two calls: the converted pixels are cached too, and
 * a warm load maps that entry (copy-on-write, arr_new_mapped) in well under
 * a millisecond; without it, a valid decoded entry is mapped and converted
 * straight into the float array, its CRC-32 checked in the same pass, on two
 * threads (kern_parallel, ops.h). */
Array *idx_load_normalized(const char *path, Err *e);

/* Statistics about the calling thread's most recent idx_load (or
 * idx_load_normalized). */
typedef struct IdxStats {
    bool gzip;          /* the source was gzip-compressed */
    bool cache_hit;     /* the data came from a valid cache entry */
    bool cache_written; /* a new cache entry was written */
    size_t raw_bytes;   /* decoded size of the idx file (header + data) */
} IdxStats;

/* idx_load_stats: idx_load, also telling in *stats what the load did
 * (gzip, cache hit, bytes decoded, cache written). */
Array *idx_load_stats(const char *path, IdxStats *stats, Err *e);
/* idx_load_normalized_stats: idx_load_normalized, with its statistics. */
Array *idx_load_normalized_stats(const char *path, IdxStats *stats, Err *e);

/* idx_cache_path: write into buf (size n) the cache file that idx_load would
 * use for the source `path`. Returns 0, or -1 when caching is off, the path
 * cannot be resolved, or buf is too small. Does not create anything. */
int idx_cache_path(const char *path, char *buf, size_t n);

/* idx_images_to_float: the conversions of the book's load_mnist on an image
 * array `u8` of dtype uint8 and shape (N,R,C) (or already (N,R*C)):
 *   normalize: float32 pixels x / 255.0f (exactly NumPy's
 *              `x = x.astype(np.float32); x /= 255.0`); otherwise the values
 *              and the uint8 dtype are kept, as the book does;
 *   flatten:   shape (N, R*C); otherwise (N, 1, R, C).
 * Returns a new array, or NULL with ERR_TYPE (not uint8) or ERR_SHAPE (not 2
 * or 3 axes; a (N,K) input cannot be un-flattened unless K is a square). */
Array *idx_images_to_float(const Array *u8, bool normalize, bool flatten, Err *e);

/* idx_one_hot: labels (N,) of any integer dtype (or integral floats) to a
 * float64 (N, classes) array with a single 1.0 per row, like the book's
 * _change_one_hot_label (which builds it with np.zeros, hence float64).
 * ERR_VALUE if classes < 1 or a label is outside [0, classes); ERR_SHAPE if
 * labels is not 1-d. */
Array *idx_one_hot(const Array *labels, int classes, Err *e);

#endif
