import numpy as np
a = -8
b = 7
c = -3
print(a <= b < c, 3 > 2 > 5, a != c, 1 < 2 < 3)
x = np.array([5, 5, 100, 12, 42])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
