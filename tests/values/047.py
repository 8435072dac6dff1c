import numpy as np
x = np.array([10, 2, 255])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
x = np.array([0.1, 1.0, 0.1, 0.25, 1.5])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
