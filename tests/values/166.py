import numpy as np
x = np.array([7, -1, -8])
print(x[0] / 2, abs(x[-1]), x[0] ** 2, np.max(x) - np.sum(x))
def scale(x, k=255, shift=0):
    return x * k + shift
print(scale(2.25), scale(2, 3), scale(1, shift=42))
print(scale(1.5, k=2, shift=0.5))
