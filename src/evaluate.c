/* evaluate.c - the network on the MNIST test set, the two ways the book
 * runs it, and the reports on what it found (see evaluate.h). The forward
 * pass itself is infer.h's fast path. */
#include "evaluate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "data.h"
#include "infer.h"
#include "net.h"
#include "sbuf.h"
#include "shapefix.h"

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

/* Python's str() of a float: the shortest digits that read back the same,
 * with ".0" on whole numbers (0.9352, 1.0). */
static void py_float(char *buf, size_t n, double v) {
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    if (!strpbrk(buf, ".eEn")) strncat(buf, ".0", n - strlen(buf) - 1);
}

static const Array *var_array(Interp *in, const char *name) {
    const Value *v = vars_get(interp_vars(in), name);
    return v && v->kind == V_ARRAY ? v->arr : NULL;
}

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

/* ---- evaluate ---------------------------------------------------------------------- */

/* Per session: what the last evaluation found, for `confusion` and
 * `misses`, with the images it belongs to so that it is never shown for
 * other data; the last time of each loop; and the `timing` setting. */
typedef struct EvalState {
    const void *xdata; /* identity of the x_test that was evaluated */
    int64_t n;
    int *pred;
    float *conf;
    int *label;
    double secs[2];    /* last time of [0] one at a time, [1] batched; 0: not run */
    int64_t secs_n[2]; /* over how many images */
    bool timing_off;
} EvalState;

static void state_free(void *p) {
    EvalState *st = p;
    free(st->pred);
    free(st->conf);
    free(st->label);
    free(st);
}

static const InterpSlotKey kEvalKey = {"evaluate", state_free};

/* The session's state; NULL (with e set) when out of memory. */
static EvalState *state_of(Interp *in, Err *e) {
    EvalState *st = interp_slot(in, &kEvalKey);
    if (st) return st;
    st = calloc(1, sizeof *st);
    if (!st || !interp_set_slot(in, &kEvalKey, st)) {
        err_set(e, ERR_MEMORY, "out of memory");
        return NULL;
    }
    return st;
}

bool evaluate_timing(Interp *in) {
    EvalState *st = interp_slot(in, &kEvalKey);
    return !st || !st->timing_off;
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
    if (!evaluate_timing(in)) return;
    fprintf(interp_out(in), "time: %.3f s, %.0f images/s, peak memory %.1f MiB\n", secs,
            secs > 0 ? (double)n / secs : 0.0, peak_mib());
}

/* Between batches: the progress bar, and Ctrl-C stops the run. */
static bool on_tick(void *ctx, int64_t done) {
    progress_update(ctx, done);
    return !interp_interrupted;
}

/* "(100, 784) -> (100, 50) -> ..." or "(784,) -> (50,) -> ..." appended to
 * buf (capacity cap, used k). */
static void chain_text(char *buf, size_t cap, size_t *k, const int64_t *d, int n, int64_t batch) {
    for (int k2 = 0; k2 <= n; k2++) {
        if (batch == 1)
            str_addf(buf, cap, k, "%s(%lld,)", k2 ? " -> " : "", (long long)d[k2]);
        else
            str_addf(buf, cap, k, "%s(%lld, %lld)", k2 ? " -> " : "", (long long)batch,
                     (long long)d[k2]);
    }
}

/* Print "HEAD TAIL" on one line when it fits the terminal, else HEAD and
 * then TAIL on the next line(s), indented by two spaces and wrapped at
 * spaces (a command in backticks or a shape in brackets stays whole). */
static void print_head_tail(FILE *out, const char *head, const char *tail) {
    if (str_display_width(head) + 1 + str_display_width(tail) <= shapefix_width()) {
        fprintf(out, "%s %s\n", head, tail);
        return;
    }
    fprintf(out, "%s\n", head);
    shapefix_wrap(out, "  ", tail, 4);
}

