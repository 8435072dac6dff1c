/* net.h - the network in the learner's variables: how it is found, which
 * activation each layer has, whether its layers chain, and the commands that
 * show it (`net`, `forward`, `diagram`, `shapes forward`). Every command that
 * runs a network (forward, evaluate, show, predict) finds it here and runs it
 * through infer.h, so they all see the same network.
 *
 * Finding it: a network is a naming family, W1 W2 ... with one spelling of
 * the biases:
 *   - the chapter's example spelling  W1 B1 W2 B2 ...  (identity at the end)
 *   - the book's spelling             W1 b1 W2 b2 ...  (softmax at the end, as
 *     the book's predict() and sample_weight.pkl)
 *   - no biases at all                W1 W2 ...        (identity at the end)
 * either as variables or as the keys of a dict variable (the book's
 * `network`). A layer's weight and bias always come from one family, never
 * from two. When several families are present (after `example` and then
 * `load "sample_weight.pkl"`, W1..W3 are the pickle's but B1..B3 are still
 * the example's), the one used is, in order: the one picked with
 * `net use NAME` (unless something was loaded after the pick), else among
 * those whose layers chain the one bound last, else the one bound last.
 * Hidden layers use sigmoid; `net act K NAME` changes layer K for every
 * network the session runs (forward, predict, evaluate, show).
 *
 * Commands (entries of trace_builtins in trace.c):
 *   net                  the layers, and which network is used and why
 *   net act 3 softmax    change one layer's activation
 *   net use B1           pick a network: by its first bias (b1, B1), W1 for
 *                        one without biases, or a dict's name (network)
 *   forward [X]          run it layer by layer with a torchinfo-like table
 *   diagram              draw it as the chapter's figures do
 *
 * Layers that do not chain are reported by name before anything runs, as an
 * ERR_SHAPE with op "layer" (or "bias") that shapefix explains.
 *
 * Ownership: a Net borrows the arrays of the variables it was found in; it is
 * valid until the variables change. A NetRun owns its results.
 */
#ifndef NNSH_NET_H
#define NNSH_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "interp.h"
#include "registry.h"
#include "interp.h"

#define NET_MAX 8

typedef enum NetAct { ACT_SIGMOID, ACT_RELU, ACT_IDENTITY, ACT_SOFTMAX, ACT_STEP } NetAct;

typedef struct NetLayer {
    char wname[40], bname[40]; /* "W1", "network['b1']" */
    const Array *W, *B;        /* borrowed; B NULL: no bias */
    NetAct act;
} NetLayer;

/* A network: its layers and where they were found. */
typedef struct Net {
    int n;
    NetLayer layer[NET_MAX];
    char family[48]; /* "W1..W3 with b1..b3", "network['W1'..'W3'] with b1..b3" */
    char pick[40];   /* the word `net use` takes to pick it: "b1", "B1", "W1",
                        "network" */
    char bias;       /* the biases' spelling: 'b', 'B', or 0 (none) */
    char why[48];    /* why it was chosen (for `net`): "picked with net use" */
} Net;

/* net_act_name: "sigmoid", "relu", "identity", "softmax", "step". */
const char *net_act_name(NetAct a);
/* net_act_parse: the reverse, also accepting "identity_function",
 * "step_function" and "none"; false for anything else. */
bool net_act_parse(const char *s, NetAct *a);

/* net_find: the network in the session's variables, chosen as described
 * above, with each layer's activation. False with ERR_NAME when there is no
 * W1 anywhere, ERR_TYPE when a weight is not a 2-D array or a bias not an
 * array. The layers are not checked (net_check does that). */
bool net_find(Interp *in, Net *net, Err *e);

/* net_from_dict: the network held by the dict `dict` (the book's
 * `network`, named `dname` in messages): W1.. with b1.. (or B1.., or no
 * biases), activations as net_find gives them. False with ERR_NAME naming
 * what is missing, ERR_TYPE for a weight that is not a 2-D array. */
bool net_from_dict(Interp *in, const Value *dict, const char *dname, Net *net, Err *e);

/* net_ready: net_find and net_check (no input) together, for commands that
 * run the network quietly (show's guess): false when there is no usable
 * network, with the reason in `why` (size n) when why is not NULL. */
bool net_ready(Interp *in, Net *net, char *why, size_t n);

/* net_dim: the sizes along the network: dim[0] the inputs of layer 1,
 * dim[k] the neurons of layer k (k = 1..n). */
void net_dims(const Net *net, int64_t dim[NET_MAX + 1]);

/* net_check: do the layers chain for an input of shape xshape (xndim 0: do
 * not check the input)? False with a shape error naming the layer, the
 * operands (names and shapes) and the clashing axes. `xname` names the
 * input in messages. */
bool net_check(const Net *net, const char *xname, int xndim, const int64_t *xshape, Err *e);

/* net_diagram: the picture of a network with `n` layers whose sizes are
 * sizes[0] (the input) .. sizes[n], activation names acts[0..n) and weight
 * names wnames[0..n) (NULL: W1, W2, ...). One column per layer, a circle per
 * neuron labelled as the chapter's figures do: (x1) (x2) .. for the inputs,
 * (z1(1)) (z2(1)) .. for hidden layer 1 (the layer in parentheses), (y1)
 * (y2) .. for the outputs (first 3, a vertical ellipsis and the last one
 * for wide layers), the bias as a separate (1) node (dimmed when `color`),
 * the activation under each column, then the labelled edges of every layer
 * whose both sides have at most 4 neurons. No line is wider than 80
 * columns: a wider network is drawn in bands, each starting with the
 * column the one before ended with. A new string (caller frees), NULL when
 * out of memory. */
char *net_diagram(int n, const int64_t *sizes, const char *const *acts, const char *const *wnames,
                  bool color);

/* The commands (CommandFn, see registry.h). */
Value *net_cmd_net(Interp *in, const Node *call, Err *e);
Value *net_cmd_diagram(Interp *in, const Node *call, Err *e);
/* net_cmd_shapes: `shapes forward [X]`: the chain of shapes, checked,
 * computing nothing. */
Value *net_cmd_shapes(Interp *in, const Node *call, Err *e);

#endif
