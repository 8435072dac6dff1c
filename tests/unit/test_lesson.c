/* test_lesson.c - check, allclose/isclose against NumPy, lesson parsing and
 * discovery, and (when the lesson table is registered) a whole interactive
 * lesson driven through a scripted line source. */
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
#include "parse.h"
#include "repl.h"

#include "lesson_ref.h"

/* --- a session whose output is captured ------------------------------------ */

typedef struct Sess {
    Interp *in;
    FILE *f;
    char *buf;
    size_t len;
    size_t mark; /* sess_text shows what came after it */
} Sess;

static void sess_open(Sess *s) {
    s->buf = NULL;
    s->len = 0;
    s->mark = 0;
    s->f = open_memstream(&s->buf, &s->len);
    assert_non_null(s->f);
    s->in = interp_new(s->f, s->f);
    assert_non_null(s->in);
    interp_set_echo(s->in, true);
}

static const char *sess_text(Sess *s) {
    fflush(s->f);
    return s->buf ? s->buf + s->mark : "";
}

static void sess_reset(Sess *s) {
    fflush(s->f);
    s->mark = s->len;
}

static void sess_close(Sess *s) {
    interp_free(s->in);
    fclose(s->f);
    free(s->buf);
}

static void run(Sess *s, const char *src) {
    assert_int_equal(interp_run(s->in, src, "<test>", 1), RUN_OK);
}

/* Parse `cond` and check it in the session; the output in *out. */
static bool check(Sess *s, const char *cond, const char *hint) {
    Node **v = NULL;
    Err e;
    int n = parse_program(cond, 1, &v, &e);
    assert_int_equal(n, 1);
    assert_int_equal(v[0]->kind, N_EXPR);
    sess_reset(s);
    bool ok = lesson_check(s->in, v[0]->kids[0], hint);
    node_free(v[0]);
    free(v);
    return ok;
}

static void assert_has(const char *text, const char *want) {
    if (!strstr(text, want)) fail_msg("expected to find\n  %s\nin\n%s", want, text);
}

/* --- check ----------------------------------------------------------------- */

static void test_check_passes_and_counts(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    assert_true(interp_load_example(s.in, true));
    run(&s, "A1 = np.dot(X, W1) + B1");
    assert_true(check(&s, "A1.shape == (3,)", NULL));
    assert_string_equal(sess_text(&s), "ok: A1.shape == (3,)\n");
    assert_true(check(&s, "A1 > 0", NULL));
    assert_true(check(&s, "W1.shape != (3, 2)", NULL));
    assert_false(check(&s, "A1.shape == (2,)", NULL));
    int ok, no;
    lesson_counts(s.in, &ok, &no);
    assert_int_equal(ok, 3);
    assert_int_equal(no, 1);
    sess_close(&s);
}

static void test_check_not_yet_says_why(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    assert_true(interp_load_example(s.in, true));
    run(&s, "A1 = np.dot(X, W1) + B1");

    assert_false(check(&s, "A1.shape == (2,)", "  hint: look at B1\n"));
    assert_string_equal(sess_text(&s), "not yet: A1.shape == (2,)  (left is (3,), right is (2,))\n"
                                       "  hint: look at B1\n");
    /* swapped axes get their own hint */
    assert_false(check(&s, "W1.shape == (3, 2)", NULL));
    assert_has(sess_text(&s), "left is (2, 3), right is (3, 2)");
    assert_has(sess_text(&s), "hint: the two axes are the other way round");
    /* a shape against a bare number: Python says False */
    assert_false(check(&s, "A1.shape == 3", NULL));
    assert_has(sess_text(&s), "a shape is a tuple");
    /* floats: exact == fails, with the allclose hint */
    assert_false(check(&s, "A1 == [0.3, 0.7, 1.1]", NULL));
    assert_has(sess_text(&s), "1 of 3 elements differ");
    assert_has(sess_text(&s), "allclose");
    /* an unknown name is "not yet", not an error */
    assert_false(check(&s, "Q.shape == (3,)", NULL));
    assert_has(sess_text(&s), "not yet: Q.shape == (3,)  (name 'Q' is not defined");
    /* shapes that do not broadcast */
    assert_false(check(&s, "A1 == [1.0, 2.0]", NULL));
    assert_has(sess_text(&s), "not yet: A1 == [1.0, 2.0]  (");
    /* not a condition */
    assert_false(check(&s, "A1.shape", NULL));
    assert_has(sess_text(&s), "needs a condition");
    assert_false(check(&s, "A1 > 0.5", NULL));
    assert_has(sess_text(&s), "1 of 3 comparisons are False");
    int ok, no;
    lesson_counts(s.in, &ok, &no);
    assert_int_equal(ok, 0);
    assert_int_equal(no, 8);
    sess_close(&s);
}

