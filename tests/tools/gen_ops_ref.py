#!/usr/bin/python3
"""gen_ops_ref.py - compute reference results with NumPy 1.24 for
tests/unit/test_ops.c and write them as C tables to tests/unit/ops_ref.h.

Run from the repository root:  /usr/bin/python3 tests/tools/gen_ops_ref.py
Every case is an operation, its inputs and either NumPy's result (dtype,
shape, values) or NumPy's error message.
"""
import math
import sys

import numpy as np

assert np.__version__.startswith("1.24"), np.__version__

DT = {np.dtype(bool): 0, np.dtype(np.uint8): 1, np.dtype(np.int64): 2,
      np.dtype(np.float32): 3, np.dtype(np.float64): 4}
BIN = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
       "less", "less_equal", "greater", "greater_equal", "equal", "not_equal",
       "maximum", "minimum", "bitwise_and", "bitwise_or"]
UN = ["negative", "invert", "exp", "log", "sqrt", "absolute", "tanh", "sigmoid", "relu", "step"]
RED = ["sum", "max", "min", "mean", "argmax", "argmin"]

out = []
counter = [0]


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NAN"
    if math.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    return repr(v)


def carr(a, weak=False):
    """Emit the data of array a and return a C initializer of RefArr."""
    a = np.asarray(a)
    if a.dtype in (np.int8, np.int16, np.uint16, np.int32, np.uint64):
        # nnsh has no such dtype: where NumPy picks one, nnsh gives int64 (same values)
        a = a.astype(np.int64)
    counter[0] += 1
    name = "ref_d%d" % counter[0]
    vals = [num(x) for x in a.reshape(-1)] or ["0"]
    out.append("static const double %s[] = {%s};" % (name, ", ".join(vals)))
    shape = list(a.shape) + [0] * (4 - a.ndim)
    return "{%d, %d, {%s}, %d, %s, %d}" % (DT[a.dtype], a.ndim, ", ".join(map(str, shape)),
                                          a.size, name, 1 if weak else 0)


def cstr(s):
    return "NULL" if s is None else '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(f):
    try:
        return f(), None
    except Exception as ex:  # NumPy's error text is the expectation
        return None, str(ex)


NONE = "{0, 0, {0, 0, 0, 0}, 0, NULL, 0}"

# ---------------------------------------------------------------- binary
rng = np.random.RandomState(7)
A1 = np.array([[1.0, 0.5]])
W1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
B1 = np.array([0.1, 0.2, 0.3])
bias50 = rng.randn(50).astype(np.float32)
z100 = rng.randn(100, 50).astype(np.float32)

