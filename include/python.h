/* python.h - Python's built-ins that the book's code uses (len, print, str ...). */
#ifndef NNSH_PYTHON_H
#define NNSH_PYTHON_H

#include "registry.h"

/* The table of python's built-ins, ending with a {NULL} entry; init.c registers it. */
extern const Builtin python_builtins[];

#endif
