/* commands.c - the shell's own commands: help, vars, del, clear, echo,
 * undo, history, example, quit. Commands get their arguments unevaluated (see
 * registry.h) and are statements, never values. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "interp.h"
#include "modules.h"
#include "sbuf.h"
#include "shapefix.h"
#include "undo.h"

/* Print `label` and `text` word-wrapped to 78 columns, continuation lines
 * indented under the text. */
static void help_field(FILE *out, const char *label, const char *text) {
    int indent = fprintf(out, "  %s", label), col = indent;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        int w = (int)strcspn(p, " ");
        if (w == 0) break;
        if (col > indent && col + 1 + w > 78) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        }
        col += fprintf(out, "%s%.*s", col > indent ? " " : "", w, p);
        p += w;
    }
    fputc('\n', out);
}

/* help: the overview, or one entry per argument. */
static void help_entry(FILE *out, const Builtin *b) {
    fprintf(out, "%s    [%s]\n", b->sig ? b->sig : b->name, b->group);
    if (b->summary) help_field(out, "", b->summary);
    if (b->numpy) help_field(out, "NumPy:    ", b->numpy);
    if (b->shapes) help_field(out, "shapes:   ", b->shapes);
    if (b->example) help_field(out, "example:  ", b->example);
}

static void help_overview(const Registry *reg, FILE *out) {
    fputs("Built-ins by group (NumPy's also work as np.NAME, and f(a, b) can be typed\n"
          "as the command f a b). Type help NAME for one of them.\n",
          out);
    const char *done[32];
    int ndone = 0;
    for (int i = 0; i < reg_count(reg); i++) {
        const char *g = reg_at(reg, i)->group;
        bool seen = false;
        for (int k = 0; k < ndone; k++)
            seen |= strcmp(done[k], g) == 0;
        if (seen || ndone == 32) continue;
        done[ndone++] = g;
        int col = fprintf(out, "  %-11s", g);
        for (int j = i; j < reg_count(reg); j++) {
            const Builtin *b = reg_at(reg, j);
            /* list a name once even when a later table repeats it */
            if (strcmp(b->group, g) != 0 ||
                (reg_find(reg, b->name) != b && reg_find_member(reg, b->name) != b))
                continue;
            int w = (int)strlen(b->name) + 1;
            if (col + w > 78) {
                fprintf(out, "\n%13s", "");
                col = 13;
            }
            col += fprintf(out, " %s", b->name);
        }
        fputc('\n', out);
    }
    fputs("  syntax      help .T   help @   help + (arithmetic)   help slicing\n"
          "              help broadcasting\n",
          out);
}

/* Syntax that is no function: help .T, help @, help slicing ... */
static const struct {
    const char *names; /* the words that ask for it, space separated */
    const char *text;
} kTopics[] = {
    {".T T transpose", ".T  (x.T)\n"
                       "  The transpose: rows become columns. A (2, 3) matrix gives (3, 2); a 1-D\n"
                       "  array is its own transpose, so x.T does not turn (3,) into a column.\n"
                       "  example:  W1.T.shape\n"},
    {"@ matmul", "@  (a @ b)\n"
                 "  The matrix product, as np.dot(a, b) for 1-D and 2-D arrays: the last axis\n"
                 "  of a must be as long as the first axis of b. (2,) @ (2, 3) gives (3,).\n"
                 "  example:  X @ W1\n"},
    {"slicing slice : [] indexing",
     "slicing  (x[i], x[a:b], x[:, j])\n"
     "  x[i] is row i (counting from 0; x[-1] is the last). x[a:b] is rows a to\n"
     "  b-1, x[a:b:s] every s-th; a missing a or b means the start or the end.\n"
     "  With a comma each axis gets its own index: x[:, 0] is column 0. A slice\n"
     "  keeps the axis (x[0:1] is (1, n)), an integer removes it (x[0] is (n,)).\n"
     "  example:  W1[:, 0:2]\n"},
    {"+ - * / // % ** arithmetic",
     "+ - * / // % **\n"
     "  Arithmetic, element by element: W1 * 2 doubles every weight, and two\n"
     "  arrays combine element by element when their shapes broadcast (help\n"
     "  broadcasting). On plain Python numbers they are Python's: 7 // 2 is 3.\n"
     "  example:  W1 * 2 + 1\n"},
    {"broadcasting broadcast",
     "broadcasting\n"
     "  How arrays of different shapes combine in +, -, *, /: shapes are lined up\n"
     "  from the right, and an axis of length 1 (or a missing one) is stretched\n"
     "  to the other's length. (2, 3) + (3,) adds the same row to each row, as a\n"
     "  bias is added; (100, 1) + (100,) gives (100, 100), which is rarely meant.\n"
     "  example:  np.dot(X, W1) + B1\n"},
};

/* The topic asked for by word w, or NULL. */
static const char *help_topic(const char *w) {
    size_t n = strlen(w);
    for (size_t i = 0; i < sizeof kTopics / sizeof kTopics[0]; i++)
        for (const char *p = kTopics[i].names; *p;) {
            size_t l = strcspn(p, " ");
            if (l == n && strncmp(p, w, n) == 0) return kTopics[i].text;
            p += l;
            while (*p == ' ')
                p++;
        }
    return NULL;
}

