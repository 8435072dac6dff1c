import numpy as np
p, q = -3, 2
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
x = np.array([1000])
print(int(np.max(x)), str(x[0]), abs(x[-1]), np.sum(x) / 4)
