/* data.c - the MNIST commands of chapter 3 (see data.h): loading the data
 * set and the book's weights, saving arrays, and evaluating the network on
 * the 10,000 test images the two ways the book does.
 *
 * The evaluation does not go through the general array operations: it reads
 * x_test and the weights in place (never copying the 31 MB of images), packs
 * each float32 weight matrix once for the fast kernel, and runs each layer as
 * one matrix product (kern_gemm_f32_packed) followed by a loop that adds the
 * bias and applies the activation in the same pass. The batches are shared
 * by two threads (kern_parallel), each with its own buffers. Every value is
 * rounded to float32 at the same points as NumPy's float32 arithmetic, so the
 * predictions are the book's: 9352 of 10000 right.
 */
#include "data.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "idx.h"
#include "npy.h"
#include "ops.h"
#include "pkl.h"

/* ---- small helpers ----------------------------------------------------------- */

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The peak resident memory of the process so far, in MiB. */
static double peak_mib(void) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0) return 0.0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux reports KiB */
}

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Python's str() of a float: the shortest digits that read back the same,
 * with ".0" on whole numbers (0.9352, 1.0). */
static void py_float(char *buf, size_t n, double v) {
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    if (!strpbrk(buf, ".eEn")) strncat(buf, ".0", n - strlen(buf) - 1);
}

/* The call's arguments split into positional and keyword nodes. A bare
 * command name (an N_NAME) has none. */
#define MAXARGS 8
typedef struct CmdArgs {
    int n, nkw;
    const Node *pos[MAXARGS];
    const Node *kw[MAXARGS]; /* N_KWARG: str = name, kids[0] = value */
} CmdArgs;

static bool split_args(const Node *call, const char *cmd, CmdArgs *ca, Err *e) {
    memset(ca, 0, sizeof *ca);
    if (call->kind != N_CALL) return true;
    for (int i = 1; i < call->nkids; i++) {
        const Node *k = call->kids[i];
        if (k->kind == N_KWARG) {
            if (ca->nkw == MAXARGS) goto many;
            ca->kw[ca->nkw++] = k;
        } else {
            if (ca->n == MAXARGS) goto many;
            ca->pos[ca->n++] = k;
        }
    }
    return true;
many:
    err_set_at(e, ERR_TYPE, call->span, "%s: too many arguments", cmd);
    return false;
}

