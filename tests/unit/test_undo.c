/* test_undo.c - `undo` puts the variables back as they were before the
 * last statement that changed them: bindings and values changed in place
 * (aliases stay aliases), several levels, within the undo budget; a
 * statement that changes nothing (a failing one) leaves no level; sessions
 * leak nothing. The expected values are written by hand from Python's
 * semantics (a = b; a[0] = 5 changes b; L.append changes every name of L). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sess.h"
#include "undo.h"
#include "vars.h"

static const Value *var(Sess *s, const char *name) {
    return vars_get(interp_vars(s->in), name);
}

/* element i of array variable `name` */
static double elem(Sess *s, const char *name, int64_t i) {
    const Value *v = var(s, name);
    assert_non_null(v);
    assert_int_equal(v->kind, V_ARRAY);
    return arr_get(v->arr, i);
}

/* run src, which must fail */
static void run_fails(Sess *s, const char *src) {
    assert_int_equal(interp_run(s->in, src, "<test>", 1), RUN_ERROR);
}

/* run `undo` and return what it printed */
static const char *undo(Sess *s) {
    sess_reset(s);
    sess_run(s, "undo");
    return sess_text(s);
}

static void test_levels_go_back_one_at_a_time(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "a = 1");
    sess_run(&s, "a = 2");
    sess_run(&s, "b = 'text'");
    sess_run(&s, "a = 3");
    assert_int_equal(undo_levels(s.in), 4);
    assert_string_equal(undo(&s), "undo: restored a\n");
    assert_int_equal(elem(&s, "a", 0), 2);
    assert_string_equal(undo(&s), "undo: removed b\n");
    assert_null(var(&s, "b"));
    assert_string_equal(undo(&s), "undo: restored a\n");
    assert_int_equal(elem(&s, "a", 0), 1);
    assert_string_equal(undo(&s), "undo: removed a\n");
    assert_null(var(&s, "a"));
    assert_string_equal(undo(&s), "undo: nothing to undo\n");
    sess_close(&s);
}

/* A Python int updated in place by the interpreter's fast paths (t += 5,
 * a for loop's counter) is still a change undo takes back. */
static void test_counters_in_place(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "t = 10");
    sess_run(&s, "t += 5");
    assert_int_equal(elem(&s, "t", 0), 15);
    assert_string_equal(undo(&s), "undo: restored t\n");
    assert_int_equal(elem(&s, "t", 0), 10);
    sess_run(&s, "total = 0");
    sess_run(&s, "for i in range(5): total += i");
    assert_int_equal(elem(&s, "total", 0), 10);
    assert_string_equal(undo(&s), "undo: restored total; removed i\n");
    assert_int_equal(elem(&s, "total", 0), 0);
    /* the counter again, in a second loop over a name that exists */
    sess_run(&s, "i = 100");
    sess_run(&s, "for i in range(3): pass");
    assert_int_equal(elem(&s, "i", 0), 2);
    assert_string_equal(undo(&s), "undo: restored i\n");
    assert_int_equal(elem(&s, "i", 0), 100);
    sess_close(&s);
}

/* a = b; a[0] = 5 changes b too; undo changes both back, and they are
 * still one array (a[1] = 7 afterwards shows in b). */
static void test_alias_restored_in_place(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "b = np.zeros(3)\na = b\na[0] = 5");
    assert_int_equal(elem(&s, "b", 0), 5);
    assert_string_equal(undo(&s), "undo: restored b, a\n");
    assert_int_equal(elem(&s, "a", 0), 0);
    assert_int_equal(elem(&s, "b", 0), 0);
    assert_ptr_equal(var(&s, "a"), var(&s, "b"));
    sess_run(&s, "a[1] = 7");
    assert_int_equal(elem(&s, "b", 1), 7);
    /* an item assigned with an operator, and several in one statement */
    sess_run(&s, "a[2] += 4; a[0], a[1] = 8, 9");
    assert_int_equal(elem(&s, "b", 2), 4);
    undo(&s);
    assert_int_equal(elem(&s, "b", 0), 0);
    assert_int_equal(elem(&s, "b", 1), 7);
    assert_int_equal(elem(&s, "b", 2), 4);
    undo(&s);
    assert_int_equal(elem(&s, "b", 2), 0);
    sess_close(&s);
}

