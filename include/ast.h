/* ast.h - the syntax tree. Every node carries the span of source it came
 * from, so errors can put a caret under it and the tracer can name operands
 * by their source text.
 *
 * Grammar (statements over expressions; blocks can be added later as new
 * statement kinds):
 *   program   -> stmt { (';' | NEWLINE) stmt } [';']
 *   stmt      -> 'import' ... | targets '=' expr | NAME op= expr | expr
 *   targets   -> target { ',' target }      (tuple unpacking, parentheses ok)
 *   expr      -> binary operators by a priority table (| & comparisons
 *                + - * / // % @ unary - ** ) over postfix
 *   postfix   -> primary { '(' args ')' | '[' index ']' | '.' NAME }
 *   primary   -> NUMBER | STRING | NAME | True | False | None
 *              | '(' expr ')' | '(' expr ',' ... ')' | '[' list ']'
 *              | '{' dict '}' | command
 *   command   -> NAME arg { arg }  where NAME is followed, after white space,
 *                by a NAME, NUMBER, STRING or '[' ; each arg is a postfix
 *                expression or NAME '=' postfix (keyword). A command binds
 *                tighter than any operator: `dot X W1 + B1` is dot(X,W1)+B1.
 */
#ifndef NNSH_AST_H
#define NNSH_AST_H

#include <stdbool.h>

#include "err.h"

typedef enum NodeKind {
    /* expressions */
    N_NUM,      /* num, is_int */
    N_STR,      /* str */
    N_NAME,     /* str */
    N_TRUE, N_FALSE, N_NONE,
    N_LIST,     /* kids: elements */
    N_TUPLE,    /* kids: elements */
    N_DICT,     /* kids: key, value, key, value, ... */
    N_CALL,     /* kids[0] callee, kids[1..] args (N_KWARG for keywords);
                   cmdform true when written `f a b` */
    N_KWARG,    /* str = keyword, kids[0] value */
    N_ATTR,     /* kids[0] object, str = attribute name */
    N_INDEX,    /* kids[0] object, kids[1..] items (exprs, N_SLICE, N_NONE) */
    N_SLICE,    /* kids[0..2] start, stop, step; each may be NULL */
    N_BINOP,    /* op (BinOp, or OPX_MATMUL), kids[0] left, kids[1] right,
                   opspan = the operator token */
    N_UNARY,    /* op (UnOp: OP_NEG, OP_NOT), kids[0] */
    /* statements */
    N_ASSIGN,   /* kids[0..n-2] targets (N_NAME, or N_INDEX for x[i] = v),
                   kids[n-1] value; op = -1 or the BinOp of an augmented
                   assignment (+=) */
    N_EXPR,     /* kids[0] expression statement; quiet true after ';' */
    N_IMPORT,   /* import numpy as np: does nothing */
    N_RAWCMD    /* a command that takes a statement as its argument:
                   str = command (step, shapes, explain), kids[0] = the
                   parsed statement, text = its source */
} NodeKind;

#define OPX_MATMUL 100 /* N_BINOP op value for '@' (dot for 2-D) */

typedef struct Node {
    NodeKind kind;
    Span span;         /* whole node */
    Span opspan;       /* N_BINOP: the operator; N_CALL: the callee name */
    int op;
    double num;
    bool is_int;
    bool cmdform;      /* N_CALL written in command form */
    bool quiet;        /* N_EXPR / N_ASSIGN followed by ';' */
    char *str;         /* owned */
    char *text;        /* owned: source text of the node, for names in
                          messages and the tracer ("np.dot(X, W1)") */
    struct Node **kids;/* owned */
    int nkids;
} Node;

/* node_free: free a node and all its children. NULL is fine. */
void node_free(Node *n);

#endif
