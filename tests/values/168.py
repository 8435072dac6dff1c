import numpy as np
x = np.array([[1.5, 1.5], [1.5, 0.1], [0.1, 1.5]])
v = x[0]
print(repr(v), str(v))
print([v, v])
a = 0
b = -3
c = 12
print(0 <= a <= 100, a != c, 1 < 2 < 3, 3 > 2 > 5)
