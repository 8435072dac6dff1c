/* test_registry.c - the registry below the evaluator: lookup, precedence,
 * the hash index, array methods; and the promise that `shapes` and the
 * evaluator agree, checked on the example line of every built-in that has a
 * shape rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "init.h"
#include "interp.h"
#include "registry.h"
#include "vars.h"

static Value *f_one(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    (void)a;
    return builtin_wrap(arr_scalar_i64(1, e), e);
}

static Value *f_two(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    (void)a;
    return builtin_wrap(arr_scalar_i64(2, e), e);
}

static const Builtin kFirst[] = {
    {"twice", "t", NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, f_one, NULL, SHAPE_SCALAR},
    {"random.x", "t", NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, f_one, NULL, SHAPE_SCALAR},
    {NULL},
};
static const Builtin kSecond[] = {
    {"twice", "t", NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, f_two, NULL, SHAPE_SCALAR},
    {"only2", "t", NULL, NULL, NULL, NULL, NULL, 1, 2, "axis", f_two, NULL, SHAPE_SCALAR},
    {NULL},
};

/* The first table added wins a name; np. and numpy. prefixes are ignored;
 * iteration lists every entry of every table in order. */
static void test_lookup_and_precedence(void **state) {
    (void)state;
    Registry *r = reg_new();
    assert_non_null(r);
    assert_null(reg_find(r, "twice"));
    assert_true(reg_add(r, kFirst));
    assert_true(reg_add(r, kSecond));
    assert_ptr_equal(reg_find(r, "twice"), &kFirst[0]);
    assert_ptr_equal(reg_find(r, "np.twice"), &kFirst[0]);
    assert_ptr_equal(reg_find(r, "numpy.random.x"), &kFirst[1]);
    assert_ptr_equal(reg_find(r, "only2"), &kSecond[1]);
    assert_null(reg_find(r, "twic"));
    assert_null(reg_find(r, "np."));
    assert_int_equal(reg_count(r), 4);
    assert_ptr_equal(reg_at(r, 2), &kSecond[0]);
    assert_null(reg_at(r, 4));
    assert_null(reg_at(r, -1));
    assert_null(reg_method(r, "twice")); /* methods are a separate kind */
    assert_true(reg_add_methods(r, kSecond));
    assert_ptr_equal(reg_method(r, "twice"), &kSecond[0]);
    assert_int_equal(reg_method_count(r), 2);
    reg_free(r);
}

/* The index grows past its first size and still finds every name. */
static void test_many_names(void **state) {
    (void)state;
    enum { N = 700 };
    static char names[N][16];
    static Builtin big[N + 1];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "fn%d", i);
        big[i] = (Builtin){names[i], "t", NULL, NULL,  NULL, NULL,      NULL,
                           0,        0,   NULL, f_one, NULL, SHAPE_NONE};
    }
    big[N] = (Builtin){NULL};
    Registry *r = reg_new();
    assert_true(reg_add(r, kFirst));
    assert_true(reg_add(r, big));
    for (int i = 0; i < N; i++)
        assert_ptr_equal(reg_find(r, names[i]), &big[i]);
    assert_ptr_equal(reg_find(r, "twice"), &kFirst[0]);
    assert_null(reg_find(r, "fn700"));
    assert_int_equal(reg_count(r), N + 2);
    reg_free(r);
}

/* Arity and keywords are checked against the entry. */
static void test_check_call(void **state) {
    (void)state;
    Node call;
    memset(&call, 0, sizeof call);
    call.span.line = 1;
    Err e;
    err_clear(&e);
    const char *kw[] = {"axis", "keepdims"};
    assert_true(builtin_check_call(&kSecond[1], 1, kw, 1, &call, &e));
    assert_false(builtin_check_call(&kSecond[1], 0, NULL, 0, &call, &e));
    assert_non_null(strstr(e.msg, "takes at least 1 argument but 0 were given"));
    err_clear(&e);
    assert_false(builtin_check_call(&kSecond[1], 3, NULL, 0, &call, &e));
    assert_non_null(strstr(e.msg, "takes at most 2 arguments but 3 were given"));
    err_clear(&e);
    assert_false(builtin_check_call(&kSecond[1], 1, kw, 2, &call, &e));
    assert_non_null(strstr(e.msg, "unexpected keyword argument 'keepdims'"));
}

/* --- shapes and the evaluator agree ------------------------------------------ */

