/* npy.c - reading and writing NumPy's .npy files (see npy.h).
 *
 * Layout of a file:  "\x93NUMPY" major minor  header-length  header  data
 * where the length is 2 bytes (version 1.0) or 4 bytes (2.0, 3.0), all
 * little-endian, and the header is a Python dict literal such as
 *     {'descr': '<f4', 'fortran_order': False, 'shape': (784, 50), }
 * padded with spaces and a final newline.
 */
#include "npy.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "intr.h"

#define NPY_MAGIC "\x93NUMPY"
#define NPY_MAGIC_LEN 6
#define NPY_ALIGN 64
#define NPY_HEADER_MAX 10000 /* NumPy refuses longer headers too */
#define NPY_GROWTH_DIGITS 21 /* NumPy's spare room for a growing first axis */
#define NPY_FILE_MAX ((uint64_t)1 << 34)

static const struct {
    const char *descr; /* what nnsh writes */
    DType dt;
} kDescr[] = {
    {"|b1", DT_BOOL},    {"|u1", DT_UINT8},   {"<i8", DT_INT64},
    {"<f4", DT_FLOAT32}, {"<f8", DT_FLOAT64},
};

/* --- the header's dict literal ------------------------------------------- */

typedef struct Hdr {
    const char *s; /* header text (not NUL-terminated) */
    size_t n;
    size_t i;         /* parse position */
    bool allow_l;     /* accept Python 2's "3L" integers (versions 1 and 2) */
    const char *name; /* file name for messages */
    Err *e;
    /* results */
    char descr[16];
    int fortran;
    int ndim;
    int64_t shape[ARR_MAXDIM];
} Hdr;

