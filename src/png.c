/* png.c - a minimal PNG encoder and decoder for 8-bit gray and RGB images
 * (see png.h).
 *
 * A PNG file is the 8-byte signature followed by chunks, each
 *     length (4 bytes, big-endian)  type (4 ASCII letters)  data  CRC-32
 * where the CRC covers the type and the data. We write IHDR (size and pixel
 * format), one IDAT (the zlib-compressed image) and IEND. The image data
 * compressed into IDAT is one row after another, each row preceded by a
 * filter byte that says how its bytes were predicted from their left and
 * upper neighbours (0 none, 1 sub, 2 up, 3 average, 4 Paeth).
 */
#include "png.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fileio.h"

static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

static void put_be32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Bytes of filtered image data (filter byte per row), or 0 if the size is
 * not acceptable. */
static size_t filtered_size(int width, int height, int channels) {
    if (width < 1 || height < 1) return 0;
    size_t row = 1 + (size_t)width * (size_t)channels;
    if (row > PNG_MAX_BYTES || (size_t)height > PNG_MAX_BYTES / row) return 0;
    return row * (size_t)height;
}

/* The Paeth predictor: whichever of left (a), up (b), upper-left (c) is
 * closest to a + b - c, ties going to a, then b. */
static uint8_t paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    if (pa <= pb && pa <= pc) return (uint8_t)a;
    if (pb <= pc) return (uint8_t)b;
    return (uint8_t)c;
}

/* The value PNG's filter type `ft` predicts for byte i of row `cur` (bpp
 * bytes per pixel) from its left neighbour a, the byte above b and the one
 * above-left c (`prev` is the row above, NULL for the first). The encoder
 * stores byte - prediction, the decoder adds the prediction back, so both
 * call this with the row of original bytes. */
static int predict_byte(int ft, const uint8_t *cur, const uint8_t *prev, size_t i, size_t bpp) {
    int a = i >= bpp ? cur[i - bpp] : 0;
    int b = prev ? prev[i] : 0;
    int c = (prev && i >= bpp) ? prev[i - bpp] : 0;
    switch (ft) {
    case 1: return a;
    case 2: return b;
    case 3: return (a + b) / 2;
    case 4: return paeth(a, b, c);
    default: return 0;
    }
}

/* Filter one row `cur` (n bytes, bpp bytes per pixel; `prev` the row above or
 * NULL for the first) with filter type `ft` into out[0..n). */
static void filter_row(int ft, const uint8_t *cur, const uint8_t *prev, size_t n, size_t bpp,
                       uint8_t *out) {
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)(cur[i] - predict_byte(ft, cur, prev, i, bpp));
}

/* The usual heuristic for choosing a filter: the one whose output, read as
 * signed bytes, has the smallest sum of absolute values. */
static uint64_t filter_cost(const uint8_t *f, size_t n) {
    uint64_t s = 0;
    for (size_t i = 0; i < n; i++)
        s += f[i] < 128 ? f[i] : 256 - f[i];
    return s;
}

/* Append one chunk (type + data + CRC) at out, returning the bytes written. */
static size_t put_chunk(uint8_t *out, const char *type, const uint8_t *data, size_t n) {
    put_be32(out, (uint32_t)n);
    memcpy(out + 4, type, 4);
    if (n) memcpy(out + 8, data, n);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, out + 4, (uInt)(4 + n));
    put_be32(out + 8 + n, (uint32_t)crc);
    return 12 + n;
}

