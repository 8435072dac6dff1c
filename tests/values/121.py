import numpy as np
print(str([1, 'a']), str(True), str(0.1), str(-3))
print('n=' + str(2) + ';')
x = np.array([0.1, 2.0, 3.25])
print(np.sum(x), np.max(x) * 0.5, np.sum(x) + 1, x.shape)
p, q = 1.0, [3]
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
