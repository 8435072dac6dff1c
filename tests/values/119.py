import numpy as np
x = True
y = 255
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
x = np.array([1.5])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
x = np.array([3, 100, 1, 42])
print(round(float(x[0])), x.shape[0], float(np.sum(x)), bool(np.argmax(x)))