uint8_t *png_encode(const uint8_t *pix, int width, int height, int channels, int filter,
                    size_t *len, Err *e) {
    if (channels != 1 && channels != 3)
        return err_set(e, ERR_VALUE, "PNG images have 1 (gray) or 3 (RGB) channels here, not %d",
                       channels);
    if (filter < -1 || filter > 4)
        return err_set(e, ERR_VALUE, "PNG filter type must be 0..4 (or -1 to choose), not %d",
                       filter);
    size_t raw_len = filtered_size(width, height, channels);
    if (!raw_len)
        return err_set(e, ERR_VALUE, "cannot write a %d x %d PNG image (sizes 1 to %zu bytes)",
                       width, height, PNG_MAX_BYTES);

    /* 1. filter every row */
    size_t n = (size_t)width * (size_t)channels, bpp = (size_t)channels;
    uint8_t *raw = malloc(raw_len), *trial = malloc(n);
    if (!raw || !trial) {
        free(raw);
        free(trial);
        return err_set(e, ERR_MEMORY, "out of memory encoding a %d x %d PNG", width, height);
    }
    for (int y = 0; y < height; y++) {
        const uint8_t *cur = pix + (size_t)y * n, *prev = y ? cur - n : NULL;
        uint8_t *row = raw + (size_t)y * (n + 1);
        int best = filter;
        if (filter < 0) {
            uint64_t best_cost = UINT64_MAX;
            for (int ft = 0; ft <= 4; ft++) {
                filter_row(ft, cur, prev, n, bpp, trial);
                uint64_t c = filter_cost(trial, n);
                if (c < best_cost) {
                    best_cost = c;
                    best = ft;
                }
            }
        }
        row[0] = (uint8_t)best;
        filter_row(best, cur, prev, n, bpp, row + 1);
    }
    free(trial);

    /* 2. compress, 3. wrap in chunks */
    uLong zcap = compressBound((uLong)raw_len);
    size_t cap = 8 + (12 + 13) + (12 + zcap) + 12;
    uint8_t *out = malloc(cap);
    uint8_t *z = malloc(zcap);
    if (!out || !z) {
        free(raw);
        free(out);
        free(z);
        return err_set(e, ERR_MEMORY, "out of memory encoding a %d x %d PNG", width, height);
    }
    uLongf zlen = zcap;
    int rc = compress2(z, &zlen, raw, (uLong)raw_len, Z_BEST_COMPRESSION);
    free(raw);
    if (rc != Z_OK) {
        free(out);
        free(z);
        return err_set(e, ERR_MEMORY, "zlib could not compress the PNG data (error %d)", rc);
    }
    uint8_t ihdr[13];
    put_be32(ihdr, (uint32_t)width);
    put_be32(ihdr + 4, (uint32_t)height);
    ihdr[8] = 8;                        /* bits per sample */
    ihdr[9] = channels == 1 ? 0 : 2;    /* colour type: gray or RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0; /* deflate, standard filters, no interlace */
    size_t k = 0;
    memcpy(out, kSignature, 8);
    k += 8;
    k += put_chunk(out + k, "IHDR", ihdr, 13);
    k += put_chunk(out + k, "IDAT", z, zlen);
    k += put_chunk(out + k, "IEND", NULL, 0);
    free(z);
    *len = k;
    return out;
}

int png_write(const char *path, const uint8_t *pix, int width, int height, int channels, int filter,
              Err *e) {
    size_t n;
    uint8_t *png = png_encode(pix, width, height, channels, filter, &n, e);
    if (!png) return -1;
    /* a temporary beside the target, renamed over it when complete */
    int rc = fio_write_file(path, png, n, e);
    free(png);
    return rc;
}

int png_write_gray(const char *path, const uint8_t *pix, int width, int height, Err *e) {
    return png_write(path, pix, width, height, 1, -1, e);
}

int png_write_rgb(const char *path, const uint8_t *rgb, int width, int height, Err *e) {
    return png_write(path, rgb, width, height, 3, -1, e);
}

/* --- decoding --------------------------------------------------------------------- */

static const char *colour_type_name(int t) {
    switch (t) {
    case 0: return "grayscale";
    case 2: return "RGB";
    case 3: return "palette";
    case 4: return "grayscale with alpha";
    case 6: return "RGBA";
    }
    return "invalid";
}

