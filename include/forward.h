/* forward.h - one forward pass of the network found among the variables,
 * layer by layer, for the `forward` command, `step forward` and the trace:
 * run it (through infer.c's traced steps), bind A1, Z1 ... Y, and the
 * per-layer table. */
#ifndef NNSH_FORWARD_H
#define NNSH_FORWARD_H

#include "interp.h"
#include "net.h"
#include "registry.h"

/* The results of one forward pass. */
typedef struct FwdRun {
    Net net;
    char xname[64];
    Array *X; /* the input (owned copy) */
    Array *A[NET_MAX], *Z[NET_MAX];
} FwdRun;

/* net_run: find the network, evaluate the input (`call`'s first argument,
 * else the variable X), check the chain, then compute every layer,
 * reporting each operation through interp_trace_event(). Nothing is bound. False
 * with e set on failure (r is then empty). `call` may be NULL (input X). */
bool fwd_run(Interp *in, const Node *call, FwdRun *r, Err *e);
/* fwd_bind: bind A1, Z1, ..., A<n> and Y (the last Z) from r (the
 * arrays move into the variables); echo each binding when `echo`. */
bool fwd_bind(Interp *in, FwdRun *r, bool echo, Err *e);
/* fwd_free: release what r still owns. */
void fwd_free(FwdRun *r);

/* fwd_table: the per-layer table of a run (layer, op, input, weight, A,
 * activation, Z, parameters, the total), as a new string (caller frees).
 * When it would pass shapefix_width() columns the Z column, which repeats
 * A's shape, is left out and a line under the table says so. */
char *fwd_table(const FwdRun *r);

/* fwd_cmd_forward: the `forward [X]` command (CommandFn, registry.h). */
Value *fwd_cmd_forward(Interp *in, const Node *call, Err *e);

#endif