static int hfail(Hdr *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int hfail(Hdr *h, const char *fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_set(h->e, ERR_FORMAT, "%s: bad .npy header at character %zu: %s", h->name, h->i, msg);
    return -1;
}

static void ws(Hdr *h) {
    while (h->i < h->n &&
           (h->s[h->i] == ' ' || h->s[h->i] == '\t' || h->s[h->i] == '\n' || h->s[h->i] == '\r'))
        h->i++;
}

/* expect: skip blanks, then require the character c. */
static int expect(Hdr *h, char c, const char *what) {
    ws(h);
    if (h->i >= h->n || h->s[h->i] != c) return hfail(h, "expected %s", what);
    h->i++;
    return 0;
}

static bool peek(Hdr *h, char c) {
    ws(h);
    return h->i < h->n && h->s[h->i] == c;
}

/* string -> ' chars ' | " chars "   (no escapes; at most cap-1 chars) */
static int parse_str(Hdr *h, char *out, size_t cap) {
    ws(h);
    if (h->i >= h->n || (h->s[h->i] != '\'' && h->s[h->i] != '"'))
        return hfail(h, "expected a quoted string");
    char q = h->s[h->i++];
    size_t o = 0;
    while (h->i < h->n && h->s[h->i] != q) {
        char c = h->s[h->i];
        if (c == '\\' || c == '\n' || (unsigned char)c < 0x20)
            return hfail(h, "unsupported character in a string");
        if (o + 1 >= cap) return hfail(h, "string too long");
        out[o++] = c;
        h->i++;
    }
    if (h->i >= h->n) return hfail(h, "unterminated string");
    h->i++;
    out[o] = '\0';
    return 0;
}

/* int -> 0 | [1-9][0-9]*   (an optional trailing L in versions 1 and 2) */
static int parse_int(Hdr *h, int64_t *out) {
    ws(h);
    size_t st = h->i;
    int64_t v = 0;
    while (h->i < h->n && h->s[h->i] >= '0' && h->s[h->i] <= '9') {
        if (v > (INT64_MAX - 9) / 10) return hfail(h, "number too large");
        v = v * 10 + (h->s[h->i] - '0');
        h->i++;
    }
    if (h->i == st) return hfail(h, "expected a non-negative integer");
    if (h->s[st] == '0' && h->i - st > 1) return hfail(h, "number with a leading zero");
    if (h->allow_l && h->i < h->n && h->s[h->i] == 'L') h->i++;
    *out = v;
    return 0;
}

/* bool -> True | False */
static int parse_bool(Hdr *h, int *out) {
    ws(h);
    size_t left = h->n - h->i;
    const char *p = h->s + h->i;
    size_t len = 0;
    if (left >= 4 && memcmp(p, "True", 4) == 0) {
        *out = 1;
        len = 4;
    } else if (left >= 5 && memcmp(p, "False", 5) == 0) {
        *out = 0;
        len = 5;
    } else {
        return hfail(h, "fortran_order must be True or False");
    }
    char nx = len < left ? p[len] : ' ';
    if ((nx >= 'a' && nx <= 'z') || (nx >= 'A' && nx <= 'Z') || (nx >= '0' && nx <= '9') ||
        nx == '_')
        return hfail(h, "fortran_order must be True or False");
    h->i += len;
    return 0;
}

/* tuple -> '(' ')' | '(' int ',' ')' | '(' int (',' int)+ [','] ')' */
static int parse_shape(Hdr *h) {
    if (expect(h, '(', "a tuple for shape") < 0) return -1;
    h->ndim = 0;
    bool comma = false;
    while (!peek(h, ')')) {
        if (h->ndim == ARR_MAXDIM)
            return hfail(h, "the shape has more than %d axes (nnsh's limit)", ARR_MAXDIM);
        if (parse_int(h, &h->shape[h->ndim]) < 0) return -1;
        h->ndim++;
        comma = peek(h, ',');
        if (comma)
            h->i++;
        else if (!peek(h, ')'))
            return hfail(h, "expected ',' or ')' in the shape");
    }
    h->i++;
    if (h->ndim == 1 && !comma) return hfail(h, "the shape (n) is not a tuple; write (n,)");
    return 0;
}

/* dict -> '{' (key ':' value ',')* [key ':' value] '}'  with exactly the keys
 * descr, fortran_order and shape, each once, in any order. */
static int parse_header(Hdr *h) {
    bool seen[3] = {false, false, false};
    if (expect(h, '{', "'{' at the start of the header dict") < 0) return -1;
    while (!peek(h, '}')) {
        char key[32];
        if (parse_str(h, key, sizeof key) < 0) return -1;
        int k = strcmp(key, "descr") == 0           ? 0
                : strcmp(key, "fortran_order") == 0 ? 1
                : strcmp(key, "shape") == 0         ? 2
                                                    : -1;
        if (k < 0) return hfail(h, "unexpected key '%s'", key);
        if (seen[k]) return hfail(h, "key '%s' appears twice", key);
        seen[k] = true;
        if (expect(h, ':', "':' after a key") < 0) return -1;
        if (k == 0 && !peek(h, '\'') && !peek(h, '"'))
            return hfail(h, "the descr is not a simple dtype string such as '<f4' "
                            "(structured dtypes are not supported)");
        int rc = k == 0   ? parse_str(h, h->descr, sizeof h->descr)
                 : k == 1 ? parse_bool(h, &h->fortran)
                          : parse_shape(h);
        if (rc < 0) return -1;
        if (peek(h, ','))
            h->i++;
        else if (!peek(h, '}'))
            return hfail(h, "expected ',' or '}' after a value");
    }
    h->i++;
    ws(h);
    if (h->i != h->n) return hfail(h, "unexpected text after the dict");
    static const char *const names[] = {"descr", "fortran_order", "shape"};
    for (int k = 0; k < 3; k++)
        if (!seen[k]) return hfail(h, "the key '%s' is missing", names[k]);
    return 0;
}

/* descr_dtype: map a descr to a dtype, or explain why not. */
static int descr_dtype(const char *name, const char *d, DType *out, Err *e) {
    char order = d[0];
    const char *code = d + 1;
    if (order == '<' || order == '|' || order == '>' || order == '=') {
        if (strcmp(code, "u1") == 0 || strcmp(code, "b1") == 0) {
            *out = code[0] == 'u' ? DT_UINT8 : DT_BOOL;
            return 0;
        }
        if (order == '<' || order == '>')
            for (size_t i = 0; i < sizeof kDescr / sizeof kDescr[0]; i++)
                if (strcmp(kDescr[i].descr + 1, code) == 0) {
                    if (order == '>') {
                        err_set(e, ERR_FORMAT,
                                "%s: big-endian data ('%s') is not "
                                "supported; save it as '<%s'",
                                name, d, code);
                        return -1;
                    }
                    *out = kDescr[i].dt;
                    return 0;
                }
    }
    err_set(e, ERR_FORMAT,
            "%s: unsupported dtype '%s' (nnsh reads '<f4', '<f8', '<i8', "
            "'|u1' and '|b1')",
            name, d);
    return -1;
}

/* --- data ------------------------------------------------------------------ */

/* npy_needs_swap: true on a big-endian host (the data must be reversed). */
static bool npy_needs_swap(void) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return true;
#else
    return false;
#endif
}

