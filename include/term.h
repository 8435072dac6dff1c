/* term.h - the terminal front end: the only module that talks to GNU
 * Readline. It gives the REPL a LineSource with line editing, history kept
 * in a file, and Tab completion (the candidates come from complete.h).
 */
#ifndef NNSH_TERM_H
#define NNSH_TERM_H

#include "interp.h"

/* term_source: set up Readline for session `in` (borrowed: completion reads
 * its variables) and catch SIGINT, SIGTERM and SIGHUP. The history file is
 * $NNSH_HISTORY when set (empty: keep no history file), else
 * ~/.nnsh_history; one that is not a regular file (a FIFO) is not read.
 * Returns a LineSource reading from the terminal. */
LineSource term_source(Interp *in);

/* term_catch_interrupt: make Ctrl-C (SIGINT) set interp_interrupted instead
 * of ending the process, so it stops the statement or script that runs
 * (main calls it before running a script with -i). term_source does it too. */
void term_catch_interrupt(void);

/* term_exit_signal: the number of the SIGTERM or SIGHUP that ended the
 * interactive session (the line source then returned NULL with the terminal
 * restored), or 0. The caller saves the history with term_finish and exits
 * with 128 + that number. */
int term_exit_signal(void);

/* term_finish: save the history file (if any): written whole through a
 * temporary and renamed (fileio.h). Safe to call once at exit. */
void term_finish(void);

/* term_print_history: list this session's history, numbered (the `history`
 * command). */
void term_print_history(FILE *out);

#endif
