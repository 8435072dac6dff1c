import numpy as np
a = 1e-4
b = 7
print(a % b, a + 1, 1 / b, a // b)
r = range(3, 4, 1)
print(list(r), len(r), list(range(4)))
print(range(4), list(range(4, 3, -1)))
x = np.array([0])
print(x * 2, np.argmax(x), x.dtype, x.ndim)
