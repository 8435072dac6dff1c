/* fuzz_png.c - libFuzzer target for the PNG decoder (png_decode).
 *
 * Each input is decoded three ways, so mutations get past the checksums:
 *   1. as it is;
 *   2. with every chunk's CRC recomputed (a mutated chunk is then judged on
 *      its contents, not rejected for its CRC);
 *   3. when it has at least 13 bytes: the first 13 taken as an IHDR chunk
 *      (width and height reduced to 1..64) and the rest as the filtered rows,
 *      compressed with zlib into one IDAT of a well-formed file, so the row
 *      filters and size checks see arbitrary data.
 * Whatever decodes is encoded again with png_encode and decoded once more:
 * the round trip must give the same pixels. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "png.h"

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void decode_and_round_trip(const uint8_t *data, size_t size) {
    Err e;
    int w = 0, h = 0, c = 0;
    uint8_t *pix = png_decode(data, size, "fuzz.png", &w, &h, &c, &e);
    if (!pix) return;
    size_t len = 0;
    uint8_t *file = png_encode(pix, w, h, c, -1, &len, &e);
    if (file) {
        int w2 = 0, h2 = 0, c2 = 0;
        uint8_t *pix2 = png_decode(file, len, "round-trip", &w2, &h2, &c2, &e);
        if (!pix2 || w2 != w || h2 != h || c2 != c ||
            memcmp(pix, pix2, (size_t)w * (size_t)h * (size_t)c) != 0)
            abort(); /* png_encode's output must decode to the same pixels */
        free(pix2);
        free(file);
    }
    free(pix);
}

/* 2: a copy with each chunk's CRC made right, as far as the chunks go */
static void with_fixed_crcs(const uint8_t *data, size_t size) {
    if (size < 8) return;
    uint8_t *copy = malloc(size);
    if (!copy) return;
    memcpy(copy, data, size);
    size_t pos = 8;
    while (pos + 12 <= size) {
        uint32_t n = get32(copy + pos);
        if (n > size - pos - 12) break;
        put32(copy + pos + 8 + n, (uint32_t)crc32(0, copy + pos + 4, 4 + n));
        pos += 12 + n;
    }
    decode_and_round_trip(copy, size);
    free(copy);
}

static size_t put_chunk(uint8_t *out, const char *type, const uint8_t *body, uint32_t n) {
    put32(out, n);
    memcpy(out + 4, type, 4);
    if (n) memcpy(out + 8, body, n);
    put32(out + 8 + n, (uint32_t)crc32(0, out + 4, 4 + n));
    return 12 + (size_t)n;
}

/* 3: a well-formed file around the input's header fields and raw rows */
static void built_file(const uint8_t *data, size_t size) {
    if (size < 13) return;
    uint8_t ihdr[13];
    memcpy(ihdr, data, 13);
    put32(ihdr, 1 + get32(data) % 64);         /* width 1..64 */
    put32(ihdr + 4, 1 + get32(data + 4) % 64); /* height 1..64 */
    const uint8_t *rows = data + 13;
    uLong nrows = (uLong)(size - 13);
    uLong zcap = compressBound(nrows);
    size_t cap = 8 + 25 + 12 + zcap + 12;
    uint8_t *file = malloc(cap);
    uint8_t *z = malloc(zcap);
    if (file && z && compress2(z, &zcap, rows, nrows, 6) == Z_OK) {
        static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        size_t pos = 0;
        memcpy(file, sig, 8);
        pos = 8;
        pos += put_chunk(file + pos, "IHDR", ihdr, 13);
        pos += put_chunk(file + pos, "IDAT", z, (uint32_t)zcap);
        pos += put_chunk(file + pos, "IEND", NULL, 0);
        decode_and_round_trip(file, pos);
    }
    free(z);
    free(file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    decode_and_round_trip(data, size);
    with_fixed_crcs(data, size);
    built_file(data, size);
    return 0;
}