typedef struct Sess {
    Interp *in;
    FILE *out;
    char *buf;
    size_t len;
} Sess;

static void sess_open(Sess *s) {
    memset(s, 0, sizeof *s);
    s->out = open_memstream(&s->buf, &s->len);
    assert_non_null(s->out);
    s->in = nnsh_new(s->out, s->out);
    assert_non_null(s->in);
    assert_int_equal(
        interp_run(s->in,
                   "example; A1 = dot X W1 + B1; A3 = A1[0:2]; Y = np.array([0.3, 2.9, 4.0]);"
                   "np.random.seed(0)",
                   "<setup>", 1),
        RUN_OK);
}

static void sess_close(Sess *s) {
    interp_free(s->in);
    fclose(s->out);
    free(s->buf);
}

/* The shape `shapes` predicts for `r = LINE`, written as "(2, 3)" into
 * want; false when it says it cannot predict. */
static bool predicted(Sess *s, const char *line, char *want, size_t cap) {
    char src[256];
    snprintf(src, sizeof src, "shapes r = %s", line);
    fflush(s->out);
    size_t mark = s->len;
    RunStatus st = interp_run(s->in, src, "<shapes>", 1);
    fflush(s->out);
    const char *text = s->buf + mark;
    const char *at = strstr(text, "] r = ");
    if (st != RUN_OK || !at) return false;
    at += 6;
    size_t n = strcspn(at, "\n");
    snprintf(want, cap, "%.*s", (int)n, at);
    return true;
}

static void shape_text(const Value *v, char *buf, size_t cap) {
    assert_int_equal(v->kind, V_ARRAY);
    size_t len = (size_t)snprintf(buf, cap, "(");
    for (int i = 0; i < v->arr->ndim; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%lld", i ? ", " : "",
                                (long long)v->arr->shape[i]);
    snprintf(buf + len, cap - len, "%s)", v->arr->ndim == 1 ? "," : "");
}

static void check_agrees(Sess *s, const Builtin *b, bool method, int *checked) {
    if (!b->fn || !b->example || b->shape == SHAPE_NONE || b->shape == SHAPE_NOVALUE) return;
    char want[64], got[64], src[256];
    if (!predicted(s, b->example, want, sizeof want)) {
        fprintf(stderr, "shapes cannot predict %s's example: %s\n", b->name, b->example);
        fail();
    }
    snprintf(src, sizeof src, "r = %s", b->example);
    if (interp_run(s->in, src, "<run>", 1) != RUN_OK) {
        fprintf(stderr, "%s's example fails: %s\n", b->name, b->example);
        fail();
    }
    shape_text(vars_get(interp_vars(s->in), "r"), got, sizeof got);
    if (strcmp(want, got) != 0)
        fprintf(stderr, "%s%s: shapes says %s, running gives %s\n", method ? "method " : "",
                b->name, want, got);
    assert_string_equal(want, got);
    (*checked)++;
}

static void test_shapes_agree_with_evaluator(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    interp_set_echo(s.in, false);
    const Registry *reg = interp_registry(s.in);
    int checked = 0;
    for (int i = 0; i < reg_count(reg); i++)
        check_agrees(&s, reg_at(reg, i), false, &checked);
    for (int i = 0; i < reg_method_count(reg); i++)
        check_agrees(&s, reg_method_at(reg, i), true, &checked);
    /* every method, and most functions, have a rule */
    assert_true(checked >= 40);
    sess_close(&s);
}

/* A name shapes does not know is one the evaluator does not know either. */
static void test_shapes_refuses_unknown(void **state) {
    (void)state;
    Sess s;
    sess_open(&s);
    char want[64];
    assert_false(predicted(&s, "np.negative(X)", want, sizeof want));
    assert_false(predicted(&s, "X.nosuch()", want, sizeof want));
    assert_int_equal(interp_run(s.in, "r = np.negative(X)", "<run>", 1), RUN_ERROR);
    assert_int_equal(interp_run(s.in, "r = X.nosuch()", "<run>", 1), RUN_ERROR);
    assert_true(predicted(&s, "X.ravel()", want, sizeof want));
    assert_string_equal(want, "(2,)");
    sess_close(&s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_and_precedence),
        cmocka_unit_test(test_many_names),
        cmocka_unit_test(test_check_call),
        cmocka_unit_test(test_shapes_agree_with_evaluator),
        cmocka_unit_test(test_shapes_refuses_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
