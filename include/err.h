/* err.h - the one error type of nnsh.
 *
 * Every fallible function takes an `Err *` last and returns NULL (or -1) on
 * failure after filling it with err_set(). Library code never prints and
 * never exits: errors travel up to the REPL, which prints them in one place
 * with err_print(), jq-style (message, location, source line, caret).
 *
 * A shape error also records the operands (name and shape) and the rule that
 * failed, so the shape debugger can explain it without re-evaluating.
 */
#ifndef NNSH_ERR_H
#define NNSH_ERR_H

#include <stdint.h>
#include <stdio.h>

/* A run of source text: 1-based line, 0-based byte columns [col, end). A span
 * with line == 0 means "no location". */
typedef struct Span {
    int line;
    int col;
    int end;
} Span;

typedef enum ErrKind {
    ERR_NONE = 0,
    ERR_SYNTAX,     /* bad token or grammar */
    ERR_INCOMPLETE, /* input ended inside brackets or a string: read more */
    ERR_NAME,       /* unknown variable or function */
    ERR_TYPE,       /* wrong kind of value or wrong number of arguments */
    ERR_VALUE,      /* right kind, bad value (axis out of range, bad dtype) */
    ERR_SHAPE,      /* shapes that do not fit an operation */
    ERR_INDEX,      /* index out of range */
    ERR_IO,         /* a file could not be opened or read */
    ERR_FORMAT,     /* a file's contents are damaged or unsupported */
    ERR_MEMORY,     /* allocation failed or a size overflowed */
    ERR_INTERRUPT   /* the user stopped a long operation */
} ErrKind;

#define ERR_MAX_OPERANDS 2
#define ERR_NAME_LEN 64

/* One operand of a failed operation, for shape errors. `name` is the source
 * text of the operand ("W1", "(3,)" for an unnamed temporary) and may be
 * empty; the evaluator fills names in, the kernels fill shapes. */
typedef struct ErrOperand {
    char name[ERR_NAME_LEN];
    int ndim;
    int64_t shape[4];
    Span span;
} ErrOperand;

typedef struct Err {
    ErrKind kind;
    char msg[512]; /* one line, no trailing newline, no "error:" prefix */
    Span span;     /* where in the statement; line == 0 if unknown */
    /* shape errors only */
    int nops; /* 0, 1 or 2 */
    ErrOperand ops[ERR_MAX_OPERANDS];
    char op[16];                /* "dot", "add", "reshape", ... */
    char numpy_msg[256];        /* NumPy's own wording for the same failure */
    int axis[ERR_MAX_OPERANDS]; /* the clashing axis of each operand, -1 if n/a */
} Err;

/* err_clear: reset `e` to ERR_NONE. Cheap; call before reusing an Err. */
void err_clear(Err *e);

/* err_set: record an error of `kind` with a printf-style message. The span
 * is left as it was (0 if cleared): callers that know the location set
 * e->span afterwards, or use err_set_at(). Returns NULL so a caller can write
 * `return err_set(e, ...)` in a function returning a pointer. */
void *err_set(Err *e, ErrKind kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* err_set_at: err_set() with a location. */
void *err_set_at(Err *e, ErrKind kind, Span at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* err_shape: start a shape error for operation `op` with the operands' shapes
 * (b may be NULL for one-operand errors). Names are left empty for the
 * evaluator to fill. The message is formatted like err_set(). */
void *err_shape(Err *e, const char *op, int andim, const int64_t *ashape, int bndim,
                const int64_t *bshape, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* err_kind_name: "syntax error", "shape error", ... for the message prefix. */
const char *err_kind_name(ErrKind k);

/* err_print: print `e` as
 *     shape error: <msg>
 *       at <srcname> line L, column C:
 *         <source line>
 *         ^^^^
 * `src` is the whole source text the span refers to (may be NULL: no caret).
 * `color` adds ANSI colour (the caller decides: terminal and no NO_COLOR). */
void err_print(FILE *out, const Err *e, const char *srcname, const char *src, int color);

/* err_source_line: the start of line `line` (1-based) of src, with its
 * length (without the newline) in *len; NULL when src has fewer lines. */
const char *err_source_line(const char *src, int line, int *len);

/* shape_str: write "(2, 3)" / "(3,)" / "()" into buf, which must hold
 * SHAPE_STR_SIZE (64) bytes; never writes more. Every shape an array can have
 * fits (arr_new refuses shapes whose non-zero axes multiply past the size
 * limit, as NumPy does); a longer text is cut and ends in "...)". */
#define SHAPE_STR_SIZE 64
char *shape_str(char *buf, int ndim, const int64_t *shape);

#endif
