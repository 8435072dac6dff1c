/* test_complete.c - Tab completion's candidates (complete.c), without a
 * terminal: file names inside strings and after commands that take a file,
 * the words of trace, echo, lesson and help, and names in expressions. The
 * files are made in a fresh temporary directory, which is the current one
 * while the tests run; every expected list is written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "complete.h"
#include "sess.h"

typedef struct Fix {
    Sess s;
    char dir[64]; /* the temporary directory */
    char *oldcwd; /* where the test started */
} Fix;

static void touch(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A directory with files a.npy, ab.pkl, .secret, folders data/ (holding
 * w.npy), .cfg/ and lessons/ (lessons 1 and 2, exercises 1 and 3), and a
 * file with a quote in its
 * name, which no string could hold unescaped. */
static int setup(void **state) {
    Fix *f = calloc(1, sizeof *f);
    if (!f) return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/nnsh-complete-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    f->oldcwd = getcwd(NULL, 0);
    if (!f->oldcwd || chdir(f->dir) != 0) return -1;
    touch("a.npy", "");
    touch("ab.pkl", "");
    touch(".secret", "");
    touch("it's.npy", "");
    mkdir("data", 0700);
    touch("data/w.npy", "");
    mkdir(".cfg", 0700);
    mkdir("lessons", 0700);
    touch("lessons/01-first.nns", "# First\nx = 1\n");
    touch("lessons/02-second.nns", "# Second\nx = 2\n");
    mkdir("lessons/exercises", 0700);
    touch("lessons/exercises/01-swap.nns", "# Swapped\nx = 1\n");
    touch("lessons/exercises/03-bias.nns", "# Bias\nx = 3\n");
    setenv("NNSH_LESSONS", "lessons", 1);
    sess_open(&f->s);
    *state = f;
    return 0;
}

static int teardown(void **state) {
    Fix *f = *state;
    sess_close(&f->s);
    unlink("a.npy");
    unlink("ab.pkl");
    unlink(".secret");
    unlink("it's.npy");
    unlink("data/w.npy");
    rmdir("data");
    rmdir(".cfg");
    unlink("lessons/01-first.nns");
    unlink("lessons/02-second.nns");
    unlink("lessons/exercises/01-swap.nns");
    unlink("lessons/exercises/03-bias.nns");
    rmdir("lessons/exercises");
    rmdir("lessons");
    assert_int_equal(chdir(f->oldcwd), 0);
    assert_int_equal(rmdir(f->dir), 0);
    unsetenv("NNSH_LESSONS");
    free(f->oldcwd);
    free(f);
    return 0;
}

/* Complete `line` with the cursor at its end (or at `cursor` >= 0) and
 * require exactly the candidates in `want` (sorted, separated by '|'; ""
 * for none) replacing the text from byte `start`. */
static void expect_at(Fix *f, const char *line, int cursor, int start, const char *want) {
    CompleteList c;
    complete_line(f->s.in, line, cursor < 0 ? (int)strlen(line) : cursor, &c);
    char got[4096] = "";
    for (int i = 0; i < c.n; i++) {
        if (i) strncat(got, "|", sizeof got - strlen(got) - 1);
        strncat(got, c.v[i], sizeof got - strlen(got) - 1);
    }
    int gstart = c.start;
    complete_free(&c);
    if (strcmp(got, want) != 0)
        fail_msg("completing [%s]\n  wanted: %s\n  got:    %s", line, want, got);
    if (*want && gstart != start)
        fail_msg("completing [%s]: the word starts at %d, not %d", line, gstart, start);
}

static void expect(Fix *f, const char *line, int start, const char *want) {
    expect_at(f, line, -1, start, want);
}

/* Does the completion of `line` offer `cand`? */
static bool offers(Fix *f, const char *line, const char *cand) {
    CompleteList c;
    complete_line(f->s.in, line, (int)strlen(line), &c);
    bool found = false;
    for (int i = 0; i < c.n; i++)
        found |= strcmp(c.v[i], cand) == 0;
    complete_free(&c);
    return found;
}

/* Inside a string: a folder gets '/', a file closes the string with the
 * quote it was opened with; hidden names only after a typed '.'. */
static void test_paths_in_strings(void **state) {
    Fix *f = *state;
    expect(f, "load \"a", 6, "a.npy\"|ab.pkl\"");
    expect(f, "load \"", 6, "a.npy\"|ab.pkl\"|data/|lessons/");
    expect(f, "load \"d", 6, "data/");
    expect(f, "load \"data/", 6, "data/w.npy\"");
    expect(f, "load \"data/x", 6, "");
    expect(f, "load \".", 6, ".cfg/|.secret\"");
    expect(f, "load \"..", 6, "../");
    expect(f, "w = np.load('a", 13, "a.npy'|ab.pkl'");
    expect(f, "f = open(\"ab", 10, "ab.pkl\"");
    expect(f, "print(\"x\"); load \"a", 18, "a.npy\"|ab.pkl\"");
    /* an absolute path */
    char line[128];
    snprintf(line, sizeof line, "load \"%s/a", f->dir);
    char want[256];
    snprintf(want, sizeof want, "%s/a.npy\"|%s/ab.pkl\"", f->dir, f->dir);
    expect(f, line, 6, want);
    /* the closing quote is there already: not a second one */
    expect_at(f, "load \"a\"", 7, 6, "a.npy|ab.pkl");
    /* an escaped quote does not end the string */
    expect(f, "x = 'it\\'s", 5, "");
    /* data takes a folder */
    expect(f, "data \"", 6, "data/|lessons/");
    expect(f, "data \"d", 6, "data/");
    /* a closed string, a comment: no file names */
    assert_true(offers(f, "x = \"a\" + sigm", "sigmoid"));
    assert_false(offers(f, "x = \"a\" + a", "a.npy\""));
    expect(f, "x = 1  # load \"a", 0, "");
}

/* Commands that take a file offer paths with the opening quote. */
static void test_paths_after_commands(void **state) {
    Fix *f = *state;
    expect(f, "load ", 5, "\"a.npy\"|\"ab.pkl\"|\"data/|\"lessons/");
    expect(f, "load a", 5, "\"a.npy\"|\"ab.pkl\"");
    expect(f, "load data/", 5, "\"data/w.npy\"");
    expect(f, "data ", 5, "\"data/|\"lessons/");
    sess_run(&f->s, "example");
    /* save NAME "file": a name first, then the file */
    expect(f, "save W", 5, "W1|W2|W3");
    expect(f, "save W1 a", 8, "\"a.npy\"|\"ab.pkl\"");
    /* show IMAGE --png FILE */
    expect(f, "show X --png a", 13, "\"a.npy\"|\"ab.pkl\"");
    assert_true(offers(f, "show X --p", "--png"));
}

/* trace, echo and lesson offer their words; help every topic. */
static void test_command_words(void **state) {
    Fix *f = *state;
    expect(f, "trace ", 6, "full|off|on");
    expect(f, "trace o", 6, "off|on");
    expect(f, "trace  f", 7, "full");
    expect(f, "echo ", 5, "off|on");
    expect(f, "echo off; trace f", 16, "full");
    expect(f, "timing o", 7, "off|on");
    expect(f, "evaluate b", 9, "batch=|both");
    expect(f, "trace on ", 9, "");
    /* the lessons and exercises of $NNSH_LESSONS by number, and lesson's
     * words, each where its signature puts it:
     *   lesson [N | eN | next | stop | auto [N] | lang en|zh] */
    expect(f, "lesson ", 7, "1|2|auto|e1|e3|lang|list|next|stop");
    expect(f, "lesson n", 7, "next");
    expect(f, "lesson e", 7, "e1|e3");
    expect(f, "lesson lang ", 12, "en|zh");
    expect(f, "lesson auto ", 12, "1|2");
    expect(f, "lesson next ", 12, "");
    /* net | net act LAYER ACTIVATION | net use NAME */
    expect(f, "net ", 4, "act|use");
    assert_true(offers(f, "net act 3 sig", "sigmoid"));
    /* surface [--out 0|1|argmax] [--range LO HI] [--png FILE] [--svg FILE] */
    expect(f, "surface --out ", 14, "0|1|argmax");
    expect(f, "surface --range -1 1 --", 21, "--png|--svg");
    expect(f, "surface --svg a", 14, "\"a.npy\"|\"ab.pkl\"");
    /* del NAME...: names again and again; explain STATEMENT: names to the
     * end of the statement */
    sess_run(&f->s, "example");
    expect(f, "del W1 W", 7, "W1|W2|W3");
    expect(f, "explain A1 = np.dot(X, W", 23, "W1|W2|W3");
    /* a command whose signature is a call: names */
    assert_false(offers(f, "load_mnist norm", "normalize="));
    expect(f, "img_show W", 9, "W1|W2|W3");
    /* help: built-ins and the syntax topics */
    expect(f, "help sl", 5, "slice|slicing");
    expect(f, "help bro", 5, "broadcast|broadcasting");
    expect(f, "help .", 5, ".T");
    expect(f, "help @", 5, "@");
    expect(f, "help random.randn", 5, "random.randn");
    expect(f, "help dot W1 sigm", 12, "sigmoid");
    assert_true(offers(f, "help ", "dot"));
    assert_true(offers(f, "help ", "trace"));
    assert_true(offers(f, "help ", "transpose"));
    assert_true(offers(f, "help ", "+"));
    /* the command's own name is not one of its words; an assignment to a
     * name that is a command's is no command */
    assert_false(offers(f, "trace ", "trace"));
    expect(f, "echo = ec", 7, "echo");
}

/* Every word Tab offers after `help` is one that help answers, `help
 * continue` (a keyword) and `help []` (not an empty list) included. */
static void test_help_words_work(void **state) {
    Fix *f = *state;
    CompleteList c;
    complete_line(f->s.in, "help ", 5, &c);
    assert_true(c.n > 100);
    for (int i = 0; i < c.n; i++) {
        char line[160];
        snprintf(line, sizeof line, "help %s", c.v[i]);
        if (interp_run(f->s.in, line, "<test>", 1) != RUN_OK) fail_msg("%s fails", line);
    }
    complete_free(&c);
}

/* In an expression: variables, built-ins, np. and NumPy's names, an
 * array's attributes and methods. */
static void test_names(void **state) {
    Fix *f = *state;
    sess_run(&f->s, "example");
    assert_true(offers(f, "sig", "sigmoid"));
    assert_false(offers(f, "sig", "softmax"));
    expect(f, "W", 0, "W1|W2|W3");
    expect(f, "A1 = np.dot(X, W", 15, "W1|W2|W3");
    assert_true(offers(f, "np.ar", "np.array") && offers(f, "np.ar", "np.arange") &&
                offers(f, "np.ar", "np.argmax"));
    assert_false(offers(f, "np.ar", "np.dot"));
    /* np. offers NumPy's names only: not Python's print, not the book's
     * predict, not nnsh's sigmoid */
    assert_false(offers(f, "np.p", "np.print") || offers(f, "np.p", "np.predict"));
    assert_true(offers(f, "np.s", "np.sum") && offers(f, "np.s", "np.sqrt"));
    assert_false(offers(f, "np.s", "np.str") || offers(f, "np.s", "np.sigmoid"));
    assert_true(offers(f, "pr", "print") && offers(f, "pr", "predict"));
    expect(f, "np.random.rand", 0, "np.random.rand|np.random.randn");
    expect(f, "W1.sh", 0, "W1.shape");
    assert_true(offers(f, "W1.res", "W1.reshape("));
    expect(f, "zzz", 0, "");
    /* the word under a cursor in the middle of the line */
    expect_at(f, "x = sigm + 1", 8, 4, "sigmoid");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_paths_in_strings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths_after_commands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_words_work, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
