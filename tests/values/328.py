import numpy as np
p, q = 1000, False
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
x = np.array([12, 2, 7, -1])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