bool commands_topic(int i, const char **names, const char **text) {
    if (i < 0 || (size_t)i >= sizeof kTopics / sizeof kTopics[0]) return false;
    *names = kTopics[i].names;
    *text = kTopics[i].text;
    return true;
}

static Value *cmd_help(Interp *in, const Node *call, Err *e) {
    FILE *out = interp_out(in);
    const Registry *reg = interp_registry(in);
    int n = builtin_cmd_nargs(call);
    if (n == 0) {
        help_overview(interp_registry(in), out);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        const Node *arg = builtin_cmd_arg(call, i);
        const char *w = arg->kind == N_STR ? arg->str : builtin_cmd_word(arg);
        const char *topic = w ? help_topic(w) : NULL;
        if (topic) {
            if (i) fputc('\n', out);
            fputs(topic, out);
            continue;
        }
        const Builtin *b = w ? reg_find(reg, w) : NULL;
        if (!b && w) {
            /* help randn finds random.randn */
            char buf[80];
            snprintf(buf, sizeof buf, "random.%s", w);
            b = reg_find(reg, buf);
        }
        if (!b)
            return err_set_at(e, ERR_NAME, arg->span, "no help for '%s'; type help for the list",
                              w ? w : (arg->text ? arg->text : "?"));
        if (i) fputc('\n', out);
        help_entry(out, b);
    }
    return NULL;
}

/* vars: a table of the variables, like Octave's whos. */
static Value *cmd_vars(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    FILE *out = interp_out(in);
    Vars *vs = interp_vars(in);
    int n = vars_count(vs);
    if (n == 0) {
        fputs("no variables (type example to load the chapter's network)\n", out);
        return NULL;
    }
    int wname = 4, wshape = 5;
    char buf[64];
    for (int i = 0; i < n; i++) {
        const Value *v = vars_value_at(vs, i);
        int l = (int)strlen(vars_name_at(vs, i));
        if (l > wname) wname = l;
        if (v->kind == V_ARRAY) {
            l = (int)strlen(shape_str(buf, v->arr->ndim, v->arr->shape));
            if (l > wshape) wshape = l;
        }
    }
    size_t total = 0;
    fprintf(out, "%-*s  %-*s  %-8s  %10s\n", wname, "name", wshape, "shape", "dtype", "bytes");
    for (int i = 0; i < n; i++) {
        const Value *v = vars_value_at(vs, i);
        size_t bytes = val_nbytes(v);
        total += bytes;
        bool isarr = v->kind == V_ARRAY;
        fprintf(out, "%-*s  %-*s  %-8s  %10zu\n", wname, vars_name_at(vs, i), wshape,
                isarr ? shape_str(buf, v->arr->ndim, v->arr->shape) : "-",
                isarr ? dtype_name(v->arr->dtype) : val_kind_name(v->kind), bytes);
    }
    fprintf(out, "total: %d variable%s, %zu bytes\n", n, n == 1 ? "" : "s", total);
    return NULL;
}

/* del NAME... : all names are checked before any is removed. */
static Value *cmd_del(Interp *in, const Node *call, Err *e) {
    Vars *vs = interp_vars(in);
    int n = builtin_cmd_nargs(call);
    if (n == 0)
        return err_set_at(e, ERR_TYPE, call->span, "del needs the names to delete, e.g. del X W1");
    for (int i = 0; i < n; i++) {
        const Node *arg = builtin_cmd_arg(call, i);
        if (arg->kind != N_NAME)
            return err_set_at(e, ERR_TYPE, arg->span, "del takes variable names");
        if (!vars_get(vs, arg->str))
            return err_set_at(e, ERR_NAME, arg->span, "name '%s' is not defined", arg->str);
    }
    for (int i = 0; i < n; i++)
        vars_del(vs, builtin_cmd_arg(call, i)->str);
    return NULL;
}

static Value *cmd_clear(Interp *in, const Node *call, Err *e) {
    if (builtin_cmd_nargs(call) > 0) return cmd_del(in, call, e);
    Vars *vs = interp_vars(in);
    int n = vars_count(vs);
    SBuf b = {0};
    if (interp_echo(in)) { /* say what goes, and whether undo brings it back */
        sbuf_printf(&b, "removed %d variable%s%s", n, n == 1 ? "" : "s", n ? ":" : "");
        for (int i = 0; i < n; i++)
            sbuf_printf(&b, " %s", vars_name_at(vs, i));
    }
    vars_clear(vs);
    if (interp_echo(in)) {
        char mib[32];
        if (n && undo_will_keep(in))
            sbuf_printf(&b, " (undo brings %s back)", n == 1 ? "it" : "them");
        else if (n)
            sbuf_printf(&b, " (too big for undo to bring back: it keeps %s)",
                        arr_mem_format(mib, sizeof mib, undo_budget(in)));
        char *text = sbuf_done(&b);
        if (text) shapefix_wrap(interp_out(in), "", text, 2);
        free(text);
    }
    return NULL;
}

