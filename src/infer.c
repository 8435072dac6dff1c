/* infer.c - the forward pass of a network, three ways (see infer.h): layer by
 * layer with the shell's operations, fused and batched for speed, and as
 * plain reference loops.
 */
#include "infer.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* ======================================================================
 * layer by layer, with the shell's operations
 * ====================================================================== */

void infer_steps_free(InferSteps *s) {
    for (int k = 0; k < NET_MAX; k++) {
        arr_free(s->A[k]);
        arr_free(s->Z[k]);
    }
    memset(s, 0, sizeof *s);
}

/* Report one operation to the tracer: res = op(a, b); b may be NULL. */
static void emit(Interp *in, const char *op, const Array *a, const char *an, const Array *b,
                 const char *bn, const Array *res) {
    TraceEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.op = op;
    ev.nargs = b ? 2 : 1;
    ev.args[0] = a;
    ev.argtext[0] = an;
    ev.args[1] = b;
    ev.argtext[1] = b ? bn : NULL;
    ev.result = res;
    interp_trace_event(in, &ev);
}

/* Z = h(A) with the shell's own operation for h. */
static Array *activate(NetAct act, const Array *a, Err *e) {
    switch (act) {
    case ACT_SIGMOID: return op_unary(OP_SIGMOID, a, e);
    case ACT_RELU: return op_unary(OP_RELU, a, e);
    case ACT_STEP: return op_unary(OP_STEP, a, e);
    case ACT_SOFTMAX: return op_softmax(a, e);
    case ACT_IDENTITY: break;
    }
    return arr_copy(a, e);
}

/* A shape error from an operation names its operands as the learner wrote
 * them. */
static void name_operands(Err *e, const char *a, const char *b) {
    if (e->kind != ERR_SHAPE) return;
    snprintf(e->ops[0].name, sizeof e->ops[0].name, "%s", a);
    if (b && e->nops > 1) snprintf(e->ops[1].name, sizeof e->ops[1].name, "%s", b);
}

bool infer_steps(Interp *in, const Net *net, const Array *x, const char *xname, bool book_names,
                 InferSteps *s, Err *e) {
    memset(s, 0, sizeof *s);
    const Array *z = x;
    char zname[16] = "", aname[16];
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        const char *zn = k == 0 ? xname : zname;
        Array *d = op_dot(z, L->W, e); /* Z<k-1> · W<k> */
        if (!d) {
            name_operands(e, zn, L->wname);
            goto fail;
        }
        emit(in, "dot", z, zn, L->W, L->wname, d);
        if (L->B) { /* + B<k> */
            s->A[k] = op_binary(OP_ADD, d, L->B, e);
            if (s->A[k])
                emit(in, "add", d, "", L->B, L->bname, s->A[k]);
            else
                name_operands(e, "", L->bname);
            arr_free(d);
        } else {
            s->A[k] = d;
        }
        if (!s->A[k]) goto fail;
        snprintf(aname, sizeof aname, "%c%d", book_names ? 'a' : 'A', k + 1);
        s->Z[k] = activate(L->act, s->A[k], e); /* h<k>(A<k>) */
        if (!s->Z[k]) goto fail;
        emit(in, net_act_name(L->act), s->A[k], aname, NULL, NULL, s->Z[k]);
        snprintf(zname, sizeof zname, "%c%d", book_names ? 'z' : 'Z', k + 1);
        z = s->Z[k];
        s->n = k + 1;
    }
    return true;
fail:
    infer_steps_free(s);
    return false;
}

/* ======================================================================
 * common to the fast path and the reference
 * ====================================================================== */

/* Does x hold `count` images of the network's input size? */
static bool input_fits(const Net *net, const Array *x, int64_t count, Err *e) {
    int64_t D = net->n > 0 ? net->layer[0].W->shape[0] : 0;
    if (net->n > 0 && count >= 0 && D > 0 && x->size / D >= count && x->dtype != DT_BOOL)
        return true;
    char sh[64];
    err_set(e, ERR_SHAPE, "the network takes inputs of %lld values; got %s %s", (long long)D,
            shape_str(sh, x->ndim, x->shape), dtype_name(x->dtype));
    return false;
}

/* The last layer of image i: its winning class and value, and the row
 * itself, into out. */
