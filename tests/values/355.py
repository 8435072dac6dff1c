import numpy as np
x = np.array([1.0, 0.0, 1.5, 0.0])
print(type(x[0]), np.max(x), np.argmax(x), x.ndim)
a = 100
b = 16
print(a + b * 2, (a - b) * 3, a + b, a / b)