/* undo: the variables as they were before the last statement that changed
 * them. */
static Value *cmd_undo(Interp *in, const Node *call, Err *e) {
    if (builtin_cmd_nargs(call) > 0)
        return err_set_at(e, ERR_TYPE, call->span,
                          "undo takes nothing: type undo again to go "
                          "further back");
    undo_step(in, interp_out(in), e);
    return NULL;
}

static Value *cmd_history(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    interp_print_history(in, interp_out(in));
    return NULL;
}

static Value *cmd_echo(Interp *in, const Node *call, Err *e) {
    int n = builtin_cmd_nargs(call);
    const char *w = n == 1 ? builtin_cmd_word(builtin_cmd_arg(call, 0)) : NULL;
    if (n == 0) {
        fprintf(interp_out(in), "echo is %s\n", interp_echo(in) ? "on" : "off");
        return NULL;
    }
    if (w && strcmp(w, "on") == 0)
        interp_set_echo(in, true);
    else if (w && strcmp(w, "off") == 0)
        interp_set_echo(in, false);
    else
        return err_set_at(e, ERR_VALUE, call->span, "echo takes on or off");
    return NULL;
}

/* data [DIR]: where load_mnist, evaluate and open() look for the book's
 * files; with DIR, look there from now on. */
static Value *cmd_data(Interp *in, const Node *call, Err *e) {
    int n = builtin_cmd_nargs(call);
    if (n > 1) return err_set_at(e, ERR_TYPE, call->span, "data takes one folder: data \"DIR\"");
    if (n == 1) {
        const Node *arg = builtin_cmd_arg(call, 0);
        const char *dir = arg->kind == N_STR ? arg->str : NULL;
        if (!dir || !*dir)
            return err_set_at(e, ERR_TYPE, arg->span,
                              "data takes the folder as a string: data \"../shared/mnist\"");
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            return err_set_at(e, ERR_VALUE, arg->span, "%s is not a folder", dir);
        interp_set_data_dir(in, dir);
        if (!interp_data_dir(in)) return err_set(e, ERR_MEMORY, "out of memory");
    }
    const char *dir = interp_data_dir(in);
    FILE *out = interp_out(in);
    if (!dir) {
        fputs("no data folder: start nnsh with --data DIR, or type data \"DIR\"\n", out);
        return NULL;
    }
    static const char *const kFiles[] = {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
                                         "sample_weight.pkl"};
    fprintf(out, "data folder: %s\n", dir);
    for (size_t i = 0; i < sizeof kFiles / sizeof kFiles[0]; i++) {
        char path[4200];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, kFiles[i]);
        fprintf(out, "  %-27s %s\n", kFiles[i], stat(path, &st) == 0 ? "found" : "missing");
    }
    return NULL;
}

/* modules: what `import` can bring in. */
static Value *cmd_modules(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    FILE *out = interp_out(in);
    fputs("Modules nnsh can import (any other import is refused):\n", out);
    mod_list(out);
    return NULL;
}

static Value *cmd_quit(Interp *in, const Node *call, Err *e) {
    (void)call;
    (void)e;
    interp_request_quit(in);
    return NULL;
}

static Value *cmd_example(Interp *in, const Node *call, Err *e) {
    (void)call;
    if (!interp_load_example(in, false)) err_set(e, ERR_MEMORY, "out of memory");
    return NULL;
}

#define CMD(name, sig, summary, example, f)                                                        \
    { name, "command", sig, summary, NULL, NULL, example, 0, -1, NULL, NULL, f, 0 }

const Builtin command_builtins[] = {
    CMD("help", "help [NAME]", "List the built-ins, or describe one.", "help dot", cmd_help),
    CMD("vars", "vars", "Show every variable with its shape, dtype and size in bytes.", "vars",
        cmd_vars),
    CMD("del", "del NAME...", "Delete variables.", "del A1 Z1", cmd_del),
    CMD("clear", "clear [NAME...]", "Delete all variables (or the ones named).", "clear",
        cmd_clear),
    CMD("undo", "undo",
        "Put the variables back as they were before the last statement that changed them; "
        "type it again to go further back (up to 20 statements, keeping at most 256 MiB "
        "of old values).",
        "undo", cmd_undo),
    CMD("echo", "echo on|off", "Show (or stop showing) each result after a statement.", "echo off",
        cmd_echo),
    CMD("history", "history", "Show the lines typed so far.", "history", cmd_history),
    CMD("example", "example", "Define X W1 B1 W2 B2 W3 B3, the chapter's 2-3-2-2 example network.",
        "example", cmd_example),
    CMD("modules", "modules", "List the Python modules that import brings in, and what each is.",
        "modules", cmd_modules),
    CMD("data", "data [\"DIR\"]",
        "Show the folder the MNIST files and the book's weights are read from, or change it.",
        "data", cmd_data),
    CMD("quit", "quit", "Leave nnsh.", "quit", cmd_quit),
    CMD("exit", "exit", "Leave nnsh.", "exit", cmd_quit),
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0},
};