/* Inflate the concatenated IDAT data into exactly `want` bytes. */
static int inflate_exact(const char *name, const uint8_t *z, size_t zlen, uint8_t *out, size_t want,
                         Err *e) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit(&zs) != Z_OK) {
        err_set(e, ERR_MEMORY, "%s: cannot start zlib", name);
        return -1;
    }
    zs.next_in = (Bytef *)z;
    zs.avail_in = (uInt)zlen; /* both sizes are below PNG_MAX_BYTES-ish bounds */
    zs.next_out = out;
    zs.avail_out = (uInt)want;
    int rc = inflate(&zs, Z_FINISH);
    int status = -1;
    if (rc == Z_STREAM_END && zs.avail_out == 0 && zs.avail_in == 0) {
        status = 0;
    } else if (rc == Z_STREAM_END && zs.avail_out != 0) {
        err_set(e, ERR_FORMAT, "%s: the image data is too short (%zu of %zu bytes)", name,
                want - zs.avail_out, want);
    } else if (rc == Z_STREAM_END) {
        err_set(e, ERR_FORMAT, "%s: %u stray bytes after the compressed image data", name,
                zs.avail_in);
    } else if (rc == Z_DATA_ERROR) {
        err_set(e, ERR_FORMAT, "%s: damaged image data (zlib: %s)", name,
                zs.msg ? zs.msg : "invalid data");
    } else if (rc == Z_MEM_ERROR) {
        err_set(e, ERR_MEMORY, "%s: out of memory in zlib", name);
    } else if (zs.avail_out == 0) {
        err_set(e, ERR_FORMAT, "%s: the image data is longer than the header's size", name);
    } else {
        err_set(e, ERR_FORMAT, "%s: the compressed image data ends early", name);
    }
    inflateEnd(&zs);
    return status;
}

