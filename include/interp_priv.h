/* interp_priv.h - the layout of a session, private to the evaluator
 * (eval.c, eval_ops.c, exec.c and interp.c). Everything else goes through
 * interp.h. */
#ifndef NNSH_INTERP_PRIV_H
#define NNSH_INTERP_PRIV_H

#include "eval.h"
#include "value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Frame Frame;

/* The text of one interp_run: its statements and source. */
struct Program {
    int refs;
    Node **stmts;
    int n;
    char *src, *srcname;
    int first_line;
};

/* The session. */
struct Interp {
    FILE *out, *err;
    Vars *vars;
    bool echo, color, quit;
    LineSource *input;
    char *data_dir;
    FmtOpts fmt;
    Registry *reg; /* the built-ins in force */
    TraceFn trace;
    void *trace_ctx;
    void (*history)(FILE *out);
    /* the run in progress, for commands that report errors themselves */
    const char *srcname, *src;
    int first_line;
    /* blocks and functions (exec.c) */
    Program *prog;           /* the text running now */
    struct Frame *frame;     /* the function call running, NULL at the top */
    int depth;               /* calls in progress */
    int blocks;              /* blocks entered: no echo inside them */
    bool wait;               /* interp_set_wait */
    bool run_on;             /* interp_set_run_on */
    InterpReporter reporter; /* interp_set_reporter */
    char *tb, *tb_report;    /* an error's call chain and its full report */
    char loop_note[64];      /* "during for i=37" of the loop an error left */
    int tb_repeat;           /* calls equal to the chain's head, not shown */
    char loop_now[48];       /* the innermost loop's "i=37", while tracing */
    /* modules imported: alias -> module (modules.h) */
    int nmods;
    struct {
        char *alias;
        const struct ModuleDef *mod;
    } * mods;
    /* extension slots of other modules (interp_slot) */
    int nslots;
    struct {
        const InterpSlotKey *key;
        void *data;
    } * slots;
};

/* --- shared by the evaluator's files (eval.c, eval_ops.c, exec.c, interp.c) - */

/* The statement dispatchers (exec_stmt, interp_exec) run every statement of
 * every loop pass: the functions they dispatch to are kept out of line, so
 * the dispatchers themselves need no stack frame. */
#define NOINLINE __attribute__((noinline))

/* zalloc: calloc(n, size) for the evaluator's short-lived blocks. glibc's
 * calloc never takes a block from the thread cache that free() fills, so a
 * loop's every statement would reach the allocator's slow path; malloc and
 * a memset take the cached block. NULL when out of memory or n * size
 * overflows. */
static inline void *zalloc(size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = malloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

/* own: *out takes v (new, owned); false with ERR_MEMORY when v is NULL.
 * own_array: the same for a new array, wrapped in a value. */
static inline bool own(Ref *out, Value *v, Err *e) {
    if (!v) {
        if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
        return false;
    }
    out->v = out->own = v;
    return true;
}

static inline bool own_array(Ref *out, Array *a, Err *e) {
    if (!a) {
        if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "out of memory");
        return false;
    }
    return own(out, val_array(a), e);
}

/* Hold a reference to v (a variable, an item of a container): whatever a
 * called function does to the variables, v stays alive until the statement
 * drops it. */
static inline void borrow(Ref *out, const Value *v) {
    out->v = out->own = val_ref(v);
}

/* Put the caret under n unless an inner node already placed it. */
static inline bool fail_at(Err *e, const Node *n) {
    if (e->span.line == 0 && n) e->span = n->span;
    return false;
}

/* A Python int (or bool, which Python's arithmetic takes as one): true with
 * its number in *x. NumPy's integers are not Python's (their arithmetic
 * wraps and their type differs), so they are not. */
static inline bool py_int(const Value *v, int64_t *x) {
    if (v->kind != V_ARRAY || !v->arr->weak || v->arr->ndim != 0) return false;
    if (v->arr->dtype == DT_INT64)
        *x = *(const int64_t *)v->arr->data;
    else if (v->arr->dtype == DT_BOOL)
        *x = *(const uint8_t *)v->arr->data;
    else
        return false;
    return true;
}

/* scope_set_int: bind name where the code runs (as scope_set) to the
 * Python int x. When the variable already holds a Python int that nothing
 * else references, that value is overwritten in place (exec.c's
 * int_in_place, the one place that changes an int in place: a for loop's
 * counter and `s += i` cost no allocation); otherwise a new value is bound
 * with scope_set. False with ERR_MEMORY (nothing changed) when out of memory.
 * scope_update_int: name op= b (op OP_ADD, OP_SUB or OP_MUL) when name is
 * bound where scope_set writes, to a Python int, and the result fits: 1
 * when done, the same way; -1 with e set when out of memory (nothing
 * changed); 0, having changed nothing, for any other case (the caller's
 * general path then gives the overflow's error). */
bool scope_set_int(Interp *in, const char *name, int64_t x, Err *e);
int scope_update_int(Interp *in, const char *name, int op, int64_t b, Err *e);

static inline const char *kind_of(const Value *v) {
    return v->kind == V_ARRAY ? "array" : val_kind_name(v->kind);
}

/* The evaluator's parts in eval_ops.c (see there): the operator nodes, and
 * Python's == between plain values for `in` and list.index. */
bool eval_binop_node(Interp *in, const Node *n, Ref *out, Err *e);
bool eval_unary_node(Interp *in, const Node *n, Ref *out, Err *e);
bool eval_boolop_node(Interp *in, const Node *n, Ref *out, Err *e);
bool eval_ifexp_node(Interp *in, const Node *n, Ref *out, Err *e);
bool eval_same_plain(const Value *a, const Value *b);

#endif
