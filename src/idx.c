/* idx.c - MNIST idx files, plain or gzip, with a cache of decoded bytes
 * (see idx.h).
 *
 * Plain files are read straight into the new array: the header first, then
 * the data section, whose length is checked against the file size before
 * anything is allocated. Gzip files are read whole, inflated with zlib into a
 * growing buffer (so a small file that claims a huge size cannot make us
 * allocate it up front), checked exactly like a plain file, and the decoded
 * bytes saved to the cache. idx_load_normalized (load_mnist's path) maps a
 * valid cache entry and converts it to float32 in one pass instead (see
 * "loading images as float32" below).
 *
 * Cache file layout (integers little-endian):
 *   0   8  "nnshidx\0"
 *   8   4  format version (2)
 *   12  4  P, the length of the source's absolute path
 *   16  8  source size in bytes
 *   24  8  source mtime, seconds
 *   32  8  source mtime, nanoseconds
 *   40  8  source inode number
 *   48  8  L, length of the decoded idx file that follows
 *   56  4  CRC-32 of those L bytes
 *   60  4  CRC-32 of bytes 0..59, 64..95 and the path
 *   64  8  source ctime, seconds (a rewrite with the mtime put back still
 *   72  8  source ctime, nanoseconds    changes the ctime)
 *   80  8  source device number
 *   88  8  the source's last 8 bytes: the gzip trailer's CRC-32 and ISIZE
 *          of the uncompressed data (new contents of the same size change it)
 *   96  P  the source's absolute path (no terminator)
 *   96+P L the decoded idx file
 * An entry is used only if every field matches and the file is exactly
 * 96 + P + L bytes long; anything else counts as a miss. Entries are written
 * through fileio.h (a temporary, fsync, rename).
 *
 * Beside it, load_mnist's float32 form (see "the float32 cache" below) so
 * that a warm load maps the normalised pixels instead of converting them.
 *
 * The cache directory must be a directory owned by the user and writable by
 * no one else (a shared NNSH_CACHE_DIR that others can write could serve
 * them our data, or us theirs); otherwise caching is off, with one warning
 * on standard error.
 */
#include "idx.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <zlib.h>

#include "fileio.h"
#include "intr.h"
#include "ops.h" /* kern_parallel */

#define HDR_MAX (4 + 4 * ARR_MAXDIM) /* largest idx header we accept */
#define CACHE_MAGIC "nnshidx"        /* 7 chars + NUL = 8 bytes */
#define CACHE_VERSION 2u
#define CACHE_FIXED 96

/* --- small byte helpers ---------------------------------------------------- */

static uint32_t get_be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t get_le32(const uint8_t *p) {
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint64_t get_le64(const uint8_t *p) {
    return (uint64_t)get_le32(p + 4) << 32 | get_le32(p);
}

static void put_le32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put_le64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* crc32 over any length (zlib's length argument is a uInt). */
static uLong crc_bytes(uLong crc, const uint8_t *p, size_t n) {
    while (n) {
        uInt step = n > (1u << 30) ? (1u << 30) : (uInt)n;
        crc = crc32(crc, p, step);
        p += step;
        n -= step;
    }
    return crc;
}

/* Read exactly n bytes at offset off. Returns the count read (short at end of
 * file) or -1 with errno set. */
static ssize_t pread_full(int fd, void *buf, size_t n, off_t off) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, off + (off_t)got);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (r == 0) break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* --- the idx header ------------------------------------------------------- */

typedef struct IdxHeader {
    int ndim;
    int64_t shape[ARR_MAXDIM];
    int64_t count;  /* elements = bytes of data */
    size_t hdr_len; /* 4 + 4 * ndim */
    bool complete;  /* the axis lengths were present and have been read */
} IdxHeader;

static const char *type_code_name(int code) {
    switch (code) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "16-bit integer";
    case 0x0C: return "32-bit integer";
    case 0x0D: return "32-bit float";
    case 0x0E: return "64-bit float";
    }
    return "not an idx type";
}

/* Parse the header from the first n bytes of an idx file. Returns -1 (error
 * in e), or 0 with h filled; h->complete is false when only the magic number
 * was available and h->hdr_len says how many bytes the full header needs. */
static int parse_header(const char *name, const uint8_t *b, size_t n, IdxHeader *h, Err *e) {
    memset(h, 0, sizeof *h);
    if (n == 0) {
        err_set(e, ERR_FORMAT, "%s: empty file: no idx header", name);
        return -1;
    }
    if (n < 4) {
        err_set(e, ERR_FORMAT, "%s: truncated: an idx header needs at least 4 bytes, found %zu",
                name, n);
        return -1;
    }
    uint32_t magic = get_be32(b);
    if (b[0] != 0 || b[1] != 0) {
        err_set(e, ERR_FORMAT,
                "%s: bad magic number 0x%08x (expected 0x00000803 for images or "
                "0x00000801 for labels)",
                name, magic);
        return -1;
    }
    if (b[2] != 0x08) {
        err_set(e, ERR_FORMAT,
                "%s: unsupported idx element type code 0x%02x (%s) in magic number "
                "0x%08x; only 0x08 (unsigned byte) is supported",
                name, b[2], type_code_name(b[2]), magic);
        return -1;
    }
    if (b[3] < 1 || b[3] > ARR_MAXDIM) {
        err_set(e, ERR_FORMAT,
                "%s: unsupported number of axes %d in magic number 0x%08x "
                "(nnsh reads 1 to %d)",
                name, b[3], magic, ARR_MAXDIM);
        return -1;
    }
    h->ndim = b[3];
    h->hdr_len = 4 + 4 * (size_t)h->ndim;
    if (n < h->hdr_len) return 0;

    /* Multiply with an overflow check: each axis is < 2^32, so stop as soon as
     * the product passes the cap. A zero-length axis makes the size 0. */
    bool zero = false, huge = false;
    int64_t count = 1;
    for (int i = 0; i < h->ndim; i++) {
        int64_t d = get_be32(b + 4 + 4 * i);
        h->shape[i] = d;
        if (d == 0)
            zero = true;
        else if (!huge && count > IDX_MAX_BYTES / d)
            huge = true;
        else if (!huge)
            count *= d;
    }
    /* the non-zero axes must fit the limit even when another axis is 0:
     * (0, 2^31, 2^31) holds nothing, but no MNIST-like file has it, and
     * its float32 form would be too big for any array (arr.h) */
    if (huge || count > IDX_MAX_BYTES) {
        char s[64];
        shape_str(s, h->ndim, h->shape);
        err_set(e, ERR_FORMAT,
                "%s: the header's shape %s is larger than nnsh's limit of %lld bytes", name, s,
                (long long)IDX_MAX_BYTES);
        return -1;
    }
    h->count = zero ? 0 : count;
    h->complete = true;
    return 0;
}