static void test_list_methods(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "L = [1, 2]\nM = L");
    sess_run(&s, "M.append(3)");
    sess_run(&s, "L.extend([4, 5])");
    sess_run(&s, "x = M.pop()");
    assert_int_equal(var(&s, "L")->n, 4);
    assert_string_equal(undo(&s), "undo: restored L, M; removed x\n");
    assert_int_equal(var(&s, "L")->n, 5);
    undo(&s);
    assert_int_equal(var(&s, "M")->n, 3);
    undo(&s);
    assert_int_equal(var(&s, "L")->n, 2);
    assert_ptr_equal(var(&s, "L"), var(&s, "M"));
    sess_run(&s, "L[0] = 'one'");
    assert_int_equal(var(&s, "M")->items[0]->kind, V_STR);
    undo(&s);
    assert_int_equal(var(&s, "M")->items[0]->kind, V_ARRAY);
    /* a loop is one statement: one undo takes back all its passes */
    sess_run(&s, "for i in range(100): L.append(i)\n");
    assert_int_equal(var(&s, "M")->n, 102);
    assert_string_equal(undo(&s), "undo: restored L, M; removed i\n");
    assert_int_equal(var(&s, "M")->n, 2);
    assert_null(var(&s, "i"));
    sess_close(&s);
}

static void test_dict_items(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "d = {'W1': np.ones(2)}\ne = d");
    const Value *w1 = val_dict_get(var(&s, "d"), "W1");
    sess_run(&s, "d['W1'] = np.zeros(2)");
    sess_run(&s, "e['b1'] = 3");
    assert_int_equal(var(&s, "d")->n, 2);
    assert_string_equal(undo(&s), "undo: restored d, e\n");
    assert_int_equal(var(&s, "d")->n, 1);
    undo(&s);
    assert_ptr_equal(val_dict_get(var(&s, "d"), "W1"), w1);
    assert_int_equal(arr_get(w1->arr, 0), 1);
    /* an array taken out of the dict is the dict's own */
    sess_run(&s, "W = d['W1']");
    sess_run(&s, "W[1] = 9");
    assert_int_equal(arr_get(val_dict_get(var(&s, "d"), "W1")->arr, 1), 9);
    assert_string_equal(undo(&s), "undo: restored d, e, W\n");
    assert_int_equal(arr_get(val_dict_get(var(&s, "d"), "W1")->arr, 1), 1);
    sess_close(&s);
}

static void test_del_and_clear(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "example");
    const Value *w1 = var(&s, "W1");
    sess_run(&s, "del W1 B2");
    assert_null(var(&s, "W1"));
    assert_string_equal(undo(&s), "undo: restored W1, B2\n");
    assert_ptr_equal(var(&s, "W1"), w1);
    /* back in their places */
    assert_string_equal(vars_name_at(interp_vars(s.in), 1), "W1");
    assert_string_equal(vars_name_at(interp_vars(s.in), 4), "B2");
    uint64_t stamp_x = vars_stamp(interp_vars(s.in), "X");
    uint64_t stamp_b3 = vars_stamp(interp_vars(s.in), "B3");
    assert_true(stamp_x < stamp_b3);
    sess_reset(&s);
    sess_run(&s, "clear");
    assert_string_equal(sess_text(&s), "removed 7 variables: X W1 B1 W2 B2 W3 B3 (undo brings "
                                       "them back)\n");
    assert_int_equal(vars_count(interp_vars(s.in)), 0);
    assert_string_equal(undo(&s), "undo: restored X, W1, B1, W2, B2, W3, B3\n");
    assert_int_equal(vars_count(interp_vars(s.in)), 7);
    assert_ptr_equal(var(&s, "W1"), w1);
    const char *order[] = {"X", "W1", "B1", "W2", "B2", "W3", "B3"};
    for (int i = 0; i < 7; i++)
        assert_string_equal(vars_name_at(interp_vars(s.in), i), order[i]);
    /* bound when they were (net.c finds the network loaded last by it) */
    assert_int_equal(vars_stamp(interp_vars(s.in), "X"), stamp_x);
    assert_int_equal(vars_stamp(interp_vars(s.in), "B3"), stamp_b3);
    /* the network runs as before */
    sess_reset(&s);
    sess_run(&s, "np.dot(X, W1) + B1");
    assert_string_equal(sess_text(&s), "[0.3 0.7 1.1]\n");
    sess_close(&s);
}

