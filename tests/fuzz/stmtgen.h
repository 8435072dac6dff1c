/* stmtgen.h - a grammar-aware generator of nnsh statements, for the stress
 * test (tests/unit/test_stress.c) and as a source of fuzzing seeds.
 *
 * It writes valid statements built from nnsh's grammar rather than random
 * bytes, so every run reaches the evaluator: assignments to names, indexes,
 * slices and tuples; augmented assignments; commands as statements and, on
 * purpose, in every other position (index, right side, argument, list item:
 * those must be refused cleanly, never crash); calls of the NumPy functions
 * and array methods with keyword arguments; nested brackets; and numbers
 * that stress conversions: huge and tiny, 10**18, 2**70, 1e300, 1e999,
 * negative zero, 99999999999999999999.
 *
 * Header-only (static functions) so the stress test and any corpus tool
 * include it directly. The generator is deterministic for a seed. */
#ifndef NNSH_STMTGEN_H
#define NNSH_STMTGEN_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct Gen {
    uint64_t s; /* xorshift64* state, never 0 */
    char *buf;  /* output */
    size_t n;   /* used */
    size_t cap; /* size of buf */
    int depth;  /* current expression depth */
    /* true: inside expressions, only commands that change no variable.
     * Until commands become parse errors in expressions (issue 8, defect
     * 1), one that frees a variable while an assignment borrows it is a
     * known use-after-free; the stress test keeps to this set unless
     * NNSH_STRESS_ALL=1. Commands as statements always use the full set. */
    int calm;
} Gen;

static uint64_t gen_next(Gen *g) {
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return g->s * 2685821657736338717ull;
}

/* a number in [0, n) */
static int gen_pick(Gen *g, int n) {
    return (int)(gen_next(g) % (uint64_t)n);
}