/* Refuse keywords other than those listed (space separated). */
static bool check_kw(const CmdArgs *ca, const char *cmd, const char *allowed, Err *e) {
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

static const Node *find_kw(const CmdArgs *ca, const char *name) {
    for (int i = 0; i < ca->nkw; i++)
        if (strcmp(ca->kw[i]->str, name) == 0) return ca->kw[i]->kids[0];
    return NULL;
}

/* Evaluate `n` as a Python truth value (numbers and bools). */
static bool eval_bool(Interp *in, const Node *n, const char *what, bool *out, Err *e) {
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
static bool eval_int64(Interp *in, const Node *n, const char *what, int64_t *out, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return false;
    bool ok = v->kind == V_ARRAY && v->arr->ndim == 0 && !dtype_is_float(v->arr->dtype);
    if (ok) *out = arr_get_i64(v->arr, 0);
    val_free(v);
    if (!ok) err_set_at(e, ERR_TYPE, n->span, "%s must be a whole number", what);
    return ok;
}

/* Evaluate `n` as a string into a new malloc'd copy. */
static char *eval_string(Interp *in, const Node *n, const char *what, Err *e) {
    Value *v = interp_eval(in, n, e);
    if (!v) return NULL;
    char *s = v->kind == V_STR ? strdup(v->str) : NULL;
    bool wrong = v->kind != V_STR;
    val_free(v);
    if (wrong) return err_set_at(e, ERR_TYPE, n->span, "%s must be a file name in quotes", what);
    if (!s) return err_set(e, ERR_MEMORY, "out of memory");
    return s;
}

static bool is_word(const Node *n, const char *w) {
    return n->kind == N_NAME && strcmp(n->str, w) == 0;
}

static bool is_identifier(const char *s) {
    if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return false;
    for (s++; *s; s++)
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9')))
            return false;
    return true;
}

static const Array *var_array(Interp *in, const char *name) {
    const Value *v = vars_get(interp_vars(in), name);
    return v && v->kind == V_ARRAY ? v->arr : NULL;
}

/* ---- settings ------------------------------------------------------------------ */

static bool timing_on = true;

bool data_timing(void) {
    return timing_on;
}

/* ---- paths ---------------------------------------------------------------------- */

char *data_resolve_path(Interp *in, const char *path, char *buf, size_t n) {
    const char *dir = interp_data_dir(in);
    snprintf(buf, n, "%s", path);
    if (file_exists(path) || strchr(path, '/') || !dir || !*dir) return buf;
    char alt[4096];
    if ((size_t)snprintf(alt, sizeof alt, "%s/%s", dir, path) < sizeof alt && file_exists(alt))
        snprintf(buf, n, "%s", alt);
    return buf;
}

/* The file `base` (gzip-compressed "base.gz" or plain) in `dir`; false when
 * neither exists. */
static bool find_idx(const char *dir, const char *base, char *out, size_t n) {
    snprintf(out, n, "%s/%s.gz", dir, base);
    if (file_exists(out)) return true;
    snprintf(out, n, "%s/%s", dir, base);
    return file_exists(out);
}

/* ---- load_mnist ------------------------------------------------------------------- */

typedef struct MnistOpts {
    bool normalize, flatten, one_hot;
} MnistOpts;

/* Load one part ("t10k" or "train") of MNIST. Images may be absent when
 * `images_optional` (then *x is NULL and a note is printed); labels are
 * required unless the images are absent too and `labels_optional`. */
static bool load_part(Interp *in, const char *part, const MnistOpts *o, bool images_optional,
                      Array **x, Array **t, Err *e) {
    const char *dir = interp_data_dir(in);
    if (!dir || !*dir) dir = ".";
    char ipath[4096], lpath[4096], base[64];
    *x = *t = NULL;
    snprintf(base, sizeof base, "%s-images-idx3-ubyte", part);
    bool have_images = find_idx(dir, base, ipath, sizeof ipath);
    snprintf(base, sizeof base, "%s-labels-idx1-ubyte", part);
    bool have_labels = find_idx(dir, base, lpath, sizeof lpath);
    bool test = strcmp(part, "t10k") == 0;

    if (!have_images && !images_optional) {
        err_set(e, ERR_IO,
                "the MNIST %s images (%s-images-idx3-ubyte.gz) are not in '%s': type `make mnist` "
                "in nnsh's directory to download them, or start nnsh with --data DIR",
                test ? "test" : "training", part, dir);
        return false;
    }
    if (!have_labels && (have_images || !images_optional)) {
        err_set(e, ERR_IO,
                "the MNIST %s labels (%s-labels-idx1-ubyte.gz) are not in '%s': type `make mnist` "
                "in nnsh's directory to download them, or start nnsh with --data DIR",
                test ? "test" : "training", part, dir);
        return false;
    }
    if (!have_images)
        fprintf(interp_errf(in),
                "note: the %s images (%s-images-idx3-ubyte.gz) are not in '%s', so %s is None; "
                "the chapter needs only the test set\n",
                test ? "test" : "60,000 training", part, dir, test ? "x_test" : "x_train");

    if (have_labels) {
        Array *lab = idx_load(lpath, e);
        if (!lab) return false;
        if (lab->ndim != 1) {
            char sh[64];
            err_set(e, ERR_FORMAT, "%s: labels should have one axis, found shape %s", lpath,
                    shape_str(sh, lab->ndim, lab->shape));
            arr_free(lab);
            return false;
        }
        if (o->one_hot) {
            *t = idx_one_hot(lab, 10, e);
            arr_free(lab);
            if (!*t) return false;
        } else {
            *t = lab;
        }
    }
    if (have_images) {
        /* normalized images are read straight into float32 (the fast path,
         * idx.h); they keep the file's shape (N, R, C) until reshaped below */
        Array *img = o->normalize ? idx_load_normalized(ipath, e) : idx_load(ipath, e);
        if (!img) goto fail;
        if (img->ndim != 3) {
            char sh[64];
            err_set(e, ERR_FORMAT, "%s: images should have three axes (N, rows, columns), found %s",
                    ipath, shape_str(sh, img->ndim, img->shape));
            arr_free(img);
            goto fail;
        }
        if (*t && (*t)->shape[0] != img->shape[0]) {
            err_set(e, ERR_FORMAT, "%s holds %lld images but %s holds %lld labels", ipath,
                    (long long)img->shape[0], lpath, (long long)(*t)->shape[0]);
            arr_free(img);
            goto fail;
        }
        if (o->normalize) { /* as idx_images_to_float shapes it: (N, R*C) or (N, 1, R, C) */
            int64_t rows = img->shape[1], cols = img->shape[2];
            *x = img;
            if (o->flatten) {
                img->ndim = 2;
                img->shape[1] = rows * cols;
            } else {
                img->ndim = 4;
                img->shape[1] = 1;
                img->shape[2] = rows;
                img->shape[3] = cols;
            }
        } else {
            *x = idx_images_to_float(img, o->normalize, o->flatten, e);
            arr_free(img);
        }
        if (!*x) goto fail;
    }
    return true;
fail:
    arr_free(*t);
    *t = NULL;
    return false;
}

static Value *pair(Array *x, Array *t) {
    Value *items[2] = {x ? val_array(x) : val_none(), t ? val_array(t) : val_none()};
    if (!items[0] || !items[1]) {
        val_free(items[0]);
        val_free(items[1]);
        return NULL;
    }
    return val_seq(V_TUPLE, items, 2);
}

static void print_table_row(FILE *f, const char *name, const Array *a, int wname, int wshape) {
    char sh[64];
    fprintf(f, "%-*s  %-*s  %s\n", wname, name, wshape, shape_str(sh, a->ndim, a->shape),
            dtype_name(a->dtype));
}

/* Print a table of name, shape and dtype for arrays names[i] / arrays[i]
 * (NULL arrays are skipped). */
static void print_table(FILE *f, int n, const char *const *names, const Array *const *arrays) {
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

/* load_mnist(normalize=True, flatten=True, one_hot_label=False), and
 * `load_mnist test` / `load_mnist train` in command form. */
static Value *cmd_load_mnist(Interp *in, const Node *call, Err *e) {
    CmdArgs ca;
    if (!split_args(call, "load_mnist", &ca, e)) return NULL;
    if (!check_kw(&ca, "load_mnist", "normalize flatten one_hot_label", e)) return NULL;
    MnistOpts o = {true, true, false};
    bool want_test = false, want_train = false;
    int npos = 0;
    static const char *const optnames[] = {"normalize", "flatten", "one_hot_label"};
    bool *optvals[] = {&o.normalize, &o.flatten, &o.one_hot};
    for (int i = 0; i < ca.n; i++) {
        const Node *a = ca.pos[i];
        if (call->cmdform && is_word(a, "test"))
            want_test = true;
        else if (call->cmdform && is_word(a, "train"))
            want_train = true;
        else if (call->cmdform && is_word(a, "all"))
            want_test = want_train = true;
        else if (npos < 3) {
            if (!eval_bool(in, a, optnames[npos], optvals[npos], e)) return NULL;
            npos++;
        } else {
            return err_set_at(e, ERR_TYPE, a->span,
                              "load_mnist takes at most 3 arguments (normalize, flatten, "
                              "one_hot_label), or the word test or train");
        }
    }
    for (int i = 0; i < 3; i++) {
        const Node *k = find_kw(&ca, optnames[i]);
        if (k && !eval_bool(in, k, optnames[i], optvals[i], e)) return NULL;
    }

    Array *xtr = NULL, *ttr = NULL, *xte = NULL, *tte = NULL;
    bool words = want_test || want_train;
    if (!words || want_test)
        if (!load_part(in, "t10k", &o, false, &xte, &tte, e)) return NULL;
    if (!words || want_train)
        if (!load_part(in, "train", &o, true, &xtr, &ttr, e)) {
            arr_free(xte);
            arr_free(tte);
            return NULL;
        }

    if (!words) {
        /* the book's ((x_train, t_train), (x_test, t_test)) */
        Value *items[2] = {pair(xtr, ttr), pair(xte, tte)};
        if (!items[0] || !items[1]) {
            val_free(items[0]);
            val_free(items[1]);
            return err_set(e, ERR_MEMORY, "load_mnist: out of memory");
        }
        Value *v = val_seq(V_TUPLE, items, 2);
        return v ? v : err_set(e, ERR_MEMORY, "load_mnist: out of memory");
    }

    /* command form: define the variables and say what they are */
    const char *names[4] = {"x_train", "t_train", "x_test", "t_test"};
    Array *arrs[4] = {xtr, ttr, xte, tte};
    const Array *shown[4] = {xtr, ttr, xte, tte};
    Vars *vs = interp_vars(in);
    bool ok = true;
    for (int i = 0; i < 4; i++) {
        if (!arrs[i]) continue;
        Value *v = ok ? val_array(arrs[i]) : NULL;
        if (!ok) arr_free(arrs[i]);
        if (ok && (!v || !vars_set(vs, names[i], v))) ok = false;
        if (!ok) shown[i] = NULL;
    }
    if (!ok) return err_set(e, ERR_MEMORY, "load_mnist: out of memory");
    FILE *f = interp_out(in);
    const char *dir = interp_data_dir(in);
    fprintf(f, "MNIST from %s (%s%s):\n", dir && *dir ? dir : ".",
            o.normalize ? "normalized to 0..1" : "pixels 0..255",
            o.flatten ? ", flattened" : ", as (1, 28, 28) images");
    print_table(f, 4, names, shown);
    return NULL;
}

/* ---- load, pickle_load, save ---------------------------------------------------- */

/* Sort order of a pickle's names for the table: by the number at the end,
 * then by name, so the book's weights read W1 b1 W2 b2 W3 b3. */
static long trailing_number(const char *s) {
    size_t n = strlen(s), i = n;
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
        i--;
    return i < n ? strtol(s + i, NULL, 10) : -1;
}

static const PklDict *sort_dict;
static int cmp_names(const void *a, const void *b) {
    const char *x = sort_dict->names[*(const int *)a], *y = sort_dict->names[*(const int *)b];
    long nx = trailing_number(x), ny = trailing_number(y);
    if (nx != ny) return nx < ny ? -1 : 1;
    return strcmp(x, y);
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

/* `load "f.pkl"` in command form: every array becomes a variable. */
static Value *define_pickle(Interp *in, const char *path, PklDict *d, Err *e) {
    if (d->n == 1 && d->names[0][0] == '\0') return dict_value(d, e); /* a lone array */
    for (int i = 0; i < d->n; i++)
        if (!is_identifier(d->names[i]))
            return err_set(e, ERR_VALUE,
                           "%s: the key '%s' cannot be a variable name; use "
                           "`network = pickle_load(\"%s\")` and network['%s'] instead",
                           path, d->names[i], path, d->names[i]);
    int *order = malloc((size_t)(d->n ? d->n : 1) * sizeof *order);
    const char **names = malloc((size_t)(d->n ? d->n : 1) * sizeof *names);
    const Array **arrs = malloc((size_t)(d->n ? d->n : 1) * sizeof *arrs);
    if (!order || !names || !arrs) {
        free(order);
        free(names);
        free(arrs);
        return err_set(e, ERR_MEMORY, "out of memory");
    }
    for (int i = 0; i < d->n; i++)
        order[i] = i;
    sort_dict = d;
    qsort(order, (size_t)d->n, sizeof *order, cmp_names);
    sort_dict = NULL;
    for (int i = 0; i < d->n; i++) {
        names[i] = d->names[order[i]];
        arrs[i] = d->arrays[order[i]];
    }
    FILE *f = interp_out(in);
    fprintf(f, "%s: %d array%s (read as data: nothing in the file was run)\n", path, d->n,
            d->n == 1 ? "" : "s");
    print_table(f, d->n, names, arrs);
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
static Value *load_file(Interp *in, const char *path, bool define, bool pickle_only, Err *e) {
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
    Value *v = define ? define_pickle(in, path, &d, e) : dict_value(&d, e);
    pkl_dict_free(&d);
    return v;
}

Value *data_load_dict(Interp *in, const char *name, Err *e) {
    char path[4096];
    data_resolve_path(in, name, path, sizeof path);
    return load_file(in, path, false, true, e);
}

bool data_load_test(Interp *in, Array **x, Array **t, Err *e) {
    MnistOpts o = {true, true, false};
    return load_part(in, "t10k", &o, false, x, t, e);
}

static Value *load_common(Interp *in, const Node *call, const char *cmd, bool pickle_only, Err *e) {
    CmdArgs ca;
    if (!split_args(call, cmd, &ca, e)) return NULL;
    if (!check_kw(&ca, cmd, pickle_only ? "" : "allow_pickle", e)) return NULL;
    if (ca.n != 1)
        return err_set_at(e, ERR_TYPE, call->span,
                          "%s needs one file name in quotes, e.g. %s \"sample_weight.pkl\"", cmd,
                          cmd);
    char *name = eval_string(in, ca.pos[0], "the file name", e);
    if (!name) return NULL;
    char path[4096];
    data_resolve_path(in, name, path, sizeof path);
    free(name);
    Value *v = load_file(in, path, call->cmdform && !pickle_only, pickle_only, e);
    if (!v && e->kind != ERR_NONE && e->span.line == 0) e->span = ca.pos[0]->span;
    return v;
}

static Value *cmd_load(Interp *in, const Node *call, Err *e) {
    return load_common(in, call, "load", false, e);
}

static Value *cmd_pickle_load(Interp *in, const Node *call, Err *e) {
    return load_common(in, call, "pickle_load", true, e);
}

/* `save NAME "file.npy"`, `save NAME` (to NAME.npy) and np.save("file.npy", x). */
static Value *cmd_save(Interp *in, const Node *call, Err *e) {
    CmdArgs ca;
    if (!split_args(call, "save", &ca, e)) return NULL;
    if (!check_kw(&ca, "save", "", e)) return NULL;
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
            path = eval_string(in, file, "the file name", e);
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

/* ---- the network ---------------------------------------------------------------- */

typedef struct Net {
    const Array *W[3], *b[3];
    int64_t dim[4]; /* D, H1, H2, C */
    bool f32;       /* every weight is float32 */
} Net;

static const char *const WNAMES[3] = {"W1", "W2", "W3"};
static const char *const BNAMES[3] = {"b1", "b2", "b3"};

static bool net_get(Interp *in, Net *net, char *why, size_t n) {
    char missing[64] = "";
    for (int l = 0; l < 3; l++) {
        net->W[l] = var_array(in, WNAMES[l]);
        net->b[l] = var_array(in, BNAMES[l]);
        if (!net->W[l]) strcat(strcat(missing, " "), WNAMES[l]);
        if (!net->b[l]) strcat(strcat(missing, " "), BNAMES[l]);
    }
    if (missing[0]) {
        if (why) snprintf(why, n, "the network's weights are not defined (missing:%s)", missing);
        return false;
    }
    char s1[64], s2[64];
    net->f32 = true;
    for (int l = 0; l < 3; l++) {
        const Array *W = net->W[l], *b = net->b[l];
        if (W->ndim != 2 || W->dtype == DT_BOOL) {
            if (why)
                snprintf(why, n, "%s should be a 2-D matrix of numbers, not %s %s", WNAMES[l],
                         shape_str(s1, W->ndim, W->shape), dtype_name(W->dtype));
            return false;
        }
        if (l == 0) net->dim[0] = W->shape[0];
        if (W->shape[0] != net->dim[l]) {
            if (why)
                snprintf(why, n, "%s has shape %s but the layer before gives %lld values",
                         WNAMES[l], shape_str(s1, W->ndim, W->shape), (long long)net->dim[l]);
            return false;
        }
        net->dim[l + 1] = W->shape[1];
        if (b->size != W->shape[1] || b->ndim > 2 || b->dtype == DT_BOOL) {
            if (why)
                snprintf(why, n, "%s has shape %s but %s %s needs (%lld,)", BNAMES[l],
                         shape_str(s1, b->ndim, b->shape), WNAMES[l],
                         shape_str(s2, W->ndim, W->shape), (long long)W->shape[1]);
            return false;
        }
        if (W->dtype != DT_FLOAT32 || b->dtype != DT_FLOAT32) net->f32 = false;
    }
    return true;
}

bool data_network_ready(Interp *in, char *why, size_t n) {
    Net net;
    return net_get(in, &net, why, n);
}

/* One network in the type it is computed in: float32 weights are used in
 * place (and packed once for the fast kernel); anything else is converted to
 * float64 copies once per run. Batches are shared by the two workers of
 * kern_parallel, so each worker has its own buffers for one batch. */
typedef struct NetBufs {
    void *xbuf, *h1, *h2, *y; /* xbuf: NULL when the images are read in place */
} NetBufs;

typedef struct NetRun {
    const Net *net;
    Array *conv[6]; /* owned float64 copies (f64 runs only) */
    const void *W[3], *b[3];
    KernPackedB packed[3]; /* f32 runs: W[l] packed for kern_gemm_f32_packed */
    int64_t batch;
    NetBufs buf[KERN_WORKERS];
} NetRun;

static void netrun_free(NetRun *r) {
    for (int i = 0; i < 6; i++)
        arr_free(r->conv[i]);
    for (int l = 0; l < 3; l++)
        kern_packed_free(&r->packed[l]);
    for (int w = 0; w < KERN_WORKERS; w++) {
        free(r->buf[w].xbuf);
        free(r->buf[w].h1);
        free(r->buf[w].h2);
        free(r->buf[w].y);
    }
    memset(r, 0, sizeof *r);
}

static bool netrun_init(NetRun *r, const Net *net, const Array *x, int64_t batch, Err *e) {
    memset(r, 0, sizeof *r);
    r->net = net;
    r->batch = batch;
    bool f32 = net->f32;
    size_t es = f32 ? sizeof(float) : sizeof(double);
    const int64_t *d = net->dim;
    for (int l = 0; l < 3; l++) {
        if (f32) {
            r->W[l] = net->W[l]->data;
            r->b[l] = net->b[l]->data;
            if (!kern_pack_b_f32(&r->packed[l], d[l], d[l + 1], r->W[l])) {
                err_set(e, ERR_MEMORY, "out of memory for the network's workspace");
                goto fail;
            }
        } else {
            r->conv[2 * l] = op_astype(net->W[l], DT_FLOAT64, e);
            r->conv[2 * l + 1] = op_astype(net->b[l], DT_FLOAT64, e);
            if (!r->conv[2 * l] || !r->conv[2 * l + 1]) goto fail;
            r->W[l] = r->conv[2 * l]->data;
            r->b[l] = r->conv[2 * l + 1]->data;
        }
    }
    /* images are read in place when they already have the computing type */
    bool in_place = x->dtype == (f32 ? DT_FLOAT32 : DT_FLOAT64);
    for (int w = 0; w < KERN_WORKERS; w++) {
        NetBufs *b = &r->buf[w];
        if (!in_place) b->xbuf = malloc((size_t)(batch * d[0]) * es);
        b->h1 = malloc((size_t)(batch * d[1]) * es);
        b->h2 = malloc((size_t)(batch * d[2]) * es);
        b->y = malloc((size_t)(batch * d[3]) * es);
        if ((!in_place && !b->xbuf) || !b->h1 || !b->h2 || !b->y) {
            err_set(e, ERR_MEMORY, "out of memory for the network's workspace");
            goto fail;
        }
    }
    return true;
fail:
    netrun_free(r);
    return false;
}

/* The images x[i0 .. i0+rows) as the computing type: a pointer into x, or
 * converted into the worker's buffer (uint8 pixels divided by 255 as
 * load_mnist(normalize=True) does). */
static const void *batch_input(const NetRun *r, const NetBufs *b, const Array *x, int64_t i0,
                               int64_t rows) {
    int64_t D = r->net->dim[0], n = rows * D, off = i0 * D;
    if (!b->xbuf) {
        size_t es = r->net->f32 ? sizeof(float) : sizeof(double);
        return (const char *)x->data + (size_t)off * es;
    }
    if (r->net->f32) {
        float *o = b->xbuf;
        if (x->dtype == DT_UINT8) {
            const uint8_t *u = (const uint8_t *)x->data + off;
            for (int64_t i = 0; i < n; i++)
                o[i] = (float)u[i] / 255.0f;
        } else {
            for (int64_t i = 0; i < n; i++)
                o[i] = (float)arr_get(x, off + i);
        }
    } else {
        double *o = b->xbuf;
        if (x->dtype == DT_UINT8) {
            const uint8_t *u = (const uint8_t *)x->data + off;
            for (int64_t i = 0; i < n; i++)
                o[i] = (double)((float)u[i] / 255.0f);
        } else {
            for (int64_t i = 0; i < n; i++)
                o[i] = arr_get(x, off + i);
        }
    }
    return b->xbuf;
}

/* One layer's product: out (rows, d[l+1]) = in (rows, d[l]) W[l]. */
static void layer_gemm_f32(const NetRun *r, int l, int64_t rows, const float *in, float *out) {
    kern_gemm_f32_packed(rows, in, &r->packed[l], out);
}

static void layer_gemm_f64(const NetRun *r, int l, int64_t rows, const double *in, double *out) {
    const int64_t *d = r->net->dim;
    kern_gemm_f64(rows, d[l + 1], d[l], in, r->W[l], out);
}

/* The layers, written once for float and once for double: h = act(x W + b)
 * with the bias and the activation fused into one pass over the product.
 * sigmoid is the book's 1 / (1 + exp(-a)), rounded at each step like NumPy;
 * softmax subtracts each row's maximum first and sums the exponentials in
 * NumPy's order (the first value, then the rest as NumPy's pairwise sum
 * adds up fewer than 128 values: eight partial sums, then the tail). */
/* float64 weights: the plain loop (float32 uses kern_bias_sigmoid_f32) */
static void bias_sigmoid_f64(double *h, const double *b, int64_t rows, int64_t n) {
    for (int64_t i = 0; i < rows; i++) {
        double *row = h + i * n;
        for (int64_t j = 0; j < n; j++)
            row[j] = 1.0 / (1.0 + exp(-(row[j] + b[j])));
    }
}

#define DEFINE_LAYERS(T, SFX, EXP, BIAS_SIGMOID)                                                   \
    static T rowsum_##SFX(const T *v, int64_t n) {                                                 \
        if (n <= 0) return 0;                                                                      \
        T first = v[0], rest;                                                                      \
        const T *a = v + 1;                                                                        \
        int64_t m = n - 1;                                                                         \
        if (m < 8) {                                                                               \
            rest = (T)0;                                                                           \
            for (int64_t i = 0; i < m; i++)                                                        \
                rest += a[i];                                                                      \
        } else {                                                                                   \
            T r[8];                                                                                \
            for (int q = 0; q < 8; q++)                                                            \
                r[q] = a[q];                                                                       \
            int64_t i = 8;                                                                         \
            for (; i + 8 <= m; i += 8)                                                             \
                for (int q = 0; q < 8; q++)                                                        \
                    r[q] += a[i + q];                                                              \
            rest = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));              \
            for (; i < m; i++)                                                                     \
                rest += a[i];                                                                      \
        }                                                                                          \
        return first + rest;                                                                       \
    }                                                                                              \
    /* y = softmax(y + b) row by row; the winning class and its probability */                     \
    static void bias_softmax_##SFX(T *y, const T *b, int64_t rows, int64_t n, int *pred,           \
                                   float *conf) {                                                  \
        for (int64_t i = 0; i < rows; i++) {                                                       \
            T *row = y + i * n;                                                                    \
            T mx = row[0] + b[0];                                                                  \
            for (int64_t j = 0; j < n; j++) {                                                      \
                row[j] += b[j];                                                                    \
                if (row[j] > mx) mx = row[j];                                                      \
            }                                                                                      \
            for (int64_t j = 0; j < n; j++)                                                        \
                row[j] = EXP(row[j] - mx);                                                         \
            T s = rowsum_##SFX(row, n);                                                            \
            int best = 0;                                                                          \
            for (int64_t j = 0; j < n; j++) {                                                      \
                row[j] = row[j] / s;                                                               \
                if (row[j] > row[best]) best = (int)j;                                             \
            }                                                                                      \
            if (pred) pred[i] = best;                                                              \
            if (conf) conf[i] = (float)row[best];                                                  \
        }                                                                                          \
    }                                                                                              \
    static void forward_##SFX(const NetRun *r, const NetBufs *b, const T *x, int64_t rows,         \
                              int *pred, float *conf) {                                            \
        const int64_t *d = r->net->dim;                                                            \
        T *h1 = b->h1, *h2 = b->h2, *y = b->y;                                                     \
        layer_gemm_##SFX(r, 0, rows, x, h1); /* (rows,D) x (D,H1) */                               \
        BIAS_SIGMOID(h1, r->b[0], rows, d[1]);                                                     \
        layer_gemm_##SFX(r, 1, rows, h1, h2); /* (rows,H1) x (H1,H2) */                            \
        BIAS_SIGMOID(h2, r->b[1], rows, d[2]);                                                     \
        layer_gemm_##SFX(r, 2, rows, h2, y); /* (rows,H2) x (H2,C) */                              \
        bias_softmax_##SFX(y, r->b[2], rows, d[3], pred, conf);                                    \
    }

DEFINE_LAYERS(float, f32, expf, kern_bias_sigmoid_f32)
DEFINE_LAYERS(double, f64, exp, bias_sigmoid_f64)

/* A terminal progress bar, drawn only once the run has taken half a second. */
typedef struct Progress {
    FILE *f;
    bool on, drawn;
    double t0, last;
    int64_t total;
    const char *what;
} Progress;

static void progress_update(Progress *p, int64_t done) {
    if (!p->on) return;
    double t = now_seconds();
    if (t - p->t0 < 0.5 || (p->drawn && t - p->last < 0.1)) return;
    p->last = t;
    p->drawn = true;
    int width = 30, fill = (int)(width * done / (p->total ? p->total : 1));
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(p->f, "\r%s [%s] %lld/%lld", p->what, bar, (long long)done, (long long)p->total);
    fflush(p->f);
}

static void progress_end(Progress *p) {
    if (p->drawn) {
        fprintf(p->f, "\r%*s\r", 70, "");
        fflush(p->f);
    }
}

/* The batches of images [i0, i1), as tasks for kern_parallel: task t is the
 * batch starting at i0 + t * batch. pred and conf (either may be NULL) are
 * indexed by image. With a progress bar, the calling thread (worker 0) also
 * draws it and polls for Ctrl-C between its batches; after Ctrl-C the
 * batches not yet started are skipped. */
typedef struct BatchJob {
    const NetRun *r;
    const Array *x;
    int64_t i0, i1;
    int *pred;
    float *conf;
    Progress *pg;
    atomic_bool stop;  /* Ctrl-C was seen */
    atomic_llong done; /* images finished */
} BatchJob;

static void batch_task(void *arg, int64_t t, int worker) {
    BatchJob *j = arg;
    const NetRun *r = j->r;
    if (worker == 0 && j->pg) {
        if (interp_interrupted) atomic_store(&j->stop, true);
        progress_update(j->pg, atomic_load(&j->done));
    }
    if (atomic_load(&j->stop)) return;
    const NetBufs *b = &r->buf[worker];
    int64_t i = j->i0 + t * r->batch, rows = j->i1 - i < r->batch ? j->i1 - i : r->batch;
    int *pred = j->pred ? j->pred + i : NULL;
    float *conf = j->conf ? j->conf + i : NULL;
    const void *in = batch_input(r, b, j->x, i, rows);
    if (r->net->f32)
        forward_f32(r, b, in, rows, pred, conf);
    else
        forward_f64(r, b, in, rows, pred, conf);
    atomic_fetch_add(&j->done, rows);
}

/* Predictions for images [i0, i1), batch by batch, on both workers. Returns
 * how many images were done (all of them unless Ctrl-C stopped it). */
static int64_t forward_range(const NetRun *r, const Array *x, int64_t i0, int64_t i1, int *pred,
                             float *conf, Progress *pg) {
    if (i1 <= i0) return 0;
    BatchJob j = {.r = r, .x = x, .i0 = i0, .i1 = i1, .pred = pred, .conf = conf, .pg = pg};
    atomic_init(&j.stop, false);
    atomic_init(&j.done, 0);
    kern_parallel((i1 - i0 + r->batch - 1) / r->batch, batch_task, &j);
    return atomic_load(&j.done);
}

int data_predict(Interp *in, const Array *x, int64_t count, int *pred, float *conf, Err *e) {
    Net net;
    char why[256];
    if (!net_get(in, &net, why, sizeof why)) {
        err_set(e, ERR_NAME, "%s", why);
        return -1;
    }
    if (count < 0 || x->size < count * net.dim[0] || x->dtype == DT_BOOL) {
        char sh[64];
        err_set(e, ERR_SHAPE, "the network takes images of %lld values; got %s %s",
                (long long)net.dim[0], shape_str(sh, x->ndim, x->shape), dtype_name(x->dtype));
        return -1;
    }
    NetRun r;
    int64_t batch = count < 100 ? (count > 0 ? count : 1) : 100;
    if (!netrun_init(&r, &net, x, batch, e)) return -1;
    forward_range(&r, x, 0, count, pred, conf, NULL);
    netrun_free(&r);
    return 0;
}

/* ---- evaluate ---------------------------------------------------------------------- */

/* What the last evaluation found, for `confusion` and `misses`. nnsh runs
 * one session per process, so one record suffices; it remembers the session
 * and the images it belongs to so that it is never shown for other data. */
typedef struct EvalRecord {
    const Interp *owner;
    const void *xdata; /* identity of the x_test that was evaluated */
    int64_t n;
    int *pred;
    float *conf;
    int *label;
    int64_t batch;     /* 1: one image at a time */
    double secs[2];    /* last time of [0] one at a time, [1] batched; 0: not run */
    int64_t secs_n[2]; /* over how many images */
    int64_t last_batch;
} EvalRecord;

static EvalRecord rec;

static void rec_reset(const Interp *owner) {
    free(rec.pred);
    free(rec.conf);
    free(rec.label);
    memset(&rec, 0, sizeof rec);
    rec.owner = owner;
}

/* The labels as ints: (N,) of any integer type, or one-hot (N, C). */
static int *labels_of(const Array *t, int64_t n, Err *e) {
    int *lab = malloc((size_t)(n ? n : 1) * sizeof *lab);
    if (!lab) return err_set(e, ERR_MEMORY, "out of memory");
    if (t->ndim == 2) {
        int64_t c = t->shape[1];
        for (int64_t i = 0; i < n; i++) {
            int64_t best = 0;
            for (int64_t j = 1; j < c; j++)
                if (arr_get(t, i * c + j) > arr_get(t, i * c + best)) best = j;
            lab[i] = (int)best;
        }
    } else if (t->dtype == DT_UINT8) {
        const uint8_t *u = t->data;
        for (int64_t i = 0; i < n; i++)
            lab[i] = u[i];
    } else {
        for (int64_t i = 0; i < n; i++)
            lab[i] = (int)arr_get_i64(t, i);
    }
    return lab;
}

static void print_time(Interp *in, double secs, int64_t n) {
    if (!timing_on) return;
    fprintf(interp_out(in), "time: %.3f s, %.0f images/s, peak memory %.1f MiB\n", secs,
            secs > 0 ? (double)n / secs : 0.0, peak_mib());
}

/* One full pass over the test set: batch 1 is the book's first loop (one
 * image at a time), larger batches its second. Prints the book's accuracy
 * line and the time, and keeps the predictions. */
static bool run_eval(Interp *in, const Net *net, const Array *x, const Array *t, int64_t batch,
                     Err *e) {
    int64_t n = x->shape[0];
    FILE *out = interp_out(in);
    int *pred = malloc((size_t)(n ? n : 1) * sizeof *pred);
    float *conf = malloc((size_t)(n ? n : 1) * sizeof *conf);
    int *lab = labels_of(t, n, e);
    NetRun r;
    bool ok = false;
    if (!pred || !conf || !lab) {
        if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "evaluate: out of memory");
        goto out;
    }
    if (!netrun_init(&r, net, x, batch, e)) goto out;

    const int64_t *d = net->dim;
    if (batch == 1)
        fprintf(out,
                "one image at a time, as the book's first loop: %lld images, x (%lld,) "
                "-> (%lld,) -> (%lld,) -> (%lld,) -> argmax\n",
                (long long)n, (long long)d[0], (long long)d[1], (long long)d[2], (long long)d[3]);
    else
        fprintf(out,
                "batches of %lld, as the book's batch loop: (%lld, %lld) -> (%lld, %lld) -> "
                "(%lld, %lld) -> (%lld, %lld) -> argmax(axis=1)\n",
                (long long)batch, (long long)batch, (long long)d[0], (long long)batch,
                (long long)d[1], (long long)batch, (long long)d[2], (long long)batch,
                (long long)d[3]);
    if (x->dtype == DT_UINT8)
        fprintf(out, "note: x_test holds pixels 0..255 (uint8); each is divided by 255 first, "
                     "as load_mnist(normalize=True) does\n");
    fflush(out);

    Progress pg = {
        out, isatty(fileno(out)) != 0, false, 0, 0, n, batch == 1 ? "one at a time" : "batches"};
    double t0 = now_seconds();
    pg.t0 = t0;
    int64_t correct = 0;
    /* one job for the whole test set: the two workers meet only at the end */
    int64_t done = forward_range(&r, x, 0, n, pred, conf, &pg);
    progress_update(&pg, done);
    if (done < n || interp_interrupted) {
        progress_end(&pg);
        netrun_free(&r);
        err_set(e, ERR_INTERRUPT, "evaluate stopped after %lld of %lld images", (long long)done,
                (long long)n);
        goto out;
    }
    double secs = now_seconds() - t0;
    progress_end(&pg);
    netrun_free(&r);
    for (int64_t i = 0; i < n; i++)
        correct += pred[i] == lab[i];

    char acc[64];
    py_float(acc, sizeof acc, n ? (double)correct / (double)n : 0.0);
    fprintf(out, "Accuracy:%s\n", acc);
    print_time(in, secs, n);

    /* keep the results; the timings survive while the data stays the same */
    if (rec.owner != in || rec.xdata != x->data || rec.n != n) {
        rec_reset(in);
    } else {
        free(rec.pred);
        free(rec.conf);
        free(rec.label);
    }
    rec.xdata = x->data;
    rec.n = n;
    rec.pred = pred;
    rec.conf = conf;
    rec.label = lab;
    rec.batch = batch;
    pred = NULL;
    conf = NULL;
    lab = NULL;
    int me = batch == 1 ? 0 : 1;
    rec.secs[me] = secs;
    rec.secs_n[me] = n;
    if (timing_on && rec.secs[0] > 0 && rec.secs[1] > 0 && rec.secs_n[0] == rec.secs_n[1]) {
        double speedup = rec.secs[0] / rec.secs[1];
        if (me == 1)
            fprintf(out, "time: batching is %.1fx faster than one image at a time (%.3f s)\n",
                    speedup, rec.secs[0]);
        else
            fprintf(out, "time: one image at a time is %.1fx slower than batches (%.3f s)\n",
                    speedup, rec.secs[1]);
    }
    ok = true;
out:
    free(pred);
    free(conf);
    free(lab);
    return ok;
}

