#!/usr/bin/python3
"""Write tests/values/NNN.py and NNN.out: small random Python programs over
ints, floats, bools, None, strings, lists, tuples, dicts, ranges, loops,
functions and NumPy values, each with the exact text Python 3 and NumPy 1.24
print for it.  tests/run.sh runs every program with `nnsh -q` and compares.

The programs use only constructs nnsh means to support (issue 9): no list
comprehensions, f-strings, %-formatting, **=, //=, %=, class or try.  A
program that raises in Python is thrown away and drawn again, so every
expected output is a complete run.  The generator is seeded: running it again
writes the same files.

Run from the repository root:  /usr/bin/python3 tests/tools/gen_values.py
"""
import os
import random
import subprocess
import sys

import numpy as np

assert np.__version__.startswith("1.24"), np.__version__

COUNT = 360
SEED = 20261129
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "values")

R = random.Random(SEED)


# --- literals -------------------------------------------------------------

def small_int():
    return R.choice([0, 1, 2, 3, 5, 7, 10, 12, 100, -1, -3, -8, 42, 255, 1000])


def nonzero_int():
    return R.choice([1, 2, 3, 4, 5, 7, -2, -3, 9, 16])


FLOATS = ["0.1", "0.2", "0.5", "1.5", "2.25", "-0.75", "3.0", "1e-05", "1e20",
          "2.5e-7", "123.456", "0.001", "1e16", "-2.0", "0.3", "7.125", "1.0",
          "100.0", "0.0", "1e-4", "12345.678", "6.02e23"]


def float_lit():
    return R.choice(FLOATS)


def num_lit():
    return str(small_int()) if R.random() < 0.5 else float_lit()


WORDS = ["a", "b", "x", "nn", "py", "cat", "dog", "W1", "b2", "hi there",
         "it's", "", "0.5", "layer", "A", "Z"]


def str_lit():
    w = R.choice(WORDS)
    return repr(w)


def atom():
    k = R.random()
    if k < 0.3:
        return str(small_int())
    if k < 0.5:
        return float_lit()
    if k < 0.65:
        return str_lit()
    if k < 0.8:
        return R.choice(["True", "False"])
    if k < 0.88:
        return "None"
    return "[" + ", ".join(str(small_int()) for _ in range(R.randint(0, 3))) + "]"


def int_list(n=None):
    n = R.randint(1, 5) if n is None else n
    return "[" + ", ".join(str(small_int()) for _ in range(n)) + "]"


def float_list(n=None):
    n = R.randint(1, 5) if n is None else n
    return "[" + ", ".join(float_lit() for _ in range(n)) + "]"


def mixed_list(n=None):
    n = R.randint(0, 4) if n is None else n
    return "[" + ", ".join(atom() for _ in range(n)) + "]"


def tuple_lit(n=None):
    n = R.randint(0, 3) if n is None else n
    items = [atom() for _ in range(n)]
    if n == 1:
        return "(" + items[0] + ",)"
    return "(" + ", ".join(items) + ")"


def np_list():
    k = R.random()
    n = R.randint(1, 5)
    if k < 0.4:
        return int_list(n)
    if k < 0.8:
        return "[" + ", ".join(R.choice(["0.1", "0.5", "1.5", "-2.0", "3.25",
                                         "0.0", "1.0", "2.0", "0.25", "10.0"])
                               for _ in range(n)) + "]"
    rows = R.randint(1, 3)
    cols = R.randint(1, 3)
    fl = R.random() < 0.5
    return "[" + ", ".join(
        "[" + ", ".join((R.choice(["0.1", "1.5", "-2.0", "3.0"]) if fl
                         else str(R.randint(-5, 9))) for _ in range(cols)) + "]"
        for _ in range(rows)) + "]"


# --- snippets: each returns a list of lines that print something ----------

def s_int_arith():
    a, b = small_int(), nonzero_int()
    ops = R.sample(["a + b", "a - b", "a * b", "a / b", "a // b", "a % b",
                    "-a", "a ** 2", "b ** 3", "2 ** b", "a + b * 2",
                    "(a - b) * 3", "a / b + 1", "abs(a - b)"], 4)
    return ["a = %d" % a, "b = %d" % b, "print(" + ", ".join(ops) + ")"]


