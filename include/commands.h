/* commands.h - the shell's own commands (help, vars, del, clear, echo, history, example, quit). */
#ifndef NNSH_COMMANDS_H
#define NNSH_COMMANDS_H

#include "registry.h"

/* The table of commands's built-ins, ending with a {NULL} entry; init.c registers it. */
extern const Builtin command_builtins[];

/* commands_topic: help topic i (from 0) of the syntax that is no function
 * (`help .T`, `help slicing`): *names gets the words that ask for it, space
 * separated, and *text the text that `help` prints for it (both static).
 * False when there is no topic i. The man page lists the topics from here. */
bool commands_topic(int i, const char **names, const char **text);

#endif
