/* data.h - the chapter's MNIST commands: load_mnist, load / save /
 * pickle_load (pickle, .npy, idx), evaluate, confusion, misses and timing.
 *
 * Files are looked for where the session's data directory says
 * (interp_data_dir: --data DIR, then $NNSH_DATA, then ./data/mnist).
 *
 * The network the commands run is the book's three-layer one, read from the
 * variables W1 b1 W2 b2 W3 b3:
 *     y = softmax(sigmoid(sigmoid(x W1 + b1) W2 + b2) W3 + b3)
 * computed in float32 when every operand is float32 (the book's weights and
 * normalized images), else in float64, with the matrix kernels of ops.h.
 */
#ifndef NNSH_DATA_H
#define NNSH_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "interp.h"
#include "registry.h"

/* The commands, {NULL}-terminated, for builtins.c. */
extern const Builtin data_builtins[];

/* data_network_ready: true when W1 b1 W2 b2 W3 b3 are all defined as
 * arrays whose shapes chain (W1 (D,H1), b1 (H1,), ...). When it is false and
 * `why` is not NULL, a one-line reason is written there (size n). */
bool data_network_ready(Interp *in, char *why, size_t n);

/* data_predict: run the network on the `count` images of `x` (borrowed; any
 * numeric dtype and shape whose size is count * D, D = W1's first axis;
 * uint8 pixels are divided by 255 first, as load_mnist(normalize=True)
 * would). Writes each image's predicted class to pred[i] and the softmax
 * probability of that class to conf[i] (either may be NULL). Returns 0, or
 * -1 with `e` set (network missing or not matching x). */
int data_predict(Interp *in, const Array *x, int64_t count, int *pred, float *conf, Err *e);

/* data_resolve_path: where `load` finds `path`: the path as given when it
 * exists; otherwise, for a bare file name (no '/'), the same name in the
 * data directory when it exists there; otherwise the path as given (so the
 * reader's error names it). Writes into buf (size n) and returns buf. */
char *data_resolve_path(Interp *in, const char *path, char *buf, size_t n);

/* data_load_dict: the pickle `name` (found as `load` finds files) as a new
 * dict value, read safely; NULL with e set when it cannot be read. */
Value *data_load_dict(Interp *in, const char *name, Err *e);

/* data_load_test: the MNIST test set as the book's get_data() returns it:
 * *x (10000, 784) float32 in 0..1 and *t (10000,) uint8, both new. false
 * with e set (naming the directory) when the files are missing or bad. */
bool data_load_test(Interp *in, Array **x, Array **t, Err *e);

/* data_timing: false after `timing off` (timing lines are left out, for
 * transcripts whose output must not vary). */
bool data_timing(void);

#endif
