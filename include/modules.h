/* modules.h - the Python modules a learner's code imports, and what each
 * maps to in nnsh: `import numpy as np`, `import matplotlib.pylab as plt`,
 * `from PIL import Image`, `import pickle`, `import sys, os`,
 * `from dataset.mnist import load_mnist`, `from common.functions import
 * sigmoid, softmax`. A module's members are built-ins whose registry names
 * carry the module's prefix ("pyplot.plot" for plt.plot; NumPy's have
 * none). Any other import is refused by name: never a silent no-op.
 * (Layer: evaluator, beside eval.c.)
 */
#ifndef NNSH_MODULES_H
#define NNSH_MODULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct ModuleDef {
    const char *name;   /* "matplotlib.pyplot" */
    const char *prefix; /* of its members in the registry: "pyplot."; NULL for a
                           package that only holds modules (matplotlib) */
    const char *about;  /* for messages: "nnsh's plotting" */
} ModuleDef;

/* mod_find: the module named by the dotted path `name`, or NULL. */
const ModuleDef *mod_find(const char *name);

/* mod_list: one line per importable module on out: its name and what it is
 * ("  matplotlib.pyplot   nnsh's plotting (plt.plot, plt.show, ...)"). */
void mod_list(FILE *out);

/* mod_resolve: split the dotted path `full` ("matplotlib.pylab.plot") into
 * its longest known module ("matplotlib.pylab", *mod) and the member after
 * it, written with the module's prefix into buf ("pyplot.plot"). Returns
 * false when no known module starts the path, or when nothing follows the
 * module (*mod is still set then: the path is the module itself). */
bool mod_resolve(const char *full, const ModuleDef **mod, char *buf, size_t cap);

/* mod_constant: a module's constant that is not a function (os.pardir is
 * ".."), by registry-style name ("os.pardir"), or NULL. */
const char *mod_constant(const char *regname);

#endif
