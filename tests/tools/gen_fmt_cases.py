#!/usr/bin/python3
"""Write tests/unit/fmt_cases.h: arrays and the exact text NumPy 1.24 prints
for them (str and repr), plus scalars and their str(), for test_fmt.c.

Every array is stored either as its values (C hex-float literals, so the C
side rebuilds exactly the same doubles/floats) or, for the big summarised
arrays, as a recipe the C test repeats:
    v[i] = (((i * mul + add) % mod) - sub) / div      (in float64, then cast)

Run from the repository root:  /usr/bin/python3 tests/tools/gen_fmt_cases.py
"""
import math
import os
import sys
import warnings

import numpy as np

assert np.__version__.startswith("1.24"), np.__version__

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit",
                   "fmt_cases.h")

DTYPES = {
    np.dtype(np.bool_): "DT_BOOL",
    np.dtype(np.uint8): "DT_UINT8",
    np.dtype(np.int64): "DT_INT64",
    np.dtype(np.float32): "DT_FLOAT32",
    np.dtype(np.float64): "DT_FLOAT64",
}

DEFAULT_OPTS = dict(precision=8, threshold=1000, edgeitems=3, linewidth=75,
                    suppress=False)

cases = []    # (name, array, recipe or None, opts, with_repr)
scalars = []  # (name, 0-d array)


def add(name, arr, opts=None, recipe=None, with_repr=True):
    arr = np.asarray(arr)
    assert arr.dtype in DTYPES, (name, arr.dtype)
    assert arr.ndim <= 4
    cases.append((name, arr, recipe, dict(DEFAULT_OPTS, **(opts or {})),
                  with_repr))


def add_recipe(name, dtype, shape, mul, addv, mod, sub, div, opts=None):
    n = int(np.prod(shape))
    i = np.arange(n, dtype=np.int64)
    v = (((i * mul + addv) % mod) - sub).astype(np.float64) / div
    arr = v.astype(dtype).reshape(shape)
    add(name, arr, opts, recipe=(mul, addv, mod, sub, div))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softmax_naive(a):
    e = np.exp(a)
    return e / np.sum(e)


def softmax(a):
    c = np.max(a)
    e = np.exp(a - c)
    return e / np.sum(e)


