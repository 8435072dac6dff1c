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
 * syntax error, never a stack overflow. */
int parse_program(const char *src, int first_line, Node ***out, Err *e);

/* parse_is_rawcmd: true for the commands whose argument is a whole statement
 * (step, shapes, explain), which the parser keeps as N_RAWCMD. */
bool parse_is_rawcmd(const char *name);

#endif
