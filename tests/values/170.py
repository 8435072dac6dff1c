import numpy as np
p, q = -3, 12345.678
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
x = np.array([[-4]])
print(abs(x[-1]), float(np.sum(x)), x[0] == x[0], bool(np.argmax(x)))
a = np.array([0.1, 0.1, 3.25])
b = np.array([7, 0, 10, 10, -3])
print({'a': a, 'b': b})
