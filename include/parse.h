/* parse.h - the recursive-descent parser. */
#ifndef NNSH_PARSE_H
#define NNSH_PARSE_H

#include "ast.h"

/* parse_program: parse `src` (one or more statements separated by ';' or
 * newlines) into an array of statements. On success returns the count (>= 0)
 * and stores a malloc'd array of owned nodes in *out (free each with
 * node_free, then the array). On failure returns -1 with `e` set: the span
 * points at the offending token; kind ERR_INCOMPLETE means the text ended
 * inside brackets or a string, so a REPL should read another line. Line
 * numbers in spans start at `first_line`. Nesting deeper than 200 is a
 * syntax error, never a stack overflow (the same bound keeps left-leaning
 * chains like a+b+c+... under about 200 levels, so a recursive walk of any
 * tree is safe).
 * Details: `e` is cleared first; *out is NULL on failure and may be NULL for
 * an empty program (count 0). A statement followed by a ';' that ends its
 * line gets quiet = true (`x = 1; y = 2;` silences only y's). For
 * ERR_INCOMPLETE the span points at the bracket left open (or the string
 * or backslash cut short). A single-quoted string left open at the end of
 * a line or of the input is a syntax error; a triple-quoted one is incomplete.
 * Example:
 *     Node **v; Err e;
 *     int n = parse_program("A1 = dot X W1 + B1", 1, &v, &e);
 *     for (int i = 0; i < n; i++) node_free(v[i]);
 *     free(v); */
int parse_program(const char *src, int first_line, Node ***out, Err *e);

/* parse_is_rawcmd: true for the commands whose argument is a whole statement
 * (step, shapes, explain, check), which the parser keeps as N_RAWCMD. */
bool parse_is_rawcmd(const char *name);

#endif