static void gen_put(Gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_put(Gen *g, const char *fmt, ...) {
    if (g->n + 1 >= g->cap) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(g->buf + g->n, g->cap - g->n, fmt, ap);
    va_end(ap);
    if (w > 0) g->n += (size_t)w < g->cap - g->n ? (size_t)w : g->cap - g->n - 1;
}

static const char *const kGenNames[] = {"X", "W1", "B1", "W2", "B2", "W3", "B3", "a",
                                        "b", "c",  "x",  "y",  "A1", "Z1", "t"};
/* commands that change or show the session; none reads or writes a file
 * or waits for input */
static const char *const kGenCommands[] = {
    "example",   "clear",    "vars",     "del a",      "del X",          "forward",  "net",
    "shapes X",  "echo off", "echo on",  "help",       "help dot",       "diagram",  "trace on",
    "trace off", "explain",  "dot X W1", "timing off", "net act 1 relu", "forward X"};

static void gen_expr(Gen *g);

static void gen_number(Gen *g) {
    static const char *const odd[] = {"10**18",
                                      "2**70",
                                      "2**63",
                                      "-2**63",
                                      "9223372036854775807",
                                      "99999999999999999999",
                                      "1e300",
                                      "1e-300",
                                      "1e999",
                                      "-1e999",
                                      "1e-320",
                                      "0.0",
                                      "-0.0",
                                      "0",
                                      "-1",
                                      "10**9",
                                      "4294967296",
                                      "255",
                                      "256",
                                      "1.5",
                                      "0.5",
                                      "3",
                                      "2",
                                      "1",
                                      "float('nan')",
                                      "float('inf')",
                                      "True",
                                      "False",
                                      "-3",
                                      "100"};
    switch (gen_pick(g, 3)) {
    case 0: gen_put(g, "%s", odd[gen_pick(g, (int)(sizeof odd / sizeof odd[0]))]); break;
    case 1: gen_put(g, "%d", gen_pick(g, 7) - 2); break;
    default: gen_put(g, "%d.%d", gen_pick(g, 4), gen_pick(g, 100)); break;
    }
}

static void gen_name(Gen *g) {
    gen_put(g, "%s", kGenNames[gen_pick(g, (int)(sizeof kGenNames / sizeof kGenNames[0]))]);
}

/* commands that read the session but change no variable */
static const char *const kGenCalmCommands[] = {"vars",    "help",     "net",     "diagram",
                                               "explain", "shapes X", "dot X W1"};

/* a command as a statement: any of them */
static void gen_command(Gen *g) {
    gen_put(g, "%s",
            kGenCommands[gen_pick(g, (int)(sizeof kGenCommands / sizeof kGenCommands[0]))]);
}

/* a command where a value is expected (index, operand, right side) */
static void gen_inner_command(Gen *g) {
    if (g->calm)
        gen_put(g, "%s",
                kGenCalmCommands[gen_pick(
                    g, (int)(sizeof kGenCalmCommands / sizeof kGenCalmCommands[0]))]);
    else
        gen_command(g);
}

/* a shape: an int, or a tuple of 0..4 small (or, rarely, huge) axes */
static void gen_shape(Gen *g) {
    int k = gen_pick(g, 5);
    if (k == 0) {
        gen_put(g, "%d", gen_pick(g, 6));
        return;
    }
    gen_put(g, "(");
    for (int i = 0; i < k; i++) {
        if (i) gen_put(g, ", ");
        if (gen_pick(g, 12) == 0)
            gen_number(g);
        else
            gen_put(g, "%d", gen_pick(g, 5));
    }
    gen_put(g, k == 1 ? ",)" : ")");
}

static void gen_list(Gen *g, char open, char close) {
    int k = gen_pick(g, 4);
    gen_put(g, "%c", open);
    for (int i = 0; i < k; i++) {
        if (i) gen_put(g, ", ");
        gen_expr(g);
    }
    if (open == '(' && k == 1) gen_put(g, ",");
    gen_put(g, "%c", close);
}

static void gen_index(Gen *g) {
    int k = 1 + gen_pick(g, 2);
    for (int i = 0; i < k; i++) {
        if (i) gen_put(g, ", ");
        switch (gen_pick(g, 7)) {
        case 0: gen_put(g, ":"); break;
        case 1: gen_put(g, "%d:%d", gen_pick(g, 4) - 1, gen_pick(g, 5)); break;
        case 2: gen_put(g, "::%d", gen_pick(g, 3) - 1); break;
        case 3: gen_number(g); break;
        case 4: gen_inner_command(g); break; /* a command as an index: refused */
        default: gen_expr(g); break;
        }
    }
}

static void gen_call(Gen *g) {
    static const char *const f1[] = {
        "np.exp",      "np.log",   "np.sqrt",   "np.abs",        "np.tanh",
        "sigmoid",     "relu",     "softmax",   "step_function", "identity_function",
        "np.sum",      "np.max",   "np.argmax", "np.mean",       "np.transpose",
        "len",         "np.shape", "float",     "int",           "bool",
        "print",       "repr",     "str",       "softmax_naive", "np.zeros_like",
        "np.ones_like"};
    static const char *const f2[] = {"np.dot",     "np.matmul",  "np.maximum", "np.minimum",
                                     "np.reshape", "np.isclose", "np.allclose"};
    static const char *const methods[] = {
        ".sum(",     ".max(",  ".min(", ".mean(", ".argmax(", ".reshape(", ".astype(",
        ".flatten(", ".copy(", ".T",    ".shape", ".ndim",    ".size",     ".dtype"};
    switch (gen_pick(g, 7)) {
    case 0:
        gen_put(g, "%s(", f1[gen_pick(g, (int)(sizeof f1 / sizeof f1[0]))]);
        gen_expr(g);
        if (gen_pick(g, 3) == 0) gen_put(g, ", axis=%d", gen_pick(g, 5) - 2);
        gen_put(g, ")");
        break;
    case 1:
        gen_put(g, "%s(", f2[gen_pick(g, (int)(sizeof f2 / sizeof f2[0]))]);
        gen_expr(g);
        gen_put(g, ", ");
        gen_expr(g);
        gen_put(g, ")");
        break;
    case 2:
        gen_put(g, "np.%s(", gen_pick(g, 2) ? "zeros" : "ones");
        gen_shape(g);
        if (gen_pick(g, 3) == 0)
            gen_put(g, ", dtype=%s",
                    (const char *[]){"np.int64", "np.float32", "np.uint8", "bool",
                                     "int"}[gen_pick(g, 5)]);
        gen_put(g, ")");
        break;
    case 3:
        gen_put(g, "np.array(");
        gen_list(g, '[', ']');
        gen_put(g, ")");
        break;
    case 4:
        gen_put(g, "np.arange(");
        gen_number(g);
        if (gen_pick(g, 2)) {
            gen_put(g, ", ");
            gen_number(g);
        }
        gen_put(g, ")");
        break;
    case 5: {
        gen_name(g);
        const char *m = methods[gen_pick(g, (int)(sizeof methods / sizeof methods[0]))];
        gen_put(g, "%s", m);
        if (m[strlen(m) - 1] == '(') {
            if (gen_pick(g, 2)) gen_shape(g);
            gen_put(g, ")");
        }
        break;
    }
    default:
        gen_put(g, "np.random.%s(", gen_pick(g, 2) ? "rand" : "randn");
        gen_put(g, "%d, %d)", gen_pick(g, 4), gen_pick(g, 4));
        break;
    }
}

/* expr: any expression, nested up to a few levels */
static void gen_expr(Gen *g) {
    static const char *const ops[] = {" + ", " - ", " * ",  " / ",  " // ", " % ", " ** ",
                                      " @ ", " < ", " == ", " != ", " >= ", " & ", " | "};
    if (g->depth > 4 || g->n + 200 > g->cap) {
        if (gen_pick(g, 2))
            gen_name(g);
        else
            gen_number(g);
        return;
    }
    g->depth++;
    switch (gen_pick(g, 12)) {
    case 0:
    case 1: gen_name(g); break;
    case 2: gen_number(g); break;
    case 3:
        gen_expr(g);
        gen_put(g, "%s", ops[gen_pick(g, (int)(sizeof ops / sizeof ops[0]))]);
        gen_expr(g);
        break;
    case 4:
        gen_put(g, "%s", gen_pick(g, 2) ? "-" : "~");
        gen_expr(g);
        break;
    case 5:
        gen_put(g, "(");
        gen_expr(g);
        gen_put(g, ")");
        break;
    case 6: gen_list(g, '[', ']'); break;
    case 7: gen_list(g, '(', ')'); break;
    case 8:
        gen_expr(g);
        gen_put(g, "[");
        gen_index(g);
        gen_put(g, "]");
        break;
    case 9: gen_call(g); break;
    case 10: gen_inner_command(g); break; /* a command inside an expression */
    default: gen_put(g, "'%s'", gen_pick(g, 2) ? "W1" : ""); break;
    }
    g->depth--;
}

/* gen_statement: one statement (no newline) into buf (size cap). */
static void gen_statement(Gen *g, char *buf, size_t cap) {
    static const char *const aug[] = {" += ", " -= ", " *= ", " /= ", " @= "};
    g->buf = buf;
    g->cap = cap;
    g->n = 0;
    g->depth = 0;
    buf[0] = '\0';
    switch (gen_pick(g, 10)) {
    case 0: gen_command(g); break;
    case 1:
    case 2:
        gen_name(g);
        gen_put(g, " = ");
        gen_expr(g);
        break;
    case 3: /* an indexed target */
        gen_name(g);
        gen_put(g, "[");
        gen_index(g);
        gen_put(g, "] = ");
        gen_expr(g);
        break;
    case 4: /* tuple targets, names and indexes bound left to right */
        gen_name(g);
        gen_put(g, ", ");
        if (gen_pick(g, 2)) {
            gen_name(g);
            gen_put(g, "[%d]", gen_pick(g, 3));
        } else {
            gen_name(g);
        }
        gen_put(g, " = ");
        gen_expr(g);
        if (gen_pick(g, 2)) {
            gen_put(g, ", ");
            gen_expr(g);
        }
        break;
    case 5:
        gen_name(g);
        if (gen_pick(g, 2)) {
            gen_put(g, "[");
            gen_index(g);
            gen_put(g, "]");
        }
        gen_put(g, "%s", aug[gen_pick(g, (int)(sizeof aug / sizeof aug[0]))]);
        gen_expr(g);
        break;
    case 6: /* a call in command form: f a b */
        gen_put(g, "%s ",
                (const char *[]){"dot", "sigmoid", "print", "shapes", "softmax"}[gen_pick(g, 5)]);
        gen_name(g);
        if (gen_pick(g, 2)) {
            gen_put(g, " ");
            gen_name(g);
        }
        break;
    default: gen_expr(g); break;
    }
}

#endif
