/* test_infer.c - the three forward passes of infer.h agree: the fused fast
 * path and the layer-by-layer one against the plain reference loops, on the
 * book's real weights and the 10,000 MNIST test images (the largest
 * difference printed, as llm.c's tests do) and on seeded random small
 * networks with every activation; and all of them against NumPy's own
 * probabilities for the first test images (tests/tools/gen_data_ref.py).
 * The MNIST cases are skipped when the data is absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"
#include "data_ref.h"
#include "infer.h"
#include "interp.h"
#include "net.h"
#include "net_ref.h"

/* --- a session writing into memory ------------------------------------------------- */

typedef struct Session {
    Interp *in;
    FILE *out;
    char *text;
    size_t len;
} Session;

static const char *data_dir(void) {
    const char *d = getenv("NNSH_TEST_DATA");
    return d && *d ? d : "../shared/mnist";
}

static bool have_data(void) {
    char p[1024];
    snprintf(p, sizeof p, "%s/t10k-images-idx3-ubyte.gz", data_dir());
    if (access(p, R_OK) != 0) return false;
    snprintf(p, sizeof p, "%s/sample_weight.pkl", data_dir());
    return access(p, R_OK) == 0;
}

static void open_session(Session *s) {
    memset(s, 0, sizeof *s);
    s->out = open_memstream(&s->text, &s->len);
    assert_non_null(s->out);
    s->in = nnsh_new(s->out, s->out);
    assert_non_null(s->in);
    interp_set_data_dir(s->in, data_dir());
}

static void close_session(Session *s) {
    interp_free(s->in);
    fclose(s->out);
    free(s->text);
}

static void run_ok(Session *s, const char *src) {
    RunStatus st = interp_run(s->in, src, "<test>", 1);
    fflush(s->out);
    if (st != RUN_OK) fail_msg("'%s' failed:\n%s", src, s->text ? s->text : "");
}

static const Array *var(Session *s, const char *name) {
    const Value *v = vars_get(interp_vars(s->in), name);
    return v && v->kind == V_ARRAY ? v->arr : NULL;
}

/* --- a seeded generator ---------------------------------------------------------------- */

/* A number in [0, 1) from the generator state *s. */
static double uniform(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static Array *random_array(uint64_t *rs, DType t, int ndim, int64_t d0, int64_t d1, double scale) {
    int64_t shape[2] = {d0, d1};
    Array *a = arr_new(t, ndim, shape, NULL);
    assert_non_null(a);
    for (int64_t i = 0; i < a->size; i++)
        arr_set(a, i, (uniform(rs) * 2.0 - 1.0) * scale);
    return a;
}

/* The largest |a - b| over n values, relative to max(1, |b|). */
static double max_diff(const double *a, const double *b, int64_t n) {
    double worst = 0.0;
    for (int64_t i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]) / fmax(1.0, fabs(b[i]));
        if (!(d <= worst)) worst = d;
    }
    return worst;
}

/* --- the book's network on MNIST ------------------------------------------------------- */

/* Fast against reference over all 10,000 images, and both against NumPy's
 * probabilities for the first three. */
static void test_mnist_fast_matches_reference(void **state) {
    (void)state;
    if (!have_data()) skip();
    Session s;
    open_session(&s);
    run_ok(&s, "load_mnist test; load \"sample_weight.pkl\"");
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s.in, &net, &e));
    assert_int_equal(net.layer[2].act, ACT_SOFTMAX);
    const Array *x = var(&s, "x_test");
    int64_t n = x->shape[0], C = 10;
    double *yf = malloc((size_t)(n * C) * sizeof *yf), *yr = malloc((size_t)(n * C) * sizeof *yr);
    int *pf = malloc((size_t)n * sizeof *pf), *pr = malloc((size_t)n * sizeof *pr);
    assert_true(yf && yr && pf && pr);
    InferOut of = {pf, NULL, yf}, orf = {pr, NULL, yr};
    assert_int_equal(infer_fast(&net, x, n, 100, &of, NULL, NULL, &e), n);
    assert_true(infer_ref(&net, x, n, &orf, &e));
    double d = max_diff(yf, yr, n * C);
    int64_t differ = 0;
    for (int64_t i = 0; i < n; i++)
        differ += pf[i] != pr[i];
    printf("mnist: fast (float32) vs reference (float64): largest difference %.3g over %lld "
           "probabilities, %lld of %lld predictions differ\n",
           d, (long long)(n * C), (long long)differ, (long long)n);
    assert_true(d < 1e-5);
    assert_true(differ <= 2);
    for (int i = 0; i < 3; i++) {
        double dn = max_diff(yf + i * C, ref_probs[i], C),
               dr = max_diff(yr + i * C, ref_probs[i], C);
        printf("x_test[%d]: fast vs NumPy %.3g, reference vs NumPy %.3g\n", i, dn, dr);
        assert_true(dn < 1e-6);
        assert_true(dr < 1e-6);
    }
    /* one image at a time gives the same as batches */
    InferOut o1 = {NULL, NULL, yr};
    assert_int_equal(infer_fast(&net, x, 200, 1, &o1, NULL, NULL, &e), 200);
    assert_true(max_diff(yf, yr, 200 * C) < 1e-6);
    free(yf);
    free(yr);
    free(pf);
    free(pr);
    close_session(&s);
}

