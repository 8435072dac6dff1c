/* registry.h - the built-ins' record and the registry that finds them.
 *
 * The layers of nnsh, lowest first. A module includes headers of its own
 * layer or of a layer below it, never above:
 *   1. base        err sbuf arr rng kernels kern_act ops fmt fileio png npy
 *                  pkl idx progress lessonmsg (arrays, kernels, printing,
 *                  file formats, the course's records and words)
 *   2. language    lex ast parse (text to a tree with source spans)
 *   3. values      value vars
 *   4. registry    this file: the Builtin record, lookup, argument checks
 *   5. evaluator   eval interp shapefix (runs trees; explains shape errors)
 *   6. libraries   numpy python commands shapes trace net data book show
 *                  lesson plot ... (each defines a table of built-ins)
 *   7. top         init (the one list of libraries), repl, complete, term,
 *                  manpage, main
 * The evaluator finds built-ins through the session's registry and never
 * names a library; init.c registers every library's table in a session.
 *
 * One entry defines a built-in completely: the code that runs, the words
 * that `help` prints and the shape rule that `shapes` applies, so help and
 * shapes never disagree with the code. Two kinds of entry:
 *  - functions (fn != NULL): arguments are evaluated first; `sigmoid(A1)`
 *    and `sigmoid A1` are the same call.
 *  - commands (cmd != NULL): get the call's argument nodes unevaluated, so
 *    `help dot`, `del X`, `trace on`, `load "f.pkl"` see words and strings.
 *    A command is a statement of its own: never part of an expression,
 *    except that a `value` command may be called with brackets there.
 */
#ifndef NNSH_REGISTRY_H
#define NNSH_REGISTRY_H

#include <stdbool.h>

#include "ast.h"
#include "err.h"
#include "value.h"

typedef struct Interp Interp; /* the session (interp.h) */

typedef struct CallArgs {
    int n;              /* positional arguments */
    Value **v;          /* borrowed values */
    const Node **nodes; /* their source nodes (for names in messages) */
    int nkw;            /* keyword arguments */
    const char **kwname;
    Value **kw; /* borrowed */
    const Node **kwnodes;
    const Node *call;  /* the whole call node (span for errors) */
    const char *fname; /* the name to use in messages: "dot", "reshape" */
} CallArgs;

typedef Value *(*BuiltinFn)(Interp *in, const CallArgs *a, Err *e);
/* A command returns a value to echo (or NULL with e->kind == ERR_NONE for
 * "nothing to show"); `call` holds its argument nodes. */
typedef Value *(*CommandFn)(Interp *in, const Node *call, Err *e);

/* How `shapes` predicts a call's result shape from its operands' shapes.
 * For a method (x.sum()) the object is the first operand. */
typedef enum ShapeRule {
    SHAPE_NONE = 0,  /* not predictable without running it */
    SHAPE_SAME,      /* one operand, result has its shape (sigmoid, exp) */
    SHAPE_BROADCAST, /* two operands broadcast together (maximum) */
    SHAPE_DOT,       /* np.dot / np.matmul */
    SHAPE_REDUCE,    /* axis=/keepdims= reduction (sum, argmax) */
    SHAPE_RESHAPE,   /* operand, then the new shape */
    SHAPE_TRANSPOSE, /* axes reversed */
    SHAPE_FLATTEN,   /* (size,) */
    SHAPE_NEW,       /* a shape argument: zeros, ones, random.rand */
    SHAPE_LIKE,      /* the operand's shape: zeros_like */
    SHAPE_ARANGE,    /* (n,) from literal bounds */
    SHAPE_ARRAY,     /* np.array(x): x's shape */
    SHAPE_SCALAR,    /* a number: len, ndim, float */
    SHAPE_NOVALUE,   /* no array result: print */
} ShapeRule;

typedef struct Builtin {
    const char *name;     /* "sigmoid", "random.randn", "help" */
    const char *group;    /* help's heading: "activation", "array", ... */
    const char *sig;      /* "sigmoid(x)" */
    const char *summary;  /* one line */
    const char *numpy;    /* NumPy/book equivalent: "1 / (1 + np.exp(-x))" */
    const char *shapes;   /* shape rule in words: "x (any) -> same shape" */
    const char *example;  /* a line to type */
    int minargs, maxargs; /* positional; maxargs -1: any */
    const char *kwargs;   /* accepted keywords, space separated, or NULL */
    BuiltinFn fn;
    CommandFn cmd;
    ShapeRule shape; /* what `shapes` applies (SHAPE_NONE: cannot predict) */
    /* A command that may also be called as a function inside an expression
     * (`(x, t), (xt, tt) = load_mnist(normalize=False)`, `w = load("w.npy")`):
     * called that way it only computes its value and changes nothing. In
     * command form it is a statement like any command. */
    bool value;
    /* Takes Python lists as they are (len, print, zip ...). Any other
     * function is given a list (or tuple) of numbers as an array, as NumPy's
     * functions take array-likes. */
    bool lists;
} Builtin;

