/* commands.h - the shell's own commands (help, vars, del, clear, echo, history, example, quit). */
#ifndef NNSH_COMMANDS_H
#define NNSH_COMMANDS_H

#include "registry.h"

/* The table of commands's built-ins, ending with a {NULL} entry; init.c registers it. */
extern const Builtin command_builtins[];

#endif
