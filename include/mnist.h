/* mnist.h - the MNIST data set as the book's load_mnist gives it, read from
 * the idx files (gzip-compressed or plain) in the session's data directory.
 *
 *   (x_train, t_train), (x_test, t_test) = load_mnist(normalize=True,
 *                                   flatten=True, one_hot_label=False)
 *   load_mnist test        defines x_test and t_test (train, all: the others)
 *
 * The training images may be absent (the chapter needs only the test set):
 * x_train is then None, with a note.
 */
#ifndef NNSH_MNIST_H
#define NNSH_MNIST_H

#include <stdbool.h>

#include "interp.h"
#include "registry.h"

/* mnist_cmd_load_mnist: the load_mnist command (a CommandFn, see
 * registry.h), in function form or command form. */
Value *mnist_cmd_load_mnist(Interp *in, const Node *call, Err *e);

/* mnist_load_test: the test set as the book's get_data() returns it: *x
 * (10000, 784) float32 in 0..1 and *t (10000,) uint8, both new. false with e
 * set (naming the directory) when the files are missing or bad. */
bool mnist_load_test(Interp *in, Array **x, Array **t, Err *e);

/* The table of mnist's built-ins; init.c registers it. */
extern const Builtin mnist_builtins[];

#endif
