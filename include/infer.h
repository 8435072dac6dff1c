/* infer.h - running a network (net.h) forward: the one module that computes
 * a forward pass, for every command that runs one (forward, predict,
 * evaluate, show; confusion and misses report what evaluate found). Each
 * layer k computes
 *     A<k> = Z<k-1> W<k> + B<k>      Z<0> is the input x
 *     Z<k> = h<k>(A<k>)              h<k>: the layer's activation (net.h)
 * in one of three ways that must agree (tests/unit/test_infer.c):
 *
 *   infer_steps  layer by layer with the shell's own array operations
 *                (np.dot, +, sigmoid ...), so the values are the ones a
 *                learner gets typing the layers, in NumPy's dtypes; every A
 *                and Z is kept and each operation is reported to the tracer.
 *                For `forward` and the book's predict().
 *   infer_fast   the fused batched path for thousands of images: each weight
 *                matrix packed once, one matrix product per layer and batch
 *                followed by one pass that adds the bias and applies the
 *                activation, batches shared by two threads. float32 networks
 *                compute in float32 rounded where NumPy rounds (the book's
 *                9352 of 10000 right), others in float64. For evaluate and
 *                show.
 *   infer_ref    the reference: plain loops in float64, one function per
 *                step, nothing fused or packed; slow and easy to read.
 *
 * The input: `count` images of D values each (D = W1's first axis), in any
 * numeric dtype; uint8 pixels are divided by 255 first, as
 * load_mnist(normalize=True) would.
 *
 * Ownership follows arr.h: the network and the input are borrowed; results
 * go into the caller's buffers (InferOut) or arrays the caller owns.
 */
#ifndef NNSH_INFER_H
#define NNSH_INFER_H

#include <stdbool.h>
#include <stdint.h>

#include "interp.h"
#include "net.h"

/* What a run writes per image i (each pointer may be NULL):
 *   pred[i]  the winning class (argmax of the last layer)
 *   conf[i]  the last layer's value for that class (its probability when the
 *            last activation is softmax)
 *   y        the whole last layer, y[i * C + j] (C = the last layer's size) */
typedef struct InferOut {
    int *pred;
    float *conf;
    double *y;
} InferOut;

/* --- layer by layer, with the shell's operations ---------------------------- */

/* Every layer's results: A[k] and Z[k] for k < n, owned. */
typedef struct InferSteps {
    int n;
    Array *A[NET_MAX], *Z[NET_MAX];
} InferSteps;

/* infer_steps: run `net` on x (one sample (D,) or a batch (N, D)) with
 * op_dot, op_binary and the activations, reporting each operation to the
 * tracer (interp_trace_event) under the names x is given (`xname`) and, for the
 * results, A1 Z1 .. (or the book's a1 z1 .. y when `book_names`). Layers
 * that do not chain (call net_check first for the clearer message) fail at
 * the first operation that does not fit, with a shape error naming its
 * operands as the tracer does. False with e set (s is then empty). */
bool infer_steps(Interp *in, const Net *net, const Array *x, const char *xname, bool book_names,
                 InferSteps *s, Err *e);
/* infer_steps_free: release what s still owns and empty it. */
void infer_steps_free(InferSteps *s);

/* --- many images: the fused fast path ---------------------------------------- */

/* Called on the calling thread between batches with the number of images
 * done so far; returning false stops the run (Ctrl-C). */
typedef bool (*InferTick)(void *ctx, int64_t done);

/* infer_fast: run `net` on the first `count` images of x (x->size >=
 * count * D), `batch` images at a time (1 is the book's one-at-a-time
 * loop), writing `out`. `tick` may be NULL. Returns how many images were
 * done (count unless tick stopped it), or -1 with e set (out of memory, or x
 * does not fit the network). The layers must chain. */
int64_t infer_fast(const Net *net, const Array *x, int64_t count, int64_t batch,
                   const InferOut *out, InferTick tick, void *ctx, Err *e);

/* --- the reference ------------------------------------------------------------ */

/* infer_ref: the same as infer_fast, computed with plain float64 loops one
 * image at a time. Returns false with e set (out of memory, x does not fit). */
bool infer_ref(const Net *net, const Array *x, int64_t count, const InferOut *out, Err *e);

#endif
