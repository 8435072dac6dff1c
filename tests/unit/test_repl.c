/* test_repl.c - the REPL loop without a terminal (repl.c), and Tab
 * completion's candidate lists (term.c), which need no terminal either. */
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
#include "term.h"

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

/* Does the NULL-terminated list v hold s? */
static bool has(char **v, const char *s) {
    for (int i = 0; v && v[i]; i++)
        if (strcmp(v[i], s) == 0) return true;
    return false;
}

static void free_list(char **v) {
    for (int i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* Completion offers commands, built-ins, variables, np. functions and
 * attributes after a dot, each only when it extends what was typed. */
static void test_completion(void **state) {
    Fix *f = *state;
    bool quit;
    assert_int_equal(run(f, "example;\n", false, &quit), 0);
    char **v = term_complete_word(f->in, "sig", 0, "sig");
    assert_true(has(v, "sigmoid"));
    assert_false(has(v, "softmax"));
    free_list(v);
    v = term_complete_word(f->in, "W", 0, "W");
    assert_true(has(v, "W1") && has(v, "W2") && has(v, "W3"));
    free_list(v);
    v = term_complete_word(f->in, "np.ar", 0, "np.ar");
    assert_true(has(v, "np.array") && has(v, "np.arange") && has(v, "np.argmax"));
    assert_false(has(v, "np.dot"));
    free_list(v);
    /* np. offers NumPy's names only: not Python's print, not the book's predict */
    v = term_complete_word(f->in, "np.p", 0, "np.p");
    assert_false(has(v, "np.print") || has(v, "np.predict"));
    free_list(v);
    v = term_complete_word(f->in, "np.s", 0, "np.s");
    assert_true(has(v, "np.sum") && has(v, "np.sqrt"));
    assert_false(has(v, "np.str") || has(v, "np.sigmoid") || has(v, "np.softmax"));
    free_list(v);
    v = term_complete_word(f->in, "pr", 0, "pr");
    assert_true(has(v, "print") && has(v, "predict"));
    free_list(v);
    v = term_complete_word(f->in, "np.random.r", 0, "np.random.r");
    assert_true(has(v, "np.random.rand") && has(v, "np.random.randn"));
    free_list(v);
    v = term_complete_word(f->in, "W1.sh", 0, "W1.sh");
    assert_true(has(v, "W1.shape"));
    assert_false(has(v, "W1.T"));
    free_list(v);
    v = term_complete_word(f->in, "zzz", 0, "zzz");
    assert_null(v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_continuation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_and_keep_going, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unfinished, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_completion, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
