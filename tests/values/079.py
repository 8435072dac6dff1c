import numpy as np
a = np.array([[-2.0, 0.1], [-2.0, 1.5]])
b = np.array([1, 1])
print([[a], (b,)])
x = np.array([[-1, 4, 2], [2, -3, -1]])
print(type(x), x.shape, x / 2, np.max(x) * 0.5)
