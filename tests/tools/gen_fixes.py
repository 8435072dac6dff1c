#!/usr/bin/python3
"""Write tests/unit/fixes_ref.h: realistic shape mistakes for test_fixes.c.

Each case is a session set up by some statements, a mistaken line, and what
a learner should be offered: the best fix (the first printed, exactly as it
is to be typed), a fix that must never be offered, and words the
explanation must contain. Here every mistaken line is run in NumPy and must
fail, and every best fix is run in NumPy and must work: its shape is
recorded, so the C test checks nnsh's printed shape against NumPy's.

nnsh spellings are translated for Python: `example` defines the chapter's
2-3-2-2 network, `dot A B` is np.dot(A, B), `shapes STMT` is STMT.
Only shapes matter, so the random numbers need not match nnsh's.

Run: /usr/bin/python3 tests/tools/gen_fixes.py > tests/unit/fixes_ref.h
"""
import re
import warnings

import numpy as np

# NumPy 1.24 only warns when == meets shapes that do not broadcast
warnings.simplefilter("error")

# The chapter's network, as `example` defines it.
CHAPTER = """example
A1 = np.dot(X, W1) + B1;
Z1 = sigmoid(A1);
A2 = np.dot(Z1, W2) + B2;
Z2 = sigmoid(A2);
"""

# An MNIST-shaped batch and network: random arrays of the book's shapes.
MNIST = """np.random.seed(0)
xb = np.random.rand(100, 784).astype(np.float32);
W1 = np.random.randn(784, 50).astype(np.float32);
b1 = np.random.randn(50).astype(np.float32);
W2 = np.random.randn(50, 100).astype(np.float32);
b2 = np.random.randn(100).astype(np.float32);
W3 = np.random.randn(100, 10).astype(np.float32);
b3 = np.random.randn(10).astype(np.float32);
z1 = sigmoid(np.dot(xb, W1) + b1);
z2 = sigmoid(np.dot(z1, W2) + b2);
y_batch = softmax(np.dot(z2, W3) + b3);
p = np.argmax(y_batch, axis=1);
t = (np.random.rand(10000) * 10).astype(np.int64);
t_batch = t[0:100];
x = xb[0];
y = y_batch[0];
"""

