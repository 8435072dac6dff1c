/* test_net.c - the network commands and the stepper: finding the network,
 * the chain check (and the fixes shapefix offers for it), the forward pass
 * against NumPy's values (tests/unit/net_ref.h, from tests/tools/gen_net.py),
 * the table, the diagram, and `step` driven by a scripted "terminal".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "evaluate.h"
#include "init.h"
#include "interp.h"
#include "forward.h"
#include "net.h"
#include "sbuf.h"
#include "parse.h"
#include "shapefix.h"
#include "trace.h"

#include "net_ref.h"

/* --- helpers ---------------------------------------------------------------- */

typedef struct Session {
    Interp *in;
    FILE *out;
    char *text;
    size_t len;
} Session;

static Session *session_new(bool example) {
    Session *s = calloc(1, sizeof *s);
    assert_non_null(s);
    s->out = open_memstream(&s->text, &s->len);
    assert_non_null(s->out);
    s->in = nnsh_new(s->out, s->out);
    assert_non_null(s->in);
    interp_set_echo(s->in, true);
    if (example) assert_true(interp_load_example(s->in, true));
    return s;
}

/* Everything written so far (valid until the next write). */
static const char *session_text(Session *s) {
    fflush(s->out);
    return s->text ? s->text : "";
}

static void session_free(Session *s) {
    trace_set_mode(s->in, TRACE_OFF);
    interp_free(s->in);
    fclose(s->out);
    free(s->text);
    free(s);
}

static void set_var(Session *s, const char *name, int nd, const int64_t *shape, const double *v) {
    Array *a =
        v ? arr_from_f64(DT_FLOAT64, nd, shape, v, NULL) : arr_new(DT_FLOAT64, nd, shape, NULL);
    assert_non_null(a);
    assert_true(vars_set(interp_vars(s->in), name, val_array(a)));
}

static void assert_close(const Array *a, const double *want, int64_t n) {
    assert_non_null(a);
    assert_int_equal(a->size, n);
    for (int64_t i = 0; i < n; i++) {
        double d = arr_get(a, i) - want[i];
        if (d < -1e-12 || d > 1e-12)
            fail_msg("element %lld: %.17g, NumPy %.17g", (long long)i, arr_get(a, i), want[i]);
    }
}

static const Builtin *entry(const char *name) {
    for (int i = 0; trace_builtins[i].name; i++)
        if (strcmp(trace_builtins[i].name, name) == 0) return &trace_builtins[i];
    fail_msg("no entry %s", name);
    return NULL;
}

/* Run one command of the table on parsed text, as the evaluator would. */
static bool run_cmd(Session *s, const char *text, Err *e) {
    Node **st = NULL;
    err_clear(e);
    int n = parse_program(text, 1, &st, e);
    assert_int_equal(n, 1);
    const Node *call = st[0]->kind == N_EXPR ? st[0]->kids[0] : st[0];
    const char *name = call->kind == N_RAWCMD ? call->str
                       : call->kind == N_CALL ? call->kids[0]->str
                                              : call->str;
    Value *v = entry(name)->cmd(s->in, call, e);
    if (v) interp_print_value(s->in, v);
    val_free(v);
    node_free(st[0]);
    free(st);
    return e->kind == ERR_NONE;
}

/* --- activations ----------------------------------------------------------- */

static void test_act_names(void **state) {
    (void)state;
    NetAct a;
    assert_true(net_act_parse("softmax", &a));
    assert_int_equal(a, ACT_SOFTMAX);
    assert_true(net_act_parse("identity_function", &a));
    assert_int_equal(a, ACT_IDENTITY);
    assert_true(net_act_parse("step_function", &a));
    assert_string_equal(net_act_name(a), "step");
    assert_false(net_act_parse("tanh", &a));
    assert_false(net_act_parse(NULL, &a));
}

/* --- finding and checking -------------------------------------------------- */