static void finish_row(const InferOut *out, int64_t i, const double *row, /* (C,) */
                       int64_t C) {
    int64_t best = 0;
    for (int64_t j = 1; j < C; j++)
        if (row[j] > row[best]) best = j;
    if (out->pred) out->pred[i] = (int)best;
    if (out->conf) out->conf[i] = (float)row[best];
    if (out->y) memcpy(out->y + i * C, row, (size_t)C * sizeof *row);
}

/* ======================================================================
 * the reference: plain loops in float64, one sample at a time
 * ====================================================================== */

/* One layer's weighted sum for one sample: out = in · W + b. */
static void ref_linear(double *out,      /* (nout,) */
                       const double *in, /* (nin,) */
                       const double *W,  /* (nin, nout) */
                       const double *b,  /* (nout,), or NULL: no bias */
                       int64_t nin, int64_t nout) {
    for (int64_t j = 0; j < nout; j++) {
        double s = 0.0;
        for (int64_t i = 0; i < nin; i++)
            s += in[i] * W[i * nout + j];
        out[j] = b ? s + b[j] : s;
    }
}

/* The activation of one sample's layer, in place: a = h(a). */
static void ref_activate(double *a, /* (n,) */
                         int64_t n, NetAct act) {
    switch (act) {
    case ACT_SIGMOID:
        for (int64_t j = 0; j < n; j++)
            a[j] = 1.0 / (1.0 + exp(-a[j]));
        break;
    case ACT_RELU:
        for (int64_t j = 0; j < n; j++)
            a[j] = a[j] > 0.0 ? a[j] : 0.0;
        break;
    case ACT_STEP:
        for (int64_t j = 0; j < n; j++)
            a[j] = a[j] > 0.0 ? 1.0 : 0.0;
        break;
    case ACT_SOFTMAX: {
        double mx = a[0], sum = 0.0;
        for (int64_t j = 1; j < n; j++)
            if (a[j] > mx) mx = a[j];
        for (int64_t j = 0; j < n; j++)
            sum += (a[j] = exp(a[j] - mx));
        for (int64_t j = 0; j < n; j++)
            a[j] /= sum;
        break;
    }
    case ACT_IDENTITY: break;
    }
}

/* A's n values as float64, a new array; a scalar bias is repeated n times. */
static Array *as_f64_vector(const Array *a, int64_t n, Err *e) {
    int64_t shape[1] = {n};
    Array *r = arr_new_uninit(DT_FLOAT64, 1, shape, e);
    if (!r) return NULL;
    double *d = r->data;
    for (int64_t j = 0; j < n; j++)
        d[j] = arr_get(a, a->size == 1 ? 0 : j);
    return r;
}

bool infer_ref(const Net *net, const Array *x, int64_t count, const InferOut *out, Err *e) {
    if (!input_fits(net, x, count, e)) return false;
    int64_t dim[NET_MAX + 1], widest = 0;
    net_dims(net, dim);
    for (int k = 0; k <= net->n; k++)
        if (dim[k] > widest) widest = dim[k];
    Array *W[NET_MAX] = {0}, *B[NET_MAX] = {0};
    double *h[2] = {malloc((size_t)widest * sizeof(double)),
                    malloc((size_t)widest * sizeof(double))};
    bool ok = h[0] && h[1];
    if (!ok) err_set(e, ERR_MEMORY, "out of memory");
    for (int k = 0; ok && k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        W[k] = op_astype(L->W, DT_FLOAT64, e);
        if (L->B) B[k] = as_f64_vector(L->B, dim[k + 1], e);
        ok = W[k] && (!L->B || B[k]);
    }
    for (int64_t i = 0; ok && i < count; i++) {
        double *in = h[0];
        for (int64_t j = 0; j < dim[0]; j++) { /* the sample, pixels scaled as normalize=True */
            double v = arr_get(x, i * dim[0] + j);
            in[j] = x->dtype == DT_UINT8 ? (double)((float)v / 255.0f) : v;
        }
        for (int k = 0; k < net->n; k++) {
            double *o = h[(k + 1) & 1];
            ref_linear(o, in, W[k]->data, B[k] ? B[k]->data : NULL, dim[k], dim[k + 1]);
            ref_activate(o, dim[k + 1], net->layer[k].act);
            in = o;
        }
        finish_row(out, i, in, dim[net->n]);
    }
    for (int k = 0; k < net->n; k++) {
        arr_free(W[k]);
        arr_free(B[k]);
    }
    free(h[0]);
    free(h[1]);
    return ok;
}

