import numpy as np
print(1 / 3, 1.0 * 1e15, 2 / 3)
a = 2.25
b = 0.3
print(a + b, 1 / b, b ** 0.5, a * b)
x = np.array([42])
print(np.sum(x) + 1, x.dtype, x, x.ndim)