def build():
    rng = np.random.default_rng(20240301)

    # --- the chapter's forward pass (3-layer network, hand-set weights) ---
    X = np.array([1.0, 0.5])
    W1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
    B1 = np.array([0.1, 0.2, 0.3])
    W2 = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
    B2 = np.array([0.1, 0.2])
    W3 = np.array([[0.1, 0.3], [0.2, 0.4]])
    B3 = np.array([0.1, 0.2])
    A1 = np.dot(X, W1) + B1
    Z1 = sigmoid(A1)
    A2 = np.dot(Z1, W2) + B2
    Z2 = sigmoid(A2)
    A3 = np.dot(Z2, W3) + B3
    add("chapter A1", A1)
    add("chapter Z1 sigmoid", Z1)
    add("chapter A2", A2)
    add("chapter Z2 trailing space", Z2)
    add("chapter A3 output", A3)
    add("chapter W1", W1)
    add("chapter X", X)
    add("step function bool", np.array([-1.0, 1.0, 2.0]) > 0)
    add("step function int", (np.array([-1.0, 1.0, 2.0]) > 0).astype(np.int64))
    add("arange -5..5 by 0.1", np.arange(-5.0, 5.0, 0.1))
    add("sigmoid of arange", sigmoid(np.arange(-5.0, 5.0, 0.5)))
    add("relu", np.maximum(0, np.array([-2.0, -0.5, 0.0, 0.5, 2.0])))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        add("softmax overflow nan", softmax_naive(np.array([1010.0, 1000.0, 990.0])))
    add("softmax fixed", softmax(np.array([1010.0, 1000.0, 990.0])))
    add("softmax small", softmax(np.array([0.3, 2.9, 4.0])))

    # --- float32, MNIST-like ---
    px = (np.arange(28, dtype=np.int64) * 37 % 256).astype(np.uint8)
    add("uint8 pixel row wraps", px)
    add("float32 pixels /255 wraps", px.astype(np.float32) / 255.0)
    img = (np.arange(4 * 7, dtype=np.int64) * 53 % 256).astype(np.uint8).reshape(4, 7)
    add("float32 pixels 2d", img.astype(np.float32) / 255.0)
    logits = rng.normal(size=10).astype(np.float32) * 3
    add("float32 softmax 10", softmax(logits).astype(np.float32))
    logits = rng.normal(size=(2, 10)).astype(np.float32) * 8
    sm = np.exp(logits - logits.max(axis=1, keepdims=True))
    add("float32 softmax batch sci", (sm / sm.sum(axis=1, keepdims=True)).astype(np.float32))
    add("float32 thirds", np.array([1, 2, 4], dtype=np.float32) / np.float32(3))
    add("float32 0.1 and tiny", np.array([0.1, 1.23456789e-5], dtype=np.float32))
    add("float32 1e-4 edge", np.array([1e-4, 0.5], dtype=np.float32))
    add("float32 big", np.array([123456789.0, 1.0], dtype=np.float32))
    # above 2**24 an array element shows its exact integer, a scalar does not
    add("float32 above 2^24", np.array([88506088.0, 37476728.0, 576617.6], dtype=np.float32))
    add("0d float32 above 2^24", np.array(88506088.0, dtype=np.float32))

    # --- ints, uint8, bools ---
    add("int64 2d", np.arange(12, dtype=np.int64).reshape(3, 4))
    add("int64 negatives", np.array([-100, 5, 42, -7], dtype=np.int64))
    add("int64 long row wraps", np.arange(-20, 40, dtype=np.int64) * 1001)
    # values travel as doubles, so stay within what a double holds exactly
    add("int64 wide", np.array([-(2 ** 62), 0, 2 ** 62, 7], dtype=np.int64))
    add("uint8 2d", (np.arange(15, dtype=np.int64) * 19 % 256).astype(np.uint8).reshape(3, 5))
    add("bool 1d", np.array([True, False, True]))
    add("bool 2d", np.arange(6).reshape(2, 3) % 2 == 0)
    add("bool all false", np.zeros(4, dtype=bool))
    add("bool long wraps", np.arange(20) % 3 == 0)

    # --- float64 alignment and signs ---
    add("mixed signs", rng.normal(size=6))
    add("integers as floats", np.array([1.0, 10.0, 100.0]))
    add("negative zero", np.array([-0.0, 1.5]))
    add("all negative zero", np.array([-0.0, -0.0]))
    add("rounds to zero", np.array([-1e-10 + 1e-9, 3.0, 2.0]) * 0 + np.array([1e-9, 0.5, -1e-3]))
    add("tie rounding", np.array([0.001953125, 0.005859375, 0.5]))
    add("precision cut", np.array([1 / 3, 2 / 3, 123.456789012345]))

    # --- scientific notation ---
    add("sci small min", np.array([1e-5, 1.0, 2.5]))
    add("sci ratio", np.array([1.0, 1001.0]))
    add("no sci ratio 1000", np.array([1.0, 1000.0]))
    add("sci big", np.array([1.23456789e8, 1.0]))
    add("sci neg", np.array([-1.5e-7, 2.0, 3.25e3]))
    add("sci 3-digit exponent", np.array([1e-300, 1.0, 2e200]))
    add("sci with zero", np.array([0.0, 1e-6, 1.0]))
    add("sci mixed digits", np.array([1e-5, 1.5e-5, 1.25e-5]))

    # --- nan and inf ---
    add("nan inf mix", np.array([np.nan, -np.inf, 1.5]))
    add("only nonfinite", np.array([np.nan, -np.inf]))
    add("inf and sci", np.array([np.inf, 1e-5]))
    add("nan 2d", np.array([[np.nan, 1.0], [2.0, np.inf]]))
    add("float32 nan", np.array([np.nan, 0.25, np.inf], dtype=np.float32))

    # --- higher dimensions ---
    add("3d float", np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 4)
    add("3d int", np.arange(24, dtype=np.int64).reshape(2, 3, 4) - 12)
    add("4d float32", (np.arange(24, dtype=np.float32).reshape(2, 2, 2, 3) - 7) / 8)
    add("4d bool", np.arange(16).reshape(2, 2, 2, 2) % 3 == 0)
    add("2d wraps", rng.normal(size=(3, 12)))
    add("3d wraps", rng.normal(size=(2, 2, 11)).astype(np.float32))
    add("single element 2d", np.array([[7.0]]))
    add("column vector", np.array([[1.0], [2.5], [-3.0]]))

    # --- summarised ---
    add("summarised 2000", rng.random(2000))
    add("summarised 50x50", rng.normal(size=(50, 50)))
    add_recipe("summarised int 1500", np.int64, (1500,), 7, 0, 1 << 40, 0, 1.0)
    add("summarised 3d", rng.random((12, 10, 10)).astype(np.float32))
    add_recipe("summarised 4d partial", np.int64, (4, 5, 6, 10), 1, 0, 1 << 40, 0, 1.0)
    add_recipe("summarised bool", np.bool_, (1001,), 1, 0, 7, 0, 1.0)
    add("summarised sci only edges", np.concatenate([[1.0, 2.0, 3.0], np.full(1000, 1e-9), [4.0, 5.0, 6.0]]))
    add_recipe("mnist-like 10000x784 float32", np.float32, (10000, 784), 7919, 13, 256, 0, 255.0)
    add_recipe("mnist-like 10000x784 uint8", np.uint8, (10000, 784), 7919, 13, 256, 0, 1.0)
    add_recipe("10000x10 int64 negative", np.int64, (10000, 10), 31, 7, 1000, 500, 1.0)

    # --- 0-d and empty ---
    add("0d float", np.array(0.5))
    add("0d float sci", np.array(1e-5))
    add("0d float32", np.array(0.1, dtype=np.float32))
    add("0d int", np.array(3))
    add("0d bool", np.array(True))
    add("0d uint8", np.array(200, dtype=np.uint8))
    add("0d nan", np.array(np.nan))
    add("0d big", np.array(123456789.0))
    add("empty float64", np.zeros(0))
    add("empty float32", np.zeros(0, dtype=np.float32))
    add("empty int64", np.zeros(0, dtype=np.int64))
    add("empty 2d", np.zeros((0, 3)))
    add("empty 2d other", np.zeros((3, 0), dtype=np.int64))
    add("empty 3d bool", np.zeros((2, 0, 2), dtype=bool))

    # --- repr line wrapping and the dtype suffix ---
    add("repr dtype wraps", np.arange(13, dtype=np.float32) / 7)
    add("repr dtype fits", np.arange(6, dtype=np.float32) / 7)
    add("repr uint8 wraps", np.arange(17, dtype=np.uint8) * 15)
    add("repr 2d float32", np.arange(10, dtype=np.float32).reshape(2, 5) / 3)
    for n in range(14, 22):
        add("repr edge %d" % n, np.arange(n, dtype=np.float32) * 1.25)

    # --- non-default options ---
    add("opts precision 3", np.array([1 / 3, 2.0, 1e-3]), dict(precision=3))
    add("opts precision 3 sci", np.array([1 / 3, 2.0, 1e-5]), dict(precision=3))
    add("opts linewidth 40", np.arange(20, dtype=np.float64) / 3, dict(linewidth=40))
    add("opts threshold 10 edge 2", np.arange(30, dtype=np.int64).reshape(5, 6),
        dict(threshold=10, edgeitems=2))
    add("opts suppress", np.array([1e-10, 1.0, 2000.0]), dict(suppress=True))

    # --- scalars on their own ---
    for v in [0.1, 1e-5, 1.0, 1e16, 1.5e-5, 123456789.0, 1e-4, -0.0, np.nan,
              np.inf, -np.inf, 1e22, 2.5e-300, 0.30000000000000004, 1 / 3,
              9999999999999998.0, 0.00010000000000000002, -2.75, 88506088.0]:
        scalars.append(np.float64(v))
        if not (isinstance(v, float) and abs(v) > 3e38):
            scalars.append(np.float32(v))
    scalars.extend([np.int64(3), np.int64(-42), np.uint8(255), np.bool_(True),
                    np.bool_(False)])