/* x = x, a comprehension's name put back, a function's own array: nothing
 * a variable can see changed, so no level. */
static void test_no_change_no_level(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "x = np.arange(4)\ni = 7");
    int before = undo_levels(s.in);
    sess_run(&s, "x = x");
    sess_run(&s, "[i * 2 for i in range(3)]");
    sess_run(&s, "x[0] = 0");
    sess_run(&s, "def f(n):\n    y = np.zeros(n)\n    y[0] = 1\n    return y.sum()\n");
    before = undo_levels(s.in); /* the def is a change */
    sess_run(&s, "f(1000)");
    sess_run(&s, "print(x)");
    assert_int_equal(undo_levels(s.in), before);
    /* a function changing a global's contents is a change */
    sess_run(&s, "def g():\n    x[1] = 50\n");
    sess_run(&s, "g()");
    assert_int_equal(elem(&s, "x", 1), 50);
    assert_string_equal(undo(&s), "undo: restored x\n");
    assert_int_equal(elem(&s, "x", 1), 1);
    sess_close(&s);
}

/* A statement that fails changes nothing and leaves no level: undo then
 * takes back the statement before it. */
static void test_failing_statement_leaves_no_level(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "example\nL = [1]\nd = {'a': 1}\nA1 = np.dot(X, W1)");
    int before = undo_levels(s.in);
    run_fails(&s, "A2 = np.dot(A1, W1)");
    run_fails(&s, "X[5] = 1");
    run_fails(&s, "X[0], X[9] = 1, 2");
    run_fails(&s, "L[3] = 0");
    run_fails(&s, "d[1] = 0");
    run_fails(&s, "q = undefined_name");
    run_fails(&s, "L.extend(3)");
    run_fails(&s, "W1 += np.ones(5)");
    run_fails(&s, "del nothing_here");
    run_fails(&s, "undo X");
    assert_int_equal(undo_levels(s.in), before);
    assert_int_equal(elem(&s, "X", 0), 1);
    assert_string_equal(undo(&s), "undo: removed A1\n");
    sess_close(&s);
}

static void test_undo_inside_a_block_refused(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    sess_run(&s, "a = 1");
    run_fails(&s, "for i in range(2):\n    undo\n");
    assert_has(sess_text(&s), "type it on a line of its own");
    /* the loop bound i before it stopped: that is its level */
    assert_string_equal(undo(&s), "undo: removed i\n");
    assert_string_equal(undo(&s), "undo: removed a\n");
    sess_close(&s);
}

static void test_at_most_twenty_levels(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    for (int i = 0; i < UNDO_LEVELS + 5; i++) {
        char line[32];
        snprintf(line, sizeof line, "n = %d", i);
        sess_run(&s, line);
    }
    assert_int_equal(undo_levels(s.in), UNDO_LEVELS);
    for (int i = 0; i < UNDO_LEVELS; i++)
        undo(&s);
    assert_int_equal(elem(&s, "n", 0), 4);
    assert_has(undo(&s), "nothing more to undo (only the last 20 statements");
    sess_close(&s);
}

/* The copies count against the budget: older levels give way, and a
 * statement whose copy alone is past it keeps no level. */