/* The error for a data section of `have` bytes where h->count were promised.
 * Returns 0 when they agree. */
static int check_data_length(const char *name, const IdxHeader *h, uint64_t have, Err *e) {
    if (have == (uint64_t)h->count) return 0;
    if (have < (uint64_t)h->count)
        err_set(e, ERR_FORMAT, "%s: truncated: expected %lld bytes of data, found %llu", name,
                (long long)h->count, (unsigned long long)have);
    else
        err_set(e, ERR_FORMAT,
                "%s: %llu unexpected bytes after the data (the header promises "
                "%lld bytes of data, found %llu)",
                name, (unsigned long long)(have - (uint64_t)h->count), (long long)h->count,
                (unsigned long long)have);
    return -1;
}

static int header_truncated(const char *name, const IdxHeader *h, size_t have, Err *e) {
    err_set(e, ERR_FORMAT, "%s: truncated: the %d-axis idx header needs %zu bytes, found %zu", name,
            h->ndim, h->hdr_len, have);
    return -1;
}

/* Read the idx file stored in fd at offset `off`, `avail` bytes long, into a
 * new array. If crc is not NULL, *crc receives the CRC-32 of all the bytes. */
static Array *read_idx_fd(const char *name, int fd, off_t off, uint64_t avail, uLong *crc, Err *e) {
    uint8_t hb[HDR_MAX];
    size_t want = avail < HDR_MAX ? (size_t)avail : HDR_MAX;
    ssize_t got = pread_full(fd, hb, want, off);
    if (got < 0) return err_set(e, ERR_IO, "%s: %s", name, strerror(errno));
    IdxHeader h;
    if (parse_header(name, hb, (size_t)got, &h, e) < 0) return NULL;
    if (!h.complete) {
        header_truncated(name, &h, (size_t)got, e);
        return NULL;
    }
    if (check_data_length(name, &h, avail - h.hdr_len, e) < 0) return NULL;
    Array *a = arr_new_uninit(DT_UINT8, h.ndim, h.shape, e);
    if (!a) return NULL;
    if (h.count) {
        got = pread_full(fd, a->data, (size_t)h.count, off + (off_t)h.hdr_len);
        if (got != (ssize_t)h.count) {
            if (got < 0)
                err_set(e, ERR_IO, "%s: %s", name, strerror(errno));
            else
                err_set(e, ERR_IO, "%s: the file shrank while it was being read", name);
            arr_free(a);
            return NULL;
        }
    }
    if (crc) {
        uLong c = crc32(0L, Z_NULL, 0);
        c = crc_bytes(c, hb, h.hdr_len);
        *crc = crc_bytes(c, a->data, (size_t)h.count);
    }
    return a;
}

/* --- gzip ------------------------------------------------------------------ */

/* Inflate the gzip file src[0..n) (one or more members) and check the decoded
 * idx file's header and length. On success returns 0 with the decoded bytes
 * (header + data, exactly) in *out (malloc'd) and their count in *outlen. */
