/* test_data.c - the MNIST commands run through a real session on the shared
 * test set and the book's weights: load_mnist's shapes and dtypes, the
 * pickle's six arrays, both evaluation loops giving the book's 9352 right
 * answers, the confusion matrix and the misses against NumPy's numbers
 * (tests/tools/gen_data_ref.py), a pickle that names os.system, .npy round
 * trips through save/load. Skipped when the data is absent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "infer.h"
#include "net.h"
#include "init.h"
#include "data_ref.h"
#include "interp.h"

/* --- a session that writes into memory ---------------------------------------------- */

typedef struct Session {
    Interp *in;
    FILE *out, *err;
    char *obuf, *ebuf;
    size_t olen, elen;
    size_t omark, emark; /* output before these offsets is forgotten */
} Session;

/* The output and error text since the last reset(). */
#define OUT(s) ((s).obuf + (s).omark)
#define ERRS(s) ((s).ebuf + (s).emark)

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
    s->out = open_memstream(&s->obuf, &s->olen);
    s->err = open_memstream(&s->ebuf, &s->elen);
    assert_non_null(s->out);
    assert_non_null(s->err);
    s->in = nnsh_new(s->out, s->err);
    assert_non_null(s->in);
    interp_set_color(s->in, false);
    interp_set_data_dir(s->in, data_dir());
}

/* Run src; returns the status. What it printed is at OUT(*s) / ERRS(*s)
 * (together with anything printed since the last reset()). */
static RunStatus run(Session *s, const char *src) {
    RunStatus st = interp_run(s->in, src, "<test>", 1);
    fflush(s->out);
    fflush(s->err);
    return st;
}

/* Forget the output so far. */
static void reset(Session *s) {
    fflush(s->out);
    fflush(s->err);
    s->omark = s->olen;
    s->emark = s->elen;
}

static void close_session(Session *s) {
    interp_free(s->in);
    fclose(s->out);
    fclose(s->err);
    free(s->obuf);
    free(s->ebuf);
}

static const Array *var(Session *s, const char *name) {
    const Value *v = vars_get(interp_vars(s->in), name);
    return v && v->kind == V_ARRAY ? v->arr : NULL;
}

static void assert_shape(const Array *a, DType t, int ndim, int64_t d0, int64_t d1) {
    assert_non_null(a);
    assert_int_equal(a->dtype, t);
    assert_int_equal(a->ndim, ndim);
    assert_int_equal(a->shape[0], d0);
    if (ndim > 1) assert_int_equal(a->shape[1], d1);
}

