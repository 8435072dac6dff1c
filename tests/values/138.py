import numpy as np
p, q = 2.25, 1000
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
x = np.array([10])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