static int inflate_idx(const char *name, const uint8_t *src, size_t n, uint8_t **out,
                       size_t *outlen, Err *e) {
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        err_set(e, ERR_MEMORY, "%s: cannot start zlib", name);
        return -1;
    }
    /* The gzip trailer's ISIZE is the last member's length mod 2^32: when it
     * agrees with the header, it lets us allocate the buffer exactly once. */
    uint32_t isize = n >= 18 ? get_le32(src + n - 4) : 0;

    const uint8_t *in = src;
    size_t in_left = n;
    uint8_t *buf = NULL, scratch[16384];
    size_t cap = 0, len = 0, want = 0; /* want: 0 until the header is known */
    size_t need = 4;                   /* bytes to decode before parsing */
    uint64_t extra = 0;                /* decoded bytes beyond `want` */
    IdxHeader h;
    int status = -1;

    for (;;) {
        if (zs.avail_in == 0 && in_left) {
            uInt step = in_left > (1u << 30) ? (1u << 30) : (uInt)in_left;
            zs.next_in = (Bytef *)in;
            zs.avail_in = step;
            in += step;
            in_left -= step;
        }
        size_t limit = want ? want : need;
        uint8_t *dst;
        size_t room;
        if (len < limit) {
            if (cap < limit && len == cap) {
                size_t ncap;
                if (!want)
                    ncap = HDR_MAX;
                else if (cap <= HDR_MAX)
                    ncap = (isize == (uint32_t)want || want < (1u << 20)) ? want : (1u << 20);
                else
                    ncap = cap > want / 2 ? want : cap * 2;
                uint8_t *nb = realloc(buf, ncap);
                if (!nb) {
                    err_set(e, ERR_MEMORY, "%s: out of memory inflating %zu bytes", name, want);
                    goto done;
                }
                buf = nb;
                cap = ncap;
            }
            dst = buf + len;
            room = (cap < limit ? cap : limit) - len;
        } else {
            dst = scratch;
            room = sizeof scratch;
        }
        if (room > (1u << 30)) room = 1u << 30;
        zs.next_out = dst;
        zs.avail_out = (uInt)room;
        int rc = inflate(&zs, Z_NO_FLUSH);
        size_t made = room - zs.avail_out;
        if (dst == scratch)
            extra += made;
        else
            len += made;

        if (!want && len >= need) {
            if (parse_header(name, buf, len, &h, e) < 0) goto done;
            if (h.complete)
                want = h.hdr_len + (size_t)h.count;
            else
                need = h.hdr_len;
            /* Plausibility before inflating the rest: deflate cannot shrink
             * data more than about 1032 to 1, so a small file that declares
             * a huge array is refused here, not after inflating 1 GiB; and
             * inflating stops at the first byte past what the header
             * declares (below). */
            if (want && (uint64_t)want / 1032 > (uint64_t)n) {
                err_set(e, ERR_FORMAT,
                        "%s: the header declares %zu bytes but %zu compressed bytes cannot "
                        "hold that much (damaged or hostile file)",
                        name, want, n);
                goto done;
            }
            if (want && len > want) { /* cannot happen: len <= need <= HDR_MAX */
                extra += len - want;
                len = want;
            }
        }
        if (extra) break;     /* more than the header declares: stop at once */
        if (intr_pending()) { /* Ctrl-C while inflating (60,000 images: ~0.3 s) */
            err_set(e, ERR_INTERRUPT, "%s: loading stopped by Ctrl-C", name);
            goto done;
        }

        if (rc == Z_STREAM_END) {
            /* end of one gzip member: more may follow (concatenated files) */
            if (zs.avail_in == 0 && in_left == 0) break;
            if (zs.avail_in == 0) continue;
            if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            err_set(e, ERR_FORMAT, "%s: %zu bytes of unexpected data after the gzip stream", name,
                    (size_t)zs.avail_in + in_left);
            goto done;
        }
        if (rc == Z_OK) continue;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && in_left == 0) {
            err_set(e, ERR_FORMAT,
                    "%s: the gzip data ends early (the file is truncated; %zu bytes decoded)", name,
                    len + (size_t)extra);
            goto done;
        }
        if (rc == Z_BUF_ERROR) continue;
        if (rc == Z_MEM_ERROR) {
            err_set(e, ERR_MEMORY, "%s: out of memory in zlib", name);
            goto done;
        }
        err_set(e, ERR_FORMAT, "%s: damaged gzip data (zlib: %s)", name,
                zs.msg ? zs.msg : "invalid data");
        goto done;
    }

    if (!want) {
        if (len < 4)
            parse_header(name, buf, len, &h, e); /* reports empty/short */
        else
            header_truncated(name, &h, len, e);
        goto done;
    }
    if (check_data_length(name, &h, (uint64_t)(len - h.hdr_len) + extra, e) < 0) goto done;
    *out = buf;
    *outlen = len;
    buf = NULL;
    status = 0;
done:
    inflateEnd(&zs);
    free(buf);
    return status;
}

/* --- the cache ------------------------------------------------------------- */

/* What identifies the source file's contents without reading it all. */
typedef struct SrcId {
    struct stat st;
    uint8_t trailer[8]; /* its last 8 bytes (gzip: CRC-32 and ISIZE) */
} SrcId;

static bool src_id(int fd, const struct stat *st, SrcId *id) {
    id->st = *st;
    memset(id->trailer, 0, sizeof id->trailer);
    if (st->st_size < 8) return true;
    return pread_full(fd, id->trailer, 8, st->st_size - 8) == 8;
}

/* The cache directory into buf; -1 when caching is off or impossible. */
static int cache_dir(char *buf, size_t n) {
    const char *d = getenv("NNSH_CACHE_DIR");
    int w;
    if (d) {
        if (!*d) return -1;
        w = snprintf(buf, n, "%s", d);
    } else if ((d = getenv("XDG_CACHE_HOME")) && d[0] == '/') {
        w = snprintf(buf, n, "%s/nnsh", d);
    } else if ((d = getenv("HOME")) && *d) {
        w = snprintf(buf, n, "%s/.cache/nnsh", d);
    } else {
        return -1;
    }
    if (w < 0 || (size_t)w >= n) return -1;
    /* an existing directory must be ours and closed to others */
    struct stat st;
    if (lstat(buf, &st) == 0 &&
        (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))) {
        /* said once per process: the one piece of writable state here */
        static atomic_flag warned = ATOMIC_FLAG_INIT;
        if (!atomic_flag_test_and_set(&warned))
            fprintf(stderr,
                    "nnsh: warning: not caching in %s\n"
                    "  (a cache directory must be yours and writable by no one else)\n",
                    buf);
        return -1;
    }
    return 0;
}

/* The cache file name for an absolute source path: the file's base name
 * (made filename-safe) and a 64-bit FNV-1a hash of the whole path. */
