import numpy as np
a = -3
b = -3
c = 3.0
print(a < b, a != c, 3 > 2 > 5, c > a > b)
x = np.array([100, 1, 2, 10])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (4,), x.shape)
print('sum: ' + str(np.sum(x)))
print(3.14159 * 2, 3.14159 * 2, 2 ** 0.5)
