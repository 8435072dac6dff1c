/* interp_priv.h - the layout of a session, private to the evaluator
 * (eval.c and interp.c). Everything else goes through interp.h. */
#ifndef NNSH_INTERP_PRIV_H
#define NNSH_INTERP_PRIV_H

#include "eval.h"

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

#endif