bin_cases = [
    ("add", z100, bias50),
    ("add", np.arange(6.0).reshape(2, 3), np.array([10.0, 20.0, 30.0])),
    ("add", np.arange(3).reshape(3, 1), np.arange(4).reshape(1, 4)),
    ("multiply", np.arange(3.0).reshape(3, 1), np.arange(4.0)),
    ("add", np.zeros((2, 3)), np.zeros(2)),
    ("add", np.zeros((2, 3)), np.zeros((3, 2))),
    ("multiply", np.zeros((4, 1, 3)), np.zeros((2, 4))),
    ("add", np.ones((2, 1, 3, 1)), np.arange(8.0).reshape(2, 4)),
    ("subtract", np.arange(5.0), np.float64(2.5)),
    ("multiply", np.arange(4, dtype=np.float32), ("weak", 2.5)),
    ("add", np.arange(4, dtype=np.uint8) * 60, ("weak", 100)),
    ("add", np.arange(4, dtype=np.uint8), ("weak", 300)),
    ("add", np.arange(4), ("weak", 0.5)),
    ("multiply", np.arange(4, dtype=np.float32), ("weak", 3)),
    ("multiply", np.arange(4, dtype=np.float32), ("weak", 100000)),
    ("multiply", np.arange(4, dtype=np.float32), np.float64(0.1)),
    ("multiply", np.float32(2), ("weak", 3.0)),
    ("add", np.arange(4, dtype=np.float32), np.arange(4)),
    ("add", np.array([True, False]), np.array([True, True])),
    ("add", np.array([True, False]), ("weak", 1)),
    ("subtract", np.array([True, False]), np.array([True, True])),
    ("divide", np.arange(5), np.array([2, 2, 2, 2, 2])),
    ("divide", np.array([1.0, -1.0, 0.0]), np.array([0.0, 0.0, 0.0])),
    ("divide", np.arange(4, dtype=np.float32), ("weak", 3)),
    ("floor_divide", np.array([7, -7, 7, -7, 5]), np.array([2, 2, -2, -2, 0])),
    ("floor_divide", np.array([7.5, -7.5, 7.0, -0.5]), np.array([2.0, 2.0, -2.0, 3.0])),
    ("remainder", np.array([7, -7, 7, -7, 5]), np.array([3, 3, -3, -3, 0])),
    ("remainder", np.array([7.5, -7.5, 7.0, -1.0]), np.array([2.0, 2.0, -2.0, 3.0])),
    ("power", np.arange(5), ("weak", 2)),
    ("power", np.arange(5.0), ("weak", 0.5)),
    ("power", np.arange(5), np.array([-1])),
    ("less", np.arange(5), ("weak", 2)),
    ("less_equal", np.arange(5.0), ("weak", 2)),
    ("greater", np.array([-1.0, 0.0, np.nan, 2.0]), ("weak", 0)),
    ("greater_equal", np.arange(6).reshape(2, 3), np.array([1, 4, 5])),
    ("equal", np.array([1.0, np.nan, 3.0]), np.array([1.0, np.nan, 2.0])),
    ("not_equal", np.array([1.0, np.nan, 3.0]), np.array([1.0, np.nan, 2.0])),
    ("maximum", ("weak", 0), np.array([-1.5, 2.0, np.nan, -0.0])),
    ("minimum", np.array([3, -4, 5]), np.array([[1], [2]])),
    ("bitwise_and", np.array([True, False, True]), np.array([True, True, False])),
    ("bitwise_or", np.array([12, 5]), np.array([3, 3])),
    ("bitwise_and", np.array([1.0]), np.array([1.0])),
    ("multiply", np.array([2 ** 62, 3]), np.array([4, 5])),
    ("subtract", np.array([1, 2], dtype=np.uint8), np.array([2, 1], dtype=np.uint8)),
    ("add", np.zeros((0, 3)), np.ones(3)),
    ("multiply", np.array(3.0), np.array(4)),
]


def operand(x):
    if isinstance(x, tuple):
        return x[1], True
    return x, False


bin_rows = []
for name, x, y in bin_cases:
    xv, xw = operand(x)
    yv, yw = operand(y)
    f = getattr(np, name)
    with np.errstate(all="ignore"):
        r, err = run(lambda: f(xv, yv))
    xa = np.asarray(xv) if not xw else np.asarray(xv)
    ya = np.asarray(yv)
    bin_rows.append("{%d, %s, %s, %s, %s}" % (
        BIN.index(name), carr(xa, xw), carr(ya, yw),
        NONE if err else carr(np.asarray(r)), cstr(err)))