/* The done-when line of issue 7: `example`, then the book's weights, then
 * `forward x_test[0]` runs the book's network with softmax at the end and
 * gives NumPy's probabilities. */
static void test_example_then_book(void **state) {
    (void)state;
    if (!have_data()) skip();
    Session s;
    open_session(&s);
    interp_set_echo(s.in, false);
    run_ok(&s, "example; load \"sample_weight.pkl\"; load_mnist test; forward x_test[0]");
    const Array *y = var(&s, "Y");
    assert_non_null(y);
    assert_int_equal(y->size, 10);
    double got[10];
    for (int j = 0; j < 10; j++)
        got[j] = arr_get(y, j);
    double d = max_diff(got, ref_probs[0], 10);
    printf("forward x_test[0] vs NumPy: largest difference %.3g\n", d);
    assert_true(d < 1e-6);
    close_session(&s);
}

/* --- random small networks ---------------------------------------------------------------- */

/* A random network of 1..4 layers of 1..12 neurons, float32 or float64,
 * with a random activation per layer (step left out: it jumps at 0, where
 * float32 and float64 may fall on different sides). */
static void random_net(uint64_t *rs, Net *net, Array **own, DType t) {
    static const NetAct acts[] = {ACT_SIGMOID, ACT_RELU, ACT_IDENTITY, ACT_SOFTMAX};
    memset(net, 0, sizeof *net);
    net->n = 1 + (int)(uniform(rs) * 4);
    int64_t nin = 1 + (int64_t)(uniform(rs) * 12);
    for (int k = 0; k < net->n; k++) {
        int64_t nout = 1 + (int64_t)(uniform(rs) * 12);
        own[2 * k] = random_array(rs, t, 2, nin, nout, 1.5);
        own[2 * k + 1] = uniform(rs) < 0.8 ? random_array(rs, t, 1, nout, 0, 1.0) : NULL;
        NetLayer *L = &net->layer[k];
        L->W = own[2 * k];
        L->B = own[2 * k + 1];
        L->act = acts[(int)(uniform(rs) * 4)];
        snprintf(L->wname, sizeof L->wname, "W%d", k + 1);
        snprintf(L->bname, sizeof L->bname, "B%d", k + 1);
        nin = nout;
    }
}

