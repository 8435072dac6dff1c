import numpy as np
x = np.array([3, 7, 255, 42, 1])
print(x + 1, np.max(x) * 0.5, np.argmax(x), x.shape)
a = 42
b = 7
c = 3
print(b > c != a, a < b, a != c, a <= b < c)
