import numpy as np
x = np.array([0.1, 0.1, 10.0, 1.0, 0.0])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (1,), x.shape)
print('sum: ' + str(np.sum(x)))