static int cache_file_for(const char *abs, char *buf, size_t n) {
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir) < 0) return -1;
    uint64_t hash = 1469598103934665603ull;
    for (const unsigned char *s = (const unsigned char *)abs; *s; s++) {
        hash ^= *s;
        hash *= 1099511628211ull;
    }
    const char *base = strrchr(abs, '/');
    base = base ? base + 1 : abs;
    char safe[65];
    size_t k = 0;
    for (; base[k] && k < sizeof safe - 1; k++) {
        char c = base[k];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
        safe[k] = ok ? c : '_';
    }
    safe[k] = '\0';
    int w = snprintf(buf, n, "%s/%s.%016llx.idxcache", dir, safe, (unsigned long long)hash);
    return (w < 0 || (size_t)w >= n) ? -1 : 0;
}

int idx_cache_path(const char *path, char *buf, size_t n) {
    char abs[PATH_MAX];
    if (!realpath(path, abs)) return -1;
    return cache_file_for(abs, buf, n);
}

/* The CRC-32 that protects a cache header: bytes 0..59, 64..95, the path. */
static uint32_t header_crc(const uint8_t *hd, const char *abs, size_t plen) {
    uLong c = crc_bytes(crc32(0L, Z_NULL, 0), hd, 60);
    c = crc_bytes(c, hd + 64, CACHE_FIXED - 64);
    return (uint32_t)crc_bytes(c, (const uint8_t *)abs, plen);
}

/* Fill the fixed part of a cache header for source `abs` with identity id. */
static void cache_header(uint8_t *hd, const char *abs, const SrcId *id, size_t rawlen,
                         uLong rawcrc) {
    size_t plen = strlen(abs);
    const struct stat *st = &id->st;
    memset(hd, 0, CACHE_FIXED);
    memcpy(hd, CACHE_MAGIC, 8);
    put_le32(hd + 8, CACHE_VERSION);
    put_le32(hd + 12, (uint32_t)plen);
    put_le64(hd + 16, (uint64_t)st->st_size);
    put_le64(hd + 24, (uint64_t)st->st_mtim.tv_sec);
    put_le64(hd + 32, (uint64_t)st->st_mtim.tv_nsec);
    put_le64(hd + 40, (uint64_t)st->st_ino);
    put_le64(hd + 48, (uint64_t)rawlen);
    put_le32(hd + 56, (uint32_t)rawcrc);
    put_le64(hd + 64, (uint64_t)st->st_ctim.tv_sec);
    put_le64(hd + 72, (uint64_t)st->st_ctim.tv_nsec);
    put_le64(hd + 80, (uint64_t)st->st_dev);
    memcpy(hd + 88, id->trailer, 8);
    put_le32(hd + 60, header_crc(hd, abs, plen));
}

/* Check the fixed header and path of the cache entry open as fd against the
 * source `abs` with identity `src`. Returns the length L of the decoded idx
 * file in the entry and its recorded CRC-32 in *crc, or -1 (a miss) on any
 * mismatch, including a file that is not exactly 96 + P + L bytes long, or
 * one that is not a regular file. The entry's stat goes to *est if not NULL. */
static int64_t cache_check(int fd, const char *abs, const SrcId *src, uint32_t *crc,
                           struct stat *est) {
    struct stat st;
    size_t plen = strlen(abs);
    uint8_t hd[CACHE_FIXED + PATH_MAX];
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) return -1;
    if (est) *est = st;
    if ((uint64_t)st.st_size < CACHE_FIXED + plen) return -1;
    if (pread_full(fd, hd, CACHE_FIXED + plen, 0) != (ssize_t)(CACHE_FIXED + plen)) return -1;

    uint8_t expect[CACHE_FIXED];
    uint64_t rawlen = get_le64(hd + 48);
    cache_header(expect, abs, src, (size_t)rawlen, get_le32(hd + 56));
    /* everything but the data CRC is recomputed from what we know now */
    if (memcmp(hd, expect, CACHE_FIXED) != 0) return -1;
    if (memcmp(hd + CACHE_FIXED, abs, plen) != 0) return -1;
    if (rawlen > (uint64_t)IDX_MAX_BYTES + HDR_MAX) return -1;
    if ((uint64_t)st.st_size != CACHE_FIXED + plen + rawlen) return -1;
    *crc = get_le32(hd + 56);
    return (int64_t)rawlen;
}

/* Open a cache entry for reading: never blocks (a FIFO planted in the cache
 * is not opened for real) and must be a regular file. -1 when not. */
static int cache_open(const char *cpath) {
    return fio_open_read(cpath, NULL);
}

/* Load from the cache entry `cpath` if it is valid for the source; NULL on
 * any mismatch or damage (a miss, never an error). */
static Array *cache_load(const char *cpath, const char *abs, const SrcId *src) {
    int fd = cache_open(cpath);
    if (fd < 0) return NULL;
    Array *a = NULL;
    uint32_t want;
    int64_t rawlen = cache_check(fd, abs, src, &want, NULL);
    if (rawlen >= 0) {
        Err ignore;
        err_clear(&ignore);
        uLong crc = 0;
        a = read_idx_fd(cpath, fd, (off_t)(CACHE_FIXED + strlen(abs)), (uint64_t)rawlen, &crc,
                        &ignore);
        if (a && (uint32_t)crc != want) {
            arr_free(a);
            a = NULL;
        }
    }
    close(fd);
    return a;
}

/* Write a cache entry through fileio.h (a temporary in the same directory,
 * fsync, rename), so readers see either the old or the new entry, never a
 * part. Failures are silent: the cache is only a speed-up. */
