/* interp.h - an nnsh session: variables, settings, and the evaluator that
 * runs parsed statements. It never touches the terminal: it reads extra
 * input (for `step`) through an injected LineSource and writes to FILE*s, so
 * tests drive it directly.
 *
 * Statement atomicity: a statement is evaluated completely into new values
 * before any variable is bound, so a statement that fails changes nothing.
 */
#ifndef NNSH_INTERP_H
#define NNSH_INTERP_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "fmt.h"
#include "registry.h"
#include "intr.h"
#include "value.h"
#include "vars.h"

/* A source of input lines: get() returns a malloc'd line without its newline
 * (caller frees) or NULL at end of input. `prompt` is shown only by sources
 * attached to a terminal. */
typedef struct LineSource {
    char *(*get)(void *ctx, const char *prompt);
    void *ctx;
    bool interactive; /* a person is typing: prompts, stepping waits */
} LineSource;

/* --- trace hook ---------------------------------------------------------
 * When a hook is installed the evaluator reports every operation, innermost
 * first, after computing it. With no hook the cost is one NULL test per
 * operation. The event and everything it points to are borrowed for the
 * call only. */
typedef struct TraceEvent {
    const char *op;   /* "dot", "matmul", "add", "sigmoid", "index",
                         "T", "reshape", "sum", "assign", ... */
    const Node *node; /* the expression (or statement) node */
    int nargs;        /* 0..2 array operands */
    const Array *args[2];
    const char *argtext[2]; /* source text of each operand ("X", "W1") */
    const Array *result;    /* NULL for an assign of a non-array */
    const char *target;     /* "assign": the variable name */
    const char *where;      /* inside a function or loop: "forward:3 i=2"
                               (function:line within it, the loop's name
                               and value), else NULL */
    int depth;              /* user-function calls in progress (0 at the top) */
} TraceEvent;
typedef void (*TraceFn)(void *ctx, const TraceEvent *ev);

/* interp_tracing: a trace hook is installed (callers test it before they
 * build an event). interp_trace_event: report one operation to the hook;
 * nothing happens when none is installed. */
bool interp_tracing(const Interp *in);
void interp_trace_event(Interp *in, const TraceEvent *ev);

typedef enum RunStatus { RUN_OK = 0, RUN_ERROR = 1, RUN_INCOMPLETE = 2, RUN_QUIT = 3 } RunStatus;

/* interp_new: a session writing results to `out` and errors to `err`
 * (the same stream is fine). Returns NULL when out of memory. */
Interp *interp_new(FILE *out, FILE *err);
void interp_free(Interp *in);

/* interp_run: parse and run `src` (one line, or several for a script) named
 * `srcname` ("<stdin>", "lesson1.nns") whose first line is `first_line`.
 * Each statement that fails prints one error (with caret) to err and stops
 * the run; RUN_INCOMPLETE means the text ended inside brackets and nothing
 * was run (the REPL then reads a continuation line). RUN_QUIT after
 * quit/exit. */
RunStatus interp_run(Interp *in, const char *src, const char *srcname, int first_line);

/* interp_set_reporter: how errors are printed (interp_report): fn gets the
 * error, the run's source (padded so line numbers count from 1) and its
 * name. NULL: the plain message and caret (shape errors explained). The
 * evaluator names no library; init.c installs the fullest one. */
typedef void (*InterpReporter)(Interp *in, FILE *out, const Err *e, const char *srcname,
                               const char *src, bool color);
void interp_set_reporter(Interp *in, InterpReporter fn);
InterpReporter interp_reporter(const Interp *in); /* the one set (NULL: plain) */

/* interp_set_wait: whether the text of the next interp_run may go on in
 * lines still to come (the REPL reading a script or typed lines): then a
 * block (def, for, if ...) that reaches the end of the text makes the run
 * RUN_INCOMPLETE instead of ending there. Off by default (-c text, lessons). */
void interp_set_wait(Interp *in, bool wait);
bool interp_wait(const Interp *in);

/* interp_set_run_on: whether interp_run goes on with the statements after
 * one that failed (a script run with --keep-going), instead of stopping
 * there and saying how many lines were not run. Off by default. */
void interp_set_run_on(Interp *in, bool on);

/* interp_parse: parse_program_names (parse.h) with the session's commands,
 * so a command anywhere but at the head of a statement is a syntax error.
 * For modules that parse text and run it with interp_exec. */