static void test_find_example(void **state) {
    (void)state;
    Session *s = session_new(true);
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s->in, &net, &e));
    assert_int_equal(net.n, 3);
    assert_string_equal(net.layer[0].wname, "W1");
    assert_string_equal(net.layer[2].bname, "B3");
    assert_int_equal(net.layer[0].act, ACT_SIGMOID);
    assert_int_equal(net.layer[2].act, ACT_IDENTITY);
    int64_t x[1] = {2};
    assert_true(net_check(&net, "X", 1, x, &e));
    session_free(s);
}

/* The book's `network` dict with lowercase b1 keys. */
static void test_find_dict(void **state) {
    (void)state;
    Session *s = session_new(false);
    Value *d = val_dict_new();
    int64_t w1[2] = {4, 3}, b1[1] = {3}, w2[2] = {3, 2}, b2[1] = {2};
    assert_true(val_dict_put(d, "W1", val_array(arr_new(DT_FLOAT32, 2, w1, NULL))));
    assert_true(val_dict_put(d, "b1", val_array(arr_new(DT_FLOAT32, 1, b1, NULL))));
    assert_true(val_dict_put(d, "W2", val_array(arr_new(DT_FLOAT32, 2, w2, NULL))));
    assert_true(val_dict_put(d, "b2", val_array(arr_new(DT_FLOAT32, 1, b2, NULL))));
    assert_true(vars_set(interp_vars(s->in), "network", d));
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s->in, &net, &e));
    assert_int_equal(net.n, 2);
    assert_string_equal(net.layer[0].wname, "network['W1']");
    assert_string_equal(net.layer[1].bname, "network['b2']");
    session_free(s);
}

static void test_find_nothing(void **state) {
    (void)state;
    Session *s = session_new(false);
    Net net;
    Err e;
    err_clear(&e);
    assert_false(net_find(s->in, &net, &e));
    assert_int_equal(e.kind, ERR_NAME);
    session_free(s);
}

/* Layers that do not chain: a shape error naming both weights, and the
 * fix shapefix checks (W2 = W2.T). */
static void test_check_chain(void **state) {
    (void)state;
    Session *s = session_new(true);
    int64_t bad[2] = {2, 3};
    set_var(s, "W2", 2, bad, NULL);
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s->in, &net, &e));
    assert_false(net_check(&net, "X", 0, NULL, &e));
    assert_int_equal(e.kind, ERR_SHAPE);
    assert_string_equal(e.op, "layer");
    assert_string_equal(e.ops[0].name, "W1");
    assert_string_equal(e.ops[1].name, "W2");
    assert_int_equal(e.axis[0], 1);
    assert_int_equal(e.axis[1], 0);
    ShapeFix fx[3];
    assert_int_equal(shapefix_suggest(&e, FIX_COMMAND, fx, 3), 1);
    assert_string_equal(fx[0].code, "W2 = W2.T");
    session_free(s);
}

/* The input checked before anything runs: an image where a row is needed. */
static void test_check_input(void **state) {
    (void)state;
    Session *s = session_new(true);
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s->in, &net, &e));
    int64_t x[2] = {1, 3};
    assert_false(net_check(&net, "x", 2, x, &e));
    assert_string_equal(e.ops[0].name, "x");
    assert_int_equal(e.axis[0], 1);
    /* a bias of the wrong size */
    int64_t b[1] = {4};
    set_var(s, "B1", 1, b, NULL);
    assert_true(net_find(s->in, &net, &e));
    assert_false(net_check(&net, "X", 0, NULL, &e));
    assert_string_equal(e.op, "bias");
    assert_string_equal(e.ops[1].name, "B1");
    session_free(s);
}

/* --- running ---------------------------------------------------------------- */

