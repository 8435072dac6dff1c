import numpy as np
p, q = 12345.678, 42
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
x = np.array([100])
print(np.max(x), x, type(np.sum(x)), np.sum(x))
