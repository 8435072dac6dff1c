/* fuzz_pkl.c - libFuzzer target for the pickle reader (pkl_load_mem). */
#include <stdint.h>
#include <stdlib.h>

#include "pkl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    PklDict d;
    Err e;
    if (pkl_load_mem(data, size, "fuzz.pkl", &d, &e) == 0) {
        /* touch every array so a bad shape or buffer shows up here */
        for (int i = 0; i < d.n; i++) {
            const Array *a = d.arrays[i];
            volatile size_t sum = 0;
            const uint8_t *p = (const uint8_t *)a->data;
            size_t nb = arr_nbytes(a);
            for (size_t k = 0; k < nb; k++)
                sum += p[k];
            (void)sum;
            (void)pkl_dict_get(&d, d.names[i]);
        }
        pkl_dict_free(&d);
    }
    return 0;
}
