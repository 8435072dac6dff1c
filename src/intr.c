/* intr.c - the Ctrl-C flag (see intr.h). */
#include "intr.h"

volatile sig_atomic_t interp_interrupted = 0;