# (label, setup, mistaken line, best fix or None, never offered or None,
#  words the explanation must contain or None)
CASES = [
    # --- the chapter's 2-3-2-2 network ---------------------------------
    ("ch_a2_from_x", CHAPTER, "A2 = np.dot(X, W2) + B2",
     "A2 = np.dot(Z1, W2) + B2", "A2 = np.dot(W2, X) + B2", None),
    ("ch_a1_swapped", CHAPTER, "A1 = np.dot(W1, X) + B1",
     "A1 = np.dot(X, W1) + B1", None, None),
    ("ch_add_weights", CHAPTER, "W1 + W2",
     "W1 + W2.T", "W1 + W2.reshape(2, 3)", None),
    ("ch_command_form", CHAPTER, "dot W1 X", "dot X W1", None, None),
    ("ch_matmul", CHAPTER, "W1 @ X", "X @ W1", None, None),
    ("ch_bias_of_layer2", CHAPTER, "A1 = np.dot(X, W1) + B2",
     "A1 = np.dot(X, W1) + B1", None, None),
    ("ch_weight_of_layer2", CHAPTER, "A3 = np.dot(Z2, W2) + B3",
     "A3 = np.dot(Z2, W3) + B3", None, None),
    ("ch_output_weight", CHAPTER, "Y = np.dot(Z2, W2) + B3",
     "Y = np.dot(Z2, W3) + B3", None, None),
    ("ch_double_T", CHAPTER, "np.dot(X.T, W1.T)", "np.dot(X.T, W1)", "np.dot(X.T, W1.T.T)",
     None),
    ("ch_shapes_cmd", CHAPTER, "shapes A1 = np.dot(W1, X) + B1",
     "shapes A1 = np.dot(X, W1) + B1", None, None),
    ("ch_inside_sigmoid", CHAPTER, "Z1 = sigmoid(np.dot(W1, X) + B1)",
     "Z1 = sigmoid(np.dot(X, W1) + B1)", None, None),
    ("ch_argmax_1d_axis", CHAPTER, "np.argmax(A2, axis=1)", "np.argmax(A2)", None,
     "its only axis is 0"),
    ("ch_shape_call", CHAPTER, "n = X.shape(0)", "n = X.shape[0]", None,
     "`shape` is not a function: X.shape[0]"),
    ("ch_size_call", CHAPTER, "X.size()", "X.size", None, "`size` is not a function"),
    ("ch_sum_axis2", CHAPTER, "np.sum(W1, axis=2)", "np.sum(W1, axis=1)", None,
     "its axes are 0 and 1"),
    ("ch_reshape_size", CHAPTER, "W1.reshape(4)", "W1.reshape(-1)", None, None),
    # a batch softmax divided by row sums: keep the summed axis; summing
    # over everything instead runs but is the bug itself
    ("ch_softmax_rows", "e = np.exp(np.array([[0.3, 2.9, 4.0], [1.0, 2.0, 3.0]]))\n",
     "y = e / np.sum(e, axis=1)", "y = e / np.sum(e, axis=1, keepdims=True)",
     "y = e / np.sum(e)", None),
    # argmax down the columns compared with labels: along the rows; one
    # index into the flattened batch is never offered
    ("ch_argmax_columns", "y = np.ones((100, 10))\nt = np.zeros(100, dtype=np.int64)\n",
     "np.sum(np.argmax(y, axis=0) == t)", "np.sum(np.argmax(y, axis=1) == t)",
     "np.sum(np.argmax(y) == t)", None),
    ("ch_index_past_end", CHAPTER, "X[2]", "X[1]", None, None),
    ("ch_index_axis1", CHAPTER, "W1[:, 3]", "W1[:, 2]", None, None),
    ("ch_matmul_T", CHAPTER, "A1 = X @ W1.T + B1", "A1 = X @ W1 + B1", None, None),
    ("ch_bias_column", CHAPTER, "W1 + B1.reshape(3, 1)", "W1 + B1", None, None),
    ("ch_max_axis_method", CHAPTER, "A2.max(axis=1)", "A2.max()", None, None),
    ("ch_quiet_statement", CHAPTER, "A1 = np.dot(W1, X) + B1;",
     "A1 = np.dot(X, W1) + B1;", None, None),
    ("ch_two_statements", CHAPTER, "A1 = np.dot(X, W1) + B1; A2 = np.dot(X, W2) + B2",
     "A2 = np.dot(Z1, W2) + B2", None, None),
    ("ch_augmented_bias", CHAPTER, "A1 += B2", "A1 += B1", None, None),
    ("ch_augmented_weights", CHAPTER, "C = W1\nC += W2", "C += W2.T", None, None),
    ("ch_1d_dot_nothing", CHAPTER, "np.dot(X, B1)", None, None, None),
    # --- an MNIST-shaped batch -------------------------------------------
    # (the issue's own spellings first)
    ("mn_issue_drop_T", MNIST, "np.dot(xb.T, W1)", "np.dot(xb, W1)", "np.dot(xb.T.T, W1)", None),
    ("mn_issue_argmax_s", MNIST, "s = y_batch[0]\nnp.argmax(s, axis=1)", "np.argmax(s)", None,
     "s has shape (10,): its only axis is 0 (or -1), so axis=1 does not exist"),
    ("mn_issue_shape_call", MNIST, "x.shape(0)", "x.shape[0]", None,
     "`shape` is not a function: x.shape[0]"),
    ("mn_a2_from_xb", MNIST, "a2 = np.dot(xb, W2) + b2",
     "a2 = np.dot(z1, W2) + b2", "a2 = np.dot(W2, xb) + b2", None),
    ("mn_drop_T", MNIST, "a1 = np.dot(xb.T, W1) + b1",
     "a1 = np.dot(xb, W1) + b1", "a1 = np.dot(xb.T.T, W1) + b1", None),
    ("mn_bias_of_layer2", MNIST, "a1 = np.dot(xb, W1) + b2",
     "a1 = np.dot(xb, W1) + b1", None, None),
    ("mn_sum_axis2", MNIST, "np.sum(y_batch, axis=2)", "np.sum(y_batch, axis=1)", None,
     "y_batch has shape (100, 10): its axes are 0 and 1"),
    ("mn_argmax_1d", MNIST, "np.argmax(y, axis=1)", "np.argmax(y)", None,
     "y has shape (10,): its only axis is 0"),
    ("mn_compare_all_labels", MNIST, "i = 300\np == t", "p == t[i:i+100]", None,
     "p has 100 items and t has 10000"),
    ("mn_compare_batch_size", MNIST, "i = 200\nbatch_size = 100\nnp.sum(p == t)",
     "np.sum(p == t[i:i+batch_size])", None, "p has 100 items and t has 10000"),
    ("mn_compare_no_index", MNIST, "p == t", "p == t_batch", None,
     "compare 100 predictions with the labels of the same 100 images"),
    ("mn_compare_reversed", MNIST, "i = 0\nt == p", "t[i:i+100] == p", None,
     "t has 10000 items and p has 100"),
    ("mn_argmax_axis0", MNIST, "np.sum(np.argmax(y_batch, axis=0) == t_batch)",
     "np.sum(np.argmax(y_batch, axis=1) == t_batch)", None, None),
    ("mn_weight_of_layer1", MNIST, "a2 = np.dot(z1, W1) + b2",
     "a2 = np.dot(z1, W2) + b2", None, None),
    ("mn_weight_first", MNIST, "a1 = np.dot(W1, xb) + b1", "a1 = np.dot(xb, W1) + b1",
     None, None),
    ("mn_image_not_flat", MNIST, "img = x.reshape(28, 28)\na1 = np.dot(img, W1) + b1",
     "a1 = np.dot(img.flatten(), W1) + b1", "a1 = np.dot(xb, W1) + b1", None),
    ("mn_flatten_false", MNIST, "imgs = xb.reshape(100, 1, 28, 28)\na1 = np.dot(imgs, W1) + b1",
     "a1 = np.dot(imgs.reshape(100, -1), W1) + b1", None, None),
    ("mn_one_hot_labels", MNIST, "t_hot = np.zeros((100, 10))\nnp.sum(p == t_hot)",
     "np.sum(p == np.argmax(t_hot, axis=1))", None, None),
    ("mn_single_image_swapped", MNIST, "np.dot(W1, x)", "np.dot(x, W1)", None, None),
    ("mn_reshape_wrong_size", MNIST, "xb.reshape(100, 28)", "xb.reshape(100, -1)", None,
     None),
    ("mn_index_past_batch", MNIST, "xb[100]", "xb[99]", None, None),
    ("mn_output_T", MNIST, "y = np.dot(z2, W3.T) + b3", "y = np.dot(z2, W3) + b3", None,
     None),
    ("mn_bias_of_layer2_out", MNIST, "a3 = np.dot(z2, W3) + b2", "a3 = np.dot(z2, W3) + b3",
     None, None),
    ("mn_shape_call", MNIST, "n = xb.shape(1)", "n = xb.shape[1]", None,
     "`shape` is not a function"),
    ("mn_matmul_T", MNIST, "a1 = xb @ W1.T + b1", "a1 = xb @ W1 + b1", None, None),
    ("mn_z1_T", MNIST, "a2 = np.dot(z1.T, W2) + b2", "a2 = np.dot(z1, W2) + b2", None,
     None),
    ("mn_max_axis2", MNIST, "np.max(y_batch, axis=2)", "np.max(y_batch, axis=1)", None,
     None),
    ("mn_mean_1d_axis", MNIST, "np.mean(p, axis=1)", "np.mean(p)", None, None),
    ("mn_dict_weight", MNIST,
     "network = {'W1': W1, 'b1': b1, 'W2': W2, 'b2': b2}\n"
     "a1 = np.dot(xb, network['W2']) + network['b1']",
     "a1 = np.dot(xb, network['W1']) + network['b1']", None, None),
    ("mn_bias_column", MNIST, "a1 = np.dot(xb, W1) + b1.reshape(50, 1)",
     "a1 = np.dot(xb, W1) + b1", None, None),
]

