/* test_course.c - the course engine: exercises with several checks that
 * keep the learner until all are met, `lesson auto` verifying exercises
 * (and failing on each kind of weak exercise), the Chinese files with their
 * fallback, the progress file (its format, a damaged file set aside, the
 * listing), matches(), and lesson files recognised by name. */
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
#include "progress.h"
#include "repl.h"
#include "sbuf.h"
#include "sess.h"

static char g_dir[256];
static char g_progress[300];

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_all(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* dir/name, written with text */
static void put(const char *name, const char *text) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", g_dir, name);
    write_file(p, text);
}

static int setup(void **state) {
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/nnsh_test_course_XXXXXX");
    if (!mkdtemp(g_dir)) return -1;
    char p[400];
    snprintf(p, sizeof p, "%s/zh", g_dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/exercises", g_dir);
    mkdir(p, 0755);
    snprintf(g_progress, sizeof g_progress, "%s/home/.nnsh/progress", g_dir);
    setenv("NNSH_LESSONS", g_dir, 1);
    setenv("NNSH_PROGRESS", "", 1);
    setenv("COLUMNS", "80", 1);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "C.UTF-8", 1);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    unsetenv("NNSH_LESSONS");
    return system(cmd) == 0 ? 0 : -1;
}

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

/* Type `lines` into a fresh session as a person would; the output is
 * left in s (close it after). */
static void type_lines(Sess *s, const char *const *lines) {
    static Script sc;
    static LineSource src;
    sc = (Script){lines, 0};
    src = (LineSource){script_get, &sc, true};
    sess_open(s);
    interp_set_input(s->in, &src);
    ReplOpts o = {"<stdin>", true, "nnsh> ", "  ...> "};
    bool quit;
    repl_run(s->in, &src, &o, &quit);
    interp_set_input(s->in, NULL);
}

/* A good exercise: two checks, two wrong answers that fail them, hints
 * that do not give the answer. */
static const char kGood[] = "# Layer one\n"
                            "X = np.array([1.0, 0.5])\n"
                            "W1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])\n"
                            "B1 = np.array([0.1, 0.2, 0.3])\n"
                            "# exercise: Compute A1 and Z1 of layer 1.\n"
                            "# hint: the sum first, with the bias\n"
                            "# hint: then the activation\n"
                            "# wrong: A1 = np.dot(X, W1)\n"
                            "# wrong: A1 = np.dot(X, W1) + B1; Z1 = A1\n"
                            "A1 = np.dot(X, W1) + B1  # solution\n"
                            "Z1 = sigmoid(A1)  # solution\n"
                            "check matches(A1, np.dot(X, W1) + B1)\n"
                            "check matches(Z1, sigmoid(np.dot(X, W1) + B1))\n"
                            "# After the exercise.\n";

static void test_exercise_needs_every_check(void **state) {
    (void)state;
    put("01-good.nns", kGood);
    static const char *const lines[] = {"lesson 1",
                                        "A1 = np.dot(X, W1) + B1",
                                        "check", /* one of two */
                                        "Z1 = sigmoid(A1)",
                                        "check matches(A1, np.dot(X, W1) + B1)", /* both */
                                        NULL};
    Sess s;
    type_lines(&s, lines);
    const char *t = sess_text(&s);
    const char *first = strstr(t, "1 of 2 checks met.");
    assert_non_null(first);
    /* the lesson did not go on after one check of two */
    const char *after = strstr(t, "After the exercise.");
    assert_non_null(after);
    assert_true(after > first);
    assert_has(t, "not yet: matches(Z1, sigmoid(np.dot(X, W1) + B1))\n"
                  "  name 'Z1' is not defined");
    assert_has(t, "ok: matches(Z1, sigmoid(np.dot(X, W1) + B1))\n  well done.");
    assert_has(t, "== end of lesson 1: 1 of 1 exercise passed ==");
    sess_close(&s);
}

/* Values left from before cannot pass an exercise the learner has not
 * answered: the names its answer assigns are removed, and it says so. */
static void test_leftovers_do_not_pass(void **state) {
    (void)state;
    put("01-good.nns", kGood);
    static const char *const lines[] = {"X = np.array([1.0, 0.5])",
                                        "W1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])",
                                        "A1 = np.dot(X, W1) + np.array([0.1, 0.2, 0.3])",
                                        "Z1 = sigmoid(A1)",
                                        "lesson 1",
                                        "check",
                                        NULL};
    Sess s;
    type_lines(&s, lines);
    const char *t = sess_text(&s);
    assert_has(t, "(A1, Z1 from before would pass already: removed, so the answer is yours)");
    assert_has(t, "not yet: matches(A1, np.dot(X, W1) + B1)");
    if (strstr(t, "well done")) fail_msg("passed with no answer:\n%s", t);
    sess_close(&s);
}

