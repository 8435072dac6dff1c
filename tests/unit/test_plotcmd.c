/* test_plotcmd.c - the pyplot built-ins on a session's figure, called
 * through the built-in table as the evaluator will call plt.X: a figure
 * that fills up and is drawn and cleared by show, refusals that leave it
 * unchanged, figures kept per session, and PIL's Image.fromarray().show()
 * drawn in the terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "init.h"
#include "interp.h"
#include "plotcmd.h"
#include "png.h"
#include "show.h"

/* a session writing to a temporary file */
typedef struct Session {
    Interp *in;
    FILE *out;
} Session;

static Session session(void) {
    Session s;
    s.out = tmpfile();
    assert_non_null(s.out);
    s.in = nnsh_new(s.out, s.out);
    assert_non_null(s.in);
    interp_set_echo(s.in, false);
    return s;
}

/* everything written so far (caller frees); the file is emptied */
static char *drain(Session *s) {
    fflush(s->out);
    long n = ftell(s->out);
    char *buf = calloc((size_t)n + 1, 1);
    assert_non_null(buf);
    rewind(s->out);
    assert_int_equal(fread(buf, 1, (size_t)n, s->out), (size_t)n);
    rewind(s->out);
    assert_int_equal(ftruncate(fileno(s->out), 0), 0);
    return buf;
}

static void done(Session *s) {
    interp_free(s->in);
    fclose(s->out);
}

/* call pyplot.NAME with positional values and at most one keyword */
static Value *call(Session *s, const char *name, Value **v, int n, const char *kw, Value *kwv,
                   Err *e) {
    const Builtin *b = reg_find(interp_registry(s->in), name);
    assert_non_null(b);
    assert_non_null(b->fn);
    const Node *nodes[8] = {0};
    Node callnode = {0};
    const char *kwname[1] = {kw};
    Value *kwval[1] = {kwv};
    const Node *kwnodes[1] = {NULL};
    CallArgs a = {.n = n,
                  .v = v,
                  .nodes = nodes,
                  .nkw = kw ? 1 : 0,
                  .kwname = kwname,
                  .kw = kwval,
                  .kwnodes = kwnodes,
                  .call = &callnode,
                  .fname = name};
    err_clear(e);
    return b->fn(s->in, &a, e);
}

static Value *var(Session *s, const char *name) {
    const Value *v = vars_get(interp_vars(s->in), name);
    assert_non_null(v);
    return (Value *)v;
}

