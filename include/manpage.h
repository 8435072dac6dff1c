/* manpage.h - nnsh's manual: the command line described once (a table of
 * options that main.c owns) and written two ways, as the plain text of
 * `nnsh --help` and as the roff man page of `nnsh --man`. The page's
 * COMMANDS, FUNCTIONS and HELP TOPICS come from the session's registry and
 * help's topic table, the same records `help` prints, so the two agree.
 *
 * Roff is written with the man macros only (.TH .SH .SS .TP .PP .RS .RE
 * .nf .fi .sp .B); all text goes through manpage_escape, so a '.' or a '\''
 * that starts a line, a backslash or a '-' in a help text never becomes a
 * request or an escape.
 */
#ifndef NNSH_MANPAGE_H
#define NNSH_MANPAGE_H

#include <stdbool.h>
#include <stdio.h>

#include "registry.h"
#include "sbuf.h"

/* One command-line option. */
typedef struct ManOption {
    const char *flag; /* "-c", "--data" */
    const char *arg;  /* the argument's name ("TEXT", "DIR"), or NULL */
    const char *text; /* what it does: one paragraph, no newlines */
} ManOption;

/* The command line as --help and --man show it. */
typedef struct ManInfo {
    const char *version;      /* "0.1.0" */
    const char *summary;      /* one line for NAME, lower case, no full stop */
    const char *about;        /* a paragraph: what nnsh does with its input */
    const ManOption *options; /* ends with a {NULL} entry */
    const char *exit_status;  /* a paragraph */
} ManInfo;

/* manpage_usage: the `--help` text: the usage line, the about paragraph,
 * each option with its text wrapped to 78 columns, and the exit status. */
void manpage_usage(FILE *out, const ManInfo *info);

/* manpage_write: the whole man page in roff to `out`: NAME, SYNOPSIS,
 * DESCRIPTION, OPTIONS, COMMANDS and FUNCTIONS (every built-in in force in
 * `reg`, by help's group, with its signature and summary; the array methods
 * last), HELP TOPICS, FILES, ENVIRONMENT, EXIT STATUS, EXAMPLES. The page is
 * assembled whole and written once. False when memory ran out or the write
 * failed (nothing or part of the page written). */
bool manpage_write(FILE *out, const Registry *reg, const ManInfo *info);

/* manpage_escape: append `text` to b as roff text lines: '\' becomes \(rs,
 * '-' becomes \-, a line that would start with '.' or '\'' gets \& in front,
 * a character beyond ASCII (UTF-8) becomes \[uXXXX], a tab a space, and an
 * empty line .sp. Whether text starts a line is read from b (sbuf_col); a
 * newline in text ends a line. */
void manpage_escape(SBuf *b, const char *text);

#endif
