import numpy as np
x = np.array([3.25, -2.0])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (5,), x.shape)
print('sum: ' + str(np.sum(x)))