def s_float_arith():
    a, b = float_lit(), R.choice(["0.1", "3.0", "2.5", "-1.5", "7", "4", "0.3"])
    ops = R.sample(["a + b", "a - b", "a * b", "a / b", "a // b", "a % b",
                    "-a", "a * 2", "b ** 2", "a + 1", "a / 3", "1 / b",
                    "a * b * 1.5", "b ** 0.5" if not b.startswith("-") else "b"],
                   4)
    return ["a = " + a, "b = " + b, "print(" + ", ".join(ops) + ")"]


def s_float_print():
    vals = [R.choice(["0.1 + 0.2", "1 / 3", "2 / 3", "10 / 4", "1e300 * 10",
                      "-0.0", "1.0 * 1e15", "1.0 * 1e16", "2 ** -1",
                      "2 ** 0.5", "0.1 * 3", "1.1 + 2.2", "100.0 / 7",
                      "123456789.0 * 1000", "1e-5 * 3", "5e-324 * 1",
                      "float(7)", "7 / 7", "0.5 ** 10", "3.14159 * 2"])
            for _ in range(R.randint(2, 5))]
    return ["print(" + ", ".join(vals) + ")"]


def s_bool():
    x, y = atom(), atom()
    return ["x = " + x, "y = " + y,
            "print(x and y, x or y, not x, not y)",
            "print(True + True, True * 3, False == 0, 1 == 1.0)"
            if R.random() < 0.4 else "print(bool(x), bool(y))"]


def s_compare():
    a, b, c = small_int(), small_int(), num_lit()
    exprs = R.sample(["a < b", "a <= b < c", "a == b", "a != c", "a < b < c",
                      "c > a > b", "a == a == a", "0 <= a <= 100",
                      "a >= c", "b > c != a", "1 < 2 < 3", "3 > 2 > 5"], 4)
    return ["a = %d" % a, "b = %d" % b, "c = " + c,
            "print(" + ", ".join(exprs) + ")"]


def s_cond():
    a = small_int()
    lines = ["n = %d" % a,
             "kind = 'big' if n > 10 else 'small'",
             "sign = -1 if n < 0 else (0 if n == 0 else 1)",
             "print(kind, sign)"]
    if R.random() < 0.5:
        lines.append("print(n if n else 'zero', n % 2 == 0)")
    return lines


def s_string():
    a, b = str_lit(), str_lit()
    n = R.randint(0, 3)
    return ["s = %s" % a, "t = %s + str(%s) + %s" % (a, num_lit(), b),
            "print(s, t, len(t))",
            "print(s * %d, %s in t, 'q' not in t, s + '|' + t)" % (n, a)]


def s_str_conv():
    vals = R.sample(["str(1.0)", "str(True)", "str(None)", "str(0.1)",
                     "str(1e20)", "str(-3)", "str([1, 'a'])", "str((1, 2))",
                     "repr('a')", "repr(\"it's\")", "str(1 / 3)", "str(2.5e-7)",
                     "str(100.0)", "repr(1.5)", "str([0.1, None])",
                     "str(())", "str((3,))"], 4)
    return ["print(" + ", ".join(vals) + ")",
            "print('n=' + str(%s) + ';')" % num_lit()]


def s_list():
    lst = mixed_list(R.randint(1, 4))
    extra = atom()
    lines = ["L = " + lst, "L.append(%s)" % extra]
    lines.append("print(L, len(L), L[0], L[-1])")
    lines.append(R.choice(["print(L[1:3], L[::-1], L[:1])",
                           "print(L + [1, 2], L * 2)",
                           "print(%s in L, None not in L)" % atom(),
                           "print([0] * 3, [] + L, L[-2:])"]))
    return lines


def s_list_loop():
    lst = int_list(R.randint(1, 6))
    return ["xs = " + lst, "total = 0", "out = []",
            "for v in xs:",
            "    total = total + v",
            "    if v % 2 == 0:",
            "        out.append(v)",
            "print(total, out, len(out), sum(xs))"]


def s_tuple():
    t1, t2 = tuple_lit(R.randint(2, 3)), tuple_lit()
    return ["t = " + t1, "u = " + t2,
            "print(t, u, t + u, len(t + u))",
            "print(t == u, t == t, t + (1,) == t, () == ())"
            if R.random() < 0.6 else "print(t[0], t[-1], u)"]


def s_unpack():
    a, b = num_lit(), atom()
    return ["p, q = %s, %s" % (a, b), "p, q = q, p",
            "(m, n) = (1, 2)", "print(p, q, m + n)",
            "r, s, w = [1, 'two', 3.0]", "print(r, s, w)"]


