/* builtins.h - the table of built-in functions and shell commands. One
 * entry defines a built-in completely: the code that runs and the words that
 * `help` prints, so help never disagrees with the code.
 *
 * Two kinds of entry:
 *  - functions (fn != NULL): arguments are evaluated first; `sigmoid(A1)` and
 *    `sigmoid A1` are the same call.
 *  - commands (cmd != NULL): get the call's argument nodes unevaluated, so
 *    `help dot`, `del X`, `trace on`, `load "f.pkl"` see words and strings.
 * Modules add entries by defining a table ending in a {NULL} entry and
 * listing it in builtins.c (core, trace, data ...).
 */
#ifndef NNSH_BUILTINS_H
#define NNSH_BUILTINS_H

#include "interp.h"

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
 * "nothing to show"); `args` are the argument nodes of the call. */
typedef Value *(*CommandFn)(Interp *in, const Node *call, Err *e);

typedef struct Builtin {
    const char *name;     /* "sigmoid", "random.randn", "help" */
    const char *group;    /* help's heading: "activation", "array", ... */
    const char *sig;      /* "sigmoid(x)" */
    const char *summary;  /* one line */
    const char *numpy;    /* NumPy/book equivalent: "1 / (1 + np.exp(-x))" */
    const char *shapes;   /* shape rule: "x (any) -> same shape" */
    const char *example;  /* a line to type */
    int minargs, maxargs; /* positional; maxargs -1: any */
    const char *kwargs;   /* accepted keywords, space separated, or NULL */
    BuiltinFn fn;
    CommandFn cmd;
} Builtin;

/* The tables. Each module that adds built-ins defines one (ending with a
 * {NULL} entry) and lists it in builtins.c's kTables. */
extern const Builtin core_builtins[];

/* builtin_find: the entry for `name` (with any "np." / "numpy." prefix
 * removed), or NULL. When two tables define a name, the one listed first in
 * builtins.c wins. */
const Builtin *builtin_find(const char *name);
/* builtin_count / builtin_at: iterate over every entry (for help and
 * completion). */
int builtin_count(void);
const Builtin *builtin_at(int i);
/* builtin_kw: the keyword argument `name` of a call, or NULL. */
const Value *builtin_kw(const CallArgs *a, const char *name);

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
