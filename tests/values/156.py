import numpy as np
def scale(x, k=-8, shift=0):
    return x * k + shift
print(scale(1e16), scale(2, 3), scale(1, shift=12))
print(scale(1.5, k=2, shift=0.5))
x = np.array([-1, 7])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