static void test_forward_example(void **state) {
    (void)state;
    Session *s = session_new(true);
    FwdRun r;
    Err e;
    err_clear(&e);
    assert_true(fwd_run(s->in, NULL, &r, &e));
    assert_close(r.A[0], kExA1, 3);
    assert_close(r.Z[0], kExZ1, 3);
    assert_close(r.A[1], kExA2, 2);
    assert_close(r.Z[1], kExZ2, 2);
    assert_close(r.A[2], kExA3, 2);
    assert_close(r.Z[2], kExY, 2);
    char *t = fwd_table(&r);
    assert_non_null(strstr(t, "Total params: 23\n"));
    assert_non_null(strstr(t, "Shapes: (2,) -> (3,) -> (2,) -> (2,)\n"));
    assert_non_null(
        strstr(t, "1      X\xc2\xb7W1 + B1   (2,)   (2, 3)  (3,)  sigmoid     (3,)  9\n"));
    free(t);
    assert_true(fwd_bind(s->in, &r, false, &e));
    fwd_free(&r);
    const Value *y = vars_get(interp_vars(s->in), "Y");
    assert_non_null(y);
    assert_close(y->arr, kExY, 2);
    assert_non_null(vars_get(interp_vars(s->in), "Z2"));
    session_free(s);
}

/* net act 3 softmax changes the last layer. */
static void test_forward_softmax(void **state) {
    (void)state;
    Session *s = session_new(true);
    Err e;
    assert_true(run_cmd(s, "net act 3 softmax", &e));
    assert_non_null(strstr(session_text(s), "layer 3: W3 (2, 2)  B3 (2,)  softmax\n"));
    FwdRun r;
    assert_true(fwd_run(s->in, NULL, &r, &e));
    assert_close(r.Z[2], kExYSoftmax, 2);
    fwd_free(&r);
    assert_false(run_cmd(s, "net act 9 relu", &e));
    assert_false(run_cmd(s, "net act 1 tanh", &e));
    session_free(s);
}

/* A batch: the input as an argument, rows through every layer. */
static void test_forward_batch(void **state) {
    (void)state;
    Session *s = session_new(true);
    int64_t xs[2] = {3, 2};
    set_var(s, "xb", 2, xs, kBatchX);
    Err e;
    assert_true(run_cmd(s, "forward xb", &e));
    const Value *y = vars_get(interp_vars(s->in), "Y");
    assert_non_null(y);
    assert_int_equal(y->arr->ndim, 2);
    assert_close(y->arr, kBatchY, 6);
    assert_non_null(strstr(session_text(s), "Shapes: (3, 2) -> (3, 3) -> (3, 2) -> (3, 2)\n"));
    session_free(s);
}

/* The MNIST network's sizes: the table shows the batch's shapes. */
static void test_forward_mnist_shapes(void **state) {
    (void)state;
    Session *s = session_new(false);
    int64_t w1[2] = {784, 50}, b1[1] = {50}, w2[2] = {50, 100}, b2[1] = {100}, w3[2] = {100, 10},
            b3[1] = {10}, x[2] = {100, 784};
    set_var(s, "W1", 2, w1, NULL);
    set_var(s, "b1", 1, b1, NULL);
    set_var(s, "W2", 2, w2, NULL);
    set_var(s, "b2", 1, b2, NULL);
    set_var(s, "W3", 2, w3, NULL);
    set_var(s, "b3", 1, b3, NULL);
    set_var(s, "x_batch", 2, x, NULL);
    Err e;
    assert_true(run_cmd(s, "forward x_batch", &e));
    const char *t = session_text(s);
    assert_non_null(strstr(t, "Shapes: (100, 784) -> (100, 50) -> (100, 100) -> (100, 10)\n"));
    assert_non_null(strstr(t, "Total params: 45360\n"));
    /* shapes forward: the same chain, nothing computed */
    assert_true(run_cmd(s, "shapes forward x_batch", &e));
    assert_non_null(strstr(session_text(s), "-> (100, 10)  softmax\n"));
    session_free(s);
}

/* A failing forward binds nothing. */
static void test_forward_fails_cleanly(void **state) {
    (void)state;
    Session *s = session_new(true);
    int64_t bad[2] = {4, 2};
    set_var(s, "W2", 2, bad, NULL);
    Err e;
    assert_false(run_cmd(s, "forward", &e));
    assert_int_equal(e.kind, ERR_SHAPE);
    assert_null(vars_get(interp_vars(s->in), "A1"));
    assert_null(vars_get(interp_vars(s->in), "Y"));
    session_free(s);
}