uint8_t *png_decode(const uint8_t *data, size_t len, const char *name, int *width, int *height,
                    int *channels, Err *e) {
    if (!name) name = "PNG";
    if (len < 8 || memcmp(data, kSignature, 8) != 0)
        return err_set(e, ERR_FORMAT, "%s: not a PNG file (no PNG signature)", name);

    size_t pos = 8;
    int w = 0, h = 0, ch = 0, nchunks = 0;
    bool seen_end = false, idat_done = false;
    uint8_t *z = NULL, *pix = NULL, *raw = NULL;
    size_t zlen = 0, zcap = 0, raw_len = 0;

    while (!seen_end) {
        if (len - pos < 12) {
            err_set(e, ERR_FORMAT, "%s: truncated: the file ends %s", name,
                    nchunks ? "before the IEND chunk" : "after the signature");
            goto fail;
        }
        uint32_t n = get_be32(data + pos);
        const uint8_t *type = data + pos + 4, *body = data + pos + 8;
        char tname[5];
        for (int i = 0; i < 4; i++) {
            uint8_t c = type[i];
            tname[i] = ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ? (char)c : '?';
        }
        tname[4] = '\0';
        if (strchr(tname, '?')) {
            err_set(e, ERR_FORMAT, "%s: damaged chunk header at byte %zu", name, pos);
            goto fail;
        }
        if (n > 0x7fffffffu || n > len - pos - 12) {
            err_set(e, ERR_FORMAT, "%s: truncated: chunk %s at byte %zu claims %u bytes", name,
                    tname, pos, n);
            goto fail;
        }
        uLong crc = crc32(crc32(0L, Z_NULL, 0), type, (uInt)(4 + n));
        if ((uint32_t)crc != get_be32(body + n)) {
            err_set(e, ERR_FORMAT, "%s: CRC mismatch in chunk %s at byte %zu (damaged file)", name,
                    tname, pos);
            goto fail;
        }
        bool is_idat = !memcmp(tname, "IDAT", 4);
        if (nchunks == 0 && memcmp(tname, "IHDR", 4) != 0) {
            err_set(e, ERR_FORMAT, "%s: the first chunk is %s, not IHDR", name, tname);
            goto fail;
        }
        if (zlen && !is_idat) idat_done = true;

        if (!memcmp(tname, "IHDR", 4)) {
            if (nchunks != 0 || n != 13) {
                err_set(e, ERR_FORMAT, "%s: bad IHDR chunk", name);
                goto fail;
            }
            uint32_t uw = get_be32(body), uh = get_be32(body + 4);
            int depth = body[8], ct = body[9];
            if (uw == 0 || uh == 0 || uw > 0x7fffffffu || uh > 0x7fffffffu) {
                err_set(e, ERR_FORMAT, "%s: bad image size %u x %u", name, uw, uh);
                goto fail;
            }
            if (depth != 8 || (ct != 0 && ct != 2)) {
                err_set(e, ERR_FORMAT,
                        "%s: unsupported PNG format: %d-bit %s (nnsh reads 8-bit grayscale "
                        "and RGB only)",
                        name, depth, colour_type_name(ct));
                goto fail;
            }
            if (body[10] != 0 || body[11] != 0) {
                err_set(e, ERR_FORMAT, "%s: unknown compression or filter method", name);
                goto fail;
            }
            if (body[12] != 0) {
                err_set(e, ERR_FORMAT, "%s: interlaced PNGs are not supported", name);
                goto fail;
            }
            w = (int)uw;
            h = (int)uh;
            ch = ct == 0 ? 1 : 3;
            raw_len = filtered_size(w, h, ch);
            if (!raw_len) {
                err_set(e, ERR_FORMAT, "%s: a %d x %d image is larger than nnsh accepts", name, w,
                        h);
                goto fail;
            }
        } else if (is_idat) {
            if (idat_done) {
                err_set(e, ERR_FORMAT, "%s: IDAT chunks are not consecutive", name);
                goto fail;
            }
            if (zlen + n > PNG_MAX_BYTES + (PNG_MAX_BYTES >> 4)) {
                err_set(e, ERR_FORMAT, "%s: too much compressed image data", name);
                goto fail;
            }
            if (zlen + n > zcap) {
                size_t ncap = zcap ? zcap : 4096;
                while (ncap < zlen + n)
                    ncap *= 2;
                uint8_t *nz = realloc(z, ncap);
                if (!nz) {
                    err_set(e, ERR_MEMORY, "%s: out of memory", name);
                    goto fail;
                }
                z = nz;
                zcap = ncap;
            }
            if (n) memcpy(z + zlen, body, n);
            zlen += n;
        } else if (!memcmp(tname, "IEND", 4)) {
            seen_end = true;
        } else if (tname[0] >= 'A' && tname[0] <= 'Z' && memcmp(tname, "PLTE", 4) != 0) {
            /* an upper-case first letter marks a chunk a decoder must understand */
            err_set(e, ERR_FORMAT, "%s: unsupported critical chunk %s", name, tname);
            goto fail;
        } /* else: ancillary (or a suggested palette): skip */
        pos += 12 + (size_t)n;
        nchunks++;
    }
    if (pos != len) {
        err_set(e, ERR_FORMAT, "%s: %zu stray bytes after the IEND chunk", name, len - pos);
        goto fail;
    }
    if (!zlen) {
        err_set(e, ERR_FORMAT, "%s: no image data (IDAT chunk)", name);
        goto fail;
    }

    raw = malloc(raw_len);
    pix = malloc(raw_len - (size_t)h);
    if (!raw || !pix) {
        err_set(e, ERR_MEMORY, "%s: out of memory decoding a %d x %d PNG", name, w, h);
        goto fail;
    }
    if (inflate_exact(name, z, zlen, raw, raw_len, e) < 0) goto fail;

    /* undo the row filters: each byte adds back its prediction */
    size_t rn = (size_t)w * (size_t)ch, bpp = (size_t)ch;
    for (int y = 0; y < h; y++) {
        const uint8_t *row = raw + (size_t)y * (rn + 1);
        uint8_t *cur = pix + (size_t)y * rn;
        const uint8_t *prev = y ? cur - rn : NULL;
        int ft = row[0];
        if (ft > 4) {
            err_set(e, ERR_FORMAT, "%s: bad filter type %d on row %d", name, ft, y);
            goto fail;
        }
        /* bytes left of i are already decoded, as predict_byte needs */
        for (size_t i = 0; i < rn; i++)
            cur[i] = (uint8_t)(row[1 + i] + predict_byte(ft, cur, prev, i, bpp));
    }
    free(raw);
    free(z);
    *width = w;
    *height = h;
    *channels = ch;
    return pix;
fail:
    free(raw);
    free(pix);
    free(z);
    return NULL;
}

