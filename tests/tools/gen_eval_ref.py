#!/usr/bin/env python3
"""Print the NumPy results that tests/unit/test_eval.c hard-codes.

Run with NumPy 1.24 (/usr/bin/python3) and compare by eye with the strings in
test_eval.c; each line is labelled with the nnsh input it checks.
"""
import numpy as np

X = np.array([1.0, 0.5])
W1 = np.array([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]])
B1 = np.array([0.1, 0.2, 0.3])
W2 = np.array([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]])
B2 = np.array([0.1, 0.2])
W3 = np.array([[0.1, 0.3], [0.2, 0.4]])
B3 = np.array([0.1, 0.2])


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def show(label, v):
    print(f"--- {label}")
    print(v)


A1 = np.dot(X, W1) + B1
Z1 = sigmoid(A1)
A2 = np.dot(Z1, W2) + B2
Z2 = sigmoid(A2)
A3 = np.dot(Z2, W3) + B3
for name, v in [("A1", A1), ("Z1", Z1), ("A2", A2), ("Z2", Z2), ("A3", A3), ("Y", A3)]:
    show(f"forward {name} {v.shape} {v.dtype}", v)
show("dot X W1", np.dot(X, W1))
try:
    np.dot(W1, X)
except ValueError as err:
    show("dot W1 X", err)
show("W1.T", W1.T)
show("W1.reshape(3, 2)", W1.reshape(3, 2))
show("np.sum(W1, axis=0)", np.sum(W1, axis=0))
show("np.sum(W1, axis=1, keepdims=True)", np.sum(W1, axis=1, keepdims=True))
show("(X, 3)", (X, 3))
show("W1.shape", W1.shape)
show("[1, 2.5]", np.array([1, 2.5]))
show("step_function([-1.0, 1.0, 2.0])", np.array(np.array([-1.0, 1.0, 2.0]) > 0, dtype=int))
show("softmax([1010, 1000, 990])", (lambda a: np.exp(a - a.max()) / np.sum(np.exp(a - a.max())))(
    np.array([1010, 1000, 990])))
with np.errstate(all="ignore"):
    a = np.array([1010, 1000, 990])
    show("softmax_naive([1010, 1000, 990])", np.exp(a) / np.sum(np.exp(a)))
np.random.seed(0)
show("np.random.seed(0); np.random.rand(3)", np.random.rand(3))
x = np.arange(10)
show("x[2:5]", x[2:5])
show("x[::-1]", x[::-1])
show("x[x > 5]", x[x > 5])
x[0] = 100
show("x[0] = 100", x)
m = np.array([[0.1, 0.8, 0.1], [0.3, 0.1, 0.6]])
m[m > 0.5] = 0
show("m[m > 0.5] = 0", m)
show("repr(W1)", repr(repr(W1)))
