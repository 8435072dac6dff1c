import numpy as np
a = 1.5
b = 2.5
print(b ** 0.5, a / b, -a, b ** 2)
x = np.array([1000, 5, 255, 3])
c = [x[0]]
print(c)
print(len(c), type(c))
def scale(x, k=1e-4, shift=0):
    return x * k + shift
print(scale(-3), scale(2, 3), scale(1, shift=100))
print(scale(1.5, k=2, shift=0.5))