static int count_of(const char *hay, const char *needle) {
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

#define NEED_DATA()                                                                                \
    do {                                                                                           \
        if (!have_data()) skip();                                                                  \
    } while (0)

/* --- load_mnist --------------------------------------------------------------------- */

static void test_load_mnist_test(void **state) {
    (void)state;
    NEED_DATA();
    Session s;
    open_session(&s);
    assert_int_equal(run(&s, "load_mnist test"), RUN_OK);
    const Array *x = var(&s, "x_test"), *t = var(&s, "t_test");
    assert_shape(x, DT_FLOAT32, 2, 10000, 784);
    assert_shape(t, DT_UINT8, 1, 10000, 0);
    float mx = 0.0f;
    for (int i = 0; i < 784; i++)
        if (((const float *)x->data)[i] > mx) mx = ((const float *)x->data)[i];
    assert_true(mx == (float)REF_X0_MAX);
    assert_int_equal(((const uint8_t *)t->data)[0], REF_LABEL0);
    assert_non_null(strstr(OUT(s), "x_test  (10000, 784)  float32\n"));
    assert_non_null(strstr(OUT(s), "t_test  (10000,)      uint8\n"));
    close_session(&s);
}

static void test_load_mnist_function(void **state) {
    (void)state;
    NEED_DATA();
    Session s;
    open_session(&s);
    assert_int_equal(run(&s, "d = load_mnist(normalize=False, flatten=False)"), RUN_OK);
    const Value *d = vars_get(interp_vars(s.in), "d");
    assert_non_null(d);
    assert_int_equal(d->kind, V_TUPLE);
    assert_int_equal(d->n, 2);
    const Value *train = d->items[0], *test = d->items[1];
    assert_int_equal(train->kind, V_TUPLE);
    /* the training images are not in the shared data: None, with a note */
    char p[1024];
    snprintf(p, sizeof p, "%s/train-images-idx3-ubyte.gz", data_dir());
    if (access(p, R_OK) != 0) {
        assert_int_equal(train->items[0]->kind, V_NONE);
        assert_non_null(strstr(ERRS(s), "note:"));
    }
    assert_int_equal(train->items[1]->kind, V_ARRAY);
    assert_int_equal(train->items[1]->arr->shape[0], 60000);
    const Array *x = test->items[0]->arr;
    assert_int_equal(x->dtype, DT_UINT8);
    assert_int_equal(x->ndim, 4);
    assert_int_equal(x->shape[1], 1);
    assert_int_equal(x->shape[2], 28);
    assert_int_equal(x->shape[3], 28);
    assert_int_equal(run(&s, "del d; d = load_mnist(one_hot_label=True)"), RUN_OK);
    d = vars_get(interp_vars(s.in), "d");
    assert_shape(d->items[1]->items[1]->arr, DT_FLOAT64, 2, 10000, 10);
    assert_shape(d->items[1]->items[0]->arr, DT_FLOAT32, 2, 10000, 784);
    close_session(&s);
}

static void test_load_mnist_missing(void **state) {
    (void)state;
    Session s;
    open_session(&s);
    interp_set_data_dir(s.in, "/nonexistent/mnist");
    assert_int_equal(run(&s, "load_mnist test"), RUN_ERROR);
    assert_non_null(strstr(ERRS(s), "/nonexistent/mnist"));
    assert_non_null(strstr(ERRS(s), "make mnist"));
    assert_non_null(strstr(ERRS(s), "--data DIR"));
    assert_null(var(&s, "x_test"));
    close_session(&s);
}

/* --- the book's weights ------------------------------------------------------------- */

static void test_load_pickle(void **state) {
    (void)state;
    NEED_DATA();
    Session s;
    open_session(&s);
    /* a bare file name is found in the data directory */
    assert_int_equal(run(&s, "load \"sample_weight.pkl\""), RUN_OK);
    assert_shape(var(&s, "W1"), DT_FLOAT32, 2, 784, 50);
    assert_shape(var(&s, "b1"), DT_FLOAT32, 1, 50, 0);
    assert_shape(var(&s, "W2"), DT_FLOAT32, 2, 50, 100);
    assert_shape(var(&s, "b2"), DT_FLOAT32, 1, 100, 0);
    assert_shape(var(&s, "W3"), DT_FLOAT32, 2, 100, 10);
    assert_shape(var(&s, "b3"), DT_FLOAT32, 1, 10, 0);
    assert_non_null(strstr(OUT(s), "name  shape      dtype\n"
                                   "W1    (784, 50)  float32\n"
                                   "b1    (50,)      float32\n"));
    assert_int_equal(vars_count(interp_vars(s.in)), 6);

    /* the NumPy form gives a dict instead */
    assert_int_equal(run(&s, "network = pickle_load(\"sample_weight.pkl\")"), RUN_OK);
    const Value *net = vars_get(interp_vars(s.in), "network");
    assert_non_null(net);
    assert_int_equal(net->kind, V_DICT);
    assert_int_equal(net->n, 6);
    const Value *w1 = val_dict_get(net, "W1");
    assert_non_null(w1);
    assert_true(arr_same_shape(w1->arr, var(&s, "W1")));
    assert_memory_equal(w1->arr->data, var(&s, "W1")->data, arr_nbytes(w1->arr));
    close_session(&s);
}

/* Pickles that would run os.system in Python: refused, nothing defined. */
static void test_evil_pickle(void **state) {
    (void)state;
    static const char p2[] = "\x80\x02"
                             "cos\nsystem\n"
                             "q\x00"
                             "X\x07\x00\x00\x00"
                             "echo hi"
                             "q\x01\x85q\x02Rq\x03.";
    static const char p4[] = "\x80\x04\x8c\x02os\x94\x8c\x06system\x94\x93\x94"
                             "\x8c\x07"
                             "echo hi\x94\x85\x94R\x94.";
    const struct {
        const char *bytes;
        size_t n;
    } evil[] = {{p2, sizeof p2 - 1}, {p4, sizeof p4 - 1}};
    char dir[] = "/tmp/nnsh_data_XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < 2; i++) {
        char path[128], cmd[200];
        snprintf(path, sizeof path, "%s/evil%zu.pkl", dir, i);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(evil[i].bytes, 1, evil[i].n, f), evil[i].n);
        fclose(f);
        Session s;
        open_session(&s);
        snprintf(cmd, sizeof cmd, "load \"%s\"", path);
        assert_int_equal(run(&s, cmd), RUN_ERROR);
        assert_non_null(strstr(ERRS(s), "os"));
        assert_non_null(strstr(ERRS(s), "system"));
        assert_int_equal(vars_count(interp_vars(s.in)), 0);
        snprintf(cmd, sizeof cmd, "network = pickle_load(\"%s\")", path);
        assert_int_equal(run(&s, cmd), RUN_ERROR);
        assert_int_equal(vars_count(interp_vars(s.in)), 0);
        close_session(&s);
        unlink(path);
    }
    rmdir(dir);
}