/* Settings belong to the session: each of 100 sessions changes `net act`,
 * `net use` and `timing` and is freed (leak-checked under SAN=1); a session
 * made after it starts with the defaults, whatever address it gets. */
static void test_settings_per_session(void **state) {
    (void)state;
    for (int i = 0; i < 100; i++) {
        Session *s = session_new(true);
        Err e;
        assert_true(run_cmd(s, "net act 1 relu", &e));
        assert_true(run_cmd(s, "net use B1", &e));
        assert_int_equal(interp_run(s->in, "timing off", "<test>", 1), RUN_OK);
        assert_false(evaluate_timing(s->in));
        session_free(s);
        Session *t = session_new(true);
        Net net;
        assert_true(net_find(t->in, &net, &e));
        assert_int_equal(net.layer[0].act, ACT_SIGMOID);
        assert_string_equal(net.why, "");
        assert_true(evaluate_timing(t->in));
        session_free(t);
    }
}

/* The example's spelling and the book's side by side: the one whose layers
 * fit is used; when both fit, the one bound last; `net use` picks either,
 * until something newer is bound. */
static void test_two_families(void **state) {
    (void)state;
    Session *s = session_new(true);
    int64_t w1[2] = {4, 5}, b1[1] = {5}, w2[2] = {5, 3}, b2[1] = {3}, w3[2] = {3, 2}, b3[1] = {2};
    set_var(s, "W1", 2, w1, NULL); /* the book's W1..W3 over the example's */
    set_var(s, "W2", 2, w2, NULL);
    set_var(s, "W3", 2, w3, NULL);
    set_var(s, "b1", 1, b1, NULL);
    set_var(s, "b2", 1, b2, NULL);
    set_var(s, "b3", 1, b3, NULL);
    Net net;
    Err e;
    err_clear(&e);
    assert_true(net_find(s->in, &net, &e));
    assert_int_equal(net.bias, 'b');
    assert_string_equal(net.layer[0].bname, "b1");
    assert_int_equal(net.layer[2].act, ACT_SOFTMAX);
    assert_string_equal(net.why, "the one whose layers fit");
    /* B1..B3 made to fit too, after b1..b3: now they were bound last */
    set_var(s, "B1", 1, b1, NULL);
    set_var(s, "B2", 1, b2, NULL);
    set_var(s, "B3", 1, b3, NULL);
    assert_true(net_find(s->in, &net, &e));
    assert_int_equal(net.bias, 'B');
    assert_int_equal(net.layer[2].act, ACT_IDENTITY);
    assert_string_equal(net.why, "loaded last");
    assert_true(run_cmd(s, "net use b1", &e));
    assert_non_null(
        strstr(session_text(s), "also found W1..W3 with B1..B3: `net use B1` picks it\n"));
    assert_true(net_find(s->in, &net, &e));
    assert_int_equal(net.bias, 'b');
    /* something bound after the pick: the newest is used again */
    set_var(s, "B2", 1, b2, NULL);
    assert_true(net_find(s->in, &net, &e));
    assert_int_equal(net.bias, 'B');
    assert_false(run_cmd(s, "net use c1", &e));
    assert_non_null(strstr(e.msg, "net use takes b1, B1"));
    session_free(s);
}

/* --- the diagram ------------------------------------------------------------ */

/* The example network drawn as the chapter's figure: inputs x1 x2, hidden
 * neurons z1(1) .. with their layer, outputs y1 y2, the bias (1). The
 * expected picture is laid out by hand: each column as wide as its widest
 * text plus a blank either side, text centred, arrows 9 wide. */
