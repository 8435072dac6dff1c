/* files.h - load, pickle_load and save: arrays in and out of files.
 *
 *   load "sample_weight.pkl"         a pickle's arrays become variables
 *                                    (W1 b1 W2 b2 W3 b3)
 *   network = load("sample_weight.pkl")   the same pickle as a dict
 *   x = load("x.npy")                a .npy (or idx) file's array
 *   save W1 "w1.npy"                 NumPy's .npy format; np.save(f, x) too
 *
 * Files are read as data, never run: a pickle that asks for anything but
 * NumPy arrays is refused. In command form every key of the pickle must be
 * able to become a variable: a key that is not a plain name, or that would
 * hide a built-in (np, print, sigmoid ...), refuses the whole load, which
 * then changes nothing.
 */
#ifndef NNSH_FILES_H
#define NNSH_FILES_H

#include <stddef.h>

#include "interp.h"
#include "registry.h"

/* The commands (CommandFn, see registry.h). */
Value *files_cmd_load(Interp *in, const Node *call, Err *e);
Value *files_cmd_pickle_load(Interp *in, const Node *call, Err *e);
Value *files_cmd_save(Interp *in, const Node *call, Err *e);

/* files_resolve_path: where `load` finds `path`: the path as given when it
 * exists; otherwise, for a bare file name (no '/'), the same name in the
 * data directory when it exists there; otherwise the path as given (so the
 * reader's error names it). Writes into buf (size n) and returns buf. */
char *files_resolve_path(Interp *in, const char *path, char *buf, size_t n);

/* files_load_dict: the pickle `name` (found as `load` finds files) as a new
 * dict value, read safely; NULL with e set when it cannot be read. */
Value *files_load_dict(Interp *in, const char *name, Err *e);

/* files_fn_open: open(name, mode='rb'): a file value for reading (pickle.load);
 * a name not found here is looked for in the data folder, with a note when
 * echo is on. files_fn_pickle_load: pickle.load(f): the pickle read safely
 * into a dict (see files_load_dict). */
Value *files_fn_open(Interp *in, const CallArgs *a, Err *e);
Value *files_fn_pickle_load(Interp *in, const CallArgs *a, Err *e);

/* The table of files's built-ins; init.c registers it. */
extern const Builtin files_builtins[];

#endif