/* save NAME "f.npy", np.save and load give the same array back. */
static void test_npy_round_trip(void **state) {
    (void)state;
    char dir[] = "/tmp/nnsh_data_XXXXXX";
    assert_non_null(mkdtemp(dir));
    Session s;
    open_session(&s);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "a = np.arange(12.0).reshape(3, 4)\n"
             "save a \"%s/a.npy\"\n"
             "np.save(\"%s/b\", a * 2)\n"
             "x = load \"%s/a.npy\"\n"
             "y = np.load(\"%s/b.npy\")\n",
             dir, dir, dir, dir);
    assert_int_equal(run(&s, cmd), RUN_OK);
    const Array *a = var(&s, "a"), *x = var(&s, "x"), *y = var(&s, "y");
    assert_non_null(x);
    assert_non_null(y);
    assert_true(arr_same_shape(a, x));
    assert_int_equal(x->dtype, DT_FLOAT64);
    for (int i = 0; i < 12; i++) {
        assert_true(arr_get(x, i) == (double)i);
        assert_true(arr_get(y, i) == 2.0 * i);
    }
    assert_non_null(strstr(OUT(s), "saved a (3, 4) float64 to"));
    close_session(&s);
    snprintf(cmd, sizeof cmd, "%s/a.npy", dir);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s/b.npy", dir);
    unlink(cmd);
    rmdir(dir);
}

/* --- evaluate, confusion, misses -------------------------------------------------------- */

static void test_evaluate_needs(void **state) {
    (void)state;
    Session s;
    open_session(&s);
    assert_int_equal(run(&s, "evaluate"), RUN_ERROR);
    assert_non_null(strstr(ERRS(s), "`load_mnist test`"));
    assert_non_null(strstr(ERRS(s), "`load \"sample_weight.pkl\"`"));
    reset(&s);
    assert_int_equal(run(&s, "confusion"), RUN_ERROR);
    assert_non_null(strstr(ERRS(s), "evaluate"));
    close_session(&s);
}

/* Both loops, then confusion and misses on the batched predictions. One
 * session for all, since the full evaluation is the slow part. */