uint8_t *png_read(const char *path, int *width, int *height, int *channels, Err *e) {
    FILE *f = fio_fopen_read(path, e); /* never blocks on a FIFO */
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        if (cap >= 2 * PNG_MAX_BYTES) {
            free(buf);
            fclose(f);
            return err_set(e, ERR_FORMAT, "%s: too large for a PNG nnsh would read", path);
        }
        uint8_t *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int rerr = ferror(f) ? errno : 0;
    fclose(f);
    if (!buf) return err_set(e, ERR_MEMORY, "%s: out of memory reading the file", path);
    if (rerr) {
        free(buf);
        return err_set(e, ERR_IO, "%s: %s", path, strerror(rerr));
    }
    uint8_t *pix = png_decode(buf, n, path, width, height, channels, e);
    free(buf);
    return pix;
}

uint8_t *png_read_gray(const char *path, int *width, int *height, Err *e) {
    int ch;
    uint8_t *pix = png_read(path, width, height, &ch, e);
    if (pix && ch != 1) {
        free(pix);
        return err_set(e, ERR_FORMAT, "%s: an RGB image, expected grayscale", path);
    }
    return pix;
}

uint8_t *png_read_rgb(const char *path, int *width, int *height, Err *e) {
    int ch;
    uint8_t *pix = png_read(path, width, height, &ch, e);
    if (!pix || ch == 3) return pix;
    size_t n = (size_t)*width * (size_t)*height;
    uint8_t *rgb = malloc(n * 3);
    if (!rgb) {
        free(pix);
        return err_set(e, ERR_MEMORY, "%s: out of memory", path);
    }
    for (size_t i = 0; i < n; i++)
        rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = pix[i];
    free(pix);
    return rgb;
}

/* --- digit sheets ------------------------------------------------------------------- */

PngGrid png_grid_default(void) {
    PngGrid g = {0, 2, 1, 128};
    return g;
}

uint8_t *png_grid(const uint8_t *imgs, int count, int rows, int cols, const PngGrid *g, int *out_w,
                  int *out_h, Err *e) {
    if (count < 1) return err_set(e, ERR_VALUE, "no images to lay out");
    if (rows < 1 || cols < 1)
        return err_set(e, ERR_VALUE, "images of %d x %d pixels cannot be drawn", rows, cols);
    if (g->scale < 1 || g->scale > 16 || g->gap < 0 || g->gap > 64 || g->per_row < 0)
        return err_set(e, ERR_VALUE, "bad layout: scale must be 1..16 and gap 0..64");
    int per_row = g->per_row == 0 || g->per_row > count ? count : g->per_row;
    int lines = (count + per_row - 1) / per_row;
    /* sheet size before scaling, in 64 bits to catch overflow */
    int64_t w1 = (int64_t)per_row * cols + (int64_t)(per_row - 1) * g->gap;
    int64_t h1 = (int64_t)lines * rows + (int64_t)(lines - 1) * g->gap;
    int64_t w = w1 * g->scale, h = h1 * g->scale;
    if (w > 1 << 20 || h > 1 << 20 || (size_t)(w * h) > PNG_MAX_BYTES / 2)
        return err_set(e, ERR_VALUE, "a sheet of %lld x %lld pixels is too large", (long long)w,
                       (long long)h);
    uint8_t *out = malloc((size_t)(w * h));
    if (!out)
        return err_set(e, ERR_MEMORY, "out of memory for a %lld x %lld sheet", (long long)w,
                       (long long)h);
    memset(out, g->gap_value, (size_t)(w * h));
    int s = g->scale;
    for (int k = 0; k < count; k++) {
        int64_t x0 = (int64_t)(k % per_row) * (cols + g->gap) * s;
        int64_t y0 = (int64_t)(k / per_row) * (rows + g->gap) * s;
        const uint8_t *img = imgs + (size_t)k * (size_t)rows * (size_t)cols;
        for (int64_t y = 0; y < (int64_t)rows * s; y++) {
            uint8_t *dst = out + (size_t)((y0 + y) * w + x0);
            const uint8_t *src = img + (size_t)(y / s) * (size_t)cols;
            for (int64_t x = 0; x < (int64_t)cols * s; x++)
                dst[x] = src[x / s];
        }
    }
    *out_w = (int)w;
    *out_h = (int)h;
    return out;
}

