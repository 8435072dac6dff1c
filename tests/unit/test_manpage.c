/* test_manpage.c - the manual page of `nnsh --man`: roff escaping (a '.'
 * or '\'' that starts a line, backslashes, hyphens, UTF-8), every built-in
 * and help topic of the real session on the page in its section, only the
 * man macros as requests, and the options table printed by --help and
 * --man alike. tests/tools/install_test.sh renders the page with groff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "commands.h"
#include "init.h"
#include "interp.h"
#include "manpage.h"
#include "registry.h"

static const ManOption kOpts[] = {
    {"-c", "TEXT", "run TEXT"},
    {"--dots", NULL, ".nns files and 'quoted' words, a\\b"},
    {NULL, NULL, NULL},
};
static const ManInfo kInfo = {"9.9", "a test page", "About it.", kOpts, "0 when fine."};

/* The page for a registry, as a new string. */
static char *page_of(const Registry *reg, const ManInfo *info) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_true(manpage_write(f, reg, info));
    fclose(f);
    return buf;
}

/* s escaped, as a new string. */
static char *escaped(const char *s) {
    SBuf b = {0};
    manpage_escape(&b, s);
    char *t = sbuf_done(&b);
    assert_non_null(t);
    return t;
}

/* A bold tag as the page writes it: "\fB" + s escaped (mid-line) + "\fR". */
static char *bold(const char *s) {
    SBuf b = {0};
    sbuf_puts(&b, "\\fB");
    manpage_escape(&b, s);
    sbuf_puts(&b, "\\fR");
    char *t = sbuf_done(&b);
    assert_non_null(t);
    return t;
}

