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
 * syntax error, never a stack overflow; a flat chain of operators such as
 * 1 + 1 + ... + 1 is not nesting and may hold up to 2000 of them (its tree
 * leans left that deep, which a recursive walk of any tree can afford).
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

/* Which plain names are commands (registry.h), for parse_program_names. A
 * command is a statement of its own: `cmd args`, or `name = cmd args` to keep
 * its result. Anywhere else (inside an expression or an index, as the right
 * side of an unpacking, an indexed or an augmented assignment) it is refused
 * as a syntax error with the caret on its name, so a command can never run
 * while another statement is half done. A command's own arguments may be
 * bare words (`help example`); inside anything larger they are checked too.
 * A NAME_VALUE_COMMAND called with brackets (`load("w.npy")`) is a value. */
typedef enum NameKind {
    NAME_PLAIN = 0,    /* a variable or a function */
    NAME_COMMAND,      /* a command */
    NAME_VALUE_COMMAND /* a command that may also be called as f(...) */
} NameKind;
typedef struct ParseNames {
    NameKind (*kind)(void *ctx, const char *name);
    void *ctx;
    /* a block (def, for, if ...) that reaches the end of the text may go on
     * in lines still to come: report ERR_INCOMPLETE instead of ending it */
    bool wait;
} ParseNames;

/* parse_program_names: parse_program with the command check above; `names`
 * NULL treats no name as a command (what parse_program does). */
int parse_program_names(const char *src, int first_line, const ParseNames *names, Node ***out,
                        Err *e);

/* --- incremental completeness, for a REPL --------------------------------------
 * Whether the lines typed so far can be complete, tracked one line at a time
 * so that a bracket left open over 20,000 lines costs 20,000 short scans and
 * one parse, not 20,000 parses of a growing text. */
typedef struct ParseScan {
    int depth;  /* brackets open */
    char quote; /* inside a triple-quoted string: its quote character, else 0 */
    bool cont;  /* the last line ended with a backslash */
} ParseScan;

/* parse_scan_line: account for one more line (without its newline). Returns
 * true when the text so far may be complete (no bracket or triple-quoted
 * string open, no backslash at the end), so parsing it is worthwhile; false
 * when more lines are certainly needed. Start with a zeroed ParseScan for
 * each new chunk of input. Example:
 *     ParseScan st = {0};
 *     parse_scan_line(&st, "x = [1,");   false
 *     parse_scan_line(&st, "2]");        true */
bool parse_scan_line(ParseScan *st, const char *line);

/* parse_is_rawcmd: true for the commands whose argument is a whole statement
 * (step, shapes, explain, check), which the parser keeps as N_RAWCMD. */
bool parse_is_rawcmd(const char *name);

#endif
