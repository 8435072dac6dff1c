/* show.h - seeing images: MNIST digits drawn in the terminal and written as
 * PNG files, and the `show` / `img_show` commands.
 *
 * In the terminal a digit is drawn with two pixel rows per text row, so a
 * 28x28 image takes 14 lines of 28 columns:
 *   - on a colour terminal, with the upper half block U+2580: its foreground
 *     colour is the upper pixel, its background the lower one, in 24-bit
 *     grey (COLORTERM=truecolor or 24bit) or the 256-colour grey ramp;
 *   - otherwise (or under NO_COLOR), with ASCII shades " .:-=+*#%@" for the
 *     mean of the two pixels, darkest first.
 * Pixels are grey levels 0 (black) to 255 (white), as MNIST stores them.
 *
 * Ownership follows arr.h: arguments are borrowed, returned buffers are new
 * and owned by the caller.
 */
#ifndef NNSH_SHOW_H
#define NNSH_SHOW_H

#include <stdbool.h>
#include <stdint.h>

#include "arr.h"
#include "interp.h"
#include "registry.h"
#include "err.h"

/* The most images one `show` draws; a larger batch shows its first ones. */
#define SHOW_MAX_IMAGES 64
/* The largest image side drawn, in pixels. */
#define SHOW_MAX_SIDE 128

typedef enum ShowStyle {
    SHOW_STYLE_ASCII, /* " .:-=+*#%@" */
    SHOW_STYLE_256,   /* half blocks, xterm 256-colour grey ramp */
    SHOW_STYLE_RGB    /* half blocks, 24-bit grey */
} ShowStyle;

/* A set of n grey images of rows x cols pixels each, one after another. */
typedef struct ShowImages {
    int n, rows, cols;
    uint8_t *pix; /* n * rows * cols bytes, owned (show_images_free) */
} ShowImages;

/* Up to three caption lines per image ("x_test[0]", "label 7", ...); empty
 * strings are skipped. `wrong` draws the caption in red on a colour
 * terminal (a misclassified digit). */
#define SHOW_CAPTION_LINES 3
typedef struct ShowCaption {
    char text[SHOW_CAPTION_LINES][48];
    bool wrong;
} ShowCaption;

/* show_images_from_array: the images in `a`, converted to grey levels.
 * Accepted shapes: one image (P,) with P a square number such as 784,
 * (R,C) or (1,R,C); a batch (k,P), (k,R,C) or (k,1,R,C). A 2-D array is a
 * batch only when its second axis is a square number of at least 64 that
 * differs from the first ((28,28) is one image, (8,784) eight); sides over
 * SHOW_MAX_SIDE are refused. Values: uint8 are used as they are; bool is 0 or 255; floats all
 * within 0..1 are scaled by 255 (normalized pixels); other numbers within
 * 0..255 are used as they are, and anything else (weights, say) is
 * stretched from its smallest value (black) to its largest (white). NaN is
 * black.
 * Only the first `max_images` images are converted (the count of the whole
 * batch goes to *total when total is not NULL). Returns 0 and fills *out, or
 * -1 with ERR_SHAPE / ERR_TYPE / ERR_MEMORY in `e`. */
int show_images_from_array(const Array *a, int max_images, ShowImages *out, int64_t *total, Err *e);

/* show_images_free: release out->pix and zero the struct. NULL is fine. */
void show_images_free(ShowImages *im);

/* show_render: the whole picture as one string (caller frees), every line
 * ending in '\n'; NULL when out of memory. One image gets its captions
 * beside it, to the right; several are drawn `per_row` across (1..16;
 * others wrap onto further rows) with their captions underneath. `caps` may
 * be NULL (no captions), else it holds im->n entries. */
char *show_render(const ShowImages *im, const ShowCaption *caps, ShowStyle style, int per_row);

/* show_write_png: the images tiled `per_row` across (0: all on one line),
 * each pixel blown up to a scale x scale square (1..16), with dark grey gaps
 * between them, written to `path` as an 8-bit greyscale PNG (png.h).
 * The picture's size goes to *w, *h (either may be NULL). Returns 0, or -1
 * with `e` set (ERR_IO, ERR_VALUE, ERR_MEMORY). */
int show_write_png(const char *path, const ShowImages *im, int per_row, int scale, int *w, int *h,
                   Err *e);

/* The `show` and `img_show` commands, {NULL}-terminated, for builtins.c. */
extern const Builtin show_builtins[];

#endif
