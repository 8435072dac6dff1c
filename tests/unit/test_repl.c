/* test_repl.c - the REPL loop without a terminal (repl.c). Tab
 * completion's candidates are tested in test_complete.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "init.h"
#include "interp.h"
#include "repl.h"

typedef struct Fix {
    Interp *in;
    char *out;
    size_t outlen;
    FILE *f;
} Fix;

static int setup(void **state) {
    Fix *f = calloc(1, sizeof *f);
    f->f = open_memstream(&f->out, &f->outlen);
    f->in = nnsh_new(f->f, f->f);
    *state = f;
    return f->in ? 0 : -1;
}

static int teardown(void **state) {
    Fix *f = *state;
    interp_free(f->in);
    fclose(f->f);
    free(f->out);
    free(f);
    return 0;
}

/* Run text through repl_run from a string source; returns the status. */
static int run(Fix *f, const char *text, bool keep_going, bool *quit) {
    ReplStringCtx sc;
    LineSource src = repl_string_source(&sc, text);
    ReplOpts o = {"<test>", keep_going, NULL, NULL};
    int st = repl_run(f->in, &src, &o, quit);
    fflush(f->f);
    return st;
}

/* Lines inside open brackets are joined into one statement. */
static void test_continuation(void **state) {
    Fix *f = *state;
    bool quit;
    assert_int_equal(
        run(f, "W = np.array([[1.0, 2.0],\n              [3.0, 4.0]])\nW.shape\n", false, &quit),
        0);
    assert_false(quit);
    assert_non_null(strstr(f->out, "W (2, 2) float64\n[[1. 2.]\n [3. 4.]]\n(2, 2)\n"));
}

/* A script stops at its first error unless keep_going; the status is 1
 * either way, and the error names the line of the chunk. */
static void test_stop_and_keep_going(void **state) {
    Fix *f = *state;
    bool quit;
    assert_int_equal(run(f, "a = 1\nb = nope\nc = 3\n", false, &quit), 1);
    assert_null(strstr(f->out, "c ()"));
    assert_non_null(strstr(f->out, "at <test> line 2"));
    assert_int_equal(run(f, "a = 1\nb = nope\nc = 3\n", true, &quit), 1);
    assert_non_null(strstr(f->out, "c () int64"));
}

/* keep_going also runs the line that ended a failed block: the REPL reads
 * it in the same chunk as the block. Without keep_going the script ends
 * at the block. */
static void test_keep_going_after_a_block(void **state) {
    Fix *f = *state;
    bool quit;
    const char *script = "for i in range(3):\n    x = i / 0\nprint('after')\ny = 5\n";
    assert_int_equal(run(f, script, true, &quit), 1);
    assert_non_null(strstr(f->out, "ZeroDivisionError"));
    assert_non_null(strstr(f->out, "after\n"));
    assert_non_null(strstr(f->out, "y () int64"));
    fclose(f->f);
    free(f->out);
    f->out = NULL;
    f->f = open_memstream(&f->out, &f->outlen);
    interp_free(f->in);
    f->in = nnsh_new(f->f, f->f);
    assert_int_equal(run(f, script, false, &quit), 1);
    assert_null(strstr(f->out, "after"));
    assert_null(strstr(f->out, "y ()"));
}

/* Lines pasted at the prompt run statement by statement; when one fails,
 * the error says how many of the lines after it were not run. */
typedef struct Typed {
    const char *const *lines;
    int i;
} Typed;

static char *typed_get(void *ctx, const char *prompt) {
    (void)prompt;
    Typed *t = ctx;
    return t->lines[t->i] ? strdup(t->lines[t->i++]) : NULL;
}

static void test_paste_says_what_was_not_run(void **state) {
    Fix *f = *state;
    static const char *const lines[] = {"a = 1; b = nope; c = 3", "", NULL};
    Typed t = {lines, 0};
    LineSource src = {typed_get, &t, true};
    interp_set_input(f->in, &src);
    ReplOpts o = {"<stdin>", true, NULL, NULL};
    bool quit;
    repl_run(f->in, &src, &o, &quit);
    interp_set_input(f->in, NULL);
    fflush(f->f);
    assert_non_null(strstr(f->out, "name 'nope' is not defined"));
    assert_null(strstr(f->out, "c ()"));
    /* the statements after it are on the same line: 1 line */
    assert_non_null(strstr(f->out, "(the 1 line after it was not run)"));
}

/* Input that ends inside a bracket is an error, not silence. */
static void test_unfinished(void **state) {
    Fix *f = *state;
    bool quit;
    assert_int_equal(run(f, "x = [1, 2,\n", false, &quit), 1);
    assert_non_null(strstr(f->out, "open bracket"));
}

/* quit ends the loop, and what follows it is never run. */
static void test_quit(void **state) {
    Fix *f = *state;
    bool quit = false;
    assert_int_equal(run(f, "a = 1\nquit\nprint('after')\n", false, &quit), 0);
    assert_true(quit);
    assert_null(strstr(f->out, "after"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_continuation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_and_keep_going, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keep_going_after_a_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paste_says_what_was_not_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unfinished, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