def s_dict():
    k1, k2 = R.sample(["W1", "b1", "x", "lr", "name", "acc"], 2)
    v1, v2 = atom(), atom()
    lines = ["d = {}", "d[%r] = %s" % (k1, v1), "d[%r] = %s" % (k2, v2)]
    lines.append(R.choice(["print(d)", "print(d, len(d))",
                           "print(%r in d, 'zz' in d)" % k1,
                           "print(d[%r], d[%r])" % (k1, k2)]))
    lines.append(R.choice(["print(list(d.keys()), list(d.values()))",
                           "print(d.keys())", "print(d.items())",
                           "print(d.values())",
                           "print(list(d.items()))"]))
    return lines


def s_dict_loop():
    return ["net = {'a': %s, 'b': %s}" % (num_lit(), num_lit()),
            "net['c'] = %s" % num_lit(),
            "for k, v in net.items():",
            "    print(k, v)",
            "for k in net:",
            "    print(k, end=' ')",
            "print()"]


def s_range():
    a = R.randint(0, 4)
    b = a + R.randint(0, 8)
    st = R.choice([1, 2, 3])
    return ["r = range(%d, %d, %d)" % (a, b, st),
            "print(list(r), len(r), list(range(%d)))" % R.randint(0, 5),
            "print(range(%d), list(range(%d, %d, -1)))" % (b, b, a)]


def s_enum_zip():
    xs, ys = int_list(3), "[" + ", ".join(str_lit() for _ in range(3)) + "]"
    return ["xs = " + xs, "ys = " + ys,
            "for i, x in enumerate(xs):",
            "    print(i, x)",
            "for x, y in zip(xs, ys):",
            "    print(x, y, sep=':')",
            "print(list(zip(xs, ys)), list(enumerate(ys)))"]


def s_while():
    n = R.randint(1, 30)
    return ["n = %d" % n, "steps = 0",
            "while n != 1 and steps < 50:",
            "    if n % 2 == 0:",
            "        n = n // 2",
            "    else:",
            "        n = 3 * n + 1",
            "    steps += 1",
            "print(n, steps)"]


def s_func():
    d = num_lit()
    a = num_lit()
    return ["def scale(x, k=%s, shift=0):" % d,
            "    return x * k + shift",
            "print(scale(%s), scale(2, 3), scale(1, shift=%d))" % (a, small_int()),
            "print(scale(1.5, k=2, shift=0.5))"]


def s_func_branch():
    return ["def grade(score, cut=50):",
            "    if score >= cut + 30:",
            "        return 'A'",
            "    elif score >= cut:",
            "        return 'B'",
            "    return 'C'",
            "print(grade(%d), grade(%d), grade(%d, cut=%d))"
            % (R.randint(0, 100), R.randint(0, 100), R.randint(0, 100),
               R.randint(10, 90))]


def s_print_args():
    args = ", ".join(atom() for _ in range(R.randint(0, 4)))
    kw = R.choice(["", ", sep='-'", ", sep=''", ", end='!\\n'",
                   ", sep=', ', end='.\\n'", ", sep='\\t'", ", end=''"])
    lines = ["print(" + args + kw + ")"]
    if kw.endswith("end='')"):
        lines.append("print()")
    return lines


def s_builtins_num():
    vals = R.sample(["int(3.7)", "int(-3.9)", "float(2)", "float(True)",
                     "int(True)", "bool(0)", "bool(2.5)", "abs(-3)",
                     "abs(-2.5)", "abs(True)", "min(3, 1)", "max(2, 7, 5)",
                     "min([4, 2, 8])", "max([1.5, 0.5])", "sum([1, 2, 3])",
                     "sum([0.1, 0.2])", "sum([])", "min(2.5, 1)",
                     "max(-1, -1.5)", "int('12')", "float('1.5')",
                     "bool('x')", "bool('')", "bool([])", "bool(None)",
                     "sum(range(5))", "max(range(4))", "sum([True, True])"],
                    4)
    return ["print(" + ", ".join(vals) + ")"]