/* ======================================================================
 * the fast path
 *
 * It reads the images in place when they already have the computing type
 * (never copying the 31 MB of x_test), packs each float32 weight matrix once
 * for the fast kernel, and runs each layer of a batch as one matrix product
 * (kern_gemm_f32_packed) followed by one loop that adds the bias and applies
 * the activation. The batches are shared by two threads (kern_parallel),
 * each with its own buffers. float32 values are rounded at the same points
 * as NumPy's float32 arithmetic, so the predictions are the book's.
 * ====================================================================== */

typedef struct FastBufs {
    void *x;     /* the batch converted to the computing type; NULL: read in place */
    void *h[2];  /* the layers' outputs, alternately (batch, widest) */
    double *row; /* one output row as float64, for finish_row */
} FastBufs;

typedef struct FastRun {
    const Net *net;
    bool f32; /* every weight and bias is float32: compute in float32 */
    int64_t dim[NET_MAX + 1], batch;
    const void *W[NET_MAX], *b[NET_MAX]; /* b NULL: no bias */
    KernPackedB packed[NET_MAX];         /* f32: W packed for the kernel */
    Array *own[2 * NET_MAX];             /* converted weights and biases */
    FastBufs buf[KERN_WORKERS];
    /* the job */
    const Array *x;
    int64_t count;
    const InferOut *out;
    InferTick tick;
    void *ctx;
    atomic_bool stop;
    atomic_llong done;
} FastRun;

static void fast_free(FastRun *r) {
    for (int k = 0; k < NET_MAX; k++)
        kern_packed_free(&r->packed[k]);
    for (int k = 0; k < 2 * NET_MAX; k++)
        arr_free(r->own[k]);
    for (int w = 0; w < KERN_WORKERS; w++) {
        free(r->buf[w].x);
        free(r->buf[w].h[0]);
        free(r->buf[w].h[1]);
        free(r->buf[w].row);
    }
}

/* `a` as `n` values of dtype t: its own data when it already is, else a
 * converted copy kept in *own (a scalar bias is repeated). */
static const void *values_as(const Array *a, DType t, int64_t n, Array **own, Err *e) {
    if (a->dtype == t && a->size == n) return a->data;
    int64_t shape[1] = {n};
    *own = arr_new_uninit(t, 1, shape, e);
    if (!*own) return NULL;
    for (int64_t j = 0; j < n; j++)
        arr_set(*own, j, arr_get(a, a->size == 1 ? 0 : j));
    return (*own)->data;
}

static bool fast_init(FastRun *r, const Net *net, const Array *x, int64_t batch, Err *e) {
    memset(r, 0, sizeof *r);
    r->net = net;
    r->batch = batch;
    net_dims(net, r->dim);
    r->f32 = true;
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        if (L->W->dtype != DT_FLOAT32 || (L->B && L->B->dtype != DT_FLOAT32)) r->f32 = false;
    }
    DType t = r->f32 ? DT_FLOAT32 : DT_FLOAT64;
    size_t es = dtype_size(t);
    int64_t widest = 0;
    for (int k = 0; k < net->n; k++) {
        const NetLayer *L = &net->layer[k];
        int64_t nin = r->dim[k], nout = r->dim[k + 1];
        if (nout > widest) widest = nout;
        r->W[k] = values_as(L->W, t, nin * nout, &r->own[2 * k], e);
        if (!r->W[k]) goto fail;
        if (L->B && !(r->b[k] = values_as(L->B, t, nout, &r->own[2 * k + 1], e))) goto fail;
        if (r->f32 && !kern_pack_b_f32(&r->packed[k], nin, nout, r->W[k])) goto nomem;
    }
    bool in_place = x->dtype == t;
    for (int w = 0; w < KERN_WORKERS; w++) {
        FastBufs *b = &r->buf[w];
        if (!in_place && !(b->x = malloc((size_t)(batch * r->dim[0]) * es))) goto nomem;
        for (int i = 0; i < 2; i++)
            if (!(b->h[i] = malloc((size_t)(batch * widest) * es))) goto nomem;
        if (!(b->row = malloc((size_t)r->dim[net->n] * sizeof(double)))) goto nomem;
    }
    return true;
