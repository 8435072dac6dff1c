import numpy as np
x = np.array([3])
print(np.max(x), len(x), type(np.sum(x)), type(x))
p, q = 12, 123.456
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
