import numpy as np
x = np.array([0.1, 0.25])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
