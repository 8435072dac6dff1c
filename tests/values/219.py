import numpy as np
x = np.array([0.25, 0.1, 1.0, 0.25, 1.5])
v = x
print(repr(v), str(v))
print([v, v])
n = 12345678901234567
print(n, n - 1, n // 7)
x = [7, -1, 255]
y = 42
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
