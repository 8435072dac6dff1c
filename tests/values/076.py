import numpy as np
x = np.array([[1.5, -2.0, -2.0]])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (4,), x.shape)
print('sum: ' + str(np.sum(x)))
x = ''
y = 1e16
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
