import numpy as np
p, q = 0.1, 1e20
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
x = np.array([[1], [4], [4]])
v = x
print(repr(v), str(v))
print([v, v])
