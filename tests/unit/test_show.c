/* test_show.c - drawing digits: images from arrays (shapes and value
 * ranges), the exact ASCII picture of small synthetic images, the colour
 * forms, and PNG files that decode back to the expected pixels. */
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
#include "png.h"
#include "show.h"

/* A 4x6 "digit": a box whose middle rows are open. */
static const uint8_t box[24] = {
    0, 255, 255, 255, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255, 255, 255, 255, 0,
};

static ShowImages images_of(const uint8_t *pix, int n, int rows, int cols) {
    ShowImages im = {n, rows, cols, malloc((size_t)(n * rows * cols))};
    assert_non_null(im.pix);
    memcpy(im.pix, pix, (size_t)(n * rows * cols));
    return im;
}

static Array *f32_array(int ndim, const int64_t *shape) {
    Array *a = arr_new(DT_FLOAT32, ndim, shape, NULL);
    assert_non_null(a);
    return a;
}

/* --- images from arrays --------------------------------------------------------- */

static void test_shapes(void **state) {
    (void)state;
    struct {
        int ndim;
        int64_t shape[4];
        int n, rows, cols;
    } cases[] = {
        {1, {784}, 1, 28, 28},
        {2, {28, 28}, 1, 28, 28},
        {3, {1, 28, 28}, 1, 28, 28},
        {2, {3, 784}, 3, 28, 28},
        {3, {5, 28, 28}, 5, 28, 28},
        {4, {2, 1, 28, 28}, 2, 28, 28},
        {2, {100, 784}, SHOW_MAX_IMAGES, 28, 28},
        {2, {4, 6}, 1, 4, 6},
        {2, {1, 784}, 1, 28, 28},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Array *a = f32_array(cases[i].ndim, cases[i].shape);
        ShowImages im;
        int64_t total = 0;
        Err e;
        err_clear(&e);
        assert_int_equal(show_images_from_array(a, SHOW_MAX_IMAGES, &im, &total, &e), 0);
        assert_int_equal(im.n, cases[i].n);
        assert_int_equal(im.rows, cases[i].rows);
        assert_int_equal(im.cols, cases[i].cols);
        show_images_free(&im);
        arr_free(a);
    }
}