/* Find x_test, t_test and the network, or say what to type. */
static bool eval_inputs(Interp *in, Net *net, const Array **x, const Array **t, Err *e) {
    *x = var_array(in, "x_test");
    *t = var_array(in, "t_test");
    char why[256] = "";
    bool have_net = net_get(in, net, why, sizeof why);
    if (!*x || !*t || !have_net) {
        char need[512] = "";
        if (!*x || !*t)
            snprintf(need, sizeof need, "%s%s%s %s not defined: type `load_mnist test`",
                     !*x ? "x_test" : "", !*x && !*t ? " and " : "", !*t ? "t_test" : "",
                     !*x && !*t ? "are" : "is");
        if (!have_net) {
            if (strncmp(why, "the network's", 13) == 0)
                snprintf(need + strlen(need), sizeof need - strlen(need),
                         "%s%s: type `load \"sample_weight.pkl\"`", need[0] ? "; " : "", why);
            else
                snprintf(need + strlen(need), sizeof need - strlen(need), "%s%s",
                         need[0] ? "; " : "", why);
        }
        err_set(e, ERR_NAME, "evaluate needs the test set and the network: %s", need);
        return false;
    }
    char s1[64], s2[64];
    if ((*x)->ndim < 2 || (*x)->shape[0] == 0 || (*x)->size / (*x)->shape[0] != net->dim[0] ||
        (*x)->dtype == DT_BOOL) {
        err_set(e, ERR_SHAPE, "x_test has shape %s but W1 %s takes images of %lld values",
                shape_str(s1, (*x)->ndim, (*x)->shape),
                shape_str(s2, net->W[0]->ndim, net->W[0]->shape), (long long)net->dim[0]);
        return false;
    }
    bool onehot = (*t)->ndim == 2 && (*t)->shape[1] == net->dim[3];
    if (!((*t)->ndim == 1 || onehot) || (*t)->shape[0] != (*x)->shape[0]) {
        err_set(e, ERR_SHAPE, "t_test has shape %s but x_test %s needs (%lld,) labels",
                shape_str(s1, (*t)->ndim, (*t)->shape), shape_str(s2, (*x)->ndim, (*x)->shape),
                (long long)(*x)->shape[0]);
        return false;
    }
    return true;
}