static void test_diagram_example(void **state) {
    (void)state;
    int64_t sizes[4] = {2, 3, 2, 2};
    const char *acts[3] = {"sigmoid", "sigmoid", "identity"};
    char *d = net_diagram(3, sizes, acts, NULL, false);
    const char *want = " input           layer 1           layer 2            output\n"
                       "  (1)              (1)               (1)\n"
                       " (x1)            (z1(1))           (z1(2))             (y1)\n"
                       " (x2)   ==W1==>  (z2(1))  ==W2==>  (z2(2))  ==W3==>    (y2)\n"
                       "                 (z3(1))\n"
                       "                 sigmoid           sigmoid           identity\n"
                       "\n"
                       "edges into layer 1 (W1):\n"
                       "  a1(1) = w11(1) x1 + w12(1) x2 + b1(1)\n"
                       "  a2(1) = w21(1) x1 + w22(1) x2 + b2(1)\n"
                       "  a3(1) = w31(1) x1 + w32(1) x2 + b3(1)\n"
                       "\n"
                       "edges into layer 2 (W2):\n"
                       "  a1(2) = w11(2) z1(1) + w12(2) z2(1) + w13(2) z3(1) + b1(2)\n"
                       "  a2(2) = w21(2) z1(1) + w22(2) z2(1) + w23(2) z3(1) + b2(2)\n"
                       "\n"
                       "edges into the output (W3):\n"
                       "  a1(3) = w11(3) z1(2) + w12(3) z2(2) + b1(3)\n"
                       "  a2(3) = w21(3) z1(2) + w22(3) z2(2) + b2(3)\n";
    assert_string_equal(d, want);
    free(d);
}

/* The widest line of text, in terminal columns (UTF-8 continuation bytes
 * take none; the pictures hold no colour here). */
static int widest_line(const char *t) {
    int w = 0, best = 0;
    for (const char *p = t; *p; p++) {
        if (*p == '\n') {
            w = 0;
            continue;
        }
        if (((unsigned char)*p & 0xC0) != 0x80) w++;
        if (w > best) best = w;
    }
    return best;
}

/* Wide layers: first three, an ellipsis, the last, each with its layer;
 * no edge labels; within 80 columns. */
static void test_diagram_wide(void **state) {
    (void)state;
    int64_t sizes[4] = {784, 50, 100, 10};
    const char *acts[3] = {"sigmoid", "sigmoid", "softmax"};
    char *d = net_diagram(3, sizes, acts, NULL, false);
    assert_non_null(strstr(d, "(x784)"));
    assert_non_null(strstr(d, "(z3(1))"));
    assert_non_null(strstr(d, "(z50(1))"));
    assert_non_null(strstr(d, "(z100(2))"));
    assert_non_null(strstr(d, "(y10)"));
    assert_null(strstr(d, "(x4)"));
    assert_null(strstr(d, "(z4(1))"));
    assert_null(strstr(d, "(z50)"));
    assert_non_null(strstr(d, "\xe2\x8b\xae"));
    assert_null(strstr(d, "edges into"));
    assert_in_range(widest_line(d), 40, 80);
    free(d);
}

/* A network too wide for 80 columns (long weight names, or many layers) is
 * drawn in bands, the next band starting with the column the last one
 * ended with; every layer is still there. */
static void test_diagram_bands(void **state) {
    (void)state;
    int64_t sizes[4] = {784, 50, 100, 10};
    const char *wn[3] = {"network['W1']", "network['W2']", "network['W3']"};
    char *d = net_diagram(3, sizes, NULL, wn, false);
    assert_in_range(widest_line(d), 40, 80);
    assert_non_null(strstr(d, "==network['W3']==>"));
    /* layer 2 ends the first band and starts the second */
    const char *l2 = strstr(d, "layer 2");
    assert_non_null(l2);
    assert_non_null(strstr(l2 + 1, "layer 2"));
    free(d);
    int64_t deep[NET_MAX + 1] = {784, 100, 100, 100, 100, 100, 100, 100, 10};
    d = net_diagram(NET_MAX, deep, NULL, NULL, false);
    assert_in_range(widest_line(d), 40, 80);
    assert_non_null(strstr(d, "(z100(7))"));
    assert_non_null(strstr(d, "==W8==>"));
    assert_non_null(strstr(d, "(y10)"));
    free(d);
}

/* The bias node is dimmed only with colour. */
static void test_diagram_color(void **state) {
    (void)state;
    int64_t sizes[2] = {2, 2};
    char *d = net_diagram(1, sizes, NULL, NULL, true);
    assert_non_null(strstr(d, "\033[2m(1)\033[0m"));
    free(d);
    d = net_diagram(1, sizes, NULL, NULL, false);
    assert_null(strchr(d, '\033'));
    free(d);
    assert_null(net_diagram(0, sizes, NULL, NULL, false));
}