/* swap_elems: .npy data is little-endian; reverse each element's bytes on a
 * big-endian host (a no-op on the little-endian machines nnsh runs on). */
static void swap_elems(void *data, int64_t size, size_t isz) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    uint8_t *p = data;
    for (int64_t i = 0; i < size && isz > 1; i++, p += isz)
        for (size_t k = 0; k < isz / 2; k++) {
            uint8_t t = p[k];
            p[k] = p[isz - 1 - k];
            p[isz - 1 - k] = t;
        }
#else
    (void)data;
    (void)size;
    (void)isz;
#endif
}

/* --- loading --------------------------------------------------------------- */

Array *npy_load_mem(const uint8_t *buf, size_t n, const char *name, Err *e) {
    if (!name) name = "<npy>";
    if (n < NPY_MAGIC_LEN || memcmp(buf, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
        return err_set(e, ERR_FORMAT,
                       "%s: not a .npy file (it does not start with "
                       "\\x93NUMPY)",
                       name);
    if (n < NPY_MAGIC_LEN + 2)
        return err_set(e, ERR_FORMAT, "%s: the file ends inside the version", name);
    int major = buf[6], minor = buf[7];
    if (major < 1 || major > 3 || minor != 0)
        return err_set(e, ERR_FORMAT,
                       "%s: .npy format version %d.%d is not supported "
                       "(nnsh reads 1.0, 2.0 and 3.0)",
                       name, major, minor);
    size_t lenbytes = major == 1 ? 2 : 4;
    size_t pos = 8;
    if (n - pos < lenbytes)
        return err_set(e, ERR_FORMAT, "%s: the file ends inside the header length", name);
    uint64_t hlen = 0;
    for (size_t i = 0; i < lenbytes; i++)
        hlen |= (uint64_t)buf[pos + i] << (8 * i);
    pos += lenbytes;
    if (hlen > NPY_HEADER_MAX)
        return err_set(e, ERR_FORMAT,
                       "%s: the header claims %llu bytes; nnsh (like "
                       "NumPy) refuses headers over %d",
                       name, (unsigned long long)hlen, NPY_HEADER_MAX);
    if (hlen > n - pos)
        return err_set(e, ERR_FORMAT,
                       "%s: the file ends inside the header (%llu bytes "
                       "announced, %zu there)",
                       name, (unsigned long long)hlen, n - pos);
    Hdr h = {0};
    h.s = (const char *)buf + pos;
    h.n = (size_t)hlen;
    h.allow_l = major < 3;
    h.name = name;
    h.e = e;
    if (major < 3) /* versions 1 and 2 are latin1; only ASCII can be valid */
        for (size_t i = 0; i < h.n; i++)
            if ((unsigned char)h.s[i] >= 0x80) {
                h.i = i;
                hfail(&h, "non-ASCII byte 0x%02x", (unsigned char)h.s[i]);
                return NULL;
            }
    if (parse_header(&h) < 0) return NULL;
    pos += (size_t)hlen;

    DType dt;
    if (descr_dtype(name, h.descr, &dt, e) < 0) return NULL;
    char sb[64];
    int64_t size = shape_size(h.ndim, h.shape);
    size_t isz = dtype_size(dt);
    if (size < 0 || (uint64_t)size > SIZE_MAX / 16)
        return err_set(e, ERR_FORMAT, "%s: the shape %s is too large", name,
                       shape_str(sb, h.ndim, h.shape));
    size_t bytes = (size_t)size * isz;
    size_t have = n - pos;
    if (have < bytes)
        return err_set(e, ERR_FORMAT,
                       "%s: truncated: shape %s of %s needs %zu bytes of "
                       "data, the file has %zu",
                       name, shape_str(sb, h.ndim, h.shape), dtype_name(dt), bytes, have);
    if (have > bytes)
        return err_set(e, ERR_FORMAT,
                       "%s: %zu bytes follow the data of shape %s of %s "
                       "(damaged, or the header lies about the shape)",
                       name, have - bytes, shape_str(sb, h.ndim, h.shape), dtype_name(dt));
    Array *a = arr_new_uninit(dt, h.ndim, h.shape, e);
    if (!a) { /* too big, or past the memory budget: say which file */
        if (e) {
            char m[sizeof e->msg];
            snprintf(m, sizeof m, "%s", e->msg);
            err_set(e, e->kind, "%s: %s", name, m);
        }
        return NULL;
    }
    if (bytes) {
        if (h.fortran && h.ndim > 1)
            arr_fortran_to_c(a->data, buf + pos, h.ndim, h.shape, isz);
        else
            memcpy(a->data, buf + pos, bytes);
    }
    swap_elems(a->data, size, isz);
    if (dt == DT_BOOL) /* any non-zero byte reads as True, as in NumPy */
        for (int64_t i = 0; i < size; i++)
            ((uint8_t *)a->data)[i] = ((uint8_t *)a->data)[i] != 0;
    return a;
}

Array *npy_load(const char *path, Err *e) {
    FILE *f = fio_fopen_read(path, e); /* never blocks on a FIFO */
    if (!f) return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0) {
        fclose(f);
        return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    }
    if ((uint64_t)st.st_size > NPY_FILE_MAX || (uint64_t)st.st_size > SIZE_MAX / 2) {
        fclose(f);
        return err_set(e, ERR_FORMAT, "%s: the file is too large (%lld bytes)", path,
                       (long long)st.st_size);
    }
    size_t n = (size_t)st.st_size;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf) {
        fclose(f);
        return err_set(e, ERR_MEMORY, "%s: out of memory reading %zu bytes", path, n);
    }
    size_t got = fread(buf, 1, n, f);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || got != n) {
        free(buf);
        return err_set(e, ERR_IO, "%s: read error", path);
    }
    Array *a = npy_load_mem(buf, n, path, e);
    free(buf);
    return a;
}