static Value *cmd_evaluate(Interp *in, const Node *call, Err *e) {
    CmdArgs ca;
    if (!split_args(call, "evaluate", &ca, e)) return NULL;
    if (!check_kw(&ca, "evaluate", "batch batch_size", e)) return NULL;
    int64_t batch = 1;
    bool both = false;
    for (int i = 0; i < ca.n; i++) {
        if (is_word(ca.pos[i], "both"))
            both = true;
        else if (!eval_int64(in, ca.pos[i], "the batch size", &batch, e))
            return NULL;
    }
    const Node *bk = find_kw(&ca, "batch");
    if (!bk) bk = find_kw(&ca, "batch_size");
    if (bk && !eval_int64(in, bk, "batch", &batch, e)) return NULL;
    if (batch < 1 || batch > 10000)
        return err_set_at(e, ERR_VALUE, bk ? bk->span : call->span,
                          "the batch size must be between 1 and 10000, not %lld", (long long)batch);
    Net net;
    const Array *x, *t;
    if (!eval_inputs(in, &net, &x, &t, e)) return NULL;
    if (both) {
        if (!run_eval(in, &net, x, t, 1, e)) return NULL;
        if (batch == 1) batch = 100;
    }
    run_eval(in, &net, x, t, batch, e);
    return NULL;
}