static void test_evaluate(void **state) {
    (void)state;
    NEED_DATA();
    Session s;
    open_session(&s);
    assert_int_equal(run(&s, "load_mnist test; load \"sample_weight.pkl\"; timing off"), RUN_OK);
    reset(&s);
    assert_int_equal(run(&s, "evaluate\nevaluate batch=100"), RUN_OK);
    assert_int_equal(count_of(OUT(s), "\nAccuracy:0.9352\n"), 2);
    assert_null(strstr(OUT(s), "time:"));
    assert_non_null(strstr(OUT(s), "(100, 784) -> (100, 50) -> (100, 100) -> (100, 10)"));

    /* the confusion matrix: NumPy's, row by row */
    reset(&s);
    assert_int_equal(run(&s, "confusion"), RUN_OK);
    const char *p = strstr(OUT(s), "\nlabel");
    assert_non_null(p);
    p = strchr(p + 1, '\n') + 1;
    int total = 0;
    for (int r = 0; r < 10; r++) {
        char *end;
        long lab = strtol(p, &end, 10);
        assert_int_equal(lab, r);
        long sum = 0;
        for (int c = 0; c < 10; c++) {
            long v = strtol(end, &end, 10);
            assert_int_equal(v, ref_confusion[r][c]);
            sum += v;
        }
        long images = strtol(end, &end, 10);
        assert_int_equal(images, ref_label_counts[r]);
        assert_int_equal(sum, ref_label_counts[r]);
        total += (int)sum;
        p = strchr(end, '\n') + 1;
    }
    assert_int_equal(total, 10000);
    assert_non_null(strstr(p, "93.5%"));

    /* the misses: NumPy's first five */
    reset(&s);
    assert_int_equal(run(&s, "misses 5"), RUN_OK);
    char want[128];
    snprintf(want, sizeof want, "%d of 10000 images misclassified", REF_NMISSES);
    assert_non_null(strstr(OUT(s), want));
    assert_int_equal(10000 - REF_NMISSES, REF_CORRECT);
    for (int i = 0; i < 5; i++) {
        snprintf(want, sizeof want, "\n%5d  %5d  %9d  %10.4f\n", ref_misses[i].index,
                 ref_misses[i].label, ref_misses[i].pred, ref_misses[i].conf);
        assert_non_null(strstr(OUT(s), want));
    }
    snprintf(want, sizeof want, "... and %d more", REF_NMISSES - 5);
    assert_non_null(strstr(OUT(s), want));

    /* timing on: the time, speed and memory lines come back */
    reset(&s);
    assert_int_equal(run(&s, "timing on; evaluate batch=100"), RUN_OK);
    assert_non_null(strstr(OUT(s), "Accuracy:0.9352\ntime: "));
    assert_non_null(strstr(OUT(s), "peak memory"));
    assert_non_null(strstr(OUT(s), "images/s"));

    /* show: the label from t_test and the network's guess */
    reset(&s);
    assert_int_equal(run(&s, "show x_test[0]; show x_test[8]"), RUN_OK);
    assert_non_null(strstr(OUT(s), "x_test[0]"));
    assert_non_null(strstr(OUT(s), "label 7"));
    assert_non_null(strstr(OUT(s), "predicted 7 ("));
    assert_non_null(strstr(OUT(s), "label 5"));
    assert_non_null(strstr(OUT(s), "predicted 6 (95.0%) wrong"));
    close_session(&s);
}

/* infer_fast on uint8 pixels divides by 255 first, as normalize=True. */
static void test_predict_uint8(void **state) {
    (void)state;
    NEED_DATA();
    Session s;
    open_session(&s);
    assert_int_equal(run(&s, "load \"sample_weight.pkl\"\n"
                             "d = load_mnist(normalize=False)\n"
                             "u = d[1][0][0:10]; del d"),
                     RUN_OK);
    Net net;
    assert_true(net_ready(s.in, &net, NULL, 0));
    int pred[10];
    float conf[10];
    Err e;
    err_clear(&e);
    InferOut out = {pred, conf, NULL};
    assert_int_equal(infer_fast(&net, var(&s, "u"), 10, 10, &out, NULL, NULL, &e), 10);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(pred[i], ref_first_preds[i]);
        assert_true(conf[i] > 0.0f && conf[i] <= 1.0f);
    }
    close_session(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_mnist_test),    cmocka_unit_test(test_load_mnist_function),
        cmocka_unit_test(test_load_mnist_missing), cmocka_unit_test(test_load_pickle),
        cmocka_unit_test(test_evil_pickle),        cmocka_unit_test(test_npy_round_trip),
        cmocka_unit_test(test_evaluate_needs),     cmocka_unit_test(test_evaluate),
        cmocka_unit_test(test_predict_uint8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