/* The text of section `name` (from its .SH line to the next one). */
static char *section(const char *page, const char *name) {
    char head[64];
    snprintf(head, sizeof head, "\n.SH %s\n", name);
    const char *p = strstr(page, head);
    if (!p) fail_msg("no section %s", name);
    p += strlen(head);
    const char *q = strstr(p, "\n.SH ");
    size_t n = q ? (size_t)(q - p) + 1 : strlen(p);
    char *s = malloc(n + 1);
    assert_non_null(s);
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

static void test_escape(void **state) {
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {".T is the transpose", "\\&.T is the transpose"},
        {"'quoted' at the start", "\\&'quoted' at the start"},
        {"x.T and 'y' inside", "x.T and 'y' inside"},
        {"a\\b", "a\\(rsb"},
        {"--max-memory", "\\-\\-max\\-memory"},
        {"one\n.two\n'three", "one\n\\&.two\n\\&'three"},
        {"para\n\nnext", "para\n.sp\nnext"},
        {"tab\there", "tab here"},
        {"\xe4\xb8\xad \xc3\xa9", "\\[u4E2D] \\[u00E9]"},
        {"bad \xff byte", "bad \\[uFFFD] byte"},
        {"cut \xe4\xb8", "cut \\[uFFFD]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *t = escaped(cases[i].in);
        assert_string_equal(t, cases[i].out);
        free(t);
    }
    /* mid-line, a '.' is left alone: the buffer says where the line is */
    SBuf b = {0};
    sbuf_puts(&b, "\\fB");
    manpage_escape(&b, ".T");
    char *t = sbuf_done(&b);
    assert_string_equal(t, "\\fB.T");
    free(t);
}

static Value *c_noop(Interp *in, const Node *call, Err *e) {
    (void)in;
    (void)call;
    (void)e;
    return NULL;
}

static Value *f_noop(Interp *in, const CallArgs *a, Err *e) {
    (void)in;
    (void)a;
    return builtin_none(e);
}

/* Help texts that would be roff requests if written as they are. */
static const Builtin kOdd[] = {
    {"dotty", "odd", "dotty X", ".T turns rows into columns", NULL, NULL, NULL, 0, 1, NULL, NULL,
     c_noop},
    {"quoty", "odd", "quoty(x)", "'x' is quoted\n.SH FAKE", "np.quoty(x) - 1", NULL, NULL, 1, 1,
     NULL, f_noop},
    {NULL},
};

static void test_leading_dot_in_table(void **state) {
    (void)state;
    Registry *reg = reg_new();
    assert_non_null(reg);
    assert_true(reg_add(reg, kOdd));
    char *page = page_of(reg, &kInfo);
    assert_non_null(strstr(page, "\n\\&.T turns rows into columns\n"));
    assert_null(strstr(page, "\n.T turns"));
    assert_non_null(strstr(page, "\n\\&'x' is quoted\n\\&.SH FAKE\n"));
    assert_null(strstr(page, "\n.SH FAKE"));
    assert_non_null(strstr(page, "NumPy: np.quoty(x) \\- 1\n"));
    /* the options table: its text escaped in OPTIONS, each flag in SYNOPSIS */
    assert_non_null(strstr(page, "\n\\&.nns files and 'quoted' words, a\\(rsb\n"));
    assert_non_null(strstr(page, "[\\fB\\-\\-dots\\fR]\n"));
    assert_non_null(strstr(page, "[\\fB\\-c\\fR \\fITEXT\\fR]\n"));
    /* the command in COMMANDS, the function in FUNCTIONS, not the reverse */
    char *cmds = section(page, "COMMANDS"), *fns = section(page, "FUNCTIONS");
    assert_non_null(strstr(cmds, "\\fBdotty X\\fR"));
    assert_null(strstr(cmds, "quoty"));
    assert_non_null(strstr(fns, "\\fBquoty(x)\\fR"));
    assert_null(strstr(fns, "dotty"));
    free(cmds);
    free(fns);
    free(page);
    reg_free(reg);
}

/* Every line that starts with '.' is one of the man macros this page uses;
 * none starts with '\''. */
static void assert_requests_known(const char *page) {
    static const char *const known[] = {".TH ", ".SH ", ".SS", ".TP", ".PP", ".RS",   ".RE",
                                        ".nf",  ".fi",  ".sp", ".br", ".B ", ".\\\" "};
    for (const char *p = page; *p;) {
        size_t n = strcspn(p, "\n");
        if (*p == '\'') fail_msg("a line starts with a quote: %.*s", (int)n, p);
        if (*p == '.') {
            bool ok = false;
            for (size_t i = 0; i < sizeof known / sizeof known[0] && !ok; i++) {
                size_t k = strlen(known[i]);
                ok = strncmp(p, known[i], k) == 0 && (known[i][k - 1] == ' ' || n == k);
            }
            if (!ok) fail_msg("not a request of the page: %.*s", (int)n, p);
        }
        p += n + (p[n] == '\n');
    }
}

static void test_real_page(void **state) {
    (void)state;
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    Interp *in = nnsh_new(sink, sink);
    assert_non_null(in);
    const Registry *reg = interp_registry(in);
    char *page = page_of(reg, &kInfo);
    assert_requests_known(page);
    assert_non_null(strstr(page, ".TH NNSH 1 \"\" \"nnsh 9.9\""));
    assert_non_null(strstr(page, "\n.SH NAME\nnnsh \\- a test page\n"));

    char *cmds = section(page, "COMMANDS"), *fns = section(page, "FUNCTIONS");
    char *topics = section(page, "HELP TOPICS");
    int ncmd = 0, nfn = 0;
    for (int i = 0; i < reg_count(reg); i++) {
        const Builtin *b = reg_at(reg, i);
        if (reg_find(reg, b->name) != b && reg_find_member(reg, b->name) != b) continue;
        char *sig = bold(b->sig ? b->sig : b->name);
        char want[512];
        snprintf(want, sizeof want, "\n.TP\n%s\n", sig);
        if (!strstr(b->cmd ? cmds : fns, want))
            fail_msg("%s (%s) is not in %s", b->name, sig, b->cmd ? "COMMANDS" : "FUNCTIONS");
        free(sig);
        if (b->summary) {
            char *sum = escaped(b->summary);
            assert_non_null(strstr(b->cmd ? cmds : fns, sum));
            free(sum);
        }
        *(b->cmd ? &ncmd : &nfn) += 1;
    }
    /* the ones help names as examples, so that the loop above ran on them */
    assert_true(ncmd >= 10);
    assert_true(nfn >= 40);
    assert_non_null(strstr(cmds, "\\fBhelp"));
    assert_non_null(strstr(cmds, "\\fBlesson"));
    assert_non_null(strstr(fns, "\\fBsigmoid(x)\\fR"));
    for (int i = 0; i < reg_method_count(reg); i++) {
        const Builtin *m = reg_method_at(reg, i);
        char *sig = bold(m->sig ? m->sig : m->name);
        assert_non_null(strstr(fns, sig));
        free(sig);
    }
    /* every help topic, headed by its first line, with the words that ask
     * for it */
    const char *names, *text;
    int ntopics = 0;
    for (; commands_topic(ntopics, &names, &text); ntopics++) {
        char head[128];
        snprintf(head, sizeof head, "%.*s", (int)strcspn(text, "\n"), text);
        char *h = bold(head);
        char want[256];
        snprintf(want, sizeof want, "\n.TP\n%s\n", h);
        if (!strstr(topics, want)) fail_msg("topic %s is not on the page", head);
        free(h);
        char first[64];
        snprintf(first, sizeof first, "help %.*s", (int)strcspn(names, " "), names);
        h = bold(first);
        assert_non_null(strstr(topics, h));
        free(h);
    }
    assert_true(ntopics >= 5);
    assert_non_null(strstr(topics, "\\fBhelp slicing\\fR"));
    free(cmds);
    free(fns);
    free(topics);
    for (const char *s = "FILES\0ENVIRONMENT\0EXIT STATUS\0EXAMPLES\0"; *s; s += strlen(s) + 1) {
        char *sec = section(page, s);
        assert_true(strlen(sec) > 10);
        free(sec);
    }
    char *env = section(page, "ENVIRONMENT");
    assert_non_null(strstr(env, "NNSH_LESSONS"));
    assert_non_null(strstr(env, "NNSH_MAX_MEMORY"));
    free(env);
    free(page);
    interp_free(in);
    fclose(sink);
}

static void test_usage(void **state) {
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    static const ManOption opts[] = {
        {"-c", "TEXT", "run TEXT"},
        {"--max-memory", "SIZE",
         "the most all arrays together may use, e.g. 512M, 2G (default: $NNSH_MAX_MEMORY, "
         "else half the memory, at most 4G)"},
        {NULL, NULL, NULL},
    };
    ManInfo info = kInfo;
    info.options = opts;
    manpage_usage(f, &info);
    fclose(f);
    assert_string_equal(buf, "usage: nnsh [options] [FILE.nns]\n"
                             "\n"
                             "About it.\n"
                             "\n"
                             "options:\n"
                             "  -c TEXT        run TEXT\n"
                             "  --max-memory SIZE  the most all arrays together may use, e.g. "
                             "512M, 2G\n"
                             "                 (default: $NNSH_MAX_MEMORY, else half the "
                             "memory, at most 4G)\n"
                             "\n"
                             "exit status: 0 when fine.\n");
    free(buf);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_leading_dot_in_table),
        cmocka_unit_test(test_real_page),
        cmocka_unit_test(test_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