/* One full pass over the test set: batch 1 is the book's first loop (one
 * image at a time), larger batches its second. Prints the book's accuracy
 * line and the time, and keeps the predictions. */
static bool run_eval(Interp *in, const Net *net, const Array *x, const Array *t, int64_t batch,
                     Err *e) {
    int64_t n = x->shape[0];
    FILE *out = interp_out(in);
    EvalState *st = state_of(in, e);
    int *pred = malloc((size_t)(n ? n : 1) * sizeof *pred);
    float *conf = malloc((size_t)(n ? n : 1) * sizeof *conf);
    int *lab = st ? labels_of(t, n, e) : NULL;
    bool ok = false;
    if (!st || !pred || !conf || !lab) {
        if (e->kind == ERR_NONE) err_set(e, ERR_MEMORY, "evaluate: out of memory");
        goto out;
    }
    int64_t d[NET_MAX + 1];
    net_dims(net, d);
    char head[96], chain[512];
    size_t k = 0;
    chain[0] = '\0';
    if (batch == 1) {
        str_fmt(head, sizeof head, "one image at a time, as the book's first loop: %lld images,",
                (long long)n);
        str_addf(chain, sizeof chain, &k, "x ");
        chain_text(chain, sizeof chain, &k, d, net->n, 1);
        str_addf(chain, sizeof chain, &k, " -> argmax");
    } else {
        str_fmt(head, sizeof head, "batches of %lld, as the book's batch loop:", (long long)batch);
        chain_text(chain, sizeof chain, &k, d, net->n, batch);
        str_addf(chain, sizeof chain, &k, " -> argmax(axis=1)");
    }
    print_head_tail(out, head, chain);
    if (x->dtype == DT_UINT8)
        shapefix_wrap(out, "note: ",
                      "x_test holds pixels 0..255 (uint8); each is divided by 255 first, "
                      "as load_mnist(normalize=True) does",
                      2);
    fflush(out);

    Progress pg = {
        out, isatty(fileno(out)) != 0, false, 0, 0, n, batch == 1 ? "one at a time" : "batches"};
    double t0 = now_seconds();
    pg.t0 = t0;
    InferOut io = {pred, conf, NULL};
    int64_t done = infer_fast(net, x, n, batch, &io, on_tick, &pg, e);
    progress_end(&pg);
    if (done < 0) goto out;
    if (done < n || interp_interrupted) {
        err_set(e, ERR_INTERRUPT, "evaluate stopped after %lld of %lld images", (long long)done,
                (long long)n);
        goto out;
    }
    double secs = now_seconds() - t0;
    int64_t correct = 0;
    for (int64_t i = 0; i < n; i++)
        correct += pred[i] == lab[i];

    char acc[64];
    py_float(acc, sizeof acc, n ? (double)correct / (double)n : 0.0);
    fprintf(out, "Accuracy:%s\n", acc);
    print_time(in, secs, n);

    /* keep the results; the timings survive while the data stays the same */
    if (st->xdata != x->data || st->n != n) memset(st->secs, 0, sizeof st->secs);
    free(st->pred);
    free(st->conf);
    free(st->label);
    st->xdata = x->data;
    st->n = n;
    st->pred = pred;
    st->conf = conf;
    st->label = lab;
    pred = NULL;
    conf = NULL;
    lab = NULL;
    int me = batch == 1 ? 0 : 1;
    st->secs[me] = secs;
    st->secs_n[me] = n;
    if (evaluate_timing(in) && st->secs[0] > 0 && st->secs[1] > 0 &&
        st->secs_n[0] == st->secs_n[1]) {
        double speedup = st->secs[0] / st->secs[1];
        if (me == 1)
            fprintf(out, "time: batching is %.1fx faster than one image at a time (%.3f s)\n",
                    speedup, st->secs[0]);
        else
            fprintf(out, "time: one image at a time is %.1fx slower than batches (%.3f s)\n",
                    speedup, st->secs[1]);
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
    Err ne;
    err_clear(&ne);
    char why[sizeof ne.msg + 8] = "";
    bool have_net = net_find(in, net, &ne) && net_check(net, "x_test", 0, NULL, &ne);
    if (!have_net && ne.kind == ERR_NAME)
        snprintf(why, sizeof why,
                 "the network's weights are not defined (missing: W1 b1 W2 b2 "
                 "W3 b3)");
    else if (!have_net)
        snprintf(why, sizeof why, "%s", ne.msg);
    if (!*x || !*t || !have_net) {
        char need[sizeof why + 128] = "";
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
    int64_t d[NET_MAX + 1];
    net_dims(net, d);
    const Array *W1 = net->layer[0].W;
    if ((*x)->ndim < 2 || (*x)->shape[0] == 0 || (*x)->size / (*x)->shape[0] != d[0] ||
        (*x)->dtype == DT_BOOL) {
        err_set(e, ERR_SHAPE, "x_test has shape %s but %s %s takes images of %lld values",
                shape_str(s1, (*x)->ndim, (*x)->shape), net->layer[0].wname,
                shape_str(s2, W1->ndim, W1->shape), (long long)d[0]);
        return false;
    }
    bool onehot = (*t)->ndim == 2 && (*t)->shape[1] == d[net->n];
    if (!((*t)->ndim == 1 || onehot) || (*t)->shape[0] != (*x)->shape[0]) {
        err_set(e, ERR_SHAPE, "t_test has shape %s but x_test %s needs (%lld,) labels",
                shape_str(s1, (*t)->ndim, (*t)->shape), shape_str(s2, (*x)->ndim, (*x)->shape),
                (long long)(*x)->shape[0]);
        return false;
    }
    return true;
}

Value *evaluate_cmd_evaluate(Interp *in, const Node *call, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, "evaluate", &ca, e)) return NULL;
    if (!data_check_kw(&ca, "evaluate", "batch batch_size", e)) return NULL;
    int64_t batch = 1;
    bool both = false;
    for (int i = 0; i < ca.n; i++) {
        if (data_is_word(ca.pos[i], "both"))
            both = true;
        else if (!data_eval_int64(in, ca.pos[i], "the batch size", &batch, e))
            return NULL;
    }
    const Node *bk = data_find_kw(&ca, "batch");
    if (!bk) bk = data_find_kw(&ca, "batch_size");
    if (bk && !data_eval_int64(in, bk, "batch", &batch, e)) return NULL;
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
static EvalState *last_eval(Interp *in, const char *cmd, Err *e) {
    const Array *x = var_array(in, "x_test");
    EvalState *st = interp_slot(in, &kEvalKey);
    if (!st || !st->pred) {
        err_set(e, ERR_VALUE, "%s shows the results of `evaluate`, which has not run yet", cmd);
        return NULL;
    }
    if (!x) {
        err_set(e, ERR_VALUE,
                "x_test is no longer defined: type `load_mnist test` and "
                "`evaluate` again");
        return NULL;
    }
    if (x->data != st->xdata || x->shape[0] != st->n) {
        err_set(e, ERR_VALUE, "x_test has changed since the last `evaluate`: run it again first");
        return NULL;
    }
    return st;
}

Value *evaluate_cmd_confusion(Interp *in, const Node *call, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, "confusion", &ca, e) || !data_check_kw(&ca, "confusion", "", e))
        return NULL;
    if (ca.n > 0) return err_set_at(e, ERR_TYPE, ca.pos[0]->span, "confusion takes no arguments");
    const EvalState *st = last_eval(in, "confusion", e);
    if (!st) return NULL;
    int nc = 10;
    for (int64_t i = 0; i < st->n; i++) {
        if (st->pred[i] + 1 > nc) nc = st->pred[i] + 1;
        if (st->label[i] + 1 > nc) nc = st->label[i] + 1;
    }
    if (nc > 32) return err_set(e, ERR_VALUE, "confusion: %d classes are too many to print", nc);
    int64_t m[32][32] = {{0}};
    for (int64_t i = 0; i < st->n; i++)
        if (st->label[i] >= 0) m[st->label[i]][st->pred[i]]++;

    /* each count column is as wide as the largest count (at least 3) */
    int64_t big = 0;
    for (int i = 0; i < nc; i++)
        for (int j = 0; j < nc; j++)
            if (m[i][j] > big) big = m[i][j];
    int cw = 3;
    for (int64_t b = 1000; b <= big; b *= 10)
        cw++;
    FILE *f = interp_out(in);
    char head[96];
    str_fmt(head, sizeof head,
            "confusion matrix of the last evaluate (%lld images):", (long long)st->n);
    print_head_tail(f, head, "a row for each true digit, a column for each prediction");
    fprintf(f, "label");
    for (int j = 0; j < nc; j++)
        fprintf(f, " %*d", cw, j);
    fprintf(f, "   images  correct\n");
    int64_t all = 0, right = 0;
    for (int i = 0; i < nc; i++) {
        int64_t row = 0;
        fprintf(f, "%5d", i);
        for (int j = 0; j < nc; j++) {
            fprintf(f, " %*lld", cw, (long long)m[i][j]);
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
    fprintf(f, "%-*s   %6lld  %6.1f%%\n", 5 + (cw + 1) * nc, "all", (long long)all,
            all ? 100.0 * (double)right / (double)all : 0.0);
    return NULL;
}

Value *evaluate_cmd_misses(Interp *in, const Node *call, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, "misses", &ca, e) || !data_check_kw(&ca, "misses", "", e))
        return NULL;
    int64_t limit = -1;
    if (ca.n > 1) return err_set_at(e, ERR_TYPE, ca.pos[1]->span, "misses takes one number");
    if (ca.n == 1 && !data_eval_int64(in, ca.pos[0], "the number of misses to list", &limit, e))
        return NULL;
    const EvalState *st = last_eval(in, "misses", e);
    if (!st) return NULL;
    int64_t total = 0;
    for (int64_t i = 0; i < st->n; i++)
        total += st->pred[i] != st->label[i];
    FILE *f = interp_out(in);
    char head[96];
    str_fmt(head, sizeof head, "%lld of %lld images misclassified by the last evaluate;",
            (long long)total, (long long)st->n);
    print_head_tail(f, head, "`show x_test[i]` draws one");
    if (total == 0) return NULL;
    fprintf(f, "index  label  predicted  confidence\n");
    int64_t shown = 0;
    for (int64_t i = 0; i < st->n && (limit < 0 || shown < limit); i++) {
        if (st->pred[i] == st->label[i]) continue;
        fprintf(f, "%5lld  %5d  %9d  %10.4f\n", (long long)i, st->label[i], st->pred[i],
                (double)st->conf[i]);
        shown++;
    }
    if (shown < total)
        fprintf(f, "... and %lld more (`misses` lists them all)\n", (long long)(total - shown));
    return NULL;
}

Value *evaluate_cmd_timing(Interp *in, const Node *call, Err *e) {
    DataArgs ca;
    if (!data_split_args(call, "timing", &ca, e) || !data_check_kw(&ca, "timing", "", e))
        return NULL;
    if (ca.n > 1 ||
        (ca.n == 1 && !data_is_word(ca.pos[0], "on") && !data_is_word(ca.pos[0], "off")))
        return err_set_at(e, ERR_TYPE, call->span, "timing takes on or off: timing off");
    if (ca.n == 1) {
        EvalState *st = state_of(in, e);
        if (!st) return NULL;
        st->timing_off = data_is_word(ca.pos[0], "off");
    } else {
        fprintf(interp_out(in), "timing is %s\n", evaluate_timing(in) ? "on" : "off");
    }
    return NULL;
}

/* --- the table ------------------------------------------------------------------ */

const Builtin evaluate_builtins[] = {
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
    {NULL},
};
