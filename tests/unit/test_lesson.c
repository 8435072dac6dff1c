/* test_lesson.c - lesson scripts read without a session (items, titles,
 * the search for lesson files), and whole lessons run in a session: one
 * driven through a scripted line source as a person types, one run straight
 * through as a script does. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lesson.h"
#include "lessonfile.h"
#include "parse.h"
#include "repl.h"
#include "sess.h"

/* --- parsing, no session needed ----------------------------------------------- */

static const char kLesson[] = "# The title line\n"
                              "#\n"
                              "# Some narrative.\n"
                              "#! an author's note\n"
                              "x = np.array([1.0,\n"
                              "              2.0])\n"
                              "\n"
                              "# pause\n"
                              "# exercise: make y twice x\n"
                              "# try: y = x + [1.0]\n"
                              "# hint: multiply\n"
                              "y = x * 2  # solution\n"
                              "check np.allclose(y, [2.0, 4.0])\n"
                              "s = '# solution'  # keep this\n"
                              "check(y.shape == (2,))\n"
                              "# pause: look\n";

static void test_parse_lesson(void **state) {
    (void)state;
    Err e;
    err_clear(&e);
    LessonScript *ls = lessonfile_parse(kLesson, &e);
    assert_non_null(ls);
    assert_string_equal(ls->title, "The title line");
    assert_int_equal(ls->nexercises, 1);
    static const struct {
        LessonKind k;
        int line;
        const char *text;
    } want[] = {
        {LK_TEXT, 2, ""},
        {LK_TEXT, 3, "Some narrative."},
        {LK_CODE, 5, "x = np.array([1.0,\n              2.0])"},
        {LK_BLANK, 7, ""},
        {LK_PAUSE, 8, ""},
        {LK_EXERCISE, 9, "make y twice x"},
        {LK_TRY, 10, "y = x + [1.0]"},
        {LK_HINT, 11, "multiply"},
        {LK_SOLUTION, 12, "y = x * 2"},
        {LK_CHECK, 13, "check np.allclose(y, [2.0, 4.0])"},
        {LK_CODE, 14, "s = '# solution'  # keep this"},
        {LK_CHECK, 15, "check(y.shape == (2,))"},
        {LK_PAUSE, 16, "look"},
    };
    int n = (int)(sizeof want / sizeof want[0]);
    assert_int_equal(ls->nitems, n);
    for (int i = 0; i < n; i++) {
        if (ls->items[i].kind != want[i].k || ls->items[i].line != want[i].line)
            fail_msg("item %d: kind %d line %d, want kind %d line %d", i, ls->items[i].kind,
                     ls->items[i].line, want[i].k, want[i].line);
        assert_string_equal(ls->items[i].text, want[i].text);
    }
    lessonfile_free(ls);

    /* no comment at all: an empty title; CRLF line ends */
    ls = lessonfile_parse("a = 1\r\ncheck a == 1\r\n", &e);
    assert_non_null(ls);
    assert_string_equal(ls->title, "");
    assert_int_equal(ls->nitems, 2);
    assert_string_equal(ls->items[0].text, "a = 1");
    assert_int_equal(ls->items[1].kind, LK_CHECK);
    lessonfile_free(ls);

    /* `checked = 1` and `checks` are code, not checks */
    ls = lessonfile_parse("# t\nchecked = 1\n", &e);
    assert_int_equal(ls->items[0].kind, LK_CODE);
    lessonfile_free(ls);
}

/* --- discovery ---------------------------------------------------------------- */

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char g_dir[256];

static int make_dir(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/nnsh_test_lesson_XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    return 0;
}