def s_round():
    vals = R.sample(["round(0.5)", "round(1.5)", "round(2.5)", "round(-2.5)",
                     "round(3.7)", "round(-0.4)", "round(2.675, 2)",
                     "round(3.14159, 2)", "round(7, -1)", "round(1234, -2)",
                     "round(0.125, 2)", "round(%s)" % float_lit(),
                     "round(%s, 1)" % float_lit(), "round(5)"], 3)
    return ["print(" + ", ".join(vals) + ")"]


def s_types():
    vals = R.sample(["type(1)", "type(1.0)", "type('a')", "type([])",
                     "type(())", "type({})", "type(None)", "type(True)",
                     "type(range(2))", "isinstance(1, int)",
                     "isinstance(1.0, float)", "isinstance(True, int)",
                     "isinstance('a', str)", "isinstance([], list)",
                     "isinstance(1, float)", "isinstance((1,), tuple)",
                     "isinstance({}, dict)", "type(1) == int",
                     "isinstance(1.5, (int, float))",
                     "isinstance('a', (int, list))",
                     "type(2.0) is float"], 4)
    return ["print(" + ", ".join(vals) + ")"]


def s_is_none():
    v = R.choice(["None", str(small_int()), "[]", "''"])
    return ["v = " + v, "w = None",
            "print(v is None, v is not None, w is None, v == None)",
            "if v is None:", "    print('none')", "else:",
            "    print('value', v)"]


def s_np_basic():
    lst = np_list()
    ops = R.sample(["x", "np.sum(x)", "np.max(x)", "np.argmax(x)", "x[0]",
                    "x.shape", "x.dtype", "x.ndim", "len(x)", "x * 2",
                    "x + 1", "x / 2", "type(x)", "type(x[0])",
                    "type(np.sum(x))", "np.sum(x) + 1", "x[-1]",
                    "np.max(x) * 0.5"], 4)
    return ["import numpy as np", "x = np.array(%s)" % lst,
            "print(" + ", ".join(ops) + ")"]


def s_np_containers():
    lst = np_list()
    c = R.choice(["[x, x[0]]", "(x, np.sum(x))", "{'x': x}",
                  "[np.sum(x), np.max(x)]", "{'s': np.sum(x), 'n': len(x)}",
                  "(x.shape, x.ndim)", "[x[0]]", "{'W': x, 'b': [1, 2]}",
                  "[np.argmax(x)]", "(np.max(x),)"])
    return ["import numpy as np", "x = np.array(%s)" % lst, "c = " + c,
            "print(c)", "print(len(c), type(c))"]


def s_np_repr():
    lst = np_list()
    v = R.choice(["x", "np.sum(x)", "x[0]", "np.max(x)", "np.argmax(x)"])
    return ["import numpy as np", "x = np.array(%s)" % lst,
            "v = " + v, "print(repr(v), str(v))", "print([v, v])"]


def s_np_loop():
    lst = np_list()
    return ["import numpy as np", "x = np.array(%s)" % lst, "acc = 0",
            "for row in x:", "    acc = acc + np.sum(row)",
            "print(acc, x.shape == (%d,), x.shape)" % R.randint(1, 5),
            "print('sum: ' + str(np.sum(x)))"]


def s_np_weights():
    return ["import numpy as np", "network = {}",
            "network['W1'] = np.array(%s)" % np_list(),
            "network['b1'] = np.array(%s)" % np_list(),
            "for key in network.keys():",
            "    print(key, network[key].shape, network[key].dtype)",
            "print(network)" if R.random() < 0.5 else
            "print(network['W1'], network['b1'])"]


def s_augassign():
    a = small_int()
    return ["x = %d" % a, "x += 3", "x -= 1", "x *= 2", "print(x)",
            "y = %s" % float_lit(), "y /= 4", "print(y)",
            "s = 'ab'", "s += 'cd'", "L = [1]", "L += [2, 3]",
            "print(s, L)"]


def s_big_int():
    v = R.choice(["10 ** 18", "2 ** 62", "2 ** 53 + 1", "9007199254740993",
                  "-2 ** 62", "12345678901234567", "3 ** 39"])
    return ["n = " + v, "print(n, n - 1, n // 7)"]


def s_np_scalar():
    lst = np_list()
    e = R.sample(["x[0] * 2", "x[0] + x[-1]", "x[0] > 1", "x[0] == x[0]",
                  "-x[0]", "abs(x[-1])", "x[0] / 2", "x[0] ** 2",
                  "str(x[0])", "int(np.max(x))", "float(np.sum(x))",
                  "bool(np.argmax(x))", "round(float(x[0]))",
                  "np.sum(x) / 4", "x.shape[0]", "type(x[0] * 2)",
                  "np.max(x) - np.sum(x)", "str(x.dtype)"], 4)
    return ["import numpy as np", "x = np.array(%s)" % lst,
            "print(" + ", ".join(e) + ")"]