/* `lesson auto N` and the reason it gives for each kind of weak exercise. */
static void auto_fails(const char *file, const char *why) {
    put("01-good.nns", file);
    Sess s;
    sess_open(&s);
    assert_int_equal(interp_run(s.in, "lesson auto 1", "<test>", 1), RUN_ERROR);
    /* the message wraps at 80 columns: compare it as one line */
    static char flat[16384];
    size_t n = 0;
    for (const char *p = sess_text(&s); *p && n + 1 < sizeof flat; p++) {
        if (*p == '\n') {
            flat[n++] = ' ';
            while (p[1] == ' ')
                p++;
        } else {
            flat[n++] = *p;
        }
    }
    flat[n] = '\0';
    assert_has(flat, "auto: lesson 1 (");
    assert_has(flat, why);
    sess_close(&s);
}

static char *replace(const char *text, const char *from, const char *to) {
    static char buf[4096];
    const char *p = strstr(text, from);
    assert_non_null(p);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
    return buf;
}

static void test_auto_verifies_exercises(void **state) {
    (void)state;
    put("01-good.nns", kGood);
    Sess s;
    sess_open(&s);
    sess_run(&s, "lesson auto 1");
    const char *t = sess_text(&s);
    assert_has(t, "  (auto) wrong answer rejected: A1 = np.dot(X, W1)\n");
    assert_has(t, "  (auto) wrong answer rejected: A1 = np.dot(X, W1) + B1; Z1 = A1\n");
    assert_has(t, "auto: lesson 1 ok: 1 exercise passed, 2 wrong answers rejected, 2 checks\n");
    sess_close(&s);

    /* a check that only looks at the shape lets a wrong answer through */
    auto_fails(
        replace(kGood, "check matches(Z1, sigmoid(np.dot(X, W1) + B1))", "check Z1.shape == (3,)"),
        "the wrong answer `A1 = np.dot(X, W1) + B1; Z1 = A1` passes exercise 1's "
        "checks");
    /* a hint that holds the answer */
    auto_fails(replace(kGood, "# hint: then the activation", "# hint: Z1 = sigmoid(A1)"),
               "a hint of exercise 1 gives its answer away: Z1 = sigmoid(A1)");
    /* the right side alone gives it away too */
    auto_fails(replace(kGood, "# hint: then the activation", "# hint: try np.dot(X, W1) + B1"),
               "gives its answer away");
    /* one wrong answer is not enough */
    auto_fails(replace(kGood, "# wrong: A1 = np.dot(X, W1)\n", ""), "has 1 wrong answer");
    /* checks that are met before the answer test nothing */
    auto_fails(replace(kGood,
                       "check matches(A1, np.dot(X, W1) + B1)\n"
                       "check matches(Z1, sigmoid(np.dot(X, W1) + B1))\n",
                       "check 1 == 1\n"),
               "checks are met before its answer runs");
    /* an answer that fails its own checks */
    auto_fails(replace(kGood, "Z1 = sigmoid(A1)  # solution", "Z1 = relu(A1)  # solution"),
               "the answer does not pass its checks");
    put("01-good.nns", kGood);
}

/* Chinese files are used when the language is zh, the English ones when a
 * Chinese file is missing; the listing keeps columns with wide titles. */
static void test_chinese_and_fallback(void **state) {
    (void)state;
    put("01-good.nns", kGood);
    put("02-two.nns", "# Second\n# Only in English.\n");
    put("zh/01-good.nns", replace(kGood, "# Layer one", "# 第一层"));
    Sess s;
    sess_open(&s);
    sess_run(&s, "lesson lang zh");
    sess_run(&s, "lesson");
    const char *t = sess_text(&s);
    assert_has(t, "课程：\n    1  第一层\n    2  Second\n");
    sess_reset(&s);
    sess_run(&s, "lesson 2");
    assert_has(sess_text(&s), "== 第 2 课：Second ==\nOnly in English.\n");
    sess_reset(&s);
    sess_run(&s, "lesson auto 1");
    assert_has(sess_text(&s), "== 第 1 课：第一层 ==");
    assert_has(sess_text(&s), "auto: lesson 1 ok");
    sess_close(&s);
    /* LANG chooses when `lesson lang` was not used */
    setenv("LANG", "zh_CN.UTF-8", 1);
    sess_open(&s);
    sess_run(&s, "lesson 1");
    assert_has(sess_text(&s), "== 第 1 课：第一层 ==");
    sess_close(&s);
    setenv("LANG", "C.UTF-8", 1);
    char p[512];
    snprintf(p, sizeof p, "%s/02-two.nns", g_dir);
    unlink(p);
}