# ---------------------------------------------------------------- unary
Asig = (A1 @ W1 + B1)  # the chapter's A1 = [[0.3 0.7 1.1]]
un_cases = [
    ("sigmoid", Asig), ("sigmoid", np.array([-1.0, 1.0, 2.0])),
    ("sigmoid", z100[:4].copy()), ("sigmoid", np.arange(-3, 3)),
    ("sigmoid", np.array([-1000.0, 1000.0, 0.0])),
    ("relu", np.array([-1.0, 0.0, 2.5, np.nan])), ("relu", np.array([-3, 0, 4])),
    ("relu", np.array([-2.0, 3.0], dtype=np.float32)),
    ("step", np.arange(-2.0, 2.5, 0.5)), ("step", np.array([-1, 0, 1])),
    ("exp", np.array([0.0, 1.0, 710.0])), ("exp", np.arange(3)),
    ("exp", np.array([0.5, -1.0, 3.0], dtype=np.float32)),
    ("log", np.array([1.0, 0.0, -1.0, np.e])), ("log", np.arange(3)),
    ("sqrt", np.array([4.0, 2.0, -1.0])), ("sqrt", np.array([2.0], dtype=np.float32)),
    ("tanh", np.array([-1.0, 0.0, 0.5])),
    ("absolute", np.array([-3, 4])), ("absolute", np.array([-1.5, 2.0], dtype=np.float32)),
    ("negative", np.array([1, -2])), ("negative", np.array([True])),
    ("negative", np.array([1, 2], dtype=np.uint8)),
    ("invert", np.array([True, False])), ("invert", np.array([0, 5])),
    ("invert", np.array([1.0])),
]
UNF = {
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "relu": lambda x: np.maximum(0, x),
    "step": lambda x: np.array(x > 0, dtype=np.int64),
}
un_rows = []
for name, x in un_cases:
    f = UNF.get(name) or getattr(np, name)
    with np.errstate(all="ignore"):
        r, err = run(lambda: f(x))
    un_rows.append("{%d, %s, %s, %s}" % (UN.index(name), carr(x),
                                         NONE if err else carr(np.asarray(r)), cstr(err)))

# ---------------------------------------------------------------- dot / matmul
X = np.array([1.0, 0.5])
net_x = np.array([1.0, 2.0])
net_W = np.array([[1, 3, 5], [2, 4, 6]])
dot_cases = [
    ("dot", X, W1), ("dot", A1, W1),
    ("dot", np.array([[1, 2], [3, 4]]), np.array([[5, 6], [7, 8]])),
    ("dot", np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])),
    ("dot", net_x, net_W),
    ("dot", np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0])),
    ("dot", np.arange(6.0).reshape(2, 3), np.array([1.0, 0.0, -1.0])),
    ("dot", np.array(2.0), np.arange(3.0)),
    ("dot", np.zeros((2, 3)), np.zeros(2)),
    ("dot", np.zeros(3), np.zeros(2)),
    ("dot", np.zeros((2, 3)), np.zeros((2, 3))),
    ("dot", rng.randn(7, 13).astype(np.float32), rng.randn(13, 5).astype(np.float32)),
    ("dot", rng.randn(2, 3, 4), rng.randn(4)),
    ("dot", rng.randn(2, 3), rng.randn(2, 3, 2)),
    ("dot", np.array([True, False]), np.array([True, True])),
    ("dot", np.arange(3, dtype=np.float32), np.arange(3)),
    ("dot", np.zeros((2, 0)), np.zeros((0, 3))),
    ("matmul", np.arange(6.0).reshape(2, 3), np.arange(12.0).reshape(3, 4)),
    ("matmul", np.arange(3.0), np.arange(12.0).reshape(3, 4)),
    ("matmul", np.arange(12.0).reshape(2, 2, 3), np.arange(6.0).reshape(3, 2)),
    ("matmul", np.ones((2, 3)), np.ones((2, 3))),
    ("matmul", np.ones(2), np.array(3.0)),
    ("matmul", np.ones((2, 2, 3)), np.ones((3, 3, 4))),
]
dot_rows = []
for name, x, y in dot_cases:
    f = getattr(np, name)
    r, err = run(lambda: f(x, y))
    dot_rows.append("{%d, %s, %s, %s, %s}" % (0 if name == "dot" else 1, carr(x), carr(y),
                                              NONE if err else carr(np.asarray(r)), cstr(err)))