static int remove_dir(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_scan_lessons(void **state) {
    (void)state;
    char p[512];
    snprintf(p, sizeof p, "%s/10-last.nns", g_dir);
    write_file(p, "#! not a title\n# Tenth lesson\nx = 1\n");
    snprintf(p, sizeof p, "%s/02-second.nns", g_dir);
    write_file(p, "# Second lesson\n");
    snprintf(p, sizeof p, "%s/01-first.nns", g_dir);
    write_file(p, "  # First lesson  \n# more\n");
    snprintf(p, sizeof p, "%s/notes.nns", g_dir);
    write_file(p, "# not a lesson\n");
    snprintf(p, sizeof p, "%s/03-draft.txt", g_dir);
    write_file(p, "# not a lesson either\n");
    Err e;
    err_clear(&e);
    LessonInfo *v;
    int n = lessonfile_scan(g_dir, &v, &e);
    assert_int_equal(n, 3);
    assert_int_equal(v[0].number, 1);
    assert_string_equal(v[0].title, "First lesson  ");
    assert_int_equal(v[1].number, 2);
    assert_string_equal(v[1].title, "Second lesson");
    assert_int_equal(v[2].number, 10);
    assert_string_equal(v[2].title, "Tenth lesson");
    snprintf(p, sizeof p, "%s/02-second.nns", g_dir);
    assert_string_equal(v[1].path, p);
    lessonfile_infos_free(v, n);

    assert_int_equal(lessonfile_scan("/nonexistent/nnsh/lessons", &v, &e), -1);
    assert_int_equal(e.kind, ERR_IO);

    char buf[1024];
    setenv("NNSH_LESSONS", g_dir, 1);
    assert_non_null(lessonfile_dir(buf, sizeof buf));
    assert_string_equal(buf, g_dir);
    setenv("NNSH_LESSONS", "/nonexistent/nnsh/lessons", 1);
    assert_null(lessonfile_dir(buf, sizeof buf));
    assert_has(buf, "/nonexistent/nnsh/lessons");
    unsetenv("NNSH_LESSONS");
}

/* --- a whole lesson, as a person types it ------------------------------------- */

typedef struct Script {
    const char *const *lines;
    int i;
} Script;

static char *script_get(void *ctx, const char *prompt) {
    (void)prompt;
    Script *s = ctx;
    if (!s->lines[s->i]) return NULL;
    return strdup(s->lines[s->i++]);
}

/* The lesson commands must be registered: a test that cannot run them
 * fails rather than skipping, so a table dropped from the registry shows. */
static void assert_wired(Interp *in) {
    const Registry *r = interp_registry(in);
    if (!reg_find(r, "lesson")) fail_msg("the `lesson` command is not registered");
    if (!reg_find(r, "check")) fail_msg("the `check` command is not registered");
    if (!parse_is_rawcmd("check")) fail_msg("`check` is not parsed as a raw command");
}

static const char kTiny[] = "# Tiny lesson\n"
                            "# Start here.\n"
                            "a = 1\n"
                            "# pause\n"
                            "# exercise: make b equal 2\n"
                            "# hint: b = 2\n"
                            "b = 2  # solution\n"
                            "check b == 2\n"
                            "# exercise: make c equal 3\n"
                            "c = 3  # solution\n"
                            "check c == 3\n"
                            "# The end.\n";

static void test_interactive_lesson(void **state) {
    (void)state;
    char p[512];
    snprintf(p, sizeof p, "%s/01-tiny.nns", g_dir);
    write_file(p, kTiny);
    setenv("NNSH_LESSONS", g_dir, 1);
    static const char *const lines[] = {
        "lesson 1", "", /* Enter at the pause */
        "check",        /* b is not defined yet */
        "hint",     "hint", /* one hint, then none left */
        "b = 5",    "check",
        "solution", /* shown, not run */
        "b = 2",    "check b == 2", /* typing the lesson's check works like `check` */
        "lesson next",              /* skip the second exercise: its answer runs */
        "check",    NULL};
    Script sc = {lines, 0};
    LineSource src = {script_get, &sc, true};
    Sess s;
    sess_open(&s);
    assert_wired(s.in);
    interp_set_input(s.in, &src);
    ReplOpts o = {"<stdin>", true, "nnsh> ", "  ...> "};
    bool quit;
    repl_run(s.in, &src, &o, &quit);
    const char *t = sess_text(&s);
    assert_has(t, "== lesson 1: Tiny lesson ==\nStart here.\nnnsh> a = 1\n");
    assert_has(t, "exercise 1: make b equal 2\n  Your turn:");
    /* the first "not yet" says what is wrong and offers the hint, without
     * printing it */
    assert_has(t, "not yet: b == 2  (name 'b' is not defined");
    assert_has(t, "`hint` gives a hint (1 left)");
    assert_has(t, "  hint 1 of 1: b = 2\n  no more hints: `solution` shows the answer.\n");
    if (strstr(t, "  hint: b = 2")) fail_msg("a hint was printed before it was asked for");
    assert_has(t, "not yet: b == 2  (left is 5, right is 2)\n"
                  "  Change your answer, then `check` again; `solution` shows the answer.\n");
    assert_has(t, "  the answer:\n    b = 2\n");
    assert_has(t, "ok: b == 2\n  well done. The lesson's answer was:\n    b = 2\n");
    assert_has(t, "exercise 2: make c equal 3\n");
    assert_has(t, "  here is one answer:\nnnsh> c = 3\n");
    assert_has(t, "The end.\n== end of lesson 1: 1 of 2 exercises passed");
    assert_has(t, "Checks so far: 1 ok, 2 not yet.");
    /* the solution of exercise 1 was not run for the learner */
    const Value *b = vars_get(interp_vars(s.in), "b");
    assert_non_null(b);
    interp_set_input(s.in, NULL);
    sess_close(&s);
    unsetenv("NNSH_LESSONS");
}

static void test_script_lesson_runs_through(void **state) {
    (void)state;
    char p[512];
    snprintf(p, sizeof p, "%s/01-tiny.nns", g_dir);
    write_file(p, kTiny);
    setenv("NNSH_LESSONS", g_dir, 1);
    Sess s;
    sess_open(&s);
    assert_wired(s.in);
    sess_run(&s, "lesson 1");
    const char *t = sess_text(&s);
    assert_has(t, "exercise 1: make b equal 2\nnnsh> b = 2\nb () int64\n2\nok: b == 2\n");
    assert_has(t, "== end of lesson 1: 2 of 2 exercises passed");
    sess_reset(&s);
    assert_int_equal(interp_run(s.in, "lesson 7", "<test>", 1), RUN_ERROR);
    assert_has(sess_text(&s), "there is no lesson 7");
    sess_close(&s);
    unsetenv("NNSH_LESSONS");
}

/* Prose and exercises wrap at $COLUMNS; code in backticks or a call with
 * its arguments is never split; the end banner gives "Next" its own line. */
static void test_lesson_wraps_at_columns(void **state) {
    (void)state;
    char p[512];
    snprintf(p, sizeof p, "%s/01-wrap.nns", g_dir);
    write_file(p, "# Wrapping\n"
                  "# Start with a line x: np.arange(-5.0, 5.0, 0.1), then type `load_mnist test` "
                  "now.\n"
                  "# exercise: Store in b the number two, written as 2, and then check it.\n"
                  "b = 2  # solution\n"
                  "check b == 2\n");
    snprintf(p, sizeof p, "%s/02-next.nns", g_dir);
    write_file(p, "# Second one\n");
    setenv("NNSH_LESSONS", g_dir, 1);
    setenv("COLUMNS", "40", 1);
    Sess s;
    sess_open(&s);
    sess_run(&s, "lesson 1");
    const char *t = sess_text(&s);
    assert_has(t, "== lesson 1: Wrapping ==\n"
                  "Start with a line x:\n"
                  "np.arange(-5.0, 5.0, 0.1), then type\n"
                  "`load_mnist test` now.\n"
                  "exercise 1: Store in b the number two,\n"
                  "  written as 2, and then check it.\n"
                  "nnsh> b = 2\n");
    assert_has(t, "== end of lesson 1: 1 of 1 exercise passed ==\nNext: lesson 2, Second one\n");
    sess_reset(&s);
    /* at 80 columns the same lesson is printed as written */
    setenv("COLUMNS", "80", 1);
    sess_run(&s, "lesson 1");
    t = sess_text(&s);
    assert_has(t, "Start with a line x: np.arange(-5.0, 5.0, 0.1), then type `load_mnist test` "
                  "now.\n");
    assert_has(t, "== end of lesson 1: 1 of 1 exercise passed. Next: lesson 2, Second one ==\n");
    sess_close(&s);
    unlink(p);
    snprintf(p, sizeof p, "%s/01-wrap.nns", g_dir);
    unlink(p);
    unsetenv("COLUMNS");
    unsetenv("NNSH_LESSONS");
}

int main(void) {
    setenv("NNSH_PROGRESS", "", 1); /* never the learner's own file */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_lesson),
        cmocka_unit_test(test_scan_lessons),
        cmocka_unit_test(test_interactive_lesson),
        cmocka_unit_test(test_script_lesson_runs_through),
        cmocka_unit_test(test_lesson_wraps_at_columns),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