static void test_bad_shapes(void **state) {
    (void)state;
    struct {
        int ndim;
        int64_t shape[4];
        ErrKind kind;
    } cases[] = {
        {1, {5}, ERR_SHAPE},       /* not a square */
        {0, {0}, ERR_SHAPE},       /* a scalar */
        {2, {784, 50}, ERR_VALUE}, /* W1: too large to be one image */
        {2, {0, 784}, ERR_VALUE},  /* an empty batch */
        {4, {2, 3, 28, 28}, ERR_SHAPE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Array *a = f32_array(cases[i].ndim, cases[i].shape);
        ShowImages im;
        Err e;
        err_clear(&e);
        assert_int_equal(show_images_from_array(a, SHOW_MAX_IMAGES, &im, NULL, &e), -1);
        assert_int_equal(e.kind, cases[i].kind);
        assert_null(im.pix);
        arr_free(a);
    }
}

/* Floats 0..1 are scaled by 255, uint8 kept, other ranges stretched. */
static void test_values(void **state) {
    (void)state;
    int64_t shape[1] = {4};
    double unit[4] = {0.0, 0.5, 1.0, 0.2};
    double wide[4] = {-1.0, 0.0, 1.0, 3.0};
    double bytes[4] = {0, 7, 200, 255};
    struct {
        DType t;
        const double *v;
        uint8_t want[4];
    } cases[] = {
        {DT_FLOAT32, unit, {0, 128, 255, 51}},
        {DT_FLOAT64, wide, {0, 64, 128, 255}},
        {DT_UINT8, bytes, {0, 7, 200, 255}},
        {DT_FLOAT64, bytes, {0, 7, 200, 255}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Array *a = arr_from_f64(cases[i].t, 1, shape, cases[i].v, NULL);
        assert_non_null(a);
        ShowImages im;
        Err e;
        err_clear(&e);
        assert_int_equal(show_images_from_array(a, 8, &im, NULL, &e), 0);
        assert_int_equal(im.rows, 2);
        assert_memory_equal(im.pix, cases[i].want, 4);
        show_images_free(&im);
        arr_free(a);
    }
}

/* --- text pictures ------------------------------------------------------------------ */

static void test_ascii_single(void **state) {
    (void)state;
    ShowImages im = images_of(box, 1, 4, 6);
    ShowCaption cap = {{"x_test[0]", "label 7", ""}, false};
    char *s = show_render(&im, &cap, SHOW_STYLE_ASCII, 8);
    assert_non_null(s);
    /* two text rows, each the mean of two pixel rows; captions beside */
    assert_string_equal(s, " @++@    x_test[0]\n"
                           " @++@    label 7\n");
    free(s);
    s = show_render(&im, NULL, SHOW_STYLE_ASCII, 8);
    assert_string_equal(s, " @++@\n @++@\n");
    free(s);
    show_images_free(&im);
}

/* Every shade of the ramp, darkest first. */
static void test_ascii_ramp(void **state) {
    (void)state;
    uint8_t pix[20];
    for (int c = 0; c < 10; c++)
        pix[c] = pix[10 + c] = (uint8_t)(26 * c);
    ShowImages im = images_of(pix, 1, 2, 10);
    char *s = show_render(&im, NULL, SHOW_STYLE_ASCII, 8);
    assert_string_equal(s, " .:-=+*#%@\n");
    free(s);
    show_images_free(&im);
}

/* A batch: captions under each picture, wrapping after per_row. */
static void test_ascii_batch(void **state) {
    (void)state;
    uint8_t pix[72];
    memcpy(pix, box, 24);
    memset(pix + 24, 255, 24);
    memset(pix + 48, 0, 24);
    ShowImages im = images_of(pix, 3, 4, 6);
    ShowCaption caps[3] = {
        {{"[0]", "7", ""}, false}, {{"[1]", "", ""}, false}, {{"[2]", "", "p 3"}, true}};
    char *s = show_render(&im, caps, SHOW_STYLE_ASCII, 2);
    assert_string_equal(s, " @++@   @@@@@@\n"
                           " @++@   @@@@@@\n"
                           "[0]     [1]\n"
                           "7\n"
                           "\n"
                           "\n"
                           "\n"
                           "[2]\n"
                           "p 3\n");
    free(s);
    show_images_free(&im);
}

static void test_colour(void **state) {
    (void)state;
    uint8_t pix[4] = {255, 0, 0, 255}; /* 2x2: white black / black white */
    ShowImages im = images_of(pix, 1, 2, 2);
    char *s = show_render(&im, NULL, SHOW_STYLE_RGB, 8);
    assert_string_equal(s, "\x1b[38;2;255;255;255m\x1b[48;2;0;0;0m\xe2\x96\x80"
                           "\x1b[38;2;0;0;0m\x1b[48;2;255;255;255m\xe2\x96\x80\x1b[0m\n");
    free(s);
    s = show_render(&im, NULL, SHOW_STYLE_256, 8);
    assert_string_equal(s, "\x1b[38;5;231m\x1b[48;5;16m\xe2\x96\x80"
                           "\x1b[38;5;16m\x1b[48;5;231m\xe2\x96\x80\x1b[0m\n");
    free(s);
    /* a wrong prediction's caption is red in colour */
    ShowCaption cap = {{"x", "", ""}, true};
    s = show_render(&im, &cap, SHOW_STYLE_256, 8);
    assert_non_null(strstr(s, "\x1b[31mx\x1b[0m"));
    free(s);
    show_images_free(&im);
}

/* --- PNG ----------------------------------------------------------------------------- */

static void test_png_round_trip(void **state) {
    (void)state;
    char dir[] = "/tmp/nnsh_show_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/two.png", dir);

    uint8_t pix[18] = {0, 50, 100, 150, 200, 250, 1, 2, 3,  /* image 0, 3x3 */
                       9, 8,  7,   6,   5,   4,   3, 2, 1}; /* image 1 */
    ShowImages im = images_of(pix, 2, 3, 3);
    Err e;
    err_clear(&e);
    int w = 0, h = 0;
    assert_int_equal(show_write_png(path, &im, 8, 2, &w, &h, &e), 0);
    /* one line: 3 + gap 2 + 3 pixels wide, all doubled */
    assert_int_equal(w, 16);
    assert_int_equal(h, 6);
    int rw = 0, rh = 0;
    uint8_t *back = png_read_gray(path, &rw, &rh, &e);
    assert_non_null(back);
    assert_int_equal(rw, 16);
    assert_int_equal(rh, 6);
    for (int y = 0; y < rh; y++)
        for (int x = 0; x < rw; x++) {
            int sx = x / 2, sy = y / 2, want;
            if (sx < 3)
                want = pix[sy * 3 + sx];
            else if (sx < 5)
                want = 64; /* the gap */
            else
                want = pix[9 + sy * 3 + (sx - 5)];
            assert_int_equal(back[y * rw + x], want);
        }
    free(back);
    show_images_free(&im);
    unlink(path);
    rmdir(dir);
}

static void test_png_bad_path(void **state) {
    (void)state;
    ShowImages im = images_of(box, 1, 4, 6);
    Err e;
    err_clear(&e);
    assert_int_equal(show_write_png("/nonexistent-dir/x.png", &im, 8, 4, NULL, NULL, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    show_images_free(&im);
}

/* --- the network's guess under the picture ---------------------------------------- */

/* Run src in a new session and return everything it printed (caller
 * frees). */
static char *session_output(const char *src) {
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    Interp *in = nnsh_new(out, out);
    assert_non_null(in);
    interp_set_echo(in, false);
    RunStatus st = interp_run(in, src, "<test>", 1);
    interp_free(in);
    fclose(out);
    if (st != RUN_OK) fail_msg("'%s' failed:\n%s", src, text);
    return text;
}

/* A one-layer network that reads the first two pixels of a 2x2 image, 10
 * times each: x_test[0] = [0.2, 0.1, 0, 0] gives A = [2, 1], so it guesses
 * 0; with softmax at the end its confidence is 1 / (1 + e^-1) = 73.1%.
 * The label t_test[0] = 1 makes the guess wrong. */
static void test_guess_caption(void **state) {
    (void)state;
    const char *net = "W1 = np.array([[10.0, 0.0], [0.0, 10.0], [0.0, 0.0], [0.0, 0.0]])\n"
                      "B1 = np.zeros(2)\n"
                      "x_test = np.array([[0.2, 0.1, 0.0, 0.0]]); t_test = np.array([1])\n";
    char src[512];
    /* the example's spelling ends in identity: a guess without a percentage */
    snprintf(src, sizeof src, "%sshow x_test[0]", net);
    char *t = session_output(src);
    assert_non_null(strstr(t, "label 1"));
    assert_non_null(strstr(t, "predicted 0 wrong"));
    free(t);
    /* softmax at the end (net act): the probability of the guess */
    snprintf(src, sizeof src, "%snet act 1 softmax\nshow x_test[0]", net);
    t = session_output(src);
    assert_non_null(strstr(t, "predicted 0 (73.1%) wrong"));
    free(t);
    /* the book's spelling ends in softmax without being asked */
    snprintf(src, sizeof src, "%sb1 = B1; del B1\nshow x_test[0]", net);
    t = session_output(src);
    assert_non_null(strstr(t, "predicted 0 (73.1%) wrong"));
    free(t);
    /* an image of another size gets no guess */
    snprintf(src, sizeof src, "%sshow np.zeros((3, 3))", net);
    t = session_output(src);
    assert_null(strstr(t, "predicted"));
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),       cmocka_unit_test(test_bad_shapes),
        cmocka_unit_test(test_values),       cmocka_unit_test(test_ascii_single),
        cmocka_unit_test(test_ascii_ramp),   cmocka_unit_test(test_ascii_batch),
        cmocka_unit_test(test_colour),       cmocka_unit_test(test_png_round_trip),
        cmocka_unit_test(test_png_bad_path), cmocka_unit_test(test_guess_caption),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
