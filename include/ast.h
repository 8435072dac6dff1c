/* ast.h - the syntax tree. Every node carries the span of source it came
 * from, so errors can put a caret under it and the tracer can name operands
 * by their source text.
 *
 * Grammar (statements over expressions; blocks can be added later as new
 * statement kinds). parse.c has each rule above the function that parses it.
 *   program   -> stmt { (';' | NEWLINE) stmt } [';']
 *   stmt      -> 'import' ... | 'from' ... 'import' ...
 *              | rawcmd stmt                 (step / shapes / explain)
 *              | exprlist '=' exprlist | target op= exprlist | exprlist
 *   targets   -> target { ',' target }      (tuple unpacking, parentheses ok)
 *   expr      -> binary operators by a priority table (| & comparisons
 *                + - * / // % @ unary - ** ) over postfix
 *   postfix   -> primary { '(' args ')' | '[' index ']' | '.' NAME }
 *   primary   -> NUMBER | STRING | NAME | True | False | None | '...'
 *              | '(' expr ')' | '(' expr ',' ... ')' | '[' list ']'
 *              | '{' dict '}' | command
 *   command   -> NAME arg { arg }  where NAME is followed, after white space,
 *                by a NAME, NUMBER, STRING or '[' ; each arg is a postfix
 *                expression or NAME '=' postfix (keyword). A command binds
 *                tighter than any operator: `dot X W1 + B1` is dot(X,W1)+B1.
 *                Arguments are postfix expressions, never commands, so
 *                `sigmoid dot X W1` is sigmoid(dot, X, W1); write
 *                `sigmoid (dot X W1)` for the nested call. Inside the
 *                arguments, '(' '[' '{' after white space start a new
 *                argument (`dot X (W1)`), without it they are trailers
 *                (`show x_test[0]`). `not and or in if ...` never start
 *                a command; True, False and None are not command names.
 *
 * Precedence, loosest first: `|` and `or`; `&` and `and`; `not`;
 * comparisons; `+ -`; `* / // % @`; unary `- + ~`; `**` (right
 * associative, and tighter than a unary operator on its left: -x**2 is
 * -(x**2)). Unlike Python, `&` and `|` bind looser than comparisons, so
 * `x > 0 & x < 1` means (x > 0) & (x < 1).
 */
#ifndef NNSH_AST_H
#define NNSH_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"

typedef enum NodeKind {
    /* expressions */
    N_NUM,  /* num, is_int */
    N_STR,  /* str */
    N_FSTRING, /* f"...": kids are N_STR (text) and N_FIELD parts, in order */
    N_FIELD,   /* {x!r:>8.3f}: kids[0] the expression, op the conversion
                  ('r', 's', 'a' or 0), str the format spec or NULL */
    N_NAME, /* str */
    N_TRUE,
    N_FALSE,
    N_NONE,
    N_LIST,  /* kids: elements */
    N_TUPLE, /* kids: elements */
    N_DICT,  /* kids: key, value, key, value, ... */
    N_CALL,  /* kids[0] callee, kids[1..] args (N_KWARG for keywords);
                cmdform true when written `f a b` */
    N_KWARG, /* str = keyword, kids[0] value */
    N_ATTR,  /* kids[0] object, str = attribute name */
    N_INDEX, /* kids[0] object, kids[1..] items (exprs, N_SLICE, N_NONE) */
    N_SLICE, /* kids[0..2] start, stop, step; each may be NULL */
    N_BINOP, /* op (BinOp, or OPX_MATMUL), kids[0] left, kids[1] right,
                opspan = the operator token */
    N_UNARY, /* op (UnOp: OP_NEG, OP_NOT), kids[0] */
    /* statements */
    N_ASSIGN,   /* kids[0..n-2] targets, kids[n-1] value; op = -1 or the
                   BinOp of an augmented assignment (+=, one target).
                   A target is N_NAME, N_INDEX (x[i] = v) or N_TUPLE of
                   targets (nested unpacking):
                     a = v            kids: a, v          (no unpacking)
                     a, b = v         kids: a, b, v       (unpack into 2)
                     (a, b), c = v    kids: (tuple a b), c, v
                     (a, b) = v       kids: (tuple a b), v
                     a, = v           kids: (tuple a), v
                   A list target [a, b] is turned into N_TUPLE. */
    N_EXPR,     /* kids[0] expression statement; quiet true after ';' */
    N_IMPORT,   /* import numpy as np: does nothing; str = the first
                   module named ("numpy", "dataset.mnist") */
    N_RAWCMD,   /* a command that takes a statement as its argument:
                   str = command (step, shapes, explain), kids[0] = the
                   parsed statement, text = the source of that statement
                   (span and opspan: the whole line and the command word) */
    N_ELLIPSIS, /* `...` in an index (expression) */
    /* blocks (Python's compound statements); a body is an N_BLOCK */
    N_BLOCK,  /* kids: statements */
    N_IF,     /* kids[0] condition, kids[1] body, kids[2] (optional) the
                 else part: an N_BLOCK, or an N_IF for elif */
    N_WHILE,  /* kids[0] condition, kids[1] body */
    N_FOR,    /* kids[0] target (as N_ASSIGN's), kids[1] iterable,
                 kids[2] body */
    N_DEF,    /* str = name; kids[0..n-2] parameters: N_NAME, or N_KWARG
                 (str = name, kids[0] = default); kids[n-1] body */
    N_LAMBDA, /* parameters as N_DEF's, then kids[n-1] the expression */
    N_RETURN, /* kids[0] value, or no kid */
    N_BREAK,
    N_CONTINUE,
    N_PASS,
    N_GLOBAL, /* kids: N_NAME */
    N_WITH,   /* kids[0] context expression, kids[1] body; str = the
                 name after `as`, or NULL */
    N_IFEXP,  /* kids[0] value if true, kids[1] condition, kids[2] else */
    N_LISTCOMP, /* [kids[0] for kids[1] in kids[2] if kids[3]]: kids[1] a
                   target (as N_FOR's); kids[3] only when there is an if */
    N_BOOLOP  /* op 0 `and`, 1 `or`: kids[0], kids[1] (Python's meaning:
                 short-circuit on truth, the deciding operand is the value) */
} NodeKind;

