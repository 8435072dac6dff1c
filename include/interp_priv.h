/* interp_priv.h - the layout of a session, private to the evaluator
 * (eval.c and interp.c). Everything else goes through interp.h. */
#ifndef NNSH_INTERP_PRIV_H
#define NNSH_INTERP_PRIV_H

#include "eval.h"

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
    /* modules imported: alias -> module (modules.h) */
    int nmods;
    struct {
        char *alias;
        const struct ModuleDef *mod;
    } *mods;
    /* extension slots of other modules (interp_slot) */
    int nslots;
    struct {
        const InterpSlotKey *key;
        void *data;
    } *slots;
};

#endif