static void test_budget(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    undo_set_budget(s.in, 200000);
    assert_int_equal(undo_budget(s.in), 200000);
    sess_run(&s, "x = np.zeros(10000)\ny = np.zeros(10000)"); /* 80,000 bytes each */
    sess_run(&s, "x[0] = 1");                                 /* a copy of x: 80,000 */
    sess_run(&s, "y[0] = 2");                                 /* 160,000 */
    assert_int_equal(undo_levels(s.in), 4);
    /* 240,000: the oldest levels give way, up to the copy x[0] = 1 made */
    sess_run(&s, "x[1] = 3");
    assert_int_equal(undo_levels(s.in), 2);
    assert_string_equal(undo(&s), "undo: restored x\n");
    assert_string_equal(undo(&s), "undo: restored y\n");
    assert_int_equal(elem(&s, "x", 1), 0);
    assert_int_equal(elem(&s, "y", 0), 0);
    assert_has(undo(&s), "nothing more to undo: older statements were let go");
    assert_int_equal(elem(&s, "x", 0), 1);
    /* one statement past the budget keeps no level, and undo says why */
    sess_run(&s, "z = np.zeros(30000)");
    sess_run(&s, "z[0] = 1");
    assert_int_equal(undo_levels(s.in), 0);
    const char *t = undo(&s);
    assert_has(t, "cannot go back past `z[0] = 1`");
    assert_has(t, "taking it back needs 234.4 KiB");
    assert_int_equal(elem(&s, "z", 0), 1);
    /* old values only undo still holds count too: rebinding z to a new
     * array would keep 240,000 bytes alive */
    sess_run(&s, "z = 0");
    assert_int_equal(undo_levels(s.in), 0);
    undo_set_budget(s.in, 0);
    assert_true(undo_budget(s.in) <= (int64_t)256 << 20);
    sess_close(&s);
}

/* The same copy is made once a level, however often the loop writes. */
static void test_loop_copies_once(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    undo_set_budget(s.in, 100000);
    sess_run(&s, "x = np.zeros(10000)\ns = 0"); /* 80,000 bytes */
    sess_run(&s, "for i in range(10000):\n    x[i] = i\n    s += i\n");
    assert_int_equal(undo_levels(s.in), 3);
    assert_int_equal(elem(&s, "x", 9999), 9999);
    assert_string_equal(undo(&s), "undo: restored s, x; removed i\n");
    assert_int_equal(elem(&s, "x", 9999), 0);
    assert_int_equal(elem(&s, "s", 0), 0);
    sess_close(&s);
}

/* Sessions leak nothing: every array made, copied for undo or kept by a
 * level is freed with its session (LeakSanitizer and valgrind check the
 * rest). */
static void test_hundred_sessions(void **state) {
    (void)state;
    int64_t base = arr_mem_in_use();
    for (int k = 0; k < 100; k++) {
        Sess s;
        sess_open(&s);
        sess_run(&s, "example\na = np.ones((20, 20))\nb = a\nL = [a, 1]\nd = {'L': L}");
        sess_run(&s, "a[0] = 3\nL.append(b)\nd['x'] = 2\ndel b\nclear\nundo\nundo");
        if (k % 2) sess_run(&s, "undo\nundo\nundo");
        assert_true(arr_mem_in_use() > base);
        sess_close(&s);
        assert_int_equal(arr_mem_in_use(), base);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels_go_back_one_at_a_time),
        cmocka_unit_test(test_counters_in_place),
        cmocka_unit_test(test_alias_restored_in_place),
        cmocka_unit_test(test_list_methods),
        cmocka_unit_test(test_dict_items),
        cmocka_unit_test(test_del_and_clear),
        cmocka_unit_test(test_no_change_no_level),
        cmocka_unit_test(test_failing_statement_leaves_no_level),
        cmocka_unit_test(test_undo_inside_a_block_refused),
        cmocka_unit_test(test_at_most_twenty_levels),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_loop_copies_once),
        cmocka_unit_test(test_hundred_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
