/* test_png.c - the PNG writer and reader: seeded round trips for every
 * filter, the chunk layout and CRCs checked by an independent CRC-32, files
 * from an independent Python encoder (png_ref.h), damaged and unsupported
 * files, and the digit sheet helper. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "png.h"
#include "png_ref.h"

static char g_tmp[256];

static int group_setup(void **state) {
    (void)state;
    snprintf(g_tmp, sizeof g_tmp, "/tmp/nnsh_test_png_XXXXXX");
    return mkdtemp(g_tmp) ? 0 : -1;
}

static int group_teardown(void **state) {
    (void)state;
    static const char *const names[] = {"a.png",     "b.png",    "gray.png", "rgb.png",
                                        "sheet.png", "flat.png", "one.png",  "damaged.png"};
    char p[512];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", g_tmp, names[i]);
        unlink(p);
    }
    rmdir(g_tmp);
    return 0;
}

static const char *tmp(const char *name) {
    static char buf[2][512];
    static int k;
    k ^= 1;
    snprintf(buf[k], sizeof buf[k], "%s/%s", g_tmp, name);
    return buf[k];
}

/* xorshift32: seeded, the same on every machine */
static uint32_t g_rng = 12345;
static uint32_t rnd(void) {
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

/* A bit-at-a-time CRC-32 (the PNG spec's polynomial), independent of zlib. */
static uint32_t crc_slow(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return c ^ 0xFFFFFFFFu;
}

static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Walk the chunks of an encoded file, checking every CRC with crc_slow and
 * the order IHDR, IDAT..., IEND. Returns the number of chunks. */
static int check_chunks(const uint8_t *png, size_t len, int w, int h, int ch) {
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    assert_true(len > 8 + 12 * 3);
    assert_memory_equal(png, sig, 8);
    size_t pos = 8;
    int k = 0;
    while (pos < len) {
        uint32_t n = be32(png + pos);
        assert_true(pos + 12 + n <= len);
        assert_int_equal(crc_slow(png + pos + 4, 4 + n), be32(png + pos + 8 + n));
        const char *type = (const char *)png + pos + 4;
        if (k == 0) {
            assert_memory_equal(type, "IHDR", 4);
            assert_int_equal(n, 13);
            assert_int_equal(be32(png + pos + 8), (uint32_t)w);
            assert_int_equal(be32(png + pos + 12), (uint32_t)h);
            assert_int_equal(png[pos + 16], 8);
            assert_int_equal(png[pos + 17], ch == 1 ? 0 : 2);
            assert_int_equal(png[pos + 18] | png[pos + 19] | png[pos + 20], 0);
        } else if (pos + 12 + n == len) {
            assert_memory_equal(type, "IEND", 4);
            assert_int_equal(n, 0);
        } else {
            assert_memory_equal(type, "IDAT", 4);
        }
        pos += 12 + n;
        k++;
    }
    assert_int_equal(pos, len);
    /* the IEND chunk of every PNG is these 12 bytes */
    static const uint8_t iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    assert_memory_equal(png + len - 12, iend, 12);
    return k;
}

/* --- round trips -------------------------------------------------------------- */

static void test_round_trip(void **state) {
    (void)state;
    static const int sizes[][2] = {{1, 1},  {28, 28}, {300, 7}, {7, 300},
                                   {1, 50}, {50, 1},  {2, 2},   {33, 17}};
    Err e;
    err_clear(&e);
    int runs = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int ch = 1; ch <= 3; ch += 2) {
            int w = sizes[s][0], h = sizes[s][1];
            size_t n = (size_t)w * h * ch;
            uint8_t *pix = malloc(n);
            /* half noise, half smooth ramps, so that every filter gets chosen */
            for (size_t i = 0; i < n; i++)
                pix[i] = (i / (size_t)(w * ch)) % 2 ? (uint8_t)rnd() : (uint8_t)(i * 3);
            for (int filter = -1; filter <= 4; filter++) {
                size_t len;
                uint8_t *png = png_encode(pix, w, h, ch, filter, &len, &e);
                assert_non_null(png);
                check_chunks(png, len, w, h, ch);
                int dw, dh, dc;
                uint8_t *back = png_decode(png, len, "mem", &dw, &dh, &dc, &e);
                if (!back) print_error("%dx%dx%d filter %d: %s\n", w, h, ch, filter, e.msg);
                assert_non_null(back);
                assert_int_equal(dw, w);
                assert_int_equal(dh, h);
                assert_int_equal(dc, ch);
                assert_memory_equal(back, pix, n);
                free(back);
                free(png);
                runs++;
            }
            free(pix);
        }
    }
    print_message("%d encode/decode round trips\n", runs);
}

