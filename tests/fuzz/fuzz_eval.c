/* fuzz_eval.c - libFuzzer target for the whole evaluator: the input runs as
 * a script in a fresh session that has the chapter's example network loaded,
 * with all output thrown away (/dev/null).
 *
 * Inputs that could touch files, wait for input or take too long are
 * skipped (they return at once):
 *   - longer than 512 bytes;
 *   - containing a command word that reads or writes files or reads lines
 *     (load, save, show, evaluate, lesson, step, --png, history; the
 *     builtin step_function is allowed).
 * Numbers of any length are kept: skipping long digit runs once hid a stack
 * overflow (np.zeros((0, 10**18, 10**18, 10**18))). Sizes stay small
 * because all arrays together may use at most 256 KiB (arr_mem_set_limit:
 * np.zeros((100000, 100000)) is refused before allocating), and while the
 * input runs every malloc, calloc, realloc and posix_memalign of the
 * library asking for more than 1 MiB fails: the link wraps them
 * (-Wl,--wrap=..., see the Makefile). That keeps each run well under a
 * second under the sanitizers (a 999x999 matrix product takes 10 s there)
 * and exercises the ERR_MEMORY paths. A program may loop for ever
 * (`while True: pass` is fine Python): after 0.2 s of CPU time a timer
 * (SIGVTALRM, which libFuzzer leaves alone) raises the Ctrl-C flag, and the
 * loop stops as it would for a learner. Seeds: tests/unit/test_stress.c with
 * NNSH_STRESS_CORPUS=DIR writes grammar-built statements (stmtgen.h). */
#include <errno.h>
#include <signal.h>
#include <sys/time.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"
#include "arr.h"
#include "interp.h"
#include "intr.h"

/* --- the allocation cap ------------------------------------------------------ */

#define CAP_BYTES ((size_t)1 << 20)

static _Thread_local bool g_capped; /* set while the input runs */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
int __real_posix_memalign(void **p, size_t align, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
int __wrap_posix_memalign(void **p, size_t align, size_t n);

void *__wrap_malloc(size_t n) {
    return g_capped && n > CAP_BYTES ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n) {
    if (g_capped && (n && k > CAP_BYTES / n)) return NULL;
    return __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n) {
    return g_capped && n > CAP_BYTES ? NULL : __real_realloc(p, n);
}

int __wrap_posix_memalign(void **p, size_t align, size_t n) {
    return g_capped && n > CAP_BYTES ? ENOMEM : __real_posix_memalign(p, align, n);
}

/* --- the target ------------------------------------------------------------- */

static FILE *g_null;

static void on_cpu_timer(int sig) {
    (void)sig;
    interp_interrupted = 1; /* as Ctrl-C: loops stop between statements */
}

/* Arm (seconds > 0) or disarm (0) the CPU-time timer. */
static void cpu_timer(double seconds) {
    struct itimerval t = {{0, 0},
                          {(time_t)seconds, (suseconds_t)((seconds - (time_t)seconds) * 1e6)}};
    setitimer(ITIMER_VIRTUAL, &t, NULL);
}

static bool skip_input(const char *s, size_t n) {
    static const char *const words[] = {"load",   "save",  "show",   "evaluate",
                                        "lesson", "--png", "history"};
    if (n > 512) return true;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(s, words[i])) return true;
    /* `step` too, but not the builtin step_function, which is worth fuzzing */
    for (const char *p = strstr(s, "step"); p; p = strstr(p + 4, "step"))
        if (strncmp(p, "step_function", 13) != 0) return true;
    return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    setenv("NO_COLOR", "1", 1);
    setenv("NNSH_CACHE_DIR", "", 1);
    g_null = fopen("/dev/null", "w");
    if (!g_null) abort();
    arr_mem_set_limit((int64_t)256 << 10);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_cpu_timer;
    sigaction(SIGVTALRM, &sa, NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 512) return 0;
    char *src = malloc(size + 1);
    if (!src) return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    size_t n = strlen(src); /* the interpreter sees text up to the first NUL */
    if (!skip_input(src, n)) {
        Interp *in = nnsh_new(g_null, g_null);
        if (in) {
            interp_load_example(in, true);
            g_capped = true;
            cpu_timer(0.2);
            interp_run(in, src, "<fuzz>", 1);
            cpu_timer(0);
            interp_interrupted = 0;
            g_capped = false;
            interp_free(in);
        }
    }
    free(src);
    return 0;
}
