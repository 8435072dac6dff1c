/* plotcmd.h - the plotting built-ins: the `plot` command, matplotlib's
 * pyplot functions (plt.plot, plt.show, plt.savefig, ...; the evaluator
 * maps `plt.X` to "pyplot.X" after `import matplotlib.pyplot as plt`),
 * the network views `weights`, `activations` and `surface`, and the
 * terminal drawing behind PIL's Image.fromarray(img).show().
 *
 * The figure that pyplot builds up lives in the session (an interp slot),
 * so two sessions never share one.
 */
#ifndef NNSH_PLOTCMD_H
#define NNSH_PLOTCMD_H

#include "arr.h"
#include "interp.h"
#include "registry.h"
#include "interp.h"
#include "plot.h"

/* The table, {NULL}-terminated, listed in builtins.c. */
extern const Builtin plot_builtins[];

/* plotcmd_figure: the session's current pyplot figure, created empty on
 * first use (NULL only when out of memory). Borrowed: the session owns it. */
Plot *plotcmd_figure(Interp *in);

/* plotcmd_show_image: draw `img` in the terminal on the session's output,
 * as PIL's Image.fromarray(img).show() would open it in a window: a 2-D
 * array (uint8 0..255, or floats), or 784 (any square number of) pixels,
 * with half blocks on a colour terminal and shades of ASCII otherwise.
 * Returns 0, or -1 with e set (ERR_SHAPE, ERR_TYPE, ERR_MEMORY). */
int plotcmd_show_image(Interp *in, const Array *img, Err *e);

/* plotcmd_draw: print figure p on the session's output at the terminal's
 * size (80 x 24 when the output is not a terminal), in colour when the
 * session uses colour. Returns 0 or -1 with e set. */
int plotcmd_draw(Interp *in, const Plot *p, Err *e);

#endif
