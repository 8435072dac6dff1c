import numpy as np
a = np.array([7, 7, -1, 10, 1000])
b = np.array([1.0, 0.5, 0.25, 1.5, 1.0])
print([a, b])
x = np.array([1.5, 2.0, 3.25, 0.1])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
