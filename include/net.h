/* net.h - the network the learner's variables describe, found by the book's
 * naming convention (W1 with B1 or b1, W2 with B2 or b2, ...; or the same
 * keys in a dict such as the book's `network`), with sigmoid on the hidden
 * layers and identity on the last unless `net act` says otherwise.
 *
 * Commands (entries of trace_builtins in trace.c):
 *   net                  show the layers;  net act 3 softmax  change one
 *   forward [X]          run it layer by layer with a torchinfo-like table
 *   diagram              draw it as the chapter's figures do
 * Layers that do not chain are reported by name before anything runs, as
 * an ERR_SHAPE with op "layer" (or "bias") that shapefix explains.
 *
 * Ownership: a Net borrows the arrays of the variables it was found in; it
 * is valid until the variables change. A NetRun owns its results.
 */
#ifndef NNSH_NET_H
#define NNSH_NET_H

#include <stdbool.h>
#include <stdint.h>

#include "interp.h"
#include "registry.h"
#include "interp.h"

#define NET_MAX 8

typedef enum NetAct { ACT_SIGMOID, ACT_RELU, ACT_IDENTITY, ACT_SOFTMAX, ACT_STEP } NetAct;

typedef struct NetLayer {
    char wname[40], bname[40]; /* "W1", "network['b1']" */
    const Array *W, *B;        /* borrowed; B may be NULL (no bias) */
    NetAct act;
} NetLayer;

typedef struct Net {
    int n;
    NetLayer layer[NET_MAX];
} Net;

/* net_act_name: "sigmoid", "relu", "identity", "softmax", "step". */
const char *net_act_name(NetAct a);
/* net_act_parse: the reverse, also accepting "identity_function",
 * "step_function" and "none"; false for anything else. */
bool net_act_parse(const char *s, NetAct *a);

/* net_find: the network in the session's variables. False with ERR_NAME when
 * there is no W1, ERR_TYPE when a weight is not a 2-D array. */
bool net_find(Interp *in, Net *net, Err *e);

/* net_check: do the layers chain for an input of shape xshape (xndim 0: do
 * not check the input)? False with a shape error naming the layer, the
 * operands (names and shapes) and the clashing axes. `xname` names the
 * input in messages. */
bool net_check(const Net *net, const char *xname, int xndim, const int64_t *xshape, Err *e);

/* The results of one forward pass. */
typedef struct NetRun {
    Net net;
    char xname[64];
    Array *X; /* the input (owned copy) */
    Array *A[NET_MAX], *Z[NET_MAX];
} NetRun;

/* net_run: find the network, evaluate the input (`call`'s first argument,
 * else the variable X), check the chain, then compute every layer,
 * reporting each operation through trace_emit(). Nothing is bound. False
 * with e set on failure (r is then empty). `call` may be NULL (input X). */
bool net_run(Interp *in, const Node *call, NetRun *r, Err *e);
/* net_run_bind: bind A1, Z1, ..., A<n> and Y (the last Z) from r (the
 * arrays move into the variables); echo each binding when `echo`. */
bool net_run_bind(Interp *in, NetRun *r, bool echo, Err *e);
/* net_run_free: release what r still owns. */
void net_run_free(NetRun *r);

/* net_table: the per-layer table of a run (layer, op, input, weight, A,
 * activation, Z, parameters, the total), as a new string (caller frees). */
char *net_table(const NetRun *r);

/* net_diagram: the picture of a network with `n` layers whose sizes are
 * sizes[0] (the input) .. sizes[n], activation names acts[0..n) and weight
 * names wnames[0..n) (NULL: W1, W2, ...). One column per layer, a circle per
 * neuron (first 3, a vertical ellipsis and the last one for wide layers),
 * the bias as a separate (1) node (dimmed when `color`), the activation
 * under each column, then the labelled edges of every layer whose both
 * sides have at most 4 neurons. A new string (caller frees), NULL when out
 * of memory. */
char *net_diagram(int n, const int64_t *sizes, const char *const *acts, const char *const *wnames,
                  bool color);

/* The commands (CommandFn, see builtins.h). */
Value *net_cmd_net(Interp *in, const Node *call, Err *e);
Value *net_cmd_forward(Interp *in, const Node *call, Err *e);
Value *net_cmd_diagram(Interp *in, const Node *call, Err *e);
/* net_cmd_shapes: `shapes forward [X]`: the chain of shapes, checked,
 * computing nothing. */
Value *net_cmd_shapes(Interp *in, const Node *call, Err *e);

/* net_forget: drop the `net act` settings kept for session `in` (call
 * before interp_free; harmless otherwise). */
void net_forget(const Interp *in);

#endif
