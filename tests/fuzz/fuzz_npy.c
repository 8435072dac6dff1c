/* fuzz_npy.c - libFuzzer target for the .npy reader (npy_load_mem). An array
 * that loads is written back with npy_save_mem and read again: the second
 * load must succeed. */
#include <stdint.h>
#include <stdlib.h>

#include "npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Err e;
    Array *a = npy_load_mem(data, size, "fuzz.npy", &e);
    if (!a) return 0;
    size_t len = 0;
    uint8_t *buf = npy_save_mem(a, &len, &e);
    if (buf) {
        Array *b = npy_load_mem(buf, len, "round-trip", &e);
        if (!b) abort(); /* what npy_save_mem writes must load again */
        arr_free(b);
        free(buf);
    }
    arr_free(a);
    return 0;
}
