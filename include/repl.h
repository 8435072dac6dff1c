/* repl.h - the read-eval-print loop, independent of any terminal.
 *
 * The loop reads lines from a LineSource (interp.h): a file, a string, or
 * the terminal front end (term.c). Lines are collected while the parser says
 * the input is incomplete (open brackets), then run as one chunk.
 */
#ifndef NNSH_REPL_H
#define NNSH_REPL_H

#include <stdbool.h>
#include <stdio.h>

#include "interp.h"

typedef struct ReplOpts {
    const char *srcname; /* for error locations: "<stdin>", "lesson.nns" */
    bool keep_going;     /* run on after an error (the exit status stays 1) */
    const char *prompt;  /* NULL: no prompts */
    const char *prompt2; /* continuation prompt */
} ReplOpts;

/* repl_run: read and run lines from src until it ends, quit/exit, or (unless
 * keep_going) the first error. Returns 0 when every statement succeeded, 1
 * after any error, REPL_INTERRUPTED when Ctrl-C stopped a script (a source
 * that is not interactive: the script ends there, even with keep_going);
 * *quit is set when the user asked to leave. A line ends at "\n", "\r\n"
 * or a lone "\r"; a NUL byte is reported as an error where it is. */
#define REPL_INTERRUPTED 130
int repl_run(Interp *in, LineSource *src, const ReplOpts *o, bool *quit);

/* repl_file_source: a LineSource over an open FILE (not owned); the ctx lives
 * in *storage, which must outlive the source. */
typedef struct ReplFileCtx {
    FILE *f;
    char *buf;
    size_t cap;
} ReplFileCtx;
LineSource repl_file_source(ReplFileCtx *storage, FILE *f);

/* repl_string_source: a LineSource over a string (for -c TEXT and tests);
 * the string is borrowed and must outlive the source. */
typedef struct ReplStringCtx {
    const char *p;
} ReplStringCtx;
LineSource repl_string_source(ReplStringCtx *storage, const char *text);

/* repl_free_file_source: release the buffer a file source allocated. */
void repl_free_file_source(ReplFileCtx *storage);

#endif
