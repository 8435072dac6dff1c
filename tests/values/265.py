import numpy as np
print(7, 12345.678, '0.5', sep='-')
x = False
y = True
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
x = np.array([1000, -8, 100, 10, 12])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (5,), x.shape)
print('sum: ' + str(np.sum(x)))
