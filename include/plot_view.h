/* plot_view.h - views of the network that no plotting library gives a
 * learner: `weights W1` (each hidden neuron's input weights as a 28x28
 * tile, on a diverging colour scale), `activations X` (one input's A and Z
 * at every layer as bars, and the output's probabilities with the
 * prediction), `surface` (one output of a 2-input network over the input
 * plane as a heat map). Terminal pictures, and PNG/SVG files.
 *
 * The network is found through one function (view_layers in
 * plot_view.c) that reads net.h's Net; nothing else here depends on how
 * the network is stored.
 */
#ifndef NNSH_PLOT_VIEW_H
#define NNSH_PLOT_VIEW_H

#include "interp.h"
#include "registry.h"

/* The commands (CommandFn, see registry.h), listed in plotcmd.c's table. */
Value *plotview_cmd_weights(Interp *in, const Node *call, Err *e);
Value *plotview_cmd_activations(Interp *in, const Node *call, Err *e);
Value *plotview_cmd_surface(Interp *in, const Node *call, Err *e);

/* The views' table (weights, activations, surface); init.c registers it. */
extern const Builtin plotview_builtins[];

#endif
