import numpy as np
def scale(x, k=12, shift=0):
    return x * k + shift
print(scale(-1), scale(2, 3), scale(1, shift=10))
print(scale(1.5, k=2, shift=0.5))
x = np.array([3, 2, 5, 1])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