static void test_files(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    uint8_t gray[28 * 28], rgb[5 * 4 * 3];
    for (size_t i = 0; i < sizeof gray; i++)
        gray[i] = (uint8_t)rnd();
    for (size_t i = 0; i < sizeof rgb; i++)
        rgb[i] = (uint8_t)rnd();
    assert_int_equal(png_write_gray(tmp("gray.png"), gray, 28, 28, &e), 0);
    assert_int_equal(png_write_rgb(tmp("rgb.png"), rgb, 5, 4, &e), 0);

    int w, h;
    uint8_t *p = png_read_gray(tmp("gray.png"), &w, &h, &e);
    assert_non_null(p);
    assert_int_equal(w, 28);
    assert_int_equal(h, 28);
    assert_memory_equal(p, gray, sizeof gray);
    free(p);
    p = png_read_rgb(tmp("rgb.png"), &w, &h, &e);
    assert_non_null(p);
    assert_memory_equal(p, rgb, sizeof rgb);
    free(p);

    /* gray read as RGB is repeated into the channels; RGB read as gray fails */
    p = png_read_rgb(tmp("gray.png"), &w, &h, &e);
    assert_non_null(p);
    for (int i = 0; i < 28 * 28; i++) {
        assert_int_equal(p[3 * i], gray[i]);
        assert_int_equal(p[3 * i + 2], gray[i]);
    }
    free(p);
    assert_null(png_read_gray(tmp("rgb.png"), &w, &h, &e));
    assert_int_equal(e.kind, ERR_FORMAT);
    assert_non_null(strstr(e.msg, "rgb.png"));

    /* file errors name the file */
    assert_null(png_read_gray(tmp("missing.png"), &w, &h, &e));
    assert_int_equal(e.kind, ERR_IO);
    assert_non_null(strstr(e.msg, "missing.png"));
    assert_non_null(strstr(e.msg, strerror(ENOENT)));
    assert_int_equal(png_write_gray("/nonexistent-dir/x.png", gray, 28, 28, &e), -1);
    assert_int_equal(e.kind, ERR_IO);
    assert_non_null(strstr(e.msg, "/nonexistent-dir/x.png"));

    /* bad arguments */
    size_t len;
    assert_null(png_encode(gray, 0, 5, 1, -1, &len, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_null(png_encode(gray, 5, -1, 1, -1, &len, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_null(png_encode(gray, 5, 5, 2, -1, &len, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_null(png_encode(gray, 5, 5, 1, 5, &len, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    assert_null(png_encode(gray, 1 << 20, 1 << 20, 1, -1, &len, &e));
    assert_int_equal(e.kind, ERR_VALUE);
}

/* --- files from another encoder ------------------------------------------------------- */

static void test_reference_files(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    int w, h, ch;
    uint8_t *p = png_decode(ref_png_gray_23x11, sizeof ref_png_gray_23x11, "ref", &w, &h, &ch, &e);
    if (!p) print_error("%s\n", e.msg);
    assert_non_null(p);
    assert_int_equal(w, 23);
    assert_int_equal(h, 11);
    assert_int_equal(ch, 1);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            assert_int_equal(p[y * w + x], (x * 31 + y * 17 + (x * y) % 7 * 13) & 255);
    free(p);

    p = png_decode(ref_png_rgb_13x9, sizeof ref_png_rgb_13x9, "ref", &w, &h, &ch, &e);
    assert_non_null(p);
    assert_int_equal(w, 13);
    assert_int_equal(h, 9);
    assert_int_equal(ch, 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++)
                assert_int_equal(p[(y * w + x) * 3 + c],
                                 (x * 29 + y * 11 + c * 85 + (x ^ y) * 3) & 255);
    free(p);
}

/* --- damaged and unsupported files ------------------------------------------------------ */

static void expect_reject(const uint8_t *png, size_t len, const char *want) {
    Err e;
    err_clear(&e);
    int w, h, ch;
    uint8_t *p = png_decode(png, len, "bad.png", &w, &h, &ch, &e);
    if (p || (want && !strstr(e.msg, want)))
        print_error("accepted or wrong message: \"%s\" (want \"%s\")\n", e.msg, want ? want : "");
    assert_null(p);
    assert_true(e.kind == ERR_FORMAT);
    assert_int_equal(strncmp(e.msg, "bad.png: ", 9), 0);
    if (want) assert_non_null(strstr(e.msg, want));
}

static void test_damaged(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    uint8_t pix[6 * 5];
    for (size_t i = 0; i < sizeof pix; i++)
        pix[i] = (uint8_t)rnd();
    size_t len;
    uint8_t *png = png_encode(pix, 6, 5, 1, -1, &len, &e);
    assert_non_null(png);
    uint8_t *b = malloc(len + 16);

    /* every single-bit flip anywhere in the file is caught */
    int flips = 0;
    for (size_t i = 0; i < len; i++)
        for (int bit = 0; bit < 8; bit++) {
            memcpy(b, png, len);
            b[i] ^= (uint8_t)(1u << bit);
            expect_reject(b, len, NULL);
            flips++;
        }
    /* a flipped data byte is reported as a CRC mismatch */
    memcpy(b, png, len);
    b[8 + 12 + 13 + 8 + 3] ^= 0x40; /* inside the IDAT data */
    expect_reject(b, len, "CRC mismatch in chunk IDAT");

    /* every truncation, and bytes after IEND */
    for (size_t n = 0; n < len; n++)
        expect_reject(png, n, NULL);
    expect_reject(png, 4, "not a PNG file");
    expect_reject(png, len - 12, "ends before the IEND chunk");
    memcpy(b, png, len);
    memcpy(b + len, "extra", 5);
    expect_reject(b, len + 5, "5 stray bytes after the IEND chunk");
    print_message("%d bit flips and %zu truncations rejected\n", flips, len);

    /* valid CRCs but formats the decoder does not take: patch IHDR, re-sign */
    static const struct {
        int off;
        uint8_t v;
        const char *want;
    } bad[] = {
        {8, 16, "16-bit grayscale"}, {9, 3, "8-bit palette"},
        {9, 6, "8-bit RGBA"},        {9, 4, "grayscale with alpha"},
        {12, 1, "interlaced"},       {10, 1, "compression or filter method"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(b, png, len);
        b[16 + bad[i].off] = bad[i].v;
        put_be32(b + 8 + 8 + 13, crc_slow(b + 12, 17));
        expect_reject(b, len, bad[i].want);
    }
    /* a filter type byte of 5 (inside valid zlib data and CRCs) */
    uint8_t raw[2] = {5, 0};
    uint8_t z[64];
    uLongf zl = sizeof z;
    assert_int_equal(compress2(z, &zl, raw, 2, 9), Z_OK);
    size_t k = 0;
    memcpy(b, png, 33); /* signature + IHDR */
    put_be32(b + 16, 1);
    put_be32(b + 20, 1);
    put_be32(b + 29, crc_slow(b + 12, 17));
    k = 33;
    put_be32(b + k, (uint32_t)zl);
    memcpy(b + k + 4, "IDAT", 4);
    memcpy(b + k + 8, z, zl);
    put_be32(b + k + 8 + zl, crc_slow(b + k + 4, 4 + zl));
    k += 12 + zl;
    memcpy(b + k, png + len - 12, 12);
    k += 12;
    expect_reject(b, k, "bad filter type 5 on row 0");
    /* the same file with filter type 0 decodes: the construction is right */
    raw[0] = 0;
    raw[1] = 77;
    zl = sizeof z;
    assert_int_equal(compress2(z, &zl, raw, 2, 9), Z_OK);
    /* the compressed length may differ: rebuild from the IDAT on */
    k = 33;
    put_be32(b + k, (uint32_t)zl);
    memcpy(b + k + 4, "IDAT", 4);
    memcpy(b + k + 8, z, zl);
    put_be32(b + k + 8 + zl, crc_slow(b + k + 4, 4 + zl));
    k += 12 + zl;
    memcpy(b + k, png + len - 12, 12);
    k += 12;
    int w, h, ch;
    uint8_t *p = png_decode(b, k, "ok", &w, &h, &ch, &e);
    assert_non_null(p);
    assert_int_equal(p[0], 77);
    free(p);

    /* a damaged file on disk */
    memcpy(b, png, len);
    b[len / 2] ^= 1;
    FILE *f = fopen(tmp("damaged.png"), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
    assert_null(png_read_gray(tmp("damaged.png"), &w, &h, &e));
    assert_int_equal(e.kind, ERR_FORMAT);
    assert_non_null(strstr(e.msg, "damaged.png"));

    free(b);
    free(png);
}

/* --- digit sheets -------------------------------------------------------------------------- */

static void test_grid(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    /* 3 images of 2x3, values 10*k + i */
    uint8_t imgs[3 * 6];
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 6; i++)
            imgs[k * 6 + i] = (uint8_t)(10 * k + i);
    PngGrid g = png_grid_default();
    assert_int_equal(g.gap, 2);
    assert_int_equal(g.scale, 1);
    int w, h;
    uint8_t *s = png_grid(imgs, 3, 2, 3, &g, &w, &h, &e);
    assert_non_null(s);
    assert_int_equal(w, 3 * 3 + 2 * 2);
    assert_int_equal(h, 2);
    assert_int_equal(s[0], 0);
    assert_int_equal(s[3], g.gap_value);
    assert_int_equal(s[4], g.gap_value);
    assert_int_equal(s[5], 10);          /* image 1, row 0, col 0 */
    assert_int_equal(s[w + 10 + 2], 25); /* image 2, row 1, col 2 */
    free(s);

    /* two per line, scaled 3x */
    g.per_row = 2;
    g.scale = 3;
    s = png_grid(imgs, 3, 2, 3, &g, &w, &h, &e);
    assert_non_null(s);
    assert_int_equal(w, (2 * 3 + 2) * 3);
    assert_int_equal(h, (2 * 2 + 2) * 3);
    /* image 2 sits on the second line, first column: its pixel (1, 2) is the
     * 3x3 block at y = (2 + 2 + 1) * 3, x = 2 * 3 */
    for (int dy = 0; dy < 3; dy++)
        for (int dx = 0; dx < 3; dx++)
            assert_int_equal(s[(15 + dy) * w + 6 + dx], 25);
    /* the empty slot on the second line is gap-coloured */
    assert_int_equal(s[h * w - 1], g.gap_value);
    free(s);

    g.scale = 0;
    assert_null(png_grid(imgs, 3, 2, 3, &g, &w, &h, &e));
    assert_int_equal(e.kind, ERR_VALUE);
    g = png_grid_default();
    assert_null(png_grid(imgs, 0, 2, 3, &g, &w, &h, &e));
    assert_int_equal(e.kind, ERR_VALUE);
}

static void test_grid_digits(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    /* (4, 784) float32 in [0, 1], as load_mnist(normalize=True) gives */
    int64_t shape[2] = {4, 784};
    Array *x = arr_new(DT_FLOAT32, 2, shape, &e);
    for (int64_t i = 0; i < x->size; i++)
        ((float *)x->data)[i] = (float)(i % 256) / 255.0f;
    PngGrid g = png_grid_default();
    g.scale = 4;
    assert_int_equal(png_grid_digits(tmp("flat.png"), x, &g, &e), 0);
    int w, h;
    uint8_t *p = png_read_gray(tmp("flat.png"), &w, &h, &e);
    assert_non_null(p);
    assert_int_equal(w, (4 * 28 + 3 * 2) * 4);
    assert_int_equal(h, 28 * 4);
    /* image 1's first pixel is element 784 -> 784 % 256 = 16 */
    assert_int_equal(p[(28 + 2) * 4], 16);
    assert_int_equal(p[(27 * 4) * w + 27 * 4], 783 % 256);
    free(p);
    arr_free(x);

    /* (2, 1, 3, 3) int64 with values past 1: taken as 0..255, clamped */
    int64_t s4[4] = {2, 1, 3, 3};
    Array *y = arr_new(DT_INT64, 4, s4, &e);
    for (int64_t i = 0; i < y->size; i++)
        ((int64_t *)y->data)[i] = i * 40 - 100;
    assert_int_equal(png_grid_digits(tmp("a.png"), y, NULL, &e), 0);
    p = png_read_gray(tmp("a.png"), &w, &h, &e);
    assert_non_null(p);
    assert_int_equal(w, 3 + 2 + 3);
    assert_int_equal(h, 3);
    assert_int_equal(p[0], 0);           /* -100 clamped */
    assert_int_equal(p[2], 0);           /* -20 */
    assert_int_equal(p[w + 0], 20);      /* element 3: 20 */
    assert_int_equal(p[2 * w + 7], 255); /* element 17: 580 clamped */
    free(p);
    arr_free(y);

    /* one (28, 28) uint8 image */
    int64_t s2[2] = {28, 28};
    Array *one = arr_new(DT_UINT8, 2, s2, &e);
    ((uint8_t *)one->data)[28 * 28 - 1] = 200;
    assert_int_equal(png_grid_digits(tmp("one.png"), one, NULL, &e), 0);
    p = png_read_gray(tmp("one.png"), &w, &h, &e);
    assert_non_null(p);
    assert_int_equal(w, 28);
    assert_int_equal(h, 28);
    assert_int_equal(p[28 * 28 - 1], 200);
    free(p);
    arr_free(one);

    /* shapes that are not images */
    int64_t s3[1] = {10};
    Array *bad = arr_new(DT_UINT8, 1, s3, &e);
    assert_int_equal(png_grid_digits(tmp("b.png"), bad, NULL, &e), -1);
    assert_int_equal(e.kind, ERR_SHAPE);
    arr_free(bad);
    int64_t s0[3] = {0, 28, 28};
    bad = arr_new(DT_UINT8, 3, s0, &e);
    assert_int_equal(png_grid_digits(tmp("b.png"), bad, NULL, &e), -1);
    assert_int_equal(e.kind, ERR_SHAPE);
    arr_free(bad);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_reference_files),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_grid_digits),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
