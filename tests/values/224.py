import numpy as np
a, b, c = (2, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
x = np.array([42, 0, 3, 100])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
n = 5
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