static void test_progress_format(void **state) {
    (void)state;
    Progress p = {0};
    assert_int_equal(progress_parse("# nnsh progress 1\n"
                                    "lesson 3 of=5 passed=1,2,4 ended\n"
                                    "exercise 2 of=1 passed=-\n",
                                    &p),
                     0);
    assert_int_equal(p.n, 2);
    assert_false(p.v[0].exercise);
    assert_int_equal(p.v[0].number, 3);
    assert_int_equal(progress_count(&p.v[0]), 3);
    assert_true(p.v[0].ended);
    assert_true(p.v[1].exercise);
    assert_int_equal(progress_count(&p.v[1]), 0);
    char *text = progress_format(&p);
    assert_string_equal(text, "# nnsh progress 1\n"
                              "lesson 3 of=5 passed=1,2,4 ended\n"
                              "exercise 2 of=1 passed=-\n");
    free(text);
    /* damaged: the line number of the first bad line */
    assert_int_equal(progress_parse("", &p), 1);
    assert_int_equal(progress_parse("lesson 1 of=1 passed=1\n", &p), 1);
    assert_int_equal(progress_parse("# nnsh progress 1\nlesson 1 of=1 passed=2\n", &p), 2);
    assert_int_equal(progress_parse("# nnsh progress 1\nlesson x\n", &p), 2);
    assert_int_equal(progress_parse("# nnsh progress 1\nlesson 1 of=40 passed=1\n", &p), 2);
    assert_int_equal(progress_parse("# nnsh progress 1\nlesson 1 of=2 passed=1\n"
                                    "lesson 1 of=2 passed=2\n",
                                    &p),
                     3);
}

/* A person's progress is saved as they pass exercises and end lessons,
 * and the listing shows it; a damaged file is set aside, never fatal. */
static void test_progress_file(void **state) {
    (void)state;
    put("01-good.nns", kGood);
    put("exercises/01-ex.nns", "# An exercise\n# exercise: Set v to 2.\n# wrong: v = 3\n"
                               "# wrong: v = 2.0\nv = 2  # solution\ncheck matches(v, 1 + 1)\n");
    setenv("NNSH_PROGRESS", g_progress, 1);
    static const char *const lines[] = {"lesson 1",
                                        "A1 = np.dot(X, W1) + B1",
                                        "Z1 = sigmoid(A1)",
                                        "check",
                                        "lesson e1",
                                        "v = 2.0",
                                        "check",
                                        "lesson",
                                        NULL};
    Sess s;
    type_lines(&s, lines);
    const char *t = sess_text(&s);
    assert_has(t, "v has dtype float64, expected int64");
    /* the listing: lesson 1 done, exercise e1 begun and waiting */
    assert_has(t, "Lessons:\n    1  Layer one    done\n");
    assert_has(t, "Shape-debugging exercises:\n   e1  An exercise  begun\n");
    assert_has(t, "An exercise is waiting");
    sess_close(&s);
    const char *f = read_all(g_progress);
    assert_non_null(f);
    assert_string_equal(f, "# nnsh progress 1\nlesson 1 of=1 passed=1 ended\n"
                           "exercise 1 of=1 passed=-\n");
    /* damage it: the next listing sets it aside and says so */
    write_file(g_progress, "# nnsh progress 1\nlesson one\n");
    sess_open(&s);
    sess_run(&s, "lesson");
    t = sess_text(&s);
    assert_has(t, "was damaged (line 2); it is set aside as");
    assert_has(t, "    1  Layer one\n");
    sess_close(&s);
    char aside[400];
    snprintf(aside, sizeof aside, "%s.damaged", g_progress);
    assert_int_equal(access(aside, F_OK), 0);
    assert_int_not_equal(access(g_progress, F_OK), 0);
    setenv("NNSH_PROGRESS", "", 1);
}

