/* mnist.c - the MNIST data set: load_mnist as the book calls it, and in
 * command form (see mnist.h). */
#include "mnist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "idx.h"

/* The file `base` (gzip-compressed "base.gz" or plain) in `dir`; false when
 * neither exists. */
static bool find_idx(const char *dir, const char *base, char *out, size_t n) {
    snprintf(out, n, "%s/%s.gz", dir, base);
    if (data_file_exists(out)) return true;
    snprintf(out, n, "%s/%s", dir, base);
    return data_file_exists(out);
}

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
    /* quiet runs print what Python would; the line breaks before the folder,
     * so the text fits 80 columns with the same breaks wherever data is */
    if (!have_images && interp_echo(in))
        fprintf(interp_errf(in),
                "note: the %s images (%s-images-idx3-ubyte.gz) are not in\n"
                "  '%s', so %s is None; the chapter needs only the test set\n",
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

/* load_mnist(normalize=True, flatten=True, one_hot_label=False), and
 * `load_mnist test` / `load_mnist train` in command form. */
Value *mnist_cmd_load_mnist(Interp *in, const Node *call, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, "load_mnist", &ca, e)) return NULL;
    if (!data_check_kw(&ca, "load_mnist", "normalize flatten one_hot_label", e)) return NULL;
    MnistOpts o = {true, true, false};
    bool want_test = false, want_train = false;
    int npos = 0;
    static const char *const optnames[] = {"normalize", "flatten", "one_hot_label"};
    bool *optvals[] = {&o.normalize, &o.flatten, &o.one_hot};
    for (int i = 0; i < ca.n; i++) {
        const Node *a = ca.pos[i];
        if (call->cmdform && data_is_word(a, "test"))
            want_test = true;
        else if (call->cmdform && data_is_word(a, "train"))
            want_train = true;
        else if (call->cmdform && data_is_word(a, "all"))
            want_test = want_train = true;
        else if (npos < 3) {
            if (!data_eval_bool(in, a, optnames[npos], optvals[npos], e)) return NULL;
            npos++;
        } else {
            return err_set_at(e, ERR_TYPE, a->span,
                              "load_mnist takes at most 3 arguments (normalize, flatten, "
                              "one_hot_label), or the word test or train");
        }
    }
    for (int i = 0; i < 3; i++) {
        const Node *k = data_find_kw(&ca, optnames[i]);
        if (k && !data_eval_bool(in, k, optnames[i], optvals[i], e)) return NULL;
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
    data_print_table(f, 4, names, shown);
    return NULL;
}

bool mnist_load_test(Interp *in, Array **x, Array **t, Err *e) {
    MnistOpts o = {true, true, false};
    return load_part(in, "t10k", &o, false, x, t, e);
}

/* --- the table ------------------------------------------------------------------ */

const Builtin mnist_builtins[] = {
    {"load_mnist", "data", "load_mnist(normalize=True, flatten=True, one_hot_label=False)",
     "The MNIST data set as ((x_train, t_train), (x_test, t_test)); `load_mnist test` "
     "defines x_test and t_test.",
     "from dataset.mnist import load_mnist",
     "x (N, 784) float32 (flatten=False: (N, 1, 28, 28); normalize=False: uint8), t (N,) uint8 "
     "(one_hot_label=True: (N, 10))",
     "load_mnist test", 0, 3, "normalize flatten one_hot_label", NULL, mnist_cmd_load_mnist,
     SHAPE_NONE, true},
    {NULL},
};