# ---------------------------------------------------------------- reductions
ALL = -999
m23 = np.array([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
big = rng.rand(1000).astype(np.float32)
red_cases = [
    ("sum", m23, ALL, False), ("sum", m23, 0, False), ("sum", m23, 1, True),
    ("sum", m23, -1, False), ("sum", m23, 2, False), ("sum", np.array(5.0), 0, False),
    ("sum", np.array([True, True, False]), ALL, False),
    ("sum", np.array([200, 100], dtype=np.uint8), ALL, False),
    ("sum", big, ALL, False), ("sum", rng.rand(3, 300), 1, False),
    ("sum", rng.rand(300, 3).astype(np.float32), 0, False),
    ("sum", np.zeros((0, 3)), 0, False),
    ("mean", m23, ALL, False), ("mean", m23, 0, True), ("mean", np.arange(7), ALL, False),
    ("mean", big, ALL, False), ("mean", big.reshape(10, 100), 1, False),
    ("max", m23, ALL, False), ("max", m23, 1, False), ("max", np.array([1.0, np.nan, 3.0]), ALL, False),
    ("max", np.zeros(0), ALL, False), ("min", m23, 0, False), ("min", m23, -2, True),
    ("argmax", m23, ALL, False), ("argmax", m23, 1, False), ("argmax", m23, 0, True),
    ("argmax", np.array([[0.1, 0.8, 0.1], [0.3, 0.1, 0.6]]), 1, False),
    ("argmax", np.array([1.0, np.nan, 3.0]), ALL, False), ("argmax", np.zeros(0), ALL, False),
    ("argmin", m23, ALL, False), ("argmin", np.array([3, 1, 1]), 0, False),
    ("sum", rng.rand(2, 3, 4), 1, False), ("max", np.arange(24).reshape(2, 3, 4), -1, True),
]
red_rows = []
for name, x, axis, kd in red_cases:
    f = getattr(np, name)
    ax = None if axis == ALL else axis
    r, err = run(lambda: f(x, axis=ax, keepdims=kd))
    red_rows.append("{%d, %d, %d, %s, %s, %s}" % (RED.index(name), axis, 1 if kd else 0, carr(x),
                                                  NONE if err else carr(np.asarray(r)), cstr(err)))


# ---------------------------------------------------------------- softmax
def softmax_book(a):
    c = np.max(a)
    exp_a = np.exp(a - c)
    return exp_a / np.sum(exp_a)


def softmax_rows(a):
    c = np.max(a, axis=-1, keepdims=True)
    ea = np.exp(a - c)
    return ea / np.sum(ea, axis=-1, keepdims=True)


def softmax_naive(a):
    ea = np.exp(a)
    return ea / np.sum(ea)


sm_cases = [
    ("safe", np.array([0.3, 2.9, 4.0])), ("safe", np.array([1010.0, 1000.0, 990.0])),
    ("safe", np.array([0.3, 2.9, 4.0], dtype=np.float32)),
    ("safe", np.array([[0.3, 2.9, 4.0], [1.0, 1.0, 1.0]])),
    ("safe", rng.randn(4, 10).astype(np.float32)), ("safe", np.arange(4)),
    ("naive", np.array([0.3, 2.9, 4.0])), ("naive", np.array([1010.0, 1000.0, 990.0])),
    ("naive", np.array([[1.0, 2.0], [3.0, 4.0]])),
]
sm_rows = []
for kind, x in sm_cases:
    with np.errstate(all="ignore"):
        if kind == "naive":
            r = softmax_naive(x)
            with np.errstate(over="raise", invalid="ignore"):
                ov, _ = run(lambda: np.exp(x))
            overflow = ov is None
        else:
            r = softmax_book(x) if x.ndim == 1 else softmax_rows(x)
            overflow = False
    sm_rows.append("{%d, %s, %s, %d}" % (1 if kind == "naive" else 0, carr(x), carr(r),
                                        1 if overflow else 0))

# ---------------------------------------------------------------- shapes
a6 = np.arange(6)
shape_rows = []  # kind: 0 reshape, 1 transpose, 2 flatten, 3 astype


def shape_case(kind, x, arg, f):
    r, err = run(f)
    if kind == 0:
        argc = "%d, {%s}" % (len(arg), ", ".join(map(str, list(arg) + [0] * (4 - len(arg)))))
    elif kind == 3:
        argc = "%d, {0}" % DT[np.dtype(arg)]
    else:
        argc = "0, {0}"
    shape_rows.append("{%d, %s, %s, %s, %s}" % (kind, carr(x), argc,
                                                NONE if err else carr(np.asarray(r)), cstr(err)))


for shp in [(2, 3), (3, -1), (-1,), (4,), (4, -1), (-1, -1), (1, 2, 3, 1), (6, 1)]:
    shape_case(0, a6, shp, lambda: a6.reshape(shp))
for x in [np.arange(6.0).reshape(2, 3), np.arange(24).reshape(2, 3, 4), np.arange(3), np.array(2.0)]:
    shape_case(1, x, None, lambda: x.T)
shape_case(2, np.arange(6.0).reshape(2, 3), None, lambda: np.arange(6.0).reshape(2, 3).flatten())
for x, t in [(np.array([-1.7, 2.9, 300.0, -1.0]), np.uint8), (np.array([-1.7, 2.9, np.nan]), np.int64),
             (np.array([0.0, -0.5, np.nan]), bool), (np.array([1.0, 2.5], dtype=np.float32), np.float64),
             (np.array([257, -1]), np.uint8), (np.array([0.1, 1e40]), np.float32)]:
    with np.errstate(all="ignore"):
        shape_case(3, x, t, lambda: x.astype(t))

# ---------------------------------------------------------------- indexing
IDX_INT, IDX_SLICE, IDX_NEWAXIS, IDX_ARRAY = range(4)
idx_rows = []
x34 = np.arange(12).reshape(3, 4)
x234 = np.arange(24.0).reshape(2, 3, 4)
x5 = np.arange(5) * 10


def item(it):
    """A NumPy index item -> C IndexItem initializer."""
    if isinstance(it, (int, np.integer)):
        return "{%d, %d, 0, 0, 0, 0, 0, NULL}" % (IDX_INT, it)
    if it is None:
        return "{%d, 0, 0, 0, 0, 0, 0, NULL}" % IDX_NEWAXIS
    if isinstance(it, slice):
        return "{%d, 0, %d, %d, %d, %d, %d, NULL}" % (
            IDX_SLICE, it.start is not None, it.stop is not None, it.start or 0, it.stop or 0,
            1 if it.step is None else it.step)
    return None  # arrays handled by the caller


def idx_case(x, key):
    key = key if isinstance(key, tuple) else (key,)
    r, err = run(lambda: x[key])
    items = []
    arr_init = NONE
    for it in key:
        s = item(it)
        if s is None:
            arr_init = carr(np.asarray(it))
            s = "{%d, 0, 0, 0, 0, 0, 0, NULL}" % IDX_ARRAY
        items.append(s)
    items += ["{0, 0, 0, 0, 0, 0, 0, NULL}"] * (6 - len(items))
    idx_rows.append("{%s, %d, {%s}, %s, %s, %s}" % (carr(x), len(key), ", ".join(items), arr_init,
                                                     NONE if err else carr(np.asarray(r)), cstr(err)))


S = slice
for key in [1, -1, (1, 2), (-1, -4), S(None, None, -1), S(None, 2), S(1, None),
            (S(None), 1), (S(None, None, 2), S(None, None, -2)), (S(-100, 100), S(3, 0, -1)),
            (None, 1), (S(None), None), (1, None, S(1, 3)), 3, (0, 4), (0, -5), (1, 2, 3),
            (S(None, None, 0),), (np.array([2, 0, -1]),), (S(None), np.array([3, 3, 0])),
            (np.array([True, False, True]),), (np.array([True, False]),), (np.array([0, 3]),),
            (np.array([0.0]),), (1, np.array([0, 2])), (S(5, 1),)]:
    idx_case(x34, key)
for key in [(0, S(None), np.array([1, 3])), (np.array([1, 0]), S(None), 2), (1, np.array([0, 2]), S(None)),
            (S(None), S(None), S(None), None)]:
    idx_case(x234, key)
for key in [S(-3, None), S(None, None, -2), S(10, None), S(-10, 2), 5, (np.array([4, 0]),),
            S(10, None, -1), S(None, -10, -1), S(-10, None, -1), S(2, 10, 3), S(3, -10, -2)]:
    idx_case(x5, key)
idx_case(np.array(7.0), (0,))
idx_case(np.array(7.0), (None,))

# ---------------------------------------------------------------- arange
ar_rows = []
for args, isf in [((-5.0, 5.0, 0.1), True), ((0, 10, 3), False), ((0.0, 1.0, 0.3), True),
                  ((10, 0, -2), False), ((1.0, 0.0, 0.5), True), ((0, 0, 1), False),
                  ((0.5, 3.0, 1.0), True)]:
    r = np.arange(*[float(v) if isf else int(v) for v in args])
    ar_rows.append("{%s, %s, %s, %d, %s}" % (num(args[0]), num(args[1]), num(args[2]), isf, carr(r)))

# ---------------------------------------------------------------- rng
rng_rows = []
for seed, kind, n in [(0, "rand", 5), (42, "rand", 3), (0, "randn", 7), (42, "randn", 4),
                      (12345, "randn", 3), (4294967295, "rand", 2)]:
    np.random.seed(seed)
    v = np.random.rand(n) if kind == "rand" else np.random.randn(n)
    rng_rows.append("{%du, %d, %s}" % (seed, 1 if kind == "randn" else 0, carr(v)))
np.random.seed(1)
mixed = [np.random.randn(), np.random.rand(), np.random.randn(), np.random.randn()]

# ---------------------------------------------------------------- write
with open("tests/unit/ops_ref.h", "w") as fh:
    w = fh.write
    w("/* ops_ref.h - generated by tests/tools/gen_ops_ref.py with NumPy %s. Do not edit. */\n"
      % np.__version__)
    w("#ifndef OPS_REF_H\n#define OPS_REF_H\n#include <math.h>\n#include <stddef.h>\n#include <stdint.h>\n\n")
    w("typedef struct RefArr { int dtype, ndim; int64_t shape[4]; int64_t size; const double *v; int weak; } RefArr;\n")
    w("typedef struct RefBin { int op; RefArr a, b, r; const char *err; } RefBin;\n")
    w("typedef struct RefUn { int op; RefArr a, r; const char *err; } RefUn;\n")
    w("typedef struct RefDot { int matmul; RefArr a, b, r; const char *err; } RefDot;\n")
    w("typedef struct RefRed { int op, axis, keepdims; RefArr a, r; const char *err; } RefRed;\n")
    w("typedef struct RefSoftmax { int naive; RefArr a, r; int overflow; } RefSoftmax;\n")
    w("typedef struct RefShape { int kind; RefArr a; int n; int64_t arg[4]; RefArr r; const char *err; } RefShape;\n")
    w("typedef struct RefIdxItem { int kind; int64_t i; int has_start, has_stop; int64_t start, stop, step; const void *unused; } RefIdxItem;\n")
    w("typedef struct RefIdx { RefArr a; int nitems; RefIdxItem items[6]; RefArr arr, r; const char *err; } RefIdx;\n")
    w("typedef struct RefArange { double start, stop, step; int is_float; RefArr r; } RefArange;\n")
    w("typedef struct RefRng { uint32_t seed; int normal; RefArr r; } RefRng;\n\n")
    w("\n".join(out) + "\n\n")
    for name, typ, rows in [("ref_bin", "RefBin", bin_rows), ("ref_un", "RefUn", un_rows),
                            ("ref_dot", "RefDot", dot_rows), ("ref_red", "RefRed", red_rows),
                            ("ref_softmax", "RefSoftmax", sm_rows), ("ref_shape", "RefShape", shape_rows),
                            ("ref_idx", "RefIdx", idx_rows), ("ref_arange", "RefArange", ar_rows),
                            ("ref_rng", "RefRng", rng_rows)]:
        w("static const %s %s[] = {\n    %s,\n};\n\n" % (typ, name, ",\n    ".join(rows)))
    w("/* np.random.seed(1); randn(), rand(), randn(), randn() */\n")
    w("static const double ref_rng_mixed[] = {%s};\n\n" % ", ".join(repr(float(v)) for v in mixed))
    w("#endif\n")
n = sum(map(len, [bin_rows, un_rows, dot_rows, red_rows, sm_rows, shape_rows, idx_rows, ar_rows, rng_rows]))
print("wrote tests/unit/ops_ref.h: %d cases" % n, file=sys.stderr)