CHAPTER_PY = {
    "X": np.array([1.0, 0.5]),
    "W1": np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]),
    "B1": np.array([0.1, 0.2, 0.3]),
    "W2": np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]),
    "B2": np.array([0.1, 0.2]),
    "W3": np.array([[0.1, 0.3], [0.2, 0.4]]),
    "B3": np.array([0.1, 0.2]),
}


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax(a):
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def to_python(line):
    line = line.rstrip(";")
    if line.startswith("shapes "):
        line = line[len("shapes "):]
    m = re.fullmatch(r"(\w+ = )?dot (\S+) (\S+)", line)
    if m:
        return "%snp.dot(%s, %s)" % (m.group(1) or "", m.group(2), m.group(3))
    return line


def run_lines(text, env):
    """Run statements; return the value of the last one when it is an
    expression or an assignment to one name."""
    value = None
    for line in text.split("\n"):
        for stmt in [s.strip() for s in line.split(";")]:
            if not stmt:
                continue
            if stmt == "example":
                env.update({k: v.copy() for k, v in CHAPTER_PY.items()})
                continue
            stmt = to_python(stmt)
            m = re.fullmatch(r"(\w+) [-+*/]?= (.*)", stmt)
            if m:
                exec(stmt, env)
                value = env[m.group(1)]
            else:
                value = eval(stmt, env)
    return value


