import numpy as np
x = np.array([5, 1000, 1000, -3])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
n = 2 ** 62
print(n, n - 1, n // 7)
a, b, c = (2, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