static void test_check_dtype_and_scalars(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    run(&s, "s = step_function(np.array([-1.0, 1.0, 2.0]))");
    assert_true(check(&s, "s.dtype == np.int64", NULL));
    assert_false(check(&s, "s.dtype == np.float64", NULL));
    assert_has(sess_text(&s), "left is int64, right is float64");
    assert_true(check(&s, "s == [0, 1, 1]", NULL));
    assert_true(check(&s, "True", NULL));
    assert_false(check(&s, "False", NULL));
    assert_has(sess_text(&s), "it is False");
    sess_close(&s);
}

/* --- allclose / isclose against NumPy -------------------------------------- */

static Array *make(const char *dt, int nd, const int64_t *shape, const double *v) {
    DType t;
    assert_true(dtype_parse(dt, &t));
    Err e;
    err_clear(&e);
    int64_t sh[4] = {0};
    for (int i = 0; i < nd; i++)
        sh[i] = shape[i];
    Array *a = arr_from_f64(t, nd, sh, v, &e);
    assert_non_null(a);
    return a;
}

static void test_isclose_matches_numpy(void **state) {
    (void)state;
    int n = (int)(sizeof kCloseCases / sizeof kCloseCases[0]);
    for (int c = 0; c < n; c++) {
        const CloseCase *k = &kCloseCases[c];
        Array *a = make(k->adt, k->andim, k->ashape, k->a);
        Array *b = make(k->bdt, k->bndim, k->bshape, k->b);
        Err e;
        err_clear(&e);
        Array *r = lesson_isclose(a, b, k->rtol, k->atol, k->equal_nan, &e);
        assert_non_null(r);
        assert_int_equal(r->dtype, DT_BOOL);
        assert_int_equal(r->ndim, k->rndim);
        for (int i = 0; i < k->rndim; i++)
            assert_int_equal(r->shape[i], k->rshape[i]);
        for (int64_t i = 0; i < r->size; i++)
            if ((int)arr_get(r, i) != k->r[i])
                fail_msg("case %d element %lld: got %d, NumPy %d", c, (long long)i,
                         (int)arr_get(r, i), k->r[i]);
        bool all;
        assert_true(lesson_allclose(a, b, k->rtol, k->atol, k->equal_nan, &all, &e));
        if ((int)all != k->all) fail_msg("case %d: allclose %d, NumPy %d", c, all, k->all);
        arr_free(r);
        arr_free(a);
        arr_free(b);
    }
}

static void test_allclose_shape_error(void **state) {
    (void)state;
    int64_t s3[1] = {3}, s2[1] = {2};
    double v[3] = {1, 2, 3};
    Array *a = make("float64", 1, s3, v), *b = make("float64", 1, s2, v);
    Err e;
    err_clear(&e);
    bool all = true;
    assert_false(lesson_allclose(a, b, 1e-5, 1e-8, false, &all, &e));
    assert_false(all);
    assert_int_equal(e.kind, ERR_SHAPE);
    assert_string_equal(e.numpy_msg,
                        "operands could not be broadcast together with shapes (3,) (2,)");
    arr_free(a);
    arr_free(b);
}