static bool cache_store(const char *cpath, const char *abs, const SrcId *src, const uint8_t *raw,
                        size_t rawlen) {
    char dir[PATH_MAX];
    if (cache_dir(dir, sizeof dir) < 0 || fio_make_dirs(dir) < 0) return false;
    uint8_t hd[CACHE_FIXED];
    cache_header(hd, abs, src, rawlen, crc_bytes(crc32(0L, Z_NULL, 0), raw, rawlen));
    FioWriter w;
    if (!fio_begin(&w, cpath, NULL)) return false;
    fchmod(w.fd, 0600);
    bool ok = fio_write(&w, hd, CACHE_FIXED, NULL) && fio_write(&w, abs, strlen(abs), NULL) &&
              fio_write(&w, raw, rawlen, NULL);
    if (!ok) {
        fio_abort(&w);
        return false;
    }
    return fio_commit(&w, NULL);
}

/* --- loading ---------------------------------------------------------------- */

static Array *load_gzip(const char *path, int fd, const struct stat *st, IdxStats *stats, Err *e) {
    char abs[PATH_MAX], cpath[PATH_MAX];
    SrcId id;
    bool cache = src_id(fd, st, &id) && realpath(path, abs) && strlen(abs) < PATH_MAX - 1 &&
                 cache_file_for(abs, cpath, sizeof cpath) == 0;
    if (cache) {
        Array *a = cache_load(cpath, abs, &id);
        if (a) {
            stats->cache_hit = true;
            stats->raw_bytes = 4 + 4 * (size_t)a->ndim + (size_t)a->size;
            return a;
        }
    }

    size_t n = (size_t)st->st_size;
    uint8_t *comp = malloc(n);
    if (!comp) return err_set(e, ERR_MEMORY, "%s: out of memory reading %zu bytes", path, n);
    ssize_t got = pread_full(fd, comp, n, 0);
    if (got != (ssize_t)n) {
        free(comp);
        if (got < 0) return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
        return err_set(e, ERR_IO, "%s: the file shrank while it was being read", path);
    }
    uint8_t *raw = NULL;
    size_t rawlen = 0;
    int rc = inflate_idx(path, comp, n, &raw, &rawlen, e);
    free(comp);
    if (rc < 0) return NULL;

    IdxHeader h;
    parse_header(path, raw, rawlen, &h, e); /* already checked by inflate_idx */
    Array *a = arr_new_uninit(DT_UINT8, h.ndim, h.shape, e);
    if (a) {
        if (h.count) memcpy(a->data, raw + h.hdr_len, (size_t)h.count);
        stats->raw_bytes = rawlen;
        if (cache) stats->cache_written = cache_store(cpath, abs, &id, raw, rawlen);
    }
    free(raw);
    return a;
}

Array *idx_load_stats(const char *path, IdxStats *stats, Err *e) {
    memset(stats, 0, sizeof *stats);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO: no wait */
    if (fd < 0) return err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    Array *a = NULL;
    struct stat st;
    uint8_t magic[2];
    if (fstat(fd, &st) < 0) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        err_set(e, ERR_IO, "%s: %s", path, strerror(EISDIR));
    } else if (!S_ISREG(st.st_mode)) {
        err_set(e, ERR_IO, "%s: not a regular file", path);
    } else if (st.st_size >= 2 && pread_full(fd, magic, 2, 0) == 2 && magic[0] == 0x1f &&
               magic[1] == 0x8b) {
        stats->gzip = true;
        a = load_gzip(path, fd, &st, stats, e);
    } else {
        a = read_idx_fd(path, fd, 0, (uint64_t)st.st_size, NULL, e);
        if (a) stats->raw_bytes = (size_t)st.st_size;
    }
    close(fd);
    return a;
}

Array *idx_load(const char *path, Err *e) {
    IdxStats stats;
    return idx_load_stats(path, &stats, e);
}

/* --- loading images as float32 ---------------------------------------------------
 * load_mnist(normalize=True) needs the pixels as float32 x / 255. Going
 * through idx_load would read the 7.8 MB of pixels into a uint8 array, check
 * its CRC, then convert it into the 31 MB float array. idx_load_normalized
 * maps the cache entry instead and makes one pass over it, split into
 * chunks that the two workers of kern_parallel share: each chunk's CRC-32 is
 * computed while its bytes are in cache and its pixels converted straight
 * into the float array (the two workers also share the page faults of the
 * new array, which are much of the cost). The chunk CRCs are joined with
 * crc32_combine into the CRC of the whole entry, which must match the one
 * recorded, exactly as cache_load checks it; on any mismatch the result is
 * dropped and the load falls back to idx_load and converts its bytes.
 *
 * The mapping is private and read-only. Cache entries are replaced by
 * rename, never rewritten in place, so a file being mapped is not truncated
 * under us by another nnsh. */

#define CONV_CHUNK ((int64_t)256 * 1024) /* bytes per task */

typedef struct ConvJob {
    const uint8_t *src; /* n pixels */
    float *dst;         /* n floats */
    int64_t n;
    uLong *crcs; /* per chunk CRC-32 of src, or NULL for none */
} ConvJob;

/* dst[i] = src[i] / 255.0f for n pixels: one float32 division per pixel, as
 * NumPy does for `x /= 255.0` on a float32 array (the Python float is cast
 * to float32 first). Eight pixels at a time with GCC's vector extensions
 * (widened to 32-bit, converted, divided); vector division is IEEE division,
 * so every value has exactly the bits of the scalar loop at the end. Whole
 * 32-byte stores matter more than the arithmetic here: the destination is
 * freshly allocated memory, and a per-float loop (even one that only looks
 * the 256 possible quotients up in a table) was twice as slow. */