def c_str(s):
    """A C string literal, split after each newline."""
    parts = []
    cur = ""
    for ch in s:
        if ch == "\\":
            cur += "\\\\"
        elif ch == '"':
            cur += '\\"'
        elif ch == "\n":
            cur += "\\n"
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return "\n        ".join('"%s"' % p for p in parts if p != "" or len(parts) == 1)


def c_double(x):
    x = float(x)
    if math.isnan(x):
        return "NAN"
    if math.isinf(x):
        return "INFINITY" if x > 0 else "-INFINITY"
    return x.hex()


def main():
    build()
    lines = []
    emit = lines.append
    emit("/* fmt_cases.h - generated by tests/tools/gen_fmt_cases.py with NumPy %s;"
         % np.__version__)
    emit(" * do not edit. Expected texts are NumPy's str() and repr(). */")
    emit("#ifndef NNSH_FMT_CASES_H\n#define NNSH_FMT_CASES_H\n")
    emit("#include <math.h>\n#include <stddef.h>\n#include <stdint.h>\n")
    emit("#include \"arr.h\"\n")
    emit("typedef struct FmtCase {")
    emit("    const char *name;")
    emit("    DType dtype;")
    emit("    int ndim;")
    emit("    int64_t shape[4];")
    emit("    const double *values;  /* NULL: use the recipe */")
    emit("    int64_t mul, add, mod, sub; /* v[i] = (((i*mul+add)%mod)-sub)/div */")
    emit("    double div;")
    emit("    int precision;")
    emit("    int64_t threshold;")
    emit("    int edgeitems;")
    emit("    int linewidth;")
    emit("    int suppress;")
    emit("    const char *str;")
    emit("    const char *repr;")
    emit("} FmtCase;\n")
    emit("typedef struct FmtScalarCase {")
    emit("    DType dtype;")
    emit("    double value;")
    emit("    const char *str;")
    emit("} FmtScalarCase;\n")

    for k, (name, arr, recipe, opts, _) in enumerate(cases):
        if recipe is not None or arr.size == 0:
            continue
        vals = [c_double(v) for v in arr.astype(np.float64).ravel()]
        emit("static const double fmt_v%d[] = {" % k)
        for j in range(0, len(vals), 4):
            emit("    " + ", ".join(vals[j:j + 4]) + ",")
        emit("};")
    emit("")

    nrepr = 0
    emit("static const FmtCase fmt_cases[] = {")
    for k, (name, arr, recipe, opts, with_repr) in enumerate(cases):
        po = dict(precision=opts["precision"], threshold=opts["threshold"],
                  edgeitems=opts["edgeitems"], linewidth=opts["linewidth"],
                  suppress=opts["suppress"])
        with np.printoptions(**po):
            s = str(arr)
            r = repr(arr)
        shape = list(arr.shape) + [0] * (4 - arr.ndim)
        if recipe is None:
            values = "fmt_v%d" % k if arr.size else "NULL"
            rec = "0, 0, 1, 0, 1.0"
        else:
            values = "NULL"
            rec = "%d, %d, %d, %d, %r" % recipe
        emit("    {%s, %s, %d, {%s}, %s, %s," % (
            c_str(name), DTYPES[arr.dtype], arr.ndim,
            ", ".join(str(x) for x in shape), values, rec))
        emit("     %d, %d, %d, %d, %d," % (opts["precision"], opts["threshold"],
                                          opts["edgeitems"], opts["linewidth"],
                                          int(opts["suppress"])))
        emit("        " + c_str(s) + ",")
        if with_repr:
            nrepr += 1
            emit("        " + c_str(r) + "},")
        else:
            emit("        NULL},")
    emit("};\n")

    emit("static const FmtScalarCase fmt_scalar_cases[] = {")
    for v in scalars:
        emit("    {%s, %s, %s}," % (DTYPES[v.dtype], c_double(v), c_str(str(v))))
    emit("};\n")
    emit("#endif")

    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s: %d cases (%d with repr), %d scalars"
          % (OUT, len(cases), nrepr, len(scalars)), file=sys.stderr)


if __name__ == "__main__":
    main()
