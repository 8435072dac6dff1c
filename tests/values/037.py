import numpy as np
x = False
y = False
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
x = np.array([7, 255, 5, 0])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
