/* data.c - the table of the chapter's data commands and the argument
 * helpers they share (see data.h). */
#include "data.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "evaluate.h"
#include "files.h"
#include "mnist.h"

/* ---- argument helpers ------------------------------------------------------------ */

/* The call's arguments split into positional and keyword nodes. A bare
 * command name (an N_NAME) has none. */
bool data_split_args(const Node *call, const char *cmd, DataArgs *ca, Err *e) {
    memset(ca, 0, sizeof *ca);
    if (call->kind != N_CALL) return true;
    for (int i = 1; i < call->nkids; i++) {
        const Node *k = call->kids[i];
        if (k->kind == N_KWARG) {
            if (ca->nkw == DATA_MAXARGS) goto many;
            ca->kw[ca->nkw++] = k;
        } else {
            if (ca->n == DATA_MAXARGS) goto many;
            ca->pos[ca->n++] = k;
        }
    }
    return true;
many:
    err_set_at(e, ERR_TYPE, call->span, "%s: too many arguments", cmd);
    return false;
}

/* Refuse keywords other than those listed (space separated). */
bool data_check_kw(const DataArgs *ca, const char *cmd, const char *allowed, Err *e) {
    for (int i = 0; i < ca->nkw; i++) {
        const char *name = ca->kw[i]->str;
        size_t len = strlen(name);
        const char *p = allowed;
        bool ok = false;
        while (p && *p) {
            size_t w = strcspn(p, " ");
            if (w == len && strncmp(p, name, len) == 0) ok = true;
            p += w;
            while (*p == ' ')
                p++;
        }
        if (!ok) {
            if (allowed && *allowed)
                err_set_at(e, ERR_TYPE, ca->kw[i]->span,
                           "%s got an unexpected keyword '%s' (it takes: %s)", cmd, name, allowed);
            else
                err_set_at(e, ERR_TYPE, ca->kw[i]->span, "%s takes no keyword arguments", cmd);
            return false;
        }
    }
    return true;
}

const Node *data_find_kw(const DataArgs *ca, const char *name) {
    for (int i = 0; i < ca->nkw; i++)
        if (strcmp(ca->kw[i]->str, name) == 0) return ca->kw[i]->kids[0];
    return NULL;
}

/* Evaluate `n` as a Python truth value (numbers and bools). */
bool data_eval_bool(Interp *in, const Node *n, const char *what, bool *out, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return false;
    bool ok = v->kind == V_ARRAY && v->arr->size == 1;
    if (ok)
        *out = arr_get(v->arr, 0) != 0.0;
    else if (v->kind == V_NONE)
        *out = false, ok = true;
    val_free(v);
    if (!ok) err_set_at(e, ERR_TYPE, n->span, "%s must be True or False", what);
    return ok;
}

/* Evaluate `n` as a whole number. */
bool data_eval_int64(Interp *in, const Node *n, const char *what, int64_t *out, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return false;
    bool ok = v->kind == V_ARRAY && v->arr->ndim == 0 && !dtype_is_float(v->arr->dtype);
    if (ok) *out = arr_get_i64(v->arr, 0);
    val_free(v);
    if (!ok) err_set_at(e, ERR_TYPE, n->span, "%s must be a whole number", what);
    return ok;
}

/* Evaluate `n` as a string into a new malloc'd copy. */
char *data_eval_string(Interp *in, const Node *n, const char *what, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return NULL;
    char *s = v->kind == V_STR ? strdup(v->str) : NULL;
    bool wrong = v->kind != V_STR;
    val_free(v);
    if (wrong) return err_set_at(e, ERR_TYPE, n->span, "%s must be a file name in quotes", what);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    return s;
}

bool data_is_word(const Node *n, const char *w) {
    return n->kind == N_NAME && strcmp(n->str, w) == 0;
}

bool data_file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void print_table_row(FILE *f, const char *name, const Array *a, int wname, int wshape) {
    char sh[64];
    fprintf(f, "%-*s  %-*s  %s\n", wname, name, wshape, shape_str(sh, a->ndim, a->shape),
            dtype_name(a->dtype));
}

/* Print a table of name, shape and dtype for arrays names[i] / arrays[i]
 * (NULL arrays are skipped). */
void data_print_table(FILE *f, int n, const char *const *names, const Array *const *arrays) {
    int wname = 4, wshape = 5;
    char sh[64];
    for (int i = 0; i < n; i++) {
        if (!arrays[i]) continue;
        int l = (int)strlen(names[i]);
        if (l > wname) wname = l;
        l = (int)strlen(shape_str(sh, arrays[i]->ndim, arrays[i]->shape));
        if (l > wshape) wshape = l;
    }
    fprintf(f, "%-*s  %-*s  %s\n", wname, "name", wshape, "shape", "dtype");
    for (int i = 0; i < n; i++)
        if (arrays[i]) print_table_row(f, names[i], arrays[i], wname, wshape);
}