/* --- saving ---------------------------------------------------------------- */

/* The header of a .npy file (magic, version, length, the dict and its
 * padding) for array a into out (room for NPY_HEAD_MAX bytes); its length. */
enum { NPY_HEAD_MAX = 512 };
static size_t npy_header(const Array *a, uint8_t *out, Err *e) {
    const char *descr = NULL;
    for (size_t i = 0; i < sizeof kDescr / sizeof kDescr[0]; i++)
        if (kDescr[i].dt == a->dtype) descr = kDescr[i].descr;
    if (!descr) return err_set(e, ERR_VALUE, "npy: unknown dtype"), 0;
    /* NumPy: repr of the sorted dict, then spaces for the first axis to grow */
    char head[256], sb[SHAPE_STR_SIZE];
    int hn = snprintf(head, sizeof head,
                      "{'descr': '%s', 'fortran_order': False, "
                      "'shape': %s, }",
                      descr, shape_str(sb, a->ndim, a->shape));
    if (hn < 0 || (size_t)hn + NPY_GROWTH_DIGITS >= sizeof head)
        return err_set(e, ERR_VALUE, "npy: the header does not fit"), 0;
    if (a->ndim > 0) {
        int digits = snprintf(sb, sizeof sb, "%lld", (long long)a->shape[0]);
        for (int k = digits; k < NPY_GROWTH_DIGITS; k++)
            head[hn++] = ' ';
    }
    /* pad with spaces and a final '\n' so magic + version + length + header
     * ends on a 64-byte boundary (a full 64 when it already would) */
    size_t hlen = (size_t)hn + 1;
    size_t pad = NPY_ALIGN - (NPY_MAGIC_LEN + 2 + 2 + hlen) % NPY_ALIGN;
    size_t total_head = hlen + pad;
    size_t pre = NPY_MAGIC_LEN + 2 + 2;
    memcpy(out, NPY_MAGIC, NPY_MAGIC_LEN);
    out[6] = 1;
    out[7] = 0;
    out[8] = (uint8_t)(total_head & 0xff);
    out[9] = (uint8_t)(total_head >> 8);
    memcpy(out + pre, head, (size_t)hn);
    memset(out + pre + hn, ' ', pad);
    out[pre + total_head - 1] = '\n';
    return pre + total_head;
}