def cstr(s):
    if s is None:
        return "NULL"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    out = ["/* Generated by tests/tools/gen_fixes.py with NumPy %s: do not edit. */"
           % np.__version__,
           "#ifndef FIXES_REF_H", "#define FIXES_REF_H", "",
           "typedef struct Mistake {",
           "    const char *label;",
           "    const char *setup; /* statements run first */",
           "    const char *line;  /* the mistake: it fails */",
           "    const char *best;  /* the first fix, as printed; NULL: none */",
           "    int best_nd;       /* NumPy's shape for it */",
           "    int64_t best_shape[4];",
           "    const char *never; /* must not be offered */",
           "    const char *note;  /* in the explanation */",
           "} Mistake;", "",
           "static const Mistake kMistakes[] = {"]
    for label, setup, line, best, never, note in CASES:
        # the last line of a multi-line mistake is the one that fails
        pre, _, bad = line.rpartition("\n")
        env = {"np": np, "sigmoid": sigmoid, "softmax": softmax}
        run_lines(setup + pre, env)
        try:
            run_lines(bad, dict(env))
        except Exception:  # noqa: BLE001 - it must fail, any way NumPy likes
            pass
        else:
            raise SystemExit("%s: %r does not fail in NumPy" % (label, bad))
        nd, shape = 0, []
        if best:
            fixed = best.split("; ")[-1] if "; " in best else best
            v = run_lines(fixed, dict(env))
            shape = list(np.shape(v))
            nd = len(shape)
        out.append("    {%s,\n     %s,\n     %s, %s, %d, {%s}, %s, %s}," % (
            cstr(label), cstr(setup + pre), cstr(bad), cstr(best), nd,
            ", ".join(str(s) for s in shape) or "0", cstr(never), cstr(note)))
    out.append("};")
    out.append("")
    out.append("#endif")
    print("\n".join(out))


if __name__ == "__main__":
    main()
