import numpy as np
x = np.array([0.25, 1.5, 0.0, 0.5, 1.0])
c = [x[0]]
print(c)
print(len(c), type(c))
def scale(x, k=2, shift=0):
    return x * k + shift
print(scale(255), scale(2, 3), scale(1, shift=12))
print(scale(1.5, k=2, shift=0.5))
