import numpy as np
x = np.array([[2, 0, 1], [-2, 2, 6]])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (5,), x.shape)
print('sum: ' + str(np.sum(x)))
print(0.1 + 0.2, 1.1 + 2.2, 3.14159 * 2, 0.1 * 3, -0.0)
