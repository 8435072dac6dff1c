/* bench_plot.c - time drawing a plot of 1,000,000 points (one period of a
 * sine over x in [0, 2 pi]) in the terminal (80 x 24, Braille), as SVG
 * text, and as a 640 x 480 RGB raster (anti-aliased). Not a test; build
 * after `make` and run by hand:
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Iinclude -pthread \
 *       -o /tmp/bench_plot tests/tools/bench_plot.c \
 *       $(ls build/rel/*.o | grep -v main.o) -lreadline -lz -lm -lpthread
 *   /tmp/bench_plot [points]
 * The target is under 0.1 s for the terminal picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "plot.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    double *x = malloc((size_t)n * sizeof(double)), *y = malloc((size_t)n * sizeof(double));
    if (!x || !y) return 1;
    for (long i = 0; i < n; i++) {
        x[i] = 2 * M_PI * (double)i / (double)(n - 1);
        y[i] = sin(x[i]);
    }
    Err e;
    err_clear(&e);
    Plot *p = plot_new();
    double t0 = now();
    if (!plot_add(p, x, y, n, NULL, "sin", &e)) return 1;
    double t1 = now();
    char *term = plot_render_term(p, 80, 24, false, &e);
    double t2 = now();
    char *svg = plot_render_svg(p, 640, 480, &e);
    double t3 = now();
    uint8_t *rgb = plot_render_rgb(p, 640, 480, &e);
    double t4 = now();
    if (!term || !svg || !rgb) return 1;
    printf("%ld points: add %.3f s, terminal %.3f s, svg %.3f s, png raster %.3f s\n", n,
           t1 - t0, t2 - t1, t3 - t2, t4 - t3);
    free(term);
    free(svg);
    free(rgb);
    plot_free(p);
    free(x);
    free(y);
    return 0;
}
