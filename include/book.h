/* book.h - the book's own helper functions, so its MNIST code pastes as it
 * is: get_data(), init_network() and predict(network, x).
 *
 *   x, t = get_data()               # x_test (10000, 784) float32, t_test
 *   network = init_network()        # the dict in sample_weight.pkl
 *   y = predict(network, x[0])      # softmax output, (10,)
 *   p = np.argmax(y)
 *
 * predict runs the network in the dict through infer.h's layer-by-layer
 * path: the same operations as the shell (np.dot, +, sigmoid, softmax), so
 * its values are the ones a learner gets typing the layers by hand, and
 * `trace on` shows every step. Any number of layers W1.. b1.. works; the
 * session's `net act` settings apply, as they do to every network.
 */
#ifndef NNSH_BOOK_H
#define NNSH_BOOK_H

#include "interp.h"
#include "registry.h"

extern const Builtin book_builtins[];

#endif
