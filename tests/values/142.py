import numpy as np
a, b, c = range(2, 5)
x, y = c, a
print(a, b, c, x, y)
x = np.array([12])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (2,), x.shape)
print('sum: ' + str(np.sum(x)))
