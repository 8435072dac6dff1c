import numpy as np
n = 12345678901234567
print(n, n - 1, n // 7)
def scale(x, k=42, shift=0):
    return x * k + shift
print(scale(1e16), scale(2, 3), scale(1, shift=42))
print(scale(1.5, k=2, shift=0.5))
x = np.array([[9, -4, 5], [2, 8, -3], [-1, 0, 5]])
print(x + 1, x.ndim, x.shape, np.sum(x) + 1)