/* --- the registry ------------------------------------------------------------
 * A session's set of built-in tables and array methods, with a hash index.
 * Tables are borrowed (static const arrays ending in a {NULL} entry) and must
 * outlive the registry. */
typedef struct Registry Registry;

/* reg_new / reg_free: an empty registry (NULL when out of memory). */
Registry *reg_new(void);
void reg_free(Registry *r);
/* reg_add: register a table of functions and commands. When two tables
 * define a name the one added first wins, so a library can replace a core
 * entry by being added before it. Returns false when out of memory. */
bool reg_add(Registry *r, const Builtin *table);
/* reg_add_methods: register a table of array methods (x.reshape(...)):
 * functions whose first argument is the array. */
bool reg_add_methods(Registry *r, const Builtin *table);
/* reg_add_python: register Python's built-ins (len, min, round ...): a bare
 * name finds them before any other table's entry of that name, so min(2, 1)
 * is Python's min while np.min stays NumPy's; they are no module's members.
 * Dotted names in the table (sys.path.append) register as reg_add does. */
bool reg_add_python(Registry *r, const Builtin *table);
/* reg_find: the entry for a name as a program writes it: a bare name is
 * Python's built-in if there is one, else any table's; "np.x" and
 * "numpy.x" are the library's x, never Python's. NULL when there is none. */
const Builtin *reg_find(const Registry *r, const char *name);
/* reg_find_member: the entry for a module's member ("min" of np.min,
 * "random.randn", "pickle.load"), never one of Python's built-ins. */
const Builtin *reg_find_member(const Registry *r, const char *name);
/* reg_method: the array method `name`, or NULL. */
const Builtin *reg_method(const Registry *r, const char *name);
/* reg_count / reg_at: every function and command in registration order (for
 * help and completion); reg_at is NULL out of range. A name defined twice is
 * listed twice; reg_find tells which one is in force. */
int reg_count(const Registry *r);
const Builtin *reg_at(const Registry *r, int i);
/* reg_method_count / reg_method_at: the array methods likewise. */
int reg_method_count(const Registry *r);
const Builtin *reg_method_at(const Registry *r, int i);

/* --- argument helpers for built-ins ------------------------------------------ */

/* builtin_check_call: the arity and keyword checks for a call of b with
 * npos positional arguments and the keyword names kw[0..nkw), with the caret
 * under `call`. For a method, npos counts the array itself. */
bool builtin_check_call(const Builtin *b, int npos, const char *const *kw, int nkw,
                        const Node *call, Err *e);
/* builtin_kw: the keyword argument `name` of a call (borrowed), or NULL. */
const Value *builtin_kw(const CallArgs *a, const char *name);
/* builtin_arg_span / builtin_kw_span: where argument i (or keyword `name`)
 * was written; the whole call when unknown. */
Span builtin_arg_span(const CallArgs *a, int i);
Span builtin_kw_span(const CallArgs *a, const char *name);
/* builtin_arr_arg: positional argument i as an array (borrowed), or NULL
 * with a type error naming the function. */
const Array *builtin_arr_arg(const CallArgs *a, int i, Err *e);
/* builtin_wrap: a new array value owning a (a kernel's result); NULL stays
 * NULL (e already set), out of memory sets e. */
Value *builtin_wrap(Array *a, Err *e);
/* builtin_none: a new None value (NULL with ERR_MEMORY when out of memory). */
Value *builtin_none(Err *e);

/* For commands, which get the call node: `call` is an N_CALL (`help dot`,
 * `del(X)`), an N_NAME (a bare `vars`) or an N_RAWCMD.
 * builtin_cmd_nargs: the number of arguments (0 for a bare name).
 * builtin_cmd_arg: argument i (borrowed), NULL when out of range.
 * builtin_cmd_word: an argument written as a word: the name of an N_NAME,
 * the text of an N_STR, the source text of a dotted name (np.dot); NULL for
 * anything else. */
int builtin_cmd_nargs(const Node *call);
const Node *builtin_cmd_arg(const Node *call, int i);
const char *builtin_cmd_word(const Node *arg);

#endif
