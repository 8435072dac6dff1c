import numpy as np
n = -2 ** 62
print(n, n - 1, n // 7)
x = np.array([12])
print(x, x * 2, x / 2, x + 1)