static void test_random_networks(void **state) {
    (void)state;
    uint64_t seed = 20261129, *rs = &seed;
    Session s;
    open_session(&s);
    double worst_fast = 0.0, worst_steps = 0.0;
    for (int trial = 0; trial < 200; trial++) {
        DType t = trial % 2 ? DT_FLOAT32 : DT_FLOAT64;
        Net net;
        Array *own[2 * NET_MAX] = {0};
        random_net(rs, &net, own, t);
        int64_t dim[NET_MAX + 1];
        net_dims(&net, dim);
        int64_t count = 1 + (int64_t)(uniform(rs) * 40), C = dim[net.n];
        int64_t batch = 1 + (int64_t)(uniform(rs) * (double)count);
        /* inputs: pixels 0..255 now and then, else numbers of either type */
        DType xt = trial % 5 == 0 ? DT_UINT8 : t;
        Array *x = random_array(rs, xt == DT_UINT8 ? DT_FLOAT64 : xt, 2, count, dim[0], 2.0);
        if (xt == DT_UINT8) {
            Array *u = arr_new(DT_UINT8, 2, x->shape, NULL);
            for (int64_t i = 0; i < u->size; i++)
                arr_set(u, i, floor(uniform(rs) * 256.0));
            arr_free(x);
            x = u;
        }
        double *yf = calloc((size_t)(count * C), sizeof *yf);
        double *yr = calloc((size_t)(count * C), sizeof *yr);
        InferOut of = {NULL, NULL, yf}, orf = {NULL, NULL, yr};
        Err e;
        err_clear(&e);
        assert_int_equal(infer_fast(&net, x, count, batch, &of, NULL, NULL, &e), count);
        assert_true(infer_ref(&net, x, count, &orf, &e));
        double d = max_diff(yf, yr, count * C);
        if (d > worst_fast) worst_fast = d;
        if (d >= (t == DT_FLOAT32 ? 1e-5 : 1e-12))
            fail_msg("trial %d: fast differs from the reference by %g", trial, d);
        /* layer by layer (float inputs only: the shell does not scale uint8) */
        if (xt != DT_UINT8) {
            InferSteps st;
            assert_true(infer_steps(s.in, &net, x, "x", false, &st, &e));
            const Array *z = st.Z[st.n - 1];
            assert_int_equal(z->size, count * C);
            double *ys = malloc((size_t)(count * C) * sizeof *ys);
            for (int64_t i = 0; i < count * C; i++)
                ys[i] = arr_get(z, i);
            d = max_diff(ys, yr, count * C);
            if (d > worst_steps) worst_steps = d;
            if (d >= (t == DT_FLOAT32 ? 1e-5 : 1e-12))
                fail_msg("trial %d: layer by layer differs from the reference by %g", trial, d);
            free(ys);
            infer_steps_free(&st);
        }
        free(yf);
        free(yr);
        arr_free(x);
        for (int k = 0; k < 2 * NET_MAX; k++)
            arr_free(own[k]);
    }
    printf("200 random networks: largest difference fast %.3g, layer by layer %.3g\n", worst_fast,
           worst_steps);
    close_session(&s);
}

/* `net act` changes a layer in every path: relu in layer 1 and identity at
 * the end, through forward's steps, the fast path and the reference. */
static void test_net_act_everywhere(void **state) {
    (void)state;
    Session s;
    open_session(&s);
    interp_set_echo(s.in, false);
    run_ok(&s, "example; net act 1 relu; net act 3 softmax; forward");
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s.in, &net, &e));
    assert_int_equal(net.layer[0].act, ACT_RELU);
    assert_int_equal(net.layer[2].act, ACT_SOFTMAX);
    double yf[2], yr[2];
    InferOut of = {NULL, NULL, yf}, orf = {NULL, NULL, yr};
    const Array *x = var(&s, "X"), *y = var(&s, "Y");
    assert_int_equal(infer_fast(&net, x, 1, 1, &of, NULL, NULL, &e), 1);
    assert_true(infer_ref(&net, x, 1, &orf, &e));
    const double *want = kExYReluSoftmax; /* NumPy's, tests/tools/gen_net.py */
    for (int j = 0; j < 2; j++) {
        assert_true(fabs(arr_get(y, j) - want[j]) < 1e-7);
        assert_true(fabs(yf[j] - want[j]) < 1e-7);
        assert_true(fabs(yr[j] - want[j]) < 1e-7);
    }
    close_session(&s);
}

/* Inputs that do not fit are refused, not read past. */
static void test_input_checked(void **state) {
    (void)state;
    Session s;
    open_session(&s);
    interp_set_echo(s.in, false);
    run_ok(&s, "example; x3 = np.ones(3)");
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s.in, &net, &e));
    int pred[4];
    InferOut o = {pred, NULL, NULL};
    assert_int_equal(infer_fast(&net, var(&s, "x3"), 2, 1, &o, NULL, NULL, &e), -1);
    assert_int_equal(e.kind, ERR_SHAPE);
    err_clear(&e);
    assert_false(infer_ref(&net, var(&s, "x3"), 2, &o, &e));
    assert_int_equal(e.kind, ERR_SHAPE);
    close_session(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_networks),
        cmocka_unit_test(test_net_act_everywhere),
        cmocka_unit_test(test_input_checked),
        cmocka_unit_test(test_mnist_fast_matches_reference),
        cmocka_unit_test(test_example_then_book),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