#if defined(__GNUC__) && !defined(KERN_PORTABLE)
typedef uint8_t V8u8 __attribute__((vector_size(8)));
typedef float V8f __attribute__((vector_size(32)));

__attribute__((target_clones("avx2", "default"))) static void
pixels_to_unit(const uint8_t *src, float *dst, int64_t n) {
    const V8f k255 = {255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f, 255.0f};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        V8u8 u;
        memcpy(&u, src + i, sizeof u);
        V8f f = __builtin_convertvector(u, V8f) / k255;
        memcpy(dst + i, &f, sizeof f);
    }
    for (; i < n; i++)
        dst[i] = (float)src[i] / 255.0f;
}
#else
static void pixels_to_unit(const uint8_t *src, float *dst, int64_t n) {
    for (int64_t i = 0; i < n; i++)
        dst[i] = (float)src[i] / 255.0f;
}
#endif

/* task t: pixels [t * CONV_CHUNK, ...) of the job */
static void conv_task(void *arg, int64_t t, int worker) {
    (void)worker;
    const ConvJob *j = arg;
    int64_t i0 = t * CONV_CHUNK, len = j->n - i0 < CONV_CHUNK ? j->n - i0 : CONV_CHUNK;
    const uint8_t *src = j->src + i0;
    if (j->crcs) j->crcs[t] = crc_bytes(crc32(0L, Z_NULL, 0), src, (size_t)len);
    pixels_to_unit(src, j->dst + i0, len);
}

/* dst[i] = src[i] / 255.0f for n pixels on both workers. With crc != NULL,
 * *crc = the CRC-32 of the n bytes continued from *crc (false: out of
 * memory for the chunk CRCs; nothing is converted). */
static bool convert_pixels(const uint8_t *src, float *dst, int64_t n, uLong *crc) {
    int64_t chunks = (n + CONV_CHUNK - 1) / CONV_CHUNK;
    ConvJob j = {src, dst, n, NULL};
    if (crc && chunks) {
        j.crcs = malloc(sizeof *j.crcs * (size_t)chunks);
        if (!j.crcs) return false;
    }
    kern_parallel(chunks, conv_task, &j);
    if (j.crcs) {
        for (int64_t t = 0; t < chunks; t++) {
            int64_t len = n - t * CONV_CHUNK < CONV_CHUNK ? n - t * CONV_CHUNK : CONV_CHUNK;
            *crc = crc32_combine(*crc, j.crcs[t], (z_off_t)len);
        }
        free(j.crcs);
    }
    return true;
}

/* The cache entry `cpath` for the source, read as float32 pixels; NULL on
 * any mismatch (a miss: the caller falls back to the slow path). */