/* The last evaluation, if it belongs to this session and its x_test. */
static bool last_eval(Interp *in, const char *cmd, Err *e) {
    const Array *x = var_array(in, "x_test");
    if (rec.owner != in || !rec.pred) {
        err_set(e, ERR_VALUE, "%s shows the results of `evaluate`, which has not run yet", cmd);
        return false;
    }
    if (!x) {
        err_set(e, ERR_VALUE,
                "x_test is no longer defined: type `load_mnist test` and "
                "`evaluate` again");
        return false;
    }
    if (x->data != rec.xdata || x->shape[0] != rec.n) {
        err_set(e, ERR_VALUE, "x_test has changed since the last `evaluate`: run it again first");
        return false;
    }
    return true;
}

static Value *cmd_confusion(Interp *in, const Node *call, Err *e) {
    CmdArgs ca;
    if (!split_args(call, "confusion", &ca, e) || !check_kw(&ca, "confusion", "", e)) return NULL;
    if (ca.n > 0) return err_set_at(e, ERR_TYPE, ca.pos[0]->span, "confusion takes no arguments");
    if (!last_eval(in, "confusion", e)) return NULL;
    int nc = 10;
    for (int64_t i = 0; i < rec.n; i++) {
        if (rec.pred[i] + 1 > nc) nc = rec.pred[i] + 1;
        if (rec.label[i] + 1 > nc) nc = rec.label[i] + 1;
    }
    if (nc > 32) return err_set(e, ERR_VALUE, "confusion: %d classes are too many to print", nc);
    int64_t m[32][32] = {{0}};
    for (int64_t i = 0; i < rec.n; i++)
        if (rec.label[i] >= 0) m[rec.label[i]][rec.pred[i]]++;

    FILE *f = interp_out(in);
    fprintf(f,
            "confusion matrix of the last evaluate (%lld images): a row for each true "
            "digit, a column for each prediction\n",
            (long long)rec.n);
    fprintf(f, "label");
    for (int j = 0; j < nc; j++)
        fprintf(f, " %5d", j);
    fprintf(f, "   images  correct\n");
    int64_t all = 0, right = 0;
    for (int i = 0; i < nc; i++) {
        int64_t row = 0;
        fprintf(f, "%5d", i);
        for (int j = 0; j < nc; j++) {
            fprintf(f, " %5lld", (long long)m[i][j]);
            row += m[i][j];
        }
        all += row;
        right += m[i][i];
        if (row)
            fprintf(f, "   %6lld  %6.1f%%\n", (long long)row,
                    100.0 * (double)m[i][i] / (double)row);
        else
            fprintf(f, "   %6lld        -\n", (long long)row);
    }
    fprintf(f, "%-*s   %6lld  %6.1f%%\n", 5 + 6 * nc, "all", (long long)all,
            all ? 100.0 * (double)right / (double)all : 0.0);
    return NULL;
}

