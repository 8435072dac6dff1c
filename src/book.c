/* book.c - get_data, init_network and predict, as the book writes them
 * (see book.h). */
#include "book.h"

#include <stdio.h>
#include <string.h>

#include "files.h"
#include "infer.h"
#include "mnist.h"
#include "net.h"
#include "shapefix.h"

#include <stdlib.h>

/* get_data(): (x_test, t_test), normalized and flattened as the book's
 * get_data() asks load_mnist for them. */
static Value *f_get_data(Interp *in, const CallArgs *a, Err *e) {
    (void)a;
    Array *x, *t;
    if (!mnist_load_test(in, &x, &t, e)) return NULL;
    Value *items[2] = {val_array(x), val_array(t)};
    if (!items[0] || !items[1]) {
        if (!items[0]) arr_free(x);
        if (!items[1]) arr_free(t);
        val_free(items[0]);
        val_free(items[1]);
        return err_set(e, ERR_MEMORY, "get_data: out of memory");
    }
    Value *v = val_seq(V_TUPLE, items, 2);
    return v ? v : err_set(e, ERR_MEMORY, "get_data: out of memory");
}

/* init_network(): the book's sample_weight.pkl as a dict. */
static Value *f_init_network(Interp *in, const CallArgs *a, Err *e) {
    (void)a;
    return files_load_dict(in, "sample_weight.pkl", e);
}

/* predict(network, x): the network in the dict, run by infer_steps:
 *   a1 = x·W1 + b1, z1 = sigmoid(a1), a2 = z1·W2 + b2, z2 = sigmoid(a2),
 *   a3 = z2·W3 + b3, y = softmax(a3),
 * for one image (784,) or a batch (N, 784); `net act` settings apply. */
/* The call that was last warned about raw pixels: the book's loop calls
 * predict 10,000 times, and one warning is enough (as Python's are). */
static void warned_free(void *p) {
    free(p);
}
static const InterpSlotKey kWarnedKey = {"predict-warned", warned_free};

static void warn_raw_pixels(Interp *in, const CallArgs *a) {
    const char *site = a->call->text ? a->call->text : "";
    const char *last = interp_slot(in, &kWarnedKey);
    if (last && strcmp(last, site) == 0) return;
    if (!shapefix_warn_unnormalized(a->v[1]->arr, a->nodes[1]->text, interp_errf(in))) return;
    char *copy = strdup(site);
    if (copy) interp_set_slot(in, &kWarnedKey, copy);
}

static Value *f_predict(Interp *in, const CallArgs *a, Err *e) {
    const Value *dict = a->v[0];
    if (dict->kind != V_DICT)
        return err_set_at(e, ERR_TYPE, a->nodes[0]->span,
                          "predict needs the network dict first, as init_network() gives, "
                          "not %s %s",
                          dict->kind == V_ARRAY ? "an" : "a", val_kind_name(dict->kind));
    if (a->v[1]->kind != V_ARRAY)
        return err_set_at(e, ERR_TYPE, a->nodes[1]->span, "predict needs an array of images");
    warn_raw_pixels(in, a);
    Net net;
    InferSteps st;
    const char *xname = a->nodes[1]->text ? a->nodes[1]->text : "x";
    if (!net_from_dict(in, dict, NULL, &net, e) ||
        !infer_steps(in, &net, a->v[1]->arr, xname, true, &st, e)) {
        if (e->kind == ERR_NAME) {
            char msg[sizeof e->msg];
            snprintf(msg, sizeof msg, "%s", e->msg);
            err_set(e, ERR_NAME, "predict: %s", msg);
        }
        e->span = a->call->span;
        return NULL;
    }
    Array *y = st.Z[st.n - 1];
    st.Z[st.n - 1] = NULL;
    infer_steps_free(&st);
    Value *v = val_array(y);
    return v ? v : err_set(e, ERR_MEMORY, "predict: out of memory");
}

const Builtin book_builtins[] = {
    {"get_data", "book", "get_data()",
     "The book's get_data(): the MNIST test images and labels, normalized and flattened.",
     "(x_train, t_train), (x_test, t_test) = load_mnist(normalize=True, flatten=True, "
     "one_hot_label=False); return x_test, t_test",
     "x (10000, 784) float32, t (10000,) uint8", "x, t = get_data()", 0, 0, NULL, f_get_data, NULL},
    {"init_network", "book", "init_network()",
     "The book's init_network(): sample_weight.pkl read safely into a dict.",
     "with open(\"sample_weight.pkl\", \"rb\") as f: network = pickle.load(f)",
     "network['W1'] (784, 50), ['b1'] (50,), ... ['W3'] (100, 10)", "network = init_network()", 0,
     0, NULL, f_init_network, NULL},
    {"predict", "book", "predict(network, x)",
     "The book's predict(): three layers, sigmoid, sigmoid, softmax, for one image or a batch.",
     "a1 = np.dot(x, W1) + b1; z1 = sigmoid(a1); ...; y = softmax(a3)",
     "(784,) -> (10,); a batch (N, 784) -> (N, 10)", "y = predict(network, x[0])", 2, 2, NULL,
     f_predict, NULL},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL},
};
