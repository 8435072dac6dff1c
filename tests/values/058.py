import numpy as np
x = np.array([2, 10, 1000, 100, 1])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
print(type(2.0) is float, isinstance(True, int), type(True), isinstance(1.5, (int, float)))
print(isinstance(1.0, float), isinstance(True, int), type(True), type(range(2)))