/* --- stepping with a scripted terminal -------------------------------------- */

typedef struct Script {
    const char *const *lines;
    int i, n;
} Script;

static char *script_get(void *ctx, const char *prompt) {
    (void)prompt;
    Script *s = ctx;
    if (s->i >= s->n) return NULL;
    return strdup(s->lines[s->i++]);
}

static void test_step_back_and_quit(void **state) {
    (void)state;
    Session *s = session_new(true);
    const char *answers[] = {"", "back", "", "quit"};
    Script sc = {answers, 0, 4};
    LineSource ls = {script_get, &sc, true};
    interp_set_input(s->in, &ls);
    Err e;
    assert_true(run_cmd(s, "step A1 = np.dot(X, W1) + B1", &e));
    const char *t = session_text(s);
    assert_non_null(strstr(t, "[1] dot "));
    assert_non_null(strstr(t, "(back)\n[1] dot "));
    assert_non_null(strstr(t, "stopped: nothing was assigned\n"));
    assert_null(vars_get(interp_vars(s->in), "A1"));
    assert_int_equal(sc.i, 4);
    session_free(s);
}

static void test_step_to_the_end(void **state) {
    (void)state;
    Session *s = session_new(true);
    const char *answers[] = {"", "", ""};
    Script sc = {answers, 0, 3};
    LineSource ls = {script_get, &sc, true};
    interp_set_input(s->in, &ls);
    Err e;
    assert_true(run_cmd(s, "step A1 = np.dot(X, W1) + B1", &e));
    assert_non_null(strstr(session_text(s), "[3] A1 = (3,) float64\n"));
    const Value *a1 = vars_get(interp_vars(s->in), "A1");
    assert_non_null(a1);
    assert_close(a1->arr, kExA1, 3);
    session_free(s);
}

/* step forward: continue runs to the end and binds the layers. */
static void test_step_forward_continue(void **state) {
    (void)state;
    Session *s = session_new(true);
    const char *answers[] = {"", "b", "continue"};
    Script sc = {answers, 0, 3};
    LineSource ls = {script_get, &sc, true};
    interp_set_input(s->in, &ls);
    Err e;
    assert_true(run_cmd(s, "step forward", &e));
    assert_non_null(strstr(session_text(s), "[9] identity "));
    const Value *y = vars_get(interp_vars(s->in), "Y");
    assert_non_null(y);
    assert_close(y->arr, kExY, 2);
    session_free(s);
}

/* Inside a function of the learner's: out goes on to the caller, over
 * skips what a call does. */
static void test_step_into_over_out(void **state) {
    (void)state;
    Session *s = session_new(true);
    assert_int_equal(interp_run(s->in,
                                "def layer(x, W, b):\n"
                                "    a = np.dot(x, W) + b\n"
                                "    return sigmoid(a)\n",
                                "<test>", 1),
                     RUN_OK);
    const char *answers[] = {"out", "", "", ""};
    Script sc = {answers, 0, 4};
    LineSource ls = {script_get, &sc, true};
    interp_set_input(s->in, &ls);
    Err e;
    assert_true(run_cmd(s, "step Z = layer(X, W1, B1) * 2", &e));
    const char *t = session_text(s);
    /* the first step is inside layer; out skips its other three */
    assert_non_null(strstr(t, "layer:2  [1] dot "));
    assert_non_null(strstr(t, "(3 steps inside the calls are not shown)\n[2] multiply "));
    assert_null(strstr(t, "layer:3  [1] sigmoid"));
    const Value *z = vars_get(interp_vars(s->in), "Z");
    assert_non_null(z);
    const double want[3] = {2 * kExZ1[0], 2 * kExZ1[1], 2 * kExZ1[2]}; /* NumPy's Z1, doubled */
    assert_close(z->arr, want, 3);
    session_free(s);

    /* over, at a step of the caller, passes the whole call */
    s = session_new(true);
    assert_int_equal(interp_run(s->in, "def twice(v):\n    return v + v\n", "<test>", 1), RUN_OK);
    const char *answers2[] = {"over", "", ""};
    Script sc2 = {answers2, 0, 3};
    LineSource ls2 = {script_get, &sc2, true};
    interp_set_input(s->in, &ls2);
    assert_true(run_cmd(s, "step V = twice(X * 3) - 1", &e));
    t = session_text(s);
    assert_non_null(strstr(t, "[1] multiply "));
    assert_non_null(strstr(t, "(1 step inside the call is not shown)\n[3] subtract "));
    session_free(s);
}