static void test_figure_life(void **state) {
    (void)state;
    Session s = session();
    assert_int_equal(interp_run(s.in, "x = np.arange(-5, 5, 0.1); y = sigmoid(x)", "<t>", 1),
                     RUN_OK);
    Err e;
    Value *args[3] = {var(&s, "x"), var(&s, "y"), NULL};
    Value *label = val_str("sigmoid");
    Value *r = call(&s, "pyplot.plot", args, 2, "label", label, &e);
    assert_non_null(r);
    val_free(r);
    Plot *p = plotcmd_figure(s.in);
    assert_int_equal(p->nseries, 1);
    assert_string_equal(p->series[0].label, "sigmoid");
    /* a bad format string is refused by name and adds nothing */
    args[2] = val_str("zz");
    assert_null(call(&s, "pyplot.plot", args, 3, NULL, NULL, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_non_null(strstr(e.msg, "'z'"));
    assert_int_equal(p->nseries, 1);
    val_free(args[2]);
    /* color= and linestyle= as matplotlib names them; others refused */
    Value *red = val_str("red"), *dotted = val_str("dotted"), *purple = val_str("purple");
    val_free(call(&s, "pyplot.plot", args, 2, "color", red, &e));
    assert_int_equal(p->series[1].color, PLOT_COLOR_RED);
    val_free(call(&s, "pyplot.plot", args, 2, "linestyle", dotted, &e));
    assert_int_equal(p->series[2].line, PLOT_LINE_DOT);
    assert_null(call(&s, "pyplot.plot", args, 2, "color", purple, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_int_equal(p->nseries, 3);
    p->nseries = 1; /* drop the two again (their points go with the figure) */
    for (int i = 1; i < 3; i++) {
        free(p->series[i].x);
        free(p->series[i].y);
    }
    val_free(red);
    val_free(dotted);
    val_free(purple);
    /* x and y of different lengths */
    Value *two[2] = {var(&s, "x"), var(&s, "x")};
    assert_int_equal(interp_run(s.in, "z = np.arange(0, 3, 1)", "<t>", 1), RUN_OK);
    two[1] = var(&s, "z");
    assert_null(call(&s, "pyplot.plot", two, 2, NULL, NULL, &e));
    assert_int_equal(e.kind, ERR_SHAPE);
    assert_int_equal(p->nseries, 1);
    /* limits, title, legend, then show draws 23 lines and starts afresh */
    Value *lim[2] = {val_array(arr_scalar_f64(-0.1, NULL)), val_array(arr_scalar_f64(1.1, NULL))};
    val_free(call(&s, "pyplot.ylim", lim, 2, NULL, NULL, &e));
    assert_true(p->ylim_set && p->ylim[0] == -0.1 && p->ylim[1] == 1.1);
    Value *same[2] = {lim[0], lim[0]};
    assert_null(call(&s, "pyplot.xlim", same, 2, NULL, NULL, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    Value *title = val_str("sigmoid");
    val_free(call(&s, "pyplot.title", &title, 1, NULL, NULL, &e));
    val_free(call(&s, "pyplot.legend", NULL, 0, NULL, NULL, &e));
    free(drain(&s));
    val_free(call(&s, "pyplot.show", NULL, 0, NULL, NULL, &e));
    assert_int_equal(e.kind, ERR_NONE);
    char *text = drain(&s);
    int lines = 0;
    for (const char *q = text; *q; q++)
        lines += *q == '\n';
    assert_int_equal(lines, 23);
    assert_non_null(strstr(text, "1.0 \xe2\x94\xa4"));
    assert_non_null(strstr(text, " sigmoid\n"));
    free(text);
    assert_int_equal(plotcmd_figure(s.in)->nseries, 0);
    assert_false(plotcmd_figure(s.in)->ylim_set);
    /* showing an empty figure is an error, savefig wants .svg or .png */
    assert_null(call(&s, "pyplot.show", NULL, 0, NULL, NULL, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    Value *fname = val_str("f.jpg");
    assert_null(call(&s, "pyplot.savefig", &fname, 1, NULL, NULL, &e));
    assert_non_null(strstr(e.msg, ".svg or .png"));
    val_free(fname);
    val_free(title);
    val_free(lim[0]);
    val_free(lim[1]);
    val_free(label);
    done(&s);
}

static void test_hist_and_sessions(void **state) {
    (void)state;
    Session a = session(), b = session();
    assert_int_equal(interp_run(a.in, "w = np.arange(0, 10, 1)", "<t>", 1), RUN_OK);
    Err e;
    Value *w = var(&a, "w");
    Value *bins = val_array(arr_scalar_i64(5, NULL));
    val_free(call(&a, "pyplot.hist", &w, 1, "bins", bins, &e));
    assert_int_equal(e.kind, ERR_NONE);
    Plot *pa = plotcmd_figure(a.in);
    assert_int_equal(pa->nseries, 1);
    assert_int_equal(pa->series[0].n, 5);
    assert_true(pa->series[0].y[0] == 2); /* np.histogram(range(10), 5): 2 each */
    /* the other session's figure is its own */
    assert_int_equal(plotcmd_figure(b.in)->nseries, 0);
    /* bins out of range */
    Value *bad = val_array(arr_scalar_i64(0, NULL));
    assert_null(call(&a, "pyplot.hist", &w, 1, "bins", bad, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    val_free(call(&a, "pyplot.figure", NULL, 0, NULL, NULL, &e));
    assert_int_equal(pa->nseries, 0);
    /* imshow takes grey colour maps only */
    assert_int_equal(interp_run(a.in, "img = np.arange(0, 16, 1).reshape(4, 4)", "<t>", 1), RUN_OK);
    Value *img = var(&a, "img");
    Value *jet = val_str("jet");
    assert_null(call(&a, "pyplot.imshow", &img, 1, "cmap", jet, &e));
    assert_non_null(strstr(e.msg, "gray"));
    Value *gray = val_str("gray");
    val_free(call(&a, "pyplot.imshow", &img, 1, "cmap", gray, &e));
    assert_non_null(pa->image);
    free(drain(&a));
    val_free(call(&a, "pyplot.show", NULL, 0, NULL, NULL, &e));
    char *pic = drain(&a);
    assert_true(strlen(pic) > 0);
    free(pic);
    val_free(bins);
    val_free(bad);
    val_free(jet);
    val_free(gray);
    done(&a);
    done(&b);
}

/* Image.fromarray(img).show(): the same picture show.c draws */
static void test_show_image(void **state) {
    (void)state;
    Session s = session();
    int64_t shape[2] = {2, 4};
    Array *a = arr_new(DT_UINT8, 2, shape, NULL);
    uint8_t *d = a->data;
    for (int i = 0; i < 8; i++)
        d[i] = (uint8_t)(i * 36);
    Err e;
    err_clear(&e);
    assert_int_equal(plotcmd_show_image(s.in, a, &e), 0);
    char *text = drain(&s);
    ShowImages im = {0};
    assert_int_equal(show_images_from_array(a, 1, &im, NULL, &e), 0);
    char *want = show_render(&im, NULL, SHOW_STYLE_ASCII, 1);
    assert_string_equal(text, want);
    free(want);
    free(text);
    show_images_free(&im);
    arr_free(a);
    /* a 3-D batch of two is not one image */
    int64_t s3[3] = {2, 2, 2};
    a = arr_new(DT_UINT8, 3, s3, NULL);
    assert_int_equal(plotcmd_show_image(s.in, a, &e), -1);
    arr_free(a);
    done(&s);
}

/* The views' PNG files, read back: weights on the diverging scale (its
 * ends are 0x2166ac and 0xb2182b, zero is white), and the surface's
 * colour bar topped by the sequential scale's last colour. */
static void test_views_png(void **state) {
    (void)state;
    Session s = session();
    char path[] = "/tmp/nnsh_view_XXXXXX.png";
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    close(fd);
    /* W[i, j] = -16 + 2 i + j: 16 pixels (a 4x4 tile) for each of 2
     * neurons. The scale is the 99th percentile of |w|: 15. */
    char src[256];
    snprintf(src, sizeof src,
             "W = (np.arange(-16, 16, 1).reshape(16, 2)) * 1.0\nweights W png=\"%s\"", path);
    assert_int_equal(interp_run(s.in, src, "<t>", 1), RUN_OK);
    int w, h;
    Err e;
    err_clear(&e);
    uint8_t *px = png_read_rgb(path, &w, &h, &e);
    assert_non_null(px);
#define RGB(X, Y)                                                                                  \
    ((unsigned)px[3 * ((size_t)(Y)*w + (X))] << 16 |                                               \
     (unsigned)px[3 * ((size_t)(Y)*w + (X)) + 1] << 8 | px[3 * ((size_t)(Y)*w + (X)) + 2])
    /* tiles start at (20, 20), each weight a 4x4 block, 6 pixels apart */
    assert_int_equal(RGB(20, 20), 0x2166ac);           /* W[0,0] = -16, beyond -15 */
    assert_int_equal(RGB(20, 28), 0xffffff);           /* W[8,0] = 0: row 2, column 0 */
    assert_int_equal(RGB(42 + 12, 20 + 12), 0xb2182b); /* W[15,1] = 15: tile 1 at x 42 */
    free(px);
    /* the example network's output 0 over the plane */
    assert_int_equal(interp_run(s.in, "example", "<t>", 1), RUN_OK);
    snprintf(src, sizeof src, "surface out=0 png=\"%s\"", path);
    assert_int_equal(interp_run(s.in, src, "<t>", 1), RUN_OK);
    px = png_read_rgb(path, &w, &h, &e);
    assert_non_null(px);
    assert_int_equal(w, 640);
    assert_int_equal(h, 480);
    assert_int_equal(RGB(70 + 400 + 40 + 10, 30 + 5), 0xfde725); /* the bar's top: the largest */
    assert_int_not_equal(RGB(75, 35), 0xffffff);                 /* the map is painted */
#undef RGB
    free(px);
    remove(path);
    done(&s);
}

int main(void) {
    setenv("COLUMNS", "80", 1); /* the picture's size, as tests/run.sh sets it */
    unsetenv("LINES");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figure_life),
        cmocka_unit_test(test_hist_and_sessions),
        cmocka_unit_test(test_show_image),
        cmocka_unit_test(test_views_png),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