nomem:
    err_set(e, ERR_MEMORY, "out of memory for the network's workspace");
fail:
    fast_free(r);
    return false;
}

/* The images x[i0 .. i0+rows) in the computing type: a pointer into x, or
 * converted into the worker's buffer (uint8 pixels divided by 255 in
 * float32, as load_mnist(normalize=True) does). */
static const void *batch_input(const FastRun *r, const FastBufs *b, int64_t i0, int64_t rows) {
    const Array *x = r->x;
    int64_t D = r->dim[0], n = rows * D, off = i0 * D;
    if (!b->x) return (const char *)x->data + (size_t)off * dtype_size(x->dtype);
    const uint8_t *u = x->dtype == DT_UINT8 ? (const uint8_t *)x->data + off : NULL;
    if (r->f32) {
        float *o = b->x;
        for (int64_t i = 0; i < n; i++)
            o[i] = u ? (float)u[i] / 255.0f : (float)arr_get(x, off + i);
    } else {
        double *o = b->x;
        for (int64_t i = 0; i < n; i++)
            o[i] = u ? (double)((float)u[i] / 255.0f) : arr_get(x, off + i);
    }
    return b->x;
}

/* NumPy's float32 sum of a softmax row: the first value, then the rest as
 * its pairwise sum adds fewer than 128 values (eight partial sums, then the
 * tail), so the probabilities round as NumPy's do. */
static float row_sum_f32(const float *v, int64_t n) {
    if (n <= 0) return 0.0f;
    const float *a = v + 1;
    int64_t m = n - 1;
    float rest = 0.0f;
    if (m < 8) {
        for (int64_t i = 0; i < m; i++)
            rest += a[i];
    } else {
        float r[8];
        for (int q = 0; q < 8; q++)
            r[q] = a[q];
        int64_t i = 8;
        for (; i + 8 <= m; i += 8)
            for (int q = 0; q < 8; q++)
                r[q] += a[i + q];
        rest = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < m; i++)
            rest += a[i];
    }
    return v[0] + rest;
}

/* The same order for float64. */
static double row_sum_f64(const double *v, int64_t n) {
    if (n <= 0) return 0.0;
    const double *a = v + 1;
    int64_t m = n - 1;
    double rest = 0.0;
    if (m < 8) {
        for (int64_t i = 0; i < m; i++)
            rest += a[i];
    } else {
        double r[8];
        for (int q = 0; q < 8; q++)
            r[q] = a[q];
        int64_t i = 8;
        for (; i + 8 <= m; i += 8)
            for (int q = 0; q < 8; q++)
                r[q] += a[i + q];
        rest = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < m; i++)
            rest += a[i];
    }
    return v[0] + rest;
}

/* A batch's layer after its product, in place: h = act(h + b), float32. */
static void bias_act_f32(float *h,       /* (rows, n) */
                         const float *b, /* (n,), or NULL: no bias */
                         int64_t rows, int64_t n, NetAct act) {
    if (act == ACT_SIGMOID) {
        kern_bias_sigmoid_f32(h, b, rows, n);
        return;
    }
    for (int64_t i = 0; i < rows; i++) {
        float *row = h + i * n;
        if (b)
            for (int64_t j = 0; j < n; j++)
                row[j] += b[j];
        switch (act) {
        case ACT_RELU:
            for (int64_t j = 0; j < n; j++)
                row[j] = row[j] > 0.0f ? row[j] : 0.0f;
            break;
        case ACT_STEP:
            for (int64_t j = 0; j < n; j++)
                row[j] = row[j] > 0.0f ? 1.0f : 0.0f;
            break;
        case ACT_SOFTMAX: {
            float mx = row[0];
            for (int64_t j = 1; j < n; j++)
                if (row[j] > mx) mx = row[j];
            for (int64_t j = 0; j < n; j++)
                row[j] = expf(row[j] - mx);
            float s = row_sum_f32(row, n);
            for (int64_t j = 0; j < n; j++)
                row[j] = row[j] / s;
            break;
        }
        case ACT_SIGMOID:
        case ACT_IDENTITY: break;
        }
    }
}

