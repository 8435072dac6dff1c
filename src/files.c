/* files.c - load, pickle_load and save: the book's weights and other
 * arrays from .pkl, .npy and idx files, read as data (see files.h). */
#include "files.h"
#include "sbuf.h"

#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data.h"
#include "idx.h"
#include "npy.h"
#include "parse.h"
#include "pkl.h"

char *files_resolve_path(Interp *in, const char *path, char *buf, size_t n) {
    const char *dir = interp_data_dir(in);
    snprintf(buf, n, "%s", path);
    if (data_file_exists(path) || strchr(path, '/') || !dir || !*dir) return buf;
    char alt[4096];
    if ((size_t)snprintf(alt, sizeof alt, "%s/%s", dir, path) < sizeof alt && data_file_exists(alt))
        snprintf(buf, n, "%s", alt);
    return buf;
}

/* Sort order of a pickle's names for the table: by the number at the end,
 * then by name, so the book's weights read W1 b1 W2 b2 W3 b3. */
static long trailing_number(const char *s) {
    size_t n = strlen(s), i = n;
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        i--;
    return i < n ? strtol(s + i, NULL, 10) : -1;
}

/* Does name x come before name y in the table? */
static bool name_before(const char *x, const char *y) {
    long nx = trailing_number(x), ny = trailing_number(y);
    if (nx != ny) return nx < ny;
    return strcmp(x, y) < 0;
}

typedef enum FileKind { FK_NPY, FK_PKL, FK_IDX } FileKind;

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* What kind of file `path` is, from its first bytes, else its name. */
static bool sniff(const char *path, FileKind *k, Err *e) {
    FILE *f = fio_fopen_read(path, e); /* a FIFO is refused, never waited on */
    if (!f) return false;
    unsigned char m[6] = {0};
    size_t got = fread(m, 1, sizeof m, f);
    fclose(f);
    if (got >= 6 && memcmp(m, "\x93NUMPY", 6) == 0)
        *k = FK_NPY;
    else if (got >= 2 && m[0] == 0x80)
        *k = FK_PKL;
    else if (ends_with(path, ".pkl") || ends_with(path, ".pickle"))
        *k = FK_PKL;
    else if (ends_with(path, ".npy"))
        *k = FK_NPY;
    else
        *k = FK_IDX;
    return true;
}

/* A dict value of the pickle's arrays (taken out of d). */
static Value *dict_value(PklDict *d, Err *e) {
    if (d->n == 1 && d->names[0][0] == '\0') {
        Value *v = val_array(d->arrays[0]);
        d->arrays[0] = NULL;
        return v ? v : err_set(e, ERR_MEMORY, "out of memory");
    }
    Value *dict = val_dict_new();
    if (!dict) return err_set(e, ERR_MEMORY, "out of memory");
    for (int i = 0; i < d->n; i++) {
        Value *v = val_array(d->arrays[i]);
        d->arrays[i] = NULL;
        if (!v || !val_dict_put(dict, d->names[i], v)) {
            val_free(dict);
            return err_set(e, ERR_MEMORY, "out of memory");
        }
    }
    return dict;
}

