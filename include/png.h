/* png.h - writing 8-bit grayscale and RGB PNG images, a small decoder for
 * the same kind of file (used by the tests to check what was written), and
 * a helper that lays MNIST digits out side by side.
 *
 * Pixels are row-major uint8: gray has one byte per pixel, RGB three
 * (r, g, b). Ownership follows arr.h: arguments are borrowed; returned
 * buffers are new, malloc'd, and freed by the caller with free().
 */
#ifndef NNSH_PNG_H
#define NNSH_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "arr.h"
#include "err.h"

/* The largest image (filtered bytes: height * (1 + width * channels)) that
 * png_encode writes and png_decode accepts: 256 MiB. */
#define PNG_MAX_BYTES ((size_t)1 << 28)

/* --- writing --------------------------------------------------------------- */

/* png_encode: build a complete PNG file in memory from `pix` (width x height
 * pixels of `channels` bytes: 1 gray, 3 RGB). `filter` is the PNG row filter
 * to use on every row (0 none, 1 sub, 2 up, 3 average, 4 Paeth), or -1 to
 * pick the best-looking one per row. Returns the malloc'd bytes and their
 * count in *len, or NULL with ERR_VALUE (bad size, channels or filter) or
 * ERR_MEMORY. */
uint8_t *png_encode(const uint8_t *pix, int width, int height, int channels, int filter,
                    size_t *len, Err *e);

/* png_write: png_encode() into the file `path` (created or replaced).
 * Returns 0, or -1 with e set (ERR_IO names the path and says why). */
int png_write(const char *path, const uint8_t *pix, int width, int height, int channels, int filter,
              Err *e);

/* png_write_gray / png_write_rgb: png_write() with 1 or 3 channels and the
 * per-row filter choice. Returns 0 or -1 with e set. */
int png_write_gray(const char *path, const uint8_t *pix, int width, int height, Err *e);
int png_write_rgb(const char *path, const uint8_t *rgb, int width, int height, Err *e);

/* --- reading ----------------------------------------------------------------- */

/* png_decode: decode the PNG file held in data[0..len). Only what
 * png_encode produces is accepted: 8-bit grayscale or RGB, not interlaced,
 * any of the five row filters; ancillary chunks are skipped. Every chunk's
 * CRC and the zlib checksum are verified. `name` (may be NULL) starts error
 * messages. Returns the pixels (malloc'd, width*height*channels bytes) and
 * sets *width, *height, *channels; or NULL with ERR_FORMAT (damaged or
 * unsupported file) or ERR_MEMORY. */
uint8_t *png_decode(const uint8_t *data, size_t len, const char *name, int *width, int *height,
                    int *channels, Err *e);

/* png_read: png_decode() of the file `path` (ERR_IO if it cannot be read). */
uint8_t *png_read(const char *path, int *width, int *height, int *channels, Err *e);

/* png_read_gray: png_read() that requires a grayscale file (ERR_FORMAT for
 * RGB). Returns width*height bytes. */
uint8_t *png_read_gray(const char *path, int *width, int *height, Err *e);

/* png_read_rgb: png_read() giving RGB in all cases (gray is repeated into
 * the three channels). Returns width*height*3 bytes. */
uint8_t *png_read_rgb(const char *path, int *width, int *height, Err *e);

/* --- digit sheets --------------------------------------------------------------- */

/* How png_grid lays images out. */
typedef struct PngGrid {
    int per_row;       /* images per line; 0: all on one line */
    int gap;           /* pixels between neighbouring images (before scaling) */
    int scale;         /* every pixel becomes a scale x scale block, 1..16 */
    uint8_t gap_value; /* gray level of the gaps */
} PngGrid;

/* png_grid_default: one line, 2-pixel gaps, scale 1, gaps mid-gray (128). */
PngGrid png_grid_default(void);

/* png_grid: lay out `count` gray images of rows x cols pixels, stored one
 * after the other in `imgs`, left to right and then top to bottom, with the
 * gaps of `g` between them (none around the edge), and scale the whole sheet
 * by g->scale. Returns the sheet (malloc'd) and its size in *out_w, *out_h,
 * or NULL with ERR_VALUE (count < 1, bad options, sheet too large) or
 * ERR_MEMORY. */
uint8_t *png_grid(const uint8_t *imgs, int count, int rows, int cols, const PngGrid *g, int *out_w,
                  int *out_h, Err *e);

/* png_grid_digits: write the images in the array `imgs` as a grayscale PNG
 * sheet (for `show x_test[0:8] --png file`). Accepted shapes:
 *   (K, R, C) and (K, 1, R, C)   K images;
 *   (K, 784)                     K flattened 28x28 images;
 *   (R, C)  (other than K x 784)  one image;  (R*R,)  one square image.
 * Pixel values: uint8 as they are; bool as 0 / 255; other dtypes are taken
 * as intensities in [0, 1] (the book's normalize=True) when every value lies
 * there, and as 0..255 otherwise, rounded and clamped (NaN gives 0).
 * `g` may be NULL for png_grid_default(). Returns 0 or -1 with e set. */
int png_grid_digits(const char *path, const Array *imgs, const PngGrid *g, Err *e);

#endif