int interp_parse(Interp *in, const char *src, int first_line, Node ***out, Err *e);

/* interp_eval: evaluate one expression node into a new value (caller owns);
 * NULL with e set on failure. For commands implemented in other modules. */
Value *interp_eval(Interp *in, const Node *expr, Err *e);

/* interp_eval_ref: like interp_eval, but a bare variable (or an item of
 * one, network['W1']) is borrowed instead of copied, so commands can read a
 * 31 MB x_test for free. Returns the value to read and sets *own to what the
 * caller must release with val_free() (NULL when the value is borrowed; a
 * borrowed value stays valid until the variables change). NULL with e set
 * on failure (*own is then NULL). */
const Value *interp_eval_ref(Interp *in, const Node *expr, Value **own, Err *e);

/* Settings and accessors, for the REPL and the command modules. */
Registry *interp_registry(Interp *in); /* the session's built-ins */
void interp_request_quit(Interp *in);  /* interp_run returns RUN_QUIT */
/* interp_print_history: the REPL's history on out ("no history" without). */
void interp_print_history(Interp *in, FILE *out);
FILE *interp_out(Interp *in);
FILE *interp_errf(Interp *in);
Vars *interp_vars(Interp *in);
void interp_set_echo(Interp *in, bool on);
bool interp_echo(const Interp *in);
void interp_set_color(Interp *in, bool on); /* ANSI colour in output */
bool interp_color(const Interp *in);
void interp_set_input(Interp *in, LineSource *src); /* borrowed */
LineSource *interp_input(Interp *in);
void interp_set_data_dir(Interp *in, const char *dir); /* copied; NULL ok */
const char *interp_data_dir(const Interp *in);
const FmtOpts *interp_fmt(const Interp *in);
void interp_set_trace(Interp *in, TraceFn fn, void *ctx); /* fn NULL: off */
/* interp_set_history: the REPL's history, for the `history` command: a
 * callback that prints it to `out` (NULL: "no history"). */
void interp_set_history(Interp *in, void (*print)(FILE *out));

/* --- per-session state of other modules -------------------------------------
 * A module that keeps state for a session (the lesson in progress, the trace
 * settings, the network's chosen activations, the figure being drawn) keeps
 * it in an extension slot of the session, never in a static table, so it is
 * created and freed with the session as Lua keeps everything in lua_State.
 * The key is the address of a static const InterpSlotKey in the module:
 *
 *     static void state_free(void *p) { ... }
 *     static const InterpSlotKey kKey = {"trace", state_free};
 *     TraceState *st = interp_slot(in, &kKey);
 *     if (!st && (st = calloc(1, sizeof *st))) interp_set_slot(in, &kKey, st);
 */
typedef struct InterpSlotKey {
    const char *name;         /* for debugging */
    void (*free)(void *data); /* called by interp_free (NULL: free()) */
} InterpSlotKey;

/* interp_slot: the data stored under key, or NULL when none was set. */
void *interp_slot(Interp *in, const InterpSlotKey *key);
/* interp_set_slot: store data under key (the session owns it from now on and
 * frees it with key->free in interp_free); an older value under the same key
 * is freed first. data NULL removes the slot. Returns false when out of
 * memory (data is then freed). */
bool interp_set_slot(Interp *in, const InterpSlotKey *key, void *data);

/* interp_load_example: define X W1 B1 W2 B2 W3 B3 of the chapter's 2-3-2-2
 * network, saying so on out (quietly when `quiet`). */
bool interp_load_example(Interp *in, bool quiet);

/* interp_print_value: print a value on out the way an expression statement
 * echoes it (arrays as print() shows them, strings quoted, None as nothing),
 * followed by a newline unless nothing was printed. */
void interp_print_value(Interp *in, const Value *v);

/* interp_exec: run one parsed statement (as interp_run does for each):
 * assignment with echo, expression with echo, command. Returns false with e
 * set (nothing printed, no variable changed) when it fails. For commands
 * such as `step` that run a statement themselves. */
bool interp_exec(Interp *in, const Node *stmt, Err *e);

/* interp_report: print e to the err stream with the caret, against the
 * source of the interp_run in progress (no caret outside a run). */
void interp_report(Interp *in, const Err *e);

/* interp_interrupted (defined in intr.c, declared by intr.h): set by the
 * REPL's SIGINT handler; long loops poll it and stop with ERR_INTERRUPT.
 * interp_run clears it when it starts and stops between statements when it
 * is set. */

#endif