/* Convert any array's values to gray levels as png_grid_digits describes. */
static uint8_t *to_gray(const Array *a, Err *e) {
    uint8_t *out = malloc(a->size ? (size_t)a->size : 1);
    if (!out) return err_set(e, ERR_MEMORY, "out of memory");
    if (a->dtype == DT_UINT8) {
        if (a->size) memcpy(out, a->data, (size_t)a->size);
        return out;
    }
    if (a->dtype == DT_BOOL) {
        for (int64_t i = 0; i < a->size; i++)
            out[i] = ((uint8_t *)a->data)[i] ? 255 : 0;
        return out;
    }
    bool unit = true;
    for (int64_t i = 0; i < a->size && unit; i++) {
        double v = arr_get(a, i);
        if (!isnan(v) && (v < 0.0 || v > 1.0)) unit = false;
    }
    for (int64_t i = 0; i < a->size; i++) {
        double v = arr_get(a, i);
        if (isnan(v)) v = 0.0;
        if (unit) v *= 255.0;
        v = round(v);
        out[i] = (uint8_t)(v < 0.0 ? 0.0 : v > 255.0 ? 255.0 : v);
    }
    return out;
}

int png_grid_digits(const char *path, const Array *imgs, const PngGrid *g, Err *e) {
    PngGrid def = png_grid_default();
    if (!g) g = &def;
    int64_t k, r, c;
    char s[64];
    /* side of a square image for a 1-d array */
    int64_t side = imgs->ndim == 1 ? (int64_t)llround(sqrt((double)imgs->shape[0])) : 0;
    if (imgs->ndim == 3 || (imgs->ndim == 4 && imgs->shape[1] == 1)) {
        k = imgs->shape[0];
        r = imgs->shape[imgs->ndim - 2];
        c = imgs->shape[imgs->ndim - 1];
    } else if (imgs->ndim == 2 && imgs->shape[1] == 784) {
        k = imgs->shape[0];
        r = c = 28;
    } else if (imgs->ndim == 2) {
        k = 1;
        r = imgs->shape[0];
        c = imgs->shape[1];
    } else if (imgs->ndim == 1 && side * side == imgs->shape[0]) {
        k = 1;
        r = c = side;
    } else {
        err_shape(e, "png", imgs->ndim, imgs->shape, 0, NULL,
                  "cannot draw an array of shape %s as images: expected (K, rows, cols), "
                  "(K, 1, rows, cols), (K, 784) or (rows, cols)",
                  shape_str(s, imgs->ndim, imgs->shape));
        return -1;
    }
    if (k < 1 || r < 1 || c < 1 || k > 100000 || r > 65536 || c > 65536) {
        err_shape(e, "png", imgs->ndim, imgs->shape, 0, NULL,
                  "cannot draw an array of shape %s as images",
                  shape_str(s, imgs->ndim, imgs->shape));
        return -1;
    }
    uint8_t *gray = to_gray(imgs, e);
    if (!gray) return -1;
    int w, h;
    uint8_t *sheet = png_grid(gray, (int)k, (int)r, (int)c, g, &w, &h, e);
    free(gray);
    if (!sheet) return -1;
    int rc = png_write_gray(path, sheet, w, h, e);
    free(sheet);
    return rc;
}
