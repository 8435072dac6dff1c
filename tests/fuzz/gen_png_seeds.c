/* gen_png_seeds.c - write a few small PNGs with png_write as seeds for
 * fuzz_png: gray and RGB, each row filter and the per-row choice, a 1x1 image
 * and a wider one. Not a test; `make fuzz` runs it.
 * usage: gen_png_seeds DIR */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "png.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    static const struct { int w, h; } sizes[] = {{1, 1}, {5, 3}, {17, 4}};
    uint8_t pix[17 * 4 * 3];
    for (size_t i = 0; i < sizeof pix; i++)
        pix[i] = (uint8_t)(i * 37 + (i / 7) * 11);
    Err e;
    char path[4096];
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int c = 1; c <= 3; c += 2)
            for (int f = -1; f <= 4; f++) {
                snprintf(path, sizeof path, "%s/%dx%d_c%d_f%d.png", argv[1], sizes[s].w, sizes[s].h,
                         c, f);
                if (png_write(path, pix, sizes[s].w, sizes[s].h, c, f, &e) != 0) {
                    fprintf(stderr, "%s: %s\n", path, e.msg);
                    return 1;
                }
            }
    return 0;
}