/* The same in float64. */
static void bias_act_f64(double *h,       /* (rows, n) */
                         const double *b, /* (n,), or NULL: no bias */
                         int64_t rows, int64_t n, NetAct act) {
    for (int64_t i = 0; i < rows; i++) {
        double *row = h + i * n;
        if (b)
            for (int64_t j = 0; j < n; j++)
                row[j] += b[j];
        switch (act) {
        case ACT_SIGMOID:
            for (int64_t j = 0; j < n; j++)
                row[j] = 1.0 / (1.0 + exp(-row[j]));
            break;
        case ACT_RELU:
            for (int64_t j = 0; j < n; j++)
                row[j] = row[j] > 0.0 ? row[j] : 0.0;
            break;
        case ACT_STEP:
            for (int64_t j = 0; j < n; j++)
                row[j] = row[j] > 0.0 ? 1.0 : 0.0;
            break;
        case ACT_SOFTMAX: {
            double mx = row[0];
            for (int64_t j = 1; j < n; j++)
                if (row[j] > mx) mx = row[j];
            for (int64_t j = 0; j < n; j++)
                row[j] = exp(row[j] - mx);
            double s = row_sum_f64(row, n);
            for (int64_t j = 0; j < n; j++)
                row[j] = row[j] / s;
            break;
        }
        case ACT_IDENTITY: break;
        }
    }
}

/* One batch of `rows` images starting at image i0, on worker w's buffers. */
static void fast_batch(FastRun *r, int w, int64_t i0, int64_t rows) {
    FastBufs *b = &r->buf[w];
    const int64_t *d = r->dim;
    const void *in = batch_input(r, b, i0, rows);
    int n = r->net->n;
    for (int k = 0; k < n; k++) {
        void *o = b->h[k & 1];
        NetAct act = r->net->layer[k].act;
        if (r->f32) { /* (rows, d[k]) x (d[k], d[k+1]) */
            kern_gemm_f32_packed(rows, in, &r->packed[k], o);
            bias_act_f32(o, r->b[k], rows, d[k + 1], act);
        } else {
            kern_gemm_f64(rows, d[k + 1], d[k], in, r->W[k], o);
            bias_act_f64(o, r->b[k], rows, d[k + 1], act);
        }
        in = o;
    }
    int64_t C = d[n];
    for (int64_t i = 0; i < rows; i++) {
        for (int64_t j = 0; j < C; j++)
            b->row[j] =
                r->f32 ? (double)((const float *)in)[i * C + j] : ((const double *)in)[i * C + j];
        finish_row(r->out, i0 + i, b->row, C);
    }
}

/* Task t of kern_parallel: the batch starting at image t * batch. */
static void fast_task(void *arg, int64_t t, int worker) {
    FastRun *r = arg;
    if (worker == 0 && r->tick && !r->tick(r->ctx, atomic_load(&r->done)))
        atomic_store(&r->stop, true);
    if (atomic_load(&r->stop)) return;
    int64_t i0 = t * r->batch, rows = r->count - i0 < r->batch ? r->count - i0 : r->batch;
    fast_batch(r, worker, i0, rows);
    atomic_fetch_add(&r->done, rows);
}

int64_t infer_fast(const Net *net, const Array *x, int64_t count, int64_t batch,
                   const InferOut *out, InferTick tick, void *ctx, Err *e) {
    if (!input_fits(net, x, count, e)) return -1;
    if (count == 0) return 0;
    if (batch < 1) batch = 1;
    if (batch > count) batch = count;
    FastRun *r = malloc(sizeof *r);
    if (!r) {
        err_set(e, ERR_MEMORY, "out of memory");
        return -1;
    }
    if (!fast_init(r, net, x, batch, e)) {
        free(r);
        return -1;
    }
    r->x = x;
    r->count = count;
    r->out = out;
    r->tick = tick;
    r->ctx = ctx;
    atomic_init(&r->stop, false);
    atomic_init(&r->done, 0);
    kern_parallel((count + batch - 1) / batch, fast_task, r);
    int64_t done = atomic_load(&r->done);
    fast_free(r);
    free(r);
    return done;
}