static void test_allclose_builtin(void **state) {
    (void)state;
    /* through the table entry, with a list argument and keywords */
    const Builtin *b = NULL;
    for (const Builtin *t = lesson_builtins; t->name; t++)
        if (strcmp(t->name, "allclose") == 0) b = t;
    assert_non_null(b);
    Sess s;
    sess_open(&s);
    run(&s, "Y = np.array([0.31682708, 0.69627909]); r = 0.001; l = [0.3168, 0.6963]");
    Err e;
    err_clear(&e);
    Value *args[2] = {(Value *)vars_get(interp_vars(s.in), "Y"),
                      (Value *)vars_get(interp_vars(s.in), "l")};
    const Node *nodes[2] = {NULL, NULL};
    Node call = {0};
    call.kind = N_CALL;
    CallArgs ca = {0};
    ca.n = 2;
    ca.v = args;
    ca.nodes = nodes;
    ca.call = &call;
    ca.fname = "allclose";
    Value *v = b->fn(s.in, &ca, &e);
    assert_non_null(v);
    assert_int_equal(v->kind, V_ARRAY);
    assert_int_equal((int)arr_get(v->arr, 0), 0); /* NumPy: False */
    val_free(v);
    const char *kwn[1] = {"rtol"};
    Value *kw[1] = {(Value *)vars_get(interp_vars(s.in), "r")};
    ca.nkw = 1;
    ca.kwname = kwn;
    ca.kw = kw;
    v = b->fn(s.in, &ca, &e);
    assert_non_null(v);
    assert_int_equal((int)arr_get(v->arr, 0), 1); /* NumPy (rtol=0.001): True */
    val_free(v);
    sess_close(&s);
}

/* --- parsing ------------------------------------------------------------------ */

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
    LessonScript *ls = lesson_parse(kLesson, &e);
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
    lesson_script_free(ls);

    /* no comment at all: an empty title; CRLF line ends */
    ls = lesson_parse("a = 1\r\ncheck a == 1\r\n", &e);
    assert_non_null(ls);
    assert_string_equal(ls->title, "");
    assert_int_equal(ls->nitems, 2);
    assert_string_equal(ls->items[0].text, "a = 1");
    assert_int_equal(ls->items[1].kind, LK_CHECK);
    lesson_script_free(ls);

    /* `checked = 1` and `checks` are code, not checks */
    ls = lesson_parse("# t\nchecked = 1\n", &e);
    assert_int_equal(ls->items[0].kind, LK_CODE);
    lesson_script_free(ls);
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
    int n = lesson_scan(g_dir, &v, &e);
    assert_int_equal(n, 3);
    assert_int_equal(v[0].number, 1);
    assert_string_equal(v[0].title, "First lesson  ");
    assert_int_equal(v[1].number, 2);
    assert_string_equal(v[1].title, "Second lesson");
    assert_int_equal(v[2].number, 10);
    assert_string_equal(v[2].title, "Tenth lesson");
    snprintf(p, sizeof p, "%s/02-second.nns", g_dir);
    assert_string_equal(v[1].path, p);
    lesson_infos_free(v, n);

    assert_int_equal(lesson_scan("/nonexistent/nnsh/lessons", &v, &e), -1);
    assert_int_equal(e.kind, ERR_IO);

    char buf[1024];
    setenv("NNSH_LESSONS", g_dir, 1);
    assert_non_null(lesson_dir(buf, sizeof buf));
    assert_string_equal(buf, g_dir);
    setenv("NNSH_LESSONS", "/nonexistent/nnsh/lessons", 1);
    assert_null(lesson_dir(buf, sizeof buf));
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

