/* modules.c - the importable modules and their members (see modules.h). */
#include "modules.h"

#include <stdio.h>
#include <string.h>

static const ModuleDef kModules[] = {
    {"numpy", "", "NumPy (import numpy as np)"},
    {"matplotlib", NULL, "matplotlib (import matplotlib.pyplot as plt)"},
    {"matplotlib.pyplot", "pyplot.", "nnsh's plotting (plt.plot, plt.show ...)"},
    {"matplotlib.pylab", "pyplot.", "nnsh's plotting, as matplotlib.pyplot"},
    {"PIL", NULL, "PIL (from PIL import Image)"},
    {"PIL.Image", "Image.", "Image.fromarray(img).show() in the terminal"},
    {"pickle", "pickle.", "pickle.load(f) of nnsh's safe pickle reader"},
    {"sys", "sys.", "sys (sys.path.append only)"},
    {"os", "os.", "os (os.pardir only)"},
    {"dataset", NULL, "the book's dataset package"},
    {"dataset.mnist", "", "the book's MNIST loader"},
    {"common", NULL, "the book's common package"},
    {"common.functions", "", "the book's activation functions"},
};
#define NMODULES (sizeof kModules / sizeof kModules[0])

static const struct {
    const char *name, *value;
} kConstants[] = {
    {"os.pardir", ".."},
    {"os.curdir", "."},
    {"os.sep", "/"},
};

const ModuleDef *mod_find(const char *name) {
    for (size_t i = 0; i < NMODULES; i++)
        if (strcmp(kModules[i].name, name) == 0) return &kModules[i];
    return NULL;
}

void mod_list(FILE *out) {
    for (size_t i = 0; i < NMODULES; i++)
        if (kModules[i].prefix) fprintf(out, "  %-19s %s\n", kModules[i].name, kModules[i].about);
}

bool mod_resolve(const char *full, const ModuleDef **mod, char *buf, size_t cap) {
    const ModuleDef *best = NULL;
    size_t bestlen = 0;
    for (size_t i = 0; i < NMODULES; i++) {
        size_t n = strlen(kModules[i].name);
        if (n > bestlen && strncmp(full, kModules[i].name, n) == 0 &&
            (full[n] == '\0' || full[n] == '.')) {
            best = &kModules[i];
            bestlen = n;
        }
    }
    *mod = best;
    if (!best || full[bestlen] == '\0' || !best->prefix) return false;
    int n = snprintf(buf, cap, "%s%s", best->prefix, full + bestlen + 1);
    return n >= 0 && (size_t)n < cap;
}

const char *mod_constant(const char *regname) {
    for (size_t i = 0; i < sizeof kConstants / sizeof kConstants[0]; i++)
        if (strcmp(kConstants[i].name, regname) == 0) return kConstants[i].value;
    return NULL;
}