#define OPX_MATMUL 100 /* N_BINOP op value for '@' (dot for 2-D) */
#define OPX_LNOT 101   /* N_UNARY op value for `not` (truth, Python's meaning) */
#define OPX_IN 102     /* N_BINOP: a in b */
#define OPX_NOTIN 103  /* a not in b */
#define OPX_IS 104     /* a is b */
#define OPX_ISNOT 105  /* a is not b */

typedef struct Node {
    NodeKind kind;
    Span span;   /* whole node */
    Span opspan; /* N_BINOP: the operator; N_CALL: the callee name */
    int op;
    double num;
    bool is_int;
    uint64_t inum; /* N_NUM is_int: the exact magnitude, */
    bool ineg;     /* negated by a folded unary '-', */
    bool ibig;     /* or beyond uint64_t */
    bool cmdform;       /* N_CALL written in command form */
    bool quiet;         /* N_EXPR / N_ASSIGN followed by ';' */
    char *str;          /* owned */
    char *text;         /* owned: source text of the node, for names in
                           messages and the tracer ("np.dot(X, W1)") */
    struct Node **kids; /* owned */
    int nkids;
} Node;

/* node_new: a zeroed node of `kind` (op = -1), owned by the caller; NULL
 * when out of memory. */
Node *node_new(NodeKind kind);

/* node_push: append `kid` (may be NULL, e.g. a missing slice part) to
 * n->kids. Takes ownership of `kid` in every case: on failure (out of
 * memory) it frees `kid` and returns false, leaving `n` as it was. */
bool node_push(Node *n, Node *kid);

/* node_copy: a deep copy of n (NULL for NULL, or when out of memory). */
Node *node_copy(const Node *n);

/* node_free: free a node and all its children. NULL is fine. */
void node_free(Node *n);

/* ast_dump: the tree as one S-expression line, for tests and debugging.
 * Returns a malloc'd string (caller frees), NULL when out of memory.
 *   1 + 2 * x          (+ 1 (* 2 x))
 *   np.dot(X, W1)      (call (. np dot) X W1)
 *   dot X W1           (cmd dot X W1)
 *   f(x, axis=1)       (call f x (kw axis 1))
 *   x[1:, :, ::2]      (index x (slice 1 _ _) (slice _ _ _) (slice _ _ 2))
 *   -x ** 2, not a     (neg (** x 2)), (not a)
 *   [1, 'a'], (1,)     (list 1 'a'), (tuple 1)
 *   {'a': 1}           (dict 'a' 1)
 *   a, b = f(x)        (= a b (call f x))
 *   x += 1;            (+= x 1);        a trailing ';' marks quiet
 *   import numpy as np (import numpy)
 *   step A = B         (step (= A B))
 * An N_EXPR statement dumps as its expression; floats always show a '.' or
 * an exponent (1.0, 0.001, 1e+20), ints never; strings use single quotes
 * with \n, \t, \\, \' and \xNN escapes; NULL (and a missing slice
 * part) is `_`. */
char *ast_dump(const Node *n);

#endif
