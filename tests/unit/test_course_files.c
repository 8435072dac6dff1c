/* test_course_files.c - the course as shipped in lessons/: seven lessons
 * and at least twelve exercises, each with a Chinese twin under lessons/zh/
 * that has the same code, answers, wrong answers and checks in the same
 * order (only the words differ), and the same exercises and hints in the
 * same places. Run from the top of the source tree (as make test does). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lessonfile.h"

/* Does item kind k hold code that must be the same in both languages? */
static bool is_code(LessonKind k) {
    return k == LK_CODE || k == LK_SOLUTION || k == LK_TRY || k == LK_WRONG || k == LK_CHECK;
}

/* Does kind k mark the structure (same count and place in both)? */
static bool is_mark(LessonKind k) {
    return is_code(k) || k == LK_EXERCISE || k == LK_HINT || k == LK_PAUSE;
}

/* Compare the English file with its Chinese twin; a message in why when
 * they differ. */
static bool twins(const char *en_path, const char *zh_path, char *why, size_t cap) {
    Err e;
    err_clear(&e);
    LessonScript *a = lessonfile_read(en_path, &e);
    LessonScript *b = a ? lessonfile_read(zh_path, &e) : NULL;
    bool ok = a && b;
    if (!ok) snprintf(why, cap, "%s", e.msg);
    int i = 0, j = 0;
    while (ok) {
        while (i < a->nitems && !is_mark(a->items[i].kind))
            i++;
        while (j < b->nitems && !is_mark(b->items[j].kind))
            j++;
        if (i == a->nitems || j == b->nitems) {
            if (i != a->nitems || j != b->nitems) {
                snprintf(why, cap, "%s has more items than its twin (line %d / %d)",
                         i < a->nitems ? en_path : zh_path, i < a->nitems ? a->items[i].line : 0,
                         j < b->nitems ? b->items[j].line : 0);
                ok = false;
            }
            break;
        }
        const LessonItem *x = &a->items[i], *y = &b->items[j];
        if (x->kind != y->kind) {
            snprintf(why, cap, "line %d of %s and line %d of %s are different kinds of line",
                     x->line, en_path, y->line, zh_path);
            ok = false;
        } else if (is_code(x->kind) && strcmp(x->text, y->text) != 0) {
            snprintf(why, cap, "line %d of %s differs from line %d of %s:\n  %s\n  %s", x->line,
                     en_path, y->line, zh_path, x->text, y->text);
            ok = false;
        }
        i++;
        j++;
    }
    if (ok && a->needs_mnist != b->needs_mnist) {
        snprintf(why, cap, "only one of %s and %s says `# needs: mnist`", en_path, zh_path);
        ok = false;
    }
    lessonfile_free(a);
    lessonfile_free(b);
    return ok;
}

static void check_dir(const char *en_dir, const char *zh_dir, int at_least) {
    LessonInfo *v;
    Err e;
    err_clear(&e);
    int n = lessonfile_scan(en_dir, &v, &e);
    if (n < at_least) {
        lessonfile_infos_free(v, n > 0 ? n : 0);
        fail_msg("%s has %d lessons, at least %d are needed", en_dir, n, at_least);
    }
    for (int i = 0; i < n; i++) {
        const char *base = strrchr(v[i].path, '/') + 1;
        char zh[1024], why[2048];
        snprintf(zh, sizeof zh, "%s/%s", zh_dir, base);
        if (!twins(v[i].path, zh, why, sizeof why)) {
            lessonfile_infos_free(v, n);
            fail_msg("%s", why);
        }
        /* a different title in Chinese: it was translated */
        LessonScript *a = lessonfile_read(v[i].path, &e), *b = lessonfile_read(zh, &e);
        assert_non_null(a);
        assert_non_null(b);
        bool same_title = strcmp(a->title, b->title) == 0;
        bool none = a->nexercises < 1;
        lessonfile_free(a);
        lessonfile_free(b);
        if (same_title || none) {
            char path[1024];
            snprintf(path, sizeof path, "%s", v[i].path);
            lessonfile_infos_free(v, n);
            if (same_title) fail_msg("%s: the title is not translated", zh);
            fail_msg("%s has no exercise", path);
        }
    }
    lessonfile_infos_free(v, n);
}

static void test_lessons_have_twins(void **state) {
    (void)state;
    check_dir("lessons", "lessons/zh", 7);
}

static void test_exercises_have_twins(void **state) {
    (void)state;
    check_dir("lessons/exercises", "lessons/zh/exercises", 12);
}

/* The comparison itself must be able to fail. */
static void test_twins_can_differ(void **state) {
    (void)state;
    char dir[] = "/tmp/nnsh_test_twins_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char a[256], b[256], why[2048];
    snprintf(a, sizeof a, "%s/a.nns", dir);
    snprintf(b, sizeof b, "%s/b.nns", dir);
    FILE *f = fopen(a, "w");
    fputs("# Title\n# words\nx = 1\n# exercise: do it\n# hint: h\n# wrong: y = 0\n"
          "# wrong: y = 2\ny = 1  # solution\ncheck matches(y, x)\n",
          f);
    fclose(f);
    f = fopen(b, "w");
    fputs("# 标题\n# 说明\n# 更多说明\nx = 1\n# exercise: 做\n# hint: 提示\n# wrong: y = 0\n"
          "# wrong: y = 2\ny = 1  # solution\ncheck matches(y, x)\n",
          f);
    fclose(f);
    assert_true(twins(a, b, why, sizeof why)); /* more narration is fine */
    f = fopen(b, "w");
    fputs("# 标题\nx = 1\n# exercise: 做\n# wrong: y = 0\n# wrong: y = 2\n"
          "y = 1  # solution\ncheck matches(y, x)\n",
          f);
    fclose(f);
    assert_false(twins(a, b, why, sizeof why)); /* a hint missing */
    f = fopen(b, "w");
    fputs("# 标题\nx = 2\n# exercise: 做\n# hint: h\n# wrong: y = 0\n# wrong: y = 2\n"
          "y = 1  # solution\ncheck matches(y, x)\n",
          f);
    fclose(f);
    assert_false(twins(a, b, why, sizeof why)); /* other code */
    assert_non_null(strstr(why, "x = 2"));
    unlink(a);
    unlink(b);
    rmdir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_twins_can_differ),
        cmocka_unit_test(test_lessons_have_twins),
        cmocka_unit_test(test_exercises_have_twins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
