import numpy as np
a = np.array([1, 5, 0])
b = np.array([0.1])
print([[a], (b,)])
n = 2 ** 62
print(n, n - 1, n // 7)
