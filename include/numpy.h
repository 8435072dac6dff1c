/* numpy.h - the NumPy functions, the book's activations and the array methods. */
#ifndef NNSH_NUMPY_H
#define NNSH_NUMPY_H

#include "registry.h"

/* The table of numpy's built-ins, ending with a {NULL} entry; init.c registers it. */
extern const Builtin numpy_builtins[];
/* The array methods (x.reshape(...), x.sum(axis=1) ...), registered with
 * reg_add_methods; counts exclude the array itself. */
extern const Builtin numpy_methods[];

#endif