uint8_t *npy_save_mem(const Array *a, size_t *len, Err *e) {
    uint8_t head[NPY_HEAD_MAX];
    size_t hl = npy_header(a, head, e);
    if (!hl) return NULL;
    size_t bytes = arr_nbytes(a);
    if (bytes > SIZE_MAX - hl) return err_set(e, ERR_MEMORY, "npy: array too large to save");
    uint8_t *out = malloc(hl + bytes);
    if (!out) return err_set(e, ERR_MEMORY, "npy: out of memory saving %zu bytes", bytes);
    memcpy(out, head, hl);
    if (bytes) {
        memcpy(out + hl, a->data, bytes);
        swap_elems(out + hl, a->size, dtype_size(a->dtype));
    }
    *len = hl + bytes;
    return out;
}

/* Saving streams the array into a temporary file beside the target (see
 * fileio.h) a block at a time: no second copy of a big array is ever made,
 * and the old file survives a full disk or a kill until the final rename. */
int npy_save(const char *path, const Array *a, Err *e) {
    uint8_t head[NPY_HEAD_MAX];
    size_t hl = npy_header(a, head, e);
    if (!hl) return -1;
    FioWriter w;
    if (!fio_begin(&w, path, e)) return -1;
    bool ok = fio_write(&w, head, hl, e);
    size_t isz = dtype_size(a->dtype), bytes = arr_nbytes(a);
    enum { BLOCK = 1 << 20 };
    uint8_t *tmp = NULL;
    if (ok && bytes && npy_needs_swap()) {
        tmp = malloc(BLOCK);
        if (!tmp) ok = err_set(e, ERR_MEMORY, "out of memory") != NULL;
    }
    for (size_t off = 0; ok && off < bytes; off += BLOCK) {
        if (intr_pending()) {
            err_set(e, ERR_INTERRUPT, "save stopped (the old file is unchanged)");
            ok = false;
            break;
        }
        size_t n = bytes - off < BLOCK ? bytes - off : BLOCK;
        const uint8_t *src = (const uint8_t *)a->data + off;
        if (tmp) {
            memcpy(tmp, src, n);
            swap_elems(tmp, (int64_t)(n / isz), isz);
            src = tmp;
        }
        ok = fio_write(&w, src, n, e);
    }
    free(tmp);
    if (!ok) {
        fio_abort(&w);
        return -1;
    }
    return fio_commit(&w, e) ? 0 : -1;
}