static bool is_identifier(const char *s) {
    if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return false;
    for (s++; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

/* Can `key` become a variable? It must read as a plain name (no keyword, no
 * command word) and must not hide a built-in (np, print, sigmoid ...).
 * Returns NULL when it can, else why not. */
static const char *key_problem(Interp *in, const char *key) {
    if (!is_identifier(key)) return "is not a name";
    if (strcmp(key, "np") == 0 || strcmp(key, "numpy") == 0 || reg_find(interp_registry(in), key))
        return "would hide a built-in";
    Node **st = NULL;
    Err pe;
    err_clear(&pe);
    int n = interp_parse(in, key, 1, &st, &pe);
    bool name = n == 1 && st[0]->kind == N_EXPR && st[0]->kids[0]->kind == N_NAME;
    for (int i = 0; i < n; i++)
        node_free(st[i]);
    free(st);
    return name ? NULL : "is a keyword";
}

/* Refuse the whole load when a key cannot become a variable, naming every
 * such key (at most a few) and saying how to read the file instead. */
static bool check_keys(Interp *in, const char *shown, const PklDict *d, Err *e) {
    char bad[512] = "";
    int nbad = 0;
    for (int i = 0; i < d->n; i++) {
        const char *why = key_problem(in, d->names[i]);
        if (!why) continue;
        size_t l = strlen(bad);
        if (nbad < 4)
            snprintf(bad + l, sizeof bad - l, "%s'%.40s' %s", nbad ? ", " : "", d->names[i], why);
        else if (nbad == 4)
            snprintf(bad + l, sizeof bad - l, ", ...");
        nbad++;
    }
    if (nbad == 0) return true;
    err_set(e, ERR_VALUE,
            "%s holds %s that cannot become variables (%s), so nothing was loaded; read it into a "
            "dict instead: network = load(\"%s\")",
            shown, nbad == 1 ? "a key" : "keys", bad, shown);
    return false;
}

/* `load "f.pkl"` in command form: every array becomes a variable. `shown`
 * is the file name as the learner typed it. */
static Value *define_pickle(Interp *in, const char *shown, const char *path, PklDict *d, Err *e) {
    if (d->n == 1 && d->names[0][0] == '\0') return dict_value(d, e); /* a lone array */
    if (!check_keys(in, shown, d, e)) return NULL;
    int *order = malloc((size_t)(d->n ? d->n : 1) * sizeof *order);
    const char **names = malloc((size_t)(d->n ? d->n : 1) * sizeof *names);
    const Array **arrs = malloc((size_t)(d->n ? d->n : 1) * sizeof *arrs);
    if (!order || !names || !arrs) {
        free(order);
        free(names);
        free(arrs);
        return err_set(e, ERR_MEMORY, "out of memory");
    }
    for (int i = 0; i < d->n; i++) { /* insertion sort: a pickle holds a few arrays */
        int j = i;
        for (; j > 0 && name_before(d->names[i], d->names[order[j - 1]]); j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    for (int i = 0; i < d->n; i++) {
        names[i] = d->names[order[i]];
        arrs[i] = d->arrays[order[i]];
    }
    FILE *f = interp_out(in);
    /* the note on a line of its own: a data folder's path may be long */
    fprintf(f, "%s: %d array%s\n  (read as data: nothing in the file was run)\n", path, d->n,
            d->n == 1 ? "" : "s");
    data_print_table(f, d->n, names, arrs);
    free(order);
    free(arrs);
    free(names);
    Vars *vs = interp_vars(in);
    for (int i = 0; i < d->n; i++) {
        Value *v = val_array(d->arrays[i]);
        d->arrays[i] = NULL;
        if (!v || !vars_set(vs, d->names[i], v))
            return err_set(e, ERR_MEMORY, "load: out of memory");
    }
    return NULL;
}

/* Read `path` (already resolved) whatever its kind. `define` asks for the
 * command form's variables (pickles only). */
static Value *load_file(Interp *in, const char *shown, const char *path, bool define,
                        bool pickle_only, Err *e) {
    FileKind k;
    if (!sniff(path, &k, e)) return NULL;
    if (pickle_only) k = FK_PKL;
    if (k == FK_NPY) {
        Array *a = npy_load(path, e);
        return a ? val_array(a) : NULL;
    }
    if (k == FK_IDX) {
        Array *a = idx_load(path, e);
        return a ? val_array(a) : NULL;
    }
    PklDict d;
    if (pkl_load(path, &d, e) != 0) return NULL;
    Value *v = define ? define_pickle(in, shown, path, &d, e) : dict_value(&d, e);
    pkl_dict_free(&d);
    return v;
}

Value *files_load_dict(Interp *in, const char *name, Err *e) {
    char path[4096];
    files_resolve_path(in, name, path, sizeof path);
    return load_file(in, name, path, false, true, e);
}

static Value *load_common(Interp *in, const Node *call, const char *cmd, bool pickle_only, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, cmd, &ca, e)) return NULL;
    if (!data_check_kw(&ca, cmd, pickle_only ? "" : "allow_pickle", e)) return NULL;
    if (ca.n != 1)
        return err_set_at(e, ERR_TYPE, call->span,
                          "%s needs one file name in quotes, e.g. %s \"sample_weight.pkl\"", cmd,
                          cmd);
    char *name = data_eval_string(in, ca.pos[0], "the file name", e);
    if (!name) return NULL;
    char path[4096];
    files_resolve_path(in, name, path, sizeof path);
    Value *v = load_file(in, name, path, call->cmdform && !pickle_only, pickle_only, e);
    free(name);
    if (!v && e->kind != ERR_NONE && e->span.line == 0) e->span = ca.pos[0]->span;
    return v;
}

Value *files_cmd_load(Interp *in, const Node *call, Err *e) {
    return load_common(in, call, "load", false, e);
}

Value *files_cmd_pickle_load(Interp *in, const Node *call, Err *e) {
    return load_common(in, call, "pickle_load", true, e);
}

/* `save NAME "file.npy"`, `save NAME` (to NAME.npy) and np.save("file.npy", x). */
Value *files_cmd_save(Interp *in, const Node *call, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, "save", &ca, e)) return NULL;
    if (!data_check_kw(&ca, "save", "", e)) return NULL;
    if (ca.n < 1 || ca.n > 2)
        return err_set_at(e, ERR_TYPE, call->span,
                          "save needs a variable and a file name: save W1 \"w1.npy\" (or "
                          "np.save(\"w1.npy\", W1))");
    const Node *what = ca.pos[0], *file = ca.n > 1 ? ca.pos[1] : NULL;
    char *path = NULL;
    Value *own = NULL;
    const Value *v = NULL;
    char label[ERR_NAME_LEN] = "";
    if (what->kind == N_NAME && vars_get(interp_vars(in), what->str)) {
        v = vars_get(interp_vars(in), what->str); /* borrowed: no copy of a big array */
        snprintf(label, sizeof label, "%s", what->str);
    } else {
        own = interp_eval(in, what, e);
        if (!own) return NULL;
        if (own->kind == V_STR && file) {
            /* np.save(file, x): the other order */
            const Node *t = what;
            what = file;
            file = t;
            path = strdup(own->str);
            val_free(own);
            own = NULL;
            if (!path) return err_set(e, ERR_MEMORY, "out of memory");
            if (what->kind == N_NAME && vars_get(interp_vars(in), what->str)) {
                v = vars_get(interp_vars(in), what->str);
                snprintf(label, sizeof label, "%s", what->str);
            } else {
                own = interp_eval(in, what, e);
                if (!own) {
                    free(path);
                    return NULL;
                }
            }
        }
        if (own) v = own;
    }
    if (v->kind != V_ARRAY) {
        err_set_at(e, ERR_TYPE, what->span, "save writes one array to a .npy file; %s is a %s",
                   what->text ? what->text : "this", val_kind_name(v->kind));
        goto out;
    }
    if (!path) {
        if (file) {
            path = data_eval_string(in, file, "the file name", e);
            if (!path) goto out;
        } else if (label[0]) {
            path = malloc(strlen(label) + 5);
            if (!path) {
                err_set(e, ERR_MEMORY, "out of memory");
                goto out;
            }
            sprintf(path, "%s.npy", label);
        } else {
            err_set_at(e, ERR_TYPE, call->span, "save needs a file name: save x \"x.npy\"");
            goto out;
        }
    }
    if (!ends_with(path, ".npy")) {
        /* np.save adds the extension when it is missing */
        char *p2 = malloc(strlen(path) + 5);
        if (!p2) {
            err_set(e, ERR_MEMORY, "out of memory");
            goto out;
        }
        sprintf(p2, "%s.npy", path);
        free(path);
        path = p2;
    }
    if (npy_save(path, v->arr, e) == 0 && call->cmdform) {
        char sh[64];
        struct stat st;
        long long bytes = stat(path, &st) == 0 ? (long long)st.st_size : 0;
        fprintf(interp_out(in), "saved %s %s %s to %s (%lld bytes, NumPy's .npy format)\n",
                label[0] ? label : "the array", shape_str(sh, v->arr->ndim, v->arr->shape),
                dtype_name(v->arr->dtype), path, bytes);
    }
out:
    free(path);
    val_free(own);
    return NULL;
}