static Value *cmd_misses(Interp *in, const Node *call, Err *e) {
    CmdArgs ca;
    if (!split_args(call, "misses", &ca, e) || !check_kw(&ca, "misses", "", e)) return NULL;
    int64_t limit = -1;
    if (ca.n > 1) return err_set_at(e, ERR_TYPE, ca.pos[1]->span, "misses takes one number");
    if (ca.n == 1 && !eval_int64(in, ca.pos[0], "the number of misses to list", &limit, e))
        return NULL;
    if (!last_eval(in, "misses", e)) return NULL;
    int64_t total = 0;
    for (int64_t i = 0; i < rec.n; i++)
        total += rec.pred[i] != rec.label[i];
    FILE *f = interp_out(in);
    fprintf(f,
            "%lld of %lld images misclassified by the last evaluate; `show x_test[i]` "
            "draws one\n",
            (long long)total, (long long)rec.n);
    if (total == 0) return NULL;
    fprintf(f, "index  label  predicted  confidence\n");
    int64_t shown = 0;
    for (int64_t i = 0; i < rec.n && (limit < 0 || shown < limit); i++) {
        if (rec.pred[i] == rec.label[i]) continue;
        fprintf(f, "%5lld  %5d  %9d  %10.4f\n", (long long)i, rec.label[i], rec.pred[i],
                (double)rec.conf[i]);
        shown++;
    }
    if (shown < total)
        fprintf(f, "... and %lld more (`misses` lists them all)\n", (long long)(total - shown));
    return NULL;
}

