import numpy as np
n = 9007199254740993
print(n, n - 1, n // 7)
x = np.array([[4, -1], [9, -4], [0, 3]])
v = x
print(repr(v), str(v))
print([v, v])