/* --- open() and pickle.load(f): the book's way to read the weights ------------- */

Value *files_fn_open(Interp *in, const CallArgs *a, Err *e) {
    const Value *name = a->v[0];
    const Value *mode = a->n > 1 ? a->v[1] : builtin_kw(a, "mode");
    if (name->kind != V_STR)
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0), "open() takes a file name");
    if (mode && (mode->kind != V_STR || strpbrk(mode->str, "wax+")))
        return err_set_at(e, ERR_VALUE, a->call->span,
                          "nnsh opens files for reading only (mode 'rb' or 'r')");
    char path[4096];
    files_resolve_path(in, name->str, path, sizeof path);
    if (!data_file_exists(path))
        return err_set_at(e, ERR_NAME, builtin_arg_span(a, 0),
                          "no file '%s' here or in the data folder (FileNotFoundError)", name->str);
    if (strcmp(path, name->str) != 0 && interp_echo(in))
        fprintf(interp_out(in), "note: %s is not in this folder; reading the data folder's\n  %s\n",
                name->str, path);
    Value *f = val_str(path);
    if (!f) return err_set(e, ERR_MEMORY, "out of memory");
    f->kind = V_FILE;
    return f;
}

Value *files_fn_pickle_load(Interp *in, const CallArgs *a, Err *e) {
    const Value *f = a->v[0];
    if (f->kind != V_FILE)
        return err_set_at(e, ERR_TYPE, builtin_arg_span(a, 0),
                          "pickle.load takes a file from open(), as in "
                          "with open(\"sample_weight.pkl\", 'rb') as f");
    return files_load_dict(in, f->str, e);
}

/* --- the table ------------------------------------------------------------------ */

const Builtin files_builtins[] = {
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
    {NULL},
};
