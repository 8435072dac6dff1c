/* fuzz_idx.c - libFuzzer target for the idx reader (idx_load and
 * idx_load_normalized, plain and gzip).
 *
 * idx_load wants a path, so the input is written to one temporary file made
 * once per process: it is unlinked at once and reached through
 * /proc/self/fd/N, so nothing is left behind in /tmp. Caching is turned off
 * (NNSH_CACHE_DIR set but empty) so the fuzzer never writes cache files.
 * Each input is loaded as it is, then gzip-compressed (so the gzip path sees
 * every idx header the fuzzer makes, past gzip's own CRC). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "idx.h"

static int g_fd = -1;
static char g_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    setenv("NNSH_CACHE_DIR", "", 1);
    char tmpl[] = "/tmp/nnsh_fuzz_idx_XXXXXX";
    g_fd = mkstemp(tmpl);
    if (g_fd < 0) {
        perror("fuzz_idx: mkstemp");
        abort();
    }
    unlink(tmpl);
    snprintf(g_path, sizeof g_path, "/proc/self/fd/%d", g_fd);
    return 0;
}

/* Make the temporary file hold exactly data[0..size). */
static void put_file(const uint8_t *data, size_t size) {
    if (ftruncate(g_fd, 0) != 0) abort();
    size_t done = 0;
    while (done < size) {
        ssize_t w = pwrite(g_fd, data + done, size - done, (off_t)done);
        if (w <= 0) abort();
        done += (size_t)w;
    }
}

static void load(void) {
    Err e;
    Array *a = idx_load(g_path, &e);
    if (a) {
        arr_free(a);
        Array *f = idx_load_normalized(g_path, &e);
        if (!f) abort(); /* idx_load took it, so this must too */
        arr_free(f);
    }
}

/* data as a gzip file, in a new buffer (NULL if zlib fails) */
static uint8_t *gzip(const uint8_t *data, size_t size, size_t *len) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return NULL;
    uLong cap = deflateBound(&z, (uLong)size) + 32;
    uint8_t *out = malloc(cap);
    if (out) {
        z.next_in = (Bytef *)data;
        z.avail_in = (uInt)size;
        z.next_out = out;
        z.avail_out = (uInt)cap;
        if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
            free(out);
            out = NULL;
        }
        *len = z.total_out;
    }
    deflateEnd(&z);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    put_file(data, size);
    load();
    size_t len = 0;
    uint8_t *gz = gzip(data, size, &len);
    if (gz) {
        put_file(gz, len);
        load();
        free(gz);
    }
    return 0;
}
