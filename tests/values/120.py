import numpy as np
x = np.array([1.0, 0.5, 1.5, -2.0])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
p, q = 3.0, 'dog'
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
