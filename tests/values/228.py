import numpy as np
def scale(x, k=2.25, shift=0):
    return x * k + shift
print(scale(-1), scale(2, 3), scale(1, shift=12))
print(scale(1.5, k=2, shift=0.5))
a = np.array([1, 2, 2, 1000])
b = np.array([12, 255, 3])
print([a * 2, b / 2])
