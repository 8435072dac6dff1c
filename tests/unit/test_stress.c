/* test_stress.c - 100,000 generated statements (tests/fuzz/stmtgen.h) run
 * through interp_run, output to /dev/null. Under `make test SAN=1` any
 * memory error or undefined behaviour aborts the run, so this test fails;
 * in the normal build it catches crashes and leaks of the memory budget
 * (every array freed: the bytes in use return to where they started).
 *
 *   NNSH_STRESS_SEED=N     the seed (default 20261129): a failure names the
 *                          seed and the statement number to replay
 *   NNSH_STRESS_COUNT=N    how many statements (default 100000)
 *   NNSH_STRESS_CALM=1     keep commands that change variables out of
 *                          expressions (by default they go everywhere: the
 *                          parser must refuse them, issue 8 defect 1)
 *   NNSH_STRESS_ECHO=1     print each statement (number and text) to stderr
 *                          before running it, to find the one that crashes
 *   NNSH_STRESS_CORPUS=DIR also write the first 2,000 statements there, one
 *                          file each, as seeds for `make fuzz` (fuzz_eval)
 *
 * Arrays are limited to 1 MiB in all (arr_mem_set_limit) so that a product
 * or a print stays fast under the sanitizers; a fresh session starts every
 * 500 statements, with the chapter's example network loaded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "init.h"
#include "../fuzz/stmtgen.h"
#include "arr.h"
#include "interp.h"

static long env_long(const char *name, long def) {
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 10) : def;
}

static void test_generated_statements(void **state) {
    (void)state;
    setenv("NO_COLOR", "1", 1);
    setenv("NNSH_CACHE_DIR", "", 1);
    long seed = env_long("NNSH_STRESS_SEED", 20261129);
    long count = env_long("NNSH_STRESS_COUNT", 100000);
    const char *corpus = getenv("NNSH_STRESS_CORPUS");
    bool echo = env_long("NNSH_STRESS_ECHO", 0) != 0;
    FILE *null = fopen("/dev/null", "w");
    assert_non_null(null);
    int64_t before = arr_mem_in_use();
    arr_mem_set_limit(before + (1 << 20));
    Gen g = {(uint64_t)seed * 2654435761u + 1, NULL, 0, 0, 0, 1};
    g.calm = env_long("NNSH_STRESS_CALM", 0) != 0;
    char stmt[2048];
    Interp *in = NULL;
    long errors = 0;
    clock_t t0 = clock();
    for (long i = 0; i < count; i++) {
        if (i % 500 == 0) {
            interp_free(in);
            assert_int_equal(arr_mem_in_use(), before); /* nothing leaked */
            in = nnsh_new(null, null);
            assert_non_null(in);
            interp_load_example(in, true);
            interp_run(in, "np.random.seed(0)", "<stress>", 1); /* repeatable */
        }
        gen_statement(&g, stmt, sizeof stmt);
        if (corpus && i < 2000) {
            char path[1024];
            snprintf(path, sizeof path, "%s/gen_%05ld.nns", corpus, i);
            FILE *f = fopen(path, "w");
            if (f) {
                fprintf(f, "%s\n", stmt);
                fclose(f);
            }
        }
        if (echo) fprintf(stderr, "%ld: %s\n", i, stmt);
        if (interp_run(in, stmt, "<stress>", 1) == RUN_ERROR) errors++;
        fflush(null);
    }
    interp_free(in);
    assert_int_equal(arr_mem_in_use(), before);
    arr_mem_set_limit(0);
    fclose(null);
    print_message("%ld statements (seed %ld): %ld refused with an error, %.1f s\n", count, seed,
                  errors, (double)(clock() - t0) / CLOCKS_PER_SEC);
    /* the generator must reach the evaluator, not only the error paths */
    assert_true(errors < count * 9 / 10);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_statements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