def s_np_nested():
    a, b = np_list(), np_list()
    c = R.choice(["[a, b]", "(a, [b])", "{'a': a, 'b': b}", "[[a], (b,)]",
                  "[a * 2, b / 2]"])
    return ["import numpy as np", "a = np.array(%s)" % a,
            "b = np.array(%s)" % b, "print(%s)" % c]


def s_recursion():
    n = R.randint(0, 12)
    return ["def fact(n):", "    if n <= 1:", "        return 1",
            "    return n * fact(n - 1)",
            "def fib(n, a=0, b=1):", "    while n > 0:",
            "        a, b = b, a + b", "        n -= 1", "    return a",
            "print(fact(%d), fib(%d), fib(%d, 2, 1))" % (n, n, R.randint(0, 9))]


def s_break_continue():
    stop = R.randint(0, 9)
    skip = R.randint(0, 9)
    return ["seen = []", "for i in range(10):",
            "    if i == %d:" % skip, "        continue",
            "    if i == %d:" % stop, "        break",
            "    seen.append(i)", "print(seen, len(seen))"]


def s_alias():
    return ["L = %s" % mixed_list(R.randint(0, 3)), "M = L",
            "M.append(%s)" % atom(), "L[0] = %s" % atom(),
            "t = (L, %s)" % atom(), "print(L, M, t, t[0][0], len(t[0]))"]


def s_nested():
    return ["t = (1, (%s, %s), [%s])" % (atom(), atom(), atom()),
            "d = {'k': [1, 2]}", "d['k'].append(%s)" % atom(),
            "print(t, t[1], t[1][0], t[-1], len(t))",
            "print(d['k'], len(d['k']), 'k' in d, 'z' not in d)"]


def s_unpack_seq():
    k = R.randint(0, 3)
    src = R.choice(["range(%d, %d)" % (k, k + 3), "[%d, 'b', None]" % k,
                    "(%d, 2.5, 'c')" % k, "'xyz'"])
    return ["a, b, c = " + src, "x, y = c, a", "print(a, b, c, x, y)"]


SNIPPETS = [s_int_arith, s_float_arith, s_float_print, s_bool, s_compare,
            s_cond, s_string, s_str_conv, s_list, s_list_loop, s_tuple,
            s_unpack, s_dict, s_dict_loop, s_range, s_enum_zip, s_while,
            s_func, s_func_branch, s_print_args, s_builtins_num, s_round,
            s_types, s_is_none, s_np_basic, s_np_containers, s_np_repr,
            s_np_loop, s_np_weights, s_augassign, s_big_int, s_np_scalar,
            s_np_nested, s_recursion, s_break_continue, s_alias, s_nested,
            s_unpack_seq]


def program():
    """A program of 3 to 12 lines from one to three snippets."""
    while True:
        lines = []
        for _ in range(R.randint(1, 3)):
            lines += R.choice(SNIPPETS)()
        # the import once, at the top
        if "import numpy as np" in lines:
            lines = ["import numpy as np"] + [
                l for l in lines if l != "import numpy as np"]
        if 3 <= len(lines) <= 12:
            return "\n".join(lines) + "\n"


def run_python(src):
    r = subprocess.run([sys.executable, "-c", src], capture_output=True,
                       text=True, timeout=20)
    return r.returncode, r.stdout, r.stderr


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith(".py") or f.endswith(".out"):
            os.remove(os.path.join(OUT, f))
    seen = set()
    n = 0
    dropped = 0
    while n < COUNT:
        src = program()
        if src in seen:
            continue
        seen.add(src)
        rc, out, err = run_python(src)
        if rc != 0 or err or any(len(l) > 200 for l in out.splitlines()):
            dropped += 1
            continue
        n += 1
        base = os.path.join(OUT, "%03d" % n)
        with open(base + ".py", "w") as f:
            f.write(src)
        with open(base + ".out", "w") as f:
            f.write(out)
    print("wrote %d programs to %s (%d dropped: they raise in Python)"
          % (n, os.path.normpath(OUT), dropped))


if __name__ == "__main__":
    main()