static Value *cmd_timing(Interp *in, const Node *call, Err *e) {
    CmdArgs ca;
    if (!split_args(call, "timing", &ca, e) || !check_kw(&ca, "timing", "", e)) return NULL;
    if (ca.n > 1 || (ca.n == 1 && !is_word(ca.pos[0], "on") && !is_word(ca.pos[0], "off")))
        return err_set_at(e, ERR_TYPE, call->span, "timing takes on or off: timing off");
    if (ca.n == 1)
        timing_on = is_word(ca.pos[0], "on");
    else
        fprintf(interp_out(in), "timing is %s\n", timing_on ? "on" : "off");
    return NULL;
}

/* ---- the table ------------------------------------------------------------------------ */

const Builtin data_builtins[] = {
    {"load_mnist", "data", "load_mnist(normalize=True, flatten=True, one_hot_label=False)",
     "The MNIST data set as ((x_train, t_train), (x_test, t_test)); `load_mnist test` "
     "defines x_test and t_test.",
     "from dataset.mnist import load_mnist",
     "x (N, 784) float32 (flatten=False: (N, 1, 28, 28); normalize=False: uint8), t (N,) uint8 "
     "(one_hot_label=True: (N, 10))",
     "load_mnist test", 0, 3, "normalize flatten one_hot_label", NULL, cmd_load_mnist},
    {"load", "data", "load \"file\"",
     "Read a .pkl, .npy or idx file. A pickle's arrays become variables (W1 b1 W2 b2 W3 b3 for "
     "the book's sample_weight.pkl). This is a data reader, not Python: it never runs code from "
     "the file, so unlike Python's pickle it is safe on untrusted files.",
     "pickle.load(f) / np.load(\"file.npy\")",
     "a .npy or idx file gives its array; load(\"f.pkl\") gives a dict",
     "load \"sample_weight.pkl\"", 1, 1, "allow_pickle", NULL, cmd_load},
    {"pickle_load", "data", "pickle_load(\"file.pkl\")",
     "Read a pickled dict of arrays into a dict, safely: nothing in the file is ever run.",
     "with open(\"sample_weight.pkl\", \"rb\") as f: network = pickle.load(f)",
     "a dict of arrays: network['W1'] is (784, 50)", "network = pickle_load(\"sample_weight.pkl\")",
     1, 1, NULL, NULL, cmd_pickle_load},
    {"save", "data", "save NAME \"file.npy\"",
     "Write an array to a .npy file that NumPy's np.load reads.", "np.save(\"file.npy\", x)",
     "any array", "save W1 \"w1.npy\"", 1, 2, NULL, NULL, cmd_save},
    {"evaluate", "data", "evaluate [batch=N | both]",
     "Run the network W1..b3 on every image of x_test and print the accuracy as the book does, "
     "with the time: one image at a time, or in batches (batch=100).",
     "for i in range(len(x)): y = predict(network, x[i]); p = np.argmax(y) ...",
     "(100, 784) -> (100, 50) -> (100, 100) -> (100, 10) -> argmax(axis=1)", "evaluate batch=100",
     0, 1, "batch batch_size", NULL, cmd_evaluate},
    {"confusion", "data", "confusion",
     "The 10x10 confusion matrix of the last evaluate (rows: true digit), with each digit's "
     "accuracy.",
     "np.add.at(m, (t_test, p), 1)", "(10, 10)", "confusion", 0, 0, NULL, NULL, cmd_confusion},
    {"misses", "data", "misses [N]",
     "The images the last evaluate got wrong: index, label, prediction and confidence.",
     "np.nonzero(p != t_test)[0]", "-", "misses 10", 0, 1, NULL, NULL, cmd_misses},
    {"timing", "data", "timing on|off",
     "Show or hide evaluate's timing lines (off gives output that never varies).", "-", "-",
     "timing off", 0, 1, NULL, NULL, cmd_timing},
    {NULL},
};