static bool wired(void) {
    return builtin_find("lesson") && builtin_find("check") && parse_is_rawcmd("check");
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
    if (!wired()) skip();
    char p[512];
    snprintf(p, sizeof p, "%s/01-tiny.nns", g_dir);
    write_file(p, kTiny);
    setenv("NNSH_LESSONS", g_dir, 1);
    static const char *const lines[] = {
        "lesson 1",    "", /* Enter at the pause */
        "check",           /* b is not defined yet */
        "b = 5",       "check",
        "b = 2",       "check b == 2", /* typing the lesson's check works like `check` */
        "lesson next",                 /* skip the second exercise: its answer runs */
        "check",       NULL};
    Script sc = {lines, 0};
    LineSource src = {script_get, &sc, true};
    Sess s;
    sess_open(&s);
    interp_set_input(s.in, &src);
    ReplOpts o = {"<stdin>", true, "nnsh> ", "  ...> "};
    bool quit;
    repl_run(s.in, &src, &o, &quit);
    const char *t = sess_text(&s);
    assert_has(t, "== lesson 1: Tiny lesson ==\nStart here.\nnnsh> a = 1\n");
    assert_has(t, "exercise 1: make b equal 2\n  Your turn:");
    assert_has(t, "not yet: b == 2  (name 'b' is not defined");
    assert_has(t, "  hint: b = 2\n");
    assert_has(t, "not yet: b == 2  (left is 5, right is 2)");
    assert_has(t, "ok: b == 2\n  well done. The lesson's answer was:\n    b = 2\n");
    assert_has(t, "exercise 2: make c equal 3\n");
    assert_has(t, "not yet: c == 3");
    assert_has(t, "  here is one answer:\nnnsh> c = 3\n");
    assert_has(t, "The end.\n== end of lesson 1: 1 of 2 exercises passed");
    assert_has(t, "Checks so far: 1 ok, 3 not yet.");
    /* the solution of exercise 1 was not run for the learner */
    const Value *b = vars_get(interp_vars(s.in), "b");
    assert_non_null(b);
    interp_set_input(s.in, NULL);
    sess_close(&s);
    unsetenv("NNSH_LESSONS");
}

static void test_script_lesson_runs_through(void **state) {
    (void)state;
    if (!wired()) skip();
    char p[512];
    snprintf(p, sizeof p, "%s/01-tiny.nns", g_dir);
    write_file(p, kTiny);
    setenv("NNSH_LESSONS", g_dir, 1);
    Sess s;
    sess_open(&s);
    run(&s, "lesson 1");
    const char *t = sess_text(&s);
    assert_has(t, "exercise 1: make b equal 2\nnnsh> b = 2\nb () int64\n2\nok: b == 2\n");
    assert_has(t, "== end of lesson 1: 2 of 2 exercises passed");
    sess_reset(&s);
    assert_int_equal(interp_run(s.in, "lesson 7", "<test>", 1), RUN_ERROR);
    assert_has(sess_text(&s), "there is no lesson 7");
    sess_close(&s);
    unsetenv("NNSH_LESSONS");
}

/* --- inputs found by fuzzing (tests/fuzz/fuzz_eval.c) ------------------------------ */

/* check borrowed its left side, then evaluated a right side that ran a
 * command rebinding it: `check X == example` read the freed X (caught by
 * `make test SAN=1`). The left side is now an owned copy. */
static void test_fuzz_check_command_on_the_right(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    assert_true(interp_load_example(s.in, true));
    run(&s, "X = np.array([3.0, 4.0])");
    assert_false(check(&s, "X == example", NULL));
    assert_has(sess_text(&s), "left is [3. 4.], right is None");
    assert_false(check(&s, "allclose(X, clear)", NULL));
    assert_has(sess_text(&s), "clear is a command");
    assert_false(check(&s, "X[0] == clear", NULL));
    sess_close(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_passes_and_counts),
        cmocka_unit_test(test_check_not_yet_says_why),
        cmocka_unit_test(test_check_dtype_and_scalars),
        cmocka_unit_test(test_isclose_matches_numpy),
        cmocka_unit_test(test_allclose_shape_error),
        cmocka_unit_test(test_allclose_builtin),
        cmocka_unit_test(test_parse_lesson),
        cmocka_unit_test(test_scan_lessons),
        cmocka_unit_test(test_interactive_lesson),
        cmocka_unit_test(test_script_lesson_runs_through),
        cmocka_unit_test(test_fuzz_check_command_on_the_right),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
