/* book.c - get_data, init_network and predict, as the book writes them
 * (see book.h). */
#include "book.h"

#include <stdio.h>
#include <string.h>

#include "data.h"
#include "eval.h"
#include "ops.h"

/* get_data(): (x_test, t_test), normalized and flattened as the book's
 * get_data() asks load_mnist for them. */
static Value *f_get_data(Interp *in, const CallArgs *a, Err *e) {
    (void)a;
    Array *x, *t;
    if (!data_load_test(in, &x, &t, e)) return NULL;
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
    return data_load_dict(in, "sample_weight.pkl", e);
}

/* network[key] as an array, or a clear error naming what is missing. */
static const Array *weight(const Value *net, const char *key, Err *e) {
    const Value *v = val_dict_get(net, key);
    if (!v || v->kind != V_ARRAY)
        return err_set(e, ERR_NAME,
                       "predict: the network has no array '%s' (it needs W1 W2 W3 b1 b2 b3, "
                       "as init_network() gives)",
                       key);
    return v->arr;
}

/* One step of the forward pass: r = op(a, b), reported to the tracer with
 * the names the book uses, and a shape error naming them too. */
static Array *step(Interp *in, const CallArgs *ca, const char *opname, Array *r, const Array *a,
                   const char *an, const Array *b, const char *bn, Err *e) {
    if (!r) {
        if (e->kind == ERR_SHAPE) {
            snprintf(e->ops[0].name, sizeof e->ops[0].name, "%s", an);
            if (bn && e->nops > 1) snprintf(e->ops[1].name, sizeof e->ops[1].name, "%s", bn);
        }
        e->span = ca->call->span;
        return NULL;
    }
    if (interp_tracing(in)) {
        TraceEvent ev;
        memset(&ev, 0, sizeof ev);
        ev.op = opname;
        ev.node = ca->call;
        ev.nargs = b ? 2 : 1;
        ev.args[0] = a;
        ev.argtext[0] = an;
        ev.args[1] = b;
        ev.argtext[1] = bn;
        ev.result = r;
        interp_trace_event(in, &ev);
    }
    return r;
}

/* predict(network, x): the book's three layers,
 *   a1 = x·W1 + b1, z1 = sigmoid(a1), a2 = z1·W2 + b2, z2 = sigmoid(a2),
 *   a3 = z2·W3 + b3, y = softmax(a3),
 * for one image (784,) or a batch (N, 784). */
static Value *f_predict(Interp *in, const CallArgs *a, Err *e) {
    const Value *net = a->v[0];
    if (net->kind != V_DICT)
        return err_set_at(e, ERR_TYPE, a->nodes[0]->span,
                          "predict needs the network dict first, as init_network() gives, "
                          "not %s %s",
                          net->kind == V_ARRAY ? "an" : "a", val_kind_name(net->kind));
    if (a->v[1]->kind != V_ARRAY)
        return err_set_at(e, ERR_TYPE, a->nodes[1]->span, "predict needs an array of images");
    static const char *const wn[3] = {"W1", "W2", "W3"}, *const bn[3] = {"b1", "b2", "b3"};
    static const char *const an[3] = {"a1", "a2", "a3"}, *const zn[3] = {"z1", "z2", "y"};
    const Array *W[3], *B[3];
    for (int l = 0; l < 3; l++) {
        if (!(W[l] = weight(net, wn[l], e)) || !(B[l] = weight(net, bn[l], e))) {
            e->span = a->call->span;
            return NULL;
        }
    }
    const Array *x = a->v[1]->arr;
    const char *xname = a->nodes[1]->text ? a->nodes[1]->text : "x";
    Array *z = NULL;
    for (int l = 0; l < 3; l++) {
        const Array *in_arr = l ? z : x;
        const char *in_name = l ? zn[l - 1] : xname;
        Array *d = step(in, a, "dot", op_dot(in_arr, W[l], e), in_arr, in_name, W[l], wn[l], e);
        Array *s =
            d ? step(in, a, "add", op_binary(OP_ADD, d, B[l], e), d, "", B[l], bn[l], e) : NULL;
        arr_free(d);
        Array *act = NULL;
        if (s)
            act = l < 2
                      ? step(in, a, "sigmoid", op_unary(OP_SIGMOID, s, e), s, an[l], NULL, NULL, e)
                      : step(in, a, "softmax", op_softmax(s, e), s, an[l], NULL, NULL, e);
        arr_free(s);
        arr_free(z);
        z = act;
        if (!z) return NULL;
    }
    Value *v = val_array(z);
    if (!v) arr_free(z);
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
