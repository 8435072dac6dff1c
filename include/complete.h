/* complete.h - what Tab offers at a place in a line. Pure: it reads the
 * session's variables and built-ins and the current directory, never the
 * terminal, so it is unit-tested on strings; term.c hands the result to
 * Readline.
 *
 * What is offered depends on where the cursor is:
 *   - inside an open string ('...' or "..."): file and folder names relative
 *     to the current directory (only folders after `data`); a folder ends in
 *     '/', a file closes the string; names starting with '.' only when the
 *     typed part of the name starts with '.'.
 *   - an argument of a command (a statement starting with a command word):
 *       help      every built-in by name and every syntax topic (.T, @ ...)
 *       others    what the command's help signature allows at that place,
 *                 read as a small grammar (see complete.c): `trace on|off|full`
 *                 offers on, off, full; a slot written "file" or FILE (load,
 *                 save's second argument, --png FILE) offers paths, with the
 *                 opening quote; a placeholder such as NAME or X offers names;
 *                 lesson's N and eN offer the lessons' and exercises' numbers
 *                 (1 2 ..., e1 e2 ...), and `lesson` also offers list.
 *   - anywhere else: variables, built-ins and np.; after "np." NumPy's names;
 *     after "name." an array's attributes and methods.
 */
#ifndef NNSH_COMPLETE_H
#define NNSH_COMPLETE_H

#include <stdbool.h>

#include "interp.h"

typedef struct CompleteList {
    int start;  /* each candidate replaces line[start .. cursor) */
    int n;      /* number of candidates */
    char **v;   /* n candidates, sorted, distinct, owned; NULL when n == 0 */
    bool paths; /* the candidates are file names (a listing may show only
                   their last part) */
} CompleteList;

/* complete_line: the candidates for the word that ends at byte `cursor` of
 * `line` (clamped to its length), in session `in` (borrowed). Every
 * candidate starts with the word as typed, except that an unquoted file
 * argument gains its opening quote. Fills *out (free with complete_free);
 * no candidate (or out of memory) gives n == 0. */
void complete_line(Interp *in, const char *line, int cursor, CompleteList *out);

/* complete_free: release the candidates of *c (safe on an empty list). */
void complete_free(CompleteList *c);

#endif