/* ---- the table ------------------------------------------------------------------------ */

const Builtin data_builtins[] = {
    {"open", "data", "open(name, mode='rb')",
     "Open a file for reading, for pickle.load(f) (with open(...) as f). A name not found here "
     "is looked for in the data folder.",
     "open(\"sample_weight.pkl\", 'rb')", NULL, "f = open(\"sample_weight.pkl\", 'rb')", 1, 2,
     "mode", files_fn_open, NULL},
    {"pickle.load", "data", "pickle.load(f)",
     "Read a pickle of arrays from an open file, safely: nothing in the file is ever run.",
     "with open(\"sample_weight.pkl\", 'rb') as f: network = pickle.load(f)", "a dict of arrays",
     "network = pickle.load(open(\"sample_weight.pkl\", 'rb'))", 1, 1, NULL, files_fn_pickle_load,
     NULL},
    {"load_mnist", "data", "load_mnist(normalize=True, flatten=True, one_hot_label=False)",
     "The MNIST data set as ((x_train, t_train), (x_test, t_test)); `load_mnist test` "
     "defines x_test and t_test.",
     "from dataset.mnist import load_mnist",
     "x (N, 784) float32 (flatten=False: (N, 1, 28, 28); normalize=False: uint8), t (N,) uint8 "
     "(one_hot_label=True: (N, 10))",
     "load_mnist test", 0, 3, "normalize flatten one_hot_label", NULL, mnist_cmd_load_mnist,
     SHAPE_NONE, true},
    {"load", "data", "load \"file\"",
     "Read a .pkl, .npy or idx file. A pickle's arrays become variables (W1 b1 W2 b2 W3 b3 for "
     "the book's sample_weight.pkl); a key that is no name or would hide a built-in (np, print) "
     "refuses the whole load. This is a data reader, not Python: it never runs code from the "
     "file, so unlike Python's pickle it is safe on untrusted files.",
     "pickle.load(f) / np.load(\"file.npy\")",
     "a .npy or idx file gives its array; load(\"f.pkl\") gives a dict",
     "load \"sample_weight.pkl\"", 1, 1, "allow_pickle", NULL, files_cmd_load, SHAPE_NONE, true},
    {"pickle_load", "data", "pickle_load(\"file.pkl\")",
     "Read a pickled dict of arrays into a dict, safely: nothing in the file is ever run.",
     "with open(\"sample_weight.pkl\", \"rb\") as f: network = pickle.load(f)",
     "a dict of arrays: network['W1'] is (784, 50)", "network = pickle_load(\"sample_weight.pkl\")",
     1, 1, NULL, NULL, files_cmd_pickle_load, SHAPE_NONE, true},
    {"save", "data", "save NAME \"file.npy\"",
     "Write an array to a .npy file that NumPy's np.load reads.", "np.save(\"file.npy\", x)",
     "any array", "save W1 \"w1.npy\"", 1, 2, NULL, NULL, files_cmd_save},
    {"evaluate", "data", "evaluate [batch=N | both]",
     "Run the network (`net` shows which) on every image of x_test and print the accuracy as "
     "the book does, "
     "with the time: one image at a time, or in batches (batch=100).",
     "for i in range(len(x)): y = predict(network, x[i]); p = np.argmax(y) ...",
     "(100, 784) -> (100, 50) -> (100, 100) -> (100, 10) -> argmax(axis=1)", "evaluate batch=100",
     0, 1, "batch batch_size", NULL, evaluate_cmd_evaluate},
    {"confusion", "data", "confusion",
     "The 10x10 confusion matrix of the last evaluate (rows: true digit), with each digit's "
     "accuracy.",
     "np.add.at(m, (t_test, p), 1)", "(10, 10)", "confusion", 0, 0, NULL, NULL,
     evaluate_cmd_confusion},
    {"misses", "data", "misses [N]",
     "The images the last evaluate got wrong: index, label, prediction and confidence.",
     "np.nonzero(p != t_test)[0]", "-", "misses 10", 0, 1, NULL, NULL, evaluate_cmd_misses},
    {"timing", "data", "timing on|off",
     "Show or hide evaluate's timing lines (off gives output that never varies).", "-", "-",
     "timing off", 0, 1, NULL, NULL, evaluate_cmd_timing},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