static Array *cache_load_f32(const char *cpath, const char *abs, const SrcId *src) {
    int fd = cache_open(cpath);
    if (fd < 0) return NULL;
    uint32_t want;
    int64_t rawlen = cache_check(fd, abs, src, &want, NULL);
    size_t off = CACHE_FIXED + strlen(abs), maplen = off + (size_t)(rawlen > 0 ? rawlen : 0);
    void *map = rawlen > 0 ? mmap(NULL, maplen, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (map == MAP_FAILED) return NULL;
    const uint8_t *raw = (const uint8_t *)map + off;
    Array *a = NULL;
    Err ignore;
    err_clear(&ignore);
    IdxHeader h;
    if (parse_header(cpath, raw, (size_t)rawlen, &h, &ignore) < 0 || !h.complete ||
        check_data_length(cpath, &h, (uint64_t)rawlen - h.hdr_len, &ignore) < 0)
        goto out;
    a = arr_new_uninit(DT_FLOAT32, h.ndim, h.shape, &ignore);
    if (!a) goto out;
    uLong crc = crc_bytes(crc32(0L, Z_NULL, 0), raw, h.hdr_len);
    if (!convert_pixels(raw + h.hdr_len, a->data, h.count, &crc) || (uint32_t)crc != want ||
        intr_pending()) {
        arr_free(a);
        a = NULL;
    }
out:
    munmap(map, maplen);
    return a;
}

/* --- the float32 cache -----------------------------------------------------------
 * Converting 7.8 million pixels costs about 10 ms on every load_mnist, so the
 * converted form is kept too, in "<entry>.f32" beside the decoded entry, and
 * a warm load maps it (private, copy-on-write: the array may be changed
 * freely) instead of reading anything: a few system calls.
 *
 *   0    8   "nnshf32\0"
 *   8    4   format version (1)
 *   12   4   P, the length of the source's absolute path
 *   16   96  a copy of the decoded entry's fixed header (the source's
 *            identity, the length and CRC-32 of the decoded bytes)
 *   112  8   the decoded entry's size,
 *   120  16  its mtime (seconds, nanoseconds)
 *   136  8   and its inode: rewriting or damaging it drops this entry too
 *   144  4   ndim
 *   148  4   CRC-32 of bytes 0..147, 152..191 and the path
 *   152  32  shape (4 x int64)
 *   184  8   bytes of float data
 *   192  P   the source's absolute path
 *   4096     the float32 pixels, x / 255.0f, row-major
 * The float data itself has no checksum: the entry is written through a
 * temporary, fsync'd and renamed (fileio.h), so it is complete or absent,
 * and every field that says which source and decoded entry it came from
 * must match exactly. */
#define F32_MAGIC "nnshf32"
#define F32_VERSION 1u
#define F32_FIXED 192
#define F32_DATA 4096

static uint32_t f32_header_crc(const uint8_t *hd, const char *abs, size_t plen) {
    uLong c = crc_bytes(crc32(0L, Z_NULL, 0), hd, 148);
    c = crc_bytes(c, hd + 152, F32_FIXED - 152);
    return (uint32_t)crc_bytes(c, (const uint8_t *)abs, plen);
}

/* The header of a float32 entry for array a made from the decoded entry
 * whose fixed header is u8hd and whose stat is u8st. */
static void f32_header(uint8_t *hd, const char *abs, const uint8_t *u8hd, const struct stat *u8st,
                       int ndim, const int64_t *shape, uint64_t bytes) {
    size_t plen = strlen(abs);
    memset(hd, 0, F32_FIXED);
    memcpy(hd, F32_MAGIC, 8);
    put_le32(hd + 8, F32_VERSION);
    put_le32(hd + 12, (uint32_t)plen);
    memcpy(hd + 16, u8hd, CACHE_FIXED);
    put_le64(hd + 112, (uint64_t)u8st->st_size);
    put_le64(hd + 120, (uint64_t)u8st->st_mtim.tv_sec);
    put_le64(hd + 128, (uint64_t)u8st->st_mtim.tv_nsec);
    put_le64(hd + 136, (uint64_t)u8st->st_ino);
    put_le32(hd + 144, (uint32_t)ndim);
    for (int i = 0; i < ARR_MAXDIM; i++)
        put_le64(hd + 152 + 8 * i, i < ndim ? (uint64_t)shape[i] : 0);
    put_le64(hd + 184, bytes);
    put_le32(hd + 148, f32_header_crc(hd, abs, plen));
}

/* The decoded entry `cpath`'s fixed header and stat, if it is valid for the
 * source (its data is not read). */
static bool u8_entry_id(const char *cpath, const char *abs, const SrcId *src, uint8_t *hd,
                        struct stat *st) {
    int fd = cache_open(cpath);
    if (fd < 0) return false;
    uint32_t crc;
    bool ok = cache_check(fd, abs, src, &crc, st) >= 0 &&
              pread_full(fd, hd, CACHE_FIXED, 0) == CACHE_FIXED;
    close(fd);
    return ok;
}

/* Map the float32 entry for the source; NULL on any mismatch (a miss). */
static Array *f32_load(const char *fpath, const char *cpath, const char *abs, const SrcId *src) {
    size_t plen = strlen(abs);
    if (F32_FIXED + plen > F32_DATA) return NULL;
    uint8_t u8hd[CACHE_FIXED];
    struct stat u8st;
    if (!u8_entry_id(cpath, abs, src, u8hd, &u8st)) return NULL;
    int fd = cache_open(fpath);
    if (fd < 0) return NULL;
    uint8_t hd[F32_DATA];
    struct stat st;
    Array *a = NULL;
    if (fstat(fd, &st) < 0 || st.st_size < F32_DATA ||
        pread_full(fd, hd, F32_FIXED + plen, 0) != (ssize_t)(F32_FIXED + plen))
        goto out;
    int ndim = (int)get_le32(hd + 144);
    if (ndim < 1 || ndim > ARR_MAXDIM) goto out;
    int64_t shape[ARR_MAXDIM];
    for (int i = 0; i < ARR_MAXDIM; i++)
        shape[i] = (int64_t)get_le64(hd + 152 + 8 * i);
    uint64_t bytes = get_le64(hd + 184);
    uint8_t expect[F32_FIXED];
    f32_header(expect, abs, u8hd, &u8st, ndim, shape, bytes);
    if (memcmp(hd, expect, F32_FIXED) != 0 || memcmp(hd + F32_FIXED, abs, plen) != 0) goto out;
    int64_t count = shape_size(ndim, shape);
    if (count < 0 || (uint64_t)count * 4 != bytes || (uint64_t)st.st_size != F32_DATA + bytes)
        goto out;
    size_t maplen = (size_t)st.st_size;
    /* mapped read-only with the page-cache pages filled in at once (cheaper
     * than a fault per 4 KiB page later), then made writable: a write copies
     * the page it touches, the file is never changed */
    void *map = mmap(NULL, maplen, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map == MAP_FAILED) goto out;
    if (mprotect(map, maplen, PROT_READ | PROT_WRITE) != 0) {
        munmap(map, maplen);
        goto out;
    }
    Err ignore;
    err_clear(&ignore);
    a = arr_new_mapped(DT_FLOAT32, ndim, shape, map, maplen, F32_DATA, &ignore);
out:
    close(fd);
    return a;
}

/* Write the float32 entry for array a (made from the source's decoded entry
 * cpath, which must be valid). Silent on failure, as every cache write. */
static bool f32_store(const char *fpath, const char *cpath, const char *abs, const SrcId *src,
                      const Array *a) {
    size_t plen = strlen(abs);
    if (F32_FIXED + plen > F32_DATA) return false;
    uint8_t u8hd[CACHE_FIXED];
    struct stat u8st;
    if (!u8_entry_id(cpath, abs, src, u8hd, &u8st)) return false;
    uint8_t *hd = calloc(1, F32_DATA);
    if (!hd) return false;
    f32_header(hd, abs, u8hd, &u8st, a->ndim, a->shape, arr_nbytes(a));
    memcpy(hd + F32_FIXED, abs, plen);
    FioWriter w;
    bool ok = fio_begin(&w, fpath, NULL);
    if (ok) {
        fchmod(w.fd, 0600);
        ok = fio_write(&w, hd, F32_DATA, NULL) && fio_write(&w, a->data, arr_nbytes(a), NULL);
        ok = ok ? fio_commit(&w, NULL) : (fio_abort(&w), false);
    }
    free(hd);
    return ok;
}

Array *idx_load_normalized(const char *path, Err *e) {
    IdxStats stats;
    return idx_load_normalized_stats(path, &stats, e);
}

Array *idx_load_normalized_stats(const char *path, IdxStats *statsp, Err *e) {
    memset(statsp, 0, sizeof *statsp);
    IdxStats stats;
    memset(&stats, 0, sizeof stats);
    /* the fast paths: a gzip source with a valid float32 entry (mapped), or
     * with a valid decoded entry (converted on two threads) */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    char abs[PATH_MAX], cpath[PATH_MAX], fpath[PATH_MAX + 8];
    SrcId id;
    bool cache = false;
    if (fd >= 0) {
        struct stat st;
        uint8_t magic[2];
        cache = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 2 &&
                pread_full(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b &&
                src_id(fd, &st, &id) && realpath(path, abs) && strlen(abs) < PATH_MAX - 1 &&
                cache_file_for(abs, cpath, sizeof cpath) == 0 &&
                snprintf(fpath, sizeof fpath, "%s.f32", cpath) < (int)sizeof fpath;
        close(fd);
        Array *a = cache ? f32_load(fpath, cpath, abs, &id) : NULL;
        if (!a && cache) a = cache_load_f32(cpath, abs, &id);
        if (a) {
            statsp->gzip = true;
            statsp->cache_hit = true;
            statsp->cache_written = false;
            statsp->raw_bytes = 4 + 4 * (size_t)a->ndim + (size_t)a->size;
            if (!a->map) f32_store(fpath, cpath, abs, &id, a); /* map it next time */
            return a;
        }
    }
    /* everything else, errors included, exactly as idx_load */
    Array *u8 = idx_load_stats(path, &stats, e);
    *statsp = stats;
    if (!u8) return NULL;
    Array *a = arr_new_uninit(DT_FLOAT32, u8->ndim, u8->shape, e);
    if (a && !convert_pixels(u8->data, a->data, u8->size, NULL)) { /* cannot fail without crc */
        arr_free(a);
        a = NULL;
    }
    arr_free(u8);
    if (a && intr_pending()) {
        arr_free(a);
        return err_set(e, ERR_INTERRUPT, "%s: loading stopped by Ctrl-C", path);
    }
    if (a && cache && stats.cache_written) f32_store(fpath, cpath, abs, &id, a);
    return a;
}

/* --- the book's conversions -------------------------------------------------- */

Array *idx_images_to_float(const Array *u8, bool normalize, bool flatten, Err *e) {
    if (u8->dtype != DT_UINT8)
        return err_set(e, ERR_TYPE, "images must be uint8 (as loaded from an idx file), not %s",
                       dtype_name(u8->dtype));
    int64_t n, rows, cols;
    char s[64];
    if (u8->ndim == 3 || (u8->ndim == 4 && u8->shape[1] == 1)) {
        n = u8->shape[0];
        rows = u8->shape[u8->ndim - 2];
        cols = u8->shape[u8->ndim - 1];
    } else if (u8->ndim == 2) {
        n = u8->shape[0];
        int64_t k = u8->shape[1];
        rows = (int64_t)llround(sqrt((double)k));
        if (rows * rows != k) {
            if (!flatten)
                return err_shape(e, "images", u8->ndim, u8->shape, 0, NULL,
                                 "cannot un-flatten images of shape %s: %lld pixels is "
                                 "not a square",
                                 shape_str(s, u8->ndim, u8->shape), (long long)k);
            rows = 1;
            cols = k;
        } else {
            cols = rows;
        }
    } else {
        return err_shape(e, "images", u8->ndim, u8->shape, 0, NULL,
                         "expected images of shape (N, rows, cols), got %s",
                         shape_str(s, u8->ndim, u8->shape));
    }
    int64_t flat[2] = {n, rows * cols}, square[4] = {n, 1, rows, cols};
    Array *out = flatten ? arr_new_uninit(normalize ? DT_FLOAT32 : DT_UINT8, 2, flat, e)
                         : arr_new_uninit(normalize ? DT_FLOAT32 : DT_UINT8, 4, square, e);
    if (!out) return NULL;
    const uint8_t *src = u8->data;
    if (!normalize) {
        if (u8->size) memcpy(out->data, src, (size_t)u8->size);
    } else {
        convert_pixels(src, out->data, u8->size, NULL); /* x / 255.0f, on two threads */
    }
    return out;
}

Array *idx_one_hot(const Array *labels, int classes, Err *e) {
    char s[64];
    if (classes < 1)
        return err_set(e, ERR_VALUE, "one-hot needs at least 1 class, not %d", classes);
    if (labels->dtype != DT_UINT8 && labels->dtype != DT_INT64)
        return err_set(e, ERR_TYPE, "labels must be integers (uint8 or int64), not %s",
                       dtype_name(labels->dtype));
    if (labels->ndim != 1)
        return err_shape(e, "one_hot", labels->ndim, labels->shape, 0, NULL,
                         "labels must be 1-d (N,), got shape %s",
                         shape_str(s, labels->ndim, labels->shape));
    for (int64_t i = 0; i < labels->size; i++) {
        int64_t v = arr_get_i64(labels, i);
        if (v < 0 || v >= classes)
            return err_set(e, ERR_VALUE, "label %lld at index %lld is outside 0..%d", (long long)v,
                           (long long)i, classes - 1);
    }
    int64_t shape[2] = {labels->size, classes};
    Array *t = arr_new(DT_FLOAT64, 2, shape, e);
    if (!t) return NULL;
    double *d = t->data;
    for (int64_t i = 0; i < labels->size; i++)
        d[i * classes + arr_get_i64(labels, i)] = 1.0;
    return t;
}