/* trace full: the chapter's expansion of every element of A1. */
static void test_explain_expansion(void **state) {
    (void)state;
    Session *s = session_new(true);
    Err e;
    assert_true(run_cmd(s, "explain A1 = np.dot(X, W1) + B1", &e));
    const char *t = session_text(s);
    assert_non_null(
        strstr(t, "a1(1) = w11(1)*x1 + w12(1)*x2 + b1(1) = 0.1*1.0 + 0.2*0.5 + 0.1 = 0.3\n"));
    assert_non_null(
        strstr(t, "a3(1) = w31(1)*x1 + w32(1)*x2 + b3(1) = 0.5*1.0 + 0.6*0.5 + 0.3 = 1.1\n"));
    assert_null(vars_get(interp_vars(s->in), "A1"));
    session_free(s);
}

/* An expansion wider than $COLUMNS breaks before each further "=", and
 * before a "+" that would pass the width, under the first "=". */
static void test_explain_expansion_wraps(void **state) {
    (void)state;
    setenv("COLUMNS", "40", 1);
    Session *s = session_new(true);
    Err e;
    assert_true(run_cmd(s, "explain A1 = np.dot(X, W1) + B1", &e));
    const char *t = session_text(s);
    assert_non_null(strstr(t, "      a1(1) = w11(1)*x1 + w12(1)*x2\n"
                              "            + b1(1)\n"
                              "            = 0.1*1.0 + 0.2*0.5 + 0.1\n"
                              "            = 0.3\n"));
    session_free(s);
    unsetenv("COLUMNS");
}

static void test_trace_num(void **state) {
    (void)state;
    char b[32];
    assert_string_equal(trace_num(1.0, b), "1.0");
    assert_string_equal(trace_num(0.30000000000000004, b), "0.3");
    assert_string_equal(trace_num(1.0140269561658172, b), "1.01402696");
    assert_string_equal(trace_num(-2.5, b), "-2.5");
    assert_string_equal(trace_num(0.0, b), "0.0");
    assert_string_equal(trace_num(1e-7, b), "1e-07");
    assert_int_equal(str_display_width("\xc2\xb7 \033[2m(1)\033[0m \xe2\x8b\xae"), 7);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_act_names),
        cmocka_unit_test(test_find_example),
        cmocka_unit_test(test_find_dict),
        cmocka_unit_test(test_find_nothing),
        cmocka_unit_test(test_check_chain),
        cmocka_unit_test(test_check_input),
        cmocka_unit_test(test_forward_example),
        cmocka_unit_test(test_forward_softmax),
        cmocka_unit_test(test_forward_batch),
        cmocka_unit_test(test_forward_mnist_shapes),
        cmocka_unit_test(test_forward_fails_cleanly),
        cmocka_unit_test(test_settings_per_session),
        cmocka_unit_test(test_two_families),
        cmocka_unit_test(test_diagram_example),
        cmocka_unit_test(test_diagram_wide),
        cmocka_unit_test(test_diagram_bands),
        cmocka_unit_test(test_diagram_color),
        cmocka_unit_test(test_step_back_and_quit),
        cmocka_unit_test(test_step_to_the_end),
        cmocka_unit_test(test_step_forward_continue),
        cmocka_unit_test(test_step_into_over_out),
        cmocka_unit_test(test_explain_expansion),
        cmocka_unit_test(test_explain_expansion_wraps),
        cmocka_unit_test(test_trace_num),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