static void test_matches(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "a = np.array([1.0, 2.0])");
    static const struct {
        const char *src, *want;
    } cases[] = {
        {"matches(a, [1.0, 2.0])", "True"},
        {"matches(a, [1.0, 2.000001])", "True"},       /* within allclose */
        {"matches(a, [1.0, 2.1])", "False"},           /* values */
        {"matches(a, [[1.0, 2.0]])", "False"},         /* shape, no broadcasting */
        {"matches(a, np.array([1, 2]))", "False"},     /* dtype */
        {"matches(a.astype(np.float32), a)", "False"}, /* dtype */
        {"matches(3, np.int64(3))", "True"},
        {"matches((2, 3), (2, 3))", "True"},
        {"matches((2, 3), (3, 2))", "False"},
        {"matches('a', 'a')", "True"},
        {"matches(np.array([np.nan]), np.array([np.nan]))", "True"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sess_reset(&s);
        char src[200];
        snprintf(src, sizeof src, "print(%s)", cases[i].src);
        sess_run(&s, src);
        char want[16];
        snprintf(want, sizeof want, "%s\n", cases[i].want);
        if (strcmp(sess_text(&s), want) != 0)
            fail_msg("%s printed %s, want %s", cases[i].src, sess_text(&s), cases[i].want);
    }
    sess_reset(&s);
    sess_run(&s, "check matches(a, [[1.0, 2.0]])");
    assert_has(sess_text(&s), "(a has shape (2,), expected (1, 2))");
    sess_reset(&s);
    sess_run(&s, "check matches(a, [1.0, 3.0])");
    assert_has(sess_text(&s), "a is [1. 2.], expected [1. 3.]; 1 of 2 elements differ; largest "
                              "difference 1");
    sess_close(&s);
}

/* Chinese prose has no spaces: it wraps between characters at the
 * terminal's width (a CJK character takes two columns), and no line
 * starts with a comma or a full stop. */
static void test_chinese_prose_wraps(void **state) {
    (void)state;
    put("zh/05-wrap.nns",
        "# 换行\n"
        "# 这一段中文没有空格，所以必须在汉字之间断开，而且逗号和句号不能出现在行首。\n"
        "x = 1\n");
    put("05-wrap.nns", "# Wrap\nx = 1\n");
    setenv("COLUMNS", "40", 1);
    Sess s;
    sess_open(&s);
    sess_run(&s, "lesson lang zh");
    sess_run(&s, "lesson 5");
    const char *t = sess_text(&s);
    /* two lines of at most 40 columns, broken between characters */
    assert_has(t, "这一段中文没有空格，所以必须在汉字之间断\n开，而且逗号和句号不能出现在行首。\n");
    for (const char *line = t; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        if (str_display_width_n(line, n) > 40)
            fail_msg("wider than 40 columns: %.*s", (int)n, line);
        if (strncmp(line, "，", strlen("，")) == 0 || strncmp(line, "。", strlen("。")) == 0)
            fail_msg("a line starts with punctuation: %.*s", (int)n, line);
    }
    sess_close(&s);
    setenv("COLUMNS", "80", 1);
}

static void test_lesson_files_by_name(void **state) {
    (void)state;
    put("03-arrays.nns", "# Arrays\nx = 1\n");
    put("04-untitled.nns", "x = 1\n");
    put("notes.nns", "# Notes\n");
    char p[512];
    snprintf(p, sizeof p, "%s/03-arrays.nns", g_dir);
    assert_true(lessonfile_looks_like(p));
    snprintf(p, sizeof p, "%s/04-untitled.nns", g_dir);
    assert_false(lessonfile_looks_like(p));
    snprintf(p, sizeof p, "%s/notes.nns", g_dir);
    assert_false(lessonfile_looks_like(p));
    assert_true(lessonfile_id_ok("3"));
    assert_true(lessonfile_id_ok("e12"));
    assert_false(lessonfile_id_ok("e"));
    assert_false(lessonfile_id_ok("3a"));
    assert_false(lessonfile_id_ok("-1"));
    /* a lesson file named in `lesson "PATH"` plays with its narration */
    Sess s;
    sess_open(&s);
    snprintf(p, sizeof p, "lesson \"%s/03-arrays.nns\"", g_dir);
    sess_run(&s, p);
    assert_has(sess_text(&s), "== lesson 3: Arrays ==\nnnsh> x = 1\n");
    sess_close(&s);
    snprintf(p, sizeof p, "%s/03-arrays.nns", g_dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/04-untitled.nns", g_dir);
    unlink(p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exercise_needs_every_check),
        cmocka_unit_test(test_leftovers_do_not_pass),
        cmocka_unit_test(test_auto_verifies_exercises),
        cmocka_unit_test(test_chinese_and_fallback),
        cmocka_unit_test(test_progress_format),
        cmocka_unit_test(test_progress_file),
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_chinese_prose_wraps),
        cmocka_unit_test(test_lesson_files_by_name),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
