import numpy as np
print(round(7, -1), round(2.25, 1), round(12345.678))
x = None
y = 123.456
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
x = np.array([5, 42, -8, 0])
print(type(np.sum(x)), x * 2, type(x[0]), x / 2)
